"""Zack: the sprite's SVG layers and zack.yaml, in the house style of docs/art.md.

A young SOLDIER, broad in the shoulder, black spiky hair, a dark long-sleeved shirt (the left
sleeve pushed up to the elbow, the RIGHT sleeve torn away above the elbow over the swollen,
injured right arm), dark trousers, boots. Backlit by the glass on the left: a dark silhouette
whose pose carries the beat, a rim of light along the edges that face the window.

Canvas 720 x 964, feet at the bottom centre (x 360, soles at y 956). About 7.6 heads tall; the
skull's top at y ~ 80 (1.70 m at the room's scale), the spikes a little higher.
Every look is one pose (`POSES`); looks that keep their feet share the legs layer, so a
cross-fade between them moves only the upper body.
"""
from __future__ import annotations

import math
import os
import random
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
    hand_open,
    lerp,
    limb,
    paint_figure,
    rim_backlit,
    shoe,
    shoulder_line,
    sleeve_end,
    trouser_leg,
    turn,
)
from shapely.geometry import box

W, H = 720, 964
G = 956                 # the soles
HS = 116                # crown to chin
LOGICAL_H = 940         # the canvas's height in the room at scale 1 (2.5 % under its px: Zack a head under Sephiroth)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "sprites")

# albedo in the figure's own shadow: dark and cool, so the ambient light colours them
SKIN = Mat((33, 26, 26), (56, 44, 42), (20, 15, 15), rim=0.85, rim_width=1.2)
SWOLLEN = Mat((38, 22, 25), (60, 36, 38), (22, 12, 14), rim=0.9, rim_width=1.2)
HAIR = Mat((11, 11, 15), (40, 42, 58), (6, 6, 9), rim=1.0, rim_width=1.3)
SHIRT = Mat((18, 19, 26), (46, 49, 66), (9, 10, 14), rim=0.75, rim_width=1.2)
TROUSERS = Mat((15, 15, 20), (40, 40, 52), (8, 8, 11), rim=0.6, rim_width=1.1)
BOOT = Mat((12, 12, 14), (38, 37, 42), (6, 6, 7), rim=0.5)
BELT = Mat((22, 17, 15), (52, 44, 38), (10, 8, 7), rim=0.35)
SKIN_SH = (18, 13, 14)
CLOTH_SH = (6, 6, 9)
EYE = (52, 74, 112)


# ================================================================================ body pieces
def top_y_of(a, b) -> float:
    return min(a[1], b[1])


def foot(ankle, toe: float, k: float = 1.0, name: str = "boot", rim: float = 0.5) -> Part:
    """A boot planted on the floor; `toe` -1 points it left, +1 right; k foreshortens it (3/4 view)."""
    g = shoe(ankle, G, toe, k, 1.0)

    def d(ink: Ink, p: Part) -> None:
        ink.fill(box(0, G - 7, W, G + 2), CLOTH_SH, 0.8, p.geom)
    return Part(name, g, BOOT, details=[d], rim=rim, shade=0.6)


def leg(hip, knee, ankle, back: float, name: str, bend: float = 0.0, rim: float = 0.8, inner_rim: float = 0.2) -> Part:
    """A trouser leg hip -> knee -> ankle. `back` +1: the back of the leg (calf, seat) is on the
    screen-right (he faces left), -1 on the left. Loose cloth over a leg: the thigh full, the
    knee narrow, the calf fuller behind, a slim ankle, the cloth breaking over the boot."""
    kn = add(knee, -back * bend, 0)
    g = trouser_leg(hip, kn, ankle, back, 20, (40, 37, 27, 24, 27.5, 17, 20))
    # the knee pushes the cloth forward a little (the outline breaks there; no ball joint)
    g = union(g, ellipse(kn[0] - back * 16, kn[1] - 8, 7, 20, -back * 6))

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        kx, ky = kn
        f = -back
        edge_line(ink, [(kx + f * 14, ky - 14), (kx + f * 2, ky - 2), (kx - f * 12, ky + 4)], 3, CLOTH_SH, 0.5, c)
        # the break over the boot: two short folds above the hem
        ax, ay = ankle
        edge_line(ink, [(ax + f * 16, ay - 10), (ax + f * 2, ay - 2), (ax - f * 12, ay + 2)], 3, CLOTH_SH, 0.55, c)
        edge_line(ink, [(ax + f * 14, ay - 30), (ax, ay - 22), (ax - f * 10, ay - 20)], 2.5, CLOTH_SH, 0.4, c)
    return Part(name, g, TROUSERS, details=[d], rim=rim, inner_rim=inner_rim)


def torso(SL, SR, HL, HR, neck, facing: float, name: str = "torso", hem: float = 34, tilt_hem: float = 0.0,
          chest: float = 1.0, folds=None) -> Part:
    """The shirt from the shoulders to its hem over the hips. `facing` -1: the chest faces left (its
    front bulges on the left edge, the back and the shoulder blade are on the right), +1 the other
    way, 2: the back to the camera. The shoulders slope from the neck (the trapezius); the round
    of the shoulder (the deltoid) belongs to the arms. The cloth wraps the body: a shadow under
    the chest where the shirt falls away from it, folds that follow the pose (`folds`: a list of
    (points, width) pulled by the arms; a default set hangs from the armpits), and a hem that
    turns, scalloped where the folds end, its turned-under edge in shadow with a lit lip."""
    f = facing if abs(facing) <= 1 else 0
    fl = 12 * chest if f < 0 else 0
    fr = 12 * chest if f > 0 else 0
    bl = 6 if f > 0 else 0
    br = 6 if f < 0 else 0
    ln, rn = shoulder_line(neck, SL, -1), shoulder_line(neck, SR, 1)
    mid = lerp(HL, HR, 0.5)
    # the hem seen a little from below: the near side rises, scalloped where the folds end
    hem_pts = [add(HL, -20, hem - 2), add(HL, -14, hem + 3), add(lerp(HL, mid, 0.5), 0, hem + 5 + tilt_hem * 0.5),
               add(lerp(HL, mid, 0.8), 0, hem + 1 + tilt_hem), add(mid, 0, hem + 4 + tilt_hem),
               add(lerp(mid, HR, 0.35), 0, hem + 1 + tilt_hem * 0.6), add(lerp(mid, HR, 0.7), 0, hem + 4), add(HR, 16, hem + 2), add(HR, 20, hem - 3)]
    pts = [add(ln[0], 3, -18)] + ln[:3] + [add(SL, 9 - bl, 40),
           add(SL, 10 - fl, 84), add(lerp(SL, HL, 0.62), -2 - fl * 0.3, 0), add(lerp(SL, HL, 0.82), -8, 0),
           add(lerp(SL, HL, 0.94), -14, 0), add(HL, -22, 14)] + \
        hem_pts + [add(HR, 22, 14), add(lerp(SR, HR, 0.94), 13, 0),
           add(lerp(SR, HR, 0.82), 7, 0), add(lerp(SR, HR, 0.62), 3 + fr * 0.3, 0), add(SR, -10 + fr, 84),
           add(SR, -9 + br, 40)] + rn[:3][::-1] + [add(rn[0], -3, -18)]
    g = crumple(shape(pts, 6), 11 + int(SL[0]), top_y_of(SL, SR) + 70, step=56, depth=2.2)
    top_y = min(SL[1], SR[1])
    if folds is None:
        # hanging free: short folds from the armpits, the cloth gathering above the hem (ending above
        # the turned hem: a lit ridge across its lit lip reads as a stitched cross)
        folds = [([add(SL, 18, 62), add(SL, 26, 96), add(SL, 26, 132)], 4),
                 ([add(SR, -18, 64), add(SR, -26, 98), add(SR, -24, 130)], 4),
                 ([add(HL, 10, -24), add(HL, 6, hem - 18)], 3.5), ([add(mid, 16, -16), add(mid, 18, hem - 16)], 3)]

    # wherever the pose puts them, cloth gathers the same way: short folds fanning from each
    # armpit (the belt's gathers crossed the hanging folds and read as stitched crosses: gone)
    # (in the shadow layer only: their ridges are too small to catch the rim, and a lit ridge
    # across a hanging fold reads as a stitch)
    gathers = [([add(SL, 14, 60), add(SL, 24, 86), add(SL, 30, 112)], 2.6),
               ([add(SR, -14, 62), add(SR, -24, 88), add(SR, -28, 112)], 2.6)]

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        # the chest: the shirt falls away under it, its underside in shadow (front of the figure)
        cx = lerp(SL, SR, 0.42 if f < 0 else 0.58)
        under = shape([add(SL, 14, 100), (cx[0], top_y + 112), add(SR, -20, 104), add(SR, -24, 122), (cx[0] + 4, top_y + 134),
                       add(SL, 18, 118)], 5)
        ink.fill(under, CLOTH_SH, 0.18, c)
        # the side away from the light turns into shadow in one flat step (the torso is round)
        ink.fill(c.difference(shift(c, 26 if f <= 0 else 18, 0)), CLOTH_SH, 0.28, c)
        for fp, fw in folds:
            fold(ink, fp, fw, CLOTH_SH, SHIRT.lit, c, 0.5, ridge=1.1)
        for fp, fw in gathers:
            fold(ink, fp, fw, CLOTH_SH, SHIRT.lit, c, 0.4, ridge=0.5)
        # the hem turns: its turned-under edge in shadow, a lit lip where it folds
        band = c.difference(shift(c, 0, -9)).intersection(box(0, mid[1] + 8, W, H))
        ink.fill(band, CLOTH_SH, 0.55)
        lip = c.difference(shift(c, 0, -11)).difference(c.difference(shift(c, 0, -8))).intersection(
            box(0, mid[1] + 8, mid[0] + 10, H))
        ink.fill(lip, SHIRT.lit, 0.4)
        # the neckline
        edge_line(ink, [add(neck, -18, -8), add(neck, 0, 4), add(neck, 18, -8)], 3.5, CLOTH_SH, 0.6, c)
    return Part(name, g, SHIRT, details=[d], rim=0.75, inner_rim=0.25, rim_folds=list(folds))


def neck_part(neck, head: Head) -> Part:
    top = head.pt(0.06, 0.3)
    # a neck with mass: the back of it (the nape, into the trapezius) fuller than the throat;
    # limb()'s left side is screen-right when it runs upward
    front, back = [24, 21, 18, 17.5], [26, 25.5, 22.5, 20]
    g = limb([add(neck, 0, 22), add(neck, 0, 6), lerp(neck, top, 0.5), top], *((front, back) if head.mirror else (back, front)))
    # the skin ends at the crew neckline: nothing of the neck shows below the collar
    collar = [add(neck, -60, -14), add(neck, -30, -6), add(neck, -14, 10), add(neck, 4, 14), add(neck, 22, 6), add(neck, 32, -6),
              add(neck, 60, -14)]
    g = g.intersection(poly(collar + [add(neck, 60, -400), add(neck, -60, -400)]))

    def d(ink: Ink, p: Part) -> None:
        # the crew neckline wraps the base of the neck: a curved band of cloth over it
        band = limb([add(neck, -30, -10), add(neck, -14, 6), add(neck, 4, 10), add(neck, 22, 2), add(neck, 32, -10)],
                    [3, 5, 5.5, 5, 3])
        ink.fill(band.intersection(p.geom), SHIRT.base, 1.0)
        ink.fill(band.intersection(p.geom).difference(shift(band, 0, -3)), CLOTH_SH, 0.6)
        # the long muscle from behind the ear to the collarbone: a soft shadow line down the neck
        ear = head.pt(0.2, 0.12)
        edge_line(ink, [ear, lerp(ear, add(neck, 0, 8), 0.5), add(neck, -6 if not head.mirror else 6, 10)], 3, SKIN_SH, 0.45, p.geom)
        # the shadow the jaw throws on the neck
        ink.fill(shape([add(top, -22, -6), add(top, 20, -8), add(top, 16, 16), add(top, -14, 10)], 4), SKIN_SH, 0.55, p.geom)
    return Part("neck", g, SKIN, details=[d], rim=0.6, inner_rim=0.3, shade=0.5)


def creased(cs, col=SKIN_SH, op: float = 0.55):
    def d(ink: Ink, p: Part) -> None:
        for c in cs:
            edge_line(ink, c, 2.2, col, op, p.geom)
    return d


def arm(sh, el, wr, name: str, sleeve: str, skin: Mat, seed: int = 1, rim: float = 0.8, inner_rim: float = 0.3,
        back: float = 1.0, neck=None, sag: float = 6.0) -> list[Part]:
    """A whole arm: one contour from the shoulder to the wrist, the deltoid's round at the top.
    `sleeve` "pushed": the left sleeve pushed up to just under the elbow, gathered there, the
    forearm bare; "torn": the right sleeve torn away above the elbow, a rag hanging from the tear,
    the swollen arm bare below it. Back to front: the bare arm, the sleeve, the rag."""
    swollen = skin is SWOLLEN
    k = 1.1 if swollen else 1.0
    bare = union(arm_outline(sh, el, wr, (24, 19.5, 16 * k, 17.5 * k, 11 * k), back), deltoid(sh, el, 23))
    a1 = math.atan2(el[1] - sh[1], el[0] - sh[0])
    a2 = math.atan2(wr[1] - el[1], wr[0] - el[0])
    bent = abs(math.degrees((a2 - a1 + math.pi) % (2 * math.pi) - math.pi)) > 40
    if swollen and bent:
        # the injured forearm held up: not a plank but a limb with weight, swollen in its middle,
        # sagging a little between the elbow and the wrist, the wrist narrow where the hand hangs
        fx, fy = wr[0] - el[0], wr[1] - el[1]
        fn = math.hypot(fx, fy) or 1.0
        nx, ny = fy / fn, -fx / fn
        if ny < 0:
            nx, ny = -nx, -ny          # the sag points down the screen
        fore = limb([el, (lerp(el, wr, 0.38)[0] + nx * sag, lerp(el, wr, 0.38)[1] + ny * sag),
                     (lerp(el, wr, 0.75)[0] + nx * sag * 0.6, lerp(el, wr, 0.75)[1] + ny * sag * 0.6), wr],
                    [16, 24, 18, 10.5], [16, 19, 15, 10], n=10)
        up = limb([lerp(sh, el, 0.16), lerp(sh, el, 0.5), el], [24, 21, 17.5])
        bare = union(up, fore, ellipse(el[0], el[1], 17.5, 17.5), deltoid(sh, el, 23))
    cloth_full = union(arm_outline(sh, el, wr, (25.5, 20.5, 18.5, 20, 14), back), deltoid(sh, el, 25))
    if neck is not None:
        bare, cloth_full = clip_to_shoulder(bare, neck, sh), clip_to_shoulder(cloth_full, neck, sh)
    if sleeve == "pushed":
        bent = abs(math.degrees(math.atan2(wr[1] - el[1], wr[0] - el[0]) - math.atan2(el[1] - sh[1], el[0] - sh[0]))) % 360
        if min(bent, 360 - bent) < 40:
            end, toward = lerp(el, wr, 0.16), wr
        else:
            # a sharply bent arm: the pushed sleeve ends across the elbow, square to the upper arm
            end, toward = lerp(sh, el, 1.02), add(el, (el[0] - sh[0]) * 0.5, (el[1] - sh[1]) * 0.5)
        sl = crumple(sleeve_end(cloth_full, end, toward, 1.5, seed), seed + 5, sh[1] + 50, step=56, depth=2.2)

        def sd(ink: Ink, p: Part) -> None:
            c = p.geom
            # the gathered cloth above the roll: two short folds across the arm
            ux, uy = (toward[0] - end[0]), (toward[1] - end[1])
            n = math.hypot(ux, uy) or 1.0
            ux, uy = ux / n, uy / n
            nx, ny = -uy, ux
            # pushed-up cloth bunches in short zigzag folds, not rings
            for t, wv, tl in ((-9, 13, 7), (-25, 11, -8), (-44, 9, 6)):
                cx, cy = end[0] + ux * t, end[1] + uy * t
                fold(ink, [(cx - nx * wv - ux * tl, cy - ny * wv - uy * tl), (cx, cy), (cx + nx * wv + ux * tl, cy + ny * wv + uy * tl)],
                     2.6, CLOTH_SH, SHIRT.lit, c, 0.5, ridge=0.9)
        return [Part(name + "_skin", bare, skin, rim=rim, inner_rim=inner_rim, shade=0.7),
                Part(name, sl, SHIRT, details=[sd], rim=rim, inner_rim=inner_rim)]
    # the tear: the sleeve ends in a ragged edge across the arm, 40 % of the way down
    rnd = random.Random(seed)
    cut_a = lerp(sh, el, 0.42)
    dx, dy = el[0] - sh[0], el[1] - sh[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    nx, ny = -uy, ux
    edge = []
    for i in range(9):
        t = i / 8 - 0.5
        j = rnd.uniform(-1, 1) * 9 + (12 if i % 2 else -4)
        edge.append((cut_a[0] + nx * t * 80 + ux * j, cut_a[1] + ny * t * 80 + uy * j))
    up = [(p[0] - ux * 300, p[1] - uy * 300) for p in (edge[0], edge[-1])]
    sl = crumple(cloth_full.intersection(shape([up[0]] + edge + [up[1]], 1).buffer(0)), seed + 5, sh[1] + 40, step=56, depth=2.2)
    rag_root = edge[5]
    rag = limb([rag_root, (rag_root[0] + ux * 30 + nx * 4, rag_root[1] + uy * 30 + ny * 4),
                (rag_root[0] + ux * 52 + nx * 2, rag_root[1] + uy * 52 + ny * 2)], [6, 4.5, 1])

    def td(ink: Ink, p: Part) -> None:
        edge_line(ink, edge, 3, CLOTH_SH, 0.8, p.geom)
    return [Part(name + "_skin", bare, skin, rim=rim, inner_rim=inner_rim, shade=0.7),
            Part(name, sl, SHIRT, details=[td], rim=rim, inner_rim=inner_rim),
            Part(name + "_rag", rag, SHIRT, rim=rim * 0.8, inner_rim=0.3, shade=0.3)]


def hand_part(name: str, g, mat: Mat, rim: float = 0.7, inner_rim: float = 0.5) -> Part:
    """A hand from one of figure.py's hand shapes: (silhouette, creases) or a bare silhouette."""
    if isinstance(g, tuple):
        g, cs = g
        return Part(name, g, mat, details=[creased(cs)], rim=rim, inner_rim=inner_rim, shade=0.6)
    return Part(name, g, mat, rim=rim, inner_rim=inner_rim, shade=0.6)


def belt(HL, HR) -> Part:
    a, b = add(HL, -8, -6), add(HR, 8, -6)
    g = limb([a, lerp(a, b, 0.5), b], [8, 8, 8])
    return Part("belt", g, BELT, rim=0.3, inner_rim=0.15, shade=0.3)


# ================================================================================ head and hair
def hair(head: Head, mood: str = "", seed: int = 3) -> list:
    """Black spikes swept up and back from the crown, two falling over the brow. Drawn in the head's
    own units (facing left), so it turns and tilts with the head."""
    rnd = random.Random(seed)
    cap = head.pt_list([(-0.27, -0.2), (-0.24, -0.38), (-0.1, -0.52), (0.12, -0.54), (0.3, -0.44), (0.4, -0.24), (0.4, 0.0),
                        (0.34, 0.14), (0.24, 0.06), (0.1, -0.14), (-0.1, -0.2)])
    parts = [shape(cap, 6)]
    root = (0.08, -0.18)
    for ang, ln, wd in ((-30, 0.42, 0.24), (-8, 0.52, 0.28), (14, 0.6, 0.3), (36, 0.66, 0.3), (58, 0.66, 0.3), (80, 0.6, 0.28),
                        (102, 0.5, 0.26), (124, 0.4, 0.22), (146, 0.3, 0.18), (2, 0.4, 0.2), (46, 0.48, 0.2), (92, 0.44, 0.2)):
        a = math.radians(ang + rnd.uniform(-6, 6))
        r0 = (root[0] + math.sin(a) * 0.2, root[1] - math.cos(a) * 0.18)
        bend = math.radians(ang + 20)
        m = (r0[0] + math.sin(a) * ln * 0.5, r0[1] - math.cos(a) * ln * 0.5)
        tip = (m[0] + math.sin(bend) * ln * 0.55, m[1] - math.cos(bend) * ln * 0.55)
        parts.append(limb(head.pt_list([r0, m, tip]), [wd * HS * 0.5, wd * HS * 0.28, 0.5]))
    for pts, w in (([(-0.1, -0.4), (-0.22, -0.28), (-0.3, -0.14), (-0.3, -0.04)], 0.18),
                   ([(0.0, -0.42), (-0.1, -0.3), (-0.16, -0.16), (-0.15, -0.06)], 0.14),
                   ([(-0.16, -0.44), (-0.3, -0.34), (-0.4, -0.24)], 0.14)):
        parts.append(limb(head.pt_list(pts), [w * HS * 0.5, w * HS * 0.4, w * HS * 0.22, 0.5]))
    return parts


def hair_locks(head: Head, mood: str = "", seed: int = 3) -> list[Part]:
    """The hair as separate locks: the cap, then each spike over it (back to front), so the rim
    catches the lit edge of every lock, not only the outline of the whole mass."""
    pieces = hair(head, mood, seed)
    out = [Part("hair", pieces[0], HAIR, rim=1.0, inner_rim=0.45, shade=0.4)]
    for i, sp in enumerate(pieces[1:]):
        def d(ink: Ink, p: Part, sp=sp) -> None:
            # the lock's underside in shadow, its root darker where it leaves the cap
            ink.fill(sp.difference(shift(sp, -3, 3)), CLOTH_SH, 0.6, p.geom)
        out.append(Part(f"hair_lock{i}", sp, HAIR, details=[d], rim=1.0, inner_rim=0.9, shade=0.22))
    return out


def head_parts(head: Head, mood: str) -> list[Part]:
    face = Part("face", head.geom, SKIN, details=[face_details(head, SKIN_SH, EYE, mood)], rim_details=[face_rim(head, 0.7)],
                rim=1.0, inner_rim=0.0, shade=0.8)
    return [face] + hair_locks(head, mood)


# ================================================================================ poses
# Joints (canvas px): crown ~82, chin ~198, shoulders ~254, elbows ~430 when the arms hang,
# wrists ~545, hip joints ~498, knees ~710, ankles ~912, soles 956. The hand is 84 long.
def wall_legs() -> list[Part]:
    """Back to the wall, weight on the left leg (screen right), the right knee loose."""
    HL, HR = (320, 502), (396, 494)
    return [foot((294, 914), -1, 0.8, "boot_r", rim=0.7), leg(HL, (310, 714), (292, 914), 1, "leg_r", bend=9),
            foot((400, 912), -1, 0.6, "boot_l", rim=0.35), leg(HR, (398, 708), (400, 912), 1, "leg_l", rim=0.35)]


def wall_upper(mood: str) -> list[Part]:
    """Hurt: the right arm held against his chest, the left hand cradling its forearm; scared: the
    same, shoulders up and the head pulled back against the wall; testing: the right forearm
    lowered and held out, the fingers tried, the left arm hanging."""
    HL, HR = (320, 502), (396, 494)
    if mood == "scared":
        SL, SR, neck = (290, 246), (426, 252), (358, 230)
        head = Head((352, 142), HS, "left", "34", tilt=-6)
        ER, WR, EL, WL = (292, 428), (376, 386), (442, 440), (398, 418)
    elif mood == "testing":
        SL, SR, neck = (286, 258), (424, 266), (354, 240)
        head = Head((334, 156), HS, "left", "34", tilt=16)
        ER, WR, EL, WL = (270, 428), (226, 524), (450, 432), (438, 544)
    else:
        SL, SR, neck = (288, 256), (424, 266), (354, 238)
        head = Head((340, 152), HS, "left", "34", tilt=8)
        ER, WR, EL, WL = (290, 440), (374, 398), (444, 452), (396, 430)
    parts: list[Part] = []
    if mood == "testing":
        parts += arm(SL, ER, WR, "arm_r", "torn", SWOLLEN, seed=2, rim=1.0, neck=neck)
        parts.append(torso(SL, SR, HL, HR, neck, -1, tilt_hem=-4))
        parts.append(neck_part(neck, head))
        parts.append(hand_part("hand_l", hand_hanging(WL, 94, 92, True, 0.35), SKIN, rim=0.5))
        parts += arm(SR, EL, WL, "arm_l", "pushed", SKIN, rim=0.35, inner_rim=0.3, neck=neck)
        # the injured hand held out, the fingers tried: open, a little apart
        parts.insert(0, hand_part("hand_r", hand_open(WR, 120, 84, True, 0.35), SWOLLEN, rim=1.0))
    else:
        # the cloth pulled by the arms: from the right armpit down to the held forearm, from the
        # left armpit across toward the cradling hand; under the arms it hangs to the belt
        folds = [([add(SL, 22, 66), add(SL, 34, 104), add(ER, 30, -36)], 4.5),
                 ([add(SR, -20, 66), add(SR, -32, 100), add(SR, -40, 132)], 4.5),
                 ([add(SR, -14, 120), add(SR, -24, 146), add(SR, -26, 168)], 3.5),
                 ([add(ER, 30, 30), add(ER, 36, 52), add(HL, 8, 22)], 3.5),
                 ([add(EL, -22, 14), add(EL, -24, 36), add(HR, -8, 24)], 3.5)]
        parts.append(torso(SL, SR, HL, HR, neck, -1, tilt_hem=-4, folds=folds))
        parts.append(neck_part(neck, head))
        parts += arm(SR, EL, WL, "arm_l", "pushed", SKIN, rim=0.35, inner_rim=0.3, neck=neck)
        # the injured hand hangs limp from the wrist in front of his belly, the fingers barely curled
        parts.append(hand_part("hand_r", hand_hanging(add(WR, 2, 0), 96, 86, False, 0.15), SWOLLEN, rim=0.6))
        parts += arm(SL, ER, WR, "arm_r", "torn", SWOLLEN, seed=2, rim=1.0, neck=neck, sag=8)
        # the good hand comes from under it and closes over the forearm near the wrist, holding
        # the arm against him: its fingers wrap the top of the forearm
        parts.append(hand_part("hand_l", hand_fist(WL, 196, 70, False), SKIN, rim=0.8, inner_rim=0.5))
    parts += head_parts(head, "scared" if mood == "scared" else "hurt")
    return turn(parts, {"scared": 3.0, "testing": -2.0}.get(mood, 1.5), lerp(HL, HR, 0.5))


def door_legs() -> list[Part]:
    """At the door, the whole body turned to it (right, in profile, a little of his back to the
    room): a short stride, the far (left) foot forward under the lever, the weight coming onto
    it; the near (right) leg behind, its knee eased, the heel light."""
    HL, HR = (342, 500), (366, 496)
    return [foot((392, 910), 1, 1.0, "boot_l", rim=0.35), leg(HR, (384, 706), (392, 910), -1, "leg_l", rim=0.35, bend=4),
            foot((318, 912), 1, 1.0, "boot_r", rim=0.8), leg(HL, (334, 712), (318, 912), -1, "leg_r", bend=10, rim=0.9)]


def torso_profile(neck, hip, hem: float = 34, folds=()) -> Part:
    """The shirt seen from the side, facing right, a little of the back showing: the back's
    contour (the nape, the shoulder blade, the small of the back) on the left, the chest and the
    belly on the right, the hem turning around the hip."""
    nx, ny = neck
    hx, hy = hip
    pts = [(nx - 10, ny - 6), (nx - 34, ny + 14), (nx - 50, ny + 60), (nx - 52, ny + 120), (hx - 40, hy - 90), (hx - 42, hy - 30),
           (hx - 46, hy + 10), (hx - 44, hy + hem), (hx - 20, hy + hem + 5), (hx + 20, hy + hem + 2), (hx + 48, hy + hem - 6),
           (hx + 52, hy + 6), (hx + 54, hy - 50), (hx + 58, hy - 120), (nx + 62, ny + 90), (nx + 56, ny + 40), (nx + 36, ny + 14),
           (nx + 18, ny)]
    g = crumple(shape(pts, 6), 17, ny + 70, step=56, depth=2.2)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        # the shoulder blade under the cloth, the side turning into shadow toward the front
        ink.fill(c.difference(shift(c, 30, 0)), CLOTH_SH, 0.3, c)
        for fp, fw in folds:
            fold(ink, fp, fw, CLOTH_SH, SHIRT.lit, c, 0.5, ridge=1.1)
        band = c.difference(shift(c, 0, -9)).intersection(box(0, hy + 8, W, H))
        ink.fill(band, CLOTH_SH, 0.55)
        lip = c.difference(shift(c, 0, -11)).difference(c.difference(shift(c, 0, -8))).intersection(box(0, hy + 8, hx, H))
        ink.fill(lip, SHIRT.lit, 0.4)
        edge_line(ink, [(nx - 8, ny - 4), (nx + 6, ny + 6), (nx + 20, ny + 4)], 3.5, CLOTH_SH, 0.6, c)
    return Part("torso", g, replace(SHIRT, rim_width=1.5), details=[d], rim=1.0, inner_rim=0.25, rim_folds=list(folds))


def sliver(w: float, op: float, hide):
    """A rim detail: a line of light `w` canvas px wide along the part's edges that face the rim
    light, drawn whether or not the rest of the figure stands between that edge and the glass (an
    arm held over the chest: the sliver that keeps it apart from the shirt behind it). `hide`: the
    parts drawn in front of this one (the line stops under them)."""
    ln = math.hypot(*RIM_LIGHT)
    lx, ly = RIM_LIGHT[0] / ln, RIM_LIGHT[1] / ln

    def r(ink: Ink, p: Part, vis) -> None:
        g = p.geom.difference(hide)
        core = p.geom.difference(shift(p.geom, -lx * w, -ly * w)).intersection(g)
        halo = p.geom.difference(shift(p.geom, -lx * w * 2.2, -ly * w * 2.2)).intersection(g).difference(core)
        ink.fill(core, (255, 255, 255), op)
        ink.fill(halo, (255, 255, 255), op * 0.3)
    return r


def door_upper(turning: bool) -> list[Part]:
    """Door: turned three-quarters toward the door on the right, his back to the room; the left
    hand closed on the lever (canvas ~(442..486, 439) at the `door` mark), the right arm hugged to
    the chest, the head bowed toward the door. Turning: the hand off the lever, the shoulders and
    the head turned back toward the room over his right shoulder."""
    HL, HR = (330, 500), (394, 494)
    parts: list[Part] = []
    if not turning:
        # the whole body turned to the door (profile, facing right, a little of his back to the
        # room), the head bowed over the lever. The far (left, good) hand is closed on the lever;
        # the near (right, injured) arm is hugged to his chest, the hand limp against it.
        neck = (356, 236)
        head = Head((380, 160), HS, "right", "profile", tilt=16)
        SN, SF = (348, 264), (378, 256)          # the near (right) and far (left) shoulders
        EF, WF = (404, 372), (444, 428)
        parts.append(hand_part("hand_l", hand_fist(WF, 6, 72, True), SKIN, rim=0.3, inner_rim=0.3))
        parts += arm(SF, EF, WF, "arm_l", "pushed", SKIN, rim=0.3, inner_rim=0.2, back=-1)
        folds = [([(330, 300), (320, 360), (322, 420)], 4.5), ([(392, 300), (384, 330), (372, 352)], 4),
                 ([(360, 440), (374, 470), (380, 520)], 4), ([(320, 450), (318, 490), (312, 526)], 3.5),
                 # under the elbow the shirt gathers where the arm presses it to his side
                 ([(338, 448), (346, 480), (344, 514)], 3.5)]
        parts.append(torso_profile(neck, lerp(HL, HR, 0.5), folds=folds))
        parts.append(neck_part(neck, head))
        EN, WN = (352, 424), (416, 356)
        parts.append(hand_part("hand_r", hand_hanging(add(WN, 2, 0), 78, 84, False, 0.15), SWOLLEN, rim=0.5))
        near = arm(SN, EN, WN, "arm_r", "torn", SWOLLEN, seed=5, rim=1.0, sag=5)
        # the torn sleeve: a fold winding from the shoulder point toward the tear
        near[1].rim_folds.append(([(334, 278), (328, 302), (331, 326)], 3.6, 0.9))
        parts += near
        parts += head_parts(head, "hurt")
        parts = turn(parts, 2.0, lerp(HL, HR, 0.5))
        # (after the turn: a sliver is worked out on the turned shapes)
        # the arm lies over the shirt, so the figure's own shadow would leave its edge dark and arm
        # and chest would read as one block: the light grazing past his back catches the round of
        # the shoulder, the back of the upper arm and the top of the forearm
        lines = {"torso": (2.0, 0.4), "arm_r": (2.6, 0.75), "arm_r_skin": (2.4, 0.7)}
        for i, p in enumerate(parts):
            if p.name in lines:
                p.rim_details.append(sliver(*lines[p.name], union(*[q.geom for q in parts[i + 1:]])))
        return parts
    SL, SR, neck = (294, 254), (418, 254), (354, 236)
    head = Head((336, 154), HS, "left", "34", tilt=4)
    EL, WL = (440, 430), (436, 544)
    parts.append(torso(SL, SR, HL, HR, neck, -1, tilt_hem=0))
    parts.append(neck_part(neck, head))
    parts.append(hand_part("hand_l", hand_hanging(WL, 92, 92, True, 0.4), SKIN, rim=0.5))
    parts += arm(SR, EL, WL, "arm_l", "pushed", SKIN, rim=0.3, inner_rim=0.2, neck=neck)
    # the injured forearm still held against him, low, the hand hanging limp from the wrist
    ER, WR = (292, 436), (372, 392)
    parts.append(hand_part("hand_r", hand_hanging(add(WR, 2, 0), 94, 86, False, 0.15), SWOLLEN, rim=0.6))
    parts += arm(SL, ER, WR, "arm_r", "torn", SWOLLEN, seed=5, rim=1.0, neck=neck, sag=8)
    parts += head_parts(head, "hurt")
    parts = turn(parts, -1.5, lerp(HL, HR, 0.5))
    # the forearm across his belly: a line of light along its top keeps it off the shirt
    for i, p in enumerate(parts):
        if p.name == "arm_r_skin":
            p.rim_details.append(sliver(2.4, 0.65, union(*[q.geom for q in parts[i + 1:]])))
    return parts


def straight_legs() -> list[Part]:
    """Standing straight, feet under the hips, the weight a little more on the left leg (screen
    right): that hip higher, the right knee just eased."""
    HL, HR = (322, 500), (396, 494)
    return [foot((306, 912), -1, 0.75, "boot_r", rim=0.7), leg(HL, (314, 712), (306, 912), 1, "leg_r", bend=3),
            foot((400, 912), -1, 0.6, "boot_l", rim=0.35), leg(HR, (398, 706), (400, 912), 1, "leg_l", rim=0.35)]


def straight_upper(mood: str) -> list[Part]:
    """Resolute: shoulders square, chin up, the right arm hanging, its fingers half open; arm_raised:
    the right forearm lifted in front of him, the swollen hand open toward Sephiroth."""
    HL, HR = (322, 500), (396, 494)
    SL, SR, neck = (286, 256), (424, 258), (354, 236)
    head = Head((342, 148), HS, "left", "34", tilt=-5 if mood == "resolute" else 3)
    parts: list[Part] = []
    if mood == "arm_raised":
        ER, WR = (246, 380), (216, 266)
    else:
        ER, WR = (282, 430), (264, 546)
    if mood != "arm_raised":
        parts.append(hand_part("hand_r", hand_hanging(WR, 98, 92, True, 0.3), SWOLLEN, rim=1.0))
        parts += arm(SL, ER, WR, "arm_r", "torn", SWOLLEN, seed=7, rim=1.0, neck=neck)
    parts.append(torso(SL, SR, HL, HR, neck, -1))
    parts.append(neck_part(neck, head))
    EL, WL = (444, 430), (436, 546)
    parts.append(hand_part("hand_l", hand_hanging(WL, 96, 92, True, 0.5 if mood == "resolute" else 0.3), SKIN, rim=0.3))
    parts += arm(SR, EL, WL, "arm_l", "pushed", SKIN, rim=0.3, neck=neck)
    if mood == "arm_raised":
        parts.append(hand_part("hand_r", hand_open(WR, -98, 86, False, 0.5), SWOLLEN, rim=1.0))
        parts += arm(SL, ER, WR, "arm_r", "torn", SWOLLEN, seed=7, rim=1.0, neck=neck)
    parts += head_parts(head, "resolute" if mood == "resolute" else "easy")
    return turn(parts, 0.0 if mood == "resolute" else -2.5, lerp(HL, HR, 0.5))


def leaning() -> list[Part]:
    """Dawn, easy: the left shoulder on the doorway's right jamb (canvas x ~ 390 at
    `bedroom_door`: he stands left of the anchor), ankles crossed, arms loosely folded, the
    good arm over the healing one, the head tilted toward Sephiroth."""
    lean = 4.0
    piv = (330, G)
    dx = -44
    HL, HR = (322 + dx, 498), (396 + dx, 496)
    SL, SR, neck = (286 + dx, 258), (426 + dx, 262), (356 + dx, 240)
    head = Head((342 + dx, 152), HS, "left", "34", tilt=3)
    parts: list[Part] = [foot((356 + dx + 10, 912), -1, 0.6, "boot_l", rim=0.4),
                         leg(HR, (392 + dx, 708), (366 + dx, 912), 1, "leg_l", rim=0.4),
                         foot((408 + dx, 914), -1, 0.8, "boot_r", rim=0.7),
                         leg(HL, (330 + dx, 712), (408 + dx, 914), 1, "leg_r", bend=4)]
    ER, EL = (274 + dx, 428), (444 + dx, 430)
    parts.append(torso(SL, SR, HL, HR, neck, -1))
    parts.append(neck_part(neck, head))
    WR = (420 + dx, 390)
    parts.append(hand_part("hand_r", hand_fist(WR, 16, 66, True), SWOLLEN, rim=0.4))
    parts += arm(SL, ER, WR, "arm_r", "torn", SWOLLEN, seed=9, rim=1.0, neck=neck)
    WL = (302 + dx, 394)
    parts += arm(SR, EL, WL, "arm_l", "pushed", SKIN, rim=0.4, inner_rim=0.4, neck=neck)
    parts.append(hand_part("hand_l", hand_fist(WL, 196, 68, False), SKIN, rim=0.9, inner_rim=0.5))
    parts += head_parts(head, "easy")
    return turn(parts, lean, piv)


# ---- the barracks (leave ending): seated on the floor, the splint ------------------------------
WOOD = Mat((40, 30, 21), (86, 66, 46), (20, 14, 9), rim=0.7, rim_width=1.0)
STRIP = Mat((52, 50, 54), (96, 92, 96), (26, 25, 28), rim=0.8, rim_width=1.0)   # a strip torn from a shirt: paler than his


def _rot(p, ang, piv):
    a = math.radians(ang)
    x, y = p[0] - piv[0], p[1] - piv[1]
    return (piv[0] + x * math.cos(a) - y * math.sin(a), piv[1] + x * math.sin(a) + y * math.cos(a))


def splint_parts(el, wr, wraps=(0.3, 0.72), end=1.32, start=-0.12, off=-9.0) -> list[Part]:
    """A broom handle lying along the top of a forearm (elbow -> wrist) from a little behind the
    elbow to past the wrist, and strips of cloth wound round both (`wraps`: where, 0 = elbow,
    1 = wrist)."""
    ux, uy = wr[0] - el[0], wr[1] - el[1]
    n = math.hypot(ux, uy) or 1.0
    nx, ny = uy / n, -ux / n
    if ny > 0:
        nx, ny = -nx, -ny            # toward the top of the screen
    a = (el[0] + ux * start + nx * -off, el[1] + uy * start + ny * -off)
    b = (el[0] + ux * end + nx * -off, el[1] + uy * end + ny * -off)
    stick = ribbon([a, lerp(a, b, 0.5), b], 10.5, caps=True)

    def grain(ink: Ink, p: Part) -> None:
        edge_line(ink, [lerp(a, b, 0.05), lerp(a, b, 0.95)], 1.2, (14, 10, 7), 0.35, p.geom)
    out = [Part("splint", stick, WOOD, details=[grain], rim=0.75, inner_rim=0.6, shade=0.5)]
    for i, t in enumerate(wraps):
        c = lerp(el, wr, t)
        band = ribbon([(c[0] + nx * 26 - ux / n * 4, c[1] + ny * 26 - uy / n * 4), c,
                       (c[0] - nx * 22 + ux / n * 5, c[1] - ny * 22 + uy / n * 5)], 15)

        def creases(ink: Ink, p: Part, c=c) -> None:
            edge_line(ink, [(c[0] + nx * 20, c[1] + ny * 20), (c[0] - nx * 18, c[1] - ny * 18)], 1.6, CLOTH_SH, 0.5, p.geom)
        out.append(Part(f"strip{i}", band, STRIP, details=[creases], rim=0.8, inner_rim=0.6, shade=0.5))
    return out


def floor_legs(HN, HF, kn, an, kf, af, far_flat: bool = False) -> list[Part]:
    """Sitting on the floor facing right: the far (left) leg, then the near (right) one. Knees up
    unless `far_flat` (the far leg stretched out along the floor, the boot upright on its heel)."""
    out: list[Part] = []
    if far_flat:
        g = shape([(af[0] - 14, af[1] - 60), (af[0] + 12, af[1] - 66), (af[0] + 24, af[1] - 40), (af[0] + 22, af[1] + 10),
                   (af[0] + 6, af[1] + 48), (af[0] - 16, af[1] + 50), (af[0] - 20, af[1] + 10)], 4)
        out.append(Part("boot_l", g, BOOT, rim=0.35, shade=0.6))
        g = limb([add(HF, -6, 0), lerp(HF, kf, 0.5), kf, lerp(kf, af, 0.5), af], [30, 26, 22, 20, 18], [28, 25, 23, 21, 19])
        out.append(Part("leg_l", union(g, ellipse(kf[0], kf[1] - 6, 24, 18)), TROUSERS, rim=0.35, inner_rim=0.2))
    else:
        out += [foot(af, 1, 0.8, "boot_l", rim=0.35), leg(HF, kf, af, -1, "leg_l", rim=0.35)]
    out += [foot(an, 1, 0.9, "boot_r", rim=0.7), leg(HN, kn, an, -1, "leg_r", rim=0.8)]
    return out


def splinting() -> list[Part]:
    """On the barracks floor between the bunks, his back against a bunk (on the left), facing
    right: knees up; the injured RIGHT forearm (the near one) laid over the near knee with a
    broom handle along its top, a strip of cloth wound round both; the good hand pulling the
    wrap tight from above, the strip's other end in his teeth, the head bowed to it."""
    HN, HF = (304, 906), (352, 900)
    hip = lerp(HN, HF, 0.5)
    kn, an = (452, 730), (520, 914)
    kf, af = (494, 712), (572, 912)
    legs = floor_legs(HN, HF, kn, an, kf, af)
    SN, SF, neck = (286, 666), (398, 662), (340, 646)
    head = Head((392, 578), HS, "right", "34", tilt=30)
    lean = -9.0
    upper = [torso(SN, SF, HN, HF, neck, 1, hem=24, folds=[([add(SN, 20, 60), add(SN, 30, 100), add(SN, 28, 140)], 4),
                                                          ([add(SF, -16, 60), add(SF, -28, 96), add(HF, -20, -40)], 4)]),
             neck_part(neck, head)]
    upper += head_parts(head, "hurt")
    upper = turn(upper, lean, hip)
    sn, sf, nk = _rot(SN, lean, hip), _rot(SF, lean, hip), _rot(neck, lean, hip)
    mouth = _rot(head.pt(-0.16, 0.3), lean, hip)
    head_i = next(i for i, p in enumerate(upper) if p.name == "face")
    # the near (right, injured) arm over the near knee, the broom handle along its top
    EN, WN = (388, 806), (560, 752)
    near = [hand_part("hand_r", hand_hanging(add(WN, 4, 0), 52, 84, True, 0.2), SWOLLEN, rim=0.9)]
    near += arm(sn, EN, WN, "arm_r", "torn", SWOLLEN, seed=11, rim=1.0, neck=nk, sag=3)
    near += splint_parts(EN, WN)
    # the far (left, good) arm reaching over to pull the wrap tight
    EF, WF = (498, 676), (478, 748)
    far = arm(sf, EF, WF, "arm_l", "pushed", SKIN, seed=12, rim=0.5, inner_rim=0.4, neck=nk, back=-1)
    fist = hand_part("hand_l", hand_fist(WF, 72, 66, False), SKIN, rim=0.8, inner_rim=0.6)
    # the strip's loose end, from the wrap near the wrist up to his teeth
    wrap = lerp(EN, WN, 0.72)
    # a strip of cloth pulled taut from the wrap to his teeth: thin, twisting once on the way
    # (narrower where it turns edge-on), not a stick
    a, b = add(wrap, -2, -12), add(mouth, 2, 4)
    mid = lerp(a, b, 0.5)
    tail = ribbon([a, lerp(a, b, 0.28), add(mid, 3, 1), lerp(a, b, 0.75), b], [8, 6.5, 2.5, 6, 5])
    strap = Part("strap_end", tail, STRIP, rim=0.9, inner_rim=0.7, shade=0.4)
    return legs[:2] + upper[:head_i] + legs[2:] + far + near + upper[head_i:] + [strap, fist]


def resting_floor() -> list[Part]:
    """Later, on the floor beside Cloud, the arm splinted: his back against the bunk, the head let
    back against its frame (chin up, eyes half shut), the near knee up, the far leg out along the
    floor; the splinted forearm lying across his lap, the good hand loose on the near knee."""
    HN, HF = (304, 906), (352, 900)
    hip = lerp(HN, HF, 0.5)
    kn, an = (444, 736), (520, 914)
    kf, af = (500, 872), (622, 896)
    legs = floor_legs(HN, HF, kn, an, kf, af, far_flat=True)
    SN, SF, neck = (282, 666), (394, 662), (336, 646)
    head = Head((322, 562), HS, "right", "34", tilt=-16)
    lean = -13.0
    upper = [torso(SN, SF, HN, HF, neck, 1, hem=24), neck_part(neck, head)]
    upper += head_parts(head, "easy")
    upper = turn(upper, lean, hip)
    sn, sf, nk = _rot(SN, lean, hip), _rot(SF, lean, hip), _rot(neck, lean, hip)
    head_i = next(i for i, p in enumerate(upper) if p.name == "face")
    EN, WN = (300, 838), (452, 842)
    near = [hand_part("hand_r", hand_hanging(add(WN, 4, 0), 70, 84, True, 0.3), SWOLLEN, rim=0.8)]
    near += arm(sn, EN, WN, "arm_r", "torn", SWOLLEN, seed=13, rim=1.0, neck=nk, sag=2)
    near += splint_parts(EN, WN, wraps=(0.25, 0.7), end=1.22)
    # the good arm let fall beside him, the hand loose on the far thigh
    EF, WF = (414, 812), (476, 874)
    far = arm(sf, EF, WF, "arm_l", "pushed", SKIN, seed=14, rim=0.5, inner_rim=0.4, neck=nk, back=-1)
    far.insert(0, hand_part("hand_l", hand_hanging(WF, 40, 84, False, 0.5), SKIN, rim=0.6))
    return legs[:2] + upper[:head_i] + legs[2:] + far + near + upper[head_i:]


def lying() -> list[Part]:
    """That night, on his bunk: on his back, the head on the pillow at the wall end (screen left)
    and turned up toward the little window above it, the knees drawn up (the feet flat on the
    mattress), the splinted forearm lying on his chest with the good hand over it. Drawn as the
    seated pose (facing right) turned a quarter back about the hips: the torso's back becomes its
    underside on the mattress (canvas y ~ 950), its front faces up. The canvas's foot (the
    anchor) is the middle of the mattress's top."""
    hip = (450.0, 906.0)
    HN, HF = (426, 906), (474, 900)
    # the legs in the lying frame itself: thighs up from the hips to the raised knees, shins down
    # to the feet flat on the mattress (boots still on)
    kn, an = (548, 748), (604, 912)
    kf, af = (572, 738), (640, 906)
    legs = floor_legs(HN, HF, kn, an, kf, af)
    # the upper body built sitting up (facing right), then laid back
    SN, SF, neck = (398, 666), (510, 662), (452, 646)
    head = Head((476, 556), HS, "right", "34", tilt=-26)
    upper = [torso(SN, SF, HN, HF, neck, 1, hem=24, folds=[([add(SN, 22, 60), add(SN, 30, 110), add(SN, 26, 150)], 4),
                                                          ([add(SF, -16, 70), add(SF, -24, 120), add(HF, -24, -20)], 3.5)]),
             neck_part(neck, head)]
    EF, WF = (540, 800), (540, 720)
    far = arm(SF, EF, WF, "arm_l", "pushed", SKIN, seed=15, rim=0.5, inner_rim=0.4, neck=neck, back=-1)
    # the splinted forearm across the chest (in the sitting frame: across in front of him)
    EN, WN = (420, 836), (540, 740)
    near = [hand_part("hand_r", hand_hanging(add(WN, 2, 0), 118, 82, True, 0.35), SWOLLEN, rim=0.7)]
    near += arm(SN, EN, WN, "arm_r", "torn", SWOLLEN, seed=16, rim=1.0, neck=neck, sag=2)
    near += splint_parts(EN, WN, wraps=(0.28, 0.7), end=1.2)
    fist = hand_part("hand_l", hand_hanging(add(WF, 0, 0), 100, 84, False, 0.6), SKIN, rim=0.6)
    body = upper + far + near + [fist] + head_parts(head, "easy")
    body = turn(body, -90.0, (hip[0], hip[1] - 12))   # (a little above the hips: the back rests on the mattress)
    return legs[:2] + body[:1] + legs[2:] + body[1:]


BANDAGE = Mat((58, 56, 58), (100, 96, 98), (30, 29, 31), rim=0.8, rim_width=1.0)


def at_table(laughing: bool = True) -> list[Part]:
    """Weeks later, in the mess, on a bench at the table (the table to his right, its top at
    canvas y ~ 548 at the mess marks: the bench's seat at ~718), facing right: laughing, the
    head thrown back a little (or, not `laughing`, the head level, a grin: "Try me."), the mended RIGHT forearm (the near one, a pale bandage round it,
    the sleeve pushed up now) lying on the table, the left hand flat beside it."""
    HN, HF = (332, 692), (374, 688)
    hip = lerp(HN, HF, 0.5)
    # the legs under the table: thighs along the bench, shins down to the floor
    legs = [foot((516, 912), 1, 0.9, "boot_l", rim=0.35), leg(HF, (500, 684), (516, 912), -1, "leg_l", rim=0.35),
            foot((478, 914), 1, 0.9, "boot_r", rim=0.7), leg(HN, (464, 696), (478, 914), -1, "leg_r", rim=0.8)]
    SN, SF, neck = (314, 452), (424, 448), (368, 432)
    head = Head((398, 344), HS, "right", "34", tilt=-16) if laughing else Head((402, 350), HS, "right", "34", tilt=4)
    lean = -5.0 if laughing else -1.5
    upper = [torso(SN, SF, HN, HF, neck, 1, hem=26, folds=[([add(SN, 22, 60), add(SN, 32, 100), add(SN, 30, 140)], 4),
                                                          ([add(SF, -16, 64), add(SF, -26, 110), add(SF, -24, 150)], 4)]),
             neck_part(neck, head)]
    upper += head_parts(head, "laugh" if laughing else "easy")
    upper = turn(upper, lean, hip)
    sn, sf, nk = _rot(SN, lean, hip), _rot(SF, lean, hip), _rot(neck, lean, hip)
    head_i = next(i for i, p in enumerate(upper) if p.name == "face")
    # the far (left) hand flat on the table beyond the near arm
    EF, WF = (470, 548), (568, 534)
    far = [hand_part("hand_l", hand_hanging(WF, 4, 84, False, 0.45), SKIN, rim=0.4)]
    far += arm(sf, EF, WF, "arm_l", "pushed", SKIN, seed=17, rim=0.4, inner_rim=0.3, neck=nk, back=-1)
    # the near (right) forearm on the table, bandaged, the hand loose
    EN, WN = (420, 548), (540, 540)
    near = [hand_part("hand_r", hand_hanging(add(WN, 2, 0), 8, 84, True, 0.5), SKIN, rim=0.8)]
    near += arm(sn, EN, WN, "arm_r", "pushed", SKIN, seed=18, rim=0.9, neck=nk)
    c0, c1 = lerp(EN, WN, 0.35), lerp(EN, WN, 0.85)
    wrap = ribbon([c0, lerp(c0, c1, 0.5), c1], 31)

    def turns(ink: Ink, p: Part) -> None:
        for t in (0.2, 0.45, 0.7):
            q = lerp(c0, c1, t)
            edge_line(ink, [add(q, -8, -14), add(q, 6, 14)], 1.6, CLOTH_SH, 0.45, p.geom)
    near.append(Part("bandage", wrap.intersection(near[1].geom.buffer(2)), BANDAGE, details=[turns], rim=0.8, inner_rim=0.5,
                     shade=0.5))
    return legs[:2] + upper[:head_i] + far + legs[2:] + near + upper[head_i:]


def ground(cx: float, rx: float) -> Part:
    return Part("ground", ellipse(cx, G + 1, rx, 7), Mat((3, 3, 5), (3, 3, 5), (3, 3, 5), rim=0.0), shade=0.0, inner_rim=0.0)


# ================================================================================ build
LIGHT = (-1.0, -0.25)      # toward the glass: left and a little above
RIM_LIGHT = (-1.0, -0.45)  # the rim: the glass behind and to the left, so the shoulders and the hair catch it too


def write_layer(d: str, name: str, parts) -> None:
    ink = Ink(W, H)
    paint_figure(ink, parts, LIGHT)
    ink.save(os.path.join(d, name + ".svg"), f"zack {name}")


def write_rim(d: str, name: str, parts) -> None:
    ink = Ink(W, H)
    rim_backlit(ink, parts, RIM_LIGHT)
    ink.save(os.path.join(d, name + ".svg"), f"zack {name} (rim light from the left)")


def write_yaml(layers, rims, looks) -> None:
    lines = ["# Zack. Original art for The Only Promise (CC-BY-4.0); see assets/ART.md and docs/art.md.",
             "# Generated by tools/art/zack.py. Backlit by the glass on the left: a dark silhouette (multiplied by the",
             "# light's ambient colour) and a rim layer per look (added, tinted by the light's rim colour).",
             "# His RIGHT arm is the injured one (torn sleeve, swollen hand): never mirror this sprite.",
             f"height: {LOGICAL_H}", "anchor: [0.5, 1.0]", "facing: left", "default: hurt", "layers:"]
    lines += [f"  {n}: zack/{n}.svg" for n in layers]
    lines += [f"  {n}: {{image: zack/{n}.svg, light: rim}}" for n in rims]
    lines.append("looks:")
    lines += [f"  {k}: [{', '.join(v)}]" for k, v in looks.items()]
    # living scenes (vn.stage.motion): he is hurt, his breath shorter and deeper than Sephiroth's
    lines.append("breathing: {amount: 0.005, period: 3.6}")
    with open(os.path.join(OUT, "zack.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


def build(only: set[str] | None = None) -> None:
    d = os.path.join(OUT, "zack")
    os.makedirs(d, exist_ok=True)
    L = {
        "legs_wall": [ground(350, 110)] + wall_legs(),
        "legs_door": [ground(364, 100)] + door_legs(),
        "legs_straight": [ground(356, 100)] + straight_legs(),
        "upper_hurt": wall_upper("hurt"),
        "upper_scared": wall_upper("scared"),
        "upper_testing": wall_upper("testing"),
        "upper_door": door_upper(False),
        "upper_turning": door_upper(True),
        "upper_resolute": straight_upper("resolute"),
        "upper_arm_raised": straight_upper("arm_raised"),
        "body_leaning": [ground(320, 100)] + leaning(),
        "body_splinting": [ground(420, 170)] + splinting(),
        "body_seated_floor": [ground(440, 190)] + resting_floor(),
        "body_lying": lying(),
        "body_seated_table": [ground(420, 130)] + at_table(),
        "body_seated_table_grin": [ground(420, 130)] + at_table(False),
    }
    stacks = {
        "hurt": ["legs_wall", "upper_hurt"],
        "scared": ["legs_wall", "upper_scared"],
        "testing": ["legs_wall", "upper_testing"],
        "door": ["legs_door", "upper_door"],
        "turning": ["legs_door", "upper_turning"],
        "resolute": ["legs_straight", "upper_resolute"],
        "leaning": ["body_leaning"],
        "arm_raised": ["legs_straight", "upper_arm_raised"],
        "splinting": ["body_splinting"],
        "seated_floor": ["body_seated_floor"],
        "lying": ["body_lying"],
        "seated_table": ["body_seated_table"],
        "seated_table_grin": ["body_seated_table_grin"],
    }
    if only is None:
        for old in os.listdir(d):
            if old.endswith(".svg"):
                os.remove(os.path.join(d, old))
    for name, parts in L.items():
        if only is None or any(name in stacks[k] for k in only):
            write_layer(d, name, parts)
    for look, names in stacks.items():
        if only is None or look in only:
            write_rim(d, f"rim_{look}", [p for n in names for p in L[n]])
    looks = {k: v + [f"rim_{k}"] for k, v in stacks.items()}
    write_yaml(L, [f"rim_{k}" for k in stacks], looks)


if __name__ == "__main__":
    import sys
    build(set(sys.argv[1:]) or None)
