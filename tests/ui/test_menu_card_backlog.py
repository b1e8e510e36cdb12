"""The game menu, title card and backlog: input and a sanity look at their pixels."""

from __future__ import annotations

import pygame
import pytest
from ui_helpers import count_pixels, key, line, luminance, rich

from vn.render.text import TextRenderer
from vn.ui import Action, Backlog, BacklogEntry, CardView, TextBox, Viewport


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
