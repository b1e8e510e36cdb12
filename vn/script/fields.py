"""Checking one step's values against the game: field types, names of assets and characters,
text markup, expressions, and the stable ids of lines.

A mixin of the Compiler (it uses the compiler's manifest, catalog, diagnostics and bookkeeping),
kept apart so that the compiler module holds the lowering of steps and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from hashlib import sha1
from typing import TYPE_CHECKING, Any

from vn.script import values
from vn.script.commands import Field
from vn.script.diagnostics import did_you_mean, warning
from vn.script.expressions import ExprError, labels_named, parse_expr, variables_read
from vn.script.limits import MAX_LINE_CHARS, PAGE_CHARS
from vn.script.loader import Node, source_text
from vn.script.markup import MarkupError, Template, parse_markup
from vn.script.program import Where

if TYPE_CHECKING:
    from vn.script.compiler import _Ctx

_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,120}$")
_UNUSUAL = re.compile(r"[^\x20-\x7e\n\t]")  # what check_characters looks at: not printable ASCII


class FieldChecks:
    """Expects the Compiler's attributes: manifest, catalog, ids, derived, var_reads,
    label_refs, and its err() reporter."""

    # ----------------------------------------------------------------- values
    def value(self, ctx: _Ctx, f: Field, node: Node, who: str | None = None) -> Any:
        """Check one field value; report and return None when it is bad."""
        try:
            if f.type == "duration":
                return values.duration(node)
            if f.type == "color":
                return values.color(node)
            if f.type == "ease":
                return values.ease(node)
            if f.type == "number":
                return values.number(node, f.limits)
            if f.type == "bool":
                return values.boolean(node)
            if f.type == "enum":
                return values.enum(node, f.choices)
            if f.type == "preset":
                return self.check_name(ctx, node, "light preset", self.catalog.presets)
            if f.type == "stage":
                stages = None if self.catalog.stages is None else frozenset(self.catalog.stages)
                return self.check_name(ctx, node, "stage", stages)
            if f.type == "mark":
                return self.check_mark(ctx, node, values.word(node, "a mark"), 0)
            if f.type == "look":
                return self.check_look(ctx, node, who, values.word(node, "a look"), 0)
            if f.type == "audio":
                name = self.check_name(ctx, node, "audio file", self.catalog.audio, "assets/audio/")
                if name in self.catalog.audio_problems:
                    raise values.ValueError_(f"audio file 'assets/audio/{name}' {self.catalog.audio_problems[name]}",
                                             "export it again (OGG Vorbis is best); the game plays it as silence")
                return name
            if f.type == "text":
                return self.text(ctx, node)
            if f.type == "id":
                return values.word(node, "an id")
            return values.word(node, f.doc)
        except values.ValueError_ as exc:
            self.err(ctx.path, node, exc.message, exc.hint)
            return None

    def check_name(self, ctx: _Ctx, node: Node, what: str, known: frozenset[str] | None,
                   prefix: str = "") -> str:
        name = values.word(node, f"a {what}")
        if known is not None and name not in known:
            where = {"stage": "stages are Tiled maps in assets/stages/NAME.tmx",
                     "light preset": "presets are defined in assets/lighting.yaml",
                     "audio file": "audio files live in assets/audio/"}.get(what)
            raise values.ValueError_(f"unknown {what} '{prefix}{name}'", did_you_mean(name, known)
                                     or (f"known: {', '.join(sorted(known))}" if known else where))
        return name

    def check_mark(self, ctx: _Ctx, node: Node, mark: str, offset: int) -> str | None:
        stages = self.catalog.stages
        if stages is None:
            return mark
        known = stages.get(ctx.stage, frozenset()) if ctx.stage in stages else self.catalog.all_marks()
        if mark not in known:
            where = f" on stage '{ctx.stage}'" if ctx.stage in stages else ""
            self.err(ctx.path, node, f"unknown mark '{mark}'{where}",
                     did_you_mean(mark, known) or (f"marks: {', '.join(sorted(known))}" if known else
                                                   "add a point object to the stage's 'marks' layer"), offset)
            return None
        return mark

    def check_look(self, ctx: _Ctx, node: Node, who: str | None, look: str, offset: int) -> str | None:
        char = self.manifest.characters.get(who or "")
        if char is None:
            return look
        if char.sprite is None:
            self.err(ctx.path, node, f"'{who}' has no sprite, so no looks",
                     f"give {who} a sprite in game.yaml", offset)
            return None
        looks = self.catalog.looks.get(char.sprite)
        if looks is not None and look not in looks:
            self.err(ctx.path, node, f"'{who}' has no look '{look}'",
                     did_you_mean(look, looks) or f"looks: {', '.join(sorted(looks))}", offset)
            return None
        return look

    def check_char(self, ctx: _Ctx, node: Node, who: str, offset: int = 0, needs_sprite: bool = True) -> bool:
        char = self.manifest.characters.get(who)
        if char is None:
            self.err(ctx.path, node, f"unknown character '{who}'",
                     did_you_mean(who, self.manifest.characters) or "characters are declared in scripts/game.yaml",
                     offset)
            return False
        if needs_sprite and char.sprite is None:
            self.err(ctx.path, node, f"'{who}' has no sprite to show",
                     f"give {who} a sprite in game.yaml, or only let them speak", offset)
            return False
        return True

    def text(self, ctx: _Ctx, node: Node) -> Template | None:
        """A text field: the scalar exactly as written (`No` stays "No", `3.10` stays "3.10")."""
        src = source_text(node)
        if src is None:
            self.err(ctx.path, node, f"expected text, found {node.describe()}", "quote the text")
            return None
        if len(src) <= PAGE_CHARS and "{" not in src and "[" not in src and src.isascii() and src.isprintable():
            return Template.plain(src)  # most text: no tags, no variables, nothing to warn about
        if len(src) > MAX_LINE_CHARS:
            self.err(ctx.path, node, f"this text is {len(src):,} characters long; at most {MAX_LINE_CHARS:,}",
                     "split it into several lines")
            return None
        try:
            tpl = parse_markup(src)
        except MarkupError as exc:
            offset = self.offset(node, exc.offset)
            self.err(ctx.path, node, exc.message, exc.hint, offset)
            return None
        for name in tpl.variables:
            self.var_reads.append((name, Where(ctx.path, node.line, node.col)))
        self.check_characters(ctx, node, src)
        shown = len(tpl.plain_source())
        if shown > PAGE_CHARS:
            self.diags.append(warning(ctx.path, node.line, node.col,
                                      f"this line is {shown:,} characters long, more than the text box shows "
                                      f"at once (about {PAGE_CHARS:,}): it continues on a next page after a click",
                                      "split it into several lines so each page ends where you choose"))
        return tpl

    def check_characters(self, ctx: _Ctx, node: Node, src: str) -> None:
        """Warn about characters that will not show: control characters, and (when the game's
        fonts are known) characters no font of the game has, which would be drawn as boxes.
        At most three warnings a text, each at its column."""
        if src.isascii() and src.isprintable():  # most text: nothing to look at
            return
        drawable = self.catalog.drawable
        warned: set[str] = set()
        for found in _UNUSUAL.finditer(src):  # printable ASCII, tabs and line breaks always show
            i, ch = found.start(), found.group()
            if ch in warned:
                continue
            cat = unicodedata.category(ch)
            if cat in ("Cc", "Cs"):
                message = f"a control character ({_char_name(ch)}) in text is not shown"
                hint = "remove it; write {p} or a line break for a new line"
            elif not _needs_glyph(ch) or drawable is None or drawable(ch):
                continue
            else:
                message = f"no font of the game can draw '{ch}' ({_char_name(ch)}); it will show as a box"
                hint = "add a font that has it to assets/fonts/ (see docs/script-format.md, 'Fonts')"
            warned.add(ch)
            self.diags.append(warning(ctx.path, node.line, node.col + self.offset(node, i), message, hint))
            if len(warned) >= 3:
                return

    @staticmethod
    def offset(node: Node, index: int) -> int:
        """Column offset of character `index` of a scalar's text (exact for one-line plain text)."""
        if node.kind != "scalar" or "\n" in node.text:
            return 0
        return index + (1 if node.quoted else 0)

    def expr(self, ctx: _Ctx, node: Node) -> tuple | None:
        v = node.value
        if node.kind == "scalar" and isinstance(v, bool):
            return ("bool", v)
        if node.kind == "scalar" and isinstance(v, (int, float)):
            try:
                return ("num", values.finite_number(node))
            except values.ValueError_ as exc:
                self.err(ctx.path, node, exc.message, exc.hint)
                return None
        if not node.is_str():
            self.err(ctx.path, node, f"expected an expression, found {node.describe()}", "e.g. trust >= 2 and stayed")
            return None
        try:
            tree = parse_expr(v)
        except ExprError as exc:
            self.err(ctx.path, node, exc.message, exc.hint, self.offset(node, exc.offset))
            return None
        for name in variables_read(tree):
            self.var_reads.append((name, self.where(ctx.path, node)))
        for lab in labels_named(tree):
            self.label_refs.append((lab, self.where(ctx.path, node)))
        return tree

    # ----------------------------------------------------------------- ids
    def line_id(self, ctx: _Ctx, explicit: Node | None, basis: str, node: Node) -> str:
        if explicit is not None:
            ident = source_text(explicit) if not isinstance(explicit.value, (bool, type(None))) else None
            if not ident or not _ID.match(ident):
                self.err(ctx.path, explicit, f"'{explicit.text}' is not a valid id",
                         "ids are letters, digits and _ . : - (at most 120)")
            elif ident in self.ids:
                path, line, col = self.ids[ident]
                self.err(ctx.path, explicit, f"id '{ident}' is used twice", f"first used at {path}:{line}:{col}")
            else:
                self.ids[ident] = (ctx.path, explicit.line, explicit.col)
                return ident
        base = f"{ctx.label}.{sha1(basis.encode('utf-8')).hexdigest()[:8]}"
        n = self.derived.get(base, 0) + 1
        self.derived[base] = n
        ident = base if n == 1 else f"{base}.{n}"
        while ident in self.ids:  # an explicit id happened to take it
            n += 1
            ident = f"{base}.{n}"
        self.ids[ident] = (ctx.path, node.line, node.col)
        return ident



def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def _needs_glyph(ch: str) -> bool:
    """False for what the text engine hides: spaces, format characters (joiners, bidi marks),
    variation selectors."""
    if ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Cs"):
        return False
    cp = ord(ch)
    return not (0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)
