"""The window's loop sleeps: it blocks until input or the earliest deadline, draws nothing while
nothing changes, and wakes for what changes on its own (the title's light, the audio's fades)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time

import pygame
import pytest
from app_helpers import make_player, run, to_line

from vn.audio.mix import DUCK_ATTACK, DUCK_RELEASE, FADE_STEP, Mix
from vn.eventwait import EventWait
from vn.stage.clock import Clock


class RecordingWait:
    """Stands in for vn.eventwait.EventWait: records each timeout and returns at once."""

    blocking = True

    def __init__(self) -> None:
        self.timeouts: list[float | None] = []

    def wait(self, timeout: float | None) -> None:
        self.timeouts.append(timeout)


def _counting_draws(player) -> list[int]:
    draws = [0]
    real = player.draw

    def counting() -> None:
        draws[0] += 1
        real()

    player.draw = counting
    return draws


def test_an_idle_line_blocks_until_input_and_draws_nothing(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    run(p, 2.0)  # typed out, nothing pending
    p.tick(0.0)  # the turn after the last change draws nothing more
    waits = RecordingWait()
    p._waiter = waits
    p.hot_reload.next_scan = p.hot_reload.clock() + 100.0  # no file scan due for 100 s
    draws = _counting_draws(p)
    for _ in range(5):
        p.tick()
    assert draws[0] == 0
    assert len(waits.timeouts) == 5
    # nothing is scheduled: the only deadline left is the next scan of the game's files
    assert all(t is not None and t > 90.0 for t in waits.timeouts)


def test_the_wait_ends_at_the_earliest_deadline(dirs):
    from vn.ui.title import LIGHT_HOLD

    p = make_player(None)
    run(p, 2.0)  # the title is shown and faded in; its light holds for LIGHT_HOLD seconds
    title = p.stack.top
    p.tick(0.0)
    waits = RecordingWait()
    p._waiter = waits
    p.hot_reload.next_scan = p.hot_reload.clock() + 100.0
    # the light's hold ends, or sooner the stage's living motion (dust in the sunset beam) wants its
    # next frame on its own grid
    living = title._motion_redraw(p.now)
    assert living is not None and living - p.now <= 0.125 + 1e-6
    expected = min(title.cycle_start + LIGHT_HOLD, living) - p.now
    p.tick()
    assert waits.timeouts[0] == pytest.approx(expected, abs=0.02)
    # with Reduce motion nothing on the title moves; a hot-reload scan is the earliest deadline
    p.settings.reduce_motion = True
    p.tick()  # the motion frame the loop slept until is drawn
    p.hot_reload.next_scan = p.hot_reload.clock() + 0.3
    p.tick()
    assert waits.timeouts[-1] == pytest.approx(0.3, abs=0.05)


def test_a_chosen_sleep_counts_in_full_but_a_hitch_does_not():
    c = Clock(max_step=0.1)
    assert c.advance(5.0, idle=4.95) == pytest.approx(5.0)  # slept 4.95 s on purpose + a 50 ms frame
    assert c.advance(5.0, idle=0.0) == pytest.approx(5.1)  # a 5 s hitch: one max_step
    assert c.advance(1.0, idle=3.0) == pytest.approx(6.1)  # never more than the real time
    c.speed = 2.0
    assert c.advance(1.0, idle=1.0) == pytest.approx(8.1)


def test_audio_fades_wake_the_loop_without_redrawing(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    run(p, 2.0)
    p.tick(0.0)
    game = p.game_view()
    t = game.game_time(p.now)
    p.audio.mix.play_looped("music", "theme.ogg", t, fade=3.0)
    waits = RecordingWait()
    p._waiter = waits
    p.hot_reload.next_scan = p.hot_reload.clock() + 100.0
    draws = _counting_draws(p)
    p.tick()
    assert waits.timeouts[-1] <= 0.06  # a volume step soon (or a decode to look at)
    assert draws[0] == 0


def test_mix_next_change_follows_fades_ducking_and_ends():
    m = Mix()
    assert m.next_change(0.0) is None
    m.play_looped("music", "a.ogg", 1.0, fade=2.0)
    assert m.next_change(0.0) == pytest.approx(1.0)  # the fade has not begun: wake when it does
    assert m.next_change(1.5) == pytest.approx(1.5 + FADE_STEP)
    assert m.next_change(3.5) is None  # faded in, looping: nothing changes by itself
    m.apply("sound", {"file": "v.ogg", "channel": "voice", "loop": False}, 10.0)
    voice = m.tracks[-1]
    assert m.next_change(10.05) == pytest.approx(10.05 + FADE_STEP)  # the music ducks
    voice.length = 2.0
    assert m.next_change(11.0) == pytest.approx(12.0)  # ducked and steady until the voice ends
    assert m.next_change(12.3) == pytest.approx(12.3 + FADE_STEP)  # the music comes back
    assert 12.0 + DUCK_RELEASE > 12.3 and DUCK_ATTACK < 1.0
    m.prune(13.0)
    assert m.next_change(13.0) is None


def test_the_fallback_wait_returns_for_a_posted_event_or_the_timeout():
    if not pygame.display.get_init():
        pygame.display.init()
    w = EventWait(pygame)
    if w.blocking:
        pytest.skip("this display has a real wait (tested under Xvfb below)")
    pygame.event.clear()
    t0 = time.perf_counter()
    w.wait(0.05)
    assert time.perf_counter() - t0 >= 0.04
    pygame.event.post(pygame.event.Event(pygame.USEREVENT))
    w.wait(None)  # returns at once: an event is queued
    assert pygame.event.get(pygame.USEREVENT)


XVFB_CHILD = textwrap.dedent("""
    import threading, time, pygame
    from vn.eventwait import EventWait
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    pygame.display.flip()
    w = EventWait(pygame)
    assert w.blocking, "no real wait found"
    pygame.event.clear()
    t0 = time.perf_counter()
    w.wait(0.3)
    assert time.perf_counter() - t0 >= 0.25
    timer = threading.Timer(0.2, lambda: pygame.event.post(pygame.event.Event(pygame.USEREVENT)))
    timer.start()
    w.wait(None)  # only the posted event ends it
    assert pygame.event.get(pygame.USEREVENT)
    print("ok")
""")


def _xvfb_display():
    """A working Xvfb on a free display, or skip."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    for n in range(0, 20):
        display = f":{300 + (os.getpid() + n) % 600}"
        proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "320x240x24"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        for _ in range(50):
            time.sleep(0.05)
            if proc.poll() is not None:
                break
            if os.path.exists(f"/tmp/.X11-unix/X{display[1:]}"):
                return proc, display
        proc.kill()
        proc.wait()
    pytest.skip("Xvfb did not start")


def test_under_x11_the_wait_really_blocks():
    proc, display = _xvfb_display()
    try:
        env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11", PYGAME_HIDE_SUPPORT_PROMPT="1")
        out = subprocess.run([sys.executable, "-c", XVFB_CHILD], env=env, capture_output=True, text=True,
                             timeout=60)
        if "x11 not available" in out.stderr or "No available video device" in out.stderr:
            pytest.skip("SDL has no X11 driver here")
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip().endswith("ok")
    finally:
        proc.kill()
        proc.wait()


def test_a_hidden_window_draws_nothing_and_schedules_no_redraw(dirs):
    p = make_player(None)
    run(p, 12.0)  # the title's light is changing: it asks for redraws
    assert p._next_wake() is not None
    pygame.event.post(pygame.event.Event(pygame.WINDOWMINIMIZED))
    waits = RecordingWait()
    p._waiter = waits
    p.hot_reload.next_scan = p.hot_reload.clock() + 100.0
    draws = _counting_draws(p)
    for _ in range(3):
        p.tick()
    assert draws[0] == 0 and not p.visible
    assert all(t is not None and t > 90.0 for t in waits.timeouts)  # only input or the file scan
    pygame.event.post(pygame.event.Event(pygame.WINDOWRESTORED))
    p.tick()
    assert p.visible and draws[0] == 1
