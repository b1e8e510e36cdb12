"""Freed memory is handed back when the picture changes stage (vn.render.allocator)."""

from __future__ import annotations

import platform
import sys

from vn.render import allocator
from vn.render.compositor import Compositor
from vn.render.images import ImageCache


def test_give_back_runs_on_glibc_and_does_nothing_elsewhere():
    on_glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert allocator.give_back() is on_glibc
    assert allocator.give_back() is on_glibc  # (looked up once; any number of calls)


def test_memory_is_given_back_when_the_shown_stage_changes_or_builds_not_every_frame(monkeypatch):
    from tests.render.test_stage_memory import _frame
    from tests.stage.helpers import ROOT
    from vn.stage.assets import GameAssets

    calls = []
    monkeypatch.setattr("vn.render.compositor.give_back", lambda: calls.append(1) or True)
    monkeypatch.setattr("vn.render.allocator.give_back", lambda: calls.append(1) or True)
    assets = GameAssets(ROOT, sprites={})
    comp = Compositor(assets, ImageCache())
    per_frame = []
    for stage in ("cg_eyes", "cg_eyes", "cg_door", "cg_door", "cg_eyes"):
        calls.clear()
        _frame(assets, stage, "sunset", compositor=comp)
        per_frame.append(len(calls))
    # a change of stage: once; its planes built, before they are lit: once; the end of a frame
    # that built: once
    assert per_frame == [3, 0, 3, 0, 3]
