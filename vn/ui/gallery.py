"""Extras > Gallery: the key-beat images (CGs) the player has seen, in any run.

A CG is any stage whose map has a `gallery` property (its title; docs/stage-format.md), so a
mod's images appear beside the game's. Seen ones (`Persistent.gallery`, recorded when a script
shows the stage) are tiles with a small picture of the image under its own light (the map's
`light` property); picked, the image fills the screen (Left/Right: the next seen image, any
click, Esc or Enter: back). An image not seen yet is a locked tile: neither its picture nor its
title is drawn.

Tiles are drawn by a compositor of the gallery's own (sharing the game's image cache), one
tile per frame, so the screen opens at once and fills in; the full-screen view has another.
"""

from __future__ import annotations

import pygame

from vn.render.compositor import Compositor
from vn.render.text import SERIF
from vn.stage.scene import Scene
from vn.ui.keymap import action_for
from vn.ui.menuscreen import MenuScreen
from vn.ui.stack import ScreenView
from vn.ui.widgets import Control, draw_text

COLS, ROWS = 3, 2
TILE_W, TILE_H = 480, 270
GAP_X, GAP_Y = 48, 96
LEFT = (1920 - (COLS * TILE_W + (COLS - 1) * GAP_X)) / 2
TOP = 230
PER_PAGE = COLS * ROWS
LOCKED_FILL = (22, 24, 32)  # a locked tile (the save screen's empty slot)


def picture_of(assets, stage: str):
    """The `SceneView` of a key-beat image on its own: the stage under its map's light, the
    default camera, nobody on it."""
    scene = Scene(assets)
    scene.restore({"stage": stage, "sprites": {}}, 0.0)
    return scene.view(0.0)


class GalleryView(MenuScreen):
    full_page = True
    heading = "Gallery"
    heading_y = 70.0
    dim = 0.9

    def __init__(self, host, page: int = 0) -> None:
        self.page = page
        self.images: list[tuple[str, str]] = host.screen.assets.gallery_images()
        self.thumbs: dict[tuple[str, tuple[int, int]], pygame.Surface] = {}
        self.compositor: Compositor | None = None
        super().__init__(host)

    # -- what the player has seen ------------------------------------------------------------

    def seen(self) -> list[str]:
        if self.host.saves is None:
            return []
        return list(getattr(self.host.persistent(), "gallery", []))

    def unlocked(self, stage: str) -> bool:
        return stage in self.seen()

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.images) // PER_PAGE))

    def on_page(self) -> list[tuple[int, str, str]]:
        start = self.page * PER_PAGE
        return [(start + n, stage, title) for n, (stage, title) in enumerate(self.images[start:start + PER_PAGE])]

    @staticmethod
    def tile_rect(slot: int) -> tuple[float, float, float, float]:
        col, row = slot % COLS, slot // COLS
        return (LEFT + col * (TILE_W + GAP_X), TOP + row * (TILE_H + GAP_Y), TILE_W, TILE_H)

    # -- controls ----------------------------------------------------------------------------

    def controls(self) -> list[Control]:
        seen = set(self.seen())
        out = []
        for slot, (n, stage, title) in enumerate(self.on_page()):
            open_ = seen.__contains__(stage)
            out.append(Control(f"cg:{stage}", self.tile_rect(slot), title if open_ else "Locked",
                               on_activate=(lambda i=n: self.show(i)), enabled=open_, kind="custom"))
        if self.pages > 1:
            out.append(Control("prev", (LEFT, 940, 200, 60), "Previous", on_activate=lambda: self.turn(-1),
                               enabled=self.page > 0, kind="button"))
            out.append(Control("next", (1920 - LEFT - 200, 940, 200, 60), "Next",
                               on_activate=lambda: self.turn(1), enabled=self.page < self.pages - 1, kind="button"))
        out.append(Control("back", (960 - 150, 960, 300, 66), "Back", on_activate=self.close))
        return out

    def turn(self, delta: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + delta))
        self.rebuild()

    def show(self, index: int) -> None:
        stage = self.images[index][0]
        if self.unlocked(stage):  # a locked image is never shown
            self.host.open(ImageView(self.host, self, index))

    # -- drawing -----------------------------------------------------------------------------

    def _compositor(self) -> Compositor:
        if self.compositor is None:
            screen = self.host.screen
            self.compositor = Compositor(screen.assets, screen.compositor.images)
        return self.compositor

    def thumbnail(self, stage: str, size: tuple[int, int], make: bool) -> pygame.Surface | None:
        key = (stage, size)
        got = self.thumbs.get(key)
        if got is None and make:
            got = pygame.Surface(size)
            self._compositor().draw(got, picture_of(self.host.screen.assets, stage))
            self.thumbs[key] = got
        return got

    def _pending(self) -> bool:
        vp = self.host.viewport
        size = (vp.px(TILE_W), vp.px(TILE_H))
        seen = set(self.seen())
        return any((stage, size) not in self.thumbs for _, stage, _ in self.on_page() if stage in seen)

    def next_redraw(self, now: float) -> float | None:
        if self._pending():
            return now
        return super().next_redraw(now)

    def draw_content(self, surface: pygame.Surface, vp, opacity: float) -> None:
        t = self.host.theme
        r = self.host.text
        if not self.images:
            draw_text(surface, vp, r, "This game has no gallery images.", LEFT, TOP, 1200, 27,
                      color=t.text_dim, opacity=opacity, theme=t)
            return
        seen = set(self.seen())
        size = (vp.px(TILE_W), vp.px(TILE_H))
        made = False
        focus = self.group.focus_key
        for slot, (_, stage, title) in enumerate(self.on_page()):
            x, y, w, h = self.tile_rect(slot)
            rect = vp.rect(x, y, w, h)
            if stage in seen:
                had = (stage, size) in self.thumbs
                thumb = self.thumbnail(stage, size, make=not made)
                made = made or (thumb is not None and not had)  # one new thumbnail a frame
                if thumb is not None:
                    thumb.set_alpha(round(255 * opacity))
                    surface.blit(thumb, rect.topleft)
                else:
                    surface.fill(t.bar, rect)
                draw_text(surface, vp, r, title, x, y + h + 14, w, 28, family=SERIF, italic=True,
                          color=t.accent if focus == f"cg:{stage}" else t.text, opacity=opacity, theme=t)
            else:
                _locked_tile(surface, rect, t, opacity)
                draw_text(surface, vp, r, "Not yet seen", x, y + h + 14, w, 24, color=t.text_dim,
                          opacity=opacity, theme=t)
            if focus == f"cg:{stage}":
                pygame.draw.rect(surface, t.accent, rect.inflate(vp.px(8), vp.px(8)), max(1, vp.px(3)))
        if self.pages > 1:
            draw_text(surface, vp, r, f"{self.page + 1} / {self.pages}", 960 - 60, 956, 120, 24,
                      color=t.text_dim, opacity=opacity, theme=t)


def _locked_tile(surface: pygame.Surface, rect: pygame.Rect, t, opacity: float) -> None:
    """A dark tile with a padlock drawn in the theme's dim colour (no picture, no title)."""
    tile = pygame.Surface(rect.size, pygame.SRCALPHA)
    tile.fill((*LOCKED_FILL, 255))  # a little lighter than the dimmed page, as an empty save slot
    w, h = rect.size
    s = max(1, round(h / 270))
    pygame.draw.rect(tile, (*t.text_dim[:3], 70), tile.get_rect(), max(1, s))  # the tile's edge
    cx, cy = w // 2, h // 2 + 8 * s
    col = (*t.text_dim[:3], 200)
    pygame.draw.rect(tile, col, pygame.Rect(cx - 26 * s, cy - 14 * s, 52 * s, 40 * s), border_radius=6 * s)
    pygame.draw.arc(tile, col, pygame.Rect(cx - 18 * s, cy - 44 * s, 36 * s, 60 * s), 0.0, 3.1416, max(1, 5 * s))
    pygame.draw.line(tile, col, (cx - 18 * s, cy - 14 * s), (cx - 18 * s, cy - 16 * s), max(1, 5 * s))
    pygame.draw.line(tile, col, (cx + 17 * s, cy - 14 * s), (cx + 17 * s, cy - 16 * s), max(1, 5 * s))
    pygame.draw.rect(tile, (*LOCKED_FILL, 255), pygame.Rect(cx - 3 * s, cy - 2 * s, 6 * s, 14 * s))
    tile.set_alpha(round(255 * opacity))
    surface.blit(tile, rect.topleft)


class ImageView(ScreenView):
    """One gallery image filling the screen. Left/Right (or the wheel): the previous/next image
    the player has seen; Enter, Space, Esc, a click or right click: back to the gallery."""

    opaque = True

    def __init__(self, host, gallery: GalleryView, index: int) -> None:
        super().__init__(host)
        self.gallery = gallery
        self.index = index
        # its own compositor: one that has drawn this image as a tile would build the full size in
        # the background and show the tile scaled up meanwhile (vn.render.resize)
        screen = host.screen
        self.compositor = Compositor(screen.assets, screen.compositor.images)

    @property
    def stage(self) -> str:
        return self.gallery.images[self.index][0]

    def on_show(self, now: float) -> None:
        super().on_show(now)
        self.host.speak(self.gallery.images[self.index][1])

    def step(self, delta: int) -> None:
        seen = set(self.gallery.seen())
        n = len(self.gallery.images)
        i = self.index
        for _ in range(n):
            i = (i + delta) % n
            if self.gallery.images[i][0] in seen:
                break
        if i != self.index:
            self.index = i
            self.host.speak(self.gallery.images[i][1])

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_LEFT, pygame.K_PAGEUP):
                self.step(-1)
                return
            if event.key in (pygame.K_RIGHT, pygame.K_PAGEDOWN):
                self.step(1)
                return
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE) \
                    or action_for(event) == "menu":
                self.close()
        elif event.type == pygame.MOUSEWHEEL:
            self.step(-1 if event.y > 0 else 1)
        elif event.type == pygame.MOUSEBUTTONUP and event.button in (1, 3):
            self.close()

    def next_redraw(self, now: float) -> float | None:
        return self.compositor.builds.next_poll(now)  # a new window size is being built

    def draw(self, surface: pygame.Surface, now: float) -> None:
        surface.fill((0, 0, 0))
        self.compositor.draw(surface, picture_of(self.host.screen.assets, self.stage))
