"""Keep-clear areas: a stage's `keep_clear` object layer marks the faces and figures painted into
the picture (a key-beat image has no sprites for the choice menu to measure), the menu's buttons
keep clear of them at every size and camera, and a bad shape is reported at its file, line and
column with a hint.

The expected rectangles are computed here from the map's numbers and the camera (Tiled's
parallax rule), not taken from the engine's own answer."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from app_helpers import make_player, run, to_choice
from ui_helpers import choice

from vn.cli import main
from vn.render.text import TextRenderer
from vn.stage.camera import default_camera
from vn.stage.layout import load_layout
from vn.tools.new import create
from vn.ui import ChoiceMenu, Viewport

ROOT = Path(__file__).resolve().parents[2]
STAGES = ROOT / "assets" / "stages"
CGS = sorted(p.stem for p in STAGES.glob("cg_*.tmx"))
SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]
OPTIONS = ("Go to him.", "Stay by the door, and say his name once, quietly, to see if he turns.", "Say nothing.")


def _map(objects: str, layer: str = "keep_clear", extra: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<map version="1.8" orientation="orthogonal" renderorder="right-down" width="16" height="9" '
            'tilewidth="120" tileheight="120" infinite="0" nextlayerid="3" nextobjectid="20">\n'
            ' <objectgroup id="1" name="marks">\n'
            '  <object id="1" name="here" x="960" y="1000"><point/></object>\n'
            ' </objectgroup>\n'
            f' <objectgroup id="2" name="{layer}"{extra}>\n{objects} </objectgroup>\n'
            '</map>\n')


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- reading the layer ----------------------------------------------------------------------

def test_rectangles_ellipses_and_polygons_are_read_with_the_layer_offset_and_parallax(tmp_path: Path) -> None:
    text = _map('  <object id="2" name="face" x="700" y="100" width="300" height="260"/>\n'
                '  <object id="3" name="round" x="100" y="200" width="80" height="40"><ellipse/></object>\n'
                '  <object id="4" name="hand" x="1200" y="500"><polygon points="0,0 100,20 40,120"/></object>\n'
                '  <object id="5" name="turned" x="0" y="0" width="100" height="10" rotation="90"/>\n',
                extra=' offsetx="10" offsety="-5" parallaxx="0.8" parallaxy="0.8"')
    path = tmp_path / "s.tmx"
    path.write_text(text, "utf-8")
    layout, diags = load_layout(path)
    assert layout is not None and [d for d in diags if d.severity != "info"] == [], [d.format() for d in diags]
    areas = {a.name: a for a in layout.keep_clear}
    assert set(areas) == {"face", "round", "hand", "turned"}
    assert areas["face"].bounds == pytest.approx((710, 95, 300, 260))
    assert areas["round"].bounds == pytest.approx((110, 195, 80, 40), abs=0.5)
    assert areas["hand"].bounds == pytest.approx((1210, 495, 100, 120))
    # turned 90 degrees clockwise about its top-left corner: it hangs down to the left of it
    assert areas["turned"].bounds == pytest.approx((0, -5, 10, 100))
    assert all(a.parallax == (0.8, 0.8) for a in layout.keep_clear)
    # keep-clear shapes are not drawn, and are not marks
    assert layout.layers == () and set(layout.marks) == {"here"}


BAD = [
    ('<object id="2" name="dot" x="10" y="10"><point/></object>', "is a point", "rectangle"),
    ('<object id="2" name="line" x="10" y="10"><polyline points="0,0 50,50"/></object>', "polyline", "polygon tool"),
    ('<object id="2" name="flat" x="10" y="10" width="0" height="40"/>', "has no size", "width and a height"),
    ('<object id="2" name="two" x="10" y="10"><polygon points="0,0 50,50"/></object>', "at least 3 points",
     "polygon"),
    ('<object id="2" name="thin" x="10" y="10"><polygon points="0,0 50,50 100,100"/></object>', "on one line",
     "polygon"),
    ('<object id="2" name="word" x="10" y="10" width="80" height="20"><text>hi</text></object>', "text object",
     "rectangle"),
]


@pytest.mark.parametrize("obj,words,hint", BAD, ids=[b[1] for b in BAD])
def test_a_bad_shape_is_an_error_at_its_line_and_column(tmp_path: Path, obj: str, words: str, hint: str) -> None:
    text = _map(f"  {obj}\n")
    path = tmp_path / "s.tmx"
    path.write_text(text, "utf-8")
    layout, diags = load_layout(path)
    assert layout is not None and layout.keep_clear == ()
    errors = [d for d in diags if d.severity == "error"]
    assert len(errors) == 1, [d.format() for d in diags]
    d = errors[0]
    assert words in d.message and "keep-clear area" in d.message
    assert hint in (d.hint or "")
    assert (d.path, d.line) == (str(path), _line_of(text, obj[:20]))
    assert d.col == text.splitlines()[d.line - 1].index("<object") + 1


def test_an_area_outside_the_map_and_a_misspelt_layer_are_warned(tmp_path: Path) -> None:
    path = tmp_path / "s.tmx"
    path.write_text(_map('  <object id="2" name="far" x="3000" y="10" width="50" height="50"/>\n'), "utf-8")
    _, diags = load_layout(path)
    assert [d.severity for d in diags] == ["warning"] and "outside the map" in diags[0].message
    path.write_text(_map('  <object id="2" name="face" x="10" y="10" width="50" height="50"/>\n', layer="keep-clear"),
                    "utf-8")
    layout, diags = load_layout(path)
    assert layout.keep_clear == ()
    assert any("keep_clear" in (d.hint or "") for d in diags), [d.format() for d in diags]


def test_vn_check_reports_a_bad_area_with_file_line_and_column(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "game"
    create(folder)
    stage = folder / "assets" / "stages" / "rooftop.tmx"
    text = stage.read_text("utf-8").replace(
        "</map>", ' <objectgroup id="40" name="keep_clear">\n'
                  '  <object id="41" name="mira" x="900" y="300"><point/></object>\n </objectgroup>\n</map>')
    stage.write_text(text, "utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    line = _line_of(text, 'name="mira" x="900"')
    assert f"rooftop.tmx:{line}:3" in out and "keep-clear area 'mira' is a point" in out
    assert "rectangle (R)" in out


# --- the choice menu keeps clear of the areas, through the real loop ---------------------------

FACE = (620.0, 160.0, 680.0, 420.0)  # map px: right where Ren'Py's column would go
HAND = (1380.0, 520.0, 200.0, 200.0)


def _game(folder: Path, camera: str | None, parallax: float) -> Path:
    create(folder)
    stage = folder / "assets" / "stages" / "rooftop.tmx"
    par = f' parallaxx="{parallax}" parallaxy="{parallax}"' if parallax != 1.0 else ""
    objs = "".join(f'  <object id="{50 + n}" name="area{n}" x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"/>\n'
                   for n, (x, y, w, h) in enumerate((FACE, HAND)))
    stage.write_text(stage.read_text("utf-8").replace(
        "</map>", f' <objectgroup id="40" name="keep_clear"{par}>\n{objs} </objectgroup>\n</map>'), "utf-8")
    lines = ["scene:", "  - stage: rooftop", "  - light: dusk"]
    if camera:
        lines.append(f"  - camera: {camera}")
    lines += ["  - Which way now?", "  - choice:", *(f"      - {o}:\n          - Done." for o in OPTIONS), "  - end"]
    (folder / "scripts" / "scene.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def _seen(area, camera, parallax: float, vp: Viewport) -> pygame.Rect:
    """Where a map rectangle of a layer with `parallax` is on the output: Tiled's rule,
    screen = (P - f C - (1 - f) O) zoom + centre, with the parallax origin O at (0, 0)."""
    x, y, w, h = area
    sx = (x - parallax * camera.x) * camera.zoom + 960
    sy = (y - parallax * camera.y) * camera.zoom + 540
    return vp.rect(sx, sy, w * camera.zoom, h * camera.zoom)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("camera,parallax", [(None, 1.0), ("{x: 1000, y: 560, zoom: 1.25}", 0.9)])
def test_in_the_game_no_button_covers_a_keep_clear_area(dirs, size, camera, parallax) -> None:
    p = make_player(_game(dirs / "mod", camera, parallax), size, label="scene")
    run(p, 0.5)
    to_choice(p)
    run(p, 1.0)
    game = p.game_view()
    s = game.session
    t = game.game_time(p.now)
    menu = p.screen.choice_menu(s, t)
    view = s.scene.view(t)
    cam = view.camera or default_camera((1920, 1080), (1920, 1080))
    if camera:
        assert (cam.x, cam.y, cam.zoom) == (1000, 560, 1.25)
    vp = Viewport.fit(size)
    areas = [_seen(a, cam, parallax, vp) for a in (FACE, HAND)]
    rects = menu.rects()
    assert len(rects) == 3 and menu.placement == "empty"
    for r in rects:
        assert not any(r.colliderect(a) for a in areas), (size, camera, r, areas)
    # without the areas the column would have gone right over the face
    bare = ChoiceMenu(p.screen.text, s.choice, now=0.0)
    bare.draw(pygame.Surface(size), 5.0)
    assert any(r.colliderect(areas[0]) for r in bare.rects())


# --- the key-beat images mark their figures ---------------------------------------------------

@pytest.mark.parametrize("name", CGS)
def test_each_cg_keeps_its_faces_and_figures_clear(renderer: TextRenderer, name: str) -> None:
    layout, _ = load_layout(STAGES / f"{name}.tmx", lambda p: True)
    assert layout is not None and layout.keep_clear, f"{name} marks no keep-clear area"
    cam = default_camera(layout.size, (1920, 1080))
    for size in SIZES:
        vp = Viewport.fit(size)
        areas = [_seen(a.bounds, cam, a.parallax[0], vp) for a in layout.keep_clear]
        m = ChoiceMenu(renderer, choice(*OPTIONS), now=0.0)
        m.set_figures([], [a.bounds for a in layout.keep_clear])
        m.draw(pygame.Surface(size), 5.0)
        assert m.placement != "panel", f"{name}: no room for a choice beside its figures"
        for r in m.rects():
            assert not any(r.colliderect(a) for a in areas), (name, size, r)
