"""Tiny SVG writer for nanosvg-safe art: userSpaceOnUse gradients, paths, no filters."""
from __future__ import annotations

import math
from collections.abc import Sequence

from shapely.geometry import GeometryCollection, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry


def f(v: float) -> str:
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def hexc(c) -> str:
    if isinstance(c, str):
        return c
    r, g, b = (max(0, min(255, int(round(x)))) for x in c[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def mix(a, b, t):
    a = torgb(a)
    b = torgb(b)
    return tuple(a[i] + (b[i] - a[i]) * t for i in range(3))


def torgb(c):
    if isinstance(c, str):
        c = c.lstrip("#")
        return tuple(int(c[i:i + 2], 16) for i in (0, 2, 4))
    return tuple(c[:3])


def scale(c, k):
    c = torgb(c)
    return tuple(x * k for x in c)


class SVG:
    def __init__(self, w: int, h: int) -> None:
        self.w, self.h = w, h
        self.defs: list[str] = []
        self.body: list[str] = []
        self._n = 0

    def _id(self, p: str) -> str:
        self._n += 1
        return f"{p}{self._n}"

    @staticmethod
    def _stops(stops) -> str:
        out = []
        for st in stops:
            off, col = st[0], st[1]
            op = st[2] if len(st) > 2 else 1.0
            extra = f' stop-opacity="{op:.3f}"' if op < 1 else ""
            out.append(f'<stop offset="{off * 100:.1f}%" stop-color="{hexc(col)}"{extra}/>')
        return "".join(out)

    def lin(self, x1, y1, x2, y2, stops) -> str:
        i = self._id("l")
        self.defs.append(
            f'<linearGradient id="{i}" gradientUnits="userSpaceOnUse" x1="{f(x1)}" y1="{f(y1)}" '
            f'x2="{f(x2)}" y2="{f(y2)}">{self._stops(stops)}</linearGradient>')
        return f"url(#{i})"

    def rad(self, cx, cy, r, stops, fx=None, fy=None, transform: str | None = None) -> str:
        i = self._id("r")
        foc = "" if fx is None else f' fx="{f(fx)}" fy="{f(fy)}"'
        tr = "" if transform is None else f' gradientTransform="{transform}"'
        self.defs.append(
            f'<radialGradient id="{i}" gradientUnits="userSpaceOnUse" cx="{f(cx)}" cy="{f(cy)}" '
            f'r="{f(r)}"{foc}{tr}>{self._stops(stops)}</radialGradient>')
        return f"url(#{i})"

    def _paint(self, fill, opacity) -> str:
        fill = hexc(fill) if not (isinstance(fill, str) and fill.startswith("url")) else fill
        op = f' fill-opacity="{opacity:.3f}"' if opacity < 1 else ""
        return f'fill="{fill}"{op}'

    def path(self, d: str, fill, opacity: float = 1.0, evenodd: bool = False) -> None:
        if not d:
            return
        fr = ' fill-rule="evenodd"' if evenodd else ""
        self.body.append(f'<path d="{d}" {self._paint(fill, opacity)}{fr}/>')

    def poly(self, pts, fill, opacity: float = 1.0) -> None:
        self.path(d_poly(pts), fill, opacity)

    def geom(self, g: BaseGeometry, fill, opacity: float = 1.0) -> None:
        self.path(d_geom(g), fill, opacity, evenodd=True)

    def rect(self, x, y, w, h, fill, opacity: float = 1.0) -> None:
        self.body.append(f'<rect x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}" '
                         f'{self._paint(fill, opacity)}/>')

    def circle(self, cx, cy, r, fill, opacity: float = 1.0) -> None:
        self.body.append(f'<circle cx="{f(cx)}" cy="{f(cy)}" r="{f(r)}" {self._paint(fill, opacity)}/>')

    def ellipse(self, cx, cy, rx, ry, fill, opacity: float = 1.0, rot: float = 0.0) -> None:
        tr = f' transform="rotate({f(rot)} {f(cx)} {f(cy)})"' if rot else ""
        self.body.append(f'<ellipse cx="{f(cx)}" cy="{f(cy)}" rx="{f(rx)}" ry="{f(ry)}" '
                         f'{self._paint(fill, opacity)}{tr}/>')

    def raw(self, s: str) -> None:
        self.body.append(s)

    def text(self, comment: str) -> None:
        self.body.append(f"<!-- {comment} -->")

    def save(self, path: str, title: str = "") -> None:
        t = f"<title>{title}</title>" if title else ""
        body = "\n".join(self.body)
        if getattr(self, "shift", 0):
            body = f'<g transform="translate(0 {self.shift})">\n{body}\n</g>'
        s = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.w}" height="{self.h}" '
             f'viewBox="0 0 {self.w} {self.h}">{t}\n'
             f"<!-- Original art for The Only Promise; CC-BY-4.0. -->\n"
             f'<defs>{"".join(self.defs)}</defs>\n' + body + "\n</svg>\n")
        with open(path, "w") as fh:
            fh.write(s)


def d_poly(pts: Sequence[Sequence[float]]) -> str:
    pts = list(pts)
    if len(pts) < 3:
        return ""
    return "M" + " L".join(f"{f(x)} {f(y)}" for x, y in pts) + "Z"


def d_geom(g: BaseGeometry) -> str:
    if g.is_empty:
        return ""
    if isinstance(g, Polygon):
        parts = [d_poly(list(g.exterior.coords)[:-1])]
        parts += [d_poly(list(r.coords)[:-1]) for r in g.interiors]
        return "".join(parts)
    if isinstance(g, (MultiPolygon, GeometryCollection)):
        return "".join(d_geom(p) for p in g.geoms if isinstance(p, (Polygon, MultiPolygon)))
    return ""


def bez(p0, p1, p2, p3, n: int = 16):
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                    u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return out


def catmull(pts, n: int = 10, closed: bool = True):
    """Smooth curve through points (Catmull-Rom), returned as a polyline."""
    pts = list(pts)
    out = []
    m = len(pts)
    rng = range(m) if closed else range(m - 1)
    for i in rng:
        p0 = pts[(i - 1) % m] if closed or i > 0 else pts[0]
        p1 = pts[i]
        p2 = pts[(i + 1) % m]
        p3 = pts[(i + 2) % m] if closed or i + 2 < m else pts[-1]
        for k in range(n):
            t = k / n
            t2, t3 = t * t, t * t * t
            x = 0.5 * ((2 * p1[0]) + (-p0[0] + p2[0]) * t + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2
                       + (-p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]) * t3)
            y = 0.5 * ((2 * p1[1]) + (-p0[1] + p2[1]) * t + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2
                       + (-p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]) * t3)
            out.append((x, y))
    if not closed:
        out.append(pts[-1])
    return out


def smooth_poly(pts, n: int = 8) -> Polygon:
    p = Polygon(catmull(pts, n))
    if not p.is_valid:
        p = p.buffer(0)
    return p


def rim_of(shape: BaseGeometry, dx: float, dy: float = 0.0) -> BaseGeometry:
    from shapely.affinity import translate
    return shape.difference(translate(shape, dx, dy))
