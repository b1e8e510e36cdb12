"""`vn bench`: the figures that say whether the engine is fast, as JSON.

- frame time (median, p99) of the heaviest moment of the bundled game — the last rays' light
  tween, a full-screen cross-dissolve, a line typing itself out, two sprites — at 1280x720 and
  1920x1080, drawn headless (SDL's dummy driver) exactly as the window draws it;
- frames drawn per second while a fully shown line waits for the reader (should be 0: the loop
  sleeps);
- start-up to the first frame in a fresh process;
- load + check time of a generated 100,000-line script;
- peak memory (resident set) of this process and of the start-up process.
Figures go here and into issue notes, never into timed unit tests.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HEAVY_LIGHT = "last_rays"  # the step `light: last_rays` (a 10 s tween) is the signature moment


def heavy_step(program) -> str:
    """'label:N' of the first top-level `light: last_rays` step (or the first light tween)."""
    fallback = None
    for name, label in program.labels.items():
        for n, pc in enumerate(label.steps, 1):
            ins = label.code[pc]
            if ins.op == "direction" and ins.args["command"] == "light" and ins.args["args"].get("over"):
                if ins.args["args"]["preset"] == HEAVY_LIGHT:
                    return f"{name}:{n}"
                fallback = fallback or f"{name}:{n}"
    return fallback or f"{program.start}:1"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def frame_times(game_dir: Path | None, size: tuple[int, int], frames: int) -> dict[str, float]:
    from vn.game import load_game
    from vn.screen import Screen, headless_surface
    from vn.story.events import Direction, SourcePos
    from vn.tools.render import find_path, parse_at, play_to

    game = load_game(game_dir)
    assert game.program is not None
    label, _, pc = parse_at(heavy_step(game.program), game.program)
    screen = Screen(game, size)
    session = screen.new_session()
    start = play_to(session, label, pc, find_path(game.program, label, pc), 0.0)
    session.update(start + 0.01)
    # a cross-dissolve on top of the light tween and the typing line
    session.scene.apply(Direction("bench", "transition", {"kind": "dissolve", "over": frames / 60.0, "color": None},
                                  SourcePos("bench", 0, 0)), start + 0.02)
    surface = headless_surface(size)
    screen.draw(surface, session, start + 0.03)  # warm the caches, as the first frame of a scene does
    times: list[float] = []
    now = start + 0.03
    for _ in range(frames):
        now += 1.0 / 60.0
        t0 = time.perf_counter()
        session.update(now)
        screen.draw(surface, session, now)
        times.append((time.perf_counter() - t0) * 1000.0)
    return {"median_ms": round(statistics.median(times), 2), "p99_ms": round(_percentile(times, 0.99), 2),
            "max_ms": round(max(times), 2), "frames": frames}


def _in_fresh_process(game_dir: Path | None, size: tuple[int, int], frames: int) -> dict[str, Any]:
    import json

    code = ("import json, sys\nfrom pathlib import Path\nfrom vn.tools.bench import frame_times\n"
            "g = Path(sys.argv[1]) if sys.argv[1] else None\n"
            "print(json.dumps(frame_times(g, (int(sys.argv[2]), int(sys.argv[3])), int(sys.argv[4]))))\n")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    out = subprocess.run([sys.executable, "-c", code, str(game_dir or ""), str(size[0]), str(size[1]), str(frames)],
                         capture_output=True, text=True, env=env, timeout=600)
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def idle_fps(game_dir: Path | None, seconds: float) -> dict[str, float]:
    """Run the real loop (dummy video) on a fully shown line and count the frames it draws."""
    import pygame

    from vn.app import Player
    from vn.game import load_game

    game = load_game(game_dir)
    pygame.display.init()
    pygame.font.init()
    player = Player(game, "sunset", (1280, 720), False)
    player.session.settings.cps = 0.0  # lines appear whole at once
    draws = [0]
    counting = [False]
    original = player.draw

    def draw() -> None:
        if counting[0]:
            draws[0] += 1
        original()

    player.draw = draw  # type: ignore[method-assign]
    state: dict[str, float | None] = {"settled": None, "armed": None, "cpu": None, "done": None}

    def wake(key: str) -> None:  # from another thread: one event, so the loop wakes once
        state[key] = 1.0
        pygame.event.post(pygame.event.Event(pygame.USEREVENT))

    original_update = player.session.update

    def update(now: float) -> bool:
        changed = original_update(now)
        clock = time.perf_counter()
        settled = player.session.line is not None and player.screen.next_redraw(player.session, now) is None
        if settled and state["settled"] is None:
            state["settled"] = clock
            threading.Timer(2.0, wake, ("armed",)).start()  # let the last fade and art refinement end
        elif state["armed"] is not None and state["cpu"] is None:
            counting[0] = True
            state["cpu"] = time.process_time()
            threading.Timer(seconds, wake, ("done",)).start()
        elif state["done"] is not None:
            player.running = False
        return changed

    player.session.update = update  # type: ignore[method-assign]
    player.run()
    cpu = time.process_time() - (state["cpu"] or 0.0)
    return {"fps": round(draws[0] / seconds, 3), "seconds": seconds, "cpu_percent": round(100.0 * cpu / seconds, 2)}


def startup(game_dir: Path | None) -> dict[str, float]:
    """A fresh process: import, load and check the game, open the (dummy) window, draw a frame."""
    code = (
        "import time, sys; t0 = time.perf_counter()\n"
        "from pathlib import Path\n"
        "import pygame\n"
        "from vn.app import Player\n"
        "from vn.game import load_game\n"
        "game = load_game(Path(sys.argv[1]) if sys.argv[1] else None)\n"
        "pygame.display.init(); pygame.font.init()\n"
        "p = Player(game, None, (1280, 720), False)\n"
        "p.tick(0.0); p.draw()\n"  # the title screen is the first frame
        "import resource\n"
        "print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, str(game_dir or "")], capture_output=True, text=True,
                         env=env, timeout=120)
    wall = time.perf_counter() - t0
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    inner, rss = out.stdout.split()
    return {"process_to_first_frame_s": round(wall, 3), "in_process_s": round(float(inner), 3),
            "peak_rss_mb": round(int(rss) / 1024.0, 1)}


def big_script(lines: int = 100_000) -> dict[str, float]:
    """Generate a script of `lines` lines (labels of 500, chained by jumps, with choices and
    conditions sprinkled in) and time loading + checking it."""
    from vn.script import compile_game

    manifest = "start: l0\ncharacters:\n  a: {name: A}\n  b: {name: B}\nvariables: {n: 0}\n"
    per = 500
    parts: list[str] = []
    labels = lines // per
    for i in range(labels):
        parts.append(f"l{i}:\n")
        for j in range(per):
            k = i * per + j
            if j % 100 == 50:
                parts.append(f"  - if: n > {j}\n    then:\n      - a: Branch {k} for [n].\n")
            elif j % 3 == 0:
                parts.append(f"  - a: Line number {k}, with {{i}}some{{/i}} words.\n")
            elif j % 3 == 1:
                parts.append(f"  - b: \"Reply {k}: and more words here.\"\n")
            else:
                parts.append(f"  - The narration of line {k} goes on a while.\n")
        if i + 1 < labels:
            parts.append(f"  - set: {{n: \"n + 1\"}}\n  - jump: l{i + 1}\n")
    text = "".join(parts)
    t0 = time.perf_counter()
    program, diags = compile_game(("game.yaml", manifest), [("big.yaml", text)])
    seconds = time.perf_counter() - t0
    errors = [d for d in diags if d.severity == "error"]
    return {"lines": program.line_count if program else 0, "load_and_check_s": round(seconds, 3),
            "errors": len(errors), "bytes": len(text)}


def run_bench(game_dir: Path | None = None, quick: bool = False) -> dict[str, Any]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    frames = 60 if quick else 240
    from vn.game import load_game

    program = load_game(game_dir).program
    if program is None:
        return {"error": "the game does not compile: run vn check"}
    result: dict[str, Any] = {"heaviest_moment": heavy_step(program) + " (light tween) + dissolve + typewriter"}
    # each size in a fresh process, as a player's game renders at one size (in one process the
    # second size measured ~30% slower: the first one's surfaces and caches are still around)
    result["frame_1280x720"] = _in_fresh_process(game_dir, (1280, 720), frames)
    result["frame_1920x1080"] = _in_fresh_process(game_dir, (1920, 1080), frames)
    result["idle"] = idle_fps(game_dir, 1.0 if quick else 3.0)
    result["startup"] = startup(game_dir)
    result["script_100k"] = big_script(10_000 if quick else 100_000)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)
    return result


def add_arguments(p) -> None:
    from vn.tools.args import game_arg

    game_arg(p)
    p.add_argument("--quick", action="store_true", help="fewer frames (for smoke tests)")


def run(args) -> int:
    import json

    print(json.dumps(run_bench(args.game, quick=args.quick), indent=2))
    return 0
