"""Sniff-style test: the same logical rows in English, Chinese and German, written as CSV (UTF-8, BOM,
cp1252, GBK/GB18030, UTF-16 with and without BOM; comma, tab, semicolon; CRLF), XLSX (text cells and typed
cells, beside a decoy sheet) and as a pasted range (title row, blank rows, totals row) all normalise to one
canonical frame (assert_frame_equal)."""

from __future__ import annotations

import csv

import pytest

from tests.reports import variants as V
from tests.reports.helpers import assert_same_frame, csv_text, write_csv, write_xlsx
from xladdin.reports import get_family, read_report

LANGS = {"en": ("en-classic", "en"), "zh": ("zh", "zh"), "de": ("de", "de-dot")}


def _encodable(text: str, enc: str) -> bool:
    try:
        text.encode(enc)
        return True
    except UnicodeEncodeError:
        return False


def _csv_variants(lang: str):
    key, style = LANGS[lang]
    header, cols = V.CHILD_HEADERS[key], V.CHILD_COLUMNS[key]
    rows = V.text_rows(V.BR_ROWS, cols, style)
    out = [("utf-8", dict(encoding="utf-8")), ("utf-8-bom", dict(encoding="utf-8", bom=True)),
           ("utf-16", dict(encoding="utf-16")), ("utf-16-le-nobom", dict(encoding="utf-16-le")),
           ("tab", dict(delimiter="\t")), ("semicolon", dict(delimiter=";")), ("crlf", dict(lineterminator="\r\n")),
           ("quote-all", dict(quoting=csv.QUOTE_ALL))]
    text = csv_text(header, rows)
    if _encodable(text, "cp1252"):
        out.append(("cp1252", dict(encoding="cp1252")))
    out.append(("gbk" if _encodable(text, "gbk") else "gb18030",
                dict(encoding="gbk" if _encodable(text, "gbk") else "gb18030")))
    return [(lang, name, header, rows, kw) for name, kw in out]


CSV_CASES = [c for lang in LANGS for c in _csv_variants(lang)]


@pytest.mark.parametrize("case", CSV_CASES, ids=[f"{c[0]}-{c[1]}" for c in CSV_CASES])
def test_csv_variants_same_frame(tmp_path, case):
    lang, name, header, rows, kw = case
    path = write_csv(tmp_path / f"BusinessReport-{lang}-{name}.csv", header, rows, **kw)
    rep = read_report(path)
    fam = get_family("business_report_child")
    assert rep.meta.family == fam.name and rep.meta.language == lang
    assert rep.problems.empty, rep.problems.to_string()
    assert_same_frame(rep.data, V.expected(V.BR_ROWS, V.BR22, fam))
    enc = kw.get("encoding", "utf-8")
    want_enc = {"utf-8": "utf-8-sig" if kw.get("bom") else "utf-8", "utf-16": "utf-16-le"}.get(enc, enc)
    if enc in ("gbk", "gb18030"):
        want_enc = "utf-8" if _encodable(csv_text(header, rows), "ascii") else "gb18030"
    assert rep.meta.encoding == want_enc
    assert rep.meta.delimiter == kw.get("delimiter", ",")


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("typed", [False, True], ids=["text-cells", "typed-cells"])
def test_xlsx_variants_same_frame(tmp_path, lang, typed):
    key, style = LANGS[lang]
    header, cols = V.CHILD_HEADERS[key], V.CHILD_COLUMNS[key]
    rows = V.typed_rows(V.BR_ROWS, cols) if typed else V.text_rows(V.BR_ROWS, cols, style)
    path = write_xlsx(tmp_path / "br.xlsx", {
        "Notes": [["exported for the weekly meeting"], ["see the other sheet"]],
        "Detail Page Sales and Traffic By Child Item": [["Detail Page Sales and Traffic"], [], header, *rows],
    })
    rep = read_report(path)
    assert rep.meta.sheet == "Detail Page Sales and Traffic B"  # cut to 31 characters
    assert rep.meta.header_row == 3
    assert rep.meta.language == lang
    assert rep.problems.empty, rep.problems.to_string()
    assert_same_frame(rep.data, V.expected(V.BR_ROWS, V.BR22, get_family("business_report_child")))


@pytest.mark.parametrize("lang", list(LANGS))
def test_pasted_range_with_title_blank_and_totals_rows(lang):
    key, _ = LANGS[lang]
    header, cols = V.CHILD_HEADERS[key], V.CHILD_COLUMNS[key]
    body = V.typed_rows(V.BR_ROWS, cols)
    totals = ["Total", None, None, None] + [sum(r[i] for r in body) if isinstance(body[0][i], (int, float)) else None
                                            for i in range(4, len(cols))]
    rng = [["Business Report", None] + [None] * (len(cols) - 2), [None] * len(cols), header,
           body[0], [None] * len(cols), body[1], body[2], totals]
    rep = read_report(rng)
    assert rep.meta.source_format == "range" and rep.meta.header_row == 3
    assert_same_frame(rep.data, V.expected(V.BR_ROWS, V.BR22, get_family("business_report_child")))
    assert rep.meta.blank_rows_skipped == 1
    assert set(rep.problems["code"]) == {"TOTALS_ROW"}
    assert rep.problems["row"].isna().all()  # moved out of the data
    assert rep.problems["source_row"].unique().tolist() == [8]
    sess = rep.problems.loc[rep.problems["column"] == "sessions", "value"].tolist()
    assert sess == [str(sum(r["sessions"] for r in V.BR_ROWS))]


@pytest.mark.parametrize("variant", ["tsv-utf8", "tsv-cp1252", "csv-utf16", "xlsx"])
def test_myi_containers(tmp_path, variant):
    rows = V.text_rows(V.MYI_ROWS, V.MYI_COLS, "plain")
    if variant == "xlsx":
        path = write_xlsx(tmp_path / "myi.xlsx", {"Sheet1": [V.MYI_HEADER, *V.typed_rows(V.MYI_ROWS, V.MYI_COLS)]})
    elif variant == "csv-utf16":
        path = write_csv(tmp_path / "myi.csv", V.MYI_HEADER, rows, encoding="utf-16")
    else:
        path = write_csv(tmp_path / "myi.txt", V.MYI_HEADER, rows, delimiter="\t",
                         encoding="cp1252" if variant.endswith("cp1252") else "utf-8", quoting=csv.QUOTE_NONE)
    rep = read_report(path)
    assert rep.meta.family == "fba_myi"
    assert rep.problems.empty, rep.problems.to_string()
    assert_same_frame(rep.data, V.expected(V.MYI_ROWS, V.MYI_COLS, get_family("fba_myi")))


def test_by_date_uk_day_first_dates(tmp_path):
    header = V.DATE_HEADERS["en-classic"]
    path = write_csv(tmp_path / "BusinessReport-uk.csv", header, V.text_rows(V.DATE_ROWS, V.DATE_COLS, "uk"))
    rep = read_report(path)
    assert (rep.meta.marketplace, rep.meta.currency) == ("UK", "GBP")
    assert_same_frame(rep.data, V.expected(V.DATE_ROWS, V.DATE_COLS, get_family("business_report_by_date")))


def test_by_date_us_month_first_and_override(tmp_path):
    header = V.DATE_HEADERS["en-classic"]
    path = write_csv(tmp_path / "by-date.csv", header, V.text_rows(V.DATE_ROWS, V.DATE_COLS, "en"))
    us = read_report(path)
    assert us.data["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-09-01", "2026-09-02", "2026-09-03"]
    # The operator says it is a UK file: "09/01/26" is then 9 January.
    uk = read_report(path, marketplace="UK")
    assert (uk.meta.marketplace, uk.meta.marketplace_source) == ("UK", "option")
    assert uk.data["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-01-09", "2026-02-09", "2026-03-09"]
