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
from shapely.geometry.base import BaseGeometry  # noqa: E402
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
    # the city's roofs catch the low light (and the rim colour of the hour)
    city_rim = cg.plane("city_rim", "rim", parallax=0.6)
    for x0, top, w in tops:
        city_rim.rect(x0, top, w + 1, 3, "#ffffff", 0.35)
        city_rim.rect(x0, top, 3, 60, "#ffffff", 0.18)
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
    cg.props["gallery_order"] = ("int", "1")
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
    rim_steps(rim_svg, whole, 6, 2, steps=((1.0, 1.0), (1.8, 0.3)))
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
    cg.keep("face", cx - 190, 110, 390, 660)  # the face, the eyes and the fringe
    return cg


def flames(svg, rnd: random.Random, x0: float, x1: float, base: float, height: float, n: int) -> None:
    """Tongues of fire along a roof line: three flat colour steps (no gradient), each tongue a
    curved blade leaning with the wind."""
    for col, k, op in (("#b8300c", 1.0, 0.95), ("#ff7a18", 0.72, 0.95), ("#ffd060", 0.42, 0.95)):
        r2 = random.Random(rnd.random())
        for _ in range(n):
            x = r2.uniform(x0, x1)
            h = height * r2.uniform(0.45, 1.0) * k
            w = height * r2.uniform(0.18, 0.32) * (0.6 + 0.4 * k)
            lean = r2.uniform(0.05, 0.35) * h
            tip = (x + lean, base - h)
            svg.geom(lock((x, base + 6), [(x + lean * 0.2, base - h * 0.4), (x + lean * 0.7, base - h * 0.8)], tip, w),
                     col, op)


def house(cx: float, base: float, w: float, h: float, roof: float, lean: float = 0.0):
    """A house front with a pitched roof: (outline polygon, window boxes)."""
    x0, x1 = cx - w / 2, cx + w / 2
    outline = Polygon([(x0, base), (x0, base - h), (cx + lean, base - h - roof), (x1, base - h), (x1, base)])
    wins = []
    for fx in (0.28, 0.72):
        wx = x0 + w * fx
        wins.append(box(wx - w * 0.08, base - h * 0.72, wx + w * 0.08, base - h * 0.38))
    return outline, wins


def cg_town() -> CG:
    """The burning town at night: a village with a water tower burning below the mountains; a
    tall figure with a long blade walking out of it toward us, rimmed by the fire behind him."""
    rnd = random.Random(6)
    cg = CG("cg_town", "The burning town", "burning")
    cg.props["gallery_order"] = ("int", "6")
    base = 800
    sky = cg.plane("sky", "sky")
    sky.rect(0, 0, W, 720, "#ffffff")  # the gradient's horizon colour lies at the mountains' feet
    far = cg.plane("mountains", "ambient", parallax=0.7)
    ridge = [(-40, 640), (80, 560), (170, 590), (300, 420), (420, 500), (520, 470), (640, 350), (760, 450),
             (860, 420), (980, 500), (1100, 390), (1220, 460), (1400, 360), (1540, 480), (1680, 430), (1820, 510),
             (1960, 470), (1960, 1100), (-40, 1100)]
    far.poly(ridge, (44, 36, 44))
    smoke = cg.plane("smoke", "ambient", parallax=0.85)
    for sx, sw, drift in ((330, 160, 200), (760, 240, 300), (1260, 200, 260), (1700, 150, 180)):
        pts = [(sx - sw * 0.3, 720), (sx - sw * 0.5, 560), (sx - sw * 0.2 + drift * 0.3, 420),
               (sx + drift * 0.6, 260), (sx + drift + sw * 0.2, 80), (sx + drift + sw * 1.1, -60),
               (sx + drift + sw * 1.4, 60), (sx + drift * 0.8 + sw * 0.9, 280), (sx + sw * 0.9, 500), (sx + sw * 0.4, 720)]
        smoke.geom(smooth(pts, 8), (96, 72, 70), 0.9)
        smoke.geom(smooth(pts, 8).buffer(-26), (70, 54, 54), 0.9)

    # flames rise behind the roofs (the houses in front hide their roots)
    fire_back = cg.plane("fire", "emissive")
    town = cg.plane("town", "ambient")
    town_rim = cg.plane("town_rim", "rim")
    windows = cg.plane("windows", "emissive")
    houses = [(120, 250, 170, 96, -10), (380, 220, 150, 90, 12), (640, 250, 190, 104, 0),
              (1560, 260, 180, 100, -8), (1810, 240, 160, 96, 10)]
    for cx, w, h, roof, lean in houses:
        b = base + rnd.uniform(-12, 6)
        outline, wins = house(cx, b, w, h, roof, lean)
        town.geom(outline, (40, 32, 34))
        rim_steps(town_rim, outline, 0, 4, steps=((1.0, 0.9), (2.4, 0.3)), clip=box(0, 0, W, b - h + 4))
        top = b - h - roof
        flames(fire_back, rnd, cx - w * 0.42, cx + w * 0.42, b - h, roof + h * 0.9, 7)
        for win in wins:
            if rnd.random() < 0.8:
                windows.geom(win, "#ff8a24", 0.85)
                windows.geom(win.buffer(-5), "#ffc860", 0.85)
        del top
    # the water tower on the square, right of the figure, burning
    tx = 1270
    tower = unary_union([box(tx - 66, 500, tx + 66, 590),
                         Polygon([(tx - 82, 500), (tx, 430), (tx + 82, 500)]),
                         box(tx - 56, 590, tx - 44, base), box(tx + 44, 590, tx + 56, base),
                         box(tx - 5, 590, tx + 5, base),
                         stroke([(tx - 50, 630), (tx + 50, 730)], 5), stroke([(tx + 50, 630), (tx - 50, 730)], 5)])
    flames(fire_back, rnd, tx - 56, tx + 56, 500, 170, 6)
    town.geom(tower, (36, 30, 32))
    rim_steps(town_rim, tower, 0, 4, steps=((1.0, 0.8), (2.2, 0.25)))
    # the square: the ground in two flat tones, a low wall
    town.rect(-20, base, W + 40, H, (30, 24, 26))
    town.geom(unary_union([box(-20, base - 22, 820, base + 4), box(1420, base - 18, 1960, base + 4)]), (28, 22, 24))
    rim_steps(town_rim, unary_union([box(-20, base - 22, 820, base + 4), box(1420, base - 18, 1960, base + 4)]),
              0, 3, steps=((1.0, 0.6),))
    embers = cg.plane("embers", "emissive", parallax=1.1)
    for _ in range(220):
        x, y = rnd.uniform(0, W), rnd.uniform(40, base - 20)
        embers.circle(x, y, rnd.uniform(1.2, 3.2), rnd.choice(["#ffb050", "#ff7a20", "#ffe08a"]), rnd.uniform(0.4, 1.0))

    # the figure: tall, a long coat, long hair lifting in the fire's wind, the very long blade in
    # his LEFT hand (the sword hand), held low, its point trailing toward us on the right
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")
    fx, feet = 880, 1020
    head = smooth([(fx - 24, 452), (fx - 12, 436), (fx + 12, 436), (fx + 24, 452), (fx + 25, 478), (fx + 14, 504),
                   (fx, 514), (fx - 14, 504), (fx - 25, 478)], 6)
    cap = smooth([(fx - 30, 470), (fx - 28, 446), (fx - 12, 430), (fx + 12, 430), (fx + 28, 446), (fx + 30, 470),
                  (fx + 14, 452), (fx, 458), (fx - 14, 452)], 8)
    curtains = [lock((fx - 24, 456), [(fx - 30, 500), (fx - 44, 570)], (fx - 40, 650), 15),  # over the shoulders
                lock((fx + 24, 456), [(fx + 30, 500), (fx + 44, 570)], (fx + 42, 654), 15),
                lock((fx - 6, 440), [(fx - 14, 470)], (fx - 22, 500), 14),  # bangs
                lock((fx + 6, 440), [(fx + 12, 472)], (fx + 16, 498), 12)]
    behind = smooth([(fx - 80, 600), (fx - 60, 580), (fx + 60, 580), (fx + 84, 600), (fx + 96, 690), (fx + 100, 780),
                     (fx + 40, 730), (fx - 40, 730), (fx - 104, 786), (fx - 98, 690)], 8)
    strands = [lock((fx + sx * (70 + k * 9), 700), [(fx + sx * (78 + k * 11), 760)], (fx + sx * (84 + k * 13), 824 + k * 18),
                    22) for sx in (-1, 1) for k in range(3)]
    wind = [lock((fx - 60, 580), [(fx - 104, 610)], (fx - 152, 618), 18),  # lifted by the fire's wind
            lock((fx - 70, 640), [(fx - 114, 670)], (fx - 160, 684), 16)]
    hair = unary_union([cap, *curtains, behind, *strands, *wind])
    face = head.difference(unary_union([cap, *curtains]))
    coat = smooth([(fx - 76, 540), (fx - 40, 522), (fx + 40, 522), (fx + 76, 540), (fx + 70, 640), (fx + 58, 700),
                   (fx + 86, 840), (fx + 118, 972), (fx + 40, 962), (fx + 4, 930), (fx - 4, 930), (fx - 40, 964),
                   (fx - 120, 976), (fx - 88, 840), (fx - 58, 700), (fx - 70, 640)], 8)
    neck = box(fx - 12, 500, fx + 12, 530)
    pauldrons = unary_union([Polygon([(fx - 50, 530), (fx - 84, 540), (fx - 100, 566), (fx - 62, 572)]),
                             Polygon([(fx + 50, 530), (fx + 84, 540), (fx + 100, 566), (fx + 62, 572)])])
    legs = unary_union([Polygon([(fx - 38, 930), (fx - 6, 930), (fx - 10, feet), (fx - 48, feet)]),
                        Polygon([(fx + 6, 930), (fx + 38, 930), (fx + 50, feet), (fx + 12, feet)])])
    arm_right = stroke([(fx - 80, 560), (fx - 96, 650), (fx - 100, 740)], 28, 20)
    arm_left = stroke([(fx + 80, 560), (fx + 102, 650), (fx + 120, 736)], 28, 20)
    fist = disc(fx + 124, 744, 15)
    hilt = stroke([(fx + 110, 722), (fx + 136, 768)], 9)
    guard = stroke([(fx + 112, 760), (fx + 140, 744)], 7)
    blade = lock((fx + 134, 764), [(fx + 380, 880)], (fx + 700, 1040), 12)
    body = unary_union([hair, head, neck, coat, pauldrons, legs, arm_right, arm_left, fist, hilt, guard])
    fig.geom(body, (14, 12, 16))
    fig.geom(face, (56, 46, 48))
    fig.geom(blade, (40, 38, 44))
    # the fire is behind him: both edges catch it, the hair's top, the blade's upper edge
    rim_steps(rim_svg, body, 4, 2, steps=((1.0, 1.0), (1.8, 0.3)))
    rim_steps(rim_svg, body, -4, 2, steps=((1.0, 1.0), (1.8, 0.3)))
    rim_steps(rim_svg, body, 0, 4, steps=((1.0, 0.7),), clip=box(0, 0, W, 620))
    rim_svg.geom(stroke([(fx + 138, 768), (fx + 390, 884), (fx + 694, 1036)], 2.6, 0.8), "#ffffff", 0.95)
    rim_svg.geom(stroke([(fx + 300, 844), (fx + 420, 900)], 6, 1), "#ffffff", 0.5)  # a glint along the edge

    cg.mark("figure", fx, 640)
    cg.mark("blade", fx + 420, 900)
    cg.mark("town", tx, 560)
    cg.keep("figure", fx - 170, 420, 340, 620)
    return cg


# A head in profile facing right, crown at y 0, chin at y 1 (x forward): forehead, brow, the
# dip at the bridge, nose, lips and chin are what the rim draws, so they are placed with care.
PROFILE = [(-0.46, 0.34), (-0.42, 0.14), (-0.24, 0.02), (0.02, -0.01), (0.22, 0.06), (0.32, 0.2),
           (0.35, 0.34), (0.37, 0.38), (0.335, 0.43), (0.37, 0.5), (0.43, 0.6), (0.44, 0.63), (0.385, 0.66),
           (0.39, 0.71), (0.365, 0.745), (0.38, 0.79), (0.335, 0.845), (0.35, 0.92), (0.3, 0.985),
           (0.12, 0.98), (0.0, 0.9), (-0.12, 0.78), (-0.3, 0.7)]


def head_profile(ox: float, oy: float, size: float, facing: int = 1, tilt: float = 0.0):
    """The profile head of PROFILE at crown (ox, oy), `size` px from crown to chin, facing right
    (1) or left (-1), tipped by `tilt` (radians, positive: chin up)."""
    import math
    c, s_ = math.cos(tilt), math.sin(tilt)
    pts = []
    for x, y in PROFILE:
        x, y = x * size, y * size
        rx = x * c - (y - size * 0.5) * s_
        ry = x * s_ + (y - size * 0.5) * c + size * 0.5
        pts.append((ox + facing * rx, oy + ry))
    p = Polygon(pts)
    return p if p.is_valid else p.buffer(0)


def cg_promise() -> CG:
    """Dawn: the two of them face to face in profile, the sun coming up over the city between
    them (the presets put the sunrise sun at x 760, so the gap between them is there)."""
    rnd = random.Random(5)
    cg = CG("cg_promise", "The promise", "sunrise")
    cg.props["gallery_order"] = ("int", "5")
    horizon = 540
    glass_back(cg, rnd, horizon, mullions=(250, 1560))
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")
    sun_x = 760

    # Sephiroth, left, facing right: taller, the long hair down his back, a black silk shirt
    sx, sy, hs = 520, 250, 250
    s_head = head_profile(sx, sy, hs, 1, 0.16)  # bowed a little: his gaze is on the raised hand
    s_neck = Polygon([(sx - 40, sy + 190), (sx + 50, sy + 230), (sx + 70, sy + 330), (sx - 70, sy + 330)])
    s_body = smooth([(sx - 90, sy + 300), (sx + 40, sy + 290), (sx + 120, sy + 330), (sx + 150, sy + 420),
                     (sx + 160, 1120), (sx - 250, 1120), (sx - 240, sy + 440), (sx - 170, sy + 330)], 8)
    s_hair = unary_union([
        smooth([(sx - 124, sy + 90), (sx - 96, sy + 16), (sx - 30, sy - 16), (sx + 44, sy - 6), (sx + 86, sy + 40),
                (sx + 40, sy + 40), (sx - 30, sy + 90), (sx - 70, sy + 220), (sx - 140, sy + 420),
                (sx - 200, 1120), (sx - 330, 1120), (sx - 270, sy + 500), (sx - 200, sy + 260)], 10),
        *[lock((sx - 150 - k * 24, sy + 200 + k * 40), [(sx - 200 - k * 20, sy + 420)], (sx - 236 - k * 22, sy + 620 + k * 50), 40)
          for k in range(3)],
        lock((sx + 30, sy + 0), [(sx + 76, sy + 40)], (sx + 100, sy + 96), 40),
        lock((sx + 40, sy + 10), [(sx + 84, sy + 60)], (sx + 92, sy + 118), 44),  # fringe falling to the brow
        lock((sx + 0, sy + 40), [(sx + 20, sy + 200), (sx + 60, sy + 380)], (sx + 100, sy + 560), 40),  # the long
        # front strand falling over his shoulder and chest
    ])
    seph = unary_union([s_hair, s_head, s_neck, s_body])
    fig.geom(seph, (22, 22, 30))

    # Zack, right, facing left: the spiky black hair swept back, his right hand raised between them
    zx, zy, hz = 1010, 300, 236
    z_head = head_profile(zx, zy, hz, -1, -0.02)
    z_neck = Polygon([(zx + 40, zy + 180), (zx - 50, zy + 220), (zx - 66, zy + 330), (zx + 80, zy + 330)])
    z_body = smooth([(zx + 90, zy + 290), (zx - 40, zy + 285), (zx - 120, zy + 330), (zx - 150, zy + 430),
                     (zx - 160, 1120), (zx + 300, 1120), (zx + 280, zy + 440), (zx + 200, zy + 330)], 8)
    spikes = [lock((zx + 10, zy + 30), [(zx + 60, zy - 20)], (zx + 120, zy - 62), 84),
              lock((zx + 50, zy + 60), [(zx + 120, zy + 30)], (zx + 196, zy + 14), 86),
              lock((zx + 70, zy + 110), [(zx + 140, zy + 110)], (zx + 212, zy + 122), 70),
              lock((zx + 60, zy + 150), [(zx + 116, zy + 180)], (zx + 166, zy + 228), 52),
              lock((zx - 20, zy + 14), [(zx + 0, zy - 40)], (zx + 34, zy - 84), 60),
              lock((zx - 30, zy + 40), [(zx - 70, zy + 50)], (zx - 100, zy + 96), 36),  # a bang over the brow
              lock((zx - 10, zy + 40), [(zx - 40, zy + 80)], (zx - 58, zy + 132), 30)]
    z_hair = unary_union([smooth([(zx - 40, zy + 10), (zx + 30, zy - 14), (zx + 110, zy + 40), (zx + 120, zy + 130),
                                  (zx + 60, zy + 170), (zx - 10, zy + 90)], 8), *spikes])
    # the healed RIGHT arm raised between them to be seen: the elbow bent in front of his chest,
    # the forearm upright, the hand at his chin's height with the fingers loosely curling toward
    # the palm (closing, testing the grip) — shown, not waved. Seen from its little-finger side.
    ex, ey = 800, 830  # the elbow, forward of his chest, in the gap between them
    wx, wy = 792, 640  # the wrist
    upper = stroke([(zx - 70, zy + 360), (ex + 60, ey - 50), (ex, ey)], 78, 64)
    forearm = stroke([(ex, ey), (ex - 8, ey - 100), (wx, wy)], 64, 52)
    palm = smooth([(wx - 28, wy + 8), (wx - 36, wy - 44), (wx - 32, wy - 96), (wx - 8, wy - 114), (wx + 34, wy - 106),
                   (wx + 44, wy - 64), (wx + 30, wy - 10), (wx + 24, wy + 10)], 6)
    fingers = [  # MCP, PIP, DIP, tip: half curled toward the palm (the grip closing), index highest
        finger([(wx - 22, wy - 106), (wx - 22, wy - 168), (wx + 6, wy - 200), (wx + 36, wy - 204)], [30, 27, 23, 19]),
        finger([(wx - 8, wy - 108), (wx - 4, wy - 164), (wx + 24, wy - 190), (wx + 52, wy - 188)], [29, 26, 22, 18]),
        finger([(wx + 8, wy - 106), (wx + 14, wy - 156), (wx + 40, wy - 174), (wx + 64, wy - 168)], [28, 25, 21, 17]),
        finger([(wx + 22, wy - 100), (wx + 30, wy - 140), (wx + 54, wy - 152), (wx + 72, wy - 142)], [25, 22, 19, 16]),
    ]
    thumb = finger([(wx + 28, wy - 34), (wx + 58, wy - 70), (wx + 74, wy - 104)], [34, 27, 21])
    hand = unary_union([palm, *fingers, thumb]).buffer(1.5).buffer(-1.5)
    forearm = unary_union([upper, forearm])
    hx, hy = wx, wy - 90
    zack = unary_union([z_hair, z_head, z_neck, z_body, forearm, hand])
    fig.geom(zack, (20, 20, 26))

    # the rim: the sun between them lights the edges that face it — his profile, Zack's profile,
    # the hand all round; the far edges get a thin wrap from the sky
    rim_steps(rim_svg, seph, -5, 1, steps=((1.0, 1.0), (1.8, 0.3)))
    rim_steps(rim_svg, zack.difference(hand), 5, 1, steps=((1.0, 1.0), (1.8, 0.3)))
    for dxy in ((4, 2), (-4, 2), (0, 4)):
        rim_steps(rim_svg, hand, *dxy, steps=((1.0, 0.8), (2.0, 0.25)))
    for fg in fingers[1:]:  # each finger's edge against the one behind it, where the curl separates them
        rim_steps(rim_svg, fg, -3, 2, steps=((1.0, 0.5),))

    rim_steps(rim_svg, seph, 3, 2, steps=((1.0, 0.3),))
    rim_steps(rim_svg, zack, -3, 2, steps=((1.0, 0.3),))

    cg.mark("sun", sun_x, 500)
    cg.mark("sephiroth", sx + 60, sy + 140)
    cg.mark("zack", zx - 60, zy + 140)
    cg.mark("hand", hx, hy)
    cg.keep("faces", sx - 140, sy - 30, zx + 230 - (sx - 140), 300)
    cg.keep("hand", wx - 60, wy - 190, 140, ey - wy + 230)  # the raised hand and arm
    return cg


def hand_shape(x: float, y: float, size: float, angle: float, spread: float = 1.0) -> BaseGeometry:
    """A hand seen from the back, fingers pointing along `angle` (radians, 0 = right): a palm
    and four tapering fingers and a thumb, slightly spread — a simple shape that reads in
    silhouette."""
    import math

    from shapely.affinity import rotate
    palm = smooth([(0, -0.42), (0.5, -0.4), (0.62, 0.0), (0.5, 0.4), (0, 0.45), (-0.2, 0.0)], 6)
    parts = [palm]
    for k, (dy, ln) in enumerate(((-0.3, 0.78), (-0.1, 0.9), (0.1, 0.86), (0.3, 0.7))):
        a = (k - 1.5) * 0.09 * spread
        tip = (0.55 + ln * math.cos(a), dy + ln * math.sin(a) * 1.4)
        parts.append(lock((0.5, dy), [((0.5 + tip[0]) / 2, (dy + tip[1]) / 2)], tip, 0.2))
    parts.append(lock((0.1, -0.4), [(0.3, -0.62)], (0.62, -0.74), 0.24))  # the thumb
    g = unary_union(parts)
    g = sscale(g, size, size, origin=(0, 0))
    g = rotate(g, angle, origin=(0, 0), use_radians=True)
    return translate(g, x, y).buffer(1.5).buffer(-1.5)


def cg_embrace() -> CG:
    """Dusk: Sephiroth has crossed the room; one silhouette of two against the glass — his arm
    round Zack, their heads bowed together, a sliver of sky between their faces. Nothing more:
    the script cuts to black."""
    rnd = random.Random(14)
    cg = CG("cg_embrace", "Across the room", "dusk")
    cg.props["gallery_order"] = ("int", "4")
    glass_back(cg, rnd, 560, mullions=(330, 1530))
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")

    # Sephiroth, left, taller, head bowed toward Zack
    sx, sy, hs = 690, 220, 226
    s_head = head_profile(sx, sy, hs, 1, -0.22)
    s_hair = unary_union([
        smooth([(sx - 124, sy + 100), (sx - 90, sy + 14), (sx - 20, sy - 16), (sx + 50, sy + 4), (sx + 90, sy + 60),
                (sx + 40, sy + 44), (sx - 30, sy + 100), (sx - 60, sy + 240), (sx - 120, sy + 440),
                (sx - 180, 1120), (sx - 320, 1120), (sx - 250, sy + 480), (sx - 190, sy + 260)], 10),
        lock((sx + 40, sy + 10), [(sx + 84, sy + 70)], (sx + 86, sy + 140), 44),
        lock((sx + 10, sy + 60), [(sx + 50, sy + 220), (sx + 120, sy + 360)], (sx + 190, sy + 470), 40),  # over Zack
    ])
    s_body = smooth([(sx - 100, sy + 290), (sx + 60, sy + 270), (sx + 170, sy + 330), (sx + 240, sy + 440),
                     (sx + 260, 1120), (sx - 230, 1120), (sx - 220, sy + 460), (sx - 170, sy + 330)], 8)
    s_neck = Polygon([(sx - 40, sy + 170), (sx + 60, sy + 210), (sx + 80, sy + 320), (sx - 70, sy + 320)])
    # Zack, right, shorter, his face turned up to him
    zx, zy, hz = 880, 318, 210
    z_head = head_profile(zx, zy, hz, -1, 0.24)
    spikes = [lock((zx + 10, zy + 30), [(zx + 60, zy - 16)], (zx + 116, zy - 56), 76),
              lock((zx + 46, zy + 60), [(zx + 112, zy + 34)], (zx + 184, zy + 20), 78),
              lock((zx + 64, zy + 106), [(zx + 130, zy + 108)], (zx + 196, zy + 122), 64),
              lock((zx + 56, zy + 146), [(zx + 106, zy + 176)], (zx + 150, zy + 220), 48),
              lock((zx - 20, zy + 14), [(zx + 0, zy - 36)], (zx + 30, zy - 78), 54),
              lock((zx - 28, zy + 38), [(zx - 64, zy + 50)], (zx - 92, zy + 92), 32)]
    z_hair = unary_union([smooth([(zx - 40, zy + 10), (zx + 30, zy - 14), (zx + 104, zy + 40), (zx + 114, zy + 130),
                                  (zx + 56, zy + 166), (zx - 10, zy + 90)], 8), *spikes])
    z_neck = Polygon([(zx + 40, zy + 170), (zx - 50, zy + 200), (zx - 60, zy + 300), (zx + 80, zy + 300)])
    z_body = smooth([(zx + 90, zy + 270), (zx - 30, zy + 270), (zx - 110, zy + 330), (zx - 140, zy + 430),
                     (zx - 150, 1120), (zx + 290, 1120), (zx + 270, zy + 440), (zx + 200, zy + 320)], 8)
    # his arm round Zack's back: the sleeve across, the hand spread on Zack's shoulder blade
    s_arm = stroke([(sx + 150, sy + 380), (zx + 60, zy + 320), (zx + 214, zy + 340)], 54, 40)
    s_hand = hand_shape(zx + 226, zy + 352, 62, 1.45, 0.5)
    seph = unary_union([s_hair, s_head, s_neck, s_body, s_arm, s_hand])
    zack = unary_union([z_hair, z_head, z_neck, z_body])
    fig.geom(zack, (20, 20, 26))
    fig.geom(seph, (22, 22, 30))
    both = unary_union([seph, zack])
    # the glass behind them: the outline catches the dusk, strongest at the top; the faces'
    # edges toward each other catch the light in the gap between them
    rim_steps(rim_svg, both, 4, 4, steps=((1.0, 1.0), (1.8, 0.3)))
    rim_steps(rim_svg, both, -4, 4, steps=((1.0, 1.0), (1.8, 0.3)))
    rim_steps(rim_svg, s_head, -4, 0, steps=((1.0, 0.9),), clip=box(sx + 40, 0, W, sy + 260))
    rim_steps(rim_svg, z_head, 4, 0, steps=((1.0, 0.9),), clip=box(0, 0, zx - 40, zy + 260))
    rim_steps(rim_svg, s_hand, 0, 3, steps=((1.0, 0.8),))

    cg.mark("figures", (sx + zx) / 2, 460)
    cg.mark("faces", (sx + zx) / 2 + 10, 380)
    cg.mark("hand", zx + 250, zy + 370)
    cg.keep("faces", sx - 140, sy - 30, zx + 220 - (sx - 140), 330)
    cg.keep("hand", zx + 170, zy + 290, 140, 130)
    return cg


def finger(joints: list[tuple[float, float]], widths: list[float]) -> BaseGeometry:
    """A finger (or thumb) as its phalanges: a round-ended segment from joint to joint, each
    `widths[i]` wide at joint i (the knuckles a touch wider than the shafts between them)."""
    parts = []
    for (a, wa), (b, wb) in zip(zip(joints, widths), zip(joints[1:], widths[1:])):
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = (dx * dx + dy * dy) ** 0.5 or 1.0
        nx, ny = -dy / n, dx / n
        waist = (wa + wb) / 2 * 0.9  # the shaft narrows between the joints
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        parts.append(Polygon([(a[0] + nx * wa / 2, a[1] + ny * wa / 2), (mx + nx * waist / 2, my + ny * waist / 2),
                              (b[0] + nx * wb / 2, b[1] + ny * wb / 2), (b[0] - nx * wb / 2, b[1] - ny * wb / 2),
                              (mx - nx * waist / 2, my - ny * waist / 2), (a[0] - nx * wa / 2, a[1] - ny * wa / 2)]))
        parts.append(disc(a[0], a[1], wa / 2))
    parts.append(disc(joints[-1][0], joints[-1][1], widths[-1] / 2))
    return unary_union(parts).buffer(3, 24).buffer(-3, 24)


def cg_chair() -> CG:
    """Beat 11, "His sword hand, resting there, reaching for nothing": a close-up from a little
    below the chair's top rail against the low sun. His left hand lies over the rail from behind
    — the knuckles on top, the long fingers hanging loose down its near face and below it, the
    thumb under the rail on the far side; the forearm rises behind it to his body out of frame,
    the loose cuff of the silk sleeve; strands of silver hair fall into the top of the frame.
    Everything is silhouette; the detail is the copper rim along the knuckles, each finger's
    lit edge, the rail and the spindles. Nothing grips."""
    rnd = random.Random(11)
    cg = CG("cg_chair", "His sword hand", "last_rays")
    cg.props["gallery_order"] = ("int", "2")
    glass_back(cg, rnd, 880, mullions=(1790,))
    wood = cg.plane("chair", "ambient")
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")

    def rail_y(x: float) -> tuple[float, float]:  # the rail's top and bottom edge at x (it recedes to the right)
        return 548 - 0.045 * (x - 960), 634 - 0.06 * (x - 960)

    # the chair: the back post on the left with its turned top, the top rail, spindles below
    xs = list(range(-40, 1981, 40))
    rail = Polygon([(x, rail_y(x)[0]) for x in xs] + [(x, rail_y(x)[1]) for x in reversed(xs)])
    px = 380  # the back post (square, like the room's chair), its top just above the rail
    post = unary_union([Polygon([(px - 34, H + 20), (px - 30, 470), (px - 24, 452), (px + 24, 452), (px + 30, 470),
                                 (px + 34, H + 20)])])
    spindles = []  # the flat slats of the room's ladder-back chair, seen from a little below
    for sx in (600, 800, 1460, 1680):
        top = rail_y(sx)[1] - 4
        spindles.append(Polygon([(sx - 26, top), (sx + 26, top - 1), (sx + 24, H + 20), (sx - 24, H + 20)]))
    chair = unary_union([rail, post, *spindles])
    wood.geom(chair, (60, 42, 32))
    rail_top = rail.difference(translate(rail, 0, 16)).union(box(px - 24, 452, px + 24, 462))
    wood.geom(rail_top, (78, 56, 40))  # the rounded top of the rail, toward the sky

    # the hand: the thumb first (behind the rail), then the back of the hand on top, the forearm
    # rising behind it, then the four fingers over the rail's near face (index on the left: his
    # LEFT hand, its back toward us). Drawn at 1:1 about the index knuckle, then enlarged.
    ox, oy, k = 960, 548, 1.45
    thumb = finger([(912, 586), (882, 622), (892, 668), (930, 692)], [50, 42, 36, 30])
    back = smooth([(922, 558), (912, 528), (940, 500), (1000, 476), (1050, 462), (1110, 476), (1140, 500),
                   (1146, 536), (1126, 562), (1060, 568), (980, 566)], 8)
    forearm = stroke([(1080, 500), (1170, 360), (1300, 160), (1440, -80)], 150, 104)
    along = (0.573, -0.819)  # the forearm's direction; the cuff's edge lies across it at (1262, 218)
    sleeve = stroke([(1200, 300), (1350, 80), (1450, -80)], 152, 134).difference(Polygon([
        (1262 + 0.819 * 400, 218 + 0.573 * 400), (1262 - 0.819 * 400, 218 - 0.573 * 400),
        (1262 - 0.819 * 400 - along[0] * 600, 218 - 0.573 * 400 - along[1] * 600),
        (1262 + 0.819 * 400 - along[0] * 600, 218 + 0.573 * 400 - along[1] * 600)]))
    cuff_edge = stroke([(1200, 176), (1262, 218), (1326, 262)], 14, 10)
    fingers = [  # MCP, PIP, DIP, tip: index, middle, ring, little; relaxed, curling a little toward
        # the middle finger, the little one shortest
        finger([(946, 548), (942, 620), (948, 676), (958, 710)], [46, 41, 35, 28]),
        finger([(990, 546), (990, 626), (994, 690), (1000, 728)], [47, 42, 36, 29]),
        finger([(1034, 550), (1036, 624), (1036, 682), (1032, 716)], [45, 40, 34, 27]),
        finger([(1076, 556), (1080, 610), (1078, 652), (1070, 680)], [39, 35, 30, 24]),
    ]
    knuckles = [disc(x, y, r) for x, y, r in ((944, 542, 24), (990, 538, 25), (1036, 542, 24), (1080, 550, 21))]

    def big(g: BaseGeometry) -> BaseGeometry:
        return sscale(g, k, k, origin=(ox, oy))
    thumb, back, forearm, sleeve, cuff_edge = (big(g) for g in (thumb, back, forearm, sleeve, cuff_edge))
    fingers = [big(g) for g in fingers]
    knuckles = [big(g) for g in knuckles]
    hand_top = unary_union([back, *knuckles])
    skin, skin_front = (44, 40, 50), (40, 36, 46)
    fig.geom(thumb.difference(rail), skin)
    fig.geom(unary_union([forearm, hand_top]), skin)
    fig.geom(sleeve, SHIRT)
    fig.geom(cuff_edge.intersection(sleeve), (36, 36, 46))
    # each finger in front of the one to its right (the index nearest the light), with a thin
    # dark line where it lies over its neighbour
    for n in (3, 2, 1, 0):
        fg = fingers[n]
        if n < 3:
            fig.geom(fg.buffer(4).difference(fg).intersection(fingers[n + 1]), (12, 10, 14))
        fig.geom(fg, skin_front)
    # the hair: silver strands falling into the top of the frame, out of focus
    strands = [lock((x0, -40), [(x0 + dx * 0.3, ln * 0.5)], (x0 + dx, ln), w) for x0, dx, ln, w in
               ((1100, -40, 240, 26), (1146, -26, 330, 22), (1190, -10, 280, 18), (1232, 8, 370, 22),
                (1050, -44, 160, 16))]
    hair = unary_union(strands)
    fig.geom(hair, (62, 64, 78))

    # the rim: the low sun is in the glass on the left, a little above: edges facing up-left
    front = unary_union(fingers)
    whole = unary_union([thumb, forearm, hand_top, sleeve, front])
    visible = whole.difference(rail.difference(unary_union([front, hand_top])))  # the thumb goes behind the rail
    behind_hand = box(-50, -50, W + 50, H + 50).difference(visible.buffer(2))
    rim_steps(rim_svg, chair, 4, 3, steps=((1.0, 0.9), (2.0, 0.28)), clip=behind_hand)
    rim_steps(rim_svg, rail, 0, 5, steps=((1.0, 0.7),), clip=behind_hand)
    seen = box(-50, -50, W + 50, H + 50).difference(rail).union(unary_union([front, hand_top]))
    rim_steps(rim_svg, whole, 5, 3, steps=((1.0, 1.0), (1.9, 0.3)), clip=seen)
    rim_steps(rim_svg, hand_top, 3, 6, steps=((1.0, 0.95), (2.0, 0.3)), clip=box(0, 0, W, H).difference(forearm))
    for k, fg in enumerate(fingers):
        over = fg if k == 0 else fg.difference(fingers[k - 1])
        rim_steps(rim_svg, over, 4, 2, steps=((1.0, 0.75 if k else 1.0), (2.0, 0.22)))
    rim_steps(rim_svg, cuff_edge, 3, 4, steps=((1.0, 0.8),))
    rim_steps(rim_svg, hair, 3, 1, steps=((1.0, 0.7),))

    cg.mark("hand", 1040, 620)
    cg.mark("rail", 700, 560)
    cg.mark("cuff", 1360, 200)
    cg.keep("hand", 820, 400, 390, 420)  # the knuckles, the fingers, the thumb under the rail
    cg.keep("wrist", 1040, 220, 300, 200)
    return cg


def cg_door() -> CG:
    """Zack at the door: his shoulder against the frame, his good LEFT hand closed on the knob,
    the broken RIGHT arm held against his chest, his head bowed; behind him the glass and the
    last of the sunset, its light across the door."""
    rnd = random.Random(12)
    cg = CG("cg_door", "The door", "last_rays")
    cg.props["gallery_order"] = ("int", "3")
    glass_back(cg, rnd, 520, mullions=(160, 470))
    room = cg.plane("door", "ambient")
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")
    frame_x = 1010
    room.rect(640, 0, 1300, H, (56, 44, 40))  # the wall between the glass and the door
    room.geom(box(frame_x, 0, frame_x + 60, H + 10), (80, 60, 48))  # the frame's moulding
    door = box(frame_x + 60, 30, 1920, H + 10)
    room.geom(door, (74, 54, 42))
    for x0, y0, x1, y1 in ((1170, 110, 1500, 480), (1600, 110, 1880, 480), (1170, 660, 1500, 1040),
                           (1600, 660, 1880, 1040)):
        room.geom(box(x0, y0, x1, y1), (64, 46, 36))
        room.geom(box(x0 + 12, y0 + 12, x1 - 12, y1 - 12), (70, 50, 40))
    knob = (1170, 600)
    room.circle(knob[0] + 30, knob[1], 44, (96, 76, 52))  # the rose

    # Zack in profile facing the door, his shoulder on the frame, head bowed
    zx, zy, hz = 820, 260, 224
    head = head_profile(zx, zy, hz, 1, 0.28)
    spikes = [lock((zx - 10, zy + 30), [(zx - 60, zy - 10)], (zx - 120, zy - 40), 84),
              lock((zx - 50, zy + 64), [(zx - 120, zy + 44)], (zx - 196, zy + 40), 84),
              lock((zx - 66, zy + 110), [(zx - 136, zy + 120)], (zx - 204, zy + 150), 70),
              lock((zx - 56, zy + 150), [(zx - 106, zy + 186)], (zx - 144, zy + 240), 50),
              lock((zx + 10, zy + 16), [(zx + 4, zy - 34)], (zx - 24, zy - 80), 60),
              lock((zx + 40, zy + 50), [(zx + 84, zy + 84)], (zx + 100, zy + 140), 34)]
    hair = unary_union([smooth([(zx + 40, zy + 10), (zx - 30, zy - 14), (zx - 110, zy + 40), (zx - 118, zy + 130),
                                (zx - 60, zy + 170), (zx + 10, zy + 90)], 8), *spikes])
    neck = Polygon([(zx - 50, zy + 170), (zx + 40, zy + 200), (zx + 60, zy + 320), (zx - 90, zy + 320)])
    body = smooth([(zx - 110, zy + 280), (zx + 40, zy + 270), (zx + 150, zy + 320), (frame_x - 4, zy + 400),
                   (frame_x - 4, H + 40), (zx - 330, H + 40), (zx - 320, zy + 470), (zx - 240, zy + 320)], 8)
    # the far (left) arm: down from the shoulder, the elbow bent, the forearm forward to the knob
    kx, ky = knob
    arm_l = stroke([(zx + 100, zy + 360), (zx + 150, zy + 520), (kx - 120, ky + 44)], 64, 50)
    back = smooth([(kx - 140, ky + 10), (kx - 90, ky - 30), (kx - 30, ky - 44), (kx + 4, ky - 34), (kx + 10, ky + 10),
                   (kx - 10, ky + 50), (kx - 80, ky + 66), (kx - 136, ky + 60)], 8)
    fingers = [smooth([(kx - 6, ky - 34 + k * 24), (kx + 22, ky - 36 + k * 24), (kx + 30, ky - 24 + k * 24),
                       (kx + 24, ky - 12 + k * 24), (kx - 6, ky - 10 + k * 24)], 5) for k in range(4)]
    thumb = lock((kx - 80, ky - 30), [(kx - 40, ky - 50)], (kx + 6, ky - 54), 26)
    fist = unary_union([back, *fingers, thumb]).buffer(2).buffer(-2)
    knuckles = []
    room.circle(kx + 40, ky, 30, (150, 120, 80))  # the knob's far side, showing past the fingers
    # the near (right) arm, broken, held against his chest; the torn sleeve at the elbow
    upper = stroke([(zx - 60, zy + 340), (zx - 50, zy + 520), (zx - 10, zy + 600)], 90, 80)
    fore = stroke([(zx - 10, zy + 600), (zx + 100, zy + 560), (zx + 150, zy + 480)], 76, 60)
    limp = smooth([(zx + 130, zy + 450), (zx + 180, zy + 436), (zx + 200, zy + 470), (zx + 190, zy + 520),
                   (zx + 140, zy + 512)], 6)
    zack = unary_union([hair, head, neck, body, arm_l, fist, *knuckles])
    fig.geom(zack, (24, 22, 28))
    near = unary_union([upper, fore, limp])
    fig.geom(near, (38, 32, 36))
    tear = Polygon([(zx - 110, zy + 500), (zx - 80, zy + 530), (zx - 60, zy + 505), (zx - 36, zy + 540),
                    (zx - 14, zy + 512), (zx + 6, zy + 546), (zx + 20, zy + 470), (zx - 110, zy + 460)])
    fig.geom(tear.intersection(upper), (60, 58, 66))
    rim_steps(rim_svg, zack, 5, 3, steps=((1.0, 1.0), (1.8, 0.3)))
    rim_steps(rim_svg, near, 4, 4, steps=((1.0, 0.8), (1.8, 0.24)))
    rim_steps(rim_svg, fist, 0, 4, steps=((1.0, 0.8),))
    for k in range(1, 4):  # the creases between the curled fingers
        fig.geom(stroke([(kx - 8, ky - 12 + k * 24), (kx + 14, ky - 13 + k * 24), (kx + 26, ky - 16 + k * 24)], 3, 1.5),
                 (10, 9, 12))
    rim_steps(rim_svg, box(frame_x, 0, frame_x + 60, H + 10), 4, 0, steps=((1.0, 0.6),),
              clip=box(0, 0, W, H).difference(unary_union([zack, near])))
    rim_svg.circle(knob[0] + 48, knob[1] - 14, 7, "#ffffff", 0.9)  # the knob's glint

    cg.mark("knob", knob[0], knob[1])
    cg.mark("arm", zx + 60, zy + 520)
    cg.mark("face", zx + 80, zy + 140)
    cg.keep("face", zx - 220, zy - 90, 360, 380)
    cg.keep("hands", zx - 100, zy + 270, kx + 40 - (zx - 100), 380)  # the knob in his left hand, the arm at his chest
    # the low sun through the glass behind him: a hard-edged band across the door (group `sun`)
    cg.beam("door_light", "sun", 6, [(frame_x + 70, 0), (1480, 0), (1720, 1080), (1300, 1080)])
    return cg


# A head in profile facing right, crown at y 0, chin at y 1 (x forward): forehead, brow, the

def rim(shape, dx, dy=0.0):
    from cgkit import rim as _rim
    return _rim(shape, dx, dy)


ALL = {"cg_eyes": cg_eyes, "cg_chair": cg_chair, "cg_door": cg_door, "cg_embrace": cg_embrace,
       "cg_promise": cg_promise, "cg_town": cg_town}
# Drawn but not yet good enough to ship (made only when named).
DRAFTS: dict = {}


def main(names: list[str]) -> int:
    for name in names or list(ALL):
        path = {**ALL, **DRAFTS}[name]().save()
        print("wrote", os.path.relpath(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
