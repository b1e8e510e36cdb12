"""The choice menu: keys, clicks and focus pick the right option index; buttons lay out
centred, apart, and clear of the text box."""

from __future__ import annotations

from itertools import pairwise

import pygame
import pytest
from ui_helpers import choice, count_pixels, key, luminance, mouse

from vn.render.text import TextRenderer
from vn.ui import ChoiceMenu, Viewport

OPTIONS = ("Leave.", "Stay, and ask him what Hojo did to him — even if he will not answer, even if "
           "the asking costs everything.", "Say nothing.")
INDEXES = (0, 2, 5)  # options hidden by `if:` leave gaps: the menu must return these, not positions


def menu(renderer: TextRenderer, size=(1920, 1080)) -> ChoiceMenu:
    m = ChoiceMenu(renderer, choice(*OPTIONS, indexes=INDEXES), now=0.0)
    surface = pygame.Surface(size)
    m.draw(surface, 1.0)  # lays the buttons out for this output size
    return m


@pytest.mark.parametrize("n", [0, 1, 2])
def test_number_keys_pick(renderer: TextRenderer, n: int) -> None:
    m = menu(renderer)
    assert m.handle(key(pygame.K_1 + n), 1.0) == INDEXES[n]
    m = menu(renderer)
    assert m.handle(key(pygame.K_KP1 + n), 1.0) == INDEXES[n]


def test_number_beyond_the_options_does_nothing(renderer: TextRenderer) -> None:
    assert menu(renderer).handle(key(pygame.K_4), 1.0) is None


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
def test_clicks_pick(renderer: TextRenderer, size) -> None:
    for n in range(3):
        m = menu(renderer, size)
        center = m.rects()[n].center
        assert m.handle(mouse(pygame.MOUSEBUTTONDOWN, center), 1.0) is None
        assert m.handle(mouse(pygame.MOUSEBUTTONUP, center), 1.0) == INDEXES[n]


def test_release_without_press_does_not_pick(renderer: TextRenderer) -> None:
    """The click that finished the last line must not choose an option."""
    m = menu(renderer)
    assert m.handle(mouse(pygame.MOUSEBUTTONUP, m.rects()[0].center), 1.0) is None


def test_click_outside_and_drag_off_do_nothing(renderer: TextRenderer) -> None:
    m = menu(renderer)
    assert m.handle(mouse(pygame.MOUSEBUTTONDOWN, (5, 5)), 1.0) is None
    assert m.handle(mouse(pygame.MOUSEBUTTONUP, (5, 5)), 1.0) is None
    m.handle(mouse(pygame.MOUSEBUTTONDOWN, m.rects()[0].center), 1.0)
    assert m.handle(mouse(pygame.MOUSEBUTTONUP, m.rects()[1].center), 1.0) is None


def test_keyboard_focus_and_enter(renderer: TextRenderer) -> None:
    m = menu(renderer)
    assert m.handle(key(pygame.K_RETURN), 1.0) is None  # nothing focused yet
    m.handle(key(pygame.K_DOWN), 1.0)
    m.handle(key(pygame.K_DOWN), 1.0)
    assert m.focus == 1
    assert m.handle(key(pygame.K_RETURN), 1.0) == INDEXES[1]
    m = menu(renderer)
    m.handle(key(pygame.K_UP), 1.0)  # wraps to the last
    assert m.handle(key(pygame.K_KP_ENTER), 1.0) == INDEXES[2]


def test_hover_focuses(renderer: TextRenderer) -> None:
    m = menu(renderer)
    m.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=m.rects()[2].center, rel=(0, 0), buttons=(0, 0, 0)), 1.0)
    assert m.focus == 2
    m.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(3, 3), rel=(0, 0), buttons=(0, 0, 0)), 1.0)
    assert m.focus is None


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
def test_buttons_are_centred_apart_and_clear_of_the_text_box(renderer: TextRenderer, size) -> None:
    m = menu(renderer, size)
    vp = Viewport.fit(size)
    rects = m.rects()
    assert all(abs(r.width - 1185 * vp.scale) <= 2 for r in rects)
    assert all(abs(r.centerx - size[0] / 2) <= 1 for r in rects)
    assert all(a.bottom < b.top for a, b in pairwise(rects))
    assert rects[-1].bottom < vp.y(1080 - 278)
    assert rects[0].top > 0
    assert rects[1].height > rects[0].height  # the long option wraps to two lines


def test_many_options_still_fit(renderer: TextRenderer) -> None:
    m = ChoiceMenu(renderer, choice(*[f"Option {n}" for n in range(9)]), now=0.0)
    m.draw(pygame.Surface((1280, 720)), 1.0)
    rects = m.rects()
    assert rects[0].top >= 0 and all(a.bottom <= b.top for a, b in pairwise(rects))


def test_draws_text_inside_its_buttons(renderer: TextRenderer) -> None:
    surface = pygame.Surface((1920, 1080))
    surface.fill((200, 120, 80))
    m = ChoiceMenu(renderer, choice(*OPTIONS), now=0.0)
    m.draw(surface, 5.0)
    for r in m.rects():
        assert count_pixels(surface, r, lambda c: luminance(c) > 200) > 20
    assert m.next_redraw(5.0) is None
    assert m.next_redraw(0.05) == 0.05  # the buttons are still sliding in
