"""`vn storyboard`: one cell per line along the path, in a sheet laid out by columns, with a
progress bar; --all-paths leaves out what an earlier path already showed."""

from __future__ import annotations

import io
from pathlib import Path

import pygame

from vn.game import load_game
from vn.tools.autoplay import all_paths, run_path
from vn.tools.storyboard import CAPTION_H, GAP, HEADING_H, make_storyboard

THUMB = (96, 54)


def test_one_cell_per_line_of_the_path(tmp_path: Path):
    program = load_game(None).program
    lines = [x for x in run_path(program, [2]).lines if not x.startswith("> ")]
    out, err = tmp_path / "board.png", io.StringIO()
    n = make_storyboard(None, out, [2], thumb=THUMB, columns=10, progress_out=err)
    assert n == len(lines)
    sheet = pygame.image.load(str(out))
    rows = (n + 9) // 10
    assert sheet.get_size() == (GAP + 10 * (THUMB[0] + GAP), GAP + HEADING_H + rows * (THUMB[1] + CAPTION_H + GAP))
    assert err.getvalue().rstrip().endswith(f"{n}/{n} lines")
    # the cells show the pictures: the sunset room, lit (an empty cell would be the sheet's black)
    first = pygame.transform.average_color(sheet.subsurface((GAP, GAP + HEADING_H, *THUMB)))
    lit = pygame.transform.average_color(sheet.subsurface((GAP + 6 * (THUMB[0] + GAP), GAP + HEADING_H, *THUMB)))
    assert sum(first[:3]) > 60 and sum(lit[:3]) > 60


def test_every_path_boards_each_line_once_and_pictures_fewer(tmp_path: Path):
    program = load_game(None).program
    paths = list(all_paths(program))
    n_all = make_storyboard(None, tmp_path / "all.png", every_path=True, thumb=THUMB, progress_out=None)
    longest = max(sum(1 for x in p.lines if not x.startswith("> ")) for p in paths)
    total = sum(sum(1 for x in p.lines if not x.startswith("> ")) for p in paths)
    assert longest < n_all < total  # shared beginnings are drawn once
    n_pictures = make_storyboard(None, tmp_path / "pic.png", [1], every="picture", thumb=THUMB, progress_out=None)
    assert 5 < n_pictures < len([x for x in paths[0].lines if not x.startswith("> ")])
