"""The rim light on edges that face up follows the light's height (`faces: up` rim layers, the
preset's `rim_top`): the bundled chair's tops stay dark under a low sun and catch the sky at
night, and the rest of the picture is what it was."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402
from types import MappingProxyType  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.stage.helpers import ROOT  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.render.lighting import StageLighter, build_stage_maps  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.layout import load_layout  # noqa: E402
from vn.stage.sun import Sky, light_at, solar_position  # noqa: E402

K = 0.25  # a sixteenth of the pixels: the same code


@pytest.fixture(scope="module")
def assets():
    return GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})


def _lit(layout, light) -> pygame.Surface:
    maps = build_stage_maps(layout, ImageCache(), K)
    return StageLighter(maps, layout).lit(light)


def _chair_tops(layout) -> pygame.Rect:
    """Where the chair's `faces: up` rim paints (map px x K)."""
    maps = build_stage_maps(layout, ImageCache(), K)
    assert maps.rim_top is not None
    return maps.rim_top_rect


def _without_faces(layout):
    """The same stage with the chair's top rim an ordinary rim layer."""
    layers = tuple(replace(x, properties=MappingProxyType({k: v for k, v in x.properties.items() if k != "faces"}))
                   for x in layout.layers)
    return replace(layout, layers=layers)


def _dropped(layout):
    """The same stage without the chair's top rim."""
    return replace(layout, layers=tuple(x for x in layout.layers if x.properties.get("faces") != "up"))


def test_a_rim_facing_up_takes_the_share_the_preset_gives_it(assets):
    layout = assets.stage("living_room")
    assert any(x.properties.get("faces") == "up" for x in layout.layers)
    presets = assets.presets
    # rim_top 1: an ordinary rim (two tinted maps added, not one: where a side and a top rim
    # overlap the sum is no longer clipped before the tint, so only ever a little brighter);
    # rim_top 0: exactly as if it were not there
    for preset in ("night", "sunrise"):
        whole = replace(presets[preset], rim_top=1.0)
        diffs = _diffs(_lit(layout, whole), _lit(_without_faces(layout), whole))
        assert min(diffs) >= -1 and sum(map(abs, diffs)) / len(diffs) < 0.05
        none = replace(presets[preset], rim_top=0.0)
        assert pygame.image.tobytes(_lit(layout, none), "RGB") == pygame.image.tobytes(_lit(_dropped(layout), none), "RGB")
        assert _max_diff(_lit(layout, none), _lit(layout, whole)) > 40  # (and it does light something)


def _diffs(a: pygame.Surface, b: pygame.Surface) -> list[int]:
    """Channel by channel, a - b (no numpy: it is not a dependency)."""
    return [x - y for x, y in zip(pygame.image.tobytes(a, "RGB"), pygame.image.tobytes(b, "RGB"), strict=True)]


def _max_diff(a: pygame.Surface, b: pygame.Surface) -> int:
    return max(map(abs, _diffs(a, b)))


def _mean(surf: pygame.Surface, rect: pygame.Rect) -> float:
    """The mean of R + G + B over the pixels of `rect`."""
    data = pygame.image.tobytes(surf.subsurface(rect), "RGB")
    return sum(data) / (len(data) // 3)


def test_the_chairs_tops_are_dark_under_a_low_sun_and_catch_the_night_sky(assets):
    layout = assets.stage("living_room")
    presets = assets.presets
    tops = _chair_tops(layout)
    for name in ("sunset", "last_rays", "sunrise"):  # a low sun: the tops add little
        light = presets[name]
        assert light.rim_top <= 0.2, name
        low, full = _lit(layout, light), _lit(layout, replace(light, rim_top=1.0))
        assert _mean(full, tops) - _mean(low, tops) > 3 * (_mean(low, tops) - _mean(_lit(_dropped(layout), light), tops)), name
    night = presets["night"]
    assert night.rim_top >= 0.9  # the sky overhead lights them
    assert _mean(_lit(layout, night), tops) > _mean(_lit(_dropped(layout), night), tops) + 1


def test_light_from_the_clock_lights_tops_by_the_suns_height():
    sky = Sky(view_azimuth=270.0)
    by_height = sorted((solar_position(265, m, sky.latitude, sky.longitude, sky.utc_offset)[0],
                        light_at(m, sky, (1920, 1080)).rim_top) for m in range(0, 24 * 60, 10))
    for elevation, top in by_height:
        if elevation > 35:
            assert top == pytest.approx(1.0)
        elif 0 <= elevation < 5:
            assert top < 0.25  # a low sun: the tops stay dark
        elif elevation < -4:
            assert top == pytest.approx(0.9)  # the sky overhead
    risen = [top for elevation, top in by_height if elevation >= 0]
    assert risen == sorted(risen)  # climbs with the sun


def test_faces_is_checked(tmp_path):
    def stage(props: str, light: str = "rim") -> list[str]:
        (tmp_path / "s.tmx").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<map version="1.8" orientation="orthogonal" width="16" height="9" tilewidth="120" tileheight="120">\n'
            ' <imagelayer id="1" name="tops"><image source="x.png" width="10" height="10"/>\n'
            f'  <properties><property name="light" value="{light}"/>{props}</properties>\n'
            ' </imagelayer>\n</map>\n')
        _, diags = load_layout(tmp_path / "s.tmx")
        return [d.message for d in diags if d.severity == "error"]

    assert not [d for d in stage('<property name="faces" value="up"/>') if "faces" in d]
    assert any('faces must be "up"' in d for d in stage('<property name="faces" value="down"/>'))
    assert any("faces needs a rim layer" in d for d in stage('<property name="faces" value="up"/>', "ambient"))
