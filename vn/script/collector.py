"""Python's cycle collector paused while a program is built or encoded."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a program is built or encoded: that makes millions
    of objects and no cycles, and each collection walks every object made so far, which made a
    100,000-line script cost 4x its collector-free time (measured; see docs/performance.md)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            # what the build made would all sit in the youngest generation, and the first
            # collection after would walk it at once (~1 s at 100,000 lines): move it to the
            # oldest generation unscanned (freeze + unfreeze is two list splices), where cycles
            # are still found by the next full collection
            gc.freeze()
            gc.unfreeze()
            gc.enable()
