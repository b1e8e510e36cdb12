"""The text renderer's layout cache is bounded by the bytes of its pixels as well as by count,
and a layout made again after being dropped is the same, pixel for pixel."""

from __future__ import annotations

import pygame

from vn.render.text import TextRenderer, _layout_bytes


def _pixels(layout) -> list[bytes]:
    return [pygame.image.tobytes(p.surface, "RGBA") for p in layout.pieces]


def test_the_cache_keeps_within_its_bytes_and_a_dropped_layout_comes_back_the_same():
    text = TextRenderer(cache_size=1000, cache_bytes=200_000)
    first = text.layout("The first line, laid out before the others.", 600, 28)
    want = _pixels(first)
    for i in range(60):
        text.layout(f"Line number {i}, long enough to take some room in the cache.", 600, 28)
        assert sum(_layout_bytes(lay) for lay in text._cache.values()) <= max(200_000, _layout_bytes(first))
    assert len(text._cache) < 60  # the byte bound, not the count, dropped them
    again = text.layout("The first line, laid out before the others.", 600, 28)
    assert again is not first  # made anew
    assert _pixels(again) == want
