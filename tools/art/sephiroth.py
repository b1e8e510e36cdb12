"""Sephiroth: the sprite's SVG layers and sephiroth.yaml.

A tall man turned three-quarters toward the right (toward Zack), backlit by the glass on the
left: long silver hair to the waist, a pale shirt hanging open over the chest (scene 1) or a
black silk shirt (dawn), dark leather trousers. Canvas 720 x 980, feet at the bottom centre.
"""
from __future__ import annotations

import os

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
from hair import Sheet, bundle, hair_part
from shapely.geometry import box

W, H = 720, 980
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "sprites")

# --- materials (albedo in the figure's own shadow: dark, cool, so the ambient light tints them) --
SKIN = Mat((50, 46, 55), (80, 74, 84), (26, 23, 31), rim=0.8)
HAIR = Mat((62, 66, 82), (100, 106, 126), (32, 34, 46), rim=1.0, sheen=0.35, rim_width=1.15)
HAIR_BACK = Mat((58, 62, 76), (100, 106, 126), (30, 32, 42), rim=1.0, sheen=0.35, rim_width=1.2)
SHIRT = Mat((62, 62, 72), (92, 92, 104), (32, 32, 41), rim=0.75)
SHIRT_FAR = Mat((50, 50, 60), (76, 76, 88), (26, 26, 34), rim=0.5)
LINING = Mat((24, 24, 31), (40, 40, 50), (14, 14, 19), rim=0.3)
TROUSERS = Mat((19, 19, 25), (40, 40, 52), (9, 9, 12), rim=0.7, sheen=0.45)
SILK = Mat((23, 23, 30), (58, 58, 78), (10, 10, 15), rim=0.9, sheen=0.9)
BOOT = Mat((16, 16, 20), (42, 42, 50), (8, 8, 10), rim=0.55, sheen=0.5)
BELT = Mat((14, 13, 16), (34, 32, 36), (7, 7, 8), rim=0.3)

SKIN_SH = (20, 17, 25)     # occlusion on skin
CLOTH_SH = (17, 17, 24)
HAIR_DK = (28, 30, 40)
HAIR_LT = (128, 134, 156)
EYE = (76, 140, 100)       # green, in shadow (the glow is its own layer)


# ================================================================================ the head (3/4 right)
FACE = [(336, 52), (360, 36), (390, 38), (407, 54), (412, 72), (409, 84), (412, 97), (409, 111), (402, 126),
        (392, 139), (380, 145), (366, 140), (349, 127), (338, 108), (332, 86), (331, 66)]
EYES = [(364, 87), (397, 86)]


def face_part() -> Part:
    g = shape(FACE, 8)

    def details(ink: Ink, p: Part) -> None:
        clip = p.geom
        # the far side of the face (screen-right, away from the window) in deeper shadow
        ink.lin(clip, (370, 0), (414, 0), [(0, SKIN_SH, 0.0), (0.6, SKIN_SH, 0.45), (1, SKIN_SH, 0.7)])
        # brow ridge shadow over both eyes, sockets
        for (ex, ey), sc in ((EYES[0], 1.0), (EYES[1], 0.78)):
            ink.soft(ellipse(ex, ey + 1, 13 * sc, 7), SKIN_SH, 0.6, 3.5, clip)
        ink.soft(ribbon([(348, 79), (366, 75), (382, 79)], (4, 2)), SKIN_SH, 0.7, 1.2, clip)
        ink.soft(ribbon([(390, 78), (400, 76), (410, 80)], (3.4, 1.6)), SKIN_SH, 0.7, 1.0, clip)
        # eyes: a narrow dark almond, the green iris, slit pupil
        for (ex, ey), sc in ((EYES[0], 1.0), (EYES[1], 0.72)):
            almond = shape([(ex - 9 * sc, ey + 0.5), (ex - 2 * sc, ey - 3.2), (ex + 8 * sc, ey - 1.5), (ex + 9.5 * sc, ey + 0.6),
                            (ex + 2 * sc, ey + 2.6)], 6)
            ink.fill(almond, (20, 18, 24), 0.95, clip)
            ink.fill(ellipse(ex + 1.5 * sc, ey, 3.6 * sc, 3.2), EYE, 1.0, almond)
            ink.fill(ellipse(ex + 1.5 * sc, ey, 0.8 * sc, 2.6), (8, 10, 10), 1.0, almond)
            ink.fill(ribbon([(ex - 9.5 * sc, ey + 0.4), (ex - 1 * sc, ey - 3.4), (ex + 9.5 * sc, ey - 0.8)], (1.8, 1.0)), (12, 10, 14), 0.9, clip)
        # nose: the bridge, the shadowed far side, the tip and nostril
        ink.stroke([(391, 84), (396, 96), (401, 106)], 5, 8, SKIN_SH, 0.4, clip, soft=3)
        ink.soft(ellipse(395, 113, 6, 2.2, -8), SKIN_SH, 0.75, 1.2, clip)
        # mouth: a firm line, the lower lip catches nothing
        ink.stroke([(380, 125), (389, 124.5), (399, 123)], 1.8, 1.1, (22, 18, 24), 0.9, clip)
        ink.soft(ellipse(390, 130, 8, 2.4), SKIN_SH, 0.4, 1.2, clip)
        # hollow of the cheek and the jaw's shadow
        ink.soft(ribbon([(408, 100), (404, 116), (396, 132)], (9, 4)), SKIN_SH, 0.35, 3, clip)
        ink.soft(ribbon([(346, 118), (362, 136), (380, 144)], (10, 6)), SKIN_SH, 0.45, 3, clip)

    def rim_details(ink: Ink, p: Part, vis) -> None:
        # grazing light on the near cheekbone and the left side of the nose bridge; eye glints
        ink.soft(ribbon([(343, 86), (345, 98), (350, 110)], (3.5, 1.5)), (255, 255, 255), 0.18, 1.5, vis)
        for (ex, ey), sc in ((EYES[0], 1.0), (EYES[1], 0.72)):
            ink.fill(ellipse(ex - 0.5 * sc, ey - 1.2, 1.1 * sc, 0.9), (255, 255, 255), 0.85, vis)
            ink.fill(ellipse(ex + 1.5 * sc, ey + 0.6, 2.6 * sc, 1.6), (255, 255, 255), 0.18, vis)

    return Part("face", g, SKIN, details=[details], rim_details=[rim_details], rim=0.4, inner_rim=0.0, shade=0.6)


def neck_part(collar_open: bool = True) -> Part:
    g = shape([(350, 118), (366, 138), (392, 132), (396, 150), (402, 174), (410, 186), (392, 196), (372, 200),
               (350, 194), (334, 186), (342, 168), (346, 146)], 6)

    def details(ink: Ink, p: Part) -> None:
        c = p.geom
        soft_spot(ink, (378, 146), 30, 14, SKIN_SH, 0.85, c)          # under the jaw
        ink.soft(ribbon([(352, 132), (364, 162), (376, 190)], (7, 4)), SKIN_SH, 0.35, 3, c)  # sternomastoid
        ink.soft(ellipse(378, 191, 7, 4), SKIN_SH, 0.6, 2, c)        # the notch
    return Part("neck", g, SKIN, details=[details], rim=0.6, shade=0.8)


# ================================================================================ hair
def hair_back_parts(seed: int = 3, profile: bool = False) -> list[Part]:
    if not profile:
        left = [(350, 16), (326, 36), (312, 80), (298, 130), (276, 176), (248, 214), (228, 270), (218, 350), (216, 430),
                (224, 500), (240, 548)]
        right = [(384, 12), (414, 26), (430, 62), (436, 112), (448, 160), (474, 204), (490, 262), (498, 340), (500, 420),
                 (494, 484), (480, 530)]
    else:
        left = [(336, 18), (360, 10), (392, 22), (410, 60), (418, 110), (428, 180), (436, 260), (440, 350), (436, 440),
                (424, 510)]
        right = [(344, 16), (384, 14), (420, 40), (440, 90), (458, 160), (470, 250), (476, 340), (474, 430), (466, 500),
                 (450, 540)]
    sh = Sheet(left, right, tips=26, tip_len=34, seed=seed, tip_w=12)
    p = hair_part("hair_back", sh, HAIR_BACK, seed, HAIR_DK, HAIR_LT, density=1.0, rim_strands=0.8)
    return [p]


def hair_front_parts(seed: int = 5) -> list[Part]:
    """The crown, the parted fringe and the long locks that fall in front of the shoulders, each
    made of thinner locks of uneven length so the edges break up."""
    parts = []
    cap = Sheet([(372, 14), (350, 22), (334, 40), (328, 62)], [(378, 14), (402, 20), (420, 38), (428, 60)], seed=seed)
    cap.geom = shape([(330, 62), (334, 36), (352, 20), (376, 13), (402, 18), (422, 34), (430, 60), (420, 62), (404, 44),
                      (378, 36), (352, 42), (338, 60)], 8)
    crown = hair_part("crown", cap, HAIR, seed, HAIR_DK, HAIR_LT, density=1.2, rim_strands=0.8)
    groups = [
        # (name, centre line, widths, how many locks, rim, inner rim)
        ("far", [(396, 18), (416, 48), (420, 110), (426, 170), (434, 240), (440, 320), (440, 400), (436, 450)],
         [6, 18, 22, 24, 24, 20, 14, 6], 3, 0.5, 0.35),
        ("near", [(360, 18), (340, 46), (332, 100), (326, 160), (318, 230), (314, 310), (316, 390), (322, 446)],
         [6, 22, 26, 28, 28, 24, 16, 6], 4, 1.0, 0.6),
        ("fringe_r", [(380, 22), (398, 36), (410, 58), (415, 84), (413, 108)], [18, 18, 13, 7, 2], 3, 0.5, 0.5),
        ("fringe_l", [(370, 22), (352, 38), (341, 64), (336, 96), (336, 126)], [18, 19, 15, 8, 2], 3, 0.9, 0.5),
        ("fringe_m", [(376, 26), (368, 44), (364, 62), (366, 76)], [12, 10, 5, 1.5], 2, 0.8, 0.5),
    ]
    for gi, (name, c, w, n, rim, inner) in enumerate(groups):
        sheets = bundle(c, w, n, seed + 17 * gi)
        whole = union(*[sh.geom for sh in sheets])
        for i, sh in enumerate(sheets):
            hp = hair_part(f"{name}{i}", sh, HAIR, seed + 31 * gi + i, HAIR_DK, HAIR_LT, density=1.3,
                           rim_strands=0.35 if rim > 0.7 else 0.15, rim=rim, inner_rim=inner)
            hp.rim_group = whole
            parts.append(hp)
    return [crown] + parts


# ================================================================================ body (scene 1: shirt open)
SKIN_TORSO = [(334, 184), (404, 182), (436, 200), (444, 290), (436, 380), (432, 486), (322, 486), (308, 380), (300, 290),
              (306, 200)]


def chest_part() -> Part:
    g = shape(SKIN_TORSO, 6)

    def details(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.lin(c, (340, 0), (424, 0), [(0, SKIN.lit, 0.0), (0.45, SKIN_SH, 0.0), (1, SKIN_SH, 0.55)])
        # the shirt's fronts shade the skin beside them
        ink.stroke([(352, 200), (350, 300), (346, 420), (344, 490)], 14, 12, SKIN_SH, 0.45, c, soft=6)
        ink.stroke([(408, 200), (414, 300), (418, 420), (420, 490)], 18, 14, SKIN_SH, 0.55, c, soft=7)
        # collarbones, the pectorals' lower edges, the sternum, the line of the abdomen, the navel
        ink.stroke([(344, 196), (358, 199), (372, 197)], 5, 4, SKIN_SH, 0.35, c, soft=2)
        ink.stroke([(386, 197), (402, 198), (416, 201)], 5, 4, SKIN_SH, 0.35, c, soft=2)
        ink.stroke([(338, 256), (356, 272), (376, 270)], 12, 8, SKIN_SH, 0.4, c, soft=5)
        ink.stroke([(384, 270), (404, 272), (424, 254)], 12, 8, SKIN_SH, 0.45, c, soft=5)
        ink.stroke([(379, 204), (380, 240), (381, 272)], 5, 4, SKIN_SH, 0.3, c, soft=2.5)
        ink.stroke([(381, 286), (382, 360), (383, 444)], 5, 4, SKIN_SH, 0.18, c, soft=2.5)
        for y in (322, 366):
            ink.stroke([(360, y + 3), (381, y), (402, y + 3)], 6, 6, SKIN_SH, 0.1, c, soft=3)
        ink.soft(ellipse(383, 426, 2.4, 3.6), SKIN_SH, 0.5, 1.2, c)
        ink.stroke([(356, 440), (372, 470), (382, 486)], 7, 5, SKIN_SH, 0.22, c, soft=3)
        ink.stroke([(412, 440), (396, 470), (388, 486)], 7, 5, SKIN_SH, 0.25, c, soft=3)
        # the window's light grazing the near side of the chest
        ink.stroke([(350, 228), (352, 250), (362, 264)], 5, 3, SKIN.lit, 0.3, c, soft=2)
    return Part("chest", g, SKIN, details=[details], rim=0.2, inner_rim=0.0, shade=0.5)


def belt_part() -> Part:
    g = poly([(320, 476), (438, 474), (438, 492), (320, 494)])

    def details(ink: Ink, p: Part) -> None:
        ink.fill(box(370, 477, 392, 491), (64, 64, 72), 0.9)
        ink.fill(box(373, 480, 389, 488), (16, 15, 18), 1.0)
        ink.stroke([(371, 478), (371, 490)], 1.4, 1.4, (140, 140, 150), 0.7)
    return Part("belt", g, BELT, details=[details], rim=0.3)


def shirt_panels(collar: bool = True) -> list[Part]:
    """The two fronts of the open shirt, their dark edges turned toward the chest, the collar."""
    near = shape([(330, 174), (300, 182), (268, 196), (252, 226), (256, 280), (266, 350), (274, 420), (278, 490),
                  (282, 540), (300, 552), (322, 556), (340, 550), (340, 500), (341, 430), (344, 350), (346, 280),
                  (350, 226), (350, 196)], 6)
    far = shape([(406, 176), (428, 180), (458, 192), (476, 214), (478, 262), (466, 330), (456, 400), (456, 470),
                 (460, 530), (448, 552), (430, 556), (422, 550), (422, 490), (420, 420), (418, 340), (414, 270),
                 (410, 220), (406, 194)], 6)

    def near_d(ink: Ink, p: Part) -> None:
        c = p.geom
        # the turned edge: the shirt's inside, dark, along the opening
        edge = ribbon([(350, 200), (348, 260), (345, 330), (343, 420), (341, 500), (340, 550)], [7, 8, 8, 7, 7, 6])
        ink.fill(edge, LINING.base, 1.0, c)
        ink.stroke([(343, 200), (341, 300), (337, 420), (335, 548)], 1.6, 1.2, (120, 120, 134), 0.35, c)
        # long hanging folds, soft
        for pts, col, op in (([(300, 214), (296, 320), (302, 440), (306, 548)], CLOTH_SH, 0.5),
                             ([(322, 236), (326, 340), (322, 460), (324, 552)], CLOTH_SH, 0.4),
                             ([(286, 250), (284, 380), (292, 520)], (112, 112, 124), 0.3),
                             ([(312, 250), (310, 380), (314, 530)], (108, 108, 120), 0.22)):
            ink.stroke(pts, 7, 3, col, op, c, soft=3)
        # hem: a soft shadow where it turns under
        ink.soft(ribbon([(282, 540), (310, 552), (340, 552)], (6, 4)), CLOTH_SH, 0.6, 2, c)
        # the sleeve seam at the shoulder
        ink.stroke([(266, 198), (258, 226), (256, 256)], 2, 1.4, CLOTH_SH, 0.5, c)

    def far_d(ink: Ink, p: Part) -> None:
        c = p.geom
        edge = ribbon([(410, 200), (414, 270), (418, 340), (420, 420), (421, 500), (422, 552)], [9, 10, 10, 10, 9, 8])
        ink.fill(edge, LINING.base, 1.0, c)
        ink.fill(shift(edge, 5, 0), LINING.dark, 0.6, c)
        for pts, col, op in (([(440, 210), (446, 320), (438, 450), (442, 550)], CLOTH_SH, 0.55),
                             ([(430, 250), (432, 380), (436, 540)], (96, 96, 110), 0.22)):
            ink.stroke(pts, 8, 3, col, op, c, soft=3)
        ink.soft(ribbon([(424, 550), (444, 552), (458, 538)], (6, 4)), CLOTH_SH, 0.6, 2, c)

    parts = [Part("shirt_far", far, SHIRT_FAR, details=[far_d], rim=0.25, inner_rim=0.2),
             Part("shirt_near", near, SHIRT, details=[near_d], rim=0.85, inner_rim=0.3)]
    if collar:
        # the collar: it stands at the back of the neck and its points lie open on the chest
        cn = shape([(336, 170), (344, 158), (350, 174), (357, 200), (355, 214), (346, 204), (334, 186)], 5)
        cf = shape([(400, 158), (408, 152), (416, 170), (416, 194), (410, 214), (404, 198), (400, 178)], 5)

        def cd(ink: Ink, p: Part) -> None:
            ink.soft(shift(p.geom, 3, 4), CLOTH_SH, 0.5, 2, p.geom)
        parts += [Part("collar_far", cf, SHIRT_FAR, details=[cd], rim=0.2), Part("collar_near", cn, SHIRT, details=[cd], rim=0.5)]
    return parts


# ================================================================================ arms
def sleeve(outer, inner, cuff_y, mat: Mat, name: str, folds=(), ridges=(), cuff_h: float = 16) -> Part:
    """A loose shirt sleeve: soft fold shadows and lit ridges (lens-shaped, airbrushed), the cuff."""
    g = shape(outer + inner[::-1], 6)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        for pts, w, op in folds:
            ink.stroke(pts, w * 1.3, w * 1.3, CLOTH_SH, op * 0.65, c, soft=max(3.0, w * 0.6))
        for pts, w, op in ridges:
            ink.stroke(pts, w, w, mat.lit, op, c, soft=max(1.5, w * 0.4))
        cb = box(0, cuff_y, W, cuff_y + cuff_h)
        ink.lin(cb, (0, cuff_y), (0, cuff_y + cuff_h), [(0, CLOTH_SH, 0.55), (0.3, CLOTH_SH, 0.2), (1, CLOTH_SH, 0.4)], c)
        ink.soft(box(0, cuff_y - 6, W, cuff_y), CLOTH_SH, 0.35, 3, c)
    return Part(name, g, mat, details=[d])


def hand_part(name: str, wrist, angle: float, L: float, curl: float, thumb: float, mat: Mat = SKIN, spread: float = 0.2,
              rim: float = 0.9, width: float = 1.0, thumb_out: float = 0.0) -> Part:
    g, gaps = hand(wrist, angle, L, curl, thumb, spread, width, thumb_out)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        for gp in gaps:
            ink.stroke(gp, 1.8, 0.8, SKIN_SH, 0.7, c)
        # knuckles and the back of the hand: form
        soft_spot(ink, (wrist[0], wrist[1] + 4), L * 0.3, L * 0.12, SKIN_SH, 0.5, c)
    return Part(name, g, mat, details=[d], rim=rim, shade=0.9)


def arm_near_parts(mat: Mat = SHIRT) -> list[Part]:
    outer = [(296, 186), (268, 194), (250, 208), (240, 232), (236, 262), (234, 300), (234, 340), (237, 372), (242, 404),
             (246, 440), (250, 474), (253, 500)]
    inner = [(300, 222), (292, 246), (286, 280), (280, 320), (276, 354), (276, 380), (280, 420), (282, 460), (284, 500)]
    folds = [([(244, 352), (258, 372), (274, 372)], 7, 0.55),      # the crook of the elbow
             ([(248, 392), (262, 400), (276, 394)], 5, 0.4),
             ([(266, 236), (262, 290), (258, 340)], 9, 0.35),     # the sleeve's shadowed front
             ([(256, 420), (266, 450), (272, 482)], 6, 0.3),
             ([(274, 300), (276, 340)], 5, 0.35)]
    ridges = [([(244, 250), (240, 300), (242, 344)], 6, 0.35), ([(248, 408), (252, 440), (256, 476)], 4, 0.25)]
    s = sleeve(outer, inner, 484, mat, "arm_near", folds, ridges)
    h = hand_part("hand_near", (268, 498), 94, 86, 0.35, 1, spread=0.3, width=0.95)
    return [s, h]


def arm_far_parts(mat: Mat = SHIRT_FAR) -> list[Part]:
    outer = [(446, 188), (468, 196), (482, 212), (490, 236), (494, 270), (496, 310), (496, 350), (498, 376), (496, 410),
             (492, 450), (489, 484), (487, 500)]
    inner = [(448, 226), (452, 250), (456, 290), (460, 330), (462, 366), (462, 400), (460, 440), (458, 480), (458, 500)]
    folds = [([(464, 360), (480, 374), (496, 368)], 6, 0.5), ([(478, 240), (482, 300), (484, 350)], 10, 0.35),
             ([(470, 410), (478, 450), (480, 484)], 6, 0.3)]
    ridges = [([(468, 250), (468, 300), (470, 340)], 5, 0.2)]
    s = sleeve(outer, inner, 484, mat, "arm_far", folds, ridges)
    s.rim, s.inner_rim = 0.35, 0.3
    h = hand_part("hand_far", (472, 498), 88, 84, 0.3, -1, spread=0.2, rim=0.4, width=0.9)
    return [s, h]


def arm_far_chair_parts(mat: Mat = SHIRT_FAR) -> list[Part]:
    """His left (sword) hand laid on the chair's top rail at his side (the rail's left end is at
    about (475, 451) on this canvas when he stands at the `chair` mark)."""
    outer = [(462, 194), (482, 212), (496, 246), (506, 290), (516, 330), (522, 370), (526, 410), (528, 440)]
    inner = [(444, 226), (456, 262), (466, 300), (476, 336), (486, 370), (494, 410), (500, 440)]
    folds = [([(482, 330), (498, 348), (514, 342)], 7, 0.5), ([(484, 240), (494, 290), (502, 330)], 10, 0.35),
             ([(498, 370), (508, 400), (512, 420)], 6, 0.3)]
    s = sleeve(outer, inner, 424, mat, "arm_far_chair", folds)
    s.rim, s.inner_rim = 0.35, 0.3
    # the hand over the rail: palm on top, fingers curled over the front, the thumb along the top
    palm = shape([(498, 436), (516, 432), (534, 436), (548, 444), (552, 454), (540, 458), (514, 458), (500, 452)], 6)
    fingers = [ribbon([(x, 448), (x + 6, 456), (x + 6, 470), (x + 2, 478)], [13, 12, 11, 9], caps=True)
               for x in (512, 524, 536)]
    fingers.append(ribbon([(546, 450), (552, 458), (552, 470), (548, 476)], [11, 10, 9, 8], caps=True))
    thumb = ribbon([(508, 440), (524, 436), (540, 434)], [14, 11, 8], caps=True)
    g = union(palm, thumb, *fingers)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        for x in (518, 530, 542):
            ink.stroke([(x + 1, 456), (x + 3, 466), (x + 1, 476)], 1.8, 0.8, SKIN_SH, 0.7, c)
        ink.soft(ribbon([(500, 458), (530, 462), (556, 458)], (6, 4)), SKIN_SH, 0.45, 2, c)
        ink.stroke([(506, 438), (524, 434), (540, 433)], 1.5, 0.8, (110, 102, 112), 0.4, c)
    h = Part("hand_chair", g, SKIN, details=[d], rim=0.6, shade=0.9)
    return [s, h]


# ================================================================================ legs
def legs_parts(mat: Mat = TROUSERS) -> list[Part]:
    near = shape([(288, 488), (372, 492), (372, 514), (366, 540), (358, 600), (350, 660), (346, 716), (344, 770), (342, 830),
                  (342, 880), (344, 934), (306, 936), (302, 880), (298, 820), (294, 770), (292, 716), (288, 660),
                  (282, 600), (282, 540)], 6)
    far = shape([(374, 490), (454, 488), (458, 540), (456, 600), (450, 660), (442, 716), (440, 780), (438, 840),
                 (436, 890), (434, 932), (394, 934), (392, 850), (390, 780), (390, 716), (390, 680), (388, 620),
                 (384, 560), (378, 516)], 6)

    def nd(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(298, 520), (294, 600), (300, 690), (304, 780), (308, 860), (314, 926)], 7, 5, TROUSERS.lit, 0.45, c, soft=3.5)
        ink.stroke([(304, 700), (322, 712), (340, 704)], 7, 5, CLOTH_SH, 0.5, c, soft=3)      # over the knee
        ink.stroke([(308, 744), (324, 738), (338, 746)], 5, 4, CLOTH_SH, 0.3, c, soft=2.5)
        ink.stroke([(312, 898), (326, 912), (340, 900)], 6, 5, CLOTH_SH, 0.5, c, soft=2.5)    # the break over the boot
        ink.stroke([(366, 520), (352, 590), (344, 690)], 14, 8, CLOTH_SH, 0.5, c, soft=5)     # inner thigh
        ink.stroke([(330, 560), (322, 640), (318, 700)], 8, 6, CLOTH_SH, 0.25, c, soft=4)
        ink.stroke([(344, 494), (348, 516), (358, 534)], 2, 1.4, CLOTH_SH, 0.6, c)           # the fly seam

    def fd(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(392, 540), (396, 700), (400, 920)], 16, 10, CLOTH_SH, 0.5, c, soft=5)
        ink.stroke([(406, 540), (406, 660), (406, 780), (408, 920)], 6, 4, TROUSERS.lit, 0.3, c, soft=3)
        ink.stroke([(398, 706), (416, 716), (436, 706)], 7, 5, CLOTH_SH, 0.5, c, soft=3)
        ink.stroke([(400, 896), (414, 910), (428, 898)], 6, 5, CLOTH_SH, 0.45, c, soft=2.5)
    pn = Part("leg_near", near, mat, details=[nd], inner_rim=0.15)
    pf = Part("leg_far", far, mat, details=[fd], rim=0.35, inner_rim=0.15)
    bn = shape([(310, 926), (342, 926), (347, 944), (360, 958), (364, 970), (356, 975), (304, 975), (303, 954)], 5)
    bf = shape([(398, 924), (430, 924), (434, 942), (448, 958), (452, 968), (444, 973), (396, 973), (394, 952)], 5)

    def bd(ink: Ink, p: Part) -> None:
        ink.fill(box(0, 968, W, 980), (6, 6, 8), 0.8, p.geom)
        x0, y0, x1, y1 = p.geom.bounds
        ink.stroke([(x0 + 8, 944), (x0 + 20, 952), (x1 - 8, 966)], 3, 2, BOOT.lit, 0.4, p.geom, soft=1.5)
    ground = Part("ground", ellipse(376, 974, 118, 9), Mat((4, 4, 6), (4, 4, 6), (4, 4, 6), rim=0.0), shade=0.0, inner_rim=0.0)
    return [ground, Part("boot_far", bf, BOOT, details=[bd], rim=0.3), pf, Part("boot_near", bn, BOOT, details=[bd]), pn]


# ================================================================================ dawn: black silk, facing Zack
def torso_silk_parts() -> list[Part]:
    """The black silk shirt, buttoned below an open collar; it hangs loose over the trousers."""
    body = shape([(334, 172), (300, 182), (266, 196), (256, 230), (262, 300), (272, 380), (280, 460), (282, 530),
                  (320, 546), (372, 550), (424, 546), (458, 534), (458, 470), (456, 390), (464, 310), (476, 240),
                  (470, 200), (440, 186), (408, 176)], 6)
    v = shape([(348, 178), (378, 200), (404, 178), (396, 214), (384, 250), (378, 258), (368, 236)], 5)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        # silk: long soft sheens on the window side of each fold, deep troughs between
        for pts, w, op in (([(292, 220), (288, 320), (296, 440), (300, 530)], 14, 0.55),
                           ([(330, 240), (336, 340), (332, 450), (336, 540)], 10, 0.35),
                           ([(404, 262), (398, 360), (404, 470), (408, 540)], 9, 0.22),
                           ([(300, 330), (340, 352), (390, 350), (430, 330)], 8, 0.15)):
            ink.stroke(pts, w, w, SILK.lit, op, c, soft=w * 0.5)
        for pts, w, op in (([(312, 230), (312, 330), (318, 450), (318, 540)], 10, 0.5),
                           ([(420, 230), (428, 330), (424, 440), (430, 540)], 16, 0.55),
                           ([(364, 270), (360, 380), (364, 500)], 8, 0.4)):
            ink.stroke(pts, w, w, CLOTH_SH, op, c, soft=w * 0.5)
        ink.stroke([(384, 258), (385, 360), (386, 470), (387, 546)], 3, 3, (8, 8, 12), 0.7, c)      # placket
        for y in (290, 340, 392, 444, 496):
            ink.fill(ellipse(389, y, 2.2, 2.2), (60, 60, 76), 0.8, c)
        ink.soft(box(270, 520, 470, 560), CLOTH_SH, 0.4, 6, c)
    collar_l = shape([(336, 170), (346, 160), (360, 186), (376, 210), (362, 214), (344, 194)], 5)
    collar_r = shape([(398, 162), (410, 156), (416, 176), (400, 208), (390, 212), (394, 190)], 5)

    def cd(ink: Ink, p: Part) -> None:
        ink.soft(shift(p.geom, 3, 4), CLOTH_SH, 0.6, 2, p.geom)
    skin = Part("v", v, SKIN, details=[lambda ink, p: ink.lin(p.geom, (360, 0), (400, 0), [(0, SKIN_SH, 0.1), (1, SKIN_SH, 0.6)])], rim=0.0)
    return [neck_part(), Part("silk", body, SILK, details=[d], rim=0.9, inner_rim=0.3), skin,
            Part("collar_r", collar_r, SILK, details=[cd], rim=0.3), Part("collar_l", collar_l, SILK, details=[cd], rim=0.8)]


# ================================================================================ dawn: in profile, toward the glass
# Facing left (the glass), seen from his left side: the window light rims the whole front of him.
PF = [(352, 34), (340, 46), (333, 62), (331, 76), (333, 84), (327, 92), (318, 104), (322, 110), (329, 112), (326, 119),
      (329, 124), (327, 129), (331, 138), (342, 146), (362, 142), (382, 132), (396, 116), (402, 92), (404, 66), (392, 40),
      (372, 30)]
EYE_P = (341, 84)


def profile_head() -> list[Part]:
    g = shape(PF, 6)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.lin(c, (330, 0), (400, 0), [(0, SKIN.lit, 0.45), (0.25, SKIN.lit, 0.0), (0.55, SKIN_SH, 0.2), (1, SKIN_SH, 0.75)])
        ink.stroke([(334, 76), (344, 73), (354, 77)], 4, 3, SKIN_SH, 0.7, c, soft=1.5)            # brow
        ink.soft(ellipse(345, 84, 9, 6), SKIN_SH, 0.55, 3, c)                                    # socket
        eye = shape([(336, 84), (342, 81), (348, 83), (343, 86.5)], 5)
        ink.fill(eye, (20, 18, 24), 0.95, c)
        ink.fill(ellipse(339.5, 83.8, 2.4, 2.2), EYE, 1.0, eye)
        ink.stroke([(335, 83.5), (342, 80.5), (349, 83)], 1.5, 1.0, (10, 9, 12), 0.9, c)
        ink.stroke([(327, 108), (333, 112)], 2.5, 1.5, SKIN_SH, 0.7, c)                         # nostril
        ink.stroke([(328, 124), (338, 124)], 1.8, 1.0, (18, 15, 20), 0.8, c)                     # mouth
        ink.stroke([(346, 142), (370, 138), (390, 124)], 8, 4, SKIN_SH, 0.55, c, soft=3)          # under the jaw
        ink.soft(ellipse(386, 96, 12, 16), SKIN_SH, 0.4, 4, c)                                    # ear, in hair's shadow

    def rd(ink: Ink, p: Part, vis) -> None:
        ink.fill(ellipse(338, 83.2, 0.9, 0.8), (255, 255, 255), 0.9, vis)
    return [Part("face_p", g, SKIN, details=[d], rim_details=[rd], rim=1.0, inner_rim=0.0, shade=0.4)]


def profile_hair(seed: int = 41) -> list[Part]:
    """The long hair down his back, the lock in front of his shoulder, the fringe; the crown over
    the tops of the locks."""
    back = Sheet([(394, 40), (410, 80), (420, 140), (432, 220), (438, 320), (438, 420), (432, 500)],
                 [(412, 22), (436, 56), (448, 120), (454, 200), (462, 300), (464, 400), (460, 490)],
                 tips=10, tip_len=30, seed=seed, tip_w=10)
    parts = [hair_part("back_p", back, HAIR_BACK, seed, HAIR_DK, HAIR_LT, density=1.1, rim_strands=0.6, rim=0.45)]
    crown = shape([(334, 66), (336, 42), (352, 24), (380, 14), (408, 20), (426, 40), (434, 66), (430, 96), (418, 110),
                   (410, 86), (398, 66), (382, 56), (364, 52), (346, 58)], 8)
    cap = Sheet([(364, 16), (346, 30), (338, 50), (336, 64)], [(384, 14), (408, 26), (424, 50), (432, 80)], seed=seed + 1)
    cap.geom = crown
    groups = [
        ("back2", [(410, 60), (418, 120), (424, 190), (430, 270), (432, 350), (430, 430), (426, 480)], [26, 28, 28, 26, 22, 14, 5], 4, 0.5),
        ("side", [(386, 50), (378, 100), (372, 150), (364, 210), (358, 280), (358, 350), (362, 410)], [20, 22, 22, 20, 16, 10, 3], 3, 1.0),
        ("fringe", [(362, 34), (346, 50), (338, 68), (336, 88)], [18, 16, 10, 2], 3, 1.0),
    ]
    for gi, (name, c, w, n, rim) in enumerate(groups):
        sheets = bundle(c, w, n, seed + 13 * gi)
        whole = union(*[sh.geom for sh in sheets])
        for i, sh in enumerate(sheets):
            hp = hair_part(f"{name}{i}", sh, HAIR, seed + 7 * gi + i, HAIR_DK, HAIR_LT, density=1.3,
                           rim_strands=0.5, rim=rim, inner_rim=0.5)
            hp.rim_group = whole
            parts.append(hp)
    crown_p = hair_part("crown_p", cap, HAIR, seed + 1, HAIR_DK, HAIR_LT, density=1.2, rim_strands=1.0)
    return parts[:1] + [crown_p] + parts[1:]


def profile_body() -> list[Part]:
    """Black silk shirt and leather trousers in profile, the near (left) arm hanging at his side."""
    neck = shape([(346, 138), (360, 142), (386, 132), (398, 150), (406, 184), (374, 196), (344, 192), (342, 166)], 5)

    def nd(ink: Ink, p: Part) -> None:
        ink.lin(p.geom, (340, 0), (404, 0), [(0, SKIN.lit, 0.35), (0.3, SKIN.lit, 0.0), (1, SKIN_SH, 0.7)])
        ink.stroke([(352, 146), (370, 170), (380, 192)], 6, 4, SKIN_SH, 0.35, p.geom, soft=2.5)
    torso = shape([(346, 182), (326, 206), (314, 240), (310, 272), (316, 312), (326, 352), (332, 400), (334, 450), (332, 500),
                   (328, 548), (380, 556), (438, 546), (426, 480), (420, 430), (420, 380), (430, 320), (434, 260),
                   (424, 212), (400, 186)], 6)
    def td(ink: Ink, p: Part) -> None:
        c = p.geom
        for pts, w, op in (([(334, 230), (340, 330), (348, 440), (350, 530)], 12, 0.55),
                           ([(356, 220), (364, 320), (366, 450)], 8, 0.25)):
            ink.stroke(pts, w, w, SILK.lit, op, c, soft=w * 0.5)
        ink.stroke([(344, 360), (370, 380), (404, 372)], 10, 8, CLOTH_SH, 0.4, c, soft=4)
        ink.stroke([(350, 470), (380, 490), (414, 480)], 10, 8, CLOTH_SH, 0.35, c, soft=4)
        ink.stroke([(346, 196), (352, 230), (350, 262)], 3, 2, (8, 8, 12), 0.6, c)     # the open collar's edge
    legs_far = shape([(340, 520), (410, 520), (408, 600), (392, 680), (372, 730), (352, 800), (330, 870), (314, 928), (280, 930),
                      (296, 870), (316, 790), (330, 720), (334, 640), (330, 580)], 6)
    legs_near = shape([(338, 500), (432, 500), (442, 560), (438, 630), (422, 690), (412, 716), (418, 770), (412, 840),
                       (402, 900), (398, 932), (356, 934), (354, 880), (348, 800), (342, 716), (334, 650), (330, 580)], 6)
    def ld(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(346, 540), (344, 640), (352, 716), (358, 820), (364, 920)], 8, 6, TROUSERS.lit, 0.55, c, soft=4)
        ink.stroke([(348, 700), (372, 712), (400, 706)], 6, 5, CLOTH_SH, 0.45, c, soft=3)
        ink.stroke([(410, 560), (404, 640), (394, 710)], 12, 10, CLOTH_SH, 0.45, c, soft=5)
    boot_far = shape([(282, 920), (314, 920), (318, 946), (318, 970), (248, 970), (240, 962), (252, 950), (274, 942)], 5)
    boot_near = shape([(358, 926), (394, 926), (398, 950), (398, 975), (322, 975), (312, 968), (322, 956), (348, 946)], 5)
    arm = shape([(384, 194), (408, 200), (422, 226), (422, 270), (418, 320), (412, 372), (406, 420), (400, 460), (396, 494),
                 (362, 494), (362, 460), (360, 420), (362, 372), (356, 330), (352, 280), (354, 236), (364, 208)], 6)
    def ad(ink: Ink, p: Part) -> None:
        c = p.geom
        ink.stroke([(366, 230), (366, 300), (372, 370), (372, 440), (372, 488)], 10, 8, SILK.lit, 0.55, c, soft=4)
        ink.stroke([(372, 360), (390, 372), (410, 366)], 7, 5, CLOTH_SH, 0.5, c, soft=3)
        ink.stroke([(396, 230), (400, 320), (396, 420)], 12, 8, CLOTH_SH, 0.4, c, soft=5)
        ink.soft(box(0, 478, W, 498), CLOTH_SH, 0.35, 3, c)
    hg, gaps = hand((380, 494), 96, 84, 0.3, -1, 0.2, 0.9)

    def hd(ink: Ink, p: Part) -> None:
        for gp in gaps:
            ink.stroke(gp, 1.8, 0.8, SKIN_SH, 0.6, p.geom)
        soft_spot(ink, (384, 500), 24, 10, SKIN_SH, 0.5, p.geom)
    ground = Part("ground", ellipse(370, 974, 90, 8), Mat((4, 4, 6), (4, 4, 6), (4, 4, 6), rim=0.0), shade=0.0, inner_rim=0.0)
    return [ground, Part("boot_far", boot_far, BOOT, rim=0.4), Part("leg_far_p", legs_far, TROUSERS, rim=0.5, inner_rim=0.3),
            Part("boot_near", boot_near, BOOT), Part("leg_near_p", legs_near, TROUSERS, details=[ld]),
            Part("neck_p", neck, SKIN, details=[nd], rim=1.0), Part("silk_p", torso, SILK, details=[td]),
            Part("arm_p", arm, SILK, details=[ad], rim=0.6, inner_rim=0.6), Part("hand_p", hg, SKIN, details=[hd], rim=0.9)]


# ================================================================================ eyes glow
def eyes_glow(path: str, eyes) -> None:
    ink = Ink(W, H)
    for (x, y), sc in zip(eyes, (1.0, 0.72)):
        ink.rad(ellipse(x, y, 46, 46), (x, y), 46, [(0, (80, 230, 130), 0.42), (0.25, (60, 200, 110), 0.16), (1, (40, 160, 90), 0.0)])
        ink.rad(ellipse(x, y, 16 * sc, 7), (x, y), 16 * sc, [(0, (200, 255, 215), 1.0), (0.45, (100, 250, 150), 0.75), (1, (60, 220, 120), 0.0)],
                sy=7 / (16 * sc))
        ink.fill(ellipse(x + 1.5 * sc, y, 3.4 * sc, 2.6), (220, 255, 230), 1.0)
    ink.save(path, "sephiroth eye glow")


# ================================================================================ build
def write_layer(d: str, name: str, parts) -> None:
    ink = Ink(W, H)
    paint_parts(ink, parts)
    ink.save(os.path.join(d, name + ".svg"), f"sephiroth {name}")


def write_rim(d: str, name: str, parts, scale: float = 1.0) -> None:
    ink = Ink(W, H)
    rim_parts(ink, parts, scale=scale)
    ink.save(os.path.join(d, name + ".svg"), f"sephiroth {name} (rim light from the left)")


def write_yaml(layers: dict, rims: list[str], looks: dict) -> None:
    lines = ["# Sephiroth. Original art for The Only Promise (CC-BY-4.0); see assets/ART.md.",
             "# Generated by tools/art/sephiroth.py. Backlit by the glass on the left: dark, cool layers (multiplied",
             "# by the light's ambient colour), a rim layer per pose (added, tinted by the light's rim colour) and",
             "# the green eye glow as an emissive overlay. Looks share the layers they have in common.",
             f"height: {H}", "anchor: [0.5, 1.0]", "facing: right", "default: cold", "layers:"]
    lines += [f"  {n}: sephiroth/{n}.svg" for n in layers]
    lines += [f"  {n}: {{image: sephiroth/{n}.svg, light: rim}}" for n in rims]
    lines += ["  eyes_glow: {image: sephiroth/eyes_glow.svg, light: emissive}", "looks:"]
    lines += [f"  {k}: [{', '.join(v)}]" for k, v in looks.items()]
    with open(os.path.join(OUT, "sephiroth.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


def build() -> None:
    d = os.path.join(OUT, "sephiroth")
    os.makedirs(d, exist_ok=True)
    for old in os.listdir(d):
        if old.endswith(".svg"):
            os.remove(os.path.join(d, old))
    L = {
        "hair_back": hair_back_parts(),
        "legs": legs_parts(),
        "arm_far": arm_far_parts(),
        "arm_far_chair": arm_far_chair_parts(),
        "arm_far_silk": arm_far_parts(SILK),
        "torso_open": [neck_part(), chest_part(), belt_part()] + shirt_panels(),
        "torso_silk": torso_silk_parts(),
        "arm_near": arm_near_parts(),
        "arm_near_silk": arm_near_parts(SILK),
        "head": [face_part()] + hair_front_parts(),
        "hair_profile": profile_hair()[:1],
        "body_profile": profile_body(),
        "head_profile": profile_head() + profile_hair()[1:],
    }
    for name, parts in L.items():
        write_layer(d, name, parts)
    stacks = {
        "cold": ["hair_back", "legs", "arm_far", "torso_open", "arm_near", "head"],
        "chair": ["hair_back", "legs", "arm_far_chair", "torso_open", "arm_near", "head"],
        "dawn": ["hair_profile", "body_profile", "head_profile"],
        "dawn_facing": ["hair_back", "legs", "arm_far_silk", "torso_silk", "arm_near_silk", "head"],
    }
    for look, names in stacks.items():
        write_rim(d, f"rim_{look}", [p for n in names for p in L[n]], 1.35 if look == "dawn" else 1.0)
    eyes_glow(os.path.join(d, "eyes_glow.svg"), EYES)
    looks = {
        "cold": stacks["cold"] + ["rim_cold"],
        "glow": stacks["cold"] + ["rim_cold", "eyes_glow"],
        "chair": stacks["chair"] + ["rim_chair"],
        "dawn": stacks["dawn"] + ["rim_dawn"],
        "dawn_facing": stacks["dawn_facing"] + ["rim_dawn_facing"],
    }
    write_yaml(L, [f"rim_{k}" for k in stacks], looks)


if __name__ == "__main__":
    build()
