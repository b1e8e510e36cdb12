"""`load_yaml` checks and converts in one walk; it must give exactly what the separate checks
(`compose_checked`, shared by every YAML file the engine reads) followed by the conversion give."""

from __future__ import annotations

import pytest

from vn.script.loader import _compose, _convert, _convert_checked, _convert_clean, compose_checked, load_yaml
from vn.tools.bench import big_script_text

DOCUMENTS = {
    "plain": "start:\n  - Hello.\n  - zack: \"Quoted: yes\"\n  - set: {n: 1, ok: true, x: 0x1F, t: 1:30}\n",
    "duplicates": "a: 1\nb: 2\na: 3\n1: x\n'1': y\n1: z\n",
    "nested duplicates": "l:\n  - {k: 1, k: 2}\n  - - {q: [1, 2, {q: 3, q: 4}]}\n",
    "tags": "a: !!str 12\nb: !!int nope\nc: !custom x\nd: !!bool yes\ne: !!float 3\nf: !!python/object x\n",
    "collection tags": "a: !!set {x: null}\nb: !weird [1]\n",
    "merge": "base: {x: 1}\nmine:\n  <<: {y: 2}\n  z: 3\n",
    "alias": "a: &x {k: 1}\nb: *x\n",
    "scalar alias": "a: &x 1\nb: *x\n",
    "null and empty": "a:\nb: ~\nc: ''\n? [complex, key]\n: v\n",
    "numbers": "- 1e3\n- .inf\n- -.Inf\n- .nan\n- 0o17\n- 3.10\n- 1_000\n- No\n",
    "empty": "",
    "scalar document": "just text\n",
}


def _tree(node):
    if node is None:
        return None
    if node.kind == "scalar":
        value = node.value
        return ("s", node.line, node.col, type(value).__name__, repr(value), node.quoted, node.text)
    if node.kind == "seq":
        return ("q", node.line, node.col, [_tree(n) for n in node.items])
    return ("m", node.line, node.col, [(_tree(k), _tree(v)) for k, v in node.pairs])


def _separately(text: str, path: str):
    composed, diags = compose_checked(text, path)
    return (_convert(composed) if composed is not None else None), diags


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_one_walk_equals_the_checks_then_the_conversion(name):
    text = DOCUMENTS[name]
    node, diags = load_yaml(text, "t.yaml")
    ref, ref_diags = _separately(text, "t.yaml")
    assert _tree(node) == _tree(ref)
    assert sorted(d.format() for d in diags) == sorted(d.format() for d in ref_diags)


def test_one_walk_equals_on_a_generated_script():
    _, text = big_script_text(2000)
    node, diags = load_yaml(text, "big.yaml")
    ref, ref_diags = _separately(text, "big.yaml")
    assert _tree(node) == _tree(ref) and not diags and not ref_diags


def test_too_deep_and_alias_are_still_refused():
    deep = "a: " + "[" * 300 + "]" * 300 + "\n"
    node, diags = load_yaml(deep, "d.yaml")
    assert node is None and any("nest" in d.message for d in diags)
    node, diags = load_yaml("a: &x [1]\nb: *x\n", "a.yaml")
    assert node is None and [d.message for d in diags] == [
        "YAML anchors and aliases (&name, *name) are not supported"]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_clean_walk_gives_the_checked_tree_or_hands_over(name):
    """`load_yaml` takes a lean walk for a document with nothing to report and the checked walk
    otherwise: where the lean walk answers, its tree is the checked walk's, and it never answers
    for a document the checked walk reports anything in."""
    text = DOCUMENTS[name]
    composed, _ = _compose(text, "t.yaml")
    if composed is None:
        return
    clean = _convert_clean(composed, may_alias="&" in text)
    checked, diags = _convert_checked(composed, "t.yaml", [])
    if diags or checked is None:
        assert clean is None
    elif name in ("plain", "numbers", "scalar document"):
        assert clean is not None and _tree(clean) == _tree(checked)


def test_the_clean_walk_on_a_generated_script_and_at_the_limits():
    _, text = big_script_text(2000)
    composed, _ = _compose(text, "big.yaml")
    clean = _convert_clean(composed, may_alias=False)
    assert clean is not None and _tree(clean) == _tree(_convert_checked(composed, "big.yaml", [])[0])
    deep = "a: " + "[" * 99 + "]" * 99 + "\n"  # at the depth limit: fine; one more is handed over
    composed, _ = _compose(deep, "d.yaml")
    assert _convert_clean(composed, False) is not None
    composed, _ = _compose("a: " + "[" * 100 + "]" * 100 + "\n", "d.yaml")
    assert _convert_clean(composed, False) is None
    composed, _ = _compose("a: &x 1\nb: *x\n", "a.yaml")
    assert _convert_clean(composed, True) is None
