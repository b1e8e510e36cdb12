"""The two ways a YAML file becomes a JSON instance for schema validation.

- `editor_view`: as the Red Hat YAML language server reads it (YAML 1.2 core schema: only
  true/false in any of three cases are booleans, `null`/`~`/empty are null, keys are strings).
- `engine_view`: as vn's own loader reads it (vn.script.loader), keys made strings.
"""

from __future__ import annotations

import re

import yaml

from vn.script.loader import Node, load_yaml

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?(\.inf|\.Inf|\.INF)$")
_NAN = re.compile(r"^(\.nan|\.NaN|\.NAN)$")


def _core(text: str):
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def _convert12(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.style else _core(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_convert12(n) for n in node.value]
    return {str(_convert12(k) if isinstance(k, yaml.ScalarNode) else k): _convert12(v) for k, v in node.value}


def editor_view(text: str):
    return _convert12(yaml.compose(text, Loader=yaml.SafeLoader))


def _key(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return "null" if value is None else str(value)


def _convert_engine(node: Node):
    if node.kind == "scalar":
        return node.value
    if node.kind == "seq":
        return [_convert_engine(n) for n in node.items]
    return {_key(k.value): _convert_engine(v) for k, v in node.pairs}


def engine_view(text: str):
    root, diags = load_yaml(text, "x.yaml")
    assert root is not None, diags
    return _convert_engine(root)
