"""The officers at the briefing: the sprite `officer` (SVG layers and officer.yaml) in the house
style of docs/art.md.

Seated along the briefing table with their backs to Zack's place at its foot, facing the General
at its head: seen from behind and a little above, each is his chair's back (in front of him, to
the shoulder blades), the chair's legs to the floor, and over it the back of a man in a generic
dark service tunic: the shoulders with their boards, the standing collar, the neck, the back of
a close-cropped head, the ears. Lit by the room's windows on the LEFT and the ceiling panels:
the rim on the left and top edges (crown, shoulders, the chair's top rail).

Canvas 720 x 964 and sprite `height` 940, like Zack's: at a mark's depth scale a 1.76 m man is
940 px, so 1 m is ~548 canvas px; the floor at canvas y 956. Seated: the seat 0.47 m up, the
chair's top rail 0.84 m, the shoulders 1.07 m, the crown 1.38 m.

Looks (every one faces away, toward the top of the table; never mirror — the rim is on the left):
`back` (square in his chair, the head level), `back_turned` (the head turned a little to his
right: an ear, the cheek's edge and the tip of the nose show on the right), `back_reading`
(grey-haired, heavier, the head bowed over the papers, the near shoulder dropped).
"""
from __future__ import annotations

import os

import zack as z
from figkit import Ink, Mat, Part, ellipse, shape, shift, union
from figure import edge_line, fold, limb, paint_figure, rim_backlit, turn

W, H, G = z.W, z.H, z.G
LOGICAL_H = z.LOGICAL_H
OUT = z.OUT
M = 548.0                # canvas px per metre at the sprite's own scale (940 logical px = 1.76 m)

TUNIC = Mat((21, 23, 28), (52, 56, 64), (9, 10, 12), rim=0.7, rim_width=1.2)
BOARD = Mat((62, 54, 34), (112, 98, 62), (30, 26, 16), rim=0.9, rim_width=0.9)
SKIN = z.SKIN
HAIR_DARK = Mat((16, 14, 14), (44, 40, 40), (8, 7, 7), rim=0.9, rim_width=1.1)
HAIR_GREY = Mat((58, 58, 60), (98, 98, 102), (30, 30, 32), rim=0.95, rim_width=1.1)
CHAIR = Mat((26, 26, 30), (64, 64, 72), (12, 12, 14), rim=0.55, rim_width=1.0)
CLOTH_SH = z.CLOTH_SH
SKIN_SH = z.SKIN_SH


def y_at(m: float) -> float:
    return G - m * M


def chair(cx: float) -> list[Part]:
    """The chair seen from behind: two back legs to the floor, the back from the seat up to its
    top rail (a rounded panel, a little narrower than the man's shoulders), its top rail lit."""
    top, seat = y_at(0.84), y_at(0.47)
    hw = 0.22 * M
    legs = union(limb([(cx - hw + 8, seat), (cx - hw + 4, G - 60), (cx - hw + 2, G)], [6, 5, 4]),
                 limb([(cx + hw - 8, seat), (cx + hw - 4, G - 60), (cx + hw - 2, G)], [6, 5, 4]),
                 limb([(cx - hw * 0.55, seat + 10), (cx - hw * 0.6, G - 20)], [4, 3]),
                 limb([(cx + hw * 0.55, seat + 10), (cx + hw * 0.6, G - 20)], [4, 3]))
    panel = shape([(cx - hw, seat + 14), (cx - hw - 2, top + 26), (cx - hw + 10, top + 4), (cx, top - 2),
                   (cx + hw - 10, top + 4), (cx + hw + 2, top + 26), (cx + hw, seat + 14)], 5)

    def d(ink: Ink, p: Part) -> None:
        c = p.geom
        # the back's upholstered panel inside its frame, a seam along its top
        inner = shape([(cx - hw + 16, seat), (cx - hw + 14, top + 34), (cx, top + 22), (cx + hw - 14, top + 34),
                       (cx + hw - 16, seat)], 5)
        ink.fill(c.difference(inner), CHAIR.lit, 0.18, c)
        edge_line(ink, [(cx - hw + 18, top + 30), (cx, top + 20), (cx + hw - 18, top + 30)], 2.2, CLOTH_SH, 0.5, c)
    return [Part("chair_legs", legs, CHAIR, rim=0.5, inner_rim=0.2, shade=0.5),
            Part("chair_back", panel, CHAIR, details=[d], rim=0.6, inner_rim=0.4, shade=0.6)]


def man(cx: float, hair: Mat, build: float = 1.0, turn_head: float = 0.0, bow: float = 0.0,
        drop: float = 0.0) -> list[Part]:
    """The man above his chair's back: shoulders (`build` widens them), the tunic's back with its
    centre seam and the folds from the shoulder blades, the boards on the shoulders, the standing
    collar, the neck, the back of the head (`turn_head` > 0: turned to his right, screen right:
    the near ear and the cheek's edge show there; `bow` lowers and tips it forward), the hair
    cropped short over it with a clean line at the nape. `drop`: the near (left) shoulder lower."""
    sh_y = y_at(1.07)
    hw = 0.235 * M * build
    neck_y = y_at(1.13)
    head_c = (cx + turn_head * 10, y_at(1.27) + bow * 38)
    hx, hy = 0.085 * M, 0.118 * M               # the head's half width and half height (from behind)
    back = shape([(cx - hw + 6, y_at(0.78)), (cx - hw - 2, sh_y + 60), (cx - hw + 4, sh_y + 18 + drop),
                  (cx - hw + 30, sh_y + 2 + drop), (cx - 48, sh_y - 14 + drop * 0.4), (cx - 24, neck_y + 6),
                  (cx + 24, neck_y + 6), (cx + 48, sh_y - 14), (cx + hw - 30, sh_y + 2), (cx + hw - 4, sh_y + 18),
                  (cx + hw + 2, sh_y + 60), (cx + hw - 6, y_at(0.78))], 6)

    def tunic(ink: Ink, p: Part) -> None:
        c = p.geom
        edge_line(ink, [(cx + 2, neck_y + 20), (cx + 1, sh_y + 80), (cx, y_at(0.8))], 2.4, CLOTH_SH, 0.5, c)
        for s in (-1, 1):
            fold(ink, [(cx + s * 30, sh_y + 26), (cx + s * 60, sh_y + 60), (cx + s * (hw - 26), sh_y + 84)], 3.5, CLOTH_SH,
                 TUNIC.lit, c, 0.45, ridge=0.7)
        # the arms' seams down the sides (the arms go forward, out of sight in front of him)
        edge_line(ink, [(cx - hw + 26, sh_y + 8 + drop), (cx - hw + 20, sh_y + 60), (cx - hw + 16, sh_y + 110)], 2.2, CLOTH_SH,
                  0.45, c)
        edge_line(ink, [(cx + hw - 26, sh_y + 8), (cx + hw - 20, sh_y + 60), (cx + hw - 16, sh_y + 110)], 2.2, CLOTH_SH, 0.45, c)
    parts = [Part("back", back, TUNIC, details=[tunic], rim=0.75, inner_rim=0.3,
                  rim_folds=[([(cx - 30, sh_y + 26), (cx - 60, sh_y + 60), (cx - hw + 26, sh_y + 84)], 3.5, 0.6)])]
    for s, dy in ((-1, drop), (1, 0.0)):
        bx = cx + s * (hw - 48)
        board = shape([(bx - 34, sh_y - 4 + dy - s * 4), (bx + 34, sh_y - 4 + dy + s * 4), (bx + 34, sh_y + 10 + dy + s * 4),
                       (bx - 34, sh_y + 10 + dy - s * 4)], 2).intersection(back.buffer(1))
        parts.append(Part(f"board{s}", board, BOARD, rim=0.8, inner_rim=0.6, shade=0.4))
    neck = limb([(cx + turn_head * 4, neck_y + 24), (cx + turn_head * 6, neck_y - 10), (head_c[0], head_c[1] + hy * 0.55)],
                [38, 34, 30])
    parts.append(Part("neck", neck, SKIN, rim=0.6, inner_rim=0.3, shade=0.5))
    collar = limb([(cx - 40, neck_y + 24), (cx, neck_y + 16), (cx + 40, neck_y + 24)], [10, 11, 10])
    collar = union(collar, limb([(cx - 36, neck_y + 14), (cx + 36, neck_y + 14)], [9, 9])).difference(
        ellipse(cx, neck_y - 30, 30, 34))

    def col(ink: Ink, p: Part) -> None:
        edge_line(ink, [(cx - 34, neck_y + 6), (cx, neck_y + 2), (cx + 34, neck_y + 6)], 2.0, TUNIC.lit, 0.35, p.geom)
    parts.append(Part("collar", collar, TUNIC, details=[col], rim=0.7, inner_rim=0.4))
    # the head from behind (an egg, wider at the crown), the ears, the face's edge when turned
    hcx, hcy = head_c
    skull = shape([(hcx - hx * 0.92, hcy + hy * 0.45), (hcx - hx, hcy - hy * 0.2), (hcx - hx * 0.75, hcy - hy * 0.8),
                   (hcx, hcy - hy), (hcx + hx * 0.75, hcy - hy * 0.8), (hcx + hx, hcy - hy * 0.2),
                   (hcx + hx * 0.92, hcy + hy * 0.45), (hcx + hx * 0.5, hcy + hy * 0.85), (hcx, hcy + hy * 0.95),
                   (hcx - hx * 0.5, hcy + hy * 0.85)], 6)
    pieces = [skull]
    ear_l = ellipse(hcx - hx * (1.0 - 0.25 * turn_head), hcy + hy * 0.08, hx * 0.2, hy * 0.28, -10)
    ear_r = ellipse(hcx + hx * (1.0 + 0.12 * turn_head), hcy + hy * 0.08 - turn_head * 4, hx * 0.2, hy * 0.28, 10)
    if turn_head > 0:
        # turned to his right: the cheek's edge, the brow and the tip of the nose past the right ear
        pieces.append(shape([(hcx + hx * 0.8, hcy - hy * 0.35), (hcx + hx * 1.1, hcy - hy * 0.3), (hcx + hx * 1.2, hcy - hy * 0.1),
                             (hcx + hx * 1.36, hcy + hy * 0.14), (hcx + hx * 1.24, hcy + hy * 0.24), (hcx + hx * 1.2, hcy + hy * 0.45),
                             (hcx + hx * 1.08, hcy + hy * 0.7), (hcx + hx * 0.7, hcy + hy * 0.85)], 5))
    head = union(*pieces)
    parts.append(Part("head", head, SKIN, rim=0.8, inner_rim=0.2, shade=0.6))
    # the hair: cropped short over the back of the skull; the hairline behind the ears rises over
    # them and comes down lower at the middle of the nape, tapering
    line = [(hcx - hx * 1.3, hcy - hy * 0.1), (hcx - hx * 0.8, hcy + hy * 0.12), (hcx - hx * 0.35, hcy + hy * 0.5),
            (hcx, hcy + hy * 0.62), (hcx + hx * 0.35, hcy + hy * 0.5), (hcx + hx * 0.8, hcy + hy * 0.12), (hcx + hx * 1.3, hcy - hy * 0.1)]
    above = shape([(hcx - hx * 1.3, hcy - hy * 2)] + line + [(hcx + hx * 1.3, hcy - hy * 2)], 5)
    cap = skull.buffer(2.0).intersection(above)
    ears = [Part("ear_r", ear_r, SKIN, rim=0.6, inner_rim=0.4, shade=0.5),
            Part("ear_l", ear_l, SKIN, rim=0.9, inner_rim=0.4, shade=0.5,
                 details=[lambda ink, p: ink.fill(p.geom.buffer(-4), SKIN_SH, 0.5, p.geom)])]

    def nape(ink: Ink, p: Part) -> None:
        # the clipped edge above the nape fades into the skin: a lighter, thinner band
        ink.fill(p.geom.difference(shift(p.geom, 0, -6)), SKIN.base, 0.45, p.geom)
    parts.append(Part("hair", cap, hair, details=[nape], rim=1.0, inner_rim=0.5, shade=0.5))
    return parts + ears


def seated(hair: Mat, build: float = 1.0, turn_head: float = 0.0, bow: float = 0.0, drop: float = 0.0,
           lean: float = 0.0) -> list[Part]:
    cx = 360.0
    body = man(cx, hair, build, turn_head, bow, drop)
    if lean:
        body = turn(body, lean, (cx, y_at(0.5)))
    legs, back = chair(cx)
    return [z.ground(cx, 150), legs] + body + [back]


POSES = {
    "back": lambda: seated(HAIR_DARK),
    "back_turned": lambda: seated(HAIR_DARK, build=0.96, turn_head=1.0, lean=-1.5),
    "back_reading": lambda: seated(HAIR_GREY, build=1.08, bow=1.0, drop=8.0, lean=2.0),
}


def write_yaml(looks) -> None:
    lines = ["# An officer at the briefing. Original art for The Only Promise (CC-BY-4.0); see assets/ART.md and",
             "# docs/art.md. Generated by tools/art/officer.py: seated with his back to the viewer, his chair's back in",
             "# front of him; backlit from the LEFT (the room's windows). Never mirror it.",
             f"height: {LOGICAL_H}", "anchor: [0.5, 1.0]", "facing: left", "default: back", "layers:"]
    lines += [f"  body_{k}: officer/body_{k}.svg" for k in looks]
    lines += [f"  rim_{k}: {{image: officer/rim_{k}.svg, light: rim}}" for k in looks]
    lines.append("looks:")
    lines += [f"  {k}: [body_{k}, rim_{k}]" for k in looks]
    lines.append("breathing: {amount: 0.003, period: 4.6}")
    with open(os.path.join(OUT, "officer.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


def build(only: set[str] | None = None) -> None:
    d = os.path.join(OUT, "officer")
    os.makedirs(d, exist_ok=True)
    for look, make in POSES.items():
        if only is not None and look not in only:
            continue
        parts = make()
        ink = Ink(W, H)
        paint_figure(ink, parts, z.LIGHT)
        ink.save(os.path.join(d, f"body_{look}.svg"), f"officer body_{look}")
        ink = Ink(W, H)
        rim_backlit(ink, parts, z.RIM_LIGHT)
        ink.save(os.path.join(d, f"rim_{look}.svg"), f"officer rim_{look} (rim light from the left)")
    write_yaml(list(POSES))


if __name__ == "__main__":
    import sys
    build(set(sys.argv[1:]) or None)
