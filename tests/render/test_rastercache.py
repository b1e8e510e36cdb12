"""SVG rasters on disk (vn.render.rastercache): a raster read back is the one rasterised, pixel
for pixel; an edited file, another size or a damaged entry is never served."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from tests.stage.helpers import FIXTURE_GAME
from vn.render.images import ImageCache
from vn.render.rastercache import VERSION, RasterCache


def _svg() -> Path:
    found = sorted(FIXTURE_GAME.rglob("*.svg"))
    assert found, "the fixture game has SVG art"
    return found[0]


def _pixels(surf: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surf, "RGBA")


def test_a_raster_read_back_equals_a_fresh_one(tmp_path: Path):
    svg, size = _svg(), (200, 150)
    fresh = _pixels(ImageCache().get(svg, size))
    first = ImageCache(rasters=RasterCache(tmp_path)).get(svg, size)  # rasterised, then kept
    assert len(list(tmp_path.glob("*.rgba"))) == 1
    again = ImageCache(rasters=RasterCache(tmp_path)).get(svg, size)  # read from disk
    assert _pixels(first) == fresh and _pixels(again) == fresh
    # read back in pygame's own per-pixel-alpha layout: blits from it take the fast paths
    standard = pygame.Surface((1, 1), pygame.SRCALPHA)
    assert again.get_masks() == standard.get_masks() and again.get_flags() & pygame.SRCALPHA
    assert RasterCache(tmp_path).get(svg.read_bytes(), size).get_masks() == standard.get_masks()


def test_a_large_entry_is_inflated_in_steps_exactly(tmp_path: Path):
    """Big rasters are decompressed a few MB at a time (the frame thread gets the GIL between
    steps); the pixels are the same as written."""
    size = (1500, 1000)  # 6 MB of pixels: two steps and a bit
    surf = pygame.Surface(size, pygame.SRCALPHA)
    for i in range(0, size[1], 7):
        surf.fill(((i * 3) % 256, (i * 5) % 256, (i * 11) % 256, (i * 13) % 256), (0, i, size[0], 7))
    cache = RasterCache(tmp_path)
    cache.put(b"<svg/>", size, surf)
    assert _pixels(cache.get(b"<svg/>", size)) == _pixels(surf)


def test_an_edited_svg_or_another_size_is_rasterised_anew(tmp_path: Path):
    svg = tmp_path / "art.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                   '<rect width="10" height="10" fill="#ff0000"/></svg>')
    cache = RasterCache(tmp_path / "cache")
    assert ImageCache(rasters=cache).get(svg, (20, 20)).get_at((5, 5))[:3] == (255, 0, 0)
    svg.write_text(svg.read_text().replace("#ff0000", "#0000ff"))
    assert ImageCache(rasters=cache).get(svg, (20, 20)).get_at((5, 5))[:3] == (0, 0, 255)
    assert ImageCache(rasters=cache).get(svg, (30, 30)).get_size() == (30, 30)


@pytest.mark.parametrize("damage", ["truncate", "flip", "header"])
def test_a_damaged_entry_is_ignored(tmp_path: Path, damage: str):
    svg, size = _svg(), (120, 90)
    cache = RasterCache(tmp_path)
    fresh = _pixels(ImageCache(rasters=cache).get(svg, size))
    (entry,) = tmp_path.glob("*.rgba")
    raw = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        entry.write_bytes(raw[:-10] + bytes(b ^ 0xFF for b in raw[-10:]))
    else:
        entry.write_bytes(raw.replace(f'"version": {VERSION}'.encode(), b'"version": 99'))
    assert cache.get(svg.read_bytes(), size) is None
    assert _pixels(ImageCache(rasters=cache).get(svg, size)) == fresh
    assert cache.get(svg.read_bytes(), size) is not None, "the entry was rewritten"
