"""Play audio steps through the real mixer into SDL's `disk` driver; run as a separate process.

    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=OUT.raw python disk_scenario.py AUDIO_DIR SCENARIO

Drives `vn.audio.mixer.MixerAudio` in real time with the directions of SCENARIO (a JSON list of
`[seconds, kind, args]`), calling `update` every few milliseconds as the window's loop does, and
prints JSON: for each step the byte offset the raw output had reached when it ran (the driver
writes signed 16-bit stereo frames as the device would play them), the mixer's format and the
warnings given.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from vn.audio.mixer import MixerAudio  # noqa: E402
from vn.session import Settings  # noqa: E402


def main() -> int:
    folder, steps = Path(sys.argv[1]), json.loads(sys.argv[2])
    out = os.environ["SDL_DISKAUDIOFILE"]
    warnings: list[str] = []
    audio = MixerAudio(lambda name: (folder / name) if (folder / name).is_file() else None, warnings.append)
    settings = Settings()
    ok = audio.start()
    marks = []
    t0 = time.perf_counter()
    for at, kind, args in steps:
        while (now := time.perf_counter() - t0) < at:
            audio.update(now, settings)
            time.sleep(0.005)
        now = time.perf_counter() - t0
        if kind == "set":
            for k, v in args.items():
                setattr(settings, k, v)
        elif kind == "load":  # wait until the files it names are decoded, so timings are exact
            for name in args["files"]:
                while audio._sound(name) is None and name not in audio._sounds:
                    time.sleep(0.005)
        elif kind != "mark":
            audio.play(SimpleNamespace(command=kind, args=args), now)
        audio.update(now, settings)
        marks.append({"at": now, "kind": kind, "offset": os.path.getsize(out)})
    import pygame

    fmt = list(pygame.mixer.get_init() or ())
    audio.close()
    print(json.dumps({"started": ok, "marks": marks, "warnings": warnings, "format": fmt}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
