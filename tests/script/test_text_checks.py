"""Kinds 3 and 7 of issue 10 at check time: characters no font of the game can draw and control
characters are warned about at their column; a stray byte-order mark is named; a text too long
for the text box is a warning (it pages), one too long to lay out is an error."""

from __future__ import annotations

import pytest

from vn.script import Catalog, compile_text
from vn.script.limits import MAX_LINE_CHARS, PAGE_CHARS
from vn.stage.fontcover import Coverage, bundled_font_dirs, cmap_ranges

COVERAGE = Coverage.of_dirs(bundled_font_dirs())
CATALOG = Catalog(drawable=COVERAGE.has)


def diags(src: str, catalog: Catalog = CATALOG):
    return compile_text(src, catalog=catalog)


def test_the_bundled_fonts_cover_latin_symbols_emoji_and_rtl():
    for ch in "aéßœ—…“”❤★☂😀👍ש مสΩж":
        assert ch == " " or COVERAGE.has(ch), ch
    for ch in "漢ह한":
        assert not COVERAGE.has(ch), ch


@pytest.mark.parametrize(("text", "ch", "col"), [
    ("Namaste हिन्दी", "ह", 13), ("Kanji 漢字 here", "漢", 11), ("한국어", "한", 5),
])
def test_undrawable_characters_are_warned_at_their_column(text, ch, col):
    prog, found = diags(f"start:\n  - {text}\n")
    assert prog is not None
    w = [d for d in found if "no font" in d.message]
    assert w and (w[0].line, w[0].col) == (2, col) and f"'{ch}'" in w[0].message
    assert f"U+{ord(ch):04X}" in w[0].message and "assets/fonts" in (w[0].hint or "")


def test_drawable_text_and_invisible_characters_are_not_warned():
    src = "start:\n  - \"I \u2764\ufe0f you \U0001F469\u200d\u2764\ufe0f\u200d\U0001F468 \u05e9\u05dc\u05d5\u05dd \u202eok\"\n"
    prog, found = diags(src)
    assert prog is not None and not [d for d in found if d.severity == "warning"], [d.format() for d in found]


@pytest.mark.parametrize("escape", ["\\0", "\\x01", "\\e", "\\x7f"])
def test_control_characters_are_warned(escape):
    prog, found = diags(f'start:\n  - "before{escape}after"\n')
    assert prog is not None
    w = [d for d in found if "control character" in d.message]
    assert len(w) == 1 and w[0].line == 2 and w[0].col == 12


def test_at_most_three_character_warnings_a_text():
    prog, found = diags("start:\n  - 漢字かなカナ한국\n")
    assert len([d for d in found if "no font" in d.message]) == 3


@pytest.mark.parametrize("where", [2, 3, 5])
def test_a_byte_order_mark_inside_the_file_is_named(where):
    lines = ["start:", "  - one", "  - two", "  - three", "  - four"]
    lines[where - 1] = "\ufeff" + lines[where - 1]
    prog, found = compile_text("\n".join(lines) + "\n")
    assert prog is None
    assert [(d.line, d.col) for d in found if "byte-order mark" in d.message] == [(where, 1)]


def test_a_leading_byte_order_mark_is_fine():
    prog, found = compile_text("\ufeffstart:\n  - one\n")
    assert prog is not None and not found


@pytest.mark.parametrize("n", [PAGE_CHARS + 50, 3 * PAGE_CHARS])
def test_a_line_longer_than_the_box_is_a_positioned_warning(n):
    prog, found = compile_text("start:\n  - hi\n  - " + ("word " * (n // 5)).strip() + "\n")
    assert prog is not None
    w = [d for d in found if "next page" in d.message]
    assert len(w) == 1 and (w[0].line, w[0].col) == (3, 5)


@pytest.mark.parametrize("n", [MAX_LINE_CHARS + 1, 100_000, 5_000_000])
def test_a_line_too_long_to_lay_out_is_an_error(n):
    prog, found = compile_text("start:\n  - say: " + "x" * n + "\n")
    assert prog is None
    assert [(d.line, d.col) for d in found if "characters long" in d.message and d.severity == "error"] == [(2, 10)]


def test_cmap_reader_rejects_garbage():
    assert cmap_ranges(b"") == [] and cmap_ranges(b"\x00\x01\x00\x00" + b"\xff" * 40) == []
