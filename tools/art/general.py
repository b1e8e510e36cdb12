"""The General at the briefing: Sephiroth in uniform, two looks of the `sephiroth` sprite (docs/art.md).

In this story "the General" is Sephiroth's rank ("Everyone in the army called him the General",
scripts/01_sunset.yaml); on the leave path Zack sees him the next morning at the head of the
briefing table (`shinra_briefing`, mark `head_of_table`), and he speaks as `sephiroth`. This is
the same man as tools/art/sephiroth.py (the same head, silver hair, height and hands) in a
GENERIC officer's service uniform, not a costume from the games: a dark double-breasted
greatcoat to the knee with a standing collar, shoulder boards, a belt, two rows of buttons; tall
boots; gloves; the peaked cap held under his left arm. Strong silhouette first: the coat's cone,
the cap standing out past his hip, the hair falling behind the shoulders.

The room is lit from the windows on the LEFT (the `fluorescent` preset adds the ceiling), so the
rim is on the left edges like everywhere else. Canvas 720 x 980, soles at y 972, the same scale
as sephiroth.yaml. The looks belong to the `sephiroth` sprite (`show: sephiroth general at
head_of_table`; sephiroth.py's build() adds them), two looks with the same boots:
- `general`: standing at the head of the table, square to the room, the head level, looking down
  the table; the right hand hanging, gloved.
- `general_calls`: the same body; the head turned a little to his right (screen-left, toward the
  near side of the table) and lowered, the right hand lifted from the wrist as if to give the
  word ("Fair. Your report.").
"""
from __future__ import annotations

import math

import sephiroth as S
from figkit import Ink, Mat, Part, ellipse, poly, shape, shift, union
from figure import (
    Head,
    add,
    edge_line,
    fold,
    hand_fist,
    hand_hanging,
    lerp,
    limb,
    shoulder_line,
    turn,
)
from shapely.geometry import box

W, H = S.W, S.H
G = S.G
HS = S.HS

COAT = Mat((17, 19, 24), (46, 50, 62), (8, 9, 12), rim=0.85, rim_width=1.2)
BOARD = Mat((34, 34, 38), (78, 76, 74), (16, 16, 18), rim=1.0, rim_width=1.0)     # shoulder boards: braid
GLOVE = Mat((12, 12, 15), (40, 40, 50), (6, 6, 8), rim=0.8, rim_width=1.1)
BOOT = Mat((10, 10, 13), (44, 44, 54), (5, 5, 7), rim=0.8, rim_width=1.1)
BELT = Mat((14, 13, 14), (44, 40, 40), (7, 6, 7), rim=0.5)
CAP = Mat((16, 18, 23), (46, 50, 62), (8, 9, 12), rim=0.9, rim_width=1.1)
BRASS = (70, 64, 52)
CLOTH_SH = S.CLOTH_SH

NECK = (362, 190)
SL, SR = (274, 216), (448, 204)       # his right (screen-left) and left shoulders: the right one dropped over the weight leg
HL, HR = (322, 516), (404, 518)
CX = 350                               # the coat's front edge (a 3/4 view turned a little left)


def coat() -> list[Part]:
    """The greatcoat: shoulders sloping from the standing collar, the chest, the belt at the
    waist, the skirt falling in a cone to the knee; the double-breasted front overlapping on
    his right (screen-left) side."""
    ln, rn = shoulder_line(NECK, SL, -1), shoulder_line(NECK, SR, 1)
    hem = 780
    pts = ([add(ln[0], 3, -18)] + ln[:3] +
           [add(SL, 8, 40), add(SL, 10, 110), add(SL, 20, 200), (HL[0] - 4, 462), (HL[0] - 10, 490), (HL[0] - 24, 560),
            (HL[0] - 44, 660), (HL[0] - 62, hem - 6), (HL[0] - 50, hem + 4), (CX - 40, hem + 8), (CX - 4, hem + 2),
            (CX + 6, hem + 12), (CX + 50, hem + 10), (HR[0] + 40, hem + 6), (HR[0] + 62, hem - 4), (HR[0] + 48, 660),
            (HR[0] + 30, 560), (HR[0] + 12, 490), (HR[0] + 6, 462), add(SR, -20, 200), add(SR, -10, 110), add(SR, -8, 40)] +
           rn[:3][::-1] + [add(rn[0], -3, -18)])
    g = shape(pts, 6)     # heavy wool: a clean edge (no crumple)
    belt_y = 468
    front = [(CX - 12, NECK[1] + 18), (CX - 20, 300), (CX - 24, belt_y), (CX - 28, 600), (CX - 4, hem + 2)]
    # the skirt's folds fan from the belt to the hem; the chest's from the armpits to the belt
    skirt = [([(HL[0] - 6, 500), (HL[0] - 24, 620), (HL[0] - 38, hem - 4)], 5),
             ([(HL[0] + 20, 500), (HL[0] + 12, 640), (HL[0] + 2, hem)], 4.5),
             ([(CX + 30, 500), (CX + 36, 640), (CX + 42, hem + 6)], 4.5),
             ([(HR[0] + 4, 500), (HR[0] + 22, 630), (HR[0] + 36, hem - 2)], 5)]
    chest = [([add(SL, 22, 70), add(SL, 28, 150), (HL[0] + 6, belt_y - 12)], 4),
             ([add(SR, -22, 72), add(SR, -30, 150), (HR[0] - 6, belt_y - 12)], 4),
             ([(CX - 40, belt_y - 50), (CX - 44, belt_y - 6)], 3), ([(CX + 40, belt_y - 46), (CX + 44, belt_y - 6)], 3)]
    folds = skirt + chest

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        # the side away from the light turns into shadow in one flat step
        ink.fill(c.difference(shift(c, 24, 0)), CLOTH_SH, 0.3, c)
        for fp, fw in folds:
            fold(ink, fp, fw, CLOTH_SH, COAT.lit, c, 0.55, ridge=1.0)
        # the overlapping front: a drawn edge with a lit lip, the skirt's front opening below the belt
        edge_line(ink, front, 4, CLOTH_SH, 0.85, c)
        ink.fill(limb([add(q, -3, 0) for q in front], [1.2] * len(front)), COAT.lit, 0.5, c)
        # two rows of buttons
        for y in (262, 318, 374, 430):
            for x, k in ((CX - 42, 1.0), (CX + 22, 0.8)):
                ink.fill(ellipse(x + (y - 262) * -0.03, y, 5 * k, 5), BRASS, 0.9, c)
                ink.fill(ellipse(x + (y - 262) * -0.03 - 1.5, y - 1.5, 2 * k, 2), (110, 102, 84), 0.8, c)
        # the hip pockets' flaps
        for x0, x1, y in ((HL[0] - 18, HL[0] + 24, 548), (HR[0] - 14, HR[0] + 30, 552)):
            edge_line(ink, [(x0, y), ((x0 + x1) / 2, y + 2), (x1, y)], 3, CLOTH_SH, 0.7, c)
        # the hem turns under: a band of shadow, a lit lip on the side toward the light
        ink.fill(c.difference(shift(c, 0, -9)).intersection(box(0, 700, W, H)), CLOTH_SH, 0.6)
        ink.fill(c.difference(shift(c, 0, -12)).difference(c.difference(shift(c, 0, -9))).intersection(box(0, 700, CX, H)),
                 COAT.lit, 0.4)
        # the back vent shows a sliver of shadow between the skirt's halves at the far side
        edge_line(ink, [(HR[0] + 30, 640), (HR[0] + 44, hem - 4)], 3, CLOTH_SH, 0.5, c)
    belt = limb([(HL[0] - 8, belt_y), (CX, belt_y + 3), (HR[0] + 10, belt_y - 1)], [9, 9.5, 9])

    def bd(ink: Ink, p: Part) -> None:
        ink.fill(box(CX - 46, belt_y - 11, CX - 20, belt_y + 12), BRASS, 0.7, p.geom)
        ink.fill(box(CX - 40, belt_y - 5, CX - 26, belt_y + 6), BELT.base, 1.0, p.geom)
    collar = limb([add(NECK, -30, 2), add(NECK, -14, 10), add(NECK, 6, 10), add(NECK, 28, 0)], [13, 14, 14, 12])
    collar = collar.union(limb([add(NECK, -26, -12), add(NECK, 0, -6), add(NECK, 24, -14)], [10, 10, 10])).buffer(2).buffer(-2)

    def cd(ink: Ink, p: Part) -> None:
        # the collar's opening in front and its tab
        edge_line(ink, [add(NECK, -10, -16), add(NECK, -12, 6), add(NECK, -10, 20)], 3, CLOTH_SH, 0.9, p.geom)
        ink.fill(box(NECK[0] - 30, NECK[1] - 4, NECK[0] - 16, NECK[1] + 10), BOARD.base, 0.8, p.geom)
    boards = []
    for sh, side in ((SL, -1), (SR, 1)):
        line = shoulder_line(NECK, sh, side)
        a, b = lerp(line[0], line[1], 0.6), line[3]
        boards.append(limb([a, lerp(a, b, 0.5), b], [7, 8, 8.5]))
    return ([Part("coat", g, COAT, details=[d], rim=0.85, inner_rim=0.25, rim_folds=[(fp, fw, 0.8) for fp, fw in folds])],
            Part("belt", belt, BELT, details=[bd], rim=0.4, inner_rim=0.2, shade=0.4),
            Part("collar", collar, COAT, details=[cd], rim=0.8, inner_rim=0.3, shade=0.5),
            [Part(f"board{i}", bg, BOARD, rim=1.0 if i == 0 else 0.5, inner_rim=0.3, shade=0.5) for i, bg in enumerate(boards)])


def boots() -> list[Part]:
    """At ease, not at attention: the weight on his right leg (screen-left), its boot drawn in
    under him; the left leg free, the knee eased and the boot set out to the side, toe turned
    out, so the two shafts below the coat's hem are not a pair of posts. The trousers disappear
    into tall boots under the hem."""
    out = []
    for hip, knee, ankle, toe, k, nm, rim in ((HR, (418, 742), (448, 930), 1, 0.78, "f", 0.45),
                                            (HL, (328, 740), (334, 930), -1, 0.8, "n", 0.9)):
        legp = S.leg(hip, knee, ankle, 1, f"leg_{nm}", rim=rim)
        shaft = limb([add(knee, 0, 10), lerp(knee, ankle, 0.4), add(ankle, 0, 6)], [27, 25.5, 19])
        shaft = union(shaft, ellipse(knee[0], knee[1] + 12, 27, 9))

        def d(ink: Ink, p: Part, knee=knee, ankle=ankle) -> None:
            c = p.geom
            # the boot's top edge and the leather's creases over the instep
            ink.fill(ellipse(knee[0], knee[1] + 14, 26, 5).intersection(c), CLOTH_SH, 0.7)
            for t, wv in ((0.72, 14), (0.86, 12)):
                cx, cy = lerp(knee, ankle, t)
                fold(ink, [(cx - wv, cy - 3), (cx, cy + 2), (cx + wv, cy - 2)], 2.4, CLOTH_SH, BOOT.lit, c, 0.5, ridge=0.8)
        out += [S.foot(ankle, toe, k, f"boot_{nm}", rim=rim), legp,
                Part(f"shaft_{nm}", shaft, BOOT, details=[d], rim=rim, inner_rim=0.25)]
    return out


def sleeve(sh, el, wr, name: str, rim: float, neck=NECK) -> Part:
    """A greatcoat sleeve: fuller than a shirt's, a turned-back cuff at the wrist."""
    p = S.arm(sh, el, wr, name, COAT, rim=rim, neck=neck)
    ux, uy = wr[0] - el[0], wr[1] - el[1]
    n = math.hypot(ux, uy) or 1.0
    ux, uy = ux / n, uy / n
    cuff = limb([(wr[0] - ux * 26, wr[1] - uy * 26), (wr[0] - ux * 10, wr[1] - uy * 10), (wr[0] + ux * 2, wr[1] + uy * 2)], [16, 16.5, 16])
    p.geom = union(p.geom, cuff)

    def cd(ink: Ink, q: Part) -> None:
        a = (wr[0] - ux * 26, wr[1] - uy * 26)
        edge_line(ink, [(a[0] - uy * 17, a[1] + ux * 17), a, (a[0] + uy * 17, a[1] - ux * 17)], 3, CLOTH_SH, 0.75, q.geom)
    p.details.append(cd)
    return p


def glove(g, name: str, rim: float) -> Part:
    g, cs = g if isinstance(g, tuple) else (g, [])

    def d(ink: Ink, p: Part) -> None:
        for c in cs:
            edge_line(ink, c, 2.2, CLOTH_SH, 0.6, p.geom)
    return Part(name, g, GLOVE, details=[d], rim=rim, inner_rim=0.5, shade=0.6)


def cap_under_arm(at) -> Part:
    """The peaked cap held against his left hip under the forearm, seen from the side: the
    crown's top standing wider than the band, the peak pointing forward and down."""
    x, y = at
    # the crown's top is a saddle: it rises to a peak over the badge at the front (screen-left)
    crown = shape([(x - 46, y - 10), (x - 52, y - 40), (x - 30, y - 46), (x + 10, y - 38), (x + 44, y - 36), (x + 58, y - 22),
                   (x + 50, y - 6), (x - 36, y - 4)], 6)
    band = poly([(x - 34, y - 8), (x + 38, y - 6), (x + 34, y + 16), (x - 30, y + 14)])
    peak = shape([(x - 32, y + 10), (x - 54, y + 18), (x - 62, y + 26), (x - 40, y + 26), (x - 24, y + 18)], 5)
    g = union(crown, band, peak)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        # the band's two edges, the badge on its front, the peak's patent shine
        edge_line(ink, [(x - 34, y - 7), (x + 2, y - 6), (x + 38, y - 5)], 3, CLOTH_SH, 0.8, c)
        edge_line(ink, [(x - 30, y + 13), (x + 2, y + 14), (x + 34, y + 15)], 2.5, CLOTH_SH, 0.7, c)
        ink.fill(ellipse(x - 26, y + 2, 6, 7), BRASS, 0.8, c)
        ink.fill(shape([(x - 36, y + 14), (x - 52, y + 19), (x - 56, y + 23), (x - 42, y + 20)], 4), (60, 64, 80), 0.6, c)
    return Part("cap", g, CAP, details=[d], rim=0.8, inner_rim=0.4, shade=0.6)


def figure(mood: str) -> list[Part]:
    calls = mood == "general_calls"
    # at ease: the head a little off the spine's line, canted toward the weight leg
    head = Head((348, 99), HS, "left", "34", tilt=5)
    if calls:
        head = Head((346, 100), HS, "left", "34", tilt=8)
    behind, front = S.hair_parts(head, seed=13, length=600)
    # in uniform the hair is kept behind the shoulders: no lock falls over the coat's front
    front = [p for p in front if not p.name.startswith("near")]
    parts: list[Part] = list(behind)
    coat_parts, belt, collar, boards = coat()
    parts += coat_parts
    parts.append(belt)
    # his left (far, screen-right) arm bent, the forearm holding the cap against the hip
    EF, WF = (476, 386), (446, 462)
    parts.append(cap_under_arm((462, 470)))
    parts.append(sleeve(SR, EF, WF, "arm_f", rim=0.4))
    parts.append(glove(hand_fist(WF, 200, 68, False), "hand_f", 0.4))
    parts += boards[1:]
    parts.append(S.neck_part(NECK, head))
    parts.append(collar)
    # his right (near, screen-left) arm hangs at his side; calls_on: the hand lifts from the wrist
    EN, WN = (254, 388), (270, 500)      # the elbow eased, the hand drifting to the front of the thigh
    if calls:
        EN, WN = (248, 384), (246, 494)
        parts.append(glove(hand_hanging(WN, 130, 86, False, 0.15), "hand_n", 0.9))
    else:
        parts.append(glove(hand_hanging(WN, 92, 86, False, 0.3), "hand_n", 0.9))
    parts.append(sleeve(SL, EN, WN, "arm_n", rim=1.0))
    parts.append(boards[0])
    parts.append(S.face_part(head, "cold"))
    parts += front
    # not a mannequin at attention: the weight on his right leg, the upper body eased a degree
    # toward it from the hips (calls: a little more, toward the man he calls on)
    return turn(parts, -2.0 if calls else -1.2, lerp(HL, HR, 0.5))


# ================================================================================ the looks
def layers() -> dict[str, list[Part]]:
    """The layers sephiroth.py adds to the `sephiroth` sprite: the boots shared by both looks
    (a cross-fade between them moves only the upper body), then each look's upper body."""
    legs = boots()
    return {"legs_general": legs, "upper_general": figure("general"), "upper_general_calls": figure("general_calls")}


STACKS = {"general": ["legs_general", "upper_general"], "general_calls": ["legs_general", "upper_general_calls"]}


if __name__ == "__main__":
    S.build()
