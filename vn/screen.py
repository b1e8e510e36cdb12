"""The whole frame: the composited scene, then the text box, choices, cards and menus.

One Screen serves the window, `vn render` and `vn bench`, so the frame a test renders is the
frame a player sees. The Screen reads a Session; it never changes story state (input goes back
to the host as actions).
"""

from __future__ import annotations

import os
import time
import weakref
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pygame

from vn.audio import AudioSink
from vn.game import Game
from vn.render.compositor import Compositor, fit
from vn.render.images import ImageCache
from vn.render.plate import disjoint
from vn.render.rastercache import RasterCache
from vn.render.resize import WARM_S, BackgroundBuilds, frame, give_way
from vn.render.text import FontBook, TextRenderer, parse_rgb
from vn.session import Session, Settings
from vn.stage.assets import GameAssets
from vn.stage.scene import Scene
from vn.story import Story
from vn.ui.card import draw_card
from vn.ui.choice import ChoiceMenu
from vn.ui.paint import vertical_gradient
from vn.ui.textbox import BoxFrame, TextBox
from vn.ui.theme import THEME, Theme
from vn.ui.viewport import Viewport


def init_headless() -> None:
    """Start only what drawing needs (no window, no audio device): for vn render and vn bench."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    pygame.display.init()
    pygame.font.init()


def headless_surface(size: tuple[int, int]) -> pygame.Surface:
    """An off-screen surface to render into (no window needed)."""
    if not pygame.display.get_init():
        init_headless()
    return pygame.Surface(size)


def raster_cache() -> RasterCache | None:
    """SVG rasters kept in the user cache folder between runs (None when caching is off)."""
    from vn.cachedir import cache_dir

    folder = cache_dir("images")
    return RasterCache(folder) if folder is not None else None


SETTLE = 600.0  # seconds ahead: every move, fade and tween of a scene has ended by then


def _logical(vp: Viewport, rect: pygame.Rect) -> tuple[float, float, float, float]:
    """An output rectangle in the viewport's logical px."""
    x, y = vp.to_logical(rect.topleft)
    return x, y, rect.width / vp.scale, rect.height / vp.scale


class Screen:
    def __init__(self, game: Game, size: tuple[int, int], settings: Settings | None = None) -> None:
        if game.program is None:
            raise ValueError("the game did not compile")
        if not pygame.display.get_init():
            init_headless()
        if not pygame.font.get_init():
            pygame.font.init()
        self.game = game
        self.program = game.program
        self.settings = settings or Settings()
        sprites = {cid: c.sprite for cid, c in self.program.characters.items()}
        self.assets = game.assets if isinstance(game.assets, GameAssets) else \
            GameAssets(list(reversed(game.layers)), size=self.program.size, sprites=sprites)
        self.images = ImageCache(rasters=raster_cache())
        self.compositor = Compositor(self.assets, self.images, card_painter=self._paint_card)
        fonts = [layer / "assets" / "fonts" for layer in reversed(game.layers)]
        # menus and the slot screen lay out many small texts: a larger cache than the default
        self.text = TextRenderer(FontBook([d for d in fonts if d.is_dir()] or None), cache_size=1024)
        self.theme = THEME
        self.textbox = TextBox(self.text, pulse_indicator=False)  # a still frame costs no CPU
        self._menu: ChoiceMenu | None = None
        self._menu_for: object | None = None
        self.size = size
        # the last frame drawn: (its surface, the key of all but the typing and the living
        # motion, the text box's frame, the view)
        self._last: tuple[weakref.ref[pygame.Surface], tuple[object, ...], BoxFrame, object] | None = None
        # a new size being made (vn.render.resize): (the picture size drawn at meanwhile, the new size)
        self._resizing: tuple[tuple[int, int], tuple[int, int]] | None = None
        self._stand_in: pygame.Surface | None = None  # the frame drawn at that size
        self._stood_in: tuple[weakref.ref[pygame.Surface], tuple[object, ...]] | None = None  # (the last, on what)
        self._text_builds = BackgroundBuilds()  # the text box's words laid out for the new size
        self._text_for: object = None  # (the last words laid out so)

    def set_theme(self, theme: Theme) -> None:
        """The player's text size, box opacity and contrast (`vn.ui.theme.theme_for`)."""
        self.theme = theme
        self.textbox.theme = theme
        self._menu = self._menu_for = None  # the choice menu is laid out again

    def new_session(self, label: str | None = None, story: Story | None = None, now: float = 0.0,
                    audio: AudioSink | None = None, persistent=None) -> Session:
        """A session from the start (or `label`), or resuming `story`; `audio` plays its sound
        (None: silent); `persistent` (`vn.saves.Persistent`) is what the game remembers across
        runs (seen lines, options picked, endings)."""
        scene = Scene(self.assets)
        if story is not None:
            return Session.resume(self.program, scene, story, now, self.settings, audio, persistent)
        return Session(self.program, scene, Story(self.program, label=label), self.settings, audio, persistent)

    def load_session(self, data: object, now: float, audio: AudioSink | None = None, persistent=None) -> Session:
        """A session from a save's data (`Session.load`: raises SaveFormatError with a reason)."""
        return Session.load(self.program, Scene(self.assets), data, now, self.settings, audio, persistent)

    def viewport(self, surface: pygame.Surface) -> Viewport:
        return Viewport.fit(surface.get_size(), self.program.size)

    def choice_menu(self, session: Session, now: float) -> ChoiceMenu | None:
        """The menu for the session's current choice (kept while the same choice is open)."""
        if session.choice is None:
            self._menu = self._menu_for = None
            return None
        if self._menu_for is not session.choice:
            chosen = frozenset(n for n in range(len(session.choice.options)) if session.chosen_before(n))
            self._menu = ChoiceMenu(self.text, session.choice, session.choice_since, theme=self.theme,
                                    chosen=chosen)
            self._menu_for = session.choice
        return self._menu

    def draw(self, surface: pygame.Surface, session: Session, now: float, ui: bool = True,
             kept: Sequence[pygame.Rect] | None = None) -> list[pygame.Rect] | None:
        """The frame at `now`; `ui=False` leaves out the text box and choices (under the
        backlog or the menu, which draw over the picture alone).

        `kept`: the caller's word that `surface` still holds the last frame this Screen drew
        on it, with what the caller laid over it since inside these rects (output px), to lay
        again. Then a frame that differs from that one only where the line typed on or the
        living motion moved (the picture at rest and everything else equal) is drawn there
        alone: those places, and each rect of `kept` they reach, are restored from the picture
        kept on the compositor's plate, the motion and the text box drawn again clipped to
        them — the pixels equal a whole frame's. Returns the rects drawn (the caller lays its
        own again inside those it lies in), or None when the whole frame was."""
        with frame():  # background builds give way meanwhile (vn.render.resize)
            return self._draw(surface, session, now, ui, kept)

    def _draw(self, surface: pygame.Surface, session: Session, now: float, ui: bool,
              kept: Sequence[pygame.Rect] | None) -> list[pygame.Rect] | None:
        view = session.scene.view(now)
        if self.reduce_motion and (view.shake != (0.0, 0.0) or view.flash or view.motion is not None):
            # the player asked for no shake, no flash and a still picture (vn.stage.motion)
            view = replace(view, shake=(0.0, 0.0), flash=0.0, motion=None)
        if not ui:
            self._last = self._stood_in = None
            self.compositor.draw(surface, view)
            return None
        vp = self.viewport(surface)
        self.textbox.viewport = vp
        menu = self.choice_menu(session, now)
        prompt = session.prompt if menu is not None and session.line is None else None
        if prompt is not None:  # the question stays readable under the menu (no typing, no ▼)
            self.textbox.say(prompt, None, indicator=False)
        else:
            self.textbox.say(session.line, session.typewriter)
        # like Ren'Py's "window auto": the box is there while a line is, not over cards and waits
        said = session.line is not None or prompt is not None
        self.textbox.set_visible(view.textbox and said, session.line_since)
        if menu is None and (stood := self._standing_in(view, surface, now, kept)) is not None:
            self._last = None
            return [] if not stood else None  # (None: the whole frame was drawn)
        self._stood_in = None
        # the box's shade is kept with a still picture (one blit for both), the words drawn over
        okey = self.textbox.shade_key(surface, now)
        shade = (okey, lambda s: self.textbox.draw_shade(s, now))
        box = self.textbox.frame(surface, now)
        key = (surface.get_size(), replace(view, motion=None), self.images.generation, okey, menu is None)
        last, self._last = self._last, (weakref.ref(surface), key, box, view)
        if kept is not None and menu is None and last is not None and last[0]() is surface and last[1] == key:
            # the same picture at rest and box: only the typing and the living motion moved
            typed = self.textbox.damage(last[2], box)
            moved = self.compositor.motion_areas(last[3], view, surface.get_size()) if typed is not None else None
            if moved is not None:
                rects = disjoint([*moved, *typed], surface.get_rect())
                # what the caller laid over the frame is restored (for it to lay again) only
                # where the changes reach it: elsewhere it is still there
                over = list(kept)
                while (hit := next((k for k in over if any(k.colliderect(r) for r in rects)), None)) is not None:
                    over.remove(hit)
                    rects = disjoint([*rects, hit], surface.get_rect())
                if self.compositor.redraw(surface, view, shade, rects):
                    for rect in rects:
                        surface.set_clip(rect)
                        try:
                            self.textbox.draw(surface, now, shade=False)
                        finally:
                            surface.set_clip(None)
                    return rects
        self.compositor.draw(surface, view, shade)
        self.textbox.draw(surface, now, shade=False)
        if menu is not None:
            menu.viewport = vp
            if menu.figures_for != vp:  # placed once per choice and size: the buttons never jump
                menu.figures_for = vp
                design = vp.design()
                # where the figures are, and where a move still under way will leave them
                settled = session.scene.view(now + SETTLE)
                rects = {_logical(design, rect) for v in (view, settled)
                         for _, rect in self.compositor.figures(v, surface.get_size())}
                # and the faces and figures painted into the stage (a key-beat image's keep_clear)
                clear = {_logical(design, rect) for v in (view, settled)
                         for rect in self.compositor.keep_clear(v, surface.get_size())}
                menu.set_figures(sorted(rects), sorted(clear))
            menu.draw(surface, now)
        return None

    # --- a new size (vn.render.resize) ------------------------------------------------------------

    def _standing_in(self, view, surface: pygame.Surface, now: float,
                     kept: Sequence[pygame.Rect] | None) -> list[pygame.Rect] | None:
        """While the picture of `view` is being made for the size of `surface` — its stage built
        in the background, then its first picture a slice a frame (`Resize.warm`), the text
        box's words laid out in the background — draw the whole frame at the size it was drawn
        at before and scale it (a little soft for a moment): returns [surface's rect], or []
        when `kept` (see `draw`) and the frame would be the one drawn last on `surface` (the
        picture at rest and the box unchanged: nothing is drawn); None when not standing in.
        The frame that follows at the new size then only blits."""
        size = surface.get_size()
        c = self.compositor
        came = c.resize.stand_in_size(view, size)
        if came is not None:
            self._resizing = (came, size)
            self._text_ready(surface, now)
        elif self._resizing is None:
            return None
        elif self._resizing[1] != size or (
                self._text_ready(surface, now) and c.resize.warm(view, size, time.thread_time() + WARM_S)):
            self._resizing = self._stand_in = self._stood_in = None
            self._text_builds.drop()
            c.resize.end_warm()
            return None
        came = self._resizing[0]
        buf = self._stand_in
        if buf is None or buf.get_size() != came:
            buf = self._stand_in = pygame.Surface(came)
        shown = self.textbox.viewport
        self.textbox.viewport = Viewport.fit(came, self.program.size)
        try:
            key = (came, size, replace(view, motion=None), self.images.generation,
                   self.textbox.frame(buf, now), self.textbox.shade_key(buf, now))
            last, self._stood_in = self._stood_in, (weakref.ref(surface), key)
            if kept is not None and last is not None and last[0]() is surface and last[1] == key:
                return []  # (the window still shows it: a still line while the new size is made)
            c.resize.at_rest(buf, view)
            self.textbox.draw(buf, now)
        finally:
            self.textbox.viewport = shown
        rect = fit(size, view.size)[1]
        if rect.size != size:
            surface.fill((0, 0, 0))
        pygame.transform.scale(buf, rect.size, surface.subsurface(rect))
        return [surface.get_rect()]

    @property
    def resizing(self) -> bool:
        """Whether the frames are still the last size's, scaled, while the new size is made."""
        return self._resizing is not None

    def _text_ready(self, surface: pygame.Surface, now: float) -> bool:
        """Whether the text box's words (and its shade) are ready for the size of `surface`;
        laid out in the background meanwhile (with a renderer of their own, whose layouts this
        one then keeps: the same as laid out here)."""
        box = self.textbox
        line = box.line
        if line is None or box.opacity(now) <= 0:
            return True
        key = (surface.get_size(), line.text, line.name, line.color, id(self.theme))
        if key == self._text_for:
            return True
        shade = box.shade_key(surface, now)
        vp, theme, fonts = box.fit(surface), self.theme, self.text.fonts

        def work() -> TextRenderer:  # (a frame being drawn goes first between the parts: give_way)
            renderer = TextRenderer(fonts)
            laid = TextBox(renderer, theme)
            give_way()
            laid.dialogue_layout(vp, line.text)
            if line.name:
                give_way()
                laid.name_layout(vp, line.name, parse_rgb(line.color, theme.text))
            if shade is not None:
                give_way()
                vertical_gradient(*shade[0])
            return renderer

        self._text_builds.drop(keep=key)  # (the words of a line no longer shown)
        if self._text_builds.poll(key, work, self.text.adopt):
            return False
        self._text_for = key
        return True

    def _paint_card(self, surface: pygame.Surface, card, scale: float) -> None:
        """The compositor paints a card's background; its lettering is the UI's."""
        if card.text_alpha > 0:
            draw_card(surface, self.viewport(surface), self.text, card.title, card.subtitle, card.text_alpha)

    @property
    def reduce_motion(self) -> bool:
        return bool(getattr(self.settings, "reduce_motion", False))

    def next_redraw(self, session: Session, now: float) -> float | None:
        # the living motion's next frame, at its own modest rate; never with "Reduce motion"
        living = None if self.reduce_motion else session.scene.next_motion(now)
        times = [t for t in (session.next_wake(now), self.textbox.next_redraw(now), living,
                             self._menu.next_redraw(now) if self._menu else None,
                             self.compositor.builds.next_poll(now), self._text_builds.next_poll(now),
                             now if self._resizing is not None else None) if t is not None]
        return min(times) if times else None

    @staticmethod
    def save(surface: pygame.Surface, path: Path) -> None:
        pygame.image.save(surface, str(path))
