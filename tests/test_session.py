"""The play session: game time drives the story, the typewriter, waits, auto and skip."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.stage.helpers import NoAssets
from vn.script import compile_text
from vn.session import Session, Settings
from vn.settings import TEXT_SPEEDS, load_settings, next_speed, save_settings
from vn.stage.scene import Scene

MANIFEST = "start: start\ncharacters:\n  zack: {name: Zack}\n"



def session(src: str, **settings) -> Session:
    prog, diags = compile_text(textwrap.dedent(src), manifest=MANIFEST)
    assert prog is not None, [d.format() for d in diags]
    return Session(prog, Scene(NoAssets()), settings=Settings(**settings))


def test_click_completes_the_line_then_advances():
    s = session("start:\n  - Hello there, reader.\n  - Second.\n", cps=10)
    s.update(0.0)
    assert s.line.text.plain == "Hello there, reader." and s.typewriter.visible(0.5) == 5
    s.click(0.5)
    assert s.line is not None and s.typewriter.done(0.5)
    s.click(0.6)
    assert s.line.text.plain == "Second."


def test_waits_end_on_time_and_pauses_on_click():
    s = session("start:\n  - wait: 2s\n  - pause: 5s\n  - After.\n")
    s.update(0.0)
    assert s.wait is not None and s.next_wake(0.0) == 2.0
    s.click(1.0)
    assert s.wait is not None and s.wait.seconds == 2.0  # a click does not end `wait`
    s.update(2.0)
    assert s.wait is not None and s.wait.click_ends
    s.click(2.5)
    assert s.line is not None and s.line.text.plain == "After."


def test_a_line_waits_for_a_transition_to_finish():
    s = session("start:\n  - transition: fade\n    over: 1s\n  - Revealed.\n")
    s.update(0.0)
    assert s.line is None and s.next_event(0.0) == 1.0
    s.update(1.0)
    assert s.line is not None


def test_auto_forward_waits_by_the_length_of_the_line():
    s = session("start:\n  - " + "x" * 100 + "\n  - Next.\n", cps=0, auto=True, auto_time=15)
    s.update(0.0)
    delay = (25 + 100) / 250 * 15
    assert s.next_wake(0.0) == delay
    s.update(delay - 0.01)
    assert s.line.text.plain.startswith("x")
    s.update(delay)
    assert s.line.text.plain == "Next."


def test_skip_runs_through_lines_and_stops_at_a_choice():
    s = session("start:\n  - One.\n  - Two.\n  - wait: 3s\n  - Three.\n  - choice:\n      - A: [A.]\n      - B: [B.]\n",
                cps=30, skip=True, skip_unseen=True)
    t = 0.0
    s.update(t)
    for _ in range(20):
        t += 0.1
        s.update(t)
    assert s.choice is not None and t < 3.0


def test_settings_round_trip_and_damage(tmp_path: Path):
    path = tmp_path / "settings.json"
    assert load_settings(path).cps == Settings().cps  # missing: defaults
    save_settings(Settings(cps=80.0, auto_time=10.0), path)
    loaded = load_settings(path)
    assert (loaded.cps, loaded.auto_time) == (80.0, 10.0)
    path.write_text("{not json", "utf-8")
    assert load_settings(path).cps == Settings().cps  # damaged: defaults, no crash
    speeds = [v for _, v in TEXT_SPEEDS]
    assert [next_speed(v) for v in speeds] == speeds[1:] + speeds[:1]


def test_a_look_change_cross_fades_but_not_while_skipping_nor_with_reduce_motion():
    from tests.stage.helpers import FIXTURE_GAME
    from vn.settings import PlayerSettings
    from vn.stage.assets import GameAssets
    from vn.stage.scene import LOOK_SECONDS

    src = "start:\n  - stage: room\n  - show: a calm at window\n  - One.\n  - show: a sad\n  - Two.\n  - Three.\n"
    manifest = "start: start\ncharacters:\n  a: {name: A, sprite: fig}\n"

    def at_two(**settings):
        prog, diags = compile_text(src, manifest=manifest)
        assert prog is not None, [d.format() for d in diags]
        s = Session(prog, Scene(GameAssets(FIXTURE_GAME, sprites={"a": "fig"})),
                    settings=PlayerSettings(cps=0, **settings))
        now = 0.0
        s.update(now)
        while s.line is None or s.line.text.plain != "Two.":
            now += 0.05
            if not settings.get("skip"):
                s.click(now)
            s.update(now)
            assert now < 30
        return s, now

    s, now = at_two()
    layers = dict(s.scene.view(now + LOOK_SECONDS / 2).sprites[0].layers)
    assert 0.0 < layers["face_sad"] < 1.0 and 0.0 < layers["face_calm"] < 1.0
    assert dict(s.scene.view(now + LOOK_SECONDS).sprites[0].layers) == {"body": 1.0, "face_sad": 1.0, "rim": 1.0}
    s.rollback(now + 0.05)  # back to "One.": the settled picture of that line
    assert dict(s.scene.view(now + 0.05).sprites[0].layers) == {"body": 1.0, "face_calm": 1.0, "rim": 1.0}
    for settings in ({"reduce_motion": True}, {"skip": True, "skip_unseen": True}):
        s, now = at_two(**settings)
        assert dict(s.scene.view(now).sprites[0].layers) == {"body": 1.0, "face_sad": 1.0, "rim": 1.0}, settings


def test_the_prompt_is_the_line_before_the_choice_unless_a_card_came_between():
    src = ("start:\n  - Which door?\n  - set: {x: 1}\n  - choice:\n      - Left:\n          - card: Later\n"
           "            over: 0.1s\n          - choice:\n              - A: []\n              - B: []\n"
           "      - Right: []\n")
    s = session(src, cps=0)
    s.update(0.0)
    assert s.prompt is None  # a line, no choice yet
    s.click(0.1)
    s.update(0.1)
    assert s.choice is not None and s.prompt is not None and s.prompt.text.plain == "Which door?"
    s.choose(0, 0.2)
    s.update(5.0)
    assert s.choice is not None and s.prompt is None  # the card came between
    after_card = s.save()
    assert s.rollback(5.1) and s.choice is not None and s.prompt.text.plain == "Which door?"
    before_card = s.save()
    for data, words in ((after_card, None), (before_card, "Which door?")):
        loaded = Session.load(s.program, Scene(NoAssets()), data, 0.0, Settings(cps=0))
        loaded.update(0.0)
        assert loaded.choice is not None
        assert (loaded.prompt.text.plain if loaded.prompt else None) == words
