"""Play a story headless at full speed and write the transcript a reader would see.

`run_path` follows one path (choices given, then the first option or seeded random ones);
`all_paths` walks every combination of choices depth-first, branching by saving and restoring
the story's JSON state at each choice (which also exercises saves on every path).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from vn.script.program import Program
from vn.story import Choice, End, Line, Story, StoryError

MAX_PATH_EVENTS = 200_000


@dataclass
class PathResult:
    choices: list[int] = field(default_factory=list)  # 1-based, as --choose takes them
    lines: list[str] = field(default_factory=list)
    ending: str | None = None  # End.reason, or None if it stopped with an error
    error: str | None = None


def format_line(event: Line) -> str:
    text = event.text.plain
    return f"{event.name}: {text}" if event.name else text


def _run(story: Story, result: PathResult, on_choice: Callable[[Story, Choice], bool],
         on_state: Callable[[Story], None] | None) -> None:
    """Step `story`, writing the transcript into `result`, until it ends, errs, or `on_choice`
    returns False (the path stops there)."""
    try:
        for _ in range(MAX_PATH_EVENTS):
            event = story.step()
            if on_state is not None:
                on_state(story)
            if isinstance(event, Line):
                result.lines.append(format_line(event))
            elif isinstance(event, Choice):
                if not on_choice(story, event):
                    return
            elif isinstance(event, End):
                result.ending = event.reason
                return
        result.error = f"no end after {MAX_PATH_EVENTS} events"
    except StoryError as exc:
        result.error = exc.diagnostic.format()


def run_path(program: Program, choose: list[int] | None = None, seed: int | None = None,
             label: str | None = None, on_state: Callable[[Story], None] | None = None) -> PathResult:
    """Play one path. `choose` holds 1-based option numbers; after them, the first option is
    taken, or a random one when `seed` is given."""
    pending = list(choose or [])
    rng = random.Random(seed) if seed is not None else None
    result = PathResult()

    def pick(story: Story, event: Choice) -> bool:
        if pending:
            n = pending.pop(0)
            if not 1 <= n <= len(event.options):
                result.error = (f"choice {len(result.choices) + 1} has {len(event.options)} options; "
                                f"--choose asked for {n}")
                return False
        else:
            n = rng.randint(1, len(event.options)) if rng else 1
        result.choices.append(n)
        result.lines.append(f"> {event.options[n - 1].text.plain}")
        story.choose(n - 1)
        return True

    _run(Story(program, seed=seed or 0, label=label), result, pick, on_state)
    return result


def all_paths(program: Program, label: str | None = None, max_paths: int = 1000,
              on_state: Callable[[Story], None] | None = None) -> Iterator[PathResult]:
    """Every path through the story, depth-first, choices tried in order."""
    start = Story(program, label=label)
    # a stack of (saved state, lines so far, choices so far, states seen at choices on this path)
    stack: list[tuple[dict, list[str], list[int], frozenset[str]]] = [(start.save(), [], [], frozenset())]
    produced = 0
    while stack and produced < max_paths:
        saved, lines, choices, seen_here = stack.pop()
        result = PathResult(list(choices), list(lines))
        branched = False

        def branch(story: Story, event: Choice, result: PathResult = result,
                   seen_here: frozenset[str] = seen_here) -> bool:
            nonlocal branched
            key = _signature(story)
            if key in seen_here:
                result.error = "this path comes back to the same choice in the same state (it can loop)"
                return False
            state = story.save()
            for n in range(len(event.options), 0, -1):
                restored = Story.restore(program, json.loads(json.dumps(state)))
                restored.step()  # re-present the choice
                restored.choose(n - 1)
                stack.append((restored.save(), result.lines + [f"> {event.options[n - 1].text.plain}"],
                              result.choices + [n], seen_here | {key}))
            branched = True  # the branches carry this path on
            return False

        _run(Story.restore(program, json.loads(json.dumps(saved))), result, branch, on_state)
        if not branched:
            produced += 1
            yield result


def _soak(program: Program, args) -> int:
    """Every path, `args.repeat` times; one stderr line per round: paths, errors, the peak and
    the retained Python memory (KiB) of that round, so growth across rounds shows."""
    import gc
    import sys
    import tracemalloc

    tracemalloc.start()
    failed_rounds = 0
    for n in range(1, args.repeat + 1):
        tracemalloc.reset_peak()
        paths = errors = 0
        for result in all_paths(program, args.label, args.max_paths):
            paths += 1
            errors += bool(result.error)
        gc.collect()  # retained = what survives a collection: growth here would be a leak
        current, peak = tracemalloc.get_traced_memory()
        failed_rounds += bool(errors)
        print(f"round {n}: {paths} paths, {errors} with errors, peak {peak / 1024:.0f} KiB, "
              f"retained {current / 1024:.0f} KiB", file=sys.stderr)
    tracemalloc.stop()
    return 1 if failed_rounds else 0


def _signature(story: Story) -> str:
    st = story.state
    return json.dumps([st.label, st.pc, [(f.label, f.pc) for f in st.stack], st.variables, st.visits],
                      sort_keys=True)


def add_arguments(p) -> None:
    from vn.tools.args import choices, game_arg

    game_arg(p)
    p.add_argument("--choose", type=choices, default=None, help="option numbers to pick, e.g. 1,2")
    p.add_argument("--seed", type=int, default=None, help="pick the remaining options at random with this seed")
    p.add_argument("--all-paths", action="store_true", help="play every path through the choices")
    p.add_argument("--label", help="start at this label")
    p.add_argument("--max-paths", type=int, default=1000, help="stop --all-paths after this many paths")
    p.add_argument("--repeat", type=int, default=1, metavar="N",
                   help="with --all-paths: play every path N times (a soak test), printing each round's "
                        "peak memory (Python allocations, tracemalloc) to stderr; transcripts are not printed")


def run(args) -> int:
    """`vn autoplay`: print one path's transcript, or every path's with --all-paths."""
    import sys

    from vn.tools.args import load_or_report

    game = load_or_report(args.game)
    if game.program is None:
        return 1
    program = game.program
    if args.label and args.label not in program.labels:
        print(f"vn autoplay: no label '{args.label}'", file=sys.stderr)
        return 1
    if not args.all_paths:
        result = run_path(program, args.choose, args.seed, args.label)
        for line in result.lines:
            print(line)
        if result.error:
            print(f"error: {result.error}", file=sys.stderr)
            return 1
        return 0
    if args.repeat > 1:
        return _soak(program, args)
    failed = 0
    count = 0
    for count, result in enumerate(all_paths(program, args.label, args.max_paths), 1):
        print(f"== path {count}: choices {','.join(map(str, result.choices)) or '(none)'} ==")
        for line in result.lines:
            print(line)
        if result.error:
            failed += 1
            print(f"== error: {result.error} ==")
        else:
            print(f"== end ({result.ending}) ==")
        print()
    if count >= args.max_paths:
        print(f"vn autoplay: stopped after {args.max_paths} paths (--max-paths)", file=sys.stderr)
    print(f"{count} paths, {failed} with errors", file=sys.stderr)
    return 1 if failed else 0
