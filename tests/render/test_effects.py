"""Screen effects (vn.render.effects): the veil is the alpha blend it stands for; a vignette
darkens the edges and leaves the middle, at any strength."""

from __future__ import annotations

import pygame
import pytest

from vn.render.effects import Effects


def _ramp() -> pygame.Surface:
    surf = pygame.Surface((256, 3))
    for x in range(256):
        surf.set_at((x, 0), (x, 255 - x, x // 2))
        surf.set_at((x, 1), (255, 0, x))
        surf.set_at((x, 2), (0, 255, 255 - x))
    return surf


@pytest.mark.parametrize("alpha", [0.004, 0.2, 0.5, 0.8, 0.996])
@pytest.mark.parametrize("color", [(0, 0, 0), (255, 255, 255), (200, 40, 90)])
def test_the_veil_is_the_alpha_blend_within_a_level_and_a_half(alpha, color):
    surf = _ramp()
    before = surf.copy()
    Effects().veil(surf, color, alpha)
    a = round(255 * alpha) / 255
    for x in range(256):
        for y in range(3):
            d, got = before.get_at((x, y)), surf.get_at((x, y))
            for ch in range(3):
                assert abs(got[ch] - (d[ch] * (1 - a) + color[ch] * a)) <= 1.5


def test_a_full_veil_is_the_colour_and_none_leaves_the_picture():
    surf = _ramp()
    Effects().veil(surf, (10, 20, 30), 0.0)
    assert pygame.image.tobytes(surf, "RGB") == pygame.image.tobytes(_ramp(), "RGB")
    Effects().veil(surf, (10, 20, 30), 1.0)
    assert surf.get_at((100, 1))[:3] == (10, 20, 30)


@pytest.mark.parametrize("strength", [0.5, 1.0])
def test_a_vignette_darkens_the_corners_and_keeps_the_middle(strength):
    surf = pygame.Surface((192, 108))
    surf.fill((200, 100, 50))
    Effects().vignette(surf, strength, (0, 0, 0))
    assert surf.get_at((96, 54))[:3] == (200, 100, 50)  # a full vignette once painted it all black
    corner = surf.get_at((0, 0))
    assert corner[0] < 200 * (1.0 - 0.8 * strength)
