"""A yes/no question before anything that would lose the player's work (quit, back to the main
menu, overwriting a save). The focus starts on the answer that loses nothing; Esc, right
click and B answer no."""

from __future__ import annotations

from collections.abc import Callable

from vn.render.text import SERIF
from vn.ui.menuscreen import MenuScreen
from vn.ui.paint import fading_bar, with_alpha
from vn.ui.widgets import Control, draw_text

PANEL = (360, 350, 1200, 350)  # logical px: the dialog's band
BUTTONS_Y = 575


class ConfirmView(MenuScreen):
    dim = 0.55

    def __init__(self, host, question: str, on_yes: Callable[[], None], yes: str = "Yes", no: str = "No",
                 detail: str = "") -> None:
        self.question = question
        self.detail = detail
        self.on_yes = on_yes
        self.yes, self.no = yes, no
        super().__init__(host, focus="no")

    def controls(self) -> list[Control]:
        return [Control("yes", (960 - 330, BUTTONS_Y, 300, 70), self.yes, on_activate=self._yes),
                Control("no", (960 + 30, BUTTONS_Y, 300, 70), self.no, on_activate=self.close)]

    def _yes(self) -> None:
        self.close()
        self.on_yes()

    def draw_content(self, surface, vp, opacity: float) -> None:
        t = self.host.theme
        panel = vp.rect(*PANEL)
        # opaque where the words are: the menu under the dialog must not show through them
        with_alpha(fading_bar(panel.size, t.bar, 1.0, 0.04), surface, panel.topleft, opacity)
        line = fading_bar((panel.width, max(1, vp.px(1.5))), t.accent, 0.6, 0.04)
        with_alpha(line, surface, panel.topleft, opacity)
        with_alpha(line, surface, (panel.x, panel.bottom - line.get_height()), opacity)
        h = draw_text(surface, vp, self.host.text, self.question, 460, 405, 1000, 40, family=SERIF,
                      align="center", opacity=opacity, theme=t)
        if self.detail:
            draw_text(surface, vp, self.host.text, self.detail, 460, 417 + h, 1000, 26, color=t.text_dim,
                      align="center", opacity=opacity, theme=t)
