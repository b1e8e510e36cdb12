"""The system-tool probes tell a working tool from a broken one (tests/probes.py).

Each broken tool is faked by a small shell script put first on PATH: it behaves like the real
tool does when a package is missing (exit 0, blank picture), so a probe that only checked the
tool's presence or exit code would pass it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pygame
import pytest

from tests import probes


@pytest.fixture
def fake_path(tmp_path, monkeypatch):
    """A folder put first on PATH; returns a function that writes a fake tool into it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    for probe in (probes.tmxrasterizer_problem, probes.graphviz_problem, probes.espeak_problem):
        probe.cache_clear()

    def write(name: str, body: str) -> Path:
        tool = bin_dir / name
        tool.write_text("#!/bin/sh\n" + body)
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
        return tool

    yield write
    for probe in (probes.tmxrasterizer_problem, probes.graphviz_problem, probes.espeak_problem):
        probe.cache_clear()


def _png(path: Path, size: tuple[int, int], fill: tuple[int, int, int, int]) -> None:
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.fill(fill)
    pygame.image.save(surf, str(path))


def test_blank_tmxrasterizer_output_is_not_trusted(fake_path, tmp_path):
    blank = tmp_path / "blank.png"
    _png(blank, (64, 32), (0, 0, 0, 0))  # what Tiled without libqt5svg5 writes for SVG layers
    fake_path("tmxrasterizer", f'cp "{blank}" "$2"\nexit 0\n')
    problem = probes.tmxrasterizer_problem()
    assert problem is not None and "libqt5svg5" in problem


def test_tmxrasterizer_that_draws_only_the_svg_is_not_trusted(fake_path, tmp_path):
    half = tmp_path / "half.png"
    surf = pygame.Surface((64, 32), pygame.SRCALPHA)
    surf.fill((0, 0, 0, 0))
    surf.fill((255, 0, 0, 255), pygame.Rect(0, 0, 32, 32))
    pygame.image.save(surf, str(half))
    fake_path("tmxrasterizer", f'cp "{half}" "$2"\n')
    assert "PNG" in probes.tmxrasterizer_problem()


def test_failing_tmxrasterizer_is_not_trusted(fake_path):
    fake_path("tmxrasterizer", 'echo "cannot connect to display" >&2\nexit 1\n')
    assert "failed" in probes.tmxrasterizer_problem()


def test_correct_tmxrasterizer_output_is_trusted(fake_path, tmp_path):
    good = tmp_path / "good.png"
    surf = pygame.Surface((64, 32), pygame.SRCALPHA)
    surf.fill((255, 0, 0, 255), pygame.Rect(0, 0, 32, 32))
    surf.fill((0, 0, 255, 255), pygame.Rect(32, 0, 32, 32))
    pygame.image.save(surf, str(good))
    fake_path("tmxrasterizer", f'cp "{good}" "$2"\n')
    assert probes.tmxrasterizer_problem() is None


def test_graphviz_that_writes_nothing_is_not_trusted(fake_path):
    fake_path("dot", "exit 0\n")
    assert "cannot write" in probes.graphviz_problem()


def test_espeak_that_writes_nothing_is_not_trusted(fake_path):
    fake_path("espeak-ng", "exit 0\n")
    assert "did not speak" in probes.espeak_problem()


def test_missing_tools_give_their_package_names(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty PATH: nothing is installed
    for probe in (probes.tmxrasterizer_problem, probes.graphviz_problem, probes.espeak_problem):
        probe.cache_clear()
    try:
        assert "`tiled`" in probes.tmxrasterizer_problem()
        assert "`graphviz`" in probes.graphviz_problem()
        assert "`espeak-ng`" in probes.espeak_problem()
    finally:
        for probe in (probes.tmxrasterizer_problem, probes.graphviz_problem, probes.espeak_problem):
            probe.cache_clear()
