from __future__ import annotations

from pathlib import Path

import pytest

from tests.stage.helpers import BUNDLED_STAGE, FIXTURE_GAME
from vn.stage.layout import load_layout

ROOM = FIXTURE_GAME / "assets" / "stages" / "room.tmx"

MAP = """<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" orientation="orthogonal" width="16" height="9" tilewidth="120" tileheight="120">
{body}
</map>
"""


def write(tmp_path: Path, body: str, name: str = "m.tmx") -> Path:
    p = tmp_path / name
    p.write_text(MAP.format(body=body), encoding="utf-8")
    return p


def test_fixture_room_reads():
    layout, diags = load_layout(ROOM)
    assert diags == []
    assert layout is not None
    assert layout.size == (1920, 1080)
    # file order, not id order (city_lights has id 7 but comes third)
    assert [layer.name for layer in layout.layers] == ["sky", "city", "city_lights", "interior"]
    assert [layer.light for layer in layout.layers] == ["sky", "ambient", "emissive", "ambient"]
    assert all(layer.image is not None and layer.image.is_file() for layer in layout.layers)
    w = layout.marks["window"]
    assert (w.x, w.y, w.facing, w.scale, w.z) == (600, 900, "right", 0.9, 1)
    assert layout.marks["door"].facing is None and layout.marks["door"].scale == 1.0
    beam = layout.lights[0]
    assert beam.group == "sun" and beam.softness == 16
    assert beam.points == ((0, 300), (500, 300), (1100, 1080), (100, 1080))
    assert layout.lights[1].group == "sunrise" and len(layout.lights[1].points) == 4
    assert layout.default_light == "sunset" and layout.window_side == "left"


def test_no_pygame_needed(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from vn.stage.layout import load_layout;"
            f"l, d = load_layout(Path({str(ROOM)!r})); assert l and not d;"
            "assert 'pygame' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


@pytest.mark.skipif(not BUNDLED_STAGE.exists(), reason="the bundled stage is not there yet")
def test_bundled_stage():
    layout, diags = load_layout(BUNDLED_STAGE)
    assert layout is not None, [d.format() for d in diags]
    assert not [d for d in diags if d.severity == "error"], [d.format() for d in diags]
    assert layout.size == (1920, 1080)
    ids = [layer.id for layer in layout.layers]
    assert ids == sorted(ids)
    names = [layer.name for layer in layout.layers]
    assert names[0] == "sky" and layout.layers[0].light == "sky"
    assert {layer.light for layer in layout.layers} >= {"sky", "ambient", "emissive"}
    for mark in ("window", "chair", "glass", "wall", "door", "near_door", "bedroom_door"):
        assert mark in layout.marks
    assert layout.marks["window"].x < layout.marks["wall"].x < layout.marks["door"].x
    groups = {s.group for s in layout.lights}
    assert {"sun", "sunrise"} <= groups
    assert all(len(s.points) >= 3 for s in layout.lights)


def test_missing_file(tmp_path):
    layout, diags = load_layout(tmp_path / "nope.tmx")
    assert layout is None
    assert len(diags) == 1 and diags[0].severity == "error" and "nope.tmx" in diags[0].path


def test_malformed_xml_has_position(tmp_path):
    p = write(tmp_path, ' <imagelayer id="1" name="sky">\n  <image source="x.svg"\n </imagelayer>')
    layout, diags = load_layout(p)
    assert layout is None
    (d,) = diags
    assert d.path == str(p) and d.line == 5 and d.col > 0 and "malformed XML" in d.message


def test_not_a_map_and_empty(tmp_path):
    (tmp_path / "a.tmx").write_text("<tileset/>")
    (tmp_path / "b.tmx").write_text("")
    for name in ("a.tmx", "b.tmx"):
        layout, diags = load_layout(tmp_path / name)
        assert layout is None and diags and diags[0].severity == "error"


def test_bad_data_gives_diagnostics_not_tracebacks(tmp_path):
    body = """ <properties><property name="window_side" value="lft"/></properties>
 <imagelayer id="1" name="sky">
  <properties>
   <property name="light" value="skye"/>
  </properties>
  <image source="missing.svg"/>
 </imagelayer>
 <imagelayer id="2" name="empty"/>
 <objectgroup id="4" name="marks">
  <object id="1" name="window" x="600" y="900">
   <properties>
    <property name="facing" value="rigth"/>
    <property name="scale" value="big"/>
   </properties>
   <point/>
  </object>
  <object id="2" name="window" x="10" y="10"><point/></object>
 </objectgroup>
 <objectgroup id="5" name="lights">
  <object id="3" name="beam" x="0" y="0"><polyline points="0,0 10,10"/></object>
 </objectgroup>"""
    layout, diags = load_layout(write(tmp_path, body))
    assert layout is not None
    by_msg = {d.message: d for d in diags}
    role = next(d for d in diags if "unknown light role 'skye'" in d.message)
    assert role.hint == "did you mean 'sky'?" and role.line == 6
    facing = next(d for d in diags if "facing" in d.message)
    assert facing.hint == "did you mean 'right'?" and facing.line == 14
    assert any("image not found" in m for m in by_msg)
    assert any("window_side" in m for m in by_msg)
    assert any("scale must be" in m for m in by_msg)
    assert any("duplicate mark 'window'" in m for m in by_msg)
    assert any("has no image" in m for m in by_msg)
    assert any("needs at least 3 points" in m for m in by_msg)
    assert layout.layers[0].light == "ambient"  # the bad role falls back
    assert layout.marks["window"].facing is None


def test_infinite_maps(tmp_path):
    p = tmp_path / "inf.tmx"
    p.write_text(MAP.replace('tileheight="120"', 'tileheight="120" infinite="1"').format(body=""))
    layout, diags = load_layout(p)
    assert layout is None and "infinite" in diags[0].message


def test_groups_tiles_and_shapes(tmp_path):
    import struct
    import zlib

    # a 2x1 tileset PNG written by hand (no pygame here): red and blue 8x8 tiles
    def png(w, h, rows):
        raw = b"".join(b"\0" + bytes(r) for r in rows)
        def chunk(t, d):
            return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + \
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    rows = [[255, 0, 0] * 8 + [0, 0, 255] * 8 for _ in range(8)]
    (tmp_path / "tiles.png").write_bytes(png(16, 8, rows))
    csv = ",".join(["1", "2"] + ["0"] * (16 * 9 - 2))
    body = f""" <tileset firstgid="1" name="t" tilewidth="8" tileheight="8" tilecount="2" columns="2">
  <image source="tiles.png" width="16" height="8"/>
 </tileset>
 <group id="10" name="g" opacity="0.5" visible="1">
  <properties><property name="light" value="emissive"/></properties>
  <layer id="11" name="floor" width="16" height="9" opacity="0.5"><data encoding="csv">{csv}</data></layer>
 </group>
 <objectgroup id="5" name="lights">
  <object id="3" name="box" x="10" y="20" width="100" height="50"/>
  <object id="4" name="round" x="0" y="0" width="100" height="100"><ellipse/></object>
 </objectgroup>"""
    layout, diags = load_layout(write(tmp_path, body))
    assert layout is not None, diags
    (floor,) = layout.layers
    assert floor.kind == "tiles" and floor.light == "emissive" and floor.opacity == pytest.approx(0.25)
    assert floor.tiles is not None and floor.tiles[0][:3] == (1, 2, 0)
    t1, t2 = layout.tile_images[floor.tiles[0][0]], layout.tile_images[floor.tiles[0][1]]
    assert t1.image.name == "tiles.png" and t1.rect == (0, 0, 8, 8) and t2.rect == (8, 0, 8, 8)
    box, circle = layout.lights
    assert box.points == ((10, 20), (110, 20), (110, 70), (10, 70))
    assert len(circle.points) == 32
    assert any("no marks" in d.message for d in diags)
