"""Sleep until input arrives or a deadline passes, without polling.

pygame-ce's `event.wait(timeout)` re-implements SDL's wait as a loop that pumps the queue and
sleeps one millisecond (measured under Xvfb: 2.5 % of a core for a window that does nothing).
SDL's own `SDL_WaitEventTimeout` really blocks on the window system's connection (X11, Wayland,
Cocoa and Windows drivers since SDL 2.0.16; measured: 0.004 % of a core), so the loop calls it
through ctypes, in the very SDL library pygame-ce loaded, with no event argument: it returns when
an event is queued and leaves it there for `pygame.event.get()`.

When that library cannot be found, or the video driver has no real wait (the dummy and offscreen
drivers, where SDL itself would poll every millisecond), `wait` sleeps in slices of
`FALLBACK_SLICE` seconds, looking at the queue between them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import math
import os
import time
from typing import Any

SDL_INIT_VIDEO = 0x20
FALLBACK_SLICE = 1.0 / 60.0  # seconds between looks at the queue without a real wait
NO_REAL_WAIT = ("dummy", "offscreen", "evdev")  # SDL drivers whose wait is a 1 ms poll
MAX_WAIT_MS = 2**31 - 1


def find_sdl(pygame: Any) -> Any | None:
    """The SDL2 library pygame-ce is running on, as a ctypes library, or None. A candidate is
    accepted only if its video subsystem is up (`SDL_WasInit`): a second copy of SDL in the
    process would not be, and waiting on it would wait on nothing."""
    package = os.path.dirname(pygame.__file__)
    patterns = [os.path.join(os.path.dirname(package), "pygame_ce.libs", "libSDL2-2*"),  # Linux wheels
                os.path.join(package, ".dylibs", "libSDL2-2*"),  # macOS wheels
                os.path.join(package, "SDL2.dll"),  # Windows wheels
                os.path.join(package, "libSDL2-2*")]
    candidates = [path for pattern in patterns for path in sorted(glob.glob(pattern))]
    system = ctypes.util.find_library("SDL2")  # a pygame-ce built against the system's SDL
    if system:
        candidates.append(system)
    for path in candidates:
        try:
            lib = ctypes.CDLL(path)
            lib.SDL_WasInit.argtypes = [ctypes.c_uint32]
            lib.SDL_WasInit.restype = ctypes.c_uint32
            if not lib.SDL_WasInit(SDL_INIT_VIDEO) & SDL_INIT_VIDEO:
                continue
            lib.SDL_WaitEventTimeout.argtypes = [ctypes.c_void_p, ctypes.c_int]
            lib.SDL_WaitEventTimeout.restype = ctypes.c_int
        except (OSError, AttributeError):
            continue
        return lib
    return None


class EventWait:
    """`wait(timeout)` blocks until an event is queued or `timeout` seconds pass (None: until
    an event). Make it after the window is open (the video subsystem must be up)."""

    def __init__(self, pygame: Any) -> None:
        self.pg = pygame
        driver = pygame.display.get_driver() if pygame.display.get_init() else "dummy"
        self.sdl = None if driver in NO_REAL_WAIT else find_sdl(pygame)

    @property
    def blocking(self) -> bool:
        """True when waits really sleep in SDL (False: slices of FALLBACK_SLICE)."""
        return self.sdl is not None

    def wait(self, timeout: float | None) -> None:
        if timeout is not None and timeout <= 0.0:
            return
        if self.sdl is not None:
            ms = -1 if timeout is None else min(MAX_WAIT_MS, max(1, math.ceil(timeout * 1000.0)))
            self.sdl.SDL_WaitEventTimeout(None, ms)  # ctypes lets go of the GIL meanwhile
            return
        end = None if timeout is None else time.perf_counter() + timeout
        while not self.pg.event.peek():
            left = FALLBACK_SLICE if end is None else min(FALLBACK_SLICE, end - time.perf_counter())
            if left <= 0.0:
                return
            time.sleep(left)
