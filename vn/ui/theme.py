"""The interface's measurements and colours, in logical pixels at 1920x1080.

The geometry is Ren'Py's template GUI (what VN players and modders already know) scaled from
1280x720 by 1.5; the colours are ours: warm off-white text on a cool near-black, a pale gold
for focus, chosen to stay readable over the brightest sunset frame.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Theme:
    # text box (the say screen)
    textbox_height: int = 278
    dialogue_x: int = 402
    dialogue_y: int = 75  # from the top of the box
    dialogue_width: int = 1116
    dialogue_size: int = 33
    name_x: int = 360
    name_y: int = 4  # top of the name's line box, from the top of the box
    name_size: int = 45
    name_rule_width: int = 420  # a hairline in the speaker's colour under the name, fading right
    name_rule_thickness: float = 1.5
    name_rule_gap: int = 9  # below the name's baseline
    name_rule_alpha: float = 0.55
    textbox_fade_in: float = 0.2  # seconds, on `textbox: show`
    textbox_fade_out: float = 0.2
    # the box's gradient: how far above the box it starts, and its opacity along the way
    textbox_feather: int = 90
    textbox_shade: RGB = (7, 9, 16)
    textbox_alpha_top: float = 0.60  # at the box's top edge
    textbox_alpha_bottom: float = 0.84
    # continue indicator
    ctc_size: float = 15.0  # width of the chevron
    ctc_period: float = 1.6  # seconds per pulse
    ctc_fps: float = 5.0  # redraws per second while it pulses (the loop may sleep between)

    # choices
    choice_width: int = 1185
    choice_text_width: int = 885  # Ren'Py's 150 px side borders
    choice_center_y: int = 405  # the column is centred here, above the text box
    choice_pad_y: int = 14
    choice_spacing: int = 22
    choice_fade: float = 0.22

    # menus
    menu_dim: float = 0.72
    menu_item_size: int = 30
    menu_title_size: int = 64
    menu_width: int = 520

    # colours
    text: RGB = (241, 236, 227)
    text_dim: RGB = (170, 166, 160)
    accent: RGB = (240, 208, 150)  # hover / keyboard focus
    bar: RGB = (9, 11, 19)
    bar_hover: RGB = (46, 36, 24)


THEME = Theme()


# the text box's type and measures at each text size factor: the box grows so that four lines
# of dialogue (what `TextBox.dialogue_layout` fits before it shrinks a line) always fit
def theme_for(settings: object, base: Theme = THEME) -> Theme:
    """The theme as the player's settings adjust it (`vn.settings.PlayerSettings`: text size,
    text box opacity, high contrast). Any object without those fields gets `base`."""
    from dataclasses import replace

    from vn.settings import TEXT_SIZES

    index = getattr(settings, "text_size", 1)
    factor = TEXT_SIZES[index][1] if isinstance(index, int) and 0 <= index < len(TEXT_SIZES) else 1.0
    dialogue = round(base.dialogue_size * factor)
    name = round(base.name_size * min(factor, 1.25))
    dialogue_y = max(base.dialogue_y, round(name * 1.2 + 20))
    height = max(base.textbox_height, round(dialogue_y + 4 * dialogue * 1.3 + 24))
    width = min(1480, round(base.dialogue_width * max(1.0, factor ** 0.8)))
    opacity = getattr(settings, "textbox_opacity", 1.0)
    opacity = 1.0 if not isinstance(opacity, (int, float)) else max(0.0, min(1.0, float(opacity)))
    contrast = bool(getattr(settings, "high_contrast", False))
    top, bottom = base.textbox_alpha_top * opacity, base.textbox_alpha_bottom * opacity
    changes: dict[str, object] = dict(
        dialogue_size=dialogue, name_size=name, dialogue_y=dialogue_y, textbox_height=height,
        dialogue_width=width, textbox_alpha_top=top, textbox_alpha_bottom=bottom,
        menu_item_size=round(base.menu_item_size * min(factor, 1.25)))
    if contrast:
        # plain white on a nearly opaque black box, whatever the opacity setting says
        changes.update(text=(255, 255, 255), text_dim=(225, 225, 225), accent=(255, 226, 120),
                       textbox_shade=(0, 0, 0), textbox_alpha_top=max(0.9, top),
                       textbox_alpha_bottom=max(0.96, bottom), bar=(0, 0, 0), bar_hover=(70, 52, 16),
                       menu_dim=0.9)
    return replace(base, **changes)
