"""Save files on disk: slots in pages, a quick slot, rotating autosaves, and what a game
remembers across runs (seen text, options picked, endings and chapters reached, key-beat
images seen for the gallery). No pygame.

Every file is versioned JSON (never pickle) written atomically: a temporary file in the same
folder, flushed and fsync'd, then `os.replace`d over the old one, whose previous version is
kept as `NAME.bak` (hard-linked first, so the slot is never missing for an instant). A process
killed at any moment leaves either the old save or the new one, never half a file.

A file that cannot be read (corrupt, truncated, a newer format, not a save at all) is listed
with its reason (`SaveInfo.error`) and is never overwritten unless the caller asks with
`overwrite=True` (the UI asks the player first).

API (what the UI calls):

    store = SaveStore.for_game(game)              # VN_DATA_DIR overrides the platform's folder
    store.write("1-3", data, meta, thumbnail_png)  # raises SlotOccupied: ask, then overwrite=True
    store.quicksave(data, meta, png)               # F5; the quick slot is overwritten (if readable)
    store.autosave(data, meta, png)                # at every choice and on quit: rotating auto-N
    store.page(1)                                  # [SaveInfo] for slots 1-1 .. 1-SLOTS_PER_PAGE
    store.list()                                   # every save file, readable or not
    store.latest()                                 # newest readable save (Continue), or None
    store.read("quick")                            # SaveFile(info, data); raises SaveUnreadable
    store.thumbnail("1-3")                         # PNG bytes or None
    store.delete("1-3")
    persistent = store.persistent()                # seen lines, chosen options, endings, chapters, gallery
    store.write_persistent(persistent)             # when it changed (cheap otherwise)

`data` is what `Session.save()` returns; `meta` is a `SaveMeta` (use `SaveMeta.of(session)`).
Slots are named "PAGE-N" (both from 1), "quick" or "auto-N".
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vn.atomicfile import atomic_write
from vn.script.limits import MAX_SAVE_BYTES

SAVE_FORMAT = 1  # the file's envelope; the story inside has its own format (vn.story.state)
PERSISTENT_FORMAT = 2  # 2: `gallery` (an engine that knows only 1 leaves the file alone)
SLOTS_PER_PAGE = 6
AUTO_SLOTS = 6
MAX_WORDS = 80  # characters of the line kept for the slot screen
_SLOT = re.compile(r"^(quick|auto-[1-9][0-9]{0,2}|[1-9][0-9]{0,3}-[1-9][0-9]{0,2})$")


class SaveUnreadable(Exception):
    """A save file that cannot be loaded; `reason` says why in a few words for the player."""

    def __init__(self, slot: str, reason: str) -> None:
        super().__init__(f"save '{slot}' cannot be read: {reason}")
        self.slot = slot
        self.reason = reason


class SlotOccupied(Exception):
    """The slot already holds a file (readable or not): ask the player, then pass overwrite=True."""

    def __init__(self, info: SaveInfo) -> None:
        super().__init__(f"slot '{info.slot}' already holds a save")
        self.info = info


@dataclass(frozen=True)
class SaveMeta:
    """What the slot screen shows. `saved_at` is an ISO 8601 UTC time ("2026-11-29T16:40:00Z")."""

    saved_at: str
    chapter: str | None = None  # the last chapter card's title, else None
    label: str | None = None  # the label the story was in
    speaker: str | None = None  # display name of the line's speaker (None: narration or a choice)
    words: str = ""  # the first words of the line on screen (or of the choice's options)

    def to_json(self) -> dict[str, Any]:
        return {"saved_at": self.saved_at, "chapter": self.chapter, "label": self.label,
                "speaker": self.speaker, "words": self.words}

    @classmethod
    def from_json(cls, data: Any) -> SaveMeta:
        if not isinstance(data, dict) or not isinstance(data.get("saved_at"), str):
            raise ValueError("no save date")
        def opt(key: str) -> str | None:
            v = data.get(key)
            return v if isinstance(v, str) else None
        return cls(data["saved_at"], opt("chapter"), opt("label"), opt("speaker"), opt("words") or "")

    @classmethod
    def of(cls, session: Any, when: _dt.datetime | None = None) -> SaveMeta:
        """The metadata of a `vn.session.Session` as it is now (the line or choice on screen).
        `when` defaults to the wall clock now (this module is outside the core layers)."""
        when = when or _dt.datetime.now(_dt.timezone.utc)
        state = session.story.state
        chapter = state.chapter.get("title") if state.chapter else None
        speaker, words = None, ""
        if session.line is not None:
            speaker, words = session.line.name, session.line.text.plain
        elif session.choice is not None:
            words = " / ".join(o.text.plain for o in session.choice.options)
        return cls(_iso(when), chapter, state.label, speaker, first_words(words))


def first_words(text: str, limit: int = MAX_WORDS) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters (with "…")."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(",;:. ") + "…"


@dataclass(frozen=True)
class SaveInfo:
    """One slot as the slot screen lists it. `error` is None for a readable save; otherwise
    `meta` is None and `error` is the reason in a few words ("truncated or not JSON", "made by
    a newer version of the engine (format 3)")."""

    slot: str
    path: Path
    meta: SaveMeta | None
    error: str | None = None
    has_thumbnail: bool = False
    mtime: float = 0.0

    @property
    def empty(self) -> bool:
        return not self.path.exists()

    @property
    def readable(self) -> bool:
        return self.error is None and self.meta is not None


@dataclass(frozen=True)
class SaveFile:
    info: SaveInfo
    data: dict[str, Any]  # what Session.load takes


@dataclass
class Persistent:
    """What a game remembers across runs and saves: line ids read (for skip), option ids
    picked (marked in choice menus), endings and chapters reached and key-beat images seen (the
    Extras screen). Endings and chapters are {"title", "label"} records in the order first
    reached; the gallery is the names of the stages with a `gallery` property that were shown
    (docs/stage-format.md), in the order first seen."""

    seen: set[str] = field(default_factory=set)
    chosen: set[str] = field(default_factory=set)
    endings: list[dict[str, str]] = field(default_factory=list)
    chapters: list[dict[str, str]] = field(default_factory=list)
    gallery: list[str] = field(default_factory=list)
    problem: str | None = None  # why the file on disk was not read (it is then left alone)
    read_only: bool = False  # the file is newer than this engine: never written over
    _written: str = ""

    def mark_seen(self, line_id: str) -> None:
        self.seen.add(line_id)

    def mark_chosen(self, option_id: str) -> None:
        self.chosen.add(option_id)

    def reach_ending(self, title: str, label: str) -> None:
        _add_record(self.endings, title, label)

    def reach_chapter(self, title: str, label: str) -> None:
        _add_record(self.chapters, title, label)

    def see_image(self, stage: str) -> None:
        """A key-beat image (a stage with a `gallery` property) was shown: unlock it."""
        if stage not in self.gallery:
            self.gallery.append(stage)

    def to_json(self) -> dict[str, Any]:
        return {"format": PERSISTENT_FORMAT, "seen": sorted(self.seen), "chosen": sorted(self.chosen),
                "endings": list(self.endings), "chapters": list(self.chapters), "gallery": list(self.gallery)}

    @property
    def changed(self) -> bool:
        return _dumps(self.to_json()) != self._written


def _add_record(records: list[dict[str, str]], title: str, label: str) -> None:
    rec = {"title": title, "label": label}
    if rec not in records:
        records.append(rec)


def _iso(when: _dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return when.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def data_root() -> Path:
    """Where every game's saves live: $VN_DATA_DIR, else the platform's user data folder
    (platformdirs: ~/.local/share/vn on Linux, %LOCALAPPDATA%\\vn on Windows, ~/Library/
    Application Support/vn on macOS)."""
    override = os.environ.get("VN_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("vn", appauthor=False))


def game_folder_name(title: str, identity: str) -> str:
    """One folder per game: a readable slug of the title and a hash of the game's identity,
    so two games (or a mod and the base game) with the same title never share saves."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "game"
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


def game_identity(game: Any) -> str:
    """The bundled game is "bundled" wherever it is installed; a mod or a stand-alone game is
    the resolved path of its folder (each layer counts, so a mod never shares the base game's
    saves)."""
    from vn.game import bundled_root

    bundled = bundled_root().resolve()
    parts = ["bundled" if Path(p).resolve() == bundled else str(Path(p).resolve()) for p in game.layers]
    return "\n".join(parts)


class SaveStore:
    """The save files of one game, in one folder (created on the first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def for_game(cls, game: Any, root: Path | None = None) -> SaveStore:
        """The store of a loaded `vn.game.Game` (its program's title and its folders)."""
        title = game.program.title if game.program is not None else "game"
        return cls((root or data_root()) / game_folder_name(title, game_identity(game)))

    # ----------------------------------------------------------------- slots
    @staticmethod
    def slot_name(page: int, index: int) -> str:
        """The slot at `index` (1-based) of `page` (1-based)."""
        return f"{page}-{index}"

    def path(self, slot: str) -> Path:
        if not _SLOT.match(slot):
            raise ValueError(f"'{slot}' is not a slot name (PAGE-N, quick or auto-N)")
        return self.folder / f"{slot}.json"

    def info(self, slot: str) -> SaveInfo:
        """The slot as listed: empty (no file), readable (meta) or unreadable (error)."""
        path = self.path(slot)
        try:
            _, meta = self._load(slot, path)
            error = None
        except SaveUnreadable as exc:
            meta, error = None, exc.reason
        except FileNotFoundError:
            return SaveInfo(slot, path, None)
        mtime = _mtime(path)
        return SaveInfo(slot, path, meta, error, path.with_suffix(".png").is_file(), mtime)

    def page(self, page: int, per_page: int = SLOTS_PER_PAGE) -> list[SaveInfo]:
        return [self.info(self.slot_name(page, i)) for i in range(1, per_page + 1)]

    def list(self) -> list[SaveInfo]:
        """Every save file there is (readable or not), newest first."""
        if not self.folder.is_dir():
            return []
        infos = []
        for p in self.folder.glob("*.json"):
            if _SLOT.match(p.stem):
                info = self.info(p.stem)
                if not info.empty:
                    infos.append(info)
        return sorted(infos, key=_newest, reverse=True)

    def latest(self) -> SaveInfo | None:
        """The newest readable save (by its save date, then the file's time): Continue."""
        readable = [i for i in self.list() if i.readable]
        return readable[0] if readable else None

    def read(self, slot: str) -> SaveFile:
        """Raises SaveUnreadable (with the reason), or FileNotFoundError for an empty slot."""
        path = self.path(slot)
        data, meta = self._load(slot, path)
        info = SaveInfo(slot, path, meta, None, path.with_suffix(".png").is_file(), _mtime(path))
        return SaveFile(info, data["session"])

    def thumbnail(self, slot: str) -> bytes | None:
        try:
            return self.path(slot).with_suffix(".png").read_bytes()
        except OSError:
            return None

    def write(self, slot: str, data: dict[str, Any], meta: SaveMeta, thumbnail: bytes | None = None,
              *, overwrite: bool = False) -> SaveInfo:
        """Write a save to `slot`. Raises SlotOccupied when the slot holds any file and
        `overwrite` is False; OSError when the disk refuses (the old file is then intact)."""
        path = self.path(slot)
        if not overwrite and path.exists():
            raise SlotOccupied(self.info(slot))
        envelope = {"format": SAVE_FORMAT, "engine": "vn", "meta": meta.to_json(), "session": data}
        text = _dumps(envelope)
        self.folder.mkdir(parents=True, exist_ok=True)
        thumb = path.with_suffix(".png")
        if thumbnail is not None:
            atomic_write(thumb, thumbnail)
        elif thumb.exists():
            thumb.unlink()
        atomic_write(path, text.encode("utf-8"), keep_backup=True)
        return SaveInfo(slot, path, meta, None, thumbnail is not None, _mtime(path))

    def quicksave(self, data: dict[str, Any], meta: SaveMeta, thumbnail: bytes | None = None) -> SaveInfo:
        """F5. A readable quick save is replaced; an unreadable one raises SlotOccupied (ask)."""
        info = self.info("quick")
        return self.write("quick", data, meta, thumbnail, overwrite=info.empty or info.readable)

    def quickload(self) -> SaveFile:
        return self.read("quick")

    def autosave(self, data: dict[str, Any], meta: SaveMeta, thumbnail: bytes | None = None) -> SaveInfo | None:
        """Into the empty or oldest readable auto slot (unreadable ones are left alone);
        None when every auto slot is unreadable."""
        infos = [self.info(f"auto-{n}") for n in range(1, AUTO_SLOTS + 1)]
        empty = [i for i in infos if i.empty]
        target = empty[0] if empty else min((i for i in infos if i.readable), key=_newest, default=None)
        if target is None:
            return None
        return self.write(target.slot, data, meta, thumbnail, overwrite=True)

    def delete(self, slot: str) -> None:
        path = self.path(slot)
        for p in (path, path.with_suffix(".png")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    def _load(self, slot: str, path: Path) -> tuple[dict[str, Any], SaveMeta]:
        if path.stat().st_size > MAX_SAVE_BYTES:  # FileNotFoundError: an empty slot
            raise SaveUnreadable(slot, f"too large ({path.stat().st_size:,} bytes; a save is at most "
                                       f"{MAX_SAVE_BYTES:,})")
        raw = path.read_bytes()
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise SaveUnreadable(slot, "not a text file") from None
        except RecursionError:
            raise SaveUnreadable(slot, "damaged: nested too deeply") from None
        except ValueError:
            raise SaveUnreadable(slot, "damaged: truncated or not JSON" if raw.strip() else "empty file") from None
        if not isinstance(data, dict) or data.get("engine") != "vn":
            raise SaveUnreadable(slot, "not a save of this engine")
        fmt = data.get("format")
        if not isinstance(fmt, int) or isinstance(fmt, bool):
            raise SaveUnreadable(slot, "no format version")
        if fmt > SAVE_FORMAT:
            raise SaveUnreadable(slot, f"made by a newer version of the engine (format {fmt})")
        try:
            meta = SaveMeta.from_json(data.get("meta"))
        except ValueError as exc:
            raise SaveUnreadable(slot, f"damaged: {exc}") from None
        session = data.get("session")
        if not isinstance(session, dict):
            raise SaveUnreadable(slot, "damaged: no game state")
        problem = _story_problem(session)
        if problem:
            raise SaveUnreadable(slot, problem)
        return data, meta

    # ----------------------------------------------------------------- persistent
    @property
    def persistent_path(self) -> Path:
        return self.folder / "persistent.json"

    def persistent(self) -> Persistent:
        """Read what the game remembers. A damaged file is moved aside (`persistent.json.damaged`)
        and starts afresh; a newer-format file is left alone and never written over."""
        path = self.persistent_path
        p = Persistent()
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return p
        except (OSError, ValueError) as exc:
            p.problem = f"damaged ({exc.__class__.__name__}); kept as {path.name}.damaged"
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".damaged"))
            return p
        fmt = data.get("format") if isinstance(data, dict) else None
        if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt > PERSISTENT_FORMAT:
            p.problem = "made by a newer version of the engine; left alone"
            p.read_only = True
            return p

        def ids(key: str) -> set[str]:
            v = data.get(key)
            return {s for s in v if isinstance(s, str)} if isinstance(v, list) else set()

        def records(key: str) -> list[dict[str, str]]:
            v = data.get(key)
            out: list[dict[str, str]] = []
            for r in v if isinstance(v, list) else []:
                if isinstance(r, dict) and isinstance(r.get("title"), str) and isinstance(r.get("label"), str):
                    _add_record(out, r["title"], r["label"])
            return out

        p.seen, p.chosen = ids("seen"), ids("chosen")
        p.endings, p.chapters = records("endings"), records("chapters")
        gallery = data.get("gallery")
        for name in gallery if isinstance(gallery, list) else []:
            if isinstance(name, str):
                p.see_image(name)
        p._written = _dumps(p.to_json())
        return p

    def write_persistent(self, p: Persistent) -> bool:
        """Write when changed (and not read-only); True when written. OSError is swallowed into
        `p.problem`: losing seen-text must never stop the game."""
        if p.read_only or not p.changed:
            return False
        text = _dumps(p.to_json())
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.persistent_path, text.encode("utf-8"))
        except OSError as exc:
            p.problem = f"not saved: {exc.strerror or exc}"
            return False
        p._written = text
        return True


def _story_problem(session: dict[str, Any]) -> str | None:
    """Why the story inside a save cannot be read, in a few words (None: it can)."""
    from vn.session import SESSION_FORMAT
    from vn.story.state import FORMAT, SaveFormatError, StoryState

    fmt = session.get("format")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > SESSION_FORMAT:
        return f"made by a newer version of the engine (game state format {fmt})"
    story = session.get("story")
    fmt = story.get("format") if isinstance(story, dict) else None
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT:
        return f"made by a newer version of the engine (story format {fmt})"
    try:
        StoryState.from_json(story)
    except SaveFormatError as exc:
        return f"damaged: {exc}"
    return None


def _newest(info: SaveInfo) -> tuple[str, float]:
    return (info.meta.saved_at if info.meta else "", info.mtime)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
