"""`images.content_rect` (a bit mask's edges found by bisection, vn.render.resize's background
build) gives exactly `Surface.get_bounding_rect()` — the old way — over varied surfaces: spots
at every edge and at the mask's 64-bit word boundaries, the faintest alpha, transparent edges
round opaque content, nothing at all, subsurfaces, and a crop that equals pygame's pixel for
pixel."""

from __future__ import annotations

import random

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn.render.images import content_rect


@pytest.fixture(autouse=True, scope="module")
def _pygame():
    pygame.init()
    yield


def _surface(size: tuple[int, int], spots: list[tuple[int, int, int]], seed: int = 0) -> pygame.Surface:
    rng = random.Random(seed)
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.fill((rng.randrange(256), rng.randrange(256), rng.randrange(256), 0))  # transparent, not black
    for x, y, a in spots:
        surf.set_at((x, y), (rng.randrange(256), rng.randrange(256), rng.randrange(256), a))
    return surf


def _same(surf: pygame.Surface) -> None:
    got, old = content_rect(surf), surf.get_bounding_rect()
    assert got == old, (surf.get_size(), got, old)
    if old.w and old.h:  # the crop the callers make: the same pixels
        assert pygame.image.tobytes(surf.subsurface(got), "RGBA") == pygame.image.tobytes(surf.subsurface(old), "RGBA")


@pytest.mark.parametrize("size", [(1, 1), (63, 5), (64, 5), (65, 5), (127, 3), (128, 9), (129, 4), (5, 70)])
def test_a_spot_at_each_edge_and_word_boundary(size):
    w, h = size
    xs = sorted({0, w - 1, min(w - 1, 63), min(w - 1, 64), w // 2})
    ys = sorted({0, h - 1, h // 2})
    for x in xs:
        for y in ys:
            for a in (1, 128, 255):
                _same(_surface(size, [(x, y, a)], x * 7 + y))


@pytest.mark.parametrize("size", [(1, 1), (40, 30), (130, 2), (3, 200)])
def test_nothing_at_all_is_the_empty_rect(size):
    surf = _surface(size, [])
    assert content_rect(surf) == pygame.Rect(0, 0, 0, 0) == surf.get_bounding_rect()


def test_a_zero_sized_surface_is_the_empty_rect():
    assert content_rect(pygame.Surface((0, 5), pygame.SRCALPHA)) == pygame.Rect(0, 0, 0, 0)


def test_opaque_content_inside_transparent_edges():
    surf = _surface((300, 120), [])
    surf.fill((200, 90, 30, 255), pygame.Rect(17, 9, 201, 77))
    _same(surf)
    assert content_rect(surf) == pygame.Rect(17, 9, 201, 77)
    surf.fill((0, 0, 0, 255))  # opaque everywhere: the whole of it
    _same(surf)


def test_a_subsurface_sees_only_its_own_pixels():
    surf = _surface((200, 100), [(10, 10, 255), (150, 80, 3), (190, 5, 40)])
    for rect in [(0, 0, 200, 100), (5, 5, 150, 80), (11, 0, 139, 81), (100, 20, 50, 30), (150, 80, 1, 1)]:
        _same(surf.subsurface(rect))


def test_a_surface_without_per_pixel_alpha_is_the_whole_of_it():
    surf = pygame.Surface((33, 21))
    assert content_rect(surf) == surf.get_bounding_rect() == pygame.Rect(0, 0, 33, 21)
    keyed = pygame.Surface((40, 30))
    keyed.fill((255, 0, 255))
    keyed.set_colorkey((255, 0, 255))
    keyed.fill((1, 2, 3), pygame.Rect(4, 6, 9, 3))
    assert content_rect(keyed) == keyed.get_bounding_rect()


def test_a_4k_plane_with_one_faint_pixel():
    surf = _surface((3840, 2160), [(2999, 1701, 1)])
    _same(surf)
    assert content_rect(surf) == pygame.Rect(2999, 1701, 1, 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 150), st.integers(1, 90), st.lists(
    st.tuples(st.floats(0, 1, exclude_max=True), st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
    max_size=6), st.integers(0, 3))
def test_any_speckled_surface(w, h, spots, seed):
    _same(_surface((w, h), [(int(x * w), int(y * h), a) for x, y, a in spots], seed))
