"""The choice menu: a centred column of options, picked by mouse, arrows + Enter, or 1-9.

Ren'Py's template geometry at 1920x1080: buttons 1185 px wide, text at dialogue size inside
150 px side margins, the column centred at y 405 so it clears the text box. `handle` returns
the chosen option's `index` (pass it to `Story.choose`). A mouse pick needs both the press and
the release on the same option, so the click that brought the menu up cannot choose.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from vn.render.text import SERIF, Shadow, TextLayout, TextRenderer
from vn.story.events import Choice
from vn.ui.paint import fading_bar, smoothstep, with_alpha
from vn.ui.theme import THEME, Theme
from vn.ui.view import Fitted
from vn.ui.viewport import Viewport

_NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 10)}
_NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 10)})
_PICK_KEYS = {pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE}
_STAGGER = 0.045  # seconds between the buttons' entrances


@dataclass(frozen=True, eq=False)
class _Button:
    rect: pygame.Rect
    idle: TextLayout
    focused: TextLayout


class ChoiceMenu(Fitted):
    def __init__(self, renderer: TextRenderer, choice: Choice, now: float, theme: Theme = THEME,
                 viewport: Viewport | None = None, chosen: frozenset[int] = frozenset()) -> None:
        self.renderer = renderer
        self.choice = choice
        self.chosen = chosen  # options (by position) picked in an earlier run: set in a dimmer ink
        self.theme = theme
        self.viewport = viewport
        self.shown_at = now
        self.focus: int | None = None  # position in the column (not the option's index)
        self._pressed: int | None = None
        self._mouse_focus = False
        self._buttons: list[_Button] = []
        self._layout_for: Viewport | None = None

    # -- geometry ------------------------------------------------------------------------

    def buttons(self, vp: Viewport | None = None) -> list[_Button]:
        vp = vp or self.current_viewport
        if self._layout_for != vp:
            self._buttons = self._arrange(vp)
            self._layout_for = vp
        return self._buttons

    def rects(self, vp: Viewport | None = None) -> list[pygame.Rect]:
        """Each option's button on the output surface, in column order."""
        return [b.rect for b in self.buttons(vp)]

    def _arrange(self, vp: Viewport) -> list[_Button]:
        t = self.theme
        width, size = vp.px(t.choice_text_width), vp.px(t.dialogue_size)
        shadow = Shadow.scaled(vp.scale, 170)
        layouts = [(self.renderer.layout(o.text, width, size, family=SERIF,
                                         color=t.text_dim if n in self.chosen else t.text, align="center",
                                         scale=vp.scale, shadow=shadow),
                    self.renderer.layout(o.text, width, size, family=SERIF, color=t.accent, align="center",
                                         scale=vp.scale, shadow=shadow))
                   for n, o in enumerate(self.choice.options)]
        pad, gap = vp.px(t.choice_pad_y), vp.px(t.choice_spacing)
        heights = [idle.height + 2 * pad for idle, _ in layouts]
        total = sum(heights) + gap * max(0, len(heights) - 1)
        top_limit = vp.y(40)
        bottom_limit = vp.y(vp.logical[1] - t.textbox_height - 20)
        top = vp.y(t.choice_center_y) - total // 2
        top = max(top_limit, min(top, bottom_limit - total))
        left = vp.x((vp.logical[0] - t.choice_width) / 2)
        right = vp.x((vp.logical[0] + t.choice_width) / 2)
        out = []
        for (idle, focused), h in zip(layouts, heights, strict=True):
            out.append(_Button(pygame.Rect(left, top, right - left, h), idle, focused))
            top += h + gap
        return out

    def _at(self, pos: tuple[int, int]) -> int | None:
        for n, rect in enumerate(self.rects()):
            if rect.collidepoint(pos):
                return n
        return None

    # -- input ---------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event, now: float) -> int | None:
        """Returns the chosen `ChoiceOption.index`, or None."""
        count = len(self.choice.options)
        if event.type == pygame.MOUSEMOTION:
            hit = self._at(event.pos)
            if hit is not None:
                self.focus, self._mouse_focus = hit, True
            elif self._mouse_focus:
                self.focus, self._mouse_focus = None, False
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pressed = self._at(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit = self._at(event.pos)
            pressed, self._pressed = self._pressed, None
            if hit is not None and hit == pressed:
                return self._pick(hit)
        elif event.type == pygame.KEYDOWN and count:
            if event.key in _NUMBER_KEYS:
                n = _NUMBER_KEYS[event.key]
                return self._pick(n) if n < count else None
            if event.key in (pygame.K_DOWN, pygame.K_TAB):
                self.focus = 0 if self.focus is None else (self.focus + 1) % count
                self._mouse_focus = False
            elif event.key == pygame.K_UP:
                self.focus = count - 1 if self.focus is None else (self.focus - 1) % count
                self._mouse_focus = False
            elif event.key in _PICK_KEYS and self.focus is not None:
                return self._pick(self.focus)
        return None

    def _pick(self, n: int) -> int:
        self.focus = n
        return self.choice.options[n].index

    # -- drawing -------------------------------------------------------------------------

    def _entrance(self, n: int, now: float) -> float:
        span = self.theme.choice_fade
        u = (now - self.shown_at - n * _STAGGER) / span if span > 0 else 1.0
        return smoothstep(u)

    def next_redraw(self, now: float) -> float | None:
        end = self.shown_at + self.theme.choice_fade + _STAGGER * max(0, len(self.choice.options) - 1)
        return now if now < end else None

    def draw(self, surface: pygame.Surface, now: float) -> None:
        vp = self.fit(surface)
        t = self.theme
        for n, button in enumerate(self.buttons(vp)):
            u = self._entrance(n, now)
            if u <= 0:
                continue
            rect = button.rect.move(0, round((1.0 - u) * vp.px(14)))
            focused = n == self.focus
            bar = fading_bar(rect.size, t.bar_hover if focused else t.bar, 0.80 if focused else 0.58, 0.24)
            with_alpha(bar, surface, rect.topleft, u)
            # hairlines top and bottom: faint when idle (the button reads as one over a dark
            # night), gold when focused
            line = fading_bar((rect.width, max(1, vp.px(1.5))), t.accent if focused else t.text,
                              0.75 if focused else 0.13, 0.32)
            with_alpha(line, surface, rect.topleft, u)
            with_alpha(line, surface, (rect.x, rect.bottom - line.get_height()), u)
            layout = button.focused if focused else button.idle
            x = rect.x + (rect.width - layout.max_width) // 2
            y = rect.y + (rect.height - layout.height) // 2
            self.renderer.draw(surface, layout, (x, y), alpha=round(255 * u))
