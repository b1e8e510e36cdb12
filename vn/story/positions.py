"""Positions that survive script edits: a saved place is found again the way `patch` finds
a hunk — by its content and its context.

A position is saved as an `Anchor`: its label and pc, the instruction's stable id, a short hash
of the instruction's *content* (speaker and text of a line, the options of a choice, the target
of a call, the arguments of a direction…) and the content hashes of up to `CONTEXT`
instructions before and after it in its label. Ids alone are not enough: a derived id numbers
repeated lines (`...`, `...`) in order, so inserting or deleting one renumbers the others.

Restoring (`resolve`) aligns the saved window of hashes with each label's hashes (difflib's
longest matching blocks, as `diff` does), so:
- the saved instruction still there, lines inserted/deleted/duplicated around it → found
  exactly ("exact"; "moved" when its label was renamed, or the line moved to another label);
- the saved line edited (a typo fixed) or a choice's options changed → the instruction of the
  same kind in the gap between the matched neighbours whose text is most similar
  (difflib ratio ≥ `SIMILAR`) ("edited");
- the saved line deleted → the first instruction after where it was ("nearest");
- nothing of the window left anywhere → the saved label's nearest instruction by number, or the
  program's start when the label is gone too ("lost").
Only "exact" and "moved" land on the saved line itself; the others come with a notice.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from vn.script.markup import Template
from vn.script.program import Instr, Program

CONTEXT = 4  # instructions kept on each side of a saved position
SIMILAR = 0.5  # difflib ratio from which an edited line or choice counts as the same one
START, END = "<start>", "<end>"
_TEXT_MAX = 200
_INDEX_ATTR = "_position_index"
_DISTINCTIVE = 24  # an instruction found in more labels than this does not pick labels to search
_DERIVED = re.compile(r"^.*\.[0-9a-f]{8}(\.[0-9]+)?$")


@dataclass(frozen=True)
class Anchor:
    """A saved position: see the module docstring. `key`/`before`/`after` are None/() in saves
    made before format 2 (then only id, label and ordinal are known)."""

    label: str
    pc: int
    id: str | None = None
    ordinal: int = -1
    key: str | None = None
    op: str | None = None
    text: str = ""
    before: tuple[str, ...] = ()  # nearest first
    after: tuple[str, ...] = ()  # nearest first

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "pc": self.pc, "id": self.id, "ordinal": self.ordinal}
        if self.key is not None:
            out.update(key=self.key, op=self.op, text=self.text, before=list(self.before), after=list(self.after))
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Anchor:
        """Raises ValueError naming what is wrong."""
        label, pc = data.get("label"), data.get("pc")
        if not isinstance(label, str) or not isinstance(pc, int) or isinstance(pc, bool):
            raise ValueError("a position has no label or pc")
        ident, ordinal, key, op = data.get("id"), data.get("ordinal", -1), data.get("key"), data.get("op")
        text, before, after = data.get("text", ""), data.get("before", []), data.get("after", [])
        if any(v is not None and not isinstance(v, str) for v in (ident, key, op)):
            raise ValueError("a position's id has the wrong type")
        if ordinal is None:
            ordinal = -1
        if not isinstance(ordinal, int) or not isinstance(text, str):
            raise ValueError("a position's ordinal or text has the wrong type")
        for seq in (before, after):
            if not isinstance(seq, list) or not all(isinstance(k, str) for k in seq):
                raise ValueError("a position's context is not a list of keys")
        return cls(label, pc, ident, ordinal, key, op, text[:_TEXT_MAX], tuple(before[:CONTEXT]), tuple(after[:CONTEXT]))


@dataclass(frozen=True)
class Resolved:
    label: str
    pc: int
    how: str  # exact | moved | edited | nearest | lost
    detail: str = ""  # for logs and modders: what was matched, and where

    @property
    def same_line(self) -> bool:
        return self.how in ("exact", "moved")


class _Index:
    """Per label: the content key of every instruction (and one past the end), and its text."""

    def __init__(self, program: Program) -> None:
        self.keys: dict[str, list[str]] = {}
        self.texts: dict[str, list[str]] = {}
        self.ops: dict[str, list[str]] = {}
        self.labels_of: dict[str, set[str]] = {}
        for name, lab in program.labels.items():
            keys = [content_key(ins, name) for ins in lab.code] + [END]
            self.keys[name] = keys
            self.texts[name] = [content_text(ins) for ins in lab.code] + [""]
            self.ops[name] = [ins.op for ins in lab.code] + [END]
            for k in keys:
                self.labels_of.setdefault(k, set()).add(name)


def _index(program: Program) -> _Index:
    idx = program.__dict__.get(_INDEX_ATTR)
    if idx is None:
        idx = _Index(program)
        program.__dict__[_INDEX_ATTR] = idx
    return idx


def content_key(ins: Instr, label: str) -> str:
    """A short hash of what an instruction does, leaving out instruction numbers. A line or
    option with an explicit `id:` is known by that id alone: its text may change freely."""
    a = ins.args
    if ins.op in ("line", "menu") and explicit_id(ins.id, label):
        basis = f"id\x1f{ins.id}"
    elif ins.op == "line":
        basis = f"line\x1f{a['speaker'] or ''}\x1f{a['text'].plain_source()}"
    elif ins.op == "menu":
        basis = "menu\x1f" + "\x1e".join(o.text.plain_source() for o in a["options"])
    elif ins.op in ("jump", "call"):
        basis = f"{ins.op}\x1f{a['label']}"
    elif ins.op == "direction":
        basis = f"direction\x1f{a['command']}\x1f{json.dumps(a['args'], sort_keys=True, default=_plain)}"
    elif ins.op == "set":
        basis = "set\x1f" + "\x1e".join(f"{n}={e!r}" for n, e in a["assign"])
    elif ins.op == "branch":
        basis = f"branch\x1f{a['cond']!r}"
    elif ins.op == "wait":
        basis = f"wait\x1f{a['seconds']}\x1f{a['click_ends']}"
    else:  # goto, return, end
        basis = ins.op
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:8]


def explicit_id(ident: str, label: str) -> bool:
    """Was this id written in the script (`id:`), rather than derived by the compiler?"""
    return not (_DERIVED.match(ident) and ident.startswith(label + ".") or ident.startswith(label + "#"))


def _plain(v: object) -> str:
    return v.plain_source() if isinstance(v, Template) else str(v)


def content_text(ins: Instr) -> str:
    """The words a reader would recognise the instruction by ('' for most directions)."""
    a = ins.args
    if ins.op == "line":
        who = f"{a['speaker']}: " if a["speaker"] else ""
        return (who + a["text"].plain_source())[:_TEXT_MAX]
    if ins.op == "menu":
        return " / ".join(o.text.plain_source() for o in a["options"])[:_TEXT_MAX]
    if ins.op in ("call", "jump"):
        return f"{ins.op} {a['label']}"
    return ""


def anchor(program: Program, label: str, pc: int) -> Anchor:
    """The anchor of (label, pc) in `program` (pc may be one past the label's end)."""
    lab = program.labels.get(label)
    if lab is None:
        return Anchor(label, pc)
    idx = _index(program)
    keys = idx.keys[label]
    pc = max(0, min(pc, len(keys) - 1))
    ins = program.instr(label, pc)
    before = tuple(keys[max(0, pc - CONTEXT):pc][::-1])
    after = tuple(keys[pc + 1:pc + 1 + CONTEXT])
    return Anchor(label, pc, ins.id if ins else None, ins.ordinal if ins else -1, keys[pc],
                  ins.op if ins else END, idx.texts[label][pc], before, after)


def resolve(program: Program, a: Anchor) -> Resolved:
    """Where a saved position is in `program` (see the module docstring)."""
    if a.key is None:
        return _resolve_by_id(program, a)
    idx = _index(program)
    window = list(a.before[::-1]) + [a.key] + list(a.after)
    me = len(a.before)
    # labels worth aligning: the saved one, and any holding the saved instruction or its context
    candidates: set[str] = {a.label} if a.label in idx.keys else set()
    for k in set(window):
        holders = idx.labels_of.get(k, set())
        if k != END and len(holders) <= _DISTINCTIVE:  # a goto or `return` says nothing of where
            candidates |= holders
    best: tuple[float, bool, str, dict[int, int]] | None = None
    for name in sorted(candidates):
        mapping = _align(window, idx.keys[name])
        score = len(mapping) + (2.0 if me in mapping else 0.0)
        if score == 0:
            continue
        rank = (score, name == a.label, name, mapping)
        if best is None or rank[:2] > best[:2]:
            best = rank
    if best is None or (best[0] < 2 and me not in best[3] and best[2] != a.label):
        return _fallback(program, a)
    _, _, name, mapping = best
    if me in mapping:
        pc = mapping[me]
        how = "exact" if name == a.label else "moved"
        return Resolved(name, pc, how, f"found in '{name}' at {pc}")
    keys = idx.keys[name]
    # the gap where it was: after the last matched neighbour before it, up to the first after it
    before_m = [i for i in mapping if i < me]
    after_m = [i for i in mapping if i > me]
    if before_m:
        lo = mapping[max(before_m)] + 1
    else:  # only later context matched: count back from it
        lo = max(0, mapping[min(after_m)] - (min(after_m) - me))
    hi = mapping[min(after_m)] if after_m else min(len(keys) - 1, lo + CONTEXT + 1)
    hi = max(hi, lo)
    # an edited line or choice: the same kind of instruction in the gap, with similar words
    ops = idx.ops[name]
    texts = idx.texts[name]
    saved_op = a.op
    best_sim, best_pc = 0.0, None
    for pc in range(lo, hi):
        if a.text and texts[pc] and (saved_op is None or ops[pc] == saved_op):
            sim = difflib.SequenceMatcher(None, a.text, texts[pc], autojunk=False).ratio()
            if sim > best_sim:
                best_sim, best_pc = sim, pc
    if best_pc is not None and best_sim >= SIMILAR:
        return Resolved(name, best_pc, "edited", f"'{texts[best_pc]}' in '{name}' ({best_sim:.0%} alike)")
    # gone: resume where it was — the first thing in its place, or what came after it
    return Resolved(name, min(lo, len(keys) - 1), "nearest", f"gone; resuming in '{name}' at {lo}")


def _align(window: list[str], keys: list[str]) -> dict[int, int]:
    """window index -> keys index for the elements difflib matches (longest blocks first)."""
    sm = difflib.SequenceMatcher(None, window, keys, autojunk=False)
    out: dict[int, int] = {}
    for block in sm.get_matching_blocks():
        for j in range(block.size):
            out[block.a + j] = block.b + j
    # a lone match of a common instruction (a goto, the label's end) is no evidence
    if len(out) == 1:
        (i, j), = out.items()
        if window[i] == END or keys.count(window[i]) > 1 and i != len(window) // 2:
            return {}
    return out


def _fallback(program: Program, a: Anchor) -> Resolved:
    if a.label in program.labels:
        code = program.labels[a.label].code
        if a.ordinal >= 0:
            found = program.locate(a.label, a.ordinal)
            if found is not None:
                return Resolved(a.label, found, "nearest", "nothing around it matched; by its number")
        return Resolved(a.label, max(0, min(a.pc, len(code) - 1)), "nearest",
                        "nothing around it matched; by its place")
    return Resolved(program.start, 0, "lost", f"label '{a.label}' is gone and nothing of it was found")


def _resolve_by_id(program: Program, a: Anchor) -> Resolved:
    """Saves made before format 2: the id, then (label, ordinal), then the label's start."""
    if a.id and a.id in program.index:
        label, pc = program.index[a.id]
        return Resolved(label, pc, "exact" if label == a.label else "moved", "by id")
    return _fallback(program, a)


def fingerprint(program: Program) -> str:
    """A hash of the whole program's instructions: equal means positions saved by (label, pc)
    are still exact (rollback checkpoints rely on it)."""
    idx = _index(program)
    h = hashlib.sha1()
    for name in sorted(idx.keys):
        h.update(name.encode("utf-8") + b"\x1d" + "".join(idx.keys[name]).encode("ascii") + b"\x1c")
    for ident, (label, pc) in sorted(program.index.items()):
        h.update(f"{ident}\x1f{label}\x1f{pc}\x1e".encode())
    return h.hexdigest()[:16]
