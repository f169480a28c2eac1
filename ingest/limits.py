"""The one size limit and the one length limit of an article, and the message a person sees, for every entry point.

The admin upload form, the API (files and JSON text, checked from Content-Length before the body is parsed),
zips (the archive and each document in it) and `manage.py ingest` (from the file's size on disk, before
reading it) all call these, so an article too big is refused the same way wherever it comes in:

- KB_MAX_UPLOAD_BYTES: bytes of one file, or of the text sent as JSON (UTF-8);
- KB_MAX_TEXT_CHARS: characters of text once decoded, spaCy's own default `nlp.max_length` (1,000,000,
  about 150,000 words: far beyond a news article, within what extraction handles).
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat


def size_refusal(name: str, size: int) -> str | None:
    """The message for a file or body of `size` bytes over the limit, or None when it fits."""
    limit = settings.KB_MAX_UPLOAD_BYTES
    if size <= limit:
        return None
    return (f"{name} is {filesizeformat(size)}; the limit is {filesizeformat(limit)} per article "
            "(split it, or upload the files of an archive separately).")


def length_refusal(name: str, characters: int) -> str | None:
    """The message for a text of `characters` over the limit, or None when it fits."""
    limit = settings.KB_MAX_TEXT_CHARS
    if characters <= limit:
        return None
    return (f"{name} is {characters:,} characters long; the limit is {limit:,} characters per article "
            "(split it into separate articles).")


def size_check(name: str, size: int) -> None:
    """Raise ValidationError with `size_refusal`'s message when over the limit."""
    message = size_refusal(name, size)
    if message:
        raise ValidationError(message)


def length_check(name: str, characters: int) -> None:
    """Raise ValidationError with `length_refusal`'s message when over the limit."""
    message = length_refusal(name, characters)
    if message:
        raise ValidationError(message)
