"""Small cached paintings the views are made of: gradients, fading bars, hairlines, glyphs.

Everything is built once per output size (a 1-pixel strip computed in Python, then stretched)
and cached, so a frame only blits.
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import pairwise

import pygame

from vn.render.images import reset_alpha

RGB = tuple[int, int, int]


def smoothstep(u: float) -> float:
    u = min(1.0, max(0.0, u))
    return u * u * (3.0 - 2.0 * u)


@lru_cache(maxsize=64)
def vertical_gradient(size: tuple[int, int], color: RGB,
                      stops: tuple[tuple[float, float], ...]) -> pygame.Surface:
    """`color` with an opacity that runs through `stops` ((position 0..1, alpha 0..1), in order)
    from top to bottom, smoothly between stops. A little ordered dither on the alpha keeps a
    long dark gradient from banding: pixel (x, y) gets alpha round(a(y) * 255 + d) with
    d = ((2x + y) mod 4) / 4 - 0.375.

    Built as bytes: each row is its two pixels (the dither repeats every 2 px across)
    repeated across the width, written into the picture's own buffer. (Drawn pixel by pixel, a
    4K text box's shade took 0.15 s of the first frame at that size; copied across by doubling
    blits, which SDL blends, ~30 ms.)"""
    w, h = max(1, size[0]), max(1, size[1])
    b, g, r = color[2], color[1], color[0]
    pairs, odd = divmod(w, 2)
    stride = w * 4
    pixels = bytearray(stride * h)  # (a bytearray: the surface drawn on keeps it, and may change it)
    for y in range(h):
        a = _interp(stops, (y + 0.5) / h) * 255
        left, right = (max(0, min(255, round(a + ((x * 2 + y) % 4) / 4.0 - 0.375))) for x in (0, 1))
        pair = bytes((b, g, r, left, b, g, r, right))  # pygame's per-pixel-alpha layout
        pixels[y * stride:(y + 1) * stride] = pair * pairs + pair[:4] * odd
    return pygame.image.frombuffer(pixels, (w, h), "BGRA")


def _interp(stops: tuple[tuple[float, float], ...], u: float) -> float:
    if u <= stops[0][0]:
        return stops[0][1]
    for (p0, a0), (p1, a1) in pairwise(stops):
        if u <= p1:
            t = 0.0 if p1 <= p0 else (u - p0) / (p1 - p0)
            return a0 + (a1 - a0) * smoothstep(t)
    return stops[-1][1]


@lru_cache(maxsize=64)
def fading_bar(size: tuple[int, int], color: RGB, alpha: float, fade: float) -> pygame.Surface:
    """A horizontal band of `color` at `alpha`, fading to nothing over `fade` of its width at
    each end (the choice buttons and menu highlights)."""
    w, h = max(1, size[0]), max(1, size[1])
    strip = pygame.Surface((w, 1), pygame.SRCALPHA)
    edge = max(1.0, w * fade)
    for x in range(w):
        d = min(x + 0.5, w - x - 0.5)
        strip.set_at((x, 0), (*color, round(255 * alpha * smoothstep(d / edge))))
    return pygame.transform.scale(strip, (w, h))


@lru_cache(maxsize=32)
def trailing_rule(width: int, thickness: int, color: RGB, alpha: float) -> pygame.Surface:
    """A hairline that starts solid-ish at its left end and dies away to the right (under a
    speaker's name)."""
    w = max(1, width)
    strip = pygame.Surface((w, 1), pygame.SRCALPHA)
    for x in range(w):
        u = x / w
        lead = smoothstep(x / max(1.0, w * 0.04))
        strip.set_at((x, 0), (*color, round(255 * alpha * lead * (1.0 - u) ** 1.6)))
    return pygame.transform.scale(strip, (w, max(1, thickness)))


@lru_cache(maxsize=32)
def chevron(width: int, color: RGB) -> pygame.Surface:
    """A small downward chevron (the click-to-continue mark), antialiased by drawing it four
    times larger and scaling down."""
    w = max(4, width)
    h = max(3, round(w * 0.62))
    ss = 4
    big = pygame.Surface((w * ss, h * ss), pygame.SRCALPHA)
    t = max(1.0, w * ss * 0.2)  # stroke thickness
    W, H = w * ss, h * ss
    outer = [(0, 0), (W / 2, H - t * 1.1), (W, 0)]
    points = [outer[0], (t, 0), (W / 2, H - t * 2.3), (W - t, 0), outer[2], (W, t * 0.3),
              (W / 2 + t * 0.45, H), (W / 2 - t * 0.45, H), (0, t * 0.3)]
    pygame.draw.polygon(big, (*color, 255), points)
    return pygame.transform.smoothscale(big, (w, h))


def pulse(now: float, period: float, fps: float, low: float = 0.35) -> tuple[float, float]:
    """A slow breathing opacity in [low, 1], stepped at `fps` so the loop redraws only a few
    times a second. Returns (opacity, time of the next step)."""
    step = 1.0 / fps
    k = math.floor(now / step + 1e-9)
    t = k * step
    u = 0.5 - 0.5 * math.cos(2.0 * math.pi * (t % period) / period)
    return low + (1.0 - low) * u, (k + 1) * step


@lru_cache(maxsize=8)
def veil(size: tuple[int, int], color: RGB, alpha: int) -> pygame.Surface:
    """A flat translucent sheet (menu dimming), cached per size and opacity."""
    sheet = pygame.Surface(size, pygame.SRCALPHA)
    sheet.fill((*color, alpha))
    return sheet


def letterspaced(text: str) -> str:
    """Capitals with thin spaces between the letters: letter-spacing by hand, since pygame
    has none. Thin spaces never break a line; the spaces between words still do."""
    return " \u2009".join("\u2009".join(word) for word in text.upper().split())


def with_alpha(surface: pygame.Surface, target: pygame.Surface, pos: tuple[int, int], alpha: float) -> None:
    """Blit a shared (cached) surface at an opacity without leaving the opacity set on it."""
    a = round(255 * max(0.0, min(1.0, alpha)))
    if a <= 0:
        return
    if a < 255:
        surface.set_alpha(a)
        target.blit(surface, pos)
        reset_alpha(surface)
    else:
        target.blit(surface, pos)
