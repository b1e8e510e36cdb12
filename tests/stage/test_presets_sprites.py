from __future__ import annotations

import pytest

from tests.stage.helpers import FIXTURE_GAME, ROOT
from vn.stage.color import rgb_to_oklab
from vn.stage.lighting import Beam, Light, lerp_light, load_presets
from vn.stage.sprites import load_sprite

LIGHTING = FIXTURE_GAME / "assets" / "lighting.yaml"
BUNDLED_LIGHTING = ROOT / "assets" / "lighting.yaml"


def test_fixture_presets_load():
    presets, diags = load_presets(LIGHTING)
    assert diags == []
    assert list(presets)[:3] == ["day", "sunset", "last_rays"]
    sunset = presets["sunset"]
    assert sunset.ambient == (255, 160, 122) and sunset.sun == (560, 700)
    assert sunset.beam("sun").strength == 0.7 and sunset.beam("sunrise").strength == 0.0
    night = presets["night"]
    assert night.sun == presets["day"].sun  # missing fields come from `day`
    assert night.beams == () and night.emissive == 1.0
    hash(sunset)  # usable as a cache key


@pytest.mark.skipif(not BUNDLED_LIGHTING.exists(), reason="the bundled lighting is not there yet")
def test_bundled_presets():
    presets, diags = load_presets(BUNDLED_LIGHTING)
    assert not [d for d in diags if d.severity == "error"], [d.format() for d in diags]
    for name in ("day", "sunset", "last_rays", "dusk", "night", "predawn", "dawn", "sunrise"):
        assert name in presets
    assert presets["night"].emissive > presets["sunset"].emissive
    assert presets["sunrise"].beam("sunrise").strength > 0


def test_preset_errors_have_positions(tmp_path):
    p = tmp_path / "l.yaml"
    p.write_text("""presets:
  day:
    sky_top: "#4f86c6"
    sky_horizon: "#bcd8f0"
    ambient: "#ffffff"
  sunset:
    sky_top: "#3a1d48"
    sky_horizon: "#ff6b3d"
    ambint: "#ffa07a"
    emissive: 2
    beams:
      sun: {color: "#ff7a40", strenght: 0.7}
  night:
    sky_top: #070b1c
    sky_horizon: "#18223f"
    ambient: "#34406a"
""")
    presets, diags = load_presets(p)
    msgs = {d.message: d for d in diags}
    amb = msgs["unknown preset field 'ambint'"]
    assert (amb.line, amb.col, amb.hint) == (9, 5, "did you mean 'ambient'?")
    assert msgs["emissive must be in 0..1, not 2"].line == 10
    assert msgs["unknown beam field 'strenght'"].hint == "did you mean 'strength'?"
    assert "preset 'sunset' must give ambient" in msgs
    assert any("sky_top must be a colour" in m and d.line == 14 for m, d in msgs.items())
    assert presets["sunset"].emissive == 1.0  # clamped, still usable
    assert set(presets) == {"day", "sunset", "night"}


def test_bad_lighting_files(tmp_path):
    assert load_presets(tmp_path / "none.yaml")[1][0].message == "file not found"
    (tmp_path / "a.yaml").write_text("presets: [1, 2\n")
    presets, diags = load_presets(tmp_path / "a.yaml")
    assert presets == {} and diags[0].message.startswith("YAML syntax") and diags[0].line >= 1
    (tmp_path / "b.yaml").write_text("- 1\n")
    assert "mapping" in load_presets(tmp_path / "b.yaml")[1][0].message


def test_lerp_light_midpoint_between_presets():
    presets, _ = load_presets(LIGHTING)
    a, b = presets["sunset"], presets["last_rays"]
    mid = lerp_light(a, b, 0.5)
    assert lerp_light(a, b, 0.0) == a and lerp_light(a, b, 1.0) == b
    for field in ("sun_size", "rim_strength"):
        lo, hi = sorted((getattr(a, field), getattr(b, field)))
        assert lo <= getattr(mid, field) <= hi
    assert mid.sun == ((a.sun[0] + b.sun[0]) / 2, (a.sun[1] + b.sun[1]) / 2)
    la, lb, lm = (rgb_to_oklab(x.ambient)[0] for x in (a, b, mid))
    assert lm == pytest.approx((la + lb) / 2, abs=1e-6)
    beam = mid.beam("sun")
    assert beam.reach == pytest.approx(0.7) and beam.offset == (0, 100)


def test_lerp_light_beam_group_fades_in_place():
    a = Light(beams=())
    b = Light(beams=(("sunrise", Beam(color=(255, 200, 100), strength=0.6, offset=(10, 20), reach=0.5)),))
    mid = lerp_light(a, b, 0.5).beam("sunrise")
    assert mid.strength == pytest.approx(0.3) and mid.offset == (10, 20) and mid.reach == 0.5


def test_a_beams_glaze_loads_tweens_and_is_checked(tmp_path):
    p = tmp_path / "l.yaml"
    p.write_text("""presets:
  day:
    sky_top: "#4f86c6"
    sky_horizon: "#bcd8f0"
    ambient: "#ffffff"
  held:
    beams:
      figure: {color: "#ff7a40", glaze: 0.8}
  bad:
    beams:
      figure: {color: "#ff7a40", glaze: 1.5}
""")
    presets, diags = load_presets(p)
    assert presets["held"].beam("figure").glaze == 0.8 and presets["held"].glaze == 0.8
    assert presets["day"].glaze == 0.0  # no beam glazes: figures lit on their edges only
    bad = [d for d in diags if "glaze" in d.message]
    assert bad and bad[0].line == 11 and "0..1" in bad[0].message
    mid = lerp_light(presets["day"], presets["held"], 0.5)
    assert mid.beam("figure").glaze == pytest.approx(0.8)  # a group fading in keeps its glaze
    half = lerp_light(presets["held"], Light(beams=(("figure", Beam(strength=1.0, glaze=0.2)),)), 0.5)
    assert half.glaze == pytest.approx(0.5)
    assert Light(beams=(("figure", Beam(strength=0.0, glaze=1.0)),)).glaze == 0.0  # a dark beam glazes nothing


@pytest.mark.skipif(not BUNDLED_LIGHTING.exists(), reason="the bundled lighting is not there yet")
def test_bundled_last_rays_hold_the_band_lower_at_each_step():
    """The three holds of the last rays (01_sunset.yaml, beat 6): the figure band's offset grows
    (the band lower on him) and it glazes while it is on him."""
    presets, _ = load_presets(BUNDLED_LIGHTING)
    steps = [presets[n].beam("figure") for n in ("last_rays_hair", "last_rays_arms", "last_rays")]
    assert steps[0].offset[1] < steps[1].offset[1] < steps[2].offset[1]
    assert steps[0].glaze > 0.5 and steps[1].glaze > 0.5


def test_fixture_sprite():
    sprite, diags = load_sprite(FIXTURE_GAME / "assets" / "sprites" / "fig.yaml")
    assert diags == [] and sprite is not None
    assert sprite.height == 800 and sprite.anchor == (0.5, 1.0) and sprite.facing == "right"
    assert sprite.default == "calm" and sprite.canvas == (400, 1000) and sprite.aspect == 0.4
    assert sprite.looks["glow"] == ("body", "face_calm", "rim", "eyes_glow")
    assert sprite.layers["rim"].light == "rim" and sprite.layers["eyes_glow"].light == "emissive"
    assert sprite.look("nope") == sprite.looks["calm"] and sprite.look(None) == sprite.looks["calm"]


@pytest.mark.parametrize("name", ["zack", "sephiroth"])
def test_bundled_sprites(name):
    path = ROOT / "assets" / "sprites" / f"{name}.yaml"
    if not path.exists():
        pytest.skip("the bundled sprites are not there yet")
    sprite, diags = load_sprite(path)
    assert sprite is not None and not [d for d in diags if d.severity == "error"], [d.format() for d in diags]
    assert sprite.canvas is not None


def test_sprite_errors(tmp_path):
    (tmp_path / "body.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"/>')
    p = tmp_path / "s.yaml"
    p.write_text("""height: -3
anchr: [0.5, 1]
facing: rigth
default: clam
layers:
  body: body.svg
  rim: {image: rim.svg, light: rimm}
  nope: {light: rim}
looks:
  calm: [body, rimm]
  x: body
""")
    sprite, diags = load_sprite(p)
    assert sprite is not None and sprite.looks == {"calm": ("body",)} and sprite.default == "calm"
    hints = {d.message: d.hint for d in diags}
    assert hints["unknown sprite field 'anchr'"] == "did you mean 'anchor'?"
    assert hints["facing must be left or right, not 'rigth'"] == "did you mean 'right'?"
    assert hints["look 'calm': unknown layer 'rimm'"] == "did you mean 'rim'?"
    assert hints["default look 'clam' is not one of the looks"] == "did you mean 'calm'?"
    assert any("image not found: rim.svg" in m for m in hints)
    assert any("height must be" in m for m in hints)
    assert all(d.line > 0 for d in diags)
