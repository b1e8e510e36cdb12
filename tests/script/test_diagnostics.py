"""One test per class of diagnostic: each asserts the file, line, column and message."""

from __future__ import annotations

import textwrap

import pytest

from vn.script import Catalog, compile_game, compile_text
from vn.script.diagnostics import Diagnostic

MANIFEST = textwrap.dedent("""\
    start: start
    characters:
      zack: {name: Zack, color: "#8fb8ff", sprite: zack}
      seph: {name: Sephiroth, sprite: seph}
      voice: {name: A Voice}
    variables: {trust: 0}
""")

CATALOG = Catalog(
    stages={"room": frozenset({"window", "wall", "door"}), "hall": frozenset({"stairs"})},
    presets=frozenset({"day", "sunset", "night"}),
    looks={"zack": frozenset({"hurt", "scared"}), "seph": frozenset({"cold", "glow"})},
    audio=frozenset({"rain.ogg"}),
)


def check(src: str, manifest: str = MANIFEST, catalog: Catalog = CATALOG) -> list[Diagnostic]:
    _, diags = compile_game(("game.yaml", manifest), [("s.yaml", textwrap.dedent(src))], catalog)
    return diags


def one(src: str, severity: str = "error", **kw) -> Diagnostic:
    diags = [d for d in check(src, **kw) if d.severity == severity]
    assert len(diags) == 1, "\n".join(d.format() for d in check(src, **kw))
    return diags[0]


def test_clean_script_has_no_diagnostics():
    assert check("""\
        start:
          - stage: room
          - show: zack hurt at wall
          - zack: Hello.
            look: scared
          - light: sunset
            over: 2s
            ease: sine_in_out
          - end
    """) == []


def test_yaml_syntax_error_is_positioned():
    d = one("start:\n  - zack: one\n   - two\n")
    assert (d.path, d.line) == ("s.yaml", 3)
    assert "YAML syntax" in d.message


def test_tab_indentation_hint():
    d = one("start:\n\t- Hello\n")
    assert d.line == 2 and d.hint and "spaces" in d.hint


def test_unknown_command_suggests_the_closest():
    d = one("start:\n  - shwo: zack\n")
    assert (d.line, d.col) == (2, 5)
    assert d.message == "unknown command or character 'shwo'"
    assert d.hint == "did you mean 'show'?"


def test_unknown_character_in_show():
    d = one("start:\n  - show: zak hurt\n")
    assert (d.line, d.col) == (2, 11)
    assert d.message == "unknown character 'zak'"
    assert d.hint == "did you mean 'zack'?"


def test_unknown_field_suggests_the_closest():
    d = one("start:\n  - light: sunset\n    ovr: 2s\n")
    assert (d.line, d.col) == (3, 5)
    assert d.message == "'light' has no field 'ovr'"
    assert d.hint == "did you mean 'over'?"


def test_duplicate_label_across_files():
    _, diags = compile_game(("game.yaml", MANIFEST), [("a.yaml", "start:\n  - jump: x\nx:\n  - Hi.\n"),
                                                      ("b.yaml", "x:\n  - Again.\n")], CATALOG)
    d = [d for d in diags if d.severity == "error"][0]
    assert (d.path, d.line, d.col) == ("b.yaml", 1, 1)
    assert d.message == "label 'x' is defined twice"
    assert "a.yaml:3:1" in d.hint


def test_unknown_label():
    d = one("start:\n  - jump: dwan\ndawn:\n  - Hi.\n")
    assert (d.line, d.col) == (2, 11)
    assert d.message == "unknown label 'dwan'"
    assert d.hint == "did you mean 'dawn'?"


def test_unreachable_label_is_a_warning():
    d = one("start:\n  - Hi.\nlost:\n  - Nobody comes here.\n", severity="warning")
    assert (d.line, d.col) == (3, 1)
    assert d.message == "label 'lost' is never reached"


@pytest.mark.parametrize("value,message", [
    ("2 minutes", "'2 minutes' is not a duration"),
    ("-1", "a duration cannot be -1"),
])
def test_bad_duration(value, message):
    d = one(f"start:\n  - light: sunset\n    over: {value}\n")
    assert (d.line, d.col) == (3, 11)
    assert d.message == message


def test_bad_colour_and_the_comment_trap():
    d = one("start:\n  - effect: flash\n    color: #ff0000\n")
    assert (d.line, d.col) == (3, 11)
    assert "quote colours" in d.hint
    d = one("start:\n  - effect: flash\n    color: \"#ff00zz\"\n")
    assert d.message == "'#ff00zz' is not a colour"


def test_bad_easing():
    d = one("start:\n  - light: sunset\n    over: 1s\n    ease: sine_inout\n")
    assert (d.line, d.col) == (4, 11)
    assert d.message == "unknown easing 'sine_inout'"
    assert d.hint == "did you mean 'sine_in_out'?"


def test_choice_with_no_options():
    d = one("start:\n  - choice: []\n")
    assert (d.line, d.col) == (2, 5)
    assert d.message == "a choice with no options"


def test_return_outside_a_call():
    d = one("start:\n  - Hi.\n  - jump: other\nother:\n  - Bye.\n  - return\n")
    assert (d.line, d.col) == (6, 5)
    assert d.message == "'return' outside a call"


def test_return_inside_a_call_is_fine():
    assert check("start:\n  - call: other\n  - end\nother:\n  - Bye.\n  - return\n") == []


def test_silent_infinite_loop_is_an_error():
    d = one("start:\n  - Hi.\n  - jump: spin\nspin:\n  - set: {trust: 1}\n  - jump: spin\n")
    assert (d.line, d.col) == (6, 5)
    assert d.message.startswith("this loops forever without showing anything")


def test_conditional_silent_loop_is_a_warning():
    d = one("start:\n  - jump: spin\nspin:\n  - set: {trust: \"trust + 1\"}\n"
            "  - if: trust < 3\n    then:\n      - jump: spin\n  - Done.\n", severity="warning")
    assert d.message.startswith("this can loop forever")


def test_loop_through_a_line_is_fine():
    assert check("start:\n  - Again and again.\n  - jump: start\n") == []


def test_loop_through_a_silent_call_is_found():
    d = one("start:\n  - Hi.\n  - jump: spin\nspin:\n  - call: nothing\n  - jump: spin\n"
            "nothing:\n  - set: {trust: 1}\n")
    assert d.message.startswith("this loops forever")


def test_loop_through_a_call_that_shows_text_is_fine():
    assert check("start:\n  - call: talk\n  - jump: start\ntalk:\n  - Words.\n") == []


def test_unknown_mark_on_the_current_stage():
    d = one("start:\n  - stage: hall\n  - show: zack at window\n")
    assert (d.line, d.col) == (3, 19)
    assert d.message == "unknown mark 'window' on stage 'hall'"


def test_unknown_look_in_short_form_and_in_dialogue():
    d = one("start:\n  - show: zack hrt\n")
    assert (d.line, d.col) == (2, 16)
    assert d.message == "'zack' has no look 'hrt'"
    assert d.hint == "did you mean 'hurt'?"
    d = one("start:\n  - zack: Hey.\n    look: scard\n")
    assert (d.line, d.col) == (3, 11)


def test_unknown_preset_stage_and_audio():
    assert one("start:\n  - light: sunsett\n").hint == "did you mean 'sunset'?"
    assert one("start:\n  - stage: rom\n").message == "unknown stage 'rom'"
    assert one("start:\n  - music: rain.mp3\n").message == "unknown audio file 'assets/audio/rain.mp3'"


def test_character_without_sprite_cannot_be_shown_but_can_speak():
    d = one("start:\n  - show: voice\n")
    assert d.message == "'voice' has no sprite to show"
    assert check("start:\n  - voice: Over here.\n") == []


def test_variable_never_set_is_a_warning_with_a_suggestion():
    d = one("start:\n  - if: trsut > 1\n    then:\n      - Hi.\n", severity="warning")
    assert (d.line, d.col) == (2, 9)
    assert d.message == "variable 'trsut' is never set, so it always reads as false"
    assert d.hint == "did you mean 'trust'?"


def test_expression_errors_point_into_the_expression():
    d = one("start:\n  - if: trust = 2\n    then: [Hi.]\n")
    assert (d.line, d.col) == (2, 15)
    assert "compare with '=='" in d.hint
    d = one("start:\n  - set: {x: \"trust.__class__\"}\n")
    assert d.message == "attribute access ('.') is not allowed"
    d = one("start:\n  - set: {x: \"__import__('os')\"}\n")
    assert "not allowed" in d.message
    d = one("start:\n  - set: {x: \"open('f')\"}\n")
    assert "not allowed" in d.message


def test_unknown_function():
    d = one("start:\n  - set: {x: \"visted('start')\"}\n")
    assert d.message == "unknown function 'visted'"
    assert d.hint == "did you mean 'visited'?"


def test_text_tag_errors():
    d = one("start:\n  - \"Hello {b}there\"\n")
    assert (d.line, d.col) == (2, 12)
    assert d.message == "'{b}' is never closed"
    d = one("start:\n  - Hello {bold}there{/bold}\n")
    assert d.message == "unknown text tag '{bold}'"
    d = one("start:\n  - Hello [nobody]\n", severity="warning")
    assert d.message == "variable 'nobody' is never set, so it always reads as false"


def test_duplicate_explicit_id():
    d = one("start:\n  - say: One.\n    id: a\n  - say: Two.\n    id: a\n")
    assert (d.line, d.col) == (5, 9)
    assert d.message == "id 'a' is used twice"


def test_two_commands_in_one_step():
    d = one("start:\n  - show: zack\n    hide: zack\n")
    assert (d.line, d.col) == (3, 5)
    assert "two commands" in d.message


def test_missing_required_modifier():
    d = one("start:\n  - move: zack\n")
    assert d.message == "'move' needs 'to:'"
    d = one("start:\n  - if: trust\n")
    assert d.message == "'if' needs 'then:'"


def test_unsafe_yaml_tags_are_rejected():
    d = one("start:\n  - !!python/object:os.system echo\n")
    assert "unsupported YAML tag" in d.message


def test_anchors_are_rejected():
    d = one("start:\n  - &a Hello\n  - *a\n")
    assert "anchors and aliases" in d.message


def test_start_label_must_exist():
    _, diags = compile_text("begin:\n  - Hi.\n", manifest="start: opening\n")
    errors = [d for d in diags if d.severity == "error"]
    assert errors[0].message == "the start label 'opening' does not exist"
    assert (errors[0].path, errors[0].line, errors[0].col) == ("game.yaml", 1, 8)


def test_manifest_errors():
    _, diags = compile_text("start:\n  - Hi.\n", manifest="start: start\ncharacters:\n  z: {nmae: Z}\n")
    d = [d for d in diags if d.severity == "error"][0]
    assert (d.path, d.line, d.col, d.message) == ("game.yaml", 3, 7, "unknown character field 'nmae'")
    assert d.hint == "did you mean 'name'?"


def test_diagnostics_are_collected_not_first_error_wins():
    diags = check("start:\n  - shwo: zack\n  - jump: nowhere\n  - light: dark\n")
    assert sorted(d.line for d in diags if d.severity == "error") == [2, 3, 4]


def test_text_with_a_colon_gets_a_quoting_hint():
    d = one("start:\n  - Note: the lights came on\n")
    assert d.message == "unknown command or character 'Note'"
    assert d.hint == "to write text containing ': ', quote the whole line: - \"Note: the lights came on\""


def test_modifiers_nested_under_the_command_get_a_hint():
    d = one("start:\n  - light:\n      preset: sunset\n")
    assert (d.line, d.col) == (3, 7)
    assert d.message == "'light' takes the preset here, not a mapping"
    assert "sibling keys" in d.hint
