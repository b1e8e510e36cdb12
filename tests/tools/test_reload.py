"""Hot reload in `vn play`: an edit resumes at the same line with the picture rebuilt; a
broken edit shows its error over the game, which goes on, until a later save fixes it."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from vn.game import load_game
from vn.tools.new import create


@pytest.fixture
def player(tmp_path: Path):
    from vn.app import Player

    folder = tmp_path / "live"
    create(folder)
    pygame.display.init()
    pygame.font.init()
    p = Player(load_game(folder), "roof", (480, 270))
    yield p, folder
    p.audio.close()
    pygame.display.quit()


def advance_to(p, words: str, limit: int = 400) -> None:
    for _ in range(limit):
        p.tick(0.25)
        line = p.session.line if p.game_view() is not None else None
        if line is not None and words in line.text.plain:
            return
        if line is not None and p.session.typewriter is not None and p.session.typewriter.done(p.now):
            p.session.click(p.now)
    raise AssertionError(f"never reached '{words}'")


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "scripts" / "my_scene.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_an_edit_resumes_at_the_same_line_with_the_picture(player):
    p, folder = player
    advance_to(p, "Who are you?")
    edit(folder, "  - zack: Who are you?", "  - zack: Who are you, then?")
    edit(folder, "  - mira: You came.", "  - It was cold up there.\n  - mira: You came.")  # shifts every pc
    assert p.hot_reload.poll(force=True)
    p.tick(0.25)
    assert p.session.line is not None and p.session.line.text.plain == "Who are you, then?"
    snap = p.session.story.state.stage
    assert snap["stage"] == "rooftop" and set(snap["sprites"]) == {"zack", "mira"}
    assert p.screen.game is p.game and "It was cold up there." in repr(p.game.program.labels["roof"].code)


def test_a_broken_edit_keeps_the_game_running_until_fixed(player):
    p, folder = player
    advance_to(p, "Who are you?")
    session = p.session
    edit(folder, "  - show: mira at ledge", "  - shwo: mira at ledge")
    assert not p.hot_reload.poll(force=True)
    error = p.hot_reload.error
    assert error is not None and "my_scene.yaml:" in error and "unknown command or character 'shwo'" in error
    assert "did you mean 'show'" in error
    assert any(text == error for text, _ in p.notices)
    p.tick(0.25)
    p.draw()  # the overlay draws over the game in play
    assert p.session is session and p.running
    edit(folder, "  - shwo: mira at ledge", "  - show: mira at ledge")
    assert p.hot_reload.poll(force=True)
    assert p.hot_reload.error is None and not any(text == error for text, _ in p.notices)
    assert p.session.line.text.plain == "Who are you?"


def test_polls_are_cheap_and_scan_at_most_twice_a_second(player):
    p, _ = player
    clock = [100.0]
    from vn.reload import HotReload

    hot = HotReload(p, clock=lambda: clock[0])
    scans = []
    original = hot.watch.changed
    hot.watch.changed = lambda: scans.append(1) or original()
    for _ in range(90):  # 1.5 s of frames: scans at about +0.5 s and +1.0 s
        clock[0] += 1 / 60
        hot.poll()
    assert len(scans) == 2


def test_the_system_says_when_a_file_changes_and_idle_turns_scan_nothing(player):
    """Once the watch has started, no scan is ever due by itself; an edit wakes the loop (an
    event in its queue) and the scan a moment later reloads the game."""
    import time

    p, folder = player
    advance_to(p, "Who are you?")
    hot = p.hot_reload
    if not hot.start():
        pytest.skip("the operating system's file watch could not start here")
    try:
        assert hot.watching and hot.next_scan == float("inf")
        scans = []
        original = hot.watch.changed
        hot.watch.changed = lambda: scans.append(1) or original()
        pygame.event.clear()
        for _ in range(20):  # idle turns: nothing is scanned
            p.tick(0.25)
        assert scans == [] and hot.next_scan == float("inf")
        edit(folder, "  - zack: Who are you?", "  - zack: Who are you, then?")
        deadline = time.monotonic() + 10.0
        while not any(getattr(e, "hot_reload", False) for e in pygame.event.get()):
            assert time.monotonic() < deadline, "no word of the edit came"
            time.sleep(0.02)
        assert hot.next_scan < float("inf")
        time.sleep(0.3)  # past SETTLE
        reloads = hot.reloads
        p.tick(0.25)
        assert hot.reloads == reloads + 1 and scans
        p.tick(0.25)
        assert p.session.line is not None and p.session.line.text.plain == "Who are you, then?"
        assert hot.next_scan == float("inf")
    finally:
        hot.close()
