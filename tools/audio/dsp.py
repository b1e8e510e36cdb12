"""A small synthesis kit for the bundled game's score: numpy only, everything from scratch.

Loops are made periodic by construction, so they repeat without a seam:
- every oscillator runs a whole number of cycles per loop (`cycles`), and so does every LFO;
- envelopes of events are placed on a circle (`circular_window`), so a note near the end
  rings on into the start;
- noise is shaped in the frequency domain of the whole loop (circular by nature);
- reverb is a circular convolution (FFT of the loop times FFT of the impulse response), so the
  tail of the end of the loop sounds under its beginning, as it does when the loop repeats.
One-shot sounds use the same parts with linear convolution.
"""

from __future__ import annotations

import numpy as np

SR = 44100


def times(seconds: float, rate: int = SR) -> np.ndarray:
    return np.arange(int(round(seconds * rate))) / rate


def cycles(freq: float, loop: float | None) -> float:
    """`freq` moved to the nearest frequency that fits a whole number of cycles in `loop` seconds
    (at most half a cycle per loop away: 0.01 Hz for a 48 s loop)."""
    if not loop:
        return freq
    return max(1, round(freq * loop)) / loop


def cents(freq: float, c: float) -> float:
    return freq * 2 ** (c / 1200.0)


def note(name: str) -> float:
    """'A4' -> 440.0; sharps with '#', flats with 'b' ('Db3')."""
    steps = {"C": -9, "D": -7, "E": -5, "F": -4, "G": -2, "A": 0, "B": 2}
    semis = steps[name[0]]
    rest = name[1:]
    while rest and rest[0] in "#b":
        semis += 1 if rest[0] == "#" else -1
        rest = rest[1:]
    return 440.0 * 2 ** ((semis + 12 * (int(rest) - 4)) / 12)


def lowpass_gain(freq: np.ndarray | float, cutoff: np.ndarray | float, order: float = 2.0):
    """Magnitude of a smooth low-pass at `freq` (Butterworth-like, `order` poles)."""
    return 1.0 / np.sqrt(1.0 + (np.asarray(freq) / np.maximum(cutoff, 1.0)) ** (2 * order))


def additive(freq: float, t: np.ndarray, loop: float | None, cutoff, *, rolloff: float = 1.0,
             odd: float = 1.0, max_freq: float = 9000.0, vibrato: float = 0.0, vib_cycles: int = 3,
             rng: np.random.Generator) -> np.ndarray:
    """A band-limited tone whose partials k·f weigh k**-rolloff (1: saw-like), even partials
    scaled by `odd` (0: hollow, square-like), through a low-pass whose `cutoff` (Hz, a number or
    an array over t) may move. `vibrato`: slow pitch wander depth in cents. Partials quieter
    than -60 dB are left out (they cost time and nobody hears them)."""
    out = np.zeros_like(t)
    f0 = cycles(freq, loop)
    period = loop if loop else t[-1] + 1.0 / SR
    theta = 2 * np.pi * f0 * t
    if vibrato:
        rate = vib_cycles / period
        depth = f0 * (2 ** (vibrato / 1200.0) - 1.0)
        # the phase of a sine FM: depth/rate * sin, periodic over the loop
        theta = theta + 2 * np.pi * depth / rate * np.sin(2 * np.pi * rate * t + rng.uniform(0, 2 * np.pi))
    cutoff = np.asarray(cutoff, dtype=float)
    top = float(np.max(cutoff))
    # the filter moves slowly: its gain at a control rate of one value per 64 samples is plenty
    control = cutoff[::64] if cutoff.ndim else cutoff
    for k in range(1, 41):
        if k * f0 >= max_freq:
            break
        amp = k ** -rolloff * (odd if k % 2 == 0 else 1.0)
        if amp * float(lowpass_gain(k * f0, top)) < 1e-3:
            continue
        gain = lowpass_gain(k * f0, control)
        if cutoff.ndim:
            gain = np.repeat(gain, 64)[: len(t)]
        out += (amp * gain) * np.sin(k * theta + rng.uniform(0, 2 * np.pi))
    return out


def upsample2(x: np.ndarray) -> np.ndarray:
    """Twice the sample rate, by zero-padding the spectrum of the whole (periodic) signal."""
    n = len(x)
    spec = np.fft.rfft(x, axis=0)
    wide = np.zeros((n + 1,) + x.shape[1:], dtype=complex)
    wide[: len(spec)] = spec
    return np.fft.irfft(wide, 2 * n, axis=0) * 2.0


def circular_window(t: np.ndarray, loop: float, center: float, width: float, fade: float) -> np.ndarray:
    """1 within `width` seconds around `center`, fading over `fade` s on each side, measured
    around the loop's circle (so a window at the end wraps to the start). The fades are
    equal-power (sine and cosine quarters): two windows that overlap by `fade` cross without a
    dip in loudness."""
    d = np.abs(((t - center + loop / 2) % loop) - loop / 2)
    half = width / 2.0
    w = np.clip((half + fade - d) / max(fade, 1e-9), 0.0, 1.0)
    return np.sin(np.pi / 2 * w)


def lfo(t: np.ndarray, loop: float, n: int, phase: float = 0.0) -> np.ndarray:
    """A sine in 0..1 with n whole cycles per loop."""
    return 0.5 + 0.5 * np.sin(2 * np.pi * n * t / loop + phase)


def shaped_noise(n: int, rng: np.random.Generator, *, tilt: float = 1.0, low: float = 20.0,
                 high: float = 12000.0, order: float = 2.0) -> np.ndarray:
    """Circular noise of n samples: 1/f**(tilt/2) in power (1: pink, 2: brown), band-limited."""
    spec = rng.normal(size=n // 2 + 1) + 1j * rng.normal(size=n // 2 + 1)
    f = np.fft.rfftfreq(n, 1.0 / SR)
    f[0] = 1.0
    mag = f ** (-tilt / 2.0) * lowpass_gain(f, high, order) * (1.0 - lowpass_gain(f, low, order))
    x = np.fft.irfft(spec * mag, n)
    return x / (np.std(x) + 1e-12)


def bandpass_noise(n: int, rng: np.random.Generator, center: float, q: float) -> np.ndarray:
    spec = rng.normal(size=n // 2 + 1) + 1j * rng.normal(size=n // 2 + 1)
    f = np.fft.rfftfreq(n, 1.0 / SR)
    bw = center / q
    mag = 1.0 / (1.0 + ((f - center) / (bw / 2)) ** 2)
    x = np.fft.irfft(spec * mag, n)
    return x / (np.std(x) + 1e-12)


def impulse_response(seconds: float, rng: np.random.Generator, *, damp: float = 2500.0,
                     predelay: float = 0.02) -> np.ndarray:
    """A stereo (n, 2) reverb tail: decorrelated noise decaying 60 dB over `seconds`, losing its
    highs as it goes (air and walls absorb them first)."""
    n = int(seconds * SR)
    t = np.arange(n) / SR
    out = np.zeros((n, 2))
    for ch in range(2):
        noise = rng.normal(size=n)
        # darken over time: blend a bright and a dark copy
        spec = np.fft.rfft(noise)
        f = np.fft.rfftfreq(n, 1.0 / SR)
        dark = np.fft.irfft(spec * lowpass_gain(f, damp * 0.25, 1.0), n)
        bright = np.fft.irfft(spec * lowpass_gain(f, damp, 1.0), n)
        mix = np.exp(-t / (seconds * 0.25))
        tail = (bright * mix + dark * (1 - mix) * 2.0) * np.exp(-6.9 * t / seconds)
        tail[: int(predelay * SR)] = 0.0
        out[:, ch] = tail
    return out / np.sqrt(np.sum(out ** 2) / 2)


def reverb(x: np.ndarray, ir: np.ndarray, wet: float, *, circular: bool) -> np.ndarray:
    """x (n, 2) with the impulse response `ir` (m, 2) mixed in at `wet`. `circular`: the loop's
    tail wraps to its start (for loops); else the output is longer by the tail."""
    n, m = len(x), len(ir)
    size = n if circular else n + m
    out = np.zeros((size, 2))
    for ch in range(2):
        h = np.zeros(size)
        h[: min(m, size)] = ir[: min(m, size), ch]
        out[:, ch] = np.fft.irfft(np.fft.rfft(x[:, ch], size) * np.fft.rfft(h, size), size)
    dry = np.zeros((size, 2))
    dry[:n] = x
    return dry * (1.0 - wet) + out * wet


def pan(mono: np.ndarray, position: float) -> np.ndarray:
    """Equal-power pan, position -1 (left) .. 1 (right)."""
    a = (position + 1) * np.pi / 4
    return np.stack([mono * np.cos(a), mono * np.sin(a)], axis=1)


def fade_edges(x: np.ndarray, fade_in: float, fade_out: float) -> np.ndarray:
    n = len(x)
    env = np.ones(n)
    a, b = int(fade_in * SR), int(fade_out * SR)
    if a:
        env[:a] = np.sin(np.linspace(0, np.pi / 2, a)) ** 2
    if b:
        env[n - b:] = np.cos(np.linspace(0, np.pi / 2, b)) ** 2
    return x * env[:, None]


def master(x: np.ndarray, rms_db: float, ceiling_db: float = -1.0) -> np.ndarray:
    """Scale to an RMS level (dBFS), then round off peaks above the ceiling (a soft knee, never a
    hard clip)."""
    rms = np.sqrt(np.mean(x ** 2)) + 1e-12
    y = x * (10 ** (rms_db / 20) / rms)
    ceil = 10 ** (ceiling_db / 20)
    knee = 0.7 * ceil
    mag = np.abs(y)
    over = mag > knee
    y[over] = np.sign(y[over]) * (knee + (ceil - knee) * np.tanh((mag[over] - knee) / (ceil - knee)))
    return y
