"""Line ids that survive edits: the id lock file `scripts/ids.lock` beside a game's scripts.

The compiler derives a line's id from its label, speaker and text, so fixing a typo would give
the line a new id and orphan its translation (Ren'Py's long-standing complaint). The lock keeps,
per label, the sequence of its lines, choices and options as they were when it was written:
each item's id, a hash of its content and its words. On loading, each label's items are aligned
with the locked sequence — first by content (difflib's matching blocks over the content
hashes, as `diff` does, so insertions, deletions and moves around an item do not disturb it),
then, in each gap between matched items, by the similarity of the words (difflib ratio at
least `SIMILAR`) — and a matched item takes its locked id. So a typo fix keeps the id (and the
translation, and the seen-marks), while a rewritten line gets a new id (its translation is then
reported as stale by `vn check`). Ids written in the script (`id:`) are never changed.

The content hashes and words are those of `vn.story.positions` (the same matcher finds saved
positions), so a save, a translation and a seen-mark agree on what "the same line" is.
The lock is written by `vn translate` and `vn check --fix-ids`; the scripts stay untouched.

File format (JSON, written atomically): {"format": 1, "labels": {LABEL: [{"id", "key", "text"}]}}.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from vn.script.program import Instr, Program
from vn.story.positions import content_key, content_text, explicit_id

LOCK_NAME = "ids.lock"
FORMAT = 1
SIMILAR = 0.75  # stricter than a save's position: a translation must be of the same sentence


class LockError(Exception):
    """The lock file cannot be used (damaged, or from a newer engine); the message says why."""


@dataclass(frozen=True)
class Item:
    """A line, a choice or a choice option of a label, as the lock knows it."""

    id: str
    key: str
    text: str
    explicit: bool = False


def items(program: Program, label: str) -> list[Item]:
    """The label's lines, choices and options, in order."""
    out: list[Item] = []
    for ins in program.labels[label].code:
        if ins.op == "line":
            out.append(Item(ins.id, content_key(ins, label), content_text(ins), explicit_id(ins.id, label)))
        elif ins.op == "menu":
            out.append(Item(ins.id, content_key(ins, label), content_text(ins), explicit_id(ins.id, label)))
            for opt in ins.args["options"]:
                text = opt.text.plain_source()
                key = hashlib.sha1(f"option\x1f{text}".encode()).hexdigest()[:8]
                out.append(Item(opt.id, key, text, explicit_id(opt.id, label)))
    return out


def match(old: list[Item], new: list[Item]) -> dict[int, int]:
    """new index -> old index: by content first (longest matching blocks), then by words within
    the gaps between matched items (the most similar old item of the gap, ratio >= SIMILAR)."""
    sm = difflib.SequenceMatcher(None, [o.key for o in old], [n.key for n in new], autojunk=False)
    out: dict[int, int] = {}
    blocks = sm.get_matching_blocks()
    for b in blocks:
        for j in range(b.size):
            out[b.b + j] = b.a + j
    # the gaps: between consecutive matching blocks, old[a0:a1] against new[b0:b1]
    a0 = b0 = 0
    for b in blocks:
        a1, b1 = b.a, b.b
        used: set[int] = set()
        for ni in range(b0, b1):
            best, best_oi = 0.0, None
            for oi in range(a0, a1):
                if oi in used:
                    continue
                sim = difflib.SequenceMatcher(None, old[oi].text, new[ni].text, autojunk=False).ratio()
                if sim > best:
                    best, best_oi = sim, oi
            if best_oi is not None and best >= SIMILAR:
                out[ni] = best_oi
                used.add(best_oi)
        a0, b0 = b.a + b.size, b.b + b.size
    return out


def read_lock(path: Path) -> dict[str, list[Item]]:
    """LABEL -> locked items. A missing file is an empty lock; raises LockError otherwise."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError) as exc:
        raise LockError(f"cannot read the id lock: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("format"), int):
        raise LockError("the id lock is not an id lock file")
    if data["format"] > FORMAT:
        raise LockError(f"the id lock was written by a newer engine (format {data['format']})")
    out: dict[str, list[Item]] = {}
    for label, entries in (data.get("labels") or {}).items():
        out[str(label)] = [Item(str(e["id"]), str(e["key"]), str(e.get("text", "")))
                           for e in entries if isinstance(e, dict) and "id" in e and "key" in e]
    return out


def lock_text(program: Program) -> str:
    labels = {name: [{"id": i.id, "key": i.key, "text": i.text} for i in items(program, name)]
              for name in program.labels}
    return json.dumps({"format": FORMAT, "labels": labels}, indent=1, ensure_ascii=False) + "\n"


def write_lock(program: Program, path: Path) -> None:
    """Lock the program's current ids (after `apply_lock`). Raises OSError."""
    from vn.atomicfile import atomic_write_text

    atomic_write_text(path, lock_text(program))


def apply_lock(program: Program, lock: dict[str, list[Item]]) -> int:
    """Give each line, choice and option of `program` its locked id where it matches a locked
    item (see the module docstring). Changes the program in place; returns how many ids
    changed. Ids written in the script are kept; a locked id already taken is not reused."""
    if not lock:  # no lock file (most games): nothing to rename, and the id index need not be made
        return 0
    taken = set(program.index)
    renames: dict[str, str] = {}
    for label in program.labels:
        old = lock.get(label)
        if not old:
            continue
        new = items(program, label)
        for ni, oi in match(old, new).items():
            item, locked = new[ni], old[oi].id
            if item.explicit or item.id == locked or locked in taken or old[oi].id in renames.values():
                continue
            renames[item.id] = locked
    if not renames:
        return 0
    for label in program.labels.values():
        label.code[:] = [_renamed(ins, renames) for ins in label.code]
    program.index.clear()
    for name, label in program.labels.items():
        for pc, ins in enumerate(label.code):
            program.index[ins.id] = (name, pc)
    program.__dict__.pop("_position_index", None)  # vn.story.positions caches per program
    return len(renames)


def _renamed(ins: Instr, renames: dict[str, str]) -> Instr:
    if ins.op == "menu":
        options = tuple(dataclasses.replace(o, id=renames.get(o.id, o.id)) for o in ins.args["options"])
        ins = dataclasses.replace(ins, args={**ins.args, "options": options})
    if ins.id in renames:
        ins = dataclasses.replace(ins, id=renames[ins.id])
    return ins
