"""The content note screen, through the real loop: Start shows it before the story, its words
are drawn and fit at every size and text size, Continue starts the game, Quit (and Esc) go back
to the title, mouse and self-voicing work; a game without a note goes straight in."""

from __future__ import annotations

import pygame
import pytest
from app_helpers import FakeVoice, click, key, make_player, run, top
from ui_helpers import count_pixels, luminance

from vn.ui.contentnote import ContentNoteView
from vn.ui.game import GameView
from vn.ui.title import TitleView
from vn.ui.widgets import overflows


def to_note(p) -> ContentNoteView:
    run(p, 0.5)
    title = top(p)
    assert isinstance(title, TitleView) and title.group.focus_key == "start"
    key(pygame.K_RETURN)
    run(p, 0.6)
    note = top(p)
    assert isinstance(note, ContentNoteView)
    return note


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_start_shows_the_note_and_continue_starts_the_story(dirs, size) -> None:
    p = make_player(None, size)
    note = to_note(p)
    assert note.note.paragraphs[0].startswith("This is a story about two men")
    p.draw()
    vp = p.viewport
    # the words are drawn in the reading column, light on a dark screen
    column = vp.rect(400, 250, 1120, 500)
    assert count_pixels(p.canvas, column, lambda c: luminance(c) > 170) > 200
    assert count_pixels(p.canvas, vp.rect(0, 0, 300, 1080), lambda c: luminance(c) > 120) < 20  # dimmed picture
    for c in note.group.controls:
        assert not overflows(vp, p.screen.text, c, p.theme), c.key
    assert [c.label for c in note.group.controls] == ["Continue", "Quit"]
    assert note.group.focus_key == "continue"
    key(pygame.K_RETURN)
    run(p, 0.5)
    game = top(p)
    assert isinstance(game, GameView) and game.session.story.state.label == "sunset"


def test_quit_and_escape_go_back_to_the_title(dirs) -> None:
    p = make_player(None)
    to_note(p)
    key(pygame.K_RIGHT)
    run(p, 0.1)
    assert top(p).group.focus_key == "quit"
    key(pygame.K_RETURN)
    run(p, 0.3)
    assert isinstance(top(p), TitleView) and p.running
    to_note(p)
    key(pygame.K_ESCAPE)
    run(p, 0.3)
    assert isinstance(top(p), TitleView) and p.game_view() is None


def test_a_click_on_continue_starts(dirs) -> None:
    p = make_player(None)
    note = to_note(p)
    p.draw()
    rect = p.viewport.rect(*note.group.control("continue").rect)
    click(rect.center)
    run(p, 0.3)
    assert isinstance(top(p), GameView)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_it_fits_at_the_largest_text_size_in_high_contrast(dirs, size) -> None:
    p = make_player(None, size)
    p.settings.text_size = 3
    p.settings.high_contrast = True
    p.settings_changed()
    note = to_note(p)
    p.draw()
    vp = p.viewport
    text_size, top_y, _ = note.layout(vp)
    buttons = [c.rect for c in note.group.controls]
    assert top_y >= 60 and all(y + h <= 1020 for _, y, _, h in buttons)
    for c in note.group.controls:
        assert not overflows(vp, p.screen.text, c, p.theme), c.key
    assert text_size >= 22


def test_self_voicing_reads_the_note_then_the_focus(dirs) -> None:
    p = make_player(None)
    p.speaker = voice = FakeVoice()
    p.settings.self_voicing = True
    to_note(p)
    assert voice.said[-1].startswith("Content note. This is a story about two men")
    assert voice.said[-1].endswith("Continue")
    key(pygame.K_RIGHT)
    run(p, 0.1)
    assert voice.said[-1] == "Quit"


def test_a_game_without_a_note_starts_at_once(small) -> None:
    p = make_player(small)
    run(p, 0.5)
    key(pygame.K_RETURN)
    run(p, 0.3)
    assert isinstance(top(p), GameView)
