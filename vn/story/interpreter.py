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
                if not self._fall_off_label():
                    st.status = "ended"
                    return End("finished")
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
        return self.state.to_json()

    @classmethod
    def restore(cls, program: Program, data: Any) -> Story:
        """Rebuild a story from saved JSON, landing on the same line even after script edits.

        The position is found by stable id first, then by (label, nth line), then at the start of
        its label; call-stack entries the same way. Raises SaveFormatError for data that is not
        a save.
        """
        state = StoryState.from_json(data)
        if state.label not in program.labels:
            found = program.index.get(state.at_id or "")
            if found is None:
                raise SaveFormatError(f"the save's label '{state.label}' no longer exists")
        state.label, state.pc = _resolve(program, state.label, state.pc, state.at_id, state.ordinal)
        frames = []
        for f in state.stack:
            if f.label in program.labels or (f.id and f.id in program.index):
                label, pc = _resolve(program, f.label, f.pc, f.id, -1)
                frames.append(Frame(label, pc, f.id))
        state.stack = frames
        story = cls(program, state)
        # the line on screen when the game was saved is presented again by the first step()
        story._represent = state.status == "shown"
        story._sync(state)
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
            if not self._fall_off_label():
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
        options = tuple(ChoiceOption(n, render(ins.args["options"][i].text, st.variables))
                        for n, i in enumerate(visible))
        self._choice = Choice(ins.id, options, ins.where)
        return self._choice

    def _apply(self, command: str, args: dict[str, Any]) -> None:
        """Keep the saved stage snapshot in step with the directions."""
        stage = self.state.stage
        sprites: dict[str, dict[str, Any]] = stage["sprites"]
        if command == "stage":
            stage["stage"] = args["name"]
            sprites.clear()
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
            stage["light"] = args["preset"]
        elif command == "music":
            stage[args.get("channel") or "music"] = {"file": args["file"], "loop": args.get("loop", True),
                                                     "volume": args.get("volume", 1.0)}
        elif command == "stop":
            for channel in ("music", "ambience"):
                if args["channel"] in (channel, "all"):
                    stage[channel] = None
        elif command == "textbox":
            stage["textbox"] = args["mode"] == "show"
        elif command == "effect" and args["kind"] == "vignette":
            strength = args.get("strength")
            stage["vignette"] = None if strength == 0 else {"strength": strength, "color": args.get("color")}


def _resolve(program: Program, label: str, pc: int, ident: str | None, ordinal: int) -> tuple[str, int]:
    if ident and ident in program.index:
        return program.index[ident]
    if label in program.labels:
        if ordinal >= 0:
            found = program.locate(label, ordinal)
            if found is not None:
                return label, found
        code = program.labels[label].code
        if 0 <= pc < len(code):
            return label, pc
        return label, 0
    return program.start, 0
