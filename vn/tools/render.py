"""`vn render`: the exact frame a player sees T seconds after the story reached a step.

The story is played from the start along the first path that reaches top-level step N of the
label (choices tried in order; `--choose` fixes the first ones). Steps before N are played as if
the reader took their time: every animation begun before step N has finished. From step N the
session runs on exactly as in play — a `light` step starts its tween, a line types itself out,
waits elapse — until the moment T, with no clicks. Same inputs, same pixels.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vn.script.program import Program
from vn.story import Choice, End, Story, StoryError
from vn.story.interpreter import Break

SETTLE = 60.0  # game seconds allowed between steps before N: every earlier animation ends
MAX_EVENTS = 200_000


class RenderError(Exception):
    pass


def parse_at(at: str, program: Program) -> tuple[str, int, int]:
    """'LABEL[:N]' -> (label, N, pc of step N)."""
    label, _, n = at.partition(":")
    if label not in program.labels:
        from vn.script.diagnostics import did_you_mean

        hint = did_you_mean(label, program.labels)
        raise RenderError(f"no label '{label}'" + (f" ({hint})" if hint else ""))
    try:
        step = int(n) if n else 1
    except ValueError:
        raise RenderError(f"'{n}' is not a step number (LABEL:N counts top-level steps from 1)") from None
    steps = program.labels[label].steps
    if not 1 <= step <= len(steps):
        raise RenderError(f"label '{label}' has {len(steps)} top-level steps; {step} is out of range")
    return label, step, steps[step - 1]


def find_path(program: Program, label: str, pc: int, choose: list[int] | None = None) -> list[int]:
    """The choices (0-based) of the first path from the start that reaches (label, pc)."""
    forced = [c - 1 for c in (choose or [])]
    start = Story(program)
    stack: list[tuple[dict, list[int]]] = [(start.save(), [])]
    while stack:
        saved, taken = stack.pop()
        story = Story.restore(program, json.loads(json.dumps(saved)))
        story.breakpoint = (label, pc)
        for _ in range(MAX_EVENTS):
            if (story.state.label, story.state.pc) == (label, pc) and story.state.status != "shown":
                return taken
            event = story.step()
            if isinstance(event, Break):
                return taken
            if isinstance(event, End):
                break
            if isinstance(event, Choice):
                n = len(taken)
                if n < len(forced):
                    if not 0 <= forced[n] < len(event.options):
                        raise RenderError(f"choice {n + 1} has {len(event.options)} options; "
                                          f"--choose asked for {forced[n] + 1}")
                    options = [forced[n]]
                else:
                    options = list(range(len(event.options)))
                branch = story.save()
                for i in reversed(options):
                    s = Story.restore(program, json.loads(json.dumps(branch)))
                    s.step()
                    s.choose(i)
                    stack.append((s.save(), taken + [i]))
                break
    raise RenderError(f"no path from the start reaches {label} step (check --choose)")


def card_step(program: Program, label: str, title: str) -> int | None:
    """The pc of the top-level `card:` step of `label` whose title is `title` (a chapter's
    card), or None when the label has none."""
    for pc in program.labels[label].steps:
        ins = program.instr(label, pc)
        if ins is None or ins.op != "direction" or ins.args.get("command") != "card":
            continue
        words = ins.args.get("args", {}).get("title")
        words = words.plain_source() if hasattr(words, "plain_source") else str(words)
        if words == title:
            return pc
    return None


def story_at(program: Program, label: str, choose: list[int] | None = None, card: str | None = None) -> Story:
    """A story that has played from the start along the first path to `label` (choices tried in
    order; `choose` fixes the first ones, 1-based), stopped just before the label's first step —
    or, with `card` (a chapter's title), just before the label's card of that title, so the
    chapter opens on its card. Its state carries the picture the story would have there (stage,
    light, who is shown), so a session resumed from it (`Screen.new_session(story=...)`) opens
    on that picture, as `vn render` does. When no path from the start reaches the label, a story
    simply starting there.
    """
    pc = program.labels[label].steps[0] if program.labels[label].steps else 0
    at_card = card_step(program, label, card) if card is not None else None
    pc = pc if at_card is None else at_card
    try:
        path = find_path(program, label, pc, choose)
    except RenderError:
        return Story(program, label=label)
    story = Story(program)
    story.breakpoint = (label, pc)
    if (story.state.label, story.state.pc) == (label, pc):
        return story
    for _ in range(MAX_EVENTS):
        event = story.step()
        if isinstance(event, Break):
            return story
        if isinstance(event, Choice):
            story.choose(path.pop(0) if path else 0)
        elif isinstance(event, End):
            break
    return Story(program, label=label)


def play_to(session, label: str, pc: int, path: list[int], t: float) -> float:
    """Drive `session` to T seconds after (label, pc); return that game time."""
    session.story.breakpoint = (label, pc)
    picks = list(path)
    now = 0.0
    if (session.story.state.label, session.story.state.pc) == (label, pc):
        session.story.breakpoint = None
        session.hit_break = Break(label, pc)
    session.update(now)
    for _ in range(MAX_EVENTS):
        if session.hit_break is not None:
            break
        if session.ended is not None:
            raise RenderError("the story ended before reaching that step")
        if session.line is not None:
            session.finish_line(now)
            session.click(now)
        elif session.choice is not None:
            if not picks:
                raise RenderError("the path ran out of choices")
            session.choose(picks.pop(0), now)
        elif session.wait is not None:
            now += session.wait.seconds or 0.0
            session.update(now)
            if session.wait is not None:
                session.click(now)
        now += SETTLE
        session.update(now)
    else:
        raise RenderError("the story never reached that step")
    start = now
    end = start + max(0.0, t)
    while True:
        nxt = session.next_event(now)
        if nxt is None or nxt > end:
            break
        now = max(nxt, now)
        before = (session.line, session.choice, session.wait, session.ended, session._pending)
        session.update(now)
        if (session.line, session.choice, session.wait, session.ended, session._pending) == before:
            now = nxt + 1e-6  # nothing changed at that instant; move on
    return end


def render_frame(game_dir: Path | None, at: str, t: float, size: tuple[int, int], output: Path,
                 choose: list[int] | None = None) -> int:
    from vn.game import load_game
    from vn.script.diagnostics import format_all

    game = load_game(game_dir)
    if game.program is None:
        print(format_all(game.diagnostics), file=sys.stderr)
        return 1
    try:
        label, _, pc = parse_at(at, game.program)
        path = find_path(game.program, label, pc, choose)
        from vn.screen import Screen, headless_surface

        screen = Screen(game, size)
        session = screen.new_session()
        when = play_to(session, label, pc, path, t)
        surface = headless_surface(size)
        screen.draw(surface, session, when)
    except (RenderError, StoryError) as exc:
        print(f"vn render: {exc}", file=sys.stderr)
        return 1
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        screen.save(surface, output)
    except OSError as exc:
        print(f"vn render: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


def add_arguments(p) -> None:
    from vn.tools.args import choices, game_arg, size

    game_arg(p)
    p.add_argument("--at", required=True, help="LABEL or LABEL:N (top-level step N, from 1)")
    p.add_argument("--t", type=float, default=0.0, help="seconds after that step began")
    p.add_argument("--size", type=size, default=(1920, 1080))
    p.add_argument("--choose", type=choices, default=None, help="option numbers on the way there")
    p.add_argument("-o", "--output", type=Path, required=True)


def run(args) -> int:
    return render_frame(args.game, args.at, args.t, args.size, args.output, args.choose)
