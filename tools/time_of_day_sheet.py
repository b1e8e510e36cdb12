"""Render the bundled stage under `light: {time: …}` at every half hour from 17:00 to 07:00
and lay the frames out as one contact sheet (docs/images/time-of-day.jpg).

    .venv/bin/python tools/time_of_day_sheet.py [-o docs/images/time-of-day.png] [--size 384x216]

Each frame is what `- light: {time: "HH:MM"}` shows on the living_room stage with both
characters at their marks (the stage's date, latitude and view are its map properties).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from vn.render.compositor import Compositor  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402
from vn.story.events import Direction, SourcePos  # noqa: E402

POS = SourcePos("tools/time_of_day_sheet.py", 1, 1)


def _d(command: str, **args: object) -> Direction:
    return Direction("sheet", command, args, POS)


def times() -> list[str]:
    out, m = [], 17 * 60
    while True:
        out.append(f"{m // 60 % 24:02d}:{m % 60:02d}")
        if m == 31 * 60:
            return out
        m += 30


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "images" / "time-of-day.jpg"))
    ap.add_argument("--size", default="384x216")
    ap.add_argument("--columns", type=int, default=6)
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    pygame.init()
    assets = GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})
    comp = Compositor(assets, ImageCache())
    font = pygame.font.Font(None, max(14, h // 9))
    labels = times()
    cols = args.columns
    rows = (len(labels) + cols - 1) // cols
    gap = 4
    sheet = pygame.Surface((cols * (w + gap) + gap, rows * (h + gap) + gap))
    sheet.fill((24, 24, 28))
    for i, when in enumerate(labels):
        scene = Scene(assets)
        scene.apply(_d("stage", name="living_room"), 0.0)
        scene.apply(_d("show", who="sephiroth", at="window"), 0.0)
        scene.apply(_d("show", who="zack", at="wall"), 0.0)
        scene.apply(_d("light", time=when), 0.0)
        frame = pygame.Surface((w, h))
        comp.draw(frame, scene.view(0.0))
        text = font.render(when, True, (255, 255, 255))
        frame.blit(text, (8, h - text.get_height() - 6))
        sheet.blit(frame, (gap + (i % cols) * (w + gap), gap + (i // cols) * (h + gap)))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(sheet, args.output)
    print(f"{args.output}: {len(labels)} frames, 17:00 to 07:00")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
