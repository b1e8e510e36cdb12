"""Every state of every path through the bundled game survives a JSON round trip, and a story
restored from any of them plays on exactly as the original does."""

from __future__ import annotations

import json

from vn.game import load_game
from vn.story import Story
from vn.tools.autoplay import all_paths, run_path


def test_json_round_trip_at_every_step_of_every_path():
    program = load_game().program
    assert program is not None
    checked = [0]

    def check(story: Story) -> None:
        data = story.save()
        text = json.dumps(data, sort_keys=True)
        again = Story.restore(program, json.loads(text))
        assert json.dumps(again.save(), sort_keys=True) == text
        checked[0] += 1

    results = list(all_paths(program, on_state=check))
    assert results and all(r.error is None for r in results)
    assert checked[0] >= program.line_count  # every event of every path segment


def _play(story: Story, picks: list[int], lines: list[str], stop_after: int | None = None) -> None:
    from vn.story import Choice, End, Line

    while stop_after is None or len(lines) < stop_after:
        ev = story.step()
        if isinstance(ev, Line):
            lines.append(f"{ev.name}: {ev.text.plain}" if ev.name else ev.text.plain)
        elif isinstance(ev, Choice):
            n = picks.pop(0)
            lines.append(f"> {ev.options[n - 1].text.plain}")
            story.choose(n - 1)
        elif isinstance(ev, End):
            return


def test_a_restored_story_plays_on_identically():
    program = load_game().program
    full = run_path(program, [2, 3, 2])
    picks = [2, 3, 2]
    lines: list[str] = []
    story = Story(program)
    _play(story, picks, lines, stop_after=60)  # to the middle; save; throw the story away
    on_screen = story.state.status == "shown"
    saved = json.dumps(story.save())
    story = Story.restore(program, json.loads(saved))
    if on_screen:
        story.step()  # the line on screen at the save is shown again
    _play(story, picks, lines)
    assert lines == full.lines
