from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vn.easing import EASINGS, ease
from vn.stage.clock import Clock
from vn.stage.color import lerp_color, oklab_to_rgb, parse_hex, rgb_to_oklab, to_hex
from vn.stage.tween import Tween, lerp, progress, tween_value


def test_parse_hex():
    assert parse_hex("#ff8a50") == (255, 138, 80)
    assert to_hex((255, 138, 80)) == "#ff8a50"
    for bad in ("ff8a50", "#fff", "#ff8a5g", None, 3):
        with pytest.raises(ValueError):
            parse_hex(bad)  # type: ignore[arg-type]


@given(st.tuples(*[st.integers(0, 255)] * 3))
def test_oklab_round_trip(rgb):
    back = oklab_to_rgb(rgb_to_oklab(rgb))
    assert all(abs(a - b) < 0.01 for a, b in zip(rgb, back, strict=True))


def test_lerp_color_ends_are_exact():
    a, b = (58.0, 29.0, 72.0), (255.0, 107.0, 61.0)
    assert lerp_color(a, b, 0.0) == a
    assert lerp_color(a, b, 1.0) == b


def test_oklab_midpoint_is_perceptual():
    # red -> blue: an sRGB mix gives a dark (128, 0, 128); OKLab keeps it lighter and
    # its lightness is half-way between the ends
    red, blue = (255.0, 0.0, 0.0), (0.0, 0.0, 255.0)
    mid = lerp_color(red, blue, 0.5)
    L_mid = rgb_to_oklab(mid)[0]
    assert L_mid == pytest.approx((rgb_to_oklab(red)[0] + rgb_to_oklab(blue)[0]) / 2, abs=0.01)
    assert sum(mid) > 128 + 128
    # black -> white midpoint is perceptual mid grey, not sRGB 127
    grey = lerp_color((0.0, 0.0, 0.0), (255.0, 255.0, 255.0), 0.5)
    assert rgb_to_oklab(grey)[0] == pytest.approx(0.5, abs=0.01)
    assert grey[0] == pytest.approx(grey[1], abs=0.5) == pytest.approx(grey[2], abs=0.5)


@pytest.mark.parametrize("name", sorted(EASINGS))
def test_easing_endpoints(name):
    assert ease(name, 0.0) == pytest.approx(0.0, abs=1e-9)
    assert ease(name, 1.0) == pytest.approx(1.0, abs=1e-9)
    assert ease(name, -3.0) == pytest.approx(0.0, abs=1e-9)
    assert ease(name, 7.0) == pytest.approx(1.0, abs=1e-9)


def test_tween_values():
    assert tween_value(0, 10, start=2, duration=4, easing="linear", now=1) == 0
    assert tween_value(0, 10, start=2, duration=4, easing="linear", now=3) == pytest.approx(2.5)
    assert tween_value(0, 10, start=2, duration=4, easing="linear", now=9) == 10
    assert tween_value(0, 10, 0, 1, "sine_in_out", 0.5) == pytest.approx(5.0)
    assert progress(5, 5, 0) == 1.0 and progress(4.9, 5, 0) == 0.0
    t = Tween(0.0, 10.0, 1.0, 2.0, "quad_in", lerp)
    assert t.at(0) == 0 and t.at(2) == pytest.approx(2.5) and t.at(3) == 10 and t.end == 3
    assert t.running(2) and not t.running(3)


def test_clock_scales_and_clamps():
    c = Clock()
    assert c.advance(0.016) == pytest.approx(0.016)
    assert c.advance(5.0) == pytest.approx(0.116)  # a hitch counts as max_step
    c.speed = 10
    assert c.advance(0.01) == pytest.approx(0.216)
    assert c.advance(-1) == pytest.approx(0.216)
    assert c.now == pytest.approx(0.216)
    with pytest.raises(ValueError):
        c.speed = -1
    assert not math.isnan(c.now)
