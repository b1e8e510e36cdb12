"""Player features of the Session: rollback and roll forward, the history, skip that stops at
unseen text, options picked before, auto-forward through `{w}`, and save -> load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.stage.helpers import NoAssets
from vn.saves import Persistent
from vn.script import compile_text
from vn.session import HISTORY_LINES, ROLLBACK_STEPS, Session, Settings
from vn.stage.scene import Scene

MANIFEST = "start: start\ncharacters:\n  zack: {name: Zack, color: '#8fb8ff', sprite: zack}\n"



def session(src: str, persistent: Persistent | None = None, **settings) -> Session:
    prog, diags = compile_text(textwrap.dedent(src), manifest=MANIFEST)
    assert prog is not None, [d.format() for d in diags]
    settings.setdefault("cps", 0)
    return Session(prog, Scene(NoAssets()), settings=Settings(**settings), persistent=persistent)


def text(s: Session) -> str:
    if s.line is not None:
        return s.line.text.plain
    if s.choice is not None:
        return "? " + " | ".join(o.text.plain for o in s.choice.options)
    return "END" if s.ended else "-"


STORY = """\
start:
  - set: {trust: 0}
  - show: zack at window
  - One.
  - choice:
      - Stay:
          - set: {trust: 1}
          - effect: vignette
          - You stay.
      - Leave:
          - set: {trust: -1}
          - hide: zack
          - You leave.
  - zack: Trust is [trust].
  - The end.
"""


def test_rollback_restores_line_variables_and_picture_and_lets_you_choose_again():
    s = session(STORY)
    t = 0.0
    s.update(t)
    assert text(s) == "One."
    s.click(t := t + 1)
    assert text(s) == "? Stay | Leave"
    s.choose(0, t := t + 1)
    assert text(s) == "You stay." and s.story.state.variables["trust"] == 1
    assert s.story.state.stage["vignette"] is not None
    s.click(t := t + 1)
    assert text(s) == "Trust is 1." and s.history[-1].name == "Zack" and s.history[-1].color == "#8fb8ff"
    assert s.rollback(t := t + 1) and text(s) == "You stay."
    assert s.typewriter.done(t)  # a line read before comes back whole
    assert s.rollback(t := t + 1) and text(s) == "? Stay | Leave"
    assert s.story.state.variables["trust"] == 0 and s.story.state.stage["vignette"] is None
    assert s.scene.view(t).vignette == 0.0  # the picture as it was then
    assert [line.text.plain for line in s.history] == ["One."]
    assert s.rollforward(t := t + 1) and text(s) == "You stay."  # the future is kept
    assert s.rollback(t := t + 1) and text(s) == "? Stay | Leave"
    s.choose(1, t := t + 1)  # choosing differently: the old future is gone
    assert text(s) == "You leave." and s.story.state.variables["trust"] == -1
    assert "zack" not in s.story.state.stage["sprites"]
    assert not s.rollforward(t := t + 1)
    s.click(t := t + 1)
    assert text(s) == "Trust is -1."
    assert s.rollback(t) and s.rollback(t) and s.rollback(t) and text(s) == "One."
    assert "zack" in s.story.state.stage["sprites"]
    assert not s.rollback(t) and not s.can_rollback


def test_rollback_in_the_bundled_game_restores_the_exact_picture():
    from vn.game import load_game

    game = load_game()
    s = Session(game.program, Scene(game.assets), settings=Settings(cps=0))
    t = 0.0
    s.update(t)
    pictures = []

    def picture(now: float):
        v = s.scene.view(now + 3600.0)  # every tween, transition and card has ended (a light tween
        # may run on under several lines; a rollback restores where it was going, not its progress)
        return (text(s), v.stage, v.light, [(p.who, p.layers, p.x, p.y, p.mirrored) for p in v.sprites],
                v.vignette, v.textbox, v.camera)

    picks = [1, 2]
    while len(pictures) < 70:
        if s.line is not None or s.choice is not None:  # waits are not rollback steps
            pictures.append(picture(t))
        t += 30.0
        if s.choice is not None:
            s.choose(picks.pop(0), t)
        else:
            s.click(t)
        s.update(t)
    for expected in reversed(pictures):  # the line on screen now is the one after them
        assert s.rollback(t)
        assert picture(t) == expected
    assert not s.rollback(t) or len(pictures) > 70


def test_rollback_is_bounded():
    lines = "".join(f"  - Line {n}.\n" for n in range(ROLLBACK_STEPS + 40))
    s = session("start:\n" + lines)
    t = 0.0
    s.update(t)
    for _ in range(ROLLBACK_STEPS + 39):
        s.click(t := t + 1)
    assert text(s) == f"Line {ROLLBACK_STEPS + 39}."
    steps = 0
    while s.rollback(t):
        steps += 1
    assert steps == ROLLBACK_STEPS - 1 and text(s) == "Line 40."
    assert len(s.history) <= HISTORY_LINES


def test_the_rollback_log_and_history_survive_save_and_load():
    s = session(STORY)
    t = 0.0
    s.update(t)
    s.click(t := t + 1)
    s.choose(0, t := t + 1)
    s.click(t := t + 1)
    data = json.loads(json.dumps(s.save()))
    loaded = Session.load(s.program, Scene(NoAssets()), data, 0.0, Settings(cps=0))
    loaded.update(0.0)
    assert text(loaded) == "Trust is 1." and loaded.notice is None
    assert [line.text.plain for line in loaded.history] == ["One.", "You stay.", "Trust is 1."]
    assert loaded.history[-1].color == "#8fb8ff"
    assert loaded.rollback(1.0) and text(loaded) == "You stay."
    assert loaded.rollback(2.0) and text(loaded) == "? Stay | Leave"
    loaded.choose(1, 3.0)
    assert text(loaded) == "You leave."


def test_skip_stops_at_unseen_text_unless_allowed_and_remembers_across_runs():
    src = "start:\n  - One.\n  - Two.\n  - Three.\n  - choice:\n      - A: [A.]\n      - B: [B.]\n"
    persistent = Persistent()
    s = session(src, persistent)
    t = 0.0
    s.update(t)
    s.click(t := t + 1)  # read One and Two
    assert text(s) == "Two."
    # a later run (same persistent data): skip passes what was read and stops at Three
    s = session(src, persistent, skip=True)
    s.update(t := 0.0)
    for _ in range(30):
        s.update(t := t + 0.1)
    assert text(s) == "Three." and s.skip_blocked and not s.line_seen
    s = session(src, Persistent(seen=set(persistent.seen)), skip=True, skip_unseen=True)
    s.update(t := 0.0)
    for _ in range(30):
        s.update(t := t + 0.1)
    assert text(s) == "? A | B"  # skipping unseen lines too, it stops at the choice


def test_options_picked_before_are_marked():
    src = "start:\n  - choice:\n      - A: [A.]\n      - B: [B.]\n"
    persistent = Persistent()
    s = session(src, persistent)
    s.update(0.0)
    assert not s.chosen_before(0) and not s.chosen_before(1)
    s.choose(1, 1.0)
    s = session(src, persistent)
    s.update(0.0)
    assert [s.chosen_before(i) for i in range(2)] == [False, True]


def test_skip_finishes_transitions_and_tweens_at_once():
    s = session("start:\n  - transition: fade\n    over: 5s\n  - One.\n  - effect: vignette\n    over: 4s\n"
                "  - Two.\n", persistent=Persistent(seen=set()), skip=True, skip_unseen=True)
    s.update(0.0)
    assert text(s) == "One."  # not held for the 5 s fade
    assert not s.scene.busy(0.0)
    for n in range(1, 5):
        s.update(n * 0.1)
    assert s.ended is not None and s.scene.view(0.4).vignette > 0 and not s.scene.busy(0.4)


WAITS = "start:\n  - This...{w} is how...{w=3} it works!\n  - Next.\n"


def test_auto_forward_goes_on_at_w_pauses():
    # was: the line stopped at {w} and auto-forward never went on
    s = session(WAITS, auto=True, auto_time=15, cps=0)
    t = 0.0
    s.update(t)
    assert s.typewriter.waiting_for_click(t)
    first = (25 + len("This...")) / 250 * 15
    assert s.next_wake(t) == first
    s.update(first - 0.01)
    assert s.typewriter.waiting_for_click(first - 0.01)
    s.update(first)
    assert not s.typewriter.waiting_for_click(first)
    t = first
    for _ in range(200):  # the timed pause ends on its own, then the rest of the line waits
        wake = s.next_wake(t)
        assert wake is not None
        t = wake
        s.update(t)
        if text(s) == "Next.":
            break
    rest = (25 + len(" is how... it works!")) / 250 * 15
    assert text(s) == "Next." and abs(t - (first + 3 + rest)) < 1e-6


def test_auto_forward_stops_at_choices():
    s = session("start:\n  - One.\n  - choice:\n      - A: [A.]\n      - B: [B.]\n", auto=True, auto_time=1)
    s.update(0.0)
    for n in range(1, 60):
        s.update(n * 0.5)
    assert text(s) == "? A | B" and s.next_wake(30.0) is None


def test_endings_and_chapters_are_remembered():
    persistent = Persistent()
    s = session("start:\n  - card: I. Sunset\n  - One.\n  - card: No Promise\n  - end\n", persistent)
    t = 0.0
    s.update(t)
    for _ in range(20):
        t += 3.0
        s.update(t)
        s.click(t)
    assert s.ended is not None
    assert persistent.chapters[0] == {"title": "I. Sunset", "label": "start"}
    assert persistent.endings == [{"title": "No Promise", "label": "start"}]


def test_a_save_loads_in_a_new_process_on_the_same_line_and_picture(tmp_path: Path):
    """Play the bundled game to the middle, save through the store, and load it in a fresh
    interpreter: the same line, the same stage snapshot, the same light at that moment."""
    script = textwrap.dedent("""
        import json, sys
        from vn.game import load_game
        from vn.saves import SaveMeta, SaveStore
        from vn.session import Session, Settings
        from vn.stage.scene import Scene
        game = load_game()
        store = SaveStore.for_game(game)
        scene = Scene(game.assets)
        if sys.argv[1] == "save":
            s = Session(game.program, scene, settings=Settings(cps=0))
            t = 0.0
            s.update(t)
            picks = [1, 2]
            while s.line is None or len(s.history) < 45:
                t += 30.0
                s.update(t)
                if s.choice is not None:
                    s.choose(picks.pop(0), t)
                else:
                    s.click(t)
                s.update(t)
        else:
            s = Session.load(game.program, scene, store.read("1-1").data, 0.0, Settings(cps=0))
            s.update(0.0)
            t = 0.0
        view = s.scene.view(t + 60.0)  # settled: a save made as a move begins loads with it done
        out = {"line": s.line.text.plain, "stage": s.story.state.stage, "light": repr(view.light),
               "sprites": [(v.who, round(v.x, 3), round(v.y, 3)) for v in view.sprites],
               "history": len(s.history), "notice": s.notice}
        if sys.argv[1] == "save":
            store.write("1-1", s.save(), SaveMeta.of(s))
        print(json.dumps(out))
    """)
    env = dict(os.environ, VN_DATA_DIR=str(tmp_path))

    def run(mode: str) -> dict:
        done = subprocess.run([sys.executable, "-c", script, mode], env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    saved, loaded = run("save"), run("load")
    assert loaded["notice"] is None
    assert loaded == saved


def test_rollback_survives_a_load_after_script_edits():
    src = "start:\n  - One.\n  - \"...\"\n  - Two.\n  - \"...\"\n  - Three, with a tpyo.\n  - Four.\n"
    s = session(src)
    t = 0.0
    s.update(t)
    for _ in range(4):
        s.click(t := t + 1)
    assert text(s) == "Three, with a tpyo."
    data = json.loads(json.dumps(s.save()))
    edited = src.replace("start:\n", "start:\n  - Added.\n  - Added too.\n").replace("tpyo", "typo")
    prog, _ = compile_text(edited, manifest=MANIFEST)
    loaded = Session.load(prog, Scene(NoAssets()), data, 0.0, Settings(cps=0))
    loaded.update(0.0)
    assert text(loaded) == "Three, with a typo." and loaded.notice is not None
    # 'Two.' and 'One.' moved by two instructions and are found; the repeated '...' lines (their
    # ids are numbered in order) cannot be placed for sure and are left out
    assert loaded.rollback(1.0) and text(loaded) == "Two."
    assert loaded.rollback(2.0) and text(loaded) == "One."
    assert not loaded.rollback(3.0)
    assert loaded.rollforward(4.0) and text(loaded) == "Two."
    loaded.click(5.0)
    assert text(loaded) == "..."


def test_a_damaged_save_is_refused_with_a_reason_never_a_traceback():
    """Random damage to the values of a real save: Session.load either works (and the session
    plays, rolls back and saves again) or raises SaveFormatError, nothing else."""
    import copy
    import random

    from vn.story import SaveFormatError

    s = session(STORY)
    s.update(0.0)
    s.click(1.0)
    s.choose(0, 2.0)
    s.click(3.0)
    base = json.loads(json.dumps(s.save()))

    def paths(o, p=()):
        yield p
        items = o.items() if isinstance(o, dict) else enumerate(o) if isinstance(o, list) else ()
        for k, v in items:
            yield from paths(v, (*p, k))

    every = [p for p in paths(base) if p]
    junk = [None, -1, 10**9, "x", [], {}, True, 1.5, [1], {"a": 1}, "start", float("nan")]
    rng = random.Random(3)
    refused = 0
    for _ in range(400):
        data = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            *parent, last = rng.choice(every)
            try:
                o = data
                for k in parent:
                    o = o[k]
                o[last] = copy.deepcopy(rng.choice(junk))
            except (KeyError, IndexError, TypeError):
                pass
        try:
            loaded = Session.load(s.program, Scene(NoAssets()), data, 0.0, Settings(cps=0))
        except SaveFormatError as exc:
            assert str(exc)
            refused += 1
            continue
        for k in range(4):
            loaded.update(float(k))
            loaded.click(float(k))
            if loaded.choice is not None:
                loaded.choose(0, float(k))
        loaded.rollback(9.0)
        loaded.rollforward(10.0)
        json.dumps(loaded.save())
    assert refused > 50
