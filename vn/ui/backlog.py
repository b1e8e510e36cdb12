"""The backlog (history): the lines read so far, newest at the bottom, scrolled by wheel/keys.

Opened by the text box's BACKLOG action (wheel up, PageUp). Closes with Esc, right click, or
scrolling down past the newest line (Ren'Py's habit). The host keeps the entries (the story's
seen lines are ids; this only needs what to draw).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from vn.render.text import SERIF, Shadow, TextLayout, TextRenderer, parse_rgb
from vn.story.events import Line
from vn.story.text import RichText
from vn.ui.actions import Action
from vn.ui.paint import smoothstep, veil, vertical_gradient
from vn.ui.theme import THEME, Theme
from vn.ui.view import Fitted
from vn.ui.viewport import Viewport

_NAME_SIZE = 30
_TEXT_SIZE = 33
_ENTRY_GAP = 30
_TOP, _BOTTOM = 70, 1030  # the scrolled region, logical
_STEP = 90  # logical pixels per wheel notch / arrow key
_FADE = 0.16


@dataclass(frozen=True)
class BacklogEntry:
    name: str | None
    color: str | None
    text: RichText

    @classmethod
    def from_line(cls, line: Line) -> BacklogEntry:
        return cls(line.name, line.color, line.text)


class Backlog(Fitted):
    def __init__(self, renderer: TextRenderer, entries: Sequence[BacklogEntry], now: float,
                 theme: Theme = THEME, viewport: Viewport | None = None) -> None:
        self.renderer = renderer
        self.entries = list(entries)
        self.theme = theme
        self.viewport = viewport
        self.shown_at = now
        self.scroll = 0.0  # logical pixels scrolled up from the newest line

    def _layouts(self, vp: Viewport) -> list[tuple[TextLayout | None, TextLayout]]:
        t = self.theme
        out = []
        for e in self.entries:
            name = None
            if e.name:
                name = self.renderer.layout(e.name, vp.px(1200), vp.px(round(_NAME_SIZE * t.dialogue_size / _TEXT_SIZE)),
                                            family=SERIF,
                                            color=parse_rgb(e.color, t.text), scale=vp.scale,
                                            shadow=Shadow.scaled(vp.scale, 160), line_spacing=1.2)
            # the player's text size (the theme's dialogue size; _TEXT_SIZE at the normal size)
            text = self.renderer.layout(e.text, vp.px(t.dialogue_width), vp.px(t.dialogue_size), family=SERIF,
                                        color=t.text, scale=vp.scale, shadow=Shadow.scaled(vp.scale, 160))
            out.append((name, text))
        return out

    def content_height(self, vp: Viewport) -> float:
        """Everything's height in logical pixels."""
        total = 0
        for name, text in self._layouts(vp):
            total += (name.height if name else 0) + text.height + vp.px(_ENTRY_GAP)
        return total / vp.scale

    def _clamp(self) -> None:
        vp = self.current_viewport
        room = self.content_height(vp) - (_BOTTOM - _TOP)
        self.scroll = max(0.0, min(self.scroll, max(0.0, room)))

    def handle(self, event: pygame.event.Event, now: float) -> Action | None:
        if event.type == pygame.MOUSEWHEEL:
            if event.y < 0 and self.scroll <= 0:
                return Action.RETURN
            self.scroll += event.y * _STEP
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return Action.RETURN
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                return Action.RETURN
            if event.key == pygame.K_UP:
                self.scroll += _STEP
            elif event.key == pygame.K_DOWN:
                self.scroll -= _STEP
            elif event.key == pygame.K_PAGEUP:
                self.scroll += (_BOTTOM - _TOP) * 0.8
            elif event.key == pygame.K_PAGEDOWN:
                if self.scroll <= 0:
                    return Action.RETURN
                self.scroll -= (_BOTTOM - _TOP) * 0.8
            elif event.key == pygame.K_HOME:
                self.scroll = 1e9
            elif event.key == pygame.K_END:
                self.scroll = 0
        else:
            return None
        self._clamp()
        return None

    def next_redraw(self, now: float) -> float | None:
        return now if now < self.shown_at + _FADE else None

    def draw(self, surface: pygame.Surface, now: float) -> None:
        vp = self.fit(surface)
        t = self.theme
        u = smoothstep((now - self.shown_at) / _FADE)
        surface.blit(veil(surface.get_size(), t.bar, round(255 * 0.84 * u)), (0, 0))
        if u <= 0:
            return
        region = vp.rect(0, _TOP, vp.logical[0], _BOTTOM - _TOP)
        layer = pygame.Surface(region.size, pygame.SRCALPHA)
        y = region.height + vp.px(self.scroll)
        for name, text in reversed(self._layouts(vp)):
            y -= text.height
            if y < region.height and y + text.height > 0:
                self.renderer.draw(layer, text, (vp.x(t.dialogue_x) - region.x, y))
            if name is not None:
                y -= name.height
                if y < region.height and y + name.height > 0:
                    self.renderer.draw(layer, name, (vp.x(t.name_x) - region.x, y))
            y -= vp.px(_ENTRY_GAP)
            if y < 0:
                break
        # lines scroll out under a soft edge at the top instead of being cut
        fade = vertical_gradient((region.width, min(region.height, vp.px(80))), (255, 255, 255),
                                 ((0.0, 0.0), (1.0, 1.0)))
        layer.blit(fade, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        if u < 1.0:
            layer.set_alpha(round(255 * u))
        surface.blit(layer, region.topleft)
