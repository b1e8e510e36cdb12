"""The director: turns the story's stage `Direction`s into a picture that is a pure function of
time.

`apply(direction, now)` records what changes and when (as tweens); `view(now)` answers what the
picture is at any moment without changing anything, so a frame can be reproduced exactly and
the loop can sleep whenever `busy(now)` is False.

How a host drives it: apply every Direction the story gives as it comes (each takes effect at
`now`); before presenting the next thing the reader must see — a line, a choice, a wait —
wait until `blocking_until`. Directions applied at the same `now` form one *batch*: a
`transition:` (or a `with:` on stage/show/hide) goes from the picture as it was when the batch
began to the live picture, so it covers the changes of its whole batch whether they come
before it (Ren'Py's `with`) or after it (up to the next line). Several `show … with: dissolve`
steps in one batch dissolve together. `light … over:` and `move` never block: lines go on while
the light slides down a figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from vn.script.diagnostics import Diagnostic, warning
from vn.stage import motion
from vn.stage.camera import Camera, clamp, lerp_camera, merge_spec, resolve
from vn.stage.color import RGB, is_hex, parse_hex
from vn.stage.layout import Layout, Mark
from vn.stage.lighting import DEFAULT_LIGHT, Light, lerp_light
from vn.stage.sprites import SpriteDef
from vn.stage.sun import Sky, light_at, parse_time
from vn.stage.tween import Tween, lerp, progress
from vn.stage.view import BLACK, CardView, SceneView, SpriteView, TransitionView

TRANSITIONS: dict[str, float] = {"fade": 1.0, "dissolve": 0.5, "wipe": 0.8, "slide": 0.8}
TRANSITION_EASE = {"fade": "linear", "dissolve": "sine_in_out", "wipe": "cubic_in_out",
                   "slide": "cubic_in_out"}
EFFECTS: dict[str, float] = {"shake": 0.5, "flash": 0.3, "vignette": 1.0}
MOVE_SECONDS = 1.0
LOOK_SECONDS = 0.3  # a `show` that changes a look or a mark without `with:` cross-fades this long
MOVE_EASE = "sine_in_out"
LIGHT_EASE = "sine_in_out"
CAMERA_EASE = "sine_in_out"
# A running light tween is shown in steps of LIGHT_STEP seconds from its start, and its three
# parts each on their own third of a step (`light_shown`): the planes' light (ambient, rim, city
# lights, fill: every field not named below) at 1/6, the sky (its colours and the sun) at 1/2,
# the beams at 5/6 (between the frames of a 60 Hz clock that starts with the tween). A slow
# light moves a level or two of colour a step, so nobody sees the steps; the renderer relights
# the planes, rebuilds the sky and re-tints the beams (each a few full-picture passes) on
# different frames at 60 frames a second, each a third as often, instead of all of them on
# most frames.
LIGHT_STEP = 1.0 / 20.0
_SKY = ("sky_top", "sky_horizon", "sun", "sun_color", "sun_size")
CARD_SECONDS = 2.5
VIGNETTE_STRENGTH = 0.6
SHAKE_AMPLITUDE = 0.02  # of the picture height, at strength 1
WHITE: RGB = (255.0, 255.0, 255.0)

Place = tuple[float, float, float]  # x, y, scale


class Assets(Protocol):
    """What the scene needs from `vn.stage.assets.GameAssets` (a test may pass a stub)."""

    size: tuple[int, int]

    def stage(self, name: str) -> Layout | None: ...
    def sprite_name(self, who: str) -> str | None: ...
    def sprite(self, name: str) -> SpriteDef | None: ...
    def preset(self, name: str) -> Light | None: ...


def _lerp_place(a: Place, b: Place, u: float) -> Place:
    return (lerp(a[0], b[0], u), lerp(a[1], b[1], u), lerp(a[2], b[2], u))


@dataclass
class _Sprite:
    who: str
    sprite: SpriteDef
    sprite_name: str
    look: str
    place: Tween[Place]
    mirrored: bool
    z: int
    alpha: Tween[float]
    layers: dict[str, Tween[float]] = field(default_factory=dict)  # drawing order
    leaving: bool = False
    depth: int | None = None  # the mark's: how many stage layers are drawn under it

    def tweens(self) -> list[Tween[Any]]:
        return [self.place, self.alpha, *self.layers.values()]

    def look_changing(self, now: float) -> bool:
        return any(t.running(now) for t in self.layers.values())


@dataclass(frozen=True)
class _Transition:
    kind: str
    start: float
    duration: float
    color: RGB
    before: SceneView

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass(frozen=True)
class _Card:
    title: str
    subtitle: str | None
    start: float
    duration: float

    @property
    def end(self) -> float:
        return self.start + self.duration


class Scene:
    def __init__(self, game_assets: Assets) -> None:
        self.assets = game_assets
        self.size = tuple(game_assets.size)
        self.warnings: list[Diagnostic] = []
        self._stage: str | None = None
        self._layout: Layout | None = None
        self._stage_since = 0.0  # game time the stage was shown (its tile animations start)
        self._camera_spec: dict[str, Any] = {}  # what `camera:` steps asked for (see vn.stage.camera)
        self._camera: Tween[Camera] | None = None  # None: the stage's default camera
        self._light: Tween[Light] = Tween.still(DEFAULT_LIGHT, lerp_light)
        self._light_set = False
        self._sprites: list[_Sprite] = []
        self._transition: _Transition | None = None
        self._card: _Card | None = None
        self._shake: tuple[float, float, float] | None = None  # start, duration, strength
        self._flash: tuple[float, float, float, RGB] | None = None  # start, duration, strength, colour
        self._vignette: Tween[float] = Tween.still(0.0, lerp)
        self._vignette_color: RGB = BLACK
        self._textbox = True
        self.blocking_until = 0.0
        """Game time the story must wait for before it shows the next line/choice/wait."""
        self._batch_time: float | None = None
        self._batch_before: SceneView | None = None
        self.look_fade = LOOK_SECONDS
        """Seconds a `show` without `with:` cross-fades a changed look or mark (0: at once; the
        host sets 0 while skipping and with "reduce motion"). The story never waits for it."""

    @property
    def gallery_image(self) -> str | None:
        """The stage shown, when it is a key-beat image for the gallery (its map has a `gallery`
        property); None otherwise."""
        layout = self._layout
        return self._stage if layout is not None and layout.gallery is not None else None

    # --- the story's directions ---------------------------------------------------------------

    def apply(self, direction: Any, now: float) -> None:
        """Apply one `vn.story.events.Direction` at game time `now`. Unknown names (a mark, a
        look, a preset that does not exist) never raise: they are recorded in `warnings`."""
        command = direction.command
        args: Mapping[str, Any] = direction.args or {}
        handler = getattr(self, f"_do_{command}", None)
        if handler is None:
            if command not in ("music", "sound", "stop"):
                self._warn(direction, f"the stage does not know the command '{command}'")
            return
        now = float(now)
        if now != self._batch_time:  # the picture the batch's transitions start from
            self._batch_time = now
            self._batch_before = self.view(now)
        self._prune(now)
        handler(direction, args, now)

    def _warn(self, direction: Any, message: str) -> None:
        p = getattr(direction, "pos", None)
        self.warnings.append(warning(getattr(p, "path", "<stage>"), getattr(p, "line", 0),
                                     getattr(p, "col", 0), message))

    def _block(self, until: float) -> None:
        self.blocking_until = max(self.blocking_until, until)

    def _begin_transition(self, kind: str, over: float | None, color: RGB, now: float) -> None:
        """Freeze the picture as it was when this batch began; the live picture is the one
        transitioned to. A second transition in the same batch keeps the first one's `before`."""
        if self._transition is not None and self._transition.start == now:
            before = self._transition.before
        else:
            before = self._batch_before if self._batch_time == now and self._batch_before else self.view(now)
            if before.transition is not None:  # keep one level of nesting at most
                inner = replace(before.transition, before=replace(before.transition.before, transition=None))
                before = replace(before, transition=inner)
        duration = TRANSITIONS[kind] if over is None else max(0.0, float(over))
        self._transition = _Transition(kind, now, duration, color, before)
        self._block(now + duration)

    def _with(self, direction: Any, args: Mapping[str, Any]) -> tuple[str | None, float | None]:
        """(kind, seconds) of a `with`/`over` pair; `over` alone means dissolve."""
        kind, over = args.get("with"), args.get("over")
        if kind is None and over is None:
            return None, None
        kind = kind or "dissolve"
        if kind not in TRANSITIONS:
            self._warn(direction, f"unknown transition '{kind}': using dissolve")
            kind = "dissolve"
        seconds = TRANSITIONS[kind] if over is None else max(0.0, float(over))
        return kind, seconds

    def _do_stage(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        kind, seconds = self._with(d, args)
        if kind is not None:
            self._begin_transition(kind, seconds, BLACK, now)
        name = args.get("name")
        self._set_stage(name if isinstance(name, str) else None, now, d)
        self._sprites = []

    def _set_stage(self, name: str | None, now: float, d: Any = None) -> None:
        self._stage, self._layout = name, None
        self._stage_since = now
        self._camera_spec, self._camera = {}, None
        if name is not None:
            self._layout = self.assets.stage(name)
            if self._layout is None and d is not None:
                self._warn(d, f"stage '{name}' could not be loaded: showing nothing")
        if not self._light_set and self._layout is not None:
            self._light = Tween.still(self._by_time(self._preset(self._layout.default_light, d)), lerp_light)

    def _preset(self, name: str, d: Any = None) -> Light:
        light = self.assets.preset(name)
        if light is None:
            if d is not None:
                self._warn(d, f"no light preset '{name}': using the built-in day light")
            return DEFAULT_LIGHT
        return light

    def _mark(self, name: str | None, d: Any) -> Mark | None:
        if name is None:
            return None
        mark = self._layout.marks.get(name) if self._layout is not None else None
        if mark is None:
            self._warn(d, f"no mark '{name}' on stage '{self._stage}': standing at the centre")
        return mark

    def _centre(self) -> Place:
        w, h = self._layout.size if self._layout is not None else self.size
        return (w / 2.0, h * 0.95, 1.0)

    def _active(self, who: str) -> _Sprite | None:
        for s in self._sprites:
            if s.who == who and not s.leaving:
                return s
        return None

    def _layer_tweens(self, sprite: SpriteDef, look: str, alpha: float = 1.0) -> dict[str, Tween[float]]:
        return {name: Tween.still(alpha, lerp) for name in sprite.look(look)}

    def _do_show(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        who = args.get("who")
        if not isinstance(who, str):
            self._warn(d, "show: no character named")
            return
        kind, seconds = self._with(d, args)
        if kind is not None and kind != "dissolve":
            self._begin_transition(kind, seconds, BLACK, now)
            seconds = None  # the picture-wide transition does the work
        current = self._active(who)
        look = args.get("look")
        at = args.get("at")
        if current is None:
            name = self.assets.sprite_name(who)
            sprite = self.assets.sprite(name) if name is not None else None
            if sprite is None or name is None:
                self._warn(d, f"'{who}' has no sprite to show")
                return
            look = self._look(sprite, look, d)
            mark = self._mark(at, d)
            place = (mark.x, mark.y, mark.scale) if mark is not None else self._centre()
            alpha = Tween.still(1.0, lerp)
            if seconds:
                alpha = Tween(0.0, 1.0, now, seconds, "linear", lerp)
                self._block(now + seconds)
            self._sprites.append(_Sprite(
                who, sprite, name, look, Tween.still(place, _lerp_place),
                self._mirrored(sprite, mark, False), mark.z if mark is not None else 0,
                alpha, self._layer_tweens(sprite, look), depth=mark.depth if mark is not None else None))
            return
        sprite = current.sprite
        quiet = kind is None and self.look_fade > 0.0  # no `with:`: a brief cross-fade, never waited for
        mark = self._mark(at, d) if at is not None else None
        place = None
        if at is not None:
            place = (mark.x, mark.y, mark.scale) if mark is not None else self._centre()
        fade = seconds  # a place change: the figure dissolves from the old place to the new
        if quiet and place is not None and place != current.place.at(now) and not current.place.running(now):
            fade = self.look_fade
        ghost = None
        if place is not None and fade:  # a ghost of the figure as it was fades out
            ghost = replace(current, leaving=True, layers=dict(current.layers),
                            alpha=Tween(current.alpha.at(now), 0.0, now, fade, "linear", lerp))
        if look is not None:
            look = self._look(sprite, look, d)
            if look != current.look or current.look_changing(now):
                # with a ghost the new look simply fades in at the new place
                self._change_look(current, look, now, None if ghost else self.look_fade if quiet else seconds)
        if place is not None:
            if ghost is not None:
                self._sprites.insert(self._sprites.index(current), ghost)
                current.alpha = Tween(0.0, 1.0, now, fade, "linear", lerp)  # type: ignore[arg-type]
            current.place = Tween.still(place, _lerp_place)
            current.mirrored = self._mirrored(sprite, mark, current.mirrored)
            current.z = mark.z if mark is not None else 0
            current.depth = mark.depth if mark is not None else None
        if seconds:
            self._block(now + seconds)

    def _look(self, sprite: SpriteDef, look: str | None, d: Any) -> str:
        if look is None:
            return sprite.default
        if look not in sprite.looks:
            self._warn(d, f"sprite '{sprite.name}' has no look '{look}': using '{sprite.default}'")
            return sprite.default
        return look

    def _mirrored(self, sprite: SpriteDef, mark: Mark | None, keep: bool) -> bool:
        if mark is None or mark.facing is None:
            return keep
        return mark.facing != sprite.facing

    def _change_look(self, s: _Sprite, look: str, now: float, seconds: float | None) -> None:
        """Layers both looks share stay; the others cross-fade (or switch at once)."""
        new = s.sprite.look(look)
        s.look = look
        if not seconds:
            s.layers = self._layer_tweens(s.sprite, look)
            return
        order = list(new)
        for i, name in enumerate(s.layers):  # old-only layers keep their place in the stack
            if name not in order:
                prev = list(s.layers)[:i]
                at = max((order.index(p) + 1 for p in prev if p in order), default=0)
                order.insert(at, name)
        layers: dict[str, Tween[float]] = {}
        for name in order:
            cur = s.layers[name].at(now) if name in s.layers else 0.0
            target = 1.0 if name in new else 0.0
            layers[name] = Tween(cur, target, now, seconds, "linear", lerp) if cur != target \
                else Tween.still(target, lerp)
        s.layers = layers

    def _do_hide(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        who = args.get("who")
        current = self._active(who) if isinstance(who, str) else None
        if current is None:
            self._warn(d, f"hide: '{who}' is not on stage")
            return
        kind, seconds = self._with(d, args)
        if kind is not None and kind != "dissolve":
            self._begin_transition(kind, seconds, BLACK, now)
            seconds = None
        if seconds:
            current.leaving = True
            current.alpha = Tween(current.alpha.at(now), 0.0, now, seconds, "linear", lerp)
            self._block(now + seconds)
        else:
            self._sprites.remove(current)

    def _do_move(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        who = args.get("who")
        current = self._active(who) if isinstance(who, str) else None
        if current is None:
            self._warn(d, f"move: '{who}' is not on stage")
            return
        mark = self._mark(args.get("to"), d)
        target = (mark.x, mark.y, mark.scale) if mark is not None else self._centre()
        over = args.get("over")
        seconds = MOVE_SECONDS if over is None else max(0.0, float(over))
        ease = args.get("ease") or MOVE_EASE
        current.place = Tween(current.place.at(now), target, now, seconds, ease, _lerp_place)
        current.mirrored = self._mirrored(current.sprite, mark, current.mirrored)
        if mark is not None:
            current.z = mark.z
            current.depth = mark.depth

    def _sky(self) -> Sky:
        """The sun's settings: the game's (lighting.yaml `sun:`), then the stage's map properties."""
        game = getattr(self.assets, "sky_properties", None)
        sky = Sky().with_properties(game) if isinstance(game, Mapping) else Sky()
        return sky.with_properties(self._layout.properties if self._layout is not None else {})

    def _by_time(self, light: Light) -> Light:
        """A light defined by a time of day, made concrete for the current stage: the sun's
        light at that time, with the fields the preset sets itself over it."""
        if light.time is None:
            return light
        size = self._layout.size if self._layout is not None else self.size
        sun = light_at(light.time, self._sky(), size)  # type: ignore[arg-type]
        return replace(sun, **{f: getattr(light, f) for f in light.given})

    def _light_of(self, spec: object, d: Any = None) -> Light | None:
        """The light a `light:` value asks for: a preset name or `{"time": "HH:MM"}`."""
        if isinstance(spec, Mapping):
            minutes = parse_time(spec.get("time"))
            if minutes is None:
                if d is not None:
                    self._warn(d, f"light: '{spec.get('time')}' is not a time \"HH:MM\"")
                return None
            return self._by_time(Light(time=minutes))
        if isinstance(spec, str):
            return self._by_time(self._preset(spec, d))
        return None

    def _do_light(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        spec = {"time": args["time"]} if args.get("time") is not None else args.get("preset")
        target = self._light_of(spec, d)
        if target is None:
            if spec is None:
                self._warn(d, "light: no preset named")
            return
        self._light_set = True
        over = args.get("over")
        if not over:
            self._light = Tween.still(target, lerp_light)
        else:
            self._light = Tween(light_shown(self._light, now), target, now, float(over),
                                args.get("ease") or LIGHT_EASE, lerp_light)

    def _camera_for(self, spec: Mapping[str, Any]) -> Camera | None:
        layout = self._layout
        if layout is None:
            return None
        return resolve(spec, layout.size, self.size, layout.marks, layout.parallax_origin)  # type: ignore[arg-type]

    def _do_camera(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        """Pan and zoom: `{"mark"}` and/or `{"x", "y", "zoom"}`, over `over` seconds."""
        if self._layout is None:
            self._warn(d, "camera: no stage is shown")
            return
        mark = args.get("mark")
        if isinstance(mark, str) and mark not in self._layout.marks:
            self._warn(d, f"no mark '{mark}' on stage '{self._stage}': the camera stays")
            return
        spec = merge_spec(self._camera_spec, args)
        target = self._camera_for(spec)
        current = self._camera_at(now)
        if target is None or current is None:
            return
        self._camera_spec = spec
        over = args.get("over")
        if not over:
            self._camera = Tween.still(target, lerp_camera)
        else:
            self._camera = Tween(current, target, now, float(over), args.get("ease") or CAMERA_EASE, lerp_camera)

    def _camera_at(self, now: float) -> Camera | None:
        """The camera at `now`, kept inside the map at every moment of a pan (see `clamp`)."""
        if self._camera is not None:
            if self._layout is None:
                return self._camera.at(now)
            return clamp(self._camera.at(now), self._layout.size, self.size)  # type: ignore[arg-type]
        return self._camera_for({})

    def _do_transition(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        kind = args.get("kind")
        if kind not in TRANSITIONS:
            self._warn(d, f"unknown transition '{kind}': using dissolve")
            kind = "dissolve"
        self._begin_transition(kind, args.get("over"), self._color(args.get("color"), BLACK), now)

    def _color(self, text: object, default: RGB) -> RGB:
        if is_hex(text):
            r, g, b = parse_hex(text)  # type: ignore[arg-type]
            return (float(r), float(g), float(b))
        return default

    def _do_effect(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        kind = args.get("kind")
        if kind not in EFFECTS:
            self._warn(d, f"unknown effect '{kind}'")
            return
        over = args.get("over")
        seconds = EFFECTS[kind] if over is None else max(0.0, float(over))
        strength = args.get("strength")
        if kind == "shake":
            self._shake = (now, seconds, 1.0 if strength is None else float(strength))
        elif kind == "flash":
            self._flash = (now, seconds, 1.0 if strength is None else float(strength),
                           self._color(args.get("color"), WHITE))
        else:
            target = VIGNETTE_STRENGTH if strength is None else min(1.0, max(0.0, float(strength)))
            self._vignette = Tween(self._vignette.at(now), target, now, seconds, "sine_in_out", lerp)
            self._vignette_color = self._color(args.get("color"), self._vignette_color)

    def _do_textbox(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        mode = args.get("mode")
        if mode not in ("show", "hide"):
            self._warn(d, f"textbox: unknown mode '{mode}'")
            return
        self._textbox = mode == "show"

    def _do_card(self, d: Any, args: Mapping[str, Any], now: float) -> None:
        over = args.get("over")
        seconds = CARD_SECONDS if over is None else max(0.0, float(over))
        subtitle = args.get("subtitle")
        self._card = _Card(str(args.get("title") or ""), None if subtitle is None else str(subtitle),
                           now, seconds)
        self._block(now + seconds)

    def finish(self, now: float) -> None:
        """End every tween, transition, card and effect at once (skip mode): the picture jumps
        to where they were going, and nothing blocks the story any more."""
        def done(t: Tween[Any]) -> Tween[Any]:
            return t if t.end <= now else Tween.still(t.b, t.mix)

        self._light = done(self._light)
        self._vignette = done(self._vignette)
        if self._camera is not None:
            self._camera = done(self._camera)
        for s in self._sprites:
            s.place, s.alpha = done(s.place), done(s.alpha)
            s.layers = {k: done(t) for k, t in s.layers.items()}
        self._sprites = [s for s in self._sprites if not (s.leaving and s.alpha.at(now) <= 0.0)]
        self._transition, self._card, self._shake, self._flash = None, None, None, None
        self.blocking_until = min(self.blocking_until, now)
        self._batch_time, self._batch_before = None, None

    # --- restoring a saved game ---------------------------------------------------------------

    def restore(self, snapshot: Mapping[str, Any], now: float) -> None:
        """Set the whole scene at once from the story's stage snapshot (`{"stage", "sprites":
        {who: {"look", "at"}}, "light", "textbox", "vignette": {"strength", "color"} | None,
        "camera": {"mark", "x", "y", "zoom"} | None}`);
        other effects, transitions and cards end."""
        self._transition, self._card, self._shake, self._flash = None, None, None, None
        self._vignette = Tween.still(0.0, lerp)
        self._light_set = False
        stage = snapshot.get("stage")
        self._set_stage(stage if isinstance(stage, str) else None, now)
        light = self._light_of(snapshot.get("light"))
        if light is not None:  # after the stage: a light by the time of day depends on it
            self._light = Tween.still(light, lerp_light)
            self._light_set = True
        if not self._light_set and self._layout is None:
            self._light = Tween.still(DEFAULT_LIGHT, lerp_light)
        self._sprites = []
        for who, spec in (snapshot.get("sprites") or {}).items():
            spec = spec or {}
            self._do_show(_Restore(), {"who": who, "look": spec.get("look"), "at": spec.get("at")}, now)
        camera = snapshot.get("camera")
        if isinstance(camera, Mapping) and self._layout is not None:
            self._camera_spec = merge_spec(None, camera)
            target = self._camera_for(self._camera_spec)
            self._camera = Tween.still(target, lerp_camera) if target is not None else None
        self._textbox = bool(snapshot.get("textbox", True))
        vignette = snapshot.get("vignette")
        if isinstance(vignette, Mapping):
            strength = vignette.get("strength")
            level = VIGNETTE_STRENGTH if strength is None else min(1.0, max(0.0, float(strength)))
            self._vignette = Tween.still(level, lerp)
            self._vignette_color = self._color(vignette.get("color"), BLACK)
        self.blocking_until = now
        self._batch_time, self._batch_before = None, None

    # --- the picture --------------------------------------------------------------------------

    def _prune(self, now: float) -> None:
        """Forget what has finished: faded-out sprites and layers, ended transitions."""
        self._sprites = [s for s in self._sprites if not (s.leaving and s.alpha.at(now) <= 0.0
                                                          and now >= s.alpha.end)]
        for s in self._sprites:
            if all(not t.running(now) for t in s.layers.values()):
                s.layers = {k: t for k, t in s.layers.items() if t.at(now) > 0.0}
        if self._transition is not None and now >= self._transition.end:
            self._transition = None
        if self._card is not None and now >= self._card.end:
            self._card = None

    def view(self, now: float) -> SceneView:
        """The picture at `now`: a pure function of what was applied and `now`."""
        sprites = []
        for s in self._sprites:
            alpha = s.alpha.at(now)
            if alpha <= 0.0:
                continue
            x, y, scale = s.place.at(now)
            layers = tuple((name, a) for name, t in s.layers.items() if (a := t.at(now)) > 0.0)
            sprites.append(SpriteView(s.who, s.sprite_name, x, y, scale, min(1.0, alpha),
                                      s.mirrored, s.z, layers, s.depth))
        sprites.sort(key=lambda v: (v.z, v.y))
        transition = None
        t = self._transition
        if t is not None and now < t.end:
            u = progress(now, t.start, t.duration, TRANSITION_EASE.get(t.kind, "linear"))
            transition = TransitionView(t.kind, u, t.color, t.before)
        card = None
        if self._card is not None and self._card.start <= now < self._card.end:
            card = _card_view(self._card, now)
        flash, flash_color = 0.0, WHITE
        if self._flash is not None:
            start, seconds, strength, flash_color = self._flash
            if start <= now < start + seconds:
                flash = max(0.0, min(1.0, strength)) * (1.0 - (now - start) / seconds) ** 2
        return SceneView(
            size=self.size,  # type: ignore[arg-type]
            stage=self._stage if self._layout is not None else None,
            light=light_shown(self._light, now),
            sprites=tuple(sprites),
            shake=self._shake_at(now),
            flash=flash,
            flash_color=flash_color,
            vignette=self._vignette.at(now),
            vignette_color=self._vignette_color,
            transition=transition,
            card=card,
            textbox=self._textbox,
            clock=self._clock(now),
            camera=self._camera_at(now),
            camera_moving=self._camera is not None and self._camera.running(now),
            motion=self._motion_time(now),
        )

    def _clock(self, now: float) -> float:
        layout = self._layout
        return max(0.0, now - self._stage_since) if layout is not None and layout.animated() else 0.0

    def next_frame(self, now: float) -> float | None:
        """When the stage's tile animations next change frame (None: they never do). The loop
        sleeps until then: an animated lamp costs a redraw per frame of its animation, no more."""
        layout = self._layout
        if layout is None or not layout.animated():
            return None
        t = layout.next_frame(max(0.0, now - self._stage_since))
        return None if t is None else self._stage_since + t

    def living(self, now: float) -> frozenset[str]:
        """The kinds of living motion (`vn.stage.motion.FPS`) that show at `now`: a twinkle,
        and a flicker or pulse of an emissive layer, only while the lights (`emissive`) are on
        (of a rim or `none` layer: always), dust only while its beam shines, breathing and a pulse only
        while a figure that has them is shown."""
        kinds: set[str] = set()
        layout = self._layout
        if layout is not None and (layout.lights or any(layout.twinkle(x) or layout.flicker(x) or layout.pulse(x)
                                                        for x in layout.layers)):
            light = light_shown(self._light, now)
            lit = light.emissive >= motion.TWINKLE_MIN_EMISSIVE
            for x in layout.layers:
                if not x.visible or not (lit or x.light != "emissive"):
                    continue
                if layout.twinkle(x):
                    kinds.add("twinkle")
                if layout.flicker(x):
                    kinds.add("flicker")
                elif layout.pulse(x):
                    kinds.add("pulse")
            for shape in layout.lights:
                beam = light.beam(shape.group)
                if shape.dust > 0 and beam.strength >= motion.DUST_MIN_STRENGTH and beam.reach > 0.001:
                    kinds.add("dust")
                    break
        for s in self._sprites:
            if s.leaving:
                continue
            if s.sprite.breathing is not None:
                kinds.add("breathing")
            if any(name in s.sprite.layers and s.sprite.layers[name].pulse is not None for name in s.layers):
                kinds.add("pulse")
        return frozenset(kinds)

    def _motion_time(self, now: float) -> float | None:
        """The stage clock for the living motion, on its frame grid; None at rest (nothing
        lives, or something else moves: motion waits until the picture is still again)."""
        fps = motion.rate(self.living(now))
        if fps is None or self.busy(now):
            return None
        return motion.frame_time(max(0.0, now - self._stage_since), fps)

    def next_motion(self, now: float) -> float | None:
        """When the living motion next needs a frame (None: nothing lives, or the picture is
        busy anyway). The frames are on a grid of the motion's own rate (`vn.stage.motion.FPS`:
        8-10 a second), never every frame of the display."""
        fps = motion.rate(self.living(now))
        if fps is None or self.busy(now):
            return None
        return self._stage_since + motion.next_frame_time(max(0.0, now - self._stage_since), fps)

    def _shake_at(self, now: float) -> tuple[float, float]:
        if self._shake is None:
            return (0.0, 0.0)
        start, seconds, strength = self._shake
        if not (start <= now < start + seconds) or seconds <= 0:
            return (0.0, 0.0)
        t = now - start
        envelope = (1.0 - t / seconds) ** 2
        amp = SHAKE_AMPLITUDE * self.size[1] * strength * envelope
        dx = math.sin(t * 2 * math.pi * 13.0) * 0.65 + math.sin(t * 2 * math.pi * 29.0 + 1.3) * 0.35
        dy = math.sin(t * 2 * math.pi * 17.0 + 0.7) * 0.6 + math.sin(t * 2 * math.pi * 23.0 + 2.1) * 0.4
        return (amp * dx, amp * dy * 0.6)

    def busy(self, now: float) -> bool:
        """Is anything still animating at `now`? (When not, the loop may sleep.)"""
        if self._transition is not None and now < self._transition.end:
            return True
        if self._card is not None and now < self._card.end:
            return True
        if self._light.running(now) or self._vignette.running(now):
            return True
        if self._camera is not None and self._camera.running(now):
            return True
        for effect in (self._shake, self._flash):
            if effect is not None and effect[0] <= now < effect[0] + effect[1]:
                return True
        return any(t.running(now) for s in self._sprites for t in s.tweens())


class _Restore:
    """Stands in for a Direction when restoring (warnings then point at no script line)."""

    command = "show"
    args: Mapping[str, Any] = {}
    pos = None


def light_shown(tween: Tween[Light], now: float) -> Light:
    """The light `tween` shows at `now` (seconds): its value while it holds; while it runs, in
    steps of LIGHT_STEP from its start, the planes' fields, the sky's and the beams each taken
    at the last step of their own phase (1/6, 1/2 and 5/6 of a step; before the first, the
    tween's start) — a function of `now` alone, so a frame is the same whatever was drawn
    before it. At and after the tween's end: exactly its target."""
    if not tween.running(now):
        return tween.at(now)

    def at(phase: float, beams: bool = False) -> Light:
        steps = math.floor((now - tween.start - phase) / LIGHT_STEP)
        return _light_at(tween, max(tween.start, tween.start + phase + steps * LIGHT_STEP), beams)

    planes, sky = at(LIGHT_STEP / 6.0), at(LIGHT_STEP / 2.0)
    beams = at(LIGHT_STEP * 5.0 / 6.0, beams=True).beams
    return replace(planes, **{f: getattr(sky, f) for f in _SKY}, beams=beams)


_STEPS: dict[tuple[int, float, bool], tuple[Tween[Light], Light]] = {}


def _light_at(tween: Tween[Light], t: float, beams: bool) -> Light:
    """`tween.at(t)`, its beams left out unless `beams` (mixing their colour ramps in OKLab is
    most of a mix: a few hundred microseconds of Python), kept: each step is asked for on every
    frame until the next."""
    key = (id(tween), t, beams)
    hit = _STEPS.get(key)
    if hit is not None and hit[0] is tween:
        return hit[1]
    mix = tween if beams else replace(tween, a=replace(tween.a, beams=()), b=replace(tween.b, beams=()))
    mixed = mix.at(t)
    if len(_STEPS) >= 8:
        _STEPS.clear()
    _STEPS[key] = (tween, mixed)  # (the tween kept with it: an id is unique only while it lives)
    return mixed


def _card_view(card: _Card, now: float) -> CardView:
    t, total = now - card.start, card.duration
    fade = min(0.6, total / 4.0)

    def ramp(a: float, b: float) -> float:
        return 1.0 if b <= a else max(0.0, min(1.0, (t - a) / (b - a)))

    alpha = min(ramp(0.0, fade), 1.0 - ramp(total - fade, total))
    text = min(ramp(fade * 0.5, fade * 1.5), 1.0 - ramp(total - fade * 1.5, total - fade * 0.5))
    return CardView(card.title, card.subtitle, alpha, max(0.0, text))
