"""Builders for story data and input events, and pixel statistics (pygame only, no numpy)."""

from __future__ import annotations

import pygame

from vn.story.events import Choice, ChoiceOption, Line, SourcePos
from vn.story.text import RichText, Run

POS = SourcePos("test.yaml", 1, 1)


def rich(text: str) -> RichText:
    return RichText((Run(text),))


def line(text: str | RichText, name: str | None = None, color: str | None = None) -> Line:
    body = rich(text) if isinstance(text, str) else text
    return Line("l1", name.lower() if name else None, name, color, body, False, POS)


def choice(*texts: str, indexes: tuple[int, ...] | None = None) -> Choice:
    idx = indexes or tuple(range(len(texts)))
    return Choice("c1", tuple(ChoiceOption(i, rich(t)) for i, t in zip(idx, texts, strict=True)), POS)


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def mouse(kind: int, pos: tuple[int, int], button: int = 1) -> pygame.event.Event:
    return pygame.event.Event(kind, pos=pos, button=button)


def count_pixels(surface: pygame.Surface, rect: pygame.Rect, predicate) -> int:
    """How many pixels inside `rect` satisfy `predicate((r, g, b))` (sampled every 2 px)."""
    n = 0
    rect = rect.clip(surface.get_rect())
    for y in range(rect.top, rect.bottom, 2):
        for x in range(rect.left, rect.right, 2):
            if predicate(tuple(surface.get_at((x, y)))[:3]):
                n += 1
    return n


def luminance(c: tuple[int, int, int]) -> float:
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
