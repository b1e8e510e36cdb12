"""The game menu, title card and backlog: input and a sanity look at their pixels."""

from __future__ import annotations

import pygame
import pytest
from ui_helpers import count_pixels, key, line, luminance, mouse, rich

from vn.render.text import TextRenderer
from vn.ui import Action, Backlog, BacklogEntry, CardView, GameMenu, TextBox, Viewport


def drawn_menu(renderer: TextRenderer, size=(1920, 1080)) -> tuple[GameMenu, pygame.Surface]:
    m = GameMenu(renderer, 0.0, title="The Only Promise")
    surface = pygame.Surface(size)
    surface.fill((220, 140, 90))
    m.draw(surface, 1.0)
    return m, surface


def test_menu_keys(renderer: TextRenderer) -> None:
    m, _ = drawn_menu(renderer)
    assert m.handle(key(pygame.K_ESCAPE), 1.0) is Action.RETURN
    assert m.handle(key(pygame.K_RETURN), 1.0) is Action.RETURN  # Return is focused first
    m.handle(key(pygame.K_DOWN), 1.0)
    assert m.handle(key(pygame.K_RETURN), 1.0) is Action.QUIT


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)])
def test_menu_mouse(renderer: TextRenderer, size) -> None:
    m, _ = drawn_menu(renderer, size)
    quit_rect = m.rects()[1]
    m.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=quit_rect.center, rel=(0, 0), buttons=(0, 0, 0)), 1.0)
    assert m.focus == 1
    m.handle(mouse(pygame.MOUSEBUTTONDOWN, quit_rect.center), 1.0)
    assert m.handle(mouse(pygame.MOUSEBUTTONUP, quit_rect.center), 1.0) is Action.QUIT
    assert m.handle(mouse(pygame.MOUSEBUTTONDOWN, (1, 1), 3), 1.0) is Action.RETURN


def test_menu_dims_and_labels(renderer: TextRenderer) -> None:
    m, surface = drawn_menu(renderer)
    corner = pygame.transform.average_color(surface, pygame.Rect(0, 0, 200, 200))[:3]
    assert luminance(corner) < 0.4 * luminance((220, 140, 90))
    for r in m.rects():
        assert count_pixels(surface, r, lambda c: luminance(c) > 180) > 10


def test_card_fades_in_holds_and_out(renderer: TextRenderer) -> None:
    card = CardView(renderer, "I. Sunset", "The living room", start=1.0, duration=3.0)
    assert card.opacity(0.5) == 0.0
    assert 0.0 < card.opacity(1.2) < 1.0
    assert card.opacity(2.5) == 1.0
    assert 0.0 < card.opacity(3.9) < 1.0
    assert card.done(4.0)
    assert card.next_redraw(2.5) == pytest.approx(4.0 - 0.8)
    surface = pygame.Surface((1280, 720))
    card.draw(surface, 2.5)
    vp = Viewport.fit((1280, 720))
    middle = vp.rect(300, 380, 1320, 300)
    assert count_pixels(surface, middle, lambda c: luminance(c) > 150) > 30
    assert pygame.transform.average_color(surface, pygame.Rect(0, 0, 100, 100))[:3] == (0, 0, 0)


def test_backlog_scrolls_and_closes(renderer: TextRenderer) -> None:
    entries = [BacklogEntry("Zack" if n % 2 else None, "#8fb8ff", rich(f"Line number {n}.")) for n in range(40)]
    b = Backlog(renderer, entries, 0.0)
    surface = pygame.Surface((1920, 1080))
    b.draw(surface, 1.0)
    assert count_pixels(surface, pygame.Rect(0, 540, 1920, 500), lambda c: luminance(c) > 150) > 50
    assert b.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1), 1.0) is None
    assert b.scroll > 0
    b.handle(key(pygame.K_HOME), 1.0)
    top = b.scroll
    b.handle(key(pygame.K_UP), 1.0)
    assert b.scroll == top  # clamped at the oldest line
    b.handle(key(pygame.K_END), 1.0)
    assert b.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1), 1.0) is Action.RETURN
    assert b.handle(key(pygame.K_ESCAPE), 1.0) is Action.RETURN


def test_viewport_fit() -> None:
    vp = Viewport.fit((1280, 720))
    assert vp.scale == pytest.approx(2 / 3) and vp.offset == (0, 0)
    assert vp.px(33) == 22 and vp.px(1116) == 744
    wide = Viewport.fit((2560, 1080))
    assert wide.scale == 1.0 and wide.offset == (320, 0)
    assert wide.rect(0, 0, 1920, 1080) == pygame.Rect(320, 0, 1920, 1080)
    assert wide.to_logical((320, 540)) == (0.0, 540.0)


def test_ui_fits_a_game_of_another_logical_size(renderer: TextRenderer) -> None:
    """A game whose manifest says 1280x720 still gets the 1920x1080 template, fitted."""
    game = Viewport.fit((2560, 1440), (1280, 720))
    assert game.scale == 2.0
    ui = game.design()
    assert ui.scale == pytest.approx(2560 / 1920) and ui.offset == (0, 0)
    box = TextBox(renderer, viewport=game)
    surface = pygame.Surface((2560, 1440))
    box.set_visible(True, -1.0)
    box.say(line("Fitted."))
    box.draw(surface, 1.0)
    assert box.box_rect(box.current_viewport).bottom == 1440
    assert count_pixels(surface, pygame.Rect(0, 1440 - 371, 2560, 371), lambda c: luminance(c) > 150) > 20
