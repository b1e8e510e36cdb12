"""Checking and normalising single field values: durations, colours, easings, numbers, names."""

from __future__ import annotations

import math
import re

from vn.easing import EASINGS
from vn.script.diagnostics import did_you_mean
from vn.script.limits import MAX_NUMBER
from vn.script.loader import Node, source_text

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|sec|secs|seconds)?\s*$")
_HEX6 = re.compile(r"^#[0-9a-fA-F]{6}$")
_HEX3 = re.compile(r"^#[0-9a-fA-F]{3}$")
MAX_SECONDS = 3600.0


class ValueError_(Exception):
    """A field value that does not fit its type: message and hint for a diagnostic."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def duration(node: Node) -> float:
    v = node.value
    if node.kind == "scalar" and isinstance(v, (int, float)) and not isinstance(v, bool):
        seconds = float(v)
    elif node.is_str():
        m = _DURATION.match(v)
        if not m:
            raise ValueError_(f"'{v}' is not a duration", "write 2s, 500ms or a number of seconds")
        seconds = float(m.group(1)) / (1000.0 if m.group(2) == "ms" else 1.0)
    else:
        raise ValueError_(f"expected a duration, found {node.describe()}", "write 2s, 500ms or a number of seconds")
    if math.isnan(seconds) or seconds < 0:
        raise ValueError_(f"a duration cannot be {v}", "write 2s, 500ms or a number of seconds")
    if seconds > MAX_SECONDS:
        raise ValueError_(f"{v} is longer than an hour", "durations are at most 3600 seconds")
    return seconds


def color(node: Node) -> str:
    v = node.value
    if node.kind == "scalar" and v is None:
        raise ValueError_("expected a colour, found nothing",
                          "in YAML '#' starts a comment: quote colours, e.g. color: \"#ff8800\"")
    if not node.is_str():
        raise ValueError_(f"expected a colour, found {node.describe()}", "write \"#rrggbb\"")
    if _HEX3.match(v):
        return "#" + "".join(c * 2 for c in v[1:]).lower()
    if not _HEX6.match(v):
        raise ValueError_(f"'{v}' is not a colour", "write \"#rrggbb\", e.g. \"#ff8800\"")
    return v.lower()


def ease(node: Node) -> str:
    if not node.is_str():
        raise ValueError_(f"expected an easing name, found {node.describe()}", "e.g. sine_in_out")
    if node.value not in EASINGS:
        raise ValueError_(f"unknown easing '{node.value}'",
                          did_you_mean(node.value, EASINGS) or "easings: " + ", ".join(EASINGS))
    return node.value


def number(node: Node, limits: tuple[float, float] | None) -> float:
    v = node.value
    if node.kind != "scalar" or isinstance(v, bool) or not isinstance(v, (int, float)) or math.isnan(v):
        raise ValueError_(f"expected a number, found {node.describe()}", None)
    finite_number(node)
    if limits and not limits[0] <= v <= limits[1]:
        raise ValueError_(f"{v} is out of range", f"use a number from {limits[0]:g} to {limits[1]:g}")
    return float(v)


def finite_number(node: Node) -> float | int:
    """A number literal that arithmetic and printing can take: finite and at most MAX_NUMBER."""
    v = node.value
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError_(f"'{node.text}' is not a usable number (it is infinite or not a number)",
                          f"use a number between -{MAX_NUMBER:.0e} and {MAX_NUMBER:.0e}")
    if abs(v) > MAX_NUMBER:
        raise ValueError_(f"the number {node.text[:40]}{'…' if len(node.text) > 40 else ''} is too large",
                          f"numbers are at most {MAX_NUMBER:.0e} either way")
    return v


def boolean(node: Node) -> bool:
    if node.kind != "scalar" or not isinstance(node.value, bool):
        hint = None
        if node.is_str() and node.value.strip().lower() in ("yes", "no", "on", "off", "y", "n"):
            hint = ("YAML 1.2 (which game files follow) reads only true and false as booleans: "
                    f"write {'true' if node.value.strip().lower() in ('yes', 'on', 'y') else 'false'}")
        raise ValueError_(f"expected true or false, found {node.describe()}", hint)
    return node.value


def enum(node: Node, choices: tuple[str, ...]) -> str:
    if not node.is_str():
        raise ValueError_(f"expected one of {', '.join(choices)}; found {node.describe()}", None)
    if node.value not in choices:
        raise ValueError_(f"'{node.value}' is not one of {', '.join(choices)}",
                          did_you_mean(node.value, choices))
    return node.value


def word(node: Node, what: str) -> str:
    """A name (id, mark, look, file): text as written. A bare true/false/null is refused with a
    hint to quote it; a bare number is taken as written (`1` names the mark "1")."""
    if node.kind == "scalar" and isinstance(node.value, (bool, type(None))) and node.text:
        raise ValueError_(f"expected {what}, found {node.describe()}", node.not_text_hint())
    text = source_text(node)
    if text is None or not text.strip():
        raise ValueError_(f"expected {what}, found {node.describe()}", None)
    return text.strip()


def not_a_name(node: Node, what: str) -> str:
    """The message for a key or step where a name was expected but YAML read something else."""
    if node.kind != "scalar":
        return f"expected {what}, found {node.describe()}"
    if isinstance(node.value, bool) or node.value is None:
        return f"'{node.text}' is not {what}: YAML reads it as {_reads_as(node)}"
    return f"'{node.text}' is not {what}"


def _reads_as(node: Node) -> str:
    if node.value is None:
        return "null (nothing)"
    return f"the boolean {str(node.value).lower()}"
