"""Reading an uploaded file into article text and metadata: bytes + filename -> ReadDocument.

Pure functions, no Django. Formats: plain text in any common encoding (.txt), web pages
(.html/.htm: main text without the site's chrome), PDFs with a text layer (.pdf), and zip
archives of those (`iter_archive`; a document in one over the per-file limit is returned unread,
with its size). Every refusal is a `ReadError` whose message is one line a person can act on.
Character spans the pipeline reports refer to `ReadDocument.text`.

Limits, so that one upload cannot stall the pipeline:
- `max_bytes` (default `DEFAULT_MAX_BYTES`, 5 MB; callers pass the KB_MAX_UPLOAD_BYTES setting), of a
  file and of each document in an archive (`iter_archive(max_member_bytes=...)`);
- `MAX_TEXT_CHARS` = 1,000,000 characters of text after decoding: about 150,000 words, far
  beyond any news article, and what spaCy's small model handles in well under a minute
  (spaCy's own default `nlp.max_length` is the same figure).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from ingest.readers.archive import (
    DEFAULT_MAX_MEMBER_BYTES,
    MAX_ARCHIVE_MEMBERS,
    MAX_ARCHIVE_TOTAL_BYTES,
    ArchiveMember,
    iter_archive,
)
from ingest.readers.errors import ReadError

# One file's limit, and each document's in an archive (callers pass the KB_MAX_UPLOAD_BYTES setting).
DEFAULT_MAX_BYTES = DEFAULT_MAX_MEMBER_BYTES
MAX_TEXT_CHARS = 1_000_000

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
ARCHIVE_SUFFIXES = {".zip"}
SUPPORTED = ".txt, .html, .htm, .pdf, .zip"

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ArchiveMember",
    "MAX_ARCHIVE_MEMBERS",
    "MAX_ARCHIVE_TOTAL_BYTES",
    "MAX_TEXT_CHARS",
    "ReadDocument",
    "ReadError",
    "is_archive",
    "iter_archive",
    "read_document",
]


@dataclass(frozen=True)
class ReadDocument:
    """One article as read from a file: its text (what spans refer to) and what the file says about it."""

    text: str
    title: str | None = None
    published_at: date | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    content_type: str = "text/plain"
    encoding: str | None = None


def read_document(content: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  max_chars: int | None = MAX_TEXT_CHARS) -> ReadDocument:
    """Read one article file; raise ReadError with a one-line reason when it can't be read.

    `max_chars` None leaves the text's length to the caller (the ingest service words it for every entry point).
    """
    if not content:
        raise ReadError("the file is empty")
    if len(content) > max_bytes:
        raise ReadError(f"the file is {_size(len(content))}, more than the {_size(max_bytes)} limit")
    kind = _kind(content, filename)
    document = _READERS[kind](content)
    if not document.text.strip():
        raise ReadError("the file holds no text")
    if max_chars is not None and len(document.text) > max_chars:
        raise ReadError(
            f"the text is {len(document.text):,} characters long, more than the {max_chars:,} character limit;"
            " split it into separate articles"
        )
    return document


def _kind(content: bytes, filename: str) -> str:
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in ARCHIVE_SUFFIXES:
        return "archive"
    if suffix:
        raise ReadError(f"unsupported file type '{suffix}'; supported: {SUPPORTED}")
    return _sniff(content)


def _sniff(content: bytes) -> str:
    """Guess the format of a file that has no extension from its first bytes."""
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(b"pk\x03\x04"):
        return "archive"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return "html"
    return "text"


def _read_text(content: bytes) -> ReadDocument:
    from ingest.readers.text import decode_text

    text, encoding = decode_text(content)
    return ReadDocument(text=text, content_type="text/plain", encoding=encoding)


def _read_html(content: bytes) -> ReadDocument:
    from ingest.readers.html import read_html

    page = read_html(content)
    return ReadDocument(content_type="text/html", **page)


def _read_pdf(content: bytes) -> ReadDocument:
    from ingest.readers.pdf import read_pdf

    text, title = read_pdf(content)
    return ReadDocument(text=text, title=title, content_type="application/pdf")


def is_archive(content: bytes, filename: str) -> bool:
    """Whether the file is a zip archive to open with iter_archive (by its name, or its bytes when it has none)."""
    return _kind(content, filename) == "archive"


def _refuse_archive(content: bytes) -> ReadDocument:
    raise ReadError("the file is a zip archive, not one article; name it .zip so each document in it is read")


_READERS = {"text": _read_text, "html": _read_html, "pdf": _read_pdf, "archive": _refuse_archive}


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"
