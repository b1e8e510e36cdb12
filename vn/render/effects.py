"""Screen effects over the whole picture: vignette, flash, a veil of colour (fades).

Each keeps one prepared surface per output size, so an effect costs one blit a frame.
"""

from __future__ import annotations

import math

import pygame

from vn.render.images import reset_alpha
from vn.render.lighting import q
from vn.stage.color import RGB

Size = tuple[int, int]


class Effects:
    def __init__(self) -> None:
        self._vignette: tuple[Size, pygame.Surface] | None = None
        self._veil: tuple[Size, pygame.Surface] | None = None

    def vignette_mask(self, size: Size) -> pygame.Surface:
        """Black with alpha rising toward the edges (an ellipse fitted to the picture)."""
        if self._vignette is None or self._vignette[0] != size:
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
            self._vignette = (size, pygame.transform.smoothscale(small, size))
        return self._vignette[1]

    def vignette(self, dest: pygame.Surface, strength: float, color: RGB) -> None:
        if strength <= 0.0:
            return
        mask = self.vignette_mask(dest.get_size())
        if q(color) != (0, 0, 0):
            mask = mask.copy()
            mask.fill((*q(color), 0), special_flags=pygame.BLEND_RGBA_MAX)
        a = max(0, min(255, round(255 * strength)))
        mask.set_alpha(a if a < 255 else None)
        dest.blit(mask, (0, 0))
        reset_alpha(mask)

    def veil(self, dest: pygame.Surface, color: RGB, alpha: float) -> None:
        """`color` over everything at `alpha` (flashes, fades through a colour)."""
        a = max(0, min(255, round(255 * alpha)))
        if a <= 0:
            return
        if a >= 255:
            dest.fill(q(color))
            return
        size = dest.get_size()
        if self._veil is None or self._veil[0] != size:
            self._veil = (size, pygame.Surface(size))
        surf = self._veil[1]
        surf.fill(q(color))
        surf.set_alpha(a)
        dest.blit(surf, (0, 0))
