"""A play session: the story, the scene and the typewriter driven by game time. No pygame.

The window (`vn.app`), `vn render` and `vn bench` all drive the same Session, so a frame
rendered headless is the frame a player sees. The host calls `update(now)` as time passes and
`click(now)` / `choose(i, now)` on input; it reads `line`, `choice`, `typewriter` and
`scene.view(now)` to draw. Audio directions go to `audio` (a `vn.audio.AudioSink`: the window's
mixer, or a silent one), which `update` keeps in step with game time. `next_wake(now)` tells the host when anything will next change on
its own, so the loop can sleep while a fully shown line waits for the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from vn.audio import AUDIO_COMMANDS, AudioSink, SilentAudio
from vn.script.program import Program
from vn.stage.scene import Scene
from vn.stage.typewriter import Typewriter
from vn.story import Choice, Direction, End, Line, Story, Wait
from vn.story.interpreter import Break

MAX_EVENTS_PER_UPDATE = 10_000
SKIP_STEP = 0.06  # seconds each line stays on screen while skipping


@dataclass
class Settings:
    """What the player sets (saved with the player's settings, not with a game)."""

    cps: float = 40.0  # characters per second; 0 = instant
    auto: bool = False
    auto_time: float = 15.0  # Ren'Py's afm_time: the wait is (25 + chars) / 250 * auto_time
    skip: bool = False
    # audio (vn.audio reads them at every update, so a change is heard at once): sliders from
    # 0 to 1 that the mixer maps to decibels (vn.audio.mix.slider_gain); ambience follows `sound`
    music_volume: float = 1.0
    sound_volume: float = 1.0
    voice_volume: float = 1.0
    mute: bool = False
    ducking: bool = True  # music and ambience dip under voice and sound effects


class Session:
    def __init__(self, program: Program, scene: Scene, story: Story | None = None,
                 settings: Settings | None = None, audio: AudioSink | None = None) -> None:
        self.program = program
        self.audio: AudioSink = audio if audio is not None else SilentAudio()
        self.scene = scene
        self.story = story or Story(program)
        self.settings = settings or Settings()
        self.line: Line | None = None
        self.choice: Choice | None = None
        self.typewriter: Typewriter | None = None
        self.wait: Wait | None = None
        self.wait_until: float | None = None
        self.line_done_at: float | None = None
        self.ended: End | None = None
        self.hit_break: Break | None = None
        self.history: list[Line] = []  # the backlog
        self.line_since = 0.0  # when the current line appeared, or the last one went away
        self.choice_since = 0.0  # when the current choice appeared
        self._pending = True  # the story must be pulled
        self._held: object | None = None  # an event waiting for a transition or card to end

    @classmethod
    def resume(cls, program: Program, scene: Scene, story: Story, now: float,
               settings: Settings | None = None, audio: AudioSink | None = None) -> Session:
        """A session for a restored story: the picture is set at once from the saved snapshot,
        and the music and ambience it holds fade in."""
        scene.restore(story.state.stage, now)
        session = cls(program, scene, story, settings, audio)
        session.audio.restore(story.state.stage, now)
        return session

    # ----------------------------------------------------------------- driving
    def update(self, now: float) -> bool:
        """Advance to `now`; return True when anything the reader sees changed."""
        changed = False
        if self.settings.skip:
            if self.line is not None and self.typewriter is not None:
                self.typewriter.finish(now)
                if now >= self.line_since + SKIP_STEP:
                    self._clear(now)
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
            elif self.settings.auto and self.typewriter.done(now):
                if self.line_done_at is None:
                    self.line_done_at = now
                if now >= self.line_done_at + self.auto_delay():
                    self._clear(now)
                    changed = True
        if self._pending and (self._held is None or now >= self.scene.blocking_until):
            changed = self._pull(now) or changed
        self.audio.update(now, self.settings)
        return changed

    def auto_delay(self) -> float:
        """How long auto-forward waits on a fully shown line (Ren'Py's formula)."""
        chars = len(self.line.text.plain) if self.line else 0
        return (25 + chars) / 250.0 * self.settings.auto_time

    def click(self, now: float) -> None:
        """The reader clicked (or pressed Space/Enter)."""
        if self.choice is not None or self.ended is not None:
            return
        if self.line is not None and self.typewriter is not None:
            if self.typewriter.click(now):
                self._clear(now)
                self.update(now)
            return
        if self.wait is not None and self.wait.click_ends:
            self._clear(now)
            self.update(now)

    def choose(self, index: int, now: float) -> None:
        if self.choice is None:
            return
        self.story.choose(index)
        self._clear(now)
        self.update(now)

    def finish_line(self, now: float) -> None:
        """Show the current line whole at once (skip mode, fast-forward)."""
        if self.typewriter is not None:
            self.typewriter.finish(now)

    def next_wake(self, now: float) -> float | None:
        """The next time something changes with no input (None: only input changes anything)."""
        if self.scene.busy(now):
            return now
        return self.next_event(now)

    def next_event(self, now: float) -> float | None:
        """The next time the session itself must update (animations aside)."""
        times: list[float] = []
        if self._pending:
            times.append(max(now, self.scene.blocking_until))
        if self.wait_until is not None:
            times.append(self.wait_until)
        if self.settings.skip and (self.line is not None or self.wait is not None):
            times.append(self.line_since + SKIP_STEP if self.line is not None else now)
        if self.typewriter is not None:
            t = self.typewriter.next_change(now)
            if t is not None:
                times.append(t)
            if self.settings.auto and self.typewriter.done(now) and self.line is not None:
                start = self.line_done_at if self.line_done_at is not None else now
                times.append(start + self.auto_delay())
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
                        self.scene.apply(event, now)
                    continue
            if now < self.scene.blocking_until and not isinstance(event, (End, Break)):
                self._held = event
                return True
            self._held = None
            self._present(event, now)
            return True
        return True

    def _present(self, event: object, now: float) -> None:
        self._pending = False
        if isinstance(event, Line):
            self.line_since = now
        if isinstance(event, Line):
            self.line = event
            self.history.append(event)
            self.typewriter = Typewriter(event.text, 0.0 if self.settings.skip else self.settings.cps, now)
            # auto-forward counts from when the line is whole (the loop wakes when typing ends)
            self.line_done_at = now if self.typewriter.done(now) else None
        elif isinstance(event, Choice):
            self.choice = event
            self.choice_since = now
        elif isinstance(event, Wait):
            self.wait = event
            self.wait_until = None if event.seconds is None else now + event.seconds
        elif isinstance(event, End):
            self.ended = event
        elif isinstance(event, Break):
            self.hit_break = event
            self._pending = True
