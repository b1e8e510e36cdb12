"""Easing functions: pure `f(u) -> u` on [0, 1], by the names scripts use.

A leaf module with no dependencies, so the script checker (names) and the scene model
(values) share one table.
"""

from __future__ import annotations

import math
from collections.abc import Callable

Easing = Callable[[float], float]

_BACK = 1.70158


def linear(u: float) -> float:
    return u


def sine_in(u: float) -> float:
    return 1.0 - math.cos(u * math.pi / 2.0)


def sine_out(u: float) -> float:
    return math.sin(u * math.pi / 2.0)


def sine_in_out(u: float) -> float:
    return -(math.cos(math.pi * u) - 1.0) / 2.0


def _power(n: int) -> tuple[Easing, Easing, Easing]:
    def ease_in(u: float) -> float:
        return u**n

    def ease_out(u: float) -> float:
        return 1.0 - (1.0 - u) ** n

    def ease_in_out(u: float) -> float:
        if u < 0.5:
            return (2 ** (n - 1)) * u**n
        return 1.0 - ((-2.0 * u + 2.0) ** n) / 2.0

    return ease_in, ease_out, ease_in_out


def expo_in(u: float) -> float:
    return 0.0 if u <= 0.0 else 2.0 ** (10.0 * u - 10.0)


def expo_out(u: float) -> float:
    return 1.0 if u >= 1.0 else 1.0 - 2.0 ** (-10.0 * u)


def expo_in_out(u: float) -> float:
    if u <= 0.0 or u >= 1.0:
        return max(0.0, min(1.0, u))
    if u < 0.5:
        return 2.0 ** (20.0 * u - 10.0) / 2.0
    return (2.0 - 2.0 ** (-20.0 * u + 10.0)) / 2.0


def back_in(u: float) -> float:
    return (_BACK + 1.0) * u**3 - _BACK * u**2


def back_out(u: float) -> float:
    v = u - 1.0
    return 1.0 + (_BACK + 1.0) * v**3 + _BACK * v**2


def back_in_out(u: float) -> float:
    c = _BACK * 1.525
    if u < 0.5:
        return ((2.0 * u) ** 2 * ((c + 1.0) * 2.0 * u - c)) / 2.0
    return ((2.0 * u - 2.0) ** 2 * ((c + 1.0) * (u * 2.0 - 2.0) + c) + 2.0) / 2.0


quad_in, quad_out, quad_in_out = _power(2)
cubic_in, cubic_out, cubic_in_out = _power(3)

EASINGS: dict[str, Easing] = {
    "linear": linear,
    "sine_in": sine_in,
    "sine_out": sine_out,
    "sine_in_out": sine_in_out,
    "quad_in": quad_in,
    "quad_out": quad_out,
    "quad_in_out": quad_in_out,
    "cubic_in": cubic_in,
    "cubic_out": cubic_out,
    "cubic_in_out": cubic_in_out,
    "expo_in": expo_in,
    "expo_out": expo_out,
    "expo_in_out": expo_in_out,
    "back_in": back_in,
    "back_out": back_out,
    "back_in_out": back_in_out,
}


def ease(name: str, u: float) -> float:
    """Eased progress for `u` clamped to [0, 1]; unknown names fall back to linear."""
    u = 0.0 if u < 0.0 else 1.0 if u > 1.0 else u
    return EASINGS.get(name, linear)(u)
