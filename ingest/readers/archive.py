"""Listing the documents in a zip archive, with limits so that a zip bomb can't exhaust memory.

Members whose path escapes the archive (absolute, or with '..'), folders, and macOS/hidden
files are skipped; every other member is returned, whatever its type, so that each one's
own reading error reaches the user.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from ingest.readers.errors import ReadError

MAX_ARCHIVE_MEMBERS = 200
MAX_ARCHIVE_TOTAL_BYTES = 50 * 1024 * 1024
# A member more compressed than this is a bomb, not an article.
MAX_COMPRESSION_RATIO = 200
_BOMB_CHECK_FROM_BYTES = 1024 * 1024


def iter_archive(
    content: bytes,
    filename: str,
    *,
    max_members: int = MAX_ARCHIVE_MEMBERS,
    max_total_bytes: int = MAX_ARCHIVE_TOTAL_BYTES,
) -> list[tuple[str, bytes]]:
    """The (name, bytes) of each document in the zip archive `content`, in archive order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError) as error:
        raise ReadError(f"{filename} is not a readable zip archive ({error})") from error
    with archive:
        members = [info for info in archive.infolist() if _is_document(info)]
        if len(members) > max_members:
            raise ReadError(f"the archive holds {len(members)} files, more than the {max_members} limit")
        if sum(info.file_size for info in members) > max_total_bytes:
            raise ReadError(f"the archive unpacks to more than the {max_total_bytes // (1024 * 1024)} MB limit")
        documents, budget = [], max_total_bytes
        for info in members:
            data = _read_member(archive, info, budget, max_total_bytes)
            budget -= len(data)
            documents.append((info.filename, data))
        return documents


def _is_document(info: zipfile.ZipInfo) -> bool:
    if not info.filename:  # ZipInfo.is_dir() fails on a nameless member
        return False
    path = PurePosixPath(info.filename.replace("\\", "/"))
    if info.is_dir() or path.is_absolute() or ".." in path.parts or ":" in path.parts[0]:
        return False
    return not any(part.startswith(".") or part == "__MACOSX" for part in path.parts)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, limit: int) -> bytes:
    if info.flag_bits & 0x1:
        raise ReadError(f"{info.filename} in the archive is password-protected")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _BOMB_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
        raise ReadError(f"{info.filename} in the archive is compressed {ratio:.0f}:1, a zip bomb")
    try:
        # Read at most one byte past the limit: the sizes in the header may lie.
        with archive.open(info) as member:
            data = member.read(budget + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as error:
        raise ReadError(f"{info.filename} in the archive can't be unpacked ({error})") from error
    if len(data) > budget:
        raise ReadError(f"{info.filename} in the archive unpacks to more than the {limit // (1024 * 1024)} MB limit")
    return data
