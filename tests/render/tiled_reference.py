"""Tiled's own `tmxrasterizer` as the reference picture of a map (probed first by
`tests.probes.require_tmxrasterizer`), and the pixel statistics that compare a picture with it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pygame

from vn.render.images import ImageCache
from vn.render.tiled import draw_layer
from vn.stage.layout import Layout

FIXTURES = Path(__file__).parent / "fixtures" / "tiled"


def rasterize(tmx: Path, out: Path, *args: str) -> pygame.Surface | None:
    """Tiled's picture of a map on black (None when the tool fails)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        run = subprocess.run(["tmxrasterizer", *args, str(tmx), str(out)], env=env, capture_output=True,
                             timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if run.returncode != 0 or not out.exists():
        return None
    img = pygame.image.load(str(out))
    flat = pygame.Surface(img.get_size())
    flat.fill((0, 0, 0))
    flat.blit(img, (0, 0))
    return flat


def ours(layout: Layout, t: float = 0.0, hide: tuple[str, ...] = ()) -> pygame.Surface:
    """Our layers unlit on black at the map's size, as tmxrasterizer draws them (it draws no
    background colour)."""
    out = pygame.Surface(layout.size)
    out.fill((0, 0, 0))
    cache = ImageCache()
    for layer in layout.layers:
        if layer.visible and layer.name not in hide:
            got = draw_layer(layer, layout, cache, (1.0, 1.0), t)
            if got is not None:
                out.blit(*got)
    return out


def aligned(reference: pygame.Surface, mine: pygame.Surface, reach: int = 6) -> pygame.Surface:
    """`mine` on a canvas of the reference's size, shifted by the few px that best line it up:
    tmxrasterizer crops its picture to the drawn content, so layer offsets above or left of the
    map move its origin."""
    w, h = reference.get_size()
    best: tuple[float, tuple[int, int]] | None = None
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            canvas = pygame.Surface((w, h))
            canvas.fill((0, 0, 0))
            canvas.blit(mine, (dx, dy))
            d = _distance(reference, canvas)
            if best is None or d < best[0]:
                best = (d, (dx, dy))
    assert best is not None
    canvas = pygame.Surface((w, h))
    canvas.fill((0, 0, 0))
    canvas.blit(mine, best[1])
    return canvas


def _distance(a: pygame.Surface, b: pygame.Surface, step: int = 1) -> float:
    """Mean absolute difference of two same-sized opaque pictures (pygame's blends do it in C)."""
    d1 = a.copy()
    d1.blit(b, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    d2 = b.copy()
    d2.blit(a, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    d1.blit(d2, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    return float(sum(pygame.transform.average_color(d1)[:3]))


def grid_stats(a: pygame.Surface, b: pygame.Surface, cell: int = 8) -> tuple[float, float]:
    """(mean, worst) difference of the mean colours of `cell`-px squares, 0..255."""
    w, h = a.get_size()
    cols, rows = max(1, w // cell), max(1, h // cell)
    sa = pygame.transform.smoothscale(a, (cols, rows)) if (cols, rows) != (w, h) else a
    sb = pygame.transform.smoothscale(b, (cols, rows)) if (cols, rows) != (w, h) else b
    diffs = []
    for y in range(rows):
        for x in range(cols):
            ca, cb = sa.get_at((x, y)), sb.get_at((x, y))
            diffs.append(max(abs(ca[i] - cb[i]) for i in range(3)))
    return sum(diffs) / len(diffs), max(diffs)
