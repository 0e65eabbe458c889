"""Reading .txt, .html and .jsonl inputs into Documents, and every way an input can be refused."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sahelwatch.errors import InputError
from sahelwatch.ingest import (
    decode_text,
    html_to_text,
    iter_documents,
    parse_published,
    read_path,
)
from sahelwatch.model import Document

ARTICLE = "Gunmen attacked a convoy near Ménaka on Tuesday, killing 12 soldiers, the army said."

PAGE = """<!doctype html><html><head><title>Attack near Menaka</title>
<meta property="og:title" content="Attack near Menaka">
<meta name="date" content="2024-03-05"><script>var tracking = "do not keep";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>Attack near Menaka</h1>
<p>Gunmen attacked a convoy near Menaka on Tuesday, killing 12 soldiers, the army said in a statement.</p>
<p>JNIM claimed responsibility for the attack, according to a statement shared on social media.</p>
</article><footer>Copyright 2024 Sahel News. All rights reserved.</footer></body></html>"""


def one_line_naming(exc: InputError, path: Path | str) -> str:
    message = str(exc)
    assert "\n" not in message and str(path) in message
    return message


# -- .txt ----------------------------------------------------------------------------------------------------

def test_txt_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "000_f32bdb9c94879744.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode() + b"\r\nSecond line.\r\n")
    [doc] = read_path(path, published="2024-03-05", source="wire")
    assert doc.id == "000_f32bdb9c94879744"
    assert doc.text == ARTICLE + "\nSecond line.\n"  # BOM gone, line ends normalised
    assert doc.sha256 == Document.from_text(doc.text).sha256
    assert doc.published == date(2024, 3, 5) and doc.source == "wire"


def test_txt_cp1252_fallback(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "“Ségou” is calm – officials said."
    path.write_bytes(text.encode("cp1252"))
    [doc] = read_path(path)
    assert doc.text == text and doc.published is None


# -- .html ---------------------------------------------------------------------------------------------------

def test_html_main_text_title_and_metadata_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read_path(path)
    assert doc.id == "page" and doc.title == "Attack near Menaka"
    assert "killing 12 soldiers" in doc.text and "JNIM claimed responsibility" in doc.text
    assert "Subscribe" not in doc.text and "tracking" not in doc.text and "Copyright" not in doc.text
    assert doc.published == date(2024, 3, 5)
    [doc] = read_path(path, published=date(2024, 3, 6))  # the caller's date wins
    assert doc.published == date(2024, 3, 6)


def test_html_date_is_not_guessed_from_the_body() -> None:
    _, _, page_date = html_to_text("<html><body><article><p>On 3 March 2021, gunmen attacked the town of "
                                   "Menaka in a raid that killed many soldiers, officials said.</p>"
                                   "</article></body></html>")
    assert page_date is None


def test_html_falls_back_to_plain_text_when_trafilatura_finds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("<title>Brief</title><p>Just a short fragment of text.</p>", encoding="utf-8")
    [doc] = read_path(path)
    assert doc.text == "Just a short fragment of text." and doc.title == "Brief"


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body><div></div></body></html>")
    with pytest.raises(InputError, match="no text") as info:
        read_path(path)
    one_line_naming(info.value, path)


# -- .jsonl --------------------------------------------------------------------------------------------------

def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "published": "2024-03-05", "source": "RFI"}),
        "{not json",
        json.dumps({"id": "a2", "text": "Second article.", "published": "05/03/2024"}),
        "",
        json.dumps({"id": "a3", "text": "   "}),
        json.dumps(["a list"]),
        json.dumps({"text": "No id here.", "published": "2024-03-07T10:00:00Z", "title": "T"}),
        json.dumps({"id": "a1", "text": "Duplicate id."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors: list[InputError] = []
    docs = read_path(path, errors=errors)
    assert [d.id for d in docs] == ["a1", Document.from_text("No id here.").id]
    assert docs[0].published == date(2024, 3, 5) and docs[0].source == "RFI"
    assert docs[1].published == date(2024, 3, 7) and docs[1].title == "T"
    messages = [one_line_naming(e, path) for e in errors]
    assert [m.split(":")[1] for m in messages] == ["2", "3", "5", "6", "8"]
    assert "invalid JSON" in messages[0] and "bad published" in messages[1] and "'text'" in messages[2]
    assert "JSON object" in messages[3] and "already read" in messages[4]
    with pytest.raises(InputError, match=r"feed.jsonl:2: invalid JSON"):
        read_path(path)  # strict without an errors list


def test_jsonl_line_over_the_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "small", "text": "ok"}) + "\n"
                    + json.dumps({"id": "big", "text": "x" * 500}) + "\n", encoding="utf-8")
    errors: list[InputError] = []
    assert [d.id for d in read_path(path, max_bytes=200, errors=errors)] == ["small"]
    assert "too large" in str(errors[0]) and ":2:" in str(errors[0])


# -- batches and directories ---------------------------------------------------------------------------------

def test_batch_reports_bad_files_and_keeps_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    results = list(iter_documents([good, empty, missing, str(good)]))
    assert isinstance(results[0], Document)
    assert [type(r) for r in results[1:]] == [InputError, InputError, InputError]
    assert "empty" in str(results[1]) and "no such file" in str(results[2]) and "already read" in str(results[3])


def test_directory_is_walked_for_supported_suffixes(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.TXT").write_text("First.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 \x00\x01")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    docs = read_path(tmp_path)
    assert [d.id for d in docs] == ["b", "a"]  # sorted by path: b.txt < sub/a.TXT
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    with pytest.raises(InputError, match="no .txt"):
        read_path(empty_dir)


# -- refusals ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, expected", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t \r\n", "empty file"),
    ("bom_only.txt", b"\xef\xbb\xbf\n", "whitespace only"),
    ("nul.txt", b"text\x00with a NUL", "binary file"),
    ("garbage.txt", bytes([0x81, 0x02, 0x8d, 0x03, 0xfe]) * 20, "binary or undecodable"),
    ("binary.jsonl", b'{"id": 1}\x00\x00', "binary file"),
    ("empty.jsonl", b"\n\n", "empty file"),
    ("scan.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ("README", b"text", "unsupported file type"),
])
def test_refused_inputs(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected) as info:
        read_path(path)
    one_line_naming(info.value, path)


def test_missing_and_oversized(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "absent.txt")
    path = tmp_path / "long.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(InputError, match=r"too large \(0.0 MB; limit 0.0 MB") as info:
        read_path(path, max_bytes=100)
    one_line_naming(info.value, path)
    assert read_path(path, max_bytes=1000)  # configurable


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)  # running as root makes chmod 000 ineffective
    with pytest.raises(InputError, match="cannot read: Permission denied") as info:
        read_path(path)
    one_line_naming(info.value, path)


@pytest.mark.parametrize("value", ["05/03/2024", "2024-13-01", "2024-3-5", "March 5", 20240305])
def test_bad_published_argument_raises_at_once(tmp_path: Path, value: object) -> None:
    with pytest.raises(InputError, match="bad published date"):
        iter_documents(tmp_path, published=value)  # type: ignore[arg-type]


def test_parse_published_accepts_dates_and_iso_timestamps() -> None:
    assert parse_published("2024-03-05") == date(2024, 3, 5)
    assert parse_published("2024-03-05T23:10:00+01:00") == date(2024, 3, 5)
    assert parse_published(date(2024, 3, 5)) == date(2024, 3, 5)
    assert parse_published(None) is None and parse_published("") is None


def test_decode_text_utf16_with_bom() -> None:
    assert decode_text("Niamey, 5 mars".encode("utf-16"), "x") == "Niamey, 5 mars"
