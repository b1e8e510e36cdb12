"""The sun's glow texture is drawn fast (concentric circles) yet matches its formula per pixel."""

from __future__ import annotations

import math

import pygame

from vn.render import lighting


def test_glow_texture_matches_the_formula_pixel_by_pixel():
    pygame.init()
    tex = lighting.glow_texture()
    n = tex.get_width()
    c = (n - 1) / 2.0
    diffs = []
    for y in range(0, n, 3):
        for x in range(0, n, 3):
            want = round(255 * lighting.glow_value(math.hypot(x - c, y - c), n / 2.0))
            got = tex.get_at((x, y))
            assert got[0] == got[1] == got[2], "the glow is white; the sun's colour is multiplied in"
            diffs.append(abs(got[0] - want))
    assert sum(diffs) / len(diffs) < 1.0
    assert max(diffs) <= 16  # only on the disc's 1.5 px soft edge
    assert tex.get_at((n // 2, n // 2))[0] == 255 and tex.get_at((0, 0))[0] == 0
