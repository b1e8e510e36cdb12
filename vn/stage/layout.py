"""Stages from Tiled maps: the planes of the picture, the marks where characters stand and the
shapes of light through the glass.

`vn.stage.tmx` reads the files (the map, external tilesets, object templates) keeping the
position of every element; this module turns them into a `Layout`: the drawable layers in
document order (the order of Tiled's Layers panel, bottom first) with everything enclosing group
layers add to them already folded in, and the special object layers `marks`, `lights` and
`keep_clear`.
The scene model never loads pixels and never imports pygame.

How Tiled draws, and so how we draw (https://doc.mapeditor.org/en/stable/reference/tmx-map-format/):
- tiles taller than the grid stand on the cell's bottom-left corner; the tileset's `tileoffset`
  moves them; flips apply diagonal first, then horizontal, then vertical;
- a tile object's (x, y) is its bottom-left corner (the tileset's `objectalignment` may say
  otherwise); it rotates clockwise about that point, its image stretched to its width/height;
- a group's opacity, tint colour and parallax factor multiply into its layers, its offset adds;
- a layer with parallax factor f at camera centre C is shifted by (1 - f) x (C - parallax origin).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from vn.script.diagnostics import Diagnostic, did_you_mean, error, warning
from vn.stage import motion, tmx
from vn.stage.tmx import FLIP_DIAGONAL, FLIP_X, FLIP_Y, GID_MASK, Node, Tile, TmxError

Point = tuple[float, float]
RGBA = tuple[float, float, float, float]

LIGHT_ROLES = ("sky", "ambient", "emissive", "rim", "none")
LIGHT_GIVING = ("emissive", "rim", "none")  # the roles whose light is added (flicker, pulse)
FACINGS = ("left", "right")
WINDOW_SIDES = ("left", "right")
DEFAULT_SOFTNESS = 24.0
SPECIAL_LAYERS = ("marks", "lights", "keep_clear")

TileImage = Tile  # the name this type had before the reader was our own


@dataclass(frozen=True)
class TileObject:
    """A tile placed as an object: `gid` carries Tiled's flip bits; (x, y) is the point the
    object rotates about (its bottom-left corner unless the tileset aligns objects otherwise);
    width/height the size its image is stretched to; rotation in degrees, clockwise."""

    id: int
    name: str
    gid: int
    x: float
    y: float
    width: float
    height: float
    rotation: float = 0.0
    visible: bool = True


@dataclass(frozen=True)
class Layer:
    """One plane of the picture: an image layer (`image`, `repeat`), a tile layer (`tiles`:
    rows of raw global ids, flip bits included; 0 = empty) or an object layer of tile objects
    (`objects`). `opacity`, `visible`, `offset`, `tint` and `parallax` already include those
    of enclosing group layers."""

    id: int
    name: str
    kind: str  # "image" | "tiles" | "objects"
    light: str  # one of LIGHT_ROLES
    opacity: float = 1.0
    visible: bool = True
    offset: Point = (0.0, 0.0)
    tint: RGBA | None = None  # multiply colour (0..255), None: white
    parallax: Point = (1.0, 1.0)
    image: Path | None = None
    trans: tuple[int, int, int] | None = None  # colour key of the image layer's image
    repeat: tuple[bool, bool] = (False, False)
    tiles: tuple[tuple[int, ...], ...] | None = None
    objects: tuple[TileObject, ...] = ()
    properties: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Mark:
    """Where a character's feet go (map px, the marks layer's offset included). `facing` None:
    the sprite keeps its own facing. `parallax`: the marks layer's factor."""

    name: str
    x: float
    y: float
    facing: str | None = None
    scale: float = 1.0
    z: int = 0
    parallax: Point = (1.0, 1.0)
    depth: int | None = None
    """How many of the stage's drawable layers (`Layout.layers`, bottom first) are drawn under a
    figure on this mark; the rest cover it. Tiled's layer order: the number of drawable layers
    below the mark's `marks` layer, or the index of the layer its `behind` property names.
    None: above every layer."""


FALLS_ON = ("stage", "figures")


@dataclass(frozen=True)
class LightShape:
    """A polygon of light (map px), blended with its beam group's colour. `depth`: how many
    drawable layers are under it (those it lights; the layers above its `lights` layer cover
    it; None: over every layer). `falls_on`: `stage` (the planes under it, and the figures on
    marks below it) or `figures` (only the figures it overlaps, in proportion to their paint)."""

    name: str
    group: str
    points: tuple[Point, ...]
    softness: float = DEFAULT_SOFTNESS
    parallax: Point = (1.0, 1.0)
    depth: int | None = None
    falls_on: str = "stage"
    strength: float = 1.0  # share of the group's beam the polygon adds (0: it only lights its dust)
    dust: float = 0.0  # motes per 100x100 map px drifting in it (vn.stage.motion)


@dataclass(frozen=True)
class KeepClear:
    """An area of the picture the UI keeps clear (map px, the layer's offset included): a face
    or figure painted into the stage, which a choice's buttons must not cover. `points` is its
    outline (a rectangle's four corners, an ellipse's or polygon's outline, rotation applied);
    `parallax`: its object layer's factor, so it moves with the plane it marks."""

    name: str
    points: tuple[Point, ...]
    parallax: Point = (1.0, 1.0)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(x, y, w, h) of the outline's bounding box, map px."""
        xs, ys = [p[0] for p in self.points], [p[1] for p in self.points]
        return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


@dataclass(frozen=True)
class Layout:
    """Everything the scene model and the renderer need from a stage .tmx."""

    path: Path
    size: tuple[int, int]  # map size in px (tiles x tile size)
    tile_size: tuple[int, int]
    layers: tuple[Layer, ...]  # document order, bottom first (drawable layers only)
    marks: Mapping[str, Mark]
    lights: tuple[LightShape, ...]
    properties: Mapping[str, Any]
    tile_images: Mapping[int, Tile] = field(default_factory=lambda: MappingProxyType({}))
    background: RGBA | None = None  # the map's background colour
    parallax_origin: Point = (0.0, 0.0)
    keep_clear: tuple[KeepClear, ...] = ()  # areas the choice menu avoids (the `keep_clear` layer)

    @property
    def default_light(self) -> str:
        """The preset in force when the stage is first shown and no `light:` has run."""
        v = self.properties.get("light")
        return v if isinstance(v, str) and v else "day"

    @property
    def window_side(self) -> str:
        v = self.properties.get("window_side")
        return v if v in WINDOW_SIDES else "left"

    @property
    def gallery(self) -> str | None:
        """The title under which the map appears in Extras > Gallery once seen (a key-beat
        image, a CG), or None: an ordinary stage."""
        v = self.properties.get("gallery")
        return v.strip() if isinstance(v, str) and v.strip() else None

    @property
    def gallery_order(self) -> float:
        """Where the image stands in the gallery (smaller first; ties by file name)."""
        v = self.properties.get("gallery_order")
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 1e9

    def casts_shadow(self, layer: Layer) -> bool:
        """Whether the image layer `layer` casts a shadow in the light polygons under it (its
        `casts_shadow` property: furniture standing in a beam, like a figure)."""
        return layer.kind == "image" and layer.properties.get("casts_shadow") is True

    def twinkle(self, layer: Layer) -> float:
        """How far the lights of `layer` dim when they twinkle (0: they do not; vn.stage.motion)."""
        v = layer.properties.get("twinkle")
        return float(v) if layer.light == "emissive" and isinstance(v, (int, float)) \
            and not isinstance(v, bool) and 0.0 < v <= 1.0 else 0.0

    def flicker(self, layer: Layer) -> motion.Flicker | None:
        """How the light of `layer` wavers like firelight (its `flicker` and `flicker_rate`
        properties, on a layer whose light is added: `emissive`, `rim` or `none`; None: it does not;
        vn.stage.motion)."""
        if layer.light not in LIGHT_GIVING:
            return None
        amount, rate = layer.properties.get("flicker"), layer.properties.get("flicker_rate")
        if amount is None or motion.check_flicker(amount, rate):
            return None
        return motion.Flicker(float(amount), motion.DEFAULT_FLICKER_RATE if rate is None else float(rate),
                              motion.name_key(layer.name))

    def pulse(self, layer: Layer) -> motion.Cycle | None:
        """How the light of `layer` throbs (its `pulse` and `pulse_period` properties, on a
        layer that gives light and does not flicker; None: it does not; vn.stage.motion)."""
        if layer.light not in LIGHT_GIVING or "flicker" in layer.properties:
            return None
        amount, period = layer.properties.get("pulse"), layer.properties.get("pulse_period")
        if amount is None or motion.check_layer_pulse(amount, period):
            return None
        return motion.Cycle(float(amount), motion.DEFAULT_PULSE_PERIOD if period is None else float(period))

    def tile(self, gid: int) -> Tile | None:
        """The tile of a raw global id (flip bits ignored)."""
        return self.tile_images.get(gid & GID_MASK)

    def animated(self) -> bool:
        """Does any drawn tile of this stage animate?"""
        return any(self.tile_images[g].animation for g in _used_gids(self) if g in self.tile_images)

    def frame_gid(self, gid: int, t: float) -> int:
        """The tile shown for raw global id `gid` at stage time `t` (seconds), flip bits kept.
        Every animation runs from t = 0 (Tiled's global animation clock)."""
        tile = self.tile(gid)
        if tile is None or not tile.animation:
            return gid
        return (gid & ~GID_MASK) | tile.animation[_frame_index(tile, t)].gid

    def animation_phase(self, t: float) -> tuple[int, ...]:
        """The frame index of every animated tile at time `t` (equal phases draw equal)."""
        return tuple(_frame_index(self.tile_images[g], t) for g in sorted(_used_gids(self))
                     if g in self.tile_images and self.tile_images[g].animation)

    def next_frame(self, t: float) -> float | None:
        """The first time after `t` at which an animated tile changes frame (None: never)."""
        best: float | None = None
        now = _ms(t)
        for g in _used_gids(self):
            tile = self.tile_images.get(g)
            if tile is None or not tile.animation:
                continue
            total = sum(f.ms for f in tile.animation)
            edge = now - now % total
            for f in tile.animation:
                edge += f.ms
                if edge > now:
                    break
            if best is None or edge / 1000.0 < best:
                best = edge / 1000.0
        return best


def _ms(t: float) -> float:
    return round(max(0.0, t) * 1000.0, 6)


def _frame_index(tile: Tile, t: float) -> int:
    frames = tile.animation
    u = _ms(t) % sum(f.ms for f in frames)
    for i, f in enumerate(frames):
        if u < f.ms:
            return i
        u -= f.ms
    return len(frames) - 1


def _used_gids(layout: Layout) -> set[int]:
    cache = _USED.get(id(layout))
    if cache is not None and cache[0] is layout:
        return cache[1]
    used: set[int] = set()
    for layer in layout.layers:
        if layer.tiles:
            for row in layer.tiles:
                used.update(g & GID_MASK for g in row if g)
        used.update(o.gid & GID_MASK for o in layer.objects)
    _USED[id(layout)] = (layout, used)
    if len(_USED) > 16:
        _USED.pop(next(iter(_USED)))
    return used


_USED: dict[int, tuple[Layout, set[int]]] = {}


# --- loading --------------------------------------------------------------------------------


def _float(v: object) -> float | None:
    if isinstance(v, bool):
        return None
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


class _Reader:
    """Collects diagnostics while a map is turned into a Layout."""

    def __init__(self, path: Path, allowed: Callable[[Path], bool] | None) -> None:
        self.path = path
        self.name = str(path)
        self.allowed = allowed
        self.diags: list[Diagnostic] = []
        self.tiles: dict[int, Tile] = {}
        self.tilesets: dict[str, int] = {}  # resolved .tsx path -> firstgid in this map
        self.templates: dict[str, Node] = {}
        self.next_id = 1
        self.behind: list[tuple[str, str, tuple[str, int, int]]] = []  # (mark, layer, where)
        self.keep_where: dict[str, tuple[str, int, int]] = {}  # keep-clear area -> where it is defined

    def err(self, where: tuple[str, int, int], message: str, hint: str | None = None) -> None:
        self.diags.append(error(where[0], where[1], where[2], message, hint))

    def warn(self, where: tuple[str, int, int], message: str, hint: str | None = None) -> None:
        self.diags.append(warning(where[0], where[1], where[2], message, hint))

    def problem(self, exc: TmxError) -> None:
        self.err(exc.where, exc.message, exc.hint)


def load_layout(path: Path, allowed: Callable[[Path], bool] | None = None) -> tuple[Layout | None, list[Diagnostic]]:
    """Read a stage .tmx. Never raises for bad data: a missing or unreadable map gives None and
    a diagnostic naming the file, line and column; smaller problems give diagnostics beside a
    usable Layout. `allowed(path)` (if given) says whether a tileset, template or image file may
    be read at all (the game folder's confinement)."""
    path = Path(path)
    r = _Reader(path, allowed)
    try:
        root = tmx.read_file(path, (str(path), 0, 0), "stage file")
    except TmxError as exc:
        if exc.where[1] == 0:
            return None, [error(str(path), 0, 0, exc.message.replace(f": {path}", ""), exc.hint)]
        return None, [error(*exc.where, exc.message, exc.hint)]
    if root.tag != "map":
        return None, [error(str(path), root.line, root.col,
                            f"not a Tiled map: the root element is <{root.tag}>, not <map>")]
    try:
        return _read_map(r, root)
    except TmxError as exc:
        r.problem(exc)
        return None, r.diags
    except RecursionError:
        r.err(root.where, "map nests groups too deeply")
        return None, r.diags


def _read_map(r: _Reader, root: Node) -> tuple[Layout | None, list[Diagnostic]]:
    orientation = root.get("orientation", "orthogonal")
    if orientation != "orthogonal":
        r.err(root.where, f"{orientation} maps are not supported: stages are orthogonal maps",
              "make the stage as an orthogonal map (File > New > New Map, Orientation: Orthogonal)")
        return None, r.diags
    if root.get("infinite", "0") == "1":
        r.err(root.where, "infinite maps are not supported",
              "untick Map > Map Properties > Infinite in Tiled")
        return None, r.diags
    tw, th = tmx.integer(root, "tilewidth"), tmx.integer(root, "tileheight")
    mw, mh = tmx.integer(root, "width"), tmx.integer(root, "height")
    size = (mw * tw, mh * th)
    if size[0] <= 0 or size[1] <= 0 or tw <= 0 or th <= 0:
        r.err(root.where, f"map has no size ({mw}x{mh} tiles of {tw}x{th} px)",
              "set the map size in Tiled: Map > Resize Map, and the tile size in Map Properties")
        return None, r.diags
    if max(size) > tmx.MAX_PX or size[0] * size[1] > tmx.MAX_AREA or mw * mh > tmx.MAX_TILES:
        r.err(root.where, f"map of {size[0]}x{size[1]} px ({mw}x{mh} tiles) is too large",
              f"stages are at most {tmx.MAX_PX} px a side and {tmx.MAX_TILES} tiles")
        return None, r.diags
    base = r.path.parent
    for ts in root.findall("tileset"):
        _tileset(r, ts, base)
    ids = [tmx.integer(n, "id", 0) for n in _all_layers(root)]
    r.next_id = max([0, *ids]) + 1
    props = _props(r, root)
    _check_map_props(r, root, props)
    layers: list[Layer] = []
    marks: dict[str, Mark] = {}
    lights: list[LightShape] = []
    keep: list[KeepClear] = []
    _walk(r, root, _Ctx(), layers, marks, lights, (mw, mh), keep)
    for area in keep:
        x, y, w, h = area.bounds
        if x >= size[0] or y >= size[1] or x + w <= 0 or y + h <= 0:
            r.warn(r.keep_where[area.name], f"keep-clear area '{area.name}' lies outside the map "
                   f"({size[0]}x{size[1]} px): it keeps nothing clear", "move it over the face or figure it protects")
    _resolve_behind(r, marks, layers)
    if not marks:
        r.warn(root.where, "stage has no marks: characters will stand at the centre",
               "add an object layer named `marks` with point objects")
    try:
        background = tmx.color(root.get("backgroundcolor"), root.where)
    except TmxError as exc:
        r.problem(exc)
        background = None
    origin = (tmx.number(root, "parallaxoriginx"), tmx.number(root, "parallaxoriginy"))
    used = {g & GID_MASK for layer in layers for row in (layer.tiles or ()) for g in row if g}
    used |= {o.gid & GID_MASK for layer in layers for o in layer.objects}
    for gid in sorted(used):
        if gid not in r.tiles:
            r.warn(root.where, f"tile {gid} belongs to no tileset: it is drawn empty",
                   "a tileset was removed or edited outside Tiled")
            break
    layout = Layout(
        path=r.path, size=size, tile_size=(tw, th), layers=tuple(layers),
        marks=MappingProxyType(marks), lights=tuple(lights), properties=MappingProxyType(props),
        tile_images=MappingProxyType(dict(r.tiles)), background=background, parallax_origin=origin,
        keep_clear=tuple(keep))
    return layout, r.diags


def _all_layers(node: Node) -> list[Node]:
    out = []
    for c in node.children:
        if c.tag in ("layer", "imagelayer", "objectgroup", "group"):
            out.append(c)
            if c.tag == "group":
                out.extend(_all_layers(c))
    return out


def _tileset(r: _Reader, ts: Node, base: Path) -> None:
    try:
        firstgid = tmx.integer(ts, "firstgid", 1)
        source = ts.get("source")
        if source:
            file = (base / source)
            node = tmx.read_file(file, ts.where, "tileset file", r.allowed)
            if node.tag != "tileset":
                raise TmxError(node.where, f"not a Tiled tileset: the root element is <{node.tag}>")
            r.tilesets[str(file.resolve())] = firstgid
            tiles = tmx.read_tileset(node, file.parent, firstgid, r.allowed)
        else:
            tiles = tmx.read_tileset(ts, base, firstgid, r.allowed)
        r.tiles.update(tiles)
    except TmxError as exc:
        r.problem(exc)


def _props(r: _Reader, node: Node) -> dict[str, Any]:
    try:
        return {k: v.value for k, v in tmx.properties(node).items()}
    except TmxError as exc:
        r.problem(exc)
        return {}


def _prop_where(node: Node, name: str) -> tuple[str, int, int]:
    props = node.find("properties")
    if props is not None:
        for p in props.findall("property"):
            if p.get("name") == name:
                return p.where
    return node.where


def _check_map_props(r: _Reader, root: Node, props: dict[str, Any]) -> None:
    light = props.get("light")
    if light is not None and not (isinstance(light, str) and light):
        r.err(_prop_where(root, "light"), "map property `light` must name a preset")
    gallery = props.get("gallery")
    if gallery is not None and not (isinstance(gallery, str) and gallery.strip()):
        r.err(_prop_where(root, "gallery"), "map property `gallery` must be the image's title",
              "a string property, e.g. gallery = The promise (see docs/stage-format.md, Key-beat images)")
    order = props.get("gallery_order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, (int, float))):
        r.err(_prop_where(root, "gallery_order"), "map property `gallery_order` must be a number",
              "an int or float property: smaller comes first in the gallery")
    side = props.get("window_side")
    if side is not None and side not in WINDOW_SIDES:
        r.err(_prop_where(root, "window_side"), f"map property `window_side` must be left or right, not '{side}'",
              did_you_mean(str(side), WINDOW_SIDES))
    from vn.stage.sun import check as check_sky

    for name, problem in check_sky(props):
        r.err(_prop_where(root, name), f"map property `{name}`: {problem}",
              "the sun's settings: see docs/stage-format.md, Light from the time of day")


@dataclass(frozen=True)
class _Ctx:
    """What enclosing group layers give their layers."""

    opacity: float = 1.0
    visible: bool = True
    offset: Point = (0.0, 0.0)
    tint: RGBA | None = None
    parallax: Point = (1.0, 1.0)
    light: tuple[object, tuple[str, int, int]] | None = None  # a group's `light` and where


def _mul_tint(a: RGBA | None, b: RGBA | None) -> RGBA | None:
    if a is None or b is None:
        return a or b
    return (a[0] * b[0] / 255, a[1] * b[1] / 255, a[2] * b[2] / 255, a[3] * b[3] / 255)


def _inner(r: _Reader, node: Node, ctx: _Ctx) -> tuple[_Ctx, int, dict[str, Any]]:
    """The context of a layer's own contents, its id (made up for maps without ids, the way
    Tiled numbers them when it opens such a map) and its properties."""
    lid = tmx.integer(node, "id", 0)
    if lid <= 0:
        lid = r.next_id
        r.next_id += 1
    props = _props(r, node)
    try:
        tint = tmx.color(node.get("tintcolor"), node.where)
    except TmxError as exc:
        r.problem(exc)
        tint = None
    visible = node.get("visible", "1").strip() not in ("0", "false")
    light = ctx.light
    if "light" in props:
        light = (props["light"], _prop_where(node, "light"))
    inner = _Ctx(
        opacity=ctx.opacity * max(0.0, min(1.0, tmx.number(node, "opacity", 1.0))),
        visible=ctx.visible and visible,
        offset=(ctx.offset[0] + tmx.number(node, "offsetx"), ctx.offset[1] + tmx.number(node, "offsety")),
        tint=_mul_tint(ctx.tint, tint),
        parallax=(ctx.parallax[0] * tmx.number(node, "parallaxx", 1.0),
                  ctx.parallax[1] * tmx.number(node, "parallaxy", 1.0)),
        light=light,
    )
    return inner, lid, props


def _walk(r: _Reader, parent: Node, ctx: _Ctx, layers: list[Layer], marks: dict[str, Mark],
          lights: list[LightShape], grid: tuple[int, int], keep: list[KeepClear]) -> None:
    for node in parent.children:
        if node.tag not in ("layer", "imagelayer", "objectgroup", "group"):
            continue
        try:
            inner, lid, props = _inner(r, node, ctx)
            if node.tag == "group":
                _walk(r, node, inner, layers, marks, lights, grid, keep)
                continue
            name = node.get("name") or f"layer {lid}"
            if node.tag == "objectgroup" and name in SPECIAL_LAYERS:
                objects = [_object(r, o) for o in node.findall("object")]
                if name == "marks":
                    _read_marks(r, objects, inner, marks, len(layers))
                elif name == "keep_clear":
                    _read_keep_clear(r, objects, inner, keep)
                else:
                    _read_lights(r, objects, inner, lights, len(layers))
                continue
            layer = _layer(r, node, inner, lid, name, props, grid)
            if layer is not None:
                layers.append(layer)
        except TmxError as exc:
            r.problem(exc)


def _role(r: _Reader, ctx: _Ctx, name: str) -> str:
    if ctx.light is None:
        return "ambient"
    role, where = ctx.light
    if role not in LIGHT_ROLES:
        r.err(where, f"layer '{name}': unknown light role '{role}'",
              did_you_mean(str(role), LIGHT_ROLES) or f"light roles: {', '.join(LIGHT_ROLES)}")
        return "ambient"
    return str(role)


def _check_light_motion(r: _Reader, node: Node, name: str, role: str, props: dict[str, Any]) -> None:
    """Report a layer's bad `flicker`/`flicker_rate` and `pulse`/`pulse_period` (at the
    property), and either on a layer that gives no light of its own."""
    for kind, second, check, example in (
            ("flicker", "flicker_rate", motion.check_flicker, "e.g. flicker = 0.3 (a float) and, if you like, "
             f"flicker_rate = 1.5 (Hz; default {motion.DEFAULT_FLICKER_RATE:g})"),
            ("pulse", "pulse_period", motion.check_layer_pulse, "e.g. pulse = 0.4 (a float) and, if you like, "
             f"pulse_period = 3 (seconds; default {motion.DEFAULT_PULSE_PERIOD:g})")):
        if kind not in props and second not in props:
            continue
        problems = check(props.get(kind), props.get(second))
        for prop, problem in problems:
            r.err(_prop_where(node, prop), f"layer '{name}': {problem}",
                  f"add the float property {kind} to the layer (0..1, how far its light dims)"
                  if "without" in problem else example)
        if problems:
            continue
        if role not in LIGHT_GIVING:
            r.err(_prop_where(node, kind), f"layer '{name}': {kind} needs a layer that gives light (its light is {role})",
                  "set the layer's `light` to emissive (a fire, a lamp: it comes on with the preset's emissive "
                  "level), rim (the sun's light on an edge, in the preset's rim colour) or none (painted light "
                  "that shows in any light: a glow in the eyes)")
        elif kind == "pulse" and "flicker" in props:
            r.err(_prop_where(node, "pulse"), f"layer '{name}': a layer either flickers or pulses, not both",
                  "put the pulsing light on a layer of its own")


def _layer(r: _Reader, node: Node, ctx: _Ctx, lid: int, name: str, props: dict[str, Any],
           grid: tuple[int, int]) -> Layer | None:
    role = _role(r, ctx, name)
    if "twinkle" in props:
        problem = motion.check_twinkle(props["twinkle"])
        if problem is not None:
            r.err(_prop_where(node, "twinkle"), f"layer '{name}': {problem}", "e.g. 0.45")
        elif role != "emissive":
            r.err(_prop_where(node, "twinkle"), f"layer '{name}': twinkle needs an emissive layer (its light is {role})",
                  "set the layer's `light` to emissive: only lights twinkle")
    _check_light_motion(r, node, name, role, props)
    if "casts_shadow" in props:
        if not isinstance(props["casts_shadow"], bool):
            r.err(_prop_where(node, "casts_shadow"), f"layer '{name}': casts_shadow must be a bool, not {props['casts_shadow']!r}",
                  'give the property the type bool: <property name="casts_shadow" type="bool" value="true"/>')
        elif node.tag != "imagelayer":
            r.err(_prop_where(node, "casts_shadow"), f"layer '{name}': casts_shadow works on image layers only",
                  "put the object that casts the shadow (a chair) on an image layer of its own")
    if "faces" in props:  # (vn.render.lighting: a rim of edges that face up takes the preset's rim_top too)
        if props["faces"] != "up":
            r.err(_prop_where(node, "faces"), f"layer '{name}': faces must be \"up\", not {props['faces']!r}",
                  'faces: up marks a rim layer of edges that face up (the tops of things); leave it out for the rest')
        elif role != "rim":
            r.err(_prop_where(node, "faces"), f"layer '{name}': faces needs a rim layer (its light is {role})",
                  "set the layer's `light` to rim: only rim light depends on which way an edge faces")
    common: dict[str, Any] = dict(
        id=lid, name=name, light=role, opacity=ctx.opacity, visible=ctx.visible,
        offset=ctx.offset, tint=ctx.tint, parallax=ctx.parallax, properties=MappingProxyType(props))
    if node.tag == "imagelayer":
        img = node.find("image")
        source = img.get("source") if img is not None else None
        if img is None or not source:
            r.warn(node.where, f"image layer '{name}' has no image (ignored)",
                   "pick an image in the layer's properties, or delete the layer")
            return None
        image = r.path.parent / source
        if not image.is_file():
            r.err(img.where, f"image layer '{name}': image not found: {source}",
                  "image paths are relative to the .tmx file")
        trans = tmx.color(img.get("trans"), img.where)
        repeat = (node.get("repeatx", "0") == "1", node.get("repeaty", "0") == "1")
        return Layer(kind="image", image=image, repeat=repeat,
                     trans=None if trans is None else (int(trans[0]), int(trans[1]), int(trans[2])), **common)
    if node.tag == "layer":
        w, h = tmx.integer(node, "width", grid[0]), tmx.integer(node, "height", grid[1])
        rows = tmx.layer_data(node, w, h)
        return Layer(kind="tiles", tiles=rows, **common)
    objects = []
    for o in node.findall("object"):
        obj = _object(r, o)
        gid = tmx.integer(obj, "gid", 0) & 0xFFFFFFFF
        if not gid:
            if obj.find("text") is None:
                r.warn(obj.where, f"object layer '{name}': only tile objects are drawn "
                                  f"(object '{obj.get('name') or obj.get('id')}' is a shape)",
                       did_you_mean(name, SPECIAL_LAYERS)
                       or "shapes are used only in the `marks`, `lights` and `keep_clear` layers")
            continue
        tile = r.tiles.get(gid & GID_MASK)
        w = tmx.number(obj, "width", tile.size[0] if tile else 0.0)
        h = tmx.number(obj, "height", tile.size[1] if tile else 0.0)
        if max(abs(w), abs(h)) > tmx.MAX_PX:
            r.err(obj.where, f"tile object of {w:g}x{h:g} px is too large (at most {tmx.MAX_PX} px a side)")
            continue
        objects.append(TileObject(
            tmx.integer(obj, "id", 0), obj.get("name") or "", gid, tmx.number(obj, "x"),
            tmx.number(obj, "y"), w, h, tmx.number(obj, "rotation"),
            obj.get("visible", "1").strip() not in ("0", "false")))
    return Layer(kind="objects", objects=tuple(objects), **common)


def _object(r: _Reader, o: Node) -> Node:
    """The object with its template (if any) applied; a template's tile is mapped into the
    map's global ids (its tileset joins the map's when the map does not use it already)."""
    source = o.get("template")
    if not source:
        return o
    file = Path(o.file).parent / source
    key = str(file.resolve())
    template = r.templates.get(key)
    if template is None:
        template = tmx.read_file(file, o.where, "object template", r.allowed)
        if template.tag != "template":
            raise TmxError(template.where, f"not a Tiled object template: the root element is <{template.tag}>")
        r.templates[key] = template
    merged, ts, _ = tmx.merge_template(o, template, file.parent)
    if ts is not None and "gid" in merged.attrs:
        raw = int(tmx.number(merged, "gid")) & 0xFFFFFFFF
        local = (raw & GID_MASK) - tmx.integer(ts, "firstgid", 1)
        tsx = ts.get("source")
        if tsx:
            tsx_file = file.parent / tsx
            tkey = str(tsx_file.resolve())
            first = r.tilesets.get(tkey)
            if first is None:
                node = tmx.read_file(tsx_file, ts.where, "tileset file", r.allowed)
                first = max([0, *r.tiles]) + 1
                r.tiles.update(tmx.read_tileset(node, tsx_file.parent, first, r.allowed))
                r.tilesets[tkey] = first
        else:
            first = max([0, *r.tiles]) + 1
            r.tiles.update(tmx.read_tileset(ts, file.parent, first, r.allowed))
        merged.attrs["gid"] = str((raw & ~GID_MASK) | (first + local))
    return merged


# --- marks and lights -----------------------------------------------------------------------


def _shape_points(o: Node) -> tuple[tuple[Point, ...], str]:
    """The outline of an object (absolute map px, before the layer's offset) and its kind."""
    x, y = tmx.number(o, "x"), tmx.number(o, "y")
    w, h = tmx.number(o, "width"), tmx.number(o, "height")
    kind = "rect"
    poly = o.find("polygon") or o.find("polyline")
    if o.find("point") is not None:
        pts, kind = [(x, y)], "point"
    elif poly is not None:
        kind = poly.tag
        pts = []
        for pair in (poly.get("points") or "").split():
            try:
                a, b = pair.split(",")
                pts.append((x + float(a), y + float(b)))
            except ValueError:
                raise TmxError(poly.where, f"bad point '{pair}' in {poly.tag}") from None
    elif o.find("ellipse") is not None:
        kind = "ellipse"
        cx, cy = x + w / 2, y + h / 2
        pts = [(cx + w / 2 * math.cos(a), cy + h / 2 * math.sin(a))
               for a in (i * math.tau / 32 for i in range(32))]
    elif o.get("gid"):
        kind = "tile"  # bottom-left origin: the image is above (x, y)
        pts = [(x, y - h), (x + w, y - h), (x + w, y), (x, y)]
    else:
        pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    rot = tmx.number(o, "rotation")
    if rot:
        cr, sr = math.cos(math.radians(rot)), math.sin(math.radians(rot))
        pts = [(x + (px - x) * cr - (py - y) * sr, y + (px - x) * sr + (py - y) * cr) for px, py in pts]
    return tuple(pts), kind


def _read_marks(r: _Reader, objects: list[Node], ctx: _Ctx, marks: dict[str, Mark], depth: int) -> None:
    for o in objects:
        at = o.where
        mname = o.get("name") or ""
        if not mname:
            r.warn(at, "a mark has no name (ignored)", "name each point in the `marks` layer")
            continue
        if mname in marks:
            r.err(at, f"duplicate mark '{mname}'", "each mark needs its own name")
            continue
        pts, kind = _shape_points(o)
        if kind == "point":
            x, y = pts[0]
        else:
            r.warn(at, f"mark '{mname}' is not a point: using the bottom centre of its shape",
                   "use Tiled's point tool (I) for marks")
            x, y = _bottom_centre(o, pts, kind)
        props = _props(r, o)
        facing = props.get("facing")
        if facing is not None and facing not in FACINGS:
            r.err(_prop_where(o, "facing"), f"mark '{mname}': facing must be left or right, not '{facing}'",
                  did_you_mean(str(facing), FACINGS))
            facing = None
        scale = 1.0
        if "scale" in props:
            s = _float(props["scale"])
            if s is None or s <= 0:
                r.err(_prop_where(o, "scale"),
                      f"mark '{mname}': scale must be a positive number, not '{props['scale']}'")
            else:
                scale = s
        z = 0
        if "z" in props:
            zf = _float(props["z"])
            if zf is None or zf != int(zf):
                r.err(_prop_where(o, "z"), f"mark '{mname}': z must be a whole number, not '{props['z']}'")
            else:
                z = int(zf)
        behind = props.get("behind")
        if behind is not None and (not isinstance(behind, str) or not behind):
            r.err(_prop_where(o, "behind"), f"mark '{mname}': behind must be the name of a layer")
            behind = None
        marks[mname] = Mark(mname, x + ctx.offset[0], y + ctx.offset[1], facing, scale, z, ctx.parallax, depth)
        if behind is not None:
            r.behind.append((mname, behind, _prop_where(o, "behind")))


def _resolve_behind(r: _Reader, marks: dict[str, Mark], layers: list[Layer]) -> None:
    """Marks with a `behind` property: the figure is drawn under the named layer (and every
    layer above it), whatever the place of its `marks` layer."""
    names = [layer.name for layer in layers]
    for mname, behind, where in r.behind:
        if behind not in names:
            r.err(where, f"mark '{mname}': behind names no drawn layer '{behind}'",
                  did_you_mean(behind, names) or f"drawn layers: {', '.join(names) or 'none'}")
            continue
        mark = marks[mname]
        marks[mname] = replace(mark, depth=names.index(behind))


def _bottom_centre(o: Node, pts: tuple[Point, ...], kind: str) -> Point:
    """The middle of a shape's bottom edge, rotated with the shape (so it lies on the shape)."""
    if kind in ("rect", "ellipse", "tile"):
        x, y = tmx.number(o, "x"), tmx.number(o, "y")
        w, h = tmx.number(o, "width"), tmx.number(o, "height")
        lx, ly = (w / 2, h) if kind != "tile" else (w / 2, 0.0)
        rot = math.radians(tmx.number(o, "rotation"))
        return (x + lx * math.cos(rot) - ly * math.sin(rot), y + lx * math.sin(rot) + ly * math.cos(rot))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return ((min(xs) + max(xs)) / 2, max(ys))


def _read_lights(r: _Reader, objects: list[Node], ctx: _Ctx, lights: list[LightShape], depth: int) -> None:
    for o in objects:
        at = o.where
        oid = o.get("id") or "?"
        lname = o.get("name") or f"light {oid}"
        pts, kind = _shape_points(o)
        if kind == "polyline":
            r.warn(at, f"light '{lname}' is a polyline: it is filled as a closed polygon")
        if len(pts) < 3:
            r.err(at, f"light '{lname}' needs at least 3 points", "draw it with the polygon tool (P)")
            continue
        props = _props(r, o)
        grp = props.get("group", "sun")
        if not isinstance(grp, str) or not grp:
            r.err(_prop_where(o, "group"), f"light '{lname}': group must be a name")
            grp = "sun"
        soft = DEFAULT_SOFTNESS
        if "softness" in props:
            s = _float(props["softness"])
            if s is None or s < 0:
                r.err(_prop_where(o, "softness"),
                      f"light '{lname}': softness must be a number of px >= 0, not '{props['softness']}'")
            else:
                soft = s
        extra: dict[str, float] = {}
        for key, check in (("strength", motion.check_strength), ("dust", motion.check_dust)):
            if key in props:
                problem = check(props[key])
                if problem is not None:
                    r.err(_prop_where(o, key), f"light '{lname}': {problem}")
                else:
                    extra[key] = float(props[key])
        dx, dy = ctx.offset
        falls_on = props.get("falls_on", "stage")
        if falls_on not in FALLS_ON:
            r.err(_prop_where(o, "falls_on"), f"light '{lname}': falls_on must be stage or figures, not '{falls_on}'",
                  did_you_mean(str(falls_on), FALLS_ON))
            falls_on = "stage"
        lights.append(LightShape(lname, grp, tuple((x + dx, y + dy) for x, y in pts), soft, ctx.parallax,
                                 depth=depth, falls_on=falls_on, **extra))


def _read_keep_clear(r: _Reader, objects: list[Node], ctx: _Ctx, keep: list[KeepClear]) -> None:
    """The `keep_clear` layer: rectangles, ellipses and polygons (tile objects: their image's
    rectangle) over the faces and figures painted into the stage."""
    shapes = "draw a rectangle (R), an ellipse (C) or a polygon (P) over the face or figure"
    for o in objects:
        at = o.where
        name = o.get("name") or f"area {o.get('id') or len(keep) + 1}"
        pts, kind = _shape_points(o)
        if kind == "point":
            r.err(at, f"keep-clear area '{name}' is a point: it has no area", shapes)
            continue
        if kind == "polyline":
            r.err(at, f"keep-clear area '{name}' is a polyline: an open line has no area",
                  "close it: draw it with the polygon tool (P)")
            continue
        if o.find("text") is not None:
            r.err(at, f"keep-clear area '{name}' is a text object", shapes)
            continue
        if kind in ("rect", "ellipse", "tile"):
            w, h = tmx.number(o, "width"), tmx.number(o, "height")
            if w <= 0 or h <= 0:
                r.err(at, f"keep-clear area '{name}' has no size ({w:g}x{h:g} px)",
                      "give it a width and a height (drag it out in Tiled, or set them in its properties)")
                continue
        else:
            if len(pts) < 3:
                r.err(at, f"keep-clear area '{name}' needs at least 3 points", shapes)
                continue
            area = 0.5 * abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:] + pts[:1], strict=True)))
            if area <= 0:
                r.err(at, f"keep-clear area '{name}' has no area (its points lie on one line)", shapes)
                continue
        dx, dy = ctx.offset
        keep.append(KeepClear(name, tuple((x + dx, y + dy) for x, y in pts), ctx.parallax))
        r.keep_where.setdefault(name, at)


def flips(gid: int) -> tuple[bool, bool, bool]:
    """(horizontal, vertical, diagonal) flip bits of a raw global id."""
    return bool(gid & FLIP_X), bool(gid & FLIP_Y), bool(gid & FLIP_DIAGONAL)
