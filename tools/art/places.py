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
import re

from shapely.geometry import Polygon, box
from svgkit import SVG, catmull, mix

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "stages")
W, H = 1920, 1080


def tmx(name: str, layers: list[tuple[str, str, str]], horizon: float,
        marks: list[tuple[str, float, float, float]], above: int = 0) -> str:
    """A map of image layers (file stem, light role, extra property lines), bottom first, and
    its marks (name, x, y, scale[, {property: value}]) under the last `above` layers (0: over
    them all)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<map version="1.8" tiledversion="1.8.2" orientation="orthogonal" renderorder="right-down" '
           f'width="16" height="9" tilewidth="120" tileheight="120" infinite="0" nextlayerid="{len(layers) + 2}" '
           f'nextobjectid="{len(marks) + 1}">',
           ' <properties>',
           f'  <property name="horizon" type="float" value="{horizon}"/>',
           ' </properties>']
    def image(i: int, stem: str, light: str, extra: str) -> list[str]:
        lines = [f' <imagelayer id="{i}" name="{stem}">',
                 f'  <image source="{name}/{stem}.svg" width="{W}" height="{H}"/>',
                 '  <properties>',
                 f'   <property name="light" value="{light}"/>']
        if extra:
            lines.append(extra)
        return lines + ['  </properties>', ' </imagelayer>']

    under = layers[:len(layers) - above]
    for i, layer in enumerate(under, start=1):
        out += image(i, *layer)
    out.append(f' <objectgroup id="{len(layers) + 1}" name="marks">')
    for i, (name_, mx, my, sc, *more) in enumerate(marks, start=1):
        props = [f'    <property name="scale" type="float" value="{sc}"/>']
        for key, value in (more[0] if more else {}).items():
            kind = ' type="int"' if isinstance(value, int) else ""
            props.append(f'    <property name="{key}"{kind} value="{value}"/>')
        out += [f'  <object id="{i}" name="{name_}" x="{mx}" y="{my}">',
                '   <properties>', *props, '   </properties>',
                '   <point/>',
                '  </object>']
    out.append(' </objectgroup>')
    for i, layer in enumerate(layers[len(under):], start=len(under) + 1):
        out += image(i, *layer)
    out.append('</map>')
    return "\n".join(out) + "\n"


# ---- the corridor ---------------------------------------------------------------------------
# A real one-point perspective: the eye EYE m above the floor looking down the corridor, focal
# length F px; `p3(X, Y, Z)` is the screen point of the world point (X across, Y up, Z away, in
# metres). The corridor is CW m wide and CH m high; its far end, the elevator lobby's wall, is
# ZF m away. The room is painted as albedo (the `fluorescent` preset multiplies it): the light
# falls off away from the ceiling panels (pools on the floor and the walls under each), the
# corners and seams sink into shadow, the near end darkens, the polished floor mirrors the
# panels and the doors. The panels, their halos and their reflections are emissive.
F, EYE, VPY = 1150.0, 1.6, 450.0
CW, CH, ZF = 3.2, 2.7, 6.6
PANELS = (1.4, 3.1, 4.8)  # the ceiling panels' centres (Z)
DOOR_Z = ((-1, 1.9), (-1, 4.3), (1, 2.6))  # office doors: side (-1 left, 1 right), near edge Z
ZACK = (1.4, 5.55)  # where Zack leans on the right wall by the elevator (X, Z)
LIFT = 1.2, 2.2  # the elevator doors' width and height (m)


def p3(x: float, y: float, z: float) -> tuple[float, float]:
    return (960.0 + F * x / z, VPY - F * (y - EYE) / z)


def quad(a, b, c, d):
    return [p3(*a), p3(*b), p3(*c), p3(*d)]


def mark_of(x: float, z: float, height: float = 940.0) -> tuple[float, float, float]:
    """The mark (screen x, y, sprite scale) of a person standing at (x, z): 1.76 m tall."""
    sx, sy = p3(x, 0.0, z)
    return (round(sx), round(sy), round(F * 1.76 / z / height, 3))


def corridor() -> tuple[SVG, SVG]:
    s, glow = SVG(W, H), SVG(W, H)
    hw = CW / 2
    near = 0.8
    # the shell: ceiling, walls, floor, each lit from the panels (lighter toward the far end,
    # where the lobby is lit; darker at the near end and in the corners)
    far_tl, far_br = p3(-hw, CH, ZF), p3(hw, 0, ZF)
    ceil = quad((-hw, CH, near), (hw, CH, near), (hw, CH, ZF), (-hw, CH, ZF))
    s.poly(ceil, s.lin(0, 0, 0, far_tl[1], [(0, (92, 94, 96)), (0.6, (140, 142, 142)), (1, (168, 170, 168))]))
    for side in (-1, 1):
        x = side * hw
        wall = quad((x, 0, near), (x, CH, near), (x, CH, ZF), (x, 0, ZF))
        edge = 0 if side < 0 else W  # (darkest at the frame's edge: the near end is far from the lit lobby)
        s.poly(wall, s.lin(edge, 0, p3(x, 0, ZF)[0], 0, [(0, (92, 90, 84)), (0.45, (158, 154, 144)),
                                                          (1, (216, 212, 200))]))
    floor = quad((-hw, 0, near), (hw, 0, near), (hw, 0, ZF), (-hw, 0, ZF))
    s.poly(floor, s.lin(0, H, 0, far_br[1], [(0, (52, 50, 48)), (0.5, (112, 106, 98)), (1, (170, 164, 152))]))
    # pools of light under each panel: on the floor (squashed by the perspective), high on the walls
    for z in PANELS:
        fx, fy = p3(0, 0, z)
        r = F * 1.5 / z
        s.ellipse(fx, fy, r * 1.1, r * 0.32, s.rad(fx, fy, r * 1.1, [(0, (236, 230, 214), 0.55), (0.6, (220, 214, 200), 0.18),
                                                                    (1, (210, 204, 190), 0.0)],
                                                  transform=f"translate({fx:.1f} {fy:.1f}) scale(1 0.29) translate({-fx:.1f} {-fy:.1f})"))
        for side in (-1, 1) if z > 2 else ():  # (the nearest panel's pools fall outside the frame)
            wx, wy = p3(side * hw, CH - 0.5, z)
            rr = F * 1.4 / z
            s.ellipse(wx, wy, rr * 0.28, rr * 0.7, s.rad(wx, wy, rr * 0.7, [(0, (255, 252, 240), 0.6), (0.5, (250, 246, 234), 0.25), (1, (240, 236, 224), 0.0)],
                                                     transform=f"translate({wx:.1f} {wy:.1f}) scale(0.4 1) translate({-wx:.1f} {-wy:.1f})"))
    # the polished floor mirrors the lobby: its wall and the steel doors upside down under them,
    # fading as the floor comes nearer (the panels' own images fall below the frame)
    fl, fr_ = p3(-hw, 0, ZF)[0], p3(hw, 0, ZF)[0]
    top, bottom = p3(0, 0, ZF)[1], p3(0, -1.4, ZF)[1]
    s.rect(fl, top, fr_ - fl, bottom - top, s.lin(0, top, 0, bottom, [(0, (206, 202, 192), 0.5), (1, (190, 186, 176), 0.0)]))
    (lx0, _), (lx1, _) = p3(-LIFT[0] / 2, 0, ZF), p3(LIFT[0] / 2, 0, ZF)
    lb = p3(0, -1.2, ZF)[1]
    s.rect(lx0, top, lx1 - lx0, lb - top, s.lin(0, top, 0, lb, [(0, (120, 126, 134), 0.55), (1, (150, 156, 164), 0.0)]))
    s.rect((lx0 + lx1) / 2 - 1.5, top, 3, (lb - top) * 0.6, (52, 54, 60), 0.3)
    # the seams sink into shadow: dark soft bands along the floor and ceiling edges
    for side in (-1, 1):
        x = side * hw
        for y, inward in ((0.0, 0.14), (CH, -0.12)):
            band = quad((x, y, near), (x - side * 0.28, y, near), (x - side * 0.28, y, ZF), (x, y, ZF))
            s.poly(band, (20, 20, 22), 0.18)
            wallband = quad((x, y, near), (x, y + inward, near), (x, y + inward, ZF), (x, y, ZF))
            s.poly(wallband, (20, 20, 22), 0.28)
        # skirting and a chair rail along the wall
        s.poly(quad((x, 0, near), (x, 0.1, near), (x, 0.1, ZF), (x, 0, ZF)), (62, 58, 54))
        s.poly(quad((x, 0.9, near), (x, 0.93, near), (x, 0.93, ZF), (x, 0.9, ZF)), (150, 146, 136))
        s.poly(quad((x, 0.93, near), (x, 0.95, near), (x, 0.95, ZF), (x, 0.93, ZF)), (226, 222, 210), 0.6)
    # office doors, set into the walls: the reveal (the jamb's depth, lit on its far side), the
    # door, its handle; each mirrored dimly in the floor
    for side, z in DOOR_Z:
        x, dw, dh, depth = side * hw, 0.95, 2.1, 0.12
        jamb = quad((x, 0, z + dw), (x, dh, z + dw), (x + side * depth, dh, z + dw), (x + side * depth, 0, z + dw))
        s.poly(quad((x, 0, z - 0.06), (x, dh + 0.06, z - 0.06), (x, dh + 0.06, z + dw + 0.06), (x, 0, z + dw + 0.06)),
               (112, 100, 86))  # the frame
        s.poly(quad((x + side * depth, 0, z), (x + side * depth, dh, z), (x + side * depth, dh, z + dw),
                    (x + side * depth, 0, z + dw)), s.lin(p3(x, 0, z)[0], 0, p3(x, 0, z + dw)[0], 0,
                                                          [(0, (70, 58, 48)), (1, (104, 88, 72))]))
        s.poly(jamb, (150, 140, 126))
        s.poly(quad((x, 0, z), (x, dh, z), (x + side * depth, dh, z), (x + side * depth, 0, z)), (92, 82, 70))
        hx, hy = p3(x + side * depth, 1.0, z + dw - 0.12)
        s.ellipse(hx, hy, max(2.0, 40 / z), max(1.5, 14 / z), (196, 192, 182))
        # its reflection in the floor
        s.poly(quad((x + side * depth * 0.5, 0, z), (x + side * depth * 0.5, 0, z + dw),
                    (x - side * 0.35, 0, z + dw), (x - side * 0.35, 0, z)), (60, 50, 42), 0.25)
    # a fire-hose cabinet and an exit sign for the building's ordinariness
    cab = quad((-hw, 0.8, 3.4), (-hw, 1.5, 3.4), (-hw, 1.5, 3.8), (-hw, 0.8, 3.8))
    s.poly(cab, (150, 40, 34))
    s.poly(quad((-hw, 0.86, 3.44), (-hw, 1.44, 3.44), (-hw, 1.44, 3.76), (-hw, 0.86, 3.76)), (112, 26, 24))
    # the far wall, the elevator lobby: brighter (lit from above), its floor lit too
    s.rect(far_tl[0], far_tl[1], far_br[0] - far_tl[0], far_br[1] - far_tl[1],
           s.lin(0, far_tl[1], 0, far_br[1], [(0, (186, 184, 176)), (0.35, (218, 214, 204)), (1, (176, 172, 162))]))
    for x in (far_tl[0], far_br[0] - 10):  # the corners' shadows
        s.rect(x, far_tl[1], 10, far_br[1] - far_tl[1], (40, 40, 42), 0.22)
    s.rect(far_tl[0], far_br[1] - 0.1 * F / ZF, far_br[0] - far_tl[0], 0.1 * F / ZF, (62, 58, 54))
    lw, lh = LIFT
    (ex0, ey0), (ex1, ey1) = p3(-lw / 2, lh, ZF), p3(lw / 2, 0, ZF)
    fr = 14
    s.rect(ex0 - fr, ey0 - fr, ex1 - ex0 + 2 * fr, ey1 - ey0 + fr, (84, 86, 92))
    s.rect(ex0 - fr + 3, ey0 - fr + 3, ex1 - ex0 + 2 * fr - 6, 3, (200, 204, 210))  # the frame's lit top edge
    s.rect(ex0, ey0, ex1 - ex0, ey1 - ey0,
           s.lin(ex0, 0, ex1, 0, [(0, (132, 138, 146)), (0.22, (196, 200, 206)), (0.48, (150, 156, 164)),
                                  (0.52, (142, 148, 156)), (0.78, (206, 210, 214)), (1, (128, 134, 142))]))
    # the ceiling's panels mirrored high in the steel
    s.rect(ex0, ey0, ex1 - ex0, 26, (236, 240, 244), 0.28)
    # the corridor dimly in the steel: a paler band where the far panels shine in it
    s.rect(ex0, ey0 + 30, ex1 - ex0, (ey1 - ey0) * 0.4, (226, 230, 236), 0.12)
    s.rect((ex0 + ex1) / 2 - 1.5, ey0, 3, ey1 - ey0, (52, 54, 60))  # the doors' seam
    s.rect(ex0, ey1 - 6, ex1 - ex0, 6, (60, 62, 66))  # the sill
    # the call panel and the floor indicator (lit)
    px, py = ex1 + fr + 22, ey0 + (ey1 - ey0) * 0.45
    s.rect(px, py, 16, 34, (92, 94, 100))
    s.circle(px + 8, py + 11, 4, (240, 236, 220))
    s.circle(px + 8, py + 24, 4, (180, 176, 168))
    glow.circle(px + 8, py + 11, 4, (255, 210, 140))
    s.rect((ex0 + ex1) / 2 - 46, ey0 - fr - 26, 92, 18, (36, 36, 40))
    glow.rect((ex0 + ex1) / 2 - 36, ey0 - fr - 22, 22, 10, (255, 150, 70))
    glow.rect((ex0 + ex1) / 2 + 6, ey0 - fr - 22, 6, 10, (255, 150, 70))
    # the lobby's floor catches the steel's light; the elevator mirrored in the polish
    s.poly([(ex0 - fr, ey1), (ex1 + fr, ey1), (ex1 + fr + 30, ey1 + 60), (ex0 - fr - 30, ey1 + 60)], (150, 156, 164), 0.22)
    # the ceiling's panels: lit diffusers in their frames
    for z in PANELS:
        a, b = z - 0.3, z + 0.3
        frame = quad((-0.5, CH, a - 0.04), (0.5, CH, a - 0.04), (0.5, CH, b + 0.04), (-0.5, CH, b + 0.04))
        s.poly(frame, (150, 152, 150))
        pane = quad((-0.46, CH, a), (0.46, CH, a), (0.46, CH, b), (-0.46, CH, b))
        s.poly(pane, (244, 246, 242))
        glow.poly(pane, (232, 240, 250))
        cx_, cy_ = p3(0, CH, z)
        r = F * 1.1 / z
        glow.ellipse(cx_, cy_, r, r * 0.45, glow.rad(cx_, cy_, r, [(0, (120, 126, 132), 0.5), (1, (120, 126, 132), 0.0)],
                                                      transform=f"translate({cx_:.1f} {cy_:.1f}) scale(1 0.45) translate({-cx_:.1f} {-cy_:.1f})"))
    # the eye's vignette: the frame's corners in shadow
    s.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z", s.rad(960, 470, 1150, [(0, (0, 0, 0), 0.0), (0.45, (0, 0, 0), 0.0),
                                                                   (0.8, (0, 0, 0), 0.3), (1, (0, 0, 0), 0.62)],
                                                   transform="translate(960 470) scale(1 0.72) translate(-960 -470)"))
    return s, glow


# ---- the elevator's doors, close ---------------------------------------------------------------
# What Zack sees standing at the doors: the brushed steel filling the frame, and in it, half as
# large as the doors' own scale (a mirror's image stands twice as far), his own figure (the
# `hurt` look: the arm held to his chest, mirrored) with the corridor behind him. No clip paths
# in nanosvg: the reflection is painted over the whole doors and the frame and the wall are laid
# over its edges.
LIFT_BOX = (150.0, 96.0, 1770.0, 1200.0)  # the doors' x0, y0, x1, y1 (they run below the frame)
LIFT_EYE = 330.0  # eye level on the steel (the reflection's horizon)


def elevator() -> tuple[SVG, SVG]:
    s, glow = SVG(W, H), SVG(W, H)
    x0, y0, x1, y1 = LIFT_BOX
    per_m = (x1 - x0) / LIFT[0] / 2  # the image's scale: px per metre at twice the distance
    s.rect(x0, y0, x1 - x0, y1 - y0, s.lin(x0, 0, x1, 0, [(0, (126, 132, 140)), (0.25, (178, 184, 190)),
                                                          (0.5, (150, 156, 164)), (0.75, (186, 190, 196)),
                                                          (1, (124, 130, 138))]))
    # the corridor behind him, mirrored: its far end at the horizon, walls and ceiling receding
    cx, k = 980.0, per_m * 0.9
    far = 3.2
    def q(x, y, z):
        return (cx + k * x / z * 1.0, LIFT_EYE - k * (y - EYE) / z)

    hw = CW / 2
    for pts, tone, op in (([q(-hw, CH, 0.6), q(hw, CH, 0.6), q(hw, CH, far), q(-hw, CH, far)], (200, 204, 210), 0.35),
                          ([q(-hw, 0, 0.6), q(-hw, CH, 0.6), q(-hw, CH, far), q(-hw, 0, far)], (214, 214, 210), 0.3),
                          ([q(hw, 0, 0.6), q(hw, CH, 0.6), q(hw, CH, far), q(hw, 0, far)], (214, 214, 210), 0.3),
                          ([q(-hw, 0, far), q(-hw, CH, far), q(hw, CH, far), q(hw, 0, far)], (226, 226, 222), 0.4),
                          ([q(-hw, 0, 0.6), q(hw, 0, 0.6), q(hw, 0, far), q(-hw, 0, far)], (96, 100, 106), 0.3)):
        s.poly(pts, tone, op)
    for z in (0.9, 1.8):  # the ceiling's panels, the brightest things in the steel
        pts = [q(-0.46, CH, z - 0.3), q(0.46, CH, z - 0.3), q(0.46, CH, z + 0.3), q(-0.46, CH, z + 0.3)]
        s.poly(pts, (250, 252, 255), 0.55)
        glow.geom(Polygon(pts).intersection(box(x0, y0 + 10, x1, y1)), (70, 74, 80))  # (no clip paths)
    for side, z in ((-1, 1.1), (1, 1.9)):  # office doors along the mirrored walls
        x = side * hw
        s.poly([q(x, 0, z), q(x, 2.1, z), q(x, 2.1, z + 0.9), q(x, 0, z + 0.9)], (70, 60, 52), 0.35)
    # his figure
    sprites = os.path.join(OUT, "..", "sprites", "zack")
    kk = 0.72 * per_m * 1.76 / 925.0  # (his skull to his soles is ~925 canvas px of the 964; he stands
    # back from the doors, so the arm he holds shows above the text box)
    eye_y = 150.0  # canvas y of his eyes
    left = 1090 + 360 * kk  # (mirrored: the canvas's x runs right to left)
    top = LIFT_EYE - eye_y * kk

    def layer(name: str, opacity: float, dx: float = 0.0, dy: float = 0.0) -> None:
        with open(os.path.join(sprites, f"{name}.svg")) as fh:
            text = fh.read()
        inner = text[text.index("</defs>") + len("</defs>"):text.rindex("</svg>")]
        defs = text[text.index("<defs>") + len("<defs>"):text.index("</defs>")]
        tag = f"z{len(s.defs)}_"
        for gid in set(re.findall(r'id="([^"]+)"', defs)):
            defs = defs.replace(f'id="{gid}"', f'id="{tag}{gid}"').replace(f"#{gid})", f"#{tag}{gid})")
            inner = inner.replace(f"#{gid})", f"#{tag}{gid})")
        if defs:
            s.defs.append(defs)
        s.raw(f'<g opacity="{opacity:.2f}" transform="translate({left + dx:.1f} {top + dy:.1f}) '
              f'scale({-kk:.4f} {kk:.4f})">{inner}</g>')

    for dy, op in ((-9, 0.12), (9, 0.12), (-3, 0.26), (3, 0.26)):  # smeared along the brushing
        layer("legs_wall", op, 0, dy)
        layer("upper_hurt", op, 0, dy)
    layer("rim_hurt", 0.3)
    # the brushing: long faint streaks, lighter and darker, and the light's sheen down each door
    rng = random.Random(5)
    x = x0
    while x < x1:
        w = rng.uniform(2.0, 9.0)
        tone = rng.choice(((240, 244, 248), (96, 102, 110)))
        s.rect(x, y0, w, y1 - y0, tone, rng.uniform(0.02, 0.07))
        x += w + rng.uniform(1.0, 8.0)
    for sx in (x0 + (x1 - x0) * 0.22, x0 + (x1 - x0) * 0.74):
        s.rect(sx - 120, y0, 240, y1 - y0, s.lin(sx - 120, 0, sx + 120, 0, [(0, (255, 255, 255), 0.0), (0.5, (255, 255, 255), 0.16),
                                                                           (1, (255, 255, 255), 0.0)]))
    # the seam between the doors, the wall and the frame round them (over the reflection's edges)
    mid = (x0 + x1) / 2
    s.rect(mid - 3, y0, 6, y1 - y0, (40, 42, 48))
    s.rect(mid + 3, y0, 2, y1 - y0, (210, 214, 220), 0.5)
    fr = 46
    s.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z M{x0 - fr} {y0 - fr} L{x0 - fr} {H + 10} L{x1 + fr} {H + 10} L{x1 + fr} {y0 - fr}Z",
           s.lin(0, 0, 0, H, [(0, (200, 198, 188)), (1, (150, 146, 138))]), evenodd=True)
    s.path(f"M{x0 - fr} {y0 - fr} L{x1 + fr} {y0 - fr} L{x1 + fr} {H + 10} L{x0 - fr} {H + 10}Z "
           f"M{x0} {y0} L{x0} {H + 10} L{x1} {H + 10} L{x1} {y0}Z",
           s.lin(0, y0 - fr, 0, H, [(0, (92, 96, 104)), (1, (64, 66, 72))]), evenodd=True)
    s.rect(x0 - fr, y0 - fr, x1 - x0 + 2 * fr, 5, (214, 218, 224))  # its top edge catches the light
    s.rect(x0, y0, x1 - x0, 10, (30, 32, 36), 0.5)  # the doors sit back in it
    s.rect(mid - 70, 16, 140, 40, (36, 36, 40))  # the floor indicator
    glow.rect(mid - 54, 24, 40, 24, (230, 120, 50))
    glow.rect(mid + 12, 24, 12, 24, (230, 120, 50))
    # the corners of the eye's view in shadow
    s.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z", s.rad(960, 500, 1200, [(0, (0, 0, 0), 0.0), (0.6, (0, 0, 0), 0.0),
                                                                   (1, (0, 0, 0), 0.5)],
                                                   transform="translate(960 500) scale(1 0.75) translate(-960 -500)"))
    return s, glow


# ---- the barracks' dormitory ---------------------------------------------------------------------
# The room itself, from its door end (the corridor camera: EYE up, F): two-tier steel bunks down
# both walls, heads to the walls, the aisle between them running to the far wall with its door;
# Zack's bunk last on the left, under a window the size of a book high in the left wall (its sky
# from the preset); lockers at the far right. Painted as albedo, lighter toward the window and
# the far end, the corners and the near end in shadow; the far door open on the lit corridor
# (its light emissive). Zack's mark `by_his_bunk` is in the aisle
# beside it; he faces the window (left).
DW, DH, DZ = 6.0, 3.0, 8.6  # the room's width, height, the far wall's distance (m)
DORM_WIN = (4.7, 5.15, 1.72, 1.98)  # the little window in the left wall: z0, z1, y0, y1
HIS_BUNK = (-1, 4.4)
DORM_ZACK = (-0.5, 5.25)
# Where people sit and lie in it (the marks; docs in `main`): on the aisle's floor with his back
# to his bunk's foot, facing him across the aisle, and lying on his bunk's lower tier (the
# middle of the mattress's top, 0.46 m up: a lying figure's head toward the wall, screen left).
# The bunk that stood before his is gone (lockers against the wall there), so his bunk shows.
DORM_FLOOR = (-0.75, 4.85)
# Cloud's places (fig, session 7): in the open door (0.65, 8.5); kneeling beside Zack at
# `on_floor`, the mark placed so his hands (cloud.py kneeling: canvas ~(166..226, 746)) close on
# Zack's splinted forearm (zack.py splinting: canvas ~(474..539, 769)), same depth scale
# (0.433 screen px per canvas px: 135 px right, 10 px down); seated on the floor beside him,
# a little further in (his seated figure clear of Zack's outstretched boot).
DORM_CLOUD = [("in_doorway", 0.65, 8.5), ("kneel_by_him", 135, 10, 0.444), ("floor_beside", 160, -14, 0.428)]
DORM_FACING = (0.05, 4.85)
DORM_LYING = (-1.95, 0.46, 4.85)


def dorm_cloud() -> list[tuple]:
    """Cloud's marks in the dormitory (DORM_CLOUD): the door's from its floor point, the others
    offset from `on_floor` in screen px."""
    (name, x, z), *rest = DORM_CLOUD
    fx, fy, _ = mark_of(*DORM_FLOOR)
    return [(name, *mark_of(x, z))] + [(n, fx + dx, fy + dy, sc) for n, dx, dy, sc in rest]


def _bunk(s: SVG, side: int, z: float, front: SVG | None = None) -> None:
    """A two-tier steel bunk against the wall on `side` (-1 left, 1 right), its foot toward the
    aisle, from z to z + 0.9: the far posts, each tier's frame, mattress, grey-green blanket
    hanging over its near side, pillow and folded sheet at the wall, then the near posts (and
    the foot's rails) — into `front` if given (a layer over the figure lying on it)."""
    wall, foot = side * DW / 2, side * (DW / 2 - 2.0)
    d = 0.9
    steel, steel_lit = (54, 58, 56), (118, 124, 120)
    post = 0.05
    for x in (wall - side * 0.02, foot):  # the far posts (at z + d)
        s.poly(quad((x, 0, z + d), (x, 1.8, z + d), (x - side * post, 1.8, z + d), (x - side * post, 0, z + d)), steel)
    for y, blanket, fold in ((0.46, (74, 82, 70), (92, 100, 88)), (1.46, (70, 78, 68), (88, 96, 84))):
        # the frame under the mattress, the mattress's top under the blanket, the pillow, the sheet
        s.poly(quad((wall, y - 0.22, z), (foot, y - 0.22, z), (foot, y - 0.16, z), (wall, y - 0.16, z)), steel)
        top = quad((wall, y, z), (foot, y, z), (foot, y, z + d), (wall, y, z + d))
        s.poly(top, s.lin(*p3(foot, y, z), *p3(wall, y, z), [(0, fold), (1, blanket)]))
        s.poly(quad((wall, y + 0.005, z + 0.08), (wall - side * 0.55, y + 0.005, z + 0.08),
                    (wall - side * 0.55, y + 0.005, z + d - 0.08), (wall, y + 0.005, z + d - 0.08)), (176, 178, 176))
        px, py = p3(wall - side * 0.3, y + 0.06, z + d / 2)
        s.ellipse(px, py, 0.26 * F / (z + d / 2), 0.07 * F / (z + d / 2), (196, 198, 196))
        # the blanket hanging over the near side, its hem, a fold or two
        s.poly(quad((wall, y, z), (foot, y, z), (foot, y - 0.2, z - 0.01), (wall, y - 0.2, z - 0.01)), blanket)
        s.poly(quad((wall, y, z), (foot, y, z), (foot, y - 0.015, z), (wall, y - 0.015, z)), fold)
        for f_ in (0.35, 0.8, 1.4):
            fx = foot + (wall - foot) * f_ / 2.0
            s.poly(quad((fx, y - 0.02, z - 0.005), (fx + side * 0.04, y - 0.02, z - 0.005),
                        (fx + side * 0.06, y - 0.2, z - 0.012), (fx + side * 0.02, y - 0.2, z - 0.012)), (50, 56, 48), 0.8)
    near = front or s
    for y in (0.3, 1.3, 1.75):  # the rails at the foot
        near.poly(quad((foot, y, z), (foot, y + 0.035, z), (foot, y + 0.035, z + d), (foot, y, z + d)), steel)
    for x in (wall - side * 0.02, foot):  # the near posts, their aisle side in the light
        near.poly(quad((x, 0, z), (x, 1.8, z), (x - side * post, 1.8, z), (x - side * post, 0, z)), steel_lit)
    # its shadow on the floor, under it and toward the aisle
    s.poly(quad((wall, 0, z), (foot - side * 0.3, 0, z), (foot - side * 0.3, 0, z + d + 0.1), (wall, 0, z + d + 0.1)),
           (10, 10, 12), 0.3)


def dormitory() -> tuple[SVG, SVG, SVG, SVG]:
    sky, s, glow, front = SVG(W, H), SVG(W, H), SVG(W, H), SVG(W, H)
    hw, near = DW / 2, 0.7
    (fx0, fy0), (fx1, fy1) = p3(-hw, DH, DZ), p3(hw, 0, DZ)
    s.poly(quad((-hw, DH, near), (hw, DH, near), (hw, DH, DZ), (-hw, DH, DZ)),
           s.lin(0, 0, 0, fy0, [(0, (44, 46, 50)), (1, (104, 106, 110))]))
    left = quad((-hw, 0, near), (-hw, DH, near), (-hw, DH, DZ), (-hw, 0, DZ))
    z0, z1, y0, y1 = DORM_WIN
    hole = quad((-hw, y0, z0), (-hw, y1, z0), (-hw, y1, z1), (-hw, y0, z1))
    s.path(_cutouts(left, [hole]), s.lin(0, 0, fx0, 0, [(0, (52, 54, 58)), (0.7, (118, 120, 122)), (1, (132, 134, 136))]),
           evenodd=True)
    sky.poly(hole, "#ffffff")
    # the window's light round it on the wall and on the far bunks (lighter paint, soft)
    wx, wy = p3(-hw, (y0 + y1) / 2, (z0 + z1) / 2)
    s.ellipse(wx, wy + 40, 90, 150, s.rad(wx, wy + 40, 150, [(0, (210, 210, 214), 0.4), (1, (200, 200, 204), 0.0)],
                                         transform=f"translate({wx:.1f} {wy + 40:.1f}) scale(0.6 1) translate({-wx:.1f} {-wy - 40:.1f})"))
    s.poly(quad((-hw, y0 - 0.04, z0 - 0.04), (-hw, y1 + 0.04, z0 - 0.04), (-hw + 0.08, y1 + 0.04, z0 - 0.04),
                (-hw + 0.08, y0 - 0.04, z0 - 0.04)), (150, 152, 156))  # the reveal
    s.poly(quad((-hw, y0 - 0.04, z0), (-hw + 0.1, y0 - 0.04, z0), (-hw + 0.1, y0 - 0.04, z1), (-hw, y0 - 0.04, z1)),
           (170, 172, 176))  # the sill
    s.poly(quad((hw, 0, near), (hw, DH, near), (hw, DH, DZ), (hw, 0, DZ)),
           s.lin(W, 0, fx1, 0, [(0, (46, 48, 52)), (0.7, (104, 106, 110)), (1, (120, 122, 124))]))
    s.poly(quad((-hw, 0, near), (hw, 0, near), (hw, 0, DZ), (-hw, 0, DZ)),
           s.lin(0, H, 0, fy1, [(0, (36, 36, 38)), (1, (96, 94, 90))]))
    # floorboards' seams running to the far wall, the window's light on the aisle
    for x in (-1.5, -0.9, -0.3, 0.3, 0.9, 1.5):
        s.poly(quad((x, 0, near), (x + 0.01, 0, near), (x + 0.01, 0, DZ), (x, 0, DZ)), (28, 28, 30), 0.35)
    s.poly(quad((-1.0, 0, z0 - 0.2), (0.6, 0, z0 + 0.1), (0.6, 0, z1 + 0.7), (-1.0, 0, z1 + 0.2)), (200, 200, 206), 0.14)
    # the far wall with the door (Cloud's way in) and a notice board
    s.rect(fx0, fy0, fx1 - fx0, fy1 - fy0, s.lin(0, fy0, 0, fy1, [(0, (108, 110, 112)), (1, (136, 136, 136))]))
    for x in (fx0, fx1 - 10):
        s.rect(x, fy0, 10, fy1 - fy0, (20, 20, 22), 0.3)
    # the door stands open (Cloud's way in): the corridor's lit wall beyond it, the door's leaf
    # swung back against the wall, the corridor's light spilling in across the floor
    (dx0, dy0), (dx1, dy1) = p3(0.2, 2.05, DZ), p3(1.1, 0, DZ)
    s.rect(dx0 - 8, dy0 - 8, dx1 - dx0 + 16, dy1 - dy0 + 8, (84, 80, 72))
    s.rect(dx0, dy0, dx1 - dx0, dy1 - dy0, s.lin(dx0, 0, dx1, 0, [(0, (150, 148, 140)), (1, (214, 210, 198))]))
    s.rect(dx0, dy1 - 0.35 * F / DZ, dx1 - dx0, 0.35 * F / DZ, (150, 146, 136))  # the corridor's floor
    leaf = quad((1.1, 0, DZ), (1.1, 2.05, DZ), (1.1, 2.05, DZ - 0.85), (1.1, 0, DZ - 0.85))
    s.poly(leaf, (64, 56, 46))
    s.poly(quad((0.2, 0, DZ), (1.1, 0, DZ), (1.3, 0, DZ - 1.6), (-0.1, 0, DZ - 1.6)), (200, 196, 184), 0.22)
    glow.rect(dx0, dy0, dx1 - dx0, dy1 - dy0, (120, 124, 122))
    glow.poly(quad((0.2, 0, DZ), (1.1, 0, DZ), (1.3, 0, DZ - 1.6), (-0.1, 0, DZ - 1.6)), (60, 62, 60), 0.6)
    # the city's light through the little window (emissive: it comes up with the city's lights,
    # gone by day): round the window on the wall, faintly down over his bunk (the upper tier
    # shades it) — the wall at its head, the mattress, the blanket — so a figure lying there
    # reads against it at night
    z0, z1, y0, y1 = DORM_WIN
    wx, wy = p3(-hw, (y0 + y1) / 2, (z0 + z1) / 2)
    glow.ellipse(wx, wy + 60, 150, 260, glow.rad(wx, wy + 60, 260, [(0, (110, 94, 76), 0.5), (0.5, (80, 68, 56), 0.22),
                                                                     (1, (60, 52, 44), 0.0)],
                                                   transform=f"translate({wx:.1f} {wy + 60:.1f}) scale(0.58 1) "
                                                             f"translate({-wx:.1f} {-wy - 60:.1f})"))
    bz0, bz1 = HIS_BUNK[1], HIS_BUNK[1] + 0.9
    wall_under = quad((-hw, 0.46, bz0), (-hw, 1.24, bz0), (-hw, 1.24, bz1), (-hw, 0.46, bz1))
    glow.poly(wall_under, glow.lin(*p3(-hw, 1.24, bz1), *p3(-hw, 0.46, bz0), [(0, (96, 82, 66), 0.2), (1, (70, 60, 50), 0.04)]))
    bed = quad((-hw, 0.47, bz0), (-1.0, 0.47, bz0), (-1.0, 0.47, bz1), (-hw, 0.47, bz1))
    glow.poly(bed, glow.lin(*p3(-hw, 0.47, bz1), *p3(-1.0, 0.47, bz0), [(0, (104, 90, 72), 0.4), (1, (70, 60, 50), 0.1)]))
    glow.poly(quad((-hw, 0.46, bz0), (-1.0, 0.46, bz0), (-1.0, 0.26, bz0 - 0.01), (-hw, 0.26, bz0 - 0.01)), (70, 60, 50), 0.18)
    (nx0, ny0), (nx1, ny1) = p3(-1.5, 1.9, DZ), p3(-0.5, 1.2, DZ)
    s.rect(nx0, ny0, nx1 - nx0, ny1 - ny0, (120, 96, 70))
    rng = random.Random(3)
    for _ in range(6):
        px, py = rng.uniform(nx0 + 4, nx1 - 24), rng.uniform(ny0 + 4, ny1 - 24)
        s.rect(px, py, 18, 22, (214, 212, 202))
    s.rect(fx0, fy1 - 0.1 * F / DZ, fx1 - fx0, 0.1 * F / DZ, (40, 40, 42))  # the skirting
    # lockers down the far right
    for k in range(4):
        za, zb = 6.6 + k * 0.48, 6.6 + (k + 1) * 0.48
        face = quad((hw - 0.5, 0, za), (hw - 0.5, 1.9, za), (hw - 0.5, 1.9, zb), (hw - 0.5, 0, zb))
        s.poly(face, (82, 88, 92) if k % 2 else (76, 82, 86))
        for vy in (1.65, 1.6, 1.55):
            s.poly(quad((hw - 0.5, vy, za + 0.1), (hw - 0.5, vy + 0.02, za + 0.1), (hw - 0.5, vy + 0.02, zb - 0.1),
                        (hw - 0.5, vy, zb - 0.1)), (36, 38, 40))
    s.poly(quad((hw - 0.5, 1.9, 6.6), (hw, 1.9, 6.6), (hw, 1.9, 6.6 + 4 * 0.48), (hw - 0.5, 1.9, 6.6 + 4 * 0.48)),
           (120, 126, 130))  # their tops
    # the ceiling's lamps (off), cages of wire
    for z in (2.2, 5.0, 7.6):
        cx, cy = p3(0, DH - 0.15, z)
        s.ellipse(cx, cy, 0.22 * F / z, 0.06 * F / z, (150, 152, 150))
        s.poly(quad((-0.01, DH, z), (0.01, DH, z), (0.01, DH - 0.15, z), (-0.01, DH - 0.15, z)), (60, 60, 62))
    # two lockers against the left wall before his bunk (where a bunk stood: his shows past them)
    for k in range(2):
        za, zb = 2.5 + k * 0.5, 3.0 + k * 0.5
        _visible_box(s, -hw, -hw + 0.5, 0.0, 1.9, za, zb, top=(120, 126, 130), near=(70, 76, 80),
                     side=(82, 88, 92) if k % 2 else (76, 82, 86))
        for vy in (1.65, 1.6, 1.55):
            s.poly(quad((-hw + 0.5, vy, za + 0.1), (-hw + 0.5, vy + 0.02, za + 0.1), (-hw + 0.5, vy + 0.02, zb - 0.1),
                        (-hw + 0.5, vy, zb - 0.1)), (36, 38, 40))
    # the bunks, far ones first
    for side, z in sorted(((-1, 0.9), HIS_BUNK, (1, 1.5), (1, 3.3), (1, 5.1)), key=lambda b: -b[1]):
        _bunk(s, side, z, front if (side, z) == HIS_BUNK else None)
    # the corners of the eye's view in shadow
    s.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z", s.rad(960, 470, 1150, [(0, (0, 0, 0), 0.0), (0.45, (0, 0, 0), 0.0),
                                                                   (1, (0, 0, 0), 0.6)],
                                                   transform="translate(960 470) scale(1 0.72) translate(-960 -470)"))
    return sky, s, glow, front


# ---- his bunk --------------------------------------------------------------------------------
# From Zack's bunk at night: the dark wall of the room, a window the size of a book high in it with the
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
# Seen from Zack's own place at the foot of the long table (a seated eye, BEYE m up, the same
# focal length): the table running away to its head, where the General stands against the lit
# wall screen (mark `head_of_table`, behind the table's far end: the `table` layer is drawn over
# the marks, so the table's end hides his legs); officers seated along it, dark heads and
# shoulders over their chair backs, two places empty; tall windows down the left wall with the
# day sky in them (a sky mask), their light falling across the table; the ceiling's panels.
BEYE = 1.2
RW, RH, RZ = 7.0, 3.0, 7.4  # the room's width, height, and its back wall's distance (m)
TABLE = (-0.75, 0.75, 0.9, 4.4, 0.75)  # x0, x1, z0 (near end), z1 (the head), top height
GENERAL_Z = 5.0
# The officers seated along the table, their backs to Zack's place (the sprite `officer`, drawn
# under the `table` layer): (mark, x, z); two of the places are empty.
OFFICERS = (("officer_left", -1.0, 3.3), ("officer_right_far", 1.0, 3.9), ("officer_right", 1.0, 2.6))


def b3(x: float, y: float, z: float) -> tuple[float, float]:
    return (960.0 + F * x / z, VPY - F * (y - BEYE) / z)


def bquad(a, b, c, d):
    return [b3(*a), b3(*b), b3(*c), b3(*d)]


def briefing() -> tuple[SVG, SVG, SVG, SVG]:
    sky, room, glow, table = SVG(W, H), SVG(W, H), SVG(W, H), SVG(W, H)
    hw, near = RW / 2, 0.6
    (bx0, by0), (bx1, by1) = b3(-hw, RH, RZ), b3(hw, 0, RZ)
    # the shell: the ceiling, the right wall, the floor, lit toward the far end and the windows
    room.poly(bquad((-hw, RH, near), (hw, RH, near), (hw, RH, RZ), (-hw, RH, RZ)),
              room.lin(0, 0, 0, by0, [(0, (70, 72, 76)), (1, (132, 134, 136))]))
    room.poly(bquad((hw, 0, near), (hw, RH, near), (hw, RH, RZ), (hw, 0, RZ)),
              room.lin(W, 0, bx1, 0, [(0, (70, 70, 74)), (0.6, (128, 128, 130)), (1, (160, 160, 160))]))
    room.poly(bquad((-hw, 0, near), (hw, 0, near), (hw, 0, RZ), (-hw, 0, RZ)),
              room.lin(0, H, 0, by1, [(0, (34, 36, 42)), (1, (84, 86, 94))]))
    # the left wall: tall windows between piers, the sky through them (holes in the wall)
    left = bquad((-hw, 0, near), (-hw, RH, near), (-hw, RH, RZ), (-hw, 0, RZ))
    panes = [bquad((-hw, 0.5, z), (-hw, 2.7, z), (-hw, 2.7, z + 1.4), (-hw, 0.5, z + 1.4)) for z in (0.9, 3.1, 5.3)]
    room.path(_cutouts(left, panes), room.lin(0, 0, bx0, 0, [(0, (60, 60, 64)), (1, (140, 140, 144))]), evenodd=True)
    for pane, z in zip(panes, (0.9, 3.1, 5.3), strict=True):
        sky.poly(pane, "#ffffff")
        room.poly(bquad((-hw, 0.5, z + 0.68), (-hw, 2.7, z + 0.68), (-hw, 2.7, z + 0.72), (-hw, 0.5, z + 0.72)),
                  (58, 60, 66))  # the mullion
        room.poly(bquad((-hw, 1.9, z), (-hw, 1.93, z), (-hw, 1.93, z + 1.4), (-hw, 1.9, z + 1.4)), (58, 60, 66))
        # its light across the floor toward the right (a soft parallelogram)
        room.poly(bquad((-hw, 0, z), (-hw + 2.6, 0, z + 0.5), (-hw + 2.6, 0, z + 1.9), (-hw, 0, z + 1.4)),
                  (176, 184, 196), 0.16)
    # the back wall and its screen: the continent's chart, lit (emissive), so the General stands
    # dark against it
    room.rect(bx0, by0, bx1 - bx0, by1 - by0, room.lin(0, by0, 0, by1, [(0, (120, 122, 124)), (1, (150, 150, 150))]))
    for x in (bx0, bx1 - 12):
        room.rect(x, by0, 12, by1 - by0, (30, 30, 34), 0.25)
    (sx0, sy0), (sx1, sy1) = b3(-1.9, 2.55, RZ), b3(1.9, 0.95, RZ)
    room.rect(sx0 - 8, sy0 - 8, sx1 - sx0 + 16, sy1 - sy0 + 16, (36, 38, 42))
    room.rect(sx0, sy0, sx1 - sx0, sy1 - sy0, (40, 70, 66))
    glow.rect(sx0, sy0, sx1 - sx0, sy1 - sy0, glow.rad((sx0 + sx1) / 2, (sy0 + sy1) / 2, (sx1 - sx0) * 0.6,
                                                       [(0, (40, 96, 84)), (1, (18, 52, 46))]))
    rng = random.Random(11)
    for k in range(1, 10):
        gx = sx0 + (sx1 - sx0) * k / 10
        glow.rect(gx, sy0, 1.5, sy1 - sy0, (40, 120, 96))
    for k in range(1, 5):
        gy = sy0 + (sy1 - sy0) * k / 5
        glow.rect(sx0, gy, sx1 - sx0, 1.5, (40, 120, 96))
    coast = [(sx0 + 30 + i * (sx1 - sx0 - 60) / 11, sy0 + 24 + rng.uniform(0, sy1 - sy0 - 48)) for i in range(12)]
    for a, b in zip(coast, coast[1:], strict=False):
        glow.poly([a, b, (b[0], b[1] + 3), (a[0], a[1] + 3)], (110, 240, 170))
    glow.circle(*coast[7], 5, (255, 120, 80))
    # the ceiling's panels and their light
    for z in (1.6, 3.6, 5.6):
        pane = bquad((-0.7, RH, z - 0.35), (0.7, RH, z - 0.35), (0.7, RH, z + 0.35), (-0.7, RH, z + 0.35))
        room.poly(pane, (236, 238, 236))
        glow.poly(pane, (110, 114, 118))
    # the corners of the eye's view in shadow
    room.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z", room.rad(960, 470, 1150, [(0, (0, 0, 0), 0.0), (0.5, (0, 0, 0), 0.0),
                                                                       (1, (0, 0, 0), 0.55)],
                                                         transform="translate(960 470) scale(1 0.72) translate(-960 -470)"))
    # the table (its own layer, over the marks): top, its far end, its right side
    x0, x1, z0, z1, th = TABLE
    top = bquad((x0, th, z0), (x1, th, z0), (x1, th, z1), (x0, th, z1))
    table.poly(top, table.lin(0, H, 0, top[2][1], [(0, (70, 52, 40)), (0.6, (108, 84, 64)), (1, (136, 110, 86))]))
    # (from a seated eye above it only its top shows: its ends and sides face away)
    # the windows' light on the table top, the screen's glow on its far end
    for z in (0.9, 3.1):
        table.poly(bquad((x0, th, z + 0.2), (x1, th, z + 0.5), (x1, th, z + 1.6), (x0, th, z + 1.3)), (220, 226, 236), 0.14)
    table.poly(bquad((x0, th, z1 - 1.0), (x1, th, z1 - 1.0), (x1, th, z1), (x0, th, z1)), (90, 170, 150), 0.12)
    # papers and folders at the places
    for side, z in ((-1, 1.6), (1, 2.5), (-1, 3.4), (1, 4.2)):
        cx = side * 0.45
        table.poly(bquad((cx - 0.15, th, z), (cx + 0.15, th, z), (cx + 0.15, th, z + 0.35), (cx - 0.15, th, z + 0.35)),
                   (196, 194, 186))
    # (the officers seated along it are sprites now: `officer` at the marks OFFICERS, under this
    # layer; fig, session 7)
    return sky, room, glow, table



# ---- the mess hall ------------------------------------------------------------------------------
# The SOLDIER mess, high in the tower, at supper: seen standing at the near end of the middle
# table (the corridor's camera: EYE up, F), three long tables running away toward a wall of
# glass onto the city, benches either side of them, more tall windows down the left wall, the
# serving hatch down the right wall (its kitchen lit warm), rows of ceiling panels over the
# tables (the canteen's light: emissive, with their pools painted on the tables and the floor).
# A few men eat at the far ends. The marks: two places facing each other across the middle
# table's near end (`mess_left` faces right, `mess_right` faces left; seated figures in profile),
# and one more place along each bench (`mess_left_along`, `mess_right_along`). A mark is on the
# floor under the front edge of its bench's seat (SEAT_H m up); the table's near end is in
# front of the places, so a seated figure's knees show under it and its arms lie on its top.
MW, MH, MZ = 8.6, 3.2, 12.5  # the hall's width, height, and the glass wall's distance (m)
MT = 0.3, 0.42, 2.9, 10.2, 0.76  # the middle table: centre x, half width, z0 (near end), z1, top height
SIDE_TABLES = ((-2.45, 1.9), (2.95, 2.2))  # the side tables: centre x, near end z (they run to MT's z1)
BENCH = 0.15, 0.3, 0.45  # a bench's gap from its table, its width, its seat's height
SEAT_H = BENCH[2]
MESS_Z = 3.45, 4.35  # the places: across the near end, and one along
MESS_LAMPS = (3.2, 5.4, 7.6, 9.8)  # the ceiling panels' centres (z), one row over each table


def _visible_box(s: SVG, x0: float, x1: float, y0: float, y1: float, z0: float, z1: float,
                 top, near, side, shade: float = 1.0, ends: bool = True) -> None:
    """A box (metres) as the corridor's eye sees it: its top (if below the eye), its near end
    (if `ends`), and the long side that faces the eye (the side toward x = 0), each in its own
    tone."""
    k = lambda c: tuple(v * shade for v in c)  # noqa: E731
    if x0 > 0:
        s.poly(quad((x0, y0, z0), (x0, y1, z0), (x0, y1, z1), (x0, y0, z1)), k(side))
    elif x1 < 0:
        s.poly(quad((x1, y0, z0), (x1, y1, z0), (x1, y1, z1), (x1, y0, z1)), k(side))
    if y1 < EYE:
        s.poly(quad((x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)), k(top))
    if ends:
        s.poly(quad((x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0)), k(near))


def _table(s: SVG, cx: float, hw: float, z0: float, z1: float, th: float, rng: random.Random,
           seated: tuple = ()) -> None:
    """A long mess table (cx ± hw, z0..z1, its top th up) with its benches and the men eating at
    it (`seated`: (x, z, faces) for `_diner`), drawn far to near in lengths cut at each man, so
    the nearer length of the table and benches hides his legs."""
    cuts = sorted({z for _, z, _ in seated}, reverse=True)
    far = z1
    for zc in [*cuts, z0]:
        _table_length(s, cx, hw, max(zc, z0), far, th, first=zc <= z0, z0=z0, z1=z1)
        for x, z, faces in seated:
            if z == zc:
                _diner(s, x, z, faces, rng)
        far = zc


def _table_length(s: SVG, cx: float, hw: float, za: float, zb: float, th: float, first: bool,
                  z0: float, z1: float) -> None:
    """The length za..zb of a table running z0..z1 (see `_table`): its shade on the floor, its
    trestles, its benches, its top with the lamps' pools and a worn lighter path down its
    middle; `first`: this length is the near end (its end faces are drawn)."""
    gap, bw, bh = BENCH
    x0, x1 = cx - hw, cx + hw
    s.poly(quad((x0 - gap - bw, 0, za), (x1 + gap + bw, 0, za), (x1 + gap + bw, 0, zb), (x0 - gap - bw, 0, zb)),
           (10, 10, 12), 0.28)  # the shade under the table and its benches
    for z in (z1 - 0.3, (z0 + z1) / 2, z0 + 0.3):  # the trestles: two legs and a foot rail each
        if not za <= z < zb:
            continue
        for x in (x0 + 0.1, x1 - 0.14):
            s.poly(quad((x, 0, z), (x + 0.04, 0, z), (x + 0.04, th - 0.05, z), (x, th - 0.05, z)), (34, 34, 36))
        s.poly(quad((x0 + 0.1, 0.1, z), (x1 - 0.1, 0.1, z), (x1 - 0.1, 0.14, z), (x0 + 0.1, 0.14, z)), (40, 40, 42))
    for bx0 in (x0 - gap - bw, x1 + gap):  # the benches: a steel frame, a laminate seat
        bx1 = bx0 + bw
        for z in (z1 - 0.25, (z0 + z1) / 2, z0 + 0.25):
            if not za <= z < zb:
                continue
            for x in (bx0 + 0.04, bx1 - 0.07):
                s.poly(quad((x, 0, z), (x + 0.03, 0, z), (x + 0.03, bh - 0.04, z), (x, bh - 0.04, z)), (46, 46, 48))
        _visible_box(s, bx0, bx1, bh - 0.04, bh, max(za, z0 + 0.05), min(zb, z1 - 0.05),
                     top=(150, 120, 92), near=(92, 72, 56), side=(112, 88, 68), ends=first)
    top = quad((x0, th, za), (x1, th, za), (x1, th, zb), (x0, th, zb))
    s.poly(top, s.lin(0, p3(0, th, z0)[1], 0, p3(0, th, z1)[1],
                      [(0, (150, 122, 96)), (0.5, (170, 142, 112)), (1, (188, 164, 134))]))
    if x1 < 0 or x0 > 0:  # the long edge toward the eye
        xe = x1 if x1 < 0 else x0
        s.poly(quad((xe, th - 0.05, za), (xe, th, za), (xe, th, zb), (xe, th - 0.05, zb)), (96, 74, 56))
    for zl in MESS_LAMPS:  # the panels' light on it: soft pools
        if za < zl < zb:
            px, py = p3(cx, th, zl)
            rx, ry = F * (hw + 0.2) / zl, F * 0.75 / zl * (EYE - th) / zl
            s.ellipse(px, py, rx, ry, s.rad(px, py, rx, [(0, (255, 246, 226), 0.35), (1, (255, 246, 226), 0.0)],
                                            transform=f"translate({px:.1f} {py:.1f}) scale(1 {ry / rx:.3f}) "
                                                      f"translate({-px:.1f} {-py:.1f})"))
    s.poly(quad((cx - 0.12, th, za), (cx + 0.12, th, za), (cx + 0.12, th, zb), (cx - 0.12, th, zb)), (214, 196, 170), 0.16)
    if first:  # the near end's edge, lit along its top
        s.poly(quad((x0, th - 0.05, z0), (x1, th - 0.05, z0), (x1, th, z0), (x0, th, z0)), (96, 74, 56))
        s.poly(quad((x0, th - 0.006, z0), (x1, th - 0.006, z0), (x1, th, z0), (x0, th, z0)), (220, 200, 170), 0.8)


def _diner(s: SVG, x: float, z: float, faces: int, rng: random.Random) -> None:
    """A man eating at a bench at (x, z) (the seat's middle), in profile facing `faces` (+1: to
    the right), leaning over his tray: one dark silhouette with the ceiling's light along his
    crown, shoulder and back (docs/art.md's style), seen from the corridor's eye."""
    k = F / z

    def p(dx: float, y: float) -> tuple[float, float]:
        sx, sy = p3(x, y, z)
        return (sx + faces * dx * k, sy)

    lean = rng.uniform(0.04, 0.1)
    pts = [p(-0.16, SEAT_H), p(-0.18, 0.7), p(-0.15 + lean * 0.4, 1.05), p(-0.1 + lean, 1.22), p(-0.04 + lean, 1.26),
           p(-0.05 + lean, 1.32), p(0.0 + lean, 1.4), p(0.07 + lean, 1.41), p(0.12 + lean, 1.36), p(0.13 + lean, 1.3),
           p(0.09 + lean, 1.24), p(0.08 + lean, 1.17), p(0.14 + lean, 1.08), p(0.3, 0.82), p(0.34, 0.78),
           p(0.28, 0.76), p(0.1, 0.95), p(0.06, 0.7), p(0.3, 0.58), p(0.34, 0.5), p(0.36, 0.05), p(0.28, 0.0),
           p(0.22, 0.05), p(0.22, 0.46), p(0.0, SEAT_H)]
    s.path("M" + " ".join(f"{a:.1f} {b:.1f}" for a, b in catmull(pts, 5)) + "Z",
           mix((30, 28, 30), (96, 92, 88), max(0.0, min(1.0, (z - 5.5) / 7.0))))  # (the hall's air between)
    for seg in ((p(-0.04 + lean, 1.34), p(0.0 + lean, 1.395), p(0.06 + lean, 1.41)),
                (p(-0.1 + lean, 1.2), p(-0.15 + lean * 0.4, 1.04))):
        s.path("M" + " L".join(f"{a:.1f} {b:.1f}" for a, b in seg), "none")
        s.body[-1] = s.body[-1].replace('fill="none"', f'fill="none" stroke="#b8aa96" stroke-width="{max(1.2, 0.012 * k):.1f}" '
                                                        'stroke-linecap="round" stroke-opacity="0.7"')
    tx, ty = p(0.36, 0.765)  # his tray
    s.poly([(tx - 0.02 * k, ty), (tx + faces * 0.3 * k, ty), (tx + faces * 0.3 * k, ty - 0.015 * k), (tx - 0.02 * k, ty - 0.015 * k)],
           (120, 124, 126))


def _mess_city(sky: SVG, city: SVG, lights: SVG, panes: list) -> None:
    """Midgar through the glass, seen from high in the tower: the sky (the preset's, by the
    `sky` mask), the plate's roofs falling away below the horizon in aerial perspective, towers
    and a reactor's stacks crossing it, the reactor's green haze, windows lit (emissive). All at
    infinity, so one picture serves every pane; each shape is cut to the panes (no clip paths)."""
    rng = random.Random(23)
    glass = panes[0]
    for pane in panes[1:]:
        glass = glass.union(pane)
    sky.geom(glass, "#ffffff")

    def put(svg: SVG, shape, fill, opacity: float = 1.0) -> None:
        cut = shape.intersection(glass)
        if not cut.is_empty:
            svg.geom(cut, fill, opacity)

    for row, (y_lo, y_hi, tone, lit) in enumerate(((452, 470, (150, 150, 160), 0.12), (462, 500, (116, 116, 126), 0.16),
                                                   (480, 560, (84, 84, 94), 0.22), (520, 700, (58, 58, 66), 0.26))):
        x = -20.0
        while x < W + 20:
            w = rng.uniform(18, 44) * (1 + row * 0.5)
            top = rng.uniform(y_lo, y_hi)
            put(city, box(x, top, x + w, H), tone)
            put(city, box(x, top, x + w, top + 2 + row), mix(tone, (220, 214, 204), 0.35))  # the roof's edge
            for wy in range(int(top) + 4, int(top) + 120, 5 + row * 2):
                for wx in range(int(x) + 2, int(x + w) - 2, 4 + row * 2):
                    if rng.random() < lit:
                        put(lights, box(wx, wy, wx + 1.5 + row * 0.6, wy + 1.5 + row * 0.6),
                            mix((255, 206, 140), (255, 240, 208), rng.random()))
            x += w + rng.uniform(-6, 2)
    for tx, th, tw in ((250, 300, 34), (610, 352, 22), (1210, 330, 28), (1500, 372, 40), (1760, 316, 26)):
        put(city, box(tx, th, tx + tw, H), (70, 72, 84))  # towers crossing the horizon
        put(city, box(tx, th, tx + 3, H), (150, 150, 160))
        put(lights, Polygon([(tx + tw / 2 - 1.5, th - 6), (tx + tw / 2 + 1.5, th - 6), (tx + tw / 2 + 1.5, th),
                             (tx + tw / 2 - 1.5, th)]), (255, 60, 50))  # the beacon
        for wy in range(th + 8, 560, 9):
            for wx in range(tx + 4, tx + tw - 3, 6):
                if rng.random() < 0.35:
                    put(lights, box(wx, wy, wx + 2, wy + 3), (255, 226, 170))
    # a reactor: its squat body, two stacks, the green haze rising (emissive, soft)
    rx = 880
    put(city, Polygon([(rx - 90, 560), (rx - 70, 470), (rx + 70, 470), (rx + 90, 560)]), (54, 58, 62))
    for sx in (rx - 40, rx + 28):
        put(city, box(sx, 380, sx + 14, 480), (48, 52, 56))
    for hx, hy, hr in ((rx - 33, 330, 120), (rx + 35, 300, 150), (rx, 420, 200)):  # the haze: soft plumes
        put(lights, box(hx - hr, hy - hr, hx + hr, hy + hr),
            lights.rad(hx, hy, hr, [(0, (60, 170, 110), 0.22), (0.5, (50, 150, 100), 0.1), (1, (40, 130, 90), 0.0)]))
    for sx in (rx - 40, rx + 28):
        put(lights, box(sx + 2, 378, sx + 12, 384), (150, 255, 190))


def mess() -> tuple[SVG, SVG, SVG, SVG, SVG]:
    sky, city, lights, s, lamps = SVG(W, H), SVG(W, H), SVG(W, H), SVG(W, H), SVG(W, H)
    hw, near = MW / 2, 0.8
    (fx0, fy0), (fx1, fy1) = p3(-hw, MH, MZ), p3(hw, 0, MZ)
    # the glass: the far wall's band of panes and the left wall's tall ones
    far_panes = [quad((x, 0.85, MZ), (x + 1.35, 0.85, MZ), (x + 1.35, 2.95, MZ), (x, 2.95, MZ))
                 for x in (-3.95, -2.55, -1.15, 0.25, 1.65, 3.05) if x + 1.35 <= hw - 0.1]
    left_bays = (5.6, 7.4, 9.2, 11.0)
    left_panes = [quad((-hw, 0.85, z), (-hw, 2.95, z), (-hw, 2.95, z + 1.5), (-hw, 0.85, z + 1.5)) for z in left_bays]
    _mess_city(sky, city, lights, [Polygon(q) for q in far_panes + left_panes])
    # the shell, holes cut for the glass: the far wall, the left wall, the right wall, the ceiling,
    # the floor — painted lighter toward the window and under the lamps, dark at the near end
    s.path(_cutouts([(fx0, fy0), (fx1, fy0), (fx1, fy1), (fx0, fy1)], far_panes),
           s.lin(0, fy0, 0, fy1, [(0, (150, 146, 138)), (1, (176, 170, 160))]), evenodd=True)
    left = quad((-hw, 0, near), (-hw, MH, near), (-hw, MH, MZ), (-hw, 0, MZ))
    s.path(_cutouts(left, left_panes), s.lin(0, 0, fx0, 0, [(0, (70, 66, 60)), (0.6, (150, 144, 134)), (1, (176, 170, 160))]),
           evenodd=True)
    s.poly(quad((hw, 0, near), (hw, MH, near), (hw, MH, MZ), (hw, 0, MZ)),
           s.lin(W, 0, fx1, 0, [(0, (74, 70, 64)), (0.55, (160, 154, 142)), (1, (184, 178, 166))]))
    s.poly(quad((-hw, MH, near), (hw, MH, near), (hw, MH, MZ), (-hw, MH, MZ)),
           s.lin(0, 0, 0, fy0, [(0, (74, 74, 76)), (1, (150, 150, 150))]))
    s.poly(quad((-hw, 0, near), (hw, 0, near), (hw, 0, MZ), (-hw, 0, MZ)),
           s.lin(0, H, 0, fy1, [(0, (58, 54, 50)), (0.55, (104, 98, 90)), (1, (150, 144, 134))]))
    # the frames and mullions of the glass, the sills catching the sky
    for x in (-3.95, -2.55, -1.15, 0.25, 1.65, 3.05, 4.4):
        xm = min(x, hw) - 0.05
        s.poly(quad((xm, 0.8, MZ), (xm + 0.05, 0.8, MZ), (xm + 0.05, 3.0, MZ), (xm, 3.0, MZ)), (62, 64, 70))
    s.poly(quad((-hw, 0.8, MZ), (hw, 0.8, MZ), (hw, 0.85, MZ), (-hw, 0.85, MZ)), (196, 198, 204))  # the sill
    s.poly(quad((-hw, 2.95, MZ), (hw, 2.95, MZ), (hw, 3.0, MZ), (-hw, 3.0, MZ)), (62, 64, 70))
    for z in left_bays:
        for za in (z - 0.05, z + 1.5):
            s.poly(quad((-hw, 0.8, za), (-hw, 3.0, za), (-hw, 3.0, za + 0.05), (-hw, 0.8, za + 0.05)), (62, 64, 70))
        s.poly(quad((-hw, 0.8, z), (-hw + 0.12, 0.8, z), (-hw + 0.12, 0.8, z + 1.5), (-hw, 0.8, z + 1.5)), (200, 202, 208))
        s.poly(quad((-hw, 2.0, z), (-hw, 2.03, z), (-hw, 2.03, z + 1.5), (-hw, 2.0, z + 1.5)), (62, 64, 70))  # transom
    s.poly(quad((-hw, 2.0, MZ), (hw, 2.0, MZ), (hw, 2.03, MZ), (-hw, 2.03, MZ)), (62, 64, 70))
    # the daylight off the glass on the floor: pale shapes toward the hall, and the glass wall's
    # long reflection in the polished floor
    for z in left_bays:
        s.poly(quad((-hw, 0, z), (-hw + 2.2, 0, z + 0.6), (-hw + 2.2, 0, z + 2.1), (-hw, 0, z + 1.5)), (226, 228, 236), 0.13)
    s.poly(quad((-hw + 0.4, 0, MZ), (hw - 0.4, 0, MZ), (hw - 0.8, 0, MZ - 3.5), (-hw + 0.8, 0, MZ - 3.5)), (220, 222, 230), 0.18)
    # the floor's tiles (lino, 0.6 m): seams toward the glass and across
    for i in range(-7, 8):
        x = i * 0.6
        s.poly(quad((x, 0, near), (x + 0.012, 0, near), (x + 0.012, 0, MZ), (x, 0, MZ)), (40, 38, 36), 0.22)
    z = 1.2
    while z < MZ:
        s.poly(quad((-hw, 0, z), (hw, 0, z), (hw, 0, z + 0.012 * z), (-hw, 0, z + 0.012 * z)), (40, 38, 36), 0.2)
        z += 0.6
    # the seams of the room in soft shadow; skirting
    for x in (-hw, hw):
        side = 1 if x < 0 else -1
        s.poly(quad((x, 0, near), (x + side * 0.3, 0, near), (x + side * 0.3, 0, MZ), (x, 0, MZ)), (20, 20, 22), 0.2)
        s.poly(quad((x, 0, near), (x, 0.12, near), (x, 0.12, MZ), (x, 0, MZ)), (60, 56, 52))
    s.rect(fx0, fy1 - 0.12 * F / MZ, fx1 - fx0, 0.12 * F / MZ, (60, 56, 52))
    # the right wall: the serving hatch, its counter, the kitchen beyond lit warm (emissive), a
    # menu board over it and a clock
    hz0, hz1 = 6.2, 10.4
    hatch = quad((hw, 1.0, hz0), (hw, 2.05, hz0), (hw, 2.05, hz1), (hw, 1.0, hz1))
    s.poly(hatch, (92, 86, 76))  # the kitchen's back wall, tiled
    for yy in (1.15, 1.3, 1.45, 1.6, 1.75, 1.9):
        s.poly(quad((hw, yy, hz0), (hw, yy + 0.008, hz0), (hw, yy + 0.008, hz1), (hw, yy, hz1)), (62, 58, 52), 0.6)
    kitchen = Polygon(hatch)
    for zz in (6.9, 7.5, 8.3, 8.8, 9.5):  # pans hanging from the rail, a ladle: dark shapes against the tiles
        pan = Polygon([p3(hw, 1.62, zz), p3(hw, 1.72, zz + 0.02), p3(hw, 1.72, zz + 0.28), p3(hw, 1.62, zz + 0.3),
                       p3(hw, 1.5, zz + 0.24), p3(hw, 1.5, zz + 0.06)])
        hook = Polygon(quad((hw, 1.72, zz + 0.14), (hw, 1.95, zz + 0.14), (hw, 1.95, zz + 0.16), (hw, 1.72, zz + 0.16)))
        for shape in (pan, hook):
            s.geom(shape, (40, 38, 36))
            kitchen = kitchen.difference(shape)
    s.poly(quad((hw, 1.95, hz0), (hw, 1.97, hz0), (hw, 1.97, hz1), (hw, 1.95, hz1)), (150, 150, 148))  # the rail
    (_, ky0), (_, ky1) = p3(hw, 2.05, hz0), p3(hw, 1.0, hz0)
    lamps.geom(kitchen, lamps.lin(0, ky0, 0, ky1, [(0, (130, 100, 60)), (0.5, (84, 62, 38)), (1, (40, 28, 16))]))
    for zz in (7.2, 8.2, 9.2):  # the heat lamps over the pass (small, hot)
        hx, hy = p3(hw - 0.05, 2.0, zz)
        lamps.ellipse(hx, hy, 0.1 * F / zz * 0.5, 0.04 * F / zz, (255, 150, 70))
    _visible_box(s, hw - 0.45, hw, 0.0, 0.95, hz0 - 0.1, hz1 + 0.1, top=(196, 198, 200), near=(110, 112, 116),
                 side=(128, 130, 134))  # the counter (its top steel, its front panels)
    for zz in (hz0 + 1.0, hz0 + 2.0, hz0 + 3.0):
        s.poly(quad((hw - 0.45, 0.05, zz), (hw - 0.45, 0.9, zz), (hw - 0.45, 0.9, zz + 0.015), (hw - 0.45, 0.05, zz + 0.015)),
               (70, 72, 76))
    s.poly(quad((hw - 0.45, 0.95, hz0 - 0.1), (hw - 0.45, 0.97, hz0 - 0.1), (hw - 0.45, 0.97, hz1 + 0.1),
                (hw - 0.45, 0.95, hz1 + 0.1)), (236, 238, 240), 0.7)  # the counter's lit edge
    for i, zz in enumerate((6.6, 7.3, 8.0, 8.7, 9.4)):  # trays stacked on it
        tx, ty = p3(hw - 0.25, 0.95, zz)
        s.rect(tx - 22 * 5 / zz, ty - 5 * 5 / zz, 44 * 5 / zz, 5 * 5 / zz, (146, 150, 152) if i % 2 else (120, 124, 128))
    board = quad((hw, 2.25, hz0 + 0.8), (hw, 2.8, hz0 + 0.8), (hw, 2.8, hz1 - 0.8), (hw, 2.25, hz1 - 0.8))
    s.poly(board, (34, 40, 36))
    rng = random.Random(31)
    for row in range(4):
        yy = 2.72 - row * 0.12
        z0_ = hz0 + 1.0
        while z0_ < hz1 - 1.1:
            ln = rng.uniform(0.3, 0.7)
            s.poly(quad((hw, yy, z0_), (hw, yy + 0.03, z0_), (hw, yy + 0.03, z0_ + ln), (hw, yy, z0_ + ln)), (200, 204, 196))
            z0_ += ln + 0.15
    ccx, ccy = p3(hw, 2.55, 5.4)
    s.ellipse(ccx, ccy, 0.2 * F / 5.4 * 0.45, 0.2 * F / 5.4, (226, 226, 220))
    s.ellipse(ccx, ccy, 0.2 * F / 5.4 * 0.45 - 2, 0.2 * F / 5.4 - 3, (40, 40, 42), 0.0)
    s.poly([(ccx, ccy), (ccx + 1.5, ccy), (ccx + 1.5, ccy - 0.15 * F / 5.4), (ccx, ccy - 0.15 * F / 5.4)], (30, 30, 32))
    s.poly([(ccx, ccy - 1), (ccx + 0.04 * F / 5.4, ccy + 0.06 * F / 5.4), (ccx + 0.04 * F / 5.4 + 1.5, ccy + 0.06 * F / 5.4),
            (ccx + 1.5, ccy - 1)], (30, 30, 32))
    # the ceiling's panels over each table (emissive), the light round them on the ceiling
    tables = [(MT[0], MT[1], MT[2])] + [(cx, MT[1], z0) for cx, z0 in SIDE_TABLES]
    for cx, _, _ in tables:
        for z in MESS_LAMPS + (11.6,):
            a, b = z - 0.55, z + 0.55
            frame = quad((cx - 0.22, MH, a - 0.03), (cx + 0.22, MH, a - 0.03), (cx + 0.22, MH, b + 0.03), (cx - 0.22, MH, b + 0.03))
            s.poly(frame, (140, 140, 138))
            pane = quad((cx - 0.18, MH, a), (cx + 0.18, MH, a), (cx + 0.18, MH, b), (cx - 0.18, MH, b))
            s.poly(pane, (248, 246, 238))
            lamps.poly(pane, (236, 232, 214))
            px, py = p3(cx, MH, z)
            r = F * 0.9 / z
            lamps.ellipse(px, py, r, r * 0.4, lamps.rad(px, py, r, [(0, (110, 104, 90), 0.45), (1, (110, 104, 90), 0.0)],
                                                        transform=f"translate({px:.1f} {py:.1f}) scale(1 0.4) "
                                                                  f"translate({-px:.1f} {-py:.1f})"))
            fx, fy = p3(cx, 0, z)  # its pool on the floor beside the table
            rr = F * 1.3 / z
            s.ellipse(fx, fy, rr, rr * 0.25, s.rad(fx, fy, rr, [(0, (240, 232, 212), 0.22), (1, (240, 232, 212), 0.0)],
                                                   transform=f"translate({fx:.1f} {fy:.1f}) scale(1 0.25) "
                                                             f"translate({-fx:.1f} {-fy:.1f})"))
    # the tables and their benches, the men eating at the far ends, far to near
    seated = {0: ((MT[0] + MT[1] + BENCH[0] + 0.15, 9.4, -1),),
              1: ((-2.45 - 0.42 - 0.3, 8.9, 1), (-2.45 + 0.42 + 0.3, 9.6, -1), (-2.45 - 0.42 - 0.3, 6.4, 1)),
              2: ((2.95 - 0.42 - 0.3, 9.0, 1), (2.95 - 0.42 - 0.3, 6.9, 1))}
    rng = random.Random(17)
    for i, (cx, hw_, z0) in sorted(enumerate(tables), key=lambda t: -abs(t[1][0])):
        _table(s, cx, hw_, z0, MT[3], MT[4], rng, seated[i])
    # the corners of the eye's view in shadow
    s.path(f"M0 0 L{W} 0 L{W} {H} L0 {H}Z", s.rad(960, 470, 1150, [(0, (0, 0, 0), 0.0), (0.5, (0, 0, 0), 0.0),
                                                                   (1, (0, 0, 0), 0.55)],
                                                   transform="translate(960 470) scale(1 0.72) translate(-960 -470)"))
    return sky, city, lights, s, lamps


def _cutouts(outer, holes) -> str:
    """An even-odd path: `outer` with `holes` cut out of it (for a wall with windows)."""
    def d(pts):
        return "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + "Z"
    return d(outer) + " " + " ".join(d(h) for h in holes)


def _write_stage(name: str, art: dict, layers: list, vp, marks: list, **tmx_args) -> None:
    """Save a stage's art (`{stem: (svg, title)}`) into OUT/name/ and its map OUT/name.tmx
    (`layers`, `vp`, `marks` and `tmx_args` as `tmx` takes them)."""
    os.makedirs(os.path.join(OUT, name), exist_ok=True)
    for stem, (svg, title) in art.items():
        svg.save(os.path.join(OUT, name, f"{stem}.svg"), title)
    with open(os.path.join(OUT, f"{name}.tmx"), "w") as fh:
        fh.write(tmx(name, layers, vp, marks, **tmx_args))


def main() -> None:
    hall, glow = corridor()
    _write_stage("shinra_corridor", {"hall": (hall, "the corridor"), "lights": (glow, "the corridor's lights")},
                 [("hall", "ambient", ""), ("lights", "emissive", "")], VPY, [("by_elevator", *mark_of(*ZACK))])
    doors, glow = elevator()
    _write_stage("shinra_elevator",
                 {"doors": (doors, "the elevator's doors, close"), "lights": (glow, "the elevator's lights")},
                 [("doors", "ambient", ""), ("lights", "emissive", "")], LIFT_EYE,
                 [("at_doors", 960, 1080, 1.0)])  # (where he stands: the camera's own place)
    stems = ("sky", "city", "city_lights", "room", "spill")
    _write_stage("shinra_bunk", {stem: (svg, f"his bunk: {stem}") for svg, stem in zip(barracks(), stems, strict=True)},
                 [("sky", "sky", ""), ("city", "ambient", ""),
                  ("city_lights", "emissive", '   <property name="twinkle" type="float" value="0.3"/>'),
                  ("room", "ambient", ""), ("spill", "emissive", "")], WIN[3], [("by_locker", 1500, 1000, 0.9)])
    stems = ("sky", "room", "door_light", "his_bunk_front")
    lx, ly = p3(*DORM_LYING)
    _write_stage("shinra_barracks",
                 {stem: (svg, f"the barracks: {stem}") for svg, stem in zip(dormitory(), stems, strict=True)},
                 [("sky", "sky", ""), ("room", "ambient", ""), ("door_light", "emissive", ""),
                  ("his_bunk_front", "ambient", "")], VPY,
                 [("by_his_bunk", *mark_of(*DORM_ZACK)), ("on_floor", *mark_of(*DORM_FLOOR)),
                  ("on_floor_facing", *mark_of(*DORM_FACING)),
                  ("on_his_bunk", round(lx), round(ly), mark_of(DORM_LYING[0], DORM_LYING[2])[2],
                   {"behind": "his_bunk_front"}), *dorm_cloud()])
    stems = ("sky", "room", "screen", "table")
    gx, gy = b3(0, 0, GENERAL_Z)
    _write_stage("shinra_briefing", {stem: (svg, f"briefing {stem}") for svg, stem in zip(briefing(), stems, strict=True)},
                 [("sky", "sky", ""), ("room", "ambient", ""), ("screen", "emissive", ""), ("table", "ambient", "")],
                 VPY, [("head_of_table", round(gx), round(gy), round(F * 1.77 / GENERAL_Z / 980, 3))]
                 + [(name, round(b3(x, 0, z)[0]), round(b3(x, 0, z)[1]), round(F * 1.76 / z / 940, 3)) for name, x, z in OFFICERS],
                 above=1)
    stems = ("sky", "city", "city_lights", "room", "lamps")
    places = []
    for name, bench_x in (("mess_left", MT[0] - MT[1] - BENCH[0]), ("mess_right", MT[0] + MT[1] + BENCH[0])):
        for z, suffix in zip(MESS_Z, ("", "_along"), strict=True):
            places.append((name + suffix, *mark_of(bench_x, z)))
    _write_stage("shinra_mess", {stem: (svg, f"the mess: {stem}") for svg, stem in zip(mess(), stems, strict=True)},
                 [("sky", "sky", ""), ("city", "ambient", ""),
                  ("city_lights", "emissive", '   <property name="twinkle" type="float" value="0.2"/>'),
                  ("room", "ambient", ""), ("lamps", "emissive", "")], VPY, places)


if __name__ == "__main__":
    main()
