"""The leave ending's people agree with its lines (issue 13.3): who is on the stage, in which
look and at which mark, when each line of the barracks, the bunk, the briefing and the mess is
shown. Read from the story's own stage snapshot (what a save keeps and the renderer draws), on
the path that takes the door (choice 1); the looks and marks named here exist (the sprites'
YAML and the stages' maps), so a renamed look or a lost mark fails here, not only in a frame.
"""

from __future__ import annotations

import copy

import pytest

from vn.game import load_game
from vn.story.events import Choice, End, Line
from vn.story.interpreter import Story


@pytest.fixture(scope="module")
def game():
    return load_game()


@pytest.fixture(scope="module")
def shown(game):
    """[(line text, stage snapshot)] for every line of the leave path."""
    story = Story(game.program)
    out = []
    for _ in range(20000):
        event = story.step()
        if isinstance(event, Line):
            out.append((event.text.plain, copy.deepcopy(story.state.stage)))
        elif isinstance(event, Choice):
            story.choose(0)
        elif isinstance(event, End):
            break
    return out


def at(shown, words):
    hits = [stage for text, stage in shown if words in text]
    assert hits, f"no line with {words!r} on the leave path"
    return hits[0]


def people(stage):
    return {who: (s["look"], s["at"]) for who, s in stage["sprites"].items()}


# (words of the line, the stage, who is there as {id: (look, mark)}; None: any mark)
EXPECTED = [
    ("He was on the barracks floor", "shinra_barracks",
     {"zack": ("splinting", "on_floor"), "cloud": ("in_door", "in_doorway")}),
    ("Cloud took one look at him", "shinra_barracks",
     {"zack": ("splinting", "on_floor"), "cloud": ("standing", "on_floor_facing")}),
    ("Give it here", "shinra_barracks",
     {"zack": ("splinting", "on_floor"), "cloud": ("kneeling", "kneel_by_him")}),
    ("He held the arm steady", "shinra_barracks",
     {"zack": ("splinting", "on_floor"), "cloud": ("kneeling", "kneel_by_him")}),
    ("It was the first time in weeks", "shinra_barracks",
     {"zack": ("seated_floor", "on_floor"), "cloud": ("seated_floor", "floor_beside")}),
    ("That night he lay on his narrow bunk", "shinra_bunk", {}),
    ("Nobody cast Cure on him", "shinra_barracks", {"zack": ("lying", "on_his_bunk")}),
    ("He sat with Cloud in the mess", "shinra_mess",
     {"zack": ("seated_table_grin", "mess_left"), "cloud": ("seated_table", "mess_right")}),
    ("Cloud told him, and Zack laughed", "shinra_mess",
     {"zack": ("seated_table", "mess_left"), "cloud": ("seated_table", "mess_right")}),
    ("Genesis asked him once", "shinra_mess", {}),
]


@pytest.mark.parametrize("words,stage_name,who", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_each_line_shows_its_people(shown, words, stage_name, who):
    stage = at(shown, words)
    assert stage["stage"] == stage_name, (words, stage["stage"])
    assert people(stage) == who, (words, people(stage))


def test_the_briefing_has_the_general_and_his_officers(shown):
    """'In the morning, at the briefing': the General at the head of the table and the three
    officers seated along it (drawn figures, not shapes painted into the room)."""
    stage = at(shown, "In the morning, at the briefing")
    seen = people(stage)
    assert stage["stage"] == "shinra_briefing"
    assert seen.pop("sephiroth") == ("general", "head_of_table")
    assert sorted(mark for _, mark in seen.values()) == ["officer_left", "officer_right", "officer_right_far"]
    assert {look for look, _ in seen.values()} <= {"back", "back_turned", "back_reading"}


def test_every_look_and_mark_named_on_the_leave_path_exists(game, shown):
    """Each (character, look, mark) the path shows is a real look of that character's sprite and
    a real mark of the stage it is shown on."""
    sprites = {cid: game.assets.sprite(c.sprite) for cid, c in game.program.characters.items() if c.sprite}
    for text, stage in shown:
        if not stage["sprites"]:
            continue
        marks = game.assets.stage(stage["stage"]).marks
        for who, s in stage["sprites"].items():
            assert s["look"] in sprites[who].looks, (text, who, s["look"])
            assert s["at"] in marks, (text, who, s["at"])
