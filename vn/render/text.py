"""Typesetting: fonts from `assets/fonts/`, rich text laid out into lines of styled pieces.

A `RichText` is laid out once at a pixel width and size (cached), from the *whole* text, and
the typewriter then only chooses how many characters to draw: every word sits where the
finished line puts it, so nothing jumps to the next line while it types. Each piece (a run of
characters in one style and face on one line) is rendered once, with its soft shadow baked
in, and a partly typed piece is drawn clipped at its typed width.

Fonts: EB Garamond (the `serif` family, story text) and Lato (`sans`, the interface). A file
that is missing or unreadable falls back to pygame's default font with one warning. EB
Garamond's bold cut lacks quotes, dashes and accents: any glyph a face lacks is drawn from the
family's fallback face (regular, emboldened), then from the fallback chain (`FALLBACK`: Noto
Sans, Noto Sans Symbols 2 and Symbols, monochrome Noto Emoji, Noto Sans Hebrew, Arabic, Thai),
and only then shown as a box. `vn check` warns about characters no font of the game has.

This module is the one place where text meets the font engine (`_render_glyphs`): text is
cleaned first (`clean_char`: a tab is a space, other control characters are invisible), a
combining mark, variation selector or joiner stays in its base character's face (so an emoji
ZWJ sequence is shaped by HarfBuzz as one glyph), and a run that draws nothing is an empty
surface, never pygame's "Text has zero width". Hebrew and Arabic runs are shaped right to left
(pygame-ce's `Font.set_direction`/`set_script`); the bidirectional algorithm is *not* applied,
so words of a right-to-left sentence keep their left-to-right order (see docs/script-format.md).
Layout is linear in the text: each word is measured once.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pygame

from vn.render.images import reset_alpha
from vn.stage.filekind import sniff
from vn.stage.fontcover import bundled_font_dirs
from vn.story.text import RichText, Run, Style

SERIF = "serif"
SANS = "sans"

LINE_SPACING = 1.3  # line height as a multiple of the text size: Garamond wants air


def typographic(ch: str, prev: str) -> str:
    """Straight quotes as a typesetter sets them, one character for one (typing counts stay
    right): an apostrophe or closing quote after a letter, an opening quote after a space."""
    if ch == "'":
        return "\u2018" if prev.isspace() or prev in "([{\u2014\"" else "\u2019"
    if ch == '"':
        return "\u201c" if prev.isspace() or prev in "([{\u2014" else "\u201d"
    return ch


@dataclass(frozen=True)
class Face:
    """One font file, with pygame's synthetic bold/italic when the family has no such cut."""

    file: str
    bold: bool = False
    italic: bool = False
    script: str | None = None  # ISO 15924 code of a right-to-left script this face shapes


# (family, bold, italic) -> faces to try per glyph, best first.
_FACES: dict[tuple[str, bool, bool], tuple[Face, ...]] = {
    (SERIF, False, False): (Face("EBGaramond12-Regular.otf"),),
    (SERIF, False, True): (Face("EBGaramond12-Italic.otf"), Face("EBGaramond12-Regular.otf", italic=True)),
    (SERIF, True, False): (Face("EBGaramond12-Bold.otf"), Face("EBGaramond12-Regular.otf", bold=True)),
    (SERIF, True, True): (Face("EBGaramond12-Italic.otf", bold=True),
                          Face("EBGaramond12-Regular.otf", bold=True, italic=True)),
    (SANS, False, False): (Face("Lato-Regular.ttf"),),
    (SANS, False, True): (Face("Lato-Italic.ttf"),),
    (SANS, True, False): (Face("Lato-Bold.ttf"),),
    (SANS, True, True): (Face("Lato-BoldItalic.ttf"),),
}

# Faces tried, in order, for a glyph no face of the family has (bundled under assets/fonts/).
FALLBACK: tuple[Face, ...] = (
    Face("NotoSans-Regular.ttf"),
    Face("NotoSansSymbols2-Regular.ttf"),
    Face("NotoSansSymbols-Regular.ttf"),
    Face("NotoEmoji-Regular.ttf"),
    Face("NotoSansHebrew-Regular.ttf", script="Hebr"),
    Face("NotoSansArabic-Regular.ttf", script="Arab"),
    Face("NotoSansThai-Regular.ttf"),
)
_EMOJI = Face("NotoEmoji-Regular.ttf")

_SPACES = " \t"
# Never begins a line when a space precedes it: it joins the word before.
_NO_LINE_START = set("—–…-”’»)]}!?,.;:")

_PROBE_SIZE = 32
_MISSING_PROBE = "\U000f0001"  # a private-use code point no font here defines: its .notdef box


def default_font_dirs() -> list[Path]:
    """Where the bundled game's fonts live: the repository's `assets/fonts/` when running from
    a checkout, else the copy packed into the installed wheel."""
    return bundled_font_dirs()


class FontBook:
    """Loads and caches fonts by face and pixel size. `font_dirs` are searched in order (a
    mod's fonts first, then the bundled ones)."""

    def __init__(self, font_dirs: Sequence[Path] | None = None) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.font_dirs = list(font_dirs) if font_dirs is not None else default_font_dirs()
        self._fonts: dict[tuple[Face, int], pygame.font.Font] = {}
        self._paths: dict[str, Path | None] = {}
        self._glyphs: dict[tuple[Face, str], bool] = {}
        self._notdef: dict[Face, bytes] = {}

    def path(self, file: str, quiet: bool = False) -> Path | None:
        if file not in self._paths:
            found = next((d / file for d in self.font_dirs if (d / file).is_file()), None)
            if found is None and quiet:
                return None
            kind = sniff(found) if found is not None else None
            if kind is not None and kind.name != "font":
                warnings.warn(f"font {str(found)!r} is not a font: it is {kind.describe()}; "
                              "using pygame's default font", RuntimeWarning, stacklevel=2)
                found = None
            elif found is None:
                warnings.warn(f"font {file!r} not found in {[str(d) for d in self.font_dirs]}; "
                              "using pygame's default font", RuntimeWarning, stacklevel=2)
            self._paths[file] = found
        return self._paths[file]

    def font(self, face: Face, px: int) -> pygame.font.Font:
        px = max(1, int(px))
        key = (face, px)
        font = self._fonts.get(key)
        if font is None:
            path = self.path(face.file)
            try:
                font = pygame.font.Font(path, px) if path else pygame.font.Font(None, px)
                font.size("Ag")  # a damaged file can open and then fail on first use
                font.render("Ag", True, (255, 255, 255))
            except (OSError, pygame.error, ValueError) as exc:
                warnings.warn(f"font {face.file!r} could not be read ({exc}); using pygame's default font",
                              RuntimeWarning, stacklevel=2)
                self._paths[face.file] = None
                font = pygame.font.Font(None, px)
            font.bold = face.bold
            font.italic = face.italic
            if face.script and self._paths.get(face.file) is not None:
                try:
                    font.set_script(face.script)
                    font.set_direction(pygame.DIRECTION_RTL)
                except (AttributeError, pygame.error):  # SDL_ttf built without HarfBuzz
                    pass
            self._fonts[key] = font
        return font

    def faces(self, family: str, bold: bool, italic: bool) -> tuple[Face, ...]:
        return _FACES.get((family, bold, italic)) or _FACES[(SERIF, bold, italic)]

    def has_glyph(self, face: Face, ch: str) -> bool:
        """Whether `face` draws `ch` itself (SDL_ttf gives no direct answer: compare the glyph
        with the font's .notdef box)."""
        key = (face, ch)
        known = self._glyphs.get(key)
        if known is None:
            font = self.font(face, _PROBE_SIZE)
            if ch.isspace() or self.path(face.file) is None:
                known = True
            else:
                if face not in self._notdef:
                    self._notdef[face] = self._probe(font, _MISSING_PROBE)
                known = (font.metrics(ch) != font.metrics(_MISSING_PROBE)
                         or self._probe(font, ch) != self._notdef[face])
            self._glyphs[key] = known
        return known

    @staticmethod
    def _probe(font: pygame.font.Font, ch: str) -> bytes:
        try:
            return pygame.image.tobytes(font.render(ch, False, (255, 255, 255), (0, 0, 0)), "RGB")
        except (pygame.error, ValueError):  # draws nothing (a joiner, a selector): no box either
            return b""

    def face_for(self, family: str, bold: bool, italic: bool, ch: str, emoji: bool = False) -> Face:
        """The first face that draws `ch`: the family's, then the fallback chain (the emoji
        face first when `emoji`: the character asks for emoji presentation). A character no
        face has is drawn (as a box) by the family's first face."""
        faces = self.faces(family, bold, italic)
        for face in faces:
            if self.has_glyph(face, ch):
                return face
        chain = ((_EMOJI,) + FALLBACK) if emoji else FALLBACK
        for face in chain:
            if self.path(face.file, quiet=True) is not None and self.has_glyph(face, ch):
                return face
        return faces[0]

    def can_draw(self, family: str, ch: str) -> bool:
        """Whether some face of the family or of the fallback chain has `ch`."""
        faces = self.faces(family, False, False) + FALLBACK
        return any(self.path(f.file, quiet=True) is not None and self.has_glyph(f, ch) for f in faces)


@dataclass(frozen=True)
class Shadow:
    """A soft drop shadow baked under text, in output pixels."""

    offset: tuple[int, int] = (0, 2)
    blur: int = 3
    alpha: int = 200
    color: tuple[int, int, int] = (0, 0, 0)

    @staticmethod
    def scaled(scale: float, alpha: int = 200) -> Shadow:
        """The house shadow for text at `scale` (logical 1920x1080 -> output pixels)."""
        return Shadow((0, max(1, round(2 * scale))), max(1, round(3 * scale)), alpha)


@dataclass(frozen=True, eq=False)
class Piece:
    """Characters [start, end) of `plain`, one style and face, on one line. `surface` holds
    the text with its shadow; the text's own origin inside it is (`pad`, `pad`). `prefix[k]`
    is the width of the first k characters (for drawing a partly typed piece)."""

    x: int
    y: int  # top of the text (not of the padded surface), from the layout's top
    start: int
    end: int
    surface: pygame.Surface
    pad: int
    prefix: tuple[int, ...]
    line: int


@dataclass(frozen=True)
class LineBox:
    top: int
    baseline: int
    height: int
    width: int
    x: int  # left edge after alignment
    start: int  # first character index of the line
    end: int  # one past the last character laid on it (trailing spaces / newline excluded)


@dataclass(frozen=True, eq=False)
class TextLayout:
    """A laid-out text: pieces to blit relative to the layout's top-left corner."""

    width: int  # the widest line
    height: int
    max_width: int
    pieces: tuple[Piece, ...]
    lines: tuple[LineBox, ...]
    length: int  # len(plain)
    size: int  # the base size in pixels

    def caret(self, visible: int) -> tuple[int, int]:
        """(x, baseline y) just after the last drawn character of the first `visible`."""
        last: Piece | None = None
        for piece in self.pieces:
            if piece.start >= visible:
                break
            last = piece
        if last is None:
            line = self.lines[0] if self.lines else LineBox(0, self.size, self.size, 0, 0, 0, 0)
            return line.x, line.baseline
        k = min(visible, last.end) - last.start
        return last.x + last.prefix[k], self.lines[last.line].baseline


@dataclass
class _Char:
    index: int
    ch: str
    style: Style
    face: Face = Face("")


def parse_rgb(value: str | None, default: tuple[int, int, int]) -> tuple[int, int, int]:
    """A "#rrggbb" (or "#rgb") colour as a tuple; `default` when absent or unreadable."""
    if not value:
        return default
    try:
        c = pygame.Color(value)
    except ValueError:
        return default
    return c.r, c.g, c.b


def _layout_bytes(layout: TextLayout) -> int:
    return sum(p.surface.get_pitch() * p.surface.get_height() for p in layout.pieces)


class TextRenderer:
    """Lays out and draws rich text; layouts are cached (least recently used goes first), at
    most `cache_size` of them and `cache_bytes` of their pixels (a line of dialogue at 1080p
    is ~0.2 MB: a thousand of them were a quarter of the memory of playing the whole game)."""

    def __init__(self, fonts: FontBook | None = None, cache_size: int = 96, cache_bytes: int = 8 << 20) -> None:
        self.fonts = fonts or FontBook()
        self._cache: OrderedDict[tuple, TextLayout] = OrderedDict()
        self._cache_size = cache_size
        self._cache_bytes = cache_bytes
        self._bytes = 0

    # -- layout --------------------------------------------------------------------------

    def layout(self, text: RichText | str, width: int, size: int, *, family: str = SERIF,
               color: tuple[int, int, int] = (255, 255, 255), align: str = "left",
               scale: float = 1.0, shadow: Shadow | None = None, bold: bool = False,
               italic: bool = False, line_spacing: float = LINE_SPACING) -> TextLayout:
        """Lay `text` out in lines at most `width` pixels wide, at `size` pixels. Style size
        changes (`{size=+8}`) are logical pixels, multiplied by `scale`. `bold`/`italic` set
        the base style (a `{b}` inside bold text stays bold)."""
        if isinstance(text, str):
            text = RichText((Run(text),))
        key = (text, int(width), int(size), family, tuple(color), align, round(scale, 4), shadow,
               bold, italic, line_spacing)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        result = self._layout(text, max(1, int(width)), max(1, int(size)), family, tuple(color), align,
                              scale, shadow, bold, italic, line_spacing)
        self._cache[key] = result
        self._bytes += _layout_bytes(result)
        while len(self._cache) > 1 and (len(self._cache) > self._cache_size or self._bytes > self._cache_bytes):
            self._bytes -= _layout_bytes(self._cache.popitem(last=False)[1])
        return result

    def adopt(self, other: TextRenderer) -> None:
        """Keep the layouts `other` made that this renderer has not (laid out ahead in a
        background thread by a renderer of its own, vn.screen: a layout depends only on its key
        and the fonts)."""
        for key, layout in list(other._cache.items()):
            if key not in self._cache:
                self._cache[key] = layout
                self._bytes += _layout_bytes(layout)
        while len(self._cache) > 1 and (len(self._cache) > self._cache_size or self._bytes > self._cache_bytes):
            self._bytes -= _layout_bytes(self._cache.popitem(last=False)[1])

    def _px(self, style: Style, size: int, scale: float) -> int:
        return max(4, round(size + style.size * scale))

    def _font(self, c: _Char, size: int, scale: float) -> pygame.font.Font:
        return self.fonts.font(c.face, self._px(c.style, size, scale))

    def _layout(self, text: RichText, width: int, size: int, family: str, color: tuple[int, int, int],
                align: str, scale: float, shadow: Shadow | None, bold: bool, italic: bool,
                line_spacing: float) -> TextLayout:
        chars: list[_Char] = []
        index = 0
        prev = " "
        for item in text.items:
            if not isinstance(item, Run):
                continue
            style = item.style
            if bold or italic:
                style = Style(style.bold or bold, style.italic or italic, style.color, style.size)
            run = item.text
            for k, raw in enumerate(run):
                ch = typographic(clean_char(raw), prev)
                prev = raw
                if chars and chars[-1].ch != "\n" and joins_previous(ch):
                    face = chars[-1].face  # a mark, selector or joiner stays with its base
                else:
                    emoji = ord(ch) >= 0x1F000 or run[k + 1:k + 2] == "\ufe0f"
                    face = self.fonts.face_for(family, style.bold, style.italic, ch, emoji)
                chars.append(_Char(index, ch, style, face))
                index += 1
        base = _Char(-1, " ", Style(bold, italic), self.fonts.faces(family, bold, italic)[0])

        lines: list[list[_Char]] = []
        paragraph: list[_Char] = []
        for c in chars:
            if c.ch == "\n":
                lines.extend(self._wrap(paragraph, width, size, scale))
                paragraph = []
            else:
                paragraph.append(c)
        lines.extend(self._wrap(paragraph, width, size, scale))

        pieces: list[Piece] = []
        boxes: list[LineBox] = []
        top = 0
        widest = 0
        for n, line in enumerate(lines):
            groups = self._groups(line)
            above = below = 0.0
            for group in groups or [[base]]:
                font = self._font(group[0], size, scale)
                px = self._px(group[0].style, size, scale)
                asc, desc = font.get_ascent(), -font.get_descent()
                half = (px * line_spacing - (asc + desc)) / 2
                above, below = max(above, half + asc), max(below, half + desc)
            baseline = top + round(above)
            height = round(above + below)
            measured = [self._font(g[0], size, scale).size("".join(c.ch for c in g))[0] for g in groups]
            line_width = sum(measured)
            x0 = {"center": (width - line_width) // 2, "right": width - line_width}.get(align, 0)
            x = x0
            for group, w in zip(groups, measured, strict=True):
                font = self._font(group[0], size, scale)
                piece_text = "".join(c.ch for c in group)
                col = parse_rgb(group[0].style.color, color)
                surface, pad = self._render(font, piece_text, col, shadow)
                prefix = _prefix_widths(font, piece_text, w)
                pieces.append(Piece(x, baseline - font.get_ascent(), group[0].index, group[-1].index + 1,
                                    surface, pad, tuple(prefix), n))
                x += w
            start = line[0].index if line else (boxes[-1].end if boxes else 0)
            end = line[-1].index + 1 if line else start
            boxes.append(LineBox(top, baseline, height, line_width, x0, start, end))
            widest = max(widest, line_width)
            top += height
        return TextLayout(widest, top, width, tuple(pieces), tuple(boxes), len(chars), size)

    def _groups(self, line: list[_Char]) -> list[list[_Char]]:
        groups: list[list[_Char]] = []
        for c in line:
            if groups and groups[-1][0].style == c.style and groups[-1][0].face == c.face:
                groups[-1].append(c)
            else:
                groups.append([c])
        return groups

    def _measure(self, chars: Iterable[_Char], size: int, scale: float) -> int:
        total = 0
        for group in self._groups(list(chars)):
            total += self._font(group[0], size, scale).size("".join(c.ch for c in group))[0]
        return total

    def _wrap(self, paragraph: list[_Char], width: int, size: int, scale: float) -> list[list[_Char]]:
        """Greedy word wrap of one paragraph. Spaces at a break are dropped from the drawing
        (they keep their character indices); a word wider than the line is split. A dash or
        closing punctuation after a space stays with the word before it, so no line starts
        with "— " or a lone "…"."""
        units: list[tuple[list[_Char], list[_Char]]] = []  # (spaces before, word)
        spaces: list[_Char] = []
        for c in paragraph:
            if c.ch in _SPACES:
                spaces.append(c)
            elif spaces or not units:
                if units and c.ch in _NO_LINE_START:
                    units[-1][1].extend(spaces)
                    units[-1][1].append(c)
                else:
                    units.append((spaces, [c]))
                spaces = []
            else:
                units[-1][1].append(c)
        # Each word and each run of spaces is measured once and the widths summed, so wrapping
        # is linear in the text; only near the end of a line (where a pixel decides) is the
        # whole candidate line measured, so it never comes out wider than `width`.
        lines: list[list[_Char]] = []
        line: list[_Char] = []
        line_w = 0
        for before, word in units:
            before_w = self._measure(before, size, scale) if before else 0
            word_w = self._measure(word, size, scale)
            if line and line_w + before_w + word_w > width * 0.8:
                exact = self._measure(line + before + word, size, scale)
                before_w = exact - line_w - word_w
            if line_w + before_w + word_w <= width:
                line += before + word
                line_w += before_w + word_w
            elif not line:
                line, line_w = self._split_long(before + word, width, size, scale, lines)
            else:
                lines.append(line)
                if word_w <= width:
                    line, line_w = list(word), word_w
                else:
                    line, line_w = self._split_long(word, width, size, scale, lines)
        if line or not lines:
            lines.append(line)
        return lines

    def _split_long(self, chars: list[_Char], width: int, size: int, scale: float,
                    lines: list[list[_Char]]) -> tuple[list[_Char], int]:
        """Break an over-wide word at character boundaries (never inside a cluster: a mark or
        joiner stays with its base); return the unfinished last part and its width."""
        current: list[_Char] = []
        current_w = 0
        for cluster in _clusters(chars):
            w = self._measure(cluster, size, scale)
            if current and current_w + w > width * 0.8:
                w = self._measure(current + cluster, size, scale) - current_w  # exact near the edge
            if current and current_w + w > width:
                lines.append(current)
                current, current_w = [], 0
                w = self._measure(cluster, size, scale)
            current.extend(cluster)
            current_w += w
        return current, current_w

    @staticmethod
    def _render(font: pygame.font.Font, text: str, color: tuple[int, int, int],
                shadow: Shadow | None) -> tuple[pygame.Surface, int]:
        glyphs = render_glyphs(font, text, color)
        if shadow is None:
            return glyphs, 0
        dx, dy = shadow.offset
        pad = shadow.blur * 2 + max(abs(dx), abs(dy))
        w, h = glyphs.get_width() + 2 * pad, glyphs.get_height() + 2 * pad
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.blit(render_glyphs(font, text, shadow.color), (pad + dx, pad + dy))
        shade = _soften(shade, shadow.blur)
        shade.set_alpha(shadow.alpha)
        out = pygame.Surface((w, h), pygame.SRCALPHA)
        out.blit(shade, (0, 0))
        out.blit(glyphs, (pad, pad))
        return out, pad

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, layout: TextLayout, pos: tuple[int, int],
             visible: int | None = None, alpha: int = 255, lines: range | None = None) -> None:
        """Draw the first `visible` characters (all when None) with the layout's top-left at
        `pos`. `alpha` fades the whole text (shadow included). `lines`: draw only these lines
        (a page of a long text), the first of them at `pos`."""
        draw_layout(surface, layout, pos, visible, alpha, lines)


def pages(layout: TextLayout, room: int) -> list[range]:
    """Split a layout's lines into pages at most `room` pixels tall (each page at least one
    line), so a text longer than its box is shown a page at a time, never cut off."""
    out: list[range] = []
    first = 0
    for n, box in enumerate(layout.lines):
        top = layout.lines[first].top
        if n > first and box.top + box.height - top > room:
            out.append(range(first, n))
            first = n
    out.append(range(first, len(layout.lines)))
    return out


def draw_layout(surface: pygame.Surface, layout: TextLayout, pos: tuple[int, int],
                visible: int | None = None, alpha: int = 255, lines: range | None = None) -> None:
    """See `TextRenderer.draw`."""
    if alpha <= 0:
        return
    ox, oy = pos
    if lines is not None and layout.lines:
        oy -= layout.lines[lines.start].top if lines.start < len(layout.lines) else 0
    for piece in layout.pieces:
        if visible is not None and piece.start >= visible:
            break
        if lines is not None and piece.line not in lines:
            continue
        src = piece.surface
        if alpha < 255:
            src.set_alpha(alpha)
        dest = (ox + piece.x - piece.pad, oy + piece.y - piece.pad)
        if visible is None or visible >= piece.end:
            surface.blit(src, dest)
        else:
            shown = piece.prefix[visible - piece.start]
            surface.blit(src, dest, pygame.Rect(0, 0, piece.pad + shown, src.get_height()))
        if alpha < 255:
            reset_alpha(src)


def typed_area(layout: TextLayout, pos: tuple[int, int], before: int, after: int,
               lines: range | None = None) -> list[pygame.Rect]:
    """Where `draw_layout(surface, layout, pos, ..., lines=lines)` draws differently with
    `after` characters visible than with `before` (`after` >= `before`): for each piece, the
    columns of its padded surface newly uncovered (a finished piece is drawn whole, shadow
    included). Output px rects, empty when nothing changes. A frame that redraws the text
    clipped to these rects over what the last frame showed there equals a fresh draw."""
    ox, oy = pos
    if lines is not None and layout.lines:
        oy -= layout.lines[lines.start].top if lines.start < len(layout.lines) else 0

    def columns(piece: Piece, visible: int) -> int:
        if piece.start >= visible:
            return 0
        if visible >= piece.end:
            return piece.surface.get_width()
        return piece.pad + piece.prefix[visible - piece.start]

    out = []
    for piece in layout.pieces:
        if piece.start >= after:
            break
        if lines is not None and piece.line not in lines:
            continue
        a, b = columns(piece, before), columns(piece, after)
        if b > a:
            out.append(pygame.Rect(ox + piece.x - piece.pad + a, oy + piece.y - piece.pad, b - a,
                                   piece.surface.get_height()))
    return out


def clean_char(ch: str) -> str:
    """One character as the font engine may take it, one for one (so typing counts stay right):
    a tab is a space; NUL and other control characters become an invisible zero-width space
    (the font engine would draw a box or refuse the text). A newline stays."""
    if ch == "\t":
        return " "
    if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cs"):
        return "\u200b"
    return ch


def joins_previous(ch: str) -> bool:
    """A character drawn with the one before it: a combining mark, a variation selector, a
    zero-width joiner or other format character, an emoji skin-tone modifier or tag."""
    cp = ord(ch)
    if 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:
        return True
    return unicodedata.category(ch) in ("Mn", "Me", "Cf") and ch != "\u00ad"


def _clusters(chars: list[_Char]) -> list[list[_Char]]:
    out: list[list[_Char]] = []
    for c in chars:
        if out and (joins_previous(c.ch) or out[-1][-1].ch == "\u200d"):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def render_glyphs(font: pygame.font.Font, text: str, color: tuple[int, int, int]) -> pygame.Surface:
    """The one guarded call into the font engine: `font.render`, but a text that draws nothing
    (only joiners, selectors or bidi marks: SDL_ttf's "Text has zero width") or that the engine
    refuses for any other reason gives a transparent surface of the text's measured size."""
    try:
        return font.render(text, True, color)
    except (pygame.error, ValueError, OverflowError, MemoryError):
        try:
            w = font.size(text.replace("\x00", ""))[0]
        except (pygame.error, ValueError):
            w = 0
        return pygame.Surface((max(0, min(w, 16384)), font.get_height()), pygame.SRCALPHA)


def _prefix_widths(font: pygame.font.Font, text: str, total: int) -> tuple[int, ...]:
    """prefix[k] = width of text[:k], non-decreasing, prefix[-1] >= total. Exact (kerning
    included) for a short piece; summed per character for a long one, so the work stays linear."""
    prefix = [0]
    exact = len(text) <= 256
    for k in range(1, len(text) + 1):
        try:
            w = font.size(text[:k])[0] if exact else prefix[-1] + font.size(text[k - 1])[0]
        except (pygame.error, ValueError):
            w = prefix[-1]
        prefix.append(max(prefix[-1], w))
    prefix[-1] = max(prefix[-1], total)
    return tuple(prefix)


def _soften(surface: pygame.Surface, radius: int) -> pygame.Surface:
    """Blur a shadow mask. A box blur at half resolution, scaled back up smoothly, is close
    enough to a gaussian for a shadow and ten times cheaper (a new 4K line stays well under
    a frame's budget)."""
    if radius <= 0:
        return surface
    if radius < 2:
        return pygame.transform.box_blur(surface, radius, False)
    w, h = surface.get_size()
    small = pygame.transform.smoothscale(surface, (max(1, w // 2), max(1, h // 2)))
    small = pygame.transform.box_blur(small, max(1, round(radius / 2)), False)
    return pygame.transform.smoothscale(small, (w, h))
