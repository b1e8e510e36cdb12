"""Kind 8 of issue 10: an error of any kind while playing (a script error at run time, a bug of
ours) shows the error screen — what happened, where, skip this step / back to the title / quit —
and never writes the autosave or the settings on the way."""

from __future__ import annotations

import pygame
import pytest
from app_helpers import make_player, run, write_game

from vn.ui.errorview import ErrorView

GAME = {
    "game.yaml": "title: Error Test\nstart: start\n",
    "story.yaml": """
        start:
          - set: {x: 100000}
          - First line.
          - set: {y: "x * 999999999999999"}
          - After the error.
          - The last line.
    """,
}


def files_under(folder):
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} if folder.exists() else {}


def advance_until(player, predicate, limit: int = 30) -> None:
    for _ in range(limit):
        if predicate():
            return
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0))
        for _ in range(12):
            player.tick_safely(0.05)
    raise AssertionError("never got there")


def test_a_story_error_shows_the_screen_and_skip_goes_on(dirs):
    player = make_player(write_game(dirs / "game", GAME))
    run(player, 0.2)
    before = files_under(dirs / "data") | files_under(dirs / "config")
    advance_until(player, lambda: isinstance(player.stack.top, ErrorView))
    view = player.stack.top
    assert "too large" in view.what and "story.yaml, line 4" in view.where
    assert [c.key for c in view.controls()] == ["skip", "title", "quit"]
    assert (files_under(dirs / "data") | files_under(dirs / "config")) == before  # nothing written
    view._skip()
    advance_until(player, lambda: player.session is not None and player.session.line is not None
                  and "After the error" in player.session.line.text.plain)
    assert not isinstance(player.stack.top, ErrorView)


def test_a_bug_of_ours_shows_the_screen_and_title_and_quit_work(dirs, monkeypatch):
    player = make_player(write_game(dirs / "game", GAME))
    run(player, 0.2)
    advance_until(player, lambda: player.session is not None and player.session.line is not None)
    game = player.game_view()
    calls = {"n": 0}
    original = game.session.update

    def broken(now):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyError("a bug")
        return original(now)

    monkeypatch.setattr(game.session, "update", broken)
    for _ in range(10):
        player.tick_safely(0.05)
    view = player.stack.top
    assert isinstance(view, ErrorView)
    assert "KeyError" in view.what and ".py line" in view.where
    autosaves_before = {p: m for p, m in files_under(dirs / "data").items() if "auto" in p.name}
    view.on_title()
    player.tick_safely(0.05)
    assert type(player.stack.top).__name__ == "TitleView"
    view.on_quit()
    assert not player.running
    autosaves_after = {p: m for p, m in files_under(dirs / "data").items() if "auto" in p.name}
    assert autosaves_after == autosaves_before  # quitting from the error screen does not autosave


def test_an_error_while_the_screen_is_up_is_raised_not_looped(dirs, monkeypatch):
    player = make_player(write_game(dirs / "game", GAME))
    run(player, 0.2)
    advance_until(player, lambda: player.session is not None)
    monkeypatch.setattr(player, "draw", lambda: (_ for _ in ()).throw(RuntimeError("draw fails")))
    player.dirty = True
    player.tick_safely(0.05)
    assert isinstance(player.stack.top, ErrorView)
    player.dirty = True
    with pytest.raises(RuntimeError):
        player.tick_safely(0.05)
