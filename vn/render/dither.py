"""Ordered dithering under the light's multiply, so dark gradients do not break into stripes.

Lighting multiplies each painted layer by a colour in 8 bits: a gradient of a coat from 40 to
60 under an ambient of 28 % keeps 6 levels of blue, which at 4K are stripes 200 px wide. Adding
an 8x8 Bayer threshold to the paint *before* the multiply makes each pixel round up or down in
the Bayer pattern in proportion to what the 8 bits lose: the steps become a fine even texture
the eye averages. The threshold is added once, to the art (a sprite layer when it is
rasterised, a stage's ambient map when it is built), never per frame, so it costs nothing while
the light moves: `LEVELS` source levels of threshold are a whole output level of dither under
an ambient of 256/LEVELS (64) and a fraction of one under a brighter one, where 8 bits hardly
band (at full light the pattern is at most LEVELS levels, invisible on art at 4K).
"""

from __future__ import annotations

import pygame

BAYER8 = (
    (0, 32, 8, 40, 2, 34, 10, 42),
    (48, 16, 56, 24, 50, 18, 58, 26),
    (12, 44, 4, 36, 14, 46, 6, 38),
    (60, 28, 52, 20, 62, 30, 54, 22),
    (3, 35, 11, 43, 1, 33, 9, 41),
    (51, 19, 59, 27, 49, 17, 57, 25),
    (15, 47, 7, 39, 13, 45, 5, 37),
    (63, 31, 55, 23, 61, 29, 53, 21),
)
CLEAR = 64  # the index of "no threshold here" (transparent pixels of a sprite)
LEVELS = 5  # source levels the static threshold spans (see the module docstring)
_INDEX_PALETTE = [(i, i, i) for i in range(64)] + [(255, 0, 255)] + [(0, 0, 0)] * 191

_tiled: pygame.Surface | None = None


def _tile(size: tuple[int, int]) -> pygame.Surface:
    """The Bayer indices tiled over at least `size` (kept; grown by doubling)."""
    global _tiled
    if _tiled is not None and _tiled.get_width() >= size[0] and _tiled.get_height() >= size[1]:
        return _tiled
    t = pygame.Surface((8, 8), 0, 8)
    t.set_palette(_INDEX_PALETTE)
    for y, row in enumerate(BAYER8):
        for x, v in enumerate(row):
            t.set_at((x, y), v)
    w, h = 8, 8
    want = (max(size[0], _tiled.get_width() if _tiled else 0), max(size[1], _tiled.get_height() if _tiled else 0))
    while w < want[0] or h < want[1]:
        nw, nh = (w * 2 if w < want[0] else w), (h * 2 if h < want[1] else h)
        big = pygame.Surface((nw, nh), 0, 8)
        big.set_palette(_INDEX_PALETTE)
        for ox in range(0, nw, w):
            for oy in range(0, nh, h):
                big.blit(t, (ox, oy))
        t, w, h = big, nw, nh
    _tiled = t
    return t


def _palette(tint: tuple[int, int, int]) -> list[tuple[int, int, int]]:
    def n(b: float, t: int) -> int:
        return 0 if t <= 0 or t >= 255 else min(255, int(b * 256 / t))

    return [(n((i + 0.5) / 64, tint[0]), n((i + 0.5) / 64, tint[1]), n((i + 0.5) / 64, tint[2]))
            for i in range(64)] + [(0, 0, 0)] * 192


def needed(tint: tuple[int, int, int]) -> bool:
    """Whether a multiply by `tint` loses anything a threshold would keep."""
    return any(0 < t < 255 for t in tint)


_scratch: pygame.Surface | None = None


def _add(surf: pygame.Surface, indices: pygame.Surface, area: pygame.Rect, at: tuple[int, int]) -> None:
    """Add the (palette-coloured) `indices` over `area` to `surf` at `at`: through an opaque
    32-bit scratch, since an 8-bit source blitted with BLEND_RGB_ADD takes SDL's slow path."""
    global _scratch
    if _scratch is None or _scratch.get_width() < area.w or _scratch.get_height() < area.h:
        _scratch = pygame.Surface((max(area.w, _scratch.get_width() if _scratch else 0),
                                   max(area.h, _scratch.get_height() if _scratch else 0)))
    _scratch.blit(indices, (0, 0), area)
    surf.blit(_scratch, at, pygame.Rect(0, 0, area.w, area.h), special_flags=pygame.BLEND_RGB_ADD)


def add_threshold(surf: pygame.Surface, tint: tuple[int, int, int], area: pygame.Rect | None = None) -> None:
    """Add the Bayer threshold for a multiply by `tint` to the opaque `surf` (over `area`), in
    place: call right before `surf.fill(tint, special_flags=pygame.BLEND_RGB_MULT)`."""
    if not needed(tint):
        return
    rect = surf.get_rect() if area is None else area.clip(surf.get_rect())
    tiled = _tile(rect.size)
    tiled.set_palette(_palette(tint))
    try:
        _add(surf, tiled, pygame.Rect(0, 0, rect.w, rect.h), rect.topleft)
    finally:
        tiled.set_palette(_INDEX_PALETTE)


def threshold_map(piece: pygame.Surface) -> pygame.Surface:
    """The Bayer indices over a premultiplied picture, CLEAR where it is transparent (adding a
    threshold there would light a box around a figure). Build once per picture."""
    out = pygame.Surface(piece.get_size(), 0, 8)
    out.set_palette(_INDEX_PALETTE)
    out.blit(_tile(piece.get_size()), (0, 0), pygame.Rect((0, 0), piece.get_size()))
    clear = pygame.mask.from_surface(piece, 0)
    clear.invert()
    clear.to_surface(out, setcolor=(255, 0, 255), unsetcolor=None)
    return out


def add_threshold_masked(surf: pygame.Surface, indices: pygame.Surface, tint: tuple[int, int, int]) -> None:
    """`add_threshold` for a premultiplied picture, through its `threshold_map`."""
    if not needed(tint):
        return
    indices.set_palette(_palette(tint))
    try:
        _add(surf, indices, indices.get_rect(), (0, 0))
    finally:
        indices.set_palette(_INDEX_PALETTE)


def _static_palette() -> list[tuple[int, int, int]]:
    return [(v, v, v) for v in (int((i + 0.5) / 64 * LEVELS) for i in range(64))] + [(0, 0, 0)] * 192


_STATIC: pygame.Surface | None = None
TILE = 256


def _static_tile() -> pygame.Surface:
    """The static threshold, 32-bit, TILE px square (built once)."""
    global _STATIC
    if _STATIC is None:
        small = pygame.Surface((TILE, TILE), 0, 8)
        small.set_palette(_INDEX_PALETTE)
        small.blit(_tile((TILE, TILE)), (0, 0), pygame.Rect(0, 0, TILE, TILE))
        small.set_palette(_static_palette())
        _STATIC = pygame.Surface((TILE, TILE))
        _STATIC.blit(small, (0, 0))
    return _STATIC


def _tiled_blit(dest: pygame.Surface, flags: int) -> None:
    tile = _static_tile()
    w, h = dest.get_size()
    for y in range(0, h, TILE):
        for x in range(0, w, TILE):
            dest.blit(tile, (x, y), special_flags=flags)


def add_static(surf: pygame.Surface) -> None:
    """Add the art's static threshold (0..LEVELS-1 levels) to the opaque `surf`, in place."""
    _tiled_blit(surf, pygame.BLEND_RGB_ADD)


def add_static_premultiplied(piece: pygame.Surface) -> pygame.Surface:
    """A premultiplied picture with the static threshold added where it has paint, in
    proportion to its coverage (so no light is added where it is transparent): a new surface."""
    size = piece.get_size()
    cover = piece.copy()  # white with the picture's alpha, laid on black: its coverage as grey
    cover.fill((255, 255, 255, 0), special_flags=pygame.BLEND_RGBA_MAX)
    threshold = pygame.Surface(size)
    threshold.fill((0, 0, 0))
    threshold.blit(cover, (0, 0))
    _tiled_blit(threshold, pygame.BLEND_RGB_MULT)  # coverage x threshold (levels 0..LEVELS-1)
    piece.blit(threshold, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    return piece
