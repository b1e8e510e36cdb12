"""The pull interpreter: the host calls `step()` and gets the next thing to present.

`Story` owns a Program (read-only) and a StoryState (everything saved). Execution status is
explicit in `state.status`: `running`, `shown` (a line or choice is on screen; the next step
moves past it), `choice` (waiting for `choose`), `ended`. Directions are applied to the saved
stage snapshot here, so a save restores the picture without replaying the script.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from vn.script.diagnostics import Diagnostic, error
from vn.script.markup import Template
from vn.script.program import Instr, Program
from vn.story.events import Choice, ChoiceOption, Direction, End, Event, Line, Wait
from vn.story.expressions import Env, EvalError, evaluate, truthy
from vn.story.positions import Anchor, Resolved, anchor, resolve
from vn.story.state import Frame, SaveFormatError, StoryState
from vn.story.text import render

MAX_SILENT_STEPS = 100_000


@dataclass(frozen=True)
class Break:
    """Returned once by `step()` when the story reaches `Story.breakpoint` (for `vn render`)."""

    label: str
    pc: int
MAX_STACK = 500


class StoryError(Exception):
    """The story cannot go on: carries a positioned diagnostic for the reader or modder."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


class Story:
    def __init__(self, program: Program, state: StoryState | None = None, *, seed: int = 0,
                 label: str | None = None) -> None:
        self.program = program
        if state is None:
            start = label or program.start
            if start not in program.labels:
                raise StoryError(error("<story>", 0, 0, f"no label '{start}'", None))
            state = StoryState(label=start, seed=seed, variables=dict(program.variables))
            state.visits[start] = 1
            self._sync(state)
        self.state = state
        self._choice: Choice | None = None
        self._visible: list[int] = []
        self._represent = False
        self.breakpoint: tuple[str, int] | None = None  # (label, pc): step() returns Break there once
        self.notice: str | None = None  # after a restore: one quiet line for the player, or None
        self.restore_log: list[str] = []  # after a restore: what was matched where (for modders)

    # ----------------------------------------------------------------- public
    @property
    def ended(self) -> bool:
        return self.state.status == "ended"

    @property
    def waiting_for_choice(self) -> bool:
        return self.state.status == "choice"

    def step(self) -> Event:
        """Run until something must be presented, and return it."""
        st = self.state
        if st.status == "ended":
            return End("end")
        if st.status == "choice":
            choice = self._present_menu(self._current())
            if choice is not None:
                return choice
        if st.status == "shown":
            if not self._represent:
                st.pc += 1
            st.status = "running"
        self._represent = False
        for _ in range(MAX_SILENT_STEPS):
            if self.breakpoint is not None and (st.label, st.pc) == self.breakpoint:
                self.breakpoint = None
                self._sync(st)
                return Break(st.label, st.pc)
            ins = self._current()
            if ins is None:
                try:
                    if not self._fall_off_label():
                        st.status = "ended"
                        return End("finished")
                except LostReturn:
                    st.status = "ended"
                    return End("lost")
                continue
            event = self._exec(ins)
            if event is not None:
                self._sync(st)
                return event
        ins = self._current()
        raise StoryError(self._diag(ins, f"the story ran {MAX_SILENT_STEPS} steps without showing anything",
                                    "a loop never reaches a line, choice or pause"))

    def choose(self, index: int) -> None:
        """Answer the current choice with an index into `Choice.options`."""
        st = self.state
        if st.status != "choice" or self._choice is None:
            raise ValueError("the story is not waiting for a choice")
        if not 0 <= index < len(self._visible):
            raise ValueError(f"option {index} does not exist (0..{len(self._visible) - 1})")
        ins = self._current()
        assert ins is not None
        option = ins.args["options"][self._visible[index]]
        st.seen.add(option.id)
        st.pc = option.target
        st.status = "running"
        self._choice = None
        self._sync(st)

    def save(self) -> dict[str, Any]:
        """The state as JSON, positions anchored by content and context (see positions.py)."""
        st = self.state
        calls = [anchor(self.program, f.label, f.pc - 1) for f in st.stack]
        return st.to_json(anchor(self.program, st.label, st.pc), calls)

    def checkpoint(self) -> dict[str, Any]:
        """The state without seen ids and anchors: exact within this program (rollback)."""
        return self.state.to_json(seen=False)

    @classmethod
    def restore(cls, program: Program, data: Any, *, exact: bool = False) -> Story:
        """Rebuild a story from saved JSON, landing on the same line even after script edits.

        The position and each call's return point are found by content and context
        (`vn.story.positions.resolve`); when the story resumes anywhere but the saved line,
        `story.notice` says so in one line, and `story.restore_log` says what was matched.
        `exact=True` trusts label and pc as saved (a checkpoint of this same program).
        Raises SaveFormatError for data that is not a save.
        """
        state = StoryState.from_json(data)
        story_log: list[str] = []
        notices: list[str] = []
        if not exact:
            where = resolve(program, state.anchor or Anchor(state.label, state.pc, state.at_id, state.ordinal))
            if state.status == "choice" and where.how == "edited":
                notices.append("This choice has changed since you saved; it is asked again as it is now.")
            elif where.how in ("edited", "nearest", "lost"):
                notices.append(_NOTICES[where.how])
            story_log.append(f"position {state.label}:{state.pc}: {where.how} — {where.detail}")
            _carry_visits(state, state.label, where.label, program)
            state.label, state.pc = where.label, where.pc
            if where.how == "lost":
                state.status = "running"
                state.stack = []
            callee = state.label
            frames: list[Frame] = []
            for f in reversed(state.stack):  # innermost first: each frame's callee is known
                ret = _resolve_return(program, f, callee)
                story_log.append(f"return point {f.label}:{f.pc}: {ret.how if ret else 'lost'}"
                                 + (f" — {ret.detail}" if ret else ""))
                if ret is None:
                    state.lost_return = f.label
                    notices.append("The scene that led here is no longer in the story: "
                                   "the story ends when this scene does.")
                    break
                if not ret.same_line:
                    notices.append("The story has changed since you saved: after this scene it goes on "
                                   "from the nearest place.")
                _carry_visits(state, f.label, ret.label, program)
                frames.append(Frame(ret.label, ret.pc))
                callee = ret.label
            state.stack = frames[::-1]
            for k, v in program.variables.items():  # variables declared since the save
                state.variables.setdefault(k, v)
        for f in state.stack:
            ins = program.instr(f.label, f.pc) if f.label in program.labels else None
            f.id, f.call = (ins.id if ins else None), None
        if state.label not in program.labels:
            raise SaveFormatError(f"the save's label '{state.label}' does not exist")
        story = cls(program, state)
        # the line on screen when the game was saved is presented again by the first step()
        story._represent = state.status == "shown"
        story._sync(state)
        story.notice = notices[0] if notices else None
        story.restore_log = story_log
        return story

    # ----------------------------------------------------------------- internals
    def _current(self) -> Instr | None:
        return self.program.instr(self.state.label, self.state.pc)

    def _sync(self, st: StoryState) -> None:
        ins = self.program.instr(st.label, st.pc)
        st.at_id = ins.id if ins else None
        st.ordinal = ins.ordinal if ins else -1

    def _fall_off_label(self) -> bool:
        st = self.state
        if not st.stack:
            if st.lost_return is not None:
                raise LostReturn(st.lost_return)
            return False
        frame = st.stack.pop()
        st.label, st.pc = frame.label, frame.pc
        return True

    def _env(self) -> Env:
        st = self.state

        def random_int(lo: int, hi: int) -> int:
            value = random.Random(f"{st.seed}:{st.draws}").randint(lo, hi)
            st.draws += 1
            return value

        return Env(st.variables, st.visits, random_int)

    def _eval(self, ins: Instr, expr: tuple) -> Any:
        try:
            return evaluate(expr, self._env())
        except EvalError as exc:
            raise StoryError(self._diag(ins, str(exc), "check the types of the values in this expression")) from None

    def _diag(self, ins: Instr | None, message: str, hint: str | None) -> Diagnostic:
        if ins is None:
            return error("<story>", 0, 0, message, hint)
        return error(ins.where.path, ins.where.line, ins.where.col, message, hint)

    def _enter(self, label: str) -> None:
        st = self.state
        st.label, st.pc = label, 0
        st.visits[label] = st.visits.get(label, 0) + 1

    def _exec(self, ins: Instr) -> Event | None:
        st = self.state
        op, a = ins.op, ins.args
        pos = ins.where
        if op == "line":
            speaker = a["speaker"]
            char = self.program.characters.get(speaker) if speaker else None
            seen = ins.id in st.seen
            st.seen.add(ins.id)
            st.status = "shown"
            return Line(ins.id, speaker, char.name if char else None, char.color if char else None,
                        render(a["text"], st.variables), seen, pos)
        if op == "menu":
            return self._present_menu(ins)
        if op == "direction":
            st.pc += 1
            args = {k: render(v, st.variables).plain if isinstance(v, Template) else v for k, v in a["args"].items()}
            self._apply(a["command"], args)
            return Direction(ins.id, a["command"], args, pos)
        if op == "wait":
            st.pc += 1
            return Wait(a["seconds"], a["click_ends"], pos)
        st.pc += 1
        if op == "goto":
            st.pc = a["target"]
        elif op == "branch":
            if not truthy(self._eval(ins, a["cond"])):
                st.pc = a["target"]
        elif op == "set":
            for name, expr in a["assign"]:
                st.variables[name] = self._eval(ins, expr)
        elif op == "jump":
            self._enter(a["label"])
        elif op == "call":
            if len(st.stack) >= MAX_STACK:
                raise StoryError(self._diag(ins, f"more than {MAX_STACK} calls deep",
                                            "a label keeps calling itself without returning"))
            nxt = self.program.instr(st.label, st.pc)
            st.stack.append(Frame(st.label, st.pc, nxt.id if nxt else None))
            self._enter(a["label"])
        elif op == "return":
            try:
                returned = self._fall_off_label()
            except LostReturn:
                st.status = "ended"
                st.pc -= 1
                return End("lost")
            if not returned:
                raise StoryError(self._diag(ins, "'return' with no call to return to", "use 'end' here"))
        elif op == "end":
            st.status = "ended"
            st.pc -= 1
            return End("end")
        return None

    def _present_menu(self, ins: Instr | None) -> Choice | None:
        st = self.state
        if ins is None or ins.op != "menu":
            st.status = "running"
            return None
        visible = [i for i, o in enumerate(ins.args["options"]) if o.cond is None or truthy(self._eval(ins, o.cond))]
        if not visible:  # every option's condition failed: the choice is skipped
            st.pc = ins.args["end"]
            st.status = "running"
            return None
        self._visible = visible
        st.status = "choice"
        options = tuple(ChoiceOption(n, render(ins.args["options"][i].text, st.variables),
                                     ins.args["options"][i].id)
                        for n, i in enumerate(visible))
        self._choice = Choice(ins.id, options, ins.where)
        return self._choice

    def _apply(self, command: str, args: dict[str, Any]) -> None:
        """Keep the saved stage snapshot in step with the directions."""
        stage = self.state.stage
        sprites: dict[str, dict[str, Any]] = stage["sprites"]
        if command == "stage":
            stage["stage"] = args["name"]
            stage["camera"] = None
            sprites.clear()
        elif command == "camera":  # the same merge as vn.stage.camera.merge_spec
            cam = {"mark": args["mark"]} if args.get("mark") else dict(stage.get("camera") or {})
            cam.update({k: args[k] for k in ("x", "y", "zoom") if args.get(k) is not None})
            stage["camera"] = cam
        elif command == "show":
            who = args["who"]
            old = sprites.get(who, {})
            sprites[who] = {"look": args.get("look") or old.get("look"), "at": args.get("at") or old.get("at")}
        elif command == "hide":
            sprites.pop(args["who"], None)
        elif command == "move":
            if args["who"] in sprites:
                sprites[args["who"]]["at"] = args["to"]
        elif command == "light":
            stage["light"] = {"time": args["time"]} if args.get("time") else args["preset"]
        elif command == "music":
            stage[args.get("channel") or "music"] = {"file": args["file"], "loop": args.get("loop", True),
                                                     "volume": args.get("volume", 1.0)}
        elif command == "stop":
            for channel in ("music", "ambience"):
                if args["channel"] in (channel, "all"):
                    stage[channel] = None
        elif command == "card":
            self.state.chapter = {"title": str(args.get("title") or ""), "label": self.state.label}
        elif command == "textbox":
            stage["textbox"] = args["mode"] == "show"
        elif command == "effect" and args["kind"] == "vignette":
            strength = args.get("strength")
            stage["vignette"] = None if strength == 0 else {"strength": strength, "color": args.get("color")}


class LostReturn(Exception):
    """Falling off a called label whose caller a restore could not find."""


_NOTICES = {
    "edited": "This line has changed since you saved; resuming at its new version.",
    "nearest": "The line you saved on is no longer in the story; resuming at the nearest line.",
    "lost": "The scene you saved in is no longer in the story; starting again from the beginning.",
}


def _carry_visits(state: StoryState, old: str, new: str, program: Program) -> None:
    """A label renamed since the save keeps its visit count (`visited()` goes on working)."""
    if old != new and old not in program.labels and old in state.visits:
        state.visits.setdefault(new, state.visits[old])


def _resolve_return(program: Program, frame: Frame, callee: str) -> Resolved | None:
    """Where a call returns to after script edits: after the call found again by its anchor;
    failing that, after the call of `callee` whose context is most like the saved one; None
    when nothing calls `callee` any more."""
    if frame.call is None:  # format 1: the return point's own id, label and pc
        where = resolve(program, Anchor(frame.label, frame.pc, frame.id))
        return None if where.how == "lost" else where
    found = resolve(program, frame.call)
    ins = program.instr(found.label, found.pc) if found.how != "lost" else None
    if ins is not None and ins.op == "call" and ins.args["label"] == callee:  # the same call
        return Resolved(found.label, found.pc + 1, "exact" if found.how == "exact" else "moved", found.detail)
    calls = [(name, pc) for name, lab in program.labels.items() for pc, i in enumerate(lab.code)
             if i.op == "call" and i.args["label"] == callee]
    if not calls:
        return None
    if found.how != "lost" and any(name == found.label for name, _ in calls):
        name, pc = min((c for c in calls if c[0] == found.label), key=lambda c: abs(c[1] - found.pc))
    else:
        name, pc = calls[0]
    return Resolved(name, pc + 1, "nearest", f"after the call of '{callee}' in '{name}'")
