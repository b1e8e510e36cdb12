"""Cloud: the sprite's SVG layers and cloud.yaml, in the house style of docs/art.md.

At this point of the story (the leave ending) a young Shinra infantryman, not SOLDIER: slighter
than Zack and a head shorter, the spiky blond hair, a trooper's uniform with nothing from the
games' costume beyond the kind of thing it is: a high-necked knit top with long sleeves, a
leather harness (two shoulder straps to the belt, a strap across the chest), a belt, cargo
trousers with thigh pockets tucked into tall boots, gloves. No helmet indoors.

He is drawn on Zack's canvas and skeleton (720 x 964, soles at y 956, the same sprite `height`),
slighter (a narrower chest and shoulders, thinner limbs), and the whole figure is then scaled by
`K` about the feet, so at any mark he stands ~7 % shorter than Zack would there (~1.65 m against
~1.76 m). Backlit by the glass on the LEFT like the others: a dark silhouette, the detail in the
rim. Faces LEFT in every look; never mirror it (the rim would land on the wrong side).

Looks (see /work/notes/looks.md): `standing` (in a doorway, looking down to his left),
`in_door` (the same, his left hand still on the edge of the door he banged open),
`kneeling` (on his left knee, leaning in, both hands closed on a forearm held out to him: the
hands at canvas ~(186..262, 738) after the scale), `seated_floor` (on the floor, knees up,
forearms over them, the head turned to his left), `seated_table` (on a bench at a table, talking
with his right hand).
"""
from __future__ import annotations

import math
import os
import random
from dataclasses import replace

import zack as z
from figkit import Ink, Mat, Part, ellipse, ribbon, shape, shift, union
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
    scale_parts,
    turn,
)
from shapely.geometry import box

W, H, G = z.W, z.H, z.G
HS = 110                # crown to chin (Zack 116), before the scale
K = 0.935               # the whole figure about the feet: ~1.65 m where Zack is ~1.76 m
LOGICAL_H = z.LOGICAL_H  # the same canvas height in the room as Zack's: the scale K makes him shorter
OUT = z.OUT
ORG = (360.0, float(G))

# albedo in the figure's own shadow (docs/art.md): the uniform dark and cool, the hair the one
# light thing in him (warm: it must read blond under every preset, as Sephiroth's reads silver)
SKIN = replace(z.SKIN)
KNIT = Mat((17, 19, 31), (44, 49, 72), (8, 9, 15), rim=0.72, rim_width=1.2)
CARGO = Mat((19, 21, 26), (46, 49, 58), (9, 10, 12), rim=0.6, rim_width=1.1)
STRAP = Mat((30, 23, 18), (66, 53, 42), (13, 10, 8), rim=0.45, rim_width=0.9)
GLOVE = Mat((15, 14, 16), (42, 40, 44), (7, 7, 8), rim=0.65, rim_width=1.1)
BLOND = Mat((104, 84, 36), (156, 130, 64), (58, 44, 16), rim=1.0, rim_width=1.3)
BLOND_SH = (48, 36, 14)
CLOTH_SH = z.CLOTH_SH
SKIN_SH = z.SKIN_SH
EYE = (60, 86, 128)


# ================================================================================ pieces
def boot(ankle, toe: float, k: float = 1.0, name: str = "boot", rim: float = 0.5, top=None) -> list[Part]:
    """A tall boot: the foot planted on the floor (figkit's shoe) and its shaft up the shin toward
    `top` (default: 120 px straight up), a little wider than the leg so the trousers, tucked in,
    blouse over its rim."""
    foot = z.foot(ankle, toe, k, name, rim)
    top = top or add(ankle, 0, -120)
    shaft = limb([add(ankle, 0, 18), lerp(ankle, top, 0.5), top], [21, 22, 24.5])

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        edge_line(ink, [lerp(top, ankle, 0.08), lerp(top, ankle, 0.1)], 2.2, CLOTH_SH, 0.5, c)
        edge_line(ink, [add(ankle, -14, -6), add(ankle, 0, 0), add(ankle, 14, -6)], 2.5, CLOTH_SH, 0.5, c)
    return [foot, Part(name + "_shaft", shaft, z.BOOT, details=[d], rim=rim, inner_rim=0.2, shade=0.6)]


def blouse(knee, top, name: str, rim: float = 0.5) -> Part:
    """The trouser cloth bagging over the boot's rim where it is tucked in."""
    ux, uy = top[0] - knee[0], top[1] - knee[1]
    n = math.hypot(ux, uy) or 1.0
    ux, uy = ux / n, uy / n
    a = (top[0] - ux * 26, top[1] - uy * 26)
    b = (top[0] + ux * 6, top[1] + uy * 6)
    g = limb([a, lerp(a, b, 0.6), b], [21, 27, 25])

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        fold(ink, [lerp(a, b, 0.2), lerp(a, b, 0.55), lerp(a, b, 0.9)], 3, CLOTH_SH, CARGO.lit, c, 0.5, ridge=0.6)
    return Part(name, g, CARGO, details=[d], rim=rim, inner_rim=0.2)


def cargo_leg(hip, knee, ankle, back: float, name: str, bend: float = 0.0, rim: float = 0.6, pocket: bool = True) -> Part:
    """zack.leg in the trooper's cargo cloth, slimmer, with a thigh pocket (flap and box) on the
    outer side of the thigh."""
    p = z.leg(hip, knee, ankle, back, name, bend, rim)
    p.mat = CARGO
    p.geom = p.geom.buffer(-2.5).buffer(0.5)
    if pocket:
        t0, t1 = lerp(hip, knee, 0.32), lerp(hip, knee, 0.7)
        ux, uy = knee[0] - hip[0], knee[1] - hip[1]
        n = math.hypot(ux, uy) or 1.0
        ux, uy = ux / n, uy / n
        nx, ny = -uy * back, ux * back
        o = 10

        def d(ink: Ink, q: Part) -> None:
            c = q.geom
            box_ = [(t0[0] - nx * o, t0[1] - ny * o), (t0[0] - nx * (o + 22), t0[1] - ny * (o + 22)),
                    (t1[0] - nx * (o + 22), t1[1] - ny * (o + 22)), (t1[0] - nx * o, t1[1] - ny * o)]
            ink.fill(shape(box_, 2).difference(shape(box_, 2).buffer(-2.6)), CLOTH_SH, 0.55, c)
            flap = [box_[0], box_[1], lerp(box_[1], box_[2], 0.22), lerp(box_[0], box_[3], 0.22)]
            ink.fill(shape(flap, 2), CARGO.lit, 0.2, c)
            edge_line(ink, [lerp(box_[0], box_[3], 0.23), lerp(box_[1], box_[2], 0.23)], 2.6, CLOTH_SH, 0.6, c)
        p.details.append(d)
    return p


def knit_torso(SL, SR, HL, HR, neck, facing: float = -1, folds=None, hem: float = 30) -> Part:
    """zack.torso in the knit: a slighter chest, the knit's vertical ribs faint over it."""
    p = z.torso(SL, SR, HL, HR, neck, facing, hem=hem, chest=0.6, folds=folds)
    p.mat = KNIT
    top = min(SL[1], SR[1])

    def ribs(ink: Ink, q: Part) -> None:
        c = q.geom
        x0, _, x1, _ = c.bounds
        x = x0 + 8
        while x < x1:
            ink.fill(box(x, top - 20, x + 1.4, max(HL[1], HR[1]) + hem), CLOTH_SH, 0.16, c)
            x += 9
    p.details.insert(0, ribs)
    return p


def collar(neck, head: Head) -> Part:
    """The high neck of the knit top: a soft tube from the base of the neck to under the jaw,
    its top edge rolled."""
    top = lerp(neck, head.pt(0.06, 0.3), 0.55)
    g = limb([add(neck, 0, 16), lerp(neck, top, 0.5), top], [27, 24, 21.5], [27, 24, 22])
    g = union(g, ellipse(top[0], top[1], 21.5, 6))

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        edge_line(ink, [add(top, -18, 6), add(top, 0, 9), add(top, 18, 6)], 2.6, CLOTH_SH, 0.55, c)
        for dx in (-12, -4, 4, 12):
            edge_line(ink, [add(top, dx, 8), add(neck, dx * 1.2, 12)], 1.4, CLOTH_SH, 0.25, c)
    return Part("collar", g, KNIT, details=[d], rim=0.7, inner_rim=0.3)


def harness(SL, SR, HL, HR, neck, torso_g, facing: float = -1) -> Part:
    """The trooper's harness: a strap over each shoulder down to the belt, and one across the chest
    joining them; leather, narrow, kept on the torso."""
    a1, a2 = shift_pt(lerp(neck, SL, 0.55), 0, -6), shift_pt(lerp(neck, SR, 0.55), 0, -4)
    b1, b2 = add(HL, 12, -10), add(HR, -12, -12)
    m1, m2 = lerp(a1, b1, 0.42), lerp(a2, b2, 0.42)
    s1 = ribbon([a1, add(lerp(a1, b1, 0.2), 4 if facing < 0 else -4, 0), m1, b1], 11)
    s2 = ribbon([a2, lerp(a2, b2, 0.2), m2, b2], 10)
    cross = ribbon([add(m1, -2, 8), lerp(m1, m2, 0.5), add(m2, 2, 8)], 9)
    ring = ellipse(*lerp(m1, m2, 0.5), 7, 7)
    g = union(s1, s2, cross, ring).intersection(torso_g.buffer(3))

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.fill(ring.difference(ring.buffer(-3)), (70, 64, 58), 0.7, c)
        for s in (s1, s2, cross):
            ink.fill(s.difference(shift(s, -1.5, 2)), CLOTH_SH, 0.45, c)
    return Part("harness", g, STRAP, details=[d], rim=0.45, inner_rim=0.35, shade=0.5)


def shift_pt(p, dx, dy):
    return (p[0] + dx, p[1] + dy)


def trooper_belt(HL, HR) -> Part:
    p = z.belt(HL, HR)
    p.mat = STRAP
    buckle = ellipse(*add(lerp(HL, HR, 0.4), 0, -6), 9, 6)

    def d(ink: Ink, q: Part) -> None:
        ink.fill(buckle.difference(buckle.buffer(-2.2)), (74, 70, 64), 0.75, q.geom)
    p.details.append(d)
    return p


def sleeve_arm(sh, el, wr, name: str, neck=None, rim: float = 0.8, inner_rim: float = 0.3, back: float = 1.0,
               seed: int = 1) -> Part:
    """A long knit sleeve from the shoulder to the glove: one contour, crumpled a little below the
    shoulder and at the elbow, the ribbed cuff over the glove's wrist, creases at the elbow."""
    g = union(arm_outline(sh, el, wr, (22, 18, 16, 16.5, 12.5), back), deltoid(sh, el, 21))
    if neck is not None:
        g = clip_to_shoulder(g, neck, sh)
    g = crumple(g, seed, sh[1] + 40, step=52, depth=1.8)
    cuff_a = lerp(el, wr, 0.86)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        ux, uy = wr[0] - el[0], wr[1] - el[1]
        n = math.hypot(ux, uy) or 1.0
        nx, ny = -uy / n, ux / n
        edge_line(ink, [(cuff_a[0] - nx * 16, cuff_a[1] - ny * 16), cuff_a, (cuff_a[0] + nx * 16, cuff_a[1] + ny * 16)],
                  2.4, CLOTH_SH, 0.6, c)
        # the elbow: cloth gathering on the inside of the bend
        fold(ink, [lerp(sh, el, 0.78), lerp(sh, el, 0.95), lerp(el, wr, 0.12)], 3.0, CLOTH_SH, KNIT.lit, c, 0.45, ridge=0.7)
    return Part(name, g, KNIT, details=[d], rim=rim, inner_rim=inner_rim,
                rim_folds=[([lerp(sh, el, 0.25), lerp(sh, el, 0.55), lerp(sh, el, 0.8)], 2.8, 0.6)])


def glove(name: str, g, rim: float = 0.6, inner_rim: float = 0.5) -> Part:
    p = z.hand_part(name, g, GLOVE, rim=rim, inner_rim=inner_rim)
    return p


# ================================================================================ head and hair
def hair(head: Head, seed: int = 11) -> list:
    """Big blond spikes: a cap over the skull, spikes swept up and back from the crown, longer
    ones behind, and two locks of fringe falling over the brow on the face's side. In the head's
    own units (facing left), so they turn and tilt with it."""
    rnd = random.Random(seed)
    cap = head.pt_list([(-0.29, -0.18), (-0.26, -0.38), (-0.12, -0.54), (0.12, -0.56), (0.32, -0.45), (0.42, -0.24), (0.42, 0.02),
                        (0.36, 0.18), (0.24, 0.1), (0.1, -0.12), (-0.12, -0.18)])
    pieces = [shape(cap, 6)]
    root = (0.06, -0.2)
    # (angle from straight up, + toward the back; length; width) in head units
    # swept up and back: the longest spikes rise from the crown and lean toward the back of the
    # head, the ones at the back point out and down over the nape; only short ones go forward
    for ang, ln, wd in ((-34, 0.46, 0.28), (-12, 0.6, 0.32), (12, 0.74, 0.34), (36, 0.8, 0.34), (60, 0.8, 0.34),
                        (84, 0.72, 0.32), (108, 0.62, 0.3), (132, 0.5, 0.26), (0, 0.5, 0.22), (50, 0.6, 0.24),
                        (98, 0.54, 0.22), (152, 0.38, 0.2)):
        a = math.radians(ang + rnd.uniform(-5, 5))
        r0 = (root[0] + math.sin(a) * 0.2, root[1] - math.cos(a) * 0.18)
        bend = math.radians(ang + 26)
        m = (r0[0] + math.sin(a) * ln * 0.5, r0[1] - math.cos(a) * ln * 0.5)
        tip = (m[0] + math.sin(bend) * ln * 0.55, m[1] - math.cos(bend) * ln * 0.55)
        pieces.append(limb(head.pt_list([r0, m, tip]), [wd * HS * 0.5, wd * HS * 0.3, 0.5]))
    # the fringe: locks falling forward over the brow, one long one down past the eye
    for pts, w in (([(-0.02, -0.44), (-0.2, -0.34), (-0.32, -0.18), (-0.36, -0.02)], 0.2),
                   ([(0.06, -0.44), (-0.08, -0.3), (-0.18, -0.12), (-0.2, 0.06)], 0.17),
                   ([(-0.14, -0.46), (-0.34, -0.38), (-0.46, -0.28)], 0.16),
                   ([(0.2, -0.4), (0.16, -0.2), (0.06, -0.04)], 0.14)):
        pieces.append(limb(head.pt_list(pts), [w * HS * 0.5, w * HS * 0.42, w * HS * 0.24, 0.5][:len(pts)]))
    return pieces


def head_parts(head: Head, mood: str) -> list[Part]:
    face = Part("face", head.geom, SKIN, details=[face_details(head, SKIN_SH, EYE, mood)], rim_details=[face_rim(head, 0.7)],
                rim=1.0, inner_rim=0.0, shade=0.8)
    pieces = hair(head)
    out = [face, Part("hair", pieces[0], BLOND, rim=1.0, inner_rim=0.45, shade=0.5)]
    for i, sp in enumerate(pieces[1:]):
        def d(ink: Ink, p: Part, sp=sp) -> None:
            # each lock's underside in shadow, a lighter streak along its lit side
            ink.fill(sp.difference(shift(sp, -3, 3)), BLOND_SH, 0.55, p.geom)
            ink.fill(sp.difference(shift(sp, 3, -2)), BLOND.lit, 0.35, p.geom)
        out.append(Part(f"hair_lock{i}", sp, BLOND, details=[d], rim=1.0, inner_rim=0.9, shade=0.3))
    return out


# ================================================================================ poses
# On Zack's skeleton, slighter: shoulders ~122 apart (Zack ~138), hips ~62, the same heights; the
# scale K then makes the whole figure shorter.
def standing(in_door: bool = False) -> list[Part]:
    """In a doorway: come to a stop, the weight on his left leg (screen right), the right knee
    eased, arms hanging (the near hand a little open, the far one half closed), the head bowed and
    turned to his left, looking down at someone on the floor. `in_door`: just through the door he
    banged open, his left hand still closed on its edge at his side (canvas x ~ 600, at the
    height of a door handle: the door's right jamb at the mark `in_doorway`)."""
    HL, HR = (330, 500), (390, 496)
    parts: list[Part] = []
    parts += boot((304, 912), -1, 0.8, "boot_r", rim=0.7, top=(308, 806))
    parts.append(cargo_leg(HL, (316, 712), (304, 912), 1, "leg_r", bend=8, rim=0.7))
    parts.append(blouse((316, 712), (308, 806), "blouse_r", rim=0.6))
    parts += boot((394, 912), -1, 0.6, "boot_l", rim=0.35, top=(396, 806))
    parts.append(cargo_leg(HR, (394, 708), (394, 912), 1, "leg_l", rim=0.35))
    parts.append(blouse((394, 708), (396, 806), "blouse_l", rim=0.3))
    SL, SR, neck = (298, 258), (420, 262), (358, 238)
    head = Head((342, 152), HS, "left", "34", tilt=18)
    ER, WR = (286, 428), (280, 538)
    parts.append(glove("hand_r", hand_hanging(WR, 96, 84, True, 0.25), rim=0.9))
    parts.append(sleeve_arm(SL, ER, WR, "arm_r", neck=neck, rim=0.95, seed=3))
    t = knit_torso(SL, SR, HL, HR, neck)
    parts.append(t)
    parts.append(harness(SL, SR, HL, HR, neck, t.geom))
    parts.append(trooper_belt(HL, HR))
    parts.append(z.neck_part(neck, head))
    parts.append(collar(neck, head))
    if in_door:
        EL, WL = (492, 372), (586, 424)
        parts.append(glove("hand_l", hand_fist(WL, 84, 66, False), rim=0.6))
        parts.append(sleeve_arm(SR, EL, WL, "arm_l", neck=neck, rim=0.5, seed=4, back=-1))
    else:
        EL, WL = (438, 430), (434, 540)
        parts.append(glove("hand_l", hand_hanging(WL, 92, 84, True, 0.6), rim=0.35))
        parts.append(sleeve_arm(SR, EL, WL, "arm_l", neck=neck, rim=0.35, seed=4))
    parts += head_parts(head, "still")
    parts = turn(parts, 1.5, lerp(HL, HR, 0.5))
    return scale_parts(parts, K, ORG)


def _rot(p, ang, piv):
    a = math.radians(ang)
    x, y = p[0] - piv[0], p[1] - piv[1]
    return (piv[0] + x * math.cos(a) - y * math.sin(a), piv[1] + x * math.sin(a) + y * math.cos(a))


def kneeling() -> list[Part]:
    """Down on his left knee (screen right) beside someone sitting on the floor, the right foot
    planted forward, sitting back toward his heel and leaning in (his head comes down near the
    other's); both gloved hands closed around a forearm held out to him, the
    right (far) hand nearer the elbow, the left over the wrist; the head bowed to it."""
    HL, HR = (344, 772), (400, 766)
    hip = lerp(HL, HR, 0.5)
    parts: list[Part] = []
    # the far (right) leg: the foot planted forward, the knee up
    kr, ar = (238, 728), (226, 912)
    parts += boot(ar, -1, 0.8, "boot_r", rim=0.7, top=lerp(ar, kr, 0.5))
    parts.append(cargo_leg(HL, kr, ar, 1, "leg_r", rim=0.75))
    parts.append(blouse(kr, lerp(ar, kr, 0.5), "blouse_r", rim=0.6))
    # the near (left) leg: the knee on the floor under the hip, the shin back along the floor, the
    # boot's toe tucked under
    kl = (410, 926)
    thigh = limb([add(HR, 0, -4), lerp(HR, kl, 0.5), kl], [26, 25, 21], [25, 23, 21])
    shin = limb([kl, (462, 932), (524, 934)], [21, 20, 17], [23, 23, 19])
    leg_l = union(thigh, shin, ellipse(kl[0] - 4, kl[1] - 4, 22, 20))

    def knee_folds(ink: Ink, p: Part) -> None:
        c = p.geom
        fold(ink, [add(kl, -18, -40), add(kl, 2, -22), add(kl, 18, -6)], 3.2, CLOTH_SH, CARGO.lit, c, 0.5, ridge=0.6)
        fold(ink, [add(kl, 20, -10), add(kl, 40, -2), add(kl, 60, 0)], 3.0, CLOTH_SH, CARGO.lit, c, 0.45, ridge=0.5)
    boot_l = union(limb([(500, 935), (540, 936), (578, 937)], [20, 20, 18], [12, 13, 14]),
                   shape([(566, 916), (592, 920), (606, 934), (602, 952), (576, 955), (556, 950)], 4))
    parts.append(Part("boot_l", boot_l, z.BOOT, rim=0.35, inner_rim=0.2, shade=0.6))
    parts.append(Part("leg_l", leg_l, CARGO, details=[knee_folds], rim=0.35, inner_rim=0.2))
    parts.append(Part("blouse_l", limb([(488, 934), (506, 935), (520, 935)], [20, 25, 22], [14, 17, 16]), CARGO,
                      rim=0.3, inner_rim=0.2))
    SL, SR, neck = (310, 528), (430, 532), (370, 508)
    head = Head((354, 422), HS, "left", "34", tilt=28)
    lean = -22.0
    upper: list[Part] = []
    t = knit_torso(SL, SR, HL, HR, neck, folds=[([add(SL, 20, 60), add(SL, 26, 100), add(SL, 22, 140)], 4),
                                                   ([add(SR, -16, 64), add(SR, -30, 110), add(HL, 30, -40)], 4),
                                                   ([add(hip, -10, -70), add(hip, -30, -30), add(HL, -6, 10)], 3.5)])
    upper.append(t)
    upper.append(harness(SL, SR, HL, HR, neck, t.geom))
    upper.append(trooper_belt(HL, HR))
    upper.append(z.neck_part(neck, head))
    upper.append(collar(neck, head))
    upper += head_parts(head, "still")
    upper = turn(upper, lean, hip)
    sl, sr, nk = _rot(SL, lean, hip), _rot(SR, lean, hip), _rot(neck, lean, hip)
    # the hands (before the scale), closed around a forearm lying across at y ~ 738 after it
    W1, W2 = (160, 706), (222, 700)
    far_arm = [glove("hand_r", hand_fist(W1, 104, 64, True), rim=0.9),
               sleeve_arm(sl, (206, 618), W1, "arm_r", neck=nk, rim=0.95, seed=5, back=1)]
    near_arm = [glove("hand_l", hand_fist(W2, 96, 64, True), rim=0.5, inner_rim=0.6),
                sleeve_arm(sr, (292, 650), W2, "arm_l", neck=nk, rim=0.4, inner_rim=0.35, seed=6, back=1)]
    head_i = next(i for i, p in enumerate(upper) if p.name == "face")
    parts += far_arm + upper[:head_i] + near_arm + upper[head_i:]
    return scale_parts(parts, K, ORG)


def seated_floor() -> list[Part]:
    """On the floor, his back straight or nearly, knees drawn up, the forearms lying over them
    with the hands hanging loose past the knees; the head turned to his left (toward the person
    beside him) and a little down."""
    HL, HR = (334, 906), (392, 900)
    parts: list[Part] = []
    # the far (right) leg, then the near (left) one, both knees up, the feet flat
    kr, ar = (244, 690), (166, 912)
    parts += boot(ar, -1, 0.8, "boot_r", rim=0.7, top=lerp(ar, kr, 0.5))
    parts.append(cargo_leg(HL, kr, ar, 1, "leg_r", rim=0.8))
    parts.append(blouse(kr, lerp(ar, kr, 0.5), "blouse_r", rim=0.6))
    SL, SR, neck = (306, 664), (426, 668), (366, 644)
    head = Head((344, 558), HS, "left", "34", tilt=10)
    ER, WR = (262, 772), (182, 690)
    upper: list[Part] = []
    upper.append(glove("hand_r", hand_hanging(WR, 120, 80, True, 0.4), rim=0.9))
    upper.append(sleeve_arm(SL, ER, WR, "arm_r", neck=neck, rim=0.9, seed=7))
    t = knit_torso(SL, SR, HL, HR, neck, hem=26, folds=[([add(SL, 20, 60), add(SL, 26, 100), add(SL, 22, 140)], 4),
                                                           ([add(SR, -16, 64), add(SR, -26, 110), add(SR, -26, 150)], 4),
                                                           ([add(HL, 10, -50), add(HL, 30, -20), add(HR, -8, -10)], 3.5)])
    upper.append(t)
    upper.append(harness(SL, SR, HL, HR, neck, t.geom))
    upper.append(trooper_belt(HL, HR))
    upper.append(z.neck_part(neck, head))
    upper.append(collar(neck, head))
    # the seat on the floor behind the knees: the trousers over the hips and the back of the thigh
    seat = union(ellipse(376, 916, 64, 34, -4), ellipse(330, 924, 50, 28))
    parts.insert(0, Part("seat", seat, CARGO, rim=0.5, inner_rim=0.2))
    parts += upper
    kl, al = (300, 702), (220, 914)
    parts += boot(al, -1, 0.7, "boot_l", rim=0.5, top=lerp(al, kl, 0.5))
    parts.append(cargo_leg(HR, kl, al, 1, "leg_l", rim=0.5))
    parts.append(blouse(kl, lerp(al, kl, 0.5), "blouse_l", rim=0.45))
    EL, WL = (350, 786), (236, 702)
    parts.append(glove("hand_l", hand_hanging(WL, 112, 80, True, 0.5), rim=0.6))
    parts.append(sleeve_arm(SR, EL, WL, "arm_l", neck=neck, rim=0.45, inner_rim=0.4, seed=8))
    parts += head_parts(head, "still")
    return scale_parts(parts, K, ORG)


def seated_table() -> list[Part]:
    """In the mess, on a bench at the table (the table to his left; at the mess marks its top is
    at canvas y ~ 548 and the bench's seat at ~718 after the scale), talking: leaning in on his
    left forearm on the table, the right hand raised from the elbow, palm half open, as he tells
    it; the head up and forward toward the person across from him."""
    HL, HR = (338, 688), (394, 682)
    hip = lerp(HL, HR, 0.5)
    parts: list[Part] = []
    kr, ar = (234, 690), (230, 912)
    parts += boot(ar, -1, 0.8, "boot_r", rim=0.7, top=lerp(ar, kr, 0.5))
    parts.append(cargo_leg(HL, kr, ar, 1, "leg_r", rim=0.7))
    parts.append(blouse(kr, lerp(ar, kr, 0.5), "blouse_r", rim=0.6))
    kl, al = (262, 684), (268, 912)
    parts += boot(al, -1, 0.7, "boot_l", rim=0.4, top=lerp(al, kl, 0.5))
    parts.append(cargo_leg(HR, kl, al, 1, "leg_l", rim=0.4))
    parts.append(blouse(kl, lerp(al, kl, 0.5), "blouse_l", rim=0.35))
    SL, SR, neck = (304, 448), (424, 454), (364, 428)
    head = Head((342, 340), HS, "left", "34", tilt=-4)
    lean = -7.0
    upper: list[Part] = []
    t = knit_torso(SL, SR, HL, HR, neck, hem=26)
    upper += [t, harness(SL, SR, HL, HR, neck, t.geom), trooper_belt(HL, HR), z.neck_part(neck, head), collar(neck, head)]
    upper += head_parts(head, "easy")
    upper = turn(upper, lean, hip)
    sl, sr, nk = _rot(SL, lean, hip), _rot(SR, lean, hip), _rot(neck, lean, hip)
    head_i = next(i for i, p in enumerate(upper) if p.name == "face")
    # the far (right) hand raised, talking (before the scale: the table top at ~ 520)
    ER, WR = (250, 540), (206, 436)
    far = [glove("hand_r", hand_open(WR, -112, 78, True, 0.35), rim=1.0),
           sleeve_arm(sl, ER, WR, "arm_r", neck=nk, rim=0.95, seed=9)]
    # the near (left) forearm along the table's edge, the fist loose on it
    EL, WL = (310, 522), (196, 516)
    near = [glove("hand_l", hand_fist(WL, 178, 64, False), rim=0.6),
            sleeve_arm(sr, EL, WL, "arm_l", neck=None, rim=0.45, inner_rim=0.4, seed=10)]
    parts += far + upper[:head_i] + near + upper[head_i:]
    # the near arm lies across his chest: a line of light along its top keeps it off the knit
    # behind it (docs/art.md rule 2's exception, zack.sliver)
    i = next(i for i, p in enumerate(parts) if p.name == "arm_l")
    parts[i].rim_details.append(z.sliver(2.4, 0.6, union(*[q.geom for q in parts[i + 1:]])))
    return scale_parts(parts, K, ORG)


# ================================================================================ build
LIGHT = z.LIGHT
RIM_LIGHT = z.RIM_LIGHT


def write_layer(d: str, name: str, parts) -> None:
    ink = Ink(W, H)
    paint_figure(ink, parts, LIGHT)
    ink.save(os.path.join(d, name + ".svg"), f"cloud {name}")


def write_rim(d: str, name: str, parts) -> None:
    ink = Ink(W, H)
    rim_backlit(ink, parts, RIM_LIGHT)
    ink.save(os.path.join(d, name + ".svg"), f"cloud {name} (rim light from the left)")


def ground(cx: float, rx: float) -> Part:
    return z.ground(cx, rx)


def write_yaml(layers, rims, looks) -> None:
    lines = ["# Cloud. Original art for The Only Promise (CC-BY-4.0); see assets/ART.md and docs/art.md.",
             "# Generated by tools/art/cloud.py. A young infantryman in the leave ending: backlit by the glass on the",
             "# left, a dark silhouette (multiplied by the light's ambient colour) and a rim layer per look (added).",
             "# Faces left in every look: never mirror this sprite (the rim would land on the dark side).",
             f"height: {LOGICAL_H}", "anchor: [0.5, 1.0]", "facing: left", "default: standing", "layers:"]
    lines += [f"  {n}: cloud/{n}.svg" for n in layers]
    lines += [f"  {n}: {{image: cloud/{n}.svg, light: rim}}" for n in rims]
    lines.append("looks:")
    lines += [f"  {k}: [{', '.join(v)}]" for k, v in looks.items()]
    lines.append("breathing: {amount: 0.004, period: 4.2}")
    with open(os.path.join(OUT, "cloud.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


POSES = {
    "standing": lambda: [ground(352, 90)] + standing(),
    "in_door": lambda: [ground(352, 90)] + standing(in_door=True),
    "kneeling": lambda: [ground(390, 150)] + kneeling(),
    "seated_floor": lambda: [ground(320, 130)] + seated_floor(),
    "seated_table": lambda: [ground(300, 100)] + seated_table(),
}


def build(only: set[str] | None = None) -> None:
    d = os.path.join(OUT, "cloud")
    os.makedirs(d, exist_ok=True)
    if only is None:
        for old in os.listdir(d):
            if old.endswith(".svg"):
                os.remove(os.path.join(d, old))
    for look, make in POSES.items():
        if only is not None and look not in only:
            continue
        parts = make()
        write_layer(d, f"body_{look}", parts)
        write_rim(d, f"rim_{look}", parts)
    write_yaml([f"body_{k}" for k in POSES], [f"rim_{k}" for k in POSES], {k: [f"body_{k}", f"rim_{k}"] for k in POSES})


if __name__ == "__main__":
    import sys
    build(set(sys.argv[1:]) or None)
