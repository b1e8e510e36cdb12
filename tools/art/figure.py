"""The posed, backlit figure: joints -> silhouette parts -> the ambient layer and the rim layer.

The house style (docs/art.md): a figure is a strong silhouette against the glass; its interior is
deep shadow (flat, dark, cool: the compositor multiplies it by the light's ambient colour), a
narrow half-light band wraps the edges that face the light, a thin dark line separates a part
from the parts behind it, and the detail lives in the rim layer (white where the light catches an
edge; the compositor tints and adds it). No long low-contrast gradients over large areas: they
band at 4K. Every shape here is flat fills and short stepped bands.

A look is a list of `Part`s, back to front, built from a pose (a handful of joints) with the
helpers below; `paint_figure` and `rim_figure` (figkit.rim_parts) turn it into the two layers.

Generator-only code: the game and its tests never import this (shapely is not a game dependency).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from figkit import EMPTY, Col, Ink, Mat, Part, Pt, ellipse, ribbon, rim_parts, shape, shift, union, valid
from shapely import affinity
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from svgkit import catmull

WHITE: Col = (255, 255, 255)


# --- geometry helpers ---------------------------------------------------------------------------

def lerp(a: Pt, b: Pt, t: float) -> Pt:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def add(a: Pt, dx: float, dy: float = 0.0) -> Pt:
    return (a[0] + dx, a[1] + dy)


def limb(pts: Sequence[Pt], left: Sequence[float], right: Sequence[float] | None = None, n: int = 8) -> BaseGeometry:
    """A limb along a smooth centre line with separate half-widths on each side of the direction
    of travel (`left` is the side to the left when walking from the first point to the last).
    Asymmetric profiles (a calf that bulges behind, a straight shin in front) keep limbs from
    reading as tubes."""
    right = left if right is None else right
    c = catmull(pts, n, closed=False)
    m = len(pts) - 1
    L = len(c)
    lo, ro = [], []
    for i, (x, y) in enumerate(c):
        a = c[max(0, i - 1)]
        b = c[min(L - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        nx, ny = dy / d, -dx / d      # to the left of the direction of travel (screen coordinates)
        t = i / (L - 1) * m
        j = min(m - 1, int(t))
        u = t - j
        wl = left[j] + (left[j + 1] - left[j]) * u
        wr = right[j] + (right[j + 1] - right[j]) * u
        lo.append((x + nx * wl, y + ny * wl))
        ro.append((x - nx * wr, y - ny * wr))
    return valid(Polygon(lo + ro[::-1]))


def place(template: Sequence[Pt], origin: Pt, size: float, mirror: bool = False, rot: float = 0.0) -> list[Pt]:
    """Template points (unit size, origin 0,0) scaled, mirrored (x -> -x) and rotated (degrees,
    clockwise on screen) onto the canvas."""
    c, s = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    out = []
    for x, y in template:
        x = -x if mirror else x
        x, y = x * size, y * size
        out.append((origin[0] + x * c - y * s, origin[1] + x * s + y * c))
    return out


# --- heads --------------------------------------------------------------------------------------
# Unit head: 1.0 from crown to chin, origin at the middle of that line, facing LEFT (-x).
HEAD_34 = [(0.04, -0.5), (-0.16, -0.46), (-0.27, -0.33), (-0.31, -0.15), (-0.285, -0.07), (-0.305, 0.0),
           (-0.345, 0.085), (-0.335, 0.115), (-0.295, 0.14), (-0.305, 0.2), (-0.29, 0.235), (-0.3, 0.27),
           (-0.275, 0.3), (-0.275, 0.37), (-0.245, 0.44), (-0.17, 0.49), (-0.06, 0.47), (0.08, 0.38), (0.18, 0.27),
           (0.3, 0.14), (0.37, -0.03), (0.36, -0.24), (0.27, -0.42)]
HEAD_PROFILE = [(0.06, -0.5), (-0.16, -0.46), (-0.3, -0.34), (-0.35, -0.16), (-0.325, -0.075), (-0.35, 0.0),
                (-0.42, 0.09), (-0.405, 0.125), (-0.345, 0.145), (-0.352, 0.2), (-0.335, 0.235), (-0.345, 0.27),
                (-0.315, 0.305), (-0.31, 0.37), (-0.27, 0.44), (-0.18, 0.48), (-0.04, 0.45), (0.12, 0.36), (0.24, 0.26),
                (0.38, 0.12), (0.46, -0.06), (0.44, -0.26), (0.3, -0.44)]
# the back of a head turned away (lost profile, facing left-and-away): only the cheek and jaw show
HEAD_LOST = [(0.0, -0.5), (-0.2, -0.45), (-0.31, -0.3), (-0.33, -0.1), (-0.3, 0.06), (-0.29, 0.2), (-0.25, 0.33),
             (-0.17, 0.42), (-0.08, 0.45), (0.08, 0.4), (0.24, 0.3), (0.34, 0.12), (0.37, -0.1), (0.32, -0.32),
             (0.18, -0.46)]


class Head:
    """A head placed on the canvas: its silhouette and where its features are."""

    def __init__(self, centre: Pt, size: float, facing: str = "left", view: str = "34", tilt: float = 0.0) -> None:
        self.c, self.s, self.view = centre, size, view
        self.mirror = facing == "right"
        # tilt: + = chin toward the direction the head faces (nodding down toward what he looks at)
        self.rot = -tilt if not self.mirror else tilt
        tpl = {"34": HEAD_34, "profile": HEAD_PROFILE, "lost": HEAD_LOST}[view]
        self.geom = shape(self.pt_list(tpl), 6)

    def pt(self, x: float, y: float) -> Pt:
        return place([(x, y)], self.c, self.s, self.mirror, self.rot)[0]

    def pt_list(self, pts: Sequence[Pt]) -> list[Pt]:
        return place(pts, self.c, self.s, self.mirror, self.rot)

    @property
    def chin(self) -> Pt:
        return self.pt(-0.14, 0.48)

    @property
    def nape(self) -> Pt:
        return self.pt(0.24, 0.3)


def face_details(h: Head, skin_sh: Col, eye: Col, mood: str = "still", far_eye: bool = True):
    """The few features a face in shadow shows: the socket under the brow, a narrow eye, a mouth
    line; everything low-contrast (the rim layer carries the profile)."""
    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        if h.view == "lost":
            ink.fill(shape(h.pt_list([(-0.1, 0.05), (-0.28, 0.2), (-0.22, 0.4), (0.05, 0.42), (0.1, 0.2)]), 5), skin_sh, 0.35, c)
            return
        prof = h.view == "profile"
        # the far side of the face falls into shadow: a flat plane, not a gradient
        plane = h.pt_list([(-0.2, -0.3), (-0.12, -0.1), (-0.16, 0.1), (-0.12, 0.3), (-0.02, 0.46), (0.4, 0.4), (0.4, -0.4)])
        ink.fill(shape(plane, 5), skin_sh, 0.45 if not prof else 0.3, c)
        brow_y = {"still": -0.1, "hurt": -0.1, "scared": -0.13, "resolute": -0.1, "easy": -0.11, "cold": -0.1}.get(mood, -0.1)
        ex = -0.2 if not prof else -0.27
        sock = ellipse(*h.pt(ex + 0.03, brow_y + 0.07), h.s * 0.09, h.s * 0.055, h.rot)
        ink.fill(sock, skin_sh, 0.65, c)
        inner = {"hurt": 0.02, "scared": -0.025, "resolute": 0.0, "cold": 0.015}.get(mood, 0.0)
        brow = h.pt_list([(ex - 0.09, brow_y + inner), (ex + 0.0, brow_y - 0.012), (ex + 0.11, brow_y + 0.005)])
        ink.fill(ribbon(brow, [h.s * 0.03, h.s * 0.035, h.s * 0.02]), skin_sh, 0.9, c)
        ey = brow_y + 0.085
        op = 0.055 if mood == "scared" else 0.035
        almond = shape(h.pt_list([(ex - 0.075, ey), (ex - 0.01, ey - op), (ex + 0.07, ey - op * 0.5), (ex + 0.08, ey + 0.005),
                                  (ex, ey + op * 0.7)]), 5)
        ink.fill(almond, (12, 11, 14), 0.95, c)
        ink.fill(ellipse(*h.pt(ex - 0.005, ey), h.s * 0.026, h.s * 0.026), eye, 0.9, almond)
        if far_eye and not prof:
            fx = 0.07
            far = shape(h.pt_list([(fx - 0.04, ey), (fx, ey - op * 0.8), (fx + 0.05, ey - op * 0.3), (fx + 0.05, ey + 0.01),
                                   (fx, ey + op * 0.5)]), 5)
            ink.fill(ribbon(h.pt_list([(fx - 0.05, brow_y + inner * 0.5), (fx + 0.06, brow_y + 0.01)]), [h.s * 0.025, h.s * 0.015]),
                     skin_sh, 0.8, c)
            ink.fill(far, (12, 11, 14), 0.85, c)
        # nose shadow and the mouth
        mx = -0.2 if not prof else -0.29
        ink.fill(ribbon(h.pt_list([(-0.22 if not prof else -0.3, 0.04), (-0.18 if not prof else -0.28, 0.13)]),
                        [h.s * 0.05, h.s * 0.03]), skin_sh, 0.5, c)
        mouth = {"scared": [(mx - 0.07, 0.245), (mx, 0.255), (mx + 0.06, 0.25)],
                 "easy": [(mx - 0.08, 0.245), (mx, 0.25), (mx + 0.07, 0.235)]}.get(mood, [(mx - 0.08, 0.25), (mx, 0.248), (mx + 0.07, 0.252)])
        ink.fill(ribbon(h.pt_list(mouth), [h.s * 0.018, h.s * 0.014, h.s * 0.008]), (14, 11, 13), 0.85, c)
        if mood == "scared":
            ink.fill(ellipse(*h.pt(mx - 0.01, 0.255), h.s * 0.04, h.s * 0.014, h.rot), (10, 8, 9), 0.8, c)
        # under the jaw
        ink.fill(ribbon(h.pt_list([(-0.2, 0.47), (0.0, 0.45), (0.2, 0.3)]), [h.s * 0.05, h.s * 0.06, h.s * 0.04]), skin_sh, 0.6, c)
    return d


def face_rim(h: Head, glint: float = 0.8, light: str = "left"):
    """The light along the face: brow, nose, lips, chin catch it when the face turns toward the
    window; a catchlight in the near eye."""
    def r(ink: Ink, p: Part, vis: BaseGeometry) -> None:
        if h.view == "lost":
            return
        prof = h.view == "profile"
        ex = -0.2 if not prof else -0.27
        ey = -0.1 + 0.085
        if glint > 0:
            ink.fill(ellipse(*h.pt(ex - 0.025, ey - 0.012), h.s * 0.012, h.s * 0.009), WHITE, glint, vis)
    return r


# --- hands --------------------------------------------------------------------------------------

def hand_shape(wrist: Pt, angle: float, L: float, curl: float = 0.3, spread: float = 0.0, thumb: float = 1.0,
               width: float = 1.0, thumb_open: float = 0.0, swollen: float = 0.0) -> BaseGeometry:
    """A hand from the wrist toward `angle` (degrees, 90 = straight down on screen), L from the
    wrist to the tip of the middle finger. Palm, four fingers with knuckles and pointed tips,
    a thumb; `curl` bends the fingers toward the thumb side, `spread` fans them, `swollen`
    thickens everything and straightens the curl (fingers that barely bend)."""
    s = thumb
    W = L * 0.44 * width * (1 + 0.25 * swollen)
    curl = curl * (1 - 0.6 * swollen)
    fw_k = 1 + 0.3 * swollen
    palm = shape([(-W * 0.42, 0), (-W * 0.5, L * 0.22), (-W * 0.52, L * 0.46), (-W * 0.2, L * 0.54), (W * 0.25, L * 0.55),
                  (W * 0.52, L * 0.46), (W * 0.5, L * 0.2), (W * 0.42, 0)], 6)
    parts = [palm]
    spec = [(-0.38, 0.35, 0.11), (-0.13, 0.43, 0.12), (0.12, 0.46, 0.125), (0.37, 0.41, 0.12)]
    for fx, ln, fw in spec:
        x0, y0 = fx * W * s, L * 0.5
        a = math.radians(90 - fx * 30 * spread * s)
        x, y = x0, y0
        pts = [(x0, y0 - L * 0.1), (x, y)]
        seg = ln * L / 3
        for k in range(3):
            a += math.radians(curl * 30 * s) * (k + 1) / 2
            x += math.cos(a) * seg
            y += math.sin(a) * seg
            pts.append((x, y))
        w = fw * L * fw_k
        parts.append(limb(pts, [w * 0.55, w * 0.56, w * 0.5, w * 0.44, w * 0.2]))
    tb = [(W * 0.3 * s, L * 0.05), (W * (0.62 + thumb_open) * s, L * 0.18), (W * (0.78 + thumb_open * 1.2) * s, L * 0.32),
          (W * (0.74 + thumb_open * 1.4) * s, L * 0.46)]
    parts.append(limb(tb, [L * 0.085 * fw_k, L * 0.085 * fw_k, L * 0.065 * fw_k, L * 0.025]))
    g = union(*parts).buffer(0.8).buffer(-0.8)
    g = affinity.rotate(g, angle - 90, origin=(0, 0))
    return affinity.translate(g, wrist[0], wrist[1])


def fist_shape(wrist: Pt, angle: float, L: float, thumb: float = 1.0) -> BaseGeometry:
    """A hand closed around something (a lever, a forearm): a rounded block with knuckle bumps."""
    W = L * 0.46
    s = thumb
    g = shape([(-W * 0.45, 0), (-W * 0.55, L * 0.25), (-W * 0.5, L * 0.5), (-W * 0.3, L * 0.62), (W * 0.1, L * 0.64),
               (W * 0.45, L * 0.55), (W * 0.55, L * 0.3), (W * 0.45, 0)], 6)
    knuckles = [ellipse(-W * 0.42 + i * W * 0.28, L * 0.58, W * 0.17, L * 0.09) for i in range(4)]
    th = limb([(W * 0.35 * s, L * 0.08), (W * 0.6 * s, L * 0.3), (W * 0.3 * s, L * 0.5)], [L * 0.08, L * 0.08, L * 0.05])
    g = union(g, *knuckles, th)
    g = affinity.rotate(g, angle - 90, origin=(0, 0))
    return affinity.translate(g, wrist[0], wrist[1])


# --- painting -----------------------------------------------------------------------------------

def paint_figure(ink: Ink, parts: Sequence[Part], light: Pt = (-1.0, -0.25), occlusion: Col = (4, 4, 7)) -> None:
    """The ambient layer: each part flat in its base tone; a narrow half-light band along the
    edges that face the light (three flat steps, ~`Mat.rim_width * 9` px: short enough not to
    band); the shadow a part throws on the parts already painted (a thin dark line that
    separates an arm from the chest it lies over); then the part's own details."""
    done = EMPTY
    for p in parts:
        g = p.geom
        if g.is_empty:
            continue
        m = p.mat
        if not done.is_empty and p.shade > 0:
            cast = shift(g, -light[0] * 5, -light[1] * 5).difference(g).intersection(done)
            ink.fill(cast, occlusion, 0.55)
            cast2 = shift(g, -light[0] * 11, -light[1] * 11).difference(g).intersection(done)
            ink.fill(cast2, occlusion, 0.22)
        ink.fill(g, m.base)
        if p.shade > 0:
            for k, op in ((18, 0.3), (10, 0.25), (5, 0.22)):
                kk = k * m.rim_width * p.shade
                band = g.difference(shift(g, -light[0] * kk, -light[1] * kk))
                ink.fill(band, m.lit, op)
        for fn in p.details:
            fn(ink, p)
        done = union(done, g)


def rim_figure(ink: Ink, parts: Sequence[Part], light: Pt = (-1.0, -0.25), scale: float = 1.0) -> None:
    """The rim layer: figkit.rim_parts with the light coming from `light` (a direction toward
    the source: (-1, -0.25) = from the left and a little above)."""
    rim_parts(ink, parts, dirn=(-light[0], -light[1] * 0.9), scale=scale)


def edge_line(ink: Ink, pts: Sequence[Pt], w: float, col: Col, op: float, clip: BaseGeometry | None = None) -> None:
    """An ink line that tapers at both ends (a fold, a seam, the edge of a torn sleeve)."""
    n = len(pts)
    ws = [w * (0.25 if i in (0, n - 1) else 1.0) for i in range(n)]
    ink.fill(ribbon(pts, ws), col, op, clip)


class _RotInk:
    """An Ink that rotates every shape it is given about a pivot before painting it (details are
    written in the unrotated pose's coordinates)."""

    def __init__(self, ink: Ink, ang: float, piv: Pt) -> None:
        self.ink, self.ang, self.piv = ink, ang, piv

    def _p(self, p: Pt) -> Pt:
        a = math.radians(self.ang)
        x, y = p[0] - self.piv[0], p[1] - self.piv[1]
        return (self.piv[0] + x * math.cos(a) - y * math.sin(a), self.piv[1] + x * math.sin(a) + y * math.cos(a))

    def fill(self, g: BaseGeometry, col: Col, op: float = 1.0, clip: BaseGeometry | None = None) -> None:
        self.ink.fill(affinity.rotate(g, self.ang, origin=self.piv), col, op, clip)

    def lin(self, g: BaseGeometry, p0: Pt, p1: Pt, stops, clip: BaseGeometry | None = None, op: float = 1.0) -> None:
        self.ink.lin(affinity.rotate(g, self.ang, origin=self.piv), self._p(p0), self._p(p1), stops, clip, op)


def turn(parts: Sequence[Part], ang: float, piv: Pt) -> list[Part]:
    """Rotate parts (and their painted details) about a pivot: a lean of the whole body from the
    feet, or of the upper body from the hips. Degrees, + = clockwise on screen."""
    if not ang:
        return list(parts)
    for p in parts:
        p.geom = affinity.rotate(p.geom, ang, origin=piv)
        p.details = [(lambda fn: (lambda ink, q: fn(_RotInk(ink, ang, piv), q)))(fn) for fn in p.details]
        p.rim_details = [(lambda fn: (lambda ink, q, vis: fn(_RotInk(ink, ang, piv), q, vis)))(fn) for fn in p.rim_details]
    return list(parts)
