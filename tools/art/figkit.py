"""Painting kit for the backlit figures: shapes (shapely) painted into nanosvg-safe SVG layers.

The figures are painted as albedo for the compositor in docs/stage-format.md: an `ambient` stack
(dark, cool, desaturated: multiplied by the light's ambient colour) and a `rim` stack (white where
the window on the LEFT catches an edge; added, tinted by the light's rim colour). nanosvg has no
clip paths, masks or blur, so clipping is done here with shapely (every shading shape is
intersected with the part it shades) and soft edges are stacks of eroded/dilated copies at low
opacity (an airbrush).

Generator-only code: the game and its tests never import this (shapely is not a game dependency).
"""
from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from shapely import affinity
from shapely.geometry import GeometryCollection, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from svgkit import SVG, catmull, d_geom

Pt = tuple[float, float]
Col = tuple[float, float, float]
EMPTY = Polygon()


# --- shapes ------------------------------------------------------------------------------------

def valid(g: BaseGeometry) -> BaseGeometry:
    return g if g.is_valid else g.buffer(0)


def shape(pts: Sequence[Pt], n: int = 8) -> BaseGeometry:
    """A closed smooth outline through the points (Catmull-Rom)."""
    return valid(Polygon(catmull(pts, n)))


def poly(pts: Sequence[Pt]) -> BaseGeometry:
    return valid(Polygon(pts))


def ribbon(pts: Sequence[Pt], widths: Sequence[float] | float, n: int = 8, caps: bool = False) -> BaseGeometry:
    """A ribbon along a smooth centre line, its width interpolated between the control points
    (or tapering linearly when `widths` is (start, end) of a longer list of points)."""
    c = catmull(pts, n, closed=False)
    m = len(pts) - 1
    if isinstance(widths, (int, float)):
        widths = [float(widths)] * len(pts)
    if len(widths) == 2 and len(pts) > 2:
        widths = [widths[0] + (widths[1] - widths[0]) * i / m for i in range(len(pts))]
    L = len(c)
    left, right = [], []
    for i, (x, y) in enumerate(c):
        a = c[max(0, i - 1)]
        b = c[min(L - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / d, dx / d
        t = i / (L - 1) * m
        j = min(m - 1, int(t))
        u = t - j
        w = (widths[j] + (widths[j + 1] - widths[j]) * u) / 2
        left.append((x + nx * w, y + ny * w))
        right.append((x - nx * w, y - ny * w))
    g = valid(Polygon(left + right[::-1]))
    if caps:
        g = unary_union([g, Point(pts[0]).buffer(widths[0] / 2), Point(pts[-1]).buffer(widths[-1] / 2)])
    return g


def ellipse(cx: float, cy: float, rx: float, ry: float, rot: float = 0.0) -> BaseGeometry:
    g = affinity.scale(Point(cx, cy).buffer(1.0, 32), rx, ry)
    return affinity.rotate(g, rot, origin=(cx, cy)) if rot else g


def union(*gs: BaseGeometry) -> BaseGeometry:
    return valid(unary_union([g for g in gs if g is not None and not g.is_empty]))


def shift(g: BaseGeometry, dx: float, dy: float = 0.0) -> BaseGeometry:
    return affinity.translate(g, dx, dy)


def polys(g: BaseGeometry) -> list[Polygon]:
    if g.is_empty:
        return []
    if isinstance(g, Polygon):
        return [g]
    if isinstance(g, (MultiPolygon, GeometryCollection)):
        out: list[Polygon] = []
        for p in g.geoms:
            out += polys(p)
        return out
    return []


def clean(g: BaseGeometry, tol: float = 0.25) -> BaseGeometry:
    """Only the polygons of a geometry, lightly simplified (smaller files)."""
    ps = [p.simplify(tol, preserve_topology=True) for p in polys(g) if p.area > 0.2]
    return MultiPolygon([p for p in ps if isinstance(p, Polygon) and not p.is_empty]) if ps else EMPTY


# --- colours -----------------------------------------------------------------------------------

def mixc(a: Col, b: Col, t: float) -> Col:
    return tuple(a[i] + (b[i] - a[i]) * t for i in range(3))  # type: ignore[return-value]


def mul(c: Col, k: float) -> Col:
    return tuple(min(255.0, v * k) for v in c)  # type: ignore[return-value]


# --- a layer -----------------------------------------------------------------------------------

class Ink:
    """One SVG layer. Every call takes an optional `clip` geometry (done here, in shapely)."""

    def __init__(self, w: int, h: int) -> None:
        self.s = SVG(w, h)
        self.w, self.h = w, h

    def _g(self, g: BaseGeometry, clip: BaseGeometry | None) -> BaseGeometry:
        if clip is not None:
            g, clip = valid(g), valid(clip)
            try:
                g = g.intersection(clip)
            except Exception:   # shapely's GEOSException on a degenerate lock of hair: mend and retry
                g = g.buffer(0.01).intersection(clip.buffer(0.01))
        return clean(g)

    def fill(self, g: BaseGeometry, col: Col, op: float = 1.0, clip: BaseGeometry | None = None) -> None:
        g = self._g(g, clip)
        if not g.is_empty and op > 0.003:
            self.s.path(d_geom(g), col, min(1.0, op), evenodd=True)

    def lin(self, g: BaseGeometry, p0: Pt, p1: Pt, stops: Sequence[tuple], clip: BaseGeometry | None = None,
            op: float = 1.0) -> None:
        """Fill with a linear gradient from p0 to p1; stops are (t, colour, opacity)."""
        g = self._g(g, clip)
        if g.is_empty:
            return
        paint = self.s.lin(p0[0], p0[1], p1[0], p1[1], stops)
        self.s.path(d_geom(g), paint, op, evenodd=True)

    def rad(self, g: BaseGeometry, c: Pt, r: float, stops: Sequence[tuple], clip: BaseGeometry | None = None,
            sx: float = 1.0, sy: float = 1.0, rot: float = 0.0) -> None:
        """Fill with a radial gradient centred on c (optionally squashed to an ellipse)."""
        g = self._g(g, clip)
        if g.is_empty:
            return
        tr = None
        if sx != 1.0 or sy != 1.0 or rot:
            tr = (f"translate({c[0]:.1f} {c[1]:.1f}) rotate({rot:.1f}) scale({sx:.3f} {sy:.3f}) "
                  f"translate({-c[0]:.1f} {-c[1]:.1f})")
        paint = self.s.rad(c[0], c[1], r, stops, transform=tr)
        self.s.path(d_geom(g), paint, 1.0, evenodd=True)

    def soft(self, g: BaseGeometry, col: Col, op: float, r: float, clip: BaseGeometry | None = None,
             steps: int = 5, inner: bool = False) -> None:
        """An airbrushed shape: its edge fades over 2r (centred on the outline; `inner`: inside it)."""
        if g.is_empty or op <= 0.003:
            return
        steps = max(1, steps)
        a = 1.0 - (1.0 - min(0.999, op)) ** (1.0 / steps)
        for i in range(steps):
            t = (i + 0.5) / steps
            d = (-2.0 * r * t) if inner else (r * (1.0 - 2.0 * t))
            gi = g.buffer(d, 12) if abs(d) > 0.05 else g
            self.fill(gi, col, a, clip)

    def stroke(self, pts: Sequence[Pt], w0: float, w1: float, col: Col, op: float = 1.0,
               clip: BaseGeometry | None = None, soft: float = 0.0) -> None:
        if soft > 0:
            # a soft stroke: pointed ends, an airbrushed edge
            n = len(pts)
            ws = [(w0 + (w1 - w0) * i / (n - 1)) for i in range(n)]
            ws[0] *= 0.2
            ws[-1] *= 0.2
            g = ribbon(pts, ws)
            self.soft(g, col, op, soft, clip, steps=5)
            return
        self.fill(ribbon(pts, (w0, w1)), col, op, clip)

    def save(self, path: str, title: str) -> None:
        self.s.save(path, title)


# --- parts: a piece of the figure with its material ---------------------------------------------

@dataclass
class Mat:
    """A material in the figure's shadow: `base` (the flat tone facing the camera), `lit` (the
    window side, where the light wraps), `dark` (the side away from the window), `rim` (how
    strongly its edge catches the light: hair most, matte cloth least) and `sheen` (leather, silk,
    hair: a soft highlight band near the lit edge)."""

    base: Col
    lit: Col
    dark: Col
    rim: float = 1.0
    sheen: float = 0.0
    rim_width: float = 1.0


@dataclass
class Part:
    name: str
    geom: BaseGeometry
    mat: Mat
    # the light falls across the part from `light_from` to `light_to` (default: its bounds, left to right)
    axis: tuple[Pt, Pt] | None = None
    details: list = field(default_factory=list)   # callables (ink, part) painting inside the part
    rim_details: list = field(default_factory=list)  # callables (ink, part, visible) for the rim layer
    rim: float | None = None   # overrides mat.rim
    inner_rim: float = 0.3     # rim on edges that lie over other parts of the figure
    shade: float = 1.0         # strength of the form gradient
    rim_group: BaseGeometry | None = None  # the rim is worked out on this shape (e.g. a whole lock of hair)
    rim_folds: list = field(default_factory=list)  # (points, width) of folds whose ridges catch the backlight

    def __post_init__(self) -> None:
        self.geom = valid(self.geom)


def paint_part(ink: Ink, p: Part) -> None:
    g = p.geom
    if g.is_empty:
        return
    m = p.mat
    minx, miny, maxx, maxy = g.bounds
    ink.fill(g, m.base)
    (x0, y0), (x1, y1) = p.axis if p.axis else ((minx, miny), (maxx, miny))
    k = p.shade
    # form: the window side lifted a little, the far side falling into shadow
    ink.lin(g, (x0, y0), (x1, y1), [(0.0, m.lit, 0.85 * k), (0.22, m.lit, 0.0), (0.5, m.dark, 0.0),
                                    (1.0, m.dark, 0.9 * k)])
    if m.sheen > 0:
        ink.lin(g, (x0, y0), (x1, y1), [(0.0, m.lit, 0.0), (0.1, m.lit, 0.55 * m.sheen), (0.24, m.lit, 0.0)])
    for fn in p.details:
        fn(ink, p)


def paint_parts(ink: Ink, parts: Iterable[Part]) -> None:
    for p in parts:
        paint_part(ink, p)


RIM_PROFILE = ((1.5, 0.95), (2.4, 0.55), (3.4, 0.32), (4.6, 0.18), (6.2, 0.1), (8.2, 0.055), (10.8, 0.03))


def rim_parts(ink: Ink, parts: Sequence[Part], dirn: Pt = (1.0, 0.22), scale: float = 1.0) -> None:
    """The rim layer of a stack of parts: crescents on every edge that faces the window (left),
    full strength where the edge is the figure's silhouette, weaker where it lies over another
    part, hidden under the parts in front."""
    n = len(parts)
    everything = union(*[p.geom for p in parts])
    for i, p in enumerate(parts):
        strength = p.mat.rim if p.rim is None else p.rim
        front = union(*[q.geom for q in parts[i + 1:]]) if i + 1 < n else EMPTY
        behind = union(*[q.geom for q in parts[:i]]) if i > 0 else EMPTY
        g = p.geom
        visible = g.difference(front) if not front.is_empty else g
        if strength > 0 or p.inner_rim > 0:
            wk = p.mat.rim_width * scale
            for d, op in RIM_PROFILE:
                dd = d * wk
                # a band of width dd along the outline, kept where the edge faces the window
                rg = p.rim_group if p.rim_group is not None else g
                cres = rg.difference(rg.buffer(-dd, 16)).intersection(rg.difference(shift(rg, dirn[0] * dd * 2.2, dirn[1] * dd * 2.2)))
                if p.rim_group is not None:
                    cres = cres.intersection(g)
                if not front.is_empty:
                    cres = cres.difference(front)
                if cres.is_empty:
                    continue
                # where the edge has the figure itself just to its left, the light is weaker
                over = behind.buffer(-0.5) if not behind.is_empty else EMPTY
                inner = cres.intersection(shift(everything, dd + 2, 0)).intersection(over) if not over.is_empty else EMPTY
                outer = cres.difference(inner) if not inner.is_empty else cres
                if strength > 0:
                    ink.fill(outer, (255, 255, 255), op * strength)
                if p.inner_rim > 0 and not inner.is_empty:
                    ink.fill(inner, (255, 255, 255), op * p.inner_rim * max(strength, 0.3))
        for fn in p.rim_details:
            fn(ink, p, visible)


# --- hair --------------------------------------------------------------------------------------

def strands(rnd: random.Random, mass: BaseGeometry, flow, n: int, w: tuple[float, float],
            col: Col, op: tuple[float, float], bias: float = 0.0) -> list[tuple[BaseGeometry, Col, float]]:
    """Thin tapered strands inside `mass` following `flow(u, t) -> point` (u across the mass 0..1,
    t along it 0..1). `bias` < 0 crowds them to the left (the lit side)."""
    out = []
    for _ in range(n):
        u = rnd.random()
        if bias:
            u = u ** (1.0 + abs(bias)) if bias < 0 else 1 - (1 - u) ** (1.0 + bias)
        t0 = rnd.uniform(0.0, 0.35)
        t1 = rnd.uniform(0.55, 1.0)
        du = rnd.uniform(-0.03, 0.03)
        pts = [flow(u + du * k / 3, t0 + (t1 - t0) * k / 3) for k in range(4)]
        g = ribbon(pts, (rnd.uniform(*w), 0.4)).intersection(mass)
        out.append((g, col, rnd.uniform(*op)))
    return out


def soft_spot(ink: Ink, c: Pt, rx: float, ry: float, col: Col, op: float, clip: BaseGeometry | None = None,
              rot: float = 0.0) -> None:
    """A soft round spot (radial gradient), e.g. occlusion under a chin, a glow."""
    g = ellipse(c[0], c[1], rx, ry, rot)
    ink.rad(g, c, rx, [(0.0, col, op), (0.55, col, op * 0.5), (1.0, col, 0.0)], clip, 1.0, ry / rx, rot)


# --- hands -------------------------------------------------------------------------------------

def hand(wrist: Pt, angle: float, L: float, curl: float = 0.25, thumb: float = 1.0, spread: float = 0.0,
         width: float = 1.0, thumb_out: float = 0.0) -> tuple[BaseGeometry, list[list[Pt]]]:
    """A relaxed hand hanging from `wrist` toward `angle` (degrees; 90 = straight down), length L
    (wrist to the middle fingertip). `thumb` +1/-1: which side the thumb is on (+1: to the right
    of the hand when it points down, before rotation). `curl` bends the fingers toward the thumb
    side (a hanging hand seen from the side). Returns the silhouette and the finger creases."""
    s = thumb
    W = L * 0.46 * width
    palm = shape([(-W * 0.4, 0), (-W * 0.48, L * 0.2), (-W * 0.5, L * 0.44), (-W * 0.2, L * 0.53),
                  (W * 0.22, L * 0.54), (W * 0.5, L * 0.46), (W * 0.5, L * 0.22), (W * 0.4, 0)], 6)
    fingers = []
    gaps = []
    # (x across the palm, length, width): pinky .. index; the thumb side is +x
    spec = [(-0.37, 0.34, 0.115), (-0.12, 0.42, 0.125), (0.13, 0.46, 0.13), (0.38, 0.42, 0.125)]
    tips = []
    for i, (fx, ln, fw) in enumerate(spec):
        x0 = fx * W * s
        y0 = L * 0.5
        pts = [(x0, y0 - L * 0.08), (x0, y0)]
        a = math.radians(90 - fx * 10 * spread * s)
        x, y = x0, y0
        seg = ln * L / 3
        for k in range(3):
            a += math.radians(curl * 28 * s) * (k + 1) / 2
            x += math.cos(a) * seg
            y += math.sin(a) * seg
            pts.append((x, y))
        fingers.append(ribbon(pts, [fw * L * 1.05, fw * L, fw * L * 0.95, fw * L * 0.88, fw * L * 0.78], caps=True))
        tips.append(pts)
    for i in range(3):
        a, b = tips[i], tips[i + 1]
        gaps.append([((a[1][0] + b[1][0]) / 2, (a[1][1] + b[1][1]) / 2 + L * 0.02),
                     ((a[3][0] + b[3][0]) / 2, (a[3][1] + b[3][1]) / 2),
                     ((a[4][0] + b[4][0]) / 2, (a[4][1] + b[4][1]) / 2 - L * 0.03)])
    tb = [(W * 0.34 * s, L * 0.06), (W * (0.62 + thumb_out) * s, L * 0.2), (W * (0.72 + thumb_out) * s, L * 0.36),
          (W * (0.62 + thumb_out * 0.8) * s, L * 0.52)]
    th = ribbon(tb, [L * 0.16, L * 0.15, L * 0.12, L * 0.1], caps=True)
    g = union(palm, th, *fingers).buffer(0.6).buffer(-0.6)
    rot = angle - 90

    def place(pt):
        x, y = pt
        c, sn = math.cos(math.radians(rot)), math.sin(math.radians(rot))
        return (wrist[0] + x * c - y * sn, wrist[1] + x * sn + y * c)
    g = affinity.rotate(g, rot, origin=(0, 0))
    g = affinity.translate(g, wrist[0], wrist[1])
    gaps = [[place(p) for p in gp] for gp in gaps]
    gaps.append([place((W * 0.36 * s, L * 0.2)), place((W * 0.4 * s, L * 0.38)), place((W * 0.46 * s, L * 0.5))])
    return g, gaps
