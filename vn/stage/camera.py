"""The camera: which part of the stage (the world, in map px) the screen shows.

A `Camera` is the map point at the centre of the screen and a zoom (logical px per map px). By
default it fits the map's width to the game's width and centres the map, so a map the game's
size is shown exactly as drawn, a wider map is shown whole (smaller, with bars above and below)
until a `camera:` step zooms in, and a taller map shows its middle.

Parallax is Tiled's (https://doc.mapeditor.org/en/stable/manual/layers/#parallax-scrolling-factor):
a layer with factor f is shifted by (1 - f) x (camera centre - the map's parallax origin), so
f = 1 moves with the world, f < 1 lags behind (far away), f = 0 stays fixed on the screen and
f > 1 moves faster (in front). The map point P of such a layer is seen at

    screen = (P - f x C - (1 - f) x O) x zoom + screen centre.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]


@dataclass(frozen=True)
class Camera:
    """Where the screen looks: (x, y) the map point at its centre (map px), zoom in logical px
    per map px."""

    x: float
    y: float
    zoom: float

    def to_json(self) -> dict[str, float]:
        return {"x": self.x, "y": self.y, "zoom": self.zoom}


MIN_ZOOM = 0.05
MAX_ZOOM = 20.0


def default_camera(map_size: tuple[int, int], game_size: tuple[int, int]) -> Camera:
    """The map's width fitted to the game's width, the map centred."""
    return Camera(map_size[0] / 2.0, map_size[1] / 2.0, game_size[0] / max(1, map_size[0]))


def lerp_camera(a: Camera, b: Camera, u: float) -> Camera:
    """Pan linearly; zoom geometrically (a zoom from 1 to 4 passes 2 halfway, as the eye sees)."""
    if u == 0.0:
        return a
    if u == 1.0:
        return b
    za, zb = max(MIN_ZOOM, a.zoom), max(MIN_ZOOM, b.zoom)
    return Camera(a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u, za * (zb / za) ** u)


def clamp(camera: Camera, map_size: tuple[int, int], game_size: tuple[int, int]) -> Camera:
    """The camera moved the least so the screen shows no space past the map's edges: on an axis
    where the view (game size / zoom, map px) fits inside the map, the centre is kept at least
    half a view from each edge; on an axis where it does not (a zoom out, or a map narrower than
    the screen), the map is centred, with equal bars on both sides. The zoom is never changed.
    Applies to the world plane (parallax factor 1); a layer with another factor may still show
    its own edge, as in Tiled."""
    def axis(c: float, size: int, screen: int) -> float:
        half = screen / 2.0 / camera.zoom
        if size >= 2 * half:
            return min(max(c, half), size - half)
        return size / 2.0
    x = axis(camera.x, map_size[0], game_size[0])
    y = axis(camera.y, map_size[1], game_size[1])
    return camera if (x, y) == (camera.x, camera.y) else Camera(x, y, camera.zoom)


def layer_origin(camera: Camera, parallax: Point, parallax_origin: Point,
                 game_size: tuple[int, int]) -> Point:
    """Where map point (0, 0) of a layer with `parallax` factors is seen (logical px)."""
    fx, fy = parallax
    ox, oy = parallax_origin
    return ((-fx * camera.x - (1 - fx) * ox) * camera.zoom + game_size[0] / 2.0,
            (-fy * camera.y - (1 - fy) * oy) * camera.zoom + game_size[1] / 2.0)


def to_screen(point: Point, camera: Camera, parallax: Point, parallax_origin: Point,
              game_size: tuple[int, int]) -> Point:
    """Where map point `point` of a layer with `parallax` factors is seen (logical px)."""
    x0, y0 = layer_origin(camera, parallax, parallax_origin, game_size)
    return (x0 + point[0] * camera.zoom, y0 + point[1] * camera.zoom)


def resolve(spec: Mapping[str, Any] | None, map_size: tuple[int, int], game_size: tuple[int, int],
            marks: Mapping[str, Any], parallax_origin: Point = (0.0, 0.0)) -> Camera:
    """The camera a `camera:` spec asks for: `{"mark": NAME}` and/or `{"x", "y", "zoom"}`.

    A mark frames that mark: the zoom fills the screen's height with the map (or keeps the
    default if that is larger), the mark is centred horizontally — but the view stays inside the
    map when the map is wide enough — and the map's middle is at the centre vertically. `x`,
    `y`, `zoom` given beside or instead of a mark are used as they are, then the view is kept
    inside the map (`clamp`). An unknown mark is ignored (the checker reports it)."""
    cam = default_camera(map_size, game_size)
    spec = spec or {}
    mark = marks.get(spec.get("mark")) if isinstance(spec.get("mark"), str) else None
    zoom = _num(spec.get("zoom"), None)
    if mark is not None:
        z = zoom if zoom is not None else max(cam.zoom, game_size[1] / max(1, map_size[1]))
        fx = mark.parallax[0]
        x = mark.x if abs(fx) < 1e-9 else (mark.x - (1 - fx) * parallax_origin[0]) / fx
        half = game_size[0] / 2.0 / z
        if map_size[0] >= 2 * half:
            x = min(max(x, half), map_size[0] - half)
        cam = Camera(x, cam.y, z)
    return clamp(Camera(_num(spec.get("x"), cam.x), _num(spec.get("y"), cam.y),
                        min(MAX_ZOOM, max(MIN_ZOOM, zoom if zoom is not None else cam.zoom))),
                 map_size, game_size)


def _num(v: object, default: Any) -> Any:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v != v:
        return default
    return float(v)


def merge_spec(old: Mapping[str, Any] | None, args: Mapping[str, Any]) -> dict[str, Any]:
    """The spec after a `camera:` step: a mark starts afresh; x/y/zoom change those fields and
    keep the rest. (The story's snapshot does the same, so a save restores the camera exactly.)"""
    if args.get("mark"):
        out: dict[str, Any] = {"mark": args["mark"]}
    else:
        out = dict(old or {})
    for k in ("x", "y", "zoom"):
        if args.get(k) is not None:
            out[k] = args[k]
    return out
