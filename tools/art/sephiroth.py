"""Sephiroth: the sprite's SVG layers and sephiroth.yaml, in the house style of docs/art.md.

Tall and still; long silver hair to the waist, a pale shirt hanging open (scene 1) or a black
silk shirt (dawn), leather trousers, boots. Left-handed: his sword hand is the LEFT. Backlit by
the glass: a dark silhouette, the silver hair and the edges that face the light carrying the
detail in the rim layer; the green eye glow is its own emissive layer (`eyes_glow`: two thin
glints, not lamps) so it can be pulsed.

Canvas 720 x 980, feet at the bottom centre (x 360, soles at y 972). About 7.9 heads tall (head 118 px); the
crown at y ~ 30 (1.78 m at the room's scale, a head taller than Zack's skull... by 6 cm).
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import replace

from figkit import Ink, Mat, Part, ellipse, poly, ribbon, shape, shift, union
from figure import (
    Head,
    add,
    arm_outline,
    clip_to_shoulder,
    crumple,
    deltoid,
    edge_line,
    face_details,
    face_rim,
    fold,
    hand_fist,
    hand_hanging,
    hand_on_rail,
    hand_open,
    lerp,
    limb,
    paint_figure,
    rim_backlit,
    shoe,
    shoulder_line,
    trouser_leg,
    turn,
)
from hair import Sheet, bundle, hair_part
from shapely import affinity
from shapely.geometry import box
from svgkit import catmull

W, H = 720, 980
G = 972
HS = 118          # crown to chin: he is about eight heads tall
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "assets", "sprites")
STAGE = os.path.join(HERE, "..", "..", "assets", "stages")

SKIN = Mat((40, 37, 44), (70, 66, 78), (22, 20, 26), rim=0.8, rim_width=1.1)
HAIR = Mat((60, 64, 80), (104, 110, 132), (30, 32, 42), rim=1.0, sheen=0.0, rim_width=1.2)
SHIRT = Mat((50, 50, 60), (86, 86, 100), (24, 24, 30), rim=0.8, rim_width=1.2)
LINING = Mat((22, 22, 28), (40, 40, 50), (12, 12, 16), rim=0.4)
SILK = Mat((16, 16, 22), (52, 52, 72), (8, 8, 12), rim=0.95, rim_width=1.2)
LEATHER = Mat((14, 14, 19), (44, 44, 58), (7, 7, 10), rim=0.8, rim_width=1.1)
BOOT = Mat((12, 12, 15), (40, 40, 48), (6, 6, 8), rim=0.6)
SKIN_SH = (16, 14, 20)
CLOTH_SH = (6, 6, 9)
HAIR_DK = (30, 32, 42)
HAIR_LT = (120, 126, 150)
EYE = (58, 104, 74)


# ================================================================================ pieces
def foot(ankle, toe: float, k: float = 1.0, name: str = "boot", rim: float = 0.6) -> Part:
    """A boot planted on the floor; `toe` -1 points it left, +1 right; k foreshortens it."""
    g = shoe(ankle, G, toe, k, 1.05)

    def d(ink: Ink, p: Part) -> None:
        ink.fill(box(0, G - 7, W, G + 2), CLOTH_SH, 0.8, p.geom)
    return Part(name, g, BOOT, details=[d], rim=rim, shade=0.6)


def leg(hip, knee, ankle, back: float, name: str, rim: float = 0.8, inner_rim: float = 0.25, bend: float = 0.0) -> Part:
    """A leather trouser leg, close-fitting: the thigh long and lean, the knee narrow, the calf
    fuller behind, a slim ankle, the leather creasing over the boot."""
    kn = add(knee, -back * bend, 0)
    g = trouser_leg(hip, kn, ankle, back, 18, (40, 37, 26, 23, 27, 15.5, 17))
    # the kneecap: a small rounded plane on the front of the knee, so the knee reads in the outline
    f = -back
    g = union(g, ellipse(kn[0] + f * 15, kn[1] - 6, 7, 18, f * 6))

    def d(ink: Ink, p: Part) -> None:
        kx, ky = kn
        # the leather creases behind the knee and breaks over the kneecap; the bend deepens them
        fold(ink, [(kx - f * 16, ky - 6), (kx - f * 6, ky + 2), (kx + f * 4, ky + 4)], 3.5 + bend * 0.15, CLOTH_SH, LEATHER.lit,
             p.geom, 0.6, ridge=0.8)
        fold(ink, [(kx + f * 16, ky - 22), (kx + f * 6, ky - 14), (kx - f * 6, ky - 12)], 2.5, CLOTH_SH, LEATHER.lit, p.geom, 0.45,
             ridge=0.8)
        hx, hy = hip
        # the leather pulled from the seat toward the knee of the bent leg
        if bend > 4:
            fold(ink, [(hx - f * 10, hy + 70), (kx - f * 2, ky - 80), (kx + f * 8, ky - 26)], 3, CLOTH_SH, LEATHER.lit, p.geom, 0.45)
        ax, ay = ankle
        fold(ink, [(ax + f * 14, ay - 10), (ax, ay - 3), (ax - f * 12, ay + 2)], 2.5, CLOTH_SH, LEATHER.lit, p.geom, 0.5, ridge=0.6)
    return Part(name, g, LEATHER, details=[d], rim=rim, inner_rim=inner_rim)


def torso_outline(SL, SR, HL, HR, neck, facing: float, hem: float = 20, waist: float = 8, hip: float = 0.0) -> list:
    """The torso: the shoulders slope from the neck (the trapezius); the round of the shoulder
    belongs to the arm's deltoid."""
    f = facing if abs(facing) <= 1 else 0
    fl = 10 if f < 0 else 0
    fr = 10 if f > 0 else 0
    ln, rn = shoulder_line(neck, SL, -1), shoulder_line(neck, SR, 1)
    return [add(ln[0], 3, -18)] + ln[:3] + [add(SL, 9, 40),
            add(SL, 10 - fl, 90), add(lerp(SL, HL, 0.62), waist + 8 - fl * 0.3, 0), add(lerp(SL, HL, 0.85), 8, 0), add(HL, -12 - hip, 6),
            add(HL, -20 - hip, hem), add(lerp(HL, HR, 0.5), 0, hem + 4), add(HR, 20 + hip, hem), add(HR, 16 + hip, 6),
            add(lerp(SR, HR, 0.85), -8, 0), add(lerp(SR, HR, 0.62), -waist - 8 + fr * 0.3, 0), add(SR, -10 + fr, 90),
            add(SR, -9, 40)] + rn[:3][::-1] + [add(rn[0], -3, -18)]


def open_shirt(SL, SR, HL, HR, neck, facing: float, sway: float = 0.0) -> list[Part]:
    """Scene 1: the pale shirt hanging open from the shoulders. The chest shows in shadow in a
    narrow opening that widens toward the hem; the collar stands at the neck and its points fold
    out; the two fronts hang loose past the waist (no nip), each with a fold drawn from the
    shoulder; the hem is a shirt-tail, longer at the front edges than at the side seams. `sway`
    moves the hem (px) when the body leans or steps."""
    chest = Part("chest", shape(torso_outline(SL, SR, HL, HR, neck, facing, hem=56), 6), SKIN, rim=0.3, inner_rim=0.1, shade=0.3)
    hm = lerp(HL, HR, 0.5)
    cx = neck[0] + 10                          # the sternum: toward the side he faces (3/4 view)
    hem_y = hm[1] + 34
    ln, rn = shoulder_line(neck, SL, -1), shoulder_line(neck, SR, 1)
    outline = [add(ln[0], 3, -18)] + ln[:3] + [add(SL, 6, 40), add(SL, 16, 110), add(SL, 14, 190), add(HL, -10 + sway * 0.3, -50), add(HL, -22 + sway * 0.6, 0),
               add(HL, -30 + sway, 32), (cx - 44 + sway, hem_y + 10), (cx - 26 + sway, hem_y + 18),
               (cx + 16 + sway, hem_y + 16), (cx + 34 + sway, hem_y + 6),
               add(HR, 26 + sway, 30), add(HR, 18 + sway * 0.6, 4), add(HR, 8, -50), add(SR, -22, 190), add(SR, -10, 110),
               add(SR, -8, 40)] + rn[:3][::-1] + [add(rn[0], -3, -18)]
    shirt = crumple(shape(outline, 6), 29 + int(sway), min(SL[1], SR[1]) + 90, step=56, depth=2.2)
    # the opening: a V from the collar that widens down the chest and hangs open over the belly,
    # its edges curving as the cloth falls away from the body
    near_edge = [add(neck, -12, -6), (cx - 18, neck[1] + 60), (cx - 30, neck[1] + 130), (cx - 42 + sway * 0.4, neck[1] + 220),
                 (cx - 46 + sway * 0.6, hm[1] - 40), (cx - 40 + sway, hem_y + 30)]
    far_edge = [add(neck, 12, -6), (cx + 8, neck[1] + 60), (cx + 16, neck[1] + 150), (cx + 22 + sway * 0.6, hm[1] - 40),
                (cx + 20 + sway, hem_y + 30)]
    gap = shape([add(neck, 0, -20)] + far_edge + [(cx - 10 + sway, hem_y + 40)] + near_edge[::-1], 4)
    near = shirt.difference(gap).intersection(shape([(0, -50), (cx - 10, -50)] + [add(q, 3, 0) for q in near_edge[1:]] +
                                                    [(cx - 20 + sway, 1400), (0, 1400)], 1).buffer(0))
    far = shirt.difference(gap).difference(near)
    # the collar: its points stand a little off the fronts and fold out over them
    col_n = shape([add(neck, -21, -14), add(neck, -33, 4), add(neck, -26, 30), add(neck, -13, 8)], 4)
    col_f = shape([add(neck, 21, -14), add(neck, 29, 2), add(neck, 22, 24), add(neck, 12, 6)], 4)

    def turned_edge(ink: Ink, c, edge, width: float, side: float) -> None:
        # the front's edge rolls back along the opening: its inside shows as a narrow dark band
        # (the facing) that widens toward the hem, with a lit lip where the cloth turns
        band = limb([add(q, side * width * (0.4 + 0.6 * i / (len(edge) - 1)) / 2, 0) for i, q in enumerate(edge)],
                    [width * (0.4 + 0.6 * i / (len(edge) - 1)) / 2 for i in range(len(edge))])
        ink.fill(band, LINING.base, 0.9, c)
        ink.fill(band.difference(shift(band, side * 3, 0)), SHIRT.lit, 0.5, c)

    def hem_turn(ink: Ink, c, x0: float, x1: float) -> None:
        # the hem turns under: its edge in shadow, a lit lip above it on the side toward the light
        low = c.difference(shift(c, 0, -8)).intersection(box(x0, hm[1] - 10, x1, H))
        ink.fill(low, LINING.base, 0.8)
        lip = c.difference(shift(c, 0, -11)).difference(c.difference(shift(c, 0, -7))).intersection(box(x0, hm[1] - 10, (x0 + x1) / 2, H))
        ink.fill(lip, SHIRT.lit, 0.45)

    # the cloth hangs from the shoulder over the chest, then falls free past the waist: a long
    # fold from the shoulder, one from the armpit pulled toward the opening, two fluting the hem
    # the drape from the shoulder point: an S that swings in toward the opening under the chest
    # and falls to the hem; the armpit's folds fan from under the arm; the waist sags across in a
    # shallow curve where the loose front bends over the belt; flutes at the hem
    near_folds = [([add(SL, 30, 26), add(SL, 48, 100), (cx - 40, neck[1] + 175), (cx - 46 + sway * 0.6, hm[1] - 20),
                    (cx - 50 + sway, hem_y + 6)], 5.5),
                  ([add(SL, 12, 74), add(SL, 32, 120), add(SL, 50, 150)], 4),
                  ([add(SL, 12, 96), add(SL, 26, 150), add(SL, 34, 196)], 4),
                  ([add(SL, 14, 130), add(SL, 18, 190), add(HL, 0 + sway * 0.4, -50), add(HL, -4 + sway * 0.7, 4)], 4.5),
                  ([add(HL, -16 + sway * 0.5, -36), add(HL, 6 + sway * 0.5, -30), (cx - 44 + sway * 0.6, hm[1] - 44)], 3.5),
                  ([add(HL, -20 + sway * 0.6, 6), add(HL, -24 + sway, 40)], 4),
                  ([add(HL, 8 + sway * 0.6, -4), add(HL, 12 + sway, 30), add(HL, 8 + sway, 42)], 3.5),
                  ([(cx - 30 + sway * 0.6, hm[1] - 10), (cx - 34 + sway, hem_y + 12)], 3.5)]
    far_folds = [([add(SR, -26, 30), add(SR, -34, 120), (cx + 30, neck[1] + 200), add(HR, -6 + sway, 20)], 4.5),
                 ([add(SR, -12, 80), add(SR, -28, 130), add(SR, -40, 160)], 3.5),
                 ([add(SR, -14, 150), add(SR, -16, 220), add(HR, 4 + sway * 0.6, 10)], 3.5),
                 ([(cx + 26 + sway * 0.6, hm[1] - 30), (cx + 30 + sway, hem_y + 10)], 3.5)]

    def nd(ink: Ink, p: Part) -> None:
        c = p.geom
        for fp, fw in near_folds:
            fold(ink, fp, fw, CLOTH_SH, SHIRT.lit, c, 0.45, ridge=0.9)
        # where the front leaves the chest it hangs in its own shadow: a long soft-edged plane
        # along the opening, darker toward the hem (flat steps, no blob)
        for k, op in ((10, 0.14), (20, 0.1)):
            ink.fill(limb([add(q, -k, 0) for q in near_edge[2:]], [k] * len(near_edge[2:])), CLOTH_SH, op, c)
        turned_edge(ink, c, near_edge[1:], 12, 1)
        hem_turn(ink, c, 0, cx - 10 + sway)

    def fd(ink: Ink, p: Part) -> None:
        c = p.geom
        for fp, fw in far_folds:
            fold(ink, fp, fw, CLOTH_SH, SHIRT.lit, c, 0.4, ridge=0.7)
        turned_edge(ink, c, far_edge[1:], 10, -1)
        hem_turn(ink, c, cx - 10 + sway, W)

    def cd(ink: Ink, p: Part) -> None:
        # the strip of chest and belly between the fronts: darker under the cloth's edges
        c = p.geom
        ink.fill(c.intersection(shape([(cx - 30, neck[1] + 40), (cx + 20, neck[1] + 40), (cx + 40, hem_y + 40), (cx - 50, hem_y + 40)], 3)),
                 SKIN_SH, 0.25)
    chest.details.append(cd)
    def far_lip(ink: Ink, p: Part, vis) -> None:
        # the far front's edge along the opening faces the glass across his chest: its rolled lip
        # catches a thin line of the light, so the opening reads as two edges of cloth
        pts = [add(q, 4, 0) for q in far_edge[1:]]
        ws = [1.2, 2.6, 3.0, 2.4, 1.0][:len(pts)]
        ink.fill(limb(pts, [w / 2 for w in ws]), (255, 255, 255), 0.42, vis)

    return [chest, Part("shirt_far", far, SHIRT, details=[fd], rim=0.45, inner_rim=0.1, rim_folds=far_folds,
                        rim_details=[far_lip]),
            Part("shirt_near", near, SHIRT, details=[nd], rim=0.9, inner_rim=0.1, rim_folds=near_folds),
            Part("collar_f", col_f, SHIRT, rim=0.4, inner_rim=0.1, shade=0.4),
            Part("collar_n", col_n, SHIRT, rim=0.9, inner_rim=0.2, shade=0.6)]


def silk_shirt(SL, SR, HL, HR, neck, facing: float, back: bool = False) -> list[Part]:
    """Dawn: the black silk shirt, open at the throat, loose over the trousers: it hangs from the
    shoulders, the cloth falling in long soft folds to a hem below the belt."""
    g = crumple(shape(torso_outline(SL, SR, HL, HR, neck, facing, hem=38, waist=-3, hip=8), 6), 31, min(SL[1], SR[1]) + 90, step=56,
                depth=2.2)
    mid = lerp(HL, HR, 0.5)
    # silk hangs in long soft folds from the shoulders and the chest, gathers where it meets the
    # belt and flutes at the hem
    folds = [([add(SL, 24, 50), lerp(add(SL, 24, 70), add(HL, 30, 20), 0.5), add(HL, 20, 30)], 5),
             ([add(SR, -24, 60), lerp(add(SR, -24, 70), add(HR, -30, 20), 0.5), add(HR, -24, 30)], 5),
             ([add(SL, 40, 110), add(mid, -18, -90), add(mid, -10, -20)], 4),
             ([add(mid, 14, -60), add(mid, 20, 0), add(mid, 16, 36)], 3.5),
             ([add(HL, -8, 0), add(HL, -14, 34)], 4)]

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        for fp, fw in folds:
            fold(ink, fp, fw, CLOTH_SH, SILK.lit, c, 0.5, ridge=1.0)
        # the hem turns under: a band of shadow along it
        ink.fill(c.difference(shift(c, 0, -8)).intersection(box(0, mid[1] + 6, W, H)), CLOTH_SH, 0.6)
        if not back:
            v = shape([add(neck, -13, -8), add(neck, 13, -8), add(neck, 5, 44), add(neck, -2, 48)], 4)
            ink.fill(v, SKIN.base, 1.0, c)
            # the open collar's two points
            edge_line(ink, [add(neck, -20, -10), add(neck, -16, 14), add(neck, -4, 40)], 3, CLOTH_SH, 0.6, c)
            edge_line(ink, [add(neck, 20, -10), add(neck, 16, 12), add(neck, 6, 40)], 3, CLOTH_SH, 0.6, c)
    # silk is smooth: its folds catch the light softly
    return [Part("silk", g, SILK, details=[d], rim=0.9, inner_rim=0.15, rim_folds=[(fp, fw, 0.18) for fp, fw in folds])]


def arm(sh, el, wr, name: str, mat: Mat, rim: float = 0.8, inner_rim: float = 0.2, back: float = -1.0,
        cuff: bool = True, neck=None) -> Part:
    """A whole sleeved arm as one contour (no seam of light at the elbow): the round of the
    shoulder, the sleeve easing at the elbow, loose on the forearm and gathered at the cuff,
    which stands a little wider than the wrist it hides."""
    g = union(arm_outline(sh, el, wr, (25, 20.5, 18, 23.5, 13), back, bulge=1.05), deltoid(sh, el, 25))
    if neck is not None:
        g = clip_to_shoulder(g, neck, sh)
    # the sleeve's cloth breaks the outline below the shoulder and at the elbow (not a tube)
    g = crumple(g, int(sh[0] + el[1]), sh[1] + 60, step=56, depth=2.2)
    if cuff:
        ux, uy = wr[0] - el[0], wr[1] - el[1]
        n = math.hypot(ux, uy) or 1.0
        ux, uy = ux / n, uy / n
        g = union(g, limb([(wr[0] - ux * 16, wr[1] - uy * 16), (wr[0] - ux * 4, wr[1] - uy * 4), (wr[0] + ux * 2, wr[1] + uy * 2)],
                           [14, 14.5, 13]))

    # the sleeve breaks at the elbow in a few zigzag folds, hangs in one long fold from the armpit
    # and gathers above the cuff: short tapered folds across the arm, their ridges catching the rim
    ux, uy = el[0] - sh[0], el[1] - sh[1]
    n = math.hypot(ux, uy) or 1.0
    ux, uy = ux / n, uy / n
    nx, ny = -uy, ux
    vx, vy = wr[0] - el[0], wr[1] - el[1]
    m = math.hypot(vx, vy) or 1.0
    vx, vy = vx / m, vy / m
    folds = []
    k = 0.5 if mat is SILK else 1.0      # silk is smooth: its folds catch less
    for t, wv, tl in ((-22, 11, 5), (-4, 12, -6)):
        cx, cy = el[0] + ux * t, el[1] + uy * t
        folds.append(([(cx - nx * wv - ux * tl, cy - ny * wv - uy * tl), (cx + nx * 2, cy + ny * 2), (cx + nx * wv * 0.8, cy + ny * wv * 0.8)],
                      2.8, 0.25 * k))
    # the long fold from the armpit winds across the upper arm toward the elbow's outer side
    a0, a1, a2 = lerp(sh, el, 0.2), lerp(sh, el, 0.47), lerp(sh, el, 0.74)
    folds.append(([(a0[0] - nx * 8, a0[1] - ny * 8), (a1[0] + nx * 2, a1[1] + ny * 2), (a2[0] + nx * 9, a2[1] + ny * 9)], 3.5, 0.4 * k))
    cx, cy = lerp(el, wr, 0.72)
    folds.append(([(cx - vy * 10 + vx * 4, cy + vx * 10 + vy * 4), (cx, cy), (cx + vy * 8 + vx * 2, cy - vx * 8 + vy * 2)], 2.4, 0.25 * k))

    def d(ink: Ink, p: Part) -> None:
        for fp, fw, _k in folds:
            fold(ink, fp, fw, CLOTH_SH, mat.lit, p.geom, 0.45, ridge=0.9)
    return Part(name, g, mat, details=[d], rim=rim, inner_rim=inner_rim, rim_folds=folds)


def upper_arm(sh, el, name: str, mat: Mat, rim: float = 0.8, inner_rim: float = 0.3, neck=None) -> Part:
    g = union(limb([lerp(sh, el, 0.16), lerp(sh, el, 0.5), el], [25, 22, 17.5]), deltoid(sh, el, 25),
              ellipse(el[0], el[1], 17.5, 17.5))
    if neck is not None:
        g = clip_to_shoulder(g, neck, sh)
    return Part(name, g, mat, rim=rim, inner_rim=inner_rim)


def forearm(el, wr, name: str, mat: Mat, rim: float = 0.8, inner_rim: float = 0.35) -> Part:
    """A loose sleeve to the wrist, a little fuller at the cuff."""
    g = limb([el, lerp(el, wr, 0.4), add(wr, 0, 0)], [17, 18, 14], [17, 18.5, 14])
    return Part(name, g, mat, rim=rim, inner_rim=inner_rim, shade=0.7)


def neck_part(neck, head: Head) -> Part:
    top = head.pt(0.06, 0.3)
    return Part("neck", limb([add(neck, 0, 14), lerp(neck, top, 0.5), top], [24, 19, 18]), SKIN, rim=0.5, inner_rim=0.3, shade=0.5)


def hand_part(name: str, g, rim: float = 0.7, inner_rim: float = 0.5) -> Part:
    """A hand from one of figure.py's hand shapes: (silhouette, creases) or a bare silhouette."""
    if isinstance(g, tuple):
        g, cs = g

        def d(ink: Ink, p: Part) -> None:
            for c in cs:
                edge_line(ink, c, 2.2, SKIN_SH, 0.55, p.geom)
        return Part(name, g, SKIN, details=[d], rim=rim, inner_rim=inner_rim, shade=0.6)
    return Part(name, g, SKIN, rim=rim, inner_rim=inner_rim, shade=0.6)


# ================================================================================ hair
def hair_parts(head: Head, seed: int = 5, length: float = 540, back_view: bool = False,
               face_open: float = 34) -> tuple[list[Part], list[Part]]:
    """(behind the body, in front of it): the long mass down his back, wider than his shoulders;
    the locks that fall over the near shoulder onto his chest; the long parted fringe."""
    s = 1 if head.mirror else -1          # +1: he faces right
    hx, hy = head.c
    top = hy - HS * 0.52
    # the long mass falls behind his back: for a figure facing right it spills past the screen-left
    # edge of the body and is hidden by it elsewhere
    bx = hx - (0 if back_view else 34) * s
    if back_view:   # seen from behind the mass starts at the crown: no cap, no brim
        # seen from behind the mass narrows as it falls and ends in uneven points, not a curtain
        back = Sheet([(hx - 8, top - 2), (hx - 50, top + 34), (bx - 64, hy + 40), (bx - 68, hy + 160), (bx - 56, length - 130),
                      (bx - 34, length - 20)],
                     [(hx + 8, top - 2), (hx + face_open - 4, top + 30), (hx + face_open, hy + 10), (hx + face_open - 10, hy + 48),
                      (bx + 40, hy + 100), (bx + 62, hy + 150), (bx + 64, hy + 200),
                      (bx + 50, length - 130), (bx + 24, length - 30)], tips=20, tip_len=60, seed=seed, tip_w=12)
    else:
        # around the back of the skull, then falling: the mass spills past his back (screen left
        # when he faces right) and is hidden by his body on the other side
        back = Sheet([(hx - 10 * s, top + 2), (hx - 50 * s, hy - 30), (bx - 62 * s, hy + 40), (bx - 70 * s, hy + 160),
                      (bx - 60 * s, length - 130), (bx - 40 * s, length - 10)],
                     [(hx + 10 * s, top + 2), (hx + 30 * s, hy - 10), (bx + 40 * s, hy + 40), (bx + 46 * s, hy + 160),
                      (bx + 40 * s, length - 130), (bx + 20 * s, length - 60)], tips=6, tip_len=70, seed=seed, tip_w=18)
    behind = [hair_part("hair_back", back, HAIR, seed, HAIR_DK, HAIR_LT, density=0.7, rim_strands=0.8, rim=1.0, inner_rim=0.3)]
    front: list[Part] = []
    cap = Sheet([(hx, top), (hx - 40, top + 12), (hx - 56, hy - 10)], [(hx + 4, top), (hx + 44, top + 10), (hx + 58, hy - 8)], seed=seed)
    cap.geom = shape([(hx - 50, hy - 4), (hx - 50, top + 22), (hx - 26, top + 2), (hx + 8, top - 3), (hx + 38, top + 10),
                      (hx + 50, hy - 24), (hx + 46, hy - 10), (hx + 28, hy - 32), (hx - 4, hy - 40), (hx - 34, hy - 26)], 6)
    front.append(hair_part("crown", cap, HAIR, seed + 1, HAIR_DK, HAIR_LT, density=1.0, rim_strands=0.7, rim=1.0, inner_rim=0.4))
    near_x = hx - 46 * (1 if s > 0 else -1)
    groups = [
        ("near", [(near_x + 10, top + 30), (near_x - 2, hy + 20), (near_x - 6, hy + 100), (near_x - 2, hy + 190), (near_x + 4, hy + 270)],
         [8, 20, 22, 18, 4], 3, 1.0, 0.55),
        ("fringe_n", [(hx - 6 * s, top + 8), (hx - 24 * s, hy - 24), (hx - 30 * s, hy + 20), (hx - 30 * s, hy + 70)],
         [12, 14, 9, 2], 2, 0.9, 0.5),
        ("fringe_f", [(hx + 6 * s, top + 6), (hx + 34 * s, hy - 30), (hx + 46 * s, hy + 4), (hx + 48 * s, hy + 40)],
         [10, 12, 7, 2], 2, 0.5, 0.5),
    ]
    for gi, (name, c, w, n, rim, inner) in enumerate(groups):
        sheets = bundle(c, w, n, seed + 17 * gi)
        whole = union(*[sh.geom for sh in sheets])
        for i, sh in enumerate(sheets):
            hp = hair_part(f"{name}{i}", sh, HAIR, seed + 31 * gi + i, HAIR_DK, HAIR_LT, density=1.0,
                           rim_strands=0.5 if rim > 0.7 else 0.2, rim=rim, inner_rim=inner)
            hp.rim_group = whole
            front.append(hp)
    return behind, front


def face_part(head: Head, mood: str = "cold", light: str = "left") -> Part:
    return Part("face", head.geom, SKIN, details=[face_details(head, SKIN_SH, EYE, mood)],
                rim_details=[face_rim(head, 0.5 if light == "left" else 0.6, light)], rim=0.6, inner_rim=0.0, shade=0.6)


# ================================================================================ poses
# Joints (canvas px): crown ~30, chin ~144, shoulders ~200, elbows ~378 when the arms hang,
# wrists ~498, hip joints ~514 (weight leg) and ~522 (free leg), knees ~734, ankles ~930, soles 972. The hand is 84 long.
HIPS = ((326, 514), (410, 522))   # his right (near, screen-left) hip joint higher: the weight is on it


def stand_legs(weight: str = "back") -> list[Part]:
    """Still, in contrapposto: the weight on the back (screen-left, his right) leg, straight and a
    little under the body, that hip higher; the free (far, his left) leg eased, its knee bent
    forward toward Zack, the foot set forward and turned out, the heel light."""
    HL, HR = HIPS
    return [foot((418, 932), 1, 0.95, "boot_f", rim=0.4), leg(HR, (432, 736), (420, 930), -1, "leg_f", rim=0.4, bend=16),
            foot((330, 930), 1, 0.7, "boot_n", rim=0.8), leg(HL, (336, 730), (330, 930), -1, "leg_n")]


def figure_open(mood: str, target=None) -> list[Part]:
    """Scene 1 (shirt open). cold: arms hanging a little away from the body, the head lowered;
    chair: the left (far) hand resting on the chair's top rail at `target`; reach: a step
    toward Zack, the left arm reaching out."""
    HL, HR = HIPS
    SL, SR, neck = (280, 208), (448, 202), (366, 188)
    head = Head((376, 96), HS, "right", "34", tilt=8)
    lean = 0.0
    sway = 0.0
    if mood == "chair":
        SL, SR, neck = (276, 212), (444, 204), (362, 190)
        head = Head((370, 98), HS, "right", "34", tilt=4)
        lean = -2.5
    if mood == "reach":
        head = Head((384, 100), HS, "right", "34", tilt=10)
        lean = 4.0
        sway = -10.0
    behind, front = hair_parts(head, length=610)
    parts: list[Part] = list(behind)
    # the far (left, sword) arm
    if mood == "chair":
        tx, ty = target
        WF = (tx - 8, ty + 7)   # the palm ON the rail's top, the fingers over its far edge
        EF = (SR[0] + 28, 342)
        parts.append(hand_part("hand_f", hand_on_rail(WF, 80, True), rim=0.6))
        parts.append(arm(SR, EF, WF, "arm_f", SHIRT, rim=0.35, neck=neck))
    elif mood == "reach":
        EF, WF = (484, 300), (494, 354)
        parts.append(hand_part("hand_f", hand_open(WF, 34, 80, False, 0.3), rim=0.5))
        parts.append(arm(SR, EF, WF, "arm_f", SHIRT, rim=0.35, neck=neck))
    else:
        EF, WF = (474, 380), (480, 494)
        parts.append(hand_part("hand_f", hand_hanging(WF, 86, 90, False, 0.3), rim=0.35))
        parts.append(arm(SR, EF, WF, "arm_f", SHIRT, rim=0.35, neck=neck))
    parts += open_shirt(SL, SR, HL, HR, neck, 1, sway)
    parts.append(neck_part(neck, head))
    # the near (right) arm hangs, the elbow a touch back, the hand a touch forward
    EN, WN = (246, 380), (268, 492)
    if mood == "reach":
        EN, WN = (252, 376), (230, 484)
    parts.append(hand_part("hand_n", hand_hanging(WN, 94 if mood != "reach" else 106, 90, False, 0.25), rim=0.9))
    parts.append(arm(SL, EN, WN, "arm_n", SHIRT, rim=1.0, neck=neck))
    parts.append(face_part(head, "cold"))
    parts += front
    return turn(parts, lean, lerp(HL, HR, 0.5))


def dawn_legs() -> list[Part]:
    """Dawn, turned to the sun (right, a little away from the room): the weight on the near
    (screen-left) leg, the far leg eased forward, its knee bent toward the glass."""
    HL, HR = (330, 516), (404, 522)
    return [foot((426, 930), 1, 0.9, "boot_f", rim=0.5), leg(HR, (430, 734), (426, 928), -1, "leg_f", rim=0.5, bend=12),
            foot((326, 930), 1, 0.75, "boot_n", rim=0.8), leg(HL, (334, 732), (326, 930), -1, "leg_n")]


def silk_profile(neck, hip, back_x: float = 0.0, chest_x: float = 0.0) -> Part:
    """The black silk shirt seen from the side, facing right (a sliver of the back toward the
    room): the back's long curve on the left (the shoulder blade, the small of the back drawn in),
    the chest and the flat belly on the right, the loose hem over the hip. The silk hangs in long
    soft folds from the shoulder blade and the chest and gathers at the small of the back."""
    nx, ny = neck
    hx, hy = hip
    pts = [(nx - 8, ny - 10), (nx - 30, ny + 8), (nx - 50, ny + 40), (nx - 58 + back_x, ny + 90), (nx - 56 + back_x, ny + 150),
           (hx - 42, hy - 110), (hx - 46, hy - 60), (hx - 54, hy - 6), (hx - 62, hy + 30), (hx - 34, hy + 40), (hx + 10, hy + 36),
           (hx + 44, hy + 30), (hx + 46, hy - 10), (hx + 42, hy - 80), (hx + 46 + chest_x * 0.5, hy - 150), (nx + 56 + chest_x, ny + 120),
           (nx + 58 + chest_x, ny + 70), (nx + 46 + chest_x * 0.8, ny + 28), (nx + 28, ny + 6), (nx + 16, ny - 4)]
    g = crumple(shape(pts, 6), 23, ny + 80, step=56, depth=2.2)
    folds = [([(nx - 40, ny + 60), (nx - 34, ny + 150), (hx - 30, hy - 60), (hx - 34, hy + 20)], 5),
             ([(nx + 30, ny + 90), (nx + 22, ny + 190), (hx + 20, hy - 40), (hx + 24, hy + 28)], 4.5),
             ([(hx - 40, hy - 120), (hx - 20, hy - 96), (hx - 4, hy - 90)], 3.5),
             ([(hx - 42, hy - 70), (hx - 18, hy - 52), (hx + 2, hy - 48)], 3.5),
             ([(nx + 2, ny + 40), (nx - 6, ny + 110), (nx - 4, ny + 170)], 4)]

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        for fp, fw in folds:
            fold(ink, fp, fw, CLOTH_SH, SILK.lit, c, 0.5, ridge=1.0)
        # the hem turns under; the open collar at the throat
        ink.fill(c.difference(shift(c, 0, -8)).intersection(box(0, hy + 10, W, H)), CLOTH_SH, 0.6)
        edge_line(ink, [(nx + 14, ny - 6), (nx + 24, ny + 16), (nx + 34, ny + 40)], 3, CLOTH_SH, 0.6, c)
    return Part("silk", g, SILK, details=[d], rim=0.95, inner_rim=0.15, rim_folds=[(fp, fw, 0.25) for fp, fw in folds])


def turning_face_rim(h: Head):
    """dawn_turning's face: three-quarters back toward the room with the low sun behind it on the
    right, so the line of light runs down the face's lit contour and says which way it turns: the
    brow, the bridge and the tip of the nose, the lower lip, the jaw to the chin.
    Stronger than figure.face_rim's (the face is small at the glass mark and in shadow); a
    catchlight in the near eye."""
    strokes = [([(-0.29, -0.24), (-0.305, -0.15), (-0.285, -0.08)], 0.024, 0.75),        # the brow
               ([(-0.3, -0.13), (-0.24, -0.125), (-0.18, -0.13)], 0.013, 0.3),          # across the brow ridge
               ([(-0.29, -0.05), (-0.31, 0.02), (-0.34, 0.08)], 0.022, 0.8),            # the bridge of the nose
               ([(-0.335, 0.06), (-0.348, 0.088), (-0.33, 0.114)], 0.02, 0.7),          # the tip
               ([(-0.3, 0.265), (-0.25, 0.275), (-0.2, 0.27)], 0.014, 0.45),            # the lower lip
               ([(-0.285, 0.3), (-0.28, 0.37), (-0.25, 0.435), (-0.18, 0.48), (-0.08, 0.47)], 0.024, 0.7)]  # the jaw

    def r(ink: Ink, p: Part, vis) -> None:
        ink.fill(ellipse(*h.pt(-0.225, -0.027), h.s * 0.014, h.s * 0.01), (255, 255, 255), 0.7, vis)
        for pts, wd, op in strokes:
            n = len(pts)
            ws = [h.s * wd * (0.3 if i in (0, n - 1) else 1.0) for i in range(n)]
            ink.fill(ribbon(h.pt_list(pts), ws), (255, 255, 255), op, vis)
    return r


def dawn_profile(turning: bool = False) -> list[Part]:
    """dawn: turned to the sunrise, in profile facing right (a sliver of his back toward the
    room), the chin level, the hands clasped behind him at the small of the back so the near
    elbow stands out behind; the long hair falls down his back behind the shoulder, the face
    clear in front of it. At thumbnail size the outline alone says "a man in profile, looking at
    the sun": the brow, nose and chin against the sky, the chest forward, the elbow back."""
    HL, HR = (330, 516), (404, 522)
    hip = (364, 512)
    neck = (372, 190)
    head = Head((392, 100), HS, "right", "profile", tilt=-4)
    if turning:
        # dawn_turning: the hips stay toward the glass, the shoulders open toward the room and
        # the head turns back over the near shoulder to Zack, a little bowed (three-quarters)
        head = Head((384, 102), HS, "right", "34", tilt=10)
    hx, hy = head.c
    top = hy - HS * 0.52
    parts: list[Part] = []
    # the long hair hangs down his back: from the back of the skull over the shoulder blade to
    # below the waist, spilling a little past the back's contour, narrowing to uneven points
    back = Sheet([(hx - 20, top + 6), (hx - 60, hy - 10), (hx - 76, hy + 80), (hx - 88, hy + 200), (hx - 84, 470), (hx - 72, 600)],
                 [(hx + 4, top + 2), (hx - 14, hy + 20), (hx - 26, hy + 100), (hx - 30, hy + 220), (hx - 24, 470), (hx - 36, 590)],
                 tips=9, tip_len=56, seed=9, tip_w=12)
    parts.append(hair_part("hair_back", back, HAIR, 9, HAIR_DK, HAIR_LT, density=0.8, rim_strands=0.8, rim=1.0, inner_rim=0.3))
    # the far arm: only its hand shows, meeting the near one behind his back
    if not turning:
        parts.append(hand_part("hand_f", hand_fist((322, 470), 160, 60, True), rim=0.3))
    parts.append(silk_profile(neck, hip, -14 if turning else 0, 22 if turning else 0))
    parts.append(neck_part(neck, head))
    parts.append(Part("face", head.geom, SKIN, details=[face_details(head, SKIN_SH, EYE, "still")],
                      rim_details=[turning_face_rim(head) if turning else face_rim(head, 0.6, light="right")],
                      rim=1.0, inner_rim=0.0, shade=0.6))
    if turning:
        # the far hand has come from behind him: it hangs in front of his hip, the fingers loose
        parts.append(hand_part("hand_f", hand_hanging((430, 470), 96, 86, False, 0.3), rim=0.9))
        parts.append(arm((420, 214), (440, 356), (432, 470), "arm_f", SILK, rim=0.9, back=-1.0))
    # the hair over the back of the skull and behind the ear; the long parted fringe falls in
    # front of the ear to the jaw, framing the face without hiding it
    # its lower edge breaks into pointed locks falling onto the nape (no flat flap behind the ear)
    cap = poly([(x, y) for x, y in catmull([(hx + 34, top + 10), (hx + 12, top - 3), (hx - 24, top + 2), (hx - 50, hy - 30),
                                            (hx - 62, hy + 10)], 6, closed=False)] +
               [(hx - 62, hy + 60), (hx - 60, hy + 120), (hx - 50, hy + 56), (hx - 40, hy + 132), (hx - 30, hy + 56), (hx - 20, hy + 100),
                (hx - 14, hy + 34)] +
               [(x, y) for x, y in catmull([(hx - 10, hy + 8), (hx + 6, hy - 26), (hx + 24, top + 22), (hx + 40, top + 22)], 6, closed=False)])
    crown = Sheet([(hx + 34, top + 10), (hx - 20, top + 10), (hx - 50, hy + 20)], [(hx + 40, top + 22), (hx + 4, hy - 20), (hx - 20, hy + 40)],
                  seed=11)
    crown.geom = cap
    parts.append(hair_part("crown", crown, HAIR, 12, HAIR_DK, HAIR_LT, density=1.2, rim_strands=1.0, rim=1.0, inner_rim=0.5))
    sheets = bundle([(hx + 22, top + 14), (hx + 10, hy - 10), (hx + 2, hy + 50), (hx - 4, hy + 130)], [10, 16, 12, 3], 2, 41)
    whole = union(*[sh.geom for sh in sheets])
    for i, sh in enumerate(sheets):
        hp = hair_part(f"fringe{i}", sh, HAIR, 43 + i, HAIR_DK, HAIR_LT, density=1.0, rim_strands=0.6, rim=0.9, inner_rim=0.4)
        hp.rim_group = whole
        parts.append(hp)
    # the near arm: from the shoulder down and back, the elbow out behind him, the forearm in to
    # the small of the back where the hands meet
    SN, EN, WN = (364, 224), (318, 376), (334, 462)
    if turning:
        # the near hand leaves the small of his back: the arm eases down behind the hip
        SN, EN, WN = (356, 226), (326, 380), (318, 482)
        parts.append(arm(SN, EN, WN, "arm_n", SILK, rim=0.9, back=-1.0))
        parts.append(hand_part("hand_n", hand_hanging(WN, 100, 84, True, 0.4), rim=0.6))
    else:
        parts.append(arm(SN, EN, WN, "arm_n", SILK, rim=0.9, back=-1.0))
        parts.append(hand_part("hand_n", hand_fist(add(WN, -2, 2), 200, 62, False), rim=0.5))
    return turn(parts, 0.5, lerp(HL, HR, 0.5))


def figure_dawn(mood: str) -> list[Part]:
    """dawn: turned to the sunrise (right, a little of his back to the room), the face in clear
    profile toward the sun, the chin level, hands clasped behind his back, the hair down over the
    silk; dawn_turning: the same feet, the hips still toward the glass but the shoulders and the
    head turned back to Zack (three-quarters to the right, toward the room), the hands come apart,
    the head a little bowed (the apology); dawn_facing: turned three-quarters to face him."""
    if mood in ("dawn", "dawn_turning"):
        return dawn_profile(mood == "dawn_turning")
    if mood in ("dawn_facing", "dawn_turning"):
        turning = mood == "dawn_turning"
        if turning:
            HL, HR = (330, 516), (404, 522)
            SL, SR, neck = (290, 210), (446, 200), (370, 188)
            head = Head((384, 98), HS, "right", "34", tilt=10)
        else:
            HL, HR = HIPS
            SL, SR, neck = (280, 208), (448, 202), (366, 188)
            head = Head((378, 96), HS, "right", "34", tilt=2)
        behind, front = hair_parts(head, seed=7, length=610)
        parts: list[Part] = list(behind)
        EF, WF = ((478, 376), (488, 490)) if turning else ((476, 380), (480, 494))
        parts.append(hand_part("hand_f", hand_hanging(WF, 88, 90, False, 0.3), rim=0.5))
        parts.append(arm(SR, EF, WF, "arm_f", SILK, rim=0.5, neck=neck))
        parts += silk_shirt(SL, SR, HL, HR, neck, 1)
        parts.append(neck_part(neck, head))
        # turning: the near arm still half behind him, the hand leaving the small of his back
        EN, WN = ((256, 376), (288, 478)) if turning else ((248, 382), (266, 494))
        parts.append(hand_part("hand_n", hand_hanging(WN, 80 if turning else 92, 90, False, 0.35), rim=0.9))
        parts.append(arm(SL, EN, WN, "arm_n", SILK, rim=1.0, neck=neck))
        parts.append(face_part(head, "still", "right"))
        parts += front
        return turn(parts, -1.5, lerp(HL, HR, 0.5)) if turning else parts
    HL, HR = (330, 516), (404, 522)
    SL, SR, neck = (286, 214), (438, 210), (366, 190)   # a little of his back: the far shoulder turned away
    head = Head((390, 98), HS, "right", "profile", tilt=-5)
    # seen a little from behind: the arms hang back, the hands clasped at the small of the back
    parts = []
    EN, EF = (278, 386), (448, 380)
    W0 = (362, 476)
    parts += silk_shirt(SL, SR, HL, HR, neck, 2, back=True)
    parts.append(neck_part(neck, head))
    behind, front = hair_parts(head, seed=9, length=620, back_view=True, face_open=-10)
    # the hair hangs down his back OVER the shirt: from behind, the long mass is in front; the
    # face, in profile toward the sun, past it
    parts += behind
    sliver = head.geom.difference(union(*[p.geom for p in behind]).buffer(-1.0))
    parts.append(Part("face", sliver, SKIN, details=[face_details(head, SKIN_SH, EYE, "still")],
                      rim_details=[face_rim(head, 0.6, light="right")], rim=1.0, inner_rim=0.0, shade=0.6))
    # the arms are nearer the camera than his back: over the hair, each one contour from the
    # shoulder to the cuff, bent back so the hands meet at the small of his back
    parts += [arm(SL, EN, add(W0, -24, 0), "arm_n", SILK, rim=1.0, neck=neck, back=1.0),
              arm(SR, EF, add(W0, 24, 0), "arm_f", SILK, rim=0.5, neck=neck, back=-1.0)]
    hn, cn = hand_fist(add(W0, -22, -2), 10, 64, False)
    hf, cf = hand_fist(add(W0, 22, -2), 170, 64, True)
    parts.append(hand_part("hands", (union(hn, hf), cn + cf), rim=0.7))
    hx, hy = head.c
    top = hy - HS * 0.52
    cap = shape([(hx - 8, top - 2), (hx + 18, top - 1), (hx + 34, top + 10), (hx + 41, top + 28), (hx + 42, hy - 26),
                 (hx + 36, hy - 16), (hx + 30, hy - 28), (hx + 22, top + 26), (hx + 6, top + 18), (hx - 8, top + 18)], 6)
    crown = Sheet([(hx - 8, top - 2), (hx + 4, top + 20), (hx + 10, hy - 20)], [(hx + 18, top - 1), (hx + 38, top + 16), (hx + 42, hy - 24)],
                  seed=11)
    crown.geom = cap
    parts.append(hair_part("crown", crown, HAIR, 12, HAIR_DK, HAIR_LT, density=1.2, rim_strands=1.0, rim=1.0, inner_rim=0.5))
    return turn(parts, 0.5, lerp(HL, HR, 0.5))


# ================================================================================ eyes glow
def eyes_glow(path: str, head: Head, lean: float = 0.0, piv=(366, 504)) -> None:
    """The eye glow: in each eye a thin slit of Mako green under the upper lid, following the
    lid's curve, brightest at the iris and fading toward the corners, with a faint halo that
    spills a little onto the cheek below; the far eye shorter and dimmer (it is turned away).
    Not two lamps: no round spot anywhere, nothing wider than the eye."""
    ink = Ink(W, H)
    ey = -0.1 + 0.085

    def at(x: float, y: float) -> tuple[float, float]:
        px, py = head.pt(x, y)
        if lean:
            px, py = affinity.rotate(ellipse(px, py, 1, 1), lean, origin=piv).centroid.coords[0]
        return px, py
    for ex, sc, k in ((-0.2, 1.0, 1.0), (0.07, 0.62, 0.55)):
        # the lid's line across the eye (inner corner -> outer corner), a slight downward arc
        line = [at(ex - 0.075 * sc, ey + 0.004), at(ex - 0.02 * sc, ey - 0.012), at(ex + 0.04 * sc, ey - 0.01),
                at(ex + 0.08 * sc, ey + 0.006)]
        cx, cy = at(ex - 0.005, ey - 0.004)
        # the halo: small, flattened along the lid, spilling a little below it
        ink.rad(ellipse(cx, cy + 3, 18 * sc, 8 * sc), (cx, cy + 3), 18 * sc,
                [(0, (60, 200, 110), 0.4 * k), (0.6, (40, 160, 90), 0.1 * k), (1, (40, 160, 90), 0.0)], sy=8 / 18)
        # the slit: tapered at both corners, widest at the iris
        ink.fill(ribbon(line, [0.4, 2.8 * sc, 2.4 * sc, 0.4]), (100, 230, 150), 0.9 * k)
        ink.fill(ribbon(line[1:3], [1.6 * sc, 1.2 * sc]), (170, 255, 200), 0.95 * k)
        # the iris's core, under the lid
        ink.fill(ellipse(cx, cy + 0.3, 2.2 * sc, 0.9 * sc, -4), (225, 255, 235), 0.9 * k)
    ink.save(path, "sephiroth eye glow")


# ================================================================================ the chair
def chair_target() -> tuple[float, float]:
    """Where his left hand rests at the `chair` mark, in canvas px: the top rail's left end (from
    the comment stage.py writes into chair.svg) seen from the mark (living_room.tmx)."""
    with open(os.path.join(STAGE, "living_room", "chair.svg")) as fh:
        m = re.search(r"top rail left end at \(([\d.]+), ([\d.]+)\)", fh.read())
    rx, ry = (float(m.group(1)), float(m.group(2))) if m else (818.0, 448.0)
    with open(os.path.join(STAGE, "living_room.tmx")) as fh:
        tmx = fh.read()
    m = re.search(r'name="chair" x="([\d.]+)" y="([\d.]+)">\s*<properties>\s*<property name="scale" type="float" value="([\d.]+)"', tmx)
    mx, my, sc = (float(m.group(1)), float(m.group(2)), float(m.group(3))) if m else (708.0, 956.0, 0.96)
    return (W / 2 + (rx + 14 - mx) / sc, H - (my - ry) / sc)


# ================================================================================ build
LIGHT = (-1.0, -0.25)
RIM_LIGHT = (-1.0, -0.45)   # the glass behind and to the left: the shoulders and the hair catch it too


def write_layer(d: str, name: str, parts) -> None:
    ink = Ink(W, H)
    paint_figure(ink, parts, LIGHT)
    ink.save(os.path.join(d, name + ".svg"), f"sephiroth {name}")


def write_rim(d: str, name: str, parts, lights=((LIGHT, 1.0),)) -> None:
    ink = Ink(W, H)
    for light, k in lights:
        rim_backlit(ink, parts, light, 1.0, k)
    ink.save(os.path.join(d, name + ".svg"), f"sephiroth {name} (rim light)")


def write_yaml(layers: dict, rims: list[str], looks: dict) -> None:
    lines = ["# Sephiroth. Original art for The Only Promise (CC-BY-4.0); see assets/ART.md and docs/art.md.",
             "# Generated by tools/art/sephiroth.py. Backlit by the glass: a dark silhouette (multiplied by the light's",
             "# ambient colour), a rim layer per look (added, tinted by the light's rim colour) and the green eye glow",
             "# as its own emissive layer `eyes_glow`. He is left-handed: never mirror this sprite.",
             f"height: {H}", "anchor: [0.5, 1.0]", "facing: right", "default: cold", "layers:"]
    lines += [f"  {n}: sephiroth/{n}.svg" for n in layers]
    lines += [f"  {n}: {{image: sephiroth/{n}.svg, light: rim}}" for n in rims]
    lines += ["  eyes_glow: {image: sephiroth/eyes_glow.svg, light: emissive, pulse: {amount: 0.35, period: 2.8}}",
              "  eyes_glow_chair: {image: sephiroth/eyes_glow_chair.svg, light: emissive, pulse: {amount: 0.35, period: 2.8}}",
              "  eyes_glow_reach: {image: sephiroth/eyes_glow_reach.svg, light: emissive, pulse: {amount: 0.35, period: 2.8}}", "looks:"]
    lines += [f"  {k}: [{', '.join(v)}]" for k, v in looks.items()]
    # living scenes (vn.stage.motion): a slow, calm breath; the eye glow throbs (above)
    lines.append("breathing: {amount: 0.0035, period: 5.2}")
    with open(os.path.join(OUT, "sephiroth.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


def build() -> None:
    d = os.path.join(OUT, "sephiroth")
    os.makedirs(d, exist_ok=True)
    for old in os.listdir(d):
        if old.endswith(".svg"):
            os.remove(os.path.join(d, old))
    target = chair_target()
    L = {
        "legs": stand_legs(),
        "upper_cold": figure_open("cold"),
        "upper_chair": figure_open("chair", target),
        "upper_reach": figure_open("reach"),
        "legs_dawn": dawn_legs(),
        "upper_dawn": figure_dawn("dawn"),
        "upper_dawn_turning": figure_dawn("dawn_turning"),
        "upper_dawn_facing": figure_dawn("dawn_facing"),
    }
    import general  # the General at the briefing: he in uniform (tools/art/general.py)
    L.update(general.layers())
    for name, parts in L.items():
        write_layer(d, name, parts)
    # dawn: the low sun in the glass to his right is the light; the rest of the glass gives a faint edge on the left
    dawn_light = (((1.0, -0.4), 1.0), (RIM_LIGHT, 0.2))
    stacks = {
        "cold": (["legs", "upper_cold"], ((RIM_LIGHT, 1.0),)),
        "chair": (["legs", "upper_chair"], ((RIM_LIGHT, 1.0),)),
        "reach": (["legs", "upper_reach"], ((RIM_LIGHT, 1.0),)),
        "dawn": (["legs_dawn", "upper_dawn"], dawn_light),
        "dawn_turning": (["legs_dawn", "upper_dawn_turning"], dawn_light),
        "dawn_facing": (["legs", "upper_dawn_facing"], dawn_light),
    }
    stacks.update({k: (v, ((RIM_LIGHT, 1.0),)) for k, v in general.STACKS.items()})
    for look, (names, lights) in stacks.items():
        parts = [p for n in names for p in L[n]]
        if lights is dawn_light:
            # the sun is on his right: the far side (screen right) is now the lit one
            parts = [replace(p, rim=max(p.rim if p.rim is not None else p.mat.rim, 0.95)) if p.name.endswith("_f") else p
                     for p in parts]
        write_rim(d, f"rim_{look}", parts, lights)
    eyes_glow(os.path.join(d, "eyes_glow.svg"), Head((376, 96), HS, "right", "34", tilt=8))
    eyes_glow(os.path.join(d, "eyes_glow_chair.svg"), Head((370, 98), HS, "right", "34", tilt=4), -2.5, (366, 504))
    eyes_glow(os.path.join(d, "eyes_glow_reach.svg"), Head((384, 100), HS, "right", "34", tilt=10), 4.0, (366, 504))
    looks = {
        "cold": ["legs", "upper_cold", "rim_cold"],
        "glow": ["legs", "upper_cold", "rim_cold", "eyes_glow"],
        "chair": ["legs", "upper_chair", "rim_chair"],
        "chair_glow": ["legs", "upper_chair", "rim_chair", "eyes_glow_chair"],
        "reach": ["legs", "upper_reach", "rim_reach", "eyes_glow_reach"],
        "dawn": ["legs_dawn", "upper_dawn", "rim_dawn"],
        "dawn_turning": ["legs_dawn", "upper_dawn_turning", "rim_dawn_turning"],
        "dawn_facing": ["legs", "upper_dawn_facing", "rim_dawn_facing"],
    }
    looks.update({k: v + [f"rim_{k}"] for k, v in general.STACKS.items()})
    write_yaml(L, [f"rim_{k}" for k in stacks], looks)


if __name__ == "__main__":
    build()
