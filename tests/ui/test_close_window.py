"""Closing the window: at the title it quits; in a game the place is autosaved at once and the
player is asked (as in Ren'Py), Keep reading goes back to the story, and a second close quits."""

from __future__ import annotations

import json

import pygame
from app_helpers import data_dir, key, make_player, run, to_line, top

from vn.ui.confirm import ConfirmView
from vn.ui.game import GameView
from vn.ui.widgets import overflows


def close() -> None:
    pygame.event.post(pygame.event.Event(pygame.QUIT))


def autosaves() -> list:
    return sorted(data_dir().rglob("auto-*.json"))


def test_at_the_title_closing_quits(small) -> None:
    p = make_player(small)
    run(p, 0.3)
    close()
    run(p, 0.1)
    assert not p.running


def test_in_a_game_it_saves_then_asks(small) -> None:
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line B")
    close()
    run(p, 0.2)
    ask = top(p)
    assert isinstance(ask, ConfirmView) and p.running
    assert [c.label for c in ask.group.controls] == ["Quit", "Keep reading"] and ask.group.focus_key == "no"
    for c in ask.group.controls:
        assert not overflows(p.viewport, p.screen.text, c, p.theme), c.key
    saved = autosaves()
    assert saved, "the place is saved before the question"
    words = json.loads(saved[-1].read_text("utf-8"))
    assert "Line B" in json.dumps(words)
    key(pygame.K_RETURN)  # Keep reading
    run(p, 0.2)
    assert isinstance(top(p), GameView) and p.running
    assert p.game_view().session.line.text.plain.startswith("Line B")
    close()
    run(p, 0.1)
    close()  # asked again and closed again: quit
    run(p, 0.1)
    assert not p.running


def test_quit_in_the_question_quits(small) -> None:
    p = make_player(small, label="start")
    run(p, 1.0)
    close()
    run(p, 0.2)
    top(p).group.focus_key = "yes"
    key(pygame.K_RETURN)
    run(p, 0.1)
    assert not p.running and autosaves()
