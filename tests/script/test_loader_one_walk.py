"""`load_yaml` checks and converts in one walk; it must give exactly what the separate checks
(`compose_checked`, shared by every YAML file the engine reads) followed by the conversion give."""

from __future__ import annotations

import pytest

from vn.script.loader import _compose, _compose_clean, _convert, _convert_checked, compose_checked, load_yaml
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
def test_the_clean_pass_gives_the_checked_tree_or_hands_over(name):
    """`load_yaml` builds a document with nothing to report straight from PyYAML's events, and
    composes and checks it otherwise: where the clean pass answers, its tree is the checked
    walk's, and it never answers for a document the checked walk reports anything in."""
    text = DOCUMENTS[name]
    clean = _compose_clean(text)
    composed, diags = _compose(text, "t.yaml")
    checked = None
    if composed is not None:
        checked, diags = _convert_checked(composed, "t.yaml", diags)
    if diags or checked is None:
        assert clean is None
    elif name in ("plain", "numbers", "scalar document"):
        assert clean is not None and _tree(clean) == _tree(checked)


MORE = [
    "a: 1\n---\nb: 2\n",  # two documents: an error of the careful path
    "a: [1, 2\n",  # a syntax error
    "\ufeffstart:\n  - Hello.\n",  # a byte-order mark at the start is fine
    "a: &x 1\nb: 2\n",  # an anchor nobody uses: accepted by the checked walk
    "a: !!str 12\n",
    "? [k]\n: v\n",
    "{a: 1, a: 1}\n",
    "[1, '1', true, 1.0, null, '', ~]\n",
    "a: |\n  block\n  text\nb: >\n  folded\n",
    "a: 'it''s'\nb: \"q\\\"d\"\n",
    "",
    "# only a comment\n",
    "- - - deep\n    - x\n",
    "<<: {a: 1}\n",
    "'<<': 1\n",
]


@pytest.mark.parametrize("text", MORE)
def test_the_clean_pass_agrees_on_the_corners(text):
    node, diags = load_yaml(text, "t.yaml")
    composed, ref_diags = _compose(text, "t.yaml")
    ref = None
    if composed is not None:
        ref, ref_diags = _convert_checked(composed, "t.yaml", ref_diags)
    assert _tree(node) == _tree(ref)
    assert [d.format() for d in diags] == [d.format() for d in ref_diags]


def test_the_clean_pass_on_a_generated_script_and_at_the_limits():
    _, text = big_script_text(2000)
    clean = _compose_clean(text)
    composed, _ = _compose(text, "big.yaml")
    assert clean is not None and _tree(clean) == _tree(_convert_checked(composed, "big.yaml", [])[0])
    deep = "a: " + "[" * 99 + "]" * 99 + "\n"  # at the depth limit: fine; one more is handed over
    assert _compose_clean(deep) is not None
    assert _compose_clean("a: " + "[" * 100 + "]" * 100 + "\n") is None
    assert _compose_clean("a: &x 1\nb: *x\n") is None
