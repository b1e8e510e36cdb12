"""Stages from Tiled maps: the planes of the picture, the marks where characters stand and the
shapes of light through the glass.

pytmx does the parsing (with an image loader that only records paths: the scene model never
loads pixels, and never imports pygame). pytmx groups layers by kind and loses positions, so
a second, cheap pass with expat recovers the document order Tiled draws in and the line and
column of every layer, object and property for error messages.
"""

from __future__ import annotations

import logging
import math
import sys
import xml.parsers.expat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from xml.etree import ElementTree

from vn.script.diagnostics import Diagnostic, did_you_mean, error, warning

Point = tuple[float, float]

LIGHT_ROLES = ("sky", "ambient", "emissive", "none")
FACINGS = ("left", "right")
WINDOW_SIDES = ("left", "right")
DEFAULT_SOFTNESS = 24.0


@dataclass(frozen=True)
class TileImage:
    """Where a tile's pixels are: an image file and the rectangle in it (None: whole image)."""

    path: Path
    rect: tuple[int, int, int, int] | None
    flip_x: bool = False
    flip_y: bool = False
    flip_diagonal: bool = False


@dataclass(frozen=True)
class Layer:
    """One plane of the picture. `image` for image layers; `tiles` (rows of gids, 0 = empty,
    see `Layout.tile_images`) for tile layers. `opacity` and `visible` already include those of
    enclosing group layers."""

    id: int
    name: str
    kind: str  # "image" | "tiles"
    light: str  # one of LIGHT_ROLES
    opacity: float = 1.0
    visible: bool = True
    offset: Point = (0.0, 0.0)
    image: Path | None = None
    tiles: tuple[tuple[int, ...], ...] | None = None
    properties: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Mark:
    """Where a character's feet go. `facing` None: the sprite keeps its own facing."""

    name: str
    x: float
    y: float
    facing: str | None = None
    scale: float = 1.0
    z: int = 0


@dataclass(frozen=True)
class LightShape:
    """A polygon of light (absolute logical px), blended with its beam group's colour."""

    name: str
    group: str
    points: tuple[Point, ...]
    softness: float = DEFAULT_SOFTNESS


@dataclass(frozen=True)
class Layout:
    """Everything the scene model and the renderer need from a stage .tmx."""

    path: Path
    size: tuple[int, int]  # map size in px (tiles x tile size)
    tile_size: tuple[int, int]
    layers: tuple[Layer, ...]  # file order, bottom first (image and tile layers only)
    marks: Mapping[str, Mark]
    lights: tuple[LightShape, ...]
    properties: Mapping[str, Any]
    tile_images: Mapping[int, TileImage] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def default_light(self) -> str:
        """The preset in force when the stage is first shown and no `light:` has run."""
        v = self.properties.get("light")
        return v if isinstance(v, str) and v else "day"

    @property
    def window_side(self) -> str:
        v = self.properties.get("window_side")
        return v if v in WINDOW_SIDES else "left"


# --- positions ------------------------------------------------------------------------------

_LAYER_TAGS = ("layer", "imagelayer", "objectgroup", "group")
_OWNER_TAGS = ("map", "tileset") + _LAYER_TAGS + ("object",)


@dataclass
class _Positions:
    """Document order and line/column of the map's elements, from one expat pass."""

    order: list[int] = field(default_factory=list)  # layer ids in document order (all kinds)
    layer_pos: dict[int, tuple[int, int]] = field(default_factory=dict)
    image_pos: dict[int, tuple[int, int]] = field(default_factory=dict)  # layer id -> <image>
    parents: dict[int, tuple[int, ...]] = field(default_factory=dict)  # layer id -> group ids
    object_pos: dict[int, tuple[int, int]] = field(default_factory=dict)
    prop_pos: dict[tuple[str, int, str], tuple[int, int]] = field(default_factory=dict)
    map_pos: tuple[int, int] = (1, 1)
    ellipses: set[int] = field(default_factory=set)  # object ids drawn as ellipses

    def layer(self, layer_id: int) -> tuple[int, int]:
        return self.layer_pos.get(layer_id, self.map_pos)

    def obj(self, obj_id: int) -> tuple[int, int]:
        return self.object_pos.get(obj_id, self.map_pos)

    def prop(self, owner: str, owner_id: int, name: str, fallback: tuple[int, int]) -> tuple[int, int]:
        return self.prop_pos.get((owner, owner_id, name), fallback)


def _scan(data: bytes) -> _Positions:
    out = _Positions()
    parser = xml.parsers.expat.ParserCreate()
    stack: list[tuple[str, int]] = []  # (tag, id) of open owner elements
    groups: list[int] = []

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(tag: str, attrs: dict[str, str]) -> None:
        ident = _int(attrs.get("id"), -1)
        if tag == "map":
            out.map_pos = where()
        if tag in _LAYER_TAGS and ident >= 0:
            out.order.append(ident)
            out.layer_pos[ident] = where()
            out.parents[ident] = tuple(groups)
        elif tag == "object" and ident >= 0:
            out.object_pos[ident] = where()
        elif tag == "ellipse" and stack and stack[-1][0] == "object":
            out.ellipses.add(stack[-1][1])
        elif tag == "image" and stack and stack[-1][0] == "imagelayer":
            out.image_pos[stack[-1][1]] = where()
        elif tag == "property" and stack:
            owner, oid = stack[-1]
            out.prop_pos.setdefault((owner, oid, attrs.get("name", "")), where())
        if tag in _OWNER_TAGS:
            stack.append((tag, ident))
        if tag == "group":
            groups.append(ident)

    def end(tag: str) -> None:
        if tag in _OWNER_TAGS and stack:
            stack.pop()
        if tag == "group" and groups:
            groups.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(data, True)
    return out


def _int(text: object, default: int) -> int:
    try:
        return int(str(text))
    except (TypeError, ValueError):
        return default


# --- loading --------------------------------------------------------------------------------


def _import_pytmx() -> Any:
    """pytmx imports pygame when it can (for type hints and its optional pygame loader). The
    scene model must stay free of pygame, so pygame is hidden while pytmx is first imported;
    the half-imported pygame helper is then forgotten so that a later explicit
    `import pytmx.util_pygame` still works."""
    if "pytmx" in sys.modules:
        return sys.modules["pytmx.pytmx"]
    hidden = "pygame" not in sys.modules
    quiet = logging.getLogger("pytmx.util_pygame")
    was_disabled = quiet.disabled
    if hidden:
        sys.modules["pygame"] = None  # type: ignore[assignment]
        quiet.disabled = True
    try:
        import pytmx.pytmx
    finally:
        if hidden:
            quiet.disabled = was_disabled
            if sys.modules.get("pygame", 0) is None:
                del sys.modules["pygame"]
            sys.modules.pop("pytmx.util_pygame", None)
    return pytmx.pytmx


def _record_loader(filename: str, colorkey: object = None, **_: object) -> Any:
    """pytmx image loader that loads nothing: a tile's image is (path, rect, flags)."""

    def load(rect: Any = None, flags: Any = None) -> tuple[str, Any, Any]:
        return filename, rect, flags

    return load


def _float(v: object) -> float | None:
    if isinstance(v, bool):
        return None
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


class _Checker:
    def __init__(self, path: Path, pos: _Positions) -> None:
        self.name = str(path)
        self.pos = pos
        self.diags: list[Diagnostic] = []

    def err(self, at: tuple[int, int], message: str, hint: str | None = None) -> None:
        self.diags.append(error(self.name, at[0], at[1], message, hint))

    def warn(self, at: tuple[int, int], message: str, hint: str | None = None) -> None:
        self.diags.append(warning(self.name, at[0], at[1], message, hint))


def load_layout(path: Path) -> tuple[Layout | None, list[Diagnostic]]:
    """Read a stage .tmx. Never raises for bad data: a missing or malformed map gives None and a
    diagnostic naming the file (with the line and column XML reports); smaller problems give
    diagnostics beside a usable Layout."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [error(name, 0, 0, "stage file not found")]
    except OSError as exc:
        return None, [error(name, 0, 0, f"cannot read stage file: {exc.strerror or exc}")]
    try:
        pos = _scan(data)
    except xml.parsers.expat.ExpatError as exc:
        return None, [error(name, exc.lineno, exc.offset + 1,
                            f"malformed XML: {xml.parsers.expat.ErrorString(exc.code)}",
                            "open and save the map in Tiled, or fix the XML by hand")]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:  # pragma: no cover - expat above catches these
        line, col = exc.position
        return None, [error(name, line, col + 1, f"malformed XML: {exc}")]
    if root.tag != "map":
        return None, [error(name, 1, 1, f"not a Tiled map: the root element is <{root.tag}>, not <map>")]
    pre: list[Diagnostic] = []
    if root.get("infinite", "0") == "1":
        return None, [error(name, *pos.map_pos, "infinite maps are not supported",
                            "untick Map > Map Properties > Infinite in Tiled")]
    _drop_empty_image_layers(root, name, pos, pre)
    pytmx = _import_pytmx()
    messages: list[str] = []
    try:
        with _PytmxLog(messages):
            tmx = pytmx.TiledMap(None, image_loader=_record_loader)
            tmx.filename = str(path)
            tmx.parse_xml(root)
    except Exception as exc:  # pytmx raises bare Exception/ValueError/AttributeError on bad maps
        why = messages[0] if messages else _describe(exc)
        return None, pre + [error(name, *pos.map_pos, f"cannot read Tiled map: {why}",
                                  "open and save the map in Tiled to see what it says")]
    layout, diags = _build(path, tmx, pos)
    return layout, pre + diags


def _drop_empty_image_layers(root: ElementTree.Element, name: str, pos: _Positions,
                             diags: list[Diagnostic]) -> None:
    """Tiled saves an image layer without an image as a bare element; pytmx cannot read it."""
    for parent in [root, *root.iter("group")]:
        for node in list(parent):
            if node.tag != "imagelayer":
                continue
            img = node.find("image")
            if img is None or not img.get("source"):
                lid = _int(node.get("id"), -1)
                diags.append(warning(name, *pos.layer(lid),
                                     f"image layer '{node.get('name', lid)}' has no image (ignored)"))
                parent.remove(node)


class _PytmxLog(logging.Handler):
    """Collects what pytmx logs while it reads a map (it logs the reason, then raises a bare
    exception), and keeps it off the player's terminal."""

    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.into = into
        self.logger = logging.getLogger("pytmx.pytmx")

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.into.append(record.getMessage())

    def __enter__(self) -> _PytmxLog:
        self.saved = self.logger.propagate
        self.logger.addHandler(self)
        self.logger.propagate = False
        return self

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self)
        self.logger.propagate = self.saved


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


def _build(path: Path, tmx: Any, pos: _Positions) -> tuple[Layout | None, list[Diagnostic]]:
    pytmx = sys.modules["pytmx.pytmx"]
    c = _Checker(path, pos)
    if getattr(tmx, "orientation", "orthogonal") != "orthogonal":
        c.warn(pos.map_pos, f"map orientation is '{tmx.orientation}'; stages are drawn as orthogonal")
    tw, th = int(tmx.tilewidth or 0), int(tmx.tileheight or 0)
    size = (int(tmx.width) * tw, int(tmx.height) * th)
    if size[0] <= 0 or size[1] <= 0:
        c.err(pos.map_pos, f"map has no size ({tmx.width}x{tmx.height} tiles of {tw}x{th} px)",
              "set the map size in Tiled: Map > Resize Map, and the tile size in Map Properties")
        return None, c.diags

    by_id: dict[int, Any] = {}
    for layer in tmx.layers:
        lid = _int(getattr(layer, "id", None), -1)
        if lid >= 0:
            by_id[lid] = layer
    order = [i for i in pos.order if i in by_id] + sorted(i for i in by_id if i not in pos.order)

    map_props = dict(tmx.properties)
    _check_map_props(c, map_props)

    layers: list[Layer] = []
    marks: dict[str, Mark] = {}
    lights: list[LightShape] = []
    for lid in order:
        layer = by_id[lid]
        at = pos.layer(lid)
        groups = [by_id[g] for g in pos.parents.get(lid, ()) if g in by_id]
        if isinstance(layer, pytmx.TiledGroupLayer):
            continue
        if isinstance(layer, pytmx.TiledObjectGroup):
            lname = str(layer.name or "")
            if lname == "marks":
                _read_marks(c, layer, marks)
            elif lname == "lights":
                _read_lights(c, layer, lights)
            else:
                c.warn(at, f"object layer '{lname}' is not used by the engine",
                       did_you_mean(lname, ["marks", "lights"]) or "object layers are `marks` and `lights`")
            continue
        built = _read_plane(c, path, layer, lid, groups, pytmx)
        if built is not None:
            layers.append(built)
    if not marks:
        c.warn(pos.map_pos, "stage has no marks: characters will stand at the centre",
               "add an object layer named `marks` with point objects")

    tile_images: dict[int, TileImage] = {}
    for gid, img in enumerate(tmx.images):
        if gid and isinstance(img, tuple) and len(img) == 3 and isinstance(img[0], str):
            src, rect, flags = img
            tile_images[gid] = TileImage(
                Path(src),
                tuple(int(v) for v in rect) if rect else None,  # type: ignore[arg-type]
                bool(getattr(flags, "flipped_horizontally", False)),
                bool(getattr(flags, "flipped_vertically", False)),
                bool(getattr(flags, "flipped_diagonally", False)),
            )
    for layer in layers:
        if layer.kind == "tiles" and layer.tiles:
            for gid in {g for row in layer.tiles for g in row if g}:
                t = tile_images.get(gid)
                if t is not None and not t.path.is_file():
                    c.err(pos.layer(layer.id), f"tileset image not found: {t.path}")
                    break
    layout = Layout(
        path=path,
        size=size,
        tile_size=(tw, th),
        layers=tuple(layers),
        marks=MappingProxyType(marks),
        lights=tuple(lights),
        properties=MappingProxyType(map_props),
        tile_images=MappingProxyType(tile_images),
    )
    return layout, c.diags


def _check_map_props(c: _Checker, props: dict[str, Any]) -> None:
    light = props.get("light")
    if light is not None and not (isinstance(light, str) and light):
        c.err(c.pos.prop("map", -1, "light", c.pos.map_pos), "map property `light` must name a preset")
    side = props.get("window_side")
    if side is not None and side not in WINDOW_SIDES:
        at = c.pos.prop("map", -1, "window_side", c.pos.map_pos)
        c.err(at, f"map property `window_side` must be left or right, not '{side}'",
              did_you_mean(str(side), WINDOW_SIDES))


def _read_plane(c: _Checker, path: Path, layer: Any, lid: int, groups: list[Any],
                pytmx: Any) -> Layer | None:
    at = c.pos.layer(lid)
    lname = str(getattr(layer, "name", None) or f"layer {lid}")
    props = dict(layer.properties)
    role: object = props.get("light")
    role_owner: tuple[str, int] = (_tag(layer, pytmx), lid)
    for g in reversed(groups):  # a group's `light` applies to layers that do not set their own
        if role is None and "light" in g.properties:
            role, role_owner = g.properties["light"], ("group", _int(g.id, -1))
    if role is None:
        role = "ambient"
    if role not in LIGHT_ROLES:
        c.err(c.pos.prop(*role_owner, "light", at), f"layer '{lname}': unknown light role '{role}'",
              did_you_mean(str(role), LIGHT_ROLES) or f"light roles: {', '.join(LIGHT_ROLES)}")
        role = "ambient"
    opacity = _float(getattr(layer, "opacity", 1)) or 0.0
    visible = _truthy(getattr(layer, "visible", True))
    for g in groups:
        opacity *= _float(getattr(g, "opacity", 1)) or 0.0
        visible = visible and _truthy(getattr(g, "visible", True))
    offset = (_float(getattr(layer, "offsetx", 0)) or 0.0, _float(getattr(layer, "offsety", 0)) or 0.0)
    for g in groups:
        offset = (offset[0] + (_float(getattr(g, "offsetx", 0)) or 0.0),
                  offset[1] + (_float(getattr(g, "offsety", 0)) or 0.0))
    common = dict(id=lid, name=lname, light=str(role), opacity=max(0.0, min(1.0, opacity)),
                  visible=visible, offset=offset, properties=MappingProxyType(props))
    if isinstance(layer, pytmx.TiledImageLayer):
        source = getattr(layer, "source", None)
        if not source:
            c.err(at, f"image layer '{lname}' has no image", "pick an image in the layer's properties")
            return None
        image = (path.parent / source)
        if not image.is_file():
            c.err(c.pos.image_pos.get(lid, at), f"image layer '{lname}': image not found: {source}",
                  "image paths are relative to the .tmx file")
        return Layer(kind="image", image=image, **common)  # type: ignore[arg-type]
    if isinstance(layer, pytmx.TiledTileLayer):
        rows = tuple(tuple(int(g) for g in row) for row in layer.data)
        return Layer(kind="tiles", tiles=rows, **common)  # type: ignore[arg-type]
    return None


def _tag(layer: Any, pytmx: Any) -> str:
    if isinstance(layer, pytmx.TiledImageLayer):
        return "imagelayer"
    if isinstance(layer, pytmx.TiledTileLayer):
        return "layer"
    if isinstance(layer, pytmx.TiledObjectGroup):
        return "objectgroup"
    return "group"


def _truthy(v: object) -> bool:
    if isinstance(v, str):
        return v.strip().lower() not in ("0", "false", "")
    return bool(v)


def _read_marks(c: _Checker, group: Any, marks: dict[str, Mark]) -> None:
    for obj in group:
        oid = _int(obj.id, -1)
        at = c.pos.obj(oid)
        mname = str(obj.name or "")
        if not mname:
            c.warn(at, "a mark has no name (ignored)", "name each point in the `marks` layer")
            continue
        if mname in marks:
            c.err(at, f"duplicate mark '{mname}'", "each mark needs its own name")
            continue
        x, y = float(obj.x), float(obj.y)
        w, h = float(obj.width or 0), float(obj.height or 0)
        if w or h or hasattr(obj, "points"):
            c.warn(at, f"mark '{mname}' is not a point: using the bottom centre of its shape",
                   "use Tiled's point tool (I) for marks")
            x, y = x + w / 2.0, y + h
        props = obj.properties
        facing = props.get("facing")
        if facing is not None and facing not in FACINGS:
            c.err(c.pos.prop("object", oid, "facing", at),
                  f"mark '{mname}': facing must be left or right, not '{facing}'",
                  did_you_mean(str(facing), FACINGS))
            facing = None
        scale = 1.0
        if "scale" in props:
            s = _float(props["scale"])
            if s is None or s <= 0:
                c.err(c.pos.prop("object", oid, "scale", at),
                      f"mark '{mname}': scale must be a positive number, not '{props['scale']}'")
            else:
                scale = s
        z = 0
        if "z" in props:
            zf = _float(props["z"])
            if zf is None or zf != int(zf):
                c.err(c.pos.prop("object", oid, "z", at),
                      f"mark '{mname}': z must be a whole number, not '{props['z']}'")
            else:
                z = int(zf)
        marks[mname] = Mark(mname, x, y, facing, scale, z)


def _shape_points(obj: Any, ellipse: bool = False) -> tuple[Point, ...]:
    if hasattr(obj, "points"):
        pts = [(float(p[0]), float(p[1])) for p in obj.points]
    else:
        x, y, w, h = float(obj.x), float(obj.y), float(obj.width or 0), float(obj.height or 0)
        if ellipse:
            cx, cy = x + w / 2, y + h / 2
            pts = [(cx + w / 2 * math.cos(a), cy + h / 2 * math.sin(a))
                   for a in (i * math.tau / 32 for i in range(32))]
        else:
            pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    rot = float(getattr(obj, "rotation", 0) or 0)
    if rot:
        ox, oy = float(obj.x), float(obj.y)
        cr, sr = math.cos(math.radians(rot)), math.sin(math.radians(rot))
        pts = [(ox + (px - ox) * cr - (py - oy) * sr, oy + (px - ox) * sr + (py - oy) * cr)
               for px, py in pts]
    return tuple(pts)


def _read_lights(c: _Checker, group: Any, lights: list[LightShape]) -> None:
    for obj in group:
        oid = _int(obj.id, -1)
        at = c.pos.obj(oid)
        lname = str(obj.name or f"light {oid}")
        if hasattr(obj, "points") and not getattr(obj, "closed", True):
            c.warn(at, f"light '{lname}' is a polyline: it is filled as a closed polygon")
        pts = _shape_points(obj, oid in c.pos.ellipses)
        if len(pts) < 3:
            c.err(at, f"light '{lname}' needs at least 3 points", "draw it with the polygon tool (P)")
            continue
        props = obj.properties
        grp = props.get("group", "sun")
        if not isinstance(grp, str) or not grp:
            c.err(c.pos.prop("object", oid, "group", at), f"light '{lname}': group must be a name")
            grp = "sun"
        soft = DEFAULT_SOFTNESS
        if "softness" in props:
            s = _float(props["softness"])
            if s is None or s < 0:
                c.err(c.pos.prop("object", oid, "softness", at),
                      f"light '{lname}': softness must be a number of px >= 0, not '{props['softness']}'")
            else:
                soft = s
        lights.append(LightShape(lname, grp, pts, soft))
