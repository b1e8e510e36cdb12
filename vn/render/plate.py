"""The plate: the last still picture, kept so a frame that shows it again costs one blit.

Most frames a player sees show a still scene under a line that types itself out. Composing
that scene (stage planes under the light, sprites, beams, effects) takes a dozen blended
full-picture blits; the plate keeps the composed picture once it has been drawn twice in a row
from an equal view, and blits it while the view stays equal. A light tween, a transition, a
shake — anything that moves — gives a new view each frame, so those frames are composed as
before and cost nothing extra (the plate is only copied on the second equal frame).

It relies on the contract of `vn.stage.view`: equal views draw equal frames. What can change
the picture without changing the view — art arriving from a background rasteriser, a resize —
is in the key too (`generation`, the surface size).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pygame


class PlateCache:
    """One plate: the picture of the view drawn last, once it has held still for a frame."""

    def __init__(self) -> None:
        self._last: Hashable | None = None  # the key of the frame drawn last
        self._key: Hashable | None = None  # the key the plate shows
        self._plate: pygame.Surface | None = None
        self.hits = 0  # frames served from the plate (for tests and the bench)

    def draw(self, dest: pygame.Surface, key: Hashable, compose: Callable[[pygame.Surface], None],
             keep: bool = False) -> None:
        """Draw the picture of `key` onto `dest`: the plate when it shows `key`, else
        `compose(dest)`, keeping the result when `key` also came the frame before (or `keep`:
        the caller knows it will be shown again).

        `key` must hold everything the picture depends on (the view, the surface size, the art
        generation); it is compared with ==."""
        plate = self._plate
        sized = (key, dest.get_size())  # a picture is still when it comes twice at one size
        if plate is not None and sized == self._key:
            dest.blit(plate, (0, 0))
            self.hits += 1
            self._last = sized
            return
        compose(dest)
        if sized == self._last or keep:
            if plate is None or plate.get_size() != dest.get_size():
                plate = self._plate = pygame.Surface(dest.get_size(), 0, dest)
            plate.blit(dest, (0, 0))
            self._key = sized
        self._last = sized

    def show(self, dest: pygame.Surface, key: Hashable) -> bool:
        """Blit the plate onto `dest` if it shows `key` (at dest's size); say whether it did."""
        if self._plate is None or (key, dest.get_size()) != self._key:
            return False
        dest.blit(self._plate, (0, 0))
        self.hits += 1
        return True

    def put(self, key: Hashable, picture: pygame.Surface) -> None:
        """Keep `picture` (the caller's, not copied; nobody draws on it after) as the plate of
        `key` at its size: a picture made ahead (vn.render.resize)."""
        self._plate = picture
        self._key = self._last = (key, picture.get_size())

    def peek(self, key: Hashable, size: tuple[int, int]) -> pygame.Surface | None:
        """The plate, if it shows `key` at `size` (to be read, never drawn on)."""
        return self._plate if self._plate is not None and (key, size) == self._key else None

    def clear(self) -> None:
        """Forget the plate (its memory goes too)."""
        self._plate = self._key = self._last = None


def disjoint(rects: list[pygame.Rect], bounds: pygame.Rect) -> list[pygame.Rect]:
    """`rects` clipped to `bounds`, those that overlap merged into their bounding box until
    none do: each place is drawn once, and a rect given lies whole inside one returned."""
    out = [r.clip(bounds) for r in rects]
    out = [r for r in out if r.w > 0 and r.h > 0]
    merged = True
    while merged:
        merged = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                if out[i].colliderect(out[j]):
                    out[i] = out[i].union(out.pop(j))
                    merged = True
                    break
            if merged:
                break
    return out
