"""Decoding plain-text bytes in whatever common encoding they come in, and the light normalisation applied.

Order: a byte-order mark decides (UTF-8/16/32); NUL bytes mean UTF-16/32 without one, or a binary file;
else strict UTF-8; else Windows-1252 when
every non-ASCII character it yields is one Western European text uses, and few are (Latin-1 files decode
identically, and short texts defeat statistical detection, which takes cp1252 for cp1250 or
cp775); else UTF-8 with a few bad bytes replaced; else charset-normalizer's best guess (Cyrillic, Greek, CJK ...).
"""
from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from ingest.readers.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Typographic characters that cp1252 puts in 0x80-0x9F and Western news text uses.
_CP1252_PUNCTUATION = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
# Control characters allowed in text; any other share above this marks a binary file.
# Western European prose is mostly unaccented letters; Cyrillic or Greek read as cp1252 is mostly accented ones.
_MAX_ACCENTED_SHARE = 0.25
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.01
TRIED = "utf-8, utf-16/32 (with or without a byte-order mark), cp1252/latin-1 and charset detection"


def decode_text(content: bytes) -> tuple[str, str]:
    """The text of `content` and the encoding it was read with; ReadError when it isn't text."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return normalise(_decode(content, encoding)), encoding.replace("-sig", "")
    if b"\x00" in content:
        decoded = _unmarked_wide(content)
        if decoded is None:
            raise ReadError("the file looks binary (it contains NUL bytes), not text")
        _refuse_binary(decoded[0])
        return normalise(decoded[0]), decoded[1]
    for decode in (_utf8, _western, _mostly_utf8, _detected):
        decoded = decode(content)
        if decoded is not None:
            _refuse_binary(decoded[0])
            return normalise(decoded[0]), decoded[1]
    if sum(1 for byte in content[:100_000] if byte < 0x20 and chr(byte) not in _ALLOWED_CONTROLS) > 10:
        raise ReadError("the file looks binary (it contains control bytes), not text")
    raise ReadError(f"could not decode the text; tried {TRIED}")


# (encoding, code unit width, byte positions in a unit that are NUL for Latin text), widest first: UTF-32-LE
# Latin text also has NULs at every odd byte, as UTF-16-LE has.
_WIDE = (("utf-32-le", 4, (1, 2, 3)), ("utf-32-be", 4, (0, 1, 2)), ("utf-16-le", 2, (1,)), ("utf-16-be", 2, (0,)))


def _unmarked_wide(content: bytes) -> tuple[str, str] | None:
    """UTF-16/32 without a byte-order mark (Windows exports): Latin text by its pattern of NUL bytes, other
    scripts by charset-normalizer; None when the NULs fit neither (a binary file)."""
    sample = content[:8192]
    for encoding, width, zero_at in _WIDE:
        units = len(sample) // width
        if units < 2 or len(content) % width:
            continue
        if all(sum(1 for i in range(at, units * width, width) if sample[i] == 0) >= 0.6 * units for at in zero_at):
            try:
                return content.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    if len(content) < 16:  # too short to tell a script from noise
        return None
    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        encoding = best.encoding.replace("_", "-")
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            return None
    return None


def normalise(text: str) -> str:
    """Line endings to \\n and a stray BOM dropped; nothing else, so the text reads as the file does."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _decode(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(
            f"the file starts with a {encoding} byte-order mark but is not valid {encoding} ({error.reason})"
        ) from error


def _utf8(content: bytes) -> tuple[str, str] | None:
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def _mostly_utf8(content: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray bytes (a bad paste, a truncated file): replaced with U+FFFD rather than mojibake."""
    text = content.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    valid = sum(1 for char in text if ord(char) >= 0x80) - replaced
    if valid >= 1 and replaced <= max(1, valid // 20):
        return text, "utf-8"
    return None


def _western(content: bytes) -> tuple[str, str] | None:
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if not all(ord(char) < 0x80 or _is_western(char) for char in text):
        return None
    letters = [char for char in text if char.isalpha()]
    if sum(1 for char in letters if ord(char) >= 0x80) > _MAX_ACCENTED_SHARE * len(letters):
        return None
    # Without bytes in 0x80-0x9F the file is as much Latin-1 as cp1252; name the wider-known one.
    return text, ("cp1252" if any(0x80 <= byte <= 0x9F for byte in content) else "iso-8859-1")


def _is_western(char: str) -> bool:
    if char in _CP1252_PUNCTUATION:
        return True
    return 0xA0 <= ord(char) <= 0xFF and unicodedata.category(char)[0] in "LPSZN"


def _detected(content: bytes) -> tuple[str, str] | None:
    best = from_bytes(content).best()
    if best is None:
        return None
    return str(best), best.encoding


def _refuse_binary(text: str) -> None:
    sample = text[:100_000]
    controls = sum(1 for char in sample if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise ReadError("the file looks binary (too many control characters), not text")
