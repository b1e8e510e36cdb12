"""Pure tweens: the value at time `now` of a change from `a` to `b` that started at `start`
and lasts `duration` seconds, eased by name (see `vn.easing`).

Nothing here stores time or mutates: the scene model keeps `Tween` values and asks them for
their value at any moment, so any frame can be reproduced exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from vn.easing import ease

T = TypeVar("T")


def progress(now: float, start: float, duration: float, easing: str = "linear") -> float:
    """Eased progress in [0, 1] (beyond it for `back_*` easings mid-way). Zero or negative
    durations are already done; before `start` nothing has happened."""
    if duration <= 0.0:
        return 1.0 if now >= start else 0.0
    return ease(easing, (now - start) / duration)


def lerp(a: float, b: float, u: float) -> float:
    return a + (b - a) * u


def tween_value(a: float, b: float, start: float, duration: float, easing: str, now: float) -> float:
    """The number at `now` on the way from `a` to `b`."""
    return lerp(a, b, progress(now, start, duration, easing))


@dataclass(frozen=True)
class Tween(Generic[T]):
    """A change of any value type, mixed by `mix(a, b, u)` (e.g. `lerp`, `lerp_color`,
    `lerp_light`)."""

    a: T
    b: T
    start: float
    duration: float
    easing: str
    mix: Callable[[T, T, float], T]

    @property
    def end(self) -> float:
        return self.start + max(0.0, self.duration)

    def at(self, now: float) -> T:
        if now >= self.end:
            return self.b
        if now <= self.start:
            return self.a
        return self.mix(self.a, self.b, progress(now, self.start, self.duration, self.easing))

    def running(self, now: float) -> bool:
        return self.start <= now < self.end

    @staticmethod
    def still(value: T, mix: Callable[[T, T, float], T]) -> Tween[T]:
        """A value that does not change."""
        return Tween(value, value, 0.0, 0.0, "linear", mix)
