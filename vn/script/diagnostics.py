"""Errors as values with a location, printed together, compiler-style."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a game's files. `line` and `col` count from 1 (0 when unknown)."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str | None = None

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def error(path: str, line: int, col: int, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(path, line, col, "error", message, hint)


def warning(path: str, line: int, col: int, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(path, line, col, "warning", message, hint)


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """A hint naming the closest known name, or None when nothing is close."""
    import difflib  # (here: a check with nothing to suggest never needs it)

    matches = difflib.get_close_matches(name, sorted(set(known)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


def sort_key(d: Diagnostic) -> tuple[str, int, int]:
    return (d.path, d.line, d.col)


def format_all(diags: Iterable[Diagnostic], fmt: str = "text") -> str:
    ordered = sorted(diags, key=sort_key)
    if fmt == "json":
        return json.dumps([d.to_json() for d in ordered], indent=2)
    return "\n".join(d.format() for d in ordered)
