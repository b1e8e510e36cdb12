"""Lighting presets: the colours of one moment of the day, and tweens between them.

`assets/lighting.yaml` names presets (`sunset`, `night`, …); a `light:` step tweens every field
of a `Light` at once, colours in OKLab (see `vn.stage.color`). A `Light` is plain frozen data
so the renderer can use it (quantised) as a cache key and tests can compare it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

from vn.script.diagnostics import Diagnostic, did_you_mean, error, warning
from vn.stage.color import RGB, is_hex, lerp_color, parse_hex
from vn.stage.yamlnodes import compose_file, items, kind, pos, value

Point = tuple[float, float]


@dataclass(frozen=True)
class Beam:
    """One group of the stage's light polygons (`sun`, `sunrise`, …) under a preset."""

    color: RGB = (255.0, 224.0, 176.0)
    strength: float = 0.0
    offset: Point = (0.0, 0.0)
    reach: float = 1.0
    ramp: tuple[RGB, ...] = ()  # colours from each polygon's first point to its far end (replace `color`)
    glaze: float = 0.0  # 0..1: how much a light falling on figures lights their own paint, not only edges


@dataclass(frozen=True)
class Light:
    """Every field of a lighting preset (see docs/stage-format.md)."""

    sky_top: RGB = (79.0, 134.0, 198.0)
    sky_horizon: RGB = (188.0, 216.0, 240.0)
    sun: Point = (1500.0, 180.0)
    sun_color: RGB = (255.0, 244.0, 214.0)
    sun_size: float = 50.0
    ambient: RGB = (255.0, 255.0, 255.0)
    rim: RGB = (255.0, 255.0, 255.0)
    rim_strength: float = 0.3
    rim_top: float = 1.0  # 0..1: how much of the rim light reaches edges that face up (`faces: up` rim layers)
    emissive: float = 0.0
    fill: float = 1.0  # the ambient light on the figures' shadow side, of the room's (backlit: < 1)
    beams: tuple[tuple[str, Beam], ...] = ()  # sorted by group name
    time: float | None = None  # a preset defined by a time of day (minutes): see vn.stage.sun
    given: tuple[str, ...] = ()  # the fields such a preset sets itself, over the sun's light

    def beam(self, group: str) -> Beam:
        """The beam of `group`; a group the preset does not name has strength 0."""
        for name, b in self.beams:
            if name == group:
                return b
        return Beam(strength=0.0)

    @property
    def glaze(self) -> float:
        """0..1: how much the light falling on figures lights their own paint on the side toward
        the sun (the largest `glaze` of the beams that shine; see docs/stage-format.md)."""
        return max((b.glaze for _, b in self.beams if b.strength > 0.0), default=0.0)


DEFAULT_LIGHT = Light()
"""What fields fall back to when even the `day` preset does not give them."""

REQUIRED = ("sky_top", "sky_horizon", "ambient")
_COLOURS = ("sky_top", "sky_horizon", "sun_color", "ambient", "rim")
_UNIT = ("rim_strength", "rim_top", "emissive", "fill")
_FIELDS = tuple(f.name for f in fields(Light) if f.name != "given")
_BEAM_FIELDS = tuple(f.name for f in fields(Beam))


def _lerp(a: float, b: float, u: float) -> float:
    return a + (b - a) * u


def _lerp_point(a: Point, b: Point, u: float) -> Point:
    return (_lerp(a[0], b[0], u), _lerp(a[1], b[1], u))


MAX_RAMP = 16


def ramp_at(ramp: tuple[RGB, ...], t: float) -> RGB:
    """The colour a fraction `t` (0..1) along evenly spaced ramp stops (OKLab between them)."""
    if len(ramp) == 1:
        return ramp[0]
    x = max(0.0, min(1.0, t)) * (len(ramp) - 1)
    i = min(len(ramp) - 2, int(x))
    return lerp_color(ramp[i], ramp[i + 1], x - i)


def lerp_beam(a: Beam, b: Beam, u: float) -> Beam:
    ramp: tuple[RGB, ...] = ()
    if a.ramp or b.ramp:  # both as ramps of the longer one's stops
        n = max(len(a.ramp), len(b.ramp))
        ra = tuple(ramp_at(a.ramp or (a.color,), i / (n - 1)) for i in range(n))
        rb = tuple(ramp_at(b.ramp or (b.color,), i / (n - 1)) for i in range(n))
        ramp = tuple(lerp_color(x, y, u) for x, y in zip(ra, rb, strict=True))
    return Beam(
        color=lerp_color(a.color, b.color, u),
        strength=_lerp(a.strength, b.strength, u),
        offset=_lerp_point(a.offset, b.offset, u),
        reach=_lerp(a.reach, b.reach, u),
        ramp=ramp,
        glaze=min(1.0, max(0.0, _lerp(a.glaze, b.glaze, u))),
    )


def lerp_light(a: Light, b: Light, u: float) -> Light:
    """The light a fraction `u` of the way from `a` to `b` (u may overshoot for `back_*`
    easings: numbers extrapolate, colours and unit levels stay in range). A beam group only one
    side names fades in or out in place: its colour, offset and reach come from the side that
    has it."""
    if u == 0.0:
        return a
    if u == 1.0:
        return b
    groups = sorted({g for g, _ in a.beams} | {g for g, _ in b.beams})
    beams = []
    for g in groups:
        ba, bb = a.beam(g), b.beam(g)
        if g not in dict(a.beams):
            ba = replace(bb, strength=0.0)
        if g not in dict(b.beams):
            bb = replace(ba, strength=0.0)
        beams.append((g, lerp_beam(ba, bb, u)))
    unit = min(1.0, max(0.0, u))
    return Light(
        sky_top=lerp_color(a.sky_top, b.sky_top, unit),
        sky_horizon=lerp_color(a.sky_horizon, b.sky_horizon, unit),
        sun=_lerp_point(a.sun, b.sun, u),
        sun_color=lerp_color(a.sun_color, b.sun_color, unit),
        sun_size=max(0.0, _lerp(a.sun_size, b.sun_size, u)),
        ambient=lerp_color(a.ambient, b.ambient, unit),
        rim=lerp_color(a.rim, b.rim, unit),
        rim_strength=min(1.0, max(0.0, _lerp(a.rim_strength, b.rim_strength, u))),
        rim_top=min(1.0, max(0.0, _lerp(a.rim_top, b.rim_top, u))),
        emissive=min(1.0, max(0.0, _lerp(a.emissive, b.emissive, u))),
        fill=min(1.0, max(0.0, _lerp(a.fill, b.fill, u))),
        beams=tuple(beams),
    )


# --- loading -------------------------------------------------------------------------------


class _Reader:
    """Checks one preset's fields, collecting diagnostics instead of raising."""

    def __init__(self, path: str, diags: list[Diagnostic]) -> None:
        self.path = path
        self.diags = diags

    def err(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        line, col = pos(node)
        self.diags.append(error(self.path, line, col, message, hint))

    def warn(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        line, col = pos(node)
        self.diags.append(warning(self.path, line, col, message, hint))

    def color(self, node: yaml.Node, what: str) -> RGB | None:
        v = value(node)
        if not is_hex(v):
            self.err(node, f"{what} must be a colour \"#rrggbb\", not {kind(node)}",
                     "quote it in YAML: \"#ff8a50\" (a bare # starts a comment)")
            return None
        r, g, b = parse_hex(v)
        return (float(r), float(g), float(b))

    def number(self, node: yaml.Node, what: str, lo: float | None = None,
               hi: float | None = None) -> float | None:
        v = value(node)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != v:
            self.err(node, f"{what} must be a number, not {kind(node)}")
            return None
        f = float(v)
        if (lo is not None and f < lo) or (hi is not None and f > hi):
            rng = f"{lo:g}..{hi:g}" if hi is not None else f">= {lo:g}"
            self.err(node, f"{what} must be in {rng}, not {v}")
            f = max(lo if lo is not None else f, min(hi if hi is not None else f, f))
        return f

    def point(self, node: yaml.Node, what: str) -> Point | None:
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
            self.err(node, f"{what} must be a pair [x, y], not {kind(node)}")
            return None
        x = self.number(node.value[0], f"{what} x")
        y = self.number(node.value[1], f"{what} y")
        return None if x is None or y is None else (x, y)

    def beam(self, node: yaml.Node, group: str, base: Beam) -> Beam:
        if not isinstance(node, yaml.MappingNode):
            self.err(node, f"beam '{group}' must be a mapping {{color, strength, offset, reach, ramp, glaze}}")
            return base
        got: dict[str, object] = {}
        for key, knode, vnode in items(node):
            what = f"beams.{group}.{key}"
            if key == "color":
                got[key] = self.color(vnode, what)
            elif key == "strength":
                got[key] = self.number(vnode, what, 0.0)
            elif key in ("reach", "glaze"):
                got[key] = self.number(vnode, what, 0.0, 1.0)
            elif key == "offset":
                got[key] = self.point(vnode, what)
            elif key == "ramp":
                if not isinstance(vnode, yaml.SequenceNode) or not 2 <= len(vnode.value) <= MAX_RAMP:
                    self.err(vnode, f"{what} must be a list of 2 to {MAX_RAMP} colours, not {kind(vnode)}",
                             'ramp: ["#402010", "#ffb050", "#ff5a7a"]  # from the first point to the far end')
                    continue
                colours = [self.color(c, f"{what}[{i}]") for i, c in enumerate(vnode.value)]
                got[key] = None if None in colours else tuple(colours)
            else:
                self.err(knode, f"unknown beam field '{key}'",
                         did_you_mean(key, _BEAM_FIELDS) or f"fields: {', '.join(_BEAM_FIELDS)}")
        clean = {k: v for k, v in got.items() if v is not None}
        if "strength" not in clean:
            clean["strength"] = 1.0
        return replace(base, **clean)  # type: ignore[arg-type]

    def preset(self, name: str, knode: yaml.Node, node: yaml.Node, base: Light,
               base_beams: dict[str, Beam]) -> Light | None:
        if not isinstance(node, yaml.MappingNode):
            self.err(node, f"preset '{name}' must be a mapping of fields, not {kind(node)}")
            return None
        got: dict[str, object] = {}
        for key, fk, vnode in items(node):
            if key in _COLOURS:
                got[key] = self.color(vnode, key)
            elif key in _UNIT:
                got[key] = self.number(vnode, key, 0.0, 1.0)
            elif key == "sun_size":
                got[key] = self.number(vnode, key, 0.0)
            elif key == "sun":
                got[key] = self.point(vnode, key)
            elif key == "time":
                from vn.stage.sun import parse_time

                minutes = parse_time(value(vnode))
                if minutes is None:
                    self.err(vnode, f"time must be a 24-hour clock time \"HH:MM\", not {kind(vnode)}",
                             "quote it in YAML: time: \"19:40\"")
                else:
                    got[key] = minutes
            elif key == "beams":
                if not isinstance(vnode, yaml.MappingNode):
                    self.err(vnode, "beams must be a mapping: group -> {color, strength, offset, reach}")
                    continue
                got[key] = tuple(sorted(  # by group name only: Beams do not compare
                    ((g, self.beam(bnode, g, base_beams.get(g, Beam())))
                     for g, _, bnode in items(vnode)),
                    key=lambda pair: pair[0]))
            else:
                self.err(fk, f"unknown preset field '{key}'",
                         did_you_mean(key, _FIELDS) or f"fields: {', '.join(_FIELDS)}")
        missing = [f for f in REQUIRED if f not in got]
        if missing and "time" not in got:
            self.err(knode, f"preset '{name}' must give {', '.join(missing)}",
                     "every preset names at least sky_top, sky_horizon and ambient")
        clean = {k: v for k, v in got.items() if v is not None}
        if "time" in clean:  # the sun's light at that time, with these fields over it
            clean["given"] = tuple(sorted(k for k in clean if k != "time"))
        clean.setdefault("beams", ())
        return replace(base, **clean)  # type: ignore[arg-type]


def load_presets(path: Path) -> tuple[dict[str, Light], list[Diagnostic]]:
    """Every preset of a lighting.yaml, in file order, and the problems found.

    Fields a preset leaves out take the `day` preset's values (or `DEFAULT_LIGHT`'s); a preset
    with errors is still returned (bad fields fall back) so the game can run while `vn check`
    reports them."""
    name = str(path)
    root, diags = compose_file(path)
    if root is None:
        return {}, diags
    r = _Reader(name, diags)
    if not isinstance(root, yaml.MappingNode):
        r.err(root, f"lighting file must be a mapping with a `presets:` key, not {kind(root)}")
        return {}, diags
    presets_node = None
    for key, knode, vnode in items(root):
        if key == "presets":
            presets_node = vnode
        elif key != "sun":  # the game's sun settings: load_sky
            r.warn(knode, f"unknown top-level key '{key}' (ignored)", did_you_mean(key, ["presets", "sun"]))
    if presets_node is None:
        r.err(root, "no `presets:` mapping")
        return {}, diags
    if not isinstance(presets_node, yaml.MappingNode):
        r.err(presets_node, f"`presets:` must be a mapping of name -> fields, not {kind(presets_node)}")
        return {}, diags
    entries = items(presets_node)
    base = DEFAULT_LIGHT
    base_beams: dict[str, Beam] = {}
    day = next(((k, kn, v) for k, kn, v in entries if k == "day"), None)
    if day is not None:
        parsed = r.preset(*day, DEFAULT_LIGHT, {})
        if parsed is not None:
            base, base_beams = parsed, dict(parsed.beams)
    else:
        r.warn(presets_node, "no `day` preset: fields a preset leaves out take built-in values")
    out: dict[str, Light] = {}
    seen: dict[str, int] = {}
    for key, knode, vnode in entries:
        if key in seen:
            r.err(knode, f"duplicate preset '{key}'", f"it is already defined at line {seen[key]}")
            continue
        seen[key] = pos(knode)[0]
        if key == "day":
            out[key] = base
            continue
        light = r.preset(key, knode, vnode, base, base_beams)
        if light is not None:
            out[key] = light
    return out, diags


def load_sky(path: Path) -> tuple[dict[str, object], list[Diagnostic]]:
    """The game's sun settings: the `sun:` mapping of a lighting.yaml (the same names and values
    as a stage's map properties, see `vn.stage.sun.Sky`; a stage's own properties win). Problems
    are reported here; `load_presets` reports the rest of the file."""
    from vn.stage.sun import Sky, check

    root, _ = compose_file(path)
    diags: list[Diagnostic] = []
    r = _Reader(str(path), diags)
    out: dict[str, object] = {}
    if not isinstance(root, yaml.MappingNode):
        return out, diags
    for key, _, vnode in items(root):
        if key != "sun":
            continue
        if not isinstance(vnode, yaml.MappingNode):
            r.err(vnode, f"`sun:` must be a mapping of settings ({', '.join(Sky.FIELDS)}), not {kind(vnode)}")
            continue
        for name, nnode, node in items(vnode):
            if name not in Sky.FIELDS:
                r.err(nnode, f"unknown sun setting '{name}'",
                      did_you_mean(name, Sky.FIELDS) or f"settings: {', '.join(Sky.FIELDS)}")
                continue
            v = value(node)
            problems = check({name: v})
            if problems:
                r.err(node, problems[0][1], "quote a date in YAML: date: \"09-22\"" if name == "date" else None)
                continue
            out[name] = v
    return out, diags
