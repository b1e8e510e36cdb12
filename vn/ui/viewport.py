"""Where the logical 1920x1080 picture lands on the output surface.

Views are laid out in logical pixels (Ren'Py's template numbers at 1080p) and drawn at the
output size: `scale = min(w / 1920, h / 1080)`, the picture centred (letterboxed) at `offset`.
Text is set at the scaled size, never drawn small and upscaled.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

LOGICAL = (1920, 1080)


@dataclass(frozen=True)
class Viewport:
    size: tuple[int, int]  # the output surface, pixels
    scale: float
    offset: tuple[int, int]  # the logical picture's top-left on the output surface
    logical: tuple[int, int] = LOGICAL

    @classmethod
    def fit(cls, size: tuple[int, int], logical: tuple[int, int] = LOGICAL) -> Viewport:
        w, h = max(1, int(size[0])), max(1, int(size[1]))
        scale = min(w / logical[0], h / logical[1])
        ox = round((w - logical[0] * scale) / 2)
        oy = round((h - logical[1] * scale) / 2)
        return cls((w, h), scale, (ox, oy), logical)

    def design(self, logical: tuple[int, int] = LOGICAL) -> Viewport:
        """This picture seen through a `logical`-sized design: the UI's numbers are Ren'Py's
        1920x1080 template whatever the game's own logical size is, fitted inside its frame."""
        if self.logical == logical:
            return self
        frame = self.frame
        scale = min(frame.width / logical[0], frame.height / logical[1])
        ox = frame.x + round((frame.width - logical[0] * scale) / 2)
        oy = frame.y + round((frame.height - logical[1] * scale) / 2)
        return Viewport(self.size, scale, (ox, oy), logical)

    def px(self, value: float) -> int:
        """A logical length in output pixels (at least 1 for a non-zero length)."""
        scaled = round(value * self.scale)
        return scaled if scaled or not value else (1 if value > 0 else -1)

    def x(self, value: float) -> int:
        return self.offset[0] + round(value * self.scale)

    def y(self, value: float) -> int:
        return self.offset[1] + round(value * self.scale)

    def point(self, x: float, y: float) -> tuple[int, int]:
        return self.x(x), self.y(y)

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A logical rectangle in output pixels; edges are rounded, so neighbours never gap."""
        left, top = self.x(x), self.y(y)
        return pygame.Rect(left, top, self.x(x + w) - left, self.y(y + h) - top)

    @property
    def frame(self) -> pygame.Rect:
        """The whole logical picture on the output surface (inside any letterbox bars)."""
        return self.rect(0, 0, *self.logical)

    def to_logical(self, pos: tuple[float, float]) -> tuple[float, float]:
        return ((pos[0] - self.offset[0]) / self.scale, (pos[1] - self.offset[1]) / self.scale)
