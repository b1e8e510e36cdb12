"""Freed pictures given back to the system when the picture changes stage.

A stage at 1080p is built from full-picture surfaces of 8 MB each (rasters, role maps, lit
copies), most of them freed once its maps are made. glibc's malloc serves a block that large
from its own mapping only until the first such block is freed; after that (its "dynamic mmap
threshold", up to 32 MB) they come from the heap, and a freed block in the middle of the heap
stays resident: after a few stages, tens of MB of holes. Serving them all from mappings instead
(`mallopt(M_MMAP_THRESHOLD)`) would give each back at once, but the frames of a light tween
allocate and free a few such blocks each, and mapping them afresh every frame made the heaviest
frame 40 % slower (measured: 1080p median 25-27 ms -> 36-38 ms of thread CPU). So the holes are
handed back in one go (`malloc_trim`) at the moment a new stage is about to be built or shown:
~10 ms (0.3-23 ms measured over a playthrough), in a frame that builds a stage anyway; after
each run of a stage's planes is built (its scratch — each role's full-size map, the layer drawn
whole, its occluder and premultiplied copies — is ~35-55 MB at 1080p, freed under the maps it
kept: the next run's and the lit copies' new blocks did not fit in those holes, and they stayed
resident through every later frame of that stage, 40 MB in the burning town's); and at the end
of a frame that built something big (`built` during it, `settle` after it: a stage, a figure's
art, where the light catches it).

Elsewhere than glibc (musl, macOS, Windows) `give_back` does nothing.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, looked up once; None on any other C library."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the process's own symbols: the C library it runs on
        gnu = getattr(libc, "gnu_get_libc_version", None)
        fn = getattr(libc, "malloc_trim", None) if gnu is not None else None  # glibc only
    except OSError:  # pragma: no cover - no dynamic loader
        return None
    if fn is not None:
        fn.argtypes = [ctypes.c_size_t]
        fn.restype = ctypes.c_int
    return fn


_due = False  # something was `built` since the last `settle`


def built() -> None:
    """Note that something big was just built — a stage's maps, a figure's art or where the
    light catches it — whose scratch is freed memory to give back at the end of the frame
    (`settle`). Any thread may call it (a background build does)."""
    global _due
    _due = True


def settle() -> bool:
    """At the end of a frame: `give_back` if anything was `built` since the last call (see the
    module docstring); returns whether it gave back."""
    global _due
    if not _due:
        return False
    _due = False
    return give_back()


def give_back() -> bool:
    """Hand the C heap's free memory back to the system (glibc's `malloc_trim(0)`); returns
    whether it could (False where the C library has no such call). The call releases the GIL."""
    fn = _malloc_trim()
    if fn is None:
        return False
    fn(0)
    return True
