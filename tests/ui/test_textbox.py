"""The text box: where it draws, what it draws, and what input it turns into actions."""

from __future__ import annotations

from itertools import pairwise

import pygame
import pytest
from ui_helpers import count_pixels, line, luminance

from vn.render.text import TextRenderer
from vn.stage.typewriter import Typewriter
from vn.story.text import RichText, Run
from vn.ui import TextBox, Viewport

BRIGHT = (250, 205, 160)  # a sunset floor in full light: the worst case behind the text
TEXT = ("The room was quiet but for his breathing. Red light lay across the floor like something "
        "spilled, and climbed the length of the man at the window.")


def frame(size: tuple[int, int], color=BRIGHT) -> pygame.Surface:
    s = pygame.Surface(size)
    s.fill(color)
    return s


def shown_box(renderer: TextRenderer, ln, now: float = 10.0, typewriter=None) -> TextBox:
    box = TextBox(renderer)
    box.set_visible(True, -100.0)
    box.say(ln, typewriter)
    return box


def is_text(c) -> bool:
    return luminance(c) > 200


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
def test_box_region_holds_readable_text(renderer: TextRenderer, size) -> None:
    surface = frame(size)
    box = shown_box(renderer, line(TEXT))
    box.draw(surface, 10.0)
    vp = Viewport.fit(size)
    area = box.box_rect(vp)
    above = pygame.Rect(0, 0, size[0], area.top - vp.px(100))
    # the box darkens the bright floor so the text can be read...
    assert luminance(pygame.transform.average_color(surface, area)[:3]) < 0.45 * luminance(BRIGHT)
    assert pygame.transform.average_color(surface, above)[:3] == BRIGHT
    # ...and holds bright text pixels in the dialogue column only
    column = vp.rect(402, 1080 - 278 + 60, 1116, 278 - 60)
    assert count_pixels(surface, column, is_text) > 150 * (size[0] / 1920) ** 2
    left = vp.rect(0, 1080 - 278, 380, 278)
    right = vp.rect(402 + 1116 + 60, 1080 - 278, 1920 - 402 - 1116 - 60, 278)
    assert count_pixels(surface, left, is_text) == 0
    assert count_pixels(surface, right, is_text) == 0


def test_typing_shows_part_of_the_text(renderer: TextRenderer) -> None:
    size = (1920, 1080)
    vp = Viewport.fit(size)
    column = vp.rect(402, 1080 - 278 + 60, 1116, 278 - 60)
    counts = []
    for now in (0.0, 1.0, 10.0):
        surface = frame(size)
        tw = Typewriter(RichText((Run(TEXT),)), cps=40, start=0.0)
        box = shown_box(renderer, line(TEXT), typewriter=tw)
        box.draw(surface, now)
        counts.append(count_pixels(surface, column, is_text))
    assert counts[0] == 0 < counts[1] < counts[2]


def test_name_plate_uses_the_speaker_colour(renderer: TextRenderer) -> None:
    size = (1920, 1080)
    vp = Viewport.fit(size)
    name_area = vp.rect(340, 1080 - 278 - 10, 600, 75)

    def is_speaker(c) -> bool:  # "#ff4020"
        return c[0] > 180 and c[1] < 110 and c[2] < 90

    surface = frame(size, (20, 20, 30))
    shown_box(renderer, line("Seph…", "Zack", "#ff4020")).draw(surface, 10.0)
    assert count_pixels(surface, name_area, is_speaker) > 40
    narration = frame(size, (20, 20, 30))
    shown_box(renderer, line("Seph…")).draw(narration, 10.0)
    assert count_pixels(narration, name_area, is_speaker) == 0
    assert count_pixels(narration, name_area, is_text) == 0  # narration: no name plate


def test_hidden_box_draws_nothing(renderer: TextRenderer) -> None:
    surface = frame((1280, 720))
    box = shown_box(renderer, line(TEXT))
    box.set_visible(False, 0.0)
    box.draw(surface, 5.0)
    assert pygame.transform.average_color(surface)[:3] == BRIGHT
    assert box.next_redraw(5.0) is None


def test_show_fades_in_and_then_sleeps(renderer: TextRenderer) -> None:
    box = TextBox(renderer, pulse_indicator=False)
    box.set_visible(False, 0.0)
    box.set_visible(True, 1.0)
    assert 0.0 < box.opacity(1.1) < 1.0
    assert box.next_redraw(1.1) == 1.1
    box.say(line("Done."), Typewriter(RichText((Run("Done."),)), 0, 1.0))
    assert box.opacity(2.0) == 1.0
    assert box.next_redraw(2.0) is None  # fully shown, static indicator: the loop can sleep


def test_indicator_pulse_redraws_only_a_few_times_a_second(renderer: TextRenderer) -> None:
    box = shown_box(renderer, line("Done."), typewriter=Typewriter(RichText((Run("Done."),)), 0, 0.0))
    t = 3.0
    times = []
    for _ in range(10):
        t = box.next_redraw(t)
        times.append(t)
    assert all(b - a >= 0.1 for a, b in pairwise(times))
    assert box.shows_indicator(3.0)
    box.say(box.line, box.typewriter, indicator=False)
    assert not box.shows_indicator(3.0) and box.next_redraw(3.0) is None


def test_indicator_follows_the_text(renderer: TextRenderer) -> None:
    size = (1920, 1080)
    vp = Viewport.fit(size)
    surface = frame(size, (0, 0, 0))
    box = shown_box(renderer, line("Short."), typewriter=Typewriter(RichText((Run("Short."),)), 0, 0.0))
    box.pulse_indicator = False
    box.draw(surface, 1.0)
    layout = box.dialogue_layout(vp, box.line.text)
    ox, oy = box.dialogue_origin(vp)
    x, baseline = layout.caret(len("Short."))
    near = pygame.Rect(ox + x, oy + baseline - 40, 60, 45)
    accent = box.theme.accent

    def is_accent(c) -> bool:
        return abs(c[0] - accent[0]) < 60 and abs(c[1] - accent[1]) < 60 and c[2] < c[0] - 30

    assert count_pixels(surface, near, is_accent) > 3


def test_letterboxed_output_keeps_the_box_in_the_picture(renderer: TextRenderer) -> None:
    size = (1920, 1440)  # 4:3: bars above and below the 16:9 picture
    vp = Viewport.fit(size)
    assert vp.offset == (0, 180)
    surface = frame(size)
    box = shown_box(renderer, line(TEXT))
    box.draw(surface, 10.0)
    below = pygame.Rect(0, vp.frame.bottom, size[0], size[1] - vp.frame.bottom)
    assert pygame.transform.average_color(surface, below)[:3] == BRIGHT
    assert box.box_rect(vp).bottom == vp.frame.bottom
