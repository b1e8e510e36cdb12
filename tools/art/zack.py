"""Zack: the sprite's SVG layers and zack.yaml.

A young SOLDIER, broad-shouldered, turned three-quarters toward the LEFT (toward Sephiroth and the
glass), backlit: black spiky hair, a dark shirt torn at the right sleeve and the collar, dark
trousers, boots. His right arm is hurt: in `hurt` and `scared` he holds it against his chest,
cradled by his left hand. Canvas 720 x 964 (the spikes need headroom), feet at the bottom centre.
"""
from __future__ import annotations

import math
import os
import random
from dataclasses import replace

from figkit import (
    Ink,
    Mat,
    Part,
    ellipse,
    hand,
    paint_parts,
    poly,
    ribbon,
    rim_parts,
    shape,
    shift,
    soft_spot,
    union,
)
from shapely import affinity
from shapely.geometry import Point, box

W, H = 720, 964
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "sprites")

SKIN = Mat((58, 45, 43), (92, 72, 66), (29, 22, 23), rim=0.8, rim_width=1.35)
SWOLLEN = Mat((60, 38, 40), (90, 60, 58), (30, 18, 21), rim=0.8, rim_width=1.35)
HAIR = Mat((20, 20, 28), (52, 56, 74), (9, 9, 14), rim=1.0, sheen=0.6, rim_width=1.4)
SHIRT = Mat((29, 31, 41), (54, 58, 74), (14, 15, 21), rim=0.7, rim_width=1.35)
SHIRT_FAR = Mat((24, 26, 35), (44, 48, 62), (12, 13, 18), rim=0.45)
TROUSERS = Mat((25, 25, 32), (50, 50, 62), (12, 12, 16), rim=0.6, rim_width=1.35)
BOOT = Mat((18, 17, 20), (46, 44, 50), (8, 8, 10), rim=0.5, sheen=0.4)
BELT = Mat((24, 19, 17), (52, 44, 38), (11, 9, 8), rim=0.4)

SKIN_SH = (20, 14, 16)
CLOTH_SH = (9, 10, 14)
EYE = (70, 132, 196)
HAIR_HI = (70, 76, 98)


def flipx(pts, cx: float = 360.0):
    return [(2 * cx - x, y) for x, y in pts]


# ================================================================================ head (3/4 left)
def head_parts(mood: str = "hurt", tilt: float = 0.0, seed: int = 3) -> list[Part]:
    """Face, near ear and the spiky hair. `mood`: hurt (brows drawn, mouth tight), scared (eyes
    wide, brows up, lips parted), resolute (level brows, chin up), easy (dawn: a loose half smile).
    `tilt` rotates the head about the neck (degrees, + = chin up toward the left)."""
    piv = (352, 176)
    face = shape([(384, 86), (356, 74), (330, 78), (314, 94), (308, 110), (310, 120), (305, 134), (309, 150), (318, 164),
                  (330, 174), (344, 178), (362, 170), (380, 154), (388, 132), (390, 106)], 8)
    ear = shape([(380, 118), (390, 112), (398, 120), (398, 138), (392, 150), (384, 148)], 5)
    E = [(350, 123), (320, 123)]   # near eye (his left), far eye
    wide = mood == "scared"

    def fd(ink: Ink, p: Part) -> None:
        c = p.geom
        # the face turned toward the window: its front catches a little; the near cheek falls away
        ink.lin(box(0, 0, W, H), (306, 0), (392, 0), [(0, SKIN.lit, 0.0), (0.35, SKIN_SH, 0.0), (1, SKIN_SH, 0.6)], c)
        brow_y = {"hurt": 112, "scared": 106, "resolute": 111, "easy": 110}[mood]
        inner = {"hurt": 4, "scared": -3, "resolute": 1, "easy": 0}[mood]  # + = inner ends drawn down
        for (ex, ey), sc in ((E[0], 1.0), (E[1], 0.75)):
            ink.soft(ellipse(ex, ey + 1, 13 * sc, 7), SKIN_SH, 0.55, 3.5, c)
        ink.stroke([(334, brow_y + inner), (348, brow_y - 2), (364, brow_y + 1)], 5, 3, (16, 12, 14), 0.85, c, soft=1.2)
        ink.stroke([(326, brow_y + inner), (316, brow_y - 1), (308, brow_y + 2)], 4, 2.4, (16, 12, 14), 0.85, c, soft=1.0)
        for (ex, ey), sc in ((E[0], 1.0), (E[1], 0.72)):
            h = 4.6 if wide else 3.2
            almond = shape([(ex - 9 * sc, ey + 0.5), (ex - 3 * sc, ey - h), (ex + 6 * sc, ey - h * 0.7), (ex + 9 * sc, ey + 0.5),
                            (ex + 1 * sc, ey + h * 0.8)], 6)
            ink.fill(almond, (22, 20, 26), 0.95, c)
            if wide:
                ink.fill(almond.buffer(-0.8), (64, 60, 66), 0.9, c)
            ink.fill(ellipse(ex - 1.5 * sc, ey, 3.6 * sc, 3.4 if not wide else 3.0), EYE, 1.0, almond)
            ink.fill(ellipse(ex - 1.5 * sc, ey, 1.5 * sc, 1.5), (8, 10, 14), 1.0, almond)
            ink.stroke([(ex - 9.5 * sc, ey + 0.3), (ex - 2 * sc, ey - h - 0.4), (ex + 9.5 * sc, ey - 0.4)], 1.8, 1.0, (10, 8, 10), 0.9, c)
        # nose toward the left: its shadowed near side, the tip, the nostril
        ink.stroke([(334, 126), (330, 138), (324, 147)], 6, 8, SKIN_SH, 0.45, c, soft=3)
        ink.soft(ellipse(326, 151, 6, 2.2, 10), SKIN_SH, 0.7, 1.2, c)
        # mouth
        if mood == "scared":
            ink.fill(shape([(318, 162), (330, 160), (340, 163), (330, 167)], 5), (16, 10, 12), 0.9, c)
        elif mood == "easy":
            ink.stroke([(318, 162), (330, 163), (342, 160)], 2.0, 1.2, (20, 14, 16), 0.85, c)
        else:
            ink.stroke([(318, 162), (330, 161.5), (342, 162.5)], 2.0, 1.4, (20, 14, 16), 0.9, c)
        ink.soft(ellipse(330, 168, 8, 2.4), SKIN_SH, 0.35, 1.2, c)
        # cheekbone and jaw: the near side in shadow, the jaw line under it
        ink.stroke([(368, 128), (372, 146), (366, 162)], 14, 8, SKIN_SH, 0.35, c, soft=5)
        ink.stroke([(322, 172), (344, 178), (366, 170)], 8, 5, SKIN_SH, 0.4, c, soft=3)
        if mood == "hurt":   # a bruise on the far cheekbone
            ink.soft(ellipse(312, 138, 5, 7), (40, 18, 26), 0.35, 3, c)

    def frd(ink: Ink, p: Part, vis) -> None:
        # the profile of his face catches the window: brow, nose, lips and chin
        ink.stroke([(309, 108), (307, 122), (305, 134), (308, 150), (318, 164), (330, 174)], 2.0, 1.0, (255, 255, 255), 0.35, vis, soft=1.0)
        for (ex, ey), sc in ((E[0], 1.0), (E[1], 0.72)):
            ink.fill(ellipse(ex - 3 * sc, ey - 1.2, 1.1 * sc, 0.9), (255, 255, 255), 0.9, vis)
            ink.fill(ellipse(ex - 1.5 * sc, ey + 0.8, 2.6 * sc, 1.5), (255, 255, 255), 0.16, vis)

    def ed(ink: Ink, p: Part) -> None:
        ink.stroke([(388, 122), (392, 130), (390, 142)], 3, 2, SKIN_SH, 0.7, p.geom, soft=1.2)
    parts = [Part("ear", ear, SKIN, details=[ed], rim=0.3, shade=0.6),
             Part("face", face, SKIN, details=[fd], rim_details=[frd], rim=0.9, inner_rim=0.0, shade=0.5)]
    parts += hair_parts(seed)
    # the head is drawn at 1.12x about the chin and set a little lower (a shorter, thicker neck)
    sc, piv0 = 1.12, (350, 176)
    for p in parts:
        p.geom = affinity.translate(affinity.scale(p.geom, sc, sc, origin=piv0), 0, 6)
        p.details = [_xf(fn, sc, piv0) for fn in p.details]
        p.rim_details = [_xf_rim(fn, sc, piv0) for fn in p.rim_details]
    if tilt:
        for p in parts:
            p.geom = affinity.rotate(p.geom, tilt, origin=piv)
        # details are painted in unrotated coordinates: wrap them
        for p in parts:
            p.details = [_rot(fn, tilt, piv) for fn in p.details]
            p.rim_details = [_rot_rim(fn, tilt, piv) for fn in p.rim_details]
    return parts


class _XfInk:
    """An Ink that scales (about a pivot) and moves down 6 px every shape it is given."""

    def __init__(self, ink, sc: float, piv) -> None:
        self.ink, self.sc, self.piv = ink, sc, piv

    def _r(self, g):
        return affinity.translate(affinity.scale(g, self.sc, self.sc, origin=self.piv), 0, 6)

    def _p(self, c):
        return (self.piv[0] + (c[0] - self.piv[0]) * self.sc, self.piv[1] + (c[1] - self.piv[1]) * self.sc + 6)

    def fill(self, g, col, op=1.0, clip=None):
        self.ink.fill(self._r(g), col, op, clip)

    def soft(self, g, col, op, r, clip=None, steps=5, inner=False):
        self.ink.soft(self._r(g), col, op, r * self.sc, clip, steps, inner)

    def lin(self, g, p0, p1, stops, clip=None, op=1.0):
        self.ink.lin(self._r(g), self._p(p0), self._p(p1), stops, clip, op)

    def rad(self, g, c, r, stops, clip=None, sx=1.0, sy=1.0, rot=0.0):
        self.ink.rad(self._r(g), self._p(c), r * self.sc, stops, clip, sx, sy, rot)

    def stroke(self, pts, w0, w1, col, op=1.0, clip=None, soft=0.0):
        if soft > 0:
            n = len(pts)
            ws = [(w0 + (w1 - w0) * i / (n - 1)) for i in range(n)]
            ws[0] *= 0.2
            ws[-1] *= 0.2
            self.ink.soft(self._r(ribbon(pts, ws)), col, op, soft * self.sc, clip, steps=5)
        else:
            self.ink.fill(self._r(ribbon(pts, (w0, w1))), col, op, clip)


def _xf(fn, sc, piv):
    return lambda ink, p: fn(_XfInk(ink, sc, piv), p)


def _xf_rim(fn, sc, piv):
    return lambda ink, p, vis: fn(_XfInk(ink, sc, piv), p, vis)


class _RotInk:
    """An Ink that rotates every shape it is given about a pivot before painting it."""

    def __init__(self, ink: Ink, ang: float, piv) -> None:
        self.ink, self.ang, self.piv = ink, ang, piv

    def _r(self, g):
        return affinity.rotate(g, self.ang, origin=self.piv)

    def fill(self, g, col, op=1.0, clip=None):
        self.ink.fill(self._r(g), col, op, clip)

    def soft(self, g, col, op, r, clip=None, steps=5, inner=False):
        self.ink.soft(self._r(g), col, op, r, clip, steps, inner)

    def lin(self, g, p0, p1, stops, clip=None, op=1.0):
        self.ink.lin(self._r(g), p0, p1, stops, clip, op)

    def rad(self, g, c, r, stops, clip=None, sx=1.0, sy=1.0, rot=0.0):
        cc = affinity.rotate(Point(c), self.ang, origin=self.piv).coords[0]
        self.ink.rad(self._r(g), cc, r, stops, clip, sx, sy, rot)

    def stroke(self, pts, w0, w1, col, op=1.0, clip=None, soft=0.0):
        if soft > 0:
            n = len(pts)
            ws = [(w0 + (w1 - w0) * i / (n - 1)) for i in range(n)]
            ws[0] *= 0.2
            ws[-1] *= 0.2
            self.ink.soft(self._r(ribbon(pts, ws)), col, op, soft, clip, steps=5)
        else:
            self.ink.fill(self._r(ribbon(pts, (w0, w1))), col, op, clip)


def _rot(fn, ang, piv):
    return lambda ink, p: fn(_RotInk(ink, ang, piv), p)


def _rot_rim(fn, ang, piv):
    return lambda ink, p, vis: fn(_RotInk(ink, ang, piv), p, vis)


def hair_parts(seed: int) -> list[Part]:
    """Black spikes swept up and back from the crown, a few falling forward over the brow."""
    rnd = random.Random(seed)
    cap = shape([(306, 104), (310, 82), (328, 64), (356, 56), (384, 62), (398, 80), (402, 104), (396, 120), (388, 106),
                 (372, 92), (344, 88), (322, 96), (314, 112)], 8)
    root = (360, 78)
    spikes = []
    # (angle from straight up, degrees; + toward the back = screen right), length, base width
    for ang, ln, wd in ((-24, 44, 30), (-2, 58, 34), (18, 70, 36), (38, 80, 38), (56, 84, 38), (74, 80, 36),
                        (92, 72, 34), (110, 60, 30), (128, 46, 26), (10, 48, 24), (48, 60, 26), (84, 56, 24), (140, 34, 22)):
        a = math.radians(ang + rnd.uniform(-5, 5))
        r0 = (root[0] + math.sin(a) * 22, root[1] - math.cos(a) * 18)
        bend = math.radians(ang + 22)
        mid = (r0[0] + math.sin(a) * ln * 0.5, r0[1] - math.cos(a) * ln * 0.5)
        tip = (mid[0] + math.sin(bend) * ln * 0.55, mid[1] - math.cos(bend) * ln * 0.55)
        spikes.append(ribbon([r0, mid, tip], [wd, wd * 0.55, 1.0]))
    bangs = [ribbon([(330, 70), (318, 86), (310, 104), (308, 120)], [22, 16, 8, 1.0]),
             ribbon([(346, 70), (338, 90), (334, 110), (336, 124)], [18, 13, 6, 1.0]),
             ribbon([(322, 76), (306, 92), (296, 108)], [16, 9, 1.0])]
    geom = union(cap, *spikes, *bangs)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        for sp in spikes + bangs:
            # each spike: a sheen along its upper (window) edge, its underside dark
            ink.fill(sp.difference(shift(sp, 3, 2)), HAIR_HI, 0.3, c)
            ink.fill(sp.difference(shift(sp, -6, -3)), CLOTH_SH, 0.55, c)

    def rd(ink: Ink, p: Part, vis) -> None:
        for sp in spikes[:5] + bangs[:2]:
            ink.fill(sp.difference(shift(sp, 1.4, 2.0)), (255, 255, 255), 0.16, vis)
    return [Part("hair", geom, HAIR, details=[d], rim_details=[rd], rim=1.0, inner_rim=0.25, shade=0.6)]


# ================================================================================ body
def neck_part() -> Part:
    """The neck and the top of the chest, seen in the henley's open neckline."""
    g = shape([(338, 166), (362, 170), (384, 152), (392, 178), (402, 204), (398, 220), (374, 234), (352, 242), (334, 228),
               (328, 208), (334, 190)], 5)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        soft_spot(ink, (358, 182), 34, 14, SKIN_SH, 0.85, c)                                  # under the jaw
        ink.stroke([(384, 162), (374, 192), (358, 220)], 9, 6, SKIN_SH, 0.4, c, soft=3)       # the neck's muscle
        ink.stroke([(336, 214), (350, 222), (356, 226)], 4, 2, SKIN.lit, 0.35, c, soft=1.5)   # collarbones
        ink.stroke([(362, 224), (380, 216), (400, 212)], 4, 2, SKIN_SH, 0.5, c, soft=1.5)
        ink.soft(ellipse(356, 236, 10, 8), SKIN_SH, 0.6, 3, c)                                # the pit of the neck
    return Part("neck", g, SKIN, details=[d], rim=0.7, shade=0.7)


# the shirt: square shoulders (the deltoids belong to the arms), the chest, a waist narrower than it
TORSO = [(326, 204), (334, 212), (344, 224), (352, 234), (362, 226), (380, 214), (402, 204), (428, 208), (446, 216),
         (456, 234), (458, 270), (458, 310), (452, 360), (446, 410), (442, 460), (442, 506), (372, 514), (304, 506),
         (302, 460), (296, 410), (288, 360), (282, 310), (280, 270), (284, 240), (294, 218), (308, 208)]


def _shirt_folds(ink: Ink, c, back: bool = False) -> None:
    """Cloth, not a box: the chest plane lit from the left, pulls from the armpits, the cloth
    gathered over the belt."""
    ink.stroke([(284, 240), (280, 320), (290, 420), (300, 490)], 16, 10, SHIRT.lit, 0.35, c, soft=6)   # the lit flank
    ink.stroke([(296, 232), (330, 228), (352, 240)], 10, 6, SHIRT.lit, 0.3, c, soft=4)                  # top of the chest
    if not back:
        ink.stroke([(290, 318), (322, 332), (352, 330)], 14, 10, CLOTH_SH, 0.45, c, soft=6)   # under the chest
        ink.stroke([(366, 330), (408, 334), (446, 314)], 16, 10, CLOTH_SH, 0.55, c, soft=6)
        ink.stroke([(356, 250), (360, 330), (364, 420)], 8, 6, CLOTH_SH, 0.3, c, soft=4)      # the breastbone's hollow
    for a, b, w in (((452, 286), (388, 372), 7), ((448, 320), (396, 410), 6), ((286, 292), (330, 380), 6),
                    ((292, 340), (322, 420), 5)):
        ink.stroke([a, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 6), b], w, 2, CLOTH_SH, 0.45, c, soft=3)       # pulls
        ink.stroke([(a[0] - 6, a[1] + 6), ((a[0] + b[0]) / 2 - 6, (a[1] + b[1]) / 2 + 12), (b[0] - 6, b[1] + 4)],
                   w * 0.6, 1, SHIRT.lit, 0.22, c, soft=2)
    for y, x0, x1 in ((466, 300, 360), (480, 380, 442), (490, 304, 352), (470, 400, 440)):  # gathered over the belt
        ink.stroke([(x0, y), ((x0 + x1) / 2, y + 6), (x1, y - 2)], 6, 4, CLOTH_SH, 0.5, c, soft=2.5)
        ink.stroke([(x0 + 2, y - 6), ((x0 + x1) / 2, y), (x1, y - 8)], 3, 2, SHIRT.lit, 0.25, c, soft=1.5)
    ink.stroke([(456, 240), (452, 330), (444, 440)], 16, 12, CLOTH_SH, 0.5, c, soft=6)        # the far side in shadow


def torso_parts(torn: bool = True) -> list[Part]:
    g = shape(TORSO, 6)
    # the henley's neckband along the neckline, and its placket, the top buttons gone
    band = ribbon([(322, 200), (334, 214), (346, 228), (352, 236), (364, 228), (382, 216), (404, 206), (412, 204)], 7)
    if torn:   # the band ripped open over the near collarbone
        band = band.difference(shape([(392, 200), (404, 204), (410, 216), (398, 218)], 4))
    placket = union(ribbon([(348, 234), (352, 270), (356, 306)], 10), ribbon([(356, 232), (362, 252)], 6))

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        _shirt_folds(ink, c)
        if torn:
            t1 = shape([(394, 212), (408, 214), (418, 230), (414, 244), (402, 236), (398, 224)], 4)
            ink.fill(t1, SKIN.base, 1.0, c)
            ink.fill(t1.difference(shift(t1, 2, 2)), SKIN_SH, 0.7, c)
            t2 = shape([(276, 392), (288, 398), (296, 416), (284, 412)], 4)
            ink.fill(t2, SKIN.dark, 1.0, c)
            for pts in ([(394, 216), (388, 232)], [(418, 232), (426, 246)], [(404, 242), (400, 256)]):
                ink.stroke(pts, 1.4, 0.4, (60, 64, 80), 0.6, c)

    def bd(ink: Ink, p: Part) -> None:
        ink.lin(box(0, 0, W, H), (322, 0), (412, 0), [(0, SHIRT.lit, 0.4), (0.5, SHIRT.base, 0.0), (1, CLOTH_SH, 0.4)], p.geom)

    def pd(ink: Ink, p: Part) -> None:
        ink.stroke([(354, 236), (358, 270), (361, 306)], 1.6, 1.2, CLOTH_SH, 0.7, p.geom)
        for y in (262, 288):
            ink.fill(ellipse(352 + (y - 236) * 0.1, y, 2.6, 2.4), (60, 58, 62), 0.9)
    return [Part("torso", g, SHIRT, details=[d], rim=0.7, inner_rim=0.2),
            Part("placket", placket, SHIRT, details=[pd], rim=0.2, inner_rim=0.15, shade=0.3),
            Part("neckband", band, SHIRT, details=[bd], rim=0.3, inner_rim=0.12, shade=0.3)]


def belt_part() -> Part:
    g = poly([(296, 494), (448, 492), (448, 512), (296, 514)])

    def d(ink: Ink, p: Part) -> None:
        ink.fill(box(322, 496, 348, 512), (70, 66, 62), 0.9)
        ink.fill(box(326, 499, 344, 509), (14, 12, 12), 1.0)
        ink.stroke([(323, 497), (323, 511)], 1.4, 1.4, (150, 146, 140), 0.6)
        ink.stroke([(296, 495), (448, 493)], 1.2, 1.2, BELT.lit, 0.5)
    return Part("belt", g, BELT, details=[d], rim=0.4)


def legs_parts() -> list[Part]:
    """Braced, feet apart: the far leg straight under his weight, the near knee a little bent and
    its foot turned out; the trousers bunch over the boots."""
    far = shape([(300, 504), (372, 512), (364, 530), (352, 580), (342, 640), (337, 700), (336, 730), (338, 780), (336, 840),
                 (336, 880), (340, 904), (292, 906), (294, 880), (292, 830), (288, 770), (290, 716), (286, 660), (284, 600),
                 (290, 540)], 6)
    near = shape([(372, 506), (446, 502), (458, 560), (460, 620), (450, 700), (452, 760), (448, 830), (446, 880), (450, 906),
                  (398, 908), (400, 880), (398, 850), (394, 780), (394, 710), (388, 600), (378, 540)], 6)

    def fd(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(292, 540), (288, 620), (294, 716), (294, 800), (298, 890)], 8, 6, TROUSERS.lit, 0.45, c, soft=4)
        ink.stroke([(294, 706), (314, 716), (336, 706)], 8, 5, CLOTH_SH, 0.5, c, soft=3)     # over the knee
        ink.stroke([(298, 736), (318, 730), (336, 742)], 6, 4, CLOTH_SH, 0.3, c, soft=2.5)
        ink.stroke([(358, 540), (346, 620), (340, 700)], 16, 10, CLOTH_SH, 0.45, c, soft=6)   # inner thigh
        ink.stroke([(318, 560), (314, 620)], 6, 4, CLOTH_SH, 0.3, c, soft=3)
        for y in (866, 884):
            ink.stroke([(296, y), (316, y + 8), (336, y - 2)], 5, 4, CLOTH_SH, 0.45, c, soft=2.5)  # bunched over the boot

    def nd(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(386, 540), (394, 640), (398, 720), (402, 900)], 16, 12, CLOTH_SH, 0.45, c, soft=6)
        ink.stroke([(414, 560), (420, 650), (416, 740), (418, 880)], 7, 5, TROUSERS.lit, 0.3, c, soft=3)
        ink.stroke([(402, 696), (426, 710), (450, 698)], 8, 5, CLOTH_SH, 0.5, c, soft=3)
        ink.stroke([(398, 560), (420, 590), (446, 600)], 7, 5, CLOTH_SH, 0.3, c, soft=3)     # a fold from the crotch
        for y in (868, 886):
            ink.stroke([(400, y), (422, y + 8), (446, y - 2)], 5, 4, CLOTH_SH, 0.45, c, soft=2.5)
        ink.stroke([(376, 512), (372, 540), (362, 556)], 2, 1.4, CLOTH_SH, 0.6, c)
    bf = shape([(292, 896), (338, 896), (342, 920), (340, 952), (262, 956), (252, 948), (262, 936), (290, 926)], 5)
    bn = shape([(398, 900), (450, 900), (456, 922), (470, 944), (472, 958), (396, 960), (392, 940)], 5)

    def bd(ink: Ink, p: Part) -> None:
        ink.fill(box(0, 946, W, 964), (8, 8, 9), 0.85, p.geom)
        x0, y0, x1, y1 = p.geom.bounds
        ink.stroke([(x0 + 10, 940), (x0 + 30, 932), (x1 - 12, 930)], 3, 2, BOOT.lit, 0.4, p.geom, soft=1.5)
    ground = Part("ground", ellipse(352, 958, 124, 9), Mat((4, 4, 6), (4, 4, 6), (4, 4, 6), rim=0.0), shade=0.0, inner_rim=0.0)
    return [ground, Part("boot_far", bf, BOOT, details=[bd], rim=0.6), Part("leg_far", far, TROUSERS, details=[fd], inner_rim=0.15),
            Part("boot_near", bn, BOOT, details=[bd], rim=0.3), Part("leg_near", near, TROUSERS, details=[nd], rim=0.35, inner_rim=0.15)]


# ================================================================================ arms
def hand_part(name, wrist, angle, L, curl, thumb, mat=SKIN, spread=0.2, rim=0.8, width=1.0, thumb_out=0.0) -> Part:
    g, gaps = hand(wrist, angle, L, curl, thumb, spread, width, thumb_out)

    def d(ink: Ink, p: Part) -> None:
        for gp in gaps:
            ink.stroke(gp, 1.8, 0.8, SKIN_SH, 0.7, p.geom)
        soft_spot(ink, (wrist[0], wrist[1] + 4), L * 0.3, L * 0.12, SKIN_SH, 0.5, p.geom)
    return Part(name, g, mat, details=[d], rim=rim, shade=0.9)


def _off(pts, k: float):
    """The centre line moved sideways by k (+: to the right of the direction of travel)."""
    out = []
    for i, (x, y) in enumerate(pts):
        a, b = pts[max(0, i - 1)], pts[min(len(pts) - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        out.append((x - dy / n * k, y + dx / n * k))
    return out


def _beyond(cut, toward, far: float = 500.0):
    """The region on the `toward` side of the cut line (a list of points across a limb)."""
    (ax, ay), (bx, by) = cut[0], cut[-1]
    L = math.hypot(bx - ax, by - ay) or 1.0
    ux, uy = (bx - ax) / L, (by - ay) / L
    nx, ny = -uy, ux
    mx, my = (ax + bx) / 2, (ay + by) / 2
    if (toward[0] - mx) * nx + (toward[1] - my) * ny < 0:
        nx, ny = -nx, -ny
    a0, b0 = (ax - ux * 80, ay - uy * 80), (bx + ux * 80, by + uy * 80)
    return poly([a0, *cut, b0, (b0[0] + nx * far, b0[1] + ny * far), (a0[0] + nx * far, a0[1] + ny * far)])


def _ragged(p0, p1, n: int, amp: float, seed: int):
    rnd = random.Random(seed)
    return [(p0[0] + (p1[0] - p0[0]) * i / n + rnd.uniform(-amp, amp) * 0.4,
             p0[1] + (p1[1] - p0[1]) * i / n + (amp if i % 2 else -amp) * rnd.uniform(0.4, 1.0)) for i in range(n + 1)]


def arm_parts(name: str, delt, upper, fore, cut, sleeve_mat: Mat, skin_mat: Mat, torn: bool, rim: float = 0.9,
              inner_rim: float = 0.3, seed: int = 1) -> list[Part]:
    """An arm in a sleeve: `delt` (cx, cy, rx, ry, rot) the shoulder's cap; `upper` and `fore` (centre
    points, widths): the upper arm (its biceps a little fuller than the deltoid's insertion) and the
    forearm (full below the elbow, narrow at the wrist). The sleeve ends at `cut` (two points across
    the arm): torn and ragged, or pushed up and bunched. Returns [forearm skin, sleeve] (the bare
    skin under the sleeve's hem) — or, when the cut is on the upper arm, upper skin too."""
    up_g = union(ellipse(*delt), ribbon(upper[0], upper[1], caps=True))
    fo_g = ribbon(fore[0], fore[1], caps=True)
    arm = union(up_g, fo_g)
    if torn:
        line = _ragged(cut[0], cut[1], 7, 5.0, seed)
    else:
        line = [cut[0], cut[1]]
    region = _beyond(line, delt[:2])
    sleeve = arm.intersection(region)
    if not torn:   # pushed up: the cloth bunches a little wider than the arm just above the hem
        mid = ((cut[0][0] + cut[1][0]) / 2, (cut[0][1] + cut[1][1]) / 2)
        sleeve = union(sleeve, arm.buffer(3.5).intersection(region).intersection(Point(mid).buffer(34)))
    skin = arm.difference(region)
    upts, uw = upper
    fpts, fw = fore

    def sd(ink: Ink, p: Part) -> None:
        c = p.geom
        # the deltoid's round and the dip under it; the far side of the sleeve in shadow; folds at the elbow
        ink.stroke(_off(upts, -uw[0] * 0.22), uw[0] * 0.35, uw[-1] * 0.2, sleeve_mat.lit, 0.4, c, soft=5)
        ink.stroke(_off(upts, uw[0] * 0.3), uw[0] * 0.4, uw[-1] * 0.3, CLOTH_SH, 0.5, c, soft=6)
        dx, dy, rx, ry, _ = delt
        ink.stroke([(dx - rx * 0.8, dy + ry * 0.7), (dx, dy + ry * 0.95), (dx + rx * 0.9, dy + ry * 0.6)], 6, 4, CLOTH_SH, 0.45, c, soft=3)
        mx, my = cut[0][0] * 0.5 + cut[1][0] * 0.5, cut[0][1] * 0.5 + cut[1][1] * 0.5
        for k in (-22, -12):   # creases above the hem
            a = _off([cut[0], cut[1]], 0)
            t = [(x + (delt[0] - mx) * k / -100, y + (delt[1] - my) * k / -100) for x, y in a]
            ink.stroke([t[0], ((t[0][0] + t[1][0]) / 2, (t[0][1] + t[1][1]) / 2 + 4), t[1]], 5, 3, CLOTH_SH, 0.5, c, soft=2.5)
        ink.stroke(line, 4, 4, CLOTH_SH if torn else sleeve_mat.lit, 0.6, c, soft=1.5)   # the hem

    def kd(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke(_off(fpts, fw[1] * 0.28), fw[1] * 0.45, fw[-1] * 0.3, SKIN_SH, 0.55, c, soft=4)   # the far side
        ink.stroke(_off(fpts, -fw[1] * 0.26), fw[1] * 0.22, fw[-1] * 0.12, skin_mat.lit, 0.4, c, soft=3)
        ink.stroke(_off(upts[-2:], uw[-1] * 0.25), uw[-1] * 0.4, uw[-1] * 0.3, SKIN_SH, 0.5, c, soft=4)
        ink.soft(_beyond(line, delt[:2]).buffer(8).difference(_beyond(line, delt[:2])), SKIN_SH, 0.6, 4, c)  # the hem's shadow
        wx, wy = fpts[-1]
        ink.soft(ellipse(wx, wy, fw[-1] * 0.5, fw[-1] * 0.35), SKIN_SH, 0.3, 3, c)
    parts = [Part(name + "_skin", skin, skin_mat, details=[kd], rim=rim, inner_rim=inner_rim, shade=0.8),
             Part(name + "_sleeve", sleeve, sleeve_mat, details=[sd], rim=rim, inner_rim=inner_rim)]
    if torn:   # threads hanging from the hem
        rnd = random.Random(seed + 7)
        thr = []
        for i in range(1, len(line) - 1, 2):
            x, y = line[i]
            thr.append(ribbon([(x, y - 2), (x + rnd.uniform(-3, 3), y + 7), (x + rnd.uniform(-5, 5), y + rnd.uniform(10, 15))],
                              [3, 2, 0.6]))
        parts.append(Part(name + "_threads", union(*thr), sleeve_mat, rim=rim * 0.3, inner_rim=0.1, shade=0.2))
    return parts


R_DELT = (276, 260, 28, 36, -8)
L_DELT = (462, 258, 28, 38, 8)


def arms_hurt_parts() -> tuple[list[Part], list[Part]]:
    """(behind the torso, in front of it): the right arm held up across his chest, the sleeve torn
    off above the elbow, the swollen forearm bare, the hand hanging limp against his heart; his left
    hand holds the forearm up from below (that sleeve pushed up)."""
    right = arm_parts("arm_r", R_DELT, ([(272, 248), (262, 300), (264, 356), (274, 402)], [58, 46, 46, 38]),
                      ([(274, 404), (312, 392), (356, 368), (394, 342)], [38, 42, 32, 25]),
                      [(240, 318), (292, 326)], SHIRT_FAR, SWOLLEN, torn=True, rim=0.9, seed=2)
    # the upper arm is behind the torso, the forearm across the chest in front of it
    fore = replace(right[0], name="forearm_r", geom=right[0].geom.difference(box(0, 0, 290, 392)),
                   details=right[0].details + [lambda ink, p: ink.soft(ellipse(350, 372, 18, 7, -30), (112, 52, 56), 0.35, 4, p.geom)])
    hand_r = hand_part("hand_r", (398, 336), 62, 64, 0.35, -1, SWOLLEN, spread=0.1, width=1.15, rim=0.5)
    left = arm_parts("arm_l", L_DELT, ([(462, 246), (476, 300), (478, 350), (472, 392)], [60, 48, 48, 42]),
                     ([(472, 394), (446, 404), (410, 402)], [42, 36, 27]),
                     [(448, 372), (490, 380)], SHIRT, SKIN, torn=False, rim=0.35, inner_rim=0.35, seed=4)
    # the left hand under the right forearm, its fingers wrapped up over it
    palm = shape([(404, 394), (388, 404), (366, 406), (350, 402), (346, 390), (360, 384), (384, 384), (402, 384)], 5)
    fingers = [ribbon([(x, 396), (x - 5, 384), (x - 6, 372), (x - 3, 364)], [11, 10, 9, 8], caps=True) for x in (354, 366, 378)]
    fingers.append(ribbon([(390, 394), (386, 384), (386, 374)], [10, 9, 8], caps=True))
    thumb = ribbon([(402, 398), (388, 408), (368, 410)], [12, 10, 8], caps=True)
    lh = union(palm, thumb, *fingers)

    def lhd(ink: Ink, p: Part) -> None:
        for x in (360, 372, 384):
            ink.stroke([(x, 394), (x - 5, 380), (x - 5, 368)], 1.8, 0.8, SKIN_SH, 0.7, p.geom)
        ink.stroke([(350, 404), (380, 410), (404, 402)], 6, 4, SKIN_SH, 0.5, p.geom, soft=2)
    hand_l = Part("hand_l", lh, SKIN, details=[lhd], rim=0.4, inner_rim=0.5)
    return right, [fore, hand_r] + left + [hand_l]


def arms_resolute_parts() -> tuple[list[Part], list[Part]]:
    """Both arms down, the hands loosely closed: he has straightened up."""
    right = arm_parts("arm_r", R_DELT, ([(272, 248), (258, 300), (256, 350), (260, 388)], [58, 46, 46, 38]),
                      ([(260, 390), (258, 430), (260, 490)], [40, 36, 25]),
                      [(232, 318), (284, 326)], SHIRT_FAR, SWOLLEN, torn=True, rim=0.9, seed=2)
    hr = hand_part("hand_r", (261, 492), 94, 66, 0.7, 1, SWOLLEN, spread=0.0, width=1.1, rim=0.9)
    left = arm_parts("arm_l", L_DELT, ([(462, 246), (478, 300), (480, 346), (478, 382)], [60, 48, 48, 42]),
                     ([(478, 384), (478, 430), (474, 490)], [42, 36, 26]),
                     [(454, 402), (502, 404)], SHIRT, SKIN, torn=False, rim=0.35, inner_rim=0.3, seed=4)
    hl = hand_part("hand_l", (474, 494), 88, 66, 0.7, -1, spread=0.0, width=1.1, rim=0.4)
    return right + [hr], left + [hl]


# ================================================================================ door: turned away, reaching for the knob
def body_door_parts() -> list[Part]:
    """Turned three-quarters away toward the door on the right; the left hand on the lever (at about
    (455..490, 425..455) on this canvas at the `door` mark), the hurt arm hugged to his chest. Seen
    from behind: the shoulders and the blades under the shirt, the cloth pulled across the back by
    the reaching arm, the neckband at his nape."""
    parts: list[Part] = legs_parts()
    # the hurt forearm hugged across his front: only the elbow shows, behind his side
    right = arm_parts("arm_r", (288, 258, 28, 36, -6), ([(286, 250), (270, 300), (268, 350), (274, 398)], [58, 46, 46, 40]),
                      ([(276, 400), (300, 398), (330, 384)], [40, 38, 30]),
                      [(246, 320), (298, 328)], SHIRT, SWOLLEN, torn=True, rim=1.0, seed=5)
    back = shape([(336, 198), (312, 204), (292, 214), (282, 236), (284, 270), (290, 320), (296, 380), (302, 440), (304, 506),
                  (372, 514), (440, 506), (438, 450), (440, 390), (446, 320), (452, 270), (452, 234), (436, 212), (410, 202),
                  (384, 196), (360, 194)], 6)

    def bd(ink: Ink, p: Part) -> None:
        c = p.geom
        # the light from the window wraps around his left side and catches the top of the shoulders
        ink.lin(box(0, 0, W, H), (284, 0), (350, 0), [(0, SHIRT.lit, 0.75), (1, SHIRT.lit, 0.0)], c)
        ink.stroke([(300, 216), (336, 204), (372, 200), (420, 206), (446, 222)], 12, 10, SHIRT.lit, 0.45, c, soft=5)
        # the shoulder blades: the near one drawn out toward the reaching arm, a ridge and its shadow
        ink.stroke([(306, 248), (318, 290), (340, 320)], 10, 6, SHIRT.lit, 0.35, c, soft=4)
        ink.stroke([(318, 250), (334, 296), (352, 328)], 14, 8, CLOTH_SH, 0.45, c, soft=6)
        ink.stroke([(402, 246), (418, 286), (430, 316)], 10, 6, SHIRT.lit, 0.3, c, soft=4)
        ink.stroke([(392, 254), (404, 296), (414, 330)], 14, 8, CLOTH_SH, 0.45, c, soft=6)
        ink.stroke([(366, 214), (368, 330), (370, 480)], 8, 6, CLOTH_SH, 0.45, c, soft=4)       # the spine's groove
        ink.stroke([(360, 230), (362, 330), (364, 470)], 3, 2, SHIRT.lit, 0.25, c, soft=2)
        # the shirt pulled from the reaching shoulder down across the back to his right hip
        for a, m, b, w in (((440, 262), (384, 350), (310, 430), 8), ((440, 300), (392, 380), (318, 466), 7),
                           ((436, 346), (400, 410), (350, 470), 6)):
            ink.stroke([a, m, b], w, 2, CLOTH_SH, 0.5, c, soft=3)
            ink.stroke([(a[0] - 4, a[1] - 8), (m[0] - 4, m[1] - 8), (b[0] - 4, b[1] - 8)], w * 0.5, 1, SHIRT.lit, 0.3, c, soft=2)
        for y, x0, x1 in ((474, 306, 372), (488, 380, 436)):
            ink.stroke([(x0, y), ((x0 + x1) / 2, y + 6), (x1, y - 2)], 6, 4, CLOTH_SH, 0.5, c, soft=2.5)
        ink.stroke([(438, 240), (432, 340), (436, 470)], 14, 10, CLOTH_SH, 0.5, c, soft=6)
        for pts in ([(392, 232), (404, 244)], [(400, 228), (414, 236)]):   # a split seam at the near shoulder
            ink.stroke(pts, 2.2, 0.6, SKIN.dark, 0.8, c)
    band = ribbon([(334, 202), (356, 198), (382, 198), (404, 204)], 7)
    parts += right + [Part("back", back, SHIRT, details=[bd], rim=0.8, inner_rim=0.2),
              Part("neckband", band, SHIRT, details=[lambda ink, p: ink.lin(p.geom, (334, 0), (404, 0),
                   [(0, SHIRT.lit, 0.5), (1, CLOTH_SH, 0.3)])], rim=0.3, inner_rim=0.12, shade=0.3), belt_part()]
    # the left arm reaching forward and down to the lever, the sleeve pushed up, the forearm bare
    parts += arm_parts("arm_l", (446, 258, 28, 38, 14), ([(448, 250), (470, 290), (484, 330)], [58, 48, 42]),
                       ([(484, 332), (482, 372), (476, 420)], [42, 34, 25]),
                       [(464, 352), (504, 356)], SHIRT_FAR, SKIN, torn=False, rim=0.4, inner_rim=0.45, seed=6)
    # the hand closed on the lever, seen from behind
    hg = union(shape([(462, 416), (482, 412), (494, 420), (498, 436), (494, 452), (478, 456), (464, 448), (458, 432)], 5),
               ribbon([(466, 430), (458, 444), (460, 456)], [10, 9, 7], caps=True))

    def hd(ink: Ink, p: Part) -> None:
        for y in (428, 438, 447):
            ink.stroke([(484, y - 4), (494, y)], 1.6, 0.8, SKIN_SH, 0.6, p.geom)
        ink.soft(ellipse(478, 446, 14, 6), SKIN_SH, 0.4, 3, p.geom)
    parts.append(Part("hand_l", hg, SKIN, details=[hd], rim=0.3, inner_rim=0.4))
    return parts + head_back_parts()


def head_back_parts(seed: int = 9) -> list[Part]:
    """The back of his head turned toward the door: the nape, a lost profile of the jaw and ear."""
    neck = shape([(330, 160), (386, 156), (396, 190), (398, 214), (364, 220), (330, 214), (326, 190)], 5)

    def nd(ink: Ink, p: Part) -> None:
        ink.stroke([(336, 170), (362, 178), (392, 172)], 12, 8, SKIN_SH, 0.6, p.geom, soft=4)
    skull = shape([(318, 110), (322, 80), (344, 62), (372, 58), (398, 68), (410, 92), (412, 124), (404, 150), (388, 168),
                   (360, 172), (332, 166), (320, 146)], 8)
    jaw = shape([(388, 130), (404, 126), (414, 140), (412, 158), (400, 170), (386, 166)], 5)
    ear = shape([(384, 120), (394, 116), (398, 130), (394, 146), (386, 142)], 5)

    def jd(ink: Ink, p: Part) -> None:
        ink.lin(p.geom, (386, 0), (414, 0), [(0, SKIN_SH, 0.6), (1, SKIN.lit, 0.2)])
    rnd = random.Random(seed)
    spikes = []
    root = (360, 92)
    for ang, ln, wd in ((-150, 36, 26), (-128, 48, 30), (-106, 62, 34), (-84, 74, 36), (-62, 80, 38), (-40, 78, 36),
                        (-18, 68, 34), (4, 52, 30), (24, 38, 26), (-96, 50, 26), (-52, 56, 26), (-120, 40, 22)):
        a = math.radians(ang + rnd.uniform(-5, 5))
        r0 = (root[0] + math.sin(a) * 26, root[1] - math.cos(a) * 24)
        bend = math.radians(ang - 22)
        mid = (r0[0] + math.sin(a) * ln * 0.5, r0[1] - math.cos(a) * ln * 0.5)
        tip = (mid[0] + math.sin(bend) * ln * 0.55, mid[1] - math.cos(bend) * ln * 0.55)
        spikes.append(ribbon([r0, mid, tip], [wd, wd * 0.55, 1.0]))
    # locks lying down over the back of the skull from the crown, ending in short points at the nape
    locks = []
    for x in range(322, 412, 11):
        top = (360 + (x - 366) * 0.35, 84 + abs(x - 366) * 0.2)
        end = (x + (x - 366) * 0.12 + rnd.uniform(-3, 3), 170 + rnd.uniform(0, 14) - abs(x - 366) * 0.25)
        locks.append(ribbon([top, ((top[0] + end[0]) / 2 - 4, (top[1] + end[1]) / 2), end], [16, 14, 1.0]))
    hair = union(skull.buffer(2), *spikes, *locks)

    def hd(ink: Ink, p: Part) -> None:
        for lk in locks:
            ink.fill(lk.difference(shift(lk, 3, 0)), HAIR_HI, 0.4, p.geom)
            ink.fill(lk.difference(shift(lk, -4, 0)), CLOTH_SH, 0.55, p.geom)
        ink.lin(p.geom, (318, 0), (410, 0), [(0, HAIR.lit, 0.35), (0.4, HAIR.lit, 0.0)])
        for sp in spikes:
            ink.fill(sp.difference(shift(sp, 3, 2)), HAIR_HI, 0.45, p.geom)
            ink.fill(sp.difference(shift(sp, -5, -3)), CLOTH_SH, 0.5, p.geom)

    def hr(ink: Ink, p: Part, vis) -> None:
        for sp in spikes:
            ink.fill(sp.difference(shift(sp, 1.6, 2.2)), (255, 255, 255), 0.3, vis)
        for lk in locks[:3]:
            ink.fill(lk.difference(shift(lk, 1.5, 0)), (255, 255, 255), 0.14, vis)
    return [Part("neck", neck, SKIN, details=[nd], rim=0.8), Part("jaw", jaw, SKIN, details=[jd], rim=0.3),
            Part("ear", ear, SKIN, rim=0.2),
            Part("hair", hair, HAIR, details=[hd], rim_details=[hr], rim=1.0, inner_rim=0.5, shade=0.6)]


# ================================================================================ leaning (dawn)
def body_leaning_parts() -> list[Part]:
    """Dawn, at ease: leaning in the bedroom doorway, his near (left) shoulder to the jamb on his
    right, ankles crossed, arms folded, his head turned to Sephiroth across the room. The whole
    figure leans a few degrees from the feet."""
    lean = 3.5
    piv = (340, 956)
    far_leg = shape([(300, 504), (372, 512), (362, 540), (350, 600), (342, 660), (338, 716), (338, 780), (340, 850), (346, 906),
                     (300, 908), (296, 850), (290, 780), (288, 716), (284, 640), (288, 560)], 6)
    near_leg = shape([(376, 506), (448, 502), (454, 560), (446, 640), (428, 700), (414, 740), (396, 800), (366, 860), (336, 904),
                      (296, 906), (318, 868), (348, 800), (366, 740), (378, 690), (384, 620), (380, 560)], 6)

    def fd(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(292, 560), (290, 680), (296, 800), (302, 890)], 8, 6, TROUSERS.lit, 0.4, c, soft=4)
        ink.stroke([(352, 560), (342, 680), (340, 820)], 14, 10, CLOTH_SH, 0.45, c, soft=5)

    def nd(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(384, 560), (380, 660), (352, 790), (318, 880)], 9, 6, TROUSERS.lit, 0.35, c, soft=4)
        ink.stroke([(440, 560), (430, 660), (400, 770), (360, 860)], 16, 10, CLOTH_SH, 0.45, c, soft=6)
        ink.stroke([(384, 700), (408, 712), (430, 698)], 8, 5, CLOTH_SH, 0.45, c, soft=3)
    bf = shape([(300, 896), (346, 896), (352, 920), (368, 940), (372, 956), (292, 958), (290, 930)], 5)
    bn = shape([(300, 896), (336, 900), (332, 920), (310, 944), (278, 956), (252, 956), (250, 944), (276, 926)], 5)
    ground = Part("ground", ellipse(322, 958, 96, 8), Mat((4, 4, 6), (4, 4, 6), (4, 4, 6), rim=0.0), shade=0.0, inner_rim=0.0)
    parts = [ground, Part("boot_far", bf, BOOT, rim=0.4), Part("leg_far", far_leg, TROUSERS, details=[fd], inner_rim=0.2),
             Part("boot_near", bn, BOOT), Part("leg_near", near_leg, TROUSERS, details=[nd], rim=0.8, inner_rim=0.35)]
    parts += [neck_part()] + torso_parts(torn=True) + [belt_part()]
    # arms folded: the right forearm under the left, the hands tucked against the ribs
    far_arm = arm_parts("arm_r", R_DELT, ([(272, 248), (258, 300), (258, 340), (270, 376)], [58, 46, 46, 40]),
                        ([(272, 378), (330, 382), (378, 374), (420, 364)], [40, 40, 32, 26]),
                        [(232, 318), (284, 326)], SHIRT_FAR, SWOLLEN, torn=True, rim=0.9, seed=8)
    near_arm = arm_parts("arm_l", L_DELT, ([(462, 246), (478, 296), (480, 330), (470, 360)], [60, 48, 48, 42]),
                         ([(470, 362), (420, 372), (370, 372), (330, 366)], [42, 42, 32, 27]),
                         [(444, 334), (494, 346)], SHIRT, SKIN, torn=False, rim=0.35, inner_rim=0.35, seed=9)
    hand_r = Part("hand_r", shape([(414, 354), (436, 346), (454, 352), (462, 366), (452, 378), (424, 378)], 5), SWOLLEN, rim=0.3)
    hand_l = Part("hand_l", shape([(330, 352), (310, 354), (294, 364), (294, 380), (316, 386), (336, 376)], 5), SKIN, rim=0.7,
                  details=[lambda ink, p: ink.stroke([(300, 366), (312, 372), (326, 370)], 1.6, 1, SKIN_SH, 0.6, p.geom)])
    parts += far_arm + [hand_r] + near_arm + [hand_l]
    parts += head_parts("easy", tilt=-3, seed=3)
    for p in parts:
        p.geom = affinity.rotate(p.geom, lean, origin=piv)
        p.details = [_rot(fn, lean, piv) for fn in p.details]
        p.rim_details = [_rot_rim(fn, lean, piv) for fn in p.rim_details]
    return parts


# ================================================================================ build
def write_layer(d, name, parts) -> None:
    ink = Ink(W, H)
    paint_parts(ink, parts)
    ink.save(os.path.join(d, name + ".svg"), f"zack {name}")


def write_rim(d, name, parts) -> None:
    ink = Ink(W, H)
    rim_parts(ink, parts)
    ink.save(os.path.join(d, name + ".svg"), f"zack {name} (rim light from the left)")


def write_yaml(layers, rims, looks) -> None:
    lines = ["# Zack. Original art for The Only Promise (CC-BY-4.0); see assets/ART.md.",
             "# Generated by tools/art/zack.py. Backlit by the glass on the left: dark, cool layers (multiplied by the",
             "# light's ambient colour) and a rim layer per pose (added, tinted by the light's rim colour).",
             f"height: {H}", "anchor: [0.5, 1.0]", "facing: left", "default: hurt", "layers:"]
    lines += [f"  {n}: zack/{n}.svg" for n in layers]
    lines += [f"  {n}: {{image: zack/{n}.svg, light: rim}}" for n in rims]
    lines.append("looks:")
    lines += [f"  {k}: [{', '.join(v)}]" for k, v in looks.items()]
    with open(os.path.join(OUT, "zack.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


def build() -> None:
    d = os.path.join(OUT, "zack")
    os.makedirs(d, exist_ok=True)
    for old in os.listdir(d):
        if old.endswith(".svg"):
            os.remove(os.path.join(d, old))
    hurt_back, hurt_front = arms_hurt_parts()
    res_back, res_front = arms_resolute_parts()
    L = {
        "legs": legs_parts(),
        "arms_hurt_back": hurt_back,
        "arms_resolute_back": res_back,
        "torso": [neck_part()] + torso_parts() + [belt_part()],
        "arms_hurt": hurt_front,
        "arms_resolute": res_front,
        "head_hurt": head_parts("hurt"),
        "head_scared": head_parts("scared", tilt=3),
        "head_resolute": head_parts("resolute", tilt=5),
        "body_door": body_door_parts(),
        "body_leaning": body_leaning_parts(),
    }
    for name, parts in L.items():
        write_layer(d, name, parts)
    stacks = {
        "hurt": ["legs", "arms_hurt_back", "torso", "arms_hurt", "head_hurt"],
        "scared": ["legs", "arms_hurt_back", "torso", "arms_hurt", "head_scared"],
        "door": ["body_door"],
        "leaning": ["body_leaning"],
        "resolute": ["legs", "arms_resolute_back", "torso", "arms_resolute", "head_resolute"],
    }
    for look, names in stacks.items():
        write_rim(d, f"rim_{look}", [p for n in names for p in L[n]])
    looks = {k: v + [f"rim_{k}"] for k, v in stacks.items()}
    write_yaml(L, [f"rim_{k}" for k in stacks], looks)


if __name__ == "__main__":
    build()

