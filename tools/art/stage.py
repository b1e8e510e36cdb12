"""Generates the living_room stage: SVG layers + the Tiled map.

Needs numpy + shapely (tools only: `pip install -e '.[art-tools]'`), run from tools/art:
`python stage.py` (every layer and the map) or `python stage.py tmx` (the map only).
Deterministic (seeded).
"""
from __future__ import annotations

import math
import os
import random

import numpy as np
from shapely.geometry import Point, Polygon, box
from shapely.ops import unary_union
from shapely.strtree import STRtree
from svgkit import SVG, catmull, f, mix, rim_of

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "stages")
LAYERS = os.path.join(OUT, "living_room")
W, H = 1920, 1080

# ---- room geometry (logical px) -------------------------------------------------------
HY = 500            # eye level / city horizon
VPL = (780.0, HY)   # depth vanishing point (floor boards, the right wall's horizontals)
GLASS_R = 1000      # right edge of the glass wall
CORNER = 1620       # back wall meets the right wall
MULLIONS = [130, 430, 725]
DOOR = (1672, 1848)        # door out, on the right wall
BED = (1045, 1265)         # bedroom doorway, in the back wall
BED_TOP = 26


def back_y(x: float) -> float:
    """Floor line of the back wall."""
    return 892 - 0.0222 * x


def right_y(x: float) -> float:
    """Floor line of the right wall."""
    return back_y(CORNER) + 0.49 * (x - CORNER)


def toward_vp(p, d):
    """Point d px from p toward the depth vanishing point."""
    dx, dy = VPL[0] - p[0], VPL[1] - p[1]
    n = math.hypot(dx, dy)
    return (p[0] + dx / n * d, p[1] + dy / n * d)


def line_to_vp_at_x(p, x):
    """Point on the line through p and VPL at the given x."""
    t = (x - p[0]) / (VPL[0] - p[0])
    return (x, p[1] + (VPL[1] - p[1]) * t)


FLOOR = Polygon([(-20, back_y(-20)), (CORNER, back_y(CORNER)), (1940, right_y(1940)), (1940, 1100), (-20, 1100)])
GLASS = Polygon([(-20, -20), (GLASS_R, -20), (GLASS_R, back_y(GLASS_R)), (-20, back_y(-20))])

# ---- city: a small 3-D model seen from very high up -------------------------------------
CAM_H = 300.0
FOC = 1500.0
CX = 780.0
YAW = math.radians(24)
rnd = random.Random(7)


def proj(X, Y, Z):
    return (CX + FOC * X / Z, HY + FOC * (CAM_H - Y) / Z)


def world(u, v):
    """Grid coords (u across, v along) -> world X, Z (rotated grid)."""
    c, s = math.cos(YAW), math.sin(YAW)
    return (u * c - v * s, u * s + v * c)


class Bld:
    pass


def make_city():
    blds = []
    pitch = 150.0
    street = 26.0
    for gi in range(-60, 60):
        for gj in range(-10, 60):
            u0, v0 = gi * pitch, gj * pitch
            cxw, czw = world(u0 + pitch / 2, v0 + pitch / 2)
            if czw < 700 or czw > 5200:
                continue
            r = math.hypot(cxw, czw)
            if r > 5000:
                continue
            ang = cxw / czw
            if ang < -0.62 or ang > 0.2:
                continue
            # lots
            far = czw > 3000
            n = 1 if far and rnd.random() < 0.6 else rnd.choice([1, 2, 2, 3, 4])
            lots = []
            if n == 1:
                lots = [(0, 0, 1, 1)]
            elif n == 2:
                lots = [(0, 0, 0.5, 1), (0.5, 0, 1, 1)] if rnd.random() < 0.5 else [(0, 0, 1, 0.5), (0, 0.5, 1, 1)]
            elif n == 3:
                lots = [(0, 0, 0.5, 1), (0.5, 0, 1, 0.5), (0.5, 0.5, 1, 1)]
            else:
                lots = [(0, 0, .5, .5), (.5, 0, 1, .5), (0, .5, .5, 1), (.5, .5, 1, 1)]
            inner = pitch - street
            for (a0, b0, a1, b1) in lots:
                m = 3.0
                ua, ub = u0 + street / 2 + a0 * inner + m, u0 + street / 2 + a1 * inner - m
                va, vb = v0 + street / 2 + b0 * inner + m, v0 + street / 2 + b1 * inner - m
                # inset a little at random: varied footprints
                du = (ub - ua) * rnd.uniform(0, 0.18)
                dv = (vb - va) * rnd.uniform(0, 0.18)
                ua += du * rnd.random(); ub -= du * rnd.random()
                va += dv * rnd.random(); vb -= dv * rnd.random()
                centre = 1 - min(1, r / 5000)
                hgt = rnd.uniform(14, 40) + (rnd.random() ** 3) * (60 + 160 * centre)
                if rnd.random() < 0.04 and r < 3500:
                    hgt += rnd.uniform(60, 140)
                b = Bld()
                b.uv = (ua, ub, va, vb)
                b.h = hgt
                b.corners = [world(ua, va), world(ub, va), world(ub, vb), world(ua, vb)]
                b.cz = sum(c[1] for c in b.corners) / 4
                b.cx = sum(c[0] for c in b.corners) / 4
                b.dist = math.hypot(b.cx, b.cz)
                b.tone = rnd.uniform(0.86, 1.12)
                b.tint = rnd.choice([(0, 0, 0), (4, 6, 4), (6, 3, 0), (-3, 0, 4)])
                b.lit = rnd.uniform(0.12, 0.55)
                b.warm = rnd.random()
                blds.append(b)
    blds.sort(key=lambda b: -b.dist)
    return blds


HAZE = (178, 176, 172)


def faces_of(b):
    """Visible faces: list of (kind, screen polygon, world quad)."""
    out = []
    c = b.corners
    h = b.h
    for i in range(4):
        p, q = c[i], c[(i + 1) % 4]
        mx, mz = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
        ex, ez = q[0] - p[0], q[1] - p[1]
        # outward normal of a CCW/CW quad: test against centre
        nx, nz = ez, -ex
        if (mx - b.cx) * nx + (mz - b.cz) * nz < 0:
            nx, nz = -nx, -nz
        # faces toward the camera at origin
        if (-mx) * nx + (-mz) * nz <= 0:
            continue
        poly = [proj(p[0], 0, p[1]), proj(q[0], 0, q[1]), proj(q[0], h, q[1]), proj(p[0], h, p[1])]
        kind = "left" if nx < 0 else "right"   # facing screen-left (the sun side) or right
        out.append((kind, poly, (p, q), (nx, nz)))
    top = [proj(x, h, z) for x, z in c]
    out.append(("top", top, None, None))
    return out


def shade(b, kind, nrm):
    base = {"top": (120, 124, 124), "left": (92, 98, 99), "right": (58, 64, 68)}[kind]
    if nrm is not None:
        # light from the window side (screen left, far): faces turned that way are lighter
        k = max(0.0, -nrm[0] / math.hypot(*nrm))
        base = mix((58, 64, 68), (104, 108, 106), k)
    col = tuple(max(0, min(255, base[i] * b.tone + b.tint[i])) for i in range(3))
    hz = 1 - math.exp(-(b.dist - 700) / 2600)
    return mix(col, HAZE, min(0.88, hz * 0.92))


REACTORS = [  # screen x of the reactor centre, width scale
    (196, 1.0),
    (884, 0.8),
]
RIM_Y = HY + FOC * CAM_H / 5000


def reactor_shapes(x0, k):
    """Screen-space shapes of a mako reactor on the plate rim: list of (polygon, tone)."""
    y0 = RIM_Y + 2
    out = []
    # the drum
    w = 64 * k
    out.append((Polygon([(x0 - w, y0), (x0 - w * 0.92, y0 - 26 * k), (x0 + w * 0.92, y0 - 26 * k), (x0 + w, y0)]), 0.72))
    # dome
    dome = [(x0 - w * 0.7 + i * (w * 1.4) / 20, y0 - 26 * k - math.sin(math.pi * i / 20) * 16 * k) for i in range(21)]
    out.append((Polygon(dome + [(x0 + w * 0.7, y0 - 25 * k), (x0 - w * 0.7, y0 - 25 * k)]), 0.8))
    # stacks
    stacks = [(-0.55, 54, 3.2), (-0.3, 76, 4.2), (0.05, 92, 5.0), (0.36, 70, 4.0), (0.62, 48, 3.0)]
    tops = []
    for fx, hh, sw in stacks:
        sx = x0 + fx * w
        hh *= k
        sw *= k
        out.append((Polygon([(sx - sw, y0 - 20 * k), (sx - sw * 0.8, y0 - 20 * k - hh), (sx + sw * 0.8, y0 - 20 * k - hh), (sx + sw, y0 - 20 * k)]), 0.62))
        # rings
        for r in (0.35, 0.7):
            yy = y0 - 20 * k - hh * r
            out.append((box(sx - sw * 1.1, yy - 1.2 * k, sx + sw * 1.1, yy + 0.6 * k), 0.5))
        tops.append((sx, y0 - 20 * k - hh))
    # pipes arching between stacks and the drum
    for a, b in ((-0.8, -0.45), (0.45, 0.85), (-0.2, 0.2)):
        pts = [(x0 + a * w, y0 - 8 * k)]
        for i in range(1, 10):
            t = i / 10
            pts.append((x0 + (a + (b - a) * t) * w, y0 - 8 * k - math.sin(math.pi * t) * 22 * k))
        pts.append((x0 + b * w, y0 - 8 * k))
        line = pts
        poly = Polygon(line + [(p[0], p[1] + 2.2 * k) for p in reversed(line)])
        out.append((poly.buffer(0), 0.55))
    # supports/girders at the base
    for i in range(-5, 6):
        xx = x0 + i * w * 0.19
        out.append((box(xx - 1.1 * k, y0 - 24 * k, xx + 1.1 * k, y0), 0.5))
    return out, tops


def build_city():
    blds = make_city()
    sky_mask_bottom = 540
    city = SVG(W, H)
    lights = SVG(W, H)

    # ---- far: wasteland to the horizon, low hills
    city.rect(-10, HY - 2, GLASS_R + 30, 420, city.lin(0, HY - 2, 0, RIM_Y + 4, [
        (0, (182, 176, 170)), (0.12, (150, 146, 140)), (1, (104, 100, 96))]))
    hills = [(-10, HY + 2)]
    x = -10
    while x < GLASS_R + 30:
        x += rnd.uniform(30, 90)
        hills.append((x, HY - rnd.uniform(0, 7)))
    hills += [(GLASS_R + 30, HY + 6), (-10, HY + 6)]
    city.poly(hills, (160, 154, 150), 0.9)
    # faint roads and scars in the wasteland
    for i in range(7):
        y = HY + 10 + i * 11 + rnd.uniform(-3, 3)
        city.poly([(-10, y), (GLASS_R + 20, y + rnd.uniform(-4, 4)), (GLASS_R + 20, y + 1.2), (-10, y + 1)], (120, 116, 110), 0.35)
    # ---- the plate (under the buildings)
    city.poly([(-10, RIM_Y), (GLASS_R + 30, RIM_Y), (GLASS_R + 30, 900), (-10, 900)],
              city.lin(0, RIM_Y, 0, 900, [(0, (120, 120, 118)), (0.35, (78, 82, 82)), (1, (52, 56, 58))]))
    # rim line
    city.poly([(-10, RIM_Y - 1.5), (GLASS_R + 30, RIM_Y - 1.5), (GLASS_R + 30, RIM_Y + 1), (-10, RIM_Y + 1)], (70, 70, 70), 0.8)

    # reactors (behind the nearer buildings: at the rim)
    reactor_tops = []
    for x0, k in REACTORS:
        shapes, tops = reactor_shapes(x0, k)
        reactor_tops.append(tops)
        for poly, tone in shapes:
            col = mix((90, 96, 94), HAZE, 0.55 - (tone - 0.6) * 0.6)
            city.geom(poly, col)
        # smoke plumes drifting right from the tallest stacks
        for sx, sy in tops[1:4]:
            for j in range(9):
                t = j / 8
                px = sx + t * 70 * k + rnd.uniform(-3, 3)
                py = sy - t * 42 * k - 3
                rr = (3 + t * 16) * k
                city.ellipse(px, py, rr * 1.4, rr, city.rad(px, py, rr * 1.4, [(0, (200, 196, 190), 0.32 * (1 - t * 0.6)), (1, (200, 196, 190), 0)],
                                                            transform=f"translate({f(px)} {f(py)}) scale(1 {1 / 1.4:.4f}) translate({f(-px)} {f(-py)})"))

    # ---- buildings, far to near
    outlines = []
    face_list = []
    for bi, b in enumerate(blds):
        fs = faces_of(b)
        polys = []
        for kind, poly, edge, nrm in fs:
            polys.append(Polygon(poly))
        out = unary_union(polys).convex_hull
        minx, miny, maxx, maxy = out.bounds
        if maxx < -20 or minx > GLASS_R + 30 or miny > 900:
            outlines.append(None)
            face_list.append([])
            continue
        outlines.append(out)
        face_list.append(fs)
        for kind, poly, edge, nrm in fs:
            col = shade(b, kind, nrm)
            city.poly(poly, col)
        # a dark roof rim + rooftop detail on near buildings
        if b.dist < 2600:
            top = fs[-1][1]
            cxp = sum(p[0] for p in top) / 4
            cyp = sum(p[1] for p in top) / 4
            inner = [(cxp + (p[0] - cxp) * 0.8, cyp + (p[1] - cyp) * 0.8) for p in top]
            city.poly(inner, shade(b, "right", None), 0.35)
            if rnd.random() < 0.5:
                # a rooftop box (plant room)
                s = rnd.uniform(0.25, 0.4)
                pts = [(cxp + (p[0] - cxp) * s, cyp + (p[1] - cyp) * s) for p in top]
                hh = FOC * rnd.uniform(4, 9) / b.dist
                city.poly([(x, y - hh) for x, y in pts], shade(b, "top", None), 1)
                city.poly([pts[0], pts[1], (pts[1][0], pts[1][1] - hh), (pts[0][0], pts[0][1] - hh)], shade(b, "left", (-1, 0)), 1)

    # atmospheric haze over the far city
    city.rect(-10, RIM_Y - 30, GLASS_R + 40, 260, city.lin(0, RIM_Y - 30, 0, RIM_Y + 230, [
        (0, HAZE, 0.0), (0.1, HAZE, 0.45), (0.35, HAZE, 0.22), (1, HAZE, 0.0)]))
    city.rect(-10, HY - 60, GLASS_R + 40, 140, city.lin(0, HY - 60, 0, HY + 80, [
        (0, HAZE, 0.0), (0.45, HAZE, 0.5), (0.6, HAZE, 0.35), (1, HAZE, 0.0)]))

    # ---- lights (emissive) ------------------------------------------------------------
    valid = [(i, o) for i, o in enumerate(outlines) if o is not None]
    tree = STRtree([o for _, o in valid])
    order = np.array([i for i, _ in valid])

    def occluded(x, y, bi):
        idx = tree.query(Point(x, y), predicate="intersects")
        if len(idx) == 0:
            return False
        return bool(np.any(order[idx] > bi))

    pal_warm = [(255, 206, 140), (255, 184, 106), (255, 226, 176), (255, 196, 120)]
    pal_cool = [(214, 228, 255), (190, 214, 255)]
    buckets: dict[tuple, list[str]] = {}

    def add_light(x, y, w, h, col):
        key = col
        buckets.setdefault(key, []).append(f"M{f(x)} {f(y)}h{f(w)}v{f(h)}h{f(-w)}Z")

    nlights = 0
    for bi, b in enumerate(blds):
        fs = face_list[bi]
        if not fs:
            continue
        near_reactor = any(abs(proj(b.cx, 0, b.cz)[0] - rx) < 90 for rx, _ in REACTORS) and b.dist > 3500
        for kind, poly, edge, nrm in fs:
            if kind == "top":
                continue
            (px, pz), (qx, qz) = edge
            flen = math.hypot(qx - px, qz - pz)
            xs_ = [pt[0] for pt in poly]
            if max(xs_) - min(xs_) < 5:
                continue   # edge-on faces would make streaks
            cols = max(1, int(flen / 5.5))
            rows = max(1, int(b.h / 4.2))
            step_c = max(1, cols // 14)
            step_r = max(1, rows // 22)
            sz = FOC / b.dist
            ww = max(0.9, 2.6 * sz)
            hh = max(0.8, 1.7 * sz)
            for ci in range(0, cols, step_c):
                t = (ci + 0.5) / cols
                wx, wz = px + (qx - px) * t, pz + (qz - pz) * t
                for ri in range(0, rows, step_r):
                    if rnd.random() > b.lit:
                        continue
                    y = (ri + 0.5) * 4.2
                    sx, sy = proj(wx, y, wz)
                    if sx < 0 or sx > GLASS_R or sy > 892:
                        continue
                    if occluded(sx, sy, bi):
                        continue
                    if near_reactor and rnd.random() < 0.5:
                        col = (150, 255, 180)
                    elif b.warm < 0.8:
                        col = pal_warm[rnd.randrange(len(pal_warm))]
                    else:
                        col = pal_cool[rnd.randrange(len(pal_cool))]
                    add_light(sx - ww / 2, sy - hh / 2, ww, hh, col)
                    nlights += 1

    # street lights: dots along the grid streets, hidden behind buildings
    union_all = unary_union([o for o in outlines if o is not None])
    street_pts = []
    pitch = 150.0
    for gi in range(-60, 60):
        for gj in range(-10, 60):
            for k in range(5):
                for (u, v) in ((gi * pitch, gj * pitch + k * 30), (gi * pitch + k * 30, gj * pitch)):
                    X, Z = world(u, v)
                    if Z < 900 or math.hypot(X, Z) > 4950:
                        continue
                    sx, sy = proj(X, 6, Z)
                    if -5 < sx < GLASS_R + 5 and sy < 892:
                        street_pts.append((sx, sy, Z))
    sp = np.array(street_pts)
    import shapely
    hidden = shapely.contains_xy(union_all, sp[:, 0], sp[:, 1])
    sodium = (255, 160, 80)
    for (sx, sy, Z), hd in zip(street_pts, hidden):
        if hd:
            continue
        s = max(0.9, 3.0 * FOC / Z / 2)
        add_light(sx - s / 2, sy - s / 2, s, s * 0.8, sodium if rnd.random() < 0.85 else (255, 230, 190))
        nlights += 1

    # soft bloom first (under the points)
    # a warm haze of light over the city, strongest in the middle distance
    lights.rect(-10, HY - 40, GLASS_R + 40, 480, lights.lin(0, HY - 40, 0, 900, [
        (0, (255, 150, 80), 0.0), (0.12, (255, 150, 80), 0.10), (0.25, (255, 170, 100), 0.16),
        (0.6, (255, 170, 100), 0.07), (1, (255, 170, 100), 0.03)]))
    for _ in range(34):
        x = rnd.uniform(0, GLASS_R)
        y = rnd.uniform(RIM_Y + 10, 860)
        r = rnd.uniform(40, 120) * (y - HY) / 200
        lights.ellipse(x, y, r * 1.6, r * 0.7, lights.rad(x, y, r * 1.6, [(0, (255, 178, 110), 0.13), (1, (255, 178, 110), 0)],
                                                            transform=f"translate({f(x)} {f(y)}) scale(1 {0.7 / 1.6:.4f}) translate({f(-x)} {f(-y)})"))
    # reactor glow: the faint green, an echo of his eyes
    for x0, k in REACTORS:
        y0 = RIM_Y - 20 * k
        lights.ellipse(x0, y0, 190 * k, 90 * k, lights.rad(x0, y0, 190 * k, [(0, (90, 255, 150), 0.34), (0.4, (70, 230, 130), 0.12), (1, (60, 220, 120), 0)],
                                                          transform=f"translate({f(x0)} {f(y0)}) scale(1 0.47) translate({f(-x0)} {f(-y0)})"))
        lights.ellipse(x0, RIM_Y - 14 * k, 50 * k, 14 * k, lights.rad(x0, RIM_Y - 14 * k, 50 * k, [(0, (170, 255, 200), 0.7), (1, (90, 255, 150), 0)],
                                                                   transform=f"translate({f(x0)} {f(RIM_Y - 14 * k)}) scale(1 0.3) translate({f(-x0)} {f(-(RIM_Y - 14 * k))})"))
    # bright points
    for col, ds in buckets.items():
        lights.path("".join(ds), col)
    # green working lights on the reactors, red beacons on the stacks
    for (x0, k), tops in zip(REACTORS, reactor_tops):
        for i in range(26):
            xx = x0 + rnd.uniform(-60, 60) * k
            yy = RIM_Y - rnd.uniform(2, 26) * k
            lights.rect(xx, yy, 1.4, 1.2, (150, 255, 190))
        for sx, sy in tops:
            lights.circle(sx, sy - 1, 4, lights.rad(sx, sy - 1, 4, [(0, (255, 90, 70), 0.9), (1, (255, 60, 40), 0)]))
            lights.circle(sx, sy - 1, 0.9, (255, 140, 120))
    print("lights:", nlights, "buildings:", len(blds))
    return city, lights


# ---- sky mask --------------------------------------------------------------------------
def build_sky():
    s = SVG(W, H)
    s.rect(0, 0, GLASS_R + 8, 540, "#ffffff")
    return s


# ---- interior --------------------------------------------------------------------------
# The room's albedo is painted darker than it is (the numbers below), then brightened by this
# factor when saved, so the sunset can tint the whole room russet while night stays dark.
ROOM_ALBEDO = 1.75
CHAIR_ALBEDO = 1.3     # the wooden chair stays a little darker than the room around it
CITY_LIGHTS_GAIN = 1.2  # the lights against the darker night


def brighten_svg(path, k):
    """Multiply every #rrggbb colour of an SVG file by k (clamped): the picture scales by k."""
    import re
    txt = open(path).read()

    def rep(m):
        v = m.group(1)
        r, g, b = (min(255, round(int(v[i:i + 2], 16) * k)) for i in (0, 2, 4))
        return f"#{r:02x}{g:02x}{b:02x}"
    txt = re.sub(r"#([0-9a-fA-F]{6})\b", rep, txt)
    with open(path, "w") as fh:
        fh.write(txt)


def build_interior():
    s = SVG(W, H)
    # right wall: faces the window, so it catches the most light
    rw = [(CORNER, -20), (1940, -20), (1940, right_y(1940)), (CORNER, back_y(CORNER))]
    s.poly(rw, s.lin(CORNER, 0, 1940, 0, [(0, (84, 76, 70)), (0.5, (66, 59, 54)), (1, (36, 32, 30))]))
    s.poly(rw, s.lin(0, -20, 0, 1000, [(0, (10, 8, 8), 0.55), (0.4, (10, 8, 8), 0.0), (1, (10, 8, 8), 0.15)]))
    # back wall, solid third
    bw = [(GLASS_R, -20), (CORNER, -20), (CORNER, back_y(CORNER)), (GLASS_R, back_y(GLASS_R))]
    s.poly(bw, s.lin(GLASS_R, 0, CORNER, 0, [(0, (74, 68, 63)), (0.25, (54, 49, 46)), (1, (40, 36, 34))]))
    s.poly(bw, s.lin(0, -20, 0, 900, [(0, (8, 7, 7), 0.6), (0.45, (8, 7, 7), 0.0), (1, (8, 7, 7), 0.25)]))
    # panel seams on the back wall (tall stone panels)
    for x in range(1300, CORNER, 160):
        s.poly([(x, -20), (x + 2, -20), (x + 2, back_y(x)), (x, back_y(x))], (24, 21, 20), 0.7)
        s.poly([(x + 2, -20), (x + 3.5, -20), (x + 3.5, back_y(x)), (x + 2, back_y(x))], (110, 100, 92), 0.25)
    # bedroom doorway
    bx0, bx1 = BED
    s.poly([(bx0, BED_TOP), (bx1, BED_TOP), (bx1, back_y(bx1)), (bx0, back_y(bx0))],
           s.lin(0, BED_TOP, 0, back_y(bx0), [(0, (14, 14, 18)), (0.6, (20, 19, 22)), (1, (26, 23, 22))]))
    # the bedroom beyond, seen through the doorway in the room's perspective (camera 0.875 m up,
    # focal RF, depth vanishing point VPL): its far wall 5.6 m away, a cool sliver of its own
    # window on the left, and the bed along its right wall — headboard against the far wall, a
    # pillow, the sheet and a dark blanket, its side in shadow — running behind the right jamb.
    # Everything pale sits high and right (x >= 1150, y <= 640), clear of the chair in front.
    zf = 5.6

    def bp(X, Y, Z):
        return (VPL[0] + RF * X / Z, HY + RF * (RCAM - Y) / Z)

    far_floor = bp(0, 0, zf)[1]
    s.poly([(bx0, BED_TOP), (bx1, BED_TOP), (bx1, far_floor), (bx0, far_floor)],
           s.lin(0, BED_TOP, 0, far_floor, [(0, (16, 16, 20)), (0.5, (24, 24, 30)), (1, (30, 29, 34))]))
    s.poly([(bx0, far_floor), (bx1, far_floor), (bx1, back_y(bx1)), (bx0, back_y(bx0))],
           s.lin(0, far_floor, 0, back_y(bx0), [(0, (18, 16, 17)), (1, (34, 29, 26))]))
    s.poly([(bx0, far_floor - 1.5), (bx1, far_floor - 1.5), (bx1, far_floor + 1), (bx0, far_floor + 1)], (10, 9, 10), 0.8)
    # its window: a tall cool sliver, and its light lying on the bedroom floor
    wx0, wx1 = 1074, 1098
    s.poly([(wx0, 150), (wx1, 150), (wx1, 640), (wx0, 640)],
           s.lin(0, 150, 0, 640, [(0, (66, 76, 98), 0.1), (0.35, (84, 94, 118), 0.4), (1, (64, 72, 92), 0.22)]))
    s.poly([(wx0, far_floor + 2), (wx1, far_floor + 2), (wx1 + 40, back_y(wx1) - 6), (wx0 + 10, back_y(wx0) - 6)],
           s.lin(0, far_floor, 0, back_y(wx0), [(0, (70, 80, 100), 0.22), (1, (70, 80, 100), 0.0)]))
    # the bed: X from its left side (1.33 m right of the camera: just right of the chair) under the right jamb
    xl, zn = 1.33, 4.2
    head_top, mat, frame = 1.05, 0.52, 0.14
    A = bp(xl, head_top, zf)
    s.poly([A, (bx1, A[1] - 2), (bx1, bp(xl, 0, zf)[1]), bp(xl, 0, zf)],
           s.lin(0, A[1], 0, far_floor, [(0, (40, 31, 27)), (1, (22, 18, 16))]))  # headboard
    s.poly([A, (bx1, A[1] - 2), (bx1, A[1] + 3), (A[0], A[1] + 5)], (118, 112, 118), 0.5)  # its lit top edge
    top_far, top_near = bp(xl, mat, zf - 0.05), bp(xl, mat, zn)
    side_far, side_near = bp(xl, frame, zf - 0.05), bp(xl, frame, zn)
    # the mattress' side, in shadow, over a darker bed frame down to the floor
    s.poly([top_far, top_near, side_near, side_far], s.lin(top_far[0], 0, top_near[0], 0, [(0, (34, 33, 40)), (1, (44, 42, 50))]))
    s.poly([side_far, side_near, bp(xl, 0.02, zn), bp(xl, 0.02, zf - 0.05)], (16, 14, 14))
    # its top seen just from above: the sheet, the pillow at the head, the blanket folded back
    right = bx1  # the jamb hides the rest
    sheet = [top_far, (right, top_far[1] - 4), (right, top_near[1] - 6), top_near]
    s.poly(sheet, s.lin(0, top_far[1], 0, top_near[1], [(0, (96, 98, 108)), (1, (78, 80, 90))]))
    p0, p1 = bp(xl + 0.06, mat + 0.14, zf - 0.12), bp(xl + 0.06, mat + 0.02, zf - 0.6)
    s.poly(catmull([(p0[0] + 2, p0[1] + 4), (p0[0] + 30, p0[1] - 2), (right, p0[1] - 4), (right, p1[1] + 2),
                    (p1[0] + 20, p1[1] + 1), (p1[0] - 2, p1[1] - 3)], 6),
           s.lin(0, p0[1], 0, p1[1], [(0, (126, 126, 136)), (1, (100, 100, 110))]))  # the pillow
    b0 = bp(xl, mat + 0.03, zf - 1.0)
    blanket = [b0, (right, b0[1] - 4), (right, top_near[1] - 4), (top_near[0], top_near[1] + 1)]
    s.poly(blanket, s.lin(0, b0[1], 0, top_near[1], [(0, (52, 44, 50)), (1, (40, 34, 40))]))
    s.poly([b0, (right, b0[1] - 4), (right, b0[1] - 1), (b0[0], b0[1] + 2.5)], (120, 116, 124), 0.55)  # the turned-down edge
    s.poly([side_near, bp(xl, frame, zn + 0.4), (bx1, back_y(bx1)), (side_near[0], side_near[1] + 30)],
           (8, 7, 7), 0.35)  # the bed's shadow on the floor toward the door
    # right jamb reveal (faces the window: catches light)
    a, b = (bx1, BED_TOP), (bx1, back_y(bx1))
    a2, b2 = toward_vp(a, 30), toward_vp(b, 30)
    s.poly([a, a2, b2, b], s.lin(0, 0, 0, 900, [(0, (58, 52, 48)), (1, (92, 82, 74))]))
    # casing
    for x0, x1 in ((bx0 - 16, bx0), (bx1, bx1 + 14)):
        s.poly([(x0, BED_TOP - 16), (x1, BED_TOP - 16), (x1, back_y(x1)), (x0, back_y(x0))], s.lin(0, 0, 0, 900, [(0, (44, 38, 34)), (1, (60, 52, 46))]))
    s.poly([(bx0 - 16, BED_TOP - 16), (bx1 + 14, BED_TOP - 16), (bx1 + 14, BED_TOP), (bx0 - 16, BED_TOP)], (42, 37, 34))
    s.poly([(bx0 - 16, BED_TOP - 16), (bx0 - 14, BED_TOP - 16), (bx0 - 14, back_y(bx0 - 14)), (bx0 - 16, back_y(bx0 - 16))], (140, 128, 116), 0.5)
    # door out, on the right wall
    d0, d1 = DOOR
    # casing
    for x0, x1 in ((d0 - 16, d0), (d1, d1 + 18)):
        s.poly([(x0, -20), (x1, -20), (x1, right_y(x1)), (x0, right_y(x0))], (52, 45, 40))
    s.poly([(d0 - 16, -20), (d0 - 13, -20), (d0 - 13, right_y(d0 - 13)), (d0 - 16, right_y(d0 - 16))], (150, 136, 122), 0.55)
    s.poly([(d0, -20), (d1, -20), (d1, right_y(d1)), (d0, right_y(d0))],
           s.lin(d0, 0, d1, 0, [(0, (58, 44, 36)), (0.5, (44, 33, 27)), (1, (30, 23, 19))]))
    s.poly([(d0, -20), (d1, -20), (d1, right_y(d1)), (d0, right_y(d0))], s.lin(0, -20, 0, 1000, [(0, (0, 0, 0), 0.4), (0.5, (0, 0, 0), 0.0), (1, (0, 0, 0), 0.2)]))
    # panel grooves (horizontals converge to the depth vanishing point)
    for yy in (150, 520, 830):
        p = (d0 + 12, yy)
        q = line_to_vp_at_x(p, d1 - 12)
        s.poly([p, q, (q[0], q[1] + 2), (p[0], p[1] + 2)], (20, 15, 12), 0.6)
        s.poly([(p[0], p[1] + 2), (q[0], q[1] + 2), (q[0], q[1] + 3.2), (p[0], p[1] + 3.2)], (120, 100, 86), 0.25)
    for xx in (d0 + 12, d1 - 14):
        s.poly([(xx, 150), (xx + 2, 150), (xx + 2, 830), (xx, 830)], (20, 15, 12), 0.5)
    # the handle, at hand height on the near edge
    hx, hy = 1826, 437
    s.ellipse(hx, hy, 7, 11, s.rad(hx - 2, hy - 3, 11, [(0, (190, 184, 176)), (1, (60, 56, 52))]))
    lever = [(hx, hy - 3.5), (hx - 42, hy - 3.5 - 42 * 0.22), (hx - 44, hy + 1 - 44 * 0.22), (hx - 42, hy + 4.5 - 42 * 0.22), (hx, hy + 4)]
    s.poly(lever, s.lin(0, hy - 14, 0, hy + 5, [(0, (220, 214, 204)), (0.5, (120, 116, 110)), (1, (40, 38, 36))]))
    # corner shadow
    s.poly([(CORNER - 6, -20), (CORNER + 10, -20), (CORNER + 10, back_y(CORNER) + 4), (CORNER - 6, back_y(CORNER))],
           s.lin(CORNER - 6, 0, CORNER + 10, 0, [(0, (0, 0, 0), 0.0), (0.45, (0, 0, 0), 0.5), (1, (0, 0, 0), 0.0)]))
    # baseboard shadow gaps
    s.poly([(GLASS_R, back_y(GLASS_R) - 14), (CORNER, back_y(CORNER) - 14), (CORNER, back_y(CORNER)), (GLASS_R, back_y(GLASS_R))], (22, 19, 18), 0.9)
    s.poly([(CORNER, back_y(CORNER) - 14), (1940, right_y(1940) - 20), (1940, right_y(1940)), (CORNER, back_y(CORNER))], (26, 22, 20), 0.9)

    # ---- floor: dark polished walnut, reflecting the glass
    fl = list(FLOOR.exterior.coords)[:-1]
    s.poly(fl, s.lin(0, 850, 0, 1080, [(0, (78, 64, 54)), (0.3, (50, 40, 34)), (1, (20, 16, 14))]))
    s.poly(fl, s.lin(0, 0, 1920, 0, [(0, (30, 24, 20), 0.0), (0.55, (10, 8, 7), 0.0), (1, (10, 8, 7), 0.55)]))
    # boards, converging to the depth vanishing point
    for xb in range(-2400, 4200, 118):
        p = (xb, 1090)
        # where the line meets the wall base
        t_hi = 0.0
        pts = []
        for t in np.linspace(0, 1, 80):
            x = p[0] + (VPL[0] - p[0]) * t
            y = p[1] + (VPL[1] - p[1]) * t
            if not FLOOR.contains(Point(x, y)):
                break
            t_hi = t
        q = (p[0] + (VPL[0] - p[0]) * t_hi, p[1] + (VPL[1] - p[1]) * t_hi)
        if t_hi == 0:
            continue
        wdt = 1.6
        s.poly([(p[0] - wdt, p[1]), (p[0] + wdt, p[1]), (q[0] + 0.4, q[1]), (q[0] - 0.4, q[1])], (12, 9, 8), 0.55)
    # board end joints, staggered
    for row in range(9):
        yy = 900 + (row ** 1.5) * 20
        for _ in range(6):
            x = rnd.uniform(-50, 1900)
            if not FLOOR.contains(Point(x, yy)):
                continue
            s.poly([(x, yy), (x + 60 * (yy - 500) / 500, yy - 1), (x + 60 * (yy - 500) / 500, yy + 0.6), (x, yy + 1.4)], (14, 10, 9), 0.4)
    # reflection of the glass: pale, fading toward the camera, broken by the mullions
    gl = [(-20, back_y(-20)), (GLASS_R, back_y(GLASS_R)), (GLASS_R + 120, 1090), (-20, 1090)]
    s.poly(gl, s.lin(0, 880, 0, 1080, [(0, (214, 204, 194), 0.42), (0.35, (214, 204, 194), 0.16), (1, (214, 204, 194), 0.0)]))
    for m in MULLIONS + [GLASS_R - 8]:
        y0 = back_y(m)
        s.poly([(m - 6, y0), (m + 6, y0), (m + 14, 1090), (m - 10, 1090)], s.lin(0, y0, 0, 1080, [(0, (12, 10, 9), 0.7), (1, (12, 10, 9), 0.0)]))
    # contact shadow along the wall base
    s.poly([(-20, back_y(-20)), (CORNER, back_y(CORNER)), (1940, right_y(1940)), (1940, right_y(1940) + 10), (CORNER, back_y(CORNER) + 10), (-20, back_y(-20) + 10)], (8, 6, 6), 0.5)
    # vignette: the near floor falls into shadow
    s.poly(fl, s.rad(700, 760, 1300, [(0, (0, 0, 0), 0.0), (0.55, (0, 0, 0), 0.0), (1, (0, 0, 0), 0.6)]))

    # ---- the glass wall: mullions, floor channel, a faint sheen
    for m in MULLIONS:
        y0 = back_y(m)
        s.poly([(m - 6, -20), (m + 6, -20), (m + 6, y0), (m - 6, y0)], s.lin(m - 6, 0, m + 6, 0, [(0, (70, 64, 58)), (0.2, (34, 30, 28)), (0.8, (24, 21, 20)), (1, (52, 47, 43))]))
    s.poly([(GLASS_R - 8, -20), (GLASS_R + 4, -20), (GLASS_R + 4, back_y(GLASS_R)), (GLASS_R - 8, back_y(GLASS_R))], s.lin(GLASS_R - 8, 0, GLASS_R + 4, 0, [(0, (62, 56, 52)), (0.3, (30, 27, 25)), (1, (22, 20, 19))]))
    ch = [(-20, back_y(-20) - 16), (GLASS_R, back_y(GLASS_R) - 16), (GLASS_R, back_y(GLASS_R)), (-20, back_y(-20))]
    s.poly(ch, s.lin(0, 860, 0, 895, [(0, (40, 36, 33)), (0.2, (26, 23, 22)), (1, (14, 12, 11))]))
    s.poly([(-20, back_y(-20) - 16), (GLASS_R, back_y(GLASS_R) - 16), (GLASS_R, back_y(GLASS_R) - 14.5), (-20, back_y(-20) - 14.5)], (160, 150, 140), 0.5)
    for x0, wdt in ((260, 70), (300, 22), (800, 90)):
        s.poly([(x0, -20), (x0 + wdt, -20), (x0 + wdt - 260, 860), (x0 - 260, 860)], s.lin(0, 0, 0, 860, [(0, (255, 255, 255), 0.05), (0.6, (255, 255, 255), 0.02), (1, (255, 255, 255), 0.0)]))
    # top of the frame: the dark underside of the ceiling edge, just visible
    s.poly([(-20, -20), (1940, -20), (1940, 10), (-20, 18)], s.lin(0, -20, 0, 20, [(0, (16, 14, 13)), (1, (28, 25, 23))]))
    return s


# ---- chair -------------------------------------------------------------------------------
RF = 1500.0          # room camera focal length (px); camera 0.875 m above the floor
RCAM = 0.875


def rproj(X, Y, Z):
    return (VPL[0] + RF * X / Z, HY + RF * (RCAM - Y) / Z)


CHAIR_C = (0.37, 2.93)      # chair centre on the floor (X, Z metres)
CHAIR_YAW = math.radians(-38)


def chair_boxes():
    """Boxes in chair-local coords: (cx, cy, cz, sx, sy, sz, tone). z+ = toward its back."""
    bx = []
    hw, hd = 0.215, 0.2
    for x in (-hw + 0.02, hw - 0.02):
        bx.append((x, 0.23, -hd + 0.02, 0.038, 0.46, 0.038, 1.0))       # front legs
        bx.append((x, 0.49, hd - 0.02, 0.04, 0.98, 0.036, 1.0))         # back legs + uprights
    bx.append((0, 0.445, 0, 0.45, 0.032, 0.43, 1.15))                   # seat
    bx.append((0, 0.405, -hd + 0.02, 0.40, 0.05, 0.022, 0.9))           # front apron
    bx.append((-hw + 0.02, 0.405, 0, 0.022, 0.05, 0.36, 0.9))
    bx.append((hw - 0.02, 0.405, 0, 0.022, 0.05, 0.36, 0.9))
    bx.append((0, 0.94, hd - 0.02, 0.47, 0.075, 0.034, 1.1))            # top rail
    bx.append((0, 0.62, hd - 0.02, 0.40, 0.03, 0.024, 1.0))             # lower rail
    for x in (-0.09, 0.0, 0.09):
        bx.append((x, 0.78, hd - 0.02, 0.035, 0.30, 0.018, 1.0))        # slats
    for x in (-hw + 0.02, hw - 0.02):
        bx.append((x, 0.14, 0, 0.022, 0.022, 0.36, 0.8))                # side stretchers
    return bx


CHAIR_DARK, CHAIR_MID, CHAIR_LIT = (24, 18, 15), (56, 41, 32), (112, 84, 62)  # dark walnut
CHAIR_RIM = (3.2, 1.6)  # px: the edge bands the light catches: sides toward the glass (left), tops


def build_chair():
    """The wooden chair (an `ambient` layer) and its rims (`rim` layers, drawn additively in the
    preset's rim colour): backlit by the glass like the figures, the chair is a dark walnut
    shape whose faces turned to the window are a little lighter, with the grain along its seat;
    a thin line of light along the edges of every member that face the window (left: `chair_rim`)
    and along those that face up, with a faint sheen on the seat (`chair_rim_top`, `faces: up`:
    the preset's `rim_top` says how much light reaches them — a low sun lights the sides of the
    chair, not its tops; the night sky lights the tops) — so under the rust of the sunset it
    reads as a chair against the light, not as an orange block, and at sunrise not as a tan one."""
    s = SVG(W, H)
    rim = SVG(W, H)
    top = SVG(W, H)
    c, si = math.cos(CHAIR_YAW), math.sin(CHAIR_YAW)
    ox, oz = CHAIR_C

    def to_world(x, y, z):
        return (ox + x * c + z * si, y, oz - x * si + z * c)

    # contact shadow
    px, py = rproj(ox, 0, oz)
    s.ellipse(px, py + 4, 170, 44, s.rad(px, py + 4, 170, [(0, (0, 0, 0), 0.55), (1, (0, 0, 0), 0.0)],
                                          transform=f"translate({f(px)} {f(py + 4)}) scale(1 0.26) translate({f(-px)} {f(-py - 4)})"))
    faces = []
    hulls = []  # (distance, 2-D outline) per member, for the rim and what hides it
    light = (-0.8, 0.35, 0.5)   # toward the window: left, a little up, back
    ln = math.sqrt(sum(v * v for v in light))
    light = tuple(v / ln for v in light)
    for (cx, cy, cz, sx, sy, sz, tone) in chair_boxes():
        corners = {}
        for dx in (-1, 1):
            for dy in (-1, 1):
                for dz in (-1, 1):
                    corners[(dx, dy, dz)] = to_world(cx + dx * sx / 2, cy + dy * sy / 2, cz + dz * sz / 2)
        centre = to_world(cx, cy, cz)
        hulls.append((math.dist(centre, (0, RCAM, 0)),
                      Polygon([rproj(*p) for p in corners.values()]).convex_hull))
        member = hulls[-1]
        for axis in range(3):
            for sgn in (-1, 1):
                quad = []
                for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                    key = [0, 0, 0]
                    key[axis] = sgn
                    o = [i for i in range(3) if i != axis]
                    key[o[0]], key[o[1]] = a, b
                    quad.append(corners[tuple(key)])
                nl = [0, 0, 0]
                nl[axis] = sgn
                nw = (nl[0] * c + nl[2] * si, nl[1], -nl[0] * si + nl[2] * c)
                fc = tuple(sum(q[i] for q in quad) / 4 for i in range(3))
                cam = (0 - fc[0], RCAM - fc[1], 0 - fc[2])
                if nw[0] * cam[0] + nw[1] * cam[1] + nw[2] * cam[2] <= 0:
                    continue
                lam = max(0.0, sum(nw[i] * light[i] for i in range(3)))
                dist = math.sqrt(sum(v * v for v in cam))
                faces.append((dist, [rproj(*q) for q in quad], lam, tone, axis, sgn))
                if axis == 1 and sgn > 0 and sx * sz > 0.1:  # the seat's top: the sky's sheen on it
                    seat_top = (member[0], [rproj(*q) for q in quad])
    faces.sort(key=lambda t: -t[0])
    for dist, pts, lam, tone, axis, sgn in faces:
        col = mix(mix(CHAIR_DARK, CHAIR_MID, 0.7), CHAIR_LIT, lam ** 1.5)
        col = tuple(min(255, v * tone) for v in col)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        if axis == 1:   # a horizontal face: no lighter than the sides (its light is `chair_rim_top`'s sheen)
            fill = s.lin(min(xs), 0, max(xs), 0, [(0, tuple(v * 0.9 for v in col)), (1, tuple(v * 0.66 for v in col))])
        else:
            fill = s.lin(0, min(ys), 0, max(ys), [(0, tuple(min(255, v * 1.06) for v in col)), (1, tuple(v * 0.7 for v in col))])
        s.poly(pts, fill)
    # the grain along the seat (its depth): a few darker strokes, unevenly spaced
    rng = random.Random(38)
    sy_top = 0.445 + 0.016
    for i in range(9):
        x = -0.2 + 0.4 * (i + rng.uniform(0.2, 0.8)) / 9
        a = rproj(*to_world(x, sy_top, -0.2))
        b = rproj(*to_world(x + rng.uniform(-0.01, 0.01), sy_top, 0.2))
        w = rng.uniform(0.6, 1.3)
        s.poly([(a[0] - w, a[1]), (a[0] + w, a[1]), (b[0] + w, b[1]), (b[0] - w, b[1])], CHAIR_DARK, 0.35)
    # the rims: each member's edges facing the window (left) and facing up, hidden where a nearer
    # member is in front of it (the lines must not show through the seat); the sky's sheen on the
    # seat, strongest toward the window
    hulls.sort(key=lambda t: t[0])
    nearer = None
    for dist, hull in hulls:
        if dist == seat_top[0]:
            sheen = Polygon(seat_top[1])
            if nearer is not None:
                sheen = sheen.difference(nearer)
            xs = [p[0] for p in seat_top[1]]
            top.geom(sheen, top.lin(min(xs), 0, max(xs), 0, [(0, (255, 255, 255), 0.22), (1, (255, 255, 255), 0.05)]))
        for layer, (dx, dy) in ((rim, (CHAIR_RIM[0], 0.0)), (top, (0.0, CHAIR_RIM[1]))):
            band = rim_of(hull, dx, dy)
            glow = rim_of(hull, dx * 3, dy * 3)
            if nearer is not None:
                band, glow = band.difference(nearer), glow.difference(nearer)
            if not glow.is_empty:
                layer.geom(glow, (255, 255, 255), 0.18)
            if not band.is_empty:
                layer.geom(band, (255, 255, 255), 0.85)
        nearer = hull if nearer is None else unary_union([nearer, hull])
    tl = rproj(*to_world(-0.235, 0.977, 0.18))
    tr = rproj(*to_world(0.235, 0.977, 0.18))
    s.text(f"top rail left end at {tl}")
    print("chair rail left", tl, "right", tr)
    return s, rim, top


# ---- lights (polygons, for the .tmx) -------------------------------------------------------
def beam_panes(sun_x, groups_mullions, k=3.0, inset=7):
    edges = [-300] + MULLIONS + [GLASS_R - 8]
    out = []
    P = (sun_x, HY)
    floor_clip = FLOOR.intersection(box(-40, 0, 1960, 1120))
    for a, b in zip(edges[:-1], edges[1:]):
        A = (a + inset, back_y(a + inset))
        B = (b - inset, back_y(b - inset))
        A2 = (A[0] + (A[0] - P[0]) * k, A[1] + (A[1] - P[1]) * k)
        B2 = (B[0] + (B[0] - P[0]) * k, B[1] + (B[1] - P[1]) * k)
        poly = Polygon([A, B, B2, A2]).intersection(floor_clip)
        if poly.is_empty or poly.area < 50:
            continue
        if poly.geom_type != "Polygon":
            poly = max(poly.geoms, key=lambda g: g.area)
        coords = list(poly.exterior.coords)[:-1]
        # start at the point nearest the glass end (the source): reach shortens toward it
        i0 = min(range(len(coords)), key=lambda i: math.hypot(coords[i][0] - (A[0] + B[0]) / 2, coords[i][1] - (A[1] + B[1]) / 2))
        coords = coords[i0:] + coords[:i0]
        out.append(coords)
    return out


def build_tmx(marks, sun_polys, sunrise_polys, figure_sun):
    """The map. Layer order (Tiled's Layers panel, bottom first) is drawing order: the `lights`
    layer sits under the chair, so the beams light the floor and the chair stands over them;
    figures on the `marks` layer stand over everything, except on marks that say `behind`."""
    obj_id = 1
    lines = []
    A = lines.append
    A('<?xml version="1.0" encoding="UTF-8"?>')
    A('<map version="1.8" tiledversion="1.8.2" orientation="orthogonal" renderorder="right-down" '
      'width="16" height="9" tilewidth="120" tileheight="120" infinite="0" nextlayerid="10" nextobjectid="NEXTOBJ">')
    A(' <properties>')
    A('  <property name="light" value="day"/>')
    A('  <property name="window_side" value="left"/>')
    A('  <property name="date" value="09-22"/>')
    A('  <property name="latitude" type="float" value="40"/>')
    A('  <property name="view_azimuth" type="float" value="307"/>')
    A(f'  <property name="horizon" type="float" value="{HY}"/>')
    A(' </properties>')

    def image_layer(i, name, light, extra=""):
        A(f' <imagelayer id="{i}" name="{name}">')
        A(f'  <image source="living_room/{name}.svg" width="{W}" height="{H}"/>')
        A('  <properties>')
        A(f'   <property name="light" value="{light}"/>')
        if extra:
            A(extra)
        A('  </properties>')
        A(' </imagelayer>')

    def poly_obj(name, group, pts, soft, falls_on=None, extra=()):
        nonlocal obj_id
        x0, y0 = pts[0]
        rel = " ".join(f"{f(x - x0)},{f(y - y0)}" for x, y in pts)
        A(f'  <object id="{obj_id}" name="{name}" x="{f(x0)}" y="{f(y0)}">')
        A('   <properties>')
        if falls_on:
            A(f'    <property name="falls_on" value="{falls_on}"/>')
        A(f'    <property name="group" value="{group}"/>')
        A(f'    <property name="softness" type="float" value="{soft}"/>')
        for key, value in extra:  # floats: strength, dust (vn.stage.motion)
            A(f'    <property name="{key}" type="float" value="{value}"/>')
        A('   </properties>')
        A(f'   <polygon points="{rel}"/>')
        A('  </object>')
        obj_id += 1

    for i, (name, light) in enumerate([("sky", "sky"), ("city", "ambient"), ("city_lights", "emissive"),
                                       ("interior", "ambient")], start=1):
        # the city lights twinkle (vn.stage.motion)
        image_layer(i, name, light, '   <property name="twinkle" type="float" value="0.45"/>' if name == "city_lights" else "")
    obj_id = len(marks) + 1  # marks keep ids 1..n
    A(' <objectgroup id="7" name="lights">')
    for i, pts in enumerate(sun_polys):
        poly_obj(f"sun_floor_{i + 1}", "sun", pts, 28)
    # the last light on a figure by the glass: falls only on figures, through their paint
    poly_obj("sun_figure", "figure", figure_sun, 60, "figures")
    for i, pts in enumerate(sunrise_polys):
        poly_obj(f"sunrise_floor_{i + 1}", "sunrise", pts, 30)
    # the air the sunset light crosses between the glass and the floor: it adds no light of its
    # own (strength 0) but the dust drifting in it catches the beam (vn.stage.motion)
    poly_obj("sun_air", "sun", SUN_AIR, 90, extra=(("strength", 0), ("dust", 1.2)))
    # and the sunrise's: fewer motes, in the low gold light from the other end of the sky
    poly_obj("sunrise_air", "sunrise", SUNRISE_AIR, 90, extra=(("strength", 0), ("dust", 0.7)))
    A(' </objectgroup>')
    # the chair stands in the beams and casts its shadow in them, like a figure
    image_layer(5, "chair", "ambient", '   <property name="casts_shadow" type="bool" value="true"/>')
    image_layer(8, "chair_rim", "rim")  # the edges of the chair that catch the light from the glass
    # its edges that face up: lit as much as the preset's `rim_top` says (the light's height)
    image_layer(9, "chair_rim_top", "rim", '   <property name="faces" value="up"/>')
    next_obj = obj_id
    obj_id = 1
    A(' <objectgroup id="6" name="marks">')
    for name, x, y, sc, z, *extra in marks:
        A(f'  <object id="{obj_id}" name="{name}" x="{x}" y="{y}">')
        A('   <properties>')
        for key, value in (extra[0] if extra else {}).items():
            A(f'    <property name="{key}" value="{value}"/>')
        A(f'    <property name="scale" type="float" value="{sc}"/>')
        A(f'    <property name="z" type="int" value="{z}"/>')
        A('   </properties>')
        A('   <point/>')
        A('  </object>')
        obj_id += 1
    A(' </objectgroup>')
    A('</map>')
    txt = "\n".join(lines) + "\n"
    return txt.replace("NEXTOBJ", str(next_obj))


MARKS = [
    # name, x, y (feet), scale, z
    ("window", 620, 915, 0.9, 0),
    ("chair", 708, 956, 0.96, 1),
    ("glass", 520, 904, 0.88, 0),
    ("wall", 1380, 884, 0.85, 0),
    ("near_door", 1560, 930, 0.93, 1),
    ("door", 1700, 962, 1.0, 2),
    ("bedroom_door", 1240, 874, 0.84, 0),
    # a half step from `wall` toward the door, his back still to the wall ("His weight shifted,
    # the smallest movement toward the door."): the same depth as `wall`, a little nearer
    ("along_wall", 1446, 888, 0.86, 0),
]

# The last light on a figure standing by the glass (the `window` and `glass` marks): it falls
# only on figures (`falls_on: figures`), so it can be a generous shape — a tall band whose top
# edge is the light's edge, its first point at the bottom (the presets' `ramp` runs from there up
# to the edge: gold, copper, rose). The presets' `offset` moves it: last_rays draws the edge down
# the figure from above the crown to the floor and past it.
FIGURE_SUN = [(600, 960), (800, 960), (800, -400), (400, -400), (400, 960)]

SUN_AIR = [(0, 430), (980, 430), (1500, 1100), (0, 1100)]  # the sunset's air, for its dust
SUNRISE_AIR = [(980, 430), (0, 430), (0, 1100), (1100, 1100)]  # the sunrise's, from the glass down-left

SUN_X = 170        # sunset sun (its foot on the horizon): beams fan away from it
SUNRISE_X = 760


def main(argv=()):
    """Writes every layer and the map; `stage.py tmx` rewrites only the map (marks, lights)."""
    os.makedirs(LAYERS, exist_ok=True)
    if "tmx" in argv:
        sun = beam_panes(SUN_X, None, k=3.2)
        rise = beam_panes(SUNRISE_X, None, k=3.2)
        with open(os.path.join(OUT, "living_room.tmx"), "w") as fh:
            fh.write(build_tmx(MARKS, sun, rise, FIGURE_SUN))
        return
    city, lights = build_city()
    city.save(os.path.join(LAYERS, "city.svg"), "city")
    lights.save(os.path.join(LAYERS, "city_lights.svg"), "city lights")
    build_sky().save(os.path.join(LAYERS, "sky.svg"), "sky mask")
    build_interior().save(os.path.join(LAYERS, "interior.svg"), "interior")
    chair, chair_rim, chair_rim_top = build_chair()
    chair.save(os.path.join(LAYERS, "chair.svg"), "chair")
    chair_rim.save(os.path.join(LAYERS, "chair_rim.svg"), "chair rim")
    chair_rim_top.save(os.path.join(LAYERS, "chair_rim_top.svg"), "chair rim: the edges that face up")
    brighten_svg(os.path.join(LAYERS, "interior.svg"), ROOM_ALBEDO)
    brighten_svg(os.path.join(LAYERS, "chair.svg"), CHAIR_ALBEDO)
    brighten_svg(os.path.join(LAYERS, "city_lights.svg"), CITY_LIGHTS_GAIN)
    sun = beam_panes(SUN_X, None, k=3.2)
    rise = beam_panes(SUNRISE_X, None, k=3.2)
    tmx = build_tmx(MARKS, sun, rise, FIGURE_SUN)
    with open(os.path.join(OUT, "living_room.tmx"), "w") as fh:
        fh.write(tmx)


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])
