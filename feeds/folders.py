"""Watched folders: outlets that deliver files (a press office's drop folder) instead of publishing a feed.

Each readable file (.txt, .html, .htm, .pdf) under the folder is one item, its path relative to the
folder its id, its modification time its date. Folders must lie inside KB_FEED_FOLDER_ROOT, so a feed
can never read the rest of the server's disk. No Django here: the root is passed in.
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from feeds.parsing import MAX_ITEMS, FeedItem

SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".pdf"}


class FolderError(ValueError):
    """The watched folder can't be read; the message says why."""


def folder_resolve(root: Path, relative: str) -> Path:
    """The watched folder `relative` to `root`, refusing anything outside the root."""
    root = Path(root).resolve()
    folder = (root / relative.strip().lstrip("/")).resolve()
    if folder != root and root not in folder.parents:
        raise FolderError(f"the folder must be inside {root} (KB_FEED_FOLDER_ROOT)")
    if not folder.is_dir():
        raise FolderError(f"the folder {folder} does not exist or is not a folder")
    return folder


def folder_items(root: Path, relative: str) -> list[FeedItem]:
    """The files of a watched folder as feed items, oldest first."""
    folder = folder_resolve(root, relative)
    files = []
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
            files.append((path.stat().st_mtime, path))
    files.sort()
    items = []
    for mtime, path in files[-MAX_ITEMS:]:
        moment = datetime.fromtimestamp(mtime, UTC)
        name = path.relative_to(folder).as_posix()
        items.append(FeedItem(entry_id=name, url="", title="", published_at=None, updated_at=moment))
    return items


def folder_file(root: Path, relative: str, entry_id: str, *, max_bytes: int) -> bytes:
    """The bytes of one file of a watched folder (FolderError if it is gone, too large or outside the folder)."""
    folder = folder_resolve(root, relative)
    path = (folder / entry_id).resolve()
    if folder not in path.parents:
        raise FolderError("the file is outside the watched folder")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FolderError(f"the file is {size / (1024 * 1024):.1f} MB, more than the "
                              f"{max_bytes / (1024 * 1024):.1f} MB limit")
        return path.read_bytes()
    except OSError as error:
        raise FolderError(f"could not read the file ({error.strerror or error})") from None
