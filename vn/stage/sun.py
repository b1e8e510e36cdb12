"""Light from the time of day: where the sun is at a clock time, and what that does to the sky,
the room and the city.

The sun's position is NOAA's low-accuracy solar model (fractional year -> equation of time and
declination -> hour angle -> elevation and azimuth; good to a fraction of a degree, see
https://gml.noaa.gov/grad/solcalc/solareqns.PDF). The colours follow what the atmosphere does:
- the sun's colour is white light through the air mass at its elevation (Kasten & Young's air
  mass; Rayleigh-like optical depths larger for blue than red), so it yellows, then reddens as
  it sets;
- the sky is a ramp of measured-looking sky colours by the sun's elevation (day, golden hour,
  sunset, civil / nautical / astronomical twilight, night), its horizon warm toward the sun and
  cool and pink away from it (the Earth's shadow and the Belt of Venus); every stop interpolated
  in OKLab;
- the ambient light of the room, the rim on the figures, the city lights' level and the beams
  through the window follow the elevation (city lights come on through civil twilight).

Everything is a pure function of its arguments: nothing reads the clock.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from vn.stage.color import RGB, lerp_color, parse_hex
from vn.stage.lighting import Beam, Light

TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DATE_RE = re.compile(r"^(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$")
_DAYS_BEFORE = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def parse_time(text: object) -> float | None:
    """Minutes after midnight of "HH:MM" (24 h); None when it is not such a time."""
    if not isinstance(text, str):
        return None
    m = TIME_RE.match(text.strip())
    return None if m is None else int(m.group(1)) * 60 + int(m.group(2))


def parse_date(text: object) -> int | None:
    """Day of the year (1..365) of "MM-DD"; None when it is not such a date."""
    if not isinstance(text, str):
        return None
    m = DATE_RE.match(text.strip())
    if m is None:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    if day > (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]:
        return None
    return _DAYS_BEFORE[month - 1] + day


@dataclass(frozen=True)
class Sky:
    """Where the stage is and which way its view looks. Map properties (or the `sun:` mapping of
    assets/lighting.yaml for the whole game) set them; the defaults are the equinox at 40 N on
    local solar time."""

    date: str = "09-22"  # MM-DD
    latitude: float = 40.0  # degrees, north positive
    longitude: float = 0.0  # degrees, east positive
    utc_offset: float = 0.0  # hours of the clock times (local solar time when longitude / 15)
    view_azimuth: float = 270.0  # compass direction at the view's centre (0 north, 90 east)
    view_x: float | None = None  # map px where that direction is (default: the map's centre)
    degrees_across: float = 90.0  # degrees of the sky the map's width spans
    horizon: float | None = None  # map px of the horizon (default: the middle of the map)
    sun_size: float = 44.0  # px, the disc's radius when it is up

    FIELDS = ("date", "latitude", "longitude", "utc_offset", "view_azimuth", "view_x",
              "degrees_across", "horizon", "sun_size")

    def with_properties(self, props: Mapping[str, Any]) -> Sky:
        """These settings with the ones `props` gives (bad values are left out: the checker
        reports them, see `check`)."""
        got: dict[str, Any] = {}
        for name in self.FIELDS:
            v = props.get(name)
            if v is None:
                continue
            if name == "date":
                if parse_date(v) is not None:
                    got[name] = str(v).strip()
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
                got[name] = float(v)
        return replace(self, **got)


def check(props: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(property, problem) for each sun setting in `props` that cannot be used."""
    out = []
    for name in Sky.FIELDS:
        v = props.get(name)
        if v is None:
            continue
        if name == "date":
            if parse_date(v) is None:
                out.append((name, f"date must be \"MM-DD\" (e.g. \"09-22\"), not '{v}'"))
        elif isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            out.append((name, f"{name} must be a number, not '{v}'"))
        elif name == "latitude" and not -90 <= v <= 90:
            out.append((name, "latitude must be from -90 to 90"))
        elif name == "degrees_across" and not 1 <= v <= 360:
            out.append((name, "degrees_across must be from 1 to 360"))
    return out


# --- the sun's position ---------------------------------------------------------------------


def solar_position(day: int, minutes: float, latitude: float, longitude: float = 0.0,
                   utc_offset: float = 0.0) -> tuple[float, float]:
    """(elevation, azimuth) of the sun in degrees — elevation above the horizon without
    refraction, azimuth clockwise from north — on day `day` of the year at clock time `minutes`
    after midnight. NOAA's equations (see the module docstring)."""
    g = 2 * math.pi / 365 * (day - 1 + (minutes / 60 - 12) / 24)
    eqtime = 229.18 * (0.000075 + 0.001868 * math.cos(g) - 0.032077 * math.sin(g)
                       - 0.014615 * math.cos(2 * g) - 0.040849 * math.sin(2 * g))
    decl = (0.006918 - 0.399912 * math.cos(g) + 0.070257 * math.sin(g) - 0.006758 * math.cos(2 * g)
            + 0.000907 * math.sin(2 * g) - 0.002697 * math.cos(3 * g) + 0.00148 * math.sin(3 * g))
    true_solar = minutes + eqtime + 4 * longitude - 60 * utc_offset
    ha = math.radians(true_solar / 4 - 180)
    lat = math.radians(latitude)
    cos_zen = math.sin(lat) * math.sin(decl) + math.cos(lat) * math.cos(decl) * math.cos(ha)
    zen = math.acos(max(-1.0, min(1.0, cos_zen)))
    elevation = 90 - math.degrees(zen)
    # azimuth from north, clockwise
    az = math.degrees(math.atan2(math.sin(ha), math.cos(ha) * math.sin(lat) - math.tan(decl) * math.cos(lat)))
    return elevation, (az + 180) % 360


def air_mass(elevation: float) -> float:
    """Kasten & Young (1989): the relative optical path through the air at an elevation."""
    h = max(-1.0, elevation)
    z = 90 - h
    return 1 / (math.cos(math.radians(z)) + 0.50572 * (96.07995 - z) ** -1.6364)


_TAU = (0.025, 0.052, 0.105)  # optical depths at zenith for red, green, blue (Rayleigh-like + haze)


def sun_colour(elevation: float) -> tuple[RGB, float]:
    """The sun's colour (brightest channel 255) and its direct brightness 0..1 (green channel's
    transmittance, fading out as the disc goes under the horizon)."""
    m = air_mass(elevation)
    t = [math.exp(-tau * m) for tau in _TAU]
    top = max(t)
    colour = (255 * t[0] / top, 255 * t[1] / top, 255 * t[2] / top)
    below = _smooth(-1.0, 0.5, elevation)
    return colour, t[1] / math.exp(-_TAU[1]) * below


# --- the sky ramp ---------------------------------------------------------------------------

# elevation -> sky top, horizon toward the sun, horizon away from it, ambient, emissive, rim strength
_RAMP: tuple[tuple[float, str, str, str, str, float, float], ...] = (
    (-90.0, "#04060f", "#0b1020", "#0b1020", "#1a2036", 1.0, 0.3),
    (-18.0, "#05081a", "#16203e", "#131b36", "#1e2540", 1.0, 0.35),  # astronomical twilight ends
    (-12.0, "#080c22", "#202a4c", "#1a2242", "#262c4a", 1.0, 0.35),  # nautical
    (-6.0, "#12183a", "#4a3660", "#2e3458", "#3a3a5c", 0.85, 0.4),  # civil twilight ends
    (-3.0, "#1e1a42", "#a04a5a", "#5a5078", "#5a4a68", 0.5, 0.45),
    (0.0, "#33183e", "#e0462a", "#a07890", "#b45a48", 0.14, 0.8),  # the sun on the horizon
    (3.0, "#4a2244", "#ff8432", "#c09aa0", "#f08a60", 0.04, 1.0),
    (8.0, "#4a5a98", "#f0b878", "#c8c4c8", "#d8a884", 0.0, 0.8),  # golden hour
    (20.0, "#4a78bf", "#c9d8e6", "#bccad8", "#b4b0a8", 0.0, 0.4),
    (50.0, "#3f6fb8", "#bcd0e6", "#b4c6dc", "#bab6ae", 0.0, 0.3),
    (90.0, "#3a69b2", "#b8cce4", "#b0c4dc", "#bcb8b0", 0.0, 0.3),
)


def _rgb(text: str) -> RGB:
    r, g, b = parse_hex(text)
    return (float(r), float(g), float(b))


def _smooth(a: float, b: float, x: float) -> float:
    u = max(0.0, min(1.0, (x - a) / (b - a)))
    return u * u * (3 - 2 * u)


def _ramp(elevation: float) -> tuple[RGB, RGB, RGB, RGB, float, float]:
    h = max(-90.0, min(90.0, elevation))
    for lo, hi in zip(_RAMP, _RAMP[1:], strict=False):
        if lo[0] <= h <= hi[0]:
            u = (h - lo[0]) / (hi[0] - lo[0])
            cols = tuple(lerp_color(_rgb(lo[i]), _rgb(hi[i]), u) for i in (1, 2, 3, 4))
            return (cols[0], cols[1], cols[2], cols[3], lo[5] + (hi[5] - lo[5]) * u,
                    lo[6] + (hi[6] - lo[6]) * u)
    last = _RAMP[-1]
    return (_rgb(last[1]), _rgb(last[2]), _rgb(last[3]), _rgb(last[4]), last[5], last[6])


def light_at(minutes: float, sky: Sky, map_size: tuple[int, int], beams: tuple[str, ...] = ("sun", "sunrise")
             ) -> Light:
    """The light at clock time `minutes` after midnight on a stage with `sky` settings.

    The sun is placed on the map by an equal-angle view: `degrees_across` of azimuth over the
    map's width centred on `view_azimuth`, the same px per degree upward from `horizon`. Beam
    group `sun` is the afternoon sun, `sunrise` the morning sun: each is strong when the sun is
    low (the long beams through a window) and gone when it is under the horizon."""
    day = parse_date(sky.date) or 265
    elevation, azimuth = solar_position(day, minutes, sky.latitude, sky.longitude, sky.utc_offset)
    top, toward, away, ambient, emissive, rim_strength = _ramp(elevation)
    delta = (azimuth - sky.view_azimuth + 180) % 360 - 180  # -180..180, 0: the sun straight ahead
    facing = (1 + math.cos(math.radians(delta))) / 2  # 1: looking at the sun, 0: away from it
    horizon_colour = lerp_color(away, toward, facing ** 1.5)
    # in the golden hour and twilight the room is lit by the sky it faces: warm toward the sun,
    # cool and pink away from it
    twilight = _smooth(-9.0, -4.0, elevation) * (1 - _smooth(8.0, 16.0, elevation))
    ambient = lerp_color(ambient, lerp_color(ambient, away, 0.5), twilight * (1 - facing))
    colour, direct = sun_colour(elevation)
    w, h = map_size
    px_per_deg = w / max(1.0, sky.degrees_across)
    cx = sky.view_x if sky.view_x is not None else w / 2
    hy = sky.horizon if sky.horizon is not None else h / 2
    sun = (cx + delta * px_per_deg, hy - elevation * px_per_deg)
    in_view = abs(delta) < sky.degrees_across / 2 + 10
    glow = direct * (0.35 + 0.65 * facing)
    sun_c = (colour[0] * glow, colour[1] * glow, colour[2] * glow) if in_view else (0.0, 0.0, 0.0)
    low = _smooth(-0.5, 1.5, elevation) * (1 - _smooth(12.0, 35.0, elevation))
    strength = 0.6 * low * direct * (0.4 + 0.6 * facing)
    beam_colour = lerp_color(colour, (255.0, 120.0, 50.0), 0.35)
    reach = _smooth(-0.5, 3.0, elevation) if elevation < 10 else 1.0
    groups = []
    for name in beams:
        morning = azimuth < 180
        on = (name == "sunrise") == morning
        groups.append((name, Beam(beam_colour, strength if on else 0.0, (0.0, 0.0), reach)))
    rim = colour if elevation > -2 else lerp_color(top, (200.0, 210.0, 240.0), 0.6)
    # the rim light on edges facing up: a low sun catches the sides of things, not their tops;
    # it climbs with the sun; with the sun down the sky overhead is the light, and lights them
    rim_top = 0.9 + (0.15 + 0.85 * _smooth(3.0, 35.0, elevation) - 0.9) * _smooth(-4.0, 0.0, elevation)
    return Light(
        sky_top=top,
        sky_horizon=horizon_colour,
        sun=sun,
        sun_color=sun_c,
        sun_size=sky.sun_size * _smooth(-1.5, 0.0, elevation) if in_view else 0.0,
        ambient=ambient,
        rim=rim,
        rim_strength=rim_strength,
        rim_top=rim_top,
        emissive=emissive,
        beams=tuple(sorted(groups)),
    )
