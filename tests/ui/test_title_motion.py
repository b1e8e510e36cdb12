"""The title lives: the stage's motion (dust in the sunset beam, the city lights twinkling at
night) moves at its own rate through the holds and the light's changes, the loop wakes only at
that rate, nothing moves with Reduce motion, nothing is scheduled while the window is hidden,
and the light really goes round its presets from the first one."""

from __future__ import annotations

import pygame
import pytest
from app_helpers import make_player, run, top

from vn.stage.motion import FPS
from vn.ui.title import LIGHT_FPS, TitleView


def changed(a: pygame.Surface, b: pygame.Surface, rect: pygame.Rect | None = None) -> int:
    """How many pixels differ by more than 2 levels in a channel (inside `rect`)."""
    rect = rect or a.get_rect()
    a, b = a.subsurface(rect).copy(), b.subsurface(rect).copy()
    d1, d2 = a.copy(), b.copy()
    d1.blit(b, (0, 0), special_flags=pygame.BLEND_SUB)
    d2.blit(a, (0, 0), special_flags=pygame.BLEND_SUB)
    d1.blit(d2, (0, 0), special_flags=pygame.BLEND_ADD)
    same = pygame.mask.from_threshold(d1, (0, 0, 0, 255), (3, 3, 3, 255))
    return rect.w * rect.h - same.count()


def frame_at(p, title: TitleView, t: float) -> pygame.Surface:
    p._now = title.cycle_start + t
    title.update(p.now)
    p.draw()
    return p.canvas.copy()


@pytest.fixture
def title(dirs):
    p = make_player(None, (1280, 720))
    run(p, 0.1)
    view = top(p)
    assert isinstance(view, TitleView)
    return p, view


def test_dust_moves_in_the_sunset_hold_and_the_loop_wakes_at_its_rate(title) -> None:
    p, view = title
    a, b = frame_at(p, view, 2.0), frame_at(p, view, 2.2)  # the same light: the first preset holds
    assert "dust" in view.scene.living(2.2)
    assert 20 < changed(a, b) < 0.02 * 1280 * 720  # specks move; the picture does not
    wake = view.next_redraw(p.now) - p.now
    assert 0 < wake <= 1.0 / min(FPS.values()) + 1e-6  # the motion's grid, not every display frame


def test_the_motion_goes_on_while_the_light_changes(title) -> None:
    p, view = title
    frame_at(p, view, 5.0)
    a = frame_at(p, view, 20.0)
    b = frame_at(p, view, 20.1)  # one step of the light (1/3 s) holds both
    assert int(20.0 * LIGHT_FPS) == int(20.1 * LIGHT_FPS)
    assert view.scene.busy(20.0)  # the light is changing
    assert changed(a, b) > 20


def test_the_light_goes_round_from_the_first_preset(title) -> None:
    p, view = title
    sky = p.viewport.rect(700, 40, 280, 300)
    a = frame_at(p, view, 5.0)
    b = frame_at(p, view, 27.0)  # after the first tween (it never ran before: it stayed on sunset)
    assert changed(a, b, sky) > 0.5 * sky.w * sky.h // 1


def test_city_lights_twinkle_at_night(title) -> None:
    p, view = title
    for t in (5.0, 30.0, 60.0, 88.0):  # round the presets to night
        frame_at(p, view, t)
    assert "twinkle" in view.scene.living(88.0)
    city = p.viewport.rect(0, 540, 1000, 330)
    a, b = frame_at(p, view, 88.0), frame_at(p, view, 90.0)
    assert changed(a, b, city) > 20


def test_reduce_motion_stills_the_title(title) -> None:
    p, view = title
    p.settings.reduce_motion = True
    a, b = frame_at(p, view, 2.0), frame_at(p, view, 2.2)
    assert changed(a, b) == 0
    frame_at(p, view, 3.0)
    assert view.next_redraw(p.now) is None  # nothing lives, the light holds: the loop sleeps


def test_a_page_over_the_title_stills_it_and_a_hidden_window_schedules_nothing(title) -> None:
    p, view = title
    frame_at(p, view, 2.0)
    assert view.next_redraw(p.now) - p.now < 0.2
    view._open("extras", "ExtrasView")
    run(p, 0.5)
    assert view._motion_redraw(p.now) is None  # dimmed under Extras: no motion frames
    p.stack.top.close()
    run(p, 0.2)
    assert view._motion_redraw(p.now) is not None
    pygame.event.post(pygame.event.Event(pygame.WINDOWMINIMIZED))
    p.tick()
    assert not p.visible and p._next_wake() is None


def test_the_light_steps_on_frames_the_motion_draws_anyway(title) -> None:
    """While the light changes and the stage lives, the light's steps fall on the motion's
    frames: the title wakes at the motion's rate, not at that rate plus the light's."""
    p, view = title
    now = view.cycle_start + 12.0  # in the first change of light
    view.update(now)
    assert view.scene.busy(now - view.cycle_start)
    fps = view._motion_rate(now)
    assert fps is not None
    wakes, lights = [], set()
    while now < view.cycle_start + 15.0:
        now = view.next_redraw(now)
        wakes.append(now)
        lights.add(view._light_time(now))
    grid = [(w - view.cycle_start) * fps for w in wakes]
    assert all(abs(g - round(g)) < 1e-6 for g in grid)  # every wake is a frame of the motion
    assert len(wakes) <= 3.0 * fps + 1
    assert len(lights) >= 3.0 * LIGHT_FPS  # and the light still steps at least as often as it did


@pytest.mark.parametrize("start", [2.0, 12.0, 70.0])  # dust in the hold, a change of light, the night
def test_motion_steps_drawn_in_parts_equal_whole_frames(title, start) -> None:
    """On the window's kept canvas a step of the motion is drawn only where the motion moved
    (the menu laid over it again there): each such frame, and the window, equal the frame drawn
    whole."""
    p, view = title
    frame_at(p, view, start)
    parts = 0
    for n in range(1, 9):
        t = start + n * 0.1
        p._now = view.cycle_start + t
        view.update(p.now)
        p.draw()
        if p.canvas_kept and view.damage is not None:
            parts += 1
            assert sum(r.w * r.h for r in view.damage) < 0.75 * 1280 * 720  # a part, not the picture
        shown, drawn = pygame.image.tobytes(p.surface, "RGB"), pygame.image.tobytes(p.canvas, "RGB")
        assert shown == drawn, t
        p._drawn = None  # the same moment drawn whole
        p.draw()
        assert pygame.image.tobytes(p.canvas, "RGB") == drawn, t
        p.draw()  # (and kept again for the next step)
    assert parts >= 5
