"""Extras' chapter select opens a chapter on its card, not at the top of the label that holds
it (a chapter card in the middle of a label used to restart the label from its first line)."""

from __future__ import annotations

import json

import pygame
from app_helpers import key, make_player, run, to_line, top, write_game

from vn.game import load_game
from vn.tools.render import card_step, story_at
from vn.ui.extras import ExtrasView
from vn.ui.game import GameView

GAME = {
    "game.yaml": """
        title: Chapters
        start: start
    """,
    "story.yaml": """
        start:
          - The first line of the label.
          - A second line, still before the card.
          - card: Night
            subtitle: The second chapter
            over: 1s
          - After the card.
          - The end of it.
          - end
    """,
}


def test_card_step_and_story_at(dirs) -> None:
    program = load_game(write_game(dirs / "g", GAME)).program
    pc = card_step(program, "start", "Night")
    assert pc is not None and program.instr("start", pc).args["command"] == "card"
    assert card_step(program, "start", "Day") is None
    story = story_at(program, "start", card="Night")
    assert (story.state.label, story.state.pc) == ("start", pc)
    assert (story_at(program, "start").state.pc, story_at(program, "start", card="Day").state.pc) == (0, 0)


def test_chapter_select_opens_on_the_card(dirs) -> None:
    folder = write_game(dirs / "g", GAME)
    p = make_player(folder, label="start")
    run(p, 0.5)
    to_line(p, "After the card.")  # the chapter is reached (and remembered)
    p.to_title()
    run(p, 0.3)
    top(p).group.focus_key = "extras"
    key(pygame.K_RETURN)
    run(p, 0.3)
    extras = top(p)
    assert isinstance(extras, ExtrasView) and extras.group.control("chapter:0").label == "Night"
    extras.group.focus_key = "chapter:0"
    key(pygame.K_RETURN)
    run(p, 0.2)
    game = top(p)
    assert isinstance(game, GameView)
    s = game.session
    view = s.scene.view(game.game_time(p.now))
    assert view.card is not None and view.card.title == "Night"  # the card is on screen
    assert s.line is None and not s.history  # nothing of the label before the card was replayed
    run(p, 1.5)
    assert s.line is not None and s.line.text.plain == "After the card."


ENDING_GAME = {
    "game.yaml": """
        title: Chapters and an ending
        start: start
    """,
    "story.yaml": """
        start:
          - card: One
          - The first line.
          - choice:
              - Go on:
                  - jump: two
              - Stop:
                  - The short way.
                  - card: The Short End
                    subtitle: It ended early.
                  - end
        two:
          - card: Two
          - The second chapter.
          - wait: 1s
          - card: The Long End
          - end
    """,
}


def test_ending_cards_are_not_chapters_and_unseen_chapters_are_locked(dirs) -> None:
    folder = write_game(dirs / "g", ENDING_GAME)
    p = make_player(folder, label="start")
    run(p, 0.6)
    to_line(p, "The first line.")
    session = top(p).session
    key(pygame.K_SPACE)
    run(p, 0.6)
    assert session.choice is not None
    key(pygame.K_2)  # "Stop"
    run(p, 0.6)
    to_line(p, "The short way.")
    for _ in range(12):  # on through the ending card to the end
        key(pygame.K_SPACE)
        run(p, 0.6)
    assert session.ended is not None
    persistent = session.persistent
    assert {"title": "One", "label": "start"} in persistent.chapters
    assert all(r["title"] != "The Short End" for r in persistent.chapters)  # not recorded
    assert {"title": "The Short End", "label": "start"} in persistent.endings
    p.to_title()
    run(p, 0.3)
    extras = ExtrasView(p)
    labels = [(c.label, c.enabled) for c in extras.group.controls if c.key.startswith("chapter:")]
    assert labels == [("One", True), ("Not yet seen", False)]  # Two: locked; no ending card listed


def test_ending_cards_recorded_by_an_older_engine_still_load_and_are_not_listed(dirs) -> None:
    folder = write_game(dirs / "g", ENDING_GAME)
    p = make_player(folder, label="start")
    store = p.saves
    store.folder.mkdir(parents=True, exist_ok=True)
    old = {"format": 2, "seen": [], "chosen": [], "endings": [{"title": "The Long End", "label": "two"}],
           "chapters": [{"title": "One", "label": "start"}, {"title": "The Long End", "label": "two"},
                        {"title": "Two", "label": "two"}, {"title": "Gone", "label": "nowhere"}],
           "gallery": []}
    store.persistent_path.write_text(json.dumps(old), "utf-8")
    p = make_player(folder, label="start")  # a new run reads the file
    persistent = p.persistent()
    assert persistent.problem is None and len(persistent.chapters) == 4  # read, kept as it was
    extras = ExtrasView(p)
    rows = [c.label for c in extras.group.controls if c.key.startswith("chapter:")]
    assert rows == ["One", "Two"]
    store.write_persistent(persistent)
    assert len(json.loads(store.persistent_path.read_text("utf-8"))["chapters"]) == 4  # nothing dropped
