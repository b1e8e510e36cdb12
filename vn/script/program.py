"""The compiled program: labels holding flat instruction lists, and an index of stable ids.

Control flow inside a label is lowered to `goto`/`branch` on instruction numbers (`pc`), so the
interpreter is a small loop and a position is just (label, pc). Saves store the stable `id` of
the instruction too, so a position survives edits that shift instruction numbers.

Ops and their args:
  line       speaker (char id | None), text (Template), look (str | None)
  menu       options: tuple[Option, ...]
  goto       target (pc)
  branch     cond (Expr), target (pc to go to when cond is false)
  jump/call  label
  return/end
  set        assign: tuple[(name, Expr), ...]
  direction  command (str), args (dict: normalised values)
  wait       seconds (float | None), click_ends (bool)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count, repeat
from operator import attrgetter
from typing import Any

from vn.script.markup import Template


@dataclass(frozen=True)
class Where:
    path: str
    line: int
    col: int

    def __init__(self, path: str, line: int, col: int) -> None:
        # frozen, but made without object.__setattr__ per field: one per instruction
        d = self.__dict__
        d["path"], d["line"], d["col"] = path, line, col


@dataclass(frozen=True)
class Option:
    text: Template
    cond: tuple | None  # an expression tree, or None
    target: int  # pc of the option's first step
    id: str


@dataclass(frozen=True)
class Instr:
    op: str
    args: dict[str, Any]
    where: Where
    id: str
    ordinal: int  # the nth line or menu of its label (for saves when the id is gone); -1 otherwise

    def __init__(self, op: str, args: dict[str, Any], where: Where, id: str, ordinal: int) -> None:  # noqa: A002
        # frozen, but made without object.__setattr__ per field (see Where)
        d = self.__dict__
        d["op"], d["args"], d["where"], d["id"], d["ordinal"] = op, args, where, id, ordinal


class Deferred:
    """Fields that a program read from the compiled-program cache decodes on first use (a
    label's instructions, the id index), so a big game starts without decoding what it never
    reads. `defer(name, load)` leaves the field unset until it is read; Python only calls
    `__getattr__` for a missing attribute, so a loaded field costs nothing more to read."""

    def defer(self, name: str, load: Callable[[], Any]) -> None:
        self.__dict__.pop(name, None)
        self.__dict__.setdefault("_deferred", {})[name] = load

    def __getattr__(self, name: str) -> Any:
        pending = self.__dict__.get("_deferred")
        if pending is None or name not in pending:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        value = pending.pop(name)()
        setattr(self, name, value)
        return value


@dataclass
class Label(Deferred):
    name: str
    where: Where
    code: list[Instr] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)  # pc where each top-level step begins


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    color: str | None
    sprite: str | None


@dataclass(frozen=True)
class ContentNote:
    """A game's content note (`content_note:` in game.yaml or mod.yaml): a heading and
    paragraphs of plain text, shown on a screen of its own with Continue and Quit before a new
    game begins (`vn.ui.contentnote`)."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass
class Program(Deferred):
    title: str
    start: str
    size: tuple[int, int]
    characters: dict[str, Character]
    variables: dict[str, Any]  # declared defaults from game.yaml
    labels: dict[str, Label]
    index: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (label, pc)
    content_note: ContentNote | None = None

    def instr(self, label: str, pc: int) -> Instr | None:
        code = self.labels[label].code
        return code[pc] if 0 <= pc < len(code) else None

    def locate(self, label: str, ordinal: int) -> int | None:
        """The pc of the nth line/menu of a label, for saves whose id no longer exists."""
        lab = self.labels.get(label)
        if lab is None:
            return None
        for pc, ins in enumerate(lab.code):
            if ins.ordinal == ordinal:
                return pc
        return None

    @property
    def line_count(self) -> int:
        """How many lines (`line` instructions) the program has."""
        return self.uses.lines

    def __getattr__(self, name: str) -> Any:
        if name == "uses" and "uses" not in (self.__dict__.get("_deferred") or {}):
            return uses_in(self.labels)  # a program made by hand: summed now, never kept stale
        return super().__getattr__(name)


@dataclass(frozen=True)
class Uses:
    """What a program's instructions use, summed over every label, for the passes that look at
    the whole program (`vn check`'s line count and unused assets) without making every label's
    instructions: `Program.uses`. A program from the compiled-program cache reads it from its
    entry; a compiled one sums it when first read (a label compiled in a worker process brings
    its own, `vn.script.parallel`). An id lock or a translation changes no op, direction or
    asset name, so it holds after them.

    lines: `line` instructions; stages: names shown by `stage`; presets: names set by `light`
    (not `light: {time: …}`); audio: files played by `music` or `sound` (paths under
    assets/audio/)."""

    lines: int = 0
    stages: frozenset[str] = frozenset()
    presets: frozenset[str] = frozenset()
    audio: frozenset[str] = frozenset()


_USED_BY = {"stage": ("stages", "name"), "light": ("presets", "preset"), "music": ("audio", "file"),
            "sound": ("audio", "file")}  # direction command -> (Uses field, its argument)


def uses_of(code: list[Instr]) -> Uses:
    """The `Uses` of one label's instructions."""
    lines = 0
    used: dict[str, set[str]] = {"stages": set(), "presets": set(), "audio": set()}
    for ins in code:
        op = ins.op
        if op == "line":
            lines += 1
        elif op == "direction":
            field_arg = _USED_BY.get(ins.args["command"])
            if field_arg is not None:
                name = ins.args["args"].get(field_arg[1])
                if isinstance(name, str):
                    used[field_arg[0]].add(name)
    return Uses(lines, **{k: frozenset(v) for k, v in used.items()})


def uses_in(labels: dict[str, Label]) -> Uses:
    """The `Uses` of every label. A label whose instructions are not made yet may know its own
    without making them (`uses` on its pending loader: a label compiled in a worker process)."""
    lines = 0
    stages: set[str] = set()
    presets: set[str] = set()
    audio: set[str] = set()
    for label in labels.values():
        pending = (label.__dict__.get("_deferred") or {}).get("code")
        one = getattr(pending, "uses", None)
        if one is None:
            one = uses_of(label.code)
        lines += one.lines
        stages |= one.stages
        presets |= one.presets
        audio |= one.audio
    return Uses(lines, frozenset(stages), frozenset(presets), frozenset(audio))


_ID_OF = attrgetter("id")


def index_of(labels: dict[str, Label]) -> dict[str, tuple[str, int]]:
    """id -> (label, pc) of every instruction, in label and pc order (looped in C: a big game
    has 100,000). A label whose instructions are not made yet may know their ids without
    making them (`ids()` on its pending loader: a label compiled in a worker process)."""
    index: dict[str, tuple[str, int]] = {}
    for name, label in labels.items():
        pending = (label.__dict__.get("_deferred") or {}).get("code")
        ids = getattr(pending, "ids", None)
        pcs = zip(repeat(name), count())  # (name, 0), (name, 1), … without end
        index.update(zip(ids() if ids is not None else map(_ID_OF, label.code), pcs, strict=False))
    return index
