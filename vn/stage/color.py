"""Colours as data: `#rrggbb` parsing and interpolation in OKLab.

Light presets tween every colour at once; mixing in sRGB turns a sunset into mud (red to blue
passes through grey), OKLab keeps the hue path and the perceived lightness believable.
Colours are `(r, g, b)` tuples of floats on the 0..255 sRGB scale, so a tweened colour keeps
its precision until the renderer quantises it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

RGB = tuple[float, float, float]

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


def is_hex(text: object) -> bool:
    return isinstance(text, str) and _HEX.match(text) is not None


def parse_hex(text: str) -> tuple[int, int, int]:
    """`"#rrggbb"` -> `(r, g, b)` in 0..255. Raises ValueError on anything else."""
    m = _HEX.match(text) if isinstance(text, str) else None
    if m is None:
        raise ValueError(f"not a #rrggbb colour: {text!r}")
    v = int(m.group(1), 16)
    return (v >> 16) & 255, (v >> 8) & 255, v & 255


def to_hex(rgb: RGB) -> str:
    r, g, b = (max(0, min(255, round(c))) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def _to_linear(c: float) -> float:
    c = c / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _to_srgb(c: float) -> float:
    c = max(0.0, min(1.0, c))
    v = 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1.0 / 2.4) - 0.055
    return v * 255.0


def rgb_to_oklab(rgb: RGB) -> tuple[float, float, float]:
    """sRGB (0..255) -> OKLab (L in 0..1), after Björn Ottosson's reference matrices."""
    r, g, b = (_to_linear(c) for c in rgb)
    lm = 0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b
    mm = 0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b
    sm = 0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b
    l_, m_, s_ = (math.copysign(abs(v) ** (1.0 / 3.0), v) for v in (lm, mm, sm))
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def oklab_to_rgb(lab: tuple[float, float, float]) -> RGB:
    """OKLab -> sRGB (0..255), clamped into the gamut."""
    L, a, b = lab
    l_ = L + 0.3963377774 * a + 0.2158037573 * b
    m_ = L - 0.1055613458 * a - 0.0638541728 * b
    s_ = L - 0.0894841775 * a - 1.2914855480 * b
    lm, mm, sm = l_**3, m_**3, s_**3
    return (
        _to_srgb(4.0767416621 * lm - 3.3077115913 * mm + 0.2309699292 * sm),
        _to_srgb(-1.2684380046 * lm + 2.6097574011 * mm - 0.3413193965 * sm),
        _to_srgb(-0.0041960863 * lm - 0.7034186147 * mm + 1.7076147010 * sm),
    )


@lru_cache(maxsize=1024)
def _oklab(rgb: RGB) -> tuple[float, float, float]:
    """`rgb_to_oklab`, kept: a light tween mixes the same preset colours every frame."""
    return rgb_to_oklab(rgb)


def lerp_color(a: RGB, b: RGB, u: float) -> RGB:
    """The colour a fraction `u` of the way from `a` to `b`, mixed in OKLab.

    The ends are returned exactly (no round trip error) so a finished tween lands on the
    preset's colour."""
    if u <= 0.0:
        return (float(a[0]), float(a[1]), float(a[2]))
    if u >= 1.0 or a == b:
        return (float(b[0]), float(b[1]), float(b[2]))
    la, lb = _oklab(tuple(a)), _oklab(tuple(b))  # type: ignore[arg-type]
    return oklab_to_rgb(tuple(x + (y - x) * u for x, y in zip(la, lb, strict=True)))  # type: ignore[arg-type]
