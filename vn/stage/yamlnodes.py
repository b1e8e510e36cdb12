"""Read a small YAML data file (lighting presets, sprites) keeping each node's position.

`yaml.compose` gives nodes with line/column marks; values are built with PyYAML's *safe*
constructor one node at a time, so an error can point at the exact key or value and nothing
but plain data is ever constructed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from vn.script.diagnostics import Diagnostic, error

try:  # the C loader is faster; both compose the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def pos(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) of a node."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def compose_file(path: Path) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """The root node of a YAML file, or None with a diagnostic (missing file, bad syntax)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [error(name, 0, 0, "file not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [error(name, 0, 0, f"cannot read file: {exc}")]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [error(name, line, col, f"YAML syntax: {exc.problem or 'invalid YAML'}")]
    except yaml.YAMLError as exc:
        return None, [error(name, 1, 1, f"YAML error: {exc}")]
    return root, []


def value(node: yaml.Node) -> Any:
    """The plain Python value of a node (safe constructor: str, int, float, bool, None, lists,
    dicts). Unknown tags give the node's raw text."""
    loader = _Loader("")
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        return getattr(node, "value", None)
    finally:
        loader.dispose()


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
