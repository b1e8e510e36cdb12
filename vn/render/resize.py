"""No stall on resize: a stage's art for a new picture size is rasterised in the background.

Rasterising a stage's SVGs at 3840x2160 takes seconds; done in the frame that first needs
them, the window froze. Instead, when the picture changes size and the stage has already been
drawn at another size, the compositor keeps drawing at that size, scaled to the new one (a
little soft for a moment), while a background thread builds the stage's lit planes and the
shown sprites' layers at the new size. Once they are ready they are handed to the compositor
in the frame thread and the picture is drawn at its own size again.

pygame's SVG rasteriser and zlib release the GIL, so the frame thread keeps its pace while they
run; pygame's blits and fills do not. So the build works on big surfaces a band of rows at a
time (`vn.render.images.copy`, `content_rect`, `premultiplied`) and, between bands, gives way
to a frame being drawn (`give_way`, `frame`): a frame waits for at most one band, not for a
whole 4K pass, and is not slowed by sharing the interpreter. A build starts on the frame after
the one that asked for it, so that frame (text laid out anew at the new size) runs alone. The
very first picture of a stage (nothing to scale from) is still built at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)

Size = tuple[int, int]
POLL_S = 0.1  # while a build runs, the picture looks this often whether it has finished


GIVE_WAY_MAX_S = 0.1  # a build waits at most this long for a frame (a slow frame loop never starves it)

_idle = threading.Event()  # clear while a frame is being drawn
_idle.set()
_drawing: list[int] = []  # the drawing thread, once per (nested) frame


@contextmanager
def frame() -> Iterator[None]:
    """Around drawing a frame: background builds pause at their next `give_way` meanwhile."""
    _drawing.append(threading.get_ident())
    _idle.clear()
    try:
        yield
    finally:
        _drawing.pop()
        if not _drawing:
            _idle.set()


def give_way() -> None:
    """Called by background work between steps: wait while a frame is being drawn (in the
    drawing thread itself, or with no frame being drawn, return at once)."""
    if not _idle.is_set() and threading.get_ident() not in _drawing:
        _idle.wait(GIVE_WAY_MAX_S)


class _Job:
    """One background build, started by `start`; `result` or `error` is set when `done` is."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        # a daemon thread: closing the window never waits for a rasteriser to finish
        self.thread = threading.Thread(target=self._run, args=(work,), name="vn-rasterise", daemon=True)

    def start(self) -> None:
        if self.thread.ident is None:
            self.thread.start()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            self.result = work()
        except Exception as exc:  # reported in the frame thread, which then builds at once
            self.error = exc
        finally:
            self.done.set()


class BackgroundBuilds:
    """Builds keyed by what they build (e.g. (stage, size)), one background thread each."""

    def __init__(self) -> None:
        self._jobs: dict[Hashable, _Job] = {}

    @property
    def busy(self) -> bool:
        return any(not job.done.is_set() for job in self._jobs.values())

    def next_poll(self, now: float) -> float | None:
        """When the picture should next be drawn to start or take in a build (`now` for one to
        start or one finished, a little later while one runs; None with nothing building): a still picture
        is otherwise not redrawn, and the scaled stand-in would stay on screen."""
        if not self._jobs:
            return None
        if any(job.done.is_set() or job.thread.ident is None for job in self._jobs.values()):
            return now  # one to take in, or one to start
        return now + POLL_S

    def wait(self, timeout: float | None = None) -> None:
        """Block until every build started so far is done (tests, and `vn render`)."""
        for job in list(self._jobs.values()):
            job.start()
            job.done.wait(timeout)

    def poll(self, key: Hashable, work: Callable[[], Any], install: Callable[[Any], None]) -> bool:
        """True while `key` is being built (start `work` in the background if it is not yet);
        False once it is installed — `install(result)` runs here, in the caller's thread — or
        when the build failed (the caller then builds at once and sees the error itself)."""
        job = self._jobs.get(key)
        if job is None:  # started on the next frame (this one lays out its text at the new size)
            self._jobs[key] = _Job(work)
            return True
        job.start()
        if not job.done.is_set():
            return True
        del self._jobs[key]
        if job.error is not None:
            log.warning("background rasterising failed (%s); drawing at once", job.error)
            return False
        install(job.result)
        return False


def nearest(sizes: list[Size], size: Size) -> Size | None:
    """The size among `sizes` closest in height to `size` (None when there is none)."""
    return min(sizes, key=lambda s: abs(s[1] - size[1])) if sizes else None
