"""Reading input files into :class:`Document`s, with one-line errors that name the file (and line).

Batch use goes through :func:`iter_documents`, which *yields* an :class:`InputError` for a bad file or a bad
JSONL line instead of raising, so that one bad input is reported and skipped while the rest is stored.
:func:`read_path` is the strict single-path form.

Formats: ``.txt`` (UTF-8, BOM allowed; cp1252 when not UTF-8 and clean), ``.html``/``.htm`` (main text and
title by trafilatura), ``.jsonl`` (one ``{"id", "text", "published", "source"}`` object per line). Line ends
are normalised to ``\\n`` before hashing, so evidence offsets always refer to the stored text.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sahelwatch.errors import InputError
from sahelwatch.language import detect_language, resolve_language
from sahelwatch.model import Document

__all__ = ["DEFAULT_MAX_BYTES", "SUFFIXES", "iter_documents", "read_path", "parse_published", "decode_text",
           "html_to_text"]

#: per document: the file for .txt/.html, one line for .jsonl
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # control characters no text file contains
_SNIFF_BYTES = 8192


def parse_published(value: object, where: str = "published") -> date | None:
    """An ISO date ``YYYY-MM-DD`` (a full ISO timestamp is cut to its date); anything else is an InputError."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if _ISO_DATE.fullmatch(text):
                return date.fromisoformat(text)
            if _ISO_DATE.match(text) and text[10:11] in ("T", " "):
                return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InputError(f"{where}: bad published date {value!r}: expected YYYY-MM-DD")


def iter_documents(paths: str | Path | Iterable[str | Path], *, published: date | str | None = None,
                   source: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """Documents from files, directories (walked for supported suffixes) and JSONL files, errors in between.

    ``published`` and ``source`` apply to .txt/.html files and to JSONL lines that lack them. A bad
    ``published`` argument raises at once, since it would spoil every document. A document id met twice in one
    batch is an error the second time (the store would otherwise replace the first silently).
    """
    default_published = parse_published(published, "published argument")
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return _iter(items, default_published, source, max_bytes)


def read_path(path: str | Path, *, published: date | str | None = None, source: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES, errors: list[InputError] | None = None) -> list[Document]:
    """All documents of one file or directory.

    Strict by default: the first problem raises. Pass a list as ``errors`` to collect per-item problems (a bad
    JSONL line, a bad file in a directory) there and keep everything else.
    """
    docs: list[Document] = []
    for item in iter_documents(path, published=published, source=source, max_bytes=max_bytes):
        if isinstance(item, InputError):
            if errors is None:
                raise item
            errors.append(item)
        else:
            docs.append(item)
    return docs


def _iter(items: list[str | Path], published: date | None, source: str | None,
          max_bytes: int) -> Iterator[Document | InputError]:
    seen: dict[str, str] = {}  # document id -> where it was read (path, or path:line)
    for item in items:
        for path in _expand(Path(item)):
            if isinstance(path, InputError):
                yield path
                continue
            for where, result in _read_file(path, published, source, max_bytes):
                if isinstance(result, Document):
                    if result.id in seen:
                        yield InputError(f"{where}: document id {result.id} already read from "
                                         f"{seen[result.id]}; skipped")
                        continue
                    seen[result.id] = where
                yield result


def _expand(path: Path) -> Iterator[Path | InputError]:
    """A file as itself; a directory as its supported files, sorted, hidden ones left out."""
    if not path.is_dir():
        yield path
        return
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    if not files:
        yield InputError(f"{path}: no {', '.join(SUFFIXES)} files in this directory")
    yield from files


#: where a document or error came from ("path" or "path:line"), and what came
_Located = tuple[str, Document | InputError]


def _read_file(path: Path, published: date | None, source: str | None, max_bytes: int) -> Iterator[_Located]:
    try:
        suffix = _check_file(path)
        if suffix == ".jsonl":
            yield from _read_jsonl(path, published, source, max_bytes)
            return
        data = _read_bytes(path, max_bytes)
        text = decode_text(data, str(path))
        if suffix == ".txt":
            yield str(path), _document(path, text, id=path.stem, published=published, source=source)
        else:
            body, title, page_date = html_to_text(text, str(path))
            yield str(path), _document(path, body, id=path.stem, published=published or page_date,
                                       source=source, title=title)
    except InputError as exc:
        yield str(path), exc


def _check_file(path: Path) -> str:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{path}: unsupported file type {suffix or '(no suffix)'!r}; "
                         f"expected {', '.join(SUFFIXES)}")
    return suffix


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, refusing oversized ones before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: too large ({_mb(size)}; limit {_mb(max_bytes)} per document)")
        with path.open("rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or type(exc).__name__}") from exc


def decode_text(data: bytes, where: str) -> str:
    """Bytes to text: UTF-8 (BOM allowed) or UTF-16 with BOM, else cp1252 if that yields clean text.

    Latin-1 text is cp1252 text (cp1252 only adds printable characters in 0x80-0x9f). NUL bytes, or control
    characters after a fallback decode, mean the file is binary, not text in an unexpected encoding.
    """
    if not data.strip():
        raise InputError(f"{where}: empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{where}: binary or undecodable file (bad UTF-16)") from None
    elif b"\x00" in data:
        raise InputError(f"{where}: binary file (contains NUL bytes)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = ""
            if not text or _BAD_CONTROL.search(text):
                raise InputError(f"{where}: binary or undecodable file (neither UTF-8 nor cp1252 text)") from None
    if "\x00" in text:
        raise InputError(f"{where}: binary file (contains NUL characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{where}: empty file (whitespace only)")
    return text


def _document(path: Path | str, text: str, **fields: Any) -> Document:
    if not text.strip():
        raise InputError(f"{path}: no text")
    return Document.from_text(text, language=detect_language(text), **fields)


# -- JSONL ---------------------------------------------------------------------------------------------------

def _read_jsonl(path: Path, published: date | None, source: str | None, max_bytes: int) -> Iterator[_Located]:
    """One document per non-blank line; a bad line is yielded as an error naming path:line and skipped."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or type(exc).__name__}") from exc
    lines = 0
    with fh:
        try:
            if b"\x00" in fh.read(_SNIFF_BYTES):
                raise InputError(f"{path}: binary file (contains NUL bytes)")
            fh.seek(0)
            for lineno, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                lines += 1
                where = f"{path}:{lineno}"
                try:
                    yield where, _jsonl_document(raw, where, published, source, max_bytes, first=lineno == 1)
                except InputError as exc:
                    yield where, exc
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or type(exc).__name__}") from exc
    if not lines:
        raise InputError(f"{path}: empty file")


def _jsonl_document(raw: bytes, where: str, published: date | None, source: str | None, max_bytes: int,
                    *, first: bool) -> Document:
    if len(raw) > max_bytes:
        raise InputError(f"{where}: too large ({_mb(len(raw))}; limit {_mb(max_bytes)} per document)")
    if b"\x00" in raw:
        raise InputError(f"{where}: binary data (NUL bytes)")
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: missing or empty 'text'")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc_id = obj.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))
                               or not str(doc_id).strip()):
        raise InputError(f"{where}: 'id' must be a non-empty string")
    fields = {}
    for key in ("source", "title", "language"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: {key!r} must be a string")
        fields[key] = value
    return Document.from_text(
        text, id=str(doc_id).strip() if doc_id is not None else None,
        published=parse_published(obj.get("published"), where) or published,
        source=fields["source"] or source, title=fields["title"],
        language=resolve_language(fields["language"], text, where))


# -- HTML ----------------------------------------------------------------------------------------------------

def html_to_text(markup: str, where: str = "html") -> tuple[str, str | None, date | None]:
    """Main text, title and page date (from metadata only) of an HTML page.

    trafilatura drops navigation and boilerplate; when it finds no main text (tiny or unusual pages), a plain
    tag strip keeps whatever text the page has. The date comes only from metadata (no guessing from the body,
    which would anchor relative dates to a date the article merely mentions).
    """
    try:
        import trafilatura
    except ImportError as exc:  # trafilatura 2.3 needs lxml_html_clean next to lxml >= 5.2
        raise InputError(f"{where}: cannot extract HTML: trafilatura unavailable ({exc})".splitlines()[0]) \
            from None
    try:
        result = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # a parser failure on odd markup: fall back to the plain strip below
        result = None
    text = getattr(result, "text", None) or ""
    title = getattr(result, "title", None) or None
    page_date = _safe_date(getattr(result, "date", None))
    if not text.strip():
        text, stripped_title = _strip_tags(markup)
        title = title or stripped_title
    if not text.strip():
        raise InputError(f"{where}: no text in HTML page")
    return text, title, page_date


def _safe_date(value: object) -> date | None:
    try:
        return parse_published(value)
    except InputError:
        return None


class _TextParser(HTMLParser):
    """Visible text of a page, one line per block element."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
             "footer", "blockquote", "pre", "table", "ul", "ol", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _strip_tags(markup: str) -> tuple[str, str | None]:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    title = " ".join("".join(parser.title).split()) or None
    return "\n".join(line for line in lines if line), title


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
