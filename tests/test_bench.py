"""`vn bench` runs and reports every figure (no timing is asserted: figures go in notes)."""

import json

from vn.tools.bench import big_script_text, run_bench, table, unavoidable


def test_bench_reports_every_figure_and_the_idle_loop_draws_nothing():
    figures = run_bench(quick=True)
    json.dumps(figures)  # one JSON object
    for size in ("1280x720", "1920x1080"):
        floor = figures["floor_ms"][size]
        assert floor["blit_ms"] > 0 and floor["memcpy_ms"] > 0
        heavy = figures["heaviest_frame_ms"][size]
        assert heavy["frames"] == 40 and heavy["median"] > 0 and heavy["median_x_floor"] > 0, heavy
        passes = figures["heaviest_unavoidable"][size]
        assert passes["ms"]["opaque_blit"] == floor["blit_ms"] and passes["x_floor"]["opaque_blit"] == 1.0, passes
    typical = figures["typical_frame_ms"]["1920x1080"]
    assert typical["median"] > 0 and typical["median_x_floor"] > 0, typical
    script = figures["script_load_check_s"]
    assert script["errors"] == 0 and script["lines"] >= 10_000, script
    assert script["cold_s"] >= script["cold_report_s"] > 0 and script["warm_s"] > 0, script
    assert script["cold_write_s"] >= 0 and script["cold_cpu_s"] > 0 and script["workers"] >= 1, script
    assert script["cold_tenth_s"] > 0 and script["growth_x"] > 0 and script["interpreter_s"] > 0, script
    assert figures["startup_to_first_frame_s"] > 0, figures["startup"]
    # the start showed the title's kept first frame (vn.firstframe), then the live title
    up = figures["startup"]
    assert up["kept_frame"] and up["title_s"] > 0 and up["no_kept_frame_s"] > 0, up
    assert figures["resize_to_4k_worst_frame_ms"] > 0, figures["resize"]
    assert figures["save_ms"] > 0 and figures["load_ms"] > 0, figures["save"]
    assert figures["peak_rss_mb"] > 0, figures["memory"]
    # behaviour, not speed: while a fully shown line waits, the loop draws no frame at all
    assert figures["idle_redraws_per_s"]["shown_line"] == 0.0, figures["idle"]
    assert "idle at a shown line" in table(figures)
    # a living scene asks for frames at its motion's own rate, and none with reduce motion
    motion = figures["motion"]
    assert "twinkle" in motion["motion"]["living"], motion
    assert 0 < figures["motion_redraws_per_s"] <= 12, motion
    assert motion["reduce_motion"]["redraws_per_s"] == 0.0, motion
    assert "living scene" in table(figures)


def test_the_unavoidable_passes_are_each_measured_and_summed():
    got = unavoidable((320, 180), 0.5, reps=3)
    ms = got["ms"]
    assert ms["enlarge"] > 0 and ms["dissolve"] > 0 and ms["opaque_blit"] == 0.5
    assert abs(ms["total"] - (ms["enlarge"] + ms["dissolve"] + 0.5)) < 0.002
    assert got["x_floor"]["total"] == round(ms["total"] / 0.5, 1)
    assert "unavoidable passes" in table({"heaviest_unavoidable": {"320x180": got}})


def test_the_generated_script_has_the_lines_it_promises():
    from vn.script import compile_game

    manifest, text = big_script_text(2_000)
    program, diags = compile_game(("game.yaml", manifest), [("big.yaml", text)])
    assert program is not None, [d.format() for d in diags]
    assert program.line_count >= 2_000
    assert any(i.op == "menu" for lab in program.labels.values() for i in lab.code)


def test_the_script_figures_time_vn_check_itself(tmp_path):
    """`script_load_check_s` is `vn check` run from the shell on a generated game folder: the
    report it reads is the real command's (its counts), cold then warm from the entry written."""
    from vn.tools.bench import _script_env, check_run, write_big_game

    files = write_big_game(tmp_path / "game", 2_500)
    assert files == 1 and (tmp_path / "game" / "scripts" / "game.yaml").is_file()
    write_big_game(tmp_path / "big", 12_000)
    assert len(list((tmp_path / "big" / "scripts").glob("part_*.yaml"))) == 3
    cache = str(tmp_path / "cache")
    cold = check_run(tmp_path / "game", cache)
    assert cold["errors"] == 0 and cold["labels"] == 5 and cold["lines"] >= 2_500, cold
    assert cold["s"] >= cold["report_s"] > 0 and cold["cpu_s"] > 0
    assert list((tmp_path / "cache" / "programs").glob("*.json")), "the cold run wrote the entry"
    warm = check_run(tmp_path / "game", cache)
    assert {k: warm[k] for k in ("errors", "warnings", "labels", "lines")} == \
        {k: cold[k] for k in ("errors", "warnings", "labels", "lines")}
    (tmp_path / "game" / "scripts" / "part_000.yaml").write_text("l0:\n  - jump: nowhere\n")
    broken = check_run(tmp_path / "game", cache)
    assert broken["errors"] == 1 and broken["labels"] == 0, broken
    assert "PYTHONDONTWRITEBYTECODE" not in _script_env("off")
