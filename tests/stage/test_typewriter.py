"""The typewriter: visible characters as a pure function of time, clicks and pauses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn.stage.typewriter import Phase, Typewriter
from vn.story.text import Pause, RichText, Run


def rich(*items: str | float | None, no_wait: bool = False) -> RichText:
    """Strings are runs; numbers are timed pauses; None is a click-pause."""
    return RichText(tuple(Run(i) if isinstance(i, str) else Pause(i) for i in items), no_wait)


def test_types_at_cps_from_start() -> None:
    tw = Typewriter(rich("Hello world"), cps=10, start=5.0)
    assert tw.visible(5.0) == 0
    assert tw.visible(5.099) == 0
    assert tw.visible(5.1) == 1
    assert tw.visible(5.55) == 5
    assert tw.visible(6.1) == 11
    assert tw.visible(100.0) == 11
    assert not tw.done(6.0)
    assert tw.done(6.1)


def test_before_start_shows_nothing_and_counts_are_monotonic() -> None:
    tw = Typewriter(rich("abc", 0.5, "def"), cps=20, start=1.0)
    assert tw.visible(0.0) == 0
    counts = [tw.visible(1.0 + k * 0.01) for k in range(200)]
    assert counts == sorted(counts)
    assert counts[-1] == 6


def test_cps_zero_is_instant() -> None:
    tw = Typewriter(rich("All at once."), cps=0, start=3.0)
    assert tw.visible(3.0) == len("All at once.")
    assert tw.done(3.0)
    assert tw.next_change(3.0) is None


def test_timed_pause_stops_typing_that_long() -> None:
    tw = Typewriter(rich("ab", 1.0, "cd"), cps=10, start=0.0)
    assert tw.visible(0.2) == 2
    assert tw.state(0.25).phase is Phase.TIMED_PAUSE
    assert tw.visible(1.15) == 2  # typing resumes at 0.2 + 1.0
    assert tw.visible(1.3) == 3
    assert tw.visible(1.4) == 4
    assert tw.done(1.4)


def test_timed_pause_with_instant_text() -> None:
    tw = Typewriter(rich("First.", 0.5, " Then."), cps=0, start=0.0)
    assert tw.visible(0.0) == 6
    assert tw.next_change(0.0) == pytest.approx(0.5)
    assert tw.visible(0.49) == 6
    assert tw.visible(0.5) == 12


def test_click_pause_waits_then_click_continues() -> None:
    tw = Typewriter(rich("Wait.", None, " Go on."), cps=10, start=0.0)
    assert tw.visible(0.5) == 5
    assert tw.waiting_for_click(0.6)
    assert tw.visible(30.0) == 5  # a click-pause never ends by itself
    assert tw.next_change(30.0) is None
    assert tw.click(30.0) is False  # continue typing from here
    assert tw.visible(30.0) == 5
    assert tw.visible(30.1) == 6
    assert tw.visible(30.7) == 12
    assert tw.done(30.7)


def test_click_while_typing_reveals_up_to_next_click_pause() -> None:
    tw = Typewriter(rich("One two", 2.0, " three", None, " four"), cps=10, start=0.0)
    assert tw.click(0.3) is False
    assert tw.visible(0.3) == len("One two three")  # the timed pause is skipped too
    assert tw.waiting_for_click(0.3)
    assert tw.click(0.4) is False  # continue
    assert tw.click(0.45) is False  # completes the rest
    assert tw.visible(0.45) == len("One two three four")
    assert tw.done(0.45)
    assert tw.click(0.5) is True  # fully shown: the host advances


def test_click_completes_line() -> None:
    tw = Typewriter(rich("A long line of text."), cps=30, start=0.0)
    assert tw.click(0.1) is False
    assert tw.visible(0.1) == len("A long line of text.")
    assert tw.click(0.2) is True


def test_click_inside_timed_pause_ends_it() -> None:
    tw = Typewriter(rich("ab", 5.0, "cd"), cps=100, start=0.0)
    assert tw.state(1.0).phase is Phase.TIMED_PAUSE
    assert tw.click(1.0) is False
    assert tw.visible(1.0) == 4


def test_trailing_click_pause_is_dropped() -> None:
    tw = Typewriter(rich("Done", None), cps=0, start=0.0)
    assert tw.done(0.0)
    assert tw.click(0.0) is True


def test_paragraph_pause_counts_the_newline() -> None:
    # `{p}` is Pause(None) then a "\n" run.
    tw = Typewriter(rich("Para one.", None, "\nPara two."), cps=0, start=0.0)
    assert tw.visible(0.0) == 9
    tw.click(0.0)
    assert tw.visible(0.0) == len("Para one.\nPara two.")


def test_next_change_is_the_next_character_time() -> None:
    tw = Typewriter(rich("abc"), cps=4, start=1.0)
    assert tw.next_change(1.0) == pytest.approx(1.25)
    assert tw.visible(tw.next_change(1.0)) == 1
    assert tw.next_change(1.3) == pytest.approx(1.5)
    assert tw.next_change(1.75) is None


def test_no_wait_auto_advances_once_shown() -> None:
    tw = Typewriter(rich("Gone—", no_wait=True), cps=10, start=0.0)
    assert not tw.auto_advance(0.2)
    assert tw.auto_advance(0.5)
    plain = Typewriter(rich("Stays."), cps=0, start=0.0)
    assert plain.done(0.0) and not plain.auto_advance(0.0)


def test_no_wait_after_trailing_timed_pause() -> None:
    tw = Typewriter(rich("Hello", 1.0, no_wait=True), cps=0, start=0.0)
    assert tw.visible(0.0) == 5
    assert not tw.auto_advance(0.5)
    assert tw.next_change(0.5) == pytest.approx(1.0)
    assert tw.auto_advance(1.0)


def test_finish_ignores_every_pause() -> None:
    tw = Typewriter(rich("a", None, "b", 3.0, "c"), cps=1, start=0.0)
    tw.finish(0.1)
    assert tw.visible(0.1) == 3 and tw.done(0.1)


def test_empty_text_is_done() -> None:
    tw = Typewriter(rich(), cps=30, start=0.0)
    assert tw.visible(0.0) == 0 and tw.done(0.0)


def test_negative_cps_rejected() -> None:
    with pytest.raises(ValueError):
        Typewriter(rich("x"), cps=-1, start=0.0)


_items = st.lists(st.one_of(st.text(alphabet="ab \n", min_size=1, max_size=6).map(Run),
                            st.sampled_from([None, 0.0, 0.25, 1.0]).map(Pause)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(_items, st.sampled_from([0.0, 7.0, 30.0]), st.lists(st.floats(0.0, 0.5), max_size=12))
def test_properties(items: list, cps: float, gaps: list[float]) -> None:
    """Counts never go back, stay within the text, change exactly when `next_change` says,
    and clicks always reach the end."""
    text = RichText(tuple(items))
    tw = Typewriter(text, cps, start=0.0)
    now, last = 0.0, 0
    for gap in gaps:
        now += gap
        shown = tw.visible(now)
        assert last <= shown <= tw.length
        nxt = tw.next_change(now)
        if nxt is not None:
            assert nxt > now
            before = tw.state(now)
            if nxt - now > 1e-6:
                assert tw.state((now + nxt) / 2).visible == before.visible
            after = tw.state(nxt)
            assert (after.visible, after.phase) != (before.visible, before.phase) or after.pause != before.pause
        last = shown
        if gap > 0.3:
            tw.click(now)
            last = max(last, tw.visible(now))
    for _ in range(len(items) + 2):
        if tw.click(now):
            break
    assert tw.done(now) and tw.visible(now) == tw.length
