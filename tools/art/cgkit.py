"""Shared pieces of the key-beat images (CGs): one Tiled map per image whose layers take the
stage light roles (docs/stage-format.md), so the story's `light:` presets light them as they
light the room.

A CG is drawn as planes, each an SVG of the map's size:
  sky      white where the sky shows through the glass (alpha = mask)       light: sky
  far      the city/town far away, dark albedo                              light: ambient
  lights   city lights / fire, added at the preset's `emissive` level        light: emissive
  figure   the figures and the room in front, dark albedo (silhouettes)     light: ambient
  rim      white where light catches an edge (hair, jaw, shoulder, hand)    light: rim
  glow     drawn as it is (the eyes' glints)                                light: none
Style (docs/art.md): silhouettes whose pose carries the emotion, detail in the rim, interiors in
deep shadow; flat fills and hard-edged steps, no long low-contrast gradients (they band at 4K).

Needs shapely (tools only; the game loads the SVGs).
"""
from __future__ import annotations

import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from shapely.affinity import translate
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from svgkit import SVG, catmull, d_geom, f

W, H = 1920, 1080
STAGES = os.environ.get("CG_OUT") or os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "stages"))  # CG_OUT: try them elsewhere


def smooth(pts: Sequence[tuple[float, float]], n: int = 8) -> Polygon:
    """A closed Catmull-Rom curve through `pts`, as a valid polygon."""
    p = Polygon(catmull(pts, n))
    return p if p.is_valid else p.buffer(0)


def stroke(pts: Sequence[tuple[float, float]], w0: float, w1: float | None = None, n: int = 8) -> BaseGeometry:
    """A tapered stroke along a smooth open curve: width w0 at the start to w1 at the end."""
    w1 = w0 if w1 is None else w1
    line = catmull(pts, n, closed=False)
    parts = []
    m = len(line)
    for i in range(m - 1):
        t = i / max(1, m - 2)
        w = w0 + (w1 - w0) * t
        seg = LineString([line[i], line[i + 1]]).buffer(max(0.3, w / 2), cap_style=1)
        parts.append(seg)
    return unary_union(parts)


def lock(root: tuple[float, float], ctrl: Sequence[tuple[float, float]], tip: tuple[float, float],
         w: float, n: int = 10) -> Polygon:
    """A lock of hair: a curved blade from a root `w` wide to a sharp tip through `ctrl` points."""
    spine = catmull([root, *ctrl, tip], n, closed=False)
    left, right = [], []
    m = len(spine)
    for i, (x, y) in enumerate(spine):
        a = spine[min(i + 1, m - 1)]
        b = spine[max(i - 1, 0)]
        dx, dy = a[0] - b[0], a[1] - b[1]
        d = (dx * dx + dy * dy) ** 0.5 or 1.0
        nx, ny = -dy / d, dx / d
        t = i / max(1, m - 1)
        half = w / 2 * (1 - t) ** 0.8
        left.append((x + nx * half, y + ny * half))
        right.append((x - nx * half, y - ny * half))
    p = Polygon(left + right[::-1])
    return p if p.is_valid else p.buffer(0)


def rim(shape: BaseGeometry, dx: float, dy: float = 0.0) -> BaseGeometry:
    """The band of `shape` that light from direction (-dx, -dy) catches: the shape minus itself
    moved by (dx, dy). (Light from the left: dx > 0.)"""
    return shape.difference(translate(shape, dx, dy))


def rim_steps(svg: SVG, shape: BaseGeometry, dx: float, dy: float = 0.0,
              steps: Iterable[tuple[float, float]] = ((1.0, 1.0), (1.8, 0.3)),
              clip: BaseGeometry | None = None) -> None:
    """A rim as a few hard-edged bands (no gradient to band at 4K): for each (k, opacity) the rim
    of width k x (dx, dy), white at that opacity; the bands stack, brightest at the very edge."""
    for k, op in steps:
        band = rim(shape, dx * k, dy * k)
        if clip is not None:
            band = band.intersection(clip)
        svg.geom(band, "#ffffff", op)


def bokeh(svg: SVG, rnd: random.Random, box: tuple[float, float, float, float], n: int,
          rmin: float, rmax: float, colours: Sequence[str], op: tuple[float, float] = (0.25, 0.8)) -> None:
    """Out-of-focus city lights: discs with a slightly brighter core (two flat steps)."""
    x0, y0, x1, y1 = box
    for _ in range(n):
        x, y = rnd.uniform(x0, x1), rnd.uniform(y0, y1) ** 1.0
        r = rnd.uniform(rmin, rmax) * (0.6 + 0.4 * (y - y0) / max(1.0, y1 - y0))
        c = rnd.choice(colours)
        o = rnd.uniform(*op)
        svg.circle(x, y, r, c, o * 0.55)
        svg.circle(x, y, r * 0.78, c, o * 0.45)


@dataclass
class Plane:
    name: str
    light: str
    svg: SVG = field(default_factory=lambda: SVG(W, H))
    parallax: float = 1.0
    twinkle: float | None = None  # an emissive layer's twinkle (docs/stage-format.md, living scenes)
    flicker: tuple[float, float] | None = None  # an emissive layer's firelight flicker: (amount, rate Hz)
    pulse: tuple[float, float] | None = None  # a light-giving layer's throb: (amount, period s)


@dataclass
class Mark:
    name: str
    x: float
    y: float


class CG:
    """One key-beat image: planes bottom first, marks, light polygons, map properties."""

    def __init__(self, name: str, title: str, default_light: str, window_side: str = "left") -> None:
        self.name, self.title = name, title
        self.default_light = default_light
        self.window_side = window_side
        self.planes: list[Plane] = []
        self.marks: list[Mark] = []
        self.lights: list[tuple[str, str, float, list[tuple[float, float]], dict[str, float]]] = []
        self.props: dict[str, tuple[str, str]] = {}
        self.clear: list[tuple[str, float, float, float, float]] = []

    def plane(self, name: str, light: str, parallax: float = 1.0, twinkle: float | None = None,
              flicker: tuple[float, float] | None = None, pulse: tuple[float, float] | None = None) -> SVG:
        """A new plane on top (its SVG to draw on). `twinkle`, `flicker` (amount, rate in Hz),
        `pulse` (amount, period in s): an emissive (or `none`) plane's living motion
        (docs/stage-format.md, living scenes)."""
        p = Plane(name, light, parallax=parallax, twinkle=twinkle, flicker=flicker, pulse=pulse)
        self.planes.append(p)
        return p.svg

    def mark(self, name: str, x: float, y: float) -> None:
        self.marks.append(Mark(name, x, y))

    def keep(self, name: str, x: float, y: float, w: float, h: float) -> None:
        """A keep-clear rectangle (the `keep_clear` object layer): a face or figure that a
        choice's buttons must not cover."""
        self.clear.append((name, x, y, w, h))

    def beam(self, name: str, group: str, softness: float, pts: list[tuple[float, float]],
             dust: float | None = None, strength: float | None = None) -> None:
        """A light polygon (first point: where the light comes in; `reach` shrinks toward it).
        `dust`: motes per 100x100 px drifting and glinting in it; `strength`: the share of the
        group's beam it adds itself (0: a shaft of air that only lights its dust)."""
        extra = {k: v for k, v in (("dust", dust), ("strength", strength)) if v is not None}
        self.lights.append((name, group, softness, pts, extra))

    def save(self) -> str:
        folder = os.path.join(STAGES, self.name)
        os.makedirs(folder, exist_ok=True)
        for p in self.planes:
            p.svg.save(os.path.join(folder, f"{p.name}.svg"), f"{self.title}: {p.name}")
        path = os.path.join(STAGES, f"{self.name}.tmx")
        with open(path, "w") as fh:
            fh.write(self.tmx())
        return path

    def tmx(self) -> str:
        nid = 1
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<map version="1.8" tiledversion="1.8.2" orientation="orthogonal" renderorder="right-down" '
               f'width="16" height="9" tilewidth="120" tileheight="120" infinite="0" '
               f'parallaxoriginx="{W // 2}" parallaxoriginy="{H // 2}" '
               f'nextlayerid="{len(self.planes) + 4}" '
               f'nextobjectid="{len(self.marks) + len(self.lights) + len(self.clear) + 1}">',
               " <properties>",
               f'  <property name="gallery" value="{self.title}"/>',
               f'  <property name="light" value="{self.default_light}"/>',
               f'  <property name="window_side" value="{self.window_side}"/>']
        for k, (typ, v) in self.props.items():
            t = "" if typ == "string" else f' type="{typ}"'
            out.append(f'  <property name="{k}"{t} value="{v}"/>')
        out.append(" </properties>")
        lid = 1
        for p in self.planes:
            par = f' parallaxx="{p.parallax}" parallaxy="{p.parallax}"' if p.parallax != 1.0 else ""
            out += [f' <imagelayer id="{lid}" name="{p.name}"{par}>',
                    f'  <image source="{self.name}/{p.name}.svg" width="{W}" height="{H}"/>',
                    "  <properties>", f'   <property name="light" value="{p.light}"/>',
                    *([f'   <property name="twinkle" type="float" value="{p.twinkle}"/>'] if p.twinkle else []),
                    *([f'   <property name="flicker" type="float" value="{p.flicker[0]}"/>',
                       f'   <property name="flicker_rate" type="float" value="{p.flicker[1]}"/>']
                      if p.flicker else []),
                    *([f'   <property name="pulse" type="float" value="{p.pulse[0]}"/>',
                       f'   <property name="pulse_period" type="float" value="{p.pulse[1]}"/>']
                      if p.pulse else []),
                    "  </properties>",
                    " </imagelayer>"]
            lid += 1
        out.append(f' <objectgroup id="{lid}" name="marks">')
        for m in self.marks:
            out += [f'  <object id="{nid}" name="{m.name}" x="{f(m.x)}" y="{f(m.y)}">', "   <point/>", "  </object>"]
            nid += 1
        out.append(" </objectgroup>")
        lid += 1
        if self.clear:
            out.append(f' <objectgroup id="{lid}" name="keep_clear">')
            for name, x, y, w, h in self.clear:
                out.append(f'  <object id="{nid}" name="{name}" x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}"/>')
                nid += 1
            out.append(" </objectgroup>")
            lid += 1
        if self.lights:
            out.append(f' <objectgroup id="{lid}" name="lights">')
            for name, group, soft, pts, extra in self.lights:
                x0, y0 = pts[0]
                rel = " ".join(f"{f(x - x0)},{f(y - y0)}" for x, y in pts)
                out += [f'  <object id="{nid}" name="{name}" x="{f(x0)}" y="{f(y0)}">', "   <properties>",
                        f'    <property name="group" value="{group}"/>',
                        f'    <property name="softness" type="float" value="{f(soft)}"/>',
                        *(f'    <property name="{k}" type="float" value="{f(v)}"/>' for k, v in extra.items()),
                        "   </properties>",
                        f'   <polygon points="{rel}"/>', "  </object>"]
                nid += 1
            out.append(" </objectgroup>")
        out.append("</map>")
        return "\n".join(out) + "\n"


def d(g: BaseGeometry) -> str:
    return d_geom(g)


def disc(x: float, y: float, r: float) -> BaseGeometry:
    return Point(x, y).buffer(r, 48)
