"""Load YAML into a small tree of nodes that remember where they came from.

`yaml.compose` gives nodes with marks but leaves scalars as strings; this module resolves
scalars to Python values (using the tags YAML's resolver chose) and keeps every node's line and
column, so each later error can point at the exact spot. Nothing here constructs arbitrary
objects: a scene script is untrusted input, so tags other than YAML's core ones, anchors and
aliases are rejected with a diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from vn.script.diagnostics import Diagnostic, error

try:  # the C loader is several times faster on large scripts
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
_MAX_NODES = 2_000_000


@dataclass
class Node:
    """A YAML node: `kind` is "scalar", "seq" or "map". Positions count from 1."""

    kind: str
    line: int
    col: int
    value: Any = None  # scalar: the Python value (str, int, float, bool, None)
    items: list[Node] = field(default_factory=list)  # seq
    pairs: list[tuple[Node, Node]] = field(default_factory=list)  # map, in file order
    quoted: bool = False  # scalar written with quotes (so never a bare word)

    def is_str(self) -> bool:
        return self.kind == "scalar" and isinstance(self.value, str)

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if k.value == key:
                return v
        return None

    def keys(self) -> list[str]:
        return [str(k.value) for k, _ in self.pairs]

    def walk(self) -> Iterator[Node]:
        yield self
        for item in self.items:
            yield from item.walk()
        for k, v in self.pairs:
            yield k
            yield from v.walk()

    def describe(self) -> str:
        if self.kind == "seq":
            return "a list"
        if self.kind == "map":
            return "a mapping"
        v = self.value
        if v is None:
            return "nothing (null)"
        if isinstance(v, bool):
            return f"the boolean {str(v).lower()}"
        if isinstance(v, (int, float)):
            return f"the number {v}"
        return f"the text '{v}'"


class _Budget:
    def __init__(self) -> None:
        self.count = 0


def _convert(node: yaml.Node, path: str, diags: list[Diagnostic], budget: _Budget) -> Node:
    budget.count += 1
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if budget.count > _MAX_NODES:
        raise _TooBig(line, col)
    tag = node.tag or ""
    if isinstance(node, yaml.ScalarNode):
        value, ok = _scalar(node)
        if not ok:
            diags.append(
                error(path, line, col, f"unsupported YAML tag '{tag}'",
                      "scene scripts use plain YAML values: text, numbers, true/false, lists and mappings")
            )
        return Node("scalar", line, col, value=value, quoted=node.style in ("'", '"'))
    if not tag.startswith(_CORE) and tag not in ("",):
        diags.append(error(path, line, col, f"unsupported YAML tag '{tag}'",
                           "remove the tag: scene scripts use plain lists and mappings"))
    if isinstance(node, yaml.SequenceNode):
        return Node("seq", line, col, items=[_convert(n, path, diags, budget) for n in node.value])
    if isinstance(node, yaml.MappingNode):
        pairs: list[tuple[Node, Node]] = []
        seen: dict[object, Node] = {}
        for knode, vnode in node.value:
            if knode.tag == _CORE + "merge":
                diags.append(error(path, knode.start_mark.line + 1, knode.start_mark.column + 1,
                                   "merge keys ('<<') are not supported", "write the keys out"))
                continue
            k = _convert(knode, path, diags, budget)
            v = _convert(vnode, path, diags, budget)
            hashable = k.value if k.kind == "scalar" else id(k)
            if hashable in seen:
                first = seen[hashable]
                diags.append(error(path, k.line, k.col, f"duplicate key '{k.value}'",
                                   f"it is already given at line {first.line}, column {first.col}"))
                continue
            seen[hashable] = k
            pairs.append((k, v))
        return Node("map", line, col, pairs=pairs)
    raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover


class _TooBig(Exception):
    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.line, self.col = line, col


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")


def _scalar(node: yaml.ScalarNode) -> tuple[Any, bool]:
    """Resolve a scalar by the tag YAML's implicit resolver gave it; never construct objects."""
    tag, text = node.tag, node.value
    if tag == _CORE + "str":
        return text, True
    if tag == _CORE + "null":
        return None, True
    if tag == _CORE + "bool":
        return text.lower() in ("true", "yes", "on"), True
    if tag == _CORE + "int":
        clean = text.replace("_", "")
        try:
            if _INT.match(text):
                return int(clean, 10), True
            return int(clean, 0), True
        except ValueError:
            return text, True
    if tag == _CORE + "float":
        low = text.lower().replace("_", "")
        if low in (".inf", "+.inf"):
            return float("inf"), True
        if low == "-.inf":
            return float("-inf"), True
        if low == ".nan":
            return float("nan"), True
        try:
            return float(low), True
        except ValueError:
            return text, True
    if tag in (_CORE + "timestamp", _CORE + "binary"):
        return text, True
    return text, False


def load_yaml(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """Parse one YAML document. A syntax error is a diagnostic at its position, not an exception."""
    diags: list[Diagnostic] = []
    if "\x00" in text:
        return None, [error(path, 1, 1, "file contains a NUL byte", "is this really a text file?")]
    try:
        composed = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" {exc.context}" if exc.context else ""
        hint = _yaml_hint(problem)
        if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            hint = "YAML indents with spaces, not tabs"
        return None, [error(path, line, col, f"YAML syntax: {problem}{context}", hint)]
    except yaml.YAMLError as exc:
        return None, [error(path, 1, 1, f"YAML error: {exc}", None)]
    except RecursionError:
        return None, [error(path, 1, 1, "YAML nests too deeply", "flatten the structure")]
    if composed is None:
        return None, diags
    if _has_alias(composed):
        line, col = composed.start_mark.line + 1, composed.start_mark.column + 1
        return None, [error(path, line, col, "YAML anchors and aliases (&name, *name) are not supported",
                            "write each step out; use `call:` to reuse steps")]
    try:
        return _convert(composed, path, diags, _Budget()), diags
    except _TooBig as big:
        return None, [error(path, big.line, big.col, "script is too large", "split it into several files")]
    except RecursionError:
        return None, [error(path, 1, 1, "YAML nests too deeply", "flatten the structure")]


def _has_alias(root: yaml.Node) -> bool:
    """Aliases make the node graph a DAG (or worse); detect a node reached twice."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
    return False


def _yaml_hint(problem: str) -> str | None:
    p = problem.lower()
    if "tab" in p:
        return "YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in p:
        return "a text containing ': ' must be quoted, e.g. - \"Zack: it hurts\""
    if "could not find expected ':'" in p:
        return "check the indentation and that every key ends with ':'"
    if "found character '@'" in p or "found character '`'" in p:
        return "quote text that starts with @ or `"
    if "found undefined alias" in p:
        return "anchors and aliases are not supported"
    return "check indentation and quoting near this position"
