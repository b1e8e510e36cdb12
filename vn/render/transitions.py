"""Transitions between two pictures: fade through a colour, dissolve, wipe, slide.

The compositor draws the live picture (`after`) and hands a surface holding the frozen
`before` picture; these functions combine them in place. `progress` is already eased.
"""

from __future__ import annotations

import pygame

from vn.render.effects import Effects
from vn.render.images import reset_alpha
from vn.stage.color import RGB

WIPE_SOFTNESS = 0.08  # the width of the wipe's soft edge, as a fraction of the picture's width


def fade(dest: pygame.Surface, before: pygame.Surface | None, progress: float, color: RGB,
         effects: Effects) -> None:
    """Out to `color` over the first half, in from it over the second. `dest` holds the after
    picture; in the first half it is replaced by `before`."""
    if progress < 0.5:
        if before is not None:
            dest.blit(before, (0, 0))
        effects.veil(dest, color, progress * 2.0)
    else:
        effects.veil(dest, color, (1.0 - progress) * 2.0)


def dissolve(dest: pygame.Surface, before: pygame.Surface, progress: float) -> None:
    """`before` over `dest` with alpha 1 - progress. Give `before` per-pixel alpha (opaque
    everywhere): pygame-ce's own SIMD blitter then blends it, faster than SDL's for an opaque
    surface and nearer the exact mix (vn.render.compositor's `_before_picture`)."""
    a = max(0, min(255, round(255 * (1.0 - progress))))
    if a <= 0:
        return
    if a >= 255:  # (an opaque surface with alpha 255 takes SDL's slow path: ~25x slower)
        dest.blit(before, (0, 0))
        return
    before.set_alpha(a)
    dest.blit(before, (0, 0))
    reset_alpha(before)


class Wipe:
    """The after picture is revealed left to right behind a soft edge."""

    def __init__(self) -> None:
        self._ramp: tuple[tuple[int, int], pygame.Surface] | None = None

    def _edge(self, width: int, height: int) -> pygame.Surface:
        if self._ramp is None or self._ramp[0] != (width, height):
            strip = pygame.Surface((width, 1), pygame.SRCALPHA)
            for x in range(width):
                strip.set_at((x, 0), (255, 255, 255, round(255 * (x + 0.5) / width)))
            self._ramp = ((width, height), pygame.transform.scale(strip, (width, height)))
        return self._ramp[1]

    def draw(self, dest: pygame.Surface, before: pygame.Surface, progress: float) -> None:
        w, h = dest.get_size()
        soft = max(1, round(w * WIPE_SOFTNESS))
        edge_x = round(-soft + (w + soft) * progress)  # where the soft edge begins
        right = max(0, edge_x + soft)
        if right < w:
            dest.blit(before, (right, 0), pygame.Rect(right, 0, w - right, h))
        left = max(0, edge_x)
        if left < right:
            part = before.subsurface(pygame.Rect(left, 0, right - left, h)).copy()
            ramp = self._edge(soft, h)
            reset_alpha(part)
            mask = ramp.subsurface(pygame.Rect(left - edge_x, 0, right - left, h))
            tmp = pygame.Surface(part.get_size(), pygame.SRCALPHA)
            tmp.blit(part, (0, 0))
            tmp.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            dest.blit(tmp, (left, 0))


def slide_offset(width: int, progress: float) -> tuple[int, int]:
    """Where the after picture is drawn (it pushes in from the right); the before picture sits
    one picture-width to its left."""
    return (round(width * (1.0 - progress)), 0)
