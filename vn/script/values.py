"""Checking and normalising single field values: durations, colours, easings, numbers, names."""

from __future__ import annotations

import math
import re

from vn.easing import EASINGS
from vn.script.diagnostics import did_you_mean
from vn.script.loader import Node

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
    if limits and not limits[0] <= v <= limits[1]:
        raise ValueError_(f"{v} is out of range", f"use a number from {limits[0]:g} to {limits[1]:g}")
    return float(v)


def boolean(node: Node) -> bool:
    if node.kind != "scalar" or not isinstance(node.value, bool):
        raise ValueError_(f"expected true or false, found {node.describe()}", None)
    return node.value


def enum(node: Node, choices: tuple[str, ...]) -> str:
    if not node.is_str():
        raise ValueError_(f"expected one of {', '.join(choices)}; found {node.describe()}", None)
    if node.value not in choices:
        raise ValueError_(f"'{node.value}' is not one of {', '.join(choices)}",
                          did_you_mean(node.value, choices))
    return node.value


def word(node: Node, what: str) -> str:
    if not node.is_str() or not node.value.strip():
        raise ValueError_(f"expected {what}, found {node.describe()}", None)
    return node.value.strip()
