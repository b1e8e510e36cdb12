"""Generates the key-beat images (CGs): assets/stages/cg_*.tmx and their SVG planes.

    python tools/art/cg.py [NAME ...]      # all of them by default

Each image is a Tiled map whose planes take the stage light roles (see cgkit.py), so the
story's presets light it. Deterministic (seeded). Needs shapely (tools only).
"""
from __future__ import annotations

import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cgkit import CG, H, W, bokeh, disc, lock, rim_steps, smooth, stroke  # noqa: E402
from shapely.affinity import scale as sscale  # noqa: E402
from shapely.affinity import translate  # noqa: E402
from shapely.geometry import Polygon, box  # noqa: E402
from shapely.ops import unary_union  # noqa: E402

# --- albedo (what the ambient light multiplies: dark, so figures read as silhouettes) --------
SKIN = (46, 42, 52)
SKIN_LIT = (62, 56, 66)
SOCKET = (24, 21, 29)
HAIR = (58, 62, 76)
HAIR_DEEP = (36, 38, 50)
CLOTH = (30, 30, 38)
SHIRT = (60, 60, 70)
CITY = (64, 54, 66)
CITY_NEAR = (44, 38, 48)
FRAME = (30, 26, 32)
LIGHTS = ["#ffd9a0", "#ffc070", "#ffe8c0", "#b8d0ff", "#ffb060"]


def glass_back(cg: CG, rnd: random.Random, horizon: float = 500.0, mullions=(300,)) -> None:
    """The glass wall seen close: sky above the city's horizon, the city out of focus below."""
    sky = cg.plane("sky", "sky")
    sky.rect(0, 0, W, H, "#ffffff")
    city = cg.plane("city", "ambient", parallax=0.6)
    tops = []
    x = -20.0
    while x < W + 20:
        w = rnd.uniform(40, 130)
        tops.append((x, horizon + rnd.uniform(-34, 22) - (rnd.random() ** 4) * 90, w))
        x += w
    for x0, top, w in tops:
        city.rect(x0, top, w + 1, H - top, CITY)
    lights = cg.plane("city_lights", "emissive", parallax=0.6)
    bokeh(lights, rnd, (0, horizon + 10, W, H - 40), 150, 5, 16, LIGHTS, (0.3, 0.9))
    bokeh(lights, rnd, (0, horizon - 30, W, horizon + 40), 40, 3, 7, LIGHTS, (0.4, 1.0))
    frame = cg.plane("frame", "ambient", parallax=0.85)
    for mx in mullions:
        frame.rect(mx - 16, 0, 32, H, FRAME)


# ---------------------------------------------------------------------------------------
def cg_eyes() -> CG:
    """Sephiroth's face lost in shadow, close; the hair rimmed by the window; two narrow glints."""
    rnd = random.Random(13)
    cg = CG("cg_eyes", "The eyes", "last_rays")
    glass_back(cg, rnd, 505, mullions=(250,))
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")
    glow = cg.plane("glints", "none")

    cx = 1160
    hair = smooth([(cx - 10, 112), (cx + 120, 124), (cx + 205, 196), (cx + 250, 320), (cx + 265, 470),
                   (cx + 285, 640), (cx + 310, 830), (cx + 345, 1000), (cx + 360, 1110), (cx - 370, 1110),
                   (cx - 345, 1000), (cx - 300, 830), (cx - 275, 640), (cx - 262, 470), (cx - 248, 320),
                   (cx - 205, 196), (cx - 128, 126)], 10)
    shoulders = Polygon([(cx - 96, 800), (cx - 250, 858), (cx - 560, 912), (cx - 700, 975), (cx - 790, 1100),
                         (cx + 800, 1100), (cx + 720, 975), (cx + 580, 912), (cx + 260, 858), (cx + 96, 800),
                         (cx + 80, 640), (cx - 80, 640)])
    neck = smooth([(cx - 86, 620), (cx - 90, 800), (cx - 40, 880), (cx + 40, 880), (cx + 90, 800), (cx + 84, 620)], 8)
    face = smooth([(cx - 10, 250), (cx + 120, 285), (cx + 160, 360), (cx + 160, 470), (cx + 138, 580),
                   (cx + 96, 660), (cx + 30, 722), (cx - 18, 738), (cx - 62, 722), (cx - 118, 660),
                   (cx - 160, 580), (cx - 170, 470), (cx - 165, 360), (cx - 128, 285)], 10)
    # the open shirt: the collar's two edges falling from the neck, the chest between in shadow
    lapel_l = Polygon([(cx - 100, 806), (cx - 250, 858), (cx - 330, 1100), (cx - 70, 1100), (cx - 30, 930)])
    lapel_r = Polygon([(cx + 100, 806), (cx + 260, 858), (cx + 350, 1100), (cx + 80, 1100), (cx + 34, 930)])
    fig.geom(hair, HAIR_DEEP)
    fig.geom(shoulders, CLOTH)
    fig.geom(neck, SKIN)
    fig.geom(lapel_l, SHIRT)
    fig.geom(lapel_r, SHIRT)
    fig.geom(face, SKIN)
    # the lit side of the face: one flat plane along the cheek, no gradient
    fig.geom(face.difference(translate(face, 46, 0)).difference(box(0, 0, W, 380)), SKIN_LIT)
    # the shadow under the brow ridge, the nose's shadow side, the mouth
    for ex in (cx - 72, cx + 68):
        fig.geom(smooth([(ex - 50, 452), (ex - 18, 436), (ex + 30, 438), (ex + 52, 454), (ex + 26, 478),
                         (ex - 26, 478)], 6), SOCKET, 0.7)
    nose = smooth([(cx + 4, 490), (cx + 16, 566), (cx + 28, 598), (cx + 4, 608), (cx - 14, 602), (cx - 2, 566)], 6)
    fig.geom(nose, SOCKET, 0.45)
    fig.geom(stroke([(cx - 40, 666), (cx - 4, 671), (cx + 34, 664)], 4, 2), SOCKET, 0.8)
    fig.geom(lock((cx - 24, 436), [(cx - 70, 431)], (cx - 128, 440), 11), SOCKET)
    fig.geom(lock((cx + 22, 436), [(cx + 70, 431)], (cx + 126, 442), 11), SOCKET)

    # fringe: locks from the parting, the middle one falling between the eyes
    fringe = [
        lock((cx - 10, 170), [(cx - 70, 230), (cx - 132, 330)], (cx - 176, 462), 130),
        lock((cx - 14, 178), [(cx - 50, 270)], (cx - 92, 414), 84),
        lock((cx + 6, 176), [(cx + 40, 270)], (cx + 76, 410), 80),
        lock((cx + 12, 170), [(cx + 80, 232), (cx + 140, 330)], (cx + 172, 462), 128),
        lock((cx - 2, 190), [(cx - 8, 320)], (cx + 2, 446), 40),
    ]
    crown = smooth([(cx - 10, 112), (cx + 120, 124), (cx + 190, 190), (cx + 168, 300), (cx, 228),
                    (cx - 170, 300), (cx - 194, 190), (cx - 128, 126)], 8)
    strands = [
        lock((cx - 166, 300), [(cx - 190, 470), (cx - 172, 640), (cx - 194, 840)], (cx - 236, 1100), 74),
        lock((cx + 160, 300), [(cx + 182, 470), (cx + 168, 640), (cx + 192, 840)], (cx + 244, 1100), 68),
    ]
    front = unary_union([crown, *fringe, *strands])
    fig.geom(front, HAIR)
    for pts in ([(cx - 40, 200), (cx - 110, 300), (cx - 150, 420)], [(cx + 40, 200), (cx + 110, 300), (cx + 150, 420)],
                [(cx - 178, 520), (cx - 182, 700), (cx - 204, 960)], [(cx + 172, 520), (cx + 178, 700), (cx + 208, 960)],
                [(cx - 230, 420), (cx - 250, 700), (cx - 290, 1000)], [(cx + 230, 420), (cx + 252, 700), (cx + 300, 1000)]):
        fig.geom(stroke(pts, 4, 1).intersection(unary_union([front, hair])), HAIR_DEEP, 0.9)

    # the rim: the window is behind him, to the left. The outline of hair and shoulder catches
    # it; inside the figure only the edges that face the window do (cheek, jaw, the outer locks).
    whole = unary_union([hair, shoulders, face, front])
    rim_steps(rim_svg, whole, 6, 2, steps=((1.0, 1.0), (2.2, 0.38), (4.5, 0.12)))
    rim_steps(rim_svg, whole, -2.5, 1, steps=((1.0, 0.3),))
    left_strand = strands[0]
    rim_steps(rim_svg, left_strand, 4, 0, steps=((1.0, 0.8), (2.4, 0.24)))
    cheek = face.difference(front).difference(box(cx - 20, 0, W, H))
    rim_steps(rim_svg, cheek, 5, -1, steps=((1.0, 0.75), (2.2, 0.22)), clip=box(0, 470, W, 760))
    rim_steps(rim_svg, fringe[0], 4, 2, steps=((1.0, 0.45),), clip=box(0, 0, cx - 120, H))
    rim_svg.geom(stroke([(cx - 6, 500), (cx - 4, 550), (cx - 12, 596)], 2.5, 1.5), "#ffffff", 0.22)
    rim_svg.geom(stroke([(cx - 28, 684), (cx + 2, 689), (cx + 22, 684)], 2.5, 1), "#ffffff", 0.16)
    rim_steps(rim_svg, neck.difference(face).difference(left_strand), 5, 0, steps=((1.0, 0.5),))

    # the eyes: narrow almonds, the iris a thin Mako glint under a heavy upper lid, slit pupils
    for ex, side in ((cx - 72, -1), (cx + 68, 1)):
        ey = 458
        o, i = side * 34, -side * 30  # outer corner (a little raised), inner corner

        def at(u: float, v: float, ex: float = ex, ey: float = ey) -> tuple[float, float]:
            return (ex + u, ey + v)
        eye = smooth([at(o, -4), at(o * 0.45, -8), at(i * 0.4, -7), at(i, 1), at(i * 0.4, 5), at(o * 0.45, 4)], 6)
        glow.geom(eye, "#0a0d0e", 0.92)
        iris = disc(ex, ey - 1, 10).intersection(eye)
        glow.circle(ex, ey - 1, 22, "#3dff8c", 0.05)
        glow.geom(iris, "#27d96e", 0.95)
        glow.geom(disc(ex, ey - 1, 6).intersection(iris), "#aaffc8", 0.8)
        glow.geom(sscale(disc(ex, ey - 1, 7), 0.2, 1.2).intersection(iris), "#03110a", 0.95)
        glow.circle(ex - 4, ey - 4, 1.5, "#ffffff", 0.85)
        glow.geom(stroke([at(o, -3), at(o * 0.45, -8), at(i * 0.4, -7), at(i, 0)], 5, 2.5), "#07080a", 0.95)

    cg.mark("eyes", cx, 458)
    cg.mark("face", cx, 520)
    cg.mark("hair", cx - 220, 600)
    return cg


def rim(shape, dx, dy=0.0):
    from cgkit import rim as _rim
    return _rim(shape, dx, dy)


ALL = {"cg_eyes": cg_eyes}


def main(names: list[str]) -> int:
    for name in names or list(ALL):
        path = ALL[name]().save()
        print("wrote", os.path.relpath(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
