"""The window's views through the real loop: synthetic events in, the stack and the frames out."""

from __future__ import annotations

import pygame
import pytest
from app_helpers import FakeVoice, click, key, make_player, run, to_choice, to_line, top, wheel

from vn.ui.confirm import ConfirmView
from vn.ui.ending import EndView
from vn.ui.game import GameView
from vn.ui.gamemenu import GameMenuView
from vn.ui.history import HistoryView
from vn.ui.settings_screen import SettingsView
from vn.ui.title import TitleView


def test_the_title_starts_the_story(small):
    p = make_player(small)
    run(p, 0.3)
    assert isinstance(top(p), TitleView)
    assert top(p).group.focus_key == "start"  # no save yet: Start has the focus
    key(pygame.K_RETURN)
    run(p, 1.5)
    assert isinstance(top(p), GameView)
    to_line(p, "Line A.")


def test_the_main_menu_answers_the_mouse_alone(small):
    p = make_player(small)
    run(p, 0.3)
    vp = p.viewport
    start = top(p).group.control("start")
    x, y, w, h = start.rect
    pos = vp.point(x + w / 2, y + h / 2)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    click(pos)
    run(p, 1.0)
    assert isinstance(top(p), GameView)


def test_escape_and_right_click_open_the_menu_during_a_choice(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_choice(p)
    key(pygame.K_ESCAPE)
    run(p, 0.2)
    assert isinstance(top(p), GameMenuView)
    key(pygame.K_ESCAPE)  # Esc again: back to the choice
    run(p, 0.2)
    assert isinstance(top(p), GameView) and top(p).session.choice is not None
    click((640, 200), button=3)
    run(p, 0.2)
    assert isinstance(top(p), GameMenuView)
    click((5, 5), button=3)  # right click backs out of the menu too
    run(p, 0.2)
    assert isinstance(top(p), GameView)
    key(pygame.K_2)  # number keys pick
    run(p, 1.0)
    assert top(p).session.story.state.variables["picked"] == 2


def test_the_story_stands_still_under_the_menu(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    game = top(p)
    before = game.game_time(p.now)
    key(pygame.K_ESCAPE)
    run(p, 3.0)
    assert game.game_time(p.now) == pytest.approx(before, abs=0.06)
    key(pygame.K_ESCAPE)
    run(p, 0.5)
    assert game.game_time(p.now) == pytest.approx(before + 0.5, abs=0.11)


def test_a_left_click_closes_the_history(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line B")
    key(pygame.K_l)
    run(p, 0.3)
    assert isinstance(top(p), HistoryView)
    assert [e.text.plain for e in top(p).backlog.entries][-2:] == ["Line A.", "Line B, said by Zack."]
    assert top(p).backlog.entries[-1].color == "#8fb8ff"
    wheel(+1)  # scrolling does not close it
    run(p, 0.2)
    assert isinstance(top(p), HistoryView)
    click((640, 360))
    run(p, 0.2)
    assert isinstance(top(p), GameView)
    assert top(p).session.line.text.plain == "Line B, said by Zack."  # the click did not advance


def test_quit_asks_first_and_then_leaves(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    key(pygame.K_ESCAPE)
    run(p, 0.2)
    top(p).group.focus_key = "quit"
    key(pygame.K_RETURN)
    run(p, 0.2)
    assert isinstance(top(p), ConfirmView) and top(p).group.focus_key == "no"
    key(pygame.K_RETURN)  # "No" has the focus: nothing is lost
    run(p, 0.2)
    assert isinstance(top(p), GameMenuView) and p.running
    key(pygame.K_RETURN)
    run(p, 0.2)
    key(pygame.K_LEFT)
    key(pygame.K_RETURN)
    p.tick(0.05)
    assert not p.running


def test_settings_persist_across_runs_and_apply_at_once(small, dirs):
    p = make_player(small)
    run(p, 0.3)
    top(p).group.focus_key = "settings"
    key(pygame.K_RETURN)
    run(p, 0.3)
    assert isinstance(top(p), SettingsView)
    height = p.screen.textbox.theme.textbox_height
    top(p).group.focus_key = "text_size"
    key(pygame.K_RIGHT)
    key(pygame.K_RIGHT)
    run(p, 0.1)
    top(p).group.focus_key = "contrast"
    key(pygame.K_RETURN)
    run(p, 0.1)
    top(p).group.focus_key = "music"
    key(pygame.K_LEFT)
    run(p, 0.2)
    assert p.settings.text_size == 3 and p.settings.high_contrast
    assert p.screen.textbox.theme.textbox_height > height  # applied at once: the box grows
    # one folder per game title, below $VN_CONFIG_DIR
    assert p.settings_file == dirs / "config" / p.game.program.title / "settings.json"
    assert p.settings_file.is_file()
    again = make_player(small)
    assert again.settings.text_size == 3
    assert again.settings.high_contrast
    assert again.settings.music_volume == pytest.approx(p.settings.music_volume)
    assert again.screen.textbox.theme.textbox_height == p.screen.textbox.theme.textbox_height


def test_hide_the_text_box_and_bring_it_back(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    key(pygame.K_h)
    run(p, 0.2)
    assert p.screen.textbox.user_hidden
    key(pygame.K_SPACE)  # brings the box back, does not advance
    run(p, 0.2)
    assert not p.screen.textbox.user_hidden
    assert top(p).session.line.text.plain == "Line A."


def test_the_end_screen_then_the_title(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_choice(p)
    key(pygame.K_1)
    run(p, 0.5)
    for _ in range(6):
        if isinstance(top(p), EndView):
            break
        key(pygame.K_SPACE)
        run(p, 0.6)
    assert isinstance(top(p), EndView)
    assert top(p).title == "Chapter One"  # the last card shown names the ending
    click((640, 360))
    run(p, 0.3)
    assert top(p).phase == "credits"
    click((640, 360))
    run(p, 0.3)
    assert isinstance(top(p), TitleView)
    # Extras: the ending is listed, and the chapter seen can be started again
    top(p).group.focus_key = "extras"
    key(pygame.K_RETURN)
    run(p, 0.3)
    extras = top(p)
    assert [e["title"] for e in extras.endings] == ["Chapter One"]
    assert extras.group.control("chapter:0").label == "Chapter One"
    extras.group.focus_key = "chapter:0"
    key(pygame.K_RETURN)
    run(p, 1.5)
    assert isinstance(top(p), GameView)
    to_line(p, "Line A.")


def test_bundled_credits_say_it_is_a_fan_work(dirs):
    from vn.game import load_game
    from vn.ui.ending import read_credits

    text = " ".join(words for _, words in read_credits(load_game(None)))
    assert "non-commercial fan work" in text and "Square Enix" in text and "Final Fantasy VII" in text


def test_a_screenshot_is_written_and_its_place_said(small, dirs):
    p = make_player(small)
    run(p, 0.3)
    key(pygame.K_s)
    run(p, 0.1)
    shots = list((dirs / "data" / "screenshots").glob("*.png"))
    assert len(shots) == 1
    assert pygame.image.load(str(shots[0])).get_size() == (1280, 720)
    assert any(str(shots[0]) in text for text, _ in p.notices)


def test_an_idle_line_draws_nothing(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    run(p, 2.0)  # the line types out
    draws = 0
    real = p.draw

    def counting() -> None:
        nonlocal draws
        draws += 1
        real()

    p.draw = counting
    run(p, 3.0)
    assert draws == 0


def test_the_title_light_redraws_only_as_often_as_it_needs(dirs):
    from vn.stage.motion import FPS
    from vn.ui.title import LIGHT_FPS, LIGHT_HOLD, LIGHT_TWEEN

    p = make_player(None)
    run(p, LIGHT_HOLD + 1.0)  # into the first slow change of light
    draws = 0
    real = p.draw

    def counting() -> None:
        nonlocal draws
        draws += 1
        real()

    p.draw = counting
    run(p, 4.0, step=1 / 60)
    # the light's steps and the living motion's frames (dust in the beam, at its own rate), not
    # the display's 60 a second
    assert 0 < draws <= 4.0 * (LIGHT_FPS + max(FPS.values())) + 2
    assert LIGHT_TWEEN > 4.0


def _pad(button: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=0, button=button))


def test_a_gamepad_advances_opens_the_menu_and_moves_the_focus(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    _pad(pygame.CONTROLLER_BUTTON_A)
    run(p, 0.3)
    assert top(p).session.line.text.plain.startswith("Line B")
    _pad(pygame.CONTROLLER_BUTTON_B)
    run(p, 0.2)
    assert isinstance(top(p), GameMenuView) and top(p).group.focus_key == "resume"
    _pad(pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    run(p, 0.1)
    assert top(p).group.focus_key == "save"
    _pad(pygame.CONTROLLER_BUTTON_B)
    run(p, 0.1)
    assert isinstance(top(p), GameView)


def test_self_voicing_reads_the_line_aloud(small):
    from probes import require_espeak

    require_espeak()
    p = make_player(small, label="start")
    run(p, 1.0)
    key(pygame.K_v)
    run(p, 0.1)
    assert p.settings.self_voicing
    to_line(p, "Line B")
    assert p.speaker._proc is not None  # espeak-ng is speaking the new line
    key(pygame.K_v)
    run(p, 0.1)
    assert not p.settings.self_voicing and p.speaker._proc is None


def test_without_a_speech_engine_the_player_is_told(small):
    from vn.speech import MISSING, Speaker

    p = make_player(small, label="start")
    p.speaker = Speaker(engines=("no-such-speech-engine",))
    run(p, 0.5)
    key(pygame.K_v)
    run(p, 0.1)
    assert not p.settings.self_voicing
    assert any(MISSING in text for text, _ in p.notices)


def test_fullscreen_keys_switch_the_window_and_the_setting_is_kept(small):
    p = make_player(small)
    run(p, 0.3)
    key(pygame.K_F11)
    run(p, 0.1)
    assert p.fullscreen and p.settings.fullscreen
    key(pygame.K_RETURN, mod=pygame.KMOD_LALT)  # Alt+Enter: back to a window, not "Start"
    run(p, 0.1)
    assert not p.fullscreen and isinstance(top(p), TitleView)
    key(pygame.K_f)
    run(p, 0.1)
    assert make_player(small).settings.fullscreen


def test_self_voicing_reads_menus_and_their_focus(small):
    p = make_player(small, label="start")
    voice = FakeVoice()
    p.speaker = voice
    p.settings.self_voicing = True
    run(p, 1.0)
    to_line(p, "Line A.")
    assert "Line A." in voice.said
    key(pygame.K_ESCAPE)
    run(p, 0.2)
    assert voice.said[-1] == "Small Test, Resume"
    key(pygame.K_DOWN)
    run(p, 0.1)
    assert voice.said[-1] == "Save"


def test_tab_at_a_choice_moves_the_focus_instead_of_skipping(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_choice(p)
    key(pygame.K_TAB)
    run(p, 0.2)
    game = top(p)
    assert not game.skip_toggled
    assert p.screen.choice_menu(game.session, game.game_time(p.now)).focus == 0
