"""Extras > Gallery: a key-beat image (a map with a `gallery` property) is unlocked when a script
shows it, stays unlocked across runs, and a locked one is never drawn."""

from __future__ import annotations

import pygame
import pytest
from app_helpers import make_player, run, write_game

from vn.saves import Persistent, SaveStore
from vn.ui.extras import ExtrasView
from vn.ui.gallery import TILE_H, TILE_W, GalleryView, ImageView

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">'
       '<rect x="{x}" y="0" width="960" height="1080" fill="{fill}"/></svg>')


def _map(title: str | None, order: int | None = None, image: str = "plane.svg") -> str:
    props = ""
    if title is not None:
        props += f'  <property name="gallery" value="{title}"/>\n'
    if order is not None:
        props += f'  <property name="gallery_order" type="int" value="{order}"/>\n'
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<map version="1.8" orientation="orthogonal" renderorder="right-down" width="16" height="9" '
            'tilewidth="120" tileheight="120" infinite="0" nextlayerid="3" nextobjectid="2">\n'
            f' <properties>\n{props} </properties>\n'
            f' <imagelayer id="1" name="plane">\n  <image source="{image}" width="1920" height="1080"/>\n'
            ' </imagelayer>\n'
            ' <objectgroup id="2" name="marks">\n  <object id="1" name="here" x="960" y="540"><point/></object>\n'
            ' </objectgroup>\n</map>\n')


GAME = {
    "game.yaml": """
        title: Gallery Test
        start: start
    """,
    "story.yaml": """
        start:
          - stage: room
          - Line in the room.
          - stage: cg_one
          - Line over the first image.
          - stage: room
          - The last line.
          - end
    """,
}


@pytest.fixture
def game(dirs):
    folder = write_game(dirs / "game", GAME)
    stages = folder / "assets" / "stages"
    stages.mkdir(parents=True)
    (stages / "plane.svg").write_text(SVG.format(x=0, fill="#e0e0e0"))
    (stages / "room.tmx").write_text(_map(None))
    (stages / "cg_one.tmx").write_text(_map("First light", 1))
    (stages / "cg_two.tmx").write_text(_map("Second light", 2))
    return folder


def _play_through(p, seconds: float = 8.0) -> None:
    p.start_game()
    for _ in range(int(seconds / 0.5)):
        if p.session is None or p.session.ended:
            break
        p.session.click(p.now)
        run(p, 0.5, step=0.25)


def test_the_gallery_lists_maps_with_the_property_in_order(game):
    p = make_player(game)
    assert p.screen.assets.gallery_images() == [("cg_one", "First light"), ("cg_two", "Second light")]


def test_an_image_is_unlocked_once_shown_and_survives_a_restart(game, dirs):
    p = make_player(game)
    assert p.persistent().gallery == []
    _play_through(p)
    assert p.persistent().gallery == ["cg_one"]  # the ordinary room is not a gallery image
    p.keep_persistent()
    # a new run reads it back from disk
    again = make_player(game)
    assert again.persistent().gallery == ["cg_one"]
    store = SaveStore.for_game(again.game)
    assert store.persistent().gallery == ["cg_one"]


def test_persistent_gallery_round_trips_and_ignores_junk(tmp_path):
    p = Persistent()
    p.see_image("cg_a")
    p.see_image("cg_a")
    p.see_image("cg_b")
    data = p.to_json()
    assert data["gallery"] == ["cg_a", "cg_b"]
    store = SaveStore(tmp_path)
    assert store.write_persistent(p)
    assert store.persistent().gallery == ["cg_a", "cg_b"]
    raw = store.persistent_path.read_text("utf-8").replace('"cg_b"', '42')
    store.persistent_path.write_text(raw, "utf-8")
    assert store.persistent().gallery == ["cg_a"]


def _tile_pixels(p, view: GalleryView, slot: int) -> tuple[int, int]:
    """(bright, total) pixels sampled in a tile's rectangle on the canvas."""
    x, y, w, h = view.tile_rect(slot)
    rect = p.viewport.rect(x, y, w, h).inflate(-8, -8)
    bright = total = 0
    for yy in range(rect.top, rect.bottom, 4):
        for xx in range(rect.left, rect.right, 4):
            c = p.canvas.get_at((xx, yy))
            total += 1
            if c[0] + c[1] + c[2] > 300:
                bright += 1
    return bright, total


def test_a_locked_image_is_never_drawn_and_a_seen_one_is(game):
    p = make_player(game)
    extras = ExtrasView(p)
    p.open(extras)
    assert extras.group.control("gallery").label.endswith("0/2")
    view = GalleryView(p)
    p.open(view)
    run(p, 0.5, step=0.1)
    p.draw()
    assert view.thumbs == {}  # nothing of a locked image is rendered
    assert not any(c.enabled for c in view.group.controls if c.key.startswith("cg:"))
    bright, total = _tile_pixels(p, view, 0)
    assert bright < total * 0.05  # the light-grey plane does not show through a locked tile
    view.show(0)
    assert p.stack.top is view  # picking a locked image opens nothing
    view.close()
    p.persistent().see_image("cg_one")
    view = GalleryView(p)
    p.open(view)
    run(p, 0.5, step=0.1)
    p.draw()
    size = (p.viewport.px(TILE_W), p.viewport.px(TILE_H))
    assert ("cg_one", size) in view.thumbs and not any(k[0] == "cg_two" for k in view.thumbs)
    bright, total = _tile_pixels(p, view, 0)
    assert bright > total * 0.3  # the seen image's picture is in its tile
    bright2, total2 = _tile_pixels(p, view, 1)
    assert bright2 < total2 * 0.05
    # picked, it fills the screen; Esc comes back
    view.group.control("cg:cg_one").on_activate()
    assert isinstance(p.stack.top, ImageView)
    run(p, 0.2, step=0.1)
    p.draw()
    frame = p.canvas
    assert frame.get_at((frame.get_width() // 4, frame.get_height() // 2))[0] > 150
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
    run(p, 0.2, step=0.1)
    assert p.stack.top is view


def test_the_gallery_property_is_checked(tmp_path):
    from vn.stage.layout import load_layout

    (tmp_path / "plane.svg").write_text(SVG.format(x=0, fill="#ffffff"))
    bad = _map("First light").replace('name="gallery" value="First light"', 'name="gallery" type="int" value="3"')
    (tmp_path / "bad.tmx").write_text(bad)
    _, diags = load_layout(tmp_path / "bad.tmx", lambda q: True)
    assert any("gallery" in d.message and d.severity == "error" for d in diags)


def test_the_title_screen_is_not_drawn_on_a_gallery_image(game):
    from vn.ui.title import title_stage

    p = make_player(game)
    assert title_stage(p.game, p.screen.assets) == "room"  # cg_one sorts first but is a close-up


def test_the_title_screen_shows_the_stage_the_story_opens_on(game):
    from vn.ui.title import title_stage

    stages = game / "assets" / "stages"
    (stages / "a_corridor.tmx").write_text(_map(None))  # sorts first, but the story opens in the room
    p = make_player(game)
    assert title_stage(p.game, p.screen.assets, p.screen.program) == "room"
    assert title_stage(p.game, p.screen.assets) == "a_corridor"  # without a program: by name
