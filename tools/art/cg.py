"""Generates the key-beat images (CGs): assets/stages/cg_*.tmx and their SVG planes.

    python tools/art/cg.py [NAME ...]      # all of them by default

Each image is a Tiled map whose planes take the stage light roles (see cgkit.py), so the
story's presets light it. Deterministic (seeded). Needs shapely (tools only).
"""
from __future__ import annotations

import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cgfig import (  # noqa: E402
    ProfileFace,
    Pt,
    Turned,
    boot,
    hair_lock,
    half_light,
    occlusion,
    open_hand,
    outline,
    ribbon,
    rim_band,
    rim_broken,
    zack_hair,
)
from cgkit import CG, H, W, bokeh, disc, lock, rim_steps, smooth, stroke  # noqa: E402
from shapely.affinity import scale as sscale  # noqa: E402
from shapely.affinity import translate  # noqa: E402
from shapely.geometry import Point, Polygon, box  # noqa: E402
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


HAZE = (255, 150, 80)  # sodium-lamp amber: the city's light in the air at night
HAZE_HEIGHT = 560.0
MAKO = (61, 255, 140)  # the glow of the eyes
CORRIDOR = (226, 238, 255)  # the Shinra corridor's tubes, a cold white
CITY_GLOW = (255, 176, 112)  # the city's light on a figure in front of it


def glow_edge(svg, g: BaseGeometry, light: tuple[float, float], core: float, colour, strength: float,
              clip: BaseGeometry | None = None, soft: float = 2.4) -> None:
    """Light of `colour` on the edges of g that face `light` (cgfig.rim_band), for an emissive
    plane (a light of its own, not the preset's rim): a core `core` px deep at `strength` and a
    softer step `soft` x deeper at a third of it."""
    inner = rim_band(g, light, core)
    outer = rim_band(g, light, core * soft).difference(inner)
    for band, op in ((inner, strength), (outer, strength / 3)):
        if clip is not None:
            band = band.intersection(clip)
        if not band.is_empty:
            svg.geom(band, colour, min(1.0, op))


def glass_back(cg: CG, rnd: random.Random, horizon: float = 500.0, mullions=(300,), sun_x: float = 170.0,
               twinkle: float | None = None, haze: float = 0.0) -> None:
    """The glass wall seen close: sky above the city's horizon, the city out of focus below. The
    roofs catch the low sun's light (the rim) strongly near `sun_x` (where the presets the image
    is shown with put the sun), fading to almost nothing across the city. `twinkle`: the city's
    lights twinkle (docs/stage-format.md, living scenes) once they are on. `haze`: the city's
    light in the air above the skyline (emissive: it comes up with the city lights), this
    strong at the horizon, gone `HAZE_HEIGHT` px above it."""
    sky = cg.plane("sky", "sky")
    sky.rect(0, 0, W, H, "#ffffff")
    if haze > 0:  # (in the sky's own parallax run: no map of its own)
        glow = cg.plane("city_glow", "emissive")
        top = horizon - HAZE_HEIGHT
        paint = glow.lin(0, top, 0, horizon + 40, [(0.0, HAZE, 0.0), (0.3, HAZE, 0.14 * haze),
                                                   (0.6, HAZE, 0.45 * haze), (0.85, HAZE, 0.8 * haze),
                                                   (1.0, HAZE, haze)])
        glow.rect(0, top, W, horizon + 40 - top, paint)
    city = cg.plane("city", "ambient", parallax=0.6)
    tops = []
    x = -20.0
    while x < W + 20:
        w = rnd.uniform(40, 130)
        tops.append((x, horizon + rnd.uniform(-34, 22) - (rnd.random() ** 4) * 90, w))
        x += w
    for x0, top, w in tops:
        city.rect(x0, top, w + 1, H - top, CITY)
    # some towers step back at the top or carry a mast (the skyline is not a row of boxes)
    rs = random.Random(int(horizon) * 7 + len(tops))  # (its own stream: the bokeh stays where it was)
    extra = []
    for x0, top, w in tops:
        if w > 70 and rs.random() < 0.4:
            sw, sh = w * rs.uniform(0.45, 0.7), rs.uniform(18, 56)
            sx0 = x0 + rs.uniform(0.1, 0.9) * (w - sw)
            city.rect(sx0, top - sh, sw, sh + 1, CITY)
            extra.append((sx0, top - sh, sw))
        if rs.random() < 0.12:
            mx = x0 + rs.uniform(0.3, 0.7) * w
            if not 560 < mx < 1360:  # (not a thin line rising beside a face in the middle of the picture)
                city.rect(mx - 1.5, top - rs.uniform(30, 80), 3, 90, CITY)
    tops = tops + extra
    # the city's roofs catch the low light (and the rim colour of the hour)
    city_rim = cg.plane("city_rim", "rim", parallax=0.6)
    for x0, top, w in tops:
        near = math.exp(-((x0 + w / 2 - sun_x) / 520) ** 2) * rnd.uniform(0.75, 1.0)
        city_rim.rect(x0, top, w + 1, 3, "#ffffff", 0.06 + 0.34 * near)
        if x0 > sun_x:  # the side of a tower that faces the sun
            city_rim.rect(x0, top, 3, 60, "#ffffff", 0.03 + 0.17 * near)
        else:
            city_rim.rect(x0 + w - 2, top, 3, 60, "#ffffff", 0.03 + 0.17 * near)
    lights = cg.plane("city_lights", "emissive", parallax=0.6, twinkle=twinkle)
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
    cx = 1160
    # drawn square-on, then turned a little toward the light (his right half, screen right,
    # foreshortened) and tipped a few degrees: no mirror-symmetric face or hair
    turn = Turned(cx, 0.9, -4.0, (cx, 740))
    fig = turn.wrap(cg.plane("figure", "ambient"))
    rim_svg = turn.wrap(cg.plane("rim", "rim"))
    # (the Mako glow throbs, slow, as it does in the room at the bad moments: docs/stage-format.md)
    glow = turn.wrap(cg.plane("glints", "none", pulse=(0.55, 3.4)))
    hair = smooth([(cx - 10, 112), (cx + 120, 124), (cx + 205, 196), (cx + 250, 320), (cx + 265, 470),
                   (cx + 285, 640), (cx + 310, 830), (cx + 345, 1000), (cx + 380, 1300), (cx - 390, 1300),
                   (cx - 345, 1000), (cx - 300, 830), (cx - 275, 640), (cx - 262, 470), (cx - 248, 320),
                   (cx - 205, 196), (cx - 128, 126)], 10)
    shoulders = smooth([(cx - 96, 790), (cx - 250, 846), (cx - 470, 884), (cx - 620, 930), (cx - 730, 1010),
                        (cx - 800, 1140), (cx - 860, 1300), (cx + 880, 1300), (cx + 790, 1110), (cx + 700, 990),
                        (cx + 600, 926), (cx + 440, 880), (cx + 260, 850), (cx + 96, 790), (cx + 80, 640),
                        (cx - 80, 640)], 8)
    # the neck, and the chest in the open shirt's V below it (no line across the throat)
    neck = smooth([(cx - 86, 620), (cx - 92, 800), (cx - 60, 940), (cx - 10, 1300), (cx + 40, 1300), (cx + 70, 940),
                   (cx + 94, 800), (cx + 84, 620)], 8)
    face = smooth([(cx - 10, 250), (cx + 120, 285), (cx + 160, 360), (cx + 160, 470), (cx + 138, 580),
                   (cx + 96, 660), (cx + 30, 722), (cx - 18, 738), (cx - 62, 722), (cx - 118, 660),
                   (cx - 160, 580), (cx - 170, 470), (cx - 165, 360), (cx - 128, 285)], 10)
    # the open shirt: the collar's two edges falling from the neck, the chest between in shadow
    lapel_l = Polygon([(cx - 100, 806), (cx - 250, 858), (cx - 380, 1300), (cx - 60, 1300), (cx - 30, 930)])
    lapel_r = Polygon([(cx + 100, 806), (cx + 260, 858), (cx + 400, 1300), (cx + 90, 1300), (cx + 34, 930)])
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
    # the planes of the face, turned to the window (left) or away: the cheekbone under the near
    # eye lit, the hollow under the far one dark; the nose's lit side down from the bridge, its
    # tip and the wings; the lips (the upper in shadow with its bow, the lower catching light),
    # the hollow under them, the chin; the shadow the jaw throws on the neck
    fig.geom(smooth([(cx - 164, 498), (cx - 112, 488), (cx - 78, 512), (cx - 108, 540), (cx - 160, 552)], 6), SKIN_LIT, 0.8)
    fig.geom(smooth([(cx + 108, 522), (cx + 150, 500), (cx + 152, 600), (cx + 118, 592)], 6), SOCKET, 0.45)
    fig.geom(smooth([(cx - 9, 474), (cx - 1, 474), (cx + 7, 560), (cx + 10, 590), (cx - 4, 598), (cx - 15, 590),
                     (cx - 11, 560)], 6), SKIN_LIT)
    fig.geom(smooth([(cx + 6, 486), (cx + 30, 590), (cx + 36, 606), (cx + 12, 612)], 6), SOCKET, 0.6)
    for nx in (cx - 18, cx + 20):
        fig.geom(stroke([(nx - 6, 604), (nx + 6, 608)], 4, 2), SOCKET, 0.9)
    fig.geom(smooth([(cx - 44, 664), (cx - 16, 656), (cx - 2, 661), (cx + 10, 655), (cx + 38, 662), (cx + 8, 671),
                     (cx - 18, 671)], 5), SOCKET, 0.85)
    fig.geom(smooth([(cx - 30, 673), (cx + 28, 672), (cx + 14, 687), (cx - 16, 688)], 5), SKIN_LIT, 0.8)
    fig.geom(stroke([(cx - 16, 700), (cx + 2, 703), (cx + 18, 699)], 4, 2), SOCKET, 0.7)
    fig.geom(translate(face, 6, 26).difference(face).intersection(neck), SOCKET, 0.85)
    fig.geom(lock((cx - 24, 436), [(cx - 70, 431)], (cx - 128, 440), 11), SOCKET)
    fig.geom(lock((cx + 22, 436), [(cx + 70, 431)], (cx + 126, 442), 11), SOCKET)

    # fringe: locks from the parting, the middle one falling between the eyes
    fringe = [  # parted a little right of the middle; the locks of unequal width and fall
        lock((cx + 14, 168), [(cx - 56, 226), (cx - 126, 330)], (cx - 178, 472), 136),
        lock((cx + 6, 178), [(cx - 40, 276)], (cx - 84, 426), 76),
        lock((cx + 22, 176), [(cx + 46, 262)], (cx + 68, 392), 62),
        lock((cx + 30, 170), [(cx + 92, 236), (cx + 142, 330)], (cx + 166, 446), 112),
        lock((cx + 4, 192), [(cx - 14, 318)], (cx - 16, 452), 36),
        lock((cx - 40, 200), [(cx - 96, 300), (cx - 150, 380)], (cx - 200, 520), 40),
    ]
    crown = smooth([(cx - 10, 112), (cx + 120, 124), (cx + 190, 190), (cx + 168, 300), (cx + 20, 226),
                    (cx - 170, 300), (cx - 194, 190), (cx - 128, 126)], 8)
    strands = [  # (from the crown's sides down: no lobe where the crown ends)
        hair_lock([(cx - 160, 190), (cx - 190, 320), (cx - 192, 470), (cx - 176, 650), (cx - 200, 850), (cx - 250, 1100)],
                  80, keep=0.7, tip=0.1),
        hair_lock([(cx + 150, 196), (cx + 178, 320), (cx + 176, 470), (cx + 160, 640), (cx + 176, 820), (cx + 214, 1060)],
                  62, keep=0.7, tip=0.1),
    ]
    # a few loose strands lifting off the lit outline (the edge of the hair is not a clean dome)
    loose = [ribbon([(cx - 150, 150), (cx - 196, 180), (cx - 232, 238), (cx - 250, 300)], [7, 6, 4, 1]),
             ribbon([(cx - 230, 300), (cx - 268, 360), (cx - 280, 440)], [6, 4, 1]),
             ribbon([(cx - 60, 116), (cx - 110, 104), (cx - 150, 118)], [5, 4, 1]),
             ribbon([(cx + 150, 150), (cx + 196, 176), (cx + 220, 216)], [5, 3, 1])]
    front = unary_union([crown, *fringe, *strands])
    fig.geom(front, HAIR)
    fig.geom(unary_union(loose), HAIR)
    for lz in loose[:3]:
        rim_svg.geom(lz.difference(hair), "#ffffff", 0.7)
    sr = random.Random(31)  # seams between the locks: uneven lengths, no mirror pairs
    for pts in ([(cx - 30, 196), (cx - 100, 300), (cx - 146, 430)], [(cx + 46, 204), (cx + 104, 296), (cx + 132, 390)],
                [(cx - 180, 520), (cx - 186, 720), (cx - 214, 990)], [(cx + 170, 560), (cx + 172, 700), (cx + 190, 880)],
                [(cx - 232, 420), (cx - 256, 690), (cx - 300, 1010)], [(cx + 226, 480), (cx + 246, 640), (cx + 268, 800)],
                [(cx - 60, 200), (cx - 84, 280)]):
        fig.geom(stroke(pts, sr.uniform(2.5, 5), 0.8).intersection(unary_union([front, hair])), HAIR_DEEP, sr.uniform(0.7, 0.95))

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
    rim_svg.geom(stroke([(cx - 26, 676), (cx - 2, 676), (cx + 14, 680)], 2.5, 1), "#ffffff", 0.22)  # the lower lip
    rim_svg.geom(stroke([(cx - 8, 590), (cx - 3, 598)], 3, 1.5), "#ffffff", 0.3)  # the nose's tip
    rim_svg.geom(stroke([(cx - 66, 700), (cx - 42, 726), (cx - 12, 738)], 3, 1), "#ffffff", 0.35)  # the chin
    for bx, op in ((cx - 72, 0.32), (cx + 68, 0.1)):  # the brows' ridges, the near one toward the window
        rim_svg.geom(stroke([(bx - 52, 440), (bx - 10, 428), (bx + 40, 432)], 1.5, 2.5), "#ffffff", op)
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
        # (its light on the lids and the cheek's top: soft, no disc's edge)
        bx, by = turn.point(ex, ey - 1)
        bloom = glow.svg.rad(bx, by, 54, [(0.0, (61, 255, 140), 0.16), (0.35, (61, 255, 140), 0.07),
                                         (1.0, (61, 255, 140), 0.0)])
        glow.svg.circle(bx, by, 54, bloom)
        glow.geom(iris, "#27d96e", 0.95)
        glow.geom(disc(ex, ey - 1, 6).intersection(iris), "#aaffc8", 0.8)
        glow.geom(sscale(disc(ex, ey - 1, 7), 0.2, 1.2).intersection(iris), "#03110a", 0.95)
        glow.circle(ex - 4, ey - 4, 1.5, "#ffffff", 0.85)
        glow.geom(stroke([at(o, -3), at(o * 0.45, -8), at(i * 0.4, -7), at(i, 0)], 5, 2.5), "#07080a", 0.95)

    # a shaft of the low sun through the glass, past his shoulder: dust drifts and glints in it
    # (strength 0: it adds no light of its own — a lit shaft would cost a kept full-size beam)
    cg.beam("shaft", "sun", 60, [(200, 330), (200, 560), (1000, 1080), (1000, 800)], dust=6, strength=0)
    cg.mark("eyes", cx, 458)
    cg.mark("face", cx, 520)
    cg.mark("hair", cx - 220, 600)
    cg.keep("face", cx - 190, 110, 390, 660)  # the face, the eyes and the fringe
    return cg


def ridge(rnd: random.Random, x0: float, x1: float, base: float, amp: float, waves: int = 5,
          step: float = 12.0, jitter: float = 0.08) -> list[tuple[float, float]]:
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
        pts.append((x, base - amp * (0.5 + 0.5 * v) - rnd.uniform(0, amp * jitter)))
        x += step
    return pts


def flame(rnd: random.Random, x: float, base: float, h: float, w: float, lean: float) -> BaseGeometry:
    """One tongue of flame: wide at its root on `base`, bending in an S as it rises `h` px and
    leans `lean` px with the heat, narrowing to a soft point."""
    wob = rnd.uniform(-0.12, 0.12) * h
    pts = [(x, base), (x + lean * 0.15 + wob, base - h * 0.35), (x + lean * 0.55 - wob * 0.6, base - h * 0.7),
           (x + lean, base - h)]
    return ribbon(pts, [w, w * 0.8, w * 0.45, w * 0.07], round_end=True)


def fire_mass(svg, rnd: random.Random, x0: float, x1: float, base: float, height: float,
              tongues: int = 3) -> tuple[BaseGeometry, list[tuple[float, float, float]]]:
    """A mass of fire over [x0, x1] standing on `base`: three flat colour steps (deep red, orange,
    a yellow core low down), each a body with a soft rolling top and curved tongues that lean
    with the heat, merge and part, of unequal height. Returns the outer shape and where its
    tallest tongues end (x, y, width), for the smoke they turn into."""
    outer, tips = None, []
    lean_dir = rnd.uniform(0.1, 0.3)  # the whole fire leans the same way (the wind), each tongue its own amount
    for col, k, op in (("#9a2208", 1.0, 0.9), ("#f0661a", 0.7, 0.92), ("#ffc24a", 0.38, 0.95)):
        inset = (x1 - x0) * (1 - k) * 0.22
        top = ridge(rnd, x0 + inset, x1 - inset, base - height * k * 0.15, height * k * 0.35, waves=3, step=24, jitter=0.0)
        body = smooth([(x0 + inset, base + 8), *top, (x1 - inset, base + 8)], 6)
        licks = []
        n = tongues + (1 if k == 1.0 else 0)
        for i in range(n):
            x = x0 + inset + (x1 - x0 - 2 * inset) * (i + rnd.uniform(0.2, 0.8)) / n
            h = height * k * rnd.uniform(0.5, 1.15)
            w = (x1 - x0 - 2 * inset) / n * rnd.uniform(1.1, 1.7)  # (wide roots: the tongues merge low down)
            licks.append(flame(rnd, x, base - height * k * 0.1, h, w, (lean_dir + rnd.uniform(-0.12, 0.12)) * h))
            if k == 1.0:
                tips.append((x + (lean_dir) * h, base - height * k * 0.1 - h, w))
        shape = unary_union([body, *licks])
        svg.geom(shape, col, op)
        outer = outer or shape
    tips.sort(key=lambda t: t[1])
    return outer, tips[:2]


def smoke_from(svg, tips: list[tuple[float, float, float]], rnd: random.Random, col=(58, 42, 42)) -> None:
    """Where the tallest flames end, the smoke they turn into: a widening, drifting wisp in two
    translucent steps (drawn in an ambient plane over the fire's own)."""
    for x, y, w in tips:
        drift = rnd.uniform(40, 110)
        wisp = ribbon([(x - w * 0.05, y + w * 0.5), (x + drift * 0.3, y - w * 0.4), (x + drift, y - w * 1.6)],
                      [w * 0.1, w * 0.7, w * 1.2], round_end=True)
        svg.geom(wisp, col, 0.5)
        svg.geom(translate(wisp, drift * 0.15, -w * 0.3).intersection(wisp), col, 0.4)


def rim_by_fire(svg, shape: BaseGeometry, light: tuple[float, float], core: float,
                fires: list[tuple[float, float]], rnd: random.Random, clip: BaseGeometry | None = None,
                peak: float = 0.9, floor: float = 0.05, reach: float = 140.0, strip: float = 14.0) -> None:
    """The fire's light along roof lines: bright only where a fire ([x0, x1] spans) is behind,
    falling off over `reach` px to almost nothing, varying a little from strip to strip and dimmed
    in patches; most roofs stay dark against the glow."""
    import math
    inner = rim_band(shape, light, core)
    outer = rim_band(shape, light, core * 2.2).difference(inner)
    if clip is not None:
        inner, outer = inner.intersection(clip), outer.intersection(clip)
    spots = [Point(p).buffer(rnd.uniform(20, 60), 12) for p in
             (rnd.choice(list(inner.boundary.coords)) if hasattr(inner.boundary, "coords") else (0, 0) for _ in range(0))]
    x0, _, x1, _ = shape.bounds
    x = x0
    while x < x1:
        d = min(max(0.0, a - (x + strip / 2), (x + strip / 2) - b) for a, b in fires)
        st = math.exp(-(d / reach) ** 2)
        op = floor + (peak - floor) * st * rnd.uniform(0.7, 1.0)
        sb = box(x, -50, x + strip, H + 50)
        svg.geom(inner.intersection(sb), "#ffffff", op)
        svg.geom(outer.intersection(sb), "#ffffff", op * 0.3)
        x += strip
    del spots


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
    glow_far = cg.plane("fire_far", "emissive", parallax=0.7, flicker=(0.3, 0.8))  # (big, far: a slow waver)
    # the fire's light on the smoke's undersides, following its billows, reaching less high the
    # wider the band (each band's top edge ragged, so no straight line crosses the sky)
    rl = random.Random(61)  # (its own stream: the town's layout does not move when this changes)
    for d, top, col, op in ((110, 470, "#7a2a12", 0.16), (60, 380, "#b0401a", 0.2), (24, 250, "#ff8a3a", 0.32)):
        lit = Polygon([(-40, 770), *ridge(rl, -40, W + 40, top, 160, waves=4, step=24), (W + 40, 770)])
        glow_far.geom(smoke.difference(translate(smoke, 0, -d)).intersection(lit.buffer(0)), col, op)
    glow_far.geom(box(-40, 640, W + 40, 760), "#5a1a08", 0.7)  # the glow along the horizon, two flat steps
    glow_far.geom(box(-40, 690, W + 40, 760), "#8a2c0c", 0.7)
    FAR_FIRES = ((80, 330, 150), (560, 760, 120), (1060, 1250, 170), (1500, 1760, 140))
    far_tips = []
    for x0, x1, h in FAR_FIRES:
        far_tips += fire_mass(glow_far, random.Random(int(x0)), x0, x1, 700, h, tongues=2)[1]

    # the far row of roofs, hazy with smoke (lighter), then the near row, dark
    town = cg.plane("town", "ambient", parallax=0.7)
    far_row, far_roofs = gables(random.Random(21), -60, W + 60, 720, (30, 70), (0.35, 0.6), (110, 190))
    town.geom(far_row, (74, 52, 50))
    smoke_from(town, far_tips, random.Random(62))
    near_fire = cg.plane("fire", "emissive", parallax=0.85, flicker=(0.4, 1.6))
    # the burning house behind the General: a wall of fire to stand against
    near_tips = fire_mass(near_fire, random.Random(FIRE_SEEDS[0]), 400, 880, 790, 470, tongues=5)[1]
    near_tips += fire_mass(near_fire, random.Random(FIRE_SEEDS[1]), 1580, 1960, 800, 230, tongues=3)[1]
    houses = cg.plane("houses", "ambient", parallax=0.85)
    smoke_from(houses, near_tips, random.Random(63))
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
    # the roof lines catch the fire only where a fire burns behind them (most stay dark)
    rr = random.Random(64)
    near_spans = [(400, 880), (1580, 1960)]
    rim_by_fire(town_rim, rows, (0, -1), 4, near_spans, rr, clip=box(-50, -50, W + 50, 800))
    rim_by_fire(town_rim, rows, (1, -0.2), 3, [(400, 880)], rr, clip=box(0, 0, 420, 800), peak=0.5, reach=90)
    rim_by_fire(town_rim, rows, (-1, -0.2), 3, [(1580, 1960)], rr, clip=box(1480, 0, W, 800), peak=0.5, reach=90)
    rim_steps(town_rim, ruin, 0, 4, steps=((1.0, 0.9), (2.0, 0.3)))
    rim_by_fire(town_rim, far_row, (0, -1), 3, [(a, b) for a, b, _ in FAR_FIRES], rr,
                clip=box(-50, -50, W + 50, H + 50).difference(rows), peak=0.5, floor=0.03, reach=110)
    del roofs_l, roofs_r, far_roofs

    # The three men, drawn as silhouettes against the fire with its light on their edges
    # (docs/art.md: the pose carries the beat, the detail lives in the rim). The General, left,
    # turns into a rising stroke toward Zack: weight on the front foot, the back leg driving, the
    # sword arm (his LEFT) thrown forward and up, the free arm flung back, the coat's skirt and
    # the long silver hair streaming back and lifting in the fire's draught. Zack, right, facing
    # him, braced low with both hands on the hilt above his brow, the broad blade angled up across
    # the stroke; Cloud at his back, facing the other way, sword low and forward.
    figs = cg.plane("figures", "ambient")
    rim_svg = cg.plane("rim", "rim")
    houses.rect(-20, 800, W + 40, H, (30, 22, 22))
    rf = random.Random(77)  # the rim's breaks
    coat_c, hair_c, hair_deep = (13, 11, 14), (60, 62, 74), (34, 34, 44)
    cloth_c, blade_c = (15, 13, 16), (30, 30, 36)

    # --- the General -----------------------------------------------------------------------
    gfeet = 862
    g_face = ProfileFace((722, 290), 80, 1, -0.12)
    g_head = g_face.head
    g_neck = ribbon([(700, 350), (706, 378), (704, 398)], [34, 38, 46])
    g_torso = ribbon([(703, 372), (697, 430), (678, 500), (658, 562)], [74, 86, 66, 76], shift=[0, 5, 2, 0])
    g_sword_arm = ribbon([(724, 394), (764, 392), (806, 378), (840, 356), (872, 336)], [34, 30, 25, 22, 17],
                         shift=[0, 2, 0, 2, 0])
    # the sword hand closed on the grip: the back of the hand toward us, the knuckles along the
    # grip's line, the thumb over the top of it
    g_fist = unary_union([outline([(854, 334), (866, 318), (884, 312), (898, 318), (900, 334), (888, 350),
                                   (868, 356)], 6),
                          ribbon([(868, 320), (884, 310), (900, 308)], [12, 10, 8], round_end=True)])
    g_free_arm = ribbon([(686, 400), (660, 440), (628, 476), (598, 506), (574, 528)], [38, 32, 26, 22, 17],
                        shift=[0, -2, 0, -1, 0])
    g_hand = open_hand((574, 528), math.radians(140), 52, spread=0.5, curl=0.35, side=-1)
    g_pauldron = outline([(664, 392), (690, 376), (716, 384), (718, 406), (694, 424), (668, 420)], 6)
    g_leg_front = ribbon([(670, 556), (714, 624), (752, 694), (770, 764), (784, 830)], [60, 50, 38, 38, 24],
                         shift=[0, 3, 0, -3, 0])
    g_leg_back = ribbon([(646, 560), (616, 632), (586, 706), (548, 770), (514, 826)], [60, 50, 38, 38, 24],
                        shift=[0, -3, 0, 3, 0])
    g_boots = unary_union([boot((788, 836), 1, gfeet, 62), boot((514, 828), 1, gfeet - 2, 56, heel_up=22),
                           ribbon([(776, 770), (788, 838)], [40, 36]), ribbon([(540, 772), (514, 830)], [38, 34])])
    # the long coat: the skirt split at the back, its back flap streaming left behind him, the
    # front flap hanging along the front thigh; open at the front
    coat_back = outline([(682, 392), (652, 450), (636, 520), (626, 566), (590, 610), (534, 664), (470, 722),
                         (410, 776), (446, 782), (486, 764), (512, 790), (560, 770), (604, 778), (628, 740),
                         (660, 690), (684, 620), (694, 560), (702, 470)], 8)
    coat_front = outline([(702, 500), (696, 560), (708, 630), (728, 700), (752, 766), (790, 800), (776, 740),
                          (760, 660), (738, 580), (724, 520)], 8)
    g_near = unary_union([g_free_arm, g_hand, g_pauldron])  # his near (right) arm, in front of his hair
    g_body = unary_union([g_head, g_neck, g_torso, g_sword_arm, g_fist, g_leg_front, g_leg_back, g_boots])
    g_coat = unary_union([coat_back, coat_front])
    general = unary_union([g_body, g_coat, g_near])
    # the hair: heavy locks from the crown and the back of the head, falling down his back and
    # lifting at their ends in the fire's draught; two strands forward over the shoulder
    locks = [  # (down his back, then swept back and lifting at the ends: J-shaped, of unequal length)
        hair_lock([(704, 294), (664, 318), (622, 352), (586, 392), (548, 416), (508, 420)], 30, keep=0.55, tip=0.1),
        hair_lock([(700, 298), (652, 340), (614, 408), (584, 478), (548, 528), (498, 554), (454, 550)], 56,
                  keep=0.65, tip=0.1),
        hair_lock([(694, 312), (662, 370), (638, 440), (614, 510), (584, 566), (540, 598), (496, 602)], 58,
                  keep=0.65, tip=0.1),
        hair_lock([(686, 330), (670, 400), (654, 470), (636, 540), (606, 594), (568, 622), (536, 626)], 48,
                  keep=0.65, tip=0.1),
        hair_lock([(684, 340), (678, 420), (668, 500), (652, 566), (632, 612)], 34, keep=0.55, tip=0.1),
    ]
    hair_mass = hair_lock([(700, 300), (664, 360), (636, 440), (610, 520), (580, 570)], 96, keep=0.8, tip=0.5)
    crown = outline([(676, 330), (680, 300), (702, 284), (730, 284), (748, 300), (742, 312), (712, 310), (694, 330),
                     (688, 356)], 6)
    # the bangs: short over the brow, one long lock in front of the ear (the profile stays clear)
    fringe = [hair_lock([(726, 290), (742, 300), (752, 318)], 16, keep=0.3),
              hair_lock([(710, 298), (704, 340), (702, 392), (710, 442), (722, 490)], 18, keep=0.5)]
    g_hair = unary_union([crown, hair_mass, *locks, *fringe])
    g_hilt = ribbon([(858, 356), (872, 338), (896, 316)], [11, 11, 10])
    g_guard = ribbon([(868, 320), (880, 330), (890, 342)], [6, 7, 6])
    # the very long blade, a faint curve (a katana's), from the guard up through the crossing
    blade_pts = [(892, 318), (1030, 252), (1220, 152), (1420, 36), (1530, -30)]
    g_blade = ribbon(blade_pts, [12, 11, 10, 7, 2])

    # --- Zack ------------------------------------------------------------------------------
    zfeet = 1000
    z_face = ProfileFace((1186, 394), 98, -1, -0.18)  # chin up: his eyes on the blades
    z_head = z_face.head
    z_neck = ribbon([(1202, 468), (1210, 490), (1218, 506)], [46, 50, 62])
    # the torso three-quarters to us, leaning into the block: broad shoulders, the chest, the
    # waist narrower, the belt and hips (his SOLDIER uniform: a fitted top, baggy trousers)
    z_torso = outline([(1222, 486), (1190, 494), (1160, 508), (1144, 534), (1156, 570), (1170, 608), (1188, 652),
                       (1194, 702), (1250, 724), (1308, 706), (1304, 652), (1314, 598), (1308, 540), (1288, 502),
                       (1254, 486)], 8)
    bd = (-0.5, -0.866)  # the Buster's direction, up and left
    gp = (1100, 486)  # the grip's lower end (the pommel), held out before his chest

    def along(s: float, side: float = 0.0) -> Pt:
        return (gp[0] + bd[0] * s - bd[1] * side, gp[1] + bd[1] * s + bd[0] * side)
    z_far_arm = ribbon([(1292, 512), (1256, 490), (1210, 474), (1160, 466), along(34, -4)], [46, 40, 32, 28, 22],
                       shift=[0, 2, 0, 1, 0])
    z_near_arm = ribbon([(1164, 522), (1142, 550), (1118, 548), (1104, 520), along(8, 4)], [52, 44, 34, 30, 25],
                        shift=[0, 3, 1, 0, 0])
    z_fists = unary_union([outline([along(-6, -14), along(2, -18), along(20, -17), along(24, 14), along(6, 18),
                                    along(-8, 12)], 5),
                           outline([along(22, -15), along(30, -18), along(46, -16), along(50, 13), along(32, 16),
                                    along(20, 12)], 5)])
    z_grip = ribbon([along(-10), along(56)], [16, 16])
    z_guard = ribbon([along(58, -30), along(60), along(58, 30)], [14, 15, 14])
    tip = along(430)
    # the Buster: broad, single-edged, its point cut at a slant, two round holes near the guard
    b_holes = unary_union([Point(along(96, 6)).buffer(8, 16), Point(along(124, 6)).buffer(8, 16)])
    z_blade = Polygon([along(62, -30), along(400, -32), tip, along(420, 30), along(62, 30)]).difference(b_holes)
    z_leg_front = ribbon([(1220, 702), (1176, 744), (1130, 796), (1130, 870), (1140, 944)], [80, 70, 56, 52, 38],
                         shift=[0, 6, 0, -5, 0])
    z_leg_back = ribbon([(1282, 706), (1318, 766), (1350, 830), (1378, 892), (1402, 944)], [80, 68, 54, 48, 38],
                        shift=[0, -6, -2, 5, 0])
    z_boots = unary_union([boot((1142, 962), -1, zfeet, 76), boot((1404, 956), -1, zfeet - 2, 72, heel_up=24),
                           ribbon([(1136, 900), (1142, 962)], [46, 42]), ribbon([(1392, 908), (1404, 958)], [42, 40])])
    # his hair: black spikes swept back from the brow, each a curved lock with a soft point
    zc = (1188, 396)

    def zs(pts: list[tuple[float, float]], w: float) -> BaseGeometry:
        return hair_lock([(zc[0] + x * 0.9, zc[1] + y * 0.9) for x, y in pts], w * 0.9, keep=0.22, tip=0.1)
    z_hair = unary_union([
        outline([(zc[0] + x * 0.9, zc[1] + y * 0.9) for x, y in
                 ((-30, 16), (0, -6), (50, 4), (74, 40), (66, 92), (34, 112), (0, 62))], 8),
        zs([(0, 10), (40, -26), (100, -48), (150, -52)], 44),
        zs([(20, 24), (80, 2), (140, -2), (186, 10)], 48),
        zs([(36, 46), (100, 42), (160, 60), (196, 86)], 46),
        zs([(44, 72), (100, 88), (140, 122), (156, 154)], 40),
        zs([(40, 100), (76, 132), (96, 174)], 30),
        zs([(-10, 8), (10, -30), (50, -62), (92, -80)], 36),
        zs([(-20, 20), (-50, 30), (-70, 54)], 22),
    ])

    # --- Cloud -----------------------------------------------------------------------------
    cfeet = 990
    c_face = ProfileFace((1594, 474), 86, 1, -0.06)
    c_head = c_face.head
    c_neck = ribbon([(1578, 536), (1574, 556), (1572, 572)], [40, 42, 54])
    c_torso = outline([(1580, 554), (1606, 564), (1630, 578), (1644, 604), (1630, 636), (1618, 672), (1606, 710),
                       (1600, 750), (1552, 768), (1502, 752), (1500, 700), (1492, 650), (1498, 600), (1518, 570),
                       (1548, 556)], 8)
    c_far_arm = ribbon([(1520, 584), (1546, 640), (1590, 690), (1640, 718)], [38, 32, 26, 22])
    c_near_arm = ribbon([(1628, 588), (1644, 630), (1640, 672), (1632, 712)], [44, 36, 30, 24], shift=[0, -2, 0, 0])
    c_fists = unary_union([Point(1634, 718).buffer(18, 16), Point(1654, 726).buffer(17, 16)])
    c_blade = Polygon([(1668, 722), (1900, 800), (1930, 816), (1892, 812), (1662, 744)])
    c_grip = ribbon([(1616, 708), (1666, 730)], [12, 12])
    c_leg_front = ribbon([(1580, 748), (1624, 790), (1664, 836), (1656, 900), (1642, 950)], [68, 60, 48, 44, 32],
                         shift=[0, -4, 0, 4, 0])
    c_leg_back = ribbon([(1526, 750), (1502, 808), (1478, 864), (1456, 912), (1432, 948)], [68, 58, 46, 42, 32],
                        shift=[0, 4, 0, -4, 0])
    c_boots = unary_union([boot((1642, 962), 1, cfeet, 64), boot((1430, 958), 1, cfeet - 2, 60, heel_up=20),
                           ribbon([(1640, 906), (1642, 962)], [38, 36]), ribbon([(1440, 912), (1430, 958)], [36, 34])])
    cc = (1590, 474)

    def cs(pts: list[tuple[float, float]], w: float) -> BaseGeometry:
        return hair_lock([(cc[0] + x * 0.68, cc[1] + y * 0.68) for x, y in pts], w * 1.1, keep=0.2, tip=0.08)
    c_hair = unary_union([
        outline([(cc[0] + x * 0.8, cc[1] + y * 0.8) for x, y in
                 ((26, 14), (-10, -8), (-60, 6), (-82, 50), (-72, 96), (-36, 100), (-4, 50))], 8),
        cs([(0, 8), (-40, -30), (-90, -56), (-136, -62)], 46),
        cs([(-20, 18), (-70, -2), (-124, -2), (-170, 12)], 44),
        cs([(-36, 44), (-90, 40), (-138, 60), (-170, 86)], 38),
        cs([(-40, 76), (-80, 98), (-106, 132)], 28),
        cs([(16, 20), (44, 30), (62, 54)], 20),
    ])

    # --- paint: the blades, the three men, then the rim -------------------------------------
    zack = unary_union([z_head, z_neck, z_torso, z_far_arm, z_leg_back, z_leg_front, z_boots, z_hair, z_near_arm,
                        z_fists, z_grip, z_guard])
    cloud = unary_union([c_head, c_neck, c_torso, c_far_arm, c_leg_back, c_leg_front, c_boots, c_hair, c_near_arm,
                         c_fists, c_grip])
    figs.geom(g_blade, blade_c)
    figs.geom(z_blade, (26, 24, 30))
    figs.geom(c_blade, blade_c)
    figs.geom(unary_union([g_body, g_hilt, g_guard]), (9, 8, 10))
    figs.geom(g_coat, coat_c)
    figs.geom(g_hair, hair_deep)
    # the hair's locks, each a touch lighter at its lit top edge, parted by darker seams
    hr = random.Random(5)
    for lk in locks + fringe:  # each lock a touch lighter along its outer (left) edge, in one flat step
        figs.geom(rim_band(lk, (-1.0, -0.2), hr.uniform(8, 14)).intersection(g_hair), hair_c, 0.9)
    for lk in locks[2:4]:  # a dark seam where a lock lies on the one behind it
        figs.geom(rim_band(lk, (-1.0, 0.0), 3).difference(g_head).intersection(hair_mass), (20, 20, 28), 0.9)
    figs.geom(g_near, coat_c)
    occlusion(figs, g_near, g_hair, (-1, -0.4), 6, (8, 8, 12))
    occlusion(figs, g_coat, unary_union([g_leg_back, g_leg_front]), (-1, -0.3), 5, (4, 3, 5))
    figs.geom(zack, cloth_c)
    figs.geom(cloud, cloth_c)
    figs.geom(z_hair, (10, 9, 12))
    figs.geom(c_hair, (40, 38, 34))  # blond: a little lighter than Zack's black
    # where an arm lies over the body behind it: a thin dark line on its far side
    occlusion(figs, z_near_arm, z_torso, (-1, -0.3), 5, (4, 3, 5))
    occlusion(figs, z_leg_front, z_leg_back, (-1, 0), 5, (4, 3, 5))
    occlusion(figs, g_sword_arm, g_torso, (-0.3, -1), 5, (4, 3, 5))
    occlusion(figs, c_near_arm, c_torso, (1, -0.3), 5, (4, 3, 5))
    # the torsos built, not one mass: the fire's half-light in flat steps down the side that
    # faces it (the chest, the arms' fronts, the thigh), the SOLDIER harness crossing the chest,
    # the belt, the shoulder pads over the far shoulders (Cloud's one pauldron), a fold line down
    # the back; each man's near arm lighter than the chest it lies across
    warm = ((20, (34, 24, 23)), (11, (46, 31, 28)))  # (from 5 px in: the rim's breaks still show at the edge)
    z_front = unary_union([z_torso, z_near_arm, z_far_arm, z_leg_front])
    half_light(figs, z_front, (-1, -0.25), warm, clip=z_front.difference(z_hair).difference(z_head).buffer(-5))
    c_front = unary_union([c_torso, c_near_arm, c_leg_front])
    half_light(figs, c_front, (1, -0.3), warm, clip=c_front.difference(c_hair).difference(c_head).buffer(-5))
    z_straps = unary_union([ribbon([(1176, 510), (1236, 574), (1296, 640)], [13, 12, 12]),
                            ribbon([(1296, 505), (1244, 574), (1190, 650)], [13, 12, 12])]).intersection(z_torso)
    z_belt = z_torso.intersection(Polygon([(1140, 684), (1330, 668), (1330, 694), (1140, 712)]))
    z_pad = outline([(1258, 500), (1278, 478), (1308, 478), (1328, 496), (1326, 524), (1300, 532), (1270, 524)], 6)
    c_strap = ribbon([(1512, 580), (1560, 650), (1604, 716)], [11, 11, 10]).intersection(c_torso)
    c_belt = c_torso.intersection(Polygon([(1488, 706), (1620, 712), (1620, 732), (1488, 728)]))
    c_pad = outline([(1506, 580), (1520, 554), (1552, 540), (1584, 548), (1596, 566), (1576, 584), (1540, 592)], 6)
    for g in (z_straps, z_belt, c_strap, c_belt):
        figs.geom(g, (5, 4, 6))
    figs.geom(unary_union([z_pad, c_pad]), (20, 18, 22))
    figs.geom(z_near_arm.intersection(z_torso), (22, 18, 20))
    figs.geom(c_near_arm.intersection(c_torso), (22, 18, 20))
    occlusion(figs, z_near_arm, z_torso, (-1, -0.3), 5, (4, 3, 5))
    occlusion(figs, c_near_arm, c_torso, (1, -0.3), 5, (4, 3, 5))
    figs.geom(stroke([(1300, 560), (1290, 620), (1296, 680)], 4, 2).intersection(z_torso), (4, 3, 5))  # the back's fold
    figs.geom(stroke([(1500, 600), (1498, 650), (1506, 700)], 4, 2).intersection(c_torso), (4, 3, 5))
    # the three faces drawn (brow, eye, nose, lips, chin, jaw), low in the fire's light
    for fc, hid in ((g_face, g_hair), (z_face, z_hair), (c_face, c_hair)):
        fc.draw(figs, rim_svg, (22, 18, 20), (32, 24, 24), (5, 4, 6), strength=0.6, hidden=hid, ear=False)

    # rim: the burning house is behind the General (both his sides catch it, the left more and
    # the top of shoulder, arm and hair most); Zack and Cloud have it on their left and the fire
    # on the right behind Cloud: Zack's face, arms and the blade's edge on the left are lit,
    # Cloud's face on the right. Each rim is broken in patches (never a sticker's outline).
    g_all = unary_union([general, g_hair, g_hilt])
    rim_broken(rim_svg, g_all, (-1, -0.35), 3.2, 1.0, rf)
    rim_broken(rim_svg, g_all, (1, -0.45), 2.6, 0.75, rf)
    rim_broken(rim_svg, g_all, (0, -1), 2.4, 0.55, rf, breaks=1.6)
    rim_broken(rim_svg, g_sword_arm.difference(g_torso).union(g_fist), (0.2, -1), 3, 0.8, rf, breaks=0.5)
    for lk in locks[:2]:  # lit strands along the outer locks
        rim_broken(rim_svg, lk, (-1, -0.4), 2.0, 0.45, rf, clip=g_hair.difference(g_head), breaks=2)
    rim_broken(rim_svg, g_near, (-1, -0.5), 2.8, 0.8, rf, clip=g_hair.union(g_body).union(g_coat), breaks=0.6)
    rim_broken(rim_svg, g_coat, (-1, -0.2), 2.4, 0.45, rf, clip=g_body, breaks=1.2)  # the coat's edge over the legs
    rim_svg.geom(ribbon(blade_pts, [2.6, 2.4, 2.0, 1.4, 0.6]), "#ffffff", 1.0)  # the edge catches the fire all along
    rim_steps(rim_svg, z_head.difference(z_hair), 4, 1, steps=((1.0, 1.0), (1.8, 0.3)), clip=box(0, 0, 1190, H))
    rim_steps(rim_svg, c_head.difference(c_hair), -4, 1, steps=((1.0, 1.0), (1.8, 0.3)), clip=box(1594, 0, W, H))
    rim_steps(rim_svg, g_head.difference(g_hair), -4, 1, steps=((1.0, 0.9), (1.8, 0.28)), clip=box(722, 0, W, H))
    z_all = unary_union([zack])
    rim_broken(rim_svg, z_all, (-1, -0.25), 3.4, 1.0, rf)
    rim_broken(rim_svg, z_all, (0.2, -1), 2.4, 0.45, rf, breaks=1.5)
    rim_broken(rim_svg, z_all, (1, -0.2), 2.2, 0.35, rf, breaks=1.5)
    rim_broken(rim_svg, z_near_arm, (-0.8, -0.6), 2.8, 0.6, rf, clip=z_torso.union(z_far_arm))
    rim_broken(rim_svg, z_leg_front, (-1, 0.2), 2.4, 0.3, rf, clip=z_leg_back)
    no_holes = box(0, 0, W, H).difference(b_holes.buffer(4))
    rim_broken(rim_svg, z_blade.difference(zack), (-1, -0.3), 3.6, 1.0, rf, breaks=0.3, clip=no_holes)
    rim_broken(rim_svg, z_blade.difference(zack), (1, -0.3), 2.4, 0.5, rf, breaks=0.6, clip=no_holes)
    # the straps', belt's and pads' edges toward the fire
    rim_broken(rim_svg, unary_union([z_straps, z_belt]), (-1, -0.4), 2.0, 0.5, rf, breaks=0.6)
    rim_broken(rim_svg, unary_union([c_strap, c_belt]), (1, -0.4), 2.0, 0.5, rf, breaks=0.6)
    rim_broken(rim_svg, z_pad, (-0.2, -1), 3.0, 0.9, rf, breaks=0.3)
    rim_broken(rim_svg, c_pad, (0.4, -1), 3.0, 0.9, rf, breaks=0.3)
    rim_broken(rim_svg, cloud, (1, -0.3), 3.2, 1.0, rf)
    rim_broken(rim_svg, cloud, (0, -1), 2.2, 0.4, rf, breaks=1.5)
    rim_broken(rim_svg, cloud, (-1, -0.2), 2.2, 0.35, rf, breaks=1.5)
    rim_broken(rim_svg, c_blade.difference(cloud), (0.2, -1), 2.6, 0.9, rf, breaks=0.3)
    # the broad blade's flat catches the fire in two flat steps toward its left edge
    figs.geom(rim_band(z_blade, (-1, -0.3), 18).difference(zack), (58, 54, 62))
    figs.geom(rim_band(z_blade, (-1, -0.3), 7).difference(zack), (84, 78, 86))
    sweep = near_fire  # the blade's sweep: a faint arc of light behind it, where it has just been
    sweep.geom(ribbon([(900, 330), (1000, 300), (1140, 250), (1300, 190)], [4, 16, 14, 2]), "#ffd8a0", 0.1)

    # sparks drifting and glinting in the heat over the two near fires (the `fire` beam of the
    # `burning` preset lights them; the polygons add no light of their own)
    # (only where no man stands: a mote drifting over a dark body reads as glitter on his coat)
    cg.beam("sparks", "fire", 30, [(800, 790), (800, 450), (870, 420), (900, 430), (900, 790)], dust=10, strength=0)
    cg.beam("sparks_above", "fire", 40, [(470, 300), (500, 170), (700, 150), (690, 270), (560, 330)], dust=7, strength=0)
    cg.beam("sparks_right", "fire", 40, [(1690, 800), (1690, 560), (1960, 560), (1960, 800)], dust=9, strength=0)
    # embers rising from the fires, drifting right with the wind as they rise: glowing dots with
    # a faint halo and a few short curved streaks, of varied size; most near the fires and
    # brightest there, fewer and dimmer higher up. They twinkle.
    embers = cg.plane("embers", "emissive", twinkle=0.7)  # (with the figures: one parallax run fewer, ~15 MB)
    re = random.Random(65)
    sources = [(400, 880, 790, 4), (1580, 1960, 800, 2), *[(a, b, 700, 1) for a, b, _ in FAR_FIRES]]
    weights = [w for *_, w in sources]
    men = unary_union([general, g_hair, zack, cloud]).buffer(12)  # (none glowing on a body: a button, not an ember)
    for _ in range(110):
        fx0, fx1, fb, _w = re.choices(sources, weights)[0]
        rise = re.random() ** 1.7
        y = fb - 30 - rise * (fb - 60)
        x = re.uniform(fx0, fx1) + rise * re.uniform(-40, 240)
        r = re.uniform(1.0, 3.2) * (1.0 - 0.45 * rise)
        bright = 1.0 - 0.6 * rise
        col = re.choice(["#ffb050", "#ff7a20", "#ffe08a", "#ff9a3a"])
        if men.contains(Point(x, y)):
            continue
        if re.random() < 0.3:
            ln, dx = re.uniform(8, 24), re.uniform(-2, 9)
            embers.geom(ribbon([(x, y), (x + dx * 0.4 + re.uniform(-2, 2), y - ln * 0.5), (x + dx, y - ln)],
                               [r * 1.5, r * 1.1, 0.3]), col, 0.85 * bright)
        else:
            embers.circle(x, y, r * 2.4, col, 0.16 * bright)
            embers.circle(x, y, r, col, 0.9 * bright)
            embers.circle(x, y, r * 0.45, "#fff2c8", 0.8 * bright)

    # the fire's light on the street, fanning out toward us from the burning houses, and the
    # three long shadows it throws toward us (flat steps, added in the fire's rim colour)
    from shapely.affinity import affine_transform

    def shadow(g: BaseGeometry, feet_y: float, sx: float, sy: float) -> BaseGeometry:
        return affine_transform(g.intersection(box(-50, -50, W + 50, feet_y)), [1, -sx, 0, -sy, sx * feet_y, feet_y * (1 + sy)])
    shadows = unary_union([shadow(general, gfeet, 0.05, 0.32), shadow(zack, zfeet, 0.55, 0.3),
                           shadow(cloud, cfeet, 0.6, 0.28)])
    people = unary_union([general, g_hair, g_blade, zack, cloud, z_blade, c_blade]).buffer(1)
    for pts, op in (([(400, 800), (880, 800), (1500, H + 10), (60, H + 10)], 0.1),
                    ([(470, 800), (820, 800), (1180, H + 10), (260, H + 10)], 0.08),
                    ([(1580, 800), (1960, 800), (1960, H + 10), (1380, H + 10)], 0.07)):
        rim_svg.geom(Polygon(pts).difference(shadows).difference(people), "#ffffff", op)

    # the General's eye: narrow, Mako green, in a face lit by fire — the one cold light in the
    # picture, where the eye goes first (his face is small: this gives it its presence). (On the
    # embers' plane: in a plane of its own — a parallax run of its own, or a second emissive
    # layer in the figures' run — it raised the peak memory of building the town by ~8 MB; so
    # it does not pulse, and now and then it dims with the embers' twinkle.)
    eye = embers
    from cgfig import FACE_EYE

    ex, ey = g_face.p(0.3, 0.456)
    bloom = eye.rad(ex, ey, 30, [(0.0, MAKO, 0.45), (0.3, MAKO, 0.16), (1.0, MAKO, 0.0)])
    eye.circle(ex, ey, 30, bloom)
    eye.geom(g_face.shape(FACE_EYE, 4), "#5dffa0")  # (the face's own almond, lit)
    eye.geom(disc(*g_face.p(0.31, 0.456), 1.6), "#e6fff0")

    cg.mark("general", 700, 420)
    cg.mark("general_eye", ex, ey)
    cg.mark("swords", 965, 276)
    cg.mark("zack", 1200, 500)
    cg.mark("town", 960, 620)
    cg.keep("general", 590, 270, 310, 250)  # his head, shoulders and sword hand (the hair may be covered)
    cg.keep("zack", 1040, 340, 260, 220)  # his head, the hands on the hilt
    cg.keep("cloud", 1490, 440, 160, 130)  # his head
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
    glass_back(cg, rnd, horizon, mullions=(250, 1560), sun_x=760)
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")
    sun_x = 760
    rr = random.Random(55)  # the rim's breaks

    # Sephiroth, left, facing right: taller, his head bowed a little toward the hand; the long
    # hair down his back, two long locks forward over the shoulder; the black silk shirt's
    # standing collar open at the throat; the shoulder and the arm hanging in the body's outline
    sx, sy, hs = 520, 250, 250
    s_face = ProfileFace((sx, sy), hs, 1, 0.16)
    s_head = s_face.head
    s_neck = ribbon([(sx - 4, sy + 200), (sx - 8, sy + 290), (sx - 8, sy + 370)], [122, 128, 170])
    s_body = outline([(sx + 46, sy + 346), (sx + 92, sy + 392), (sx + 118, sy + 470), (sx + 128, sy + 570),
                      (sx + 132, sy + 700), (sx + 140, 1130), (sx - 230, 1130), (sx - 206, sy + 640),
                      (sx - 180, sy + 470), (sx - 140, sy + 390), (sx - 84, sy + 350), (sx - 20, sy + 330)], 8)
    s_arm = ribbon([(sx - 10, sy + 400), (sx + 20, sy + 520), (sx + 30, sy + 680), (sx + 36, 1130)], [170, 150, 128, 120],
                   shift=[0, 6, 4, 0], round_start=True)
    s_collar = outline([(sx - 60, sy + 300), (sx + 10, sy + 318), (sx + 60, sy + 336), (sx + 70, sy + 370),
                        (sx + 20, sy + 360), (sx - 50, sy + 346)], 6)
    back_hair = outline([(sx + 70, sy + 24), (sx + 10, sy - 16), (sx - 70, sy - 6), (sx - 126, sy + 60),
                         (sx - 148, sy + 200), (sx - 180, sy + 400), (sx - 222, sy + 620), (sx - 262, 1130),
                         (sx - 110, 1130), (sx - 96, sy + 560), (sx - 62, sy + 360), (sx - 40, sy + 200), (sx - 20, sy + 110),
                         (sx + 10, sy + 50)], 10)
    s_locks = [  # the back hair's lower edge breaks into locks of unequal length
        hair_lock([(sx - 150, sy + 260), (sx - 190, sy + 480), (sx - 236, sy + 720), (sx - 280, 1130)], 70, keep=0.8),
        hair_lock([(sx - 110, sy + 250), (sx - 150, sy + 470), (sx - 176, sy + 700), (sx - 200, 1130)], 60, keep=0.8),
        # the fringe and the two long locks that fall in front of the ear and over the shoulder
        hair_lock([(sx - 30, sy + 40), (sx - 34, sy + 120), (sx - 24, sy + 240), (sx + 10, sy + 380), (sx + 60, sy + 500), (sx + 86, sy + 640)],
                  46, keep=0.6, tip=0.15),
        hair_lock([(sx - 50, sy + 50), (sx - 60, sy + 130), (sx - 50, sy + 260), (sx - 20, sy + 400), (sx + 10, sy + 540), (sx + 24, sy + 700)],
                  40, keep=0.6, tip=0.15),
    ]
    # the fringe over the brow (the head is not a smooth dome), and loose strands lifting off
    # the back of the hair (its outline breaks)
    s_fringe = [hair_lock([s_face.p(-0.05, 0.0), s_face.p(0.2, 0.06), s_face.p(0.33, 0.2), s_face.p(0.31, 0.37)], 42,
                          keep=0.5, tip=0.2),
                hair_lock([s_face.p(-0.14, 0.02), s_face.p(0.08, 0.1), s_face.p(0.2, 0.27), s_face.p(0.17, 0.46)], 36,
                          keep=0.5, tip=0.2)]
    s_loose = [ribbon([(sx - 120, sy + 40), (sx - 150, sy + 90), (sx - 166, sy + 160)], [6, 4, 1]),
               ribbon([(sx - 176, sy + 330), (sx - 200, sy + 420), (sx - 206, sy + 500)], [7, 5, 1]),
               ribbon([(sx - 226, sy + 600), (sx - 252, sy + 700), (sx - 262, sy + 780)], [6, 4, 1])]
    s_hair = unary_union([back_hair, *s_locks, *s_fringe])
    s_front = unary_union(s_locks[2:])  # the two locks in front of the shoulder
    seph = unary_union([s_hair, s_head, s_neck, s_body, s_arm, s_collar])

    # Zack, right, facing left: the black spikes swept back; his healed RIGHT arm raised before
    # his chest into the gap, the hand open, fingers together, the palm turned to Sephiroth
    zx, zy, hz = 1010, 300, 236
    z_face = ProfileFace((zx, zy), hz, -1, -0.02)
    z_head = z_face.head
    z_neck = ribbon([(zx + 8, zy + 190), (zx + 10, zy + 280), (zx + 14, zy + 350)], [118, 126, 176])
    z_body = outline([(zx - 50, zy + 336), (zx - 100, zy + 380), (zx - 130, zy + 460), (zx - 142, zy + 560),
                      (zx - 146, zy + 700), (zx - 152, 1130), (zx + 262, 1130), (zx + 240, zy + 640),
                      (zx + 214, zy + 470), (zx + 170, zy + 390), (zx + 100, zy + 346), (zx + 30, zy + 330)], 8)
    z_arm_l = ribbon([(zx + 20, zy + 390), (zx - 10, zy + 520), (zx - 20, zy + 680), (zx - 24, 1130)],
                     [176, 156, 132, 124], shift=[0, -6, -4, 0], round_start=True)  # his left arm, hanging at his side
    z_hair = zack_hair((zx, zy), hz, -1)
    # the raised arm: from behind his chest the upper arm comes forward and down to the elbow,
    # the forearm rises to the wrist, swelling below the elbow and narrowing to the wrist
    ex, ey = 842, 846  # the elbow, forward of his chest, in the gap between them
    wx, wy = 798, 652  # the wrist
    upper = ribbon([(zx - 70, zy + 450), (ex + 60, ey - 60), (ex, ey)], [96, 84, 70], round_start=True, round_end=True)
    forearm = ribbon([(ex, ey), (ex - 14, ey - 90), (wx, wy + 6)], [70, 68, 52], shift=[0, 4, 0])
    # the open hand: palm to Sephiroth, seen a little from its thumb side; the fingers together
    # in a slight natural curve (the middle longest, the little finger lowest), the thumb apart
    palm = outline([(wx - 24, wy + 10), (wx - 40, wy - 36), (wx - 40, wy - 90), (wx - 28, wy - 108), (wx + 26, wy - 108),
                    (wx + 36, wy - 80), (wx + 30, wy - 30), (wx + 22, wy + 10)], 6)
    fingers = [  # little, ring, middle, index (left to right): base, middle, tip; side by side, touching
        ribbon([(wx - 27, wy - 96), (wx - 32, wy - 138), (wx - 34, wy - 172)], [24, 21, 18], round_end=True),
        ribbon([(wx - 12, wy - 100), (wx - 14, wy - 152), (wx - 16, wy - 194)], [24, 22, 19], round_end=True),
        ribbon([(wx + 6, wy - 102), (wx + 4, wy - 158), (wx + 2, wy - 204)], [24, 22, 19], round_end=True),
        ribbon([(wx + 24, wy - 98), (wx + 22, wy - 146), (wx + 19, wy - 186)], [23, 21, 18], round_end=True),
    ]
    thumb = ribbon([(wx + 26, wy - 20), (wx + 50, wy - 48), (wx + 64, wy - 84), (wx + 66, wy - 110)], [34, 28, 23, 19],
                   round_end=True)
    hand = unary_union([palm, *fingers, thumb])
    raised = unary_union([upper, forearm, hand]).buffer(6).buffer(-6)  # (the wrist flows into the hand)
    zack = unary_union([z_hair, z_head, z_neck, z_body, z_arm_l])
    fig.geom(seph, (22, 22, 30))
    fig.geom(unary_union([back_hair, *s_locks[:2]]), (34, 36, 46))  # silver: the lightest albedo
    # his near shoulder and arm in front of the hair that falls behind them
    occlusion(fig, s_arm, back_hair, (1, -0.3), 4, (22, 23, 30))
    fig.geom(s_arm.intersection(seph), (22, 22, 30))
    fig.geom(s_front, (36, 38, 48))
    fig.geom(unary_union(s_fringe), (36, 38, 48))
    fig.geom(unary_union(s_loose), (34, 36, 46))
    # the hair is locks, not one mass: locks from the crown down his back, each its own value
    # (silver takes the light unevenly), the nearer overlapping the farther; a dark seam where
    # one lies over the next, a thread of the sun along each lock's edge toward it (strongest
    # near the head, where the light comes through), a few strands within each
    back_seen = unary_union([back_hair, *s_locks[:2]]).difference(unary_union([s_head, s_arm, s_front]))
    hair_locks(fig, rim_svg, back_seen, sx, sy, random.Random(77))
    for lz in s_loose:
        rim_svg.geom(lz.difference(back_hair), "#ffffff", 0.45)
    fig.geom(zack, (20, 20, 26))
    fig.geom(z_hair, (12, 12, 16))
    fig.geom(raised, (24, 22, 28))
    # the faces: brow, eye, nose, lips, chin and jaw drawn; the light between them catches them
    s_face.draw(fig, rim_svg, (34, 31, 40), (50, 45, 54), (12, 11, 16), hidden=unary_union([back_hair, *s_locks, *s_fringe]),
                ear=False)
    z_face.draw(fig, rim_svg, (32, 29, 36), (48, 43, 50), (10, 10, 13), hidden=z_hair, ear=False)
    # where the fingers lie together: hair-thin dark lines, not gaps (the sun shows only where
    # the tips part)
    for fg in fingers[:3]:  # (from the knuckles up: no sliver across the finger's root)
        fig.geom(rim_band(fg, (1, 0), 2.2).intersection(hand).intersection(box(0, 0, W, wy - 112)), (8, 8, 10))
    occlusion(fig, raised.difference(z_body.buffer(-2)), zack, (-1, -0.2), 4, (10, 10, 13))
    occlusion(fig, s_arm, s_body, (1, -0.3), 3, (17, 17, 24))
    occlusion(fig, z_arm_l, z_body, (-1, -0.3), 3, (14, 14, 18))

    # the rim: the sun between them lights the edges that face it — his profile, Zack's profile,
    # the hand all round (it is in front of the sun); the far edges only a thin, broken wrap
    # from the sky
    rim_broken(rim_svg, seph, (1, -0.2), 5, 1.0, rr, breaks=0.5)
    rim_broken(rim_svg, seph, (-0.4, -1), 3, 0.35, rr, breaks=1.5)
    rim_broken(rim_svg, zack, (-1, -0.2), 5, 1.0, rr, clip=box(0, 0, W, H).difference(raised), breaks=0.5)
    rim_broken(rim_svg, zack, (0.4, -1), 3, 0.35, rr, breaks=1.5)
    rim_broken(rim_svg, s_arm, (1, -0.3), 4, 0.5, rr, clip=s_body.intersection(box(0, sy + 470, W, H)), breaks=1.0)
    rim_broken(rim_svg, s_front, (1, -0.3), 3, 0.4, rr, clip=s_body.union(s_neck), breaks=1.0)
    rim_broken(rim_svg, s_head.difference(s_front), (1, -0.2), 4, 0.9, rr, clip=back_hair, breaks=0.3)
    rim_broken(rim_svg, z_arm_l, (-1, -0.3), 4, 0.45, rr, clip=z_body.intersection(box(0, zy + 480, W, H)), breaks=1.0)
    past_wrist = box(0, 0, W, H).difference(forearm.buffer(1))  # (no seam of light across the wrist)
    for dxy in ((-1, -0.3), (1, -0.3), (0, -1)):
        rim_steps(rim_svg, hand, -dxy[0] * 4, -dxy[1] * 4, steps=((1.0, 0.85), (2.0, 0.25)), clip=past_wrist)
    outside = box(0, 0, W, H).difference(z_body)  # the arm's edges only where it is against the sky
    arm_only = box(0, 0, W, H).difference(hand.buffer(2))  # (the arm's own outline, not the hand's base)
    rim_broken(rim_svg, raised, (-1, -0.3), 4, 0.9, rr, breaks=0.4, clip=outside.intersection(arm_only))
    rim_broken(rim_svg, raised, (1, -0.3), 3, 0.4, rr, breaks=1.0, clip=box(0, 0, W, H).difference(zack).intersection(arm_only))
    hx, hy = wx, wy - 100

    cg.mark("sun", sun_x, 500)
    cg.mark("sephiroth", sx + 60, sy + 140)
    cg.mark("zack", zx - 60, zy + 140)
    cg.mark("hand", hx, hy)
    cg.mark("sephiroth_eye", *s_face.p(0.305, 0.456))
    cg.mark("zack_eye", *z_face.p(0.305, 0.456))
    cg.keep("faces", sx - 140, sy - 30, zx + 230 - (sx - 140), 300)
    cg.keep("hand", wx - 60, wy - 220, 140, ey - wy + 260)  # the raised hand and arm
    return cg


def hair_locks(fig, rim_svg, seen: BaseGeometry, sx: float, sy: float, rnd: random.Random) -> None:
    """Sephiroth's long hair down his back in cg_promise as locks (see the call): the hair's
    left and right edges at each height are those of `back_hair` there; `seen` is the part of
    the hair that shows."""
    left = [(sy + 20, sx - 110), (sy + 60, sx - 126), (sy + 200, sx - 150), (sy + 400, sx - 184), (sy + 620, sx - 228),
            (1130, sx - 280)]
    right = [(sy + 20, sx + 20), (sy + 110, sx - 20), (sy + 200, sx - 40), (sy + 360, sx - 62), (sy + 560, sx - 96),
             (1130, sx - 110)]

    def at(edge: list[tuple[float, float]], y: float) -> float:
        for (y0, x0), (y1, x1) in zip(edge, edge[1:], strict=False):
            if y <= y1:
                return x0 + (x1 - x0) * max(0.0, (y - y0) / (y1 - y0))
        return edge[-1][1]

    tones = [(30, 32, 42), (44, 46, 58), (36, 38, 50), (50, 52, 66), (33, 35, 46), (42, 44, 56), (38, 40, 52)]
    ys = [sy + 10, sy + 160, sy + 360, sy + 600, sy + 840, 1140]
    locks = []
    for n, u in enumerate((0.93, 0.8, 0.66, 0.52, 0.38, 0.24, 0.1)):  # right (near the face) to left
        sway = rnd.uniform(-10, 10)
        pts = [(at(left, y) + u * (at(right, y) - at(left, y)) + sway * math.sin(k * 1.3 + n), y)
               for k, y in enumerate(ys)]
        width = 0.26 * (at(right, sy + 500) - at(left, sy + 500)) + rnd.uniform(-4, 6)
        locks.append((hair_lock(pts, width, keep=0.85, tip=0.12), tones[n]))
    for strands, tone in reversed(locks):  # (the left locks over the right: their right edges show)
        part = strands.intersection(seen)
        if part.is_empty:
            continue
        fig.geom(part, tone)
        fig.geom(rim_band(part, (1, -0.1), 3).intersection(seen), (20, 21, 28), 0.9)  # the seam where it lies over
        end = rnd.uniform(sy + 380, sy + 720)  # (each thread fades out at its own height, in two steps)
        rim_broken(rim_svg, part, (1, -0.15), 1.6, 0.42, rnd, clip=box(0, 0, W, end), breaks=1.2)
        rim_broken(rim_svg, part, (1, -0.15), 1.4, 0.18, rnd, clip=box(0, end, W, end + 160), breaks=1.2)
        for _ in range(2):  # strands within the lock
            v = rnd.uniform(0.3, 0.75)
            top = rnd.uniform(sy + 40, sy + 300)
            pts = [(at(left, y) + v * (at(right, y) - at(left, y)), y) for y in (top, top + 220, top + 480)]
            fig.geom(stroke(pts, 2.2, 0.6).intersection(part.buffer(-3)), (58, 60, 74), 0.55)


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
    # (the horizon low: their heads and shoulders stand against the dusk, not the dark city)
    # (the city's lights below them live; at night its light in the air stands behind their
    # heads and shoulders: the picture the line ends on is two figures edged in it, not mud)
    glass_back(cg, rnd, 720, mullions=(330, 1530), twinkle=0.45, haze=0.65)
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")
    under = cg.plane("city_light", "emissive")  # the city's light on them from below (on with its lights)

    rr = random.Random(41)
    # Sephiroth, left, taller, his head bowed to Zack's; the long hair down his back, a lock
    # falling forward over Zack's shoulder
    sx, sy, hs = 690, 220, 226
    s_face = ProfileFace((sx, sy), hs, 1, 0.2)
    s_head = s_face.head
    s_neck = ribbon([(sx - 4, sy + 180), (sx + 2, sy + 260), (sx + 8, sy + 330)], [112, 120, 160])
    # (in profile: the chest pressed to Zack's, the back's curve and the waist)
    # (the chests pressed together at the arm; below it the waists part: a sliver of the city's
    # lights between them)
    s_body = outline([(sx + 60, sy + 310), (sx + 120, sy + 346), (sx + 160, sy + 420), (sx + 176, sy + 510),
                      (sx + 140, sy + 620), (sx + 108, sy + 720), (sx + 104, 1130), (sx - 150, 1130), (sx - 118, sy + 760),
                      (sx - 128, sy + 600), (sx - 120, sy + 450), (sx - 96, sy + 360), (sx - 50, sy + 316)], 8)
    # (the hair falls down his back BEHIND the shoulder: the shoulder's top shows against the sky)
    back_hair = outline([(sx + 60, sy + 24), (sx + 4, sy - 18), (sx - 76, sy - 2), (sx - 128, sy + 70),
                         (sx - 150, sy + 220), (sx - 176, sy + 420), (sx - 214, sy + 660), (sx - 256, 1130),
                         (sx - 150, 1130), (sx - 136, sy + 600), (sx - 112, sy + 400), (sx - 70, sy + 230),
                         (sx - 30, sy + 120), (sx + 14, sy + 50)], 10)
    s_locks = [
        hair_lock([(sx - 150, sy + 280), (sx - 196, sy + 500), (sx - 240, sy + 740), (sx - 290, 1130)], 66, keep=0.8),
        unary_union([hair_lock([(sx - 50, sy + 150), (sx - 14, sy + 250), (sx + 40, sy + 340), (sx + 110, sy + 420)],
                               42, keep=0.6, tip=0.15), disc(sx - 50, sy + 150, 21)]),  # falling forward, over Zack's shoulder
    ]
    # the fringe: locks from the crown falling forward over the brow, their points at the temple
    s_locks += [hair_lock([s_face.p(-0.05, 0.0), s_face.p(0.2, 0.06), s_face.p(0.32, 0.2), s_face.p(0.3, 0.36)], 40,
                          keep=0.5, tip=0.2),
                hair_lock([s_face.p(-0.12, 0.02), s_face.p(0.1, 0.1), s_face.p(0.2, 0.26), s_face.p(0.16, 0.44)], 34,
                          keep=0.5, tip=0.2)]
    s_hair = unary_union([back_hair, *s_locks])
    # Zack, right, shorter, his face lifted to him; spikes swept back
    zx, zy, hz = 904, 318, 210
    z_face = ProfileFace((zx, zy), hz, -1, -0.26)
    z_head = z_face.head
    z_neck = ribbon([(zx + 6, zy + 170), (zx + 2, zy + 240), (zx - 4, zy + 300)], [106, 114, 150])
    # (in profile: the chest against his, the shoulder blade's curve, the small of the back)
    z_body = outline([(zx - 60, zy + 290), (zx - 110, zy + 330), (zx - 130, zy + 420), (zx - 104, zy + 520),
                      (zx - 84, zy + 620), (zx - 78, 1130),
                      (zx + 190, 1130), (zx + 150, zy + 620), (zx + 168, zy + 480), (zx + 170, zy + 390),
                      (zx + 140, zy + 320), (zx + 70, zy + 282)], 8)
    z_hair = zack_hair((zx, zy), hz, -1)
    # his arm round Zack's back, the hand pressed flat between the shoulder blades, fingers
    # spread and gripping; Zack's hand clutching the front of his shirt
    # (from his near shoulder, in front of the hair that falls down his back)
    s_arm = ribbon([(sx + 10, sy + 350), (sx + 60, sy + 440), (sx + 150, sy + 500), (sx + 260, sy + 500),
                    (zx + 50, zy + 420), (zx + 138, zy + 396)], [120, 96, 84, 70, 60, 50], shift=[0, -6, -4, 0, 0, 0],
                   round_start=True)
    # (the hand spread on his back, the fingers curling over the shoulder blade past its edge)
    s_hand = open_hand((zx + 112, zy + 420), math.radians(-72), 150, spread=0.35, curl=0.08, side=-1)
    # Zack's arm up round his neck: the upper arm along Sephiroth's chest, the forearm behind his
    # neck, the hand in the hair at his nape
    z_arm = ribbon([(zx - 50, zy + 340), (zx - 90, zy + 300), (sx + 130, sy + 350)], [86, 76, 66], round_start=True,
                   round_end=True)
    # (the back of his hand at the nape, the fingers gone into the hair: drawn under it)
    z_fist = unary_union([ribbon([(sx + 20, sy + 380), (sx - 10, sy + 350), (sx - 36, sy + 322)], [58, 54, 48]),
                          open_hand((sx - 30, sy + 326), math.radians(-104), 112, spread=0.0, curl=0.3, side=1)])
    seph = unary_union([s_hair, s_head, s_neck, s_body])
    zack = unary_union([z_hair, z_head, z_neck, z_body])
    fig.geom(zack, (20, 20, 26))
    fig.geom(z_hair, (12, 12, 16))
    fig.geom(seph, (22, 22, 30))
    # the hair falls down his back BEHIND him: an opaque mass seen past his back's edge (not a
    # veil over the body), a step lighter than the body and darker than the sky
    s_behind = unary_union([s_body, s_neck, s_head, s_arm])
    hair_seen = unary_union([back_hair, s_locks[0]]).difference(s_behind)
    fig.geom(hair_seen, (40, 42, 54))
    # (it is hair, not a pillar: seams between the locks down its length, strands off its edge)
    for pts in ([(sx - 120, sy + 200), (sx - 150, sy + 420), (sx - 176, sy + 640), (sx - 200, 1080)],
                [(sx - 146, sy + 260), (sx - 178, sy + 500), (sx - 214, sy + 760), (sx - 236, 1080)]):
        fig.geom(stroke(pts, 4, 1.5).intersection(hair_seen), (26, 28, 36), 0.9)
    e_loose = [ribbon([(sx - 160, sy + 240), (sx - 184, sy + 330), (sx - 190, sy + 400)], [6, 4, 1]),
               ribbon([(sx - 196, sy + 520), (sx - 222, sy + 610), (sx - 230, sy + 680)], [6, 4, 1])]
    fig.geom(unary_union(e_loose), (40, 42, 54))
    for lz in e_loose:
        rim_svg.geom(lz.difference(back_hair), "#ffffff", 0.5)
    fig.geom(unary_union(s_locks[2:]), (50, 54, 68))
    # his shoulder in front of the hair that falls behind it (its top edge against the hair)
    s_shoulder = s_body.intersection(box(0, 0, W, sy + 470)).union(s_arm.intersection(box(0, 0, sx + 120, H)))
    s_face.draw(fig, rim_svg, (30, 28, 38), (40, 37, 48), (12, 11, 16), strength=0.6, hidden=unary_union([back_hair, *s_locks]), ear=False)
    z_face.draw(fig, rim_svg, (28, 26, 34), (38, 35, 44), (10, 10, 13), strength=0.6, hidden=z_hair, ear=False, closed=True)
    occlusion(fig, unary_union([z_arm, z_fist]), seph, (1, -0.4), 4, (10, 10, 14))
    fig.geom(unary_union([z_arm, z_fist]), (20, 20, 26))
    occlusion(fig, unary_union([s_arm, s_hand]), zack, (-1, -0.4), 4, (8, 8, 12))
    fig.geom(unary_union([s_arm, s_hand]), (22, 22, 30))
    fig.geom(s_locks[1], (34, 36, 46))
    both = unary_union([seph, zack, s_arm, s_hand, z_arm, z_fist, s_locks[1]])
    # the glass behind them: the outline catches the dusk, strongest along the tops of hair
    # and shoulders, broken along its length; the faces' edges toward each other catch the
    # light in the sliver of sky between them; the arms only where they face the glass
    # (the hands' light is on the knuckles only: no lit outline round each finger)
    no_hand = box(0, 0, W, H).difference(s_hand.buffer(3)).difference(z_fist.difference(z_arm).buffer(3))
    rim_broken(rim_svg, both, (0.3, -1), 3.5, 1.0, rr, breaks=0.9, clip=no_hand)
    rim_broken(rim_svg, both, (-1, -0.3), 3, 0.6, rr, breaks=1.3, clip=no_hand)
    rim_broken(rim_svg, both, (1, -0.3), 3, 0.6, rr, breaks=1.3, clip=no_hand)
    rim_steps(rim_svg, s_head.difference(s_hair), -3.5, 0, steps=((1.0, 0.9),), clip=box(sx + 40, 0, W, sy + 260))
    rim_steps(rim_svg, z_head.difference(z_hair), 3.5, 0, steps=((1.0, 0.9),), clip=box(0, 0, zx - 40, zy + 260))
    rim_broken(rim_svg, s_arm, (0.2, -1), 4, 1.0, rr, clip=zack.union(s_body), breaks=0.4)  # the forearm across his back
    knuckles = Point(zx + 112 + 0.5 * 150 * math.cos(math.radians(-72)), zy + 420 + 0.5 * 150 * math.sin(math.radians(-72)))
    rim_steps(rim_svg, s_hand, 3, 3, steps=((1.0, 0.8),), clip=knuckles.buffer(34))
    rim_broken(rim_svg, z_arm.union(z_fist), (0.2, -1), 3, 0.5, rr, clip=seph, breaks=0.8)
    rim_broken(rim_svg, z_fist, (-1, -0.3), 2.5, 0.45, rr, clip=s_hair.difference(box(0, 0, W, sy + 300)), breaks=0.5)
    # the tops of the shoulders catch the dusk: his over the hair, Zack's over the arm round him
    rim_broken(rim_svg, s_shoulder, (-0.3, -1), 3, 0.9, rr, clip=back_hair.union(box(0, 0, W, sy + 330)), breaks=0.4)
    rim_broken(rim_svg, z_body, (0.4, -1), 3.5, 1.0, rr, clip=box(zx + 40, 0, W, zy + 420), breaks=0.4)

    # the city's light from below and behind comes up as the dusk goes (an emissive plane: at
    # night it, not the cold sky, edges them): the silhouette's sides below the shoulders, the
    # undersides of the jaws lifted to each other, his fingertips past Zack's back (no line
    # across the bodies: inside a silhouette a line reads as drawn, not as light)
    low = box(0, sy + 240, W, H).intersection(no_hand)
    glow_edge(under, both, (-0.7, 0.7), 2.5, CITY_GLOW, 0.55, clip=low)
    glow_edge(under, both, (0.7, 0.7), 2.5, CITY_GLOW, 0.55, clip=low)
    for head, hair in ((s_head, s_hair), (z_head, z_hair)):
        glow_edge(under, head.difference(hair), (0, 1), 2.0, CITY_GLOW, 0.5)
    glow_edge(under, s_hand, (0.3, 1), 2.0, CITY_GLOW, 0.45, clip=box(zx + 150, 0, W, H))  # (the fingertips past his back)

    cg.mark("figures", (sx + zx) / 2, 460)
    cg.mark("faces", (sx + zx) / 2 + 10, 380)
    cg.mark("hand", zx + 150, zy + 360)
    cg.keep("faces", sx - 140, sy - 30, zx + 220 - (sx - 140), 330)
    cg.keep("hand", zx + 60, zy + 300, 140, 150)
    return cg


def finger(joints: list[tuple[float, float]], widths: list[float]) -> BaseGeometry:
    """A finger (or thumb) as its phalanges: a round-ended segment from joint to joint, each
    `widths[i]` wide at joint i (the knuckles a touch wider than the shafts between them)."""
    parts = []
    for (a, wa), (b, wb) in zip(zip(joints, widths, strict=True), zip(joints[1:], widths[1:], strict=True), strict=False):
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
    sheen = cg.plane("sun_sheen", "rim", flicker=(0.65, 0.3))

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
    # rising behind it into the loose silk sleeve, then the four fingers over the rail's near
    # face (index on the left: his LEFT hand, its back toward us). Drawn at 1:1 about the index
    # knuckle, then enlarged.
    ox, oy, k = 960, 548, 1.45
    # the thumb under the rail: out from behind its lower edge, bending at its joint, the tip
    # turned toward the fingers
    thumb = ribbon([(906, 604), (904, 636), (918, 658), (942, 668)], [40, 38, 33, 28], round_end=True)
    back = smooth([(922, 558), (912, 528), (940, 500), (1000, 478), (1056, 466), (1112, 474), (1146, 500),
                   (1150, 536), (1126, 564), (1060, 570), (980, 566)], 8)
    # the forearm: narrow at the wrist, swelling toward the elbow along its upper edge (the
    # muscle), the lower edge straighter; it runs up out of the frame under the sleeve
    arm_line = [(1112, 500), (1150, 440), (1200, 362), (1262, 270), (1330, 170), (1420, 40), (1480, -50)]
    forearm = ribbon(arm_line, [86, 92, 120, 134, 134, 128, 122], shift=[-3, 0, 7, 11, 10, 6, 5])
    wrist_bone = disc(1142, 522, 13)  # the head of the ulna, on the little-finger side of the wrist
    # the sleeve: loose silk, wider than the arm and fuller on its lower side (it hangs), the
    # cuff's hem draped across the forearm two-thirds of the way up
    sleeve = smooth([(1192, 226), (1250, 140), (1316, 44), (1372, -60), (1580, -60), (1530, 40), (1452, 164),
                     (1396, 258), (1360, 318), (1330, 326), (1298, 308), (1266, 300), (1236, 276), (1212, 250)], 8)
    hem = [(1192, 228), (1214, 252), (1238, 278), (1268, 302), (1300, 310), (1332, 328), (1362, 320)]
    cuff_band = ribbon(hem, [22, 24, 24, 22, 22, 24, 22]).intersection(sleeve)
    folds = [ribbon([(1262, 292), (1296, 230), (1336, 150), (1372, 80)], [7, 5, 3, 0.5]),
             ribbon([(1326, 318), (1372, 250), (1420, 170)], [8, 5, 0.5]),
             ribbon([(1224, 258), (1262, 190), (1300, 120)], [5, 3, 0.5])]
    # the sleeve has slid down the raised forearm toward the wrist (the hem a hand's breadth above it)
    sleeve, cuff_band = translate(sleeve, -36, 54), translate(cuff_band, -36, 54)
    folds = [translate(g, -36, 54) for g in folds]
    hem = [(x - 36, y + 54) for x, y in hem]
    opening = ribbon(hem[3:], [0.5, 14, 16, 10]).difference(forearm)  # inside the cuff, where it stands off the arm
    # The fingers are about 0.9x the back of the hand. The first phalanx runs over the rail's
    # rounded top toward us (foreshortened), the second bends down its near face; the index and
    # middle hang with their tips bent in a little, the ring and little fingers curl on round
    # under the rail to its far side, so only their first two joints show (each ends in the
    # rounded bend of its middle joint). The knuckle row is an arc, the middle knuckle highest.
    fingers = [  # MCP, PIP, DIP, tip: index, middle, ring, little
        finger([(944, 550), (938, 582), (936, 620), (944, 650)], [42, 40, 35, 27]),
        finger([(988, 540), (986, 578), (988, 622), (997, 656)], [44, 42, 36, 28]),
        finger([(1032, 546), (1036, 582), (1040, 614), (1043, 626)], [40, 38, 34, 31]),
        finger([(1072, 558), (1079, 588), (1083, 610), (1083, 617)], [34, 32, 29, 27]),
    ]
    knuckles = [disc(x, y, r) for x, y, r in ((944, 546, 22), (988, 534, 24), (1033, 540, 22), (1074, 553, 19))]
    crease_at = [(938, 582), (986, 578), (1036, 582), (1079, 588)]  # the middle joints (PIP)

    def big(g: BaseGeometry) -> BaseGeometry:
        return sscale(g, k, k, origin=(ox, oy))
    thumb, back, forearm, sleeve, cuff_band, opening, wrist_bone = (
        big(g) for g in (thumb, back, forearm, sleeve, cuff_band, opening, wrist_bone))
    folds = [big(g) for g in folds]
    fingers = [big(g) for g in fingers]
    knuckles = [big(g) for g in knuckles]
    crease_at = [(ox + (x - ox) * k, oy + (y - oy) * k) for x, y in crease_at]
    hand_top = unary_union([back, *knuckles])
    skin, skin_front = (44, 40, 50), (40, 36, 46)
    arm_and_hand = unary_union([forearm, hand_top, wrist_bone])
    fig.geom(thumb.difference(rail), skin)
    fig.geom(arm_and_hand, skin)
    # the forearm's volume: the half-light band inside its lit upper edge, three flat steps
    # (docs/art.md), and below the sleeve's hem the shadow the cuff throws on the arm
    lit_dir = (-0.8, -0.6)
    for w, c in ((34, (51, 46, 57)), (20, (59, 53, 64)), (9, (74, 66, 78))):
        fig.geom(rim_band(arm_and_hand, lit_dir, w).difference(unary_union(fingers)), c)
    # the back of the hand is not flat: the tendons fan from the wrist to the knuckles, each a
    # low ridge one step lighter with a dark groove below it; a thread of light on their tops
    for (kx_, ky_), w in (((944, 546), 8), ((988, 534), 9), ((1033, 540), 8), ((1074, 553), 7)):
        ex_, ey_ = kx_ + 0.62 * (1108 - kx_), ky_ - 14 + 0.62 * (500 - ky_ + 14)  # (fading before they meet)
        tendon = big(ribbon([(kx_ + 6, ky_ - 12), ((kx_ + ex_) / 2 + 4, (ky_ + ey_) / 2 - 9), (ex_, ey_)], [w, w * 0.75, 0.5],
                            round_start=True)).intersection(back)
        fig.geom(translate(tendon, 0, 5 * k).difference(tendon).intersection(back), (30, 27, 35))
        fig.geom(tendon, (52, 47, 58))
        rim_svg.geom(rim_band(tendon, lit_dir, 2.0 * k).intersection(back), "#ffffff", 0.2)
    fig.geom(translate(sleeve, 10, 14).difference(sleeve).intersection(forearm), (26, 23, 30))
    fig.geom(sleeve, SHIRT)
    fig.geom(opening.intersection(sleeve), (16, 15, 20))
    fig.geom(cuff_band, (68, 68, 78))
    for fd in folds:
        fig.geom(fd.intersection(sleeve), (40, 40, 50), 0.9)
    for w, c in ((22, (66, 66, 76)), (10, (72, 72, 82))):
        fig.geom(rim_band(sleeve, lit_dir, w).difference(cuff_band), c)
    # each finger in front of the one to its right (the index nearest the light), with a thin
    # dark line where it lies over its neighbour
    for n in (3, 2, 1, 0):
        fg = fingers[n]
        if n < 3:
            fig.geom(fg.buffer(4).difference(fg).intersection(fingers[n + 1]), (12, 10, 14))
        fig.geom(fg, skin_front)
        # the half-light band inside the lit edge (docs/art.md: three flat steps, under 20 px)
        for kk, c in ((14, (50, 45, 54)), (9, (56, 50, 60)), (5, (62, 56, 66))):
            fig.geom(fg.difference(translate(fg, kk, kk * 0.5)), c)
        # the bend at the middle joint: a short crease across the finger, and on the two that
        # curl under the rail the last rounded joint turning away from us, a step darker
        px_, py_ = crease_at[n]
        fig.geom(ribbon([(px_ - 11 * k, py_ + 0.5 * k), (px_, py_ - 0.5 * k), (px_ + 9 * k, py_ + 0.3 * k)],
                        [0.5, 2.4, 0.5]).intersection(fg), (22, 20, 26), 0.7)
        if n >= 2:
            fig.geom(fg.intersection(translate(fg, 0, -10 * k)).difference(translate(fg, 0, 6 * k)).difference(
                translate(fg, 9 * k, 0)), (30, 27, 34))
    # the hair: heavy silver locks falling into the top of the frame past the sleeve, out of focus
    hair_locks = [hair_lock(pts, w, keep=0.75, tip=0.3) for pts, w in (
        ([(1096, -40), (1092, 80), (1074, 190), (1050, 290), (1040, 340)], 58),
        ([(1150, -40), (1146, 100), (1132, 220), (1118, 330), (1110, 410)], 64),
        ([(1212, -40), (1208, 80), (1196, 180), (1188, 240)], 44))]
    hair_locks.append(ribbon([(1070, -40), (1060, 120), (1040, 250), (1016, 330), (1006, 360)], [5, 4, 3, 2, 0.5]))
    hair = unary_union(hair_locks)
    fig.geom(hair, (62, 64, 78))
    for lk in hair_locks:
        fig.geom(rim_band(lk, (-1, 0), 10).intersection(hair), (74, 76, 90))
    fig.geom(rim_band(hair_locks[1], (1, 0), 4).intersection(hair_locks[0].union(hair_locks[2])), (40, 42, 54))

    # the rim: the low sun is in the glass on the left, a little above: edges facing up-left
    front = unary_union(fingers)
    whole = unary_union([thumb, arm_and_hand, sleeve, front])
    visible = whole.difference(rail.difference(unary_union([front, hand_top])))  # the thumb goes behind the rail
    behind_hand = box(-50, -50, W + 50, H + 50).difference(visible.buffer(2)).difference(hair.buffer(2))
    rim_steps(rim_svg, chair, 4, 3, steps=((1.0, 0.9), (2.0, 0.28)), clip=behind_hand)
    rim_steps(rim_svg, rail, 0, 5, steps=((1.0, 0.7),), clip=behind_hand)
    seen = box(-50, -50, W + 50, H + 50).difference(rail).union(unary_union([front, hand_top])).difference(hair)
    rr = random.Random(12)
    # the arm and the sleeve: only along the upper edge (the lower edge is turned from the sun)
    rim_broken(rim_svg, arm_and_hand.union(sleeve), lit_dir, 5, 1.0, rr, clip=seen.difference(front), breaks=0.6)
    rim_steps(rim_svg, thumb, 5, 3, steps=((1.0, 0.8), (1.9, 0.25)), clip=seen.difference(front.buffer(1)))
    rim_steps(rim_svg, hand_top, 3, 6, steps=((1.0, 0.95), (2.0, 0.3)), clip=seen.difference(forearm))
    rim_steps(rim_svg, cuff_band, 3, 5, steps=((1.0, 0.7),), clip=seen)
    for n, fg in enumerate(fingers):
        over = fg if n == 0 else fg.difference(fingers[n - 1])
        rim_steps(rim_svg, over, 4, 2, steps=((1.0, (1.0, 0.7, 0.55, 0.45)[n]), (2.0, 0.22)))
    for lk in hair_locks:
        rim_broken(rim_svg, lk, (-1, -0.2), 3, 0.75, rr, breaks=0.8)

    # the low sun through the haze over the city wavers (a light that moves while he rests):
    # the glare round it in the sky, the sheen it lays along the varnished top of the rail and
    # on the knuckles, each stretch of it brightening and fading on its own (`flicker`, slow:
    # docs/stage-format.md). (A rim plane: the sun's light, in the preset's rim colour, added;
    # painted white, as the other rims are)
    sun_x, sun_y = 170, 506  # (the last_rays preset's sun)
    out_of_wood = box(-50, -50, W + 50, H + 50).difference(chair.buffer(2)).difference(visible.buffer(2)).difference(hair)
    glare = sheen.rad(sun_x, sun_y, 330, [(0.0, "#ffffff", 0.0), (0.13, "#ffffff", 0.0), (0.2, "#ffffff", 0.34),
                                          (0.35, "#ffffff", 0.2), (0.55, "#ffffff", 0.08), (0.78, "#ffffff", 0.02),
                                          (1.0, "#ffffff", 0.0)])  # (a ring: not over the disc)
    sheen.geom(Point(sun_x, sun_y).buffer(330, 64).intersection(out_of_wood), glare)
    top_edge = rail.difference(translate(rail, 0, 4)).intersection(behind_hand)
    for x0, x1, op in ((-50, 700, 1.0), (700, 1300, 0.75), (1300, W + 50, 0.5)):
        part = top_edge.intersection(box(x0, 0, x1, H))
        sheen.geom(part, "#ffffff", op)
        sheen.geom(part.buffer(5).intersection(rail.union(out_of_wood)).difference(part), "#ffffff", 0.25 * op)
    sheen.geom(rim(hand_top, 3, 6).intersection(seen.difference(forearm)), "#ffffff", 0.8)  # the knuckles
    # the low sun's shaft along the rail: dust drifts and glints in it, over the hand
    cg.beam("shaft", "sun", 70, [(150, 380), (150, 580), (1500, 820), (1500, 420)], dust=6, strength=0)
    cg.mark("hand", 1040, 620)
    cg.mark("rail", 700, 560)
    cg.mark("cuff", 1344, 224)  # the middle of the cuff's hem, on the forearm
    cg.mark("wrist", 1236, 391)
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
    seam = cg.plane("corridor", "emissive")  # the corridor's light round the door (on as the room darkens)
    fig = cg.plane("figure", "ambient")
    rim_svg = cg.plane("rim", "rim")
    on_him = cg.plane("corridor_on_him", "emissive")
    frame_x = 1010
    # the wall between the glass and the door, warm with the light off the sunlit door (lighter
    # than he is: he stands against it as a clear silhouette)
    room.rect(640, 0, 1300, H, (112, 80, 64))
    room.geom(box(640, 0, 700, H), (78, 58, 50))  # the wall's edge at the glass, in its own shadow
    room.geom(box(frame_x, 0, frame_x + 60, H + 10), (80, 60, 48))  # the frame's moulding
    door = box(frame_x + 60, 30, 1920, H + 10)
    room.geom(door, (74, 54, 42))
    for x0, y0, x1, y1 in ((1170, 110, 1500, 480), (1600, 110, 1880, 480), (1170, 660, 1500, 1040),
                           (1600, 660, 1880, 1040)):
        room.geom(box(x0, y0, x1, y1), (64, 46, 36))
        room.geom(box(x0 + 12, y0 + 12, x1 - 12, y1 - 12), (70, 50, 40))
    knob = (1170, 600)
    room.circle(knob[0] + 30, knob[1], 44, (96, 76, 52))  # the rose

    # Zack in profile facing the door, leaning in with his shoulder on the frame, his head bowed
    # over the knob; the near arm (his broken RIGHT) held against his chest, the torn sleeve
    # ragged over it; the far arm (his good LEFT) reaching past the frame to the knob.
    zx, zy, hz = 820, 260, 224
    rr = random.Random(21)
    face = ProfileFace((zx, zy), hz, 1, 0.3)
    head = face.head
    hair = zack_hair((zx, zy), hz, 1)
    neck = ribbon([(zx - 16, zy + 150), (zx - 4, zy + 240), (zx + 6, zy + 300)], [110, 124, 160])
    # the torso: the back curving from the nape over the shoulder blade (a little hunched), the
    # chest leaning into the frame
    # (in at the waist, front and back: a man leaning on the frame, the wall seen between his
    # belly and the door; not a block)
    body = outline([(zx - 44, zy + 196), (zx - 84, zy + 258), (zx - 150, zy + 296), (zx - 214, zy + 352),
                    (zx - 240, zy + 470), (zx - 222, zy + 590), (zx - 196, zy + 680), (zx - 204, zy + 770),
                    (zx - 216, H + 60), (zx + 140, H + 60), (zx + 132, zy + 760), (zx + 120, zy + 660),
                    (zx + 146, zy + 540), (zx + 176, zy + 450), (zx + 150, zy + 384), (zx + 96, zy + 306),
                    (zx + 44, zy + 236)], 8)
    # the far arm to the knob: out from the chest, the elbow low, the forearm forward past the
    # frame; the hand closed round the knob (its fingers of unequal width wrapping the near side,
    # the thumb over the top)
    kx, ky = knob
    arm_l = ribbon([(zx + 120, zy + 390), (zx + 170, zy + 470), (zx + 206, zy + 530), (kx - 150, ky + 56),
                    (kx - 96, ky + 30)], [82, 74, 66, 58, 50], shift=[0, 4, 0, -2, 0])
    back = outline([(kx - 110, ky + 4), (kx - 84, ky - 26), (kx - 40, ky - 44), (kx - 8, ky - 42), (kx + 2, ky - 10),
                    (kx - 8, ky + 40), (kx - 56, ky + 58), (kx - 104, ky + 52)], 8)
    # (the index reaching furthest round the knob, the lower fingers shorter and curling down
    # more: staggered tips, not a stack of equal bars)
    fingers = [ribbon([(kx - 24, ky - 36 + dy), (kx + 8 + e, ky - 40 + dy + f), (kx + 26 + e, ky - 26 + dy + 2 * f),
                       (kx + 20 + e, ky - 12 + dy + 3 * f)], [w, w * 0.94, w * 0.86, w * 0.7], round_end=True)
               for dy, w, e, f in ((0, 25, 2, 0), (23, 24, 4, 1), (45, 22, -3, 3), (64, 19, -10, 4))]
    thumb = ribbon([(kx - 86, ky - 18), (kx - 50, ky - 46), (kx - 12, ky - 56), (kx + 10, ky - 52)], [30, 27, 23, 18],
                   round_end=True)
    fist = unary_union([back, *fingers, thumb]).buffer(1.5).buffer(-1.5)
    room.circle(kx + 40, ky, 30, (150, 120, 80))  # the knob's far side, showing past the fingers
    # the near (right) arm, broken: the upper arm hanging from the shoulder, the swollen forearm
    # across the chest, the hand limp near the far shoulder; the torn sleeve over the upper arm
    # (the elbow tucked in at his side, the forearm up across the lower chest, cradled)
    upper = ribbon([(zx - 96, zy + 330), (zx - 106, zy + 420), (zx - 96, zy + 500), (zx - 70, zy + 560)],
                   [124, 104, 92, 88], round_start=True, round_end=True)
    fore = ribbon([(zx - 70, zy + 560), (zx + 10, zy + 540), (zx + 90, zy + 494), (zx + 140, zy + 440)],
                  [86, 94, 82, 64], shift=[0, 4, 2, 0])
    limp = open_hand((zx + 136, zy + 446), math.radians(62), 108, spread=0.0, curl=0.15, side=1)
    near = unary_union([upper, fore, limp])
    sleeve = ribbon([(zx - 96, zy + 320), (zx - 106, zy + 400), (zx - 104, zy + 480)], [140, 128, 124],
                    round_start=True)
    tear = Polygon([(zx - 190, zy + 440), (zx - 160, zy + 470), (zx - 140, zy + 446), (zx - 118, zy + 488),
                    (zx - 96, zy + 458), (zx - 72, zy + 494), (zx - 52, zy + 452), (zx - 20, zy + 466),
                    (zx - 20, zy + 200), (zx - 190, zy + 200)])
    sleeve = sleeve.intersection(tear)
    zack = unary_union([hair, head, neck, body, arm_l, fist])
    fig.geom(zack, (24, 22, 28))
    fig.geom(hair, (12, 11, 14))
    # the belt at his waist (the uniform's), its buckle toward the door
    belt = body.intersection(Polygon([(0, zy + 650), (W, zy + 610), (W, zy + 660), (0, zy + 700)]))
    fig.geom(belt, (14, 13, 16))
    fig.geom(rim_band(belt, (0, -1), 3), (40, 34, 34))
    face.draw(fig, rim_svg, (28, 25, 30), (36, 31, 36), (12, 11, 14), strength=0.35, hidden=hair, ear=False)
    occlusion(fig, near, body, (-1, -0.3), 5, (8, 7, 10))
    fig.geom(near, (40, 32, 36))  # the swollen arm: a little redder than his skin (docs/art.md)
    fig.geom(sleeve, (30, 28, 34))
    fig.geom(rim_band(sleeve, (1, -0.3), 5).intersection(upper), (14, 12, 16))  # the torn hem's shadow on the arm
    for w, c in ((16, (50, 40, 44)), (8, (58, 46, 50))):  # the half-light inside the arm's lit edge
        fig.geom(rim_band(near, (-1, -0.4), w).difference(sleeve), c)
    # the creases between the curled fingers
    for f0, f1 in zip(fingers, fingers[1:], strict=False):
        fig.geom(rim_band(f1, (0, -1), 2.5).intersection(f0.buffer(2)), (10, 9, 12))
    rim_broken(rim_svg, zack.difference(fist.buffer(6)), (-1, -0.5), 3.5, 1.0, rr, breaks=0.8)
    rim_broken(rim_svg, zack.difference(fist.buffer(6)), (0, -1), 2.5, 0.4, rr, breaks=1.4)
    # (below the shoulder: the arm hangs from it, no arc of light round the shoulder's cap)
    rim_broken(rim_svg, near.union(sleeve), (-1, -0.4), 3.5, 0.8, rr, breaks=0.8, clip=box(0, zy + 420, W, H))
    rim_steps(rim_svg, fist, 3, 3, steps=((1.0, 0.9), (2.0, 0.25)))
    # the sunlit door throws a little warm light back on his front: a thin line along the face,
    # the chest and the cradled arm where they face it
    rim_broken(rim_svg, zack.union(near).difference(fist.buffer(6)), (1, 0.1), 2.0, 0.3, rr, breaks=1.2,
               clip=box(0, zy + 60, W, H))
    rag = sleeve.difference(translate(sleeve, 0, -4)).difference(upper.buffer(-30))  # the torn hem's ragged edge
    rim_svg.geom(rag.intersection(box(0, zy + 420, W, H)), "#ffffff", 0.45)
    rim_steps(rim_svg, box(frame_x, 0, frame_x + 60, H + 10), 4, 0, steps=((1.0, 0.6),),
              clip=box(0, 0, W, H).difference(unary_union([zack, near])))
    rim_svg.circle(knob[0] + 48, knob[1] - 14, 7, "#ffffff", 0.9)  # the knob's glint

    # the corridor beyond the door is lit (its tubes are always on): as the dusk takes the room
    # (emissive: nothing in the sun, most at dusk) a cold line of it shows in the gap along the
    # door's latch edge and its head, and through the keyhole under the knob, and a thread of it
    # lies along his face and the hand on the knob: the way out, lit, is what the block ends on
    edge = frame_x + 60
    for x0, y0, x1, y1, lit in ((edge - 2, 30, edge + 2, H + 10, 1.0), (edge, 28, W, 32, 0.8)):
        gap = box(x0, y0, x1, y1)
        for grow, op in ((0, lit), (5, 0.22 * lit), (16, 0.08 * lit), (40, 0.03 * lit)):
            seam.geom(gap.buffer(grow) if grow else gap, CORRIDOR, op)
    hole = unary_union([disc(kx + 30, ky + 92, 5), Polygon([(kx + 27, ky + 93), (kx + 33, ky + 93), (kx + 35, ky + 108),
                                                            (kx + 25, ky + 108)])])
    for grow, op in ((0, 0.85), (4, 0.14), (14, 0.05)):
        seam.geom(hole.buffer(grow) if grow else hole, CORRIDOR, op)
    glow_edge(on_him, face.head.difference(hair), (1, 0.15), 2.5, CORRIDOR, 0.85, clip=box(zx + 20, zy + 40, W, zy + 240))
    glow_edge(on_him, fist, (-0.2, 1), 2.5, CORRIDOR, 0.6)  # (the fingers' undersides, over the keyhole)

    cg.mark("knob", knob[0], knob[1])
    cg.mark("arm", zx + 60, zy + 520)
    cg.mark("face", zx + 80, zy + 140)
    cg.keep("face", zx - 220, zy - 90, 360, 380)
    cg.keep("hands", zx - 100, zy + 270, kx + 40 - (zx - 100), 380)  # the knob in his left hand, the arm at his chest
    # the low sun through the glass behind him: a hard-edged band across the door (group `sun`)
    # (two bands: the shadow of a mullion of the glass wall falls between them)
    cg.beam("door_light", "sun", 14, [(frame_x + 70, 0), (1330, 0), (1530, 1080), (1290, 1080)], dust=7)
    cg.beam("door_light_2", "sun", 14, [(1372, 0), (1500, 0), (1730, 1080), (1578, 1080)], dust=7)
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
