"""The game menu (Esc): the picture dimmed, the game's title, and a short list of actions.

For now Return and Quit; save, load and settings slot in as more `MenuItem`s later. Mouse
(hover + click), Up/Down/Tab + Enter, and Esc or right click to go back to the story.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from vn.render.text import SANS, SERIF, Shadow, TextLayout, TextRenderer
from vn.ui.actions import Action
from vn.ui.paint import fading_bar, letterspaced, smoothstep, veil, with_alpha
from vn.ui.theme import THEME, Theme
from vn.ui.view import Fitted
from vn.ui.viewport import Viewport

_PICK_KEYS = {pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE}
_FADE = 0.16


@dataclass(frozen=True)
class MenuItem:
    label: str
    action: Action


DEFAULT_ITEMS = (MenuItem("Return", Action.RETURN), MenuItem("Quit", Action.QUIT))


class GameMenu(Fitted):
    def __init__(self, renderer: TextRenderer, now: float, title: str = "", items: tuple[MenuItem, ...] = DEFAULT_ITEMS,
                 theme: Theme = THEME, viewport: Viewport | None = None) -> None:
        self.renderer = renderer
        self.title = title
        self.items = items
        self.theme = theme
        self.viewport = viewport
        self.shown_at = now
        self.focus: int | None = 0  # the first item is focused: Enter returns at once
        self._pressed: int | None = None

    # -- geometry ------------------------------------------------------------------------

    def _labels(self, vp: Viewport, focused: bool) -> list[TextLayout]:
        t = self.theme
        color = t.accent if focused else t.text
        return [self.renderer.layout(letterspaced(item.label), vp.px(t.menu_width), vp.px(t.menu_item_size),
                                     family=SANS, color=color, align="center", scale=vp.scale,
                                     shadow=Shadow.scaled(vp.scale, 160), line_spacing=1.0)
                for item in self.items]

    def _title_layout(self, vp: Viewport) -> TextLayout | None:
        if not self.title:
            return None
        t = self.theme
        return self.renderer.layout(self.title, vp.px(1600), vp.px(t.menu_title_size), family=SERIF,
                                    color=t.text, align="center", scale=vp.scale, italic=True,
                                    shadow=Shadow.scaled(vp.scale, 200), line_spacing=1.1)

    def rects(self, vp: Viewport | None = None) -> list[pygame.Rect]:
        vp = vp or self.current_viewport
        t = self.theme
        h = t.menu_item_size * 2.3
        gap = 10
        total = len(self.items) * h + gap * max(0, len(self.items) - 1)
        top = 560 - total / 2 + (60 if self.title else 0)
        left = (vp.logical[0] - t.menu_width) / 2
        return [vp.rect(left, top + n * (h + gap), t.menu_width, h) for n in range(len(self.items))]

    def _at(self, pos: tuple[int, int]) -> int | None:
        for n, rect in enumerate(self.rects()):
            if rect.collidepoint(pos):
                return n
        return None

    # -- input ---------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event, now: float) -> Action | None:
        count = len(self.items)
        if event.type == pygame.MOUSEMOTION:
            hit = self._at(event.pos)
            if hit is not None:
                self.focus = hit
        elif event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 1:
                self._pressed = self._at(event.pos)
            elif event.button == 3:
                return Action.RETURN
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit = self._at(event.pos)
            pressed, self._pressed = self._pressed, None
            if hit is not None and hit == pressed:
                return self.items[hit].action
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return Action.RETURN
            if count and event.key in (pygame.K_DOWN, pygame.K_TAB):
                self.focus = 0 if self.focus is None else (self.focus + 1) % count
            elif count and event.key == pygame.K_UP:
                self.focus = count - 1 if self.focus is None else (self.focus - 1) % count
            elif event.key in _PICK_KEYS and self.focus is not None and count:
                return self.items[self.focus].action
        return None

    # -- drawing -------------------------------------------------------------------------

    def next_redraw(self, now: float) -> float | None:
        return now if now < self.shown_at + _FADE else None

    def draw(self, surface: pygame.Surface, now: float) -> None:
        vp = self.fit(surface)
        t = self.theme
        u = smoothstep((now - self.shown_at) / _FADE)
        surface.blit(veil(surface.get_size(), t.bar, round(255 * t.menu_dim * u)), (0, 0))
        alpha = round(255 * u)
        rects = self.rects(vp)
        title = self._title_layout(vp)
        if title is not None and rects:
            bottom = rects[0].y - vp.px(48)
            self.renderer.draw(surface, title, (vp.x(160), bottom - title.height), alpha=alpha)
            rule = fading_bar((vp.px(360), max(1, vp.px(1.5))), t.accent, 0.6, 0.5)
            with_alpha(rule, surface, (vp.x(960) - rule.get_width() // 2, bottom + vp.px(8)), u)
        idle, focused = self._labels(vp, False), self._labels(vp, True)
        for n, rect in enumerate(rects):
            on = n == self.focus
            if on:
                with_alpha(fading_bar(rect.size, t.bar_hover, 0.85, 0.35), surface, rect.topleft, u)
            layout = (focused if on else idle)[n]
            x = rect.x + (rect.width - layout.max_width) // 2
            y = rect.y + (rect.height - layout.height) // 2
            self.renderer.draw(surface, layout, (x, y), alpha=alpha)
