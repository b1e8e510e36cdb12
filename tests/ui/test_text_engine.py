"""Kinds 3 and 7 of issue 10: any text meets the font engine safely — emoji sequences,
joiners, selectors, bidi and control characters, NUL, tabs, scripts the main font lacks — and a
line longer than the text box continues on a next page after a click, never drawn off the box."""

from __future__ import annotations

import pygame
import pytest
from ui_helpers import count_pixels, line, luminance

from vn.render.text import FALLBACK, TextRenderer, clean_char, joins_previous, render_glyphs
from vn.stage.typewriter import Typewriter
from vn.story.text import RichText, Run
from vn.ui import TextBox, Viewport

HOSTILE = [
    "I ❤️ you.", "❤\ufe0f", "\ufe0f", "\u200d", "\u200d\u200d\ufe0f", "👩‍❤️‍👨", "👍🏽👍🏿", "🇯🇵🇫🇷",
    "\u202e\u202d\u2066\u2069", "a\u200fb\u200e", "\x00", "a\x00b", "\x01\x02\x7f\x9f", "tab\there\t",
    "e\u0301\u0301\u0301\u0301", "\u0301 starts with a mark", "שלום עולם", "مرحبا بالعالم", "สวัสดี",
    "漢字かな", "\U0010ffff\ue000", "\u00ad\u2028\u2029", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "x\u20e3", "1\ufe0f\u20e3",
    "\n\n\n", " ", "", "{}[]", "\u0600\u0601 \u06dd",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_lays_out_and_draws(renderer: TextRenderer, text: str) -> None:
    surface = pygame.Surface((800, 400), pygame.SRCALPHA)
    for bold, italic in ((False, False), (True, True)):
        layout = renderer.layout(RichText((Run(text),)), 600, 40, bold=bold, italic=italic)
        assert layout.length == len(text)  # one character for one: typing counts stay right
        for visible in (None, 0, 1, len(text) // 2, len(text)):
            renderer.draw(surface, layout, (10, 10), visible)
        layout.caret(len(text))


def test_one_guarded_place_never_raises_on_zero_width_or_nul(renderer: TextRenderer) -> None:
    font = renderer.fonts.font(FALLBACK[0], 30)
    for text in ("\u200d", "\ufe0f", "\u202e", "\x00", "a\x00"):
        surf = render_glyphs(font, text, (255, 255, 255))
        assert surf.get_height() > 0


def test_cleaning_is_one_for_one_and_hides_controls() -> None:
    assert clean_char("\t") == " "
    assert clean_char("\x00") == "\u200b" and clean_char("\x1b") == "\u200b"
    assert clean_char("\n") == "\n" and clean_char("é") == "é"
    assert all(joins_previous(c) for c in ("\ufe0f", "\u200d", "\u0301", "\U0001F3FD", "\U000E0067"))
    assert not any(joins_previous(c) for c in ("a", " ", "❤", "👩"))


def test_emoji_and_other_scripts_come_from_the_fallback_chain(renderer: TextRenderer) -> None:
    fonts = renderer.fonts
    emoji = fonts.face_for("serif", False, False, "😀", emoji=True)
    assert emoji.file == "NotoEmoji-Regular.ttf"
    assert fonts.face_for("serif", False, False, "❤", emoji=True).file == "NotoEmoji-Regular.ttf"
    assert fonts.face_for("serif", False, False, "★").file.startswith("NotoSansSymbols")
    assert fonts.face_for("serif", False, False, "ש").script == "Hebr"
    assert fonts.face_for("serif", False, False, "م").script == "Arab"
    assert fonts.face_for("serif", False, False, "ส").file == "NotoSansThai-Regular.ttf"
    assert fonts.face_for("serif", False, False, "a").file.startswith("EBGaramond")
    for ch in "😀❤★שمส":
        assert fonts.can_draw("serif", ch)


def test_a_zwj_sequence_is_one_glyph_in_one_piece(renderer: TextRenderer) -> None:
    family = "👩\u200d❤\ufe0f\u200d👨"
    layout = renderer.layout(RichText((Run(family),)), 600, 40)
    assert len(layout.pieces) == 1
    single = renderer.layout(RichText((Run("👩"),)), 600, 40)
    assert layout.width <= single.width * 1.5  # shaped into one glyph, not four side by side


def test_emoji_with_selector_draws_ink_not_nothing(renderer: TextRenderer) -> None:
    surface = pygame.Surface((300, 120))
    surface.fill((0, 0, 0))
    layout = renderer.layout(RichText((Run("❤️"),)), 300, 60)
    renderer.draw(surface, layout, (10, 10))
    assert count_pixels(surface, surface.get_rect(), lambda c: luminance(c) > 100) > 40


def test_layout_work_is_linear_and_the_line_is_kept(renderer: TextRenderer, monkeypatch) -> None:
    calls = {"n": 0}
    original = TextRenderer._measure

    def counting(self, chars, size, scale):
        calls["n"] += 1
        return original(self, chars, size, scale)

    monkeypatch.setattr(TextRenderer, "_measure", counting)
    counts = []
    for words in (200, 800):
        calls["n"] = 0
        text = "word " * words
        layout = TextRenderer(renderer.fonts).layout(RichText((Run(text),)), 900, 30)
        assert layout.length == len(text)
        counts.append(calls["n"])
    assert counts[1] <= counts[0] * 4.5  # 4x the text: about 4x the measuring, not 16x


def _long_line(n_words: int) -> RichText:
    words = [f"w{i:04d}" for i in range(n_words)]
    return RichText((Run(" ".join(words)),))


def test_a_long_line_continues_on_a_next_page_after_a_click(renderer: TextRenderer) -> None:
    size = (1920, 1080)
    vp = Viewport.fit(size)
    text = _long_line(600)
    typewriter = Typewriter(text, 0.0, 0.0)  # instant text: pauses still stop it
    box = TextBox(renderer)
    box.set_visible(True, -100.0)
    box.say(line(text), typewriter)
    surface = pygame.Surface(size)
    box.draw(surface, 1.0)
    layout = box.dialogue_layout(vp, text)
    first = box.page(vp, layout, 1.0)
    assert first.start == 0 and len(first) < len(layout.lines)
    assert typewriter.waiting_for_click(1.0)  # stopped at the end of the first page
    assert typewriter.visible(1.0) == layout.lines[first.stop].start
    seen_lines = set(first)
    now = 1.0
    for _ in range(20):
        if typewriter.click(now):
            break
        now += 1.0
        box.draw(surface, now)
        page = box.page(vp, layout, now)
        seen_lines |= set(page)
        room = vp.px(box.theme.textbox_height - box.theme.dialogue_y - 12)
        bottom = layout.lines[page.stop - 1].top + layout.lines[page.stop - 1].height - layout.lines[page.start].top
        assert bottom <= room  # each page fits the box
    assert seen_lines == set(range(len(layout.lines)))  # every line was on some page: nothing lost
    assert typewriter.done(now)


def test_a_line_that_fits_has_one_page(renderer: TextRenderer) -> None:
    vp = Viewport.fit((1920, 1080))
    text = _long_line(10)
    typewriter = Typewriter(text, 0.0, 0.0)
    box = TextBox(renderer)
    box.say(line(text), typewriter)
    layout = box.dialogue_layout(vp, text)
    assert box.page(vp, layout, 1.0) == range(len(layout.lines))
    assert typewriter.done(1.0)
