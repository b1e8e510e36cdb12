"""The commands work on a bare machine's environment, not only on a developer's desktop."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ASCII_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


@pytest.mark.parametrize("argv", [["autoplay", "--choose", "1"], ["check"]])
def test_commands_under_an_ascii_locale(argv, tmp_path):
    """LANG=C with no UTF-8 coercion: the transcript's em dashes and curly quotes must not raise
    UnicodeEncodeError; redirected output is UTF-8."""
    env = dict(os.environ, **ASCII_LOCALE, HOME=str(tmp_path))
    run = subprocess.run([sys.executable, "-m", "vn", *argv], env=env, capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")[-500:]
    assert b"Traceback" not in run.stderr
    out = run.stdout.decode("utf-8")  # raises if it is not UTF-8
    if argv[0] == "autoplay":
        assert "\u2014" in out or "\u2019" in out, "the transcript lost its typography"
