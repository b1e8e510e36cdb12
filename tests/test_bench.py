"""`vn bench` runs and reports every figure (no timing is asserted: figures go in notes)."""

from vn.tools.bench import run_bench


def test_bench_reports_every_figure_and_the_idle_loop_draws_nothing():
    figures = run_bench(quick=True)
    for key in ("frame_1280x720", "frame_1920x1080"):
        assert figures[key]["frames"] == 60 and figures[key]["median_ms"] > 0
    assert figures["script_100k"]["errors"] == 0 and figures["script_100k"]["lines"] >= 10_000
    assert "process_to_first_frame_s" in figures["startup"], figures["startup"]
    # behaviour, not speed: while a fully shown line waits, the loop draws no frame at all
    assert figures["idle"]["fps"] == 0.0
