"""Load YAML into a small tree of nodes that remember where they came from.

Every YAML file the engine reads (scene scripts, game.yaml, lighting.yaml, sprite files) goes
through `compose_checked`, so all of them share one set of rules: duplicate keys, tags other
than YAML's core ones, anchors/aliases and merge keys are diagnostics; nesting depth, node count
and file size are bounded; a NUL byte or a byte-order mark inside the text is named.

Plain (unquoted) scalars are resolved by the **YAML 1.2 core schema** (YAML 1.2.2 spec,
section 10.3), not PyYAML's YAML 1.1 rules: only `true`/`false` are booleans (so `No`, `yes`,
`on` are text), `1_000` and `1:30` are text, `0x1F` is a number. That is what editors' YAML
language servers assume, so the JSON Schema, the editor and the engine agree. Each scalar also
keeps its source text (`Node.text`): a place that takes text shows exactly what the author
wrote (`3.10`, not `3.1`), whatever the scalar resolved to.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from vn.script.diagnostics import Diagnostic, error
from vn.script.limits import MAX_FILE_CHARS as MAX_CHARS
from vn.script.limits import MAX_NESTING as MAX_DEPTH
from vn.script.limits import MAX_NODES, MAX_NUMBER_DIGITS, nesting_message

try:  # the C loader is several times faster on large scripts
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
_PLAIN = "tag:vn,2026:plain"  # an unquoted scalar, resolved below by YAML 1.2's core schema
_STR, _SEQ, _MAP = _CORE + "str", _CORE + "seq", _CORE + "map"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Composes without PyYAML's YAML 1.1 implicit resolvers: every plain scalar is tagged
    `_PLAIN`, quoted ones `!!str`, and explicit tags are kept."""

    yaml_implicit_resolvers: dict = {}
    yaml_path_resolvers: dict = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node written without one (PyYAML's composer asks for every node):
        what `BaseResolver.resolve` answers with one wildcard resolver for plain scalars,
        without its table lookups and regular expression (a fifth of composing)."""
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP



@dataclass(slots=True)
class Node:
    """A YAML node: `kind` is "scalar", "seq" or "map". Positions count from 1.

    `value` is the resolved Python value (str, int, float, bool, None); `text` is the scalar
    exactly as written (without quotes), for every place that shows text. A scalar's `items`
    and `pairs` are the shared empty tuple (a script has half a million nodes)."""

    kind: str
    line: int
    col: int
    value: Any = None  # scalar: the Python value (str, int, float, bool, None)
    items: Sequence[Node] = ()  # seq: a list
    pairs: Sequence[tuple[Node, Node]] = ()  # map, in file order: a list
    quoted: bool = False  # scalar written with quotes (so never a bare word)
    text: str = ""  # scalar: the source text

    def is_str(self) -> bool:
        return self.kind == "scalar" and isinstance(self.value, str)

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if k.value == key:
                return v
        return None

    def keys(self) -> list[str]:
        return [k.text if k.kind == "scalar" else str(k.value) for k, _ in self.pairs]

    def walk(self) -> Iterator[Node]:
        """Every node, parents before children (iterative: no recursion limit)."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            children: list[Node] = []
            children.extend(node.items)
            for k, v in node.pairs:
                children.append(k)
                children.append(v)
            stack.extend(reversed(children))

    def describe(self) -> str:
        if self.kind == "seq":
            return "a list"
        if self.kind == "map":
            return "a mapping"
        v = self.value
        if v is None:
            return "nothing (null)" if not self.text else f"'{self.text}' (YAML reads it as null)"
        if isinstance(v, bool):
            return f"'{self.text}' (YAML reads it as the boolean {str(v).lower()})"
        if isinstance(v, (int, float)):
            return f"the number {_short(self.text)}"
        return f"the text '{_short(v)}'"

    def not_text_hint(self) -> str:
        """How to make a bare word that YAML read as a boolean, null or number into text."""
        return f"quote it to make it text: \"{self.text}\""


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def source_text(node: Node) -> str | None:
    """The text a scalar shows: its source exactly as written (None for lists, mappings and an
    empty value). `- zack: No` shows "No", `3.10` shows "3.10"."""
    if node.kind != "scalar":
        return None
    if node.value is None and not node.text:
        return None
    return node.text if not isinstance(node.value, str) else node.value


_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
_NULLS = ("", "~", "null", "Null", "NULL")
_NUMBER_START = frozenset("0123456789+-.")  # every number form below starts with one of these
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


def resolve_plain(text: str) -> Any:
    """A plain scalar's value by the YAML 1.2 core schema (spec 1.2.2, 10.3.2).

    A number literal longer than MAX_NUMBER_DIGITS characters stays text: no arithmetic can
    use it, and Python cannot even print an int of more than 4300 digits."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text[0] not in _NUMBER_START or len(text) > MAX_NUMBER_DIGITS:  # most scalars: words
        return text
    if _INT10.match(text):
        return int(text, 10)
    if _INT8.match(text) or _INT16.match(text):
        return int(text[2:], 8 if text[1] == "o" else 16)
    if _FLOAT.match(text):
        return float(text)  # 1e999 is inf: checked where numbers are used
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _scalar(node: yaml.ScalarNode) -> tuple[Any, bool]:
    """Resolve a scalar by its tag; never construct objects. (value, tag understood)."""
    tag, text = node.tag, node.value
    if tag == _PLAIN:
        return resolve_plain(text), True
    if tag in (_CORE + "str", "!", _CORE + "timestamp", _CORE + "binary"):
        return text, True
    if tag == _CORE + "null":
        return None, True
    if tag == _CORE + "bool":
        low = text.strip().lower()
        if low in ("true", "false"):
            return low == "true", True
        return text, False
    if tag in (_CORE + "int", _CORE + "float"):
        value = resolve_plain(text.strip())
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (float(value) if tag.endswith("float") else value), True
        return text, False
    return text, False


def _is_plain(node: yaml.ScalarNode) -> bool:
    return node.tag == _PLAIN


def compose_checked(text: str, path: str) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Compose one YAML document with the engine's rules, for every YAML file it reads.

    Returns PyYAML's node tree (with marks) and the diagnostics. A duplicated key is reported
    and *removed* from the tree (the first one stays), so a reader never sees it; the tree has
    no aliases, no merge keys, is at most MAX_DEPTH deep and MAX_NODES large. Unsupported tags
    are reported and left in place (`resolve_node` gives their text). Never raises."""
    composed, diags = _compose(text, path)
    if composed is None:
        return None, diags
    if _has_alias(composed):
        return None, [_alias_error(composed, path)]
    bad = _check_tree(composed, path, diags)
    return (None if bad else composed), diags


def _compose(text: str, path: str) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """PyYAML's node tree of one document, after the file-level checks (size, NUL, BOM);
    syntax errors as diagnostics. No tree checks yet."""
    diags: list[Diagnostic] = []
    if len(text) > MAX_CHARS:
        return None, [error(path, 1, 1, f"the file is too large ({len(text):,} characters)",
                            f"split it into several files of at most {MAX_CHARS:,} characters")]
    if "\x00" in text:
        line, col = _position(text, text.index("\x00"))
        return None, [error(path, line, col, "file contains a NUL byte", "is this really a text file?")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\ufeff" in text:
        index = text.index("\ufeff")
        line, col = _position(text, index)
        return None, [error(path, line, col, "a byte-order mark (U+FEFF) in the middle of the file",
                            "files were probably joined together; delete the invisible character here")]
    try:
        composed = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if "maximum nesting depth" in problem:  # PyYAML's own limit, reached before ours
            return None, [error(path, line, col, nesting_message("YAML"), "flatten the structure")]
        context = f" {exc.context}" if exc.context else ""
        hint = _yaml_hint(problem)
        if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            hint = "YAML indents with spaces, not tabs"
        return None, [error(path, line, col, f"YAML syntax: {problem}{context}", hint)]
    except yaml.YAMLError as exc:
        return None, [error(path, 1, 1, f"YAML error: {exc}", None)]
    except RecursionError:
        return None, [error(path, 1, 1, nesting_message("YAML"), "flatten the structure")]
    return composed, diags


def _past_limits(count: int, depth: int, path: str, line: int, col: int) -> Diagnostic | None:
    """The error for a node that is the MAX_NODES+1-th of its file or deeper than MAX_DEPTH."""
    if count > MAX_NODES:
        return error(path, line, col, "the file is too large",
                     f"split it into several files (at most {MAX_NODES:,} values each)")
    if depth > MAX_DEPTH:
        return error(path, line, col, nesting_message("YAML"), "flatten the structure")
    return None


def _alias_error(root: yaml.Node, path: str) -> Diagnostic:
    line, col = root.start_mark.line + 1, root.start_mark.column + 1
    return error(path, line, col, "YAML anchors and aliases (&name, *name) are not supported",
                 "write each step out; use `call:` to reuse steps")


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_tree(root: yaml.Node, path: str, diags: list[Diagnostic]) -> bool:
    """Iteratively check depth, size, tags, merge and duplicate keys. True when the tree is
    unusable (too deep or too large)."""
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        limit = _past_limits(count, depth, path, line, col)
        if limit is not None:
            diags.append(limit)
            return True
        tag = node.tag or ""
        if isinstance(node, yaml.ScalarNode):
            _value, ok = _scalar(node)
            if not ok:
                diags.append(error(path, line, col, f"unsupported YAML tag '{tag}'",
                                   "game files use plain YAML values: text, numbers, true/false, "
                                   "lists and mappings"))
                node.tag = _CORE + "str"
            continue
        if tag not in (_CORE + "map", _CORE + "seq", "!"):
            diags.append(error(path, line, col, f"unsupported YAML tag '{tag}'",
                               "remove the tag: game files use plain lists and mappings"))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((n, depth + 1) for n in reversed(node.value))
            continue
        kept: list[tuple[yaml.Node, yaml.Node]] = []
        seen: dict[object, yaml.Node] = {}
        for knode, vnode in node.value:
            kline, kcol = knode.start_mark.line + 1, knode.start_mark.column + 1
            if knode.tag == _CORE + "merge" or (isinstance(knode, yaml.ScalarNode) and _is_plain(knode)
                                                and knode.value == "<<"):
                diags.append(error(path, kline, kcol, "merge keys ('<<') are not supported", "write the keys out"))
                continue
            if isinstance(knode, yaml.ScalarNode):
                kval, _ = _scalar(knode)
                hashable: object = ("v", type(kval).__name__, kval) if kval == kval else ("t", knode.value)
            else:
                hashable = ("n", id(knode))
            if hashable in seen:
                first = seen[hashable]
                shown = knode.value if isinstance(knode, yaml.ScalarNode) else "?"
                diags.append(error(path, kline, kcol, f"duplicate key '{shown}'",
                                   f"it is already given at line {first.start_mark.line + 1}, "
                                   f"column {first.start_mark.column + 1}; the first one is used"))
                continue
            seen[hashable] = knode
            kept.append((knode, vnode))
        node.value = kept
        for knode, vnode in reversed(kept):
            stack.append((vnode, depth + 1))
            stack.append((knode, depth + 1))
    return False


def resolve_node(node: yaml.Node) -> Any:
    """The plain value of a checked node (YAML 1.2 core schema): str, int, float, bool, None,
    lists and dicts (first key wins; unhashable keys are skipped). Iterative."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)[0]
    out: Any = [] if isinstance(node, yaml.SequenceNode) else {}
    stack: list[tuple[yaml.Node, Any, Any]] = [(node, out, None)]
    while stack:
        current, target, _ = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            for child in current.value:
                target.append(_shell(child, stack))
        else:
            for knode, vnode in current.value:
                key = resolve_node(knode) if isinstance(knode, yaml.ScalarNode) else None
                if key is None and not isinstance(knode, yaml.ScalarNode):
                    continue
                target.setdefault(key, _shell(vnode, stack))
    return out


def _shell(node: yaml.Node, stack: list) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return resolve_node(node)
    container: Any = [] if isinstance(node, yaml.SequenceNode) else {}
    stack.append((node, container, None))
    return container


def load_yaml(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """Parse one YAML document. A syntax error is a diagnostic at its position, not an exception."""
    clean = _compose_clean(text)
    if clean is not None:
        return clean, []
    composed, diags = _compose(text, path)
    if composed is None:
        return None, diags
    return _convert_checked(composed, path, diags)


def _compose_clean(text: str) -> Node | None:
    """The Node tree of a document the checked path would find nothing to report in, built
    straight from PyYAML's C event stream in one pass (no PyYAML nodes, no second walk): one
    document, no tag, anchor or alias, every key a scalar and none repeated or `<<`, within
    the limits of size, depth and node count. None as soon as anything else is met, a syntax
    error too: `load_yaml` then composes and checks the text the careful way, which reports
    what it finds with its file, line and column. The same tree either way (tested).

    Most game files are clean, and a 100,000-line script is half a million nodes: composing
    PyYAML's nodes and walking them again cost twice what this pass does."""
    built = load_clean(text)
    return None if built is None else built[0]


def load_clean(text: str, first_line: int = 1) -> tuple[Node, int] | None:
    """`_compose_clean` for a text that begins at line `first_line` of its file (a part of a
    file cut at a top-level key, `vn.script.parallel`): the tree, its lines counted from there,
    and how many nodes it has; None where `_compose_clean` gives None."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > MAX_CHARS or "\x00" in text or "\ufeff" in text:
        return None
    parser = _Loader(text)
    try:
        return _build_clean(parser.get_event, first_line)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()


def _build_clean(next_event: Callable[[], Any], first_line: int) -> tuple[Node, int] | None:
    scalar_event, seq_start, map_start = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    if next_event().__class__ is not yaml.StreamStartEvent or next_event().__class__ is not yaml.DocumentStartEvent:
        return None  # no document at all
    open_: list[Node] = []  # the collections being filled, outermost first
    keys: list[Node | None] = []  # for each: the key waiting for its value (maps)
    count = 0
    while True:
        event = next_event()
        kind = event.__class__
        if kind in ends:
            node = open_.pop()
            keys.pop()
            if node.kind == "map" and len(node.pairs) > 1 and _repeats(node.pairs):
                return None
            if open_:
                continue
        else:
            if kind is not scalar_event and kind is not seq_start and kind is not map_start:
                return None  # an alias, a second document
            if event.anchor is not None or event.tag is not None:
                return None
            count += 1
            if count > MAX_NODES or len(open_) >= MAX_DEPTH:
                return None
            mark = event.start_mark
            line = mark.line + first_line
            if kind is scalar_event:
                text, style = event.value, event.style
                value = resolve_plain(text) if event.implicit[0] else text
                node = Node("scalar", line, mark.column + 1, value, (), (), style == "'" or style == '"', text)
            elif kind is seq_start:
                node = Node("seq", line, mark.column + 1, None, [])
            else:
                node = Node("map", line, mark.column + 1, None, (), [])
            if open_:
                parent = open_[-1]
                if parent.kind == "seq":
                    parent.items.append(node)
                elif keys[-1] is None:  # a key
                    if node.kind != "scalar" or (event.implicit[0] and node.text == "<<"):
                        return None
                    keys[-1] = node
                else:
                    parent.pairs.append((keys[-1], node))
                    keys[-1] = None
            if node.kind != "scalar":
                open_.append(node)
                keys.append(None)
                continue
            if open_:
                continue
        # the document's root is complete: it must be the only one
        if next_event().__class__ is not yaml.DocumentEndEvent or next_event().__class__ is not yaml.StreamEndEvent:
            return None
        return node, count


def _repeats(pairs: Sequence[tuple[Node, Node]]) -> bool:
    """Does a mapping repeat a key, as the checked walk compares them (1, '1' and true differ)?"""
    keys = {(type(k.value), k.value) for k, _ in pairs}
    return len(keys) != len(pairs) or any(k.value != k.value for k, _ in pairs)


def _convert(root: yaml.Node) -> Node:
    """PyYAML's checked tree -> Node tree, iteratively."""

    def make(node: yaml.Node) -> Node:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node)[0]
            return Node("scalar", line, col, value=value, quoted=node.style in ("'", '"'), text=node.value)
        if isinstance(node, yaml.SequenceNode):
            return Node("seq", line, col, items=[])
        return Node("map", line, col, pairs=[])

    top = make(root)
    stack = [(root, top)]
    while stack:
        ynode, out = stack.pop()
        if isinstance(ynode, yaml.SequenceNode):
            for child in ynode.value:
                made = make(child)
                out.items.append(made)
                if not isinstance(child, yaml.ScalarNode):
                    stack.append((child, made))
        elif isinstance(ynode, yaml.MappingNode):
            for knode, vnode in ynode.value:
                k, v = make(knode), make(vnode)
                out.pairs.append((k, v))
                for child, made in ((knode, k), (vnode, v)):
                    if not isinstance(child, yaml.ScalarNode):
                        stack.append((child, made))
    return top


def _convert_checked(root: yaml.Node, path: str, diags: list[Diagnostic]) -> tuple[Node | None, list[Diagnostic]]:
    """`compose_checked`'s checks and `_convert` in one walk, each scalar resolved once (a
    100,000-line script has half a million nodes: three walks cost more than composing). The
    same diagnostics in the same order: nodes are visited parents first, keys before values,
    in file order, as `_check_tree` visits them."""
    str_tag, seq_tag, map_tag, merge_tag = _CORE + "str", _CORE + "seq", _CORE + "map", _CORE + "merge"
    scalar_type, seq_type = yaml.ScalarNode, yaml.SequenceNode
    seen: set[int] = set()
    count = 0

    def make(node: yaml.Node, depth: int, resolved: Any = _UNSET) -> Node | None:
        """The Node of one PyYAML node (children are filled in later); None when the tree is
        unusable (an alias, too deep, too large)."""
        nonlocal count
        count += 1
        key = id(node)
        if key in seen:
            raise _Alias
        seen.add(key)
        mark = node.start_mark
        line, col = mark.line + 1, mark.column + 1
        limit = _past_limits(count, depth, path, line, col)
        if limit is not None:
            diags.append(limit)
            return None
        if node.__class__ is scalar_type:
            text = node.value
            if resolved is not _UNSET:  # a mapping's key, resolved already to find repeats
                value = resolved
            elif node.tag == _PLAIN:
                value = resolve_plain(text)
            else:
                value, ok = _scalar(node)
                if not ok:
                    diags.append(error(path, line, col, f"unsupported YAML tag '{node.tag}'",
                                       "game files use plain YAML values: text, numbers, true/false, "
                                       "lists and mappings"))
                    node.tag = str_tag
                    value = text
            return Node("scalar", line, col, value=value, quoted=node.style in ("'", '"'), text=text)
        tag = node.tag or ""
        if tag not in (map_tag, seq_tag, "!"):
            diags.append(error(path, line, col, f"unsupported YAML tag '{tag}'",
                               "remove the tag: game files use plain lists and mappings"))
        if node.__class__ is seq_type:
            return Node("seq", line, col, items=[])
        return Node("map", line, col, pairs=[])

    try:
        top = make(root, 1)
        if top is None:
            return None, diags
        stack: list[tuple[yaml.Node, Node, int]] = [(root, top, 1)]
        while stack:
            ynode, out, depth = stack.pop()
            later: list[tuple[yaml.Node, Node, int]] = []
            if ynode.__class__ is seq_type:
                items = out.items
                for child in ynode.value:
                    made = make(child, depth + 1)
                    if made is None:
                        return None, diags
                    items.append(made)
                    if child.__class__ is not scalar_type:
                        later.append((child, made, depth + 1))
            elif isinstance(ynode, yaml.MappingNode):
                kept, keys = _mapping_keys(ynode, path, diags, merge_tag)
                pairs = out.pairs
                for (knode, vnode), kval in zip(kept, keys, strict=True):
                    k = make(knode, depth + 1, kval)
                    if k is None:
                        return None, diags
                    if knode.__class__ is not scalar_type:
                        later.append((knode, k, depth + 1))
                    v = make(vnode, depth + 1)
                    if v is None:
                        return None, diags
                    if vnode.__class__ is not scalar_type:
                        later.append((vnode, v, depth + 1))
                    pairs.append((k, v))
            stack.extend(reversed(later))
    except _Alias:
        return None, [_alias_error(root, path)]
    return top, diags


_UNSET = object()


class _Alias(Exception):
    """A node reached twice: the document uses an alias."""


def _mapping_keys(node: yaml.MappingNode, path: str, diags: list[Diagnostic],
                  merge_tag: str) -> tuple[list[tuple[yaml.Node, yaml.Node]], list[Any]]:
    """The pairs of a mapping without merge keys and repeated keys (each reported), as
    `_check_tree` keeps them, and each kept key's value when it is a scalar whose tag is
    understood (else `_UNSET`: resolved, and its tag reported, when its node is made)."""
    kept: list[tuple[yaml.Node, yaml.Node]] = []
    values: list[Any] = []
    seen: dict[object, yaml.Node] = {}
    for knode, vnode in node.value:
        is_scalar = isinstance(knode, yaml.ScalarNode)
        if knode.tag == merge_tag or (is_scalar and knode.tag == _PLAIN and knode.value == "<<"):
            diags.append(error(path, knode.start_mark.line + 1, knode.start_mark.column + 1,
                               "merge keys ('<<') are not supported", "write the keys out"))
            continue
        resolved: Any = _UNSET
        if is_scalar:
            kval, understood = _scalar(knode)
            if understood:
                resolved = kval
            hashable: object = ("v", type(kval).__name__, kval) if kval == kval else ("t", knode.value)
        else:
            hashable = ("n", id(knode))
        if hashable in seen:
            first = seen[hashable]
            shown = knode.value if is_scalar else "?"
            diags.append(error(path, knode.start_mark.line + 1, knode.start_mark.column + 1,
                               f"duplicate key '{shown}'",
                               f"it is already given at line {first.start_mark.line + 1}, "
                               f"column {first.start_mark.column + 1}; the first one is used"))
            continue
        seen[hashable] = knode
        kept.append((knode, vnode))
        values.append(resolved)
    node.value = kept
    return kept, values


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
