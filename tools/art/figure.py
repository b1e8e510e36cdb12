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

from figkit import (
    EMPTY,
    RIM_PROFILE,
    Col,
    Ink,
    Part,
    Pt,
    ellipse,
    ribbon,
    rim_parts,
    shape,
    shift,
    union,
    valid,
)
from shapely import affinity
from shapely.geometry import LineString, Point, Polygon
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
HEAD_PROFILE = [(0.06, -0.5), (-0.16, -0.46), (-0.29, -0.35), (-0.335, -0.2), (-0.345, -0.12), (-0.36, -0.085),
                (-0.345, -0.045), (-0.36, 0.0), (-0.395, 0.05), (-0.43, 0.1), (-0.425, 0.118), (-0.39, 0.13),
                (-0.36, 0.145), (-0.355, 0.17), (-0.37, 0.2), (-0.352, 0.228), (-0.362, 0.25), (-0.35, 0.28),
                (-0.325, 0.305), (-0.33, 0.34), (-0.335, 0.39), (-0.3, 0.44), (-0.2, 0.465), (-0.06, 0.44),
                (0.08, 0.38), (0.14, 0.3), (0.24, 0.26), (0.38, 0.12), (0.46, -0.06), (0.44, -0.26), (0.3, -0.44)]
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
                 "easy": [(mx - 0.08, 0.245), (mx, 0.25), (mx + 0.07, 0.235)],
                 "laugh": [(mx - 0.09, 0.228), (mx, 0.262), (mx + 0.08, 0.222)]}.get(
            mood, [(mx - 0.08, 0.25), (mx, 0.248), (mx + 0.07, 0.252)])
        ink.fill(ribbon(h.pt_list(mouth), [h.s * 0.018, h.s * 0.014, h.s * 0.008]), (14, 11, 13), 0.85, c)
        if mood == "laugh":
            # the mouth open in a laugh: a dark crescent under the upturned line, the cheek lifted
            ink.fill(shape(h.pt_list([(mx - 0.075, 0.235), (mx, 0.252), (mx + 0.065, 0.23), (mx + 0.04, 0.27), (mx, 0.29),
                                      (mx - 0.05, 0.27)]), 4), (9, 7, 8), 0.9, c)
            edge_line(ink, h.pt_list([(mx - 0.12, 0.14), (mx - 0.1, 0.2), (mx - 0.1, 0.24)]), h.s * 0.014, skin_sh, 0.5, c)
        if mood == "scared":
            ink.fill(ellipse(*h.pt(mx - 0.01, 0.255), h.s * 0.04, h.s * 0.014, h.rot), (10, 8, 9), 0.8, c)
        # under the jaw
        ink.fill(ribbon(h.pt_list([(-0.2, 0.47), (0.0, 0.45), (0.2, 0.3)]), [h.s * 0.05, h.s * 0.06, h.s * 0.04]), skin_sh, 0.6, c)
        # the jaw line, drawn: from below the ear to the chin, heavier at the angle of the jaw
        jaw = [(0.2, 0.16), (0.16, 0.3), (0.04, 0.4), (-0.1, 0.45), (-0.2, 0.455)] if not prof else \
            [(0.16, 0.2), (0.12, 0.31), (0.0, 0.4), (-0.14, 0.45), (-0.24, 0.45)]
        edge_line(ink, h.pt_list(jaw), h.s * 0.022, (8, 7, 9), 0.75, c)
        # the cheekbone's plane turning under (a flat step, not a gradient)
        cheek = [(-0.24, 0.06), (-0.1, 0.1), (0.04, 0.06), (0.08, 0.16), (-0.06, 0.2), (-0.2, 0.16)] if not prof else \
            [(-0.2, 0.06), (-0.04, 0.08), (0.06, 0.14), (-0.04, 0.22), (-0.18, 0.18)]
        ink.fill(shape(h.pt_list(cheek), 4), skin_sh, 0.16, c)
        # the nose: its shadow side and the nostril
        if not prof:
            ink.fill(shape(h.pt_list([(-0.24, -0.02), (-0.2, 0.06), (-0.2, 0.13), (-0.25, 0.14), (-0.27, 0.08)]), 4), skin_sh, 0.5, c)
            ink.fill(ellipse(*h.pt(-0.235, 0.135), h.s * 0.022, h.s * 0.012, h.rot), (10, 8, 10), 0.8, c)
        else:
            ink.fill(ellipse(*h.pt(-0.37, 0.12), h.s * 0.026, h.s * 0.013, h.rot + (-20 if not h.mirror else 20)), (10, 8, 10), 0.75, c)
        # the upper lid: a heavy short line over the eye (the lashes), lighter at the outer corner
        lid = [(ex - 0.085, ey + 0.005), (ex - 0.01, ey - op - 0.008), (ex + 0.08, ey - op * 0.4)]
        ink.fill(ribbon(h.pt_list(lid), [h.s * 0.012, h.s * 0.024, h.s * 0.01]), (6, 5, 7), 0.95, c)
        # the ear (three-quarter views): a C of shadow behind the jaw
        if not prof:
            edge_line(ink, h.pt_list([(0.27, -0.04), (0.31, 0.02), (0.3, 0.12), (0.25, 0.17)]), h.s * 0.02, skin_sh, 0.7, c)
        else:
            edge_line(ink, h.pt_list([(0.12, -0.02), (0.18, 0.02), (0.18, 0.12), (0.12, 0.16)]), h.s * 0.024, skin_sh, 0.75, c)
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
        toward = (light == "left") != h.mirror      # the face turned toward the light
        if not toward:
            return
        # the planes that face the light catch it: the brow, the bridge and the tip of the nose,
        # the cheekbone, the lower lip and the chin (thin strokes, the line's weight in the middle)
        k = 1.0 if light == "left" else 0.8
        if prof:
            strokes = [([(-0.335, -0.2), (-0.345, -0.12), (-0.355, -0.09)], 0.016, 0.55),
                       ([(-0.37, 0.02), (-0.4, 0.06), (-0.42, 0.1)], 0.014, 0.6),
                       ([(-0.355, 0.245), (-0.358, 0.262)], 0.014, 0.5),
                       ([(-0.33, 0.35), (-0.325, 0.39), (-0.305, 0.43)], 0.016, 0.55)]
        else:
            strokes = [([(-0.3, -0.2), (-0.3, -0.14), (-0.27, -0.11)], 0.014, 0.4),
                       ([(-0.26, -0.04), (-0.265, 0.04), (-0.265, 0.1)], 0.012, 0.45),
                       ([(-0.255, 0.035), (-0.22, 0.05), (-0.19, 0.07)], 0.012, 0.25),
                       ([(-0.25, 0.262), (-0.2, 0.27), (-0.15, 0.265)], 0.012, 0.35),
                       ([(-0.27, 0.36), (-0.25, 0.42), (-0.2, 0.45)], 0.014, 0.45)]
        for pts, wd, op in strokes:
            n = len(pts)
            ws = [h.s * wd * (0.3 if i in (0, n - 1) else 1.0) for i in range(n)]
            ink.fill(ribbon(h.pt_list(pts), ws), WHITE, op * k * glint / 0.7, vis)
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
            ink.fill(cast, occlusion, 0.42)
            cast2 = shift(g, -light[0] * 11, -light[1] * 11).difference(g).intersection(done)
            ink.fill(cast2, occlusion, 0.15)
        ink.fill(g, m.base)
        if p.shade > 0:
            for k, op in ((12, 0.16), (7, 0.15), (3.5, 0.14)):
                kk = k * m.rim_width * p.shade
                band = g.difference(shift(g, -light[0] * kk, -light[1] * kk))
                ink.fill(band, m.lit, op)
        for fn in p.details:
            fn(ink, p)
        if p.shade > 0:
            # the drawn line on the side away from the light: its weight follows how squarely the
            # edge turns away (full where it faces away, tapering to nothing where it turns)
            for k, op in ((4.5, 0.3), (2.2, 0.45)):
                ink.fill(g.difference(shift(g, light[0] * k, light[1] * k)), occlusion, op)
        done = union(done, g)


def rim_figure(ink: Ink, parts: Sequence[Part], light: Pt = (-1.0, -0.25), scale: float = 1.0) -> None:
    """The rim layer: figkit.rim_parts with the light coming from `light` (a direction toward
    the source: (-1, -0.25) = from the left and a little above)."""
    rim_parts(ink, parts, dirn=(-light[0], -light[1] * 0.9), scale=scale)


FOLD_WEIGHT = 1.45   # how hard the folds are drawn: at 1080p a fold must read inside a dark garment


def fold(ink: Ink, pts: Sequence[Pt], w: float, dark: Col, lit: Col, clip: BaseGeometry, op: float = 0.6,
         light: Pt = (-1.0, -0.3), ridge: float = 0.5) -> None:
    """A cloth fold: a tapered valley in the shadow colour, and beside it, on the side the light
    comes from, the ridge that catches the half-light (thinner, lower in contrast). `w` is the
    valley's width at its widest (the middle of the stroke)."""
    n = len(pts)
    w *= FOLD_WEIGHT
    op = min(0.95, op * FOLD_WEIGHT)
    ws = [w * (0.15 + 0.85 * math.sin(math.pi * (i + 0.5) / n)) for i in range(n)]
    ink.fill(ribbon(pts, ws), dark, op, clip)
    if ridge > 0:
        ln = math.hypot(*light) or 1.0
        ox, oy = light[0] / ln * w * 0.9, light[1] / ln * w * 0.9
        ink.fill(ribbon([(x + ox, y + oy) for x, y in pts], [v * 0.55 for v in ws]), lit, op * ridge, clip)


def crumple(g: BaseGeometry, seed: int, y0: float, y1: float = 1e9, step: float = 34.0, depth: float = 3.0,
            x0: float = -1e9, x1: float = 1e9) -> BaseGeometry:
    """Cloth's outline: where folds reach the edge of a garment its silhouette is never a clean
    curve. Along the outline between canvas rows y0 and y1 (and columns x0..x1), every `step` px
    (jittered) the edge either swells a little (a fold's ridge turning out, an ellipse lying along
    the edge) or is cut by a long shallow notch (a fold's valley meeting the edge), `depth` px deep. The
    rim follows the silhouette, so it swells, breaks and steps like a line drawn over cloth."""
    import random as _r
    rnd = _r.Random(seed)
    poly_ = g if isinstance(g, Polygon) else max(polys_of(g), key=lambda q: q.area, default=None)
    if poly_ is None:
        return g
    ring = poly_.exterior
    n = max(1, int(ring.length / step))
    add_, cut = [], []
    for i in range(n):
        t = (i + rnd.uniform(0.2, 0.8)) / n
        p0 = ring.interpolate(t * ring.length)
        p1 = ring.interpolate(min(ring.length, t * ring.length + 2.0))
        x, y = p0.x, p0.y
        if not (y0 <= y <= y1 and x0 <= x <= x1):
            continue
        ang = math.degrees(math.atan2(p1.y - y, p1.x - x))
        if rnd.random() < 0.5:
            add_.append(ellipse(x, y, rnd.uniform(7, 12), depth * rnd.uniform(0.6, 1.0), ang))
        else:
            # a shallow, long notch (not a wedge: a sharp cut turns the rim into a zigzag)
            cut.append(ellipse(x, y, rnd.uniform(8, 13), depth * rnd.uniform(0.7, 1.0), ang))
    out = union(g, *add_) if add_ else g
    for c in cut:
        out = out.difference(c)
    # round every step so the rim along it bends instead of zigzagging
    return valid(out.buffer(2.0, 8).buffer(-2.0, 8))


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


def _through(fn, wrap):
    """A part's detail (ink, part) painting through a wrapped ink (turned or scaled)."""
    return lambda ink, q: fn(wrap(ink), q)


def _through_rim(fn, wrap):
    """A part's rim detail (ink, part, visible) painting through a wrapped ink."""
    return lambda ink, q, vis: fn(wrap(ink), q, vis)


def turn(parts: Sequence[Part], ang: float, piv: Pt) -> list[Part]:
    """Rotate parts (and their painted details) about a pivot: a lean of the whole body from the
    feet, or of the upper body from the hips. Degrees, + = clockwise on screen."""
    if not ang:
        return list(parts)
    c, sn = math.cos(math.radians(ang)), math.sin(math.radians(ang))

    def rot(q: Pt) -> Pt:
        x, y = q[0] - piv[0], q[1] - piv[1]
        return (piv[0] + x * c - y * sn, piv[1] + x * sn + y * c)
    for p in parts:
        p.geom = affinity.rotate(p.geom, ang, origin=piv)
        p.rim_folds = [([rot(q) for q in f[0]], *f[1:]) for f in p.rim_folds]
        p.details = [_through(fn, lambda ink: _RotInk(ink, ang, piv)) for fn in p.details]
        p.rim_details = [_through_rim(fn, lambda ink: _RotInk(ink, ang, piv)) for fn in p.rim_details]
    return list(parts)


class _ScaleInk:
    """An Ink that scales every shape it is given about an origin before painting it (details are
    written in the unscaled pose's coordinates)."""

    def __init__(self, ink: Ink, k: float, org: Pt) -> None:
        self.ink, self.k, self.org = ink, k, org

    def _p(self, p: Pt) -> Pt:
        return (self.org[0] + (p[0] - self.org[0]) * self.k, self.org[1] + (p[1] - self.org[1]) * self.k)

    def fill(self, g: BaseGeometry, col: Col, op: float = 1.0, clip: BaseGeometry | None = None) -> None:
        self.ink.fill(affinity.scale(g, self.k, self.k, origin=self.org), col, op, clip)

    def lin(self, g: BaseGeometry, p0: Pt, p1: Pt, stops, clip: BaseGeometry | None = None, op: float = 1.0) -> None:
        self.ink.lin(affinity.scale(g, self.k, self.k, origin=self.org), self._p(p0), self._p(p1), stops, clip, op)


def scale_parts(parts: Sequence[Part], k: float, org: Pt) -> list[Part]:
    """Scale parts (and their painted details) uniformly about `org` (canvas px): a figure drawn
    on another figure's joints, made smaller (Cloud on Zack's skeleton, a head shorter). Line
    widths inside details scale with it; the rim, worked out later on the scaled shapes, does not."""
    if k == 1.0:
        return list(parts)

    def sc(q: Pt) -> Pt:
        return (org[0] + (q[0] - org[0]) * k, org[1] + (q[1] - org[1]) * k)
    groups: dict[int, BaseGeometry] = {}   # a shared lock of hair stays shared (occluders() compares by identity)
    for p in parts:
        p.geom = affinity.scale(p.geom, k, k, origin=org)
        if p.rim_group is not None:
            key = id(p.rim_group)
            if key not in groups:
                groups[key] = affinity.scale(p.rim_group, k, k, origin=org)
            p.rim_group = groups[key]
        p.rim_folds = [([sc(q) for q in f[0]], f[1] * k, *f[2:]) for f in p.rim_folds]
        p.details = [_through(fn, lambda ink: _ScaleInk(ink, k, org)) for fn in p.details]
        p.rim_details = [_through_rim(fn, lambda ink: _ScaleInk(ink, k, org)) for fn in p.rim_details]
    return list(parts)


# --- drawn pieces (second pass: organic contours) -----------------------------------------------
# A figure built from these reads as drawn, not constructed: the shoulder slopes from the neck and
# rounds over the deltoid; an arm is one contour from the shoulder to the cuff that tapers and
# breaks softly at the elbow; a trouser leg tapers thigh -> knee -> calf -> ankle and breaks over
# the shoe; a hand is one well-made silhouette (fingers together, the thumb apart).

def _frame(a: Pt, b: Pt) -> tuple[float, float, float, float, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return dx / n, dy / n, -dy / n, dx / n, n


def deltoid(sh: Pt, el: Pt, w: float = 25.0, front: float = -1.0) -> BaseGeometry:
    """The round cap of the shoulder: an egg from the acromion down a third of the upper arm,
    widest near the top, a little fuller on the front (`front` -1: the front is screen-left when
    the arm hangs)."""
    ux, uy, nx, ny, n = _frame(sh, el)
    c = (sh[0] + ux * n * 0.19, sh[1] + uy * n * 0.19)
    ang = math.degrees(math.atan2(uy, ux)) - 90
    g = ellipse(c[0], c[1], w, n * 0.25, ang)
    # flatten the inside (toward the body's centre) so the cap does not bulge past the trapezius
    return g


def arm_outline(sh: Pt, el: Pt, wr: Pt, w: Sequence[float] = (24, 21, 16.5, 18, 11.5), back: float = 1.0,
                bulge: float = 1.0) -> BaseGeometry:
    """A whole arm (or its sleeve) as one contour shoulder -> elbow -> wrist, through a soft bend
    (Catmull-Rom through the elbow). `w` are half-widths at the shoulder, mid upper arm, elbow,
    the top of the forearm and the wrist; `back` +1 puts the back of the arm (the elbow's point,
    the forearm's muscle) on the left of the direction of travel (screen right for a hanging arm)."""
    ws, wm, we, wf, ww = w
    a1 = math.atan2(el[1] - sh[1], el[0] - sh[0])
    a2 = math.atan2(wr[1] - el[1], wr[0] - el[0])
    bend = abs(math.degrees((a2 - a1 + math.pi) % (2 * math.pi) - math.pi))
    if bend > 40:
        # a sharply bent arm: upper arm and forearm as two tapered pieces meeting in a round elbow
        up = limb([lerp(sh, el, 0.16), lerp(sh, el, 0.45), el], [ws, wm, we * 1.02])
        fo = limb([el, lerp(el, wr, 0.3), lerp(el, wr, 0.72), wr], [we, wf * bulge, (wf + ww) / 2, ww],
                  [we, wf * 0.96, (wf + ww) / 2 - 0.5, ww])
        return union(up, fo, ellipse(el[0], el[1], we * 1.02, we * 1.02))
    pts = [lerp(sh, el, 0.16), lerp(sh, el, 0.45), lerp(sh, el, 0.86), el, lerp(el, wr, 0.3), lerp(el, wr, 0.72), wr]
    back_w = [ws, wm, we * 1.04, we * 1.02 + 1.5, wf * bulge + 1.5, (wf + ww) / 2 + 0.5, ww]
    front_w = [ws, wm * 0.98, we * 0.98, we * 0.92, wf * 0.96, (wf + ww) / 2 - 0.5, ww]
    lw, rw = (back_w, front_w) if back > 0 else (front_w, back_w)
    return limb(pts, lw, rw, n=10)


def sleeve_end(g: BaseGeometry, at: Pt, toward: Pt, flare: float = 2.5, seed: int = 1) -> BaseGeometry:
    """Cut a sleeve (an arm outline) at `at`, keeping the side away from `toward`, with a slightly
    irregular, rolled edge a little wider than the arm (cloth gathers where it ends)."""
    ux, uy, nx, ny, _ = _frame(at, toward)
    import random as _r
    rnd = _r.Random(seed)
    edge = []
    for i in range(7):
        t = (i / 6 - 0.5) * 90
        j = rnd.uniform(-2.5, 2.5) + 3.0 * math.sin(i * 1.7)
        edge.append((at[0] + nx * t + ux * j, at[1] + ny * t + uy * j))
    far = [(p[0] - ux * 600, p[1] - uy * 600) for p in (edge[0], edge[-1])]
    keep = shape([far[0]] + edge + [far[1]], 1).buffer(0)
    cut = g.intersection(keep)
    roll = LineString(catmull(edge, 4, closed=False)).buffer(4.0).intersection(g.buffer(flare))
    return union(cut, roll)


# --- hands: drawn finger by finger -------------------------------------------------------------
# A hand is built in a unit frame (wrist at (0, 0), the hand pointing down +y, L = 1 from the
# wrist to the tip of the middle finger, +x the thumb's side) from a palm, four fingers and a
# thumb, then mirrored (`thumb_left`), turned to `angle` (degrees, 90 = straight down on screen)
# and scaled to L px. Every finger is its own tapered limb with a rounded tip, and each one bends
# at its two joints by its own amount, so the tips are staggered and small gaps open between them
# toward the tips: the outline reads as fingers (no mitten) at 1080p, and the rim catches the lit
# edge of each finger, not only the hand's outline. The creases (the lines between the fingers
# where they touch, the knuckles) are returned for the caller to ink.

def _hand_frame(wrist: Pt, angle: float, L: float, thumb_left: bool):
    rot = math.radians(angle - 90)
    c, s = math.cos(rot), math.sin(rot)
    m = -1.0 if thumb_left else 1.0

    def f(p: Pt) -> Pt:
        x, y = p[0] * m * L, p[1] * L
        return (wrist[0] + x * c - y * s, wrist[1] + x * s + y * c)
    return f


def _finger(base: Pt, a0: float, lens: Sequence[float], bends: Sequence[float], w: float) -> tuple[BaseGeometry, list[Pt]]:
    """A finger from its knuckle: three phalanges of `lens`, the direction `a0` (degrees in the
    unit frame, 90 = along the hand) turned by `bends` at the knuckle and the two joints (+ bends
    toward +x); `w` its width at the knuckle. Returns its silhouette and its centre line."""
    pts = [(base[0], base[1] - w * 0.6), base]
    a = a0
    x, y = base
    for ln, b in zip(lens, bends, strict=False):
        a += b
        x += math.cos(math.radians(a)) * ln
        y += math.sin(math.radians(a)) * ln
        pts.append((x, y))
    half = [w * 0.5, w * 0.5, w * 0.46, w * 0.4, w * 0.32]
    g = union(limb(pts, half), Point(pts[-1]).buffer(w * 0.32, 12))
    return g, pts


def _hand(f, fingers, thumb: Sequence[Pt] | None, palm: Sequence[Pt], thumb_w: float = 0.12,
          gaps: bool = True) -> tuple[BaseGeometry, list]:
    """Assemble a hand in the unit frame and place it with `f`. `fingers`: (base, angle, lengths,
    bends, width) for the four, index first."""
    geoms, lines = [shape(palm, 6)], []
    for base, a0, lens, bends, w in fingers:
        g, pts = _finger(base, a0, lens, bends, w)
        geoms.append(g)
        lines.append(pts)
    if thumb is not None:
        n = len(thumb)
        geoms.append(union(limb(thumb, [thumb_w * (0.55 - 0.2 * i / (n - 1)) for i in range(n)]),
                           Point(thumb[-1]).buffer(thumb_w * 0.36, 12)))
    g = union(*geoms)
    g = g.buffer(0.006, 8).buffer(-0.006, 8)
    creases = []
    if gaps:
        # where two fingers lie side by side, a dark line between them from the knuckle to the tip
        for a, b in zip(lines, lines[1:], strict=False):
            k = min(len(a), len(b))
            mid = [((a[i][0] + b[i][0]) / 2, (a[i][1] + b[i][1]) / 2) for i in range(1, k - 1)]
            creases.append(mid)
    poly_pts = [f(p) for p in (g.exterior.coords if isinstance(g, Polygon) else max(polys_of(g), key=lambda q: q.area).exterior.coords)]
    return valid(Polygon(poly_pts)), [[f(p) for p in c] for c in creases]


def polys_of(g: BaseGeometry) -> list[Polygon]:
    return [g] if isinstance(g, Polygon) else [p for p in getattr(g, "geoms", []) if isinstance(p, Polygon)]


# the knuckles (index .. little finger, index on the thumb's side) and the fingers' lengths
KNUCKLES = ((0.16, 0.47), (0.055, 0.5), (-0.055, 0.495), (-0.158, 0.47))
FINGER_LEN = ((0.2, 0.125, 0.1), (0.22, 0.14, 0.105), (0.205, 0.13, 0.1), (0.16, 0.1, 0.085))
FINGER_W = (0.112, 0.116, 0.11, 0.096)
PALM = [(-0.13, 0.0), (-0.17, 0.2), (-0.2, 0.42), (-0.16, 0.5), (-0.05, 0.53), (0.06, 0.53), (0.16, 0.5), (0.2, 0.38),
        (0.18, 0.15), (0.14, 0.0)]


def hand_hanging(wrist: Pt, angle: float, L: float, thumb_left: bool, curl: float = 0.0) -> tuple[BaseGeometry, list]:
    """A relaxed hanging hand seen from the back and a little from the thumb's side: the fingers
    curl a little, the index least and the little finger most (so their tips step back one
    after another), small gaps between them toward the tips, the thumb a separate limb hanging
    in front of the index. `curl` (0..1) bends them further toward the palm (the -x side here,
    which the view foreshortens into a shorter, more hooked finger). Returns (silhouette,
    creases between the fingers)."""
    f = _hand_frame(wrist, angle, L, thumb_left)
    c = 0.4 + curl
    fingers = []
    for i, ((bx, by), lens, w) in enumerate(zip(KNUCKLES, FINGER_LEN, FINGER_W, strict=True)):
        fan = (1.5 - i) * 2.8                    # a slight fan: the index toward the thumb, the little finger away
        k = c * (0.6 + 0.3 * i)                  # the little finger curls most
        fingers.append(((bx, by), 90 - fan, lens, (-6 * k, -16 * k, -14 * k), w))
    thumb = [(0.15, 0.12), (0.25, 0.26), (0.285, 0.42), (0.265, 0.55)]
    return _hand(f, fingers, thumb, PALM, 0.125)


def hand_fist(wrist: Pt, angle: float, L: float, thumb_left: bool) -> tuple[BaseGeometry, list]:
    """A hand closed (on a lever, on a forearm, a loose fist), seen from the back: the row of
    four knuckles, each finger's middle joint folded down under it (four rounded segments side by
    side, the middle one lowest), the thumb lying across the front of the index."""
    f = _hand_frame(wrist, angle, L, thumb_left)
    fingers = []
    for i, ((bx, by), w) in enumerate(zip(KNUCKLES, FINGER_W, strict=True)):
        drop = (0.17, 0.2, 0.19, 0.15)[i]
        # the proximal phalanx points on (foreshortened), the middle one folds back: a short bent segment
        fingers.append(((bx * 0.95, by - 0.02), 90 + (1.5 - i) * 2, (drop, 0.07, 0.0001), (0, 75, 60), w * 1.04))
    thumb = [(0.14, 0.1), (0.22, 0.24), (0.2, 0.4), (0.12, 0.5)]
    g, cs = _hand(f, fingers, thumb, PALM, 0.13)
    # the knuckles' line across the back of the hand
    cs.append([f((0.17, 0.44)), f((0.05, 0.47)), f((-0.06, 0.465)), f((-0.16, 0.44))])
    return g, cs


def hand_on_rail(wrist: Pt, L: float, to_right: bool = True) -> tuple[BaseGeometry, list]:
    """A hand resting palm-down on a rail whose top is at the wrist's level + 0.1 L, seen from
    the side: the back of the hand flat along the rail, the four fingers curling down over its
    far end one beside the other (their tips staggered, so the four read), the thumb along the
    near side."""
    sx = 1 if to_right else -1
    # in screen terms: x along the rail (toward the fingers), y down
    palm = [(-0.02, -0.11), (0.2, -0.13), (0.42, -0.12), (0.5, -0.08), (0.5, 0.08), (0.3, 0.1), (0.0, 0.1)]
    geoms, lines = [shape(palm, 6)], []
    for i in range(4):
        # index nearest the camera (the front, lowest), the little finger behind it and a little back
        base = (0.44 - i * 0.045, -0.1 + i * 0.012)
        w = FINGER_W[i] * (1.05 if i < 3 else 0.95)
        g, pts = _finger(base, 4 - i * 2, FINGER_LEN[i], (0, 58, 48 - i * 4), w)
        geoms.append(g)
        lines.append(pts)
    thumb = [(0.12, 0.04), (0.26, 0.1), (0.38, 0.13)]
    geoms.append(limb(thumb, [0.065, 0.055, 0.045]))
    g = union(*geoms).buffer(0.006, 8).buffer(-0.006, 8)
    g = affinity.scale(g, sx * L, L, origin=(0, 0))
    g = affinity.translate(g, wrist[0], wrist[1])
    creases = [[(wrist[0] + sx * x * L, wrist[1] + y * L) for x, y in
                [((a[k][0] + b[k][0]) / 2, (a[k][1] + b[k][1]) / 2) for k in range(2, 5)]] for a, b in zip(lines, lines[1:], strict=False)]
    return g, creases


def hand_open(wrist: Pt, angle: float, L: float, thumb_left: bool, spread: float = 0.4) -> tuple[BaseGeometry, list]:
    """An open hand, fingers apart (`spread` 0..1), each bent a little at its joints, the thumb
    out to the side. `angle` points the fingers (degrees; -90 = straight up)."""
    f = _hand_frame(wrist, angle, L, thumb_left)
    fingers = []
    for i, ((bx, by), lens, w) in enumerate(zip(KNUCKLES, FINGER_LEN, FINGER_W, strict=True)):
        fan = (1.5 - i) * 9 * (0.4 + spread)
        fingers.append(((bx * 1.05, by), 90 - fan, lens, (0, -6 - 2 * i, -6), w))
    thumb = [(0.13, 0.08), (0.25, 0.18), (0.32 + spread * 0.05, 0.3), (0.36 + spread * 0.08, 0.42)]
    return _hand(f, fingers, thumb, PALM, 0.13, gaps=False)


def trouser_leg(hip: Pt, knee: Pt, ankle: Pt, back: float, hem: float = 18.0, w: Sequence[float] = (34, 30, 22, 21, 24, 16, 18),
                ) -> BaseGeometry:
    """A trouser leg hip -> knee -> ankle that tapers like a leg in cloth: the thigh full, the
    knee narrow, the calf fuller behind, the ankle slim, then the cloth breaking a little wider
    over the shoe. `w`: half-widths at the hip, mid thigh, above the knee, the knee, the calf,
    the ankle and the hem; `back` +1: the back of the leg (seat, calf) is screen-right."""
    wh, wt, wk0, wk, wc, wa, whem = w
    pts = [add(hip, 0, -4), hip, lerp(hip, knee, 0.45), lerp(hip, knee, 0.85), knee, lerp(knee, ankle, 0.3),
           lerp(knee, ankle, 0.72), ankle, add(ankle, 0, hem)]
    rear = [wh * 0.72, wh + 1.5, wt, wk0, wk, wc + 3, wa + 1.5, wa, whem]
    front = [wh * 0.72, wh, wt - 1.5, wk0, wk - 0.5, wc - 3, wa, wa + 0.5, whem + 1.5]
    lw, rw = (rear, front) if back > 0 else (front, rear)
    return limb(pts, lw, rw, n=8)


def shoe(ankle: Pt, ground: float, toe: float, k: float = 1.0, size: float = 1.0) -> BaseGeometry:
    """A shoe planted on the floor (sole flat at `ground`): the heel block, the instep sloping to
    a rounded toe that lifts a hair off the floor. `toe` -1 points it left, +1 right; `k`
    foreshortens the toe (a foot turned toward the camera)."""
    s, z = toe, size
    h = ground - ankle[1]
    pts = [(-13 * z, -20), (12 * z, -20), (17 * z, -4), (32 * z, 6), (48 * z, h * 0.45), (60 * z, h * 0.62), (64 * z, h - 8),
           (60 * z, h - 1.5), (40 * z, h), (-8 * z, h), (-19 * z, h - 1), (-20 * z, h - 12), (-17 * z, 4)]
    pts = [(ankle[0] + (x * s * k if x > 0 else x * s), ankle[1] + y) for x, y in pts]
    return shape(pts, 5)


def occluders(parts: Sequence[Part], i: int) -> BaseGeometry:
    """Everything in the figure that can stand between part i's edge and the light: every other
    part (not the part itself, not its own lock of hair, not the ground)."""
    p = parts[i]
    grp = p.rim_group
    return union(*[q.geom for j, q in enumerate(parts) if j != i and q.name != "ground"
                   and not (grp is not None and q.rim_group is grp)])


def rim_backlit(ink: Ink, parts: Sequence[Part], light: Pt = (-1.0, -0.35), scale: float = 1.0, strength: float = 1.0,
                seed: int = 7) -> None:
    """The rim layer of a backlit figure: a thin line only on the edges that face the light,
    graded by how squarely they face it, broken along its length, and dark where the figure
    itself stands between the edge and the light (the inner edges of the legs, a torso edge under
    a hanging arm, an arm lying over the chest). `light` points toward the source."""
    import random as _r
    ln = math.hypot(*light) or 1.0
    lx, ly = light[0] / ln, light[1] / ln
    rnd = _r.Random(seed)
    everything = union(*[p.geom for p in parts if p.name != "ground"])
    minx, miny, maxx, maxy = everything.bounds if not everything.is_empty else (0, 0, 1, 1)
    # where the rim dims along its length: soft patches (the cloth turning, a fold catching less)
    patches = union(*[ellipse(rnd.uniform(minx, maxx), rnd.uniform(miny, maxy), rnd.uniform(10, 22), rnd.uniform(24, 60),
                              rnd.uniform(-25, 25)) for _ in range(int((maxx - minx) * (maxy - miny) / 4000))])
    # the line's weight: where a swell lies the rim is drawn with pressure (its wide steps at full),
    # elsewhere it thins to its core, so the edge swells and tapers like an inked line
    swells = union(*[ellipse(rnd.uniform(minx, maxx), rnd.uniform(miny, maxy), rnd.uniform(18, 34), rnd.uniform(40, 90),
                             rnd.uniform(-30, 30)) for _ in range(int((maxx - minx) * (maxy - miny) / 9000))])
    for i, p in enumerate(parts):
        s = (p.mat.rim if p.rim is None else p.rim) * strength
        if p.name == "ground" or (s <= 0 and p.inner_rim <= 0):
            continue
        g = p.geom
        front = union(*[q.geom for q in parts[i + 1:]]) if i + 1 < len(parts) else EMPTY
        occ = occluders(parts, i)
        # shadow: a ray from the edge toward the light meets the figure within `near` px / further
        near = union(*[shift(occ, -lx * t, -ly * t) for t in (1.5, 4, 8, 13, 19, 26, 32)]) if not occ.is_empty else EMPTY
        far = union(*[shift(occ, -lx * t, -ly * t) for t in (40, 50, 62, 76)]) if not occ.is_empty else EMPTY
        rg = p.rim_group if p.rim_group is not None else g
        wk = p.mat.rim_width * scale
        for d, op in RIM_PROFILE:
            dd = d * wk
            cres = rg.difference(rg.buffer(-dd, 16)).intersection(rg.difference(shift(rg, -lx * dd * 1.5, -ly * dd * 1.5)))
            if p.rim_group is not None:
                cres = cres.intersection(g)
            if not front.is_empty:
                cres = cres.difference(front)
            if cres.is_empty:
                continue
            shade_n = cres.intersection(near) if not near.is_empty else EMPTY
            rest = cres.difference(near) if not near.is_empty else cres
            shade_f = rest.intersection(far) if not far.is_empty else EMPTY
            lit = rest.difference(far) if not far.is_empty else rest
            thin = d > 2.0 * p.mat.rim_width    # the wide steps: only under a swell
            for geom, k in ((lit, 1.0), (shade_f, 0.12), (shade_n, p.inner_rim * 0.2)):
                if geom.is_empty or k <= 0:
                    continue
                if thin:
                    geom = geom.intersection(swells)
                    if geom.is_empty:
                        continue
                dim = geom.intersection(patches)
                ink.fill(geom.difference(patches), WHITE, op * s * k)
                ink.fill(dim, WHITE, op * s * k * 0.3)
        vis = g.difference(front) if not front.is_empty else g
        if p.rim_folds and strength >= 0.5 and s > 0:
            # the ridges of the cloth's folds catch the backlight: bright near the lit edge, where
            # the cloth turns toward the glass, faint further in, nothing in the figure's own shadow
            bands = []
            prev = EMPTY
            for dist, k in ((35, 0.5), (70, 0.24)):
                b = vis.intersection(g.difference(shift(g, -lx * dist, -ly * dist)))
                bands.append((b.difference(prev), k))
                prev = b
            rest = vis.difference(prev)
            bands.append((rest.difference(near) if not near.is_empty else rest, 0.07))
            for f in p.rim_folds:
                pts, w = f[0], f[1]
                kf = f[2] if len(f) > 2 else 1.0       # a fold's own strength (small folds on a sleeve: less)
                n = len(pts)
                ws = [w * 0.38 * (0.15 + 0.85 * math.sin(math.pi * (i + 0.5) / n)) for i in range(n)]
                ridge = ribbon([(x + lx * w * 0.9, y + ly * w * 0.9) for x, y in pts], ws)
                for b, k in bands:
                    ink.fill(ridge, WHITE, k * s * kf, b)
        if strength < 0.5 or not p.rim_details:
            continue     # a fill light gives no lit strands or glints
        # the part's own details (lit strands, a catchlight) only in the band that faces the light
        band = g.difference(shift(g, -lx * 30, -ly * 30)).buffer(2)
        for fn in p.rim_details:
            fn(ink, p, vis.intersection(band))


def shoulder_line(neck: Pt, sh: Pt, side: float) -> list[Pt]:
    """The top contour of one shoulder, shared by the torso and the arm so they read as one
    form: from the side of the neck down the trapezius to the acromion, then over the deltoid
    and down its outer side. `side` -1: the screen-left shoulder, +1: the screen-right one."""
    # the trapezius leaves the neck high and falls in a long slope (a hollow near the neck), the
    # deltoid rounds off below the acromion: a sloping shoulder, never a square pad
    # the deltoid is a long curve from the acromion down the arm's outer side, not a corner
    n = (neck[0] + side * 18, neck[1] - 22)
    a = (sh[0] - side * 3, sh[1] - 4)
    m = (n[0] + (a[0] - n[0]) * 0.45, n[1] + (a[1] - n[1]) * 0.62)
    return [n, m, a, (sh[0] + side * 14, sh[1] + 5), (sh[0] + side * 22, sh[1] + 22), (sh[0] + side * 26, sh[1] + 46)]


def clip_to_shoulder(g: BaseGeometry, neck: Pt, sh: Pt) -> BaseGeometry:
    """An arm (its deltoid) cut below the shoulder's top contour: the cap can never rise above
    the torso's shoulder line, so the arm does not look attached."""
    side = -1.0 if sh[0] < neck[0] else 1.0
    line = shoulder_line(neck, sh, side)
    curve = catmull(line, 6, closed=False)
    o2 = line[-1]
    # only what rises above the shoulder between the neck and the deltoid's outer side is cut:
    # a forearm raised beside the shoulder (arm_raised) stays whole
    pts = [(line[0][0] - side * 60, line[0][1] + 6)] + curve + [(o2[0] + side * 4, o2[1]), (o2[0] + side * 4, -2000),
                                                               (o2[0] + side * 600, -2000), (o2[0] + side * 600, 2000),
                                                               (line[0][0] - side * 60, 2000)]
    cut = g.intersection(Polygon(pts).buffer(0))
    return cut.buffer(-3).buffer(3) if not cut.is_empty else cut
