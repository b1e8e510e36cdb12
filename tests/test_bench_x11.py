"""`vn bench`'s idle figure in a real X11 window (a private Xvfb): the loop really blocks in
the window system's wait and draws nothing at a shown line (no timing is asserted)."""

import pytest

from vn.tools.bench import idle_x11


def test_an_idle_x11_window_blocks_and_draws_nothing():
    figure = idle_x11(None, 1.0)
    if "skipped" in figure:
        pytest.skip(figure["skipped"])
    assert "error" not in figure, figure
    assert figure["video_driver"] == "x11" and figure["blocking_wait"], figure
    assert figure["redraws_per_s"] == 0.0, figure
    assert figure["cpu_percent"] >= 0.0
