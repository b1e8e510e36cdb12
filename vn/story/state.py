"""Everything a save holds, in one plain object that round-trips through versioned JSON.

Positions are saved as anchors (`vn.story.positions.Anchor`: label, pc, stable id, a hash of
the instruction's content and of its neighbours) so that a save made before a script edit still
lands on the right line after it (see `Story.restore`). Never pickle.

Format history: 1 — position {label, pc, id, ordinal}, stack [{label, pc, id}] (the return
point); 2 — the position and each frame's `call` carry an anchor's content key and context,
`chapter` (the last card passed) and `lost_return` are added. Format 1 still loads.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

from vn.story.positions import Anchor

FORMAT = 2  # bump when the JSON layout changes; readers accept FORMAT and MIN_FORMAT..FORMAT
MIN_FORMAT = 1


def empty_stage() -> dict[str, Any]:
    return {"stage": None, "sprites": {}, "light": None, "music": None, "ambience": None, "textbox": True,
            "vignette": None, "camera": None}


@dataclass
class Frame:
    """Where a `call` returns to."""

    label: str
    pc: int  # the instruction after the call
    id: str | None = None
    call: Anchor | None = None  # the saved anchor of the call (format 2), until restored


@dataclass
class StoryState:
    label: str
    pc: int = 0
    status: str = "running"  # running | shown (a line or choice is on screen) | choice | ended
    stack: list[Frame] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    seed: int = 0
    draws: int = 0
    stage: dict[str, Any] = field(default_factory=empty_stage)
    at_id: str | None = None  # stable id of the instruction at pc (kept in sync by the story)
    ordinal: int = -1
    chapter: dict[str, str] | None = None  # the last chapter card passed: {"title", "label"}
    lost_return: str | None = None  # a caller's label that a restore could not find again
    anchor: Anchor | None = None  # the saved position's anchor, as read by from_json

    def to_json(self, position: Anchor | None = None, calls: list[Anchor] | None = None,
                seen: bool = True) -> dict[str, Any]:
        """The JSON of this state. `position` and `calls` (one per stack frame) are the anchors
        `Story.save` computes; without them only label, pc, id and ordinal are written (exact
        within one program: rollback). `seen=False` leaves the seen ids out (rollback)."""
        pos = position.to_json() if position is not None else \
            {"label": self.label, "pc": self.pc, "id": self.at_id, "ordinal": self.ordinal}
        stack = []
        for n, f in enumerate(self.stack):
            entry: dict[str, Any] = {"label": f.label, "pc": f.pc, "id": f.id}
            if calls is not None:
                entry["call"] = calls[n].to_json()
            stack.append(entry)
        out = {
            "format": FORMAT,
            "position": pos,
            "status": self.status,
            "stack": stack,
            "variables": dict(self.variables),
            "visits": dict(self.visits),
            "rng": {"seed": self.seed, "draws": self.draws},
            "stage": copy.deepcopy(self.stage),
            "chapter": dict(self.chapter) if self.chapter else None,
            "lost_return": self.lost_return,
        }
        if seen:
            out["seen"] = sorted(self.seen)
        return out

    @classmethod
    def from_json(cls, data: Any) -> StoryState:
        """Rebuild a state; raise SaveFormatError naming what is wrong with the data."""
        if not isinstance(data, dict):
            raise SaveFormatError("a save is a JSON object")
        fmt = data.get("format")
        if not isinstance(fmt, int) or isinstance(fmt, bool):
            raise SaveFormatError("the save has no format version")
        if fmt > FORMAT:
            raise SaveFormatError(f"the save is format {fmt}, newer than this engine reads ({FORMAT})")
        if fmt < MIN_FORMAT:
            raise SaveFormatError(f"the save is format {fmt}, older than this engine reads ({MIN_FORMAT})")
        pos = _get(data, "position", dict)
        state = cls(label=_get(pos, "label", str), pc=_get(pos, "pc", int))
        state.at_id = _opt(pos, "id", str)
        state.ordinal = _opt(pos, "ordinal", int) if pos.get("ordinal") is not None else -1
        state.anchor = _anchor(pos)
        state.status = _get(data, "status", str)
        if state.status not in ("running", "shown", "choice", "ended"):
            raise SaveFormatError(f"unknown status '{state.status}'")
        for f in _get(data, "stack", list):
            if not isinstance(f, dict):
                raise SaveFormatError("a call-stack entry is not an object")
            call = _anchor(_get(f, "call", dict)) if "call" in f else None
            state.stack.append(Frame(_get(f, "label", str), _get(f, "pc", int), _opt(f, "id", str), call))
        variables = _get(data, "variables", dict)
        for k, v in variables.items():
            if not _plain(v):
                raise SaveFormatError(f"variable '{k}' holds an unsupported value")
        state.variables = dict(variables)
        visits = _get(data, "visits", dict)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in visits.values()):
            raise SaveFormatError("visit counts must be whole numbers")
        state.visits = dict(visits)
        seen = data.get("seen", [])
        if not isinstance(seen, list):
            raise SaveFormatError("'seen' has the wrong type")
        if not all(isinstance(s, str) for s in seen):
            raise SaveFormatError("seen lines must be ids")
        state.seen = set(seen)
        rng = _get(data, "rng", dict)
        state.seed, state.draws = _get(rng, "seed", int), _get(rng, "draws", int)
        stage = _get(data, "stage", dict)
        base = empty_stage()
        base.update({k: v for k, v in stage.items() if k in base})
        _check_stage(base)
        state.stage = base
        chapter = data.get("chapter")
        if chapter is not None:
            if not (isinstance(chapter, dict) and isinstance(chapter.get("title"), str)
                    and isinstance(chapter.get("label"), str)):
                raise SaveFormatError("'chapter' has the wrong type")
            state.chapter = {"title": chapter["title"], "label": chapter["label"]}
        state.lost_return = _opt(data, "lost_return", str)
        return state


class SaveFormatError(Exception):
    """The data is not a save this engine can read."""


def _check_stage(stage: dict[str, Any]) -> None:
    """The stage snapshot's values have the shapes the scene and the mixer restore from."""
    def text_or_none(v: Any) -> bool:
        return v is None or isinstance(v, str)

    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    if not text_or_none(stage["stage"]) or not text_or_none(stage["light"]):
        raise SaveFormatError("the stage or light in the save is not a name")
    if not isinstance(stage["textbox"], bool):
        raise SaveFormatError("'textbox' in the save is not true or false")
    sprites = stage["sprites"]
    if not isinstance(sprites, dict) or not all(
            isinstance(spec, dict) and text_or_none(spec.get("look")) and text_or_none(spec.get("at"))
            for spec in sprites.values()):
        raise SaveFormatError("stage sprites must be objects with a look and a mark")
    vignette = stage["vignette"]
    if vignette is not None and not (isinstance(vignette, dict) and text_or_none(vignette.get("color"))
                                     and (vignette.get("strength") is None or number(vignette["strength"]))):
        raise SaveFormatError("the vignette in the save has the wrong shape")
    for channel in ("music", "ambience"):
        track = stage.get(channel)
        if track is not None and not (isinstance(track, dict) and isinstance(track.get("file"), str)
                                      and isinstance(track.get("loop", True), bool)
                                      and number(track.get("volume", 1.0))):
            raise SaveFormatError(f"the {channel} in the save has the wrong shape")
    camera = stage.get("camera")
    if camera is not None and not (isinstance(camera, dict) and text_or_none(camera.get("mark"))
                                   and all(camera.get(k) is None or number(camera[k]) for k in ("x", "y", "zoom"))):
        raise SaveFormatError("the camera in the save has the wrong shape")


def _anchor(d: dict[str, Any]) -> Anchor:
    try:
        return Anchor.from_json(d)
    except ValueError as exc:
        raise SaveFormatError(str(exc)) from None


def _get(d: dict[str, Any], key: str, kind: type) -> Any:
    if key not in d:
        raise SaveFormatError(f"the save has no '{key}'")
    v = d[key]
    if not isinstance(v, kind) or (kind is int and isinstance(v, bool)):
        raise SaveFormatError(f"'{key}' has the wrong type")
    return v


def _opt(d: dict[str, Any], key: str, kind: type) -> Any:
    v = d.get(key)
    if v is not None and not isinstance(v, kind):
        raise SaveFormatError(f"'{key}' has the wrong type")
    return v


def _plain(v: Any) -> bool:
    if isinstance(v, float):
        return math.isfinite(v)
    return isinstance(v, (bool, int, str))
