"""CSV cells a spreadsheet opens as data, never as a formula (OWASP, "CSV Injection").

Every CSV gpfed serves passes each cell through :func:`csv_cell`: the public registers of the
conflicts service and the payments statements, whose text (a breach summary, a memo) anyone
with the right to write it controls. A spreadsheet reads a cell that begins with ``=``, ``+``,
``-`` or ``@`` as a formula (``=HYPERLINK(...)`` sends the sheet's data wherever it likes);
tab, carriage return and NUL start one too in some. Such a cell gets a leading ``'``, which
spreadsheets take as "this is text" and do not show.

Numbers stay numbers: a cell that is exactly an integer or a decimal (``-1500``, ``-12.50``)
cannot hold a formula, and finance teams sum the amounts of a statement, so a negative amount
in pence is written as it is (OWASP leaves purely numeric cells alone).
"""

from __future__ import annotations

import re
from decimal import Decimal

#: What a spreadsheet may read as the start of a formula (OWASP's list, and NUL from ASVS 5).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
#: A plain number: kept, as it cannot be a formula.
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def csv_cell(value: object) -> object:
    """``value`` as a CSV cell: numbers and empty cells as they are, text that a spreadsheet
    would take for a formula prefixed with ``'``."""
    if value is None or isinstance(value, int | float | Decimal):
        return value  # bool is an int: written True / False, which is not a formula either
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
