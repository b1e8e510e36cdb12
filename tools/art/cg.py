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


def ridge(rnd: random.Random, x0: float, x1: float, base: float, amp: float, waves: int = 5,
          step: float = 12.0) -> list[tuple[float, float]]:
    """A ragged top edge from x0 to x1 around `base` (y grows down): a few sines of random phase
    and length plus a little jitter — the outline of a mass of fire or smoke, never a row of
    identical tongues."""
    import math
    comps = [(rnd.uniform(40, 260), rnd.uniform(0, math.tau), rnd.uniform(0.3, 1.0)) for _ in range(waves)]
    norm = sum(c[2] for c in comps)
    pts = []
    x = x0
    while x <= x1 + 1e-6:
        v = sum(a * math.sin(x / ln * math.tau + ph) for ln, ph, a in comps) / norm
        pts.append((x, base - amp * (0.5 + 0.5 * v) - rnd.uniform(0, amp * 0.08)))
        x += step
    return pts


def fire_mass(svg, rnd: random.Random, x0: float, x1: float, base: float, height: float,
              tongues: int = 3) -> BaseGeometry:
    """A mass of fire over [x0, x1] standing on `base`: three flat colour steps (deep red, orange,
    a yellow core low down), each a ragged-topped body with a few tall licking tongues; returns
    the outer shape."""
    outer = None
    for col, k, op in (("#9a2208", 1.0, 0.9), ("#f0661a", 0.7, 0.92), ("#ffc24a", 0.38, 0.95)):
        inset = (x1 - x0) * (1 - k) * 0.22
        top = ridge(rnd, x0 + inset, x1 - inset, base, height * k, waves=4, step=10)
        body = Polygon([(x0 + inset, base + 8), *top, (x1 - inset, base + 8)])
        body = body if body.is_valid else body.buffer(0)
        licks = []
        for _ in range(tongues):
            x = rnd.uniform(x0 + inset + 10, x1 - inset - 10)
            h = height * k * rnd.uniform(0.9, 1.5)
            lean = rnd.uniform(-0.1, 0.35) * h
            licks.append(lock((x, base - height * k * 0.3), [(x + lean * 0.3, base - h * 0.6)], (x + lean, base - h),
                              height * k * rnd.uniform(0.18, 0.3)))
        shape = unary_union([body, *licks])
        svg.geom(shape, col, op)
        outer = outer or shape
    return outer


def gables(rnd: random.Random, x0: float, x1: float, base: float, wall: tuple[float, float],
           pitch: tuple[float, float], width: tuple[float, float]) -> tuple[BaseGeometry, list]:
    """A row of houses seen from the street: walls and pitched roofs of random widths, some with
    chimneys; returns the row's outline and each roof's (peak x, peak y, half-width, eave y)."""
    parts, roofs = [], []
    x = x0
    while x < x1:
        w = rnd.uniform(*width)
        top = base - rnd.uniform(*wall)
        peak = top - w * rnd.uniform(*pitch)
        cx = x + w / 2 + rnd.uniform(-w * 0.08, w * 0.08)
        parts.append(Polygon([(x, base + 40), (x, top), (x - 10, top + 6), (cx, peak), (x + w + 10, top + 6),
                              (x + w, top), (x + w, base + 40)]))
        if rnd.random() < 0.5:
            chx = cx + rnd.choice((-1, 1)) * w * 0.26
            chy = peak + (top - peak) * 0.45
            parts.append(box(chx - 11, chy - 46, chx + 11, chy + 20))
        roofs.append((cx, peak, w / 2 + 10, top + 6))
        x += w + rnd.uniform(-16, 2)  # (no gaps: the fire behind would show as a lit slot)
    return unary_union(parts), roofs


def fighter(fx: float, feet: float, height: float, facing: int, hands: tuple[float, float],
            elbows: tuple[tuple[float, float], tuple[float, float]], stance: float = 1.0,
            head_tilt: float = 0.0) -> tuple[BaseGeometry, BaseGeometry, tuple[float, float]]:
    """A man in profile in a fighting stance, as proportions of his `height` (feet on `feet` at
    x `fx`, facing right 1 or left -1): the body (head, neck, torso, both legs, the far arm) and
    the near arm as two shapes, and where the hands meet on the hilt (`hands`, in units of the
    height from the feet, forward +). `elbows`: the far and near elbow, in the same units."""
    u = height

    def at(x: float, y: float) -> tuple[float, float]:
        return (fx + facing * x * u, feet - y * u)
    head = head_profile(*at(0.0, 1.0), 0.135 * u, facing, head_tilt)
    neck = Polygon([at(-0.035, 0.89), at(0.04, 0.89), at(0.055, 0.8), at(-0.05, 0.8)])
    torso = smooth([at(-0.09, 0.83), at(0.0, 0.855), at(0.085, 0.83), at(0.1, 0.72), at(0.075, 0.58),
                    at(0.07, 0.48), at(-0.07, 0.48), at(-0.085, 0.6), at(-0.11, 0.73)], 8)
    def leg(hip: tuple[float, float], knee: tuple[float, float], ankle: tuple[float, float],
            toe: float) -> BaseGeometry:
        """Thigh, shin with the calf's swell behind it, and a boot pointing `toe` (+ forward)."""
        thigh = stroke([at(*hip), at(*knee)], 0.115 * u, 0.075 * u)
        shin = stroke([at(*knee), at(*ankle)], 0.075 * u, 0.052 * u)
        calf = stroke([at(knee[0] * 0.8 + ankle[0] * 0.2 - 0.01, knee[1] * 0.8 + ankle[1] * 0.2),
                       at(knee[0] * 0.35 + ankle[0] * 0.65 - 0.006, knee[1] * 0.35 + ankle[1] * 0.65)],
                      0.07 * u, 0.05 * u)
        boot = smooth([at(ankle[0] - 0.035, ankle[1] + 0.02), at(ankle[0] + 0.03, ankle[1] + 0.02),
                       at(ankle[0] + toe, 0.012), at(ankle[0] + toe, 0.0), at(ankle[0] - 0.04, 0.0)], 5)
        return unary_union([thigh, shin, calf, boot])
    legs = unary_union([  # the front knee bent over its foot, the back leg long behind
        leg((0.03, 0.5), (0.16 * stance, 0.29), (0.14 * stance, 0.045), 0.1),
        leg((-0.03, 0.5), (-0.085 * stance, 0.27), (-0.2 * stance, 0.05), 0.07),
    ])
    hx, hy = hands
    far_arm = stroke([at(0.02, 0.8), at(*elbows[0]), at(hx, hy)], 0.062 * u, 0.044 * u)
    near_arm = stroke([at(-0.01, 0.8), at(*elbows[1]), at(hx, hy)], 0.068 * u, 0.046 * u)
    fists = disc(*at(hx, hy), 0.034 * u)
    body = unary_union([head, neck, torso, legs, far_arm])
    return body, unary_union([near_arm, fists]), at(hx, hy)


def straight_blade(root: tuple[float, float], tip: tuple[float, float], width: float, point: float = 0.0) -> Polygon:
    """A straight blade from `root` to `tip`, `width` wide, its point cut at an angle (`point`:
    how far back along the blade the point's bevel starts, px)."""
    dx, dy = tip[0] - root[0], tip[1] - root[1]
    n = (dx * dx + dy * dy) ** 0.5
    ux, uy = dx / n, dy / n
    px, py = -uy * width / 2, ux * width / 2
    back = (tip[0] - ux * point, tip[1] - uy * point)
    return Polygon([(root[0] + px, root[1] + py), (back[0] + px, back[1] + py), tip,
                    (tip[0] - px, tip[1] - py), (root[0] - px, root[1] - py)])


ZACK_SPIKES = [(10, 30, 60, -40, 110, -120, 90), (50, 50, 130, 0, 210, -40, 90), (70, 100, 150, 90, 240, 90, 76),
               (60, 150, 120, 190, 180, 250, 56), (-20, 14, -10, -60, 10, -130, 66), (-30, 40, -80, 40, -120, 80, 40),
               (-10, 40, -40, 80, -58, 132, 30)]  # Zack's hair facing left, for a 236 px head: root, bend, tip, width
CLOUD_SPIKES = [(-10, 30, -50, -40, -90, -120, 80), (-40, 50, -110, 0, -176, -50, 80), (-60, 100, -130, 90, -204, 86, 64),
                (10, 20, 24, -60, 40, -140, 64), (30, 30, 80, -10, 130, -40, 50), (40, 60, 80, 90, 104, 140, 36),
                (-50, 150, -100, 180, -140, 236, 46)]  # Cloud's, facing right: taller, swept up and back


def spiky_hair(x: float, y: float, k: float, facing: int, specs: list, native: int) -> BaseGeometry:
    """Spiky hair at crown (x, y), scaled by k from a 236 px head, facing right (1) or left (-1);
    `specs` are drawn facing `native` and mirrored when the head faces the other way."""
    m = 1 if facing == native else -1
    cap = [(-40 * -native, 10), (30 * -native, -14), (110 * -native, 40), (120 * -native, 130), (60 * -native, 170),
           (-10 * -native, 90)]
    locks = [lock((x + m * a * k, y + b * k), [(x + m * c * k, y + d * k)], (x + m * e * k, y + f * k), w * k)
             for a, b, c, d, e, f, w in specs]
    return unary_union([smooth([(x + m * a * k, y + b * k) for a, b in cap], 8), *locks])


FIRE_SEEDS, ROW_SEEDS = (1, 2), (3, 4)  # chosen by eye


def cg_town() -> CG:
    """The leave ending's last image: years later, a mountain town burning at night. Rows of
    roofs recede into the smoke, each row hazier; the fire stands behind them and lights the
    smoke from below; embers drift up. In the street, in front of a house wall of flame, the
    General turns with his long blade already moving — long hair lifting, the long coat, the
    very long sword in his LEFT hand. In the foreground, from behind, Zack raises his own broad
    sword to meet the stroke; Cloud is at his back, facing the other way, his sword low."""
    rnd = random.Random(6)
    cg = CG("cg_town", "The burning town", "burning")
    cg.props["gallery_order"] = ("int", "6")
    sky = cg.plane("sky", "sky")
    sky.rect(0, 0, W, 760, "#ffffff")  # the gradient's glowing horizon colour lies behind the roofs

    # far: the mountains, the smoke rising from the town and leaning with the wind
    far = cg.plane("far", "ambient", parallax=0.55)
    far.poly([(-40, 520), (120, 430), (260, 470), (420, 330), (560, 400), (700, 300), (860, 380), (1010, 330),
              (1180, 420), (1330, 300), (1500, 380), (1660, 320), (1820, 400), (1960, 360), (1960, 900),
              (-40, 900)], (40, 30, 36))
    smokes = []
    for sx, sy, r0, drift in ((260, 640, 60, 300), (720, 600, 80, 420), (1240, 620, 70, 380), (1700, 650, 60, 260)):
        puffs = []
        for i in range(9):
            t = i / 8
            puffs.append(disc(sx + drift * t ** 1.4 + rnd.uniform(-20, 20), sy - 620 * t - rnd.uniform(0, 40),
                              r0 * (1 + 2.2 * t) * rnd.uniform(0.85, 1.1)))
        smokes.append(unary_union(puffs))
    smoke = unary_union(smokes)
    far.geom(smoke, (58, 42, 42), 0.92)
    far.geom(smoke.buffer(-34), (50, 36, 38), 0.9)

    # the fire's light on the smoke from below, and the far fires behind the far roofs
    glow_far = cg.plane("fire_far", "emissive", parallax=0.7)
    # the fire's light on the smoke's undersides, following its billows, reaching less high the
    # wider the band (each band's top edge ragged, so no straight line crosses the sky)
    rl = random.Random(61)  # (its own stream: the town's layout does not move when this changes)
    for d, top, col, op in ((110, 470, "#7a2a12", 0.16), (60, 380, "#b0401a", 0.2), (24, 250, "#ff8a3a", 0.32)):
        lit = Polygon([(-40, 770), *ridge(rl, -40, W + 40, top, 160, waves=4, step=24), (W + 40, 770)])
        glow_far.geom(smoke.difference(translate(smoke, 0, -d)).intersection(lit.buffer(0)), col, op)
    glow_far.geom(box(-40, 640, W + 40, 760), "#5a1a08", 0.7)  # the glow along the horizon, two flat steps
    glow_far.geom(box(-40, 690, W + 40, 760), "#8a2c0c", 0.7)
    for x0, x1, h in ((80, 330, 150), (560, 760, 120), (1060, 1250, 170), (1500, 1760, 140)):
        fire_mass(glow_far, random.Random(int(x0)), x0, x1, 700, h, tongues=2)

    # the far row of roofs, hazy with smoke (lighter), then the near row, dark
    town = cg.plane("town", "ambient", parallax=0.7)
    far_row, far_roofs = gables(random.Random(21), -60, W + 60, 720, (30, 70), (0.35, 0.6), (110, 190))
    town.geom(far_row, (74, 52, 50))
    near_fire = cg.plane("fire", "emissive", parallax=0.85)
    # the burning house behind the General: a wall of fire to stand against
    fire_mass(near_fire, random.Random(FIRE_SEEDS[0]), 400, 880, 790, 470, tongues=5)
    fire_mass(near_fire, random.Random(FIRE_SEEDS[1]), 1580, 1960, 800, 230, tongues=3)
    houses = cg.plane("houses", "ambient", parallax=0.85)
    row_l, roofs_l = gables(random.Random(ROW_SEEDS[0]), -80, 420, 820, (120, 170), (0.45, 0.7), (150, 220))
    row_r, roofs_r = gables(random.Random(ROW_SEEDS[1]), 1480, 2000, 830, (110, 160), (0.45, 0.7), (150, 220))
    burnt = Polygon([(410, 830), (410, 640), (470, 600), (560, 520), (620, 560), (650, 500), (760, 600), (830, 610),
                     (880, 650), (880, 830)])
    window = Polygon([(500, 700), (506, 560), (560, 520), (620, 580), (700, 540), (780, 610), (776, 700)])
    ruin = burnt.difference(window)  # the gutted front, the fire seen through it
    houses.geom(unary_union([row_l, row_r]), (34, 26, 28))
    houses.geom(ruin, (30, 22, 24))
    town_rim = cg.plane("town_rim", "rim", parallax=0.85)
    rows = unary_union([row_l, row_r])
    rim_steps(town_rim, rows, 0, 4, steps=((1.0, 0.85), (2.2, 0.25)), clip=box(-50, -50, W + 50, 800))  # the roof lines
    rim_steps(town_rim, rows, -4, 0, steps=((1.0, 0.4),), clip=box(0, 0, 420, 800))
    rim_steps(town_rim, rows, 4, 0, steps=((1.0, 0.4),), clip=box(1480, 0, W, 800))
    rim_steps(town_rim, ruin, 0, 4, steps=((1.0, 0.9), (2.0, 0.3)))
    rim_steps(town_rim, far_row, 0, 3, steps=((1.0, 0.4),), clip=box(-50, -50, W + 50, H + 50).difference(rows))
    del roofs_l, roofs_r, far_roofs

    # the street: packed earth, the fire's glow on it in two flat steps toward the houses
    fig = cg.plane("figures", "ambient")
    rim_svg = cg.plane("rim", "rim")
    houses.rect(-20, 800, W + 40, H, (30, 22, 22))

    # the General, mid-street, turning: the body three-quarter toward us, the head turned to
    # Zack, hair and coat-tails lifting in the fire's wind; the blade sweeping out from his LEFT
    # hand (screen right as he faces us), its long line running toward Zack's raised sword
    gx, gfeet = 640, 800
    head = head_profile(gx, 318, 70, 1, 0.1)  # turned to Zack: brow, nose and chin against the fire
    hair = unary_union([
        smooth([(gx - 30, 352), (gx - 28, 326), (gx - 8, 312), (gx + 16, 314), (gx + 28, 330), (gx + 6, 330),
                (gx - 6, 350), (gx - 4, 396), (gx - 26, 400)], 6),
        lock((gx + 14, 318), [(gx + 26, 340)], (gx + 30, 366), 14),  # the fringe over the brow
        lock((gx - 22, 332), [(gx - 52, 396), (gx - 96, 466)], (gx - 176, 516), 44),  # streaming back in the wind
        lock((gx - 14, 344), [(gx - 38, 420), (gx - 70, 500)], (gx - 132, 590), 38),
        lock((gx - 26, 350), [(gx - 64, 408), (gx - 122, 452)], (gx - 212, 466), 32),
        lock((gx - 6, 356), [(gx - 16, 430), (gx - 32, 520)], (gx - 78, 620), 32),
        lock((gx - 18, 328), [(gx - 64, 348), (gx - 132, 378)], (gx - 232, 416), 24),
    ])
    coat = smooth([(gx - 40, 398), (gx + 36, 396), (gx + 58, 420), (gx + 50, 520), (gx + 44, 600), (gx + 74, 700),
                   (gx + 120, 770), (gx + 60, 760), (gx + 16, 700), (gx - 10, 700), (gx - 60, 740), (gx - 150, 760),
                   (gx - 90, 690), (gx - 62, 600), (gx - 58, 520), (gx - 64, 430)], 8)
    pauldrons = unary_union([smooth([(gx - 44, 398), (gx - 80, 404), (gx - 94, 430), (gx - 64, 440)], 5),
                             smooth([(gx + 40, 396), (gx + 74, 402), (gx + 86, 426), (gx + 56, 436)], 5)])
    legs = unary_union([Polygon([(gx - 30, 690), (gx - 4, 690), (gx - 16, gfeet), (gx - 48, gfeet)]),
                        Polygon([(gx + 6, 690), (gx + 32, 690), (gx + 52, gfeet - 4), (gx + 22, gfeet)])])
    arm_r = stroke([(gx - 70, 430), (gx - 96, 500), (gx - 84, 560)], 26, 20)  # the free hand back
    arm_l = stroke([(gx + 66, 424), (gx + 112, 452), (gx + 132, 430)], 26, 20)  # the sword arm up and out
    fist = disc(gx + 136, 428, 14)
    hilt = stroke([(gx + 120, 446), (gx + 152, 410)], 9)
    blade_line = [(gx + 150, 412), (gx + 330, 280), (gx + 520, 148), (gx + 680, 36)]
    blade = lock(blade_line[0], blade_line[1:-1], blade_line[-1], 11)
    general = unary_union([hair, head, coat, pauldrons, legs, arm_r, arm_l, fist, hilt])
    fig.geom(general, (12, 10, 12))
    fig.geom(blade, (36, 34, 40))
    rim_steps(rim_svg, general, 4, 2, steps=((1.0, 0.9), (1.8, 0.28)))
    rim_steps(rim_svg, general, -4, 2, steps=((1.0, 0.9), (1.8, 0.28)))
    rim_steps(rim_svg, general, 0, 4, steps=((1.0, 0.8),), clip=box(0, 0, W, 480))
    rim_svg.geom(stroke(blade_line, 2.6, 1.0), "#ffffff", 1.0)  # the edge catches the fire all along
    # the blade's sweep: a faint arc of light behind it, where it has just been
    sweep = near_fire
    for k, op in ((1.0, 0.1),):
        arc = [(gx + 150, 412), (gx + 380, 320 + 20 * k), (gx + 600, 230 + 50 * k), (gx + 760, 160 + 90 * k)]
        sweep.geom(stroke(arc, 10 + 8 * k, 2), "#ffd8a0", op)

    # Zack, right, in profile toward him: feet apart, both hands on the hilt before his face, the
    # broad blade raised up and forward to meet the stroke. Cloud at his back, facing the other
    # way, slighter, his sword held low and ready.
    zh = 640
    zack, z_arm, (zhx, zhy) = fighter(1250, 990, zh, -1, (0.15, 0.76), ((0.12, 0.64), (0.08, 0.62)), stance=1.0,
                                      head_tilt=0.1)
    z_hair = spiky_hair(1250, 990 - zh, 0.135 * zh / 236, -1, ZACK_SPIKES, -1)
    buster = straight_blade((zhx + 10, zhy + 30), (zhx - 230, zhy - 330), 0.075 * zh, point=40)
    z_grip = stroke([(zhx + 22, zhy + 50), (zhx - 4, zhy + 8)], 16)
    z_guard = stroke([(zhx - 30, zhy - 8), (zhx + 16, zhy - 40)], 16)
    zack = unary_union([zack, z_hair, z_arm, z_grip, z_guard])
    ch = 590
    cloud, c_arm, (chx, chy) = fighter(1560, 985, ch, 1, (0.17, 0.56), ((0.1, 0.62), (0.06, 0.6)), stance=0.9)
    c_hair = spiky_hair(1560, 985 - ch, 0.135 * ch / 236, 1, CLOUD_SPIKES, 1)
    c_sword = straight_blade((chx - 10, chy + 4), (chx + 300, chy - 70), 14, point=30)
    cloud = unary_union([cloud, c_hair, c_arm, stroke([(chx - 24, chy + 8), (chx + 6, chy + 1)], 12)])
    fig.geom(buster, (26, 24, 30))
    fig.geom(c_sword, (30, 28, 34))
    fig.geom(unary_union([zack, cloud]), (12, 10, 12))
    for who in (zack, cloud):
        rim_steps(rim_svg, who, 4, 3, steps=((1.0, 1.0), (1.9, 0.3)))
        rim_steps(rim_svg, who, -4, 3, steps=((1.0, 0.85), (1.9, 0.25)))
    rim_steps(rim_svg, buster.difference(zack), 4, 4, steps=((1.0, 1.0), (2.0, 0.3)))
    rim_steps(rim_svg, buster.difference(zack), -4, 3, steps=((1.0, 0.6),))
    rim_steps(rim_svg, c_sword.difference(cloud), 0, 3, steps=((1.0, 0.9),))

    # embers rising from the fire, drifting with the wind: short streaks, they twinkle
    embers = cg.plane("embers", "emissive", parallax=1.1, twinkle=0.7)
    for _ in range(150):
        x, y = rnd.uniform(-40, W + 40), 820 - 800 * rnd.random() ** 1.6
        r = rnd.uniform(1.4, 3.2)
        col = rnd.choice(["#ffb050", "#ff7a20", "#ffe08a", "#ff9a3a"])
        embers.geom(lock((x, y + r), [(x + r * 0.3, y)], (x + r * 0.9, y - r * 2.6), r * 2), col, rnd.uniform(0.5, 1.0))

    # the fire's light on the street, fanning out toward us from the burning houses, and the
    # three long shadows it throws toward us (flat steps, added in the fire's rim colour)
    from shapely.affinity import affine_transform

    def shadow(g: BaseGeometry, feet_y: float, sx: float, sy: float) -> BaseGeometry:
        return affine_transform(g.intersection(box(-50, -50, W + 50, feet_y)), [1, -sx, 0, -sy, sx * feet_y, feet_y * (1 + sy)])
    shadows = unary_union([shadow(unary_union([coat, legs]), gfeet, 0.05, 0.32),
                           shadow(zack, 990, 0.55, 0.3), shadow(cloud, 985, 0.6, 0.28)])
    people = unary_union([general, blade, zack, cloud, buster, c_sword]).buffer(1)
    for pts, op in (([(400, 800), (880, 800), (1500, H + 10), (60, H + 10)], 0.1),
                    ([(470, 800), (820, 800), (1180, H + 10), (260, H + 10)], 0.08),
                    ([(1580, 800), (1960, 800), (1960, H + 10), (1380, H + 10)], 0.07)):
        rim_svg.geom(Polygon(pts).difference(shadows).difference(people), "#ffffff", op)

    cg.mark("general", gx, 520)
    cg.mark("swords", 1000, 310)
    cg.mark("zack", 1250, 990 - zh * 0.8)
    cg.mark("town", 960, 620)
    cg.keep("general", gx - 110, 300, 260, 330)  # his head, shoulders and sword hand (the hair may be covered)
    cg.keep("zack", 1250 - 0.4 * zh, 990 - zh - 60, 0.62 * zh, 0.62 * zh)  # his head, hands and the raised blade
    cg.keep("cloud", 1560 - 0.15 * ch, 985 - ch - 60, 0.4 * ch, 0.3 * ch)
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
    rim_steps(rim_svg, zack, 5, 1, steps=((1.0, 1.0), (1.8, 0.3)), clip=box(0, 0, W, H).difference(hand))
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
        # the half-light band inside the lit edge (docs/art.md: three flat steps, under 20 px)
        for k, c in ((14, (50, 45, 54)), (9, (56, 50, 60)), (5, (62, 56, 66))):
            fig.geom(fg.difference(translate(fg, k, k * 0.5)), c)
    arm_and_hand = unary_union([forearm, hand_top])
    for k, c in ((16, (50, 45, 54)), (10, (56, 50, 60)), (5, (62, 56, 66))):
        fig.geom(arm_and_hand.difference(translate(arm_and_hand, k, k * 0.6)).difference(unary_union(fingers)), c)
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
