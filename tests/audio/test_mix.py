"""The audio model: which tracks sound and how loud, as functions of game time (no pygame)."""

from __future__ import annotations

import textwrap

from tests.stage.helpers import NoAssets
from vn.audio import SilentAudio
from vn.audio.mix import DB_RANGE, DECLICK, DUCK, RESTORE_FADE, Mix, slider_gain
from vn.script import compile_text
from vn.session import Session, Settings
from vn.settings import load_settings, save_settings
from vn.stage.scene import Scene
from vn.story import Story

MANIFEST = "start: start\ncharacters:\n  zack: {name: Zack}\n"



def music(file, fade=0.0, channel="music", volume=1.0, loop=True):
    return {"file": file, "fade": fade, "channel": channel, "volume": volume, "loop": loop}


def test_sliders_are_decibels_and_zero_is_silence():
    assert slider_gain(1.0) == 1.0 and slider_gain(0.0) == 0.0
    assert abs(slider_gain(0.5) - 10 ** (-DB_RANGE / 40)) < 1e-9
    assert slider_gain(0.25) < slider_gain(0.5) < slider_gain(0.75) < 1.0


def test_fade_in_rises_and_a_stop_fades_to_silence():
    mix, s = Mix(), Settings()
    mix.apply("music", music("a.ogg", fade=2.0), 10.0)
    (t,) = mix.tracks
    gains = [mix.levels(10.0 + dt, s)[t.id] for dt in (0.0, 0.5, 1.0, 1.5, 2.0, 5.0)]
    assert gains[0] == 0.0 and gains[-2] == gains[-1] == 1.0
    assert all(a < b for a, b in zip(gains[:4], gains[1:5], strict=True))
    mix.apply("stop", {"channel": "music", "fade": 3.0}, 20.0)
    assert 0.0 < mix.levels(21.5, s)[t.id] < 1.0
    assert mix.prune(22.9) == [] and mix.prune(23.0) == [t] and mix.tracks == []


def test_new_music_crossfades_with_equal_power_and_the_same_file_goes_on():
    mix, s = Mix(), Settings()
    mix.apply("music", music("a.ogg"), 0.0)
    old = mix.tracks[0]
    mix.apply("music", music("a.ogg", volume=0.5, fade=1.0), 5.0)
    assert mix.tracks == [old] and abs(mix.levels(6.0, s)[old.id] - 0.5) < 1e-9  # not restarted
    mix.apply("music", music("b.ogg", fade=2.0), 10.0)
    new = mix.current("music")
    assert new is not old and old.stopping
    mid = mix.levels(11.0, s)
    power = (mid[old.id] / 0.5) ** 2 + mid[new.id] ** 2
    assert abs(power - 1.0) < 1e-6  # loudness holds through the crossfade
    assert mix.levels(12.0, s)[new.id] == 1.0 and old in mix.prune(12.0)


def test_music_and_ambience_are_separate_channels_and_stop_all_stops_both():
    mix = Mix()
    mix.apply("music", music("a.ogg"), 0.0)
    mix.apply("music", music("city.ogg", channel="ambience"), 0.0)
    assert mix.current("music").file == "a.ogg" and mix.current("ambience").file == "city.ogg"
    mix.apply("stop", {"channel": "ambience", "fade": 0.0}, 1.0)
    assert mix.current("ambience") is None and mix.current("music") is not None
    mix.apply("stop", {"channel": "all", "fade": 0.0}, 2.0)
    mix.prune(2.0 + DECLICK)
    assert mix.tracks == []


def test_sounds_are_not_played_while_skipping_and_a_voice_cuts_the_last():
    mix = Mix()
    mix.apply("sound", {"file": "door.ogg", "volume": 1.0, "channel": "sound"}, 0.0, skipping=True)
    assert mix.tracks == []
    mix.apply("sound", {"file": "v1.ogg", "volume": 1.0, "channel": "voice"}, 0.0)
    mix.apply("sound", {"file": "v2.ogg", "volume": 1.0, "channel": "voice"}, 0.5)
    assert [t.file for t in mix.tracks if not t.stopping] == ["v2.ogg"]


def test_settings_scale_mute_and_ducking():
    mix = Mix()
    mix.apply("music", music("a.ogg"), 0.0)
    mix.apply("sound", {"file": "door.ogg", "volume": 1.0, "channel": "sound"}, 5.0)
    m, d = mix.tracks
    d.length = 1.0
    full = Settings()
    assert mix.levels(4.0, full)[m.id] == 1.0
    assert abs(mix.levels(5.5, full)[m.id] - DUCK["sound"]) < 1e-9  # ducked under the effect
    assert mix.levels(8.0, full)[m.id] == 1.0  # and back after the release
    assert mix.levels(5.5, Settings(ducking=False))[m.id] == 1.0
    half = mix.levels(4.0, Settings(music_volume=0.5))[m.id]
    assert abs(half - slider_gain(0.5)) < 1e-9
    assert set(mix.levels(5.5, Settings(mute=True)).values()) == {0.0}
    assert mix.levels(5.5, Settings(sound_volume=0.0))[d.id] == 0.0


def test_session_routes_audio_directions_and_the_snapshot_restores_them():
    src = textwrap.dedent("""\
        start:
          - music: a.ogg
            fade: 2s
          - music: city.ogg
            channel: ambience
            volume: 0.5
          - One.
          - stop: ambience
          - sound: door.ogg
          - Two.
        """)
    prog, diags = compile_text(src, manifest=MANIFEST)
    assert prog is not None, [d.format() for d in diags]
    s = Session(prog, Scene(NoAssets()))
    s.update(0.0)
    mix = s.audio.mix
    assert mix.current("music").file == "a.ogg" and mix.current("ambience").volume.at(0) == 0.5
    state = s.story.state
    assert state.stage["music"]["file"] == "a.ogg" and state.stage["ambience"]["file"] == "city.ogg"
    saved = s.story.save()
    s.click(1.0)
    assert mix.current("ambience") is None and any(t.file == "door.ogg" for t in mix.tracks)
    assert s.story.state.stage["ambience"] is None and s.story.state.stage["music"]["file"] == "a.ogg"

    audio = SilentAudio()  # a load: music and ambience fade back in
    story = Story.restore(prog, saved)
    r = Session.resume(prog, Scene(NoAssets()), story, 50.0, audio=audio)
    amb = r.audio.mix.current("ambience")
    assert amb.file == "city.ogg" and amb.level.end == 50.0 + RESTORE_FADE
    assert r.audio.mix.levels(50.0 + RESTORE_FADE, Settings())[amb.id] == 0.5


def test_audio_settings_persist_and_bad_values_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(music_volume=0.25, sound_volume=0.5, voice_volume=0.75, mute=True,
                           ducking=False), path)
    got = load_settings(path)
    assert (got.music_volume, got.sound_volume, got.voice_volume, got.mute, got.ducking) == \
        (0.25, 0.5, 0.75, True, False)
    path.write_text('{"music_volume": 7, "mute": "yes", "sound_volume": true}', "utf-8")
    got = load_settings(path)
    assert (got.music_volume, got.mute, got.sound_volume) == (1.0, False, 1.0)


def test_refresh_applies_settings_at_the_last_game_time():
    seen = []

    class Recording(SilentAudio):
        def update(self, now, settings):
            seen.append((now, settings.music_volume))
            super().update(now, settings)

    audio = Recording()
    audio.update(12.5, Settings())
    audio.refresh(Settings(music_volume=0.3))  # a settings screen covers the game: time stands still
    assert seen == [(12.5, 1.0), (12.5, 0.3)]


def test_rollback_brings_back_the_music_of_that_line_and_keeps_what_already_plays():
    src = textwrap.dedent("""\
        start:
          - music: a.ogg
          - One.
          - music: b.ogg
            fade: 2s
          - music: rain.ogg
            channel: ambience
          - Two.
          - Three.
        """)
    prog, diags = compile_text(src, manifest=MANIFEST)
    assert prog is not None, [d.format() for d in diags]
    s = Session(prog, Scene(NoAssets()))
    s.update(0.0)
    s.click(1.0)
    s.click(2.0)
    mix = s.audio.mix
    assert s.line.text.plain == "Three." and mix.current("music").file == "b.ogg"
    b = mix.current("music")
    assert s.rollback(3.0) and s.line.text.plain == "Two."
    assert mix.current("music") is b  # the same music: it goes on, not restarted
    assert s.rollback(4.0) and s.line.text.plain == "One."
    assert mix.current("music").file == "a.ogg" and mix.current("ambience") is None
    assert b.stopping
    assert s.rollforward(5.0) and mix.current("music").file == "b.ogg"
    assert mix.current("ambience").file == "rain.ogg"
