"""Header-cell normalisation: the one function every alias and every file header goes through.

Amazon's header cells drift between versions and UIs (amazon-reports.md §1.2): a BOM in the first cell,
trailing and doubled spaces (``"7 Day Total Sales "``), NBSP (``"Sitzungen\\u00a0– Summe"``), en dashes
since 2023 (``"Sessions – Total"``), full-width brackets (``"（父）ASIN"``), capitalisation changes
(``ACoS`` → ``ACOS``), currency qualifiers (``"(€)"``, ``"($)"``, ``"Price  $"``, ``"Spend(USD)"``),
count qualifiers (``"(#)"``) and emoji (Keepa ``"Buy Box 🚚: Current"``).

:func:`header_key` folds all of these into a *match key*; aliases in the family tables are folded with the
same function, so an alias can be written in any of those spellings.  The currency qualifier is returned
separately so it can be kept as metadata.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Dashes U+2010..U+2015, minus U+2212, small/full-width hyphen-minus.
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_ISO_CURRENCIES = ("USD", "EUR", "GBP", "INR", "CAD", "JPY", "CNY", "RMB", "MXN", "AUD", "AED", "SEK", "PLN",
                   "TRY", "BRL", "SGD", "SAR", "EGP", "CHF")
_SYMBOLS = r"US\$|CA\$|C\$|AU\$|A\$|MX\$|\$|€|£|₹|¥|￥"
# A trailing qualifier: "(€)", "($)", "( ₹ )", "(USD)", "USD", "$", "€", "(#)".  Case-sensitive on purpose:
# "(CTR)" and "(CPC)" are three capital letters but no currency, so only ISO codes from the list count.
_QUALIFIER = re.compile(
    r"\s*(?:\(\s*(?P<a>" + _SYMBOLS + "|" + "|".join(_ISO_CURRENCIES) + r"|#)\s*\)"
    r"|(?<=\s)(?P<b>" + _SYMBOLS + "|" + "|".join(_ISO_CURRENCIES) + r")"
    r"|(?<=[^\s(])(?P<c>" + _SYMBOLS + r"))\s*$"
)
_FOLD = re.compile(r"[\s\-_]+")

CURRENCY_OF_SYMBOL = {
    "$": "USD", "US$": "USD", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "MX$": "MXN",
    "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY", "￥": "JPY", "RMB": "CNY",
}


def clean_header(cell) -> str:
    """The display form of a header cell: BOM removed, NFKC-folded, dashes unified, spaces collapsed."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    s = str(cell).replace("\ufeff", "")
    s = unicodedata.normalize("NFKC", s)  # NBSP -> space, （）-> (), full-width letters -> ASCII
    s = _DASHES.sub("-", s)
    return " ".join(s.split())


@lru_cache(maxsize=65536)
def _key(cell: str) -> tuple[str, str | None]:
    s = clean_header(cell)
    currency = None
    m = _QUALIFIER.search(s)
    if m and m.start() > 0:
        q = m.group("a") or m.group("b") or m.group("c")
        if q != "#":
            currency = CURRENCY_OF_SYMBOL.get(q, q)
        s = s[: m.start()]
    # Emoji and other pictographs (Keepa's "Buy Box 🚚: Current") carry no meaning for matching.
    s = "".join(ch for ch in s if unicodedata.category(ch) != "So")
    return _FOLD.sub("", s.casefold()), currency


def header_key(cell) -> tuple[str, str | None]:
    """``(match key, currency code or None)`` for one header cell.

    >>> header_key("7 Day Total Sales ($) ")
    ('7daytotalsales', 'USD')
    >>> header_key("Sitzungen\\u00a0– Summe") == header_key("sitzungen - summe")
    True
    """
    if cell is None:
        return "", None
    if not isinstance(cell, str):
        cell = clean_header(cell)
    return _key(cell)
