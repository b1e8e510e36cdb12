"""Images loaded once per (file, size), at the size they are drawn.

SVG is rasterised by pygame's nanosvg at the exact pixel size (sharp at 720p and at 4K alike);
PNG and other bitmaps are loaded once and smooth-scaled. A missing or broken file never stops
the game: it becomes a loud magenta/black checker with the file's name on it — visible, so it
gets fixed — and one logged warning.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame

from vn.render.rastercache import RasterCache
from vn.render.resize import give_way
from vn.script.limits import MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE
from vn.stage.filekind import problem
from vn.stage.imagesize import natural_size

log = logging.getLogger(__name__)

Size = tuple[int, int]


def _has_display() -> bool:
    try:
        return pygame.display.get_init() and pygame.display.get_surface() is not None
    except pygame.error:  # pragma: no cover
        return False


def placeholder(size: Size, label: str) -> pygame.Surface:
    """A magenta/black checker with `label` written on it."""
    w, h = max(1, size[0]), max(1, size[1])
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    cell = max(4, min(w, h) // 8)
    for y in range(0, h, cell):
        for x in range(0, w, cell):
            on = ((x // cell) + (y // cell)) % 2 == 0
            surf.fill((255, 0, 255, 255) if on else (0, 0, 0, 255), (x, y, cell, cell))
    try:
        if not pygame.font.get_init():
            pygame.font.init()
        font = pygame.font.Font(None, max(12, min(w // max(1, len(label)) * 2, h // 6, 64)))
        text = font.render(label, True, (255, 255, 255), (0, 0, 0))
        surf.blit(text, text.get_rect(center=(w // 2, h // 2)))
    except pygame.error:  # pragma: no cover - no font module
        pass
    return surf


class ImageCache:
    """`get(path, size)` -> a per-pixel-alpha Surface of exactly `size` (natural size if None).

    Keeps at most `max_items` surfaces and `max_bytes` of pixels (least recently used go first;
    an image at a given size larger than that is not kept at all: a stage's images are only read
    to build its lit planes, and a 1080p one is 8 MB; SVG rasters come back from the disk cache
    quickly); the natural sizes of files are remembered separately. `warnings` lists each file that failed, once.
    `generation` counts the times a cached image was replaced by a better one (drawings made
    from the old one, like the compositor's plate, are stale when it moves)."""

    def __init__(self, max_items: int = 256, max_bytes: int = 4 << 20, rasters: RasterCache | None = None) -> None:
        self.max_items = max_items
        self.rasters = rasters  # SVG rasters kept on disk between runs (None: none kept)
        self.max_bytes = max_bytes
        self._bytes = 0
        self._items: OrderedDict[tuple[str, Size | None], pygame.Surface] = OrderedDict()
        self._sources: dict[str, pygame.Surface | None] = {}  # decoded bitmaps at natural size
        self._sizes: dict[str, tuple[float, float] | None] = {}
        self.warnings: list[str] = []
        self._warned: set[str] = set()
        self.generation = 0
        self._lock = threading.Lock()  # stages and sprites are also rasterised in the background

    def natural_size(self, path: Path) -> tuple[float, float] | None:
        key = str(path)
        if key not in self._sizes:
            self._sizes[key] = natural_size(path)
        return self._sizes[key]

    def get(self, path: Path, size: Size | None = None, keep: bool = True) -> pygame.Surface:
        """The image; `keep=False` when the caller keeps its own derived copy (it is still
        served from the cache when there, but not added to it)."""
        key = (str(path), None if size is None else (max(1, int(size[0])), max(1, int(size[1]))))
        with self._lock:
            surf = self._items.get(key)
            if surf is not None:
                self._items.move_to_end(key)
                return surf
        surf = self._load(Path(path), key[1])
        if not keep:
            return surf
        with self._lock:
            if key not in self._items:
                self._bytes += _nbytes(surf)
            self._items[key] = surf
            # (an image at its natural size — a tile sheet, read once per tile — stays even so)
            while self._items and (len(self._items) > self.max_items or self._bytes > self.max_bytes) \
                    and not (len(self._items) == 1 and key[1] is None):
                _, old = self._items.popitem(last=False)
                self._bytes -= _nbytes(old)
        return surf

    def is_placeholder(self, path: Path) -> bool:
        return str(path) in self._warned

    def _warn(self, path: Path, why: str) -> None:
        if str(path) not in self._warned:
            self._warned.add(str(path))
            message = f"{path}: {why}; drawing a placeholder"
            self.warnings.append(message)
            log.warning(message)

    def _load(self, path: Path, size: Size | None) -> pygame.Surface:
        natural = self.natural_size(path)
        if size is None:
            size = (round(natural[0]), round(natural[1])) if natural else (256, 256)
        size = (max(1, min(int(size[0]), MAX_IMAGE_SIDE)), max(1, min(int(size[1]), MAX_IMAGE_SIDE)))
        found = problem(path) if path.exists() else None
        if found is not None and found[2]:  # an LFS pointer, an empty or truncated file, too large…
            self._warn(path, found[0])
            return placeholder(size, path.name)
        if size[0] * size[1] > MAX_IMAGE_PIXELS:
            self._warn(path, f"drawn at {size[0]}x{size[1]} pixels, too large")
            return placeholder((min(size[0], 512), min(size[1], 512)), path.name)
        try:
            if path.suffix.lower() == ".svg":
                return self._svg(path, size)
            else:
                src = self._bitmap(path)
                surf = src if src.get_size() == size else pygame.transform.smoothscale(src, size)
        except (pygame.error, OSError, ValueError, MemoryError) as exc:
            self._warn(path, f"cannot load image ({exc})" if path.exists() else "image not found")
            return placeholder(size, path.name)
        if surf.get_width() <= 1 and surf.get_height() <= 1 and size != (1, 1):
            self._warn(path, "image is empty")
            return placeholder(size, path.name)
        return _for_display(self._exact(surf, size))

    def _svg(self, path: Path, size: Size) -> pygame.Surface:
        """An SVG at `size`: from the disk cache when it has it, else rasterised (and kept)."""
        source = path.read_bytes()
        surf = self.rasters.get(source, size) if self.rasters is not None else None
        if surf is None:
            surf = pygame.image.load_sized_svg(str(path), size)
            if surf.get_width() <= 1 and surf.get_height() <= 1 and size != (1, 1):
                self._warn(path, "image is empty")
                return placeholder(size, path.name)
            surf = self._exact(surf, size)
            if self.rasters is not None:
                self.rasters.put(source, size, surf)
        return _for_display(surf)

    def _bitmap(self, path: Path) -> pygame.Surface:
        key = str(path)
        if key not in self._sources:
            src = pygame.image.load(key)
            if not (src.get_flags() & pygame.SRCALPHA and src.get_bitsize() == 32):
                src = _with_alpha(src)
            self._sources[key] = src
        src = self._sources[key]
        assert src is not None
        return src

    @staticmethod
    def _exact(surf: pygame.Surface, size: Size) -> pygame.Surface:
        """nanosvg keeps the aspect ratio and may come out a pixel wider: crop or stretch to
        exactly `size` so layers that share a canvas stack exactly."""
        w, h = surf.get_size()
        if (w, h) == size:
            return surf
        if w >= size[0] and h >= size[1] and w - size[0] <= 2 and h - size[1] <= 2:
            return surf.subsurface((0, 0, *size)).copy()
        return pygame.transform.smoothscale(surf, size)


def _nbytes(surf: pygame.Surface) -> int:
    return surf.get_pitch() * surf.get_height()


_STANDARD: pygame.Surface | None = None


def _with_alpha(surf: pygame.Surface) -> pygame.Surface:
    """`surf` in pygame's usual per-pixel-alpha format (what `Surface(size, SRCALPHA)` makes).
    nanosvg hands back RGBA byte order; blits between different formats take SDL's slow
    generic path (~25x slower), so everything cached is converted once (`convert` to that
    format copies the pixels exactly, ~10x faster than blitting them over)."""
    global _STANDARD
    if _STANDARD is None:
        _STANDARD = pygame.Surface((1, 1), pygame.SRCALPHA)
    if surf.get_flags() & pygame.SRCALPHA and surf.get_masks() == _STANDARD.get_masks():
        return surf
    if not surf.get_flags() & pygame.SRCALPHA:
        out = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
        out.blit(surf, (0, 0))
        return out
    return surf.convert(_STANDARD)


# --- big surfaces a band of rows at a time ----------------------------------------------------
#
# A pygame call holds the GIL for as long as it runs. The stage and sprites for a new picture
# size are built in a background thread (vn.render.resize) while the frame thread keeps
# drawing, so a single call over a whole 4K surface (get_bounding_rect: ~0.15 s there, copy and
# premul_alpha: ~0.04 s) stalls the window for that long. These do the same work a band of
# rows at a time; between bands the frame thread gets the GIL back (and a background build
# waits while a frame is drawn: vn.render.resize.give_way).

BAND_PX = 1 << 19  # pixels per band (2 MB at 4 bytes a pixel)


def _bands(surf: pygame.Surface) -> Iterator[pygame.Rect]:
    w, h = surf.get_size()
    rows = max(1, BAND_PX // max(1, w))
    for y in range(0, h, rows):
        give_way()  # to a frame being drawn, when this runs in a background build
        yield pygame.Rect(0, y, w, min(rows, h - y))


def content_rect(surf: pygame.Surface) -> pygame.Rect:
    """`surf.get_bounding_rect()`: the smallest rect holding every pixel with alpha > 0
    (Rect(0, 0, 0, 0) when there is none; the whole surface when it has no per-pixel alpha).

    pygame's `get_bounding_rect` reads each pixel through SDL's colour unpacking while it holds
    the GIL (~60 ms of one core for a 4K surface, ~1.4 s in all for a stage's build at 4K, the
    window's frames waiting behind it: vn.render.resize). Instead the alpha channel is read
    once into a bit mask — `pygame.mask.from_surface` with threshold 0 sets exactly the pixels
    with alpha > 0, and releases the GIL while it runs (~5 ms at 4K) — and the mask's edges are
    found by bisection, counting the set bits on either side of a row or column with
    `Mask.overlap_area` against a full mask: ~50 calls of at most ~0.15 ms each at 4K."""
    if not surf.get_flags() & pygame.SRCALPHA or surf.get_colorkey() is not None or surf.get_bytesize() != 4:
        return _bounding_rect_in_bands(surf)  # (no per-pixel alpha, or a colour key: pygame's own rule)
    w, h = surf.get_size()
    if not w or not h:
        return pygame.Rect(0, 0, 0, 0)
    give_way()  # to a frame being drawn, when this runs in a background build
    inked = pygame.mask.from_surface(surf, 0)
    if not inked.count():
        return pygame.Rect(0, 0, 0, 0)
    full = pygame.mask.Mask((w, h), fill=True)

    def set_in(x: int, y: int) -> bool:
        """Whether any bit of `inked` is set where the full mask lies with its top-left at (x, y)."""
        return inked.overlap_area(full, (x, y)) > 0

    top = _first(h, lambda i: set_in(0, i + 1 - h))  # the first row with a set bit at or above it
    bottom = _first(h, lambda i: not set_in(0, i + 1))  # the first row with none below it
    left = _first(w, lambda i: set_in(i + 1 - w, 0))
    right = _first(w, lambda i: not set_in(i + 1, 0))
    return pygame.Rect(left, top, right - left + 1, bottom - top + 1)


def _first(n: int, holds: Callable[[int], bool]) -> int:
    """The least i in [0, n) for which `holds(i)` (false, then true from there on; true at n - 1)."""
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if holds(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _bounding_rect_in_bands(surf: pygame.Surface) -> pygame.Rect:
    """`surf.get_bounding_rect()`, a band of rows at a time."""
    found: pygame.Rect | None = None
    for band in _bands(surf):
        r = surf.subsurface(band).get_bounding_rect()
        if r.w and r.h:
            r.y += band.y
            found = r if found is None else found.union(r)
    return found or pygame.Rect(0, 0, 0, 0)


def copy(surf: pygame.Surface, area: pygame.Rect | None = None) -> pygame.Surface:
    """`surf.copy()` — or, given `area` (inside `surf`), `surf.subsurface(area).copy()`: the same
    pixels in the same format (colour key and surface alpha not carried over: the stage and
    sprite builds use neither)."""
    if area is not None:
        surf = surf.subsurface(area)
    out = pygame.Surface(surf.get_size(), surf.get_flags() & pygame.SRCALPHA, surf)  # starts all zero
    flags = pygame.BLEND_RGBA_MAX if surf.get_masks()[3] else 0  # max onto zero copies exactly
    for band in _bands(surf):
        out.blit(surf.subsurface(band), band, special_flags=flags)
    return out


def premultiplied(surf: pygame.Surface) -> pygame.Surface:
    """`surf.premul_alpha()`: a copy with each pixel's colour multiplied by its alpha."""
    out = copy(surf)
    for band in _bands(out):
        out.subsurface(band).premul_alpha_ip()
    return out


def _for_display(surf: pygame.Surface) -> pygame.Surface:
    """`surf` in the format the window blits fastest: pygame's usual per-pixel-alpha layout,
    which is also what `convert_alpha()` gives on a 32-bit RGB display (then no second copy)."""
    surf = _with_alpha(surf)
    if _has_display():
        shown = pygame.display.get_surface()
        if shown.get_bitsize() != 32 or shown.get_masks()[:3] != surf.get_masks()[:3]:
            return surf.convert_alpha()
    return surf


def reset_alpha(surface: pygame.Surface) -> None:
    """Undo a `set_alpha(a)` made for one blit.

    `set_alpha(None)` is right for an opaque surface (blits stay fast copies) but on a surface
    with per-pixel alpha it turns blending off altogether, so later blits paint its transparent
    pixels as solid colour; such a surface goes back to 255.
    """
    # get_flags() & SRCALPHA is also set by set_alpha() on an opaque surface: ask the pixel
    # format instead (per-pixel alpha has an alpha mask)
    surface.set_alpha(255 if surface.get_masks()[3] else None)
