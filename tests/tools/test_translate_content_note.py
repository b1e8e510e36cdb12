"""The content note goes through the translation tables like the story's lines: `vn translate`
writes its heading and paragraphs as entries, `vn play --lang` shows them translated on the note
screen, and a note rewritten after it was translated shows the original (never an older
translation of a warning) while `vn check` says the entry is out of date."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pygame
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from app_helpers import key, run, top  # noqa: E402

from vn.app import Player  # noqa: E402
from vn.game import load_game  # noqa: E402
from vn.tools.translate import translate  # noqa: E402
from vn.ui.contentnote import ContentNoteView  # noqa: E402

GAME = """
    title: Noted
    start: start
    content_note:
      title: Before the story
      text:
        - It contains a storm at sea.
        - If that is not for you tonight, choose Quit.
"""
STORY = """
    start:
      - The first line.
      - end
"""
FRENCH = {"content_note.title": "Avant l'histoire", "content_note.1": "Elle contient une tempête en mer.",
          "content_note.2": "Si ce n'est pas pour vous ce soir, choisissez Quitter."}


def make(tmp_path: Path) -> Path:
    folder = tmp_path / "noted"
    (folder / "scripts").mkdir(parents=True)
    (folder / "assets").mkdir()
    (folder / "scripts" / "game.yaml").write_text(textwrap.dedent(GAME).lstrip(), "utf-8")
    (folder / "scripts" / "story.yaml").write_text(textwrap.dedent(STORY).lstrip(), "utf-8")
    path, _ = translate(folder, "fr", init=True)
    table = yaml.safe_load(path.read_text("utf-8"))
    for ident, words in FRENCH.items():
        table["lines"][ident]["text"] = words
    path.write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def test_the_table_holds_the_note_and_play_shows_it_translated(tmp_path: Path) -> None:
    folder = make(tmp_path)
    table = yaml.safe_load((folder / "translations" / "fr.yaml").read_text("utf-8"))["lines"]
    assert table["content_note.title"]["source"] == "Before the story"
    assert table["content_note.2"]["source"] == "If that is not for you tonight, choose Quit."
    assert list(table)[:3] == ["content_note.title", "content_note.1", "content_note.2"]  # first, as it is read
    note = load_game(folder, lang="fr").program.content_note
    assert (note.title, note.paragraphs) == ("Avant l'histoire", (FRENCH["content_note.1"], FRENCH["content_note.2"]))
    assert load_game(folder).program.content_note.title == "Before the story"
    assert not [d for d in load_game(folder).diagnostics if "content_note" in d.message]


def test_the_note_screen_shows_the_translation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("VN_DATA_DIR", str(tmp_path / "data"))
    folder = make(tmp_path)
    if not pygame.display.get_init():
        pygame.display.init()
    pygame.font.init()
    pygame.event.clear()
    p = Player(load_game(folder, lang="fr"), None, (1280, 720))
    run(p, 0.5)
    key(pygame.K_RETURN)  # Start
    run(p, 0.6)
    view = top(p)
    assert isinstance(view, ContentNoteView)
    assert view.note.title == "Avant l'histoire" and view.note.paragraphs[0].startswith("Elle contient")
    p.draw()  # and it is laid out and drawn without trouble


def test_a_rewritten_note_shows_the_original_and_check_says_the_entry_is_out_of_date(tmp_path: Path) -> None:
    folder = make(tmp_path)
    manifest = folder / "scripts" / "game.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("a storm at sea", "a storm at sea and a drowning"),
                        "utf-8")
    game = load_game(folder, lang="fr")
    note = game.program.content_note
    assert note.paragraphs == ("It contains a storm at sea and a drowning.", FRENCH["content_note.2"])
    assert note.title == "Avant l'histoire"
    out = [d for d in game.diagnostics if "content_note.1" in d.message]
    assert out and "out-of-date" in out[0].message and out[0].path.endswith("fr.yaml") and out[0].line > 1
    # --update keeps the old translation under its old source, so the warning stays until it is redone
    translate(folder, "fr", init=False)
    table = yaml.safe_load((folder / "translations" / "fr.yaml").read_text("utf-8"))["lines"]
    assert table["content_note.1"] == {"source": "It contains a storm at sea.", "text": FRENCH["content_note.1"]}
    assert load_game(folder, lang="fr").program.content_note.paragraphs[0].endswith("a drowning.")
