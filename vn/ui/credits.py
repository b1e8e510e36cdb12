"""Extras > Credits: the game's `assets/credits.txt` (`# ` starts a heading; `read_credits`) on a page of its own, as Ren'Py's About screen: headings in the story serif,
lines in the sans, centred in a reading column. Credits longer than the page scroll (mouse
wheel, Up/Down, Page Up/Page Down, Home/End) with a thin bar on the right showing where the
page is; Esc, right click, B or Back close it.
"""

from __future__ import annotations

import pygame

from vn.render.text import SANS, SERIF, Shadow
from vn.ui.menuscreen import MenuScreen
from vn.ui.widgets import Control

TOP, BOTTOM = 178.0, 935.0  # logical px: the credits are drawn (and clipped) between these
COLUMN_X, COLUMN_W = 360.0, 1200.0
HEADING_SIZE, TEXT_SIZE = 36, 25
GAP = 24.0  # logical px for a blank line of credits.txt
STEP = 60.0  # logical px a wheel notch or an arrow key scrolls


def read_credits(game) -> list[tuple[str, str]]:
    """("heading" | "text", words) from `assets/credits.txt`; a plain line when there is none."""
    path = game.find("assets/credits.txt")
    lines: list[tuple[str, str]] = []
    if path is not None:
        try:
            for raw in path.read_text("utf-8").splitlines():
                raw = raw.strip()
                if raw.startswith("# "):
                    lines.append(("heading", raw[2:].strip()))
                elif raw:
                    lines.append(("text", raw))
                else:
                    lines.append(("gap", ""))
        except (OSError, UnicodeDecodeError):
            lines = []
    return lines or [("heading", game.program.title), ("text", "Made with vn.")]


def credit_layouts(renderer, vp, theme, credits) -> tuple[list[tuple[float, object]], float]:
    """The credits (`read_credits`) laid out in the reading column: ([(logical y from the
    top of the column, TextLayout)], total logical height). Headings in the story serif,
    lines in the sans (dimmer), blank lines as `GAP`. Shared by this page and the end screen."""
    out, y = [], 0.0
    for kind, words in credits:
        if kind == "gap":
            y += GAP
            continue
        heading = kind == "heading"
        lay = renderer.layout(words, vp.px(COLUMN_W), vp.px(HEADING_SIZE if heading else TEXT_SIZE),
                              family=SERIF if heading else SANS, italic=heading, align="center",
                              color=theme.text if heading else theme.text_dim, scale=vp.scale,
                              shadow=Shadow.scaled(vp.scale, 150))
        if heading and out:
            y += 14
        out.append((y, lay))
        y += lay.height / vp.scale + (8 if heading else 6)
    return out, y


def draw_column(surface: pygame.Surface, renderer, vp, lines, top: float, opacity: float) -> None:
    """The laid-out credits with the column's top at logical `top`, clipped to TOP..BOTTOM."""
    area = vp.rect(0, TOP, 1920, BOTTOM - TOP)
    clip = surface.get_clip()
    surface.set_clip(area.clip(clip) if clip else area)
    for y, lay in lines:
        at = top + y
        if at + lay.height / vp.scale < TOP or at > BOTTOM:
            continue
        renderer.draw(surface, lay, vp.point(COLUMN_X, at), alpha=round(255 * opacity))
    surface.set_clip(clip)


class CreditsView(MenuScreen):
    full_page = True
    heading = "Credits"
    heading_y = 70.0
    dim = 0.86

    def __init__(self, host) -> None:
        self.credits = read_credits(host.game)
        self.scroll = 0.0  # logical px the column is moved up
        self._laid: tuple = (None, [], 0.0)
        super().__init__(host, focus="back")

    def controls(self) -> list[Control]:
        return [Control("back", (960 - 150, 960, 300, 66), "Back", on_activate=self.close)]

    # -- the column ---------------------------------------------------------------------------

    def layout(self, vp) -> tuple[list[tuple[float, object]], float]:
        """([(logical y, TextLayout)], total logical height) of the credits for this viewport."""
        if self._laid[0] != (vp, self.host.theme):
            self._laid = ((vp, self.host.theme), *credit_layouts(self.host.text, vp, self.host.theme, self.credits))
        return self._laid[1], self._laid[2]

    def max_scroll(self) -> float:
        _, total = self.layout(self.host.viewport)
        return max(0.0, total - (BOTTOM - TOP))

    def scroll_by(self, delta: float) -> None:
        self.scroll = max(0.0, min(self.max_scroll(), self.scroll + delta))

    def handle_scroll(self, event: pygame.event.Event) -> bool:
        page = BOTTOM - TOP - STEP
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * STEP)
            return True
        if event.type == pygame.KEYDOWN:
            delta = {pygame.K_UP: -STEP, pygame.K_DOWN: STEP, pygame.K_PAGEUP: -page, pygame.K_PAGEDOWN: page,
                     pygame.K_HOME: -1e9, pygame.K_END: 1e9}.get(event.key)
            if delta is not None:
                self.scroll_by(delta)
                return True
        return False

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if self.handle_scroll(event):
            return
        super().handle(event, now)

    def draw_content(self, surface: pygame.Surface, vp, opacity: float) -> None:
        lines, total = self.layout(vp)
        top = TOP if total > BOTTOM - TOP else TOP + (BOTTOM - TOP - total) / 3  # a short page sits high
        draw_column(surface, self.host.text, vp, lines, top - self.scroll, opacity)
        if total > BOTTOM - TOP:  # where the page is: a thin bar at the right of the column
            t = self.host.theme
            span = BOTTOM - TOP
            thumb_h = max(40.0, span * span / total)
            thumb_y = TOP + (span - thumb_h) * (self.scroll / max(1.0, total - span))
            track = vp.rect(COLUMN_X + COLUMN_W + 40, TOP, 3, span)
            pygame.draw.rect(surface, tuple(round(c * 0.35) for c in t.text_dim[:3]), track)
            pygame.draw.rect(surface, t.accent, vp.rect(COLUMN_X + COLUMN_W + 39, thumb_y, 5, thumb_h))
