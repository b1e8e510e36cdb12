"""Generate the bundled game's score and sound effects into assets/audio/ (OGG Vorbis).

    python tools/audio/generate.py [--only NAME ...] [--out DIR]

Everything is synthesised here from scratch (tools/audio/dsp.py): no samples, no downloaded
audio. A fixed seed per piece makes the output the same on every run (up to the encoder's
version). Needs numpy and soundfile (`pip install '.[audio-tools]'`); the game itself only
loads the OGG files. After writing, each file's figures are printed (tools/audio/analyse.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dsp import (  # noqa: E402
    SR,
    additive,
    bandpass_noise,
    cents,
    circular_window,
    fade_edges,
    impulse_response,
    lfo,
    lowpass_gain,
    master,
    note,
    pan,
    reverb,
    shaped_noise,
    times,
    upsample2,
)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "audio"


# --- building blocks ---------------------------------------------------------------------------

def pad(chords: list[list[str]], loop: float, *, cutoff: Callable[[np.ndarray], np.ndarray],
        seed: int, voices: int = 3, detune: float = 9.0, rolloff: float = 1.15, odd: float = 0.6,
        overlap: float = 4.0, vibrato: float = 5.0, spread: float = 0.7) -> np.ndarray:
    """Chords of equal length around a loop, each voiced by detuned additive voices spread
    across the stereo field, cross-fading into the next over `overlap` seconds. Made at half the
    sample rate (nothing in a pad sounds above 7 kHz) and then upsampled."""
    rng = np.random.default_rng(seed)
    t = times(loop, SR // 2)
    out = np.zeros((len(t), 2))
    slot = loop / len(chords)
    for i, chord in enumerate(chords):
        env = circular_window(t, loop, (i + 0.5) * slot, slot - overlap, overlap)
        live = env > 0
        tl, el = t[live], env[live]
        cut = cutoff(tl)
        for j, name in enumerate(chord):
            f = note(name)
            weight = 0.6 if j == 0 else 1.0 / (1.0 + 0.2 * j)  # a light bass; the top thinning out
            for v in range(voices):
                c = (v - (voices - 1) / 2) * detune + rng.uniform(-2, 2)
                tone = additive(cents(f, c), tl, loop, cut, rolloff=rolloff, odd=odd, max_freq=7000,
                                vibrato=vibrato, vib_cycles=int(rng.integers(2, 5)), rng=rng)
                position = spread * (rng.uniform(-1, 1) if j else rng.uniform(-0.2, 0.2))
                out[live] += pan(tone * el * weight, position) / voices
    return upsample2(out)


def bell(freq: float, length: float, rng: np.random.Generator) -> np.ndarray:
    """A soft struck tone (a celesta heard through a wall): few partials, the high ones dying first."""
    t = times(length)
    partials = [(1.0, 1.0, 3.2), (2.0, 0.32, 1.7), (3.0, 0.10, 0.9), (4.02, 0.05, 0.6), (5.43, 0.025, 0.35)]
    out = np.zeros_like(t)
    for ratio, amp, decay in partials:
        if freq * ratio > 12000:
            continue
        out += amp * np.exp(-t / decay) * np.sin(2 * np.pi * freq * ratio * t + rng.uniform(0, 6.28))
    attack = np.minimum(1.0, t / 0.012)
    return out * attack


def place(track: np.ndarray, sound: np.ndarray, at: float, *, circular: bool) -> None:
    """Add `sound` (n, 2) into `track` at `at` seconds; a circular track wraps it to the start."""
    start = int(at * SR)
    n = len(track)
    for k in range(0, len(sound), n if circular else len(sound)):
        chunk = sound[k: k + (n if circular else len(sound))]
        idx = (start + k + np.arange(len(chunk)))
        if circular:
            idx %= n
        else:
            keep = idx < n
            idx, chunk = idx[keep], chunk[keep]
        np.add.at(track, idx, chunk)


def modes(length: float, hits: list[tuple[float, float]], freqs: list[tuple[float, float, float]],
          rng: np.random.Generator) -> np.ndarray:
    """Modal synthesis: each hit (time s, strength) rings every mode (freq Hz, amp, decay s),
    with a few milliseconds of noise for the contact itself."""
    n = int(length * SR)
    out = np.zeros(n)
    for at, strength in hits:
        start = int(at * SR)
        span = min(n - start, int(0.6 * SR))
        if span <= 0:
            continue
        tt = np.arange(span) / SR
        ring = np.zeros(span)
        for f, amp, decay in freqs:
            f = f * (1 + rng.uniform(-0.01, 0.01))
            ring += amp * np.exp(-tt / decay) * np.sin(2 * np.pi * f * tt + rng.uniform(0, 6.28))
        contact = rng.normal(size=span) * np.exp(-tt / 0.0015) * 0.5
        out[start: start + span] += strength * (ring + contact)
    return out


# --- the pieces --------------------------------------------------------------------------------

def sunset_warm() -> np.ndarray:
    """Under the sunset: a slow pad in D-flat, warm and open, breathing once per loop — the
    warmth the room has that the story says is false (so the last chord leans on a suspension)."""
    loop = 48.0
    chords = [["Db2", "Ab2", "F3", "C4", "Eb4"],
              ["Bb1", "F2", "Db3", "Ab3", "C4"],
              ["Gb2", "Db3", "F3", "Bb3", "Ab4"],
              ["Ab2", "Eb3", "Ab3", "Bb3", "Db4"]]
    x = pad(chords, loop, cutoff=lambda t: 1500 + 700 * lfo(t, loop, 1, -np.pi / 2), seed=11,
            rolloff=1.1, odd=0.7)
    t = times(loop)
    sub = np.sin(2 * np.pi * (round(note("Db2") * loop) / loop) * t) * (0.6 + 0.4 * lfo(t, loop, 2))
    x += pan(0.12 * sub, 0.0)
    air = shaped_noise(len(t), np.random.default_rng(12), tilt=0.5, low=3000, high=9000)
    x += pan(0.012 * air * lfo(t, loop, 3), 0.3)
    x = reverb(x, impulse_response(5.0, np.random.default_rng(13), damp=3500), 0.38, circular=True)
    return master(x, -21.0)


def sunset_cold() -> np.ndarray:
    """The same pad after the last rays: minor, open fifths, thinner and darker, the top voices
    high and far apart — crossfaded in under the light as it slides off him."""
    loop = 48.0
    chords = [["Bb1", "F2", "C4", "Db4"],
              ["Gb2", "Db3", "C4", "F4"],
              ["Eb2", "Bb2", "Gb3", "F4"],
              ["F2", "C3", "Bb3", "C4"]]
    x = pad(chords, loop, cutoff=lambda t: 700 + 350 * lfo(t, loop, 1), seed=21, rolloff=1.3,
            odd=0.25, detune=12.0, vibrato=3.0)
    t = times(loop)
    shimmer = np.zeros(len(t))
    rng = np.random.default_rng(22)
    for name in ("F5", "C6"):
        f = round(note(name) * loop) / loop
        shimmer += np.sin(2 * np.pi * f * t + rng.uniform(0, 6.28)) * lfo(t, loop, 3, rng.uniform(0, 6.28)) ** 3
    x += pan(0.03 * shimmer, -0.4)
    x = reverb(x, impulse_response(6.5, np.random.default_rng(23), damp=2200), 0.5, circular=True)
    return master(x, -23.0)


def drone() -> np.ndarray:
    """The killing intent: a low A with its fifth, a B-flat a semitone above creeping in and out
    (the beating of the two is the menace), sub-bass, a rumble, and a thin glassy cluster high
    above, swelling and fading like the glow in his eyes."""
    loop = 32.0
    t = times(loop)
    rng = np.random.default_rng(31)
    swell = 0.55 + 0.45 * lfo(t, loop, 2, -np.pi / 2)
    low = np.zeros((len(t), 2))
    for name, amp, pos in (("A1", 1.0, -0.2), ("A1", 0.8, 0.25), ("E2", 0.45, 0.1), ("A2", 0.3, -0.3)):
        f = cents(note(name), rng.uniform(-6, 6))
        cut = 350 + 650 * swell
        tone = additive(f, t, loop, cut, rolloff=0.9, odd=0.8, max_freq=2500, vibrato=2.0, rng=rng)
        low += pan(amp * tone, pos)
    creep = lfo(t, loop, 1, np.pi) ** 2
    bb = additive(note("Bb1"), t, loop, 300 + 200 * swell, rolloff=1.0, odd=0.5, max_freq=2000, rng=rng)
    low += pan(0.6 * bb * creep, 0.35)
    sub = np.sin(2 * np.pi * (round(55.0 * loop) / loop) * t)
    low += pan(0.45 * sub, 0.0)
    rumble = shaped_noise(len(t), rng, tilt=2.0, low=25, high=140)
    low += pan(0.25 * rumble * swell, 0.0)
    glass = np.zeros(len(t))
    for f0 in (1863.0, 1975.5, 2217.0):
        f = round(f0 * loop) / loop
        glass += np.sin(2 * np.pi * f * t + rng.uniform(0, 6.28)) * lfo(t, loop, int(rng.integers(1, 4)),
                                                                         rng.uniform(0, 6.28))
    high = pan(0.03 * glass * swell ** 2, 0.5) + pan(0.03 * glass[::-1] * swell ** 2, -0.5)
    x = (low * swell[:, None]) + high
    x = reverb(x, impulse_response(4.0, np.random.default_rng(32), damp=1500), 0.3, circular=True)
    return master(x, -19.0)


def night_city() -> np.ndarray:
    """The city at night, far below the glass: a low traffic roar, cars passing one by one across
    the field, a mains hum from somewhere, and the wind worrying at the glass."""
    loop = 40.0
    t = times(loop)
    n = len(t)
    rng = np.random.default_rng(41)
    roar = shaped_noise(n, rng, tilt=1.6, low=35, high=700)
    x = pan(roar * (0.7 + 0.3 * lfo(t, loop, 3)), -0.15) + pan(
        shaped_noise(n, rng, tilt=1.6, low=35, high=700) * (0.7 + 0.3 * lfo(t, loop, 2, 1.0)), 0.15)
    for k in range(6):  # cars: a swell of band noise moving across
        center = loop * (k + rng.uniform(0.1, 0.9)) / 6
        width = rng.uniform(3.0, 6.0)
        env = circular_window(t, loop, center, 0.5, width / 2) ** 1.5
        body = bandpass_noise(n, rng, rng.uniform(250, 600), 1.6)
        d = ((t - center + loop / 2) % loop) - loop / 2  # seconds from the car's nearest moment
        direction = 1 if k % 2 else -1
        angle = (np.clip(direction * d / (width / 2), -1, 1) + 1) * np.pi / 4
        gain = 0.5 * env * rng.uniform(0.5, 1.0)
        x += np.stack([body * gain * np.cos(angle), body * gain * np.sin(angle)], axis=1)
    hum = sum(a * np.sin(2 * np.pi * (round(f * loop) / loop) * t) for f, a in ((60, 1), (120, 0.5), (180, 0.2)))
    x += pan(0.04 * hum * (0.6 + 0.4 * lfo(t, loop, 1)), 0.4)
    for center_f, q, cycles_, pos in ((720, 4.0, 3, -0.5), (1150, 6.0, 2, 0.5), (460, 3.0, 5, 0.0)):
        wind = bandpass_noise(n, rng, center_f, q)
        x += pan(0.12 * wind * lfo(t, loop, cycles_, rng.uniform(0, 6.28)) ** 2, pos)
    f = np.fft.rfftfreq(n, 1.0 / SR)
    for ch in range(2):  # the glass takes the top off everything
        x[:, ch] = np.fft.irfft(np.fft.rfft(x[:, ch]) * lowpass_gain(f, 2500, 1.5), n)
    x = reverb(x, impulse_response(2.5, np.random.default_rng(42), damp=2000), 0.25, circular=True)
    return master(x, -27.0)


def dawn() -> np.ndarray:
    """Before dawn into sunrise: a quiet pad in D and a small motif of struck notes over it,
    rising, pausing, answered — the promise's theme, kept simple."""
    loop = 48.0
    chords = [["D2", "A2", "F#3", "C#4", "E4"],
              ["B1", "F#2", "D3", "A3", "E4"],
              ["G1", "D3", "F#3", "A3", "B3"],
              ["A1", "E3", "A3", "B3", "D4"]]
    x = pad(chords, loop, cutoff=lambda t: 1200 + 500 * lfo(t, loop, 1), seed=51, rolloff=1.25,
            odd=0.5, detune=7.0, vibrato=3.0)
    x *= 0.55
    rng = np.random.default_rng(52)
    motif = [(1.5, "F#5", 1.0), (2.7, "A5", 0.8), (3.9, "E5", 0.85), (6.0, "D5", 0.9),
             (13.5, "F#5", 0.9), (14.7, "B5", 0.75), (15.9, "A5", 0.8), (18.4, "F#5", 0.7),
             (25.5, "D5", 0.8), (26.7, "E5", 0.7), (27.9, "F#5", 0.8), (30.2, "B4", 0.75),
             (37.5, "E5", 0.8), (38.7, "F#5", 0.75), (39.9, "A5", 0.85), (42.5, "D5", 0.95)]
    line = np.zeros_like(x)
    for at, name, vel in motif:
        b = bell(note(name), 6.0, rng) * vel
        place(line, pan(b, rng.uniform(-0.35, 0.35)), at, circular=True)
    x += 0.22 * line
    x = reverb(x, impulse_response(4.5, np.random.default_rng(53), damp=4000), 0.4, circular=True)
    return master(x, -22.0)


def door_handle() -> np.ndarray:
    """A hand closing on a metal handle, turning it against its spring, and the latch letting go
    with a small, ordinary click."""
    rng = np.random.default_rng(61)
    length = 1.8
    metal = [(1930, 0.6, 0.05), (3310, 0.45, 0.035), (5240, 0.3, 0.02), (7800, 0.15, 0.012)]
    touch = modes(length, [(0.06, 0.15)], metal, rng)
    creak_hits = []
    at, rate = 0.30, 28.0
    while at < 0.62:
        creak_hits.append((at, 0.05 + 0.05 * rng.uniform()))
        rate *= 1.05
        at += 1.0 / rate
    spring = modes(length, creak_hits, [(410, 0.6, 0.03), (1370, 0.4, 0.02), (2650, 0.3, 0.01)], rng)
    latch = modes(length, [(0.66, 1.0), (0.684, 0.35)],
                  [(2410, 0.8, 0.07), (4120, 0.6, 0.05), (6690, 0.35, 0.03), (1180, 0.5, 0.09)], rng)
    body = modes(length, [(0.66, 0.8)], [(118, 1.0, 0.12), (236, 0.5, 0.08), (410, 0.3, 0.05)], rng)
    x = touch + spring + latch + 0.8 * body
    stereo = pan(x, 0.25)
    stereo = reverb(stereo, impulse_response(0.7, np.random.default_rng(62), damp=5000, predelay=0.005),
                    0.18, circular=False)
    stereo = fade_edges(stereo, 0.0, 0.15)
    return _peak(stereo, -4.0)


def heartbeat() -> np.ndarray:
    """His own heart, heard from inside: lub-dub, muffled, a little too fast and quickening.
    The thump's fundamental sits low (felt more than heard); its body, a thud around 150–300 Hz,
    is what a laptop's speakers can play."""
    rng = np.random.default_rng(71)
    length = 9.0
    n = int(length * SR)
    x = np.zeros(n)
    f = np.fft.rfftfreq(int(0.35 * SR), 1.0 / SR)
    at, bpm = 0.3, 92.0
    while at < length - 1.0:
        for offset, strength in ((0.0, 1.0), (0.27, 0.6)):
            start = int((at + offset) * SR)
            tt = np.arange(int(0.35 * SR)) / SR
            pitch = 45 + 55 * np.exp(-tt / 0.025)  # the pitch falls as the thump settles
            phase = 2 * np.pi * np.cumsum(pitch) / SR
            env = np.minimum(1.0, tt / 0.005) * np.exp(-tt / 0.08)
            thump = (np.sin(phase) + 0.35 * np.sin(2.1 * phase)) * env
            noise = np.fft.irfft(np.fft.rfft(rng.normal(size=len(tt))) *
                                 np.exp(-(((f - 210) / 90) ** 2)), len(tt))
            thud = noise / (np.std(noise) + 1e-12) * np.exp(-tt / 0.035) * 0.35
            end = min(n, start + len(tt))
            x[start:end] += strength * (thump + thud)[: end - start]
        at += 60.0 / bpm
        bpm = min(118.0, bpm * 1.025)
    x = np.tanh(2.0 * x)  # weight: the harmonics of a little saturation
    f = np.fft.rfftfreq(n, 1.0 / SR)
    x = np.fft.irfft(np.fft.rfft(x) * lowpass_gain(f, 900, 2.0), n)
    stereo = pan(x, 0.0)
    stereo = reverb(stereo, impulse_response(0.9, np.random.default_rng(72), damp=800, predelay=0.01),
                    0.15, circular=False)
    stereo = fade_edges(stereo, 1.2, 2.0)
    return _peak(stereo, -3.0)


def _peak(x: np.ndarray, db: float) -> np.ndarray:
    return x * (10 ** (db / 20) / (np.max(np.abs(x)) + 1e-12))


PIECES: dict[str, tuple[Callable[[], np.ndarray], bool, float]] = {
    # name -> (generator, loops, Vorbis compression level 0..1: higher is smaller)
    "sunset_warm": (sunset_warm, True, 1.0),
    "sunset_cold": (sunset_cold, True, 1.0),
    "drone": (drone, True, 1.0),
    "night_city": (night_city, True, 1.0),
    "dawn": (dawn, True, 1.0),
    "door_handle": (door_handle, False, 0.5),
    "heartbeat": (heartbeat, False, 0.6),
}


def write_ogg(path: Path, x: np.ndarray, compression: float) -> None:
    import soundfile as sf

    path.parent.mkdir(parents=True, exist_ok=True)
    data = np.clip(x, -1.0, 1.0).astype(np.float32)
    # libsndfile 1.2 crashes writing a long Vorbis stream in one call: write it in blocks
    with sf.SoundFile(str(path), "w", SR, 2, format="OGG", subtype="VORBIS",
                      compression_level=compression) as f:
        for i in range(0, len(data), 16384):
            f.write(data[i: i + 16384])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", nargs="*", choices=sorted(PIECES), help="generate only these")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    from analyse import analyse, report

    for name in args.only or PIECES:
        make, loops, compression = PIECES[name]
        path = args.out / f"{name}.ogg"
        write_ogg(path, make(), compression)
        print(report(path, analyse(path, loops)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
