"""The save store: slots, quick and auto saves, what is listed when a file is damaged, and
what a game remembers across runs."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from tests.stage.helpers import NoAssets
from vn.saves import (
    AUTO_SLOTS,
    SaveMeta,
    SaveStore,
    SaveUnreadable,
    SlotOccupied,
    first_words,
    game_folder_name,
)
from vn.script import compile_text
from vn.session import Session, Settings
from vn.stage.scene import Scene

MANIFEST = "start: start\ncharacters:\n  zack: {name: Zack, color: '#8fb8ff'}\n"
SCRIPT = """
start:
  - card: I. Sunset
  - The room was quiet.
  - zack: Seph… are you awake?
  - choice:
      - Stay:
          - Stayed.
      - Leave:
          - Left.
  - The end.
"""



def program(src: str = SCRIPT):
    prog, diags = compile_text(textwrap.dedent(src), manifest=MANIFEST)
    assert prog is not None, [d.format() for d in diags]
    return prog


def playing(prog, clicks: int) -> tuple[Session, float]:
    s = Session(prog, Scene(NoAssets()), settings=Settings(cps=0))
    t = 0.0
    s.update(t)
    for _ in range(clicks):
        t += 3.0
        s.update(t)
        s.click(t)
        s.update(t)
    return s, t


def meta(when: str = "2026-11-29T10:00:00Z", words: str = "x") -> SaveMeta:
    return SaveMeta(when, "I. Sunset", "start", "Zack", words)


def test_write_read_list_and_latest(tmp_path: Path):
    prog = program()
    store = SaveStore(tmp_path / "g")
    s, _ = playing(prog, 1)
    assert s.line is not None and s.line.name == "Zack"
    m = SaveMeta.of(s)
    assert (m.chapter, m.label, m.speaker, m.words) == ("I. Sunset", "start", "Zack", "Seph… are you awake?")
    store.write("1-2", s.save(), meta("2026-11-29T10:00:00Z"), b"\x89PNG fake")
    store.write("1-1", s.save(), meta("2026-11-29T11:00:00Z"))
    page = store.page(1)
    assert [i.slot for i in page][:3] == ["1-1", "1-2", "1-3"]
    assert page[0].readable and page[1].has_thumbnail and page[2].empty and not page[0].has_thumbnail
    assert store.thumbnail("1-2") == b"\x89PNG fake"
    assert store.latest().slot == "1-1"  # the newest by its date
    loaded = Session.load(prog, Scene(NoAssets()), store.read("1-2").data, 0.0)
    loaded.update(0.0)
    assert loaded.line.text.plain == "Seph… are you awake?" and loaded.notice is None


def test_a_slot_is_not_overwritten_unless_asked(tmp_path: Path):
    prog = program()
    store = SaveStore(tmp_path)
    s, _ = playing(prog, 0)
    store.write("2-1", s.save(), meta(words="first"))
    with pytest.raises(SlotOccupied) as caught:
        store.write("2-1", s.save(), meta(words="second"))
    assert caught.value.info.meta.words == "first"
    store.write("2-1", s.save(), meta(words="second"), overwrite=True)
    assert store.info("2-1").meta.words == "second"
    backup = json.loads((tmp_path / "2-1.json.bak").read_text("utf-8"))
    assert backup["meta"]["words"] == "first"  # the previous file is kept


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b'{"format": 1, "engine": "vn", "meta": {"saved_at": "2026', "truncated"),
    (b"\xff\xfe\x00garbage", "not a text file"),
    (b'{"format": 99, "engine": "vn", "meta": {}, "session": {}}', "newer version"),
    (b'[1, 2]', "not a save"),
    (b'{"format": 1, "engine": "vn", "meta": {"saved_at": "x"}, "session": {"story": {"format": 9}}}',
     "newer version"),
    (b'{"format": 1, "engine": "vn", "meta": {"saved_at": "x"}, "session": {"story": {"format": 2}}}',
     "damaged"),
])
def test_unreadable_saves_are_listed_with_their_reason(tmp_path: Path, content: bytes, reason: str):
    prog = program()
    store = SaveStore(tmp_path)
    s, _ = playing(prog, 0)
    store.write("1-1", s.save(), meta())
    (tmp_path / "1-2.json").write_bytes(content)
    listed = {i.slot: i for i in store.list()}
    assert listed["1-1"].readable
    bad = listed["1-2"]
    assert not bad.readable and reason in bad.error
    with pytest.raises(SaveUnreadable) as caught:
        store.read("1-2")
    assert reason in caught.value.reason
    with pytest.raises(SlotOccupied):  # never overwritten without asking
        store.write("1-2", s.save(), meta())
    assert (tmp_path / "1-2.json").read_bytes() == content
    assert store.latest().slot == "1-1"


def test_quick_and_auto_slots(tmp_path: Path):
    prog = program()
    store = SaveStore(tmp_path)
    s, t = playing(prog, 1)
    store.quicksave(s.save(), meta(words="one"))
    store.quicksave(s.save(), meta(words="two"))  # the quick slot is simply replaced
    assert store.info("quick").meta.words == "two"
    loaded = Session.load(prog, Scene(NoAssets()), store.quickload().data, 0.0)
    loaded.update(0.0)
    assert loaded.line.text.plain == s.line.text.plain
    (tmp_path / "quick.json").write_text("{", "utf-8")
    with pytest.raises(SlotOccupied):  # an unreadable quick save is not replaced silently
        store.quicksave(s.save(), meta())
    for n in range(AUTO_SLOTS + 2):
        store.autosave(s.save(), meta(f"2026-11-29T10:{n:02d}:00Z", words=str(n)))
    autos = sorted(i.meta.words for i in store.list() if i.slot.startswith("auto-"))
    assert len(autos) == AUTO_SLOTS and "0" not in autos and "1" not in autos  # the oldest rotate out


def test_games_and_mods_get_their_own_folders():
    a = game_folder_name("The Only Promise", "bundled")
    b = game_folder_name("The Only Promise", "bundled\n/home/me/mod")
    assert a != b and a.startswith("the-only-promise-")


def test_first_words():
    assert first_words("Short line.") == "Short line."
    long = "word " * 40
    cut = first_words(long, 30)
    assert len(cut) <= 30 and cut.endswith("…") and not cut.startswith(" ")


def test_persistent_round_trip_and_damage(tmp_path: Path):
    store = SaveStore(tmp_path)
    p = store.persistent()
    assert not p.seen and p.problem is None
    p.mark_seen("start.abc")
    p.mark_chosen("start.opt")
    p.reach_ending("No Promise", "leave")
    p.reach_chapter("I. Sunset", "sunset")
    assert store.write_persistent(p) and not store.write_persistent(p)  # unchanged: not rewritten
    again = store.persistent()
    assert again.seen == {"start.abc"} and again.chosen == {"start.opt"}
    assert again.endings == [{"title": "No Promise", "label": "leave"}]
    store.persistent_path.write_text('{"format": 7}', "utf-8")
    newer = store.persistent()
    assert newer.read_only and "newer" in newer.problem
    newer.mark_seen("x")
    assert not store.write_persistent(newer) and json.loads(store.persistent_path.read_text())["format"] == 7
    store.persistent_path.write_text("{broken", "utf-8")
    damaged = store.persistent()
    assert damaged.problem and (tmp_path / "persistent.json.damaged").read_text() == "{broken"


_KILLER = """
import json, os, random, signal, sys, time
from pathlib import Path
from vn.saves import SaveMeta, SaveStore

store = SaveStore(Path(sys.argv[1]))
data = json.loads(Path(sys.argv[2]).read_text("utf-8"))
rng = random.Random(7)
observed = []  # per round: {slot: counter it holds, or an error}
for round_ in range(100):
    extra = f"2-{round_ % 6 + 1}"
    done_r, done_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write until killed, saying after each round of saves that it is done
        try:
            os.close(done_r)
            n = round_ * 1000
            while True:
                n += 1
                meta = SaveMeta("2026-11-29T10:00:00Z", words=str(n))
                store.write("1-1", data, meta, b"png" * 100, overwrite=True)
                store.write(extra, data, meta, overwrite=True)
                os.write(done_w, b".")
        finally:
            os._exit(0)
    os.close(done_w)
    os.read(done_r, 1)  # one round of saves is done: kill it somewhere in the next ones
    time.sleep(rng.uniform(0.0, 0.01))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(done_r)
    seen = {}
    for info in store.list():
        seen[info.slot] = int(info.meta.words) if info.readable else info.error
    observed.append(seen)
print(json.dumps(observed))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill a writer mid-write")
def test_sigkill_while_writing_saves_loses_nothing(tmp_path: Path, request):
    """100 times: a child process writes saves (a real session save, ~40 KB) in a loop and is
    killed with SIGKILL at a random moment after its first round of saves. After each kill,
    every slot written before is still there and readable, and the slots being written hold the
    old save or the new one, never half. (A small helper process forks the writers: forking
    pytest itself costs ~20 ms a time in copy-on-write faults.)"""
    import shutil
    import subprocess
    import sys
    import tempfile

    prog = program()
    s, _ = playing(prog, 1)
    data = s.save()
    data["padding"] = ["x" * 100] * 400  # as big as a save at the end of the bundled game
    (tmp_path / "data.json").write_text(json.dumps(data), "utf-8")
    # SIGKILL leaves what was written in the page cache, so fsync is not what is tested here
    # (it guards against power loss): a RAM disk keeps the 100 rounds to a few seconds
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() and os.access(shm, os.W_OK) else tmp_path / "saves"
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    done = subprocess.run([sys.executable, "-c", _KILLER, str(folder), str(tmp_path / "data.json")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    observed = json.loads(done.stdout)
    assert len(observed) == 100
    last: dict[str, int] = {}
    for round_, seen in enumerate(observed):
        assert set(last) <= set(seen), f"round {round_}: a save is gone"
        for slot, value in seen.items():
            assert isinstance(value, int), f"round {round_}: {slot} unreadable: {value}"
            assert value >= last.get(slot, 0), f"round {round_}: {slot} went back to an older save"
            last[slot] = value
        extra = f"2-{round_ % 6 + 1}"
        assert seen["1-1"] > round_ * 1000 and seen[extra] > round_ * 1000  # this round's saves are there
    assert set(last) == {"1-1", *(f"2-{n}" for n in range(1, 7))}
    store = SaveStore(folder)
    assert all(i.readable for i in store.list())
    loaded = Session.load(prog, Scene(NoAssets()), store.read("1-1").data, 0.0)
    loaded.update(0.0)
    assert loaded.line.text.plain == s.line.text.plain


def test_stale_temporary_files_of_a_killed_writer_are_cleared(tmp_path: Path):
    prog = program()
    store = SaveStore(tmp_path)
    s, _ = playing(prog, 0)
    stale = tmp_path / ".1-1.json.abc123.tmp"
    fresh = tmp_path / ".1-1.json.def456.tmp"
    stale.write_text("half a save")
    fresh.write_text("a write in progress")
    os.utime(stale, (0, 0))
    store.write("1-1", s.save(), meta())
    assert not stale.exists() and fresh.exists() and store.info("1-1").readable


def test_a_newer_game_state_format_is_listed_as_unreadable(tmp_path: Path):
    prog = program()
    store = SaveStore(tmp_path)
    s, _ = playing(prog, 0)
    data = s.save()
    data["format"] = 99
    store.write("1-1", data, meta())
    assert "newer" in store.info("1-1").error
