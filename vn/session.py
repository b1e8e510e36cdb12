"""A play session: the story, the scene and the typewriter driven by game time. No pygame.

The window (`vn.app`), `vn render` and `vn bench` all drive the same Session, so a frame
rendered headless is the frame a player sees. The host calls `update(now)` as time passes and
`click(now)` / `choose(i, now)` on input; it reads `line`, `choice`, `typewriter` and
`scene.view(now)` to draw. Audio directions go to `audio` (a `vn.audio.AudioSink`: the window's
mixer, or a silent one), which `update` keeps in step with game time. `next_wake(now)` tells the host when anything will next change on
its own, so the loop can sleep while a fully shown line waits for the reader.

Player features kept here (not in the story, not in the UI):
- rollback: `rollback(now)` / `rollforward(now)` step through a bounded log of checkpoints
  (one per line or choice shown: story state with variables and the stage snapshot — light,
  sprites, textbox, vignette, and whatever else the snapshot holds). Rolling back to a choice
  asks it again; choosing differently there discards the old future.
- history (the backlog): `history`, the last `HISTORY_LINES` lines as `Line`s (speaker name and
  colour included), saved with the game.
- skip: stops at a line never read (in any run: `persistent.seen`) unless
  `settings.skip_unseen`; `skip_blocked` tells the host it stopped. While skipping, tweens,
  transitions and cards finish at once.
- auto-forward: waits `(25 + characters) / 250 × auto_time` seconds after each part of a line
  is shown, including at `{w}` pauses inside it (Ren'Py's formula).
- `chosen_before(i)`: was the option at index i of the current choice picked in any run.
- saves: `save()` -> JSON-ready dict; `Session.load(...)` -> Session, with `notice` set when the
  story resumes anywhere but the saved line (one quiet line for the player).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from vn.audio import AUDIO_COMMANDS, AudioSink, SilentAudio
from vn.saves import Persistent
from vn.script.program import Program, Where
from vn.stage.scene import LOOK_SECONDS, Scene
from vn.stage.typewriter import Phase, Typewriter
from vn.story import Choice, Direction, End, Line, SaveFormatError, Story, Wait
from vn.story.chapters import is_ending_card
from vn.story.interpreter import Break
from vn.story.positions import fingerprint
from vn.story.text import Pause, RichText, Run, Style

MAX_EVENTS_PER_UPDATE = 10_000
SKIP_STEP = 0.06  # seconds each line stays on screen while skipping
ROLLBACK_STEPS = 300  # checkpoints kept (in memory and in saves)
HISTORY_LINES = 250  # lines kept in the backlog (Ren'Py's default)
SESSION_FORMAT = 1
_SAVED_AT = Where("<save>", 0, 0)
_REPEAT = re.compile(r"\.[0-9a-f]{8}\.[0-9]+$")  # a derived id of a repeated text: label.hash.N


@dataclass
class Settings:
    """What the player sets (saved with the player's settings, not with a game)."""

    cps: float = 40.0  # characters per second; 0 = instant
    auto: bool = False
    auto_time: float = 15.0  # Ren'Py's afm_time: the wait is (25 + chars) / 250 * auto_time
    skip: bool = False
    skip_unseen: bool = False  # skipping also passes lines never read before
    # audio (vn.audio reads them at every update, so a change is heard at once): sliders from
    # 0 to 1 that the mixer maps to decibels (vn.audio.mix.slider_gain); ambience follows `sound`
    music_volume: float = 1.0
    sound_volume: float = 1.0
    voice_volume: float = 1.0
    mute: bool = False
    ducking: bool = True  # music and ambience dip under voice and sound effects


class Session:
    def __init__(self, program: Program, scene: Scene, story: Story | None = None,
                 settings: Settings | None = None, audio: AudioSink | None = None,
                 persistent: Persistent | None = None) -> None:
        self.program = program
        self.audio: AudioSink = audio if audio is not None else SilentAudio()
        self.scene = scene
        self.story = story or Story(program)
        self.settings = settings or Settings()
        self.persistent = persistent if persistent is not None else Persistent()
        self.line: Line | None = None
        self.choice: Choice | None = None
        self.typewriter: Typewriter | None = None
        self.wait: Wait | None = None
        self.wait_until: float | None = None
        self.line_done_at: float | None = None
        self.ended: End | None = None
        self.hit_break: Break | None = None
        self.history: list[Line] = []  # the backlog, oldest first, at most HISTORY_LINES
        self.line_since = 0.0  # when the current line appeared, or the last one went away
        self.choice_since = 0.0  # when the current choice appeared
        self.line_seen = False  # the line on screen was read before (this or an earlier run)
        self.skip_blocked = False  # skipping reached a line never read: the host turns skip off
        self.notice: str | None = None  # one quiet line for the player (after a load), or None
        self._pending = True  # the story must be pulled
        self._held: object | None = None  # an event waiting for a transition or card to end
        self._pause_at: float | None = None  # auto-forward: when typing stopped at a {w}
        self._segment_from = 0  # characters shown before the current part of the line
        self._history_total = 0  # lines ever added to the history (it is trimmed at the front)
        self._log: list[dict[str, Any]] = []  # rollback checkpoints, oldest first
        self._at = -1  # the checkpoint last presented
        self._on_log = False  # ... and it is on screen now
        self._rolling: int | None = None  # the checkpoint a rollback is presenting
        self._scene_changed = False  # a card or a new stage came after the last line

    @classmethod
    def resume(cls, program: Program, scene: Scene, story: Story, now: float,
               settings: Settings | None = None, audio: AudioSink | None = None,
               persistent: Persistent | None = None) -> Session:
        """A session for a restored story: the picture is set at once from the saved snapshot,
        and the music and ambience it holds fade in."""
        scene.restore(story.state.stage, now)
        session = cls(program, scene, story, settings, audio, persistent)
        session.audio.restore(story.state.stage, now)
        session.notice = story.notice
        return session
    @classmethod
    def load(cls, program: Program, scene: Scene, data: Any, now: float, settings: Settings | None = None,
             audio: AudioSink | None = None, persistent: Persistent | None = None) -> Session:
        """A session from `save()`'s data (or a bare story save), after any script edits.

        The story lands on the saved line, found by content and context; `notice` is set when
        it lands anywhere else. History and rollback come back with it (rollback checkpoints
        that no longer match the script are dropped). Raises SaveFormatError (with the reason)
        for data that is not a save."""
        if not isinstance(data, dict):
            raise SaveFormatError("a save is a JSON object")
        if "story" not in data:  # a story's JSON alone
            data = {"format": SESSION_FORMAT, "story": data}
        fmt = data.get("format")
        if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt > SESSION_FORMAT:
            raise SaveFormatError(f"the game state is format {fmt}, not one this engine reads ({SESSION_FORMAT})")
        story = Story.restore(program, data["story"])
        session = cls.resume(program, scene, story, now, settings, audio, persistent)
        session.history = _history_from_json(data.get("history"))[-HISTORY_LINES:]
        if story.state.status == "shown" and session.history and session.history[-1].id == story.state.at_id:
            session.history.pop()  # the line on screen is presented again, and added again
        session._history_total = len(session.history)
        session._log_from_json(data.get("rollback"), data.get("program") == fingerprint(program))
        return session

    def save(self) -> dict[str, Any]:
        """Everything to resume this session: the story (positions anchored by content, see
        vn.story.positions), the history and the rollback log. JSON-ready, never pickled."""
        return {
            "format": SESSION_FORMAT,
            "program": fingerprint(self.program),
            "story": self.story.save(),
            "history": [_line_to_json(line) for line in self.history],
            "rollback": self._log_to_json(),
        }

    # ----------------------------------------------------------------- driving
    def update(self, now: float) -> bool:
        """Advance to `now`; return True when anything the reader sees changed."""
        changed = False
        if self.settings.skip:
            self.scene.finish(now)  # tweens, transitions and cards end at once while skipping
            if self.line is not None and self.typewriter is not None:
                if self.line_seen or self.settings.skip_unseen:
                    self.typewriter.finish(now)
                    if now >= self.line_since + SKIP_STEP:
                        self._clear(now)
                        changed = True
                elif not self.skip_blocked:
                    self.skip_blocked = True
                    changed = True
            elif self.wait is not None:
                self._clear(now)
                changed = True
        if self.wait is not None and self.wait_until is not None and now >= self.wait_until:
            self._clear(now)
            changed = True
        if self.line is not None and self.typewriter is not None:
            if self.typewriter.auto_advance(now):
                self._clear(now)
                changed = True
            elif self.settings.auto:
                changed = self._auto_forward(now) or changed
        if self._pending and (self._held is None or now >= self.scene.blocking_until):
            changed = self._pull(now) or changed
        self.audio.update(now, self.settings)
        return changed

    def _auto_forward(self, now: float) -> bool:
        """Auto-forward: after a whole line, or a part of it that stops at `{w}`, has been shown
        for `auto_delay` seconds, go on as a click would."""
        assert self.typewriter is not None
        st = self.typewriter.state(now)
        if st.phase is Phase.DONE:
            if self.line_done_at is None:
                self.line_done_at = now
            if now >= self.line_done_at + self.auto_delay():
                self._clear(now)
                return True
        elif st.phase is Phase.CLICK_PAUSE:
            if self._pause_at is None:
                self._pause_at = now
            if now >= self._pause_at + self.auto_delay(st.visible - self._segment_from):
                self._resume_typing(now, st.visible)
                return True
        return False

    def auto_delay(self, chars: int | None = None) -> float:
        """How long auto-forward waits on a shown line, or on the part of it shown since the last
        `{w}` (`chars` characters; default: the rest of the line). Ren'Py's formula:
        (25 + chars) / 250 × auto_time seconds."""
        if chars is None:
            chars = max(0, len(self.line.text.plain) - self._segment_from) if self.line else 0
        return (25 + chars) / 250.0 * self.settings.auto_time

    def click(self, now: float) -> None:
        """The reader clicked (or pressed Space/Enter)."""
        if self.choice is not None or self.ended is not None:
            return
        if self.line is not None and self.typewriter is not None:
            visible = self.typewriter.visible(now)
            paused = self.typewriter.waiting_for_click(now)
            if self.typewriter.click(now):
                self._clear(now)
                self.update(now)
            elif paused:
                self._resume_typing(now, visible, clicked=True)
            return
        if self.wait is not None and self.wait.click_ends:
            self._clear(now)
            self.update(now)

    def _resume_typing(self, now: float, visible: int, clicked: bool = False) -> None:
        assert self.typewriter is not None
        if not clicked:
            self.typewriter.click(now)
        self._segment_from = visible
        self._pause_at = None
        self.line_done_at = None
        self._mark_stops(now)

    def _mark_stops(self, now: float) -> None:
        """Note when typing stops (the line whole, or at a `{w}`) if it already has at `now`:
        auto-forward counts from that moment."""
        if self.typewriter is None:
            return
        phase = self.typewriter.state(now).phase
        if phase is Phase.DONE and self.line_done_at is None:
            self.line_done_at = now
        elif phase is Phase.CLICK_PAUSE and self._pause_at is None:
            self._pause_at = now

    def choose(self, index: int, now: float) -> None:
        if self.choice is None:
            return
        if 0 <= index < len(self.choice.options) and self.choice.options[index].id:
            self.persistent.mark_chosen(self.choice.options[index].id)
        self.story.choose(index)
        self._clear(now)
        self.update(now)

    @property
    def prompt(self) -> Line | None:
        """The question of the choice on screen: the line said just before it, which stays in
        the text box under the menu (Ren'Py's menu caption). None when there is no choice, or a
        card or a new stage came between that line and the choice."""
        if self.choice is None or not self.history or self._scene_changed:
            return None
        return self.history[-1]

    def chosen_before(self, index: int) -> bool:
        """Was option `index` of the current choice picked before (in any run of this game)?"""
        if self.choice is None or not 0 <= index < len(self.choice.options):
            return False
        return self.choice.options[index].id in self.persistent.chosen

    def finish_line(self, now: float) -> None:
        """Show the current line whole at once (skip mode, fast-forward)."""
        if self.typewriter is not None:
            self.typewriter.finish(now)

    # ----------------------------------------------------------------- rollback
    @property
    def can_rollback(self) -> bool:
        return (self._at - 1 if self._on_log else self._at) >= 0

    @property
    def can_rollforward(self) -> bool:
        return self._on_log and self._at + 1 < len(self._log)

    def rollback(self, now: float) -> bool:
        """Go back one line (or choice): the picture, variables and line as they were then.
        False when there is nothing to go back to."""
        return self._goto((self._at - 1) if self._on_log else self._at, now)

    def rollforward(self, now: float) -> bool:
        """Undo a rollback step, as long as the future was not changed by choosing differently."""
        if not self.can_rollforward:
            return False
        return self._goto(self._at + 1, now)

    def _goto(self, target: int, now: float) -> bool:
        if not 0 <= target < len(self._log):
            return False
        cp = self._log[target]
        data = dict(cp["state"])
        data["seen"] = sorted(self.story.state.seen)
        try:
            story = Story.restore(self.program, data, exact=True)
        except SaveFormatError:
            return False
        self.story = story
        self.scene.restore(story.state.stage, now)
        self.audio.restore(story.state.stage, now)
        self._clear(now)
        self._held = None
        self.ended = None
        self.hit_break = None
        self.skip_blocked = False
        keep = len(self.history) - (self._history_total - cp["history"])
        del self.history[max(0, keep):]
        self._history_total = cp["history"]
        self._rolling = target
        self.update(now)
        return True

    def _checkpoint(self, is_line: bool) -> None:
        if self._rolling is not None:  # presenting a checkpoint: nothing new to log
            self._at, self._rolling = self._rolling, None
            self._on_log = True
            if not is_line:  # the choice's question, as it was
                self._scene_changed = not self._log[self._at].get("prompt", True)
            return
        cp = {"state": self.story.checkpoint(), "history": self._history_total - (1 if is_line else 0),
              "prompt": not self._scene_changed}
        nxt = self._at + 1
        if nxt < len(self._log) and self._log[nxt]["state"] == cp["state"]:
            self._at = nxt  # the same step as before the rollback: the future is kept
        else:
            del self._log[nxt:]
            self._log.append(cp)
            self._at = len(self._log) - 1
        self._on_log = True
        if len(self._log) > ROLLBACK_STEPS:
            drop = len(self._log) - ROLLBACK_STEPS
            del self._log[:drop]
            self._at -= drop

    def _log_to_json(self) -> dict[str, Any]:
        """The log with each checkpoint's state stored as its changes from the one before."""
        entries: list[dict[str, Any]] = []
        prev: dict[str, Any] = {}
        for cp in self._log:
            changes = {k: v for k, v in cp["state"].items() if prev.get(k) != v}
            entries.append({"changes": changes, "history": cp["history"], "prompt": cp.get("prompt", True)})
            prev = cp["state"]
        return {"at": self._at, "on_screen": self._on_log, "log": entries}

    def _log_from_json(self, data: Any, same_program: bool) -> None:
        """Checkpoints from a save. After script edits each is moved to where its instruction
        now is (by a line id that no edit of other lines can renumber); one that cannot be
        placed for sure, or is damaged, is left out (the others are whole states of their own)."""
        if not isinstance(data, dict) or not isinstance(data.get("log"), list):
            return
        at = data.get("at")
        if not isinstance(at, int) or isinstance(at, bool):
            return
        log: list[dict[str, Any]] = []
        state: dict[str, Any] = {}
        kept_at = -1  # the last checkpoint kept at or before the saved `at`
        saved_at_kept = False
        entries = data["log"][-ROLLBACK_STEPS:]
        first = len(data["log"]) - len(entries)
        for n, entry in enumerate(entries, first):
            if not (isinstance(entry, dict) and isinstance(entry.get("changes"), dict)
                    and isinstance(entry.get("history"), int)):
                state = {}
                continue
            state = {**state, **copy.deepcopy(entry["changes"])}
            placed = _place_checkpoint(self.program, state, same_program)
            if placed is None:
                continue
            log.append({"state": placed, "history": min(entry["history"], self._history_total),
                        "prompt": entry.get("prompt") is not False})
            if n <= at:
                kept_at = len(log) - 1
                saved_at_kept = n == at
        self._log, self._at = log, kept_at
        # the line or choice on screen at the save is presented again: it is that checkpoint
        status = self.story.state.status
        if (data.get("on_screen") is True and saved_at_kept and status in ("shown", "choice")
                and self.story.notice is None):
            self._rolling = self._at

    # ----------------------------------------------------------------- waking
    def next_wake(self, now: float) -> float | None:
        """The next time something changes with no input (None: only input changes anything)."""
        if self.scene.busy(now):
            return now
        times = [t for t in (self.next_event(now), self.scene.next_frame(now)) if t is not None]
        return min(times) if times else None

    def next_event(self, now: float) -> float | None:
        """The next time the session itself must update (animations aside)."""
        times: list[float] = []
        if self._pending:
            times.append(max(now, self.scene.blocking_until))
        if self.wait_until is not None:
            times.append(self.wait_until)
        if self.settings.skip and (self.line is not None or self.wait is not None) and not self.skip_blocked:
            times.append(self.line_since + SKIP_STEP if self.line is not None else now)
        if self.typewriter is not None:
            t = self.typewriter.next_change(now)
            if t is not None:
                times.append(t)
            if self.settings.auto and self.line is not None:
                st = self.typewriter.state(now)
                if st.phase is Phase.DONE:
                    start = self.line_done_at if self.line_done_at is not None else now
                    times.append(start + self.auto_delay())
                elif st.phase is Phase.CLICK_PAUSE:
                    start = self._pause_at if self._pause_at is not None else now
                    times.append(start + self.auto_delay(st.visible - self._segment_from))
        return min(times) if times else None

    # ----------------------------------------------------------------- internals
    def _clear(self, now: float) -> None:
        if self.line is not None:
            self.line_since = now
        self.line = None
        self.choice = None
        self.typewriter = None
        self.wait = None
        self.wait_until = None
        self.line_done_at = None
        self._pause_at = None
        self._segment_from = 0
        self.skip_blocked = False
        self._on_log = False
        self._pending = True

    def _pull(self, now: float) -> bool:
        """Pull the story until it presents something.

        Directions are applied as they come, so the stage changes after a `transition:` form the
        picture it reveals; a line, choice or wait that arrives while a transition or card is
        still running is held until it ends.
        """
        for _ in range(MAX_EVENTS_PER_UPDATE):
            event = self._held
            if event is None:
                event = self.story.step()
                if isinstance(event, Direction):
                    if event.command in AUDIO_COMMANDS:
                        self.audio.play(event, now, skipping=self.settings.skip)
                    else:
                        # a changed look or mark cross-fades briefly, but not while skipping
                        # nor for a player who asked for less motion
                        self.scene.look_fade = 0.0 if self.settings.skip or getattr(
                            self.settings, "reduce_motion", False) else LOOK_SECONDS
                        self.scene.apply(event, now)
                    if event.command in ("card", "stage"):
                        self._scene_changed = True
                    if event.command == "card" and self._opens_chapter(event.id):
                        self.persistent.reach_chapter(str(event.args.get("title") or ""), self.story.state.label)
                    elif event.command == "stage" and self.scene.gallery_image is not None:
                        self.persistent.see_image(self.scene.gallery_image)
                    continue
            if self.settings.skip:
                self.scene.finish(now)
            if now < self.scene.blocking_until and not isinstance(event, (End, Break)):
                self._held = event
                return True
            self._held = None
            self._present(event, now)
            return True
        return True

    def _opens_chapter(self, card_id: str) -> bool:
        """Whether the card with instruction id `card_id` opens a chapter (an ending card does
        not: `vn.story.chapters`), so the chapter select lists only what can be read."""
        place = self.story.program.index.get(card_id)
        if place is None:
            return True
        return not is_ending_card(self.story.program, *place)

    def _present(self, event: object, now: float) -> None:
        self._pending = False
        rolled = self._rolling is not None
        if isinstance(event, Line):
            self._scene_changed = False
            self.line_since = now
            self.line = event
            self.line_seen = event.seen or event.id in self.persistent.seen
            self.persistent.mark_seen(event.id)
            self.history.append(event)
            self._history_total += 1
            if len(self.history) > HISTORY_LINES:
                del self.history[: len(self.history) - HISTORY_LINES]
            self.typewriter = Typewriter(event.text, 0.0 if self.settings.skip else self.settings.cps, now)
            if rolled:  # a line read before comes back whole
                self.typewriter.finish(now)
            # auto-forward counts from when the line is whole (the loop wakes when typing ends)
            self._mark_stops(now)
            self._checkpoint(is_line=True)
        elif isinstance(event, Choice):
            self.choice = event
            self.choice_since = now
            self._checkpoint(is_line=False)
        elif isinstance(event, Wait):
            self.wait = event
            self.wait_until = None if event.seconds is None else now + event.seconds
        elif isinstance(event, End):
            self.ended = event
            self._rolling = None
            chapter = self.story.state.chapter
            title = chapter["title"] if chapter else self.story.state.label
            self.persistent.reach_ending(title, self.story.state.label)
            if event.reason == "lost":
                self.notice = ("The story ends here: the scene that led to this one is no longer "
                               "in the script.")
        elif isinstance(event, Break):
            self.hit_break = event
            self._pending = True


def _place_checkpoint(program: Program, state: dict[str, Any], same_program: bool) -> dict[str, Any] | None:
    """A checkpoint's state with its position and return points where their instructions are
    in `program` now, or None when one of them cannot be placed for sure."""
    pos = state.get("position")
    if not isinstance(pos, dict) or not isinstance(state.get("stack"), list):
        return None
    if same_program:
        return state if isinstance(pos.get("label"), str) and pos["label"] in program.labels else None
    placed = []
    for p in [pos, *state["stack"]]:
        ident = p.get("id") if isinstance(p, dict) else None
        if not isinstance(ident, str) or ident not in program.index or not _unambiguous(ident, program):
            return None
        label, pc = program.index[ident]
        placed.append({**p, "label": label, "pc": pc})
    out = dict(state)
    out["position"] = {**placed[0], "ordinal": program.labels[placed[0]["label"]].code[placed[0]["pc"]].ordinal}
    out["stack"] = placed[1:]
    return out


def _unambiguous(ident: str, program: Program) -> bool:
    """An id that edits elsewhere cannot move to another instruction: an explicit `id:`, or a
    derived id of a text that occurs once in its label (repeats are numbered in order, so
    inserting one renumbers the rest). Ids of other instructions hold their pc."""
    if "#" in ident:
        return False
    return not _REPEAT.search(ident) and f"{ident}.2" not in program.index


def _line_to_json(line: Line) -> dict[str, Any]:
    runs = []
    for item in line.text.items:
        if isinstance(item, Run):
            st = item.style
            runs.append([item.text, st.bold, st.italic, st.color, st.size])
    return {"id": line.id, "speaker": line.speaker, "name": line.name, "color": line.color, "text": runs}


def _history_from_json(data: Any) -> list[Line]:
    """Backlog entries from a save; a damaged entry is left out (the backlog is a convenience)."""
    out: list[Line] = []
    for e in data if isinstance(data, list) else []:
        try:
            items: list[Run | Pause] = []
            for text, bold, italic, color, size in e["text"]:
                if not (isinstance(text, str) and isinstance(size, int) and (color is None or isinstance(color, str))):
                    raise TypeError
                items.append(Run(text, Style(bool(bold), bool(italic), color, size)))
            fields = [e["id"], e["speaker"], e["name"], e["color"]]
            if not isinstance(fields[0], str) or not all(f is None or isinstance(f, str) for f in fields[1:]):
                raise TypeError
            out.append(Line(e["id"], e["speaker"], e["name"], e["color"], RichText(tuple(items)), True, _SAVED_AT))
        except (KeyError, TypeError, ValueError):
            continue
    return out
