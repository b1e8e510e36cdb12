"""Generates the places the leave ending passes through (02_leave.yaml): the `corridor`
outside the General's apartment, its elevator at the end; the `barracks` room seen from
Zack's bunk, a window the size of a book high in its wall; the `briefing` room the next
morning. SVG layers + a Tiled map each, lit by the same presets as the room
(assets/lighting.yaml: `fluorescent` for the corridor and the briefing, `dusk`, `night` and
`day` for the barracks).

Needs numpy + shapely (tools only: `pip install -e '.[art-tools]'`), run from tools/art:
`python places.py`. Deterministic (seeded).
"""
from __future__ import annotations

import os
import random

from svgkit import SVG, mix

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "stages")
W, H = 1920, 1080


def tmx(name: str, layers: list[tuple[str, str, str]], horizon: float, mark: tuple[str, float, float, float]) -> str:
    """A map of image layers (file stem, light role, extra property lines), bottom first, and
    one mark (name, x, y, scale)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<map version="1.8" tiledversion="1.8.2" orientation="orthogonal" renderorder="right-down" '
           f'width="16" height="9" tilewidth="120" tileheight="120" infinite="0" nextlayerid="{len(layers) + 2}" '
           'nextobjectid="2">',
           ' <properties>',
           f'  <property name="horizon" type="float" value="{horizon}"/>',
           ' </properties>']
    for i, (stem, light, extra) in enumerate(layers, start=1):
        out += [f' <imagelayer id="{i}" name="{stem}">',
                f'  <image source="{name}/{stem}.svg" width="{W}" height="{H}"/>',
                '  <properties>',
                f'   <property name="light" value="{light}"/>']
        if extra:
            out.append(extra)
        out += ['  </properties>', ' </imagelayer>']
    name_, mx, my, sc = mark
    out += [f' <objectgroup id="{len(layers) + 1}" name="marks">',
            f'  <object id="1" name="{name_}" x="{mx}" y="{my}">',
            '   <properties>',
            f'    <property name="scale" type="float" value="{sc}"/>',
            '   </properties>',
            '   <point/>',
            '  </object>',
            ' </objectgroup>', '</map>']
    return "\n".join(out) + "\n"


# ---- the corridor ---------------------------------------------------------------------------
# One-point perspective down a long corridor, the elevator's steel doors at its end. Every line
# along the corridor runs to the vanishing point VP; `toward(p, t)` is the point of the near
# frame's p a fraction t of the way there (the far wall at T_FAR). The room is painted as albedo
# (the `fluorescent` preset multiplies it); the ceiling panels are emissive.
VP = (960.0, 470.0)
T_FAR = 0.8


def toward(p, t):
    """The point a fraction t of the way from p to the vanishing point."""
    return (p[0] + (VP[0] - p[0]) * t, p[1] + (VP[1] - p[1]) * t)


def at_depth(z: float) -> float:
    """t (toward VP) of a plane z metres down the corridor (the near frame 2.2 m away)."""
    return 1.0 - 2.2 / (2.2 + z)


def corridor() -> tuple[SVG, SVG]:
    s, glow = SVG(W, H), SVG(W, H)
    (x0, y0), (x1, y1) = toward((0, 0), T_FAR), toward((W, H), T_FAR)
    wall, wall_dark = (206, 202, 190), (150, 146, 138)
    s.poly([(0, 0), (W, 0), (x1, y0), (x0, y0)], s.lin(0, 0, 0, y0, [(0, (92, 92, 94)), (1, (160, 160, 156))]))
    s.poly([(0, 0), (x0, y0), (x0, y1), (0, H)], s.lin(0, 0, x0, 0, [(0, wall_dark), (1, wall)]))
    s.poly([(W, 0), (x1, y0), (x1, y1), (W, H)], s.lin(W, 0, x1, 0, [(0, wall_dark), (1, wall)]))
    s.poly([(0, H), (x0, y1), (x1, y1), (W, H)], s.lin(0, H, 0, y1, [(0, (150, 140, 126)), (1, (196, 190, 178))]))
    # the polish: the ceiling panels mirrored in the floor, soft streaks down its middle
    for k in range(9):
        ta, tb = at_depth(0.6 + k * 1.6), at_depth(1.2 + k * 1.6)
        if tb >= T_FAR:
            break
        pts = [toward((960 - 200, H + 40), ta), toward((960 + 200, H + 40), ta),
               toward((960 + 200, H + 40), tb), toward((960 - 200, H + 40), tb)]
        s.poly(pts, (250, 250, 244), 0.35)
    # doors along both walls (frames, then the panels), before the rails so the rails stop at them
    doors = []
    for side, z in ((0, 1.2), (0, 5.0), (W, 2.6), (W, 7.0)):
        ta, tb = at_depth(z), at_depth(z + 1.0)
        doors.append((side, ta, tb))
    for side, y, h, col in ((0, 640, 10, (170, 164, 152)), (W, 640, 10, (170, 164, 152)),
                            (0, 1030, 50, (92, 86, 80)), (W, 1030, 50, (92, 86, 80))):
        s.poly([(side, y), toward((side, y), T_FAR), toward((side, y + h), T_FAR), (side, y + h)], col)
    for side, ta, tb in doors:
        s.poly([toward((side, 250), ta), toward((side, 250), tb), toward((side, H), tb), toward((side, H), ta)],
               (120, 104, 88))
        s.poly([toward((side, 268), ta + 0.012), toward((side, 268), tb - 0.006),
                toward((side, H), tb - 0.006), toward((side, H), ta + 0.012)], (92, 78, 66))
        hx = toward((side, 700), tb - 0.03)
        s.circle(hx[0], hx[1], max(2.0, 9 * (1 - tb)), (200, 196, 186))
    # the far wall and the elevator: brushed steel doors, their seam, a frame, the call panel
    s.rect(x0, y0, x1 - x0, y1 - y0, (190, 186, 176))
    ew, eh = 150, 170
    ex0, ey0 = VP[0] - ew / 2, y1 - eh
    s.rect(ex0 - 9, ey0 - 9, ew + 18, eh + 9, (96, 98, 104))
    s.rect(ex0, ey0, ew, eh, s.lin(ex0, 0, ex0 + ew, 0, [(0, (150, 156, 162)), (0.45, (218, 222, 226)),
                                                          (0.5, (118, 122, 128)), (0.55, (210, 214, 218)),
                                                          (1, (140, 146, 152))]))
    # in the steel, a young man's reflection looking back: spiked hair, one arm held to his chest
    # (dim and soft: brushed steel, not a mirror)
    hx, hy = VP[0] + 6, ey0 + 56
    spikes = [(hx - 12, hy + 2), (hx - 22, hy - 6), (hx - 13, hy - 10), (hx - 20, hy - 22), (hx - 6, hy - 16),
              (hx - 4, hy - 30), (hx + 4, hy - 17), (hx + 14, hy - 27), (hx + 12, hy - 12), (hx + 24, hy - 14),
              (hx + 13, hy - 3), (hx + 12, hy + 4)]
    ghost = (74, 76, 82)
    s.poly(spikes, ghost, 0.35)
    s.ellipse(hx, hy + 6, 11, 14, ghost, 0.35)
    s.poly([(hx - 6, hy + 17), (hx + 6, hy + 17), (hx + 8, hy + 25), (hx - 8, hy + 25)], ghost, 0.35)
    s.path(f"M{hx - 40} {ey0 + eh} C{hx - 38} {hy + 50} {hx - 34} {hy + 32} {hx - 8} {hy + 25} "
           f"L{hx + 8} {hy + 25} C{hx + 34} {hy + 32} {hx + 38} {hy + 50} {hx + 40} {ey0 + eh}Z", ghost, 0.3)
    s.path(f"M{hx - 30} {hy + 56} C{hx - 10} {hy + 48} {hx + 14} {hy + 54} {hx + 24} {hy + 62} "
           f"C{hx + 10} {hy + 70} {hx - 12} {hy + 68} {hx - 30} {hy + 64}Z", (60, 62, 68), 0.35)
    s.rect(VP[0] - 1, ey0, 2, eh, (60, 62, 66))
    s.rect(ex0 + ew + 16, ey0 + 70, 10, 20, (90, 92, 96))
    s.rect(ex0 + ew + 18.5, ey0 + 75, 5, 5, (240, 236, 220))
    s.rect(ex0 + 40, ey0 - 24, ew - 80, 10, (40, 40, 44))
    glow.rect(ex0 + ew + 18.5, ey0 + 75, 5, 5, (255, 220, 150))
    glow.rect(ex0 + 52, ey0 - 22, 14, 6, (255, 140, 60))
    # ceiling panels: emissive strips in perspective, up to the far wall
    for k in range(12):
        ta, tb = at_depth(0.3 + k * 1.6), at_depth(0.9 + k * 1.6)
        if tb >= T_FAR - 0.01:
            break
        pts = [toward((960 - 190, -20), ta), toward((960 + 190, -20), ta),
               toward((960 + 190, -20), tb), toward((960 - 190, -20), tb)]
        s.poly(pts, (236, 238, 236))
        glow.poly(pts, (236, 244, 255))
    return s, glow


# ---- the barracks ---------------------------------------------------------------------------
# From Zack's bunk: the dark wall of the room, a window the size of a book high in it with the
# city's towers and lights, the foot of his bunk and its grey blanket in the foreground, the
# next bunk in shadow at the left. The window's sky comes from the preset (the sky mask).
WIN = (1180, 250, 1420, 420)  # x0, y0, x1, y1: the window's glass


def barracks() -> tuple[SVG, SVG, SVG, SVG, SVG]:
    rng = random.Random(7)
    sky, city, lights, room = SVG(W, H), SVG(W, H), SVG(W, H), SVG(W, H)
    x0, y0, x1, y1 = WIN
    sky.rect(x0, y0, x1 - x0, y1 - y0, "#ffffff")
    # the city in the window: towers against the sky, their lit windows (emissive)
    x = x0 - 10
    while x < x1 + 10:
        w = rng.uniform(14, 34)
        top = rng.uniform(y0 + 40, y1 - 20)
        tone = rng.uniform(46, 80)
        city.rect(x, top, w, y1 - top + 10, (tone, tone * 0.98, tone * 1.05))
        for wy in range(int(top) + 4, y1, 6):
            for wx in range(int(x) + 2, int(x + w) - 2, 5):
                if rng.random() < 0.3:
                    lights.rect(wx, wy, 2, 2, mix((255, 214, 150), (255, 240, 200), rng.random()))
        x += w + rng.uniform(-4, 3)
    lights.circle(x0 + 70, y1 - 70, 2.5, (255, 60, 50))  # a beacon on a tower
    # the city's light through the window, faint on the wall round it, on the floor under it and
    # on the blanket (emissive: it comes up with the city lights at night, gone by day)
    cx = (x0 + x1) / 2
    spill = SVG(W, H)
    spill.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z M{x0} {y0} L{x0} {y1} L{x1} {y1} L{x1} {y0}Z",
               spill.rad(cx, (y0 + y1) / 2, 520, [(0, (120, 96, 72), 0.55), (0.45, (70, 58, 48), 0.25),
                                                    (1, (40, 34, 30), 0.0)]), evenodd=True)
    spill.poly([(x0 - 40, 692), (x1 + 40, 692), (x1 + 300, 900), (x0 - 160, 900)], (90, 74, 58), 0.35)
    spill.path("M600 800 C800 770 1060 775 1300 790 C1200 840 900 850 640 850Z", (80, 66, 52), 0.35)
    # the room: a dark painted wall with the window cut out of it (even-odd), lighter round the
    # window where its light falls (painted in: the presets light the whole room alike)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    room.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z M{x0} {y0} L{x0} {y1} L{x1} {y1} L{x1} {y0}Z",
              room.lin(0, 0, W, 0, [(0, (50, 52, 60)), (0.6, (84, 86, 94)), (1, (62, 64, 72))]), evenodd=True)
    glow = room.rad(cx, cy + 120, 620, [(0, (170, 172, 182), 0.55), (0.5, (140, 142, 152), 0.2),
                                          (1, (120, 122, 130), 0.0)])
    room.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z M{x0} {y0} L{x0} {y1} L{x1} {y1} L{x1} {y0}Z", glow, evenodd=True)
    room.poly([(x0 - 22, y0 - 18), (x1 + 22, y0 - 18), (x1, y0), (x0, y0)], (120, 122, 130))
    room.poly([(x0 - 22, y0 - 18), (x0, y0), (x0, y1), (x0 - 22, y1 + 18)], (104, 106, 114))
    room.poly([(x0 - 22, y1 + 18), (x0, y1), (x1, y1), (x1 + 22, y1 + 18)], (176, 178, 186))
    room.rect(x0 + (x1 - x0) / 2 - 2, y0, 4, y1 - y0, (70, 72, 80))  # the mullion
    # the window's light on the floor under it, where the wall meets it
    room.rect(0, 690, W, 390, room.lin(0, 690, 0, 1080, [(0, (70, 70, 78)), (1, (40, 40, 46))]))
    room.poly([(x0 - 60, 690), (x1 + 60, 690), (x1 + 260, 800), (x0 - 140, 800)], (120, 122, 132), 0.35)
    room.rect(0, 684, W, 8, (40, 41, 47))  # the skirting
    # a locker at the right, its vents; the next bunk's frame and mattress at the left
    room.rect(1600, 230, 260, 460, room.lin(1600, 0, 1860, 0, [(0, (84, 88, 96)), (1, (52, 54, 60))]))
    room.rect(1728, 230, 3, 460, (34, 36, 40))
    for lx in (1630, 1760):
        for vy in (280, 294, 308):
            room.rect(lx, vy, 70, 5, (34, 36, 40))
    room.rect(360, 300, 20, 420, (66, 68, 76))                                 # its post
    room.poly([(0, 360), (380, 392), (380, 410), (0, 382)], (72, 74, 82))      # the upper bunk's rail
    room.poly([(0, 520), (380, 548), (380, 566), (0, 540)], (72, 74, 82))      # the lower rail
    room.poly([(0, 540), (372, 566), (372, 700), (0, 720)], (44, 45, 52))      # its mattress, in shadow
    # the foot of his own bunk across the bottom: the rail, the grey blanket over his feet
    room.poly([(300, 720), (1920, 668), (1920, 690), (300, 744)], (96, 98, 106))
    room.path("M160 1080 C300 790 640 760 980 772 C1260 782 1560 756 1920 730 L1920 1080Z",
              room.lin(0, 740, 0, 1080, [(0, (128, 128, 134)), (1, (52, 52, 58))]))
    room.path("M420 1080 C560 880 820 850 1000 870 C1140 885 1260 900 1380 1080Z", (72, 72, 80), 0.6)
    room.path("M980 772 C1120 800 1200 840 1240 900 C1180 850 1080 810 960 800Z", (150, 150, 158), 0.5)
    return sky, city, lights, room, spill


# ---- the briefing room ------------------------------------------------------------------------
# The same one-point perspective (VP) at the room's depth: a long table down the middle, empty
# chairs along it, the wall screen's map at the far end (emissive), tall windows down the left
# wall with the day sky in them (a sky mask). Nobody in it: the reader hears the General.
T_BACK = 0.62


def briefing() -> tuple[SVG, SVG, SVG]:
    sky, room, glow = SVG(W, H), SVG(W, H), SVG(W, H)
    (x0, y0), (x1, y1) = toward((0, 0), T_BACK), toward((W, H), T_BACK)
    room.poly([(0, 0), (W, 0), (x1, y0), (x0, y0)], room.lin(0, 0, 0, y0, [(0, (70, 72, 78)), (1, (120, 122, 126))]))
    room.poly([(W, 0), (x1, y0), (x1, y1), (W, H)], room.lin(W, 0, x1, 0, [(0, (112, 112, 116)), (1, (150, 150, 152))]))
    room.poly([(0, H), (x0, y1), (x1, y1), (W, H)], room.lin(0, H, 0, y1, [(0, (58, 60, 66)), (1, (96, 98, 104))]))
    # the left wall: tall windows between piers (the sky shows through them: holes in the wall)
    left = [(0, 0), (x0, y0), (x0, y1), (0, H)]
    panes = []
    for z in (0.4, 2.2, 4.6):
        ta, tb = at_depth(z), min(at_depth(z + 1.3), T_BACK - 0.01)
        panes.append([toward((0, 110), ta), toward((0, 110), tb), toward((0, 900), tb), toward((0, 900), ta)])
    room.path(_cutouts(left, panes), room.lin(0, 0, x0, 0, [(0, (100, 100, 104)), (1, (140, 140, 144))]),
              evenodd=True)
    for pane in panes:
        sky.poly(pane, "#ffffff")
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = pane
        mx = (ax + bx) / 2
        room.poly([(mx - 2, (ay + by) / 2), (mx + 2, (ay + by) / 2), (mx + 2, (cy + dy) / 2), (mx - 2, (cy + dy) / 2)],
                  (70, 72, 78))  # the mullion
        room.poly([(ax, ay + (dy - ay) * 0.55), (bx, by + (cy - by) * 0.55),
                   (bx, by + (cy - by) * 0.55 + 4), (ax, ay + (dy - ay) * 0.55 + 4)], (70, 72, 78))  # the transom
    # the back wall and its screen: a map of the continent in green lines (emissive)
    room.rect(x0, y0, x1 - x0, y1 - y0, (150, 150, 150))
    sx0, sy0, sx1, sy1 = x0 + 60, y0 + 50, x1 - 60, y0 + (y1 - y0) * 0.62
    room.rect(sx0 - 6, sy0 - 6, sx1 - sx0 + 12, sy1 - sy0 + 12, (40, 42, 46))
    room.rect(sx0, sy0, sx1 - sx0, sy1 - sy0, (18, 30, 28))
    rng = random.Random(11)
    for k in range(1, 8):
        gx = sx0 + (sx1 - sx0) * k / 8
        glow.rect(gx, sy0, 1, sy1 - sy0, (30, 90, 70))
    for k in range(1, 5):
        gy = sy0 + (sy1 - sy0) * k / 5
        glow.rect(sx0, gy, sx1 - sx0, 1, (30, 90, 70))
    coast = [(sx0 + 40 + i * (sx1 - sx0 - 80) / 9, sy0 + 30 + rng.uniform(0, sy1 - sy0 - 60)) for i in range(10)]
    for a, b in zip(coast, coast[1:], strict=False):
        glow.poly([a, b, (b[0], b[1] + 2), (a[0], a[1] + 2)], (90, 230, 160))
    glow.circle(*coast[6], 4, (255, 120, 80))
    # the table down the middle (its top 0.75 m up: y 794 on the near plane, the eye 1.6 m up at
    # VP), the chairs along it, empty, their backs over its edge
    def at(x, height, t):
        return toward((x, H - height / 1.6 * (H - VP[1])), t)

    t_near, t_far = 0.22, T_BACK - 0.05
    top = [at(640, 0.75, t_near), at(1280, 0.75, t_near), at(1280, 0.75, t_far), at(640, 0.75, t_far)]
    room.poly(top, room.lin(0, top[0][1], 0, top[3][1], [(0, (104, 80, 60)), (1, (136, 108, 82))]))
    room.poly([top[0], top[1], at(1280, 0.7, t_near), at(640, 0.7, t_near)], (62, 48, 38))
    room.poly([top[3], top[0], at(640, 0.7, t_near), at(640, 0.7, t_far)], (78, 60, 46))
    room.poly([top[1], top[2], at(1280, 0.7, t_far), at(1280, 0.7, t_near)], (70, 54, 42))
    def zt(z):  # t of a plane z metres from the near frame
        return at_depth(z)

    for side in (-1, 1):  # three chairs a side, pulled in under the table's edge; far ones first
        x = 960 + side * 330
        for z in (2.6, 1.7, 0.8):
            t = zt(z)
            k = 1 - t
            w = 150 * k
            (bx, by), (_, ly) = at(x, 1.0, t), at(x, 0.48, t)
            room.path(f"M{bx - w / 2:.1f} {ly:.1f} L{bx - w / 2:.1f} {by + 14 * k:.1f} "
                      f"Q{bx - w / 2:.1f} {by:.1f} {bx - w / 2 + 14 * k:.1f} {by:.1f} "
                      f"L{bx + w / 2 - 14 * k:.1f} {by:.1f} Q{bx + w / 2:.1f} {by:.1f} {bx + w / 2:.1f} {by + 14 * k:.1f} "
                      f"L{bx + w / 2:.1f} {ly:.1f}Z", room.lin(bx - w / 2, 0, bx + w / 2, 0,
                                                              [(0, (58, 58, 66)), (1, (36, 36, 42))]))
            room.poly([(bx - w / 2 + 10 * k, by + 2), (bx + w / 2 - 10 * k, by + 2),
                       (bx + w / 2 - 10 * k, by + 6 * k), (bx - w / 2 + 10 * k, by + 6 * k)], (110, 110, 118))
    # the ceiling's light panels
    for k in range(6):
        ta, tb = at_depth(0.3 + k * 1.6), at_depth(0.9 + k * 1.6)
        if tb >= T_BACK - 0.01:
            break
        pts = [toward((960 - 260, -20), ta), toward((960 + 260, -20), ta),
               toward((960 + 260, -20), tb), toward((960 - 260, -20), tb)]
        room.poly(pts, (226, 228, 226))
        glow.poly(pts, (120, 124, 128))
    return sky, room, glow


def _cutouts(outer, holes) -> str:
    """An even-odd path: `outer` with `holes` cut out of it (for a wall with windows)."""
    def d(pts):
        return "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + "Z"
    return d(outer) + " " + " ".join(d(h) for h in holes)


def main() -> None:
    os.makedirs(os.path.join(OUT, "shinra_corridor"), exist_ok=True)
    hall, glow = corridor()
    hall.save(os.path.join(OUT, "shinra_corridor", "hall.svg"), "the corridor")
    glow.save(os.path.join(OUT, "shinra_corridor", "lights.svg"), "the corridor's lights")
    with open(os.path.join(OUT, "shinra_corridor.tmx"), "w") as fh:
        fh.write(tmx("shinra_corridor", [("hall", "ambient", ""), ("lights", "emissive", "")], VP[1],
                ("by_elevator", 1060, 592, 0.2)))
    os.makedirs(os.path.join(OUT, "shinra_barracks"), exist_ok=True)
    names = ("sky", "city", "city_lights", "room", "spill")
    for svg, stem in zip(barracks(), names, strict=True):
        svg.save(os.path.join(OUT, "shinra_barracks", f"{stem}.svg"), f"barracks {stem}")
    os.makedirs(os.path.join(OUT, "shinra_briefing"), exist_ok=True)
    for svg, stem in zip(briefing(), ("sky", "room", "screen"), strict=True):
        svg.save(os.path.join(OUT, "shinra_briefing", f"{stem}.svg"), f"briefing {stem}")
    with open(os.path.join(OUT, "shinra_briefing.tmx"), "w") as fh:
        fh.write(tmx("shinra_briefing", [("sky", "sky", ""), ("room", "ambient", ""), ("screen", "emissive", "")],
                     900, ("head_of_table", 960, 700, 0.4)))
    with open(os.path.join(OUT, "shinra_barracks.tmx"), "w") as fh:
        fh.write(tmx("shinra_barracks", [("sky", "sky", ""), ("city", "ambient", ""),
                                  ("city_lights", "emissive",
                                   '   <property name="twinkle" type="float" value="0.3"/>'),
                                  ("room", "ambient", ""), ("spill", "emissive", "")], WIN[3],
                    ("by_locker", 1500, 1000, 0.9)))


if __name__ == "__main__":
    main()
