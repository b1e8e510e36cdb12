"""The interface drawn over the scene: text box, choices, backlog, cards.

Each view has `draw(surface, now)`, `handle(event, now)` and `next_redraw(now)` (see
`vn.ui.view`); all are laid out at 1920x1080 and drawn at the output size through a `Viewport`.
"""

from __future__ import annotations

from vn.ui.actions import Action
from vn.ui.backlog import Backlog, BacklogEntry
from vn.ui.card import CardView, draw_card
from vn.ui.choice import ChoiceMenu
from vn.ui.textbox import TextBox
from vn.ui.theme import THEME, Theme
from vn.ui.view import View
from vn.ui.viewport import Viewport

__all__ = [
    "Action",
    "Backlog",
    "BacklogEntry",
    "CardView",
    "ChoiceMenu",
    "TextBox",
    "THEME",
    "Theme",
    "View",
    "Viewport",
    "draw_card",
]
