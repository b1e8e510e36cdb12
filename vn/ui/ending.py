"""The end screen: the ending's name, then the credits, then back to the title.

Both are set over the ending's own last image — the picture the story ended on, without the
card that closed it (each ending ends on its own picture) — faded in from the black of that card
and dimmed so the type reads (to `NAME_BRIGHTNESS` under the name, `CREDITS_BRIGHTNESS` under
the credits). A story that ended on black stays black. Each part holds for a while or until the
reader clicks or presses a key (Esc skips to the title). The credits come from the game's
`assets/credits.txt` (`# ` starts a heading), set as on Extras' Credits page (`vn.ui.credits`);
longer than the page, they roll up through the credits' time. The bundled game's say plainly that it is a non-commercial fan work whose characters and world
belong to Square Enix's *Final Fantasy VII*.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from vn.ui.card import draw_card
from vn.ui.credits import BOTTOM, TOP, credit_layouts, draw_column, read_credits  # noqa: F401 (re-exported)
from vn.ui.keymap import action_for
from vn.ui.paint import smoothstep
from vn.ui.stack import ScreenView
from vn.ui.widgets import draw_text

NAME_SECONDS = 5.0
CREDITS_SECONDS = 24.0
FADE = 0.8
NAME_BRIGHTNESS = 0.55  # the last image under the ending's name
CREDITS_BRIGHTNESS = 0.22  # ... and under the credits
ROLL_HOLD = 2.0  # seconds credits longer than the page rest before and after they roll


class EndView(ScreenView):
    opaque = True

    def __init__(self, host, title: str | None, subtitle: str | None = None) -> None:
        super().__init__(host)
        self.title = title or "The End"
        self.subtitle = subtitle
        self.phase = "name"
        self.phase_at = 0.0
        self.credits = read_credits(host.game)
        self.picture = self._last_picture(host)

    @staticmethod
    def _last_picture(host):
        """The picture the story ended on (`SceneView`), without its closing card, shake or
        flash; None when no story is on the stack."""
        game = host.game_view() if hasattr(host, "game_view") else None
        if game is None:
            return None
        view = game.session.scene.view(game.game_time(host.now))
        if view.stage is None and not view.sprites:
            return None
        return replace(view, card=None, transition=None, shake=(0.0, 0.0), flash=0.0)

    def on_show(self, now: float) -> None:
        super().on_show(now)
        if self.phase_at == 0.0:
            self.phase_at = now

    def _next(self, now: float) -> None:
        if self.phase == "name":
            self.phase, self.phase_at = "credits", now
        else:
            self.host.to_title()

    def update(self, now: float) -> bool:
        limit = NAME_SECONDS if self.phase == "name" else CREDITS_SECONDS
        if now >= self.phase_at + limit:
            self._next(now)
            return True
        return False

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if event.type not in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            return
        if action_for(event) == "menu":
            self.host.to_title()
        elif action_for(event) in ("advance", None) or event.type == pygame.MOUSEBUTTONDOWN:
            self._next(now)

    def _opacity(self, now: float) -> float:
        limit = NAME_SECONDS if self.phase == "name" else CREDITS_SECONDS
        t = now - self.phase_at
        return smoothstep(min(t / FADE, (limit - t) / FADE, 1.0))

    def next_redraw(self, now: float) -> float | None:
        limit = NAME_SECONDS if self.phase == "name" else CREDITS_SECONDS
        t = now - self.phase_at
        if t < FADE or t > limit - FADE or self._rolling():
            return now
        return self.phase_at + limit - FADE

    def _rolling(self) -> bool:
        """The credits are longer than the page: they roll (a frame each display frame)."""
        if self.phase != "credits":
            return False
        _, total = credit_layouts(self.host.text, self.host.viewport, self.host.theme, self.credits)
        return total > BOTTOM - TOP

    def _draw_picture(self, surface: pygame.Surface, now: float) -> None:
        """The last image, faded in from black at the start and dimmed under the type."""
        if self.picture is None:
            surface.fill((0, 0, 0))
            return
        self.host.screen.compositor.draw(surface, self.picture)
        if self.phase == "name":
            level = NAME_BRIGHTNESS * smoothstep((now - self.phase_at) / FADE)
        else:
            level = CREDITS_BRIGHTNESS + (NAME_BRIGHTNESS - CREDITS_BRIGHTNESS) * (
                1.0 - smoothstep((now - self.phase_at) / FADE))
        k = round(255 * max(0.0, min(1.0, level)))
        surface.fill((k, k, k), special_flags=pygame.BLEND_MULT)

    def draw(self, surface: pygame.Surface, now: float) -> None:
        self._draw_picture(surface, now)
        vp = self.host.viewport
        u = self._opacity(now)
        t = self.host.theme
        if self.phase == "name":
            draw_card(surface, vp, self.host.text, self.title, self.subtitle or "The end", u, t)
            return
        lines, total = credit_layouts(self.host.text, vp, t, self.credits)
        span = BOTTOM - TOP
        if total <= span:
            top = TOP + (span - total) / 3
        else:  # longer than the page: the credits roll up, held still a moment at each end
            roll = max(1.0, CREDITS_SECONDS - 2 * ROLL_HOLD - 2 * FADE)
            k = min(1.0, max(0.0, (now - self.phase_at - FADE - ROLL_HOLD) / roll))
            top = TOP - k * (total - span)
        draw_column(surface, self.host.text, vp, lines, top, u)
        draw_text(surface, vp, self.host.text, "Click or press a key to return to the title.", 0, 1010, 1920, 20,
                  align="center", color=t.text_dim, opacity=u * 0.8, theme=t)
