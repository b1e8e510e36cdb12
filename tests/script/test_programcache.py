"""The compiled-program cache: a hit is the very program a fresh compile gives, and nothing it
cannot trust (an edited script, a damaged or foreign file) is ever served."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from vn.game import load_game
from vn.script import ProgramCache, compile_game
from vn.script.catalog import Catalog
from vn.script.programcache import cache_key

MANIFEST = """\
title: Cache test
start: start
characters:
  z: {name: Zack, color: "#8fb8ff"}
variables: {trust: 0, name: "you", stayed: false, ratio: 0.5}
"""

SCRIPT = """\
start:
  - Plain narration.
  - z: "Hello, [name]. {b}Bold{/b} and {color=#f88}red{/color}{w=0.5} then {size=+8}big{/size}."
  - z: Wait for it{p}and again.{nw}
  - set: {trust: "trust + 1", stayed: true}
  - if: trust >= 1 and not stayed
    then:
      - z: One.
    else:
      - Two.
  - choice:
      - "Stay {i}here{/i}":
          - set: {trust: "trust + 2"}
          - jump: finale
      - text: Leave
        if: trust > 5
        do:
          - Gone.
  - wait: 1.5
  - pause
  - call: sub
  - jump: finale
sub:
  - A line in a call.
  - return
finale:
  - z: The end.
    id: the_end
  - The end, twice.
  - The end, twice.
"""


def _compile(script: str = SCRIPT, cache: ProgramCache | None = None):
    return compile_game(("game.yaml", MANIFEST), [("s.yaml", script)], None, cache=cache)


def _loaded(program):
    """Touch every deferred field, so comparisons see them."""
    for lab in program.labels.values():
        assert isinstance(lab.code, list)
    assert isinstance(program.index, dict)
    return program


def test_a_cache_hit_is_the_program_a_fresh_compile_gives(tmp_path: Path):
    cache = ProgramCache(tmp_path)
    fresh, fresh_diags = _compile()
    assert fresh is not None, fresh_diags
    first, _ = _compile(cache=cache)  # compiles and writes the entry
    assert len(list(tmp_path.glob("*.json"))) == 1
    hit, hit_diags = cache.get(cache_key(("game.yaml", MANIFEST), [("s.yaml", SCRIPT)], None))
    assert _loaded(hit) == fresh
    assert hit.index == fresh.index and hit.index["the_end"][0] == "finale"
    assert hit_diags == fresh_diags
    again, again_diags = _compile(cache=cache)
    assert _loaded(again) == fresh and again_diags == fresh_diags


def test_warnings_come_back_from_the_cache(tmp_path: Path):
    script = SCRIPT + "orphan:\n  - Nobody comes here.\n"
    fresh, diags = _compile(script)
    assert fresh is not None and any(d.severity == "warning" for d in diags)
    cache = ProgramCache(tmp_path)
    _compile(script, cache)
    _, cached = _compile(script, cache)
    assert cached == diags


def test_the_bundled_game_round_trips(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("VN_CACHE_DIR", str(tmp_path))
    first = load_game()
    assert first.program is not None
    assert list((tmp_path / "programs").glob("*.json")), "load_game writes the cache"
    second = load_game()
    assert _loaded(second.program) == _loaded(first.program)
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]


def test_an_edited_script_is_never_served_from_the_cache(tmp_path: Path):
    cache = ProgramCache(tmp_path)
    _compile(cache=cache)
    edited = SCRIPT.replace("Plain narration.", "Edited narration.")
    program, _ = _compile(edited, cache)
    first = program.labels["start"].code[0]
    assert first.args["text"].plain_source() == "Edited narration."
    # a broken edit is reported, not hidden behind the old program
    program, diags = _compile(SCRIPT.replace("- jump: finale\nsub:", "- jump: nowhere\nsub:"), cache)
    assert program is None and any("nowhere" in d.message for d in diags)


def test_a_changed_catalog_or_path_changes_the_key():
    base = cache_key(("game.yaml", MANIFEST), [("s.yaml", SCRIPT)], None)
    assert cache_key(("game.yaml", MANIFEST), [("t.yaml", SCRIPT)], None) != base
    assert cache_key(("game.yaml", MANIFEST), [("s.yaml", SCRIPT)], Catalog(presets=frozenset({"a"}))) != base
    assert cache_key(("game.yaml", MANIFEST), [("s.yaml", SCRIPT)], None, engine="0.0.0+other") != base


def test_every_catalog_input_of_the_diagnostics_is_in_the_key(tmp_path: Path):
    """Unplayable audio files (vn check reads them; vn play does not) and the fonts' coverage
    change what a compile reports: a hit made without them must not answer for them."""
    script = "start:\n  - music: a.ogg\n  - \u0e01 Thai.\n"
    audio = frozenset({"a.ogg"})
    plain = Catalog(audio=audio)
    checked = Catalog(audio=audio, audio_problems={"a.ogg": "is not a sound file"})
    keys = {cache_key(("game.yaml", MANIFEST), [("s.yaml", script)], c)
            for c in (plain, checked, Catalog(audio=audio, drawable=lambda ch: True, drawable_key="all"),
                      Catalog(audio=audio, drawable=lambda ch: ch.isascii(), drawable_key="ascii"))}
    assert len(keys) == 4
    cache = ProgramCache(tmp_path)

    def run(catalog):
        return compile_game(("game.yaml", MANIFEST), [("s.yaml", script)], catalog, cache=cache)

    program, diags = run(plain)
    assert program is not None and not diags
    program, diags = run(checked)  # not the entry `plain` wrote
    assert program is None and any("not a sound file" in d.message for d in diags)
    ascii_only = Catalog(audio=audio, drawable=lambda ch: ch.isascii(), drawable_key="ascii")
    assert any("no font" in d.message for d in run(ascii_only)[1])
    assert any("no font" in d.message for d in run(ascii_only)[1])  # the hit keeps the warning
    # a drawable without a key is never cached (nothing says what it answers)
    before = sorted(tmp_path.glob("*.json"))
    run(Catalog(audio=audio, drawable=lambda ch: False))
    assert sorted(tmp_path.glob("*.json")) == before


def _entry(tmp_path: Path) -> Path:
    (entry,) = tmp_path.glob("*.json")
    return entry


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, damage: str):
    cache = ProgramCache(tmp_path)
    fresh, _ = _compile()
    _compile(cache=cache)
    entry = _entry(tmp_path)
    raw = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        i = raw.index(b"Plain narration")
        entry.write_bytes(raw[:i] + b"Pl@in" + raw[i + 5:])
    elif damage == "garbage":
        entry.write_bytes(b"\x80\x00 not json at all \xff" * 10)
    else:
        entry.write_bytes(b"")
    key = entry.stem
    assert cache.get(key) is None
    program, _ = _compile(cache=cache)
    assert _loaded(program) == fresh
    assert cache.get(key) is not None, "the entry was rewritten"


def test_an_entry_from_another_engine_is_ignored(tmp_path: Path):
    key = cache_key(("game.yaml", MANIFEST), [("s.yaml", SCRIPT)], None)
    fresh, diags = _compile()
    ProgramCache(tmp_path, engine="0.0.1+someone-else").put(key, fresh, diags)
    assert ProgramCache(tmp_path, engine="0.0.1+someone-else").get(key) is not None
    assert ProgramCache(tmp_path).get(key) is None


def _forge(path: Path, meta: dict, chunks: list[bytes], key: str) -> None:
    """A file with a valid header and checksum but content the engine did not write."""
    body = json.dumps(meta).encode() + b"\n" + b"".join(chunks)
    spans, at = [], 0
    for c in chunks:
        spans.append([at, at + len(c)])
        at += len(c)
    from vn.script.programcache import ENGINE, FORMAT, VERSION

    header = {"format": FORMAT, "version": VERSION, "engine": ENGINE, "key": key,
              "sha256": hashlib.sha256(body).hexdigest(), "chunks": spans}
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)


def test_a_well_formed_file_with_foreign_content_builds_nothing_foreign(tmp_path: Path):
    cache = ProgramCache(tmp_path)
    key = "f" * 64
    meta = {"program": True, "title": "x", "start": "start", "size": [1920, 1080], "characters": [],
            "variables": ["D"], "labels": [["start", [0, 1, 1], 0]], "index": 1, "steps": 2, "uses": [1, [], [], []],
            "diagnostics": [], "paths": ["s.yaml"]}
    code = [["line", ["D", "speaker", None, "text", ["Q", "os.system"], "look", None], 1, 1, "x", 0]]
    _forge(cache.path(key), meta, [json.dumps(code).encode(), b"[]", b"[[0]]"], key)
    hit = cache.get(key)
    # the label's code is decoded on first use: an unknown value tag is refused there
    assert hit is not None
    with pytest.raises(ValueError, match="unknown value tag"):
        _ = hit[0].labels["start"].code
    # a tagged line is kept as the markup it was compiled from: markup that does not parse is refused
    bad_markup = [["line", [None, ["R", "an {i}open tag"], None], 1, 1, "x", 0]]
    _forge(cache.path(key), meta, [json.dumps(bad_markup).encode(), b"[]", b"[[0]]"], key)
    with pytest.raises(ValueError, match="markup"):
        _ = cache.get(key)[0].labels["start"].code
    good_markup = [["line", [None, ["R", "a {i}closed{/i} tag, [name]"], None], 1, 1, "x", 0]]
    _forge(cache.path(key), meta, [json.dumps(good_markup).encode(), b"[]", b"[[0]]"], key)
    from vn.script.markup import parse_markup

    assert cache.get(key)[0].labels["start"].code[0].args["text"] == parse_markup("a {i}closed{/i} tag, [name]")
    _forge(cache.path(key), meta, [json.dumps(code).encode(), b'[["x", "start", 0]]', b"[[0]]"], key)  # version 1's index
    with pytest.raises(ValueError):
        _ = cache.get(key)[0].index
    for steps in (b'[["0"]]', b"[[0], [1]]", b"{}"):  # where each label's steps begin: numbers, one list a label
        _forge(cache.path(key), meta, [json.dumps(code).encode(), b"[]", steps], key)
        with pytest.raises(ValueError, match="steps"):
            _ = cache.get(key)[0].labels["start"].steps
    meta["diagnostics"] = [["s.yaml", 1, 1, "fatal", "x", None]]
    _forge(cache.path(key), meta, [b"[]", b"[]", b"[[0]]"], key)
    assert cache.get(key) is None
    for uses in ([1, ["a"], [], None], [True, [], [], []], ["1", [], [], []], [1, [2], [], []], [1, [], []]):
        _forge(cache.path(key), {**meta, "diagnostics": [], "uses": uses}, [b"[]", b"[]", b"[[0]]"], key)
        assert cache.get(key) is None, uses
    # no program, yet no error to say why: not an entry this engine writes
    _forge(cache.path(key), {"program": False, "diagnostics": [["s.yaml", 1, 1, "warning", "x", None]]}, [], key)
    assert cache.get(key) is None


def test_caching_can_be_turned_off(monkeypatch):
    from vn.game import program_cache

    monkeypatch.setenv("VN_CACHE_DIR", "off")
    assert program_cache() is None
    assert load_game().program is not None



def test_an_entry_written_later_is_the_program_as_compiled(tmp_path: Path):
    """`vn play` and `vn check` have the entry written once their user no longer waits: nothing is
    written before that, and what is written is the program as compiled — not what the id lock
    or a translation made of it meanwhile (they replace instructions in the labels' lists)."""
    import dataclasses

    from vn.script.markup import Template
    from vn.script.programcache import entries_written_later, pending, write_pending

    cache = ProgramCache(tmp_path)
    fresh, fresh_diags = _compile()
    with entries_written_later():
        program, _ = _compile(cache=cache)
        assert pending() and not list(tmp_path.glob("*.json")), "nothing written before it is asked for"
        for label in program.labels.values():  # as a translation does
            label.code[:] = [dataclasses.replace(ins, args={**ins.args, "text": Template.plain("translated")})
                             if ins.op == "line" else ins for ins in label.code]
        program.index.clear()
        assert write_pending() == 1 and not pending()
    hit, hit_diags = cache.get(cache_key(("game.yaml", MANIFEST), [("s.yaml", SCRIPT)], None))
    assert _loaded(hit) == fresh and hit.index == fresh.index and hit_diags == fresh_diags


def test_leaving_writes_what_is_still_waiting(tmp_path: Path):
    from vn.script.programcache import entries_written_later, pending

    cache = ProgramCache(tmp_path)
    with entries_written_later():
        _compile(cache=cache)
        _compile(SCRIPT + "more:\n  - More.\n", cache=cache)  # a newer compile of the same folder wins
    assert not pending() and len(list(tmp_path.glob("*.json"))) == 1
    assert cache.get(cache_key(("game.yaml", MANIFEST), [("s.yaml", SCRIPT + "more:\n  - More.\n")], None))
    _compile(SCRIPT, cache=cache)  # outside: written at once, as before
    assert len(list(tmp_path.glob("*.json"))) == 2


DIRECTED = """\
start:
  - stage: hall
  - light: dusk
  - light: {time: "19:40"}
  - music: theme.ogg
  - z: Hello.
  - if: trust > 1
    then:
      - sound: door.ogg
      - stage: yard
  - choice:
      - Stay:
          - Stayed.
      - Go:
          - z: Gone.
  - jump: more
more:
  - light: night
  - The end.
"""
DIRECTED_CATALOG = Catalog(stages={"hall": frozenset(), "yard": frozenset(), "attic": frozenset()},
                           presets=frozenset({"dusk", "night", "day"}),
                           audio=frozenset({"theme.ogg", "door.ogg", "unused.ogg"}))


def test_the_program_summary_comes_back_from_the_cache(tmp_path: Path):
    """`Program.uses` (what `vn check`'s line count and unused-assets pass read) is in the entry:
    a hit answers it without making any label's instructions, and it is what the instructions say."""
    from vn.script.program import Uses, uses_in

    def run(cache=None):
        return compile_game(("game.yaml", MANIFEST), [("s.yaml", DIRECTED)], DIRECTED_CATALOG, cache=cache)

    fresh, diags = run()
    assert fresh is not None, diags
    expected = Uses(lines=4, stages=frozenset({"hall", "yard"}), presets=frozenset({"dusk", "night"}),
                    audio=frozenset({"theme.ogg", "door.ogg"}))
    assert fresh.uses == expected and fresh.line_count == 4
    cache = ProgramCache(tmp_path)
    run(cache)
    hit, hit_diags = run(cache)
    assert hit_diags == diags
    assert hit.uses == expected and hit.line_count == 4
    assert all("code" in lab.__dict__["_deferred"] for lab in hit.labels.values()), "no label was made for it"
    assert uses_in(_loaded(hit).labels) == expected


def _failing_compile(monkeypatch):
    import vn.script

    def refuse(*args, **kwargs):
        raise AssertionError("compiled: the cache was not used")

    monkeypatch.setattr(vn.script, "_compile", refuse)


def test_a_compile_that_found_errors_is_served_from_the_cache(tmp_path: Path, monkeypatch):
    """A broken game is checked again at a warm check's cost: its errors and warnings, in their
    order, with file, line, column and hint, exactly as the compile found them."""
    broken = SCRIPT.replace("- jump: finale\nsub:", "- jump: nowhere\nsub:").replace("Plain narration.",
                                                                                     "An {i}open tag.")
    broken += "orphan:\n  - z: Reads [unset_var].\n"
    cache = ProgramCache(tmp_path)
    fresh, diags = _compile(broken)
    assert fresh is None and {d.severity for d in diags} == {"error", "warning"}
    assert _compile(broken, cache) == (None, diags)
    assert len(list(tmp_path.glob("*.json"))) == 1
    _failing_compile(monkeypatch)
    program, cached = _compile(broken, cache)
    assert program is None
    assert [(d.path, d.line, d.col, d.severity, d.message, d.hint) for d in cached] == \
        [(d.path, d.line, d.col, d.severity, d.message, d.hint) for d in diags]


def test_an_entry_of_an_older_format_version_is_ignored_and_rebuilt(tmp_path: Path):
    """Version 1 entries have no summary: never read as if they had one."""
    from vn.script import programcache

    cache = ProgramCache(tmp_path)
    fresh, _ = _compile()
    _compile(cache=cache)
    entry = _entry(tmp_path)
    raw = entry.read_bytes()
    head, body = raw.split(b"\n", 1)
    header = json.loads(head)
    assert header["version"] == programcache.VERSION
    header["version"] = programcache.VERSION - 1
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert cache.get(entry.stem) is None
    program, _ = _compile(cache=cache)
    assert _loaded(program) == fresh
    assert json.loads(entry.read_bytes().split(b"\n", 1)[0])["version"] == programcache.VERSION


def test_a_warm_check_reports_what_a_cold_check_does(tmp_path: Path, monkeypatch):
    """`vn check` twice on a game with errors, then on one with only warnings (unreached labels,
    unused stages, presets and audio): the second check of each is served from the cache and
    prints the same report, byte for byte."""
    import io

    from vn.tools import check

    monkeypatch.setenv("VN_CACHE_DIR", str(tmp_path / "cache"))
    game = tmp_path / "game"
    (game / "scripts").mkdir(parents=True)
    (game / "scripts" / "game.yaml").write_text("start: start\ncharacters:\n  z: {name: Zack}\n")
    audio = game / "assets" / "audio"
    audio.mkdir(parents=True)
    import shutil

    from vn.folders import bundled_root

    bundled = bundled_root()
    for name in ("dawn.ogg", "drone.ogg"):
        shutil.copy(bundled / "assets" / "audio" / name, audio / name)
    (game / "assets" / "stages").mkdir()
    for name in ("shinra_bunk", "shinra_corridor"):
        shutil.copy(bundled / "assets" / "stages" / f"{name}.tmx", game / "assets" / "stages" / f"{name}.tmx")
        shutil.copytree(bundled / "assets" / "stages" / name, game / "assets" / "stages" / name)
    shutil.copy(bundled / "assets" / "lighting.yaml", game / "assets" / "lighting.yaml")
    script = game / "scripts" / "s.yaml"

    def report() -> tuple[int, str]:
        out = io.StringIO()
        status = check._check_once(game, "text", out)  # as `vn check GAME` does
        return status, out.getvalue()

    script.write_text("start:\n  - stage: shinra_bunk\n  - music: dawn.ogg\n  - z: Hi [nobody].\n"
                      "  - jump: nowhere\nlost:\n  - Never.\n  - light: {i}\n")
    cold = report()
    assert cold[0] == 1 and "error" in cold[1] and "warning" in cold[1]
    import vn.script

    real = vn.script._compile
    _failing_compile(monkeypatch)
    assert report() == cold
    monkeypatch.setattr(vn.script, "_compile", real)
    script.write_text("start:\n  - stage: shinra_bunk\n  - light: night\n  - music: dawn.ogg\n"
                      "  - z: Hi [nobody].\nlost:\n  - Never.\n")
    cold = report()
    assert cold[0] == 0
    for expected in ("stage 'shinra_corridor' is never shown", "audio file 'drone.ogg' is never played",
                     "light preset 'dawn' is never used", "label 'lost' is never reached",
                     "variable 'nobody' is never set"):
        assert expected in cold[1], cold[1]
    assert "'shinra_bunk' is never shown" not in cold[1] and "'dawn.ogg' is never played" not in cold[1]
    _failing_compile(monkeypatch)
    assert report() == cold



def test_a_game_with_an_id_lock_is_served_locked_from_the_cache(tmp_path: Path, monkeypatch):
    """The id lock is applied to a program that compiled before it is cached, the lock's text
    in the key: a hit is the locked program (apply_lock is not run again: it made every label),
    and a changed lock is a new key."""
    import vn.lineids
    import vn.script
    from vn.cli import main

    monkeypatch.setenv("VN_CACHE_DIR", str(tmp_path / "cache"))
    game = tmp_path / "game"
    (game / "scripts").mkdir(parents=True)
    (game / "scripts" / "game.yaml").write_text("start: start\ncharacters:\n  z: {name: Zack}\n")
    script = game / "scripts" / "s.yaml"
    script.write_text("start:\n  - z: The first line.\n  - The second line.\n  - z: The third line.\n")
    assert main(["check", str(game), "--fix-ids"]) == 0
    locked = [i.id for i in load_game(game).program.labels["start"].code]
    script.write_text("start:\n  - z: The first line, edited.\n  - The second line.\n  - z: The third line.\n")
    cold = load_game(game)
    assert [i.id for i in cold.program.labels["start"].code] == locked, "the lock kept the edited line's id"

    def refuse(*args, **kwargs):
        raise AssertionError("compiled or locked again: the cache was not used")

    monkeypatch.setattr(vn.script, "_compile", refuse)
    monkeypatch.setattr(vn.lineids, "apply_lock", refuse)
    warm = load_game(game)
    assert [i.id for i in warm.program.labels["start"].code] == locked
    assert warm.program.index == cold.program.index and warm.diagnostics == cold.diagnostics
    # a changed lock is another key: compiled and locked again, its warning kept with the entry
    monkeypatch.undo()
    monkeypatch.setenv("VN_CACHE_DIR", str(tmp_path / "cache"))
    (game / "scripts" / "ids.lock").write_text("not a lock")
    broken = load_game(game)
    assert any("id lock" in d.message for d in broken.diagnostics), broken.diagnostics
    monkeypatch.setattr(vn.script, "_compile", refuse)
    assert load_game(game).diagnostics == broken.diagnostics
