"""A line typing on is drawn a few glyphs at a time (`Screen.draw(..., kept=...)`): each frame
served that way equals the frame drawn whole, pixel for pixel, and the window's loop uses it."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from tests.ui.app_helpers import make_player, write_game
from vn.game import load_game
from vn.screen import Screen, headless_surface
from vn.tools.render import find_path, parse_at, play_to

SIZE = (640, 360)


def rgb(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def _at_living_line(screen: Screen, kinds: set[str]):
    """A session of `screen` at the first line of the bundled game whose picture lives with
    all of `kinds`, and the moment it shows (the line then types at 40 characters a second)."""
    from vn.tools.render import story_at

    program = screen.program
    for label in program.labels:
        session = screen.new_session(story=story_at(program, label))
        t = 0.0
        for _ in range(2000):
            session.update(t)
            if session.ended is not None:
                break
            if session.choice is not None:
                session.choose(0, t)
            elif session.line is not None and not session.scene.busy(t):
                if kinds <= session.scene.living(t):
                    return session, t
                session.finish_line(t)
                session.click(t)
            t += 0.25
    raise AssertionError(f"no line lives with {kinds}")


@pytest.fixture(scope="module")
def typing_line():
    """The bundled game at sunset:24 (a still picture), its line typing: (game, label, pc,
    path)."""
    game = load_game()
    label, _, pc = parse_at("sunset:24", game.program)
    return game, label, pc, find_path(game.program, label, pc)


@pytest.mark.parametrize("kinds", [{"dust", "breathing"}, {"twinkle", "breathing"}, {"flicker"}, set()])
def test_frames_drawn_in_parts_equal_whole_frames(kinds):
    """Typing glyph by glyph over a still picture and over living ones (dust in the sunset
    beam, the city's lights twinkling, figures breathing, the burning town's fires): each step of the motion is drawn
    only where the motion draws, each typing frame only where the glyphs land."""
    game = load_game()
    screen, whole = Screen(game, SIZE), Screen(game, SIZE)
    session, t0 = _at_living_line(screen, kinds or {"breathing"})
    if not kinds:
        screen.settings.reduce_motion = whole.settings.reduce_motion = True
    surf, ref = headless_surface(SIZE), headless_surface(SIZE)
    parts = steps = 0
    last = None
    for i in range(75):  # 1.25 s of typing at 60 frames a second, the motion stepping under it
        t = t0 + i / 60
        session.update(t)
        damage = screen.draw(surf, session, t, kept=())
        whole.draw(ref, session, t)
        assert rgb(surf) == rgb(ref), i
        step = screen._last[3].motion
        if damage is not None:
            parts += 1
            steps += step != last
            if step == last:  # a few glyphs, not a frame
                assert sum(r.w * r.h for r in damage) < SIZE[0] * SIZE[1] // 8
        last = step
    assert parts > 55
    assert (steps > 6) == bool(kinds)  # the motion's steps (8-10 a second), drawn in parts too


def test_what_the_caller_lays_over_is_restored_where_the_changes_reach_it(typing_line):
    """`kept` names what the caller lays over each frame (the quick menu): where the frame's
    changes reach it, it is drawn again from the kept picture and the text box (and the caller
    lays it anew there); elsewhere it stays as it was."""
    game, label, pc, path = typing_line
    screen, whole = Screen(game, SIZE), Screen(game, SIZE)
    screen.settings.reduce_motion = whole.settings.reduce_motion = True
    session = screen.new_session()
    t0 = play_to(session, label, pc, path, 0.0)
    surf, ref = headless_surface(SIZE), headless_surface(SIZE)
    lays = [pygame.Rect(100, 300, 300, 40), pygame.Rect(500, 10, 100, 30)]  # over the words; far from them
    served = relaid = 0
    for i in range(20):
        t = t0 + 0.5 + i / 60
        session.update(t)
        damage = screen.draw(surf, session, t, kept=lays)
        served += damage is not None
        for rect in lays:  # the caller lays its own again where the frame was drawn
            if damage is None or any(d.contains(rect) for d in damage):
                relaid += rect is lays[0] and damage is not None
                surf.fill((255, 0, 0), rect)
        whole.draw(ref, session, t)
        for rect in lays:
            ref.fill((255, 0, 0), rect)
        assert rgb(surf) == rgb(ref), i
    assert served > 10 and relaid > 5


def test_another_picture_or_surface_is_drawn_whole(typing_line):
    game, label, pc, path = typing_line
    screen = Screen(game, SIZE)
    screen.settings.reduce_motion = True
    session = screen.new_session()
    t0 = play_to(session, label, pc, path, 0.0)
    surf, other = headless_surface(SIZE), headless_surface(SIZE)
    for i in range(3):
        session.update(t0 + 0.5 + i / 60)
        screen.draw(surf, session, t0 + 0.5 + i / 60, kept=())
    t = t0 + 0.6
    session.update(t)
    assert screen.draw(other, session, t, kept=()) is None  # not the surface drawn last
    assert screen.draw(other, session, t, kept=None) is None  # nothing promised kept
    assert screen.draw(other, session, t, kept=()) is not None
    finished = t + 60.0  # the line whole, the indicator up: more than typing changed
    session.update(finished)
    assert screen.draw(other, session, finished, kept=()) is None


LONG_LINE = {
    "game.yaml": """
        title: Typing Test
        start: start
        characters:
          zack: {name: Zack, color: "#8fb8ff"}
    """,
    "story.yaml": """
        start:
          - zack: A line long enough to type for a while, one letter after another, across the box.
          - The last line.
          - end
    """,
}


def test_the_window_draws_a_typing_line_in_pieces_and_shows_every_frame_whole(tmp_path: Path):
    """The real loop: after each frame the canvas and the window equal the frame drawn whole
    (the quick menu over the text box included), and most typing frames were drawn in pieces."""
    player = make_player(write_game(tmp_path, LONG_LINE), label="start")
    player.session.settings.cps = 30.0
    pieces = 0
    for _ in range(40):
        player.tick(1 / 60)  # (draws, then moves the clock on)
        player.draw()  # the frame at the new moment, on the canvas holding the one before
        view = player.stack.top
        if player.canvas_kept and view.damage is not None:
            pieces += 1
        shown = rgb(player.surface)
        assert shown == rgb(player.canvas)
        kept = rgb(player.canvas)
        player._drawn = None  # the next frame whole, at the same moment
        player.draw()
        assert rgb(player.canvas) == kept
        assert rgb(player.surface) == shown
    assert pieces > 15
