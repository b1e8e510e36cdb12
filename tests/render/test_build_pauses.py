"""A background build (vn.render.resize) pauses after each call into C while a frame is being
drawn, so the frame has the interpreter to itself; it never waits on itself, and frames drawn
back to back do not starve it."""

from __future__ import annotations

import math
import threading
import time

import pytest

from vn.render import resize
from vn.render.resize import BackgroundBuilds, frame, give_way


@pytest.fixture(autouse=True)
def _this_module_builds(monkeypatch):
    monkeypatch.setattr(resize, "_BUILD_MODULES", (*resize._BUILD_MODULES, __name__))


def _calls(counter: list[int], stop: threading.Event) -> int:
    while not stop.is_set():
        math.sqrt(2.0)  # a call into C, made by "the build's own code" (this module)
        counter[0] += 1
    return counter[0]


def test_a_build_makes_no_call_while_a_frame_is_drawn():
    builds, counter, stop = BackgroundBuilds(), [0], threading.Event()
    builds.poll("a", lambda: _calls(counter, stop), lambda _: None)
    builds.poll("a", lambda: None, lambda _: None)  # (starts it)
    while counter[0] < 1000:
        time.sleep(0.001)
    with frame():
        time.sleep(0.02)  # (lets it reach its pause)
        during = counter[0]
        time.sleep(0.05)  # the frame's own work: the GIL is free, but the build waits
        assert counter[0] - during <= 1
    time.sleep(0.05)
    assert counter[0] > during + 1  # and goes on once the frame is drawn
    stop.set()
    builds.wait(5.0)


def test_frames_back_to_back_do_not_starve_a_build():
    builds, counter, stop = BackgroundBuilds(), [0], threading.Event()
    builds.poll("a", lambda: _calls(counter, stop), lambda _: None)
    with frame():  # one frame that never ends
        builds.poll("a", lambda: None, lambda _: None)
        for _ in range(100):
            time.sleep(0.01)
            if counter[0] > 10:
                break
        assert counter[0] > 10  # it waited for this frame only for its share of the time
    stop.set()
    builds.wait(5.0)


def test_a_build_that_gives_way_itself_does_not_wait_on_itself():
    builds, done = BackgroundBuilds(), []

    def work() -> None:
        for _ in range(20):
            give_way()  # (threading's own calls inside it are not paused: no deadlock)
            math.sqrt(2.0)
        done.append(True)

    builds.poll("a", work, lambda _: None)
    with frame():
        builds.poll("a", work, lambda _: None)
        time.sleep(0.01)
    builds.wait(10.0)
    assert done == [True]
