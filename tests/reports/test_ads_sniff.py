"""Sniff test: the same logical search-term rows in every language, format and encoding give one frame.

US store (USD): English and Chinese UI; CSV in UTF-8, UTF-8 with BOM, cp1252 (English), GBK (Chinese),
and XLSX with typed cells (real dates, fractions, an empty ACOS cell where sales are 0).
DE store (EUR): German UI with German number formats (``1.124,71 €``, ``16,70 %``, ``01.09.2026``) and the
real export's header (NBSP / hyphen variants of ``7 Tage``), comma and semicolon delimited, BOM and cp1252;
English and Chinese UI of the same account (``€1,124.71``; Chinese in GB18030), and XLSX.

The expected frame is built by hand from ``ads_data`` (never through the code under test).
"""

from __future__ import annotations

import pytest

from tests.reports import ads_data as D
from tests.reports.helpers import FIXTURES, assert_same_frame
from xladdin.reports import read_report

SNIFF = FIXTURES / "ads"
US = sorted((SNIFF / "sniff_us").iterdir())
DE = sorted((SNIFF / "sniff_de").iterdir())


def test_sniff_sets_cover_every_language_format_and_encoding():
    names = {p.name for p in US} | {p.name for p in DE}
    assert {"en-utf8.csv", "en-bom.csv", "en-cp1252.csv", "en.xlsx", "zh-utf8.csv", "zh-bom.csv", "zh-gbk.csv",
            "zh.xlsx", "de-bom.csv", "de-cp1252-semicolon.csv", "de-utf8-quoted.csv", "de.xlsx",
            "zh-gb18030.csv"} <= names


@pytest.mark.parametrize("path", US + DE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_variant_gives_the_canonical_frame(path):
    rep = read_report(path)
    currency = "USD" if path.parent.name == "sniff_us" else "EUR"
    assert rep.meta.family == "sp_search_term"
    assert rep.meta.language == path.name[:2]
    assert rep.meta.rows == len(D.ST_ROWS)
    assert rep.problems.empty
    assert rep.meta.unmapped == [] and rep.meta.missing == []
    assert rep.meta.currency == currency
    assert_same_frame(rep.data, D.st_expected(currency))


def test_encodings_and_delimiters_are_recorded():
    enc = {p.name: read_report(p).meta for p in US + DE}
    assert enc["en-bom.csv"].encoding == "utf-8-sig"
    assert enc["en-cp1252.csv"].encoding == "cp1252"
    assert enc["zh-gbk.csv"].encoding in ("gb18030", "gbk")
    assert enc["de-cp1252-semicolon.csv"].delimiter == ";"
    assert enc["en.xlsx"].sheet == "Sponsored Product Search Term R"  # cut to 31 characters


def test_expected_frame_spells_out_the_rules():
    e = D.st_expected("USD")
    # auto-targeting Match Type "-" is missing; ACOS is missing where sales are 0; ASIN search terms upper-case
    assert e["match_type"].isna().tolist() == [True, True, False, False, False, True, False]
    assert e["acos"].isna().tolist() == [False, False, False, True, False, False, True]
    assert e.loc[1, "search_term"] == "B0BXYZ1234"
    assert e.loc[0, "ctr"] == pytest.approx(0.0115) and e.loc[0, "acos"] == pytest.approx(0.1670)
    assert str(e["impressions"].dtype) == "Int64" and str(e["start_date"].dtype) == "datetime64[s]"
