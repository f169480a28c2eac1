"""Listing the documents in a zip archive, with limits so that a zip bomb can't exhaust memory.

Members whose path escapes the archive (absolute, or with '..'), folders, and macOS/hidden
files are skipped; every other member is returned, whatever its type, so that each one's
own reading error reaches the user. A member over the per-file limit (the one every single
upload gets) is returned without its bytes and with its size, so the caller refuses that one
document in the limit's own words and still reads the others.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath
from typing import NamedTuple

from ingest.readers.errors import ReadError

MAX_ARCHIVE_MEMBERS = 200
# The per-file limit when a caller gives none: the readers' default (ingest.readers.DEFAULT_MAX_BYTES).
DEFAULT_MAX_MEMBER_BYTES = 5 * 1024 * 1024
MAX_ARCHIVE_TOTAL_BYTES = 50 * 1024 * 1024
# A member more compressed than this is a bomb, not an article.
MAX_COMPRESSION_RATIO = 200
_BOMB_CHECK_FROM_BYTES = 1024 * 1024


class ArchiveMember(NamedTuple):
    """One document of an archive; `oversize` is its size (and `data` empty) when it is over the per-file limit."""

    name: str
    data: bytes
    oversize: int | None = None


def iter_archive(
    content: bytes,
    filename: str,
    *,
    max_members: int = MAX_ARCHIVE_MEMBERS,
    max_total_bytes: int = MAX_ARCHIVE_TOTAL_BYTES,
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES,
) -> list[ArchiveMember]:
    """Each document in the zip archive `content`, in archive order.

    `max_member_bytes` is the limit of one article file (callers pass KB_MAX_UPLOAD_BYTES): a member over it is
    never unpacked past the limit, so an archive can't carry in a document its single upload would be refused.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError) as error:
        raise ReadError(f"{filename} is not a readable zip archive ({error})") from error
    with archive:
        members = [info for info in archive.infolist() if _is_document(info)]
        if len(members) > max_members:
            raise ReadError(f"the archive holds {len(members)} files, more than the {max_members} limit")
        # Members over the per-file limit are never unpacked, so they don't count towards the archive's total.
        if sum(info.file_size for info in members if info.file_size <= max_member_bytes) > max_total_bytes:
            raise ReadError(f"the archive unpacks to more than the {max_total_bytes // (1024 * 1024)} MB limit")
        documents, budget = [], max_total_bytes
        for info in members:
            _check_member(info)  # a bomb or a locked member refuses the whole archive, whatever its size
            if info.file_size > max_member_bytes:  # the header says so: not unpacked at all
                documents.append(ArchiveMember(info.filename, b"", info.file_size))
                continue
            data = _read_member(archive, info, min(budget, max_member_bytes))
            if len(data) > max_member_bytes:  # the header lied about its size
                documents.append(ArchiveMember(info.filename, b"", len(data)))
                continue
            if len(data) > budget:
                raise ReadError(f"{info.filename} in the archive unpacks to more than the "
                                f"{max_total_bytes // (1024 * 1024)} MB limit")
            budget -= len(data)
            documents.append(ArchiveMember(info.filename, data))
        return documents


def _is_document(info: zipfile.ZipInfo) -> bool:
    if not info.filename:  # ZipInfo.is_dir() fails on a nameless member
        return False
    path = PurePosixPath(info.filename.replace("\\", "/"))
    if info.is_dir() or path.is_absolute() or ".." in path.parts or ":" in path.parts[0]:
        return False
    return not any(part.startswith(".") or part == "__MACOSX" for part in path.parts)


def _check_member(info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise ReadError(f"{info.filename} in the archive is password-protected")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _BOMB_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
        raise ReadError(f"{info.filename} in the archive is compressed {ratio:.0f}:1, a zip bomb")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """The member's bytes, at most `cap` + 1 of them: one past the cap tells the caller it is over."""
    try:
        # Read at most one byte past the limit: the sizes in the header may lie.
        with archive.open(info) as member:
            return member.read(cap + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as error:
        raise ReadError(f"{info.filename} in the archive can't be unpacked ({error})") from error
