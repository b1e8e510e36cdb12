"""Kind 1 of issue 10: YAML 1.1 words used as text show exactly what the author wrote, and a
word YAML reads as a boolean/null where a name is expected gets a message naming it."""

from __future__ import annotations

import textwrap

import pytest

from vn.script import compile_game
from vn.script.loader import load_yaml, resolve_plain
from vn.story import Choice, End, Line, Story

MANIFEST = textwrap.dedent("""\
    start: start
    characters:
      zack: {name: Zack, color: "#8fb8ff"}
      no: {name: NO}
      yes_man: {name: Yes}
""")

WORDS = ["No", "no", "NO", "Yes", "yes", "On", "off", "Y", "n", "0x1F", "3.10", "1_000", ".inf",
         "-.INF", ".NaN", "0o17", "017", "1e3", "1:30", "2024-01-02", "+12", "0b101", "~", "null",
         "True", "FALSE", "12.50", "1.0"]


def compile_one(src: str, manifest: str = MANIFEST):
    return compile_game(("game.yaml", manifest), [("s.yaml", textwrap.dedent(src))])


def first_events(prog, n: int = 10):
    story, out = Story(prog), []
    for _ in range(n):
        ev = story.step()
        if isinstance(ev, Line):
            out.append((ev.name, ev.text.plain))
        elif isinstance(ev, Choice):
            out.append(("choice", tuple(o.text.plain for o in ev.options)))
            break
        elif isinstance(ev, End):
            break
    return out


@pytest.mark.parametrize("word", WORDS)
def test_a_word_in_every_text_position_shows_as_written(word: str) -> None:
    src = f"""\
        start:
          - zack: {word}
          - say: {word}
          - card: {word}
            subtitle: {word}
          - choice:
              - {word}:
                  - end
              - text: {word}
                do: [end]
    """
    prog, diags = compile_one(src)
    assert prog is not None, [d.format() for d in diags]
    events = first_events(prog)
    assert events[0] == ("Zack", word)
    assert events[1] == (None, word)
    assert events[2] == ("choice", (word, word))
    card = next(i for i in prog.labels["start"].code if i.op == "direction")
    assert card.args["args"]["title"].plain_source() == word
    assert card.args["args"]["subtitle"].plain_source() == word


def test_character_names_and_title_are_shown_as_written() -> None:
    prog, diags = compile_one("start:\n  - no: Hi.\n  - yes_man: Hello.\n",
                              MANIFEST.replace("start: start", "title: 3.10\nstart: start"))
    assert prog is not None, [d.format() for d in diags]
    assert prog.title == "3.10"
    assert first_events(prog)[:2] == [("NO", "Hi."), ("Yes", "Hello.")]


def test_yaml_12_core_schema() -> None:
    assert resolve_plain("true") is True and resolve_plain("False") is False
    for word in ("yes", "No", "on", "OFF", "y", "1_000", "1:30", "0b11", "2024-01-02", "0x"):
        assert resolve_plain(word) == word
    assert resolve_plain("0x1F") == 31 and resolve_plain("0o17") == 15 and resolve_plain("017") == 17
    assert resolve_plain("3.10") == 3.1 and resolve_plain("~") is None and resolve_plain("") is None
    assert resolve_plain("9" * 400) == "9" * 400  # too long to be a number: stays text
    root, diags = load_yaml("a: No\nb: !!str 12\nc: '0x1F'\n", "t.yaml")
    assert not diags and root is not None
    assert [v.value for _, v in root.pairs] == ["No", "12", "0x1F"]


@pytest.mark.parametrize(("src", "where", "written"), [
    ("start:\n  - hi\ntrue:\n  - x\n", (3, 1), "'true'"),
    ("start:\n  - hi\nnull:\n  - x\n", (3, 1), "'null'"),
    ("start:\n  - set: {FALSE: 1}\n", (2, 11), "'FALSE'"),
    ("start:\n  - set: {~: 1}\n", (2, 11), "'~'"),
    ("start:\n  - true\n", (2, 5), "'true'"),
    ("start:\n  - False\n", (2, 5), "'False'"),
    ("start:\n  - 3.10\n", (2, 5), "3.10"),
    ("start:\n  - jump: true\n", (2, 11), "'true'"),
])
def test_a_word_where_a_name_is_expected_is_named_with_a_quoting_hint(src, where, written) -> None:
    prog, diags = compile_one(src)
    errors = [d for d in diags if d.severity == "error"]
    assert prog is None and len(errors) == 1, [d.format() for d in diags]
    d = errors[0]
    assert (d.line, d.col) == where
    assert written in d.message
    assert "True" not in d.message.replace("'True'", "")  # never Python's spelling of the value
    if not written[0].isdigit():
        assert "quote" in (d.hint or "") and written.strip("'") in (d.hint or "")


def test_yes_no_words_are_names_in_yaml_12() -> None:
    prog, diags = compile_one("start:\n  - set: {on: 1, off: 2}\n  - jump: yes\nyes:\n  - '[on] [off]'\n")
    assert prog is not None, [d.format() for d in diags]
    assert first_events(prog) == [(None, "1 2")]


@pytest.mark.parametrize("word", ["yes", "No", "on", "OFF"])
def test_a_yaml_11_boolean_in_a_boolean_field_says_what_to_write(word: str) -> None:
    _, diags = compile_game(("game.yaml", MANIFEST), [("s.yaml", f"start:\n  - music: a.ogg\n    loop: {word}\n")])
    d = next(d for d in diags if "true or false" in d.message)
    assert (d.line, d.col) == (3, 11) and word in d.message
    assert "YAML 1.2" in (d.hint or "")


@pytest.mark.parametrize("word", ["true", "null", "~"])
def test_bad_manifest_names_say_what_was_written(word: str) -> None:
    manifest = f"start: start\ncharacters:\n  {word}: {{name: X}}\nvariables: {{{word}: 1}}\n"
    _, diags = compile_game(("game.yaml", manifest), [("s.yaml", "start:\n  - hi\n")])
    msgs = [d for d in diags if d.severity == "error"]
    assert len(msgs) == 2, [d.format() for d in diags]
    assert all(f"'{word}'" in d.message and "quote" in (d.hint or "") for d in msgs)
