"""Living scenes: the small motions of a picture that is otherwise still while the player reads —
city lights twinkling, dust drifting in a beam of light, figures breathing, an eye glow pulsing.

Every motion is a pure function of the *stage clock* (seconds since the stage was shown), so a
frame is still a function of the story position and the time: `vn render --at L:N --t S` gives
the same pixels every time, and saves and rollback carry nothing new. Each motion asks for
frames only at the modest rate it needs (`FPS`): the loop sleeps between them, and a scene in
which nothing lives (or "Reduce motion" on) costs no redraws at all.

Modders set motion from data (docs/stage-format.md, *Living scenes*):
- `twinkle` (float 0..1) on an emissive layer of a stage: how far a light dims at most;
- `flicker` (float 0..1) on an emissive (or `rim`, or `none`) layer, and `flicker_rate` (Hz):
  its whole light wavers like firelight, each stretch of it along the map on its own;
- `pulse` (float 0..1) and `pulse_period` (s) on such a layer: its light throbs, as a sprite
  layer's `pulse` does (a glow painted into a key-beat image);
- `dust` (float >= 0, motes per 100x100 map px) on a polygon of the `lights` layer, lit by the
  polygon's beam; `strength` (0..1) on the polygon scales the light it adds itself (0: an
  invisible volume of air that only lights its dust);
- `breathing` in a sprite's YAML: `{amount: 0.004, period: 4.6}` (the figure's height grows by
  `amount` at each breath in, anchored at the feet);
- `pulse` on an emissive sprite layer: `{amount: 0.35, period: 2.8}` (the glow dims by up to
  `amount` and comes back, once a period).

This module is the scene model's side: the specs, their checks and the functions of time. The
renderer (`vn.render.motion`) draws them. No pygame, no wall clock.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]

# redraws per second each motion needs (its frames are at multiples of 1/fps on the stage clock)
FPS: Mapping[str, float] = {"twinkle": 8.0, "dust": 10.0, "breathing": 8.0, "pulse": 10.0, "flicker": 10.0}

TWINKLE_CELL = 8.0  # map px: each cell of a twinkling layer dims on its own (about one window)
TWINKLE_CLASSES = 256  # cells follow one of this many schedules (the renderer's palette)
TWINKLE_MIN_EMISSIVE = 0.1  # below this city-lights level the twinkle is not worth a redraw
DUST_MIN_STRENGTH = 0.05  # a beam weaker than this shows no dust
DUST_AREA = 100.0 * 100.0  # map px^2 that `dust: 1` fills with one mote
MAX_MOTES = 400  # per polygon

FLICKER_SPAN = 240.0  # map px between the points along a layer whose light wavers on its own
FLICKER_STEPS = 256  # the renderer's levels across a flickering layer (one palette)
DEFAULT_FLICKER_RATE = 1.5  # Hz: new levels a second (a fire seen across a street)
FLICKER_RATES = (0.1, 3.0)  # Hz: what `flicker_rate` may be (10 frames a second show 3 Hz smoothly)
FLICKER_DETAIL = (2.7, 0.35)  # the finer waver: its rate (x the layer's) and its share of the depth

DEFAULT_BREATH_PERIOD = 4.6  # s: a slow, calm breath
DEFAULT_BREATH_AMOUNT = 0.004  # of the figure's height: ~4 px on a 900 px figure at 1080p
DEFAULT_PULSE_PERIOD = 2.8
DEFAULT_PULSE_AMOUNT = 0.35


@dataclass(frozen=True)
class Cycle:
    """A periodic motion: `amount` (its depth, a fraction) once every `period` seconds."""

    amount: float
    period: float


def _unit(k: int, salt: int) -> float:
    """A fixed pseudo-random number in [0, 1) for (k, salt): a 32-bit integer hash (the same on
    every machine and every run, unlike `hash()`)."""
    x = (k * 0x9E3779B1 + salt * 0x85EBCA77 + 0x165667B1) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x2C1B3C6D) & 0xFFFFFFFF
    x ^= x >> 12
    x = (x * 0x297A2D39) & 0xFFFFFFFF
    x ^= x >> 15
    return x / 4294967296.0


def _bump(u: float) -> float:
    """0 -> 1 -> 0 smoothly over u in [0, 1] (sin^2)."""
    return math.sin(math.pi * max(0.0, min(1.0, u))) ** 2


# --- twinkle ---------------------------------------------------------------------------------


def twinkle_class(col: int, row: int) -> int:
    """Which of the `TWINKLE_CLASSES` schedules the cell (col, row) of a layer follows."""
    return int(_unit(col * 7919 + row * 104729, 1) * TWINKLE_CLASSES)


def twinkle_dims(amount: float, t: float) -> tuple[float, ...]:
    """How much each schedule dims its lights at stage time `t`: one fraction in [0, amount]
    per class. Each class dips now and then — every 4 to 12 s, for 0.4 to 2 s, to between 35
    and 100 % of `amount` — and is steady otherwise, so at any moment most lights burn steady
    and a few fade and come back (distant lights seen through moving air)."""
    out = []
    for period, width, offset, depth in _SCHEDULES:
        u = ((t + offset) / period) % 1.0
        out.append(amount * depth * math.sin(math.pi * u / width) ** 2 if u < width else 0.0)
    return tuple(out)


# (period s, dip length as a fraction of it, time offset s, depth as a fraction of the amount)
_SCHEDULES = tuple((p, (0.4 + 1.6 * _unit(k, 3)) / p, p * _unit(k, 4), 0.35 + 0.65 * _unit(k, 5))
                   for k, p in ((k, 4.0 + 8.0 * _unit(k, 2)) for k in range(TWINKLE_CLASSES)))


# --- flicker ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flicker:
    """An emissive layer's firelight: its light dims by up to `amount` (0..1) with a smooth
    noise of `rate` new levels a second; `key` (from the layer's name) makes two layers waver
    differently."""

    amount: float
    rate: float = DEFAULT_FLICKER_RATE
    key: int = 0


def name_key(name: str) -> int:
    """A fixed integer for a name (the same on every machine and run, unlike `hash()`)."""
    return sum(ord(c) * 31 ** i for i, c in enumerate(name)) & 0xFFFFFF


def _value_noise(u: float, key: int) -> float:
    """1-D value noise in [0, 1]: a fixed random level at each integer `u`, eased between them
    (smoothstep: the level's slope is 0 at each knot, so it never turns sharply)."""
    i = math.floor(u)
    f = u - i
    a, b = _unit(i & 0xFFFFFFFF, key), _unit((i + 1) & 0xFFFFFFFF, key)
    return a + (b - a) * f * f * (3.0 - 2.0 * f)


def flicker_noise(rate: float, t: float, key: int) -> float:
    """How far down a flame's light is at stage time `t`, in [0, 1]: value noise with a new
    level `rate` times a second plus a finer, weaker waver (`FLICKER_DETAIL`) — irregular, with
    no period, and continuous in `t`."""
    fine, share = FLICKER_DETAIL
    slow = _value_noise(t * rate, key * 2 + 1)
    quick = _value_noise(t * rate * fine + 0.37, key * 2 + 2)
    return (1.0 - share) * slow + share * quick


def flicker_steps(xs: Sequence[float]) -> list[tuple[int, float]]:
    """For each map x in `xs`: (the knot before it, how far toward the next, eased) — the
    points `FLICKER_SPAN` map px apart along a layer whose light wavers on its own."""
    out = []
    for x in xs:
        u = x / FLICKER_SPAN
        j = math.floor(u)
        f = u - j
        out.append((j, f * f * (3.0 - 2.0 * f)))
    return out


def flicker_dims(flicker: Flicker, steps: Sequence[tuple[int, float]], t: float) -> list[float]:
    """The dim (0..amount) of a flickering layer at stage time `t` at each of its `steps`
    (`flicker_steps`). Points `FLICKER_SPAN` map px apart along the layer waver on their own
    (two fires down a street do not flicker in step); between them the dim is eased from one
    to the next."""
    knots = {}
    for j in {j for j, _ in steps} | {j + 1 for j, _ in steps}:
        knots[j] = flicker.amount * flicker_noise(flicker.rate, t, (flicker.key * 977 + j * 7919) & 0xFFFFFF)
    return [knots[j] + (knots[j + 1] - knots[j]) * w for j, w in steps]


# --- dust ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mote:
    """One speck of dust at a moment: centre (map px), radius (map px), brightness 0..1."""

    x: float
    y: float
    radius: float
    brightness: float


def inside(points: Sequence[Point], x: float, y: float) -> bool:
    """Is (x, y) inside the polygon (even-odd rule)?"""
    hit = False
    n = len(points)
    for i in range(n):
        (x1, y1), (x2, y2) = points[i], points[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def polygon_area(points: Sequence[Point]) -> float:
    n = len(points)
    return abs(sum(points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1]
                   for i in range(n))) / 2.0


def dust_motes(points: Sequence[Point], density: float, t: float, seed: int = 0) -> list[Mote]:
    """The motes of a polygon of light at stage time `t` (map px). Each mote lives a few
    seconds: it appears at a point of the polygon, drifts slowly (settling a little, swaying),
    glints as it turns, and fades out; the next life starts elsewhere. `density`: motes per
    100x100 map px of the polygon's area."""
    if density <= 0 or len(points) < 3:
        return []
    cloud = _cloud(tuple(points), density, seed)
    out = []
    for i, (life, offset, vx, vy, sway, sway_period, phase, glint_period, radius) in enumerate(cloud.motes):
        age = t + offset
        n = int(age // life)  # which life this is
        since = age - n * life
        sx, sy = cloud.spawn(i, n)
        x = sx + vx * since + sway * math.sin(math.tau * (t / sway_period + phase))
        y = sy + vy * since + 0.5 * sway * math.sin(math.tau * (t / (sway_period * 1.3) + phase))
        glint = 0.55 + 0.45 * math.sin(math.tau * (t / glint_period + phase)) ** 2
        out.append(Mote(x, y, radius, _bump(since / life) * glint))
    return out


class _Cloud:
    """The fixed draw of a polygon's motes (their pace, sway, size) and the spawn points of
    the lives seen lately: the same numbers every time, computed once."""

    def __init__(self, points: tuple[Point, ...], density: float, seed: int) -> None:
        self.points = points
        count = min(MAX_MOTES, round(polygon_area(points) / DUST_AREA * density))
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        self.box = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        self.keys = [seed * 100_003 + i for i in range(count)]
        self.motes = []
        for key in self.keys:
            life = 6.0 + 8.0 * _unit(key, 10)
            self.motes.append((life, life * _unit(key, 11),
                               -4.0 + 8.0 * _unit(key, 12),  # px/s
                               -1.5 + 5.0 * _unit(key, 13),  # mostly settling
                               3.0 + 7.0 * _unit(key, 14), 5.0 + 7.0 * _unit(key, 15), _unit(key, 16),
                               1.5 + 2.5 * _unit(key, 17), 0.9 + 1.6 * _unit(key, 18) ** 2))
        self._spawns: dict[tuple[int, int], Point] = {}

    def spawn(self, i: int, n: int) -> Point:
        """Where mote `i` appears in its life `n`: a point inside the polygon (a few tries; the
        last one stands otherwise)."""
        hit = self._spawns.get((i, n))
        if hit is None:
            if len(self._spawns) > 4 * len(self.motes) + 64:
                self._spawns.clear()
            x0, y0, w, h = self.box
            life_key = self.keys[i] * 131 + n
            for attempt in range(8):
                hit = (x0 + w * _unit(life_key, 20 + attempt), y0 + h * _unit(life_key, 40 + attempt))
                if inside(self.points, *hit):
                    break
            self._spawns[(i, n)] = hit  # type: ignore[assignment]
        return hit  # type: ignore[return-value]


_CLOUDS: dict[tuple[object, ...], _Cloud] = {}


def _cloud(points: tuple[Point, ...], density: float, seed: int) -> _Cloud:
    key = (points, density, seed)
    cloud = _CLOUDS.get(key)
    if cloud is None:
        if len(_CLOUDS) > 16:
            _CLOUDS.clear()
        cloud = _CLOUDS[key] = _Cloud(points, density, seed)
    return cloud


# --- breathing and pulse -------------------------------------------------------------------


def breath(cycle: Cycle, t: float, who: str = "") -> float:
    """The height factor of a breathing figure at stage time `t`: 1 (breath out, the rest pose)
    up to 1 + amount (breath in). Each character breathes in its own phase (by name), so two
    figures never breathe in step."""
    phase = _unit(sum(ord(c) * 31 ** i for i, c in enumerate(who)) & 0xFFFFFF, 30)
    u = (t / cycle.period + phase) % 1.0
    return 1.0 + cycle.amount * (0.5 - 0.5 * math.cos(math.tau * u))


def pulse(cycle: Cycle, t: float) -> float:
    """The level of a pulsing glow at stage time `t`: 1 (full, the rest look) dipping to
    1 - amount once a period, the dip slow in and out (a throb, not a blink)."""
    u = (t / cycle.period) % 1.0
    return 1.0 - cycle.amount * (0.5 - 0.5 * math.cos(math.tau * u)) ** 2


# --- reading and checking specs --------------------------------------------------------------


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return None
    return float(v)


def check_twinkle(v: Any) -> str | None:
    """The problem with a layer's `twinkle` property (None: fine)."""
    f = _number(v)
    if f is None or not 0.0 < f <= 1.0:
        return f"twinkle must be a number from 0 to 1 (how far a light dims), not '{v}'"
    return None


PULSE_PERIODS = (0.2, 60.0)  # seconds: what a stage layer's `pulse_period` may be


def check_flicker(amount: Any, rate: Any) -> list[tuple[str, str]]:
    """The problems with a layer's `flicker` and `flicker_rate` properties (either may be None:
    not set): [(property, problem)]."""
    return _check_amount_and(("flicker", amount, "light"), ("flicker_rate", rate, FLICKER_RATES, "Hz"))


def check_layer_pulse(amount: Any, period: Any) -> list[tuple[str, str]]:
    """The problems with a stage layer's `pulse` and `pulse_period` properties (either may be
    None: not set): [(property, problem)]."""
    return _check_amount_and(("pulse", amount, "glow"), ("pulse_period", period, PULSE_PERIODS, "seconds"))


def _check_amount_and(first: tuple[str, Any, str], second: tuple[str, Any, tuple[float, float], str]
                      ) -> list[tuple[str, str]]:
    """An amount (above 0, at most 1: how far a light dims) and the property that times it (a
    number in its range, meaningless without the amount)."""
    name, amount, what = first
    timing, value, (low, high), unit = second
    problems = []
    if amount is not None:
        f = _number(amount)
        if f is None or not 0.0 < f <= 1.0:
            problems.append((name, f"{name} must be a number above 0 and at most 1 (how far the {what} dims), "
                                   f"not '{amount}'"))
    if value is not None:
        f = _number(value)
        if f is None or not low <= f <= high:
            problems.append((timing, f"{timing} must be a number of {unit} from {low:g} to {high:g}, not '{value}'"))
        elif amount is None:
            problems.append((timing, f"{timing} without {name} does nothing"))
    return problems


def layer_dims(how: Flicker | Cycle, steps: Sequence[tuple[int, float]], t: float) -> list[float]:
    """The dim (0..amount) at each of a layer's `steps` (`flicker_steps`) at stage time `t`: its
    flicker, or its pulse (the same everywhere on the layer)."""
    if isinstance(how, Flicker):
        return flicker_dims(how, steps, t)
    return [1.0 - pulse(how, t)] * len(steps)


def check_dust(v: Any) -> str | None:
    f = _number(v)
    if f is None or f < 0.0 or f > 50.0:
        return f"dust must be a number of motes per 100x100 px from 0 to 50, not '{v}'"
    return None


def check_strength(v: Any) -> str | None:
    f = _number(v)
    if f is None or not 0.0 <= f <= 1.0:
        return f"strength must be a number from 0 to 1, not '{v}'"
    return None


def cycle_from(v: Any, default_amount: float, default_period: float,
               max_amount: float) -> tuple[Cycle | None, list[tuple[str | None, str]]]:
    """A `Cycle` from a sprite file's value: a number (the amount) or a mapping `{amount,
    period}`. Returns (cycle or None, [(field or None, problem)])."""
    problems: list[tuple[str | None, str]] = []
    if isinstance(v, Mapping):
        amount, period = default_amount, default_period
        for key, item in v.items():
            f = _number(item)
            if key == "amount":
                if f is None or not 0.0 < f <= max_amount:
                    problems.append(("amount", f"amount must be a number above 0 and at most {max_amount:g}, "
                                               f"not '{item}'"))
                else:
                    amount = f
            elif key == "period":
                if f is None or not 0.2 <= f <= 60.0:
                    problems.append(("period", f"period must be a number of seconds from 0.2 to 60, not '{item}'"))
                else:
                    period = f
            else:
                problems.append((str(key), f"unknown field '{key}' (fields: amount, period)"))
        return (None if problems else Cycle(amount, period)), problems
    f = _number(v)
    if f is None or not 0.0 < f <= max_amount:
        return None, [(None, f"must be an amount above 0 and at most {max_amount:g}, or {{amount, period}}, "
                             f"not '{v}'")]
    return Cycle(f, default_period), problems


def rate(kinds: set[str] | frozenset[str]) -> float | None:
    """Frames per second the active motions need together (None: none is active)."""
    return max((FPS[k] for k in kinds), default=None)


def frame_time(t: float, fps: float) -> float:
    """`t` quantised down to the motion's frame grid (so every wake-up within one frame draws
    the same picture)."""
    return math.floor(t * fps + 1e-9) / fps


def next_frame_time(t: float, fps: float) -> float:
    """The first frame time of the grid after `t`."""
    return (math.floor(t * fps + 1e-9) + 1) / fps
