"""Pixel helpers shared by the frame tests."""

from __future__ import annotations

import pygame


def changed(a: pygame.Surface, b: pygame.Surface, threshold: int = 1) -> pygame.Rect | None:
    """The bounding rect of the pixels that differ between two frames of one size by
    `threshold` levels or more in some channel (None: none do; 1 means any difference)."""
    diff = a.copy()
    diff.blit(b, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    other = b.copy()
    other.blit(a, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    diff.blit(other, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    mask = pygame.mask.from_threshold(diff, (0, 0, 0), (threshold, threshold, threshold, 255))
    mask.invert()
    rects = mask.get_bounding_rects()
    return rects[0].unionall(rects[1:]) if rects else None
