"""What the picture is at one moment: plain frozen data from `Scene.view(now)`.

The renderer draws a `SceneView` and nothing else; it needs no history (a transition carries a
frozen view of the picture before it) and no clock. Equal views draw equal frames.
"""

from __future__ import annotations

from dataclasses import dataclass

from vn.stage.camera import Camera
from vn.stage.color import RGB
from vn.stage.lighting import DEFAULT_LIGHT, Light

BLACK: RGB = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class SpriteView:
    """A character on stage. (x, y) is where the sprite's anchor (its feet) goes, in logical px;
    `layers` are (layer name, alpha) bottom first — during a look change both looks' layers are
    listed, cross-fading."""

    who: str
    sprite: str  # sprite name: GameAssets.sprite(name)
    x: float
    y: float
    scale: float = 1.0
    alpha: float = 1.0
    mirrored: bool = False
    z: int = 0
    layers: tuple[tuple[str, float], ...] = ()
    depth: int | None = None  # drawable stage layers under it (its mark's `depth`); None: above all


@dataclass(frozen=True)
class TransitionView:
    """A full-picture transition in progress from `before` to the live picture.
    `progress` is eased, 0 (all before) .. 1 (all after). `fade` goes through `color` at 0.5;
    `wipe` reveals the new picture left to right; `slide` pushes it in from the right."""

    kind: str  # fade | dissolve | wipe | slide
    progress: float
    color: RGB
    before: SceneView


@dataclass(frozen=True)
class CardView:
    """A title card over a plain background; `alpha` of the background, `text_alpha` of the
    words (they come in a little after the background and leave a little before it)."""

    title: str
    subtitle: str | None
    alpha: float
    text_alpha: float
    color: RGB = BLACK


@dataclass(frozen=True)
class SceneView:
    size: tuple[int, int]  # logical size of the picture
    stage: str | None  # None: nothing but black
    light: Light = DEFAULT_LIGHT
    sprites: tuple[SpriteView, ...] = ()  # in drawing order (z, then feet y)
    shake: tuple[float, float] = (0.0, 0.0)  # picture offset, logical px
    flash: float = 0.0  # alpha of the flash colour over everything
    flash_color: RGB = (255.0, 255.0, 255.0)
    vignette: float = 0.0  # 0..1 darkening of the edges
    vignette_color: RGB = BLACK
    transition: TransitionView | None = None
    card: CardView | None = None
    textbox: bool = True
    clock: float = 0.0  # the stage's animation clock (s since it was shown); 0 when nothing animates
    camera: Camera | None = None  # where the screen looks (None: the stage's default camera)
    # a camera move (pan, push-in, pull-back) runs: the picture may be drawn as the whole scene
    # at the stage's own scale, enlarged once (vn.render.compositor), rather than each plane
    # and figure at the camera's zoom; a held camera is always drawn at its zoom
    camera_moving: bool = False
    # the living motion's time (vn.stage.motion): seconds on the stage clock, quantised to the
    # motion's frame rate; None when nothing lives (the picture at rest: lights steady, figures
    # breathed out, glows full) -- while anything else moves, and with "Reduce motion"
    motion: float | None = None
