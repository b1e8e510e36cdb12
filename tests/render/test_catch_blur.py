"""The two blurs a figure's catch masks are made with (vn.render.sprites `_soften`, `_spread`):
cheap stand-ins for pygame's box_blur that give the same picture where it shows."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from vn.render.sprites import _soften, _spread  # noqa: E402


def _grey(size: tuple[int, int]) -> pygame.Surface:
    s = pygame.Surface(size)
    s.fill((0, 0, 0))
    return s


def test_soften_is_a_centred_tent():
    s = _grey((9, 9))
    s.set_at((4, 4), (255, 255, 255))
    out = _soften(s)
    v = {(x, y): out.get_at((x, y))[0] for x in range(3, 6) for y in range(3, 6)}
    assert v[(4, 4)] == max(v.values())  # not shifted
    assert v[(3, 4)] == v[(5, 4)] == v[(4, 3)] == v[(4, 5)]  # symmetric
    assert v[(3, 3)] == v[(5, 5)] == v[(3, 5)] == v[(5, 3)]
    assert abs(v[(4, 4)] - 64) <= 2 and abs(v[(3, 4)] - 32) <= 2 and abs(v[(3, 3)] - 16) <= 2  # [1 2 1]/4 each way
    assert out.get_at((1, 4))[0] == 0 and out.get_at((4, 7))[0] == 0  # reaches one pixel only
    flat = _grey((9, 9))
    flat.fill((200, 200, 200))
    assert abs(_soften(flat).get_at((4, 4))[0] - 200) <= 2  # a flat field stays as it was


def test_spread_is_box_blur_at_half_size():
    s = _grey((240, 320))
    pygame.draw.rect(s, (255, 255, 255), (60, 80, 120, 160))
    for r in (1, 3, 9):
        ours, theirs = _spread(s, r), pygame.transform.box_blur(s, r)
        assert ours.get_size() == s.get_size()
        diff = [abs(ours.get_at((x, 160))[0] - theirs.get_at((x, 160))[0]) for x in range(0, 240, 3)]
        assert max(diff) <= 40 and sum(diff) / len(diff) <= 6, (r, max(diff))
        assert ours.get_at((120, 160))[0] >= 250 and ours.get_at((5, 160))[0] == 0  # inside, far outside
