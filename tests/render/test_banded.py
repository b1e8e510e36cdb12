"""vn.render.images' banded helpers give exactly what the pygame calls they stand for give
(they only split the work into bands of rows, so a background build lets the frame thread run)."""

from __future__ import annotations

import random

import pygame
import pytest

from vn.render import images
from vn.render.images import content_rect, copy, premultiplied


@pytest.fixture(autouse=True)
def _small_bands(monkeypatch):
    pygame.init()
    monkeypatch.setattr(images, "BAND_PX", 97)  # many bands, most not a whole number of rows
    yield


def _speckled(size: tuple[int, int], spots: list[tuple[int, int, int]], seed: int) -> pygame.Surface:
    rng = random.Random(seed)
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.fill((0, 0, 0, 0))
    for x, y, a in spots:
        surf.set_at((x, y), (rng.randrange(256), rng.randrange(256), rng.randrange(256), a))
    return surf


def _pixels(surf: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surf, "RGBA")


CASES = [
    ((40, 30), []),  # nothing
    ((40, 30), [(0, 0, 255)]),  # a corner
    ((40, 30), [(39, 29, 1)]),  # the faintest pixel in the other corner
    ((40, 30), [(7, 3, 200), (31, 26, 9), (12, 15, 255)]),
    ((1, 50), [(0, 20, 3)]),
    ((300, 7), [(299, 0, 5), (150, 6, 255)]),
]


@pytest.mark.parametrize(("size", "spots"), CASES)
def test_content_rect_is_get_bounding_rect(size, spots):
    surf = _speckled(size, spots, 1)
    assert content_rect(surf) == surf.get_bounding_rect()


def test_content_rect_of_an_opaque_surface_is_the_whole_of_it():
    surf = pygame.Surface((33, 21))
    assert content_rect(surf) == surf.get_bounding_rect() == pygame.Rect(0, 0, 33, 21)


@pytest.mark.parametrize("seed", range(4))
def test_copy_and_premultiplied_equal_pygames_own(seed):
    rng = random.Random(seed)
    size = (rng.randrange(1, 90), rng.randrange(1, 60))
    surf = pygame.Surface(size, pygame.SRCALPHA)
    for y in range(size[1]):
        for x in range(size[0]):
            surf.set_at((x, y), (rng.randrange(256), rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    assert _pixels(copy(surf)) == _pixels(surf.copy())
    assert copy(surf).get_masks() == surf.get_masks()
    assert _pixels(premultiplied(surf)) == _pixels(surf.premul_alpha())
    opaque = pygame.Surface(size)
    opaque.blit(surf, (0, 0))
    assert _pixels(copy(opaque)) == _pixels(opaque)
