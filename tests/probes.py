"""Probes for the optional system tools some tests compare against.

A tool being on PATH proves nothing: `tmxrasterizer` without Qt's SVG plugin writes a blank PNG
and exits 0, a half-installed Graphviz has `dot` but no renderer. Each probe runs the tool on a
tiny known input, checks the answer, and gives the reason it cannot be trusted (or None). The
`require_*` helpers turn that reason into a skip, so a bare machine skips cleanly and a broken
tool never passes as a reference.

Probes run once per test session (cached) and never raise.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PROBE_MAP = Path(__file__).parent / "fixtures" / "probe" / "probe.tmx"
TIMEOUT = 60  # seconds; a first Qt start on a cold machine is slow


def _run(argv: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess | None, str]:
    try:
        return subprocess.run(argv, env=env, capture_output=True, timeout=TIMEOUT), ""
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"{argv[0]} could not run: {exc}"


@functools.cache
def tmxrasterizer_problem() -> str | None:
    """Why Tiled's `tmxrasterizer` cannot serve as the reference renderer here, or None.

    It must draw the probe map: a red SVG image layer at x 0–31 and a blue PNG image layer at
    x 32–63 (both 32 px tall). A blank or partial picture means a plugin is missing.
    """
    if shutil.which("tmxrasterizer") is None:
        return "tmxrasterizer (Debian package `tiled`) is not installed"
    import pygame

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "probe.png"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        run, why = _run(["tmxrasterizer", str(PROBE_MAP), str(out)], env)
        if run is None:
            return why
        if run.returncode != 0 or not out.exists():
            return f"tmxrasterizer failed on a tiny probe map: {run.stderr.decode(errors='replace')[-200:]!r}"
        try:
            picture = pygame.image.load(str(out))
        except (pygame.error, OSError) as exc:
            return f"tmxrasterizer wrote an unreadable PNG: {exc}"
    if picture.get_width() < 64 or picture.get_height() < 32:
        return f"tmxrasterizer drew the 64x32 probe map as {picture.get_size()}"

    def near(at: tuple[int, int], want: tuple[int, int, int]) -> bool:
        got = picture.get_at(at)
        return got.a > 200 and all(abs(got[i] - want[i]) < 40 for i in range(3))

    if not near((16, 16), (255, 0, 0)):
        return ("tmxrasterizer draws SVG image layers as nothing (Qt's SVG image plugin, Debian "
                "package `libqt5svg5`, is missing)")
    if not near((48, 16), (0, 0, 255)):
        return "tmxrasterizer does not draw PNG image layers of the probe map"
    return None


@functools.cache
def graphviz_problem() -> str | None:
    """Why Graphviz's `dot` cannot render SVG and PNG here, or None."""
    if shutil.which("dot") is None:
        return "Graphviz (`dot`, Debian package `graphviz`) is not installed"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "probe.dot"
        src.write_text("digraph { a -> b }\n")
        for fmt, magic in (("svg", b"<svg"), ("png", b"\x89PNG")):
            out = Path(tmp) / f"probe.{fmt}"
            run, why = _run(["dot", f"-T{fmt}", str(src), "-o", str(out)])
            if run is None:
                return why
            if run.returncode != 0 or not out.exists() or magic not in out.read_bytes()[:2000]:
                return f"Graphviz cannot write {fmt.upper()} here: {run.stderr.decode(errors='replace')[-200:]!r}"
    return None


@functools.cache
def espeak_problem() -> str | None:
    """Why `espeak-ng` cannot speak into a WAV file here, or None."""
    if shutil.which("espeak-ng") is None:
        return "espeak-ng (Debian package `espeak-ng`) is not installed"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "probe.wav"
        run, why = _run(["espeak-ng", "-w", str(out), "probe"])
        if run is None:
            return why
        if run.returncode != 0 or not out.exists() or out.stat().st_size < 1000:
            return f"espeak-ng did not speak into a file: {run.stderr.decode(errors='replace')[-200:]!r}"
    return None


def require_tmxrasterizer() -> None:
    """Skip the calling test unless tmxrasterizer renders the probe map correctly."""
    _require(tmxrasterizer_problem())


def require_graphviz() -> None:
    """Skip the calling test unless Graphviz renders SVG and PNG."""
    _require(graphviz_problem())


def require_espeak() -> None:
    """Skip the calling test unless espeak-ng speaks into a file."""
    _require(espeak_problem())


def _require(problem: str | None) -> None:
    if problem is not None:
        if os.environ.get("VN_REQUIRE_TOOLS"):
            pytest.fail(f"VN_REQUIRE_TOOLS is set but: {problem}")
        pytest.skip(problem)


def yaml_language_server() -> list[str] | None:
    """The command of Red Hat's yaml-language-server ($YAML_LANGUAGE_SERVER, or on PATH)."""
    cmd = os.environ.get("YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    return [cmd] if cmd else None


@functools.cache
def yaml_ls_problem() -> str | None:
    """Why yaml-language-server cannot check a file against a schema here, or None: it must flag
    a known mistake in a tiny file that names its schema on its first line."""
    cmd = yaml_language_server()
    if cmd is None:
        return "yaml-language-server is not installed (npm install -g yaml-language-server)"
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "tools"))
    from lsp_client import run as lsp_run

    with tempfile.TemporaryDirectory() as tmp:
        schema = Path(tmp) / "s.json"
        schema.write_text('{"type": "object", "properties": {"a": {"enum": ["x"]}}}')
        doc = Path(tmp) / "probe.yaml"
        doc.write_text("# yaml-language-server: $schema=s.json\na: y\n")
        try:
            result = lsp_run(cmd, [doc], wait=20.0)
        except OSError as exc:
            return f"yaml-language-server could not run: {exc}"
    if len(next(iter(result.values()), [])) != 1:
        return f"yaml-language-server did not flag a known mistake: {result}"
    return None


def require_yaml_ls() -> list[str]:
    _require(yaml_ls_problem())
    return yaml_language_server()  # type: ignore[return-value]


def main() -> int:
    """`python -m tests.probes`: one line per optional tool, working or why not (always exit 0)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    for name, probe in (("tmxrasterizer", tmxrasterizer_problem), ("graphviz", graphviz_problem),
                        ("yaml-language-server", yaml_ls_problem),
                        ("espeak-ng", espeak_problem)):
        problem = probe()
        print(f"   {name}: {'works' if problem is None else 'skipped: ' + problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

