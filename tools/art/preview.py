"""A contact sheet of a sprite's looks under one light preset, for drawing new looks.

    .venv/bin/python tools/art/preview.py zack sunset /tmp/zack_sunset.png [HEIGHT] [look ...]

Each look is composited the way the game's compositor does it (docs/stage-format.md): `ambient`
layers multiplied by the preset's ambient colour, `rim` layers added in rim colour x
rim_strength, `emissive` layers added as they are, over a flat backdrop in the preset's sky
horizon colour (the figures are backlit by the glass). Needs only the game's own dependencies
(pygame-ce, PyYAML). The real check is `vn render` in the room; this is the quick look.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pygame
import yaml

ROOT = Path(__file__).resolve().parents[2]


def colour(hexs: str) -> tuple[int, int, int]:
    h = hexs.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def main(argv: list[str]) -> int:
    name, preset, out = argv[0], argv[1], argv[2]
    height = int(argv[3]) if len(argv) > 3 else 600
    want = argv[4:]
    spec = yaml.safe_load((ROOT / "assets" / "sprites" / f"{name}.yaml").read_text())
    light = yaml.safe_load((ROOT / "assets" / "lighting.yaml").read_text())["presets"][preset]
    amb = colour(light["ambient"])
    rim = colour(light.get("rim", "#ffffff"))
    k = float(light.get("rim_strength", 1.0))
    rimc = tuple(min(255, round(c * k)) for c in rim)
    sky = colour(light.get("sky_horizon", "#808080"))
    looks = [n for n in spec["looks"] if not want or n in want]
    pygame.init()
    first = next(iter(spec["layers"].values()))
    path = first if isinstance(first, str) else first["image"]
    probe = pygame.image.load(str(ROOT / "assets" / "sprites" / path))
    w = round(probe.get_width() * height / probe.get_height())
    sheet = pygame.Surface((w * len(looks), height + 24))
    sheet.fill((20, 20, 24))
    font = pygame.font.Font(None, 22)
    for i, look in enumerate(looks):
        cell = pygame.Surface((w, height))
        cell.fill(tuple(int(c * 0.55) for c in sky))
        pygame.draw.rect(cell, tuple(int(c * 0.3) for c in sky), (0, int(height * 0.8), w, height))
        for lname in spec["looks"][look]:
            lay = spec["layers"][lname]
            img_path, role = (lay, "ambient") if isinstance(lay, str) else (lay["image"], lay.get("light", "ambient"))
            img = pygame.image.load_sized_svg(str(ROOT / "assets" / "sprites" / img_path), (w, height)).convert_alpha()
            if role == "ambient":
                tinted = img.copy()
                tinted.fill((*amb, 255), special_flags=pygame.BLEND_RGBA_MULT)
                cell.blit(tinted, (0, 0))
            else:
                add = pygame.Surface((w, height))
                add.fill((0, 0, 0))
                add.blit(img, (0, 0))
                if role == "rim":
                    add.fill(rimc, special_flags=pygame.BLEND_RGB_MULT)
                cell.blit(add, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
        sheet.blit(cell, (i * w, 24))
        sheet.blit(font.render(look, True, (220, 220, 220)), (i * w + 6, 4))
    pygame.image.save(sheet, out)
    return 0


if __name__ == "__main__":
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    sys.exit(main(sys.argv[1:]))
