"""No stall on resize: a stage's art for a new picture size is rasterised in the background.

Rasterising a stage's SVGs at 3840x2160 takes seconds; done in the frame that first needs
them, the window froze. Instead, when the picture changes size and the stage has already been
drawn at another size, the compositor keeps drawing at that size, scaled to the new one (a
little soft for a moment), while a background thread builds the stage's lit planes and the
shown sprites' layers at the new size. Once they are ready they are handed to the compositor
in the frame thread and the picture is drawn at its own size again.

pygame's SVG rasteriser releases the GIL, so the frame thread keeps its pace meanwhile. The
very first picture of a stage (nothing to scale from) is still built at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from typing import Any

log = logging.getLogger(__name__)

Size = tuple[int, int]


class _Job:
    """One background build; `result` or `error` is set when `done` is."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        # a daemon thread: closing the window never waits for a rasteriser to finish
        self.thread = threading.Thread(target=self._run, args=(work,), name="vn-rasterise", daemon=True)
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

    def wait(self, timeout: float | None = None) -> None:
        """Block until every build started so far is done (tests, and `vn render`)."""
        for job in list(self._jobs.values()):
            job.done.wait(timeout)

    def poll(self, key: Hashable, work: Callable[[], Any], install: Callable[[Any], None]) -> bool:
        """True while `key` is being built (start `work` in the background if it is not yet);
        False once it is installed — `install(result)` runs here, in the caller's thread — or
        when the build failed (the caller then builds at once and sees the error itself)."""
        job = self._jobs.get(key)
        if job is None:
            self._jobs[key] = _Job(work)
            return True
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
