"""vn.render.bands: an enlargement made in two bands on two threads has the pixels of one
`pygame.transform.smoothscale` call, seam included — cut along rows, along columns, or not cut."""

from __future__ import annotations

import os
import random

import pygame
import pytest

from vn.render import bands


def noise(size: tuple[int, int], alpha: bool = False) -> pygame.Surface:
    """A surface of random pixels (a seam between bands would show anywhere in it)."""
    raw = pygame.image.frombuffer(os.urandom(size[0] * size[1] * 4), size, "RGBA")
    surf = pygame.Surface(size, pygame.SRCALPHA if alpha else 0)
    if alpha:
        surf.blit(raw, (0, 0), special_flags=pygame.BLEND_RGBA_MAX)
    else:
        surf.blit(raw, (0, 0))
    return surf


def whole(src: pygame.Surface, size: tuple[int, int]) -> bytes:
    return pygame.image.tobytes(pygame.transform.smoothscale(src, size), "RGBA")


def banded(src: pygame.Surface, size: tuple[int, int]) -> bytes:
    dest = pygame.Surface(size, src.get_flags() & pygame.SRCALPHA, src)
    dest.fill((7, 7, 7, 7))
    return pygame.image.tobytes(bands.smoothscale(src, dest), "RGBA")


@pytest.fixture
def every_size(monkeypatch):
    monkeypatch.setattr(bands, "MIN_AREA", 0)  # small pictures are cut too, so many sizes run fast


def test_cut_is_exact_and_near_the_middle():
    for n, m in [(701, 1080), (1278, 1920), (832, 1080), (2, 9), (541, 1080)]:
        c = bands.cut(n, m)
        if c is not None:
            a = c * (n - 1) // m
            assert 0 < c < m and (c * (n - 1)) % m == 0
            assert a + 1 < c and n - a < m - c  # each band enlarges (a band of equal length is copied)
            assert max(c, m - c) <= bands.MOST * m
    assert bands.cut(541, 1080) == 540  # (540 x 540 / 1080 = 270: the middle itself)
    assert bands.cut(832, 1080) in (360, 720)  # only thirds are exact (831 = 3 x 277)
    assert bands.cut(702, 1080) is None  # 701 is prime: no place but the ends
    assert bands.cut(1080, 1080) is None and bands.cut(1200, 1080) is None  # not an enlargement
    assert bands.cut(29, 30) is None  # exact at 15, but 15 px would be made from 15: a copy


def test_bands_equal_one_call_at_many_sizes(every_size):
    rng = random.Random(11)
    cut_rows = cut_cols = whole_only = 0
    for _ in range(60):
        m = (rng.randint(40, 260), rng.randint(30, 200))
        n = (rng.randint(2, m[0] - 1), rng.randint(2, m[1] - 1))
        src = noise(n)
        assert banded(src, m) == whole(src, m), (n, m)
        if bands.cut(n[1], m[1]) is not None:
            cut_rows += 1
        elif bands.cut(n[0], m[0]) is not None:
            cut_cols += 1
        else:
            whole_only += 1
    assert cut_rows and cut_cols and whole_only  # every way was taken


@pytest.mark.parametrize("r", [1.05, 1.25, 1.34, 1.45])
def test_the_moving_camera_at_1080p_equals_one_call(r):
    """The compositor's own case (`Compositor._moving`): a buffer of the output shrunk by the
    zoom, plus one px, enlarged to 1920x1080."""
    src = noise((round(1920 / r) + 1, round(1080 / r) + 1))
    assert banded(src, (1920, 1080)) == whole(src, (1920, 1080))


def test_per_pixel_alpha_and_a_subsurface_destination(every_size):
    src = noise((91, 65), alpha=True)
    assert bands.cut(65, 128) == 64
    assert banded(src, (181, 128)) == whole(src, (181, 128))
    parent = pygame.Surface((300, 200))
    opaque = noise((91, 65))
    into = parent.subsurface((13, 21, 181, 128))
    bands.smoothscale(opaque, into)
    assert pygame.image.tobytes(into.copy(), "RGBA") == whole(opaque, (181, 128))


def test_frames_of_the_moving_camera_equal_those_made_in_one_call(monkeypatch):
    """The heaviest moment (`vn bench`: a push-in under a dissolve) drawn with the camera's
    enlargement in bands equals it drawn in one call, frame for frame."""
    from tests.stage.helpers import BUNDLED_STAGE

    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    from vn.tools.bench import _heavy_session

    size = (480, 270)
    frames = {}
    for min_area in (0, 10**12):  # every enlargement cut where it can be; none cut
        monkeypatch.setattr(bands, "MIN_AREA", min_area)
        screen, session, now = _heavy_session(None, size, 40)
        surf = pygame.Surface(size)
        drawn = []
        for _ in range(8):
            now += 0.1
            session.update(now)
            screen.draw(surf, session, now)
            drawn.append(pygame.image.tobytes(surf, "RGB"))
            assert session.scene.view(now).camera_moving
        frames[min_area] = drawn
    assert frames[0] == frames[10**12]
