"""Which cards are chapters: a card after which something can still be read opens a chapter;
one followed only by pictures, sound, pauses, other cards and the end is an ending card
(`vn.story.chapters`), derived from the compiled program, so modders' games get the same rule."""

from __future__ import annotations

import textwrap

from vn.game import load_game
from vn.script import compile_text
from vn.story.chapters import chapter_cards, is_chapter

MANIFEST = "title: T\nstart: start\nvariables: {x: 0}\n"


def program(src: str):
    prog, diags = compile_text(textwrap.dedent(src), manifest=MANIFEST)
    assert prog is not None, [d.format() for d in diags]
    return prog


def titles(src: str) -> list[str]:
    return [c.title for c in chapter_cards(program(src))]


def test_a_card_before_lines_is_a_chapter_and_one_before_the_end_is_not() -> None:
    assert titles("""
        start:
          - card: One
          - A line.
          - card: Fin
            subtitle: The end of it.
          - end
    """) == ["One"]


def test_pictures_sound_waits_and_a_second_card_after_an_ending_card_do_not_make_it_a_chapter() -> None:
    assert titles("""
        start:
          - card: One
          - set: {x: 1}
          - A line.
          - card: The Door
          - wait: 2s
          - card: Thanks for reading
          - end
    """) == ["One"]


def test_falling_off_the_start_label_ends_the_story() -> None:
    assert titles("""
        start:
          - card: One
          - A line.
          - card: Last
    """) == ["One"]


def test_a_card_followed_by_a_jump_or_a_call_to_lines_is_a_chapter() -> None:
    assert titles("""
        start:
          - card: Jumps
          - jump: more
        more:
          - card: Calls
          - call: words
          - card: After the call
          - end
        words:
          - Some words.
          - return
    """) == ["Jumps", "Calls"]


def test_a_call_that_only_sets_then_returns_to_lines_keeps_the_chapter() -> None:
    assert titles("""
        start:
          - A line.
          - card: Two
          - call: quiet
          - More words after the call.
          - end
        quiet:
          - set: {x: 1}
          - return
    """) == ["Two"]


def test_a_condition_on_either_side_makes_it_a_chapter_if_either_side_reads() -> None:
    src = """
        start:
          - A line.
          - card: Maybe
          - if: x > 0
            then:
              - Only sometimes.
          - end
    """
    assert titles(src) == ["Maybe"]


def test_a_choice_after_a_card_is_readable() -> None:
    assert titles("""
        start:
          - card: Pick
          - choice:
              - A:
                  - end
              - B:
                  - end
    """) == ["Pick"]


def test_chapters_come_in_story_order_and_a_loop_of_pictures_ends() -> None:
    prog = program("""
        start:
          - card: First
          - A line.
          - choice:
              - Late:
                  - jump: late
              - Early:
                  - jump: early
        early:
          - card: Early
          - Early words.
          - end
        late:
          - card: Late
          - Late words.
          - card: Loop end
          - jump: spin
        spin:
          - wait: 1s
          - jump: spin
    """)
    assert [c.title for c in chapter_cards(prog)] == ["First", "Late", "Early"]
    assert is_chapter(prog, "late", "Late") and not is_chapter(prog, "late", "Loop end")


def test_the_bundled_game_chapters_leave_out_its_two_ending_cards() -> None:
    prog = load_game().program
    names = [c.title for c in chapter_cards(prog)]
    assert "The Door" not in names and "The Only Promise" not in names
    assert names[0] == "I. Sunset" and "II. Before Dawn" in names
