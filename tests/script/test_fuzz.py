"""Property tests: random YAML and random mutations of the bundled scripts never crash the
checker or the runtime; they give a program or positioned diagnostics."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vn.game import Game, build_catalog, bundled_root, layers_for
from vn.script import compile_game
from vn.tools.autoplay import run_path

ROOT = bundled_root()
SCRIPTS = sorted(p for p in (ROOT / "scripts").glob("*.yaml") if p.name != "game.yaml")
MANIFEST = (ROOT / "scripts" / "game.yaml").read_text("utf-8")
_CATALOG = None


def catalog():
    global _CATALOG
    if _CATALOG is None:
        _CATALOG = build_catalog(Game(layers_for(None)))
    return _CATALOG


def compile_and_run(files):
    prog, diags = compile_game(("scripts/game.yaml", MANIFEST), files, catalog())
    for d in diags:
        assert d.severity in ("error", "warning")
        assert d.line >= 0 and d.col >= 0 and d.message
        assert d.format().count(":") >= 3
    if prog is not None:
        result = run_path(prog)
        # a mutated script may fail at run time, but only as a positioned story error
        assert result.error is None or ":" in result.error
    return prog, diags


scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, width=16),
                    st.text(max_size=12), st.sampled_from(["show", "jump", "choice", "zack", "if", "then",
                                                           "sunset", "window", "2s", "pause", "end"]))
docs = st.recursive(scalars, lambda kids: st.one_of(
    st.lists(kids, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(
        ["show", "jump", "choice", "zack", "if", "then", "else", "over", "look", "at", "set", "text", "do",
         "light", "stage", "move", "to", "call", "return"])), kids, max_size=4)), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs)
def test_random_yaml_documents(doc):
    text = yaml.safe_dump(doc, allow_unicode=True)
    compile_and_run([("scripts/fuzz.yaml", text)])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text(text):
    compile_and_run([("scripts/fuzz.yaml", text)])


MUTATION_CHARS = list(":-{}[]#'\"\t \n&*!|>%@`") + ["  ", "- ", ": ", "\n  - "]


@st.composite
def mutated(draw):
    path = draw(st.sampled_from(SCRIPTS))
    text = path.read_text("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "dupline", "dropline", "swapword"]))
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        if kind == "insert":
            text = text[:i] + draw(st.sampled_from(MUTATION_CHARS)) + text[i:]
        elif kind == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 6)):]
        else:
            lines = text.split("\n")
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "dupline":
                lines.insert(j, lines[j])
            elif kind == "dropline":
                del lines[j]
            else:
                words = ["jump", "call", "return", "show", "hide", "choice", "if", "zack", "over", "end", "set"]
                lines[j] = lines[j].replace(lines[j].strip().split(" ")[0] if lines[j].strip() else "x",
                                            draw(st.sampled_from(words)), 1)
            text = "\n".join(lines)
    others = [(f"scripts/{p.name}", p.read_text("utf-8")) for p in SCRIPTS if p != path]
    return [(f"scripts/{path.name}", text)] + others


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_of_the_bundled_scripts(files):
    compile_and_run(files)


def test_the_bundled_scripts_are_there():
    assert SCRIPTS, "the bundled game has scene scripts"
    assert Path(ROOT / "scripts" / "game.yaml").is_file()
