"""`content_note:` in game.yaml / mod.yaml: read into the program, every mistake reported at its
file, line and column, a layered mod's own note (or none), and the compiled-program cache
carrying it."""

from __future__ import annotations

import pytest

from vn.script import ProgramCache, compile_game
from vn.script.program import ContentNote

SCRIPT = ("s.yaml", "start:\n  - A line.\n")
BASE = "title: T\nstart: start\n"


def compile_manifest(manifest: str, overlay: str | None = None):
    return compile_game(("game.yaml", manifest), [SCRIPT, ("m.yaml", "mod_start:\n  - Mod line.\n")],
                        overlay=("mod.yaml", overlay) if overlay is not None else None)


def errors(diags) -> list[str]:
    return [d.format() for d in diags if d.severity == "error"]


def test_a_note_with_paragraphs() -> None:
    program, diags = compile_manifest(BASE + "content_note:\n  title: Before you play\n  text:\n"
                                      "    - It has a storm in it.\n    - And   a  loud\n      thunderclap.\n")
    assert not errors(diags)
    assert program.content_note == ContentNote("Before you play", ("It has a storm in it.", "And a loud thunderclap."))


def test_one_paragraph_and_the_default_title() -> None:
    program, _ = compile_manifest(BASE + "content_note: {text: Flashing lights.}\n")
    assert program.content_note == ContentNote("Content note", ("Flashing lights.",))


def test_no_note_and_false() -> None:
    assert compile_manifest(BASE)[0].content_note is None
    assert compile_manifest(BASE + "content_note: false\n")[0].content_note is None


@pytest.mark.parametrize("text, where, words", [
    ("content_note:\n  txet: [A.]\n", "game.yaml:4:3:", "unknown content note field 'txet'"),
    ("content_note:\n  title: T\n", "game.yaml:4:3:", "no 'text:'"),
    ("content_note:\n  text: []\n", "game.yaml:4:9:", "'text' is empty"),
    ("content_note:\n  text:\n    - A.\n    - {b: c}\n", "game.yaml:6:7:", "must be text"),
    ("content_note: Flashing lights.\n", "game.yaml:3:15:", "must be a mapping"),
    ("content_note:\n  text: [" + ", ".join(["A long paragraph of words about the story."] * 40) + "]\n",
     "game.yaml:4:9:", "at most 1400 fit one screen"),
])
def test_mistakes_are_reported_where_they_are(text: str, where: str, words: str) -> None:
    program, diags = compile_manifest(BASE + text)
    found = errors(diags)
    assert program is None and any(where in e and words in e for e in found), found


def test_the_hint_names_the_field() -> None:
    _, diags = compile_manifest(BASE + "content_note:\n  txet: [A.]\n")
    assert any(d.hint and "text" in d.hint for d in diags)


NOTE = BASE + "content_note: {text: The game's own words.}\n"


def test_a_layered_mod_keeps_the_note_of_the_story_it_keeps() -> None:
    program, _ = compile_manifest(NOTE, overlay="title: A mod\n")
    assert program.content_note.paragraphs == ("The game's own words.",)


def test_a_mod_with_its_own_story_has_its_own_note_or_none() -> None:
    assert compile_manifest(NOTE, overlay="start: mod_start\n")[0].content_note is None
    own = compile_manifest(NOTE, overlay="start: mod_start\ncontent_note: {text: The mod's words.}\n")[0]
    assert own.content_note.paragraphs == ("The mod's words.",)
    assert compile_manifest(NOTE, overlay="content_note: false\n")[0].content_note is None


def test_a_mistake_in_mod_yaml_is_reported_there() -> None:
    program, diags = compile_manifest(NOTE, overlay="content_note: {txet: [A.]}\n")
    assert program is None and any(e.startswith("mod.yaml:1:16:") and "txet" in e for e in errors(diags))


def test_the_cache_carries_the_note(tmp_path) -> None:
    cache = ProgramCache(tmp_path)
    first, _ = compile_game(("game.yaml", NOTE), [SCRIPT], cache=cache)
    again, _ = compile_game(("game.yaml", NOTE), [SCRIPT], cache=cache)
    assert again is not first and again.content_note == first.content_note == ContentNote(
        "Content note", ("The game's own words.",))
