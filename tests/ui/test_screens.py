"""Every screen draws at 1280x720 and 1920x1080, at the normal and the largest text size,
with no control's text running out of its box or off the picture, and the text box holding the
longest line of the bundled game."""

from __future__ import annotations

import pytest
from app_helpers import make_player, run
from ui_helpers import count_pixels, luminance

from vn.settings import TEXT_SIZES
from vn.ui.confirm import ConfirmView
from vn.ui.ending import EndView
from vn.ui.extras import ExtrasView
from vn.ui.gamemenu import GameMenuView
from vn.ui.help import ROW_H, TOP, HelpView
from vn.ui.history import HistoryView
from vn.ui.keymap import help_rows
from vn.ui.menuscreen import MenuScreen
from vn.ui.saveload import SaveLoadView
from vn.ui.settings_screen import SettingsView
from vn.ui.widgets import overflows


@pytest.fixture(autouse=True)
def _own_dirs(dirs):
    """Every screen test gets its own settings and saves folders."""


def _check(p, view) -> list[str]:
    p.open(view)
    run(p, 1.0, step=0.25)
    p.draw()
    problems = []
    if isinstance(view, MenuScreen):
        for c in view.group.controls:
            problems += overflows(p.viewport, p.text, c, p.theme)
    # something is drawn: the frame is not a blank sheet
    lit = count_pixels(p.canvas, p.canvas.get_rect(), lambda c: luminance(c) > 90)
    if lit < 50:
        problems.append(f"{type(view).__name__}: nothing drawn")
    view.close()
    p.tick(0.05)
    return problems


@pytest.mark.parametrize("size, text_size", [((1280, 720), 1), ((1280, 720), len(TEXT_SIZES) - 1),
                                             ((1920, 1080), len(TEXT_SIZES) - 1)])
def test_every_screen_draws_without_overflow(size, text_size):
    p = make_player(None, size)
    p.settings.text_size = text_size
    p.settings_changed()
    run(p, 0.5)
    problems = []
    for c in p.stack.top.group.controls:  # the main menu
        problems += overflows(p.viewport, p.text, c, p.theme)
    for view in (SettingsView(p), HelpView(p), ExtrasView(p), SaveLoadView(p, "load")):
        problems += _check(p, view)
    p.start_game()
    run(p, 4.0, step=0.25)
    for view in (GameMenuView(p), SaveLoadView(p, "save"), HistoryView(p, p.game_view().session),
                 ConfirmView(p, "Quit the game?", lambda: None, detail="A longer explanation of what is lost.")):
        problems += _check(p, view)
    end = EndView(p, "No Promise", "The door")
    problems += _check(p, end)
    assert problems == []


def test_the_help_lists_every_key_on_one_screen():
    rows = help_rows()
    assert TOP + len(rows) * ROW_H <= 985  # above the Back button
    keys = " ".join(k for k, _ in rows)
    for name in ("Space", "Page Up", "Page Down", "Tab", "Ctrl", "H", "S, F12", "F11", "Alt+Enter", "Esc",
                 "right click", "L", "F5", "F9", "1 – 9", "V", "Gamepad"):
        assert name in keys


@pytest.mark.parametrize("text_size", range(len(TEXT_SIZES)))
def test_the_text_box_holds_the_longest_line_at_every_text_size(text_size):
    from vn.settings import PlayerSettings
    from vn.story.text import render
    from vn.ui.theme import theme_for
    from vn.ui.viewport import Viewport

    p = make_player(None, (1280, 720))
    theme = theme_for(PlayerSettings(text_size=text_size))
    p.screen.set_theme(theme)
    box = p.screen.textbox
    texts = [render(ins.args["text"], {}) for label in p.screen.program.labels.values() for ins in label.code
             if ins.op == "line"]
    longest = max(texts, key=lambda t: len(t.plain))
    assert len(longest.plain) > 150
    vp = Viewport.fit((1280, 720))
    layout = box.dialogue_layout(vp, longest)
    room = vp.px(theme.textbox_height - theme.dialogue_y)
    assert layout.height <= room
    assert vp.px(theme.dialogue_x + theme.dialogue_width) <= vp.px(1920)
    if text_size > 0:
        assert theme.textbox_height >= theme_for(PlayerSettings(text_size=text_size - 1)).textbox_height
