"""Maps made in Tiled's formats drawn the way Tiled draws them: each fixture compared with
Tiled's `tmxrasterizer` by the mean colours of 8 px squares."""

from __future__ import annotations

from dataclasses import replace

import pygame
import pytest

from tests.probes import require_tmxrasterizer
from tests.render.tiled_reference import FIXTURES, aligned, grid_stats, ours, rasterize
from vn.render.images import ImageCache
from vn.render.tiled import draw_layer
from vn.stage.layout import TileObject, load_layout

pygame.init()


@pytest.fixture(scope="module")
def tiled(tmp_path_factory):
    require_tmxrasterizer()  # draws a tiny known map (an SVG and a PNG layer) right, or skip
    tmp = tmp_path_factory.mktemp("tiled")

    def run(name: str, *args: str) -> pygame.Surface:
        pic = rasterize(FIXTURES / f"{name}.tmx", tmp / f"{name}.png", "--hide-layer", "marks",
                        "--hide-layer", "lights", *args)
        assert pic is not None, f"tmxrasterizer failed on {name}.tmx"
        return pic

    return run


def _load(name: str):
    layout, diags = load_layout(FIXTURES / f"{name}.tmx")
    assert layout is not None, [d.format() for d in diags]
    assert not [d for d in diags if d.severity == "error"], [d.format() for d in diags]
    return layout


@pytest.mark.parametrize("name", ["colorkey", "old", "nosize", "objects", "wide"])
def test_map_matches_tmxrasterizer(tiled, name):
    """Tile layers in every encoding with flips, spacing, margin, tile offset, colour key,
    opacity and tint; an old map without ids; a tileset without image sizes; tile objects from
    an image collection and a sheet, scaled, rotated, flipped and hidden; repeated image layers.
    (Object templates are compared separately: Tiled 1.8's tmxrasterizer draws them as boxes.)"""
    hide = ("templated",)
    reference = tiled(name, *[a for h in hide for a in ("--hide-layer", h)])
    mine = aligned(reference, ours(_load(name), hide=hide))
    mean, worst = grid_stats(reference, mine)
    assert mean < 3.0 and worst < 64, f"{name}: differs from Tiled (mean {mean:.1f}, worst square {worst})"


def test_animation_frames_match_tmxrasterizer(tiled):
    layout = _load("animated")
    for ms, t in ((0, 0.0), (150, 0.15), (450, 0.45), (750, 0.75)):
        reference = tiled("animated", "--advance-animations", str(ms))
        mean, worst = grid_stats(reference, aligned(reference, ours(layout, t)))
        assert mean < 3.0 and worst < 64, f"at {ms} ms: mean {mean:.1f}, worst {worst}"


def test_a_wrong_picture_fails_the_comparison(tiled):
    """The statistic sees a flipped tile: without it the tests above would prove nothing."""
    layout = _load("colorkey")
    reference = tiled("colorkey")
    layer = layout.layers[0]
    row0 = list(layer.tiles[0])
    row0[0] |= 0x80000000
    broken = replace(layout, layers=(replace(layer, tiles=(tuple(row0), *layer.tiles[1:])), *layout.layers[1:]))
    _, worst = grid_stats(reference, aligned(reference, ours(broken)))
    assert worst >= 100, worst


def test_template_instances_draw_as_the_object_they_stand_for():
    layout = _load("objects")
    templated = next(layer for layer in layout.layers if layer.name == "templated")
    first, second = templated.objects
    assert (first.gid, first.width, first.height, first.rotation) == (1, 24, 40, 15)
    assert (second.x, second.y, second.rotation) == (120, 126, -20)  # the instance overrides
    explicit = replace(templated, objects=(TileObject(0, "", 1, 70, 120, 24, 40, 15.0),
                                           TileObject(0, "", 1, 120, 126, 24, 40, -20.0)))
    cache = ImageCache()
    a, pa = draw_layer(templated, layout, cache, (1.0, 1.0))
    b, pb = draw_layer(explicit, layout, cache, (1.0, 1.0))
    assert pa == pb
    assert pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")
    assert a.get_bounding_rect().w > 20  # and something was drawn


def test_rotation_about_the_bottom_left_corner():
    """A 24x40 tile object at (100, 48) turned 90 degrees clockwise about its bottom-left
    corner covers x 100..140, y 48..72 (not a box rotated about its centre)."""
    layout = _load("objects")
    props = next(layer for layer in layout.layers if layer.name == "props")
    turned = replace(props, objects=tuple(o for o in props.objects if o.name == "turned"))
    surf, pos = draw_layer(turned, layout, ImageCache(), (1.0, 1.0))
    box = surf.get_bounding_rect().move(pos)
    assert abs(box.x - 100) <= 1 and abs(box.y - 48) <= 1
    assert abs(box.w - 40) <= 2 and abs(box.h - 24) <= 2


def _game_with(tmp_path, *names: str, size=(128, 96)):
    import shutil

    from vn.stage.assets import GameAssets

    stages = tmp_path / "game" / "assets" / "stages"
    stages.mkdir(parents=True)
    for f in FIXTURES.iterdir():
        if f.suffix in (".png", ".svg", ".tsx", ".tx") or f.stem in names:
            shutil.copy(f, stages / f.name)
    return GameAssets(tmp_path / "game", size=size)


def test_animated_stage_wakes_the_loop_only_at_frame_changes(tmp_path):
    from tests.stage.helpers import direction
    from vn.render.compositor import Compositor
    from vn.stage.scene import Scene

    assets = _game_with(tmp_path, "animated")
    scene = Scene(assets)
    scene.apply(direction("stage", name="animated"), 10.0)
    assert not scene.busy(10.05)  # an animation is not "busy": the loop sleeps between frames
    assert scene.next_frame(10.05) == pytest.approx(10.1)
    assert scene.next_frame(10.1) == pytest.approx(10.3)
    comp = Compositor(assets, ImageCache())
    pics = {}
    for t in (10.0, 10.05, 10.15, 10.35):
        surf = pygame.Surface((128, 96))
        comp.draw(surf, scene.view(t))
        pics[t] = pygame.image.tobytes(surf, "RGB")
    assert pics[10.0] == pics[10.05]  # the same frame of the animation
    assert len({pics[10.05], pics[10.15], pics[10.35]}) == 3
    # the lamp (tile 0 -> 1 -> 2: red, green, blue) at the top-left cell
    surf = pygame.Surface((128, 96))
    comp.draw(surf, scene.view(10.15))
    r, g, b = surf.get_at((12, 10))[:3]
    assert g > r and g > b
