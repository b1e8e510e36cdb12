"""Game time: real frame time, clamped and scaled.

Every tween in the scene model is a pure function of game time; this is the one place real
time turns into it. Skip mode is a fast clock, and a long hitch (a dragged window, a debugger
stop) advances the game by at most `max_step`, so a scripted light tween is never jumped over.
"""

from __future__ import annotations


class Clock:
    def __init__(self, speed: float = 1.0, max_step: float = 0.1, now: float = 0.0) -> None:
        self.speed = speed
        self.max_step = max_step
        self._now = float(now)

    @property
    def now(self) -> float:
        """Game time in seconds since the clock started."""
        return self._now

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        if not value >= 0.0:
            raise ValueError(f"clock speed must be >= 0, not {value!r}")
        self._speed = float(value)

    def advance(self, real_dt: float, idle: float = 0.0) -> float:
        """Move on by one frame of `real_dt` real seconds; returns the new game time `now`.
        Negative frame times (a clock that went backwards) count as zero.

        `idle` (seconds, part of `real_dt`) is time the loop chose to sleep because nothing was
        due before it: it counts in full, since nothing animated through it; only the rest
        (the frame's work, a hitch) is clamped to `max_step`."""
        idle = min(max(0.0, idle), max(0.0, real_dt))
        step = idle + min(max(0.0, real_dt) - idle, self.max_step)
        self._now += step * self._speed
        return self._now
