"""Chapters: which `card:` steps open a part of the story and which close it.

A card is a *chapter* when something can still be read after it: on some path from the card
the story reaches a line or a choice. A card after which every path only shows pictures,
plays sound, waits, sets variables or shows another card before the story ends (`end`, the
end of the start label, a `return` with no call) is an *ending card* ("The Door", "The Only
Promise"): the chapter select does not list it, since starting there would end the game at
once. Derived from the compiled program alone (jumps, calls and returns followed, both sides
of every condition tried), so every game and mod gets the same rule without a list to keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from vn.script.program import Program

_READABLE_OPS = {"line", "menu"}
MAX_NODES = 20_000  # positions tried from one card before it is taken for a chapter
MAX_DEPTH = 32  # calls followed deep


@dataclass(frozen=True)
class ChapterCard:
    """A chapter's card: its `label`, the `pc` of its `card:` instruction, the instruction's
    stable `id` and its `title` as written (text tags and interpolations left as source)."""

    label: str
    pc: int
    id: str
    title: str


def card_title(ins) -> str:
    """The title of a compiled `card:` instruction as its source writes it."""
    words = ins.args.get("args", {}).get("title")
    return words.plain_source() if hasattr(words, "plain_source") else str(words or "")


def is_card(ins) -> bool:
    return ins is not None and ins.op == "direction" and ins.args.get("command") == "card"


def is_ending_card(program: Program, label: str, pc: int) -> bool:
    """True when nothing readable (a line or a choice) can follow the card at (label, pc) on
    any path before the story ends. Unknown positions and searches too big to finish
    (`MAX_NODES`) count as chapters: listing one card too many is harmless, hiding a chapter
    is not."""
    todo: list[tuple[str, int, tuple[tuple[str, int], ...]]] = [(label, pc + 1, ())]
    seen: set[tuple[str, int, tuple[tuple[str, int], ...]]] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        if len(seen) > MAX_NODES:
            return False
        lab, at, stack = node
        if lab not in program.labels:
            return False
        ins = program.instr(lab, at)
        if ins is None or ins.op == "return":  # off the end of the label, or back to the caller
            if stack:
                todo.append((stack[-1][0], stack[-1][1], stack[:-1]))
            continue
        op = ins.op
        if op in _READABLE_OPS:
            return False
        if op == "end":
            continue
        if op == "goto":
            todo.append((lab, ins.args["target"], stack))
        elif op == "branch":
            todo.append((lab, at + 1, stack))
            todo.append((lab, ins.args["target"], stack))
        elif op == "jump":
            todo.append((ins.args["label"], 0, stack))
        elif op == "call":
            if len(stack) >= MAX_DEPTH:
                return False
            todo.append((ins.args["label"], 0, stack + ((lab, at + 1),)))
        else:  # direction, wait, set: pictures, sound, pauses
            todo.append((lab, at + 1, stack))
    return True


def chapter_cards(program: Program) -> list[ChapterCard]:
    """Every chapter card of the program in story order: labels in the order a reading from
    the start label first reaches them (following jumps, calls and each choice's options in
    order), then any label nothing reaches, in the program's order; within a label, by pc.
    Ending cards are left out (`is_ending_card`). Computed once per program."""
    cached = program.__dict__.get("_chapter_cards")
    if cached is not None:
        return cached
    order: list[str] = []
    todo = [program.start] if program.start in program.labels else []
    placed: set[str] = set()
    while todo:
        name = todo.pop(0)
        if name in placed or name not in program.labels:
            continue
        placed.add(name)
        order.append(name)
        todo.extend(ins.args["label"] for ins in program.labels[name].code if ins.op in ("jump", "call"))
    order.extend(name for name in program.labels if name not in placed)
    out = []
    for name in order:
        for pc, ins in enumerate(program.labels[name].code):
            if is_card(ins) and not is_ending_card(program, name, pc):
                out.append(ChapterCard(name, pc, ins.id, card_title(ins)))
    program.__dict__["_chapter_cards"] = out
    return out


def is_chapter(program: Program, label: str, title: str) -> bool:
    """True when `label` has a chapter card titled `title` (a record kept in the persistent
    data names a chapter this way)."""
    return any(c.label == label and c.title == title for c in chapter_cards(program))
