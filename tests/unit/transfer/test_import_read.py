"""Reading CSV bytes as spreadsheets write them: encodings, separators, quoting, huge cells."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from prospect_tui.core.folding import fold
from prospect_tui.transfer.csv_read import (
    MAX_FIELD,
    CsvUnreadable,
    Layout,
    decode,
    read_file,
    rows,
    sniff,
)


def parse(data: bytes) -> list[tuple[int, list[str]]]:
    text = decode(data).text
    return list(rows(text, sniff(text)))


# -- encodings -----------------------------------------------------------------------------


def test_utf8_without_bom() -> None:
    read = decode("Name\nZoë Müller\n".encode())
    assert (read.text, read.encoding) == ("Name\nZoë Müller\n", "UTF-8")


def test_utf8_bom_is_dropped() -> None:
    read = decode(codecs.BOM_UTF8 + "Name,Phone\nZoë,1\n".encode())
    assert read.text.startswith("Name,")
    assert read.encoding == "UTF-8"


def test_windows_1252_is_detected_and_never_mojibake() -> None:
    original = "Nom;Société\nLefèvre;Müller & Söhne – €uro ‘quoted’\n"
    read = decode(original.encode("cp1252"))
    assert read.text == original
    assert read.encoding == "Windows-1252"
    assert "Ã" not in read.text and "\ufffd" not in read.text


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_bytes_windows_1252_leaves_undefined_read_as_latin1(byte: int) -> None:
    read = decode(b"Name\nA" + bytes([byte]) + b"\xe9\n")
    assert read.text == "Name\nA" + chr(byte) + "é\n"


def test_a_stray_windows_1252_byte_in_utf8_keeps_the_utf8_text() -> None:
    data = "Name\nZoë\n".encode() + b"Caf\xe9\n"
    assert decode(data).text == "Name\nZoë\nCafé\n"


def test_utf16_with_bom_as_excel_unicode_text_writes_it() -> None:
    data = codecs.BOM_UTF16_LE + "Name\tPhone\nZoë\t1\n".encode("utf-16-le")
    read = decode(data)
    assert (read.text, read.encoding) == ("Name\tPhone\nZoë\t1\n", "UTF-16")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty"),
        (b"  \r\n\n ", "is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel workbook"),
        (b"%PDF-1.7\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (bytes(range(32)) * 10, "binary data"),
    ],
)
def test_files_that_are_not_csv_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(CsvUnreadable) as refused:
        decode(data)
    assert words in refused.value.reason


# -- separators ----------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_separator_is_found(delimiter: str) -> None:
    text = delimiter.join(["Name", "Phone", "Email"]) + "\n"
    text += delimiter.join(["Ava Kim", "+1 415 555 0123", "ava@example.com"]) + "\n"
    assert sniff(text).delimiter == delimiter


def test_separators_inside_quotes_do_not_count() -> None:
    text = 'Name;Company;Notes\n"Kim, Ava";"A, B, C";"x, y, z"\n"Doe, Jo";"D, E";"q"\n'
    assert sniff(text).delimiter == ";"


def test_the_separator_the_rows_repeat_wins_over_a_stray_one() -> None:
    # The header has one comma (inside a name) but three semicolons, like every row.
    text = "Name, full;Phone;Email;Country\nA;1;a@x.io;FR\nB;2;b@x.io;FR\nC;3;c@x.io;FR\n"
    assert sniff(text).delimiter == ";"


def test_excel_sep_line_wins_and_is_skipped() -> None:
    text = "sep=;\r\nName;Phone\r\nAva,Kim;1\r\n"
    layout = sniff(text)
    assert layout == Layout(";", len("sep=;\r\n"), 2)
    assert list(rows(text, layout)) == [(2, ["Name", "Phone"]), (3, ["Ava,Kim", "1"])]


def test_one_column_file_reads_as_one_column() -> None:
    assert sniff("Email\na@example.com\n").delimiter == ","


# -- rows ----------------------------------------------------------------------------------


def test_rows_carry_the_line_they_start_on_across_quoted_line_breaks() -> None:
    data = b'Name,Notes\r\nAva,"one\r\ntwo\r\nthree"\r\n\r\nBen,"x"\r\n'
    assert parse(data) == [
        (1, ["Name", "Notes"]),
        (2, ["Ava", "one\r\ntwo\r\nthree"]),
        (5, []),
        (6, ["Ben", "x"]),
    ]


def test_doubled_quotes_and_separators_inside_cells() -> None:
    data = b'Name,Notes\n"Kim, Ava","said ""call me"", twice"\n'
    assert parse(data)[1] == (2, ["Kim, Ava", 'said "call me", twice'])


def test_a_ten_megabyte_cell_is_read_whole() -> None:
    big = "x" * (10 * 1024 * 1024)
    data = f'Name,Notes\nAva,"{big}"\nBen,short\n'.encode()
    read = parse(data)
    assert read[1] == (2, ["Ava", big])
    assert read[2] == (3, ["Ben", "short"])


def test_a_cell_beyond_the_parser_limit_stops_the_read_with_its_line() -> None:
    data = b'Name,Notes\nAva,ok\nBen,"' + b"y" * (MAX_FIELD + 10) + b'"\n'
    with pytest.raises(CsvUnreadable) as refused:
        parse(data)
    assert "line 3" in refused.value.reason
    assert "quote" in refused.value.reason


# -- headers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Country/Region", "country_region", " COUNTRY-REGION ", "Country Region", "countryregion"],
)
def test_header_case_spaces_and_punctuation_do_not_matter(header: str) -> None:
    assert fold(header) == "countryregion"


def test_header_accents_do_not_matter() -> None:
    assert fold("Prénom") == fold("prenom") == "prenom"


# -- reading the file: bounded ---------------------------------------------------------------


def test_a_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"Name,Phone\nAva,+14155550123\n" * 1000)
    assert read_file(path) == path.read_bytes()


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"x" * 101)
    assert read_file(path, limit=101) == b"x" * 101
    with pytest.raises(CsvUnreadable, match="larger than"):
        read_file(path, limit=100)


def test_an_endless_device_is_refused_before_reading() -> None:
    with pytest.raises(CsvUnreadable, match="not a regular file"):
        read_file(Path("/dev/zero"))


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(CsvUnreadable, match="not a regular file"):
        read_file(fifo)


def test_a_folder_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        read_file(tmp_path)


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "missing.csv")
