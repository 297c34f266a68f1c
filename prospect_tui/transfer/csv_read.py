"""Bytes of a CSV file as spreadsheets and CRMs really write them → rows of cells.

- Encoding: a UTF-8 or UTF-16 byte-order mark is trusted; otherwise strict
  UTF-8, and any bytes that are not UTF-8 are read as Windows-1252 (the five
  bytes Windows-1252 leaves undefined as Latin-1), so "Müller" saved by Excel
  on Windows stays "Müller" — never "MÃ¼ller", never "M�ller".
- Separator: ``,``, ``;`` or tab, chosen by counting each outside quotes on
  the header line and the lines after it (Excel's ``sep=;`` first line wins).
- Cells: quoted cells may hold separators, quotes and line breaks. A cell may
  be up to :data:`MAX_FIELD` characters; a longer one stops the read with
  :class:`CsvUnreadable`, because past it the parser cannot tell where rows
  start again (it is almost always an unclosed quote). Deciding what a long
  but legal cell means for a row is the importer's business.

Rows come with the physical line they start on, so problems are reported
where the user will find them in an editor.

:func:`read_file` reads a file's bytes with a bound: only a regular file of at
most :data:`MAX_FILE_BYTES`, so ``/dev/zero``, a FIFO or an endless stream is
refused at once instead of eating memory or blocking.
"""

from __future__ import annotations

import codecs
import csv
import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FIELD = 16 * 1024 * 1024
"""The longest cell the parser accepts, in characters."""
MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest file an import reads: many times a 50,000-row CRM export with big cells."""
READ_CHUNK = 1024 * 1024
DELIMITERS = (",", ";", "\t")
SNIFF_CHARS = 64 * 1024
SNIFF_RECORDS = 30

# The csv module's limit is process-wide and 128 KiB by default, far below
# the cells real exports carry (notes, HTML e-mail bodies).
csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))

_FALLBACK = "prospect-windows-1252"
_CP1252 = {
    byte: bytes([byte]).decode("cp1252", errors="strict")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")
_SEP_LINE = re.compile(r"\A\s*sep=(.)[ \t]*(?:\r\n|\n|\r|\Z)", re.IGNORECASE)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"PK\x03\x04",
        "is an Excel workbook or a ZIP archive, not a CSV file — save it as "
        '"CSV UTF-8" and import that',
    ),
    (
        b"\xd0\xcf\x11\xe0",
        'is an old Excel workbook (.xls), not a CSV file — save it as "CSV UTF-8" and import that',
    ),
    (b"%PDF", "is a PDF, not a CSV file"),
    (b"\x1f\x8b", "is compressed (gzip), not a CSV file — unpack it first"),
)


class CsvUnreadable(Exception):
    """The bytes are not a CSV file Prospect can read; ``reason`` completes "<file> …"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the file at ``path``, at most ``limit`` (:data:`MAX_FILE_BYTES`).

    Raises :class:`CsvUnreadable` for something that is not a regular file (a
    device such as ``/dev/zero``, a FIFO, a socket) or is larger than the
    limit, :class:`IsADirectoryError` for a folder and :class:`OSError` when
    the file cannot be opened.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    # O_NONBLOCK: opening a FIFO must not wait for a writer before it is refused.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise CsvUnreadable(
                "is not a regular file (a device, pipe or socket); save the CSV as a file "
                "and import that"
            )
        if info.st_size > limit:
            raise CsvUnreadable(_too_big(limit))
        # The file may still be growing: never read more than one byte past the limit.
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, READ_CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise CsvUnreadable(_too_big(limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_big(limit: int) -> str:
    return (
        f"is larger than the {limit / (1024 * 1024):,.0f} MB an import reads; "
        "split it into smaller files"
    )


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are Windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_CP1252.get(b) or chr(b) for b in chunk), error.end


codecs.register_error(_FALLBACK, _windows_1252)


@dataclass(frozen=True, slots=True)
class Text:
    """A file's text and how it was read."""

    text: str
    encoding: str
    """``UTF-8``, ``UTF-16`` or ``Windows-1252``: for the report."""


def decode(data: bytes) -> Text:
    """The file's text; raises :class:`CsvUnreadable` for binary or non-text files."""
    for magic, reason in _SIGNATURES:
        if data.startswith(magic):
            raise CsvUnreadable(reason)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            result = Text(data.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError:
            raise CsvUnreadable("starts like UTF-16 text but is not readable as it") from None
    else:
        body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
        try:
            result = Text(body.decode("utf-8"), "UTF-8")
        except UnicodeDecodeError:
            result = Text(body.decode("utf-8", errors=_FALLBACK), "Windows-1252")
    text = result.text.rstrip("\x1a")  # the DOS end-of-file mark some tools still add
    if not text.strip():
        raise CsvUnreadable("is empty")
    sample = text[:SNIFF_CHARS]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 100:
        raise CsvUnreadable("holds binary data, not text — it is not a CSV file")
    if "\x00" in text:
        raise CsvUnreadable("holds binary data after its first lines — it is not a CSV file")
    return Text(text, result.encoding)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the CSV proper starts in the text and what separates its cells."""

    delimiter: str
    start: int
    """Offset of the header line (after a ``sep=`` line)."""
    first_line: int
    """The physical line number of the header line."""


def sniff(text: str) -> Layout:
    """Find the separator: Excel's ``sep=`` line, else counts outside quotes.

    The header line must hold the separator; among those it holds, the one
    whose count the following records repeat most often wins, then the most
    frequent. A file with none of them is one column wide (``,``).
    """
    hint = _SEP_LINE.match(text)
    if hint:
        return Layout(hint.group(1), hint.end(), 2)
    records = _counts(text[:SNIFF_CHARS])
    header = records[0] if records else {}
    present = [d for d in DELIMITERS if header.get(d, 0) > 0]
    if not present:
        return Layout(",", 0, 1)

    def score(delimiter: str) -> tuple[int, int]:
        wanted = header[delimiter]
        agree = sum(1 for counts in records[1:] if counts.get(delimiter, 0) == wanted)
        return agree, wanted

    return Layout(max(present, key=score), 0, 1)


def _counts(sample: str) -> list[dict[str, int]]:
    """Separator counts per record, outside quotes, for the first records of ``sample``."""
    records: list[dict[str, int]] = []
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    blank = True
    previous = ""
    for ch in sample:
        if ch == '"':
            quoted = not quoted
            blank = False
        elif quoted:
            pass
        elif ch in "\r\n":
            if not (ch == "\n" and previous == "\r") and not blank:
                records.append(counts)
                if len(records) >= SNIFF_RECORDS:
                    return records
                counts = dict.fromkeys(DELIMITERS, 0)
                blank = True
        else:
            if ch in counts:
                counts[ch] += 1
            if not ch.isspace():
                blank = False
        previous = ch
    if not blank:
        records.append(counts)  # the last record, cut by the sample or the end of file
    return records


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
"""A line and its ending as ``io.StringIO(newline="")`` reads it: ``\r\n``, ``\r`` or ``\n``."""


def rows(text: str, layout: Layout) -> Iterator[tuple[int, list[str]]]:
    """``(line the row starts on, cells)`` for every record, header included.

    Raises :class:`CsvUnreadable` when a cell is longer than :data:`MAX_FIELD`.
    """
    # Line by line from the text itself: a StringIO of the text (after a slice of it)
    # held two more copies of a 15 MB file, one of them four bytes a character.
    source = (found.group() for found in _LINE.finditer(text, layout.start))
    reader = csv.reader(
        source,
        delimiter=layout.delimiter,
        quotechar='"',
        doublequote=True,
        skipinitialspace=False,
        strict=False,
    )
    offset = layout.first_line - 1
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CsvUnreadable(
                f"has a cell longer than {MAX_FIELD // (1024 * 1024)} MB starting on line "
                f"{line + offset}, which is almost always a quote that is never closed"
                if "field larger" in str(error)
                else f"cannot be read as CSV from line {line + offset} ({error})"
            ) from None
        start, line = line, reader.line_num + 1
        yield start + offset, cells


def physical_lines(text: str) -> int:
    """How many lines the text has, to measure progress against."""
    breaks = text.count("\n") or text.count("\r")
    return breaks + (0 if text.endswith(("\n", "\r")) else 1)
