"""Everything a save holds, in one plain object that round-trips through versioned JSON.

Positions are stored three ways — the stable id of the instruction, its label and its ordinal
among the label's lines — so that a save made before a script edit still lands on the right
line after it (see `Story.restore`). Never pickle.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

FORMAT = 1  # bump when the JSON layout changes; readers accept FORMAT and MIN_FORMAT..FORMAT
MIN_FORMAT = 1


def empty_stage() -> dict[str, Any]:
    return {"stage": None, "sprites": {}, "light": None, "music": None, "ambience": None, "textbox": True,
            "vignette": None}


@dataclass
class Frame:
    """Where a `call` returns to."""

    label: str
    pc: int
    id: str | None = None


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

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "position": {"label": self.label, "pc": self.pc, "id": self.at_id, "ordinal": self.ordinal},
            "status": self.status,
            "stack": [{"label": f.label, "pc": f.pc, "id": f.id} for f in self.stack],
            "variables": dict(self.variables),
            "visits": dict(self.visits),
            "seen": sorted(self.seen),
            "rng": {"seed": self.seed, "draws": self.draws},
            "stage": copy.deepcopy(self.stage),
        }

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
        state.status = _get(data, "status", str)
        if state.status not in ("running", "shown", "choice", "ended"):
            raise SaveFormatError(f"unknown status '{state.status}'")
        for f in _get(data, "stack", list):
            if not isinstance(f, dict):
                raise SaveFormatError("a call-stack entry is not an object")
            state.stack.append(Frame(_get(f, "label", str), _get(f, "pc", int), _opt(f, "id", str)))
        variables = _get(data, "variables", dict)
        for k, v in variables.items():
            if not _plain(v):
                raise SaveFormatError(f"variable '{k}' holds an unsupported value")
        state.variables = dict(variables)
        visits = _get(data, "visits", dict)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in visits.values()):
            raise SaveFormatError("visit counts must be whole numbers")
        state.visits = dict(visits)
        seen = _get(data, "seen", list)
        if not all(isinstance(s, str) for s in seen):
            raise SaveFormatError("seen lines must be ids")
        state.seen = set(seen)
        rng = _get(data, "rng", dict)
        state.seed, state.draws = _get(rng, "seed", int), _get(rng, "draws", int)
        stage = _get(data, "stage", dict)
        base = empty_stage()
        base.update({k: v for k, v in stage.items() if k in base})
        if not isinstance(base["sprites"], dict):
            raise SaveFormatError("stage sprites must be an object")
        state.stage = base
        return state


class SaveFormatError(Exception):
    """The data is not a save this engine can read."""


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
