"""Figures for a generated sound, measured on the decoded OGG (what the game will play).

    python tools/audio/analyse.py assets/audio/*.ogg

Nobody listens in CI, so the checks a listener would make are numbers here:
- level: RMS and peak in dBFS, and the RMS envelope (per second: lowest and highest) — a pad
  should breathe, not pump or sit dead flat;
- spectrum: the share of energy below 200 Hz, 200 Hz–2 kHz and above 2 kHz, and the spectral
  centroid — a warm pad sits low, a cold one thinner, nothing hisses;
- loops: the seam, where the last sample runs into the first. `seam jump` is the step across it
  relative to the 99.9th percentile of steps inside the file (about 1 or less: no click), and
  `seam level` the RMS of the 50 ms around the seam relative to the file's (near 1: no dip or
  bump where it wraps).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np


def analyse(path: Path, loops: bool) -> dict[str, float]:
    import soundfile as sf

    x, sr = sf.read(str(path), always_2d=True)
    mono = x.mean(axis=1)
    rms = float(np.sqrt(np.mean(x ** 2)))
    second = max(1, len(mono) // sr)
    per_second = [np.sqrt(np.mean(mono[i * sr:(i + 1) * sr] ** 2)) for i in range(second)]
    spec = np.abs(np.fft.rfft(mono)) ** 2
    f = np.fft.rfftfreq(len(mono), 1.0 / sr)
    total = float(spec.sum()) + 1e-20
    out = {
        "seconds": len(mono) / sr,
        "kB": path.stat().st_size / 1024,
        "rms_dbfs": _db(rms),
        "peak_dbfs": _db(float(np.max(np.abs(x)))),
        "env_min_db": _db(float(min(per_second))),
        "env_max_db": _db(float(max(per_second))),
        "low": float(spec[f < 200].sum() / total),
        "mid": float(spec[(f >= 200) & (f < 2000)].sum() / total),
        "high": float(spec[f >= 2000].sum() / total),
        "centroid_hz": float((spec * f).sum() / total),
        "dc": float(np.mean(mono)),
    }
    if loops:
        steps = np.abs(np.diff(x, axis=0))
        typical = float(np.percentile(steps, 99.9)) + 1e-12
        seam = float(np.max(np.abs(x[0] - x[-1])))
        w = int(0.025 * sr)
        around = np.concatenate([x[-w:], x[:w]])
        out["seam_jump"] = seam / typical
        out["seam_level"] = float(np.sqrt(np.mean(around ** 2)) / (rms + 1e-12))
    return out


def _db(v: float) -> float:
    return 20 * np.log10(max(v, 1e-10))


def report(path: Path, a: dict[str, float]) -> str:
    text = (f"{path.name}: {a['seconds']:.1f} s, {a['kB']:.0f} kB, RMS {a['rms_dbfs']:.1f} dBFS, "
            f"peak {a['peak_dbfs']:.1f} dBFS, per-second RMS {a['env_min_db']:.1f}..{a['env_max_db']:.1f} dB, "
            f"energy <200 Hz {a['low']:.0%} / 200-2k {a['mid']:.0%} / >2k {a['high']:.1%}, "
            f"centroid {a['centroid_hz']:.0f} Hz")
    if "seam_jump" in a:
        text += f", seam jump {a['seam_jump']:.2f}, seam level {a['seam_level']:.2f}"
    return text


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        p = Path(arg)
        print(report(p, analyse(p, loops=p.stem not in ("door_handle", "heartbeat"))))
