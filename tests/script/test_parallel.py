"""Compiling in more than one process (`vn.script.parallel`) gives exactly the one-process
result: the same program (instructions, ids, index order) and the same diagnostics in the same
order with the same file, line and column — for clean scripts, for broken ones, and when a
file is cut between two processes. Where the parts could differ, everything is compiled in
one process; these tests check both that the parts were used and that the result is the same."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from vn.script import ProgramCache, compile_game, parallel
from vn.script.programcache import decode, encode, entries_written_later


@pytest.fixture(autouse=True)
def no_other_thread(monkeypatch):
    """Threads earlier tests left running in this process (the camera's band thread, a file
    watcher) would send every compile here to one process; these tests are about the parts, so
    they compile as a process with no other thread does (the test about threads sets its own)."""
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not sys.platform.startswith("linux"),
                                reason="worker processes are forked on Linux only")

MANIFEST = """\
title: Parallel test
start: start
characters:
  z: {name: Zack, color: "#8fb8ff"}
  s: {name: Sephiroth}
variables: {trust: 0, name: "you", stayed: false}
"""

START = """\
# a comment before the first label
start:
  - Plain narration.
  - z: "Hello, [name]. {b}Bold{/b} and {color=#f88}red{/color}{w=0.5} then {size=+8}big{/size}."
  - call: sub
  - jump: l0
sub:
  - A line in a call.
  - return
"""


def _label(i: int, last: bool, rng: random.Random) -> str:
    out = [f"l{i}:\n"]
    for j in range(rng.randint(3, 12)):
        k = rng.randrange(10)
        if k == 0:
            out.append(f"  - z: Line {i}.{j} with {{i}}tags{{/i}} and [name].\n")
        elif k == 1:
            out.append(f"  - s: \"Reply {i}.{j}: quoted.\"\n")
        elif k == 2:
            out.append(f"  - if: trust > {j}\n    then:\n      - z: Then {i}.{j}.\n    else:\n      - Else {i}.{j}.\n")
        elif k == 3:
            out.append(f"  - choice:\n      - Left {i}.{j}:\n          - set: {{trust: \"trust + 1\"}}\n"
                       f"      - text: Right {i}.{j}\n        if: stayed\n        do:\n          - s: Right.\n")
        elif k == 4:
            out.append("  - wait: 0.5\n  - pause\n")
        elif k == 5:
            out.append(f"  - z: With an id {i}.{j}.\n    id: id_{i}_{j}\n")
        elif k == 6:
            out.append("  - The same line again.\n  - The same line again.\n")
        elif k == 7:
            out.append(f"  - transition: fade\n  - card: Chapter {i}\n  - stage: st{i % 3}\n  - light: p{j % 4}\n"
                       f"  - music: m{i % 5}.ogg\n  - sound: s{j % 2}.ogg\n")
        elif k == 8:
            out.append(f"  - s: \"Wait{{w=0.5}} {i}.{j}{{p}}and {{color=#f88}}[name]{{/color}}.{{nw}}\"\n")
        else:
            out.append(f"  - Narration {i}.{j} goes on.\n")
    out.append("  - end\n" if last else f"  - jump: l{i + 1}\n")
    return "".join(out)


def _files(labels: int = 60, files: int = 3, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    bodies = [_label(i, i == labels - 1, rng) for i in range(labels)]
    per = -(-labels // files)
    out = [("scripts/a_start.yaml", START)]
    for f in range(files):
        out.append((f"scripts/part{f}.yaml", "".join(bodies[f * per:(f + 1) * per])))
    return out


@pytest.fixture
def used(monkeypatch):
    """Compile in parts even for small scripts; record whether the parts were joined."""
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    joined: list[bool] = []
    real = parallel._add_in_parts

    def spy(comp, runs):
        result = real(comp, runs)
        joined.append(result)
        return result

    monkeypatch.setattr(parallel, "_add_in_parts", spy)
    return joined


def _both(files, workers: int = 2):
    one = compile_game(("scripts/game.yaml", MANIFEST), files, None, workers=1)
    many = compile_game(("scripts/game.yaml", MANIFEST), files, None, workers=workers)
    return one, many


def _same(one, many) -> None:
    (p1, d1), (p2, d2) = one, many
    assert [d.format() for d in d2] == [d.format() for d in d1]  # messages, places and order
    assert d2 == d1
    if p1 is None:
        assert p2 is None
        return
    assert p2.uses == p1.uses  # (`vn check` reads it: summed by each worker, no label made for it)
    assert list(p2.labels) == list(p1.labels)
    for name in p1.labels:
        assert p2.labels[name] == p1.labels[name], name
    assert list(p2.index.items()) == list(p1.index.items())
    assert p2 == p1


@pytest.mark.parametrize("workers", [2, 3, 4])
def test_a_clean_game_compiles_to_the_same_program(used, workers):
    files = _files()
    one, many = _both(files, workers)
    assert used == [True]
    assert one[0] is not None and one[0].line_count > 200
    assert {"st0", "st1", "st2"} <= one[0].uses.stages and len(one[0].uses.audio) == 7
    later = [lab for lab in many[0].labels.values() if "code" in (lab.__dict__.get("_deferred") or {})]
    assert later, "the workers' labels are made when first read"
    assert many[0].uses == one[0].uses
    assert all("code" in lab.__dict__["_deferred"] for lab in later), "summing what they use made none"
    _same(one, many)


def test_one_big_file_is_cut_at_labels_and_gives_the_same_program(used):
    files = [("scripts/a_start.yaml", START), ("scripts/all.yaml", "".join(t for _, t in _files(files=1)[1:]))]
    runs = parallel._plan(files, 3)
    assert runs is not None and sum(u.cut for run in runs for u in run) >= 2  # the big file is cut
    one, many = _both(files, 3)
    assert used == [True]
    _same(one, many)


def test_instructions_of_a_worker_label_are_made_when_first_read(used):
    files = _files()
    program, _ = compile_game(("scripts/game.yaml", MANIFEST), files, None, workers=2)
    last = program.labels["l59"]
    assert "code" in last.__dict__.get("_deferred", {})  # compiled in the worker, not made yet
    assert last.code[-1].op == "end" and program.index[last.code[0].id] == ("l59", 0)


# what a modder gets wrong, put in the part a worker compiles (the last file) or across parts
BROKEN = {
    "unknown command": ("scripts/part2.yaml", "  - jump: l", "  - jumpp: l"),
    "unknown label": ("scripts/part2.yaml", "  - jump: l", "  - jump: nowhere_l"),
    "bad markup": ("scripts/part2.yaml", "  - Narration", "  - Narration {b}open"),
    "unset variable": ("scripts/part2.yaml", "  - Narration", "  - if: trus > 1\n    then: [pause]\n  - Narration"),
    "syntax error": ("scripts/part2.yaml", "  - Narration", "  - z: a: b\n  - Narration"),
    "tab": ("scripts/part2.yaml", "  - Narration", "\t- Narration"),
    "label defined in two parts": ("scripts/part2.yaml", "l41:\n", "l1:\n  - Again.\nl41:\n"),
    "id given in two parts": ("scripts/part2.yaml", "  - Narration", "  - z: Taken.\n    id: id_taken\n  - Narration"),
    "derived id taken in another part": ("scripts/part0.yaml", "  - Narration", "  - z: x\n    id: DERIVED\n  - Narration"),
    "loop forever": ("scripts/part2.yaml", "  - jump: l", "  - jump: spin\nspin:\n  - set: {trust: 1}\n  - jump: spin\n"
                     "after_spin:\n  - jump: l"),
    "return outside a call": ("scripts/part2.yaml", "  - jump: l", "  - return\n  - jump: l"),
    "alias": ("scripts/part2.yaml", "  - Narration", "  - &a Hello.\n  - *a\n  - Narration"),
    "empty label": ("scripts/part2.yaml", "l41:\n", "empty_one:\nl41:\n"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_game_gives_the_same_diagnostics(used, case):
    path, old, new = BROKEN[case]
    files = _files()
    if case == "id given in two parts":
        files = [(p, t.replace("  - Plain narration.", "  - z: First.\n    id: id_taken")) if p.endswith("start.yaml")
                 else (p, t) for p, t in files]
    if case == "derived id taken in another part":  # an id written by hand that a line of a later part derives
        program, _ = compile_game(("scripts/game.yaml", MANIFEST), files, None, workers=1)
        derived = next(i.id for i in program.labels["l45"].code if i.op == "line" and "#" not in i.id)
        new = new.replace("DERIVED", derived)
    files = [(p, t.replace(old, new, 1) if p == path else t) for p, t in files]
    assert any(new in t for _, t in files)
    one, many = _both(files, 3)
    _same(one, many)
    assert used  # the parts were tried
    if case == "derived id taken in another part":  # nothing to report: the line's id moves aside
        assert one[0].index[derived][0] != "l45" and one[0].index[derived + ".2"][0] == "l45"
        return
    assert one[1], "the case must report something"


def test_a_broken_cut_part_is_compiled_in_one_process_with_the_same_report(used):
    big = "".join(t for _, t in _files(files=1)[1:])
    lines = big.splitlines(keepends=True)
    at = len(lines) * 3 // 4
    lines.insert(at, "  - z: {unclosed\n")  # in the last part of the cut file
    files = [("scripts/a_start.yaml", START), ("scripts/all.yaml", "".join(lines))]
    one, many = _both(files, 2)
    assert used == [False]  # a cut part that is not clean YAML: reported the careful way, for the whole file
    assert any("YAML syntax" in d.message for d in one[1])
    _same(one, many)


@pytest.mark.parametrize("text", [
    "a:\n  - x\n---\nb:\n  - y\n",  # a second document after a cut would read alone
    "a:\n  - x\n...\nb:\n  - y\n",
    "a:\r  - x\rb:\r  - y\r",  # lines counted by a break other than LF / CRLF
    "a:\n  - x\u2028b:\n  - y\n",
    "a:\n  - x\nb:\n  - \ufeffy\n",
])
def test_a_file_that_could_read_differently_in_parts_is_not_cut(text):
    assert parallel._cut_near(text, len(text) // 2) is None


def test_a_cut_is_at_a_label_and_never_before_the_first():
    text = "# notes\n\nfirst:\n  - x\nsecond:  # a comment\n  - y\n  - 'third:'\nthird:\n  - z\n"
    assert parallel._cut_near(text, 0) == text.index("second:")
    assert parallel._cut_near(text, text.index("- y")) == text.index("third:\n")
    assert parallel._cut_near(text, len(text)) == text.index("third:\n")  # none after: the last before
    crlf = text.replace("\n", "\r\n")
    assert parallel._cut_near(crlf, 0) == crlf.index("second:")


def test_windows_line_endings_and_a_byte_order_mark_keep_their_lines(used):
    files = [(p, ("\ufeff" if "part" in p else "") + t.replace("\n", "\r\n")) for p, t in _files(files=1)]
    files.append(("scripts/zz.yaml", "late:\r\n  - z: \"{b}broken\"\r\n"))
    one, many = _both(files, 3)
    assert used == [True]
    assert (one[1][0].path, one[1][0].line, one[1][0].col) == ("scripts/zz.yaml", 2, 9)
    _same(one, many)


def test_a_failed_worker_leaves_the_work_to_this_process(used, monkeypatch):
    def boom(part):
        raise MemoryError("a worker ran out")

    monkeypatch.setattr(parallel, "_encode", boom)  # runs in the forked worker only
    one, many = _both(_files(), 2)
    assert used == [False]
    _same(one, many)


def test_small_scripts_stay_in_one_process(monkeypatch):
    calls: list[object] = []
    monkeypatch.setattr(parallel, "_add_in_parts", lambda comp, runs: calls.append(runs) or False)
    compile_game(("scripts/game.yaml", MANIFEST), _files(labels=4), None, workers=2)
    assert calls == []


def test_a_program_compiled_in_parts_is_cached_and_read_back_whole(used, tmp_path: Path):
    files = _files()
    cache = ProgramCache(tmp_path)
    with entries_written_later():
        program, diags = compile_game(("scripts/game.yaml", MANIFEST), files, None, cache=cache, workers=2)
        assert "code" in program.labels["l59"].__dict__.get("_deferred", {})  # put() made nothing
    assert used == [True]
    hit = compile_game(("scripts/game.yaml", MANIFEST), files, None, cache=cache, workers=2)
    one = compile_game(("scripts/game.yaml", MANIFEST), files, None, workers=1)
    _same(one, hit)
    _same(one, (program, diags))


def test_the_cache_entry_of_a_program_compiled_in_parts_is_the_one_process_entry(used):
    """A worker's labels not read yet are written from what the worker sent (no instruction
    made); the entry is byte for byte the one-process program's, and reads back the same."""
    files = _files()
    one = compile_game(("scripts/game.yaml", MANIFEST), files, None, workers=1)
    many = compile_game(("scripts/game.yaml", MANIFEST), files, None, workers=2)
    # every part is compiled in a worker: no label is made here
    assert used == [True] and all("code" in lab.__dict__["_deferred"] for lab in many[0].labels.values())
    meta1, chunks1 = encode(*one)
    meta2, chunks2 = encode(*many)
    assert all("code" in lab.__dict__["_deferred"] for lab in many[0].labels.values())  # still not made
    assert meta2 == meta1 and chunks2 == chunks1
    back, diags = decode(meta2, lambda n: chunks2[n])
    _same(one, (back, diags))


def test_no_worker_is_forked_while_another_thread_runs(monkeypatch):
    """A fork copies only the calling thread (a lock another thread holds stays held in the
    worker): a hot reload, with the file watcher's thread running, compiles in one process."""
    import threading

    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    calls: list[object] = []
    monkeypatch.setattr(parallel, "_add_in_parts", lambda comp, runs: calls.append(runs) or False)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    monkeypatch.setattr(threading, "active_count", lambda: 2 if watcher.is_alive() else 1)
    watcher.start()
    try:
        program, _ = compile_game(("scripts/game.yaml", MANIFEST), _files(), None, workers=2)
    finally:
        stop.set()
        watcher.join()
    assert calls == [] and program is not None
    compile_game(("scripts/game.yaml", MANIFEST), _files(), None, workers=2)
    assert len(calls) == 1  # alone again: the parts are tried


def test_each_part_is_worth_sending(monkeypatch):
    """Past MIN_CHARS, another worker only for each further half of it."""
    plans: list[int] = []
    monkeypatch.setattr(parallel, "_add_in_parts", lambda comp, runs: plans.append(len(runs)) or False)
    files = _files()
    total = sum(len(t) for _, t in files)
    for min_chars, expected in ((total, 2), (total * 2 // 3, 3), (total // 2, 4), (total // 10, 4)):
        monkeypatch.setattr(parallel, "MIN_CHARS", min_chars)
        compile_game(("scripts/game.yaml", MANIFEST), files, None, workers=4)
        assert plans[-1] == expected, (min_chars, plans)
