"""What a view's `handle(event, now)` asks the host to do.

Views never change story state themselves (the host pulls from the story and pushes input
here); they answer with an `Action`, or with an option index (the choice menu), or None when
the event was not theirs. `Action` is a `str` enum, so hosts may compare with plain strings.
"""

from __future__ import annotations

from enum import Enum


class Action(str, Enum):
    ADVANCE = "advance"  # click / Space / Enter on the text: Typewriter.click, then maybe step
    MENU = "menu"  # Esc / right click: open the game menu
    TOGGLE_UI = "toggle_ui"  # H / middle click hid or restored the text box (redraw)
    BACKLOG = "backlog"  # mouse wheel up / PageUp: open the backlog
    SKIP = "skip"  # Tab: toggle skip mode (holding Ctrl is read by the host from key state)
    AUTO = "auto"  # A: toggle auto-forward
    TEXT_SPEED = "text_speed"  # game menu: the next typewriter speed
    RETURN = "return"  # close the menu / backlog and go back to the story
    QUIT = "quit"  # leave the game

    def __str__(self) -> str:
        return self.value
