"""Text layout: wrapping within the column, styles, fallback glyphs, and typing that never
moves a word."""

from __future__ import annotations

import warnings
from itertools import pairwise

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ui_helpers import rich

from vn.render.text import SERIF, FontBook, TextRenderer
from vn.story.text import Pause, RichText, Run, Style

LONG = ("The room was quiet but for his breathing. Red light lay across the floor like something "
        "spilled, and climbed the length of the man at the window — up the open shirt, to the "
        "silver of his hair — and Zack, against the far wall, did not dare to move.")


def drawn_width(layout) -> int:
    return max((p.x + p.prefix[-1] for p in layout.pieces), default=0)


@pytest.mark.parametrize("width,size", [(744, 22), (1116, 33), (2232, 66), (300, 33)])
def test_wraps_within_the_column(renderer: TextRenderer, width: int, size: int) -> None:
    layout = renderer.layout(rich(LONG), width, size)
    assert len(layout.lines) > 1
    assert drawn_width(layout) <= width
    for piece in layout.pieces:
        assert piece.x >= 0
    # lines stack downward without overlapping
    tops = [ln.top for ln in layout.lines]
    assert tops == sorted(tops)
    assert all(b.top >= a.top + a.height for a, b in pairwise(layout.lines))


def test_every_character_is_placed_once_in_order(renderer: TextRenderer) -> None:
    layout = renderer.layout(rich(LONG), 700, 33)
    covered = [i for p in layout.pieces for i in range(p.start, p.end)]
    assert covered == sorted(covered) and len(set(covered)) == len(covered)
    plain = LONG
    missing = set(range(len(plain))) - set(covered)
    assert all(plain[i] == " " for i in missing)  # only spaces at line breaks are left undrawn


def test_explicit_newline_breaks(renderer: TextRenderer) -> None:
    text = RichText((Run("First paragraph."), Pause(None), Run("\nSecond.")))
    layout = renderer.layout(text, 1116, 33)
    assert len(layout.lines) == 2
    assert layout.pieces[-1].line == 1


def test_dash_never_starts_a_line(renderer: TextRenderer) -> None:
    text = rich("aaaa bbbb cccc — dddd")
    for width in range(120, 400, 7):  # wide enough for "cccc —" on one line
        layout = renderer.layout(text, width, 33)
        for ln in layout.lines[1:]:
            assert text.plain[ln.start] != "—"


def test_overlong_word_is_split(renderer: TextRenderer) -> None:
    layout = renderer.layout(rich("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 200, 33)
    assert len(layout.lines) > 1 and drawn_width(layout) <= 200


def _draw(renderer: TextRenderer, layout, visible: int | None) -> pygame.Surface:
    surface = pygame.Surface((layout.max_width + 20, layout.height + 20))
    surface.fill((0, 0, 0))
    renderer.draw(surface, layout, (10, 10), visible)
    return surface


def test_typing_never_rewraps(renderer: TextRenderer) -> None:
    """Each partial drawing is a subset of the finished one: every word types in the place
    the whole line gives it."""
    layout = renderer.layout(rich(LONG), 600, 28)
    full = _draw(renderer, layout, None)
    w, h = full.get_size()
    for visible in (1, 17, 60, 61, 100, 150, len(LONG) - 1):
        part = _draw(renderer, layout, visible)
        differing_outside = 0
        for y in range(0, h, 2):
            for x in range(0, w, 2):
                p = part.get_at((x, y))
                if p[:3] != (0, 0, 0) and p != full.get_at((x, y)):
                    differing_outside += 1
        assert differing_outside == 0, visible


def test_caret_follows_the_full_layout(renderer: TextRenderer) -> None:
    layout = renderer.layout(rich(LONG), 600, 28)
    baselines = {ln.baseline for ln in layout.lines}
    last_x, last_line = -1, layout.lines[0].baseline
    for visible in range(1, len(LONG) + 1):
        x, baseline = layout.caret(visible)
        assert baseline in baselines
        if baseline == last_line:
            assert x >= last_x
        else:
            assert baseline > last_line
        last_x, last_line = x, baseline


def test_partial_draw_has_fewer_pixels(renderer: TextRenderer) -> None:
    layout = renderer.layout(rich(LONG), 600, 28)
    full = pygame.transform.average_color(_draw(renderer, layout, None))
    half = pygame.transform.average_color(_draw(renderer, layout, len(LONG) // 2))
    none = pygame.transform.average_color(_draw(renderer, layout, 0))
    assert full[0] > half[0] > none[0] == 0


def test_styles_colour_size_bold_italic(renderer: TextRenderer) -> None:
    text = RichText((Run("plain "), Run("red", Style(color="#ff0000")), Run(" big", Style(size=20)),
                     Run(" bold", Style(bold=True)), Run(" it", Style(italic=True))))
    layout = renderer.layout(text, 2000, 33)
    pieces = {text.plain[p.start:p.end].strip(): p for p in layout.pieces}
    red = pygame.transform.average_color(pieces["red"].surface)
    assert red[0] > 3 * max(red[1], red[2], 1)
    assert pieces["big"].surface.get_height() > pieces["plain"].surface.get_height()
    assert pieces["bold"].start != pieces["it"].start
    assert len(layout.lines) == 1
    # different sizes share one baseline
    assert pieces["big"].y < pieces["plain"].y


def test_bold_falls_back_for_missing_glyphs(renderer: TextRenderer) -> None:
    fonts = renderer.fonts
    bold = fonts.faces(SERIF, True, False)
    assert fonts.has_glyph(bold[0], "a")
    if not fonts.has_glyph(bold[0], "\u201c"):  # EB Garamond's bold has no curly quotes
        assert fonts.face_for(SERIF, True, False, "\u201c") == bold[1]
    layout = renderer.layout(RichText((Run("\u201cno\u2026\u201d", Style(bold=True)),)), 800, 33)
    assert layout.length == 5 and layout.pieces


def test_layouts_are_cached(renderer: TextRenderer) -> None:
    a = renderer.layout(rich("Cache me."), 500, 33)
    assert renderer.layout(rich("Cache me."), 500, 33) is a
    assert renderer.layout(rich("Cache me."), 501, 33) is not a


def test_missing_fonts_fall_back_with_a_warning(tmp_path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = TextRenderer(FontBook([tmp_path]))
        layout = r.layout(rich("Still readable."), 500, 33)
    assert any("not found" in str(w.message) for w in caught)
    assert layout.pieces and layout.width > 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["a", "word", "longerword", " ", "  ", "—", "…", "\n", "x.", "é"]),
                max_size=40), st.integers(40, 900))
def test_any_text_fits_its_width(words: list[str], width: int) -> None:
    r = _shared()
    layout = r.layout(rich("".join(words)), width, 24)
    assert drawn_width(layout) <= width
    assert layout.length == len("".join(words))


_R: TextRenderer | None = None


def _shared() -> TextRenderer:
    global _R
    if _R is None:
        _R = TextRenderer()
    return _R
