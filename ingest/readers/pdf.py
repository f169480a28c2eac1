"""Reading a PDF's text layer with pypdf; a scanned PDF without one is refused, not silently empty."""
from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from ingest.readers.errors import ReadError
from ingest.readers.text import normalise

# pypdf logs every recoverable flaw of a file at WARNING; they say nothing a user can act on.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(content: bytes) -> tuple[str, str | None]:
    """The text of every page (pages separated by a blank line) and the title from the document info."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("the PDF is password-protected")
        pages = [normalise(page.extract_text() or "").strip() for page in reader.pages]
        title = _title(reader)
    except ReadError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ReadError(f"the file is not a readable PDF ({error})") from error
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise ReadError(
            f"the PDF has no text layer ({len(pages)} page(s) of images only); run OCR on it first or upload the text"
        )
    return text, title


def _title(reader: PdfReader) -> str | None:
    metadata = reader.metadata
    title = metadata.title if metadata else None
    return " ".join(str(title).split()) or None if title else None
