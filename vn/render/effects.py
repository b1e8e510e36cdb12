"""Screen effects over the whole picture: vignette, flash, a veil of colour (fades).

Each keeps one prepared surface per output size, so an effect costs one blit a frame.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pygame

from vn.render.images import reset_alpha
from vn.render.lighting import q
from vn.stage.color import RGB

Size = tuple[int, int]


@lru_cache(maxsize=1)
def _vignette_small() -> pygame.Surface:
    """The vignette's mask at 192x108, smooth-scaled to the picture's size when used."""
    sw, sh = 192, 108
    small = pygame.Surface((sw, sh), pygame.SRCALPHA)
    with pygame.PixelArray(small) as px:
        for y in range(sh):
            for x in range(sw):
                dx = (x + 0.5) / sw * 2 - 1
                dy = (y + 0.5) / sh * 2 - 1
                d = math.sqrt(dx * dx + dy * dy) / math.sqrt(2)
                t = max(0.0, min(1.0, (d - 0.35) / 0.65))
                a = t * t * (3 - 2 * t)
                px[x, y] = (0, 0, 0, round(255 * a))
    return small


class Effects:
    def __init__(self) -> None:
        self._vignette: tuple[Size, pygame.Surface] | None = None

    def vignette_mask(self, size: Size) -> pygame.Surface:
        """Black with alpha rising toward the edges (an ellipse fitted to the picture)."""
        if self._vignette is None or self._vignette[0] != size:
            self._vignette = (size, pygame.transform.smoothscale(_vignette_small(), size))
        return self._vignette[1]

    def vignette(self, dest: pygame.Surface, strength: float, color: RGB) -> None:
        if strength <= 0.0:
            self._vignette = None  # a full-picture mask (8 MB at 1080p): made again when needed
            return
        mask = self.vignette_mask(dest.get_size())
        if q(color) != (0, 0, 0):
            mask = mask.copy()
            mask.fill((*q(color), 0), special_flags=pygame.BLEND_RGBA_MAX)
        # (set_alpha(None) would switch the mask's own alpha off: a full vignette went all black)
        mask.set_alpha(max(0, min(255, round(255 * strength))))
        dest.blit(mask, (0, 0))
        reset_alpha(mask)

    def veil(self, dest: pygame.Surface, color: RGB, alpha: float) -> None:
        """`color` over everything at `alpha` (flashes, fades through a colour): each channel
        becomes d * (1 - a) + c * a, within 1.5/255 (an alpha blit of a sheet of colour is as
        close). Two fills and no full-picture surface: faster than that blit, and 8 MB less at
        1080p."""
        a = max(0, min(255, round(255 * alpha)))
        if a <= 0:
            return
        c = q(color)
        if a >= 255:
            dest.fill(c)
            return
        keep = 255 - a  # BLEND_RGB_MULT: (d * keep + 255) >> 8
        dest.fill((keep, keep, keep), special_flags=pygame.BLEND_RGB_MULT)
        dest.fill(tuple(round(v * a / 255) for v in c), special_flags=pygame.BLEND_RGB_ADD)
