"""The bundled score as the game plays it: every file decodes, and every loop wraps without a click."""

from __future__ import annotations

from array import array

import pytest

from vn.game import bundled_root, load_game

AUDIO = bundled_root() / "assets" / "audio"


def _cues() -> dict[str, bool]:
    """file -> whether any step loops it, for every file the bundled scripts play."""
    program = load_game().program
    out: dict[str, bool] = {}
    for label in program.labels.values():
        for ins in label.code:
            if ins.op == "direction" and ins.args["command"] in ("music", "sound"):
                args = ins.args["args"]
                out[args["file"]] = out.get(args["file"], False) or (ins.args["command"] == "music" and args["loop"])
    return out


@pytest.fixture(scope="module")
def mixer():
    import pygame

    try:
        pygame.mixer.init(44100, -16, 2, 1024)
    except pygame.error as exc:
        pytest.skip(f"no mixer, not even with the dummy driver: {exc}")
    if pygame.mixer.get_init() != (44100, -16, 2):
        pygame.mixer.quit()
        pytest.skip("the mixer did not start in 44.1 kHz 16-bit stereo")
    yield pygame.mixer
    pygame.mixer.quit()


def test_the_story_plays_every_cue_of_the_outline():
    cues = _cues()
    assert {"sunset_warm.ogg", "sunset_cold.ogg", "drone.ogg", "night_city.ogg", "dawn.ogg"} <= \
        {f for f, loops in cues.items() if loops}
    assert {"door_handle.ogg", "heartbeat.ogg"} <= set(cues)


def test_every_loop_wraps_without_a_click(mixer):
    for name, loops in sorted(_cues().items()):
        sound = mixer.Sound(str(AUDIO / name))
        pcm = array("h")
        pcm.frombytes(sound.get_raw())
        frames = len(pcm) // 2
        assert frames > 44100 * (8 if loops else 1), name
        if not loops:
            continue
        # the biggest step between neighbouring samples in three 1 s stretches of the music...
        typical = 0
        for start in (frames // 4, frames // 2, 3 * frames // 4):
            left = pcm[2 * start: 2 * (start + 44100): 2]
            steps = sorted(abs(b - a) for a, b in zip(left[:-1], left[1:], strict=True))
            typical = max(typical, steps[int(len(steps) * 0.999)])
        # ...against the step from the last sample to the first, in both channels
        seam = max(abs(pcm[0] - pcm[-2]), abs(pcm[1] - pcm[-1]))
        assert seam <= 2.5 * typical, (name, seam, typical)
        # and no dip or bump in level where it wraps (50 ms either side)
        edge = list(pcm[-2 * 2205::2]) + list(pcm[:2 * 2205:2])  # left channel
        mid = 2 * (frames // 2)
        middle = pcm[mid - 2 * 2205: mid + 2 * 2205: 2]
        rms_edge = (sum(v * v for v in edge) / len(edge)) ** 0.5
        rms_mid = (sum(v * v for v in middle) / len(middle)) ** 0.5
        assert 0.5 < rms_edge / max(rms_mid, 1.0) < 2.0, (name, rms_edge, rms_mid)
