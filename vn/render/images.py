"""Images loaded once per (file, size), at the size they are drawn.

SVG is rasterised by pygame's nanosvg at the exact pixel size (sharp at 720p and at 4K alike);
PNG and other bitmaps are loaded once and smooth-scaled. A missing or broken file never stops
the game: it becomes a loud magenta/black checker with the file's name on it — visible, so it
gets fixed — and one logged warning.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

import pygame

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

    Keeps at most `max_items` surfaces (least recently used go first); the natural sizes of
    files are remembered separately. `warnings` lists each file that failed, once."""

    def __init__(self, max_items: int = 256) -> None:
        self.max_items = max_items
        self._items: OrderedDict[tuple[str, Size | None], pygame.Surface] = OrderedDict()
        self._sources: dict[str, pygame.Surface | None] = {}  # decoded bitmaps at natural size
        self._sizes: dict[str, tuple[float, float] | None] = {}
        self.warnings: list[str] = []
        self._warned: set[str] = set()

    def natural_size(self, path: Path) -> tuple[float, float] | None:
        key = str(path)
        if key not in self._sizes:
            self._sizes[key] = natural_size(path)
        return self._sizes[key]

    def get(self, path: Path, size: Size | None = None) -> pygame.Surface:
        key = (str(path), None if size is None else (max(1, int(size[0])), max(1, int(size[1]))))
        surf = self._items.get(key)
        if surf is not None:
            self._items.move_to_end(key)
            return surf
        surf = self._load(Path(path), key[1])
        self._items[key] = surf
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)
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
                surf = pygame.image.load_sized_svg(str(path), size)
            else:
                src = self._bitmap(path)
                surf = src if src.get_size() == size else pygame.transform.smoothscale(src, size)
        except (pygame.error, OSError, ValueError, MemoryError) as exc:
            self._warn(path, f"cannot load image ({exc})" if path.exists() else "image not found")
            return placeholder(size, path.name)
        if surf.get_width() <= 1 and surf.get_height() <= 1 and size != (1, 1):
            self._warn(path, "image is empty")
            return placeholder(size, path.name)
        surf = self._exact(surf, size)
        if _has_display():
            return surf.convert_alpha()
        return _with_alpha(surf)

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


_STANDARD: tuple[int, ...] | None = None


def _with_alpha(surf: pygame.Surface) -> pygame.Surface:
    """`surf` in pygame's usual per-pixel-alpha format (what `Surface(size, SRCALPHA)` makes).
    nanosvg hands back RGBA byte order; blits between different formats take SDL's slow
    generic path (~25x slower), so everything cached is converted once. Without a display to
    convert to, a max-blend onto transparent black copies the pixels exactly."""
    global _STANDARD
    if _STANDARD is None:
        _STANDARD = tuple(pygame.Surface((1, 1), pygame.SRCALPHA).get_masks())
    if surf.get_flags() & pygame.SRCALPHA and tuple(surf.get_masks()) == _STANDARD:
        return surf
    out = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    out.fill((0, 0, 0, 0))
    if surf.get_flags() & pygame.SRCALPHA:
        out.blit(surf, (0, 0), special_flags=pygame.BLEND_RGBA_MAX)
    else:
        out.blit(surf, (0, 0))
    return out


def reset_alpha(surface: pygame.Surface) -> None:
    """Undo a `set_alpha(a)` made for one blit.

    `set_alpha(None)` is right for an opaque surface (blits stay fast copies) but on a surface
    with per-pixel alpha it turns blending off altogether, so later blits paint its transparent
    pixels as solid colour; such a surface goes back to 255.
    """
    # get_flags() & SRCALPHA is also set by set_alpha() on an opaque surface: ask the pixel
    # format instead (per-pixel alpha has an alpha mask)
    surface.set_alpha(255 if surface.get_masks()[3] else None)
