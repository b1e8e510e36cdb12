"""The title's wash deepens the picture under the menu; it does not grey it: the low sun under
it stays gold and the rust sky rust (an alpha wash of the theme's navy turned them olive)."""

from __future__ import annotations

import colorsys

import pygame

from vn.ui.title import _wash, deepen


def _washed(color: tuple[int, int, int], alpha: float) -> tuple[int, int, int]:
    surf = pygame.Surface((8, 8))
    surf.fill(color)
    wash = pygame.Surface((8, 8), pygame.SRCALPHA)
    wash.fill((255, 255, 255, round(255 * alpha)))
    deepen(surf, (0, 0), wash, (9, 11, 19))
    return tuple(surf.get_at((4, 4)))[:3]


def _hue(c) -> float:
    return colorsys.rgb_to_hsv(*(v / 255 for v in c))[0] * 360


def test_the_wash_deepens_the_sky_and_keeps_its_hues() -> None:
    for color in ((255, 214, 140), (204, 98, 52), (120, 40, 70), (30, 40, 84)):  # sun, rust, violet, navy
        out = _washed(color, 0.7)
        assert sum(out) < 0.92 * sum(color), (color, out)  # deeper
        assert abs((_hue(out) - _hue(color) + 180) % 360 - 180) < 12, (color, out)  # the same hue
        assert colorsys.rgb_to_hsv(*out)[1] >= colorsys.rgb_to_hsv(*color)[1] - 0.02  # no greyer
    sun = _washed((255, 214, 140), 0.7)
    assert sun[0] > 150 and sun[0] - sun[2] > 80  # still a warm, bright gold: not olive
    dark, mid = _washed((60, 40, 40), 0.7), _washed((200, 130, 90), 0.7)
    assert dark[0] / 60 < mid[0] / 200  # the dark tones deepen more than the bright ones


def test_the_wash_fades_out_to_the_right_and_deepens_toward_the_bottom() -> None:
    wash = _wash((400, 300))
    assert wash.get_at((2, 10)).a < wash.get_at((2, 290)).a  # darker toward the bottom
    assert wash.get_at((399, 150)).a < 8 < wash.get_at((40, 150)).a  # nothing at the right edge


def test_the_wash_keeps_to_the_clip() -> None:
    surf = pygame.Surface((20, 10))
    surf.fill((200, 100, 60))
    wash = pygame.Surface((20, 10), pygame.SRCALPHA)
    wash.fill((255, 255, 255, 200))
    surf.set_clip(pygame.Rect(0, 0, 10, 10))
    deepen(surf, (0, 0), wash)
    surf.set_clip(None)
    assert tuple(surf.get_at((15, 5)))[:3] == (200, 100, 60)
    assert tuple(surf.get_at((5, 5)))[:3] != (200, 100, 60)
