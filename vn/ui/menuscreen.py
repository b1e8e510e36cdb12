"""The shape every menu screen shares: the picture under it dimmed, a heading in the story
serif, a `FocusGroup` of controls, Esc or right click to go back.

A subclass lists its controls in `controls()` (called again by `rebuild()` when its state
changes, the focus staying put) and may paint more in `draw_content`.
"""

from __future__ import annotations

import pygame

from vn.ui.keymap import action_for
from vn.ui.paint import smoothstep, veil
from vn.ui.stack import ScreenView
from vn.ui.widgets import Control, FocusGroup, draw_controls, draw_heading

FADE = 0.16  # seconds: the dimming comes in


class MenuScreen(ScreenView):
    heading = ""
    dim: float | None = None  # None: the theme's menu dimming
    heading_y = 90.0

    def __init__(self, host, focus: str | None = None) -> None:
        super().__init__(host)
        self.group = FocusGroup(focus=focus)
        self.instant = False  # drawn at full strength at once (a view replacing a sibling)
        self.rebuild()

    # -- what a subclass provides -----------------------------------------------------------

    def controls(self) -> list[Control]:
        return []

    def draw_content(self, surface: pygame.Surface, vp, opacity: float) -> None:
        pass

    def handle_more(self, event: pygame.event.Event, now: float) -> None:
        pass

    def back(self) -> None:
        self.close()

    # -- shared behaviour ---------------------------------------------------------------------

    def on_show(self, now: float) -> None:
        super().on_show(now)
        self.host.speak(", ".join(x for x in (self.heading, self._focus_words()) if x))

    def _focus_words(self) -> str:
        c = self.group.focused
        if c is None:
            return ""
        return f"{c.label}: {c.value}" if c.value else c.label

    def rebuild(self) -> None:
        self.group.set(self.controls())

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and action_for(event) == "menu":
            self.back()
            return
        before = self.group.focus_key
        if self.group.handle(event, self.host.viewport):
            if self.group.focus_key != before:
                self.speak_focus()
            return
        self.handle_more(event, now)

    def speak_focus(self) -> None:
        """Self-voicing reads the focused control (its label and value), as Ren'Py's does."""
        words = self._focus_words()
        if words:
            self.host.speak(words)

    def opacity(self, now: float) -> float:
        return 1.0 if self.instant else smoothstep((now - self.shown_at) / FADE)

    def next_redraw(self, now: float) -> float | None:
        return now if not self.instant and now < self.shown_at + FADE else None

    def draw(self, surface: pygame.Surface, now: float) -> None:
        t = self.host.theme
        u = self.opacity(now)
        dim = t.menu_dim if self.dim is None else self.dim
        surface.blit(veil(surface.get_size(), t.bar, round(255 * dim * u)), (0, 0))
        vp = self.host.viewport
        if self.heading:
            draw_heading(surface, vp, self.host.text, self.heading, self.heading_y, t, u)
        self.draw_content(surface, vp, u)
        draw_controls(surface, vp, self.host.text, self.group, t, u)
