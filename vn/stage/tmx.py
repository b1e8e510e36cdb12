"""A reader of Tiled's TMX format (maps, external `.tsx` tilesets, `.tx` object templates)
into plain elements that keep the file, line and column of every element.

Why our own reader and not pytmx: a stage must be drawn the way Tiled draws it and refused
with a positioned message when it cannot be. pytmx (3.32) groups layers by kind and loses their
order and positions, drops layers without `id` (maps from Tiled < 1.2), ignores object
templates, loses the flips of image-collection tiles, fails with a Python message on a tileset
image without a size and cannot read zstd data; working round all of that cost more than the
format itself. The format: https://doc.mapeditor.org/en/stable/reference/tmx-map-format/

Nothing here raises for bad data: `TmxError` carries a positioned message and is turned into a
diagnostic by `vn.stage.layout`.
"""

from __future__ import annotations

import base64
import gzip
import struct
import xml.parsers.expat
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from vn.stage.imagesize import natural_size

Point = tuple[float, float]

FLIP_X = 0x80000000
FLIP_Y = 0x40000000
FLIP_DIAGONAL = 0x20000000
ROTATE_HEX = 0x10000000
GID_MASK = 0x0FFFFFFF

MAX_FILE_BYTES = 64 * 1024 * 1024  # a map or tileset file larger than this is refused
MAX_TILES = 4_000_000  # cells in one tile layer
MAX_TILESET = 65_536  # tiles in one tileset
MAX_PX = 32_768  # a map, image or tile longer than this on a side is refused
MAX_AREA = 50_000_000  # a map larger than this many px is refused (it is drawn whole)


class TmxError(Exception):
    """A problem with a map file that stops it being read; `where` is (file, line, column)."""

    def __init__(self, where: tuple[str, int, int], message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.where = where
        self.message = message
        self.hint = hint


@dataclass
class Node:
    """An XML element with its position in its file."""

    tag: str
    attrs: dict[str, str]
    file: str
    line: int
    col: int
    children: list[Node] = field(default_factory=list)
    text: str = ""

    @property
    def where(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.col)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def find(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]


def parse_xml(data: bytes, file: str) -> Node:
    """The element tree of `data`, each element with its line and column (1-based)."""
    parser = xml.parsers.expat.ParserCreate()
    stack: list[Node] = []
    root: list[Node] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(tag, attrs, file, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].text += text

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise TmxError((file, exc.lineno, exc.offset + 1),
                       f"malformed XML: {xml.parsers.expat.ErrorString(exc.code)}",
                       "open and save the file in Tiled, or fix the XML by hand") from None
    except (LookupError, ValueError) as exc:  # an unknown encoding in the XML declaration
        raise TmxError((file, 1, 1), f"cannot read the XML: {exc}",
                       "Tiled writes UTF-8: <?xml version=\"1.0\" encoding=\"UTF-8\"?>") from None
    if not root:  # pragma: no cover - expat reports an empty document itself
        raise TmxError((file, 1, 1), "empty file")
    return root[0]


def read_file(path: Path, where: tuple[str, int, int], what: str,
              allowed: Callable[[Path], bool] | None = None) -> Node:
    """Parse the XML file at `path`; `where` is the element that refers to it (for errors)."""
    if allowed is not None and not allowed(path):
        raise TmxError(where, f"{what} outside the game's folder: {path}",
                       "game files may only use files inside the game folder")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TmxError(where, f"{what} is too large ({size // 1024 // 1024} MB): {path}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise TmxError(where, f"{what} not found: {path}",
                       "paths in Tiled files are relative to the file that names them") from None
    except OSError as exc:
        raise TmxError(where, f"cannot read {what} {path}: {exc.strerror or exc}") from None
    return parse_xml(data, str(path))


# --- numbers and properties ------------------------------------------------------------------


def number(node: Node, name: str, default: float = 0.0) -> float:
    text = node.get(name)
    if text is None or text == "":
        return default
    try:
        v = float(text)
    except ValueError:
        raise TmxError(node.where, f"<{node.tag}> attribute {name}=\"{text}\" is not a number") from None
    if v != v or v in (float("inf"), float("-inf")):
        raise TmxError(node.where, f"<{node.tag}> attribute {name}=\"{text}\" is not a finite number")
    return v


def integer(node: Node, name: str, default: int = 0) -> int:
    v = number(node, name, float(default))
    if v != int(v):
        raise TmxError(node.where, f"<{node.tag}> attribute {name}=\"{node.get(name)}\" is not a whole number")
    return int(v)


def color(text: str | None, where: tuple[str, int, int]) -> tuple[float, float, float, float] | None:
    """A Tiled colour (#RRGGBB or #AARRGGBB, the # optional) as (r, g, b, a) in 0..255."""
    if not text:
        return None
    t = text.strip().lstrip("#")
    try:
        if len(t) == 6:
            return (float(int(t[0:2], 16)), float(int(t[2:4], 16)), float(int(t[4:6], 16)), 255.0)
        if len(t) == 8:
            return (float(int(t[2:4], 16)), float(int(t[4:6], 16)), float(int(t[6:8], 16)),
                    float(int(t[0:2], 16)))
    except ValueError:
        pass
    raise TmxError(where, f"'{text}' is not a colour (#RRGGBB or #AARRGGBB)")


@dataclass(frozen=True)
class Prop:
    value: Any
    where: tuple[str, int, int]


def properties(node: Node) -> dict[str, Prop]:
    """The custom properties of an element, typed as Tiled's `type` says (class properties are
    nested dicts of values)."""
    out: dict[str, Prop] = {}
    props = node.find("properties")
    if props is None:
        return out
    for p in props.findall("property"):
        name = p.get("name") or ""
        kind = p.get("type", "string")
        text = p.get("value")
        if text is None:
            text = p.text if kind != "class" else ""
        value: Any = text
        try:
            if kind == "int" or kind == "object":
                value = int(float(text or 0))
            elif kind == "float":
                value = float(text or 0)
            elif kind == "bool":
                value = (text or "").strip().lower() in ("true", "1")
            elif kind == "class":
                value = {k: v.value for k, v in properties(p).items()}
        except ValueError:
            raise TmxError(p.where, f"property '{name}' of type {kind} has the value '{text}'") from None
        out[name] = Prop(value, p.where)
    return out


# --- tilesets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """One frame of a tile animation: the global id of the tile shown and for how long (ms)."""

    gid: int
    ms: int


@dataclass(frozen=True)
class Tile:
    """Where a tile's pixels are: an image file and the rectangle in it (None: whole image),
    its size in px, the tileset's drawing offset, colour key and object alignment, and its
    animation (global ids)."""

    image: Path
    rect: tuple[int, int, int, int] | None
    size: tuple[int, int]
    offset: Point = (0.0, 0.0)
    trans: tuple[int, int, int] | None = None
    align: str = "unspecified"
    animation: tuple[Frame, ...] = ()
    properties: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


ALIGNMENTS = ("unspecified", "topleft", "top", "topright", "left", "center", "right",
              "bottomleft", "bottom", "bottomright")


def _trans(image: Node) -> tuple[int, int, int] | None:
    c = color(image.get("trans"), image.where)
    return None if c is None else (int(c[0]), int(c[1]), int(c[2]))


def _image_size(image: Node, path: Path) -> tuple[int, int]:
    """The image's size from its attributes, or from the file when Tiled left them out."""
    w, h = number(image, "width", 0.0), number(image, "height", 0.0)
    if w > MAX_PX or h > MAX_PX:
        raise TmxError(image.where, f"image of {w:g}x{h:g} px is too large (at most {MAX_PX} px a side)")
    if w > 0 and h > 0:
        return int(w), int(h)
    got = natural_size(path) if path.is_file() else None
    if got is None:
        if not path.is_file():
            raise TmxError(image.where, f"image not found: {image.get('source')}",
                           "image paths are relative to the file that names them")
        raise TmxError(image.where, f"cannot read the size of image {image.get('source')}",
                       "save the image as PNG, or give the <image> width and height")
    if got[0] > MAX_PX or got[1] > MAX_PX:
        raise TmxError(image.where, f"image {image.get('source')} is too large (at most {MAX_PX} px a side)")
    return round(got[0]), round(got[1])


def read_tileset(ts: Node, base: Path, firstgid: int,
                 allowed: Callable[[Path], bool] | None) -> dict[int, Tile]:
    """The tiles of one tileset element (its file already read if external), by global id."""
    tw, th = integer(ts, "tilewidth"), integer(ts, "tileheight")
    spacing, margin = integer(ts, "spacing"), integer(ts, "margin")
    off = ts.find("tileoffset")
    offset = (number(off, "x"), number(off, "y")) if off is not None else (0.0, 0.0)
    align = ts.get("objectalignment", "unspecified") or "unspecified"
    if align not in ALIGNMENTS:
        raise TmxError(ts.where, f"unknown objectalignment '{align}'")
    if ts.find("grid") is not None and ts.find("grid").get("orientation") == "isometric":  # type: ignore[union-attr]
        raise TmxError(ts.find("grid").where, "isometric tileset grids are not supported")  # type: ignore[union-attr]
    tiles: dict[int, Tile] = {}
    image = ts.find("image")
    if image is not None:
        source = image.get("source")
        if not source:
            raise TmxError(image.where, "tileset image has no source",
                           "embedded image data is not supported: save the image as a file")
        path = base / source
        if allowed is not None and not allowed(path):
            raise TmxError(image.where, f"image outside the game's folder: {source}",
                           "game files may only use images inside the game folder")
        iw, ih = _image_size(image, path)
        if tw <= 0 or th <= 0:
            raise TmxError(ts.where, f"tileset '{ts.get('name', '')}' has no tile size")
        if max(tw, th, iw, ih) > MAX_PX or spacing < 0 or margin < 0:
            raise TmxError(ts.where, f"tileset '{ts.get('name', '')}' has an impossible size "
                                     f"(tiles {tw}x{th}, image {iw}x{ih}, spacing {spacing}, margin {margin})")
        columns = integer(ts, "columns", 0) or max(0, (iw - 2 * margin + spacing) // (tw + spacing))
        rows = max(0, (ih - 2 * margin + spacing) // (th + spacing))
        count = integer(ts, "tilecount", 0) or columns * rows
        trans = _trans(image)
        if min(count, columns * rows) > MAX_TILESET:
            raise TmxError(ts.where, f"tileset '{ts.get('name', '')}' has more than {MAX_TILESET} tiles")
        for i in range(min(count, columns * rows)):
            x = margin + (i % columns) * (tw + spacing)
            y = margin + (i // columns) * (th + spacing)
            tiles[firstgid + i] = Tile(path, (x, y, tw, th), (tw, th), offset, trans, align)
    anims: dict[int, tuple[Frame, ...]] = {}
    props: dict[int, Mapping[str, Any]] = {}
    for t in ts.findall("tile"):
        local = integer(t, "id", -1)
        if local < 0:
            raise TmxError(t.where, "<tile> without an id")
        gid = firstgid + local
        p = properties(t)
        if p:
            props[gid] = MappingProxyType({k: v.value for k, v in p.items()})
        img = t.find("image")
        if img is not None and image is None:  # a tile of an image collection
            source = img.get("source")
            if not source:
                raise TmxError(img.where, "tile image has no source",
                               "embedded image data is not supported: save the image as a file")
            path = base / source
            if allowed is not None and not allowed(path):
                raise TmxError(img.where, f"image outside the game's folder: {source}",
                               "game files may only use images inside the game folder")
            iw, ih = _image_size(img, path)
            rect = None
            if t.get("width") or t.get("x"):  # Tiled 1.9: a sub-rectangle of the image
                rect = (integer(t, "x"), integer(t, "y"), integer(t, "width", iw), integer(t, "height", ih))
                iw, ih = rect[2], rect[3]
            tiles[gid] = Tile(path, rect, (iw, ih), offset, _trans(img), align)
        anim = t.find("animation")
        if anim is not None:
            frames = []
            for f in anim.findall("frame"):
                frames.append(Frame(firstgid + integer(f, "tileid"), max(1, integer(f, "duration", 100))))
            if frames:
                anims[gid] = tuple(frames)
    out: dict[int, Tile] = {}
    for gid, tile in tiles.items():
        extra: dict[str, Any] = {}
        if gid in anims:
            extra["animation"] = anims[gid]
        if gid in props:
            extra["properties"] = props[gid]
        out[gid] = _with(tile, extra)
    for gid, frames in anims.items():
        if gid not in out:
            raise TmxError(ts.where, f"animated tile {gid - firstgid} has no image")
        for f in frames:
            if f.gid not in out:
                raise TmxError(ts.where, f"animation of tile {gid - firstgid} shows tile "
                                         f"{f.gid - firstgid}, which the tileset does not have")
    return out


def _with(tile: Tile, extra: dict[str, Any]) -> Tile:
    if not extra:
        return tile
    from dataclasses import replace
    return replace(tile, **extra)


# --- tile layer data ------------------------------------------------------------------------


def layer_data(layer: Node, width: int, height: int) -> tuple[tuple[int, ...], ...]:
    """The rows of raw global ids (flip bits included) of a <layer>."""
    data = layer.find("data")
    if width * height > MAX_TILES:
        raise TmxError(layer.where, f"tile layer of {width}x{height} cells is too large (max {MAX_TILES})")
    if data is None:
        return tuple((0,) * width for _ in range(height))
    if data.find("chunk") is not None:
        raise TmxError(data.where, "tile data in chunks (an infinite map) is not supported",
                       "untick Map > Map Properties > Infinite in Tiled")
    encoding = data.get("encoding")
    compression = data.get("compression")
    if encoding is None:  # Tiled < 0.15 and the XML format: one <tile gid=".."/> per cell
        gids = [int(number(t, "gid")) & 0xFFFFFFFF for t in data.findall("tile")]
    elif encoding == "csv":
        try:
            gids = [int(v) & 0xFFFFFFFF for v in data.text.replace("\n", "").split(",") if v.strip()]
        except ValueError:
            raise TmxError(data.where, "tile data is not a comma-separated list of numbers") from None
    elif encoding == "base64":
        try:
            raw = base64.b64decode(data.text.strip(), validate=False)
            if compression == "zlib":
                raw = zlib.decompress(raw)
            elif compression == "gzip":
                raw = gzip.decompress(raw)
            elif compression == "zstd":
                raise TmxError(data.where, "tile data compressed with zstd cannot be read",
                               "in Tiled, set Map > Map Properties > Tile Layer Format to "
                               "Base64 (zlib) or CSV and save")
            elif compression:
                raise TmxError(data.where, f"unknown tile data compression '{compression}'")
        except (ValueError, zlib.error, OSError, EOFError):
            raise TmxError(data.where, "tile data cannot be decoded (corrupt base64 or compression)",
                           "save the map again in Tiled") from None
        if len(raw) % 4:
            raise TmxError(data.where, "tile data is not a whole number of 32-bit ids")
        gids = list(struct.unpack(f"<{len(raw) // 4}I", raw))
    else:
        raise TmxError(data.where, f"unknown tile data encoding '{encoding}'",
                       "Tiled writes csv or base64")
    if width < 0 or height < 0:
        raise TmxError(layer.where, f"tile layer has a negative size ({width}x{height})")
    if len(gids) != width * height:
        raise TmxError(data.where, f"tile layer has {len(gids)} cells, not {width}x{height}",
                       "save the map again in Tiled")
    return tuple(tuple(gids[r * width:(r + 1) * width]) for r in range(height))


# --- object templates -----------------------------------------------------------------------


def merge_template(obj: Node, template: Node, base: Path) -> tuple[Node, Node | None, Path]:
    """An object that uses a template, with the template's attributes, shape and properties
    filling what the instance leaves out; and the template's tileset element (or None) and the
    folder its `source` is relative to."""
    tobj = template.find("object")
    if tobj is None:
        raise TmxError(template.where, "object template has no <object>")
    attrs = dict(tobj.attrs)
    attrs.update(obj.attrs)
    attrs.pop("template", None)
    children = [c for c in obj.children]
    tags = {c.tag for c in children}
    for c in tobj.children:
        if c.tag == "properties" and "properties" in tags:
            mine = next(x for x in children if x.tag == "properties")
            names = {p.get("name") for p in mine.findall("property")}
            mine.children = [p for p in c.findall("property") if p.get("name") not in names] + mine.children
        elif c.tag not in tags:
            children.append(c)
    merged = Node(obj.tag, attrs, obj.file, obj.line, obj.col, children, obj.text)
    ts = template.find("tileset")
    if "gid" in obj.attrs:  # the instance's own tile is in the map's gid space
        ts = None
    return merged, ts, base
