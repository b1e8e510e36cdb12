"""The screen shown when something goes wrong while playing: a script error at run time, a
broken save, or a bug of ours. It says what happened and where, and offers what Ren'Py's error
screen offers a player: skip this step, back to the title, quit. Nothing is saved from here,
so the autosave and the settings stay as they were before the error."""

from __future__ import annotations

from collections.abc import Callable

from vn.render.text import SERIF
from vn.ui.menuscreen import MenuScreen
from vn.ui.paint import fading_bar, with_alpha
from vn.ui.widgets import Control, draw_text


class ErrorView(MenuScreen):
    dim = 0.8
    heading = "Something went wrong"

    def __init__(self, host, what: str, where: str, on_skip: Callable[[], None] | None,
                 on_title: Callable[[], None], on_quit: Callable[[], None]) -> None:
        self.what, self.where = what, where
        self.on_skip, self.on_title, self.on_quit = on_skip, on_title, on_quit
        super().__init__(host, focus="skip" if on_skip is not None else "title")

    def controls(self) -> list[Control]:
        out = []
        if self.on_skip is not None:
            out.append(Control("skip", (390, 700, 360, 70), "Skip this step", on_activate=self._skip))
        out.append(Control("title", (780, 700, 360, 70), "Back to the title", on_activate=self.on_title))
        out.append(Control("quit", (1170, 700, 360, 70), "Quit", on_activate=self.on_quit))
        return out

    def back(self) -> None:  # Esc does not wave the error away: the reader chooses
        pass

    def _skip(self) -> None:
        self.close()
        if self.on_skip is not None:
            self.on_skip()

    def draw_content(self, surface, vp, opacity: float) -> None:
        t = self.host.theme
        panel = vp.rect(260, 250, 1400, 400)
        with_alpha(fading_bar(panel.size, t.bar, 0.97, 0.04), surface, panel.topleft, opacity)
        h = draw_text(surface, vp, self.host.text, self.what, 320, 290, 1280, 34, family=SERIF,
                      opacity=opacity, theme=t)
        draw_text(surface, vp, self.host.text, self.where, 320, 310 + h, 1280, 24, color=t.text_dim,
                  opacity=opacity, theme=t)
