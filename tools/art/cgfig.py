"""Figures for the key-beat images (CGs): the pieces a drawn silhouette is made of, and a rim
that is a broken line rather than an outline.

Everything here is a shapely geometry in the CG's own pixels (1920x1080). A limb is a ribbon of
varying width along a smooth line through its joints (wide at the shoulder or thigh, a soft
swell over the muscle on one side, narrow at the wrist or ankle); a lock of hair is a ribbon
that keeps its width for most of its length and ends in a curved, rounded point (never a
straight spike). The rim (`rim_broken`) lies only on the edges facing the light, in two flat
steps, and dims in patches along its length, so it never reads as a sticker's outline.

Needs shapely (tools only; the game loads the SVGs).
"""
from __future__ import annotations

import math
import random
from collections.abc import Sequence

from shapely.affinity import translate
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from svgkit import SVG, catmull

Pt = tuple[float, float]


def valid(g: BaseGeometry) -> BaseGeometry:
    return g if g.is_valid else g.buffer(0)


def outline(pts: Sequence[Pt], n: int = 8) -> BaseGeometry:
    """A closed smooth outline through the points (Catmull-Rom)."""
    return valid(Polygon(catmull(pts, n)))


def ribbon(pts: Sequence[Pt], widths: Sequence[float], n: int = 10, shift: Sequence[float] | None = None,
           round_start: bool = False, round_end: bool = False) -> BaseGeometry:
    """A ribbon along the smooth line through `pts`, `widths[i]` wide at `pts[i]` (interpolated
    in between). `shift[i]` moves the ribbon's middle sideways at that point (px, + to the left
    of the direction of travel): a muscle's swell on one side, not a tube. The ends are cut
    square unless rounded."""
    c = catmull(pts, n, closed=False)
    m = len(pts) - 1
    shift = shift or [0.0] * len(pts)
    L = len(c)
    left, right = [], []
    for i, (x, y) in enumerate(c):
        a, b = c[max(0, i - 1)], c[min(L - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        nx, ny = dy / d, -dx / d  # to the left of travel (screen coords, y down)
        t = i / (L - 1) * m
        j = min(m - 1, int(t))
        u = t - j
        u = u * u * (3 - 2 * u)  # ease between the joints: the width changes like a limb's
        w = (widths[j] + (widths[j + 1] - widths[j]) * u) / 2
        s = shift[j] + (shift[j + 1] - shift[j]) * u
        left.append((x + nx * (w + s), y + ny * (w + s)))
        right.append((x - nx * (w - s), y - ny * (w - s)))
    g = valid(Polygon(left + right[::-1]))
    ends = []
    if round_start:
        ends.append(Point(pts[0]).buffer(widths[0] / 2, 24))
    if round_end:
        ends.append(Point(pts[-1]).buffer(widths[-1] / 2, 24))
    return valid(unary_union([g, *ends])) if ends else g


def hair_lock(pts: Sequence[Pt], w: float, keep: float = 0.55, tip: float = 0.12, round_start: bool = True) -> BaseGeometry:
    """A heavy lock of hair along the smooth line through `pts`: `w` wide at the root, keeping
    most of its width for the first `keep` of its length, then narrowing along a curve to a
    rounded point `tip` x w wide (hair that falls in locks, not spikes). Its root is rounded
    unless `round_start` is false (no square end showing where it leaves the scalp)."""
    k = len(pts)
    ws = []
    for i in range(k):
        t = i / (k - 1)
        if t <= keep:
            ws.append(w * (1.0 - 0.18 * t / keep))
        else:
            u = (t - keep) / (1 - keep)
            ws.append(w * 0.82 * (1 - u) ** 0.8 + w * tip * u)
    return ribbon(pts, ws, round_start=round_start, round_end=True)


def boundary_points(g: BaseGeometry, rnd: random.Random, n: int) -> list[Pt]:
    """n random points on the outline of g."""
    b = g.boundary
    out = []
    for _ in range(n):
        p = b.interpolate(rnd.random() * b.length)
        out.append((p.x, p.y))
    return out


def rim_band(g: BaseGeometry, light: Pt, width: float) -> BaseGeometry:
    """The band of g `width` px deep along the edges that face the light; `light` points FROM
    the figure TOWARD the light (unit-ish vector; (-1, -0.3): the light is on the left, above)."""
    return g.difference(translate(g, -light[0] * width, -light[1] * width))


def rim_broken(svg: SVG, g: BaseGeometry, light: Pt, core: float, strength: float, rnd: random.Random,
               clip: BaseGeometry | None = None, breaks: float = 1.0, soft: float = 2.2) -> None:
    """A rim on the edges of g that face `light` (see rim_band): a core `core` px deep at
    `strength`, a softer step `soft` x deeper at 0.3 x, and patches along the length where it
    dims in three soft steps to a quarter (about one patch per 260 px of outline x `breaks`)."""
    if g.is_empty or strength <= 0:
        return
    inner = rim_band(g, light, core)
    outer = rim_band(g, light, core * soft).difference(inner)
    if clip is not None:
        inner, outer = inner.intersection(clip), outer.intersection(clip)
    n = int(g.boundary.length / 260 * breaks)
    spots = [(p, rnd.uniform(30, 80)) for p in boundary_points(g, rnd, n)]
    # each patch dims in three nested steps (no hard cut that reads as a dashed line)
    rings = [unary_union([Point(p).buffer(r * f, 16) for p, r in spots]) if spots else None for f in (1.0, 0.7, 0.4)]
    for band, op in ((inner, strength), (outer, strength * 0.3)):
        if band.is_empty:
            continue
        if rings[0] is None:
            svg.geom(band, "#ffffff", min(1.0, op))
            continue
        svg.geom(band.difference(rings[0]), "#ffffff", min(1.0, op))
        svg.geom(band.intersection(rings[0]).difference(rings[1]), "#ffffff", min(1.0, op * 0.7))
        svg.geom(band.intersection(rings[1]).difference(rings[2]), "#ffffff", min(1.0, op * 0.45))
        svg.geom(band.intersection(rings[2]), "#ffffff", min(1.0, op * 0.25))


def half_light(svg: SVG, g: BaseGeometry, light: Pt, steps: Sequence[tuple[float, tuple]], clip: BaseGeometry | None = None) -> None:
    """The half-light band inside a lit edge (docs/art.md): flat steps, widest first."""
    for width, col in steps:
        band = rim_band(g, light, width)
        if clip is not None:
            band = band.intersection(clip)
        svg.geom(band, col)


def occlusion(svg: SVG, front: BaseGeometry, behind: BaseGeometry, light: Pt, width: float, col: tuple,
              op: float = 1.0) -> None:
    """The thin dark line a part throws on the part behind it, on its side away from the light."""
    shadow = translate(front, -light[0] * width, -light[1] * width).difference(front).intersection(behind)
    svg.geom(shadow, col, op)


def profile_head(crown: Pt, size: float, facing: int, tilt: float = 0.0, jaw: float = 1.0) -> BaseGeometry:
    """A head in profile: `size` px from crown to chin, facing right (1) or left (-1), tipped by
    `tilt` radians (+: chin down, the head bowed). Brow, the dip at the bridge, nose, lips and
    chin are where the rim draws, so they are placed with care; `jaw` widens the jaw and neck side (a heavier man)."""
    prof = [(-0.48, 0.36), (-0.44, 0.15), (-0.26, 0.02), (0.02, -0.01), (0.2, 0.05), (0.3, 0.17),
            (0.33, 0.3), (0.355, 0.37), (0.325, 0.42), (0.36, 0.5), (0.42, 0.6), (0.43, 0.625),
            (0.375, 0.65), (0.38, 0.7), (0.355, 0.735), (0.37, 0.78), (0.33, 0.835), (0.34, 0.9),
            (0.29, 0.975), (0.12, 0.99 + 0.02 * (jaw - 1)), (-0.02, 0.92), (-0.14 * jaw, 0.8),
            (-0.32 * jaw, 0.72)]
    c, s = math.cos(tilt), math.sin(tilt)
    pts = []
    for x, y in prof:
        x, y = x * size, (y - 0.5) * size
        rx, ry = x * c - y * s, x * s + y * c
        pts.append((crown[0] + facing * rx, crown[1] + 0.5 * size + ry))
    return outline(pts, 5)  # (smoothed: no sharp corners at the nose, lips and chin)


def boot(ankle: Pt, facing: int, ground: float, size: float, heel_up: float = 0.0) -> BaseGeometry:
    """A boot standing on `ground` (its sole's y), toe toward `facing`, `size` ~ foot length;
    `heel_up` lifts the heel (a back foot pushing off)."""
    ax, ay = ankle
    f = facing
    sole_toe = (ax + f * size * 0.78, ground)
    heel = (ax - f * size * 0.26, ground - heel_up)
    return outline([(ax - f * size * 0.2, ay - size * 0.12), (ax + f * size * 0.16, ay - size * 0.08),
                    (ax + f * size * 0.5, ground - size * 0.22), (ax + f * size * 0.78, ground - size * 0.12),
                    sole_toe, (ax + f * size * 0.2, ground - heel_up * 0.4), heel,
                    (ax - f * size * 0.28, ground - heel_up - size * 0.2)], 6)


def open_hand(wrist: Pt, angle: float, size: float, spread: float = 0.25, curl: float = 0.25, side: int = 1) -> BaseGeometry:
    """A relaxed open hand from `wrist` pointing along `angle` (radians), `size` px to the
    fingertips: a palm, four fingers of different lengths slightly apart and curling a little
    (`curl`), the thumb on `side` (+1: to the left of the pointing direction)."""
    ca, sa = math.cos(angle), math.sin(angle)

    def at(u: float, v: float) -> Pt:  # u along the hand, v to the left of it
        return (wrist[0] + ca * u * size + sa * v * size, wrist[1] + sa * u * size - ca * v * size)
    palm = outline([at(0.0, -0.16 * side), at(0.18, -0.21 * side), at(0.48, -0.2 * side), at(0.52, 0.0),
                    at(0.5, 0.2 * side), at(0.3, 0.23 * side), at(0.05, 0.15 * side)], 6)
    parts = [palm]
    for k, (v, ln, w) in enumerate(((-0.15, 0.4, 0.085), (-0.05, 0.5, 0.095), (0.05, 0.52, 0.095), (0.15, 0.46, 0.09))):
        v = v * side
        a = (k - 1.5) * 0.08 * spread * side
        b = -curl * 0.6 * side
        p0 = at(0.48, v)
        p1 = at(0.48 + ln * 0.5 * math.cos(a), v + ln * 0.5 * math.sin(a))
        p2 = at(0.48 + ln * 0.95 * math.cos(a + b), v + ln * 0.95 * math.sin(a + b))
        parts.append(ribbon([p0, p1, p2], [w * size, w * size * 0.9, w * size * 0.7], round_end=True))
    parts.append(ribbon([at(0.12, 0.17 * side), at(0.3, 0.32 * side), at(0.46, 0.38 * side)],
                        [0.12 * size, 0.1 * size, 0.08 * size], round_end=True))
    return valid(unary_union(parts).buffer(1.5).buffer(-1.5))


class Turned:
    """Draw a figure square-on, then turn it: x right of `cx` squeezed by `k` (the far half of a
    face foreshortened as the head turns a little), then everything rotated by `deg` degrees
    (+: clockwise on screen) about `pivot`. `wrap(svg)` gives a layer that applies it to all it
    draws, so the rims computed on the square-on shapes turn with them."""

    def __init__(self, cx: float, k: float, deg: float, pivot: Pt) -> None:
        self.cx, self.k = cx, k
        a = math.radians(deg)
        self.c, self.s = math.cos(a), math.sin(a)
        self.pivot = pivot

    def point(self, x: float, y: float) -> Pt:
        if x > self.cx:
            x = self.cx + (x - self.cx) * self.k
        px, py = self.pivot
        dx, dy = x - px, y - py
        return (px + dx * self.c - dy * self.s, py + dx * self.s + dy * self.c)

    def geom(self, g: BaseGeometry) -> BaseGeometry:
        import numpy as np
        import shapely

        def f(c):
            x, y = c[:, 0], c[:, 1]
            x = np.where(x > self.cx, self.cx + (x - self.cx) * self.k, x)
            px, py = self.pivot
            dx, dy = x - px, y - py
            return np.stack([px + dx * self.c - dy * self.s, py + dx * self.s + dy * self.c], axis=1)
        return valid(shapely.transform(g, f))

    def wrap(self, svg: SVG) -> _TurnedSVG:
        return _TurnedSVG(svg, self)


class _TurnedSVG:
    def __init__(self, svg: SVG, turn: Turned) -> None:
        self.svg, self.turn = svg, turn

    def geom(self, g: BaseGeometry, fill, opacity: float = 1.0) -> None:
        self.svg.geom(self.turn.geom(g), fill, opacity)

    def circle(self, cx: float, cy: float, r: float, fill, opacity: float = 1.0) -> None:
        x, y = self.turn.point(cx, cy)
        self.svg.circle(x, y, r, fill, opacity)


# Zack's hair for a head 236 px from crown to chin, facing LEFT (its back is +x): each spike is
# (root x, root y, direction in degrees from +x (negative: up), length, width at the root, bend:
# how far its middle bows sideways, px). Swept back from the brow, the longest at the back of the
# head, the last ones falling to the nape; one short bang forward over the brow.
ZACK_SPIKES = [(10, 20, -58, 112, 70, 14), (40, 40, -26, 152, 80, 16), (62, 78, -4, 172, 74, 10),
               (70, 118, 16, 150, 64, -10), (58, 150, 40, 118, 52, -8), (30, 172, 70, 78, 38, -4),
               (-14, 16, -72, 84, 50, 22), (-30, 40, 118, 66, 28, 6)]


def zack_hair(crown: Pt, size: float, facing: int) -> BaseGeometry:
    """Zack's black spiky hair on a profile head (crown, `size` px crown to chin, facing right 1
    or left -1): a cap over the skull and curved spikes of unequal length (ZACK_SPIKES)."""
    k = size / 236
    m = -facing  # the specs face left

    def at(x: float, y: float) -> Pt:
        return (crown[0] + m * x * k, crown[1] + y * k)
    cap = outline([at(-40, 10), at(30, -14), at(110, 40), at(120, 130), at(60, 170), at(-10, 90)], 8)
    parts = [cap]
    for x, y, ang, ln, w, bend in ZACK_SPIKES:
        a = math.radians(ang)
        dx, dy = math.cos(a), math.sin(a)
        px, py = -dy, dx
        pts = [(x, y), (x + dx * ln * 0.5 + px * bend, y + dy * ln * 0.5 + py * bend), (x + dx * ln, y + dy * ln)]
        parts.append(hair_lock([at(*p) for p in pts], w * k, keep=0.15, tip=0.06))
    return valid(unary_union(parts))


# --- a face in profile, drawn (docs/art.md: the detail lives in the rim, the interior in shadow)
# x forward, y down from the crown, in units of the crown-to-chin height: the brow ridge over a
# dip at the bridge, a nose that projects, lips, the chin, the jaw going back to the ear.
FACE_OUTLINE = [(-0.48, 0.4), (-0.47, 0.2), (-0.34, 0.05), (-0.12, -0.02), (0.1, 0.0), (0.25, 0.07),
                (0.33, 0.17), (0.365, 0.28), (0.385, 0.375), (0.372, 0.425), (0.366, 0.452), (0.395, 0.52),
                (0.44, 0.595), (0.472, 0.636), (0.462, 0.657), (0.425, 0.668), (0.398, 0.676), (0.404, 0.708),
                (0.422, 0.734), (0.396, 0.754), (0.414, 0.78), (0.4, 0.805), (0.368, 0.832), (0.382, 0.875),
                (0.396, 0.918), (0.372, 0.962), (0.3, 0.992), (0.14, 0.985), (-0.04, 0.9), (-0.1, 0.8),
                (-0.3, 0.76)]
FACE_EYE = [(0.262, 0.458), (0.298, 0.441), (0.334, 0.444), (0.35, 0.458), (0.322, 0.47), (0.286, 0.469)]
FACE_LID = [(0.255, 0.456), (0.296, 0.438), (0.336, 0.441), (0.352, 0.456)]
FACE_BROW = [(0.2, 0.412), (0.28, 0.396), (0.37, 0.392)]
FACE_EAR = [(-0.02, 0.5), (-0.07, 0.47), (-0.13, 0.49), (-0.145, 0.56), (-0.12, 0.63), (-0.07, 0.67), (-0.03, 0.655)]
FACE_EAR_IN = [(-0.05, 0.51), (-0.1, 0.52), (-0.11, 0.58), (-0.08, 0.63)]
FACE_JAW = [(-0.09, 0.66), (-0.07, 0.8), (-0.02, 0.885), (0.12, 0.965), (0.3, 0.985)]
FACE_CHEEK = [(0.2, 0.53), (0.3, 0.5), (0.38, 0.53), (0.4, 0.6), (0.33, 0.6), (0.24, 0.58)]
FACE_NOSTRIL = [(0.392, 0.64), (0.41, 0.652), (0.43, 0.652)]
FACE_MOUTH = [(0.398, 0.756), (0.37, 0.758), (0.33, 0.752)]
FACE_SOCKET = [(0.22, 0.42), (0.36, 0.405), (0.372, 0.44), (0.352, 0.49), (0.29, 0.5), (0.23, 0.48)]


class ProfileFace:
    """A head in profile drawn with its features, facing right (1) or left (-1), tipped by
    `tilt` radians (+: chin down, bowed); `size` px from crown to chin. `head` is its outline;
    `draw` paints the face's planes and features into a figure plane and their light into a rim
    plane (the light in front of the face: the profile, brow, nose, lips, chin and jaw catch it,
    the eye is a dark almond under a lid that catches a thread of it)."""

    def __init__(self, crown: Pt, size: float, facing: int, tilt: float = 0.0, jaw: float = 1.0) -> None:
        self.crown, self.size, self.facing, self.tilt, self.jaw = crown, size, facing, tilt, jaw
        pts = [(x, y + (0.02 * (jaw - 1) if y > 0.95 else 0.0)) for x, y in FACE_OUTLINE]
        pts = [(x * (jaw if x < -0.05 and y > 0.7 else 1.0), y) for x, y in pts]
        self.head = outline([self.p(x, y) for x, y in pts], 5)

    def p(self, x: float, y: float) -> Pt:
        c, s = math.cos(self.tilt), math.sin(self.tilt)
        x, y = x * self.size, (y - 0.5) * self.size
        rx, ry = x * c - y * s, x * s + y * c
        return (self.crown[0] + self.facing * rx, self.crown[1] + 0.5 * self.size + ry)

    def shape(self, pts: Sequence[Pt], n: int = 6) -> BaseGeometry:
        return outline([self.p(x, y) for x, y in pts], n)

    def line(self, pts: Sequence[Pt], w0: float, w1: float) -> BaseGeometry:
        """A tapering stroke along pts, `w0` wide at the first and `w1` at the last (units of the size)."""
        n = len(pts) - 1
        ws = [(w0 + (w1 - w0) * i / n) * self.size for i in range(n + 1)]
        return ribbon([self.p(x, y) for x, y in pts], ws, round_start=True, round_end=True)

    def draw(self, fig, rim_svg, skin: tuple, lit: tuple, deep: tuple, strength: float = 1.0,
             hidden: BaseGeometry | None = None, ear: bool = True, closed: bool = False) -> None:
        """Paint the face (its skin `skin`, the plane toward the light `lit`, shadows `deep`);
        `hidden`: what covers the face (hair in front of it), left unpainted; `closed`: the eye
        shut (the lid's curve and the lashes' line, no almond)."""
        keep = self.head if hidden is None else self.head.difference(hidden)
        toward = (self.facing, 0.0)
        fig.geom(keep, skin)
        # the plane of the face toward the light: along the profile, and the cheekbone
        fig.geom(rim_band(self.head, toward, self.size * 0.07).intersection(keep), lit)
        fig.geom(self.shape(FACE_CHEEK).intersection(keep), lit, 0.3)
        fig.geom(self.shape(FACE_SOCKET).intersection(keep), deep, 0.75)
        if ear:
            ear_g = self.shape(FACE_EAR).intersection(keep)
            fig.geom(ear_g, skin)
            fig.geom(self.line(FACE_EAR_IN, 0.022, 0.012).intersection(keep), deep, 0.9)
            rim_svg.geom(rim_band(ear_g, toward, self.size * 0.014).intersection(keep), "#ffffff", 0.35 * strength)
        fig.geom(self.line(FACE_JAW, 0.02, 0.008).intersection(keep), deep, 0.85)  # the jaw's shadow side
        fig.geom(self.line(FACE_BROW, 0.028, 0.014).intersection(keep), deep)
        if closed:
            fig.geom(self.line([(0.262, 0.458), (0.3, 0.466), (0.34, 0.458)], 0.016, 0.008).intersection(keep), (6, 6, 9))
        else:
            fig.geom(self.shape(FACE_EYE, 4).intersection(keep), (6, 6, 9))
        fig.geom(self.line(FACE_NOSTRIL, 0.012, 0.006).intersection(keep), deep)
        fig.geom(self.line(FACE_MOUTH, 0.012, 0.005).intersection(keep), deep)
        # the light: the profile's edge is the figure's rim (drawn with the body); here the
        # threads inside it — the lid, the brow's top, the upper lip, the jaw's edge toward the chin
        rim_svg.geom(self.line(FACE_LID, 0.006, 0.012).intersection(keep), "#ffffff", 0.55 * strength)
        rim_svg.geom(self.line([(0.24, 0.398), (0.3, 0.386), (0.37, 0.382)], 0.004, 0.01).intersection(keep), "#ffffff",
                     0.35 * strength)
        jaw_lit = self.line([(0.0, 0.9), (0.12, 0.958), (0.28, 0.978)], 0.003, 0.01).intersection(keep)
        rim_svg.geom(jaw_lit, "#ffffff", 0.4 * strength)
        rim_svg.geom(self.line([(0.404, 0.712), (0.418, 0.73)], 0.004, 0.006).intersection(keep), "#ffffff", 0.3 * strength)
