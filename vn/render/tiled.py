"""One layer of a Tiled map drawn the way Tiled draws it, unlit, at an output scale.

The rules (where tiles stand, how tile objects rotate, what groups add) are described in
`vn.stage.layout`; Tiled's `tmxrasterizer` is the reference the tests compare with.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from pathlib import Path

import pygame

from vn.render.images import ImageCache
from vn.stage.layout import Layer, Layout, TileObject, flips
from vn.stage.tmx import Tile

Size = tuple[int, int]
MAX_OBJECT_AREA = 64_000_000  # output px of one tile object

# where the rotation point of a tile object is, as a fraction of its image (Tiled's alignments)
_ORIGIN = {"unspecified": (0.0, 1.0), "bottomleft": (0.0, 1.0), "bottom": (0.5, 1.0),
           "bottomright": (1.0, 1.0), "left": (0.0, 0.5), "center": (0.5, 0.5), "right": (1.0, 0.5),
           "topleft": (0.0, 0.0), "top": (0.5, 0.0), "topright": (1.0, 0.0)}

_KEYED: OrderedDict[tuple[str, tuple[int, int, int], Size | None], pygame.Surface] = OrderedDict()


def image(images: ImageCache, path: Path, trans: tuple[int, int, int] | None,
          size: Size | None = None) -> pygame.Surface:
    """An image at `size` with its colour key (`trans`) made transparent. The key is applied at
    the file's own size (exact colours), then scaled."""
    if trans is None:
        return images.get(path, size)
    key = (str(path), trans, size)
    surf = _KEYED.get(key)
    if surf is None:
        src = images.get(path)
        if images.is_placeholder(path):
            return images.get(path, size)
        opaque = pygame.Surface(src.get_size())
        opaque.blit(src, (0, 0))
        opaque.set_colorkey(trans)
        keyed = pygame.Surface(src.get_size(), pygame.SRCALPHA)
        keyed.fill((0, 0, 0, 0))
        keyed.blit(opaque, (0, 0))
        # the source's own alpha still counts
        keyed.blit(src, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        surf = keyed if size is None or size == keyed.get_size() else pygame.transform.smoothscale(keyed, size)
        _KEYED[key] = surf
        while len(_KEYED) > 64:
            _KEYED.popitem(last=False)
    return surf


def tile_surface(images: ImageCache, tile: Tile, gid: int, size: Size | None = None) -> pygame.Surface | None:
    """The pixels of a tile, flipped as the raw `gid`'s bits say, scaled to `size`."""
    sheet = image(images, tile.image, tile.trans)
    if tile.rect is not None:
        rect = pygame.Rect(tile.rect)
        if not sheet.get_rect().contains(rect):
            if images.is_placeholder(tile.image):
                return pygame.transform.scale(sheet, tile.size)
            return None
        img = sheet.subsurface(rect)
    else:
        img = sheet
        if img.get_size() != tile.size:
            img = pygame.transform.smoothscale(img, tile.size)
    fx, fy, fd = flips(gid)
    if fd:  # Tiled: the diagonal flip (a transpose) first, then horizontal, then vertical
        img = pygame.transform.flip(pygame.transform.rotate(img, -90), True, False)
    if fx or fy:
        img = pygame.transform.flip(img, fx, fy)
    if size is not None and img.get_size() != size:
        img = pygame.transform.smoothscale(img, (max(1, size[0]), max(1, size[1])))
    return img


def draw_layer(layer: Layer, layout: Layout, images: ImageCache, k: tuple[float, float],
               t: float = 0.0) -> tuple[pygame.Surface, tuple[int, int]] | None:
    """The layer as a per-pixel-alpha surface at output scale `k` (output px per map px) and
    where it goes (its offset included); tiles show their animation frame at stage time `t`.
    None when there is nothing to draw."""
    kx, ky = k
    out_size = (max(1, round(layout.size[0] * kx)), max(1, round(layout.size[1] * ky)))
    pos = (round(layer.offset[0] * kx), round(layer.offset[1] * ky))
    if layer.kind == "image" and layer.image is not None:
        natural = images.natural_size(layer.image) or layout.size
        size = (max(1, round(natural[0] * kx)), max(1, round(natural[1] * ky)))
        surf = image(images, layer.image, layer.trans, size)
        if layer.repeat[0] or layer.repeat[1]:
            surf, pos = _repeated(surf, pos, out_size, layer.repeat)
    elif layer.kind == "tiles" and layer.tiles:
        surf = _tiles(layer, layout, images, out_size, t)
    elif layer.kind == "objects" and layer.objects:
        surf = pygame.Surface(out_size, pygame.SRCALPHA)
        surf.fill((0, 0, 0, 0))
        for obj in layer.objects:
            if obj.visible:
                _object(surf, obj, layout, images, k, t)
    else:
        return None
    if layer.tint is not None or layer.opacity < 1.0:
        surf = surf.copy()
        r, g, b, a = layer.tint or (255.0, 255.0, 255.0, 255.0)
        surf.fill((round(r), round(g), round(b), round(a * layer.opacity)), special_flags=pygame.BLEND_RGBA_MULT)
    return surf, pos


def _repeated(surf: pygame.Surface, pos: tuple[int, int], area: Size,
              repeat: tuple[bool, bool]) -> tuple[pygame.Surface, tuple[int, int]]:
    """An image layer repeated along x and/or y over the map's area."""
    w, h = surf.get_size()
    x0 = pos[0] - math.ceil(pos[0] / w) * w if repeat[0] else pos[0]
    y0 = pos[1] - math.ceil(pos[1] / h) * h if repeat[1] else pos[1]
    out = pygame.Surface(area, pygame.SRCALPHA)
    out.fill((0, 0, 0, 0))
    ys = range(y0, area[1], h) if repeat[1] else [y0]
    xs = range(x0, area[0], w) if repeat[0] else [x0]
    for y in ys:
        for x in xs:
            out.blit(surf, (x, y))
    return out, (0, 0)


def _tiles(layer: Layer, layout: Layout, images: ImageCache, out_size: Size, t: float) -> pygame.Surface:
    """Tiles drawn at the map's own size, then scaled once to the output (no seams)."""
    tw, th = layout.tile_size
    canvas = pygame.Surface(layout.size, pygame.SRCALPHA)
    canvas.fill((0, 0, 0, 0))
    cache: dict[int, pygame.Surface | None] = {}
    for row_i, row in enumerate(layer.tiles or ()):
        for col_i, raw in enumerate(row):
            if not raw:
                continue
            gid = layout.frame_gid(raw, t)
            if gid not in cache:
                tile = layout.tile(gid)
                cache[gid] = tile_surface(images, tile, gid) if tile is not None else None
            img = cache[gid]
            if img is None:
                continue
            tile = layout.tile(gid)
            ox, oy = tile.offset if tile is not None else (0.0, 0.0)
            # Tiled stands tiles taller than the grid on the cell's bottom-left corner
            canvas.blit(img, (col_i * tw + round(ox), (row_i + 1) * th - img.get_height() + round(oy)))
    if out_size == layout.size:
        return canvas
    return pygame.transform.smoothscale(canvas, out_size)


def _object(dest: pygame.Surface, obj: TileObject, layout: Layout, images: ImageCache,
            k: tuple[float, float], t: float) -> None:
    """A tile object: its image stretched to its size, flipped in place, rotated clockwise
    about its alignment point (bottom-left unless the tileset says otherwise)."""
    gid = layout.frame_gid(obj.gid, t)
    tile = layout.tile(gid)
    if tile is None or obj.width <= 0 or obj.height <= 0:
        return
    w, h = obj.width * k[0], obj.height * k[1]
    if w * h > MAX_OBJECT_AREA:  # larger than any picture it could be part of
        return
    img = tile_surface(images, tile, gid, (max(1, round(w)), max(1, round(h))))
    if img is None:
        return
    ax, ay = _ORIGIN.get(tile.align, (0.0, 1.0))
    # the image's centre from the rotation point, before rotating (the tileset offset moves it)
    cx = (0.5 - ax) * w + tile.offset[0] * k[0]
    cy = (0.5 - ay) * h + tile.offset[1] * k[1]
    if obj.rotation:
        a = math.radians(obj.rotation)
        cx, cy = cx * math.cos(a) - cy * math.sin(a), cx * math.sin(a) + cy * math.cos(a)
        img = pygame.transform.rotozoom(img, -obj.rotation, 1.0) if img.get_width() * img.get_height() > 4 \
            else pygame.transform.rotate(img, -obj.rotation)
    px, py = obj.x * k[0] + cx, obj.y * k[1] + cy
    dest.blit(img, (round(px - img.get_width() / 2), round(py - img.get_height() / 2)))
