"""vn.ui.paint: the cached paintings are exactly what their docstrings say, pixel for pixel."""

from __future__ import annotations

import pygame
import pytest

from vn.ui.paint import _interp, vertical_gradient


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield


def _expected(size: tuple[int, int], color, stops) -> list[list[tuple[int, int, int, int]]]:
    """The gradient computed pixel by pixel from the documented formula."""
    w, h = size
    out = []
    for y in range(h):
        a = _interp(stops, (y + 0.5) / h) * 255
        out.append([(*color, max(0, min(255, round(a + ((x * 2 + y) % 4) / 4.0 - 0.375)))) for x in range(w)])
    return out


@pytest.mark.parametrize("size", [(1, 5), (2, 9), (3, 7), (37, 50), (130, 33)])
def test_vertical_gradient_equals_the_formula_pixel_for_pixel(size):
    color, stops = (20, 140, 230), ((0.0, 0.0), (0.4, 0.7), (1.0, 0.95))
    surf = vertical_gradient(size, color, stops)
    assert surf.get_size() == size
    assert surf.get_flags() & pygame.SRCALPHA
    assert surf.get_masks() == pygame.Surface((1, 1), pygame.SRCALPHA).get_masks()  # blits take fast paths
    want = _expected(size, color, stops)
    got = [[tuple(surf.get_at((x, y))) for x in range(size[0])] for y in range(size[1])]
    assert got == want
