"""Sephiroth: the sprite's SVG layers and sephiroth.yaml, in the house style of docs/art.md.

Tall and still; long silver hair to the waist, a pale shirt hanging open (scene 1) or a black
silk shirt (dawn), leather trousers, boots. Left-handed: his sword hand is the LEFT. Backlit by
the glass: a dark silhouette, the silver hair and the edges that face the light carrying the
detail in the rim layer; the green eye glow is its own emissive layer (`eyes_glow`: two thin
glints, not lamps) so it can be pulsed.

Canvas 720 x 980, feet at the bottom centre (x 360, soles at y 972). About 8.2 heads tall; the
crown at y ~ 30 (1.78 m at the room's scale, a head taller than Zack's skull... by 6 cm).
"""
from __future__ import annotations

import math
import os
import re

from figkit import Ink, Mat, Part, ellipse, shape, union
from figure import (
    Head,
    add,
    edge_line,
    face_details,
    face_rim,
    fist_shape,
    hand_shape,
    lerp,
    limb,
    paint_figure,
    rim_figure,
    turn,
)
from hair import Sheet, bundle, hair_part
from shapely import affinity

W, H = 720, 980
G = 972
HS = 112
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "assets", "sprites")
STAGE = os.path.join(HERE, "..", "..", "assets", "stages")

SKIN = Mat((40, 37, 44), (70, 66, 78), (22, 20, 26), rim=0.8, rim_width=1.1)
HAIR = Mat((60, 64, 80), (104, 110, 132), (30, 32, 42), rim=1.0, sheen=0.0, rim_width=1.2)
SHIRT = Mat((38, 38, 47), (72, 72, 86), (20, 20, 26), rim=0.8, rim_width=1.2)
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
    s = toe
    pts = [(-15, -34), (14, -34), (18, -8), (42, 6), (62, 16), (68, 28), (64, G - ankle[1] - 2), (-18, G - ankle[1]), (-21, 14)]
    pts = [(ankle[0] + x * s * k if x > 0 else ankle[0] + x * s, ankle[1] + y) for x, y in pts]
    return Part(name, shape(pts, 5), BOOT, rim=rim, shade=0.6)


def leg(hip, knee, ankle, back: float, name: str, rim: float = 0.8, inner_rim: float = 0.25) -> Part:
    """A leather trouser leg, close-fitting: the thigh long, the knee narrow, the calf behind."""
    pts = [add(hip, 0, -2), hip, lerp(hip, knee, 0.45), knee, lerp(knee, ankle, 0.35), lerp(knee, ankle, 0.8), add(ankle, 0, 20)]
    front = [31, 34, 29, 20, 21, 17, 18]
    rear = [31, 36, 31, 21, 27, 20, 19]
    lw, rw = (rear, front) if back > 0 else (front, rear)
    g = limb(pts, lw, rw)

    def d(ink: Ink, p: Part) -> None:
        kx, ky = knee
        edge_line(ink, [(kx - 14, ky - 10), (kx, ky), (kx + 14, ky - 8)], 3, CLOTH_SH, 0.5, p.geom)
    return Part(name, g, LEATHER, details=[d], rim=rim, inner_rim=inner_rim)


def torso_outline(SL, SR, HL, HR, neck, facing: float, hem: float = 20, waist: float = 8) -> list:
    f = facing if abs(facing) <= 1 else 0
    fl = 10 if f < 0 else 0
    fr = 10 if f > 0 else 0
    return [add(neck, -24, -14), add(lerp(neck, SL, 0.55), 0, -12), add(SL, 10, -22), add(SL, 8, 40),
            add(SL, 10 - fl, 90), add(lerp(SL, HL, 0.62), waist - fl * 0.3, 0), add(lerp(SL, HL, 0.85), 0, 0), add(HL, -16, 6),
            add(HL, -20, hem), add(lerp(HL, HR, 0.5), 0, hem + 4), add(HR, 20, hem), add(HR, 16, 6),
            add(lerp(SR, HR, 0.85), 0, 0), add(lerp(SR, HR, 0.62), -waist + fr * 0.3, 0), add(SR, -10 + fr, 90),
            add(SR, -8, 40), add(SR, -10, -22), add(lerp(neck, SR, 0.55), 0, -12), add(neck, 24, -14)]


def open_shirt(SL, SR, HL, HR, neck, facing: float) -> list[Part]:
    """Scene 1: the chest bare in shadow, the two fronts of the pale shirt hanging open and long,
    their inner edges (the lining) dark; the open collar stands at his neck."""
    chest = Part("chest", shape(torso_outline(SL, SR, HL, HR, neck, facing, hem=10), 6), SKIN, rim=0.3, inner_rim=0.1, shade=0.5)
    mid = lerp(neck, lerp(HL, HR, 0.5), 0.0)
    # the near front (screen left) falls from the shoulder to below the belt
    nf = [add(neck, -22, -10), add(SL, 8, -22), add(SL, -8, -2), add(SL, -2, 60), add(lerp(SL, HL, 0.5), 4, 0), add(HL, -14, 40),
          add(HL, -8, 64), add(HL, 20, 70), add(lerp(HL, HR, 0.5), -10, 64), add(lerp(mid, lerp(HL, HR, 0.5), 0.6), -12, 0),
          add(mid, -6, 40)]
    ff = [add(neck, 22, -10), add(SR, -8, -22), add(SR, 8, -2), add(SR, 2, 60), add(lerp(SR, HR, 0.5), -4, 0), add(HR, 14, 40),
          add(HR, 8, 62), add(HR, -14, 68), add(lerp(HL, HR, 0.5), 14, 62), add(lerp(mid, lerp(HL, HR, 0.5), 0.6), 20, 0),
          add(mid, 14, 40)]
    near = shape(nf, 6)
    far = shape(ff, 6)

    def nd(ink: Ink, p: Part) -> None:
        edge_line(ink, [add(mid, -6, 40), add(lerp(mid, lerp(HL, HR, 0.5), 0.6), -12, 0), add(lerp(HL, HR, 0.5), -10, 64)], 6,
                  LINING.base, 0.9, p.geom)
        edge_line(ink, [add(SL, 14, 70), add(lerp(SL, HL, 0.5), 18, 0), add(HL, 4, 56)], 4, CLOTH_SH, 0.45, p.geom)

    def fd(ink: Ink, p: Part) -> None:
        edge_line(ink, [add(mid, 14, 40), add(lerp(mid, lerp(HL, HR, 0.5), 0.6), 20, 0), add(lerp(HL, HR, 0.5), 14, 62)], 7,
                  LINING.base, 0.9, p.geom)
    return [chest, Part("shirt_far", far, SHIRT, details=[fd], rim=0.4, inner_rim=0.3),
            Part("shirt_near", near, SHIRT, details=[nd], rim=0.85, inner_rim=0.35)]


def silk_shirt(SL, SR, HL, HR, neck, facing: float, back: bool = False) -> list[Part]:
    """Dawn: the black silk shirt, open at the throat, loose over the trousers."""
    g = shape(torso_outline(SL, SR, HL, HR, neck, facing, hem=34, waist=4), 6)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        edge_line(ink, [add(SL, 24, 70), lerp(add(SL, 24, 70), add(HL, 30, 20), 0.5), add(HL, 24, 24)], 4, CLOTH_SH, 0.5, c)
        edge_line(ink, [add(SR, -24, 70), lerp(add(SR, -24, 70), add(HR, -30, 20), 0.5), add(HR, -24, 24)], 4, CLOTH_SH, 0.5, c)
        if not back:
            v = shape([add(neck, -12, -8), add(neck, 12, -8), add(neck, 4, 40), add(neck, -2, 44)], 4)
            ink.fill(v, SKIN.base, 1.0, c)
    return [Part("silk", g, SILK, details=[d], rim=0.9, inner_rim=0.3)]


def upper_arm(sh, el, name: str, mat: Mat, rim: float = 0.8, inner_rim: float = 0.3) -> Part:
    ang = math.degrees(math.atan2(el[1] - sh[1], el[0] - sh[0])) - 90
    cap = affinity.rotate(ellipse(sh[0], sh[1] + 12, 24, 40), ang, origin=sh)
    g = union(cap, limb([lerp(sh, el, 0.12), lerp(sh, el, 0.45), lerp(sh, el, 0.8), el], [23, 21, 18, 16]))
    return Part(name, g, mat, rim=rim, inner_rim=inner_rim)


def forearm(el, wr, name: str, mat: Mat, rim: float = 0.8, inner_rim: float = 0.35) -> Part:
    """A loose sleeve to the wrist, a little fuller at the cuff."""
    g = limb([el, lerp(el, wr, 0.4), add(wr, 0, 0)], [16, 16.5, 13], [16, 17.5, 13])
    return Part(name, g, mat, rim=rim, inner_rim=inner_rim, shade=0.7)


def arm(sh, el, wr, name: str, mat: Mat, rim: float = 0.8, inner_rim: float = 0.3) -> Part:
    """A whole sleeved arm as one part (no seam of light at the elbow)."""
    u, f = upper_arm(sh, el, name, mat), forearm(el, wr, name, mat)
    return Part(name, union(u.geom, f.geom), mat, rim=rim, inner_rim=inner_rim)


def neck_part(neck, head: Head) -> Part:
    top = head.pt(0.06, 0.3)
    return Part("neck", limb([add(neck, 0, 14), lerp(neck, top, 0.5), top], [24, 19, 18]), SKIN, rim=0.5, inner_rim=0.3, shade=0.5)


def hand_part(name: str, g, rim: float = 0.7, inner_rim: float = 0.5) -> Part:
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
        back = Sheet([(hx - 8, top - 2), (hx - 50, top + 34), (bx - 64, hy + 40), (bx - 74, hy + 160), (bx - 70, length - 110),
                      (bx - 56, length)],
                     [(hx + 8, top - 2), (hx + face_open - 4, top + 30), (hx + face_open, hy + 10), (bx + 62, hy + 60), (bx + 70, hy + 160),
                      (bx + 66, length - 110), (bx + 48, length - 12)], tips=16, tip_len=34, seed=seed, tip_w=12)
    else:
        # around the back of the skull, then falling: the mass spills past his back (screen left
        # when he faces right) and is hidden by his body on the other side
        back = Sheet([(hx - 10 * s, top + 2), (hx - 50 * s, hy - 30), (bx - 62 * s, hy + 40), (bx - 72 * s, hy + 160),
                      (bx - 68 * s, length - 110), (bx - 54 * s, length)],
                     [(hx + 10 * s, top + 2), (hx + 30 * s, hy - 10), (bx + 40 * s, hy + 40), (bx + 46 * s, hy + 160),
                      (bx + 44 * s, length - 110), (bx + 30 * s, length - 12)], tips=14, tip_len=34, seed=seed, tip_w=12)
    behind = [hair_part("hair_back", back, HAIR, seed, HAIR_DK, HAIR_LT, density=0.7, rim_strands=0.8, rim=1.0, inner_rim=0.3)]
    front: list[Part] = []
    cap = Sheet([(hx, top), (hx - 40, top + 12), (hx - 56, hy - 10)], [(hx + 4, top), (hx + 44, top + 10), (hx + 58, hy - 8)], seed=seed)
    cap.geom = shape([(hx - 50, hy - 4), (hx - 50, top + 22), (hx - 26, top + 2), (hx + 8, top - 3), (hx + 38, top + 10),
                      (hx + 50, hy - 24), (hx + 46, hy - 10), (hx + 28, hy - 32), (hx - 4, hy - 40), (hx - 34, hy - 26)], 6)
    front.append(hair_part("crown", cap, HAIR, seed + 1, HAIR_DK, HAIR_LT, density=1.0, rim_strands=0.7, rim=1.0, inner_rim=0.4))
    near_x = hx - 46 * (1 if s > 0 else -1)
    far_x = hx + 48 * (1 if s > 0 else -1)
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


def face_part(head: Head, mood: str = "cold") -> Part:
    return Part("face", head.geom, SKIN, details=[face_details(head, SKIN_SH, EYE, mood)], rim_details=[face_rim(head, 0.5)],
                rim=0.6, inner_rim=0.0, shade=0.6)


# ================================================================================ poses
# Joints (canvas px): crown ~30, chin ~144, shoulders ~200, elbows ~378 when the arms hang,
# wrists ~498, hip joints ~504, knees ~730, ankles ~930, soles 972. The hand is 84 long.
def stand_legs(weight: str = "back") -> list[Part]:
    """Still: the weight on the back (screen-left) leg, the front knee eased."""
    HL, HR = (330, 506), (402, 502)
    return [foot((322, 930), 1, 0.7, "boot_n", rim=0.8), leg(HL, (326, 732), (322, 930), -1, "leg_n"),
            foot((414, 928), 1, 0.85, "boot_f", rim=0.4), leg(HR, (408, 728), (414, 928), -1, "leg_f", rim=0.4)]


def figure_open(mood: str, target=None) -> list[Part]:
    """Scene 1 (shirt open). cold: arms hanging a little away from the body, the head lowered;
    chair: the left (far) hand resting on the chair's top rail at `target`; reach: a step
    toward Zack, the left arm reaching out."""
    HL, HR = (330, 506), (402, 502)
    SL, SR, neck = (288, 206), (440, 200), (366, 188)
    head = Head((376, 96), HS, "right", "34", tilt=8)
    lean = 0.0
    if mood == "chair":
        SL, SR, neck = (284, 210), (436, 202), (362, 190)
        head = Head((370, 98), HS, "right", "34", tilt=4)
        lean = -2.5
    if mood == "reach":
        head = Head((384, 100), HS, "right", "34", tilt=10)
        lean = 4.0
    behind, front = hair_parts(head)
    parts: list[Part] = list(behind)
    # the far (left, sword) arm
    if mood == "chair":
        tx, ty = target
        WF = (tx - 10, ty - 6)
        EF = (SR[0] + 26, 340)
        parts += [arm(SR, EF, WF, "arm_f", SHIRT, rim=0.35)]
        hand = union(shape([(WF[0] - 4, WF[1] - 10), (WF[0] + 40, WF[1] - 8), (WF[0] + 56, WF[1] + 2), (WF[0] + 52, WF[1] + 10),
                            (WF[0] + 6, WF[1] + 12)], 5),
                     *[limb([(WF[0] + x, WF[1] + 4), (WF[0] + x + 8, WF[1] + 16), (WF[0] + x + 6, WF[1] + 32)], [6, 5.5, 3])
                       for x in (20, 31, 42, 52)])
        parts.append(hand_part("hand_f", hand, rim=0.5))
    elif mood == "reach":
        EF, WF = (482, 298), (496, 354)
        parts += [arm(SR, EF, WF, "arm_f", SHIRT, rim=0.35)]
        parts.append(hand_part("hand_f", hand_shape(WF, 40, 82, 0.35, 0.25, thumb=-1, thumb_open=0.2), rim=0.4))
    else:
        EF, WF = (458, 384), (476, 496)
        parts += [arm(SR, EF, WF, "arm_f", SHIRT, rim=0.35)]
        parts.append(hand_part("hand_f", hand_shape(WF, 80, 84, 0.45, 0.05, thumb=-1), rim=0.35))
    parts += open_shirt(SL, SR, HL, HR, neck, 1)
    parts.append(neck_part(neck, head))
    # the near (right) arm hangs
    EN, WN = (268, 380), (276, 496)
    if mood == "reach":
        EN, WN = (262, 376), (236, 486)
    parts += [arm(SL, EN, WN, "arm_n", SHIRT, rim=1.0)]
    parts.append(hand_part("hand_n", hand_shape(WN, 94, 84, 0.3, 0.05, thumb=1), rim=0.9))
    parts.append(face_part(head, "cold"))
    parts += front
    return turn(parts, lean, lerp(HL, HR, 0.5))


def dawn_legs() -> list[Part]:
    """Dawn, seen from behind: the weight on the near (screen-left) leg, feet apart."""
    HL, HR = (330, 506), (400, 504)
    return [foot((414, 928), 1, 0.5, "boot_f", rim=0.5), leg(HR, (408, 728), (414, 928), 1, "leg_f", rim=0.5),
            foot((318, 930), -1, 0.4, "boot_n", rim=0.8), leg(HL, (324, 732), (318, 930), 1, "leg_n")]


def figure_dawn(mood: str) -> list[Part]:
    """dawn: his back to the room, the lost profile turned toward the sun (right), hands clasped
    behind his back, the hair down over the silk; dawn_turning: the same feet, head and
    shoulders turned back toward Zack; dawn_facing: turned three-quarters to face him."""
    HL, HR = (330, 506), (400, 504)
    if mood == "dawn_facing":
        SL, SR, neck = (288, 206), (440, 200), (366, 188)
        head = Head((378, 96), HS, "right", "34", tilt=2)
        behind, front = hair_parts(head, seed=7)
        parts: list[Part] = list(behind)
        EF, WF = (462, 382), (468, 498)
        parts += [arm(SR, EF, WF, "arm_f", SILK, rim=0.5)]
        parts.append(hand_part("hand_f", hand_shape(WF, 90, 84, 0.35, 0.05, thumb=-1), rim=0.5))
        parts += silk_shirt(SL, SR, HL, HR, neck, 1)
        parts.append(neck_part(neck, head))
        EN, WN = (272, 384), (270, 500)
        parts += [arm(SL, EN, WN, "arm_n", SILK, rim=1.0)]
        parts.append(hand_part("hand_n", hand_shape(WN, 92, 84, 0.3, 0.05, thumb=1), rim=0.9))
        parts.append(face_part(head, "still"))
        parts += front
        return parts
    SL, SR, neck = (292, 206), (440, 204), (366, 190)
    if mood == "dawn_turning":
        head = Head((384, 96), HS, "right", "profile", tilt=0)
    else:
        head = Head((370, 98), HS, "right", "lost", tilt=-4)
    # seen from behind: the arms hang back, the hands clasped at the small of the back
    parts = []
    EN, EF = (276, 376), (456, 372)
    W0 = (360, 470)
    parts += [upper_arm(SL, EN, "arm_n", SILK, rim=1.0), upper_arm(SR, EF, "arm_f", SILK, rim=0.5)]
    parts += silk_shirt(SL, SR, HL, HR, neck, 2, back=True)
    parts.append(neck_part(neck, head))
    behind, front = hair_parts(head, seed=9, length=580, back_view=True, face_open=34 if mood == "dawn" else 4)
    # the hair hangs down his back OVER the shirt: from behind, the long mass is in front; the face
    # (a sliver of cheek and jaw in the lost profile, the whole profile when he turns) over it
    parts += behind
    if mood == "dawn_turning":
        sliver = head.geom.difference(union(*[p.geom for p in behind]).buffer(-1.0))
        parts.append(Part("face", sliver, SKIN, details=[face_details(head, SKIN_SH, EYE, "still")],
                          rim_details=[face_rim(head, 0.4)], rim=0.9, inner_rim=0.0, shade=0.6))
    else:
        # the lost profile: brow, cheekbone and jaw just showing past the hair, toward the sun
        prof = Head((head.c[0] - 6, head.c[1]), HS, "right", "profile", tilt=-4)
        sliver = prof.geom.difference(union(*[p.geom for p in behind]).buffer(-1.0))
        parts.append(Part("face", sliver, SKIN, rim=1.0, inner_rim=0.0, shade=0.4))
    parts += [forearm(EN, add(W0, -22, 0), "fore_n", SILK, rim=1.0), forearm(EF, add(W0, 22, 0), "fore_f", SILK, rim=0.5)]
    parts.append(hand_part("hands", union(fist_shape(add(W0, -24, -4), 20, 66, thumb=1), fist_shape(add(W0, 24, -4), 160, 66, thumb=-1)),
                           rim=0.7))
    if mood == "dawn_turning":
        hx, hy = head.c
        top = hy - HS * 0.52
        cap = shape([(hx - 8, top - 2), (hx + 18, top - 1), (hx + 34, top + 10), (hx + 41, top + 28), (hx + 42, hy - 26),
                     (hx + 36, hy - 16), (hx + 30, hy - 28), (hx + 22, top + 26), (hx + 6, top + 18), (hx - 8, top + 18)], 6)
        parts.append(Part("crown", cap, HAIR, rim=1.0, inner_rim=0.5, shade=0.8))
    return turn(parts, 1.0 if mood == "dawn" else 0.0, lerp(HL, HR, 0.5))


# ================================================================================ eyes glow
def eyes_glow(path: str, head: Head, lean: float = 0.0, piv=(366, 504)) -> None:
    """Two thin green glints in the shadowed face: a narrow slit of light with a faint halo."""
    ink = Ink(W, H)
    ey = -0.1 + 0.085
    for ex, sc in ((-0.2, 1.0), (0.085, 0.7)):
        x, y = head.pt(ex, ey)
        if lean:
            x, y = affinity.rotate(ellipse(x, y, 1, 1), lean, origin=piv).centroid.coords[0]
        ink.rad(ellipse(x, y, 22 * sc, 10 * sc), (x, y), 22 * sc, [(0, (70, 220, 120), 0.35), (0.5, (50, 180, 100), 0.1),
                                                                  (1, (40, 160, 90), 0.0)], sy=10 / 22)
        ink.fill(ellipse(x, y, 8.5 * sc, 1.5 * sc, -6), (150, 255, 190), 0.95)
        ink.fill(ellipse(x + 1, y, 2.2 * sc, 1.3 * sc), (230, 255, 236), 1.0)
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


def write_layer(d: str, name: str, parts) -> None:
    ink = Ink(W, H)
    paint_figure(ink, parts, LIGHT)
    ink.save(os.path.join(d, name + ".svg"), f"sephiroth {name}")


def write_rim(d: str, name: str, parts, lights=((LIGHT, 1.0),)) -> None:
    ink = Ink(W, H)
    for light, k in lights:
        rim_figure(ink, parts, light, k)
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
    for name, parts in L.items():
        write_layer(d, name, parts)
    dawn_light = (((1.0, -0.3), 1.0), (LIGHT, 0.55))
    stacks = {
        "cold": (["legs", "upper_cold"], ((LIGHT, 1.0),)),
        "chair": (["legs", "upper_chair"], ((LIGHT, 1.0),)),
        "reach": (["legs", "upper_reach"], ((LIGHT, 1.0),)),
        "dawn": (["legs_dawn", "upper_dawn"], dawn_light),
        "dawn_turning": (["legs_dawn", "upper_dawn_turning"], dawn_light),
        "dawn_facing": (["legs", "upper_dawn_facing"], dawn_light),
    }
    for look, (names, lights) in stacks.items():
        write_rim(d, f"rim_{look}", [p for n in names for p in L[n]], lights)
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
    write_yaml(L, [f"rim_{k}" for k in stacks], looks)


if __name__ == "__main__":
    build()
