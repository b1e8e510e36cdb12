"""The Help screen: every key, button and click the game answers, from the keymap itself."""

from __future__ import annotations

from vn.render.text import SANS
from vn.ui.keymap import help_rows
from vn.ui.menuscreen import MenuScreen
from vn.ui.widgets import Control, draw_text

ROW_H = 38
TOP = 200


class HelpView(MenuScreen):
    full_page = True
    heading = "Help"
    heading_y = 60.0
    dim = 0.86

    def controls(self) -> list[Control]:
        return [Control("back", (960 - 150, 985, 300, 64), "Back", on_activate=self.close)]

    def draw_content(self, surface, vp, opacity: float) -> None:
        t = self.host.theme
        y = TOP
        for keys, what in help_rows():
            draw_text(surface, vp, self.host.text, keys, 200, y, 620, 25, color=t.accent, family=SANS,
                      align="right", opacity=opacity, theme=t)
            draw_text(surface, vp, self.host.text, what, 870, y, 900, 25, family=SANS, opacity=opacity, theme=t)
            y += ROW_H
