"""Parse the small, safe expression language of conditions and `set` values.

The grammar is deliberately tiny: literals (numbers, 'strings', true/false), variable names,
arithmetic, comparisons, `and`/`or`/`not`, parentheses and a fixed set of functions. The
result is a tree of plain tuples that `vn.story.expressions` evaluates; nothing is ever handed
to Python's `eval`, so a script cannot reach attributes, imports or files.

Tree shapes: ("num", x) ("str", s) ("bool", b) ("var", name) ("not", e) ("neg", e)
("and", a, b) ("or", a, b) ("op", "+", a, b) ("cmp", "<", a, b) ("call", name, (args…)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vn.script.limits import MAX_NESTING, nesting_message

Expr = tuple

# name -> (min args, max args, doc)
FUNCTIONS: dict[str, tuple[int, int, str]] = {
    "visited": (1, 1, "visited('label'): true once the label has been entered"),
    "visits": (1, 1, "visits('label'): how many times the label has been entered"),
    "random": (2, 2, "random(a, b): a whole number from a to b inclusive, from the saved seed"),
    "min": (1, 8, "min(a, b, …)"),
    "max": (1, 8, "max(a, b, …)"),
    "abs": (1, 1, "abs(x)"),
    "round": (1, 1, "round(x): nearest whole number"),
}

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?|\.\d+)
    | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op>==|!=|<=|>=|//|\*\*|&&|\|\||[-+*/%<>(),!.\[\]=])
    )""",
    re.VERBOSE,
)

_KEYWORDS = {"and", "or", "not", "true", "false", "True", "False"}
_FORBIDDEN_NAMES = {"import", "lambda", "exec", "eval", "open", "globals", "locals", "getattr",
                    "setattr", "__import__", "compile", "input", "print", "type", "object"}


class ExprError(Exception):
    """Not an expression: `offset` is the character offset into the source text."""

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.offset, self.hint = message, offset, hint


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokenize(src: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i = 0
    while i < len(src):
        if src[i:].strip() == "":
            break
        m = _TOKEN.match(src, i)
        if not m or m.end() == i:
            j = i
            while j < len(src) and src[j].isspace():
                j += 1
            raise ExprError(f"unexpected character '{src[j]}'", j,
                            "expressions use numbers, 'text', names, + - * / %, comparisons, and/or/not")
        kind = m.lastgroup or "op"
        start = m.start(kind)
        toks.append(_Tok(kind, m.group(kind), start))
        i = m.end()
    toks.append(_Tok("end", "", len(src)))
    return toks


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.toks = _tokenize(src)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def at(self, *texts: str) -> bool:
        return self.tok.kind in ("op", "name") and self.tok.text in texts

    def expect(self, text: str) -> None:
        if not self.at(text):
            raise ExprError(f"expected '{text}'", self.tok.pos)
        self.take()

    def parse(self) -> Expr:
        e = self.or_()
        if self.tok.kind != "end":
            t = self.tok
            hint = None
            if t.text == "=":
                hint = "compare with '==' (set variables with `set:`)"
            raise ExprError(f"unexpected '{t.text}'", t.pos, hint)
        return e

    def or_(self) -> Expr:
        e = self.and_()
        while self.at("or", "||"):
            self._word_op_hint("||", "or")
            self.take()
            e = ("or", e, self.and_())
        return e

    def and_(self) -> Expr:
        e = self.not_()
        while self.at("and", "&&"):
            self._word_op_hint("&&", "and")
            self.take()
            e = ("and", e, self.not_())
        return e

    def _word_op_hint(self, symbol: str, word: str) -> None:
        if self.tok.text == symbol:
            raise ExprError(f"'{symbol}' is not an operator here", self.tok.pos, f"write '{word}'")

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExprError(nesting_message("expression"), self.tok.pos, "use intermediate variables")

    def not_(self) -> Expr:
        if self.at("not"):
            self.take()
            self.deeper()
            try:
                return ("not", self.not_())
            finally:
                self.depth -= 1
        if self.at("!"):
            raise ExprError("'!' is not an operator here", self.tok.pos, "write 'not'")
        return self.cmp()

    def cmp(self) -> Expr:
        e = self.add()
        if self.at("==", "!=", "<", "<=", ">", ">="):
            op = self.take().text
            e = ("cmp", op, e, self.add())
            if self.at("==", "!=", "<", "<=", ">", ">="):
                raise ExprError("comparisons cannot be chained", self.tok.pos,
                                "join them with 'and': a < b and b < c")
        elif self.at("="):
            raise ExprError("'=' is not a comparison", self.tok.pos, "compare with '=='")
        return e

    def add(self) -> Expr:
        e = self.mul()
        while self.at("+", "-"):
            op = self.take().text
            e = ("op", op, e, self.mul())
        return e

    def mul(self) -> Expr:
        e = self.unary()
        while self.at("*", "/", "//", "%"):
            op = self.take().text
            e = ("op", op, e, self.unary())
        if self.at("**"):
            raise ExprError("'**' is not supported", self.tok.pos, "multiply instead")
        return e

    def unary(self) -> Expr:
        if self.at("-", "+"):
            sign = self.take().text
            self.deeper()
            try:
                inner = self.unary()
            finally:
                self.depth -= 1
            return ("neg", inner) if sign == "-" else inner
        return self.atom()

    def atom(self) -> Expr:
        t = self.tok
        self.deeper()
        try:
            if t.kind == "num":
                self.take()
                if len(t.text) > 20:
                    raise ExprError("this number is too long", t.pos, "numbers are at most 1e15 either way")
                value = float(t.text) if "." in t.text else int(t.text)
                if value > 1e15:
                    raise ExprError("this number is too large", t.pos, "numbers are at most 1e15 either way")
                return ("num", value)
            if t.kind == "str":
                self.take()
                return ("str", _unquote(t.text))
            if t.kind == "name":
                return self.name()
            if self.at("("):
                self.take()
                e = self.or_()
                self.expect(")")
                return e
            if t.kind == "end":
                raise ExprError("expression ends too early", t.pos, "something is missing at the end")
            raise ExprError(f"unexpected '{t.text}'", t.pos)
        finally:
            self.depth -= 1

    def name(self) -> Expr:
        t = self.take()
        name = t.text
        if name in ("true", "True"):
            return ("bool", True)
        if name in ("false", "False"):
            return ("bool", False)
        if name in ("and", "or", "not"):
            raise ExprError(f"'{name}' needs something before it", t.pos)
        if name.startswith("__") or name in _FORBIDDEN_NAMES:
            raise ExprError(f"'{name}' is not allowed in expressions", t.pos,
                            "scripts can only read their own variables")
        if self.at("."):
            raise ExprError("attribute access ('.') is not allowed", self.tok.pos,
                            "scripts can only read their own variables")
        if self.at("["):
            raise ExprError("indexing ('[') is not allowed", self.tok.pos, None)
        if self.at("("):
            return self.call(t)
        return ("var", name)

    def call(self, t: _Tok) -> Expr:
        name = t.text
        if name not in FUNCTIONS:
            from vn.script.diagnostics import did_you_mean

            raise ExprError(f"unknown function '{name}'", t.pos,
                            did_you_mean(name, FUNCTIONS) or "functions: " + ", ".join(FUNCTIONS))
        self.expect("(")
        args: list[Expr] = []
        if not self.at(")"):
            args.append(self.or_())
            while self.at(","):
                self.take()
                args.append(self.or_())
        self.expect(")")
        lo, hi, doc = FUNCTIONS[name]
        if not lo <= len(args) <= hi:
            raise ExprError(f"{name}() takes {lo if lo == hi else f'{lo} to {hi}'} argument"
                            f"{'' if hi == 1 else 's'}, not {len(args)}", t.pos, doc)
        if name in ("visited", "visits") and args[0][0] != "str":
            raise ExprError(f"{name}() takes a label name in quotes", t.pos, f"{name}('door')")
        if self.at("."):
            raise ExprError("attribute access ('.') is not allowed", self.tok.pos, None)
        return ("call", name, tuple(args))


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def parse_expr(src: str) -> Expr:
    """Parse `src`; raise ExprError with an offset into `src` when it is not an expression."""
    if not src.strip():
        raise ExprError("empty expression", 0, None)
    if len(src) > 2000:
        raise ExprError("expression is too long", 0, "split it with intermediate variables")
    try:
        tree = _Parser(src).parse()
    except RecursionError:  # the parser's own frames ran out before MAX_NESTING was counted
        raise ExprError(nesting_message("expression"), 0, "use intermediate variables") from None
    if _depth(tree) > MAX_NESTING:  # a long chain a + b + c … is a deep left-leaning tree
        raise ExprError(nesting_message("expression"), 0, "use intermediate variables")
    return tree


def _depth(expr: Expr) -> int:
    deepest = 0
    stack = [(expr, 1)]
    while stack:
        e, d = stack.pop()
        deepest = max(deepest, d)
        for child in _children(e):
            stack.append((child, d + 1))
    return deepest


def _children(e: Expr) -> tuple:
    if e[0] in ("not", "neg"):
        return (e[1],)
    if e[0] in ("and", "or"):
        return e[1:]
    if e[0] in ("op", "cmp"):
        return e[2:]
    if e[0] == "call":
        return tuple(e[2])
    return ()


def variables_read(expr: Expr) -> set[str]:
    """Every variable name the expression reads."""
    out: set[str] = set()
    stack = [expr]
    while stack:
        e = stack.pop()
        if e[0] == "var":
            out.add(e[1])
        elif e[0] in ("not", "neg"):
            stack.append(e[1])
        elif e[0] in ("and", "or"):
            stack.extend(e[1:])
        elif e[0] in ("op", "cmp"):
            stack.extend(e[2:])
        elif e[0] == "call":
            stack.extend(e[2])
    return out


def labels_named(expr: Expr) -> list[str]:
    """Labels named by visited()/visits() calls."""
    out: list[str] = []
    stack = [expr]
    while stack:
        e = stack.pop()
        if e[0] == "call":
            if e[1] in ("visited", "visits"):
                out.append(e[2][0][1])
            stack.extend(e[2])
        elif e[0] in ("not", "neg"):
            stack.append(e[1])
        elif e[0] in ("and", "or"):
            stack.extend(e[1:])
        elif e[0] in ("op", "cmp"):
            stack.extend(e[2:])
    return out
