"""Parse Ren'Py-style text tags and `[var]` interpolation into a checked template.

Tags: `{b}…{/b}`, `{i}…{/i}`, `{color=#f88}…{/color}`, `{size=+8}…{/size}`, `{w}` / `{w=0.5}`
(pause), `{p}` (pause for a click, then a new line), `{nw}` (do not wait at the end).
`{{` and `[[` are a literal `{` and `[`. The template keeps variables unresolved; the story
fills them in at run time (`vn.story.text.render`), never re-parsing a variable's value as tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vn.script.diagnostics import did_you_mean
from vn.script.limits import MAX_NESTING, MAX_TEXT_SIZE_CHANGE, nesting_message

# (bold, italic, color, size delta)
StyleKey = tuple[bool, bool, "str | None", int]
PLAIN: StyleKey = (False, False, None, 0)

_TAGS = ("b", "i", "color", "size", "w", "p", "nw")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SIZE = re.compile(r"^[-+]\d{1,3}$")
_NUM = re.compile(r"^\d+(?:\.\d+)?$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# what text markup is made of, in the order it is looked for at each place: a literal brace or
# bracket, a tag {…} (up to the first '}'), a variable […] (up to the first ']'), or an opening
# that never closes
_TOKEN = re.compile(r"\{\{|\[\[|\{([^}]*)\}|\[([^\]]*)\]|[{\[]")


@dataclass(frozen=True)
class TextPart:
    text: str
    style: StyleKey

    def __init__(self, text: str, style: StyleKey) -> None:
        # frozen, but set without object.__setattr__ per field (see Template)
        d = self.__dict__
        d["text"], d["style"] = text, style


@dataclass(frozen=True)
class VarPart:
    name: str
    style: StyleKey


@dataclass(frozen=True)
class PausePart:
    seconds: float | None  # None: wait for a click


Part = TextPart | VarPart | PausePart


@dataclass(frozen=True)
class Template:
    parts: tuple[Part, ...]
    no_wait: bool = False

    def __init__(self, parts: tuple[Part, ...], no_wait: bool = False) -> None:
        # Frozen (assigning a field raises), but made without the generated __init__'s
        # object.__setattr__ per field: a big script makes a template for every line, and
        # that was a tenth of compiling it. Likewise TextPart, and Where and Instr.
        d = self.__dict__
        d["parts"], d["no_wait"] = parts, no_wait

    @classmethod
    def plain(cls, text: str) -> Template:
        """The template of a text with no tags and no variables (most lines): one plain run."""
        tpl = cls((TextPart(text, PLAIN),) if text else ())
        tpl.__dict__["_plain"] = text
        return tpl

    @property
    def variables(self) -> list[str]:
        return [p.name for p in self.parts if isinstance(p, VarPart)]

    def plain_source(self) -> str:
        """The text without tags, variables as [name]: used to derive stable line ids (made
        once: the compiler, the id lock, translations and saves' anchors all ask for it)."""
        plain = self.__dict__.get("_plain")
        if plain is None:
            plain = "".join(p.text if isinstance(p, TextPart) else f"[{p.name}]"
                            for p in self.parts if not isinstance(p, PausePart))
            self.__dict__["_plain"] = plain  # a cache beside the fields, not a field
        return plain


class MarkupError(Exception):
    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.offset, self.hint = message, offset, hint


def parse_markup(src: str) -> Template:
    """Parse text with tags; raise MarkupError (with an offset into `src`) on bad markup."""
    if "{" not in src and "[" not in src:  # most lines: plain text
        return Template.plain(src)
    parts: list[Part] = []
    stack: list[tuple[str, int, StyleKey]] = []  # (tag, offset, style before it)
    style: StyleKey = PLAIN
    buf: list[str] = []  # the text since the last tag or variable
    no_wait = False
    at = 0  # where the text not yet copied to buf begins
    for token in _TOKEN.finditer(src):
        i, end = token.span()
        if i > at:
            buf.append(src[at:i])
        at = end
        body, name = token.group(1, 2)
        if body is None and name is None and end - i == 2:  # '{{' or '[[': a literal brace or bracket
            buf.append(src[i])
            continue
        if buf:
            parts.append(TextPart("".join(buf), style))
            buf.clear()
        if body is not None:
            # the tags most text uses, when they are right, at once; anything else (and every
            # error) the long way, in `_tag`
            if (body == "b" or body == "i") and len(stack) < MAX_NESTING:
                stack.append((body, i, style))
                bold, italic, color, size = style
                style = (True, italic, color, size) if body == "b" else (bold, True, color, size)
                continue
            if (body == "/b" or body == "/i") and stack and stack[-1][0] == body[1]:
                style = stack.pop()[2]
                continue
            style, no_wait = _tag(body, i, style, stack, parts, no_wait)
        elif name is not None:
            var = name.strip()
            if not _VAR.match(var):
                raise MarkupError(f"'[{name}]' is not a variable name", i,
                                  "write [name] to show a variable, or '[[' for a literal bracket")
            parts.append(VarPart(var, style))
        elif src[i] == "{":
            raise MarkupError("'{' starts a tag that never closes", i,
                              "close it with '}', or write '{{' for a literal brace")
        else:
            raise MarkupError("'[' starts a variable that never closes", i,
                              "close it with ']', or write '[[' for a literal bracket")
    if at < len(src):
        buf.append(src[at:])
    if buf:
        parts.append(TextPart("".join(buf), style))
    if stack:
        tag, offset, _ = stack[-1]
        raise MarkupError(f"'{{{tag}}}' is never closed", offset, f"end it with '{{/{tag}}}'")
    tpl = Template(tuple(parts), no_wait)
    # what it was parsed from, beside the fields: the compiled-program cache keeps this short
    # text and parses it again when the line is read (`programcache._enc_text`)
    tpl.__dict__["_source"] = src
    return tpl


def _tag(body: str, offset: int, style: StyleKey, stack: list[tuple[str, int, StyleKey]],
         parts: list[Part], no_wait: bool) -> tuple[StyleKey, bool]:
    name, _, arg = body.partition("=")
    name = name.strip()
    if name.startswith("/"):
        closing = name[1:]
        if closing not in ("b", "i", "color", "size"):
            raise MarkupError(f"unknown closing tag '{{{body}}}'", offset,
                              did_you_mean(closing, ("b", "i", "color", "size")))
        if not stack or stack[-1][0] != closing:
            expected = f"'{{/{stack[-1][0]}}}' first" if stack else "no tag is open"
            raise MarkupError(f"'{{/{closing}}}' does not match an open '{{{closing}}}'", offset,
                              f"tags close in reverse order: {expected}")
        _, _, before = stack.pop()
        return before, no_wait
    bold, italic, color, size = style
    if name in ("b", "i", "color", "size") and len(stack) >= MAX_NESTING:
        raise MarkupError(nesting_message("text markup"), offset, "close some tags before opening more")
    if name == "b" and not arg:
        stack.append(("b", offset, style))
        return (True, italic, color, size), no_wait
    if name == "i" and not arg:
        stack.append(("i", offset, style))
        return (bold, True, color, size), no_wait
    if name == "color":
        value = arg.strip()
        if not _HEX.match(value):
            raise MarkupError(f"'{value}' is not a colour", offset, "write {color=#rrggbb}")
        if len(value) == 4:
            value = "#" + "".join(c * 2 for c in value[1:])
        stack.append(("color", offset, style))
        return (bold, italic, value.lower(), size), no_wait
    if name == "size":
        value = arg.strip()
        if not _SIZE.match(value):
            raise MarkupError(f"'{value}' is not a size change", offset,
                              "sizes are relative to the text box: write {size=+8} or {size=-4}")
        delta = int(value)
        if abs(size + delta) > MAX_TEXT_SIZE_CHANGE:
            raise MarkupError(f"the text size changes by {size + delta} in all", offset,
                              f"size changes add up to at most {MAX_TEXT_SIZE_CHANGE} either way")
        stack.append(("size", offset, style))
        return (bold, italic, color, size + delta), no_wait
    if name == "w":
        if not arg:
            parts.append(PausePart(None))
        else:
            value = arg.strip()
            if not _NUM.match(value) or float(value) > 60:
                raise MarkupError(f"'{value}' is not a pause length", offset, "write {w=0.5} (seconds, at most 60)")
            parts.append(PausePart(float(value)))
        return style, no_wait
    if name == "p" and not arg:
        parts.append(PausePart(None))
        parts.append(TextPart("\n", style))
        return style, no_wait
    if name == "nw" and not arg:
        return style, True
    if name in _TAGS:
        raise MarkupError(f"tag '{{{body}}}' is malformed", offset,
                          {"b": "{b}", "i": "{i}", "p": "{p}", "nw": "{nw}"}.get(name))
    raise MarkupError(f"unknown text tag '{{{body}}}'", offset,
                      did_you_mean(name, _TAGS) or "tags: {b} {i} {color=#rrggbb} {size=+N} {w=S} {p} {nw}; '{{' for '{'")
