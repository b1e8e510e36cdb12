"""What a stage keeps in memory, and that keeping less never changes a pixel.

A parallax run laid over the planes below keeps its maps only where it covers anything (its
`area`), its coverage as the ambient map's alpha; a stage no longer shown lets go of its lit
copies. Each is checked against the same pictures made the long way: the run's maps kept whole
(`crop=False`), a stage lit afresh."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402
from functools import partial  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

import vn.render.compositor as compositor_module  # noqa: E402
import vn.render.lighting as lighting_module  # noqa: E402
from tests.render.tiled_reference import FIXTURES  # noqa: E402
from tests.stage.helpers import ROOT, direction  # noqa: E402
from vn.render.compositor import Compositor  # noqa: E402
from vn.render.images import ImageCache, content_rect  # noqa: E402
from vn.render.lighting import StageLighter, build_stage_maps, parallax_runs  # noqa: E402
from vn.render.tiled import draw_layer  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.layout import load_layout  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402

SIZE = (480, 270)  # a quarter of 1080p: the same code, a sixteenth of the pixels
PRESETS = ("sunset", "night", "burning")
ROLES = ("ambient", "emissive", "rim", "sky", "none")


@pytest.fixture(scope="module")
def assets():
    return GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})


def _wide_with_roles():
    """The wide fixture (planes at three depths), its layers given every light role in turn."""
    layout, _ = load_layout(FIXTURES / "wide.tmx")
    layers = tuple(replace(layer, light=ROLES[i % len(ROLES)]) for i, layer in enumerate(layout.layers))
    return replace(layout, layers=layers)


def _layouts(assets):
    return [("cg_town", assets.stage("cg_town")), ("cg_eyes", assets.stage("cg_eyes")),
            ("living_room", assets.stage("living_room")), ("wide", _wide_with_roles())]


def _pixels(surf: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surf, "RGBA" if surf.get_masks()[3] else "RGB")


def _upper_runs(layout):
    """(k, layers of each run laid over another) as the compositor cuts the stage: each
    parallax run above the first, and the runs its marks and light polygons cut out."""
    st = compositor_module._Stage(layout, ImageCache(), SIZE)
    return st.k_ref, [layers for _, layers, _ in st.runs[1:]]


def test_an_upper_run_keeps_only_where_it_covers_and_lights_the_same(assets):
    images = ImageCache()
    checked = 0
    for name, layout in _layouts(assets):
        k, runs = _upper_runs(layout)
        assert runs, name
        for layers in runs:
            cropped = build_stage_maps(layout, images, k, 0.0, layers, bottom=False)
            whole = build_stage_maps(layout, images, k, 0.0, layers, bottom=False, crop=False)
            area = cropped.area
            assert whole.area == pygame.Rect(0, 0, *whole.size)
            # every pixel a layer of the run draws lies in the kept area
            for layer in layers:
                got = draw_layer(layer, layout, images, (k, k))
                if got is not None:
                    drawn = content_rect(got[0]).move(got[1]).clip(pygame.Rect(0, 0, *whole.size))
                    assert not drawn.w or area.contains(drawn), (name, layer.name, drawn, area)
            for preset in PRESETS:
                light = assets.preset(preset)
                small, big = StageLighter(cropped, layout).over(light), StageLighter(whole, layout).over(light)
                assert _pixels(small) == _pixels(big.subsurface(area)), (name, preset)
                outside = big.copy()
                outside.fill((0, 0, 0, 0), area)
                assert outside.get_bounding_rect().size == (0, 0), (name, preset)  # nothing left out
                assert not any(_pixels(outside)), (name, preset)
                # the coverage, and the opaque lit planes, agree too
                assert _pixels(cropped.coverage()) == _pixels(whole.coverage().subsurface(area))
                assert _pixels(StageLighter(cropped, layout).full(light)) == \
                    _pixels(StageLighter(whole, layout).full(light).subsurface(area))
                checked += 1
    assert checked >= 3 * 4


def test_upper_run_over_is_its_lit_planes_with_their_coverage_as_alpha(assets):
    """The laid-over picture's colour is the run's planes lit as if they were the lowest (its
    ambient colour, emissive, rim, sky added), its alpha their coverage."""
    layout = assets.stage("cg_town")
    k, runs = _upper_runs(layout)
    images = ImageCache()
    for layers in runs:
        maps = build_stage_maps(layout, images, k, 0.0, layers, bottom=False)
        lighter = StageLighter(maps, layout)
        for preset in PRESETS:
            light = assets.preset(preset)
            over = lighter.over(light)
            opaque = pygame.Surface(over.get_size())
            opaque.blit(over, (0, 0), special_flags=pygame.BLEND_RGB_MAX)  # (max onto black: its colour)
            assert _pixels(opaque) == _pixels(lighter.full(light))
            alpha = maps.coverage()
            assert pygame.image.tobytes(over, "RGBA")[3::4] == pygame.image.tobytes(alpha, "RGBA")[3::4]


def _frame(assets, stage, preset, camera=None, compositor=None):
    scene = Scene(assets)
    scene.apply(direction("stage", name=stage), 0)
    scene.apply(direction("light", preset=preset), 0)
    if camera is not None:
        scene.apply(direction("camera", **camera), 0)
    surf = pygame.Surface(SIZE)
    (compositor or Compositor(assets, ImageCache())).draw(surf, scene.view(60.0))
    return surf


@pytest.mark.parametrize("stage", ["cg_town", "cg_door", "living_room"])
def test_frames_with_cropped_runs_equal_frames_with_whole_runs(assets, stage, monkeypatch):
    cropped = [_frame(assets, stage, p) for p in PRESETS]
    monkeypatch.setattr(compositor_module, "build_stage_maps", partial(build_stage_maps, crop=False))
    whole = [_frame(assets, stage, p) for p in PRESETS]
    for p, a, b in zip(PRESETS, cropped, whole, strict=True):
        assert _pixels(a) == _pixels(b), (stage, p)


def test_a_stage_shown_again_after_another_draws_the_same_frame(assets):
    """The room, shown before a key-beat image, is kept (its maps only: none of its lit copies);
    a key-beat image's many planes are not kept once another stage shows, and are built again.
    Either way the frame drawn again is the one drawn before, and a fresh compositor's."""
    comp = Compositor(assets, ImageCache())
    room = _frame(assets, "living_room", "sunset", compositor=comp)
    town = _frame(assets, "cg_town", "burning", compositor=comp)
    kept = [st for (name, _), st in comp._stages.items() if name == "living_room"]
    assert kept, "the room shown before is kept (its maps)"
    assert kept[0].map_bytes() <= compositor_module.KEEP_PICTURES * SIZE[0] * SIZE[1] * 4
    for lit in kept[0]._lighters.values():  # ...but none of its lit copies
        assert all(lighter._base is None and lighter._over is None and lighter._full is None for lighter in lit)
    town_stage = [st for (name, _), st in comp._stages.items() if name == "cg_town"][0]
    assert town_stage.map_bytes() > compositor_module.KEEP_PICTURES * SIZE[0] * SIZE[1] * 4
    again = _frame(assets, "living_room", "sunset", compositor=comp)
    assert [name for name, _ in comp._stages] == ["living_room"], "the key-beat image is let go"
    assert _pixels(again) == _pixels(room)
    town_again = _frame(assets, "cg_town", "burning", compositor=comp)
    assert comp._stages[("cg_town", SIZE)] is not town_stage  # built again
    assert _pixels(town_again) == _pixels(town) == _pixels(_frame(assets, "cg_town", "burning"))


@pytest.mark.parametrize("stage", ["cg_eyes", "cg_chair", "living_room"])
def test_a_sky_that_shows_fully_keeps_no_mask_and_lights_the_same(assets, stage):
    """A key-beat image's bottom plane is often one full-picture sky layer: its mask would be
    all white (8 MB at 1080p), so none is kept; the lit planes are those lit through a white
    mask. A room's window keeps its mask (the sky shows only through the glass)."""
    layout = assets.stage(stage)
    k = SIZE[0] / layout.size[0]
    maps = build_stage_maps(layout, ImageCache(), k, layers=parallax_runs(layout)[0][1])  # the bottom run
    assert maps.has_sky
    if stage == "living_room":
        assert maps.sky is not None
        return
    assert maps.sky is None
    masked = replace(maps, sky=maps.sky_mask())
    for preset in PRESETS:
        light = assets.preset(preset)
        assert _pixels(StageLighter(maps, layout).full(light)) == _pixels(StageLighter(masked, layout).full(light))
        assert _pixels(StageLighter(maps, layout).lit(light)) == _pixels(StageLighter(masked, layout).lit(light))


def test_the_room_shown_again_after_a_key_beat_draws_the_same_beams(assets):
    """The room's light polygons keep only their quarter-size masks while another stage shows;
    shown again, it draws the frame it drew before (and a fresh compositor's)."""
    comp = Compositor(assets, ImageCache())
    first = _frame(assets, "living_room", "sunset", compositor=comp)
    _frame(assets, "cg_town", "burning", compositor=comp)
    kept = [st for (name, _), st in comp._stages.items() if name == "living_room"][0]
    shapes = [shape for beams in kept._beams.values() for shape in beams.shapes]
    assert any(shape._small is not None for shape in shapes)
    assert all(shape._mask is None for shape in shapes if shape._small is not None)
    again = _frame(assets, "living_room", "sunset", compositor=comp)
    assert _pixels(first) == _pixels(again) == _pixels(_frame(assets, "living_room", "sunset"))


@pytest.mark.parametrize("stage", ["cg_eyes", "cg_town", "living_room"])
def test_lowest_planes_with_no_ambient_paint_keep_no_ambient_map_and_light_the_same(assets, stage, monkeypatch):
    """A key-beat image's bottom plane is one full-picture sky: its ambient map would be the
    static threshold alone on black (8 MB at 1080p), so none is kept and it is made again when
    lit; the lit planes and the frame are those lit from the map kept. A room keeps its map."""
    layout = assets.stage(stage)
    k = SIZE[0] / layout.size[0]
    bottom = parallax_runs(layout)[0][1]
    maps = build_stage_maps(layout, ImageCache(), k, layers=bottom)
    if stage == "living_room":
        assert maps.ambient is not None
        return
    assert maps.ambient is None
    first = [_frame(assets, stage, p) for p in PRESETS]
    monkeypatch.setattr(lighting_module, "_all_black", lambda surf: False)  # the map kept, as before
    kept = build_stage_maps(layout, ImageCache(), k, layers=bottom)
    assert kept.ambient is not None
    assert _pixels(maps.ambient_map()) == _pixels(kept.ambient)
    for preset, frame in zip(PRESETS, first, strict=True):
        light = assets.preset(preset)
        assert _pixels(StageLighter(maps, layout).lit(light)) == _pixels(StageLighter(kept, layout).lit(light))
        assert _pixels(StageLighter(maps, layout).full(light)) == _pixels(StageLighter(kept, layout).full(light))
        assert _pixels(frame) == _pixels(_frame(assets, stage, preset)), preset


def test_a_run_of_light_alone_keeps_no_ambient_map_and_lights_the_same(assets):
    """Planes laid over others that are emissive or rim light alone (a key-beat image's sparks)
    cover nothing: their ambient map would be all clear, so none is kept; they light the same as
    through a clear one."""
    layout = assets.stage("cg_town")
    k, runs = _upper_runs(layout)
    images = ImageCache()
    # cg_town's embers, fires' licks and rims, taken as a run of their own (the art lays its
    # embers in with the figures; a mod may well give them a run alone)
    light_alone = [[layer for layer in layers if layer.light in ("emissive", "rim")] for layers in runs]
    alone = [build_stage_maps(layout, images, k, 0.0, layers, bottom=False) for layers in light_alone if layers]
    assert alone, "cg_town has emissive or rim light planes above its bottom"
    for maps in alone:
        assert maps.ambient is None and maps.bounds.w and maps.bounds.h
        clear = pygame.Surface(maps.area.size, pygame.SRCALPHA)
        clear.fill((0, 0, 0, 0))
        kept = replace(maps, ambient=clear)
        assert _pixels(maps.coverage()) == _pixels(kept.coverage())
        for preset in PRESETS:
            light = assets.preset(preset)
            assert _pixels(StageLighter(maps, layout).over(light)) == _pixels(StageLighter(kept, layout).over(light))
            assert _pixels(StageLighter(maps, layout).full(light)) == _pixels(StageLighter(kept, layout).full(light))


def _fade_from_town_to_room(assets, comp):
    """The burning town drawn by `comp` at 5 s, then a fade (2 s) to the room from 10 s: the
    scene's view at each time."""
    scene = Scene(assets)
    scene.apply(direction("stage", name="cg_town"), 0)
    scene.apply(direction("light", preset="burning"), 0)
    comp.draw(pygame.Surface(SIZE), scene.view(5.0))
    scene.apply(direction("transition", kind="fade", over=2.0), 10.0)
    scene.apply(direction("stage", name="living_room"), 10.0)
    return scene.view


def test_a_fade_lets_go_of_the_stage_it_froze_and_then_of_the_frozen_picture(assets):
    """While a fade shows the frozen picture of the stage before, that stage is no longer drawn:
    a key-beat image goes at once (not at the fade's midpoint, on top of the next stage's
    build); past the midpoint the frozen picture goes too. Frames equal a fresh compositor's."""
    comp = Compositor(assets, ImageCache())
    view_at = _fade_from_town_to_room(assets, comp)
    assert ("cg_town", SIZE) in comp._stages
    for t, frozen in ((10.4, True), (10.8, True), (11.4, False), (11.8, False)):
        view = view_at(t)
        assert view.transition is not None and view.transition.kind == "fade"
        got, fresh = pygame.Surface(SIZE), pygame.Surface(SIZE)
        comp.draw(got, view)
        Compositor(assets, ImageCache()).draw(fresh, view)
        assert _pixels(got) == _pixels(fresh), t
        assert ("cg_town", SIZE) not in comp._stages, "the frozen stage's planes are let go"
        assert (comp._before is not None) is frozen, t


def test_memory_a_build_freed_is_given_back_at_the_end_of_its_frame(assets, monkeypatch):
    """Building a stage (or a figure's art) frees its scratch: the frame that built it ends by
    handing the heap's free memory back (vn.render.allocator.settle); a frame that built
    nothing does not."""
    from vn.render import allocator

    calls = []
    monkeypatch.setattr(allocator, "give_back", lambda: calls.append(1) or True)
    monkeypatch.setattr(compositor_module, "give_back", lambda: None)  # (the change of stage's own)
    comp = Compositor(assets, ImageCache())
    _frame(assets, "cg_eyes", "sunset", compositor=comp)
    assert calls == [1]
    _frame(assets, "cg_eyes", "sunset", compositor=comp)  # (kept: nothing built)
    assert calls == [1]
    _frame(assets, "cg_eyes", "night", compositor=comp)  # (lit again: nothing built)
    assert calls == [1]
    _frame(assets, "cg_door", "sunset", compositor=comp)
    assert calls == [1, 1]


def _room_with_figures(assets, comp):
    scene = Scene(assets)
    for cmd, args in [("stage", {"name": "living_room"}), ("light", {"preset": "sunset"}),
                      ("show", {"who": "sephiroth", "look": "cold", "at": "window"}),
                      ("show", {"who": "zack", "look": "hurt", "at": "wall"})]:
        scene.apply(direction(cmd, **args), 0)
    surf = pygame.Surface(SIZE)
    comp.draw(surf, scene.view(60.0))
    return surf


def test_a_stage_past_the_budget_is_built_alone_and_what_was_kept_is_made_again(assets, monkeypatch):
    """The room and its figures' art are kept beside a key-beat image only while all of them fit
    in BUDGET_PICTURES; past it they go during the image's build, and the room with its figures
    is made again after it: the same frame as before and as a fresh compositor's."""
    comp = Compositor(assets, ImageCache())
    room = _room_with_figures(assets, comp)
    assert comp.sprites.kept_bytes() > 0
    _frame(assets, "cg_town", "burning", compositor=comp)
    assert [name for name, _ in comp._stages] == ["living_room", "cg_town"], "within the budget: kept"
    assert comp.sprites.kept_bytes() > 0
    _room_with_figures(assets, comp)
    monkeypatch.setattr(compositor_module, "BUDGET_PICTURES", 1.0)
    _frame(assets, "cg_town", "burning", compositor=comp)
    assert [name for name, _ in comp._stages] == ["cg_town"], "past the budget: the room goes"
    assert comp.sprites.kept_bytes() == 0 and not comp.sprites._art, "and the figures' art"
    again = _room_with_figures(assets, comp)
    assert _pixels(again) == _pixels(room) == _pixels(_room_with_figures(assets, Compositor(assets, ImageCache())))
