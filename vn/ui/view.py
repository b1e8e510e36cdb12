"""What every view shares: the viewport it draws into, and the view protocol.

A view is drawn over the composited scene at the output surface's size. `draw(surface, now)`
paints it; `handle(event, now)` answers an input event with an action (or None when the event
is not its business); `next_redraw(now)` says when it next changes with no input, so the loop
can sleep in between (None: only an event changes it).
"""

from __future__ import annotations

from typing import Any, Protocol

import pygame

from vn.ui.viewport import Viewport


class View(Protocol):
    def draw(self, surface: pygame.Surface, now: float) -> None: ...

    def handle(self, event: pygame.event.Event, now: float) -> Any: ...

    def next_redraw(self, now: float) -> float | None: ...


class Fitted:
    """Mixin: `viewport` given by the host (letterbox offset and scale; any logical size, the
    UI is fitted inside its frame), or fitted to the surface being drawn. Input handling uses
    the viewport of the last draw."""

    viewport: Viewport | None = None
    _fitted: Viewport | None = None

    def fit(self, surface: pygame.Surface) -> Viewport:
        if self.viewport is not None:
            vp = self.viewport
        elif self._fitted is not None and self._fitted.size == surface.get_size():
            vp = self._fitted
        else:
            vp = Viewport.fit(surface.get_size())
        vp = vp.design()
        self._fitted = vp
        return vp

    @property
    def current_viewport(self) -> Viewport:
        """The viewport of the last draw (or the host's, or 1920x1080 before any draw)."""
        return (self.viewport.design() if self.viewport else None) or self._fitted or Viewport.fit((1920, 1080))
