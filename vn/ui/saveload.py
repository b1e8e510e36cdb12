"""The save and load screens: pages of slots, each with its thumbnail, date, chapter card and
the first words of the line it was saved on.

Pages are Ren'Py's: A (autosaves), Q (the quick save) and 1-9. A save that cannot be read is
shown with its reason and is never loaded; saving over it, or over any save, asks first.
Delete (the key) deletes the focused save, after asking. The store is `vn.saves.SaveStore`
(`host.saves`); the host does the writing and the loading.
"""

from __future__ import annotations

import datetime as _dt
import io

import pygame

from vn.render.text import SANS, SERIF
from vn.ui.confirm import ConfirmView
from vn.ui.menuscreen import MenuScreen
from vn.ui.paint import fading_bar, with_alpha
from vn.ui.widgets import Control, draw_text

PAGES = ("A", "Q", *[str(n) for n in range(1, 10)])
COLS, ROWS = 3, 2
CARD_W, CARD_H = 520, 360
GAP_X, GAP_Y = 30, 24
GRID_TOP = 190
THUMB_W, THUMB_H = 384, 216
WORDS_SIZE, WORDS_LINES = 21, 2  # the first words of the saved line under the thumbnail


def local_time(iso: str) -> str:
    """"2026-11-29T16:40:00Z" as the player's local date and time; the text itself when odd."""
    try:
        when = _dt.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)
    except ValueError:
        return iso
    return when.astimezone().strftime("%d %b %Y, %H:%M")


class SaveLoadView(MenuScreen):
    full_page = True
    heading_y = 50.0

    def __init__(self, host, mode: str, page: str | None = None) -> None:
        self.mode = mode  # "save" | "load"
        self.heading = "Save" if mode == "save" else "Load"
        self.page = page or getattr(host, "last_save_page", None) or ("1" if mode == "save" else "A")
        if mode == "save" and self.page in ("A", "Q"):
            self.page = "1"
        self._thumbs: dict[tuple[str, float], pygame.Surface | None] = {}
        self.infos: list = []
        super().__init__(host)
        first = next((c.key for c in self.group.controls if c.key.startswith("slot:")), None)
        self.group.focus_key = first

    # -- slots ----------------------------------------------------------------------------------

    def slot_names(self) -> list[str]:
        if self.page == "A":
            return [f"auto-{n}" for n in range(1, COLS * ROWS + 1)]
        if self.page == "Q":
            return ["quick"]
        return [f"{self.page}-{n}" for n in range(1, COLS * ROWS + 1)]

    def _read_infos(self) -> list:
        store = self.host.saves
        if store is None:
            return []
        infos = [store.info(name) for name in self.slot_names()]
        if self.page == "A":  # newest autosave first
            infos.sort(key=lambda i: (i.empty, -(i.mtime or 0.0)))
        return infos

    def controls(self) -> list[Control]:
        self.infos = self._read_infos()
        out = []
        left0 = (1920 - (COLS * CARD_W + (COLS - 1) * GAP_X)) / 2
        for n, info in enumerate(self.infos):
            col, row = n % COLS, n // COLS
            rect = (left0 + col * (CARD_W + GAP_X), GRID_TOP + row * (CARD_H + GAP_Y), CARD_W, CARD_H)
            out.append(Control(f"slot:{info.slot}", rect, info.slot, on_activate=lambda i=info: self._use(i),
                               kind="custom", enabled=self.mode == "save" or not info.empty))
        tab_w = 74
        total = len(PAGES) * tab_w
        x0 = (1920 - total) / 2
        for n, page in enumerate(PAGES):
            enabled = not (self.mode == "save" and page in ("A", "Q"))
            out.append(Control(f"page:{page}", (x0 + n * tab_w, 958, tab_w, 56), page,
                               on_activate=lambda p=page: self.show_page(p), enabled=enabled, size=26))
        out.append(Control("back", (1920 - 120 - 240, 958, 240, 56), "Back", on_activate=self.close))
        return out

    def show_page(self, page: str) -> None:
        self.page = page
        self.host.last_save_page = page
        self.rebuild()
        self.group.focus_key = f"page:{page}"

    def _use(self, info) -> None:
        if self.mode == "load":
            if info.empty:
                return
            if not info.readable:
                self.host.notify(f"This save cannot be loaded: {info.error}.", 4.0)
                return
            if self.host.in_game():
                self.host.open(ConfirmView(self.host, "Load this save?", lambda: self.host.load_slot(info.slot),
                                           detail="Anything since your last save is lost."))
            else:
                self.host.load_slot(info.slot)
            return
        if info.empty:
            self._save(info.slot)
        elif info.readable:
            self.host.open(ConfirmView(self.host, f"Overwrite the save in slot {info.slot}?",
                                       lambda: self._save(info.slot, overwrite=True), yes="Overwrite", no="Keep it"))
        else:
            self.host.open(ConfirmView(self.host, f"Slot {info.slot} holds a save that cannot be read.",
                                       lambda: self._save(info.slot, overwrite=True), yes="Overwrite", no="Keep it",
                                       detail=f"Reason: {info.error}. Overwrite it?"))

    def _save(self, slot: str, overwrite: bool = False) -> None:
        if self.host.save_slot(slot, overwrite=overwrite):
            self.rebuild()

    def handle_more(self, event: pygame.event.Event, now: float) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_DELETE:
            c = self.group.focused
            if c is None or not c.key.startswith("slot:"):
                return
            slot = c.key[5:]
            info = next((i for i in self.infos if i.slot == slot), None)
            if info is None or info.empty:
                return
            self.host.open(ConfirmView(self.host, f"Delete the save in slot {slot}?", lambda: self._delete(slot),
                                       yes="Delete", no="Keep it"))
        elif event.type == pygame.MOUSEWHEEL:
            pages = [p for p in PAGES if not (self.mode == "save" and p in ("A", "Q"))]
            n = pages.index(self.page) if self.page in pages else 0
            self.show_page(pages[max(0, min(len(pages) - 1, n - (1 if event.y > 0 else -1)))])

    def _delete(self, slot: str) -> None:
        self.host.saves.delete(slot)
        self.rebuild()

    def on_show(self, now: float) -> None:
        super().on_show(now)
        self.rebuild()  # a save or delete made by a dialog above shows at once

    # -- drawing ----------------------------------------------------------------------------------

    def _thumb(self, info) -> pygame.Surface | None:
        key = (info.slot, info.mtime)
        if key not in self._thumbs:
            image = None
            data = self.host.saves.thumbnail(info.slot) if info.has_thumbnail else None
            if data:
                try:
                    image = pygame.image.load(io.BytesIO(data), "thumb.png").convert()
                except (pygame.error, ValueError):
                    image = None
            self._thumbs[key] = image
        return self._thumbs[key]

    def draw_content(self, surface, vp, opacity: float) -> None:
        t = self.host.theme
        r = self.host.text
        if self.host.saves is None:
            draw_text(surface, vp, r, "Saves cannot be kept on this system.", 360, 500, 1200, 34,
                      align="center", opacity=opacity, theme=t)
            return
        label = {"A": "Autosaves", "Q": "Quick save"}.get(self.page, f"Page {self.page}")
        draw_text(surface, vp, r, label.upper(), 0, 150, 1920, 22, color=t.accent, align="center",
                  opacity=opacity, theme=t)
        tab = self.group.control(f"page:{self.page}")
        if tab is not None:  # the page shown: a gold mark under its tab
            x, y, w, h = tab.rect
            mark = vp.rect(x + w * 0.25, y + h - 8, w * 0.5, 3)
            pygame.draw.rect(surface, t.accent, mark)
        infos = {f"slot:{i.slot}": i for i in self.infos}
        for c in self.group.controls:
            info = infos.get(c.key)
            if info is not None:
                self._draw_slot(surface, vp, c, info, c.key == self.group.focus_key, opacity)
        if self.page != "A" and self.mode == "load" and all(i.empty for i in self.infos):
            draw_text(surface, vp, r, "No saves on this page.", 360, 560, 1200, 30, align="center",
                      color=t.text_dim, opacity=opacity, theme=t)

    def _draw_slot(self, surface, vp, c: Control, info, focused: bool, opacity: float) -> None:
        t = self.host.theme
        r = self.host.text
        x, y, w, h = c.rect
        card = vp.rect(x, y, w, h)
        with_alpha(fading_bar(card.size, t.bar_hover if focused else t.bar, 0.9 if focused else 0.62, 0.05),
                   surface, card.topleft, opacity)
        edge = fading_bar((card.width, max(1, vp.px(2 if focused else 1.5))), t.accent if focused else t.text,
                          0.85 if focused else 0.15, 0.05)
        with_alpha(edge, surface, card.topleft, opacity)
        with_alpha(edge, surface, (card.x, card.bottom - edge.get_height()), opacity)
        tx, ty = x + (w - THUMB_W) / 2, y + 14
        box = vp.rect(tx, ty, THUMB_W, THUMB_H)
        name = info.slot.replace("auto-", "auto ").replace("quick", "quick save")
        if info.empty:
            pygame.draw.rect(surface, (22, 24, 32), box)
            draw_text(surface, vp, r, "Empty slot", tx, ty + THUMB_H / 2 - 16, THUMB_W, 26, color=t.text_dim,
                      align="center", opacity=opacity, theme=t)
        elif not info.readable:
            pygame.draw.rect(surface, (48, 20, 22), box)
            draw_text(surface, vp, r, "Unreadable save", tx, ty + 60, THUMB_W, 28, color=(255, 190, 170),
                      align="center", opacity=opacity, theme=t)
            draw_text(surface, vp, r, info.error or "", tx + 16, ty + 104, THUMB_W - 32, 21, color=t.text,
                      align="center", opacity=opacity, theme=t)
        else:
            image = self._thumb(info)
            if image is not None:
                surface.blit(pygame.transform.smoothscale(image, box.size), box.topleft)
            else:
                pygame.draw.rect(surface, (30, 32, 42), box)
        if focused:
            pygame.draw.rect(surface, t.accent, box, max(1, vp.px(2)))
        # the slot's words sit under the thumbnail, on its left edge and no wider
        line_y = ty + THUMB_H + 10
        meta = info.meta
        when = local_time(meta.saved_at) if meta else ""
        draw_text(surface, vp, r, f"{name.upper()}   {when}", tx, line_y, THUMB_W, 20,
                  color=t.accent if focused else t.text_dim, family=SANS, opacity=opacity, theme=t)
        if meta is None:
            return
        if meta.chapter:
            draw_text(surface, vp, r, meta.chapter, tx, line_y + 27, THUMB_W, 24, family=SERIF, italic=True,
                      opacity=opacity, theme=t)
        words = f"{meta.speaker}: {meta.words}" if meta.speaker else meta.words
        draw_text(surface, vp, r, self._fit_words(vp, words, WORDS_SIZE, WORDS_LINES), tx, line_y + 58, THUMB_W,
                  WORDS_SIZE, family=SERIF, color=t.text_dim, opacity=opacity, theme=t)

    def _fit_words(self, vp, words: str, size: float, lines: int) -> str:
        """`words` cut at a word and ended with an ellipsis so they take at most `lines` lines
        of the thumbnail's width (the card never runs past its bottom edge)."""
        r = self.host.text

        def fits(text: str) -> bool:
            return len(r.layout(text, vp.px(THUMB_W), vp.px(size), family=SERIF, scale=vp.scale).lines) <= lines

        if fits(words):
            return words
        cut = words.split()
        while len(cut) > 1 and not fits(" ".join(cut) + "\u2026"):
            cut.pop()
        return " ".join(cut).rstrip(",;:.") + "\u2026"
