"""Extras' chapter select opens a chapter on its card, not at the top of the label that holds
it (a chapter card in the middle of a label used to restart the label from its first line)."""

from __future__ import annotations

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
