"""Translations keyed by stable line ids: a typo fixed in the source keeps the id and the
translation (the id lock carries it); a rewritten line leaves its translation stale."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from vn.game import load_game
from vn.lineids import Item, match
from vn.tools.autoplay import run_path
from vn.tools.new import create
from vn.tools.translate import translate

WHO = "  - zack: Who are you?\n"


@pytest.fixture
def mod(tmp_path: Path) -> Path:
    folder = tmp_path / "tr"
    create(folder)
    path, n = translate(folder, "fr", init=True)
    table = yaml.safe_load(path.read_text("utf-8"))
    assert len(table["lines"]) == n
    for entry in table["lines"].values():
        if entry["source"] == "Who are you?":
            entry["text"] = "Qui es-tu ?"
        if entry["source"] == "Go up to the roof":
            entry["text"] = "Monter sur le toit"
    path.write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def transcript(folder: Path, lang: str | None = "fr") -> list[str]:
    game = load_game(folder, lang=lang)
    assert game.program is not None
    return run_path(game.program, [1]).lines


def edit(folder: Path, old: str, new: str) -> None:
    script = folder / "scripts" / "my_scene.yaml"
    text = script.read_text("utf-8")
    assert old in text
    script.write_text(text.replace(old, new), "utf-8")


def warnings(folder: Path) -> list[str]:
    return [d.message for d in load_game(folder).diagnostics if d.severity == "warning"]


def test_play_in_a_language_falls_back_to_the_source(mod: Path):
    lines = transcript(mod)
    assert "Zack: Qui es-tu ?" in lines and "> Monter sur le toit" in lines
    assert "Mira: You came. I wasn't sure the note would reach you." in lines  # untranslated: source
    assert "Zack: Who are you?" in transcript(mod, None)


def test_a_typo_fix_keeps_the_id_and_the_translation(mod: Path):
    edit(mod, "  - zack: Who are you?\n", "  - zack: Who are you, then?\n")
    edit(mod, "      - Go up to the roof:\n", "      - Go up to the roof!:\n")
    edit(mod, "  - The flat was quiet", "  - It was late.\n  - The flat was quiet")  # shifts the rest
    lines = transcript(mod)
    assert "Zack: Qui es-tu ?" in lines and "> Monter sur le toit" in lines
    assert not any("stale" in w for w in warnings(mod))


def test_a_rewritten_line_is_stale(mod: Path):
    edit(mod, "  - zack: Who are you?\n", "  - zack: Right. And you would be the one who wrote it.\n")
    assert "Zack: Right. And you would be the one who wrote it." in transcript(mod)
    stale = [w for w in warnings(mod) if w.startswith("stale translation")]
    assert len(stale) == 1


def test_match_aligns_by_content_then_words():
    old = [Item("a", "k1", "Hello there."), Item("b", "k2", "The sun went down."), Item("c", "k3", "Bye.")]
    new = [Item("x", "k0", "A new line."), Item("y", "k1", "Hello there."),
           Item("z", "k9", "The sun went dwn."), Item("w", "k8", "Something else entirely."), Item("v", "k3", "Bye.")]
    assert match(old, new) == {1: 0, 2: 1, 4: 2}
