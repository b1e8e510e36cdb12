"""A window going to a new size (vn.render.resize, vn.screen): meanwhile the whole frame — the
picture at rest and the text box — is the last size's, scaled; the new size's first picture,
the breathing figures' pictures over their next breath and the text box's words are made off
the frame (a slice a frame, or in the background), and the frame that swaps them in only
blits. That frame, and every one after, equals what a fresh Screen draws at that size."""

from __future__ import annotations

import threading

import pygame
import pytest

from tests.render.test_incremental_frames import _at_living_line
from vn import screen as screen_module
from vn.game import load_game
from vn.render import motion
from vn.render.compositor import Compositor
from vn.render.text import TextRenderer
from vn.screen import Screen, headless_surface

SMALL, BIG = (480, 270), (960, 540)


def rgb(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


@pytest.fixture(scope="module")
def game():
    return load_game()


def _count(monkeypatch, owner, name: str) -> list[int]:
    """Count the calls of `owner.name` (a class's: every instance's; an object's: its own)."""
    calls = [0]
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def _resize(screen: Screen, session, t: float, limit: int = 400):
    """Draw at BIG until the new size is in: (the frames drawn standing in, the surface, the
    time of the frame that swapped the new size in)."""
    surf = headless_surface(BIG)
    stand_ins = 0
    for _ in range(limit):
        t += 1 / 60
        session.update(t)
        screen.draw(surf, session, t, kept=())
        if screen._resizing is None and not screen.compositor.builds.busy:
            return stand_ins, surf, t
        stand_ins += 1
        screen.compositor.builds.wait()
        screen._text_builds.wait()
    raise AssertionError("the new size never came in")


@pytest.mark.parametrize("kinds", [{"dust", "breathing"}, {"twinkle", "breathing"}])
def test_the_frame_that_swaps_a_new_size_in_only_blits_and_equals_a_fresh_one(game, kinds, monkeypatch):
    monkeypatch.setattr(motion, "WARM_BAND_PX", 5000)  # each region made ahead in many bands of rows
    screen = Screen(game, SMALL)
    session, t = _at_living_line(screen, kinds)
    small = headless_surface(SMALL)
    for _ in range(5):
        t += 1 / 60
        session.update(t)
        screen.draw(small, session, t, kept=())
    surf = headless_surface(BIG)
    t += 1 / 60
    session.update(t)
    screen.draw(surf, session, t, kept=())
    assert screen._resizing == (SMALL, BIG)  # the whole frame stands in: nothing laid out at BIG yet
    # the frames until the swap (the stage built, the picture and the breath made a slice a frame)
    composed, laid = _count(monkeypatch, Compositor, "_render"), _count(monkeypatch, TextRenderer, "_layout")
    # (the regions made ahead are kept as they are made: `_keep`; a frame composes one: `_compose`)
    regions = _count(monkeypatch, screen.compositor.living, "_keep")
    recomposed = _count(monkeypatch, screen.compositor.living, "_compose")
    lights = _count(monkeypatch, screen.compositor.living, "light_seen")  # (the twinkling lights at BIG)
    screen.compositor.builds.wait()
    screen._text_builds.wait()
    surf_at, t_at = None, t
    for _ in range(400):
        t_at += 1 / 60
        session.update(t_at)
        before = (composed[0], laid[0], regions[0], recomposed[0], lights[0])
        screen.draw(surf, session, t_at, kept=())
        if screen._resizing is None:
            surf_at = surf
            break
        screen.compositor.builds.wait()
    assert surf_at is not None, "the new size never came in"
    assert regions[0] > 1, "the breathing figures' pictures were not made ahead"
    assert (composed[0], laid[0], regions[0], recomposed[0], lights[0]) == before, \
        "the frame that swapped the new size in composed"
    fresh = Screen(game, BIG)
    ref = headless_surface(BIG)
    fresh.draw(ref, session, t_at)
    assert rgb(surf_at) == rgb(ref)
    # and the motion's steps after it, over a breath, from what was made ahead
    made, composed_then = regions[0], recomposed[0]
    for i in range(1, 25):
        now = t_at + i / 8
        session.update(now)
        screen.draw(surf, session, now, kept=())
        fresh.draw(ref, session, now)
        assert rgb(surf) == rgb(ref), i
    assert (regions[0], recomposed[0]) == (made, composed_then), "the breath's pictures were made again in the frames after"


def test_a_stand_in_frame_is_the_last_size_scaled(game):
    screen = Screen(game, SMALL)
    session, t = _at_living_line(screen, {"breathing"})
    session.finish_line(t)
    small = headless_surface(SMALL)
    screen.settings.reduce_motion = True  # (a still picture: the stand-in shows it at rest)
    screen.draw(small, session, t, kept=())
    surf = headless_surface(BIG)
    screen.draw(surf, session, t, kept=())
    assert screen._resizing == (SMALL, BIG)
    assert rgb(surf) == rgb(pygame.transform.scale(small, BIG))


def test_a_stand_in_frame_that_would_not_change_is_not_drawn_again(game, monkeypatch):
    """On a window's kept canvas a stand-in frame equal to the last one draws nothing (no 4K
    scale, no copy to the window); once the line types on it is drawn whole again, the last
    size's frame scaled."""
    screen, other = Screen(game, SMALL), Screen(game, SMALL)
    held = threading.Event()  # the new size's stage is not built until the test ends: it stands in
    builder = screen.compositor.resize._builder

    def held_back(*args):
        work = builder(*args)
        return lambda: held.wait(30.0) and work()

    monkeypatch.setattr(screen.compositor.resize, "_builder", held_back)
    session, t = _at_living_line(screen, {"breathing"})
    screen.settings.reduce_motion = other.settings.reduce_motion = True
    small = headless_surface(SMALL)
    screen.draw(small, session, t, kept=())
    surf = headless_surface(BIG)
    assert screen.draw(surf, session, t, kept=()) is None  # the first stand-in: the whole frame
    assert screen._resizing == (SMALL, BIG)
    surf.fill((255, 0, 255))  # (a frame that draws anything would show)
    assert screen.draw(surf, session, t, kept=()) == []
    assert screen._resizing == (SMALL, BIG)
    assert rgb(surf) == rgb(_filled(BIG, (255, 0, 255)))
    assert screen.draw(surf, session, t, kept=None) is None  # (no word that the canvas is kept: drawn)
    later = t + 0.5  # more of the line typed
    session.update(later)
    assert screen.draw(surf, session, later, kept=()) is None
    assert screen._resizing is not None
    other.draw(small, session, later)
    assert rgb(surf) == rgb(pygame.transform.scale(small, BIG))
    held.set()
    screen.compositor.builds.wait()


def _filled(size: tuple[int, int], color: tuple[int, int, int]) -> pygame.Surface:
    surf = headless_surface(size)
    surf.fill(color)
    return surf


def test_a_picture_that_moves_on_while_the_new_size_is_made_is_drawn_as_it_is(game, monkeypatch):
    """The line changes while the new size is being made: the frame is drawn whole at the new
    size, as a fresh Screen draws it."""
    monkeypatch.setattr(screen_module, "WARM_S", 0.0)  # one piece a frame, however fast the machine
    screen = Screen(game, SMALL)
    session, t = _at_living_line(screen, {"breathing"})
    small = headless_surface(SMALL)
    screen.draw(small, session, t, kept=())
    surf = headless_surface(BIG)
    screen.draw(surf, session, t, kept=())
    screen.compositor.builds.wait()
    screen._text_builds.wait()
    for _ in range(20):  # the stage in: the first pieces of its picture
        screen.draw(surf, session, t, kept=())
        screen._text_builds.wait()
        if screen.compositor.resize.warmup.key is not None:
            break
    assert screen.resizing and screen.compositor.resize.warmup.key is not None
    for _ in range(3):  # on to another line (the picture at rest may change with it)
        session.finish_line(t)
        session.click(t)
        t += 0.25
        session.update(t)
    stand_ins, surf, t = _resize(screen, session, t)
    ref = headless_surface(BIG)
    Screen(game, BIG).draw(ref, session, t)
    assert rgb(surf) == rgb(ref)
    # nothing made for the line before asks for frames any more (the loop can sleep)
    assert screen._text_builds.next_poll(t) is None and screen.compositor.builds.next_poll(t) is None


def test_a_build_no_longer_wanted_stops_asking_for_frames():
    from vn.render.resize import BackgroundBuilds

    builds = BackgroundBuilds()
    installed = []
    assert builds.poll("a", lambda: 1, installed.append)
    builds.wait()
    assert builds.next_poll(2.0) == 2.0  # done: draw now to take it in ...
    builds.drop(keep="b")  # ... but the picture moved on to "b"
    assert builds.next_poll(2.0) is None and not builds.busy and installed == []


def test_the_words_of_a_line_left_while_a_new_size_is_made_are_not_waited_for(game):
    screen = Screen(game, SMALL)
    session, t = _at_living_line(screen, {"breathing"})
    screen.draw(headless_surface(SMALL), session, t, kept=())
    screen.draw(headless_surface(BIG), session, t, kept=())  # the words of this line asked for at BIG
    for _ in range(3):
        session.finish_line(t)
        session.click(t)
        t += 0.25
        session.update(t)
    _, _, t = _resize(screen, session, t)
    assert screen._text_builds.next_poll(t) is None and screen.compositor.builds.next_poll(t) is None


def test_a_picture_under_a_menu_is_made_ahead_too(game, monkeypatch):
    """Without the text box (`ui=False`: a menu over the game) the compositor stands in by
    itself, and its first sharp frame only blits as well."""
    screen = Screen(game, SMALL)
    session, t = _at_living_line(screen, {"breathing"})
    screen.draw(headless_surface(SMALL), session, t, ui=False)
    surf = headless_surface(BIG)
    screen.draw(surf, session, t, ui=False)
    composed = _count(monkeypatch, Compositor, "_render")
    c = screen.compositor
    for _ in range(200):
        c.builds.wait()
        t += 1 / 60
        session.update(t)
        before = composed[0]
        screen.draw(surf, session, t, ui=False)
        if c.resize.warming is None and not c.builds.busy:
            break
    else:
        raise AssertionError("the new size never came in")
    assert composed[0] == before, "the first sharp frame composed"
    ref = headless_surface(BIG)
    Screen(game, BIG).draw(ref, session, t, ui=False)
    assert rgb(surf) == rgb(ref)
