"""The game menu (Esc or right click during the story, also while a choice is shown): Resume,
Save, Load, Settings, History, Help, Main menu, Quit."""

from __future__ import annotations

import importlib

from vn.ui.confirm import ConfirmView
from vn.ui.menuscreen import MenuScreen
from vn.ui.widgets import Control, column


class GameMenuView(MenuScreen):
    heading_y = 150.0

    def __init__(self, host) -> None:
        self.heading = host.screen.program.title
        super().__init__(host)

    def controls(self) -> list[Control]:
        from vn.ui.game import GameView

        game = self.host.stack.find(GameView)

        def opener(module: str, cls: str, *args):
            def go() -> None:
                view = getattr(importlib.import_module(f"vn.ui.{module}"), cls)
                self.host.open(view(self.host, *args))
            return go

        items = [("resume", "Resume", self.close),
                 ("save", "Save", opener("saveload", "SaveLoadView", "save")),
                 ("load", "Load", opener("saveload", "SaveLoadView", "load")),
                 ("settings", "Settings", opener("settings_screen", "SettingsView")),
                 ("history", "History", (lambda: self.host.open(self._history(game))) if game else None),
                 ("help", "Help", opener("help", "HelpView")),
                 ("title", "Main menu", self._to_title),
                 ("quit", "Quit", self._quit)]
        return column(items, top=330, width=560, height=68, gap=4,
                      enabled=lambda k: self.host.saves is not None or k not in ("save", "load"))

    def _history(self, game):
        from vn.ui.history import HistoryView

        return HistoryView(self.host, game.session)

    def _to_title(self) -> None:
        self.host.open(ConfirmView(self.host, "Return to the main menu?", self.host.to_title,
                                   detail="Anything since your last save is lost (the game keeps an autosave "
                                          "from the last choice)."))

    def _quit(self) -> None:
        self.host.open(ConfirmView(self.host, "Quit the game?", self.host.quit,
                                   detail="Your place is autosaved: Continue on the title screen brings you back."))
