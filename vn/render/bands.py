"""Enlarging a picture with pygame-ce's `smoothscale` in two bands on two threads, with the
same pixels as one call.

`smoothscale` releases the GIL while it filters, so on two cores the two halves of a large
enlargement run at once (1080p on the 2-core development machine with a core free: 4.4 ms whole,
3.0 ms in two bands). The moving camera enlarges the whole picture every frame
(`Compositor._moving`), the largest single cost of the heaviest frame. What it costs: the bands
together take about a fifth more CPU than one call (measured under load: 5.5 against 4.6 ms), and
the gain in time is there only while another core is free; on a machine whose cores are all busy
the frame waits for the second band instead.

Why the bands are exact, not merely close: enlarging n px to m, pygame-ce's bilinear filter
(`filter_expand_X`/`_Y` in src_c/transform.c, the C and SSE2 versions alike) makes output px i
from source px ``i * (n - 1) // m`` and the one after it, weighted by
``(i * (n - 1) % m) / m``. A band of output px [c, m) made from source px [a, n), with
``a = c * (n - 1) / m`` a whole number, maps its px i - c to ``(i - c) * (n - 1 - a) / (m - c)``
= ``i * (n - 1) / m - a``: the same source px, the same weight, at every px. So the picture is
cut only where ``c * (n - 1)`` is a multiple of m — along its rows if such a place splits the
work evenly enough, else along its columns, else nowhere (one call). The two axes are filtered
one after the other, each px from its own row or column, so a cut along one axis does not
touch the other. `tests/render/test_bands.py` checks the result against one call, pixel for
pixel, over many sizes.
"""

from __future__ import annotations

import math
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pygame

MIN_AREA = 250_000  # output px below which one call is cheaper than handing half to a thread
MOST = 0.7  # the larger band's share of the picture at most (thirds pass; else one call)

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_worker_cpu = 0.0  # s of CPU the band thread has spent (only that thread writes it)


def worker_cpu() -> float:
    """Seconds of CPU time the second-band thread has spent so far. `vn bench` adds it to the
    drawing thread's time, so a frame's figure counts the work of both bands."""
    return _worker_cpu


def cut(n: int, m: int) -> int | None:
    """Where to cut an enlargement of n px to m px (n < m) into two exact bands: the output px
    c nearest the middle with ``c * (n - 1)`` a multiple of m, or None when every such place
    leaves one band more than MOST of the whole, or a band that is not itself an enlargement
    (a band as long as its source is copied, not filtered: a zoom a hair over 1)."""
    if not 1 < n < m:
        return None
    step = m // math.gcd(n - 1, m)  # (c * (n - 1)) % m == 0 exactly when step divides c
    c = max(1, round(m / 2 / step)) * step
    a = c * (n - 1) // m  # the first band is source px [0, a] made into [0, c), the second [a, n) into [c, m)
    if not 0 < c < m or max(c, m - c) > MOST * m or not (a + 1 < c and n - a < m - c):
        return None
    return c


def smoothscale(src: pygame.Surface, dest: pygame.Surface) -> pygame.Surface:
    """`pygame.transform.smoothscale(src, dest.get_size(), dest)`: the same pixels, made in two
    bands on two threads when `dest` is large, larger than `src` both ways and can be cut
    exactly (see the module's docstring); otherwise in one call. `dest` must have `src`'s
    pixel format. Returns `dest`."""
    (n_x, n_y), (m_x, m_y) = src.get_size(), dest.get_size()
    if m_x * m_y < MIN_AREA or n_x >= m_x or n_y >= m_y or (os.cpu_count() or 1) < 2:
        return pygame.transform.smoothscale(src, (m_x, m_y), dest)
    c = cut(n_y, m_y)
    if c is not None:  # along the rows
        a = c * (n_y - 1) // m_y
        first = (src.subsurface((0, 0, n_x, a + 1)), dest.subsurface((0, 0, m_x, c)))
        second = (src.subsurface((0, a, n_x, n_y - a)), dest.subsurface((0, c, m_x, m_y - c)))
    else:
        c = cut(n_x, m_x)
        if c is None:
            return pygame.transform.smoothscale(src, (m_x, m_y), dest)
        a = c * (n_x - 1) // m_x
        first = (src.subsurface((0, 0, a + 1, n_y)), dest.subsurface((0, 0, c, m_y)))
        second = (src.subsurface((a, 0, n_x - a, n_y)), dest.subsurface((c, 0, m_x - c, m_y)))
    if second[1].get_height() * second[1].get_width() > first[1].get_height() * first[1].get_width():
        first, second = second, first  # this thread makes the larger band: the other may start late
    other = _worker().submit(_scale_counted, *second)
    _scale(*first)
    other.result()
    return dest


def _scale(src: pygame.Surface, dest: pygame.Surface) -> None:
    pygame.transform.smoothscale(src, dest.get_size(), dest)


def _scale_counted(src: pygame.Surface, dest: pygame.Surface) -> None:
    """`_scale` on the band thread, its CPU time added to `worker_cpu`."""
    global _worker_cpu
    t0 = time.thread_time()
    _scale(src, dest)
    _worker_cpu += time.thread_time() - t0


def start() -> None:
    """Start the band thread now if it is not running (a frame that is cheap anyway does it,
    so the first frame that cuts a picture does not pay for it)."""
    if (os.cpu_count() or 1) >= 2:
        _worker().submit(int)


def _worker() -> ThreadPoolExecutor:
    """The one thread that makes the second band (started the first time it is needed)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vn-bands")
        return _pool

