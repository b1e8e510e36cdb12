"""Kinds 2 and 6 of issue 10: numbers that would break arithmetic or printing are refused at
check time where the value is known and are a positioned story error at run time; every tree
walked (YAML, expressions, text tags) has the same nesting limit and message."""

from __future__ import annotations

import textwrap

import pytest

from vn.script import compile_text
from vn.script.limits import MAX_NESTING
from vn.story import End, Line, Story, StoryError
from vn.story.expressions import to_text


def diags_of(src: str):
    prog, diags = compile_text(textwrap.dedent(src))
    return prog, [d for d in diags if d.severity == "error"]


@pytest.mark.parametrize("literal", [".inf", "-.inf", ".NaN", "1e999", "-1e400", "1e16", "99999999999999999"])
@pytest.mark.parametrize("where", ["set", "manifest", "if"])
def test_unusable_number_literals_are_refused_at_check_time(literal, where):
    if where == "set":
        prog, errors = diags_of(f"start:\n  - set: {{hp: {literal}}}\n  - '[hp]'\n")
        pos = (2, 15)
    elif where == "if":
        prog, errors = diags_of(f"start:\n  - if: {literal}\n    then: [hi]\n")
        pos = (2, 9)
    else:
        prog, diags = compile_text("start:\n  - '[hp]'\n", manifest=f"start: start\nvariables: {{hp: {literal}}}\n")
        errors = [d for d in diags if d.severity == "error"]
        pos = (2, 17)
    assert prog is None and len(errors) == 1, [d.format() for d in errors]
    assert (errors[0].line, errors[0].col) == pos
    assert literal in errors[0].message


@pytest.mark.parametrize("digits", [301, 4000, 5000])
def test_a_very_long_number_in_a_line_is_shown_and_elsewhere_refused(digits):
    prog, errors = diags_of(f"start:\n  - say: {'7' * digits}\n")
    assert prog is not None and not errors
    assert Story(prog).step().text.plain == "7" * digits
    prog, errors = diags_of(f"start:\n  - wait: {'7' * digits}\n")
    assert prog is None and len(errors) == 1 and errors[0].line == 2


@pytest.mark.parametrize("expr", [
    "999999999999999 * 10", "x * x * x * x * x * x", "round(100000000 * 100000000)",
    "max(999999999999999, 1) + 999999999999999", "-999999999999999 - 999999999999999",
])
def test_numbers_that_grow_too_large_at_run_time_are_a_positioned_story_error(expr):
    prog, errors = diags_of(f"""\
        start:
          - set: {{x: 100000}}
          - set: {{y: "{expr}"}}
          - '[y]'
        """)
    assert prog is not None, errors
    story = Story(prog)
    with pytest.raises(StoryError) as info:
        for _ in range(5):
            story.step()
    d = info.value.diagnostic
    assert (d.path, d.line) == ("test.yaml", 3) and "too large" in d.message


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), "huge", 1e300, object()],
                         ids=["inf", "-inf", "nan", "huge", "1e300", "object"])
def test_printing_a_value_never_raises(value):
    if value == "huge":
        value = 10 ** 5000
    assert isinstance(to_text(value), str)


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 10**400], ids=["inf", "nan", "10**400"])
def test_a_save_with_an_unusable_number_gives_a_story_error_not_a_traceback(value):
    prog, _ = diags_of("start:\n  - set: {y: \"hp + 1\"}\n  - 'ok [hp]'\n")
    story = Story(prog)
    story.state.variables["hp"] = value
    with pytest.raises(StoryError) as info:
        story.step()
    assert info.value.diagnostic.line == 2
    story2 = Story(compile_text("start:\n  - '[hp]'\n")[0])
    story2.state.variables["hp"] = value
    ev = story2.step()
    assert isinstance(ev, Line) and ev.text.plain == "?"


def _nested_ifs(n: int) -> str:
    out = ["start:"]
    for i in range(n):
        pad = "  " * (2 * i + 1)
        out += [f"{pad}- if: true", f"{pad}  then:"]
    out.append("  " * (2 * n + 1) + "- deep")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("n", [60, 250, 1000])
def test_deep_if_blocks_give_the_nesting_message(n):
    prog, errors = diags_of(_nested_ifs(n))
    assert prog is None and len(errors) == 1
    assert errors[0].message == f"YAML nests too deeply (more than {MAX_NESTING} levels)"
    assert errors[0].line > 1


def test_moderate_nesting_compiles_and_runs():
    prog, errors = diags_of(_nested_ifs(40))
    assert prog is not None, errors
    assert Story(prog).step().text.plain == "deep"


@pytest.mark.parametrize("src", [
    "start:\n  - " + "[" * 5000 + "]" * 5000 + "\n",
    "start:\n  - " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    "start:\n" + "".join("  " * (i + 1) + "- \n" for i in range(2000)),
])
def test_deep_yaml_of_any_shape_gives_the_nesting_message(src):
    prog, errors = diags_of(src)
    assert prog is None and len(errors) == 1
    assert "nests too deeply" in errors[0].message


@pytest.mark.parametrize("expr", [
    "-" * 1500 + "1", "not " * 400 + "x", "(" * 500 + "1" + ")" * 500,
    "+".join(["1"] * 500), " and ".join(["x"] * 300), "abs(" * 300 + "1" + ")" * 300,
])
def test_deep_expressions_give_the_nesting_message(expr):
    prog, errors = diags_of(f"start:\n  - set: {{x: \"{expr}\"}}\n")
    assert prog is None and len(errors) == 1
    assert errors[0].message == f"expression nests too deeply (more than {MAX_NESTING} levels)"


def test_deep_text_tags_give_the_nesting_message():
    prog, errors = diags_of("start:\n  - \"" + "{b}" * 300 + "x" + "{/b}" * 300 + "\"\n")
    assert prog is None and len(errors) == 1
    assert errors[0].message == f"text markup nests too deeply (more than {MAX_NESTING} levels)"
    prog, errors = diags_of("start:\n  - \"" + "{size=+90}" * 3 + "x" + "{/size}" * 3 + "\"\n")
    assert prog is None and "size" in errors[0].message


def test_many_labels_are_refused_with_a_message(monkeypatch):
    import vn.script.compiler as compiler

    monkeypatch.setattr(compiler, "MAX_LABELS", 50)
    src = "start:\n  - hi\n" + "".join(f"l{i}:\n  - x\n" for i in range(80))
    prog, errors = diags_of(src)
    assert prog is None and any("too many labels" in e.message for e in errors)


def test_end_is_reached_after_long_but_bounded_input():
    prog, _ = diags_of("start:\n  - set: {x: \"" + "+".join(["1"] * 90) + "\"}\n  - '[x]'\n")
    story = Story(prog)
    assert story.step().text.plain == "90"
    assert isinstance(story.step(), End)
