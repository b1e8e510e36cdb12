"""Read a small YAML data file (lighting presets, sprites) keeping each node's position.

The file goes through the scene scripts' own loader (`vn.script.loader.compose_checked`): the
same YAML 1.2 core schema for plain values, and the same rules for duplicate keys (reported, the
first one kept), tags, anchors, merge keys, nesting depth, size, NUL bytes and stray byte-order
marks. Values are resolved one node at a time, so an error can point at the exact key or value
and nothing but plain data is ever constructed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from vn.script.diagnostics import Diagnostic, error
from vn.script.loader import compose_checked, resolve_node


def pos(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) of a node."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def compose_file(path: Path) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """The root node of a YAML file, or None with a diagnostic (missing file, bad syntax).
    Diagnostics for problems that leave the tree usable (a duplicated key) come with a root."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [error(name, 0, 0, "file not found")]
    except OSError as exc:
        return None, [error(name, 0, 0, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(name, line, col, "the file is not UTF-8 text", "save it as UTF-8")]
    return compose_checked(text, name)


def value(node: yaml.Node) -> Any:
    """The plain Python value of a node (YAML 1.2 core schema: str, int, float, bool, None,
    lists, dicts). Unsupported tags give the node's raw text."""
    return resolve_node(node)


def items(node: yaml.Node) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """(key text, key node, value node) of a mapping node, in file order."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), k, v) for k, v in node.value]


def kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.value in ("", "~", "null", "Null", "NULL"):
        return "nothing"
    return f"'{node.value}'"
