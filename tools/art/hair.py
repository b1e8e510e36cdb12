"""Hair as sheets between two edge curves, painted with strands that follow the fall.

A `Sheet` is the area between a left and a right edge curve (both listed top to bottom); its
`flow(u, t)` is the point at fraction u across and t along it, so strands, sheen bands and
ragged tips can follow the hair instead of being scattered over it.
"""
from __future__ import annotations

import math
import random
from collections.abc import Sequence

from figkit import Col, Ink, Mat, Part, Pt, ribbon, union, valid
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from svgkit import catmull


def _resample(pts: Sequence[Pt], n: int) -> list[Pt]:
    c = catmull(pts, 8, closed=False)
    d = [0.0]
    for a, b in zip(c[:-1], c[1:]):
        d.append(d[-1] + math.hypot(b[0] - a[0], b[1] - a[1]))
    total = d[-1] or 1.0
    out, j = [], 0
    for i in range(n):
        s = total * i / (n - 1)
        while j < len(d) - 2 and d[j + 1] < s:
            j += 1
        u = (s - d[j]) / ((d[j + 1] - d[j]) or 1.0)
        out.append((c[j][0] + (c[j + 1][0] - c[j][0]) * u, c[j][1] + (c[j + 1][1] - c[j][1]) * u))
    return out


class Sheet:
    N = 60

    def __init__(self, left: Sequence[Pt], right: Sequence[Pt], tips: int = 0, tip_len: float = 30.0,
                 seed: int = 1, tip_w: float = 10.0) -> None:
        self.L = _resample(left, self.N)
        self.R = _resample(right, self.N)
        g = valid(Polygon(self.L + self.R[::-1]))
        rnd = random.Random(seed)
        if tips:
            extra = []
            for i in range(tips):
                u = (i + 0.5) / tips + rnd.uniform(-0.3, 0.3) / tips
                a = self.flow(u, 0.86)
                b = self.flow(u, 1.0)
                dx, dy = b[0] - a[0], b[1] - a[1]
                n = math.hypot(dx, dy) or 1.0
                ln = tip_len * rnd.uniform(0.5, 1.3)
                c = (b[0] + dx / n * ln + rnd.uniform(-4, 4), b[1] + dy / n * ln)
                # a lock's end tapers to a point over its whole length (not a sawtooth)
                extra.append(ribbon([a, b, c], [tip_w * rnd.uniform(0.8, 1.3), tip_w * 0.6, 0.4]))
            g = union(g, *extra)
        self.geom = g

    def flow(self, u: float, t: float) -> Pt:
        t = min(1.0, max(0.0, t))
        f = t * (self.N - 1)
        i = min(self.N - 2, int(f))
        k = f - i
        lx = self.L[i][0] + (self.L[i + 1][0] - self.L[i][0]) * k
        ly = self.L[i][1] + (self.L[i + 1][1] - self.L[i][1]) * k
        rx = self.R[i][0] + (self.R[i + 1][0] - self.R[i][0]) * k
        ry = self.R[i][1] + (self.R[i + 1][1] - self.R[i][1]) * k
        return (lx + (rx - lx) * u, ly + (ry - ly) * u)


def lock(centre: Sequence[Pt], widths: Sequence[float], **kw) -> Sheet:
    """A sheet around a centre line with a width at each control point."""
    c = _resample(centre, 40)
    m = len(widths) - 1
    left, right = [], []
    for i, (x, y) in enumerate(c):
        a = c[max(0, i - 1)]
        b = c[min(len(c) - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        nx, ny = dy / n, -dx / n  # points to the left of the direction of travel (down: toward -x)
        t = i / (len(c) - 1) * m
        j = min(m - 1, int(t))
        w = (widths[j] + (widths[j + 1] - widths[j]) * (t - j)) / 2
        left.append((x - nx * w, y - ny * w))
        right.append((x + nx * w, y + ny * w))
    # make `left` the screen-left edge
    if sum(p[0] for p in left) > sum(p[0] for p in right):
        left, right = right, left
    return Sheet(left, right, **kw)


def paint_strands(ink: Ink, sheet: Sheet, clip: BaseGeometry, rnd: random.Random, n: int, col: Col,
                  op: tuple[float, float], w: tuple[float, float] = (1.2, 3.2), u_range: tuple[float, float] = (0.0, 1.0),
                  t_range: tuple[float, float] = (0.0, 1.0), length: tuple[float, float] = (0.35, 0.9)) -> None:
    """Fine strands, pointed at both ends, following the sheet's fall."""
    for _ in range(n):
        u = rnd.uniform(*u_range)
        t0 = rnd.uniform(t_range[0], max(t_range[0], t_range[1] - length[0]))
        t1 = min(1.04, t0 + rnd.uniform(*length))
        wob = rnd.uniform(-0.03, 0.03)
        pts = [sheet.flow(u + wob * math.sin(k * 1.1), t0 + (t1 - t0) * k / 5) for k in range(6)]
        wd = rnd.uniform(*w)
        g = ribbon(pts, [wd * f for f in (0.1, 0.7, 1.0, 0.9, 0.55, 0.05)])
        ink.fill(g, col, rnd.uniform(*op), clip)


def paint_clumps(ink: Ink, sheet: Sheet, clip: BaseGeometry, rnd: random.Random, k: int, lit: Col, dark: Col,
                 strength: float = 1.0) -> None:
    """Divide the sheet into k locks across its width; each is rounded by a gradient across it
    (lit on its window side, dark on the other) and parted from the next by a dark seam."""
    cuts = sorted(rnd.uniform(0.04, 0.96) for _ in range(k - 1))
    bounds = [0.0] + cuts + [1.0]
    for u0, u1 in zip(bounds[:-1], bounds[1:]):
        t0 = rnd.uniform(0.0, 0.12)
        n = 14
        left = [sheet.flow(u0, t0 + (1.02 - t0) * i / n) for i in range(n + 1)]
        right = [sheet.flow(u1, t0 + (1.02 - t0) * i / n) for i in range(n + 1)]
        # the lock tapers to a point at its end
        tip = sheet.flow((u0 + u1) / 2 + rnd.uniform(-0.05, 0.05), 1.06)
        lockg = Polygon(left + [tip] + right[::-1]).buffer(0)
        mid = n // 2
        a, b = left[mid], right[mid]
        if abs(b[0] - a[0]) < 2:
            continue
        ink.lin(lockg, a, b, [(0.0, lit, 0.38 * strength), (0.35, lit, 0.0), (0.6, dark, 0.0), (1.0, dark, 0.5 * strength)], clip)
        seam = [sheet.flow(u1, t0 + (1.0 - t0) * i / 6) for i in range(7)]
        ink.fill(ribbon(seam, [0.4, 1.8, 2.2, 2.0, 1.6, 1.0, 0.2]), dark, 0.45 * strength, clip)


def hair_part(name: str, sheet: Sheet, mat: Mat, seed: int, dark: Col, light: Col, density: float = 1.0,
              rim_strands: float = 1.0, rim: float | None = None, inner_rim: float = 0.25) -> Part:
    """A hair sheet as a figure part: strand texture in the base layer, lit strands in the rim."""

    def details(ink: Ink, p: Part) -> None:
        rnd = random.Random(seed)
        g = p.geom
        area = g.area
        n = int(area / 260 * density)
        # the locks, then fine strands over them
        width = max(4.0, area / max(1.0, (g.bounds[3] - g.bounds[1])))
        paint_clumps(ink, sheet, g, rnd, max(2, int(width / 16)), light, dark)
        paint_strands(ink, sheet, g, rnd, n, dark, (0.25, 0.5), w=(0.7, 1.8))
        paint_strands(ink, sheet, g, rnd, n // 3, light, (0.1, 0.22), w=(0.6, 1.4), u_range=(0.0, 0.75))

    def rim_details(ink: Ink, p: Part, visible: BaseGeometry) -> None:
        if rim_strands <= 0:
            return
        rnd = random.Random(seed + 99)
        n = int(p.geom.area / 900 * rim_strands)
        # strands catching the light near the window-side edge, a few further in
        paint_strands(ink, sheet, visible, rnd, n, (255, 255, 255), (0.18, 0.5), w=(0.8, 2.4),
                      u_range=(0.0, 0.22), length=(0.25, 0.7))
        paint_strands(ink, sheet, visible, rnd, n // 2, (255, 255, 255), (0.06, 0.18), w=(0.8, 2.0),
                      u_range=(0.15, 0.6), length=(0.2, 0.5))

    return Part(name, sheet.geom, mat, details=[details], rim_details=[rim_details], rim=rim, inner_rim=inner_rim)


def bundle(centre: Sequence[Pt], widths: Sequence[float], n: int, seed: int, spread: float = 0.9,
           length_var: float = 0.18, overlap: float = 1.7, tip_w: float = 0.8) -> list[Sheet]:
    """A lock of hair as n thinner locks side by side, of uneven length, each pointed at its end:
    the edge of the hair breaks up instead of reading as one ribbon."""
    rnd = random.Random(seed)
    c = _resample(centre, 40)
    m = len(widths) - 1
    K = len(c)

    def width_at(i: int) -> float:
        t = i / (K - 1) * m
        j = min(m - 1, int(t))
        return widths[j] + (widths[j + 1] - widths[j]) * (t - j)
    normals = []
    for i in range(K):
        a, b = c[max(0, i - 1)], c[min(K - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        normals.append((dy / d, -dx / d))
    out = []
    for s in range(n):
        u = (s + 0.5) / n - 0.5 + rnd.uniform(-0.12, 0.12) / n
        end = K - 1 - int(rnd.uniform(0, length_var) * K)
        idx = [round(end * q / 7) for q in range(8)]
        pts, ws = [], []
        for q, i in enumerate(idx):
            w = width_at(i)
            wob = math.sin(i * 0.35 + s * 2.1) * w * 0.06
            pts.append((c[i][0] + normals[i][0] * (u * w * spread + wob), c[i][1] + normals[i][1] * (u * w * spread + wob)))
            taper = (0.2 if q == 0 else 1.0) if q < 5 else (1.0 - (q - 4) / 3.4)
            ws.append(max(tip_w, w / n * overlap * taper))
        out.append(lock(pts, ws, seed=seed * 7 + s))
    return out
