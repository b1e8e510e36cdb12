"""The pull interpreter: flow, choices, calls, variables, text, the stage snapshot and saves."""

from __future__ import annotations

import json
import textwrap

import pytest

from vn.script import compile_text
from vn.story import Choice, Direction, End, Line, SaveFormatError, Story, StoryError, Wait

MANIFEST = "start: start\ncharacters:\n  zack: {name: Zack, color: \"#8fb8ff\", sprite: zack}\n"


def program(src: str):
    prog, diags = compile_text(textwrap.dedent(src), manifest=MANIFEST)
    assert prog is not None, "\n".join(d.format() for d in diags)
    return prog


def run(story: Story, picks=()) -> list[str]:
    picks = list(picks)
    out = []
    while True:
        ev = story.step()
        if isinstance(ev, Line):
            out.append(f"{ev.name}: {ev.text.plain}" if ev.name else ev.text.plain)
        elif isinstance(ev, Choice):
            i = picks.pop(0)
            out.append(f"> {ev.options[i].text.plain}")
            story.choose(i)
        elif isinstance(ev, End):
            out.append(f"END {ev.reason}")
            return out


def test_lines_choices_and_branches():
    prog = program("""\
        start:
          - Narration.
          - zack: Hello.
          - choice:
              - Stay:
                  - set: {stayed: true}
              - Leave:
                  - set: {stayed: false}
          - if: stayed
            then:
              - zack: I stayed.
            else:
              - zack: I left.
          - end
    """)
    assert run(Story(prog), [0]) == ["Narration.", "Zack: Hello.", "> Stay", "Zack: I stayed.", "END end"]
    assert run(Story(prog), [1]) == ["Narration.", "Zack: Hello.", "> Leave", "Zack: I left.", "END end"]


def test_conditional_options_are_hidden_and_indices_follow_what_is_shown():
    prog = program("""\
        start:
          - set: {courage: 3}
          - choice:
              - text: Hide
                if: courage < 2
                do: [Hidden.]
              - Speak:
                  - Spoken.
    """)
    story = Story(prog)
    ev = story.step()
    assert isinstance(ev, Choice) and [o.text.plain for o in ev.options] == ["Speak"]
    story.choose(0)
    assert story.step().text.plain == "Spoken."
    assert isinstance(story.step(), End)


def test_choice_skipped_when_no_option_is_shown():
    prog = program("""\
        start:
          - choice:
              - text: Never
                if: "false"
                do: [No.]
          - After.
    """)
    assert run(Story(prog)) == ["After.", "END finished"]


def test_call_and_return_and_falling_off_a_called_label():
    prog = program("""\
        start:
          - call: a
          - call: b
          - Back.
        a:
          - In a.
          - return
          - Never.
        b:
          - In b.
    """)
    assert run(Story(prog)) == ["In a.", "In b.", "Back.", "END finished"]


def test_visits_and_visited():
    prog = program("""\
        start:
          - call: room
          - call: room
          - "Visits: [n]"
          - if: visited("room") and not visited("other")
            then: [Yes.]
        room:
          - set: {n: "visits('room')"}
        other:
          - Never.
    """)
    assert run(Story(prog))[:2] == ["Visits: 2", "Yes."]


def test_interpolation_and_tags():
    prog = program("""\
        start:
          - set: {name: "'Zack'", n: 2}
          - "{b}[name]{/b} has [n] {i}arms{/i}{w=0.5} [[sic] {{ok}"
    """)
    ev = Story(prog).step()
    assert ev.text.plain == "Zack has 2 arms [sic] {ok}"
    bold = [r for r in ev.text.items if getattr(r, "style", None) and r.style.bold]
    assert bold and bold[0].text == "Zack"
    assert any(getattr(i, "seconds", None) == 0.5 for i in ev.text.items)


def test_interpolated_values_are_not_read_as_tags():
    prog = program("""\
        start:
          - set: {x: "'{b}'"}
          - "[x]"
    """)
    ev = Story(prog).step()
    assert ev.text.plain == "{b}"


def test_directions_update_the_stage_snapshot():
    prog = program("""\
        start:
          - stage: room
          - light: sunset
          - show: zack hurt at wall
          - move: zack
            to: door
          - textbox: hide
          - Line.
    """)
    story = Story(prog)
    kinds = []
    while True:
        ev = story.step()
        if isinstance(ev, Line):
            break
        assert isinstance(ev, Direction)
        kinds.append(ev.command)
    assert kinds == ["stage", "light", "show", "move", "textbox"]
    snap = story.state.stage
    assert snap["stage"] == "room" and snap["light"] == "sunset" and snap["textbox"] is False
    assert snap["sprites"] == {"zack": {"look": "hurt", "at": "door"}}


def test_waits():
    prog = program("start:\n  - wait: 2s\n  - pause: 500ms\n  - pause\n")
    story = Story(prog)
    w1, w2, w3 = story.step(), story.step(), story.step()
    assert all(isinstance(w, Wait) for w in (w1, w2, w3))
    assert (w1.seconds, w1.click_ends) == (2.0, False)
    assert (w2.seconds, w2.click_ends) == (0.5, True)
    assert (w3.seconds, w3.click_ends) == (None, True)


def test_runtime_type_error_is_a_positioned_story_error():
    prog = program("start:\n  - set: {x: \"'a' + 1\"}\n")
    with pytest.raises(StoryError) as info:
        Story(prog).step()
    d = info.value.diagnostic
    assert (d.line, d.col) == (2, 5) and "cannot add text and number" in d.message


def test_seen_lines_are_remembered():
    prog = program("start:\n  - One.\n  - jump: start\n")
    story = Story(prog)
    assert story.step().seen is False
    assert story.step().seen is True


def test_random_is_reproducible_from_the_seed():
    prog = program("start:\n  - set: {a: \"random(1, 1000)\", b: \"random(1, 1000)\"}\n  - \"[a] [b]\"\n")
    a = Story(prog, seed=7).step().text.plain
    assert a == Story(prog, seed=7).step().text.plain
    others = {Story(prog, seed=s).step().text.plain for s in range(8, 12)}
    assert others - {a}, "different seeds should give different draws"


def test_save_and_restore_in_the_middle_of_a_call_and_a_choice():
    prog = program("""\
        start:
          - call: inner
          - Outer after.
        inner:
          - zack: Inner.
          - choice:
              - A: [Chose A.]
              - B: [Chose B.]
          - Inner after.
    """)
    story = Story(prog)
    assert story.step().text.plain == "Inner."
    assert isinstance(story.step(), Choice)
    saved = json.loads(json.dumps(story.save()))
    again = Story.restore(prog, saved)
    assert isinstance(again.step(), Choice)
    again.choose(1)
    assert run(again) == ["Chose B.", "Inner after.", "Outer after.", "END finished"]


def test_restore_re_presents_the_line_on_screen():
    prog = program("start:\n  - One.\n  - Two.\n")
    story = Story(prog)
    story.step()
    assert story.step().text.plain == "Two."
    again = Story.restore(prog, story.save())
    assert again.step().text.plain == "Two."


def test_saves_survive_inserted_lines_and_fixed_typos():
    before = program("start:\n  - Frist line.\n  - Second line.\n  - Third line.\n")
    story = Story(before)
    story.step()
    story.step()  # "Second line." on screen
    saved = story.save()
    # a new line inserted before it: the id still finds it
    after = program("start:\n  - A new opening.\n  - Frist line.\n  - Second line.\n  - Third line.\n")
    assert Story.restore(after, saved).step().text.plain == "Second line."
    # the line itself fixed: its ordinal in the label finds it
    fixed = program("start:\n  - First line.\n  - Second line, fixed.\n  - Third line.\n")
    assert Story.restore(fixed, saved).step().text.plain == "Second line, fixed."


def test_explicit_ids_survive_any_edit():
    before = program("start:\n  - say: Hello.\n    id: hello\n  - Bye.\n")
    story = Story(before)
    story.step()
    after = program("start:\n  - Something.\n  - Else.\n  - say: Hello there, changed.\n    id: hello\n")
    assert Story.restore(after, story.save()).step().text.plain == "Hello there, changed."


@pytest.mark.parametrize("data,message", [
    ([], "a save is a JSON object"),
    ({"format": 99}, "newer than this engine"),
    ({"format": 1}, "no 'position'"),
    ({"format": 1, "position": {"label": 3, "pc": 0}}, "'label' has the wrong type"),
])
def test_corrupt_saves_are_rejected_with_a_reason(data, message):
    prog = program("start:\n  - Hi.\n")
    with pytest.raises(SaveFormatError, match=message):
        Story.restore(prog, data)


def test_direction_text_arguments_are_plain_text_with_variables_filled():
    prog = program("start:\n  - set: {n: 2}\n  - card: \"Part [n]\"\n    subtitle: \"{i}Night{/i}\"\n")
    ev = Story(prog).step()
    assert isinstance(ev, Direction) and ev.args["title"] == "Part 2" and ev.args["subtitle"] == "Night"
