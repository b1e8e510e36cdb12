"""What the stage model reads from maps made the usual ways in Tiled, and the positioned errors
for maps it cannot draw."""

from __future__ import annotations

from pathlib import Path

import pytest

from vn.stage.layout import load_layout

TILED = Path(__file__).resolve().parents[1] / "render" / "fixtures" / "tiled"


def test_old_map_without_ids_keeps_every_layer_in_document_order():
    layout, diags = load_layout(TILED / "old.tmx")
    assert layout is not None and not [d for d in diags if d.severity == "error"]
    assert [(layer.name, layer.kind) for layer in layout.layers] == [
        ("back", "image"), ("ground", "tiles"), ("inner", "tiles")]
    assert len({layer.id for layer in layout.layers}) == 3
    inner = layout.layers[2]
    assert inner.opacity == 0.5 and inner.offset == (8, 0)  # from its group
    assert inner.tiles[3][:4] == (6, 7, 8, 5)  # the XML <tile gid=".."/> encoding
    assert layout.marks["here"].x == 40


def test_tileset_without_image_size_reads_it_from_the_file():
    layout, diags = load_layout(TILED / "nosize.tmx")
    assert layout is not None and not [d for d in diags if d.severity == "error"]
    # 72x36 px image, 16 px tiles, margin 1, spacing 2: 4 columns, 2 rows
    assert sorted(layout.tile_images) == list(range(1, 9))
    assert layout.tile_images[6].rect == (1 + 18, 1 + 18, 16, 16)


def test_colour_key_flips_offsets_and_encodings():
    layout, _ = load_layout(TILED / "colorkey.tmx")
    assert layout.tile_images[1].trans == (255, 0, 255)
    csv, b64, zlib_, gzip_, offset = layout.layers
    assert csv.tiles[1][0] == 1 | 0x80000000 and csv.tiles[1][2] == 1 | 0x20000000
    assert b64.tiles[2][:3] == (4, 0, 5) and zlib_.tiles[3][1] == 8 and gzip_.tiles[4][:4] == (5, 6, 7, 8)
    assert zlib_.opacity == pytest.approx(0.6)
    assert gzip_.tint == (255.0, 128.0, 128.0, 128.0)
    assert layout.tile_images[21].offset == (4, -3) and offset.offset == (3, 2)
    assert layout.background == (32.0, 48.0, 64.0, 255.0)


def test_tile_objects_templates_and_marks_on_rotated_shapes():
    layout, diags = load_layout(TILED / "objects.tmx")
    assert layout is not None
    props = next(layer for layer in layout.layers if layer.name == "props")
    by_name = {o.name: o for o in props.objects}
    assert by_name["mirrored"].gid == 1 | 0x80000000
    assert by_name["hidden"].visible is False
    assert by_name["wide"].width == 48 and by_name["wide"].height == 20
    assert layout.tile_images[1].size == (24, 40) and layout.tile_images[1].rect is None
    tinted = next(layer for layer in layout.layers if layer.name == "tinted")
    assert tinted.tint == (128.0, 192.0, 255.0, 255.0) and tinted.offset == (4, -2)
    # a 40x10 rectangle at (60, 20) turned 90 degrees about its top-left corner: the middle of
    # its bottom edge is at (50, 40), on the shape (not at the unrotated (80, 30))
    tilted = layout.marks["tilted"]
    assert (round(tilted.x, 6), round(tilted.y, 6)) == (50, 40)
    assert any("only tile objects are drawn" in d.message for d in diags)


def test_animation_frames_by_the_stage_clock():
    layout, _ = load_layout(TILED / "animated.tmx")
    assert layout.animated()
    frames = [layout.frame_gid(1, t) for t in (0.0, 0.099, 0.1, 0.299, 0.3, 0.599, 0.6, 0.75)]
    assert frames == [1, 1, 2, 2, 3, 3, 1, 2]
    assert layout.frame_gid(1 | 0x80000000, 0.15) == 2 | 0x80000000  # flips stay
    assert layout.next_frame(0.0) == pytest.approx(0.1)
    assert layout.next_frame(0.1) == pytest.approx(0.3)
    assert layout.next_frame(0.65) == pytest.approx(0.7)
    assert layout.animation_phase(0.15) != layout.animation_phase(0.35)
    still, _ = load_layout(TILED / "nosize.tmx")
    assert not still.animated() and still.next_frame(0.0) is None


MAP = """<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" orientation="{orientation}" width="4" height="2" tilewidth="16" tileheight="16"{extra}>
{body}
</map>
"""


def _broken(tmp_path: Path, body: str = "", orientation: str = "orthogonal", extra: str = "",
            files: dict[str, str] | None = None) -> tuple[Path, list]:
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "sheet.png").write_bytes((TILED / "sheet.png").read_bytes())
    p = tmp_path / "m.tmx"
    p.write_text(MAP.format(orientation=orientation, extra=extra, body=body), encoding="utf-8")
    layout, diags = load_layout(p)
    errors = [d for d in diags if d.severity == "error"]
    return p, [layout, errors]


@pytest.mark.parametrize("orientation", ["isometric", "staggered", "hexagonal"])
def test_non_orthogonal_maps_are_refused(tmp_path, orientation):
    p, (layout, errors) = _broken(tmp_path, orientation=orientation)
    assert layout is None
    (e,) = errors
    assert e.path == str(p) and (e.line, e.col) == (2, 1)
    assert orientation in e.message and "orthogonal" in e.message and e.hint


CASES = {
    "zstd": ('<layer id="1" name="l" width="4" height="2"><data encoding="base64" compression="zstd">'
             'KLUv/SAgAQ==</data></layer>', "zstd", 3),
    "short csv": ('<layer id="1" name="l" width="4" height="2"><data encoding="csv">1,2,3</data></layer>',
                  "3 cells, not 4x2", 3),
    "bad csv": ('<layer id="1" name="l" width="4" height="2"><data encoding="csv">1,x,3</data></layer>',
                "comma-separated", 3),
    "chunks": ('<layer id="1" name="l" width="4" height="2"><data encoding="csv"><chunk x="0" y="0" '
               'width="16" height="16">0</chunk></data></layer>', "infinite", 3),
    "missing tsx": ('<tileset firstgid="1" source="nope.tsx"/>', "tileset file not found", 3),
    "missing image": ('<tileset firstgid="1" name="t" tilewidth="16" tileheight="16">\n'
                      '<image source="nope.png"/></tileset>', "image not found", 4),
    "bad number": ('<imagelayer id="1" name="i" opacity="lots"><image source="sheet.png"/></imagelayer>',
                   "not a number", 3),
    "missing template": ('<objectgroup id="1" name="o"><object id="1" template="nope.tx" x="0" y="0"/>'
                         '</objectgroup>', "object template not found", 3),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_maps_get_positioned_errors(tmp_path, case):
    body, words, line = CASES[case]
    p, (layout, errors) = _broken(tmp_path, body)
    assert errors, f"{case}: no error"
    e = errors[0]
    assert words in e.message, e.format()
    assert e.path == str(p) and e.line == line and e.col >= 1
    assert "Traceback" not in e.message and "NoneType" not in e.message


def test_errors_inside_a_tileset_file_point_into_that_file(tmp_path):
    tsx = '<?xml version="1.0"?>\n<tileset name="t" tilewidth="16" tileheight="16">\n <image source="sheet.png"\n</tileset>'
    p, (layout, errors) = _broken(tmp_path, '<tileset firstgid="1" source="t.tsx"/>', files={"t.tsx": tsx})
    (e,) = errors
    assert e.path == str(tmp_path / "t.tsx") and e.line == 4 and "malformed XML" in e.message


def test_infinite_map_is_refused(tmp_path):
    p, (layout, errors) = _broken(tmp_path, extra=' infinite="1"')
    assert layout is None and "infinite" in errors[0].message and "Infinite" in errors[0].hint


def test_mangled_maps_never_raise(tmp_path):
    """Fixture maps, tilesets and templates with attributes set to nonsense, bytes cut out or the
    end missing: every one loads or is refused with positioned diagnostics, never an exception."""
    import random
    import re
    import shutil

    for f in TILED.iterdir():
        shutil.copy(f, tmp_path / f.name)
    rng = random.Random(9)
    values = ["", "-1", "0", "1e309", "nan", "abc", "99999999999", "4294967295", "1.5", "#zz",
              "../../x.png", "<", "&amp;", "utf-7"]
    names = ["colorkey.tmx", "objects.tmx", "old.tmx", "animated.tmx", "wide.tmx", "nosize.tmx",
             "props.tsx", "crate.tx"]
    attr = re.compile(r'(\w+)="([^"]*)"')
    for _ in range(150):
        name = rng.choice(names)
        text = (TILED / name).read_text()
        for _ in range(rng.randint(1, 3)):
            found = list(attr.finditer(text))
            op = rng.random()
            if op < 0.6 and found:
                m = rng.choice(found)
                text = text[:m.start(2)] + rng.choice(values) + text[m.end(2):]
            elif op < 0.85:
                cut = rng.randrange(len(text))
                text = text[:cut] + text[cut + rng.randint(1, 40):]
            else:
                text = text[:rng.randrange(len(text))]
        (tmp_path / name).write_text(text)
        target = tmp_path / (name if name.endswith(".tmx") else "objects.tmx")
        layout, diags = load_layout(target)
        assert layout is not None or any(d.severity == "error" for d in diags), text
        assert all(d.path and d.message for d in diags)
        shutil.copy(TILED / name, tmp_path / name)
