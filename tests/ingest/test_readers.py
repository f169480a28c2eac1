"""Reading uploaded files into article text: every format, every common encoding, and every refusal."""
import io
import zipfile

import pytest

from ingest.readers import MAX_TEXT_CHARS, ArchiveMember, ReadError, is_archive, iter_archive, read_document

ARTICLE = (
    "The ministry said \u201cthree soldiers\u201d were killed near G\u00f6ris \u2013 a caf\u00e9 was hit.\n"
    "Second paragraph.\n"
)
LATIN1_ARTICLE = "Le caf\u00e9 de la gare \u00e0 Z\u00fcrich \u00e9tait ferm\u00e9 apr\u00e8s l'attaque.\n"

PAGE = b"""<!doctype html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Shelling hits Jermuk | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example/jermuk">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-09-13T02:10:00+04:00"}</script>
<script>document.body.innerHTML = "INJECTED BY SCRIPT";</script>
<style>.share { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World news menu</a></nav></header>
<main><article>
  <h1>Shelling hits Jermuk</h1>
  <p>Armenia's Defense Ministry   said Azerbaijan shelled <b>Jermuk</b>
     overnight.</p>
  <div class="share-buttons">SHARE THIS ARTICLE</div>
  <p>Baku denied it.<br>No figures were given.</p>
</article>
<aside>Related stories you may like</aside></main>
<footer>Copyright Example News</footer>
<form><input name="email"> Subscribe to our newsletter</form>
</body></html>"""


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (an empty list gives a page without any text)."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET" if lines else ""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def reason(content: bytes, filename: str, **kwargs) -> str:
    with pytest.raises(ReadError) as error:
        read_document(content, filename, **kwargs)
    return str(error.value)


# Plain text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_in_a_common_encoding_reads_as_written(encoding):
    document = read_document(ARTICLE.encode(encoding), "article.txt")

    assert document.text == ARTICLE
    assert document.content_type == "text/plain"


def test_cp1252_text_keeps_its_curly_quotes_and_dashes():
    document = read_document(ARTICLE.encode("cp1252"), "article.txt")

    assert "\u201cthree soldiers\u201d" in document.text and "\u2013" in document.text
    assert document.encoding == "cp1252"


def test_latin1_text_keeps_its_accents():
    document = read_document(LATIN1_ARTICLE.encode("latin-1"), "article.txt")

    assert document.text == LATIN1_ARTICLE


def test_cyrillic_legacy_encoding_is_detected_not_read_as_accented_latin():
    article = "Нападение на город Харьков было отражено вооружёнными силами. Погибли три человека."

    document = read_document(article.encode("cp1251"), "article.txt")

    assert document.text == article


def test_windows_line_endings_become_newlines_and_the_bom_is_dropped():
    document = read_document(b"\xef\xbb\xbfFirst line\r\nSecond line\rThird", "article.txt")

    assert document.text == "First line\nSecond line\nThird"


def test_file_without_extension_is_sniffed_as_text():
    assert read_document(b"Plain words only.", "README").content_type == "text/plain"


# HTML


def test_html_keeps_the_article_text_in_paragraphs():
    document = read_document(PAGE, "page.html")

    assert document.text == (
        "Shelling hits Jermuk\n\n"
        "Armenia's Defense Ministry said Azerbaijan shelled Jermuk overnight.\n\n"
        "Baku denied it.\nNo figures were given."
    )


@pytest.mark.parametrize(
    "chrome", ["INJECTED BY SCRIPT", "color: red", "World news menu", "SHARE THIS ARTICLE", "Related stories",
               "Copyright", "newsletter"],
)
def test_html_leaves_out_scripts_styles_and_site_chrome(chrome):
    assert chrome not in read_document(PAGE, "page.html").text


def test_html_metadata_is_read_from_the_page():
    document = read_document(PAGE, "page.htm")

    assert document.title == "Shelling hits Jermuk"
    assert document.published_at.isoformat() == "2022-09-13"
    assert document.site_name == "Example News"
    assert document.url == "https://news.example/jermuk"
    assert document.language == "en"
    assert document.content_type == "text/html"


def test_html_publication_date_comes_from_the_article_meta_tag_first():
    page = PAGE.replace(b"<title>", b'<meta property="article:published_time" content="2022-09-12"><title>')

    assert read_document(page, "page.html").published_at.isoformat() == "2022-09-12"


def test_html_publication_date_falls_back_to_a_time_element():
    page = b'<html><body><article><h1>T</h1><time datetime="2021-03-04T10:00Z">4 March</time><p>x</p></article>'

    assert read_document(page, "page.html").published_at.isoformat() == "2021-03-04"


def test_html_title_falls_back_to_the_h1_and_is_kept_in_the_text():
    page = b"<html><body><h1>Convoy attacked</h1><div><p>Aid trucks burned.</p></div></body></html>"
    document = read_document(page, "page.html")

    assert document.title == "Convoy attacked"
    assert document.text == "Convoy attacked\n\nAid trucks burned."


def test_html_in_a_legacy_encoding_is_decoded_by_its_declared_charset():
    page = '<html><head><meta charset="windows-1252"></head><body><p>\u201cCaf\u00e9\u201d hit</p></body></html>'

    assert read_document(page.encode("cp1252"), "page.html").text == "\u201cCaf\u00e9\u201d hit"


def test_file_without_extension_is_sniffed_as_html():
    assert read_document(PAGE, "download").content_type == "text/html"


# PDF


def test_pdf_text_layer_is_read():
    document = read_document(minimal_pdf(["Rockets hit Camp Hurriya.", "Two were killed."]), "statement.pdf")

    assert "Rockets hit Camp Hurriya." in document.text
    assert "Two were killed." in document.text
    assert document.content_type == "application/pdf"


def test_pdf_without_a_text_layer_is_refused_with_a_reason():
    assert "no text layer" in reason(minimal_pdf([]), "scan.pdf")


def test_broken_pdf_is_refused_with_a_reason():
    assert "not a readable PDF" in reason(b"%PDF-1.4\nthis is not a pdf", "broken.pdf")


def test_file_without_extension_is_sniffed_as_pdf():
    assert read_document(minimal_pdf(["Hello."]), "download").content_type == "application/pdf"


# Zip archives


def test_archive_lists_its_documents_in_order():
    content = zip_of({"a.txt": b"first", "folder/b.html": b"<p>second</p>"})

    assert iter_archive(content, "batch.zip") == [ArchiveMember("a.txt", b"first"),
                                                  ArchiveMember("folder/b.html", b"<p>second</p>")]


def test_archive_ignores_folders_hidden_files_and_paths_escaping_it():
    content = zip_of({"../evil.txt": b"x", "/abs.txt": b"x", "__MACOSX/._a.txt": b"x", ".DS_Store": b"x",
                      "dir/": b"", "ok.txt": b"fine"})

    assert iter_archive(content, "batch.zip") == [ArchiveMember("ok.txt", b"fine")]


def test_archive_member_over_the_per_file_limit_is_returned_unread_with_its_size():
    content = zip_of({"big.txt": b"a" * 3000, "small.txt": b"fine"})

    assert iter_archive(content, "batch.zip", max_member_bytes=2048) == [
        ArchiveMember("big.txt", b"", 3000), ArchiveMember("small.txt", b"fine")]


def test_archive_member_over_the_per_file_limit_does_not_count_towards_the_archives_total():
    content = zip_of({"big.txt": b"a" * 8000, "small.txt": b"fine"})

    members = iter_archive(content, "batch.zip", max_total_bytes=6000, max_member_bytes=2048)

    assert [member.name for member in members] == ["big.txt", "small.txt"]


def test_archive_with_too_many_members_is_refused():
    content = zip_of({f"{n}.txt": b"x" for n in range(5)})

    with pytest.raises(ReadError, match="holds 5 files, more than the 4 limit"):
        iter_archive(content, "batch.zip", max_members=4)


def test_archive_unpacking_past_the_size_limit_is_refused():
    content = zip_of({"a.txt": b"a" * 4000, "b.txt": b"b" * 4000})

    with pytest.raises(ReadError, match="unpacks to more than"):
        iter_archive(content, "batch.zip", max_total_bytes=6000)


def test_zip_bomb_member_is_refused():
    content = zip_of({"bomb.txt": b"\0" * (20 * 1024 * 1024)})

    with pytest.raises(ReadError, match="zip bomb"):
        iter_archive(content, "bomb.zip")


def test_corrupt_archive_is_refused():
    with pytest.raises(ReadError, match="not a readable zip archive"):
        iter_archive(b"PK\x03\x04 truncated", "batch.zip")


def test_archive_given_to_read_document_is_refused_as_not_one_article():
    assert "zip archive, not one article" in reason(zip_of({"a.txt": b"x"}), "batch.zip")


def test_archive_is_recognised_by_name_or_by_its_bytes():
    content = zip_of({"a.txt": b"x"})

    assert is_archive(content, "batch.zip") and is_archive(content, "download")
    assert not is_archive(b"plain text", "download")


# Refusals


def test_empty_file_is_refused():
    assert reason(b"", "article.txt") == "the file is empty"


def test_whitespace_only_file_is_refused():
    assert reason(b" \n\t\n", "article.txt") == "the file holds no text"


def test_binary_file_is_refused():
    assert "looks binary" in reason(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt")


def test_file_over_the_byte_limit_is_refused_with_both_sizes():
    assert reason(b"x" * 3000, "article.txt", max_bytes=2048) == "the file is 2.9 KB, more than the 2.0 KB limit"


def test_two_million_character_text_is_refused_with_the_character_limit():
    message = reason(b"word " * 400_000, "article.txt")

    assert "2,000,000 characters" in message and f"{MAX_TEXT_CHARS:,}" in message


def test_unknown_extension_is_refused_naming_the_supported_ones():
    message = reason(b"PK\x03\x04", "report.docx")

    assert message == "unsupported file type '.docx'; supported: .txt, .html, .htm, .pdf, .zip"


def test_undecodable_text_says_which_encodings_were_tried():
    assert "tried utf-8" in reason(bytes(range(0x80, 0x100)) * 2, "article.txt")


def test_utf8_with_a_stray_byte_keeps_its_text_and_marks_the_bad_byte():
    content = "Caf\u00e9 \u201cattack\u201d in G\u00f6ris, ".encode() * 3 + b"\xff"

    assert read_document(content, "article.txt").text.endswith("G\u00f6ris, \ufffd")


@pytest.mark.parametrize(
    ("content", "filename"),
    [(b"", "a.txt"), (b"\x00\x01", "a.txt"), (b"x", "a.exe"), (b"%PDF-", "a.pdf"), (bytes(range(128, 256)), "a.txt")],
)
def test_every_refusal_is_a_single_line(content, filename):
    assert "\n" not in reason(content, filename)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read_and_the_encoding_named(encoding):
    text = "Shelling hit Goris on Tuesday, the ministry said.\nОбстрел Гориса."

    document = read_document(text.encode(encoding), "export.txt")

    assert (document.text, document.encoding) == (text, encoding)


def test_nul_bytes_that_are_no_utf16_pattern_are_still_refused_as_binary():
    with pytest.raises(ReadError, match="binary"):
        read_document(bytes(range(256)) * 20, "blob.txt")
