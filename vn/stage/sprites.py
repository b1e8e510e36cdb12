"""Sprite definitions: a character's named image layers and the looks stacked from them.

A look is a stack of layer names, so changing looks cross-fades only the layers that differ
(the eye glow fades in on its own while the body stays). The file is YAML; every problem is a
diagnostic at its line and column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from vn.script.diagnostics import Diagnostic, did_you_mean, error, warning
from vn.stage import motion
from vn.stage.imagesize import natural_size
from vn.stage.motion import Cycle
from vn.stage.yamlnodes import compose_file, items, kind, pos, value

SPRITE_LIGHTS = ("ambient", "rim", "emissive")
FACINGS = ("left", "right")
_KEYS = ("height", "anchor", "facing", "default", "layers", "looks", "breathing")
_LAYER_KEYS = ("image", "light", "pulse")
DEFAULT_HEIGHT = 900.0


@dataclass(frozen=True)
class SpriteLayer:
    name: str
    image: Path  # absolute or relative to the working directory (resolved from the sprite file)
    light: str = "ambient"  # one of SPRITE_LIGHTS
    pulse: Cycle | None = None  # an emissive layer's glow dimming and coming back (vn.stage.motion)


@dataclass(frozen=True)
class SpriteDef:
    """A character's art. `height` is the art's canvas height in logical px at scale 1;
    `canvas` the canvas size in the art's own units (from the first layer's header; None when
    unreadable), so the drawn width is `height * canvas[0] / canvas[1]`."""

    path: Path
    name: str
    height: float
    anchor: tuple[float, float]
    facing: str
    default: str
    layers: Mapping[str, SpriteLayer]
    looks: Mapping[str, tuple[str, ...]]
    canvas: tuple[float, float] | None = None
    breathing: Cycle | None = None  # the figure's slow breath (vn.stage.motion)

    @property
    def aspect(self) -> float:
        """Width over height of the art (1/2 when the canvas size is unknown)."""
        if self.canvas and self.canvas[1] > 0:
            return self.canvas[0] / self.canvas[1]
        return 0.5

    def look(self, name: str | None) -> tuple[str, ...]:
        """The layer stack of a look; the default look for None or an unknown name."""
        if name is not None and name in self.looks:
            return self.looks[name]
        return self.looks.get(self.default, ())


class _Reader:
    def __init__(self, path: Path, diags: list[Diagnostic]) -> None:
        self.path = path
        self.name = str(path)
        self.diags = diags

    def err(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.diags.append(error(self.name, *pos(node), message, hint))

    def warn(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.diags.append(warning(self.name, *pos(node), message, hint))

    def layer(self, lname: str, node: yaml.Node) -> SpriteLayer | None:
        light = "ambient"
        pulse: Cycle | None = None
        pulse_node = None
        image_node = node
        if isinstance(node, yaml.MappingNode):
            image_node = None
            for key, knode, vnode in items(node):
                if key == "image":
                    image_node = vnode
                elif key == "light":
                    v = value(vnode)
                    if v not in SPRITE_LIGHTS:
                        self.err(vnode, f"layer '{lname}': unknown light '{v}'",
                                 did_you_mean(str(v), SPRITE_LIGHTS) or f"lights: {', '.join(SPRITE_LIGHTS)}")
                    else:
                        light = v
                elif key == "pulse":
                    pulse_node = vnode
                    pulse = self.cycle(vnode, f"layer '{lname}': pulse", motion.DEFAULT_PULSE_AMOUNT,
                                       motion.DEFAULT_PULSE_PERIOD, 1.0)
                else:
                    self.err(knode, f"layer '{lname}': unknown field '{key}'",
                             did_you_mean(key, _LAYER_KEYS) or f"fields: {', '.join(_LAYER_KEYS)}")
            if image_node is None:
                self.err(node, f"layer '{lname}' has no image", "give `image: path/to/file.svg`")
                return None
        v = value(image_node)
        if not isinstance(v, str) or not v:
            self.err(image_node, f"layer '{lname}': image must be a file path, not {kind(image_node)}")
            return None
        image = self.path.parent / v
        if not image.is_file():
            self.err(image_node, f"layer '{lname}': image not found: {v}",
                     "image paths are relative to the sprite's .yaml file")
        if pulse is not None and light != "emissive" and pulse_node is not None:
            self.err(pulse_node, f"layer '{lname}': pulse needs an emissive layer (its light is {light})",
                     "add `light: emissive`: only a glow pulses")
            pulse = None
        return SpriteLayer(lname, image, light, pulse)

    def cycle(self, node: yaml.Node, what: str, amount: float, period: float, max_amount: float) -> Cycle | None:
        """A `Cycle` from a number (the amount) or `{amount, period}`, each problem at its node."""
        got, problems = motion.cycle_from(value(node), amount, period, max_amount)
        fields = {key: (knode, vnode) for key, knode, vnode in items(node)}
        for field, problem in problems:
            at = node
            if field is not None and field in fields:
                at = fields[field][1] if field in ("amount", "period") else fields[field][0]
            self.err(at, f"{what}: {problem}", f"e.g. {{amount: {amount:g}, period: {period:g}}}")
        return got


def load_sprite(path: Path) -> tuple[SpriteDef | None, list[Diagnostic]]:
    """Read a sprite .yaml. A sprite with errors is still returned when it has any usable look,
    so the game can run while `vn check` reports them; None when it has none."""
    path = Path(path)
    root, diags = compose_file(path)
    if root is None:
        return None, diags
    r = _Reader(path, diags)
    if not isinstance(root, yaml.MappingNode):
        r.err(root, f"a sprite file is a mapping (height, anchor, facing, default, layers, looks), "
                    f"not {kind(root)}")
        return None, diags
    fields = {key: (knode, vnode) for key, knode, vnode in items(root)}
    for key, (knode, _) in fields.items():
        if key not in _KEYS:
            r.err(knode, f"unknown sprite field '{key}'", did_you_mean(key, _KEYS) or f"fields: {', '.join(_KEYS)}")

    height = DEFAULT_HEIGHT
    if "height" in fields:
        node = fields["height"][1]
        v = value(node)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0:
            r.err(node, f"height must be a positive number of logical px, not {kind(node)}")
        else:
            height = float(v)
    else:
        r.warn(root, f"no `height`: using {DEFAULT_HEIGHT:g} px")

    anchor = (0.5, 1.0)
    if "anchor" in fields:
        node = fields["anchor"][1]
        v = value(node)
        if (isinstance(v, list) and len(v) == 2
                and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)):
            anchor = (float(v[0]), float(v[1]))
        else:
            r.err(node, f"anchor must be a pair [x, y] of fractions of the art's size, not {kind(node)}")

    facing = "right"
    if "facing" in fields:
        node = fields["facing"][1]
        v = value(node)
        if v in FACINGS:
            facing = v
        else:
            r.err(node, f"facing must be left or right, not {kind(node)}", did_you_mean(str(v), FACINGS))

    layers: dict[str, SpriteLayer] = {}
    if "layers" not in fields:
        r.err(root, "no `layers`: name the sprite's images", "layers: {body: NAME/body.svg}")
    else:
        node = fields["layers"][1]
        if not isinstance(node, yaml.MappingNode):
            r.err(node, f"layers must be a mapping of name -> image, not {kind(node)}")
        else:
            for lname, _, vnode in items(node):
                layer = r.layer(lname, vnode)
                if layer is not None:
                    layers[lname] = layer

    looks: dict[str, tuple[str, ...]] = {}
    if "looks" not in fields:
        r.err(root, "no `looks`: name at least one stack of layers", "looks: {neutral: [body]}")
    else:
        node = fields["looks"][1]
        if not isinstance(node, yaml.MappingNode):
            r.err(node, f"looks must be a mapping of name -> [layers], not {kind(node)}")
        else:
            for lname, _, vnode in items(node):
                if not isinstance(vnode, yaml.SequenceNode):
                    r.err(vnode, f"look '{lname}' must be a list of layer names, not {kind(vnode)}")
                    continue
                stack: list[str] = []
                for item in vnode.value:
                    v = value(item)
                    if not isinstance(v, str) or v not in layers:
                        r.err(item, f"look '{lname}': unknown layer {kind(item)}",
                              did_you_mean(str(v), layers) or f"layers: {', '.join(layers)}")
                    elif v in stack:
                        r.warn(item, f"look '{lname}': layer '{v}' is listed twice")
                    else:
                        stack.append(v)
                looks[lname] = tuple(stack)

    default = next(iter(looks), "")
    if "default" in fields:
        node = fields["default"][1]
        v = value(node)
        if isinstance(v, str) and v in looks:
            default = v
        else:
            r.err(node, f"default look {kind(node)} is not one of the looks",
                  did_you_mean(str(v), looks) or (f"looks: {', '.join(looks)}" if looks else None))
    elif looks:
        r.warn(root, f"no `default` look: using '{default}'")

    breathing = None
    if "breathing" in fields:
        breathing = r.cycle(fields["breathing"][1], "breathing", motion.DEFAULT_BREATH_AMOUNT,
                            motion.DEFAULT_BREATH_PERIOD, 0.05)

    if not looks:
        return None, diags

    canvas = None
    sizes: dict[str, tuple[float, float]] = {}
    for layer in layers.values():
        size = natural_size(layer.image)
        if size is not None:
            sizes[layer.name] = size
            canvas = canvas or size
    if canvas is not None:
        aspect = canvas[0] / canvas[1]
        for lname, size in sizes.items():
            if abs(size[0] / size[1] - aspect) > 0.01:
                node = fields["layers"][1]
                r.warn(node, f"layer '{lname}' is {size[0]:g}x{size[1]:g}, not the sprite's canvas "
                             f"{canvas[0]:g}x{canvas[1]:g}: layers will not line up",
                       "give every layer of a sprite the same viewBox")
    return SpriteDef(
        path=path,
        name=path.stem,
        height=height,
        anchor=anchor,
        facing=facing,
        default=default,
        layers=MappingProxyType(layers),
        looks=MappingProxyType(looks),
        canvas=canvas,
        breathing=breathing,
    ), diags
