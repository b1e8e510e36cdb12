"""Title cards (`card: TITLE` with `subtitle:`): a chapter heading over black.

`draw_card` sets only the type (title in the story serif, a short gold rule, the subtitle in
spaced small capitals), so whoever draws the black (the compositor, during its card) can use
it; `CardView` is the whole card as a view, with its fade in, hold and fade out.
"""

from __future__ import annotations

import pygame

from vn.render.text import SANS, SERIF, Shadow, TextRenderer
from vn.ui.paint import fading_bar, letterspaced, smoothstep, with_alpha
from vn.ui.theme import THEME, Theme
from vn.ui.view import Fitted
from vn.ui.viewport import Viewport

TITLE_SIZE = 78
SUBTITLE_SIZE = 26
FADE = 0.8  # seconds in and out (shortened for a short card)


def draw_card(surface: pygame.Surface, vp: Viewport, renderer: TextRenderer, title: str,
              subtitle: str | None = None, opacity: float = 1.0, theme: Theme = THEME) -> None:
    """The card's type, centred on the picture, at `opacity` (0..1)."""
    if opacity <= 0:
        return
    vp = vp.design()
    alpha = round(255 * min(1.0, opacity))
    width = vp.px(1500)
    head = renderer.layout(title, width, vp.px(TITLE_SIZE), family=SERIF, color=theme.text, align="center",
                           scale=vp.scale, shadow=Shadow.scaled(vp.scale, 150), line_spacing=1.15)
    sub = None
    if subtitle:
        sub = renderer.layout(letterspaced(subtitle), width, vp.px(SUBTITLE_SIZE), family=SANS, color=theme.text_dim,
                              align="center", scale=vp.scale, shadow=None, line_spacing=1.3)
    gap = vp.px(34)
    rule_h = max(1, vp.px(1.5))
    lift = round(head.height * 0.12)  # the title's line box hangs below its letters
    total = head.height - lift + (gap * 2 + rule_h + sub.height if sub else 0)
    top = vp.y(540) - total // 2 - (vp.px(20) if sub else 0)
    left = vp.x(960) - width // 2
    renderer.draw(surface, head, (left, top), alpha=alpha)
    if sub is not None:
        y = top + head.height - lift + gap
        rule = fading_bar((vp.px(220), rule_h), theme.accent, 0.7, 0.5)
        with_alpha(rule, surface, (vp.x(960) - rule.get_width() // 2, y), opacity)
        renderer.draw(surface, sub, (left, y + rule_h + gap), alpha=alpha)


class CardView(Fitted):
    """A card shown from `start` for `duration` seconds: black, the type fading in and out."""

    def __init__(self, renderer: TextRenderer, title: str, subtitle: str | None, start: float,
                 duration: float = 2.5, theme: Theme = THEME, viewport: Viewport | None = None) -> None:
        self.renderer = renderer
        self.title = title
        self.subtitle = subtitle
        self.start = start
        self.duration = max(0.0, duration)
        self.theme = theme
        self.viewport = viewport

    def opacity(self, now: float) -> float:
        fade = min(FADE, self.duration / 3)
        t = now - self.start
        if t < 0 or t > self.duration:
            return 0.0
        if fade <= 0:
            return 1.0
        return smoothstep(min(t / fade, (self.duration - t) / fade, 1.0))

    def done(self, now: float) -> bool:
        return now >= self.start + self.duration

    def next_redraw(self, now: float) -> float | None:
        fade = min(FADE, self.duration / 3)
        if now < self.start:
            return self.start
        if now < self.start + fade or self.start + self.duration - fade <= now < self.start + self.duration:
            return now
        if now < self.start + self.duration - fade:
            return self.start + self.duration - fade
        return None

    def handle(self, event: pygame.event.Event, now: float) -> None:
        return None

    def draw(self, surface: pygame.Surface, now: float) -> None:
        vp = self.fit(surface)
        surface.fill((0, 0, 0))
        draw_card(surface, vp, self.renderer, self.title, self.subtitle, self.opacity(now), self.theme)
