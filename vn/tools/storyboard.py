"""`vn storyboard [GAME] [--choose 1,2 | --all-paths] -o board.png`: a contact sheet.

One thumbnail per line along a path (or, with `--every picture`, one per change of the picture:
stage, light or who is shown), the speaker and the first words under each, in reading order.
Each thumbnail is the frame a player sees once the line is fully shown and every animation
begun before it has ended — drawn by the same Screen and Session as `vn play` and `vn render`,
at thumbnail size (so SVG art is rasterised small, which is what makes a whole game fast).

With `--all-paths` every path through the choices is boarded; a path's cells that an earlier
path already showed (the same choices so far) are left out, so each later path starts where it
parts from the ones above, under a heading naming its choices. A progress bar goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

SETTLE = 60.0  # game seconds after each step: every animation begun before a line has ended
MAX_STEPS = 200_000
CAPTION_H = 44  # px under each thumbnail
GAP = 8
HEADING_H = 30


@dataclass
class Cell:
    """One thumbnail: the picture, who speaks and what (plain text), and where in the story."""

    image: object  # pygame.Surface
    speaker: str | None
    text: str
    key: tuple  # (choices made so far, nth line since the last choice): equal keys = same cell


class Progress:
    """A progress bar on stderr: `[#####.....] 42/149 lines`."""

    def __init__(self, total: int, what: str, out=sys.stderr) -> None:
        self.total, self.what, self.out, self.done = max(1, total), what, out, 0
        self.tty = hasattr(out, "isatty") and out.isatty()
        self._shown = -1

    def step(self, n: int = 1) -> None:
        self.done += n
        width = 30
        filled = min(width, width * self.done // self.total)
        percent = min(100, 100 * self.done // self.total)
        if self.tty or percent // 10 != self._shown // 10 or self.done >= self.total:
            end = "" if self.tty else "\n"
            print(("\r" if self.tty else "") + f"[{'#' * filled}{'.' * (width - filled)}] {min(self.done, self.total)}/{self.total} "
                  f"{self.what}", end=end, file=self.out, flush=True)
            self._shown = percent

    def close(self) -> None:
        if self.tty:
            print(file=self.out)


def board_path(screen, choices: list[int], every: str, skip: set[tuple], progress: Progress | None) -> list[Cell]:
    """Play one path (0-based `choices`) and return its cells, leaving out the keys in `skip`."""
    from vn.screen import headless_surface

    session = screen.new_session()
    surface = headless_surface(screen.size)
    picks = list(choices)
    made: list[int] = []
    nth = 0
    now = 0.0
    cells: list[Cell] = []
    last_picture = None
    session.update(now)
    for _ in range(MAX_STEPS):
        if session.ended is not None:
            break
        if session.line is not None:
            session.finish_line(now)
            now += SETTLE
            session.update(now)
            line = session.line
            key = (tuple(made), nth)
            nth += 1
            picture = _picture(session)
            wanted = every == "line" or picture != last_picture
            last_picture = picture
            if key not in skip and wanted and line is not None:
                screen.draw(surface, session, now)
                cells.append(Cell(surface.copy(), line.name, line.text.plain, key))
            if progress is not None and key not in skip:
                progress.step()
            session.click(now)
        elif session.choice is not None:
            pick = picks.pop(0) if picks else 0
            made.append(pick)
            nth = 0
            session.choose(pick, now)
        elif session.wait is not None:
            now += session.wait.seconds or 0.0
            session.update(now)
            if session.wait is not None:
                session.click(now)
        now += SETTLE
        session.update(now)
    return cells


def _picture(session) -> str:
    snap = dict(session.story.state.stage)
    snap.pop("music", None)
    snap.pop("textbox", None)
    return repr(sorted(snap.items()))


def contact_sheet(sections: list[tuple[str, list[Cell]]], thumb: tuple[int, int], columns: int, title: str):
    """Lay out the cells, `columns` across, each section under its heading. Returns a Surface."""
    import pygame

    font, bold = _fonts()
    cw, ch = thumb[0], thumb[1] + CAPTION_H
    height = GAP + HEADING_H
    for heading, cells in sections:
        rows = (len(cells) + columns - 1) // columns
        height += (HEADING_H if heading else 0) + rows * (ch + GAP)
    width = GAP + columns * (cw + GAP)
    sheet = pygame.Surface((width, max(height, HEADING_H + GAP)))
    sheet.fill((24, 24, 30))
    sheet.blit(bold.render(title, True, (235, 235, 240)), (GAP, GAP))
    y = GAP + HEADING_H
    n = 0
    for heading, cells in sections:
        if heading:
            sheet.blit(bold.render(heading, True, (255, 200, 120)), (GAP, y + 6))
            y += HEADING_H
        for i, cell in enumerate(cells):
            n += 1
            x = GAP + (i % columns) * (cw + GAP)
            top = y + (i // columns) * (ch + GAP)
            sheet.blit(cell.image, (x, top))
            number = font.render(str(n), True, (160, 160, 170))
            sheet.blit(number, (x + cw - number.get_width() - 2, top + thumb[1] + 2))
            _caption(sheet, font, bold, cell, (x, top + thumb[1] + 2), cw - number.get_width() - 6)
        y += ((len(cells) + columns - 1) // columns) * (ch + GAP)
    return sheet


def _caption(sheet, font, bold, cell: Cell, at: tuple[int, int], width: int) -> None:
    x, y = at
    if cell.speaker:
        name = bold.render(cell.speaker, True, (255, 225, 160))
        sheet.blit(name, (x, y))
        x += name.get_width() + 5
    words = cell.text.split()
    line, lines = "", []
    limit = width - (x - at[0])
    for word in words:
        trial = f"{line} {word}".strip()
        if font.size(trial)[0] > limit and line:
            lines.append(line)
            line, limit = word, width
            if len(lines) == 2:
                break
        else:
            line = trial
    if len(lines) < 2 and line:
        lines.append(line)
    if len(lines) == 2 and " ".join(lines) != " ".join(words):
        lines[1] = lines[1].rstrip(".,;:") + "…"
    for i, text in enumerate(lines[:2]):
        sheet.blit(font.render(text, True, (215, 215, 222)), (x if i == 0 else at[0], y + i * 18))


def _fonts():
    import pygame

    from vn.game import bundled_root

    fonts = bundled_root() / "assets" / "fonts"
    try:
        return (pygame.font.Font(str(fonts / "Lato-Regular.ttf"), 13),
                pygame.font.Font(str(fonts / "Lato-Bold.ttf"), 13))
    except (OSError, pygame.error):  # pragma: no cover - the bundled fonts travel with the package
        return pygame.font.Font(None, 16), pygame.font.Font(None, 16)


def make_storyboard(game_dir: Path | None, output: Path, choose: list[int] | None = None,
                    every_path: bool = False, every: str = "line", thumb: tuple[int, int] = (320, 180),
                    columns: int = 6, progress_out=sys.stderr) -> int:
    """Board one path (`choose`, 1-based, then first options) or every path; write a PNG.
    Returns the number of cells. Raises OSError when the PNG cannot be written, ValueError
    when the game does not compile or `choose` does not fit the story."""
    import pygame

    from vn.game import load_game
    from vn.screen import Screen
    from vn.tools.autoplay import all_paths, run_path

    game = load_game(game_dir)
    program = game.program
    if program is None:
        raise ValueError("the game has errors: run vn check")
    if every_path:
        paths = list(all_paths(program))
    else:
        paths = [run_path(program, choose)]
        if paths[0].error:
            raise ValueError(paths[0].error)
    # count the lines to draw, for the progress bar (the headless transcripts are cheap)
    seen: set[tuple] = set()
    total = 0
    for p in paths:
        total += _count_new(p, seen)
    screen = Screen(game, thumb)
    progress = Progress(total, "lines", progress_out) if progress_out is not None else None
    drawn: set[tuple] = set()
    sections: list[tuple[str, list[Cell]]] = []
    for i, p in enumerate(paths, 1):
        cells = board_path(screen, [c - 1 for c in p.choices], every, drawn, progress)
        drawn |= {c.key for c in cells}
        heading = f"Path {i}: choices {','.join(map(str, p.choices)) or '(none)'} — ends: {p.ending}" \
            if every_path else ""
        sections.append((heading, cells))
    if progress is not None:
        progress.close()
    title = f"{program.title} — storyboard" + ("" if every_path else
                                               f" (choices {','.join(map(str, paths[0].choices)) or 'none'})")
    sheet = contact_sheet(sections, thumb, columns, title)
    output.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(sheet, str(output))
    return sum(len(cells) for _, cells in sections)


def _count_new(path, seen: set[tuple]) -> int:
    made: list[int] = []
    nth = 0
    count = 0
    for line in path.lines:
        if line.startswith("> "):
            made.append(len(made))
            nth = 0
            continue
        key = (tuple(c - 1 for c in path.choices[:len(made)]), nth)
        nth += 1
        if key not in seen:
            seen.add(key)
            count += 1
    return count


def add_arguments(p: argparse.ArgumentParser) -> None:
    from vn.tools.args import choices, game_arg, size

    game_arg(p)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--choose", type=choices, default=None, help="option numbers to pick, e.g. 1,2")
    group.add_argument("--all-paths", action="store_true", help="every path through the choices")
    p.add_argument("--every", choices=("line", "picture"), default="line",
                   help="a cell per line, or only where the picture changes")
    p.add_argument("--thumb", type=size, default=(320, 180), help="thumbnail size (default 320x180)")
    p.add_argument("--columns", type=int, default=6)
    p.add_argument("-o", "--output", type=Path, required=True, help="the PNG to write")


def run(args: argparse.Namespace) -> int:
    from vn.tools.args import load_or_report

    if load_or_report(args.game).program is None:
        return 1
    try:
        n = make_storyboard(args.game, args.output, args.choose, args.all_paths, args.every, args.thumb,
                            max(1, args.columns))
    except ValueError as exc:
        print(f"vn storyboard: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"vn storyboard: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"{args.output}: {n} cells", file=sys.stderr)
    return 0
