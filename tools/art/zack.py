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
        r2 = random.Random(seed + 1)
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
    g = shape([(340, 166), (362, 170), (384, 152), (390, 176), (398, 206), (368, 216), (330, 212), (334, 190)], 5)

    def d(ink: Ink, p: Part) -> None:
        soft_spot(ink, (356, 180), 32, 14, SKIN_SH, 0.8, p.geom)
        ink.stroke([(384, 162), (372, 190), (356, 212)], 8, 5, SKIN_SH, 0.35, p.geom, soft=3)
    return Part("neck", g, SKIN, details=[d], rim=0.7, shade=0.7)


TORSO = [(318, 208), (292, 214), (266, 228), (258, 262), (264, 310), (276, 360), (290, 420), (298, 470), (300, 506),
         (372, 514), (446, 506), (448, 470), (452, 420), (462, 360), (474, 300), (480, 256), (474, 226), (440, 210), (404, 206)]


def torso_parts(torn: bool = True) -> list[Part]:
    g = shape(TORSO, 6)
    collar = shape([(326, 204), (346, 214), (370, 218), (396, 212), (404, 202), (398, 196), (370, 206), (344, 204), (330, 196)], 5)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        # knit ribs, faint, following the chest
        for i in range(-9, 10):
            x = 370 + i * 11
            ink.stroke([(x - 2, 226), (x + i * 0.8, 360), (x + i * 1.2, 500)], 1.3, 1.3, CLOTH_SH, 0.22, c)
        # the chest and the ribcage under the cloth
        ink.stroke([(292, 300), (330, 316), (372, 314)], 14, 10, CLOTH_SH, 0.35, c, soft=6)
        ink.stroke([(380, 314), (420, 316), (456, 298)], 14, 10, CLOTH_SH, 0.45, c, soft=6)
        ink.stroke([(296, 420), (330, 440), (370, 446), (420, 440), (452, 420)], 16, 10, CLOTH_SH, 0.35, c, soft=7)
        ink.stroke([(276, 250), (272, 330), (282, 440)], 12, 8, SHIRT.lit, 0.3, c, soft=5)
        ink.soft(box(0, 488, W, 512), CLOTH_SH, 0.4, 6, c)
        if torn:
            # a tear over the near collarbone, skin showing through; a rip at the far side
            t1 = shape([(400, 214), (414, 222), (420, 238), (410, 236), (402, 226)], 4)
            ink.fill(t1, SKIN.base, 1.0, c)
            ink.fill(t1.difference(shift(t1, 2, 2)), SKIN_SH, 0.7, c)
            t2 = shape([(270, 392), (282, 398), (290, 414), (278, 412)], 4)
            ink.fill(t2, SKIN.dark, 1.0, c)
            for pts in ([(398, 216), (392, 230)], [(420, 224), (428, 236)], [(404, 236), (400, 248)]):
                ink.stroke(pts, 1.4, 0.4, (60, 64, 80), 0.6, c)

    def cd(ink: Ink, p: Part) -> None:
        ink.lin(box(0, 0, W, H), (326, 0), (404, 0), [(0, SHIRT.lit, 0.15), (0.5, SHIRT.base, 0.0), (1, CLOTH_SH, 0.35)], p.geom)
    return [Part("torso", g, SHIRT, details=[d], rim=0.7, inner_rim=0.2),
            Part("collar", collar, SHIRT, details=[cd], rim=0.35, inner_rim=0.1, shade=0.4)]


def belt_part() -> Part:
    g = poly([(282, 494), (458, 492), (458, 512), (282, 514)])

    def d(ink: Ink, p: Part) -> None:
        ink.fill(box(312, 496, 338, 512), (70, 66, 62), 0.9)
        ink.fill(box(316, 499, 334, 509), (14, 12, 12), 1.0)
        ink.stroke([(313, 497), (313, 511)], 1.4, 1.4, (150, 146, 140), 0.6)
        ink.stroke([(282, 495), (458, 493)], 1.2, 1.2, BELT.lit, 0.5)
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


def sleeve_part(name, pts, mat, folds=(), ridges=(), rim=None, inner_rim=0.3) -> Part:
    g = shape(pts, 6)

    def d(ink: Ink, p: Part) -> None:
        for fp, w, op in folds:
            ink.stroke(fp, w * 1.3, w * 1.3, CLOTH_SH, op * 0.7, p.geom, soft=max(3.0, w * 0.6))
        for fp, w, op in ridges:
            ink.stroke(fp, w, w, mat.lit, op, p.geom, soft=max(1.5, w * 0.4))
    return Part(name, g, mat, details=[d], rim=rim, inner_rim=inner_rim)


def arms_hurt_parts() -> tuple[list[Part], list[Part]]:
    """(behind the torso, in front of it): the right arm in a sling of his own making, the forearm
    held up across his chest, the sleeve torn open over the swollen forearm and the hand hanging
    limp against his heart; his left hand holds the forearm up from below."""
    upper_r = sleeve_part("arm_r_upper", [(300, 214), (270, 224), (256, 246), (252, 280), (254, 330), (258, 370), (264, 402),
                                          (280, 422), (300, 418), (302, 392), (296, 350), (294, 300), (296, 260)], SHIRT_FAR,
                          folds=[([(256, 380), (268, 400), (288, 410)], 8, 0.5)],
                          ridges=[([(254, 262), (250, 320), (254, 370)], 6, 0.3)], rim=0.9)
    fore_r = sleeve_part("arm_r_fore", [(262, 404), (272, 392), (298, 382), (332, 364), (344, 392), (318, 408), (296, 420),
                                        (276, 424)], SHIRT,
                         folds=[([(274, 404), (300, 398), (330, 384)], 8, 0.4)], rim=0.6, inner_rim=0.4)
    skin_r = Part("forearm_r", shape([(328, 366), (358, 348), (390, 326), (404, 332), (408, 348), (398, 356), (368, 376),
                                      (342, 394)], 5), SWOLLEN,
                  details=[lambda ink, p: (ink.stroke([(338, 388), (368, 370), (400, 350)], 9, 7, SKIN_SH, 0.45, p.geom, soft=3.5),
                                           ink.soft(ellipse(362, 358, 18, 7, -30), (112, 52, 56), 0.35, 4, p.geom))],
                  rim=0.6, inner_rim=0.5)
    rag = union(ribbon([(326, 364), (334, 380), (338, 396)], [10, 13, 9]), ribbon([(336, 394), (344, 406), (342, 414)], [6, 4, 1]),
                ribbon([(326, 366), (324, 352), (330, 344)], [6, 4, 1]))
    rag_p = Part("rag", rag, SHIRT, rim=0.25, inner_rim=0.1)
    # his right hand, swollen, fingers barely curled, hanging from the wrist against his chest
    hand_r = hand_part("hand_r", (402, 336), 62, 64, 0.35, -1, SWOLLEN, spread=0.1, width=1.15, rim=0.5)
    # the left arm: from the near shoulder down, the forearm turning in under the right forearm
    left = sleeve_part("arm_l", [(446, 210), (472, 218), (488, 240), (490, 272), (484, 310), (480, 350), (482, 392), (468, 414),
                                 (440, 416), (406, 410), (394, 394), (420, 386), (448, 378), (452, 350), (452, 310),
                                 (450, 262)], SHIRT,
                       folds=[([(462, 366), (474, 392), (462, 406)], 8, 0.5), ([(474, 250), (476, 320), (474, 360)], 9, 0.35),
                              ([(420, 396), (446, 400)], 6, 0.35)],
                       ridges=[([(462, 262), (466, 320)], 6, 0.25)], rim=0.35, inner_rim=0.35)
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
    return [upper_r], [fore_r, skin_r, rag_p, hand_r, left, hand_l]


def arms_resolute_parts() -> tuple[list[Part], list[Part]]:
    """Both arms down, the hands loosely closed: he has straightened up."""
    right = sleeve_part("arm_r", [(300, 214), (266, 222), (248, 246), (240, 290), (238, 340), (240, 380), (242, 420), (244, 460),
                                  (250, 496), (276, 498), (278, 460), (280, 420), (280, 380), (284, 340), (286, 300), (290, 260)],
                        SHIRT_FAR, folds=[([(244, 370), (258, 384), (276, 378)], 7, 0.5), ([(260, 420), (262, 470)], 8, 0.3)],
                        ridges=[([(248, 260), (244, 320), (246, 360)], 6, 0.3)], rim=0.9)
    # the torn sleeve over the right forearm: skin from the elbow to the wrist
    skin = Part("forearm_r", shape([(246, 412), (276, 410), (278, 450), (276, 490), (250, 492), (244, 452)], 5), SWOLLEN,
                details=[lambda ink, p: ink.stroke([(270, 416), (272, 460), (270, 490)], 8, 6, SKIN_SH, 0.4, p.geom, soft=3)],
                rim=0.9, inner_rim=0.3)
    rag = Part("rag", union(ribbon([(242, 404), (262, 412), (280, 404)], [6, 10, 6]), ribbon([(252, 410), (248, 424)], [5, 1])),
               SHIRT_FAR, rim=0.8)
    hr = hand_part("hand_r", (262, 494), 94, 66, 0.7, 1, SWOLLEN, spread=0.0, width=1.1, rim=0.9)
    left = sleeve_part("arm_l", [(450, 212), (476, 222), (490, 250), (496, 300), (498, 350), (498, 390), (496, 430), (492, 470),
                                 (488, 500), (460, 500), (462, 460), (462, 420), (462, 380), (460, 330), (458, 280), (456, 250)],
                       SHIRT, folds=[([(462, 372), (478, 386), (494, 378)], 7, 0.5), ([(482, 250), (486, 320)], 10, 0.35)],
                       rim=0.35, inner_rim=0.3)
    hl = hand_part("hand_l", (474, 496), 88, 66, 0.7, -1, spread=0.0, width=1.1, rim=0.4)
    return [right, skin, rag, hr], [left, hl]


# ================================================================================ door: turned away, reaching for the knob
def body_door_parts() -> list[Part]:
    """Turned three-quarters away toward the door on the right; the left hand on the lever (at about
    (455..490, 425..455) on this canvas at the `door` mark), the hurt arm hugged to his chest."""
    parts: list[Part] = []
    legs = legs_parts()
    parts += legs
    # the back: broad, seen from behind and the right; the shirt's back seam and shoulder blades
    back = shape([(330, 206), (302, 212), (280, 230), (272, 270), (276, 330), (286, 400), (294, 460), (296, 504), (372, 512),
                  (440, 504), (440, 450), (436, 390), (438, 320), (442, 262), (430, 228), (398, 210), (364, 204)], 6)

    def bd(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(300, 260), (318, 300), (334, 340)], 14, 8, CLOTH_SH, 0.45, c, soft=6)    # shoulder blade
        ink.stroke([(404, 262), (394, 300), (386, 336)], 14, 8, CLOTH_SH, 0.5, c, soft=6)
        ink.stroke([(362, 220), (364, 330), (366, 480)], 8, 6, CLOTH_SH, 0.4, c, soft=4)       # the spine's groove
        ink.stroke([(284, 250), (280, 330), (288, 450)], 12, 8, SHIRT.lit, 0.3, c, soft=5)
        ink.soft(box(0, 488, W, 512), CLOTH_SH, 0.4, 6, c)
        t = shape([(296, 300), (312, 296), (322, 312), (306, 318)], 4)     # a rip across the back
        ink.fill(t, SKIN.dark, 1.0, c)
    parts.append(Part("back", back, SHIRT, details=[bd], rim=0.8, inner_rim=0.2))
    parts.append(belt_part())
    # the far (left) arm reaching forward to the lever
    reach = sleeve_part("arm_l", [(428, 222), (452, 236), (468, 270), (474, 310), (478, 350), (480, 390), (480, 420), (466, 430),
                                  (452, 420), (448, 390), (444, 350), (436, 300), (430, 260)], SHIRT_FAR,
                        folds=[([(450, 360), (466, 372), (480, 366)], 6, 0.45)], rim=0.3, inner_rim=0.3)
    parts.append(reach)
    # the hand closed on the lever, seen from behind
    hg = union(shape([(462, 416), (482, 412), (494, 420), (498, 436), (494, 452), (478, 456), (464, 448), (458, 432)], 5),
               ribbon([(466, 430), (458, 444), (460, 456)], [10, 9, 7], caps=True))

    def hd(ink: Ink, p: Part) -> None:
        for y in (428, 438, 447):
            ink.stroke([(484, y - 4), (494, y)], 1.6, 0.8, SKIN_SH, 0.6, p.geom)
        ink.soft(ellipse(478, 446, 14, 6), SKIN_SH, 0.4, 3, p.geom)
    parts.append(Part("hand_l", hg, SKIN, details=[hd], rim=0.3, inner_rim=0.4))
    # the right arm: the upper arm down his near side, the elbow out, the forearm hugged across his front
    right = sleeve_part("arm_r", [(300, 216), (272, 228), (256, 256), (250, 300), (252, 350), (258, 390), (270, 410), (292, 410),
                                  (312, 398), (330, 384), (332, 366), (306, 372), (292, 360), (292, 320), (294, 276)], SHIRT,
                        folds=[([(264, 376), (282, 396), (304, 394)], 8, 0.5), ([(266, 280), (264, 340)], 10, 0.3)],
                        ridges=[([(258, 280), (256, 340), (262, 380)], 6, 0.3)], rim=1.0)
    parts.append(right)
    head = head_back_parts()
    return parts + head


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
    hair = union(skull.buffer(2), *spikes)

    def hd(ink: Ink, p: Part) -> None:
        for sp in spikes:
            ink.fill(sp.difference(shift(sp, 3, 2)), HAIR_HI, 0.45, p.geom)
            ink.fill(sp.difference(shift(sp, -5, -3)), CLOTH_SH, 0.5, p.geom)

    def hr(ink: Ink, p: Part, vis) -> None:
        for sp in spikes:
            ink.fill(sp.difference(shift(sp, 1.6, 2.2)), (255, 255, 255), 0.3, vis)
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
    parts += [neck_part()] + torso_parts(torn=True)[:1] + [belt_part()]
    # arms folded: the right forearm over the left, the hands tucked against the ribs
    far_arm = sleeve_part("arm_r", [(300, 214), (268, 222), (252, 244), (246, 280), (246, 320), (252, 356), (268, 382), (300, 392),
                                    (340, 392), (384, 386), (420, 378), (424, 354), (384, 356), (336, 358), (300, 356),
                                    (288, 326), (288, 282), (292, 250)], SHIRT_FAR,
                          folds=[([(262, 356), (280, 376), (304, 378)], 8, 0.45), ([(320, 366), (360, 372)], 6, 0.3)],
                          ridges=[([(256, 260), (252, 310), (258, 350)], 6, 0.3)], rim=0.9, inner_rim=0.3)
    near_arm = sleeve_part("arm_l", [(452, 212), (478, 224), (492, 254), (496, 296), (492, 336), (478, 362), (448, 372),
                                     (400, 380), (350, 382), (322, 374), (332, 352), (382, 350), (430, 342), (458, 330),
                                     (462, 292), (458, 252)], SHIRT,
                           folds=[([(468, 326), (480, 348), (466, 364)], 8, 0.45), ([(392, 358), (436, 352)], 8, 0.3)],
                           rim=0.35, inner_rim=0.35)
    hand_r = Part("hand_r", shape([(420, 354), (438, 348), (454, 354), (460, 368), (450, 378), (424, 378)], 5), SWOLLEN, rim=0.3)
    hand_l = Part("hand_l", shape([(326, 354), (308, 356), (294, 366), (296, 380), (318, 384), (336, 374)], 5), SKIN, rim=0.7,
                  details=[lambda ink, p: ink.stroke([(300, 366), (312, 372), (326, 370)], 1.6, 1, SKIN_SH, 0.6, p.geom)])
    parts += [far_arm, hand_r, near_arm, hand_l]
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
