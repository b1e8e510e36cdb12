"""The history screen (L, the quick menu, the game menu): the lines read so far, speaker names
in their colours, newest at the bottom, scrolled by the wheel, arrows, Page Up/Down, Home/End.
Esc, right click, a left click or L close it (and scrolling down past the newest line, as in
Ren'Py)."""

from __future__ import annotations

import pygame

from vn.ui.backlog import Backlog, BacklogEntry
from vn.ui.keymap import action_for
from vn.ui.stack import ScreenView
from vn.ui.widgets import draw_text

LIMIT = 300  # entries shown (the session keeps its own bound)


class HistoryView(ScreenView):
    full_page = True
    def __init__(self, host, session) -> None:
        super().__init__(host)
        self.session = session
        self.backlog: Backlog | None = None

    def on_show(self, now: float) -> None:
        super().on_show(now)
        entries = [BacklogEntry.from_line(line) for line in list(self.session.history)[-LIMIT:]]
        self.backlog = Backlog(self.host.text, entries, now, theme=self.host.theme)

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if self.backlog is None:
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.close()
            return
        if event.type == pygame.KEYDOWN and action_for(event) in ("history", "menu"):
            self.close()
            return
        if self.backlog.handle(event, now) == "return":
            self.close()

    def next_redraw(self, now: float) -> float | None:
        return self.backlog.next_redraw(now) if self.backlog else None

    def draw(self, surface: pygame.Surface, now: float) -> None:
        if self.backlog is None:
            return
        self.backlog.viewport = self.host.viewport
        self.backlog.draw(surface, now)
        vp = self.host.viewport
        t = self.host.theme
        if not self.backlog.entries:
            draw_text(surface, vp, self.host.text, "Nothing read yet.", 360, 500, 1200, 34, align="center",
                      color=t.text_dim, theme=t)
        draw_text(surface, vp, self.host.text, "HISTORY  \u00b7  wheel or arrows to scroll  \u00b7  click, Esc or L to "
                  "close", 0, 1040, 1920, 20, align="center", color=t.text_dim, theme=t)
