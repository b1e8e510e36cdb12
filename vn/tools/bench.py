"""`vn bench`: the figures that say whether the engine is fast, each beside the floor measured
in the same run.

The machine a figure comes from matters more than the figure, so frame times are given as a
ratio to `floor_ms`: the median time of one opaque full-frame blit between two surfaces of the
display format at that size — the least any frame can cost — with a plain memory copy of the
same bytes beside it. Each measurement runs in a fresh process (a player's game runs at one size
in one process; in one shared process each later figure paid for the earlier ones' memory).
What each figure means and how it is measured: docs/performance.md. Figures go into notes and
the README, never into timed tests.
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HEAVY_LIGHT = "last_rays_hair"  # its first tween step (the last rays begin, a push-in): the signature moment
FRAME_SIZES = ((1280, 720), (1920, 1080), (3840, 2160))
TYPICAL_SIZE = (1920, 1080)
LINES = 100_000
TARGETS = {  # (figure, target) as the README and docs quote them
    "heaviest 1080p median": "≤ 12× floor", "heaviest 1080p p99": "≤ 25× floor",
    "heaviest 4K median": "≤ 12× floor", "typical 1080p median": "≤ 3× floor",
}


# Frame and floor times are the CPU time of the drawing thread (`time.thread_time`): on a busy
# machine a process waits for a core, and wall time would count the waits (measured here with
# 9 jobs on 2 cores: wall medians 5-20x the CPU ones). Work a frame hands to another thread
# counts too: the camera's second band (vn.render.bands) adds its thread's CPU time, so a frame's
# figure is all the CPU it took. `--wall` measures wall time instead.
CLOCK = {"clock": time.thread_time}


def _now() -> float:
    clock = CLOCK["clock"]
    if clock is time.thread_time:
        from vn.render import bands

        return clock() + bands.worker_cpu()
    return clock()


def _ms(seconds: float) -> float:
    return round(seconds * 1000.0, 3)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def _stats(times_ms: list[float], floor: float) -> dict[str, Any]:
    median, p99 = statistics.median(times_ms), _percentile(times_ms, 0.99)
    return {"median": round(median, 2), "p99": round(p99, 2), "max": round(max(times_ms), 2),
            "median_x_floor": round(median / floor, 1), "p99_x_floor": round(p99 / floor, 1),
            "frames": len(times_ms)}


def _key(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


# --------------------------------------------------------------------------- the floor

def floor(size: tuple[int, int], reps: int = 60) -> dict[str, float]:
    """Median ms of one opaque full-frame blit between display-format surfaces, and of a plain
    copy of the same bytes."""
    import pygame

    from vn.screen import headless_surface

    src, dst = headless_surface(size), pygame.Surface(size)
    src.fill((40, 60, 80))
    blits = []
    for _ in range(reps):
        t0 = _now()
        dst.blit(src, (0, 0))
        blits.append(_now() - t0)
    n = src.get_pitch() * size[1]
    a, b = memoryview(bytearray(n)), memoryview(bytearray(b"\x01" * n))
    copies = []
    for _ in range(reps):
        t0 = _now()
        a[:] = b
        copies.append(_now() - t0)
    return {"blit_ms": _ms(statistics.median(blits)), "memcpy_ms": _ms(statistics.median(copies))}


PUSH_IN_ZOOM = 1.2  # the camera's zoom over the stage's own scale half-way through the heaviest moment's push-in


def unavoidable(size: tuple[int, int], floor_ms: float, reps: int = 30) -> dict[str, Any]:
    """Median ms (and × `floor_ms`) of the full-picture passes the heaviest moment cannot avoid
    at `size`, measured like the floor: the moving camera's enlargement (one `smoothscale` of
    the picture drawn at the stage's scale to the whole frame, at PUSH_IN_ZOOM; one call, the
    least CPU: vn.render.bands' two bands cost a little more), the dissolve (one blit of the
    whole frame before with a surface alpha, vn.render.transitions) and the one opaque blit
    the floor is. `total` is what those alone cost: the part of the target they use."""
    import pygame

    from vn.screen import headless_surface

    w, h = size
    small = headless_surface((round(w / PUSH_IN_ZOOM) + 1, round(h / PUSH_IN_ZOOM) + 1))
    small.fill((90, 60, 40))
    frame, before = headless_surface(size), pygame.Surface(size, pygame.SRCALPHA)
    before.fill((20, 40, 60, 255))

    def timed(work) -> float:
        times = []
        for _ in range(reps):
            t0 = _now()
            work()
            times.append(_now() - t0)
        return _ms(statistics.median(times))

    def dissolve() -> None:
        before.set_alpha(200)  # (a fifth of the way through)
        frame.blit(before, (0, 0))

    got = {"enlarge": timed(lambda: pygame.transform.smoothscale(small, size, frame)),
           "dissolve": timed(dissolve), "opaque_blit": floor_ms}
    got["total"] = round(sum(got.values()), 3)
    return {"zoom": PUSH_IN_ZOOM, "ms": got,
            "x_floor": {k: round(v / floor_ms, 1) for k, v in got.items()}}


# --------------------------------------------------------------------------- frames

def heavy_step(program) -> str:
    """'label:N' of the first top-level `light: HEAVY_LIGHT` tween (or the first light tween)."""
    fallback = None
    for name, label in program.labels.items():
        for n, pc in enumerate(label.steps, 1):
            ins = label.code[pc]
            if ins.op == "direction" and ins.args["command"] == "light" and ins.args["args"].get("over"):
                if ins.args["args"]["preset"] == HEAVY_LIGHT:
                    return f"{name}:{n}"
                fallback = fallback or f"{name}:{n}"
    return fallback or f"{program.start}:1"


def _heavy_session(game_dir: Path | None, size: tuple[int, int], frames: int):
    """A Screen and a Session at the heaviest moment: the light tween, a full-screen dissolve
    over it for the whole measurement, a line typing, two sprites."""
    from vn.game import load_game
    from vn.screen import Screen
    from vn.story.events import Direction, SourcePos
    from vn.tools.render import find_path, parse_at, play_to

    game = load_game(game_dir)
    assert game.program is not None
    label, _, pc = parse_at(heavy_step(game.program), game.program)
    screen = Screen(game, size)
    session = screen.new_session()
    start = play_to(session, label, pc, find_path(game.program, label, pc), 0.0)
    session.update(start + 0.01)
    session.scene.apply(Direction("bench", "transition", {"kind": "dissolve", "over": frames / 60.0 + 1.0,
                                                          "color": None}, SourcePos("bench", 0, 0)), start + 0.02)
    return screen, session, start + 0.03


def _drive(screen, session, surface, now: float, frames: int) -> list[float]:
    times = []
    for _ in range(frames):
        now += 1.0 / 60.0
        t0 = _now()
        session.update(now)
        screen.draw(surface, session, now, kept=())  # the surface holds the frame before, as a window's does
        times.append((_now() - t0) * 1000.0)
    return times


def heaviest_frames(game_dir: Path | None, size: tuple[int, int], frames: int) -> dict[str, Any]:
    from vn.screen import headless_surface

    fl = floor(size)
    passes = unavoidable(size, fl["blit_ms"])
    screen, session, now = _heavy_session(game_dir, size, frames)
    surface = headless_surface(size)
    screen.draw(surface, session, now)  # the first frame of a scene loads its art
    return {"floor_ms": fl, "unavoidable": passes,
            **_stats(_drive(screen, session, surface, now, frames), fl["blit_ms"])}


def _still_line(game_dir: Path | None, size: tuple[int, int]):
    """A Screen and Session at the first long line of the game shown over a still scene, its
    typewriter restarted so it types for the measurement."""
    from vn.game import load_game
    from vn.screen import Screen
    from vn.stage.typewriter import Typewriter

    game = load_game(game_dir)
    screen = Screen(game, size)
    session = screen.new_session()
    session.settings.cps = 40.0
    now = 0.0
    session.update(now)
    for _ in range(5000):
        if session.ended is not None:
            break
        if session.line is not None:
            settle = now
            while session.scene.busy(now) and now < settle + 30.0:
                now += 0.25
                session.update(now)
            view = session.scene.view(now)
            if (not session.scene.busy(now) and len(session.line.text.plain) >= 80 and view.stage is not None
                    and view.card is None and view.sprites):
                session.typewriter = Typewriter(session.line.text, session.settings.cps, now)
                return screen, session, now
            session.finish_line(now)
            session.click(now)
        elif session.choice is not None:
            session.choose(0, now)
        else:
            now += 0.25
            session.update(now)
            if session.wait is not None:
                session.click(now)
    raise RuntimeError("no long line over a still scene was found")


def typical_frames(game_dir: Path | None, size: tuple[int, int], frames: int) -> dict[str, Any]:
    """A line typing over a still scene (most frames a player sees)."""
    from vn.screen import headless_surface
    from vn.stage.typewriter import Typewriter

    fl = floor(size)
    screen, session, now = _still_line(game_dir, size)
    surface = headless_surface(size)
    screen.draw(surface, session, now)
    times: list[float] = []
    while len(times) < frames:
        if session.typewriter.done(now):  # type the line again: the measurement is of typing
            session.typewriter = Typewriter(session.line.text, session.settings.cps, now)
        times += _drive(screen, session, surface, now, 1)
        now += 1.0 / 60.0
    pos = session.line.pos
    return {"floor_ms": fl, "moment": f"{pos.path}:{pos.line}", **_stats(times, fl["blit_ms"])}


def resize_frames(game_dir: Path | None, frames: int) -> dict[str, Any]:
    """The window goes from 1280x720 to 3840x2160 at a still line: every frame's time after
    (frames paced at 60 a second, as the window draws them), until the 4K picture is shown —
    its art arrived from the background and its first picture made (vn.render.resize) — and
    `frames` more were drawn."""
    from vn.screen import headless_surface

    CLOCK["clock"] = time.perf_counter  # a stall is what the player waits: wall time, GIL waits included
    screen, session, now = _still_line(game_dir, (1280, 720))
    small = headless_surface((1280, 720))
    _drive(screen, session, small, now, 10)
    now += 10 / 60.0
    big = headless_surface((3840, 2160))
    builds = screen.compositor.builds
    times: list[float] = []
    sharp_after = None
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 120.0:
        start = time.perf_counter()
        times += _drive(screen, session, big, now, 1)
        now += 1.0 / 60.0
        # paced like the window's loop (at most 60 frames a second): between frames the
        # background build has the interpreter to itself
        time.sleep(max(0.0, 1.0 / 60.0 - (time.perf_counter() - start)))
        if sharp_after is None and not builds.busy and not screen.resizing:  # (built, then its first picture made)
            sharp_after = len(times)
        if sharp_after is not None and len(times) >= sharp_after + frames:
            break
    return {"worst_ms": round(max(times), 1), "first_ms": round(times[0], 1),
            "median_ms": round(statistics.median(times), 2), "frames": len(times),
            "sharp_after_frames": sharp_after,
            "sharp_after_s": round(sum(times[:sharp_after or len(times)]) / 1000.0, 2)}


# --------------------------------------------------------------------------- idle, start-up

def idle(game_dir: Path | None, seconds: float, where: str = "line") -> dict[str, Any]:
    """Run the real loop (`Player.tick`, sleeping as it does) on a fully shown line, or on the
    title screen, and count the frames it draws and the CPU it uses over `seconds` of wall time
    (after the picture has settled: the line whole, nothing planned and the sound's fades done
    for 2 s; the title once
    its light has begun one of its slow changes, the part of its cycle that costs)."""
    import pygame

    from vn.app import Player
    from vn.game import load_game

    game = load_game(game_dir)
    pygame.display.init()
    pygame.font.init()
    player = Player(game, game.program.start if where == "line" else None, (1280, 720), False)
    if where == "line":
        player.session.settings.cps = 0.0  # lines appear whole at once
        player.session.settings.auto = False
        # a still picture: what a living scene's motion costs is `motion_*` (see `living`)
        player.settings.reduce_motion = True
    draws = [0]
    original = player.draw

    def draw() -> None:
        draws[0] += 1
        original()

    player.draw = draw  # type: ignore[method-assign]
    player.hot_reload.start()  # as `Player.run` does once the first frame is up
    # the loop sleeps until input when nothing is due: an alarm event ends each wait we need to end
    alarm = _Alarm(pygame)
    start = time.perf_counter()
    settled_at = None
    alarm.every(0.25)
    while time.perf_counter() - start < 40.0:
        player.tick()
        if where == "title":  # measured while its light changes (it holds still in between)
            settled = _title_light_changing(player)
        else:
            settled = (player.session is not None and player.session.line is not None
                       and player._next_wake() is None and player.next_update() is None)  # sound steady too
        if settled and settled_at is None:
            settled_at = time.perf_counter()
        if settled_at is not None and (where == "title" or time.perf_counter() - settled_at >= 2.0):
            break
    else:
        return {"error": "the picture never settled"}
    alarm.stop()
    pygame.event.clear()
    draws[0] = 0
    wakes = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    alarm.once(seconds)
    while time.perf_counter() - wall0 < seconds:
        player.tick()
        wakes += 1
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    alarm.stop()
    player.hot_reload.close()
    return {"redraws_per_s": round(draws[0] / wall, 3), "cpu_percent": round(100.0 * cpu / wall, 2),
            "wakes_per_s": round(wakes / wall, 2), "blocking_wait": bool(player._waiter and player._waiter.blocking),
            "seconds": round(wall, 2), "video_driver": pygame.display.get_driver()}


def _title_light_changing(player) -> bool:
    """Is the title's light in one of its slow changes, with at least 5 s of it to go?"""
    from vn.ui.title import LIGHT_HOLD, LIGHT_TWEEN, TitleView

    title = player.stack.top
    if not isinstance(title, TitleView) or len(title.presets) < 2:
        return True  # no changing light: the title is as still as it gets
    into = (player.now - title.cycle_start) % (LIGHT_HOLD + LIGHT_TWEEN)
    return LIGHT_HOLD + 0.5 <= into <= LIGHT_HOLD + LIGHT_TWEEN - 6.0


class _Alarm:
    """Posts a user event to pygame's queue from a thread (thread-safe in SDL), which ends the
    loop's wait as input would (the views ignore it)."""

    def __init__(self, pygame) -> None:
        import threading

        self.pg = pygame
        self.stopped = threading.Event()
        self.thread: Any = None

    def _run(self, period: float, repeat: bool) -> None:
        while not self.stopped.wait(period):
            self.pg.event.post(self.pg.event.Event(self.pg.USEREVENT, bench_alarm=True))
            if not repeat:
                return

    def _start(self, period: float, repeat: bool) -> None:
        import threading

        self.stop()
        self.stopped.clear()
        self.thread = threading.Thread(target=self._run, args=(period, repeat), daemon=True)
        self.thread.start()

    def every(self, period: float) -> None:
        self._start(period, True)

    def once(self, after: float) -> None:
        self._start(after, False)

    def stop(self) -> None:
        if self.thread is not None:
            self.stopped.set()
            self.thread.join()
            self.thread = None


class _Counter:
    """Counts the frames a player draws."""

    def __init__(self, player) -> None:
        self.n = 0
        self._draw = player.draw
        player.draw = self

    def __call__(self) -> None:
        self.n += 1
        self._draw()


def living_line(game) -> tuple[str, int] | None:
    """(label, clicks) of the first line a reader reaches, playing each label from its start
    (clicking through, first options at choices), whose picture lives with a twinkle and a
    figure that breathes or glows -- else with a twinkle, else with any living motion
    (vn.stage.motion); None when no line does."""
    from vn.screen import Screen
    from vn.session import Settings
    from vn.tools.render import story_at

    screen = Screen(game, (320, 180), Settings(cps=0.0))
    found: dict[int, tuple[str, int]] = {}
    for start in game.program.labels:
        session = screen.new_session(story=story_at(game.program, start))
        t, clicks, label = 0.0, 0, start
        while clicks < 60 and session.ended is None and t < 600.0:
            session.update(t)
            if session.story.state.label != label:  # counted from the start of the label it is in
                label, clicks = session.story.state.label, 0
            if session.choice is not None:
                session.choose(0, t)
            elif session.line is not None and not session.scene.busy(t):
                kinds = session.scene.living(t)
                rank = 0 if "twinkle" in kinds and kinds & {"breathing", "pulse"} else 1 if "twinkle" in kinds \
                    else 2 if kinds else None
                if rank == 0:
                    return label, clicks
                if rank is not None:
                    found.setdefault(rank, (label, clicks))
                session.click(t)
                clicks += 1
            t += 0.25
    return found[min(found)] if found else None


def living(game_dir: Path | None, seconds: float) -> dict[str, Any]:
    """The real loop at a fully shown line whose picture lives (a night line with city lights
    twinkling, and whatever else lives there): the frames it draws per second and the CPU it
    uses, at 1280x720 and with "Reduce motion" on for comparison. The figures are what the
    motion costs: its frames come at its own rate (8-10 a second), not the display's."""
    import pygame

    from vn.app import Player
    from vn.game import load_game

    game = load_game(game_dir)
    found = living_line(game)
    if found is None:
        return {"skipped": "no line of this game shows living motion"}
    label, clicks = found
    pygame.display.init()
    pygame.font.init()
    out: dict[str, Any] = {"at": f"{label}, line {clicks + 1} of the label"}
    for reduce in (False, True):
        player = Player(game, label, (1280, 720), False)
        player.settings.reduce_motion = reduce
        player.session.settings.cps = 0.0
        player.session.settings.auto = False
        n = 0
        for _ in range(20_000):  # to the line: game time runs fast, no sleeping
            player.tick(0.1)
            s, view = player.session, player.game_view()
            t = view.game_time(player.now)
            if s.line is not None and not s.scene.busy(t):
                if n == clicks:
                    break
                s.click(t)
                n += 1
            elif s.choice is not None:
                s.choose(0, t)
        kinds = sorted(player.session.scene.living(player.game_view().game_time(player.now)))
        draws = _Counter(player)
        wall0 = time.perf_counter()
        while time.perf_counter() - wall0 < 1.0:  # settle
            player.tick()
        draws.n = 0
        cpu0, wall0 = time.process_time(), time.perf_counter()
        while time.perf_counter() - wall0 < seconds:
            player.tick()
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0
        key = "reduce_motion" if reduce else "motion"
        out[key] = {"redraws_per_s": round(draws.n / wall, 3), "cpu_percent": round(100.0 * cpu / wall, 2),
                    "living": kinds}
    out["video_driver"] = os.environ.get("SDL_VIDEODRIVER", "")
    return out


STARTUP_CODE = """\
import time; t0 = time.perf_counter()
import os, resource, sys
import pygame
_flip = pygame.display.flip
_first = []
def _mark():
    use = resource.getrusage(resource.RUSAGE_SELF)
    return [time.perf_counter() - t0, use.ru_utime + use.ru_stime, use.ru_maxrss]
def flip():  # the first picture on screen: the kept title frame (vn.firstframe), or the title
    _flip()
    if not _first:
        _first.append(_mark())
pygame.display.flip = flip
import vn.app
_draw = vn.app.Player.draw
def drawn(self):  # the title itself has drawn its first frame: report and leave at once
    _draw(self)
    print(*_first[0], *_mark(), flush=True)
    import threading  # ... once the compiled program's cache entry is written, as a player's window would
    for thread in threading.enumerate():
        if thread.name == "vn-program-cache":
            thread.join()
    os._exit(0)
vn.app.Player.draw = drawn
from vn.cli import main
main(["play", *sys.argv[1:2]] if sys.argv[1] else ["play"])
"""


def startup(game_dir: Path | None, runs: int = 3) -> dict[str, Any]:
    """Fresh processes running `vn play` (the real command, through vn.cli), launch to the
    first frame on screen (the first `display.flip`: the title's first frame as the last start
    kept it, `vn.firstframe`, or the title drawn when none is kept) and to the title's own first
    frame (`title_s`: the game loaded and checked, the title live and answering input). Medians
    of `runs`, wall time from before the interpreter starts; `cpu_s`, `title_cpu_s`: the
    process's CPU time to those moments (on a busy machine wall time also counts the waits for
    a core). As on a player's machine, Python's bytecode and the engine's caches (compiled
    program, rasters, the kept first frame) are written by a first run (`first_run_s`, not
    counted); the bytecode goes to a folder of its own, whatever PYTHONDONTWRITEBYTECODE says.
    `no_kept_frame_s`: the same start with the kept first frame removed before each run (the
    first start after an edit of the game or the engine)."""
    env = _env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "vn-bench-pycache")
    from vn.firstframe import for_game

    kept = for_game(game_dir, None, False, None)

    def launch() -> tuple[float, list[float]] | str:
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", STARTUP_CODE, str(game_dir or "")], capture_output=True,
                             text=True, env=env, timeout=120)
        wall = time.perf_counter() - t0
        if out.returncode != 0 or len(out.stdout.split()) != 6:  # `vn play` stopped before a frame
            return (out.stderr.strip().splitlines() or ["no frame was drawn"])[-1]
        return wall, [float(x) for x in out.stdout.split()]

    runs_out = []
    for _ in range(runs + 1):
        r = launch()
        if isinstance(r, str):
            return {"error": r}
        runs_out.append(r)
    bare = []
    if kept is not None:
        for _ in range(runs):
            kept.path.unlink(missing_ok=True)
            r = launch()
            if isinstance(r, str):
                return {"error": r}
            bare.append(r)
    first_run, rest = runs_out[0], runs_out[1:]
    # to the first flip: wall from the launch = the outer wall less the time after that flip
    walls = [wall - (m[3] - m[0]) for wall, m in rest]

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    return {"process_s": med(walls), "in_process_s": med([m[0] for _, m in rest]),
            "cpu_s": med([m[1] for _, m in rest]),
            "title_s": med([wall for wall, _ in rest]), "title_cpu_s": med([m[4] for _, m in rest]),
            "no_kept_frame_s": med([wall for wall, _ in bare]) if bare else None,
            "no_kept_frame_cpu_s": med([m[4] for _, m in bare]) if bare else None,
            "kept_frame": kept is not None,
            "first_run_s": round(first_run[0], 3), "peak_rss_mb": round(max(m[5] for _, m in runs_out) / 1024.0, 1),
            "runs": runs}


# --------------------------------------------------------------------------- scripts, saves, memory

def big_script_text(lines: int = LINES) -> tuple[str, str]:
    """(manifest, script) of `lines` lines: labels of 500, chained by jumps, with choices and
    conditions sprinkled in."""
    manifest = "start: l0\ncharacters:\n  a: {name: A}\n  b: {name: B}\nvariables: {n: 0}\n"
    per = 500
    parts: list[str] = []
    labels = max(1, lines // per)
    for i in range(labels):
        parts.append(f"l{i}:\n")
        for j in range(per):
            k = i * per + j
            if j % 100 == 50:
                parts.append(f"  - if: n > {j}\n    then:\n      - a: Branch {k} for [n].\n")
            elif j % 100 == 75:
                parts.append(f"  - choice:\n      - Left {k}:\n          - a: Left.\n      - Right {k}:\n"
                             f"          - b: Right.\n")
            elif j % 3 == 0:
                parts.append(f"  - a: Line number {k}, with {{i}}some{{/i}} words.\n")
            elif j % 3 == 1:
                parts.append(f"  - b: \"Reply {k}: and more words here.\"\n")
            else:
                parts.append(f"  - The narration of line {k} goes on a while.\n")
        if i + 1 < labels:
            parts.append(f"  - set: {{n: \"n + 1\"}}\n  - jump: l{i + 1}\n")
    return manifest, "".join(parts)


SCRIPT_RUNS = {"cold": 3, "warm": 5, "tenth": 5, "interpreter": 5}  # runs of each, medians reported
SCRIPT_RUNS_QUICK = {"cold": 1, "warm": 2, "tenth": 2, "interpreter": 2}
LABELS_PER_FILE = 10  # the generated game's files: 10 labels of 500 steps, ~5,000 lines each
_SUMMARY = re.compile(r"^(\d+) errors?, (\d+) warnings?(?: \((\d+) labels, (\d+) lines\))?")


def write_big_game(folder: Path, lines: int = LINES) -> int:
    """A generated game folder (scripts/game.yaml and the script of `big_script_text` cut into
    files of `LABELS_PER_FILE` labels, as a mod is written): how many files."""
    manifest, text = big_script_text(lines)
    scripts = folder / "scripts"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "game.yaml").write_text(manifest, "utf-8")
    labels = re.split(r"(?m)^(?=l\d+:$)", text)[1:]
    files = [labels[i:i + LABELS_PER_FILE] for i in range(0, len(labels), LABELS_PER_FILE)]
    for n, chunk in enumerate(files):
        (scripts / f"part_{n:03d}.yaml").write_text("".join(chunk), "utf-8")
    return len(files)


def _script_env(cache: str) -> dict[str, str]:
    """`vn check`'s environment as a modder's shell has it: the compiled-program cache in
    `cache` (or "off"), and Python's bytecode written once and read after (an installed engine
    has it), in a folder of the bench's own whatever PYTHONDONTWRITEBYTECODE says."""
    env = _env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "vn-bench-pycache")
    env["VN_CACHE_DIR"] = cache
    return env


def check_run(folder: Path, cache: str) -> dict[str, Any]:
    """One `vn check FOLDER` in a fresh process, as a modder runs it from the shell: `s` the wall
    time from launching the interpreter to the process's exit (imports, the asset catalog, the
    compile or the cache entry read, the checks, the report, then the entry written when it was
    compiled: the process waits for that), `report_s` to the report's last line (what the
    modder reads; the entry is written after it), `cpu_s` the CPU time of the process and the
    processes it compiled in. The report's counts come with it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "vn", "check", str(folder)], stdout=subprocess.PIPE,
                                stderr=err, text=True, env=_script_env(cache))
        report = found = None
        assert proc.stdout is not None
        for line in proc.stdout:  # the summary is the report's last line
            m = _SUMMARY.match(line)
            if m:
                report, found = time.perf_counter() - t0, m
        proc.wait()
        wall = time.perf_counter() - t0
        err.seek(0)
        problem = err.read().strip().splitlines()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if found is None:
        return {"error": (problem or [f"vn check exited with {proc.returncode} and no report"])[-1]}
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"s": wall, "report_s": report, "cpu_s": cpu, "errors": int(found[1]), "warnings": int(found[2]),
            "labels": int(found[3] or 0), "lines": int(found[4] or 0)}


def _interpreter_s(runs: int) -> float:
    """Median wall time of `python -c pass`: what any Python program pays before its first import."""
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=_script_env("off"), check=False)
        walls.append(time.perf_counter() - t0)
    return statistics.median(walls)


def script_loads(lines: int, runs: dict[str, int] | None = None) -> dict[str, Any]:
    """`vn check` of a generated game of `lines` lines (`write_big_game`), timed from the shell
    (`check_run`): each run a fresh process, as a modder types it. `cold_*` with an empty
    compiled-program cache (a new one for each run), `warm_*` with the entry the last cold run
    wrote, `uncached_s` with caching off; `cold_tenth_s` a game of a tenth of the lines, cold.
    Each is the median of `runs` (`SCRIPT_RUNS`: a single run of the small game swings by a
    third on a busy machine), with every run's wall time in `runs_s`. `growth_x` =
    cold_s / cold_tenth_s (10 when the time grows in proportion to the script; less by what
    both pay alike), `per_line_us` the cost of one more line and `fixed_s` what is left of the
    tenth's time (interpreter, imports, the asset catalog, the report), both from those two
    medians; `interpreter_s` the median of `python -c pass`. `*_s` is wall time (a big script is
    compiled in more than one process at once, `vn.script.parallel`), `*_cpu_s` the CPU time of
    `vn check` and its worker processes."""
    from vn.script.parallel import workers_available

    runs = runs or SCRIPT_RUNS
    out: dict[str, Any] = {"lines": lines, "workers": workers_available(), "runs_s": {}}

    def median(phase: str, results: list[dict[str, Any]]) -> None:
        for key in ("s", "report_s", "cpu_s"):
            values = [r[key] for r in results if r.get(key) is not None]
            if values:
                out[f"{phase}_{key}"] = round(statistics.median(values), 3)
        out["runs_s"][phase] = [round(r["s"], 3) for r in results]

    with tempfile.TemporaryDirectory(prefix="vn-bench-") as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        out["files"] = write_big_game(big, lines)
        write_big_game(small, lines // 10)
        out["bytes"] = sum(p.stat().st_size for p in (big / "scripts").iterdir())
        check_run(small, "off")  # Python's bytecode written (not counted)
        cold, warm, tenth = [], [], []
        for n in range(runs["cold"]):
            cold.append(check_run(big, str(Path(tmp) / f"cache{n}")))
        for _ in range(runs["warm"]):
            warm.append(check_run(big, str(Path(tmp) / f"cache{runs['cold'] - 1}")))
        uncached = check_run(big, "off")
        for n in range(runs["tenth"]):
            tenth.append(check_run(small, str(Path(tmp) / f"tenth{n}")))
        failed = next((r for r in (*cold, *warm, uncached, *tenth) if "error" in r), None)
        if failed is not None:
            return failed
        median("cold", cold)
        median("warm", warm)
        median("cold_tenth", tenth)
        out["uncached_s"] = round(uncached["s"], 3)
        out["cold_write_s"] = round(max(0.0, out["cold_s"] - out["cold_report_s"]), 3)
        out.update(lines=cold[0]["lines"], labels=cold[0]["labels"], errors=cold[0]["errors"],
                   warnings=cold[0]["warnings"])
        tenth_lines = tenth[0]["lines"]
    out["interpreter_s"] = round(_interpreter_s(runs["interpreter"]), 3)
    c, t = out["cold_s"], out["cold_tenth_s"]
    out["growth_x"] = round(c / t, 1) if t > 0 else None  # 10 = in proportion to the lines
    if out["lines"] > tenth_lines:
        per_line = (c - t) / (out["lines"] - tenth_lines)
        out["per_line_us"] = round(per_line * 1e6, 2)
        out["fixed_s"] = round(t - per_line * tenth_lines, 3)
    return out


def save_load(game_dir: Path | None, reps: int = 20) -> dict[str, Any]:
    """A save at the end of the bundled game's longest path, through the game's own SaveStore:
    save = `Session.save()` + the quick slot written atomically (with its backup); load = the
    slot read and checked + `Session.load` (the story restored, history and rollback with it).
    Median ms of `reps`; no thumbnail (the window adds a PNG of the frame)."""
    from vn.game import load_game
    from vn.saves import SaveMeta, SaveStore
    from vn.screen import Screen
    from vn.session import Session
    from vn.stage.scene import Scene
    from vn.tools.autoplay import all_paths

    game = load_game(game_dir)
    program = game.program
    longest = max(all_paths(program), key=lambda r: len(r.lines))
    screen = Screen(game, (1280, 720))
    session = screen.new_session()
    session.settings.cps = 0.0
    picks, now = [c - 1 for c in longest.choices], 0.0
    session.update(now)
    last_line = 0.0
    for _ in range(200_000):
        if session.line is not None:
            last_line = now
            session.click(now)
        elif session.choice is not None:
            session.choose(picks.pop(0) if picks else 0, now)
        elif session.ended is not None:
            break
        now += 0.5
        session.update(now)
    saves, loads = [], []
    with tempfile.TemporaryDirectory(prefix="vn-bench-") as tmp:
        store = SaveStore(Path(tmp))
        for _ in range(reps):
            t0 = time.perf_counter()
            store.quicksave(session.save(), SaveMeta.of(session))
            saves.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            Session.load(program, Scene(screen.assets), store.quickload().data, now)
            loads.append(time.perf_counter() - t0)
        size = store.path("quick").stat().st_size
    return {"save_ms": _ms(statistics.median(saves)), "load_ms": _ms(statistics.median(loads)), "bytes": size,
            "lines_played": len(longest.lines), "last_line_at_s": round(last_line, 1)}


def play_every_path(game_dir: Path | None, size: tuple[int, int], quick: bool) -> dict[str, Any]:
    """Peak resident memory of a process that plays every path of the game at `size`, drawing a
    frame at each step and while transitions run."""
    from vn.game import load_game
    from vn.screen import Screen, headless_surface
    from vn.tools.autoplay import all_paths

    game = load_game(game_dir)
    paths = list(all_paths(game.program))
    if quick:
        paths = paths[:1]
    screen = Screen(game, size)
    surface = headless_surface(size)
    frames = 0
    for result in paths:
        session = screen.new_session()
        session.settings.cps = 0.0
        picks, now = [c - 1 for c in result.choices], 0.0
        session.update(now)
        for _ in range(100_000):
            if session.ended is not None:
                break
            for _ in range(2):  # mid-transition, then settled
                now += 0.4
                session.update(now)
                screen.draw(surface, session, now)
                frames += 1
            if session.line is not None:
                session.click(now)
            elif session.choice is not None:
                session.choose(picks.pop(0) if picks else 0, now)
            elif session.wait is not None:
                session.click(now)
    return {"peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
            "paths": len(paths), "frames": frames}


# --------------------------------------------------------------------------- running it all

WORKERS = {
    "heaviest": lambda g, a: heaviest_frames(g, tuple(a["size"]), a["frames"]),
    "typical": lambda g, a: typical_frames(g, tuple(a["size"]), a["frames"]),
    "resize": lambda g, a: resize_frames(g, a["frames"]),
    "idle": lambda g, a: idle(g, a["seconds"], a["where"]),
    "living": lambda g, a: living(g, a["seconds"]),
    "save": lambda g, a: save_load(g),
    "memory": lambda g, a: play_every_path(g, tuple(a["size"]), a["quick"]),
}


def _env() -> dict[str, str]:
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    return env


def worker_main() -> None:
    """Entry point of a measuring process: `name game_dir json_args` on the command line."""
    name, game, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    if os.environ.get("VN_BENCH_WALL"):
        CLOCK["clock"] = time.perf_counter
    result = WORKERS[name](Path(game) if game else None, args)
    print(json.dumps(result))


def in_fresh_process(name: str, game_dir: Path | None, env: dict[str, str] | None = None,
                     **args: Any) -> dict[str, Any]:
    code = "from vn.tools.bench import worker_main; worker_main()"
    out = subprocess.run([sys.executable, "-c", code, name, str(game_dir or ""), json.dumps(args)],
                         capture_output=True, text=True, env={**_env(), **(env or {})}, timeout=1200)
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def x11_server() -> tuple[str, subprocess.Popen[bytes]] | str:
    """A private X server to measure a real X11 window in (Xvfb on a free display): (display,
    its process; kill it after), or why there is none. SDL's dummy driver has no real event wait
    (SDL polls every millisecond there), so only a window system shows what an idle window
    costs a player."""
    import random
    import shutil

    exe = shutil.which("Xvfb")
    if exe is None:
        return "no Xvfb on this machine"
    for _ in range(5):
        n = random.randint(100, 899)
        if os.path.exists(f"/tmp/.X11-unix/X{n}") or os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        proc = subprocess.Popen([exe, f":{n}", "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                time.sleep(0.2)
                return f":{n}", proc
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        proc.terminate()
        proc.wait()
    return "Xvfb did not start"


def idle_x11(game_dir: Path | None, seconds: float) -> dict[str, Any]:
    """`idle` at a shown line in a real X11 window (a private Xvfb), in a fresh process."""
    server = x11_server()
    if isinstance(server, str):
        return {"skipped": server}
    display, proc = server
    try:
        return in_fresh_process("idle", game_dir, env={"DISPLAY": display, "SDL_VIDEODRIVER": "x11"},
                                seconds=seconds, where="line")
    finally:
        proc.terminate()  # (it removes its socket and lock file)
        proc.wait()


def run_bench(game_dir: Path | None = None, quick: bool = False, log=None, wall: bool = False) -> dict[str, Any]:
    """Every figure (docs/performance.md), as one JSON-ready object."""
    if wall:
        os.environ["VN_BENCH_WALL"] = "1"
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from vn.game import load_game

    program = load_game(game_dir).program
    if program is None:
        return {"error": "the game does not compile: run vn check"}

    def step(what: str) -> None:
        if log is not None:
            log(what)

    frames = 40 if quick else 240
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
                    "python": sys.version.split()[0]},
        "clock": "wall" if wall else "thread CPU time (frames, floors)",
        "quick": quick,
        "heaviest_moment": heavy_step(program) + " (light tween) + dissolve + typewriter",
        "floor_ms": {}, "heaviest_frame_ms": {}, "heaviest_unavoidable": {},
    }
    sizes = FRAME_SIZES[:2] if quick else FRAME_SIZES
    for size in sizes:
        step(f"heaviest frame at {_key(size)}")
        r = in_fresh_process("heaviest", game_dir, size=list(size), frames=frames)
        result["floor_ms"][_key(size)] = r.pop("floor_ms", None)
        result["heaviest_unavoidable"][_key(size)] = r.pop("unavoidable", None)
        result["heaviest_frame_ms"][_key(size)] = r
    step("typical frame")
    r = in_fresh_process("typical", game_dir, size=list(TYPICAL_SIZE), frames=frames)
    r.pop("floor_ms", None)
    result["typical_frame_ms"] = {_key(TYPICAL_SIZE): r}
    step("idle at a shown line")
    seconds = 1.0 if quick else 5.0
    line = in_fresh_process("idle", game_dir, seconds=seconds, where="line")
    step("idle at the title")
    title = in_fresh_process("idle", game_dir, seconds=seconds, where="title")
    step("idle at a shown line in an X11 window (Xvfb)")
    x11 = idle_x11(game_dir, seconds)
    result["idle_redraws_per_s"] = {"shown_line": line.get("redraws_per_s"), "title": title.get("redraws_per_s"),
                                    "shown_line_x11": x11.get("redraws_per_s")}
    result["idle_cpu_percent"] = {"shown_line": line.get("cpu_percent"), "title": title.get("cpu_percent"),
                                  "shown_line_x11": x11.get("cpu_percent")}
    result["idle"] = {"shown_line": line, "title": title, "shown_line_x11": x11}
    step("a living scene (motion at a shown line)")
    live = in_fresh_process("living", game_dir, seconds=seconds)
    result["motion_redraws_per_s"] = live.get("motion", {}).get("redraws_per_s")
    result["motion_cpu_percent"] = live.get("motion", {}).get("cpu_percent")
    result["motion"] = live
    step("start-up")
    up = startup(game_dir, runs=1 if quick else 3)
    result["startup_to_first_frame_s"] = up.get("process_s")
    result["startup"] = up
    step("resize to 4K")
    rz = in_fresh_process("resize", game_dir, frames=30 if quick else 120)
    result["resize_to_4k_worst_frame_ms"] = rz.get("worst_ms")
    result["resize"] = rz
    step("script load")
    result["script_load_check_s"] = script_loads(10_000 if quick else LINES,
                                                 SCRIPT_RUNS_QUICK if quick else SCRIPT_RUNS)
    step("save and load")
    sl = in_fresh_process("save", game_dir)
    result["save_ms"], result["load_ms"] = sl.get("save_ms"), sl.get("load_ms")
    result["save"] = sl
    step("memory, every path at 1920x1080")
    mem = in_fresh_process("memory", game_dir, size=[1920, 1080], quick=quick)
    result["peak_rss_mb"] = mem.get("peak_rss_mb")
    result["memory"] = mem
    return result


def table(r: dict[str, Any]) -> str:
    """The figures as the Markdown table the README quotes."""
    rows = ["| figure | value | × floor | target |", "|---|---|---|---|"]
    for size, f in r.get("floor_ms", {}).items():
        if f:
            rows.append(f"| floor at {size} (blit / memcpy) | {f['blit_ms']} / {f['memcpy_ms']} ms | 1 | |")
    for size, h in r.get("heaviest_frame_ms", {}).items():
        if "median" in h:
            tgt = {"1920x1080": "≤ 12× / ≤ 25×", "3840x2160": "≤ 12×"}.get(size, "")
            rows.append(f"| heaviest frame {size} median / p99 | {h['median']} / {h['p99']} ms | "
                        f"{h['median_x_floor']} / {h['p99_x_floor']} | {tgt} |")
    for size, u in r.get("heaviest_unavoidable", {}).items():
        if u:
            ms, x = u["ms"], u["x_floor"]
            rows.append(f"| heaviest {size}: its unavoidable passes — enlargement (zoom {u['zoom']}) + dissolve "
                        f"+ one blit | {ms['enlarge']} + {ms['dissolve']} + {ms['opaque_blit']} = {ms['total']} ms | "
                        f"{x['enlarge']} + {x['dissolve']} + 1 = {x['total']} | (of the 12× target) |")
    for size, t in r.get("typical_frame_ms", {}).items():
        if "median" in t:
            rows.append(f"| typical frame {size} median | {t['median']} ms | {t['median_x_floor']} | ≤ 3× |")
    idle_line, idle_title = r.get("idle", {}).get("shown_line", {}), r.get("idle", {}).get("title", {})
    rows.append(f"| idle at a shown line: redraws/s, CPU | {idle_line.get('redraws_per_s')}, "
                f"{idle_line.get('cpu_percent')} % | | 0, < 0.5 % |")
    idle_x = r.get("idle", {}).get("shown_line_x11", {})
    if "cpu_percent" in idle_x:
        rows.append(f"| idle at a shown line, X11 window (Xvfb): redraws/s, CPU | {idle_x.get('redraws_per_s')}, "
                    f"{idle_x.get('cpu_percent')} % | | 0, < 0.5 % |")
    if "skipped" not in idle_title:
        rows.append(f"| idle at the title: redraws/s, CPU | {idle_title.get('redraws_per_s')}, "
                    f"{idle_title.get('cpu_percent')} % | | what its light needs |")
    live = r.get("motion", {})
    if "motion" in live:
        rows.append(f"| living scene ({', '.join(live['motion']['living'])}): redraws/s, CPU | "
                    f"{live['motion']['redraws_per_s']}, {live['motion']['cpu_percent']} % | | "
                    f"what its motion needs (8-10/s); reduce motion: "
                    f"{live['reduce_motion']['redraws_per_s']}, {live['reduce_motion']['cpu_percent']} % |")
    up = r.get("startup", {})
    cpu = up.get("cpu_s")
    rows.append(f"| start-up to first frame (wall{', CPU' if cpu is not None else ''}) | "
                f"{r.get('startup_to_first_frame_s')} s{f' ({cpu} s CPU)' if cpu is not None else ''} | | < 0.3 s |")
    if up.get("title_s") is not None:
        rows.append(f"| start-up to the live title; with no kept frame (wall) | {up.get('title_s')} s; "
                    f"{up.get('no_kept_frame_s')} s | | |")
    rows.append(f"| resize 720p → 4K, worst frame | {r.get('resize_to_4k_worst_frame_ms')} ms | | ≤ 50 ms |")
    s = r.get("script_load_check_s", {})
    rows.append(f"| `vn check` of a {s.get('lines', 0):,}-line game, cold / warm (wall, from the shell; "
                f"{s.get('workers')} processes) | {s.get('cold_s')} / {s.get('warm_s')} s (cold: {s.get('cold_cpu_s')} s "
                f"CPU in all, the report after {s.get('cold_report_s')} s; ×{s.get('growth_x')} a tenth's "
                f"{s.get('cold_tenth_s')} s) | | < 2 s / < 0.3 s, linear |")
    rows.append(f"| save / load at the end of the game | {r.get('save_ms')} / {r.get('load_ms')} ms | | |")
    rows.append(f"| peak memory, every path at 1920x1080 | {r.get('peak_rss_mb')} MB | | < 200 MB |")
    m = r.get("machine", {})
    rows.append(f"\n{m.get('cpus')} CPUs, load average {m.get('load_avg_1m')} when the run began; "
                f"clock: {r.get('clock')}; resize, idle, start-up, scripts and save/load: wall time.")
    return "\n".join(rows)


def add_arguments(p) -> None:
    from vn.tools.args import game_arg

    game_arg(p)
    p.add_argument("--quick", action="store_true", help="fewer frames and a 10,000-line script (smoke tests)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--wall", action="store_true",
                   help="time frames by the wall clock, not the drawing thread's CPU time (a quiet machine)")


def run(args) -> int:
    quiet = args.json
    figures = run_bench(args.game, quick=args.quick, wall=args.wall,
                        log=None if quiet else (lambda what: print(f"measuring {what}…", file=sys.stderr)))
    print(json.dumps(figures, indent=2) if args.json else table(figures))
    return 0 if "error" not in figures else 1
