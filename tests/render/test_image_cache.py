"""The image cache keeps what is read again and lets a full-picture raster go (vn.render.images):
what it serves is the same, kept or not."""

from __future__ import annotations

import pygame

from vn.render.images import ImageCache

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200">'
       '<rect width="400" height="200" fill="#336699"/><circle cx="200" cy="100" r="80" fill="#f0c040"/></svg>')


def test_an_image_larger_than_the_budget_is_served_the_same_but_not_kept(tmp_path):
    path = tmp_path / "big.svg"
    path.write_text(SVG)
    images = ImageCache(max_bytes=100 * 100 * 4)
    big = images.get(path, (400, 200))
    assert not images._items and images._bytes == 0  # 320 kB: over the budget
    small = images.get(path, (40, 20))
    assert images.get(path, (40, 20)) is small  # within it: kept
    again = images.get(path, (400, 200))
    assert again is not big and pygame.image.tobytes(again, "RGBA") == pygame.image.tobytes(big, "RGBA")


def test_an_image_at_its_natural_size_is_kept_even_when_large(tmp_path):
    path = tmp_path / "sheet.svg"  # a tile sheet is read once per tile of a layer
    path.write_text(SVG)
    images = ImageCache(max_bytes=100 * 100 * 4)
    assert images.get(path) is images.get(path)
