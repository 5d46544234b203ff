"""Framework behaviour: header folding, detection, registry, problems table, layout quirks."""

from __future__ import annotations

import io
import re
import zipfile

import numpy as np
import pandas as pd
import pytest

from tests.reports import variants as V
from tests.reports.helpers import FIXTURES, csv_text, write_xlsx
from xladdin.errors import Code, XladdinError
from xladdin.reports import Col, Family, families, read_report
from xladdin.reports.base import PROBLEM_COLUMNS
from xladdin.reports.headers import header_key
from xladdin.reports.registry import detect_in_rows


@pytest.mark.parametrize("a,b", [
    ("7 Day Total Sales ", "7 day total sales"),
    ("Sessions – Total", "Sessions - Total"),
    ("Sitzungen\u00a0– Summe", "sitzungen - summe"),
    ("（父）ASIN", "(父) ASIN"),
    ("Ordered  Product  Sales", "Ordered Product Sales"),
    ("\ufeffsku", "SKU"),
    ("7-Tage, Andere SKU-Einheiten (#)", "7 Tage, Andere SKU Einheiten"),
    ("Total Advertising Cost of Sales (ACoS) ", "Total Advertising Cost of Sales (ACOS)"),
    ("Buy Box 🚚: Current", "Buy Box: Current"),
])
def test_header_folding(a, b):
    assert header_key(a)[0] == header_key(b)[0]


@pytest.mark.parametrize("cell,currency", [("7 Day Total Sales ($)", "USD"), ("7 Tage, Umsatz gesamt (€)", "EUR"),
                                           ("14 Day Total Sales (₹)", "INR"), ("Price  $", "USD"), ("Price €", "EUR"),
                                           ("Spend(USD)", "USD"), ("Spend (INR)", "INR"),
                                           ("Click-Thru Rate (CTR)", None), ("7 Day Total Orders (#)", None)])
def test_currency_qualifier_is_metadata(cell, currency):
    assert header_key(cell)[1] == currency


def test_family_table_is_validated():
    with pytest.raises(ValueError, match="maps to both"):
        Family("x", "X", [Col("a", "int", en="Sessions"), Col("b", "int", en="sessions ")], signature=[("a",)])
    with pytest.raises(ValueError, match="unknown column"):
        Family("x", "X", [Col("a", "int", en="A")], signature=[("zz",)])
    with pytest.raises(ValueError, match="unknown kind"):
        Col("a", "integer")


def test_every_family_alias_table_is_consistent():
    fams = families()
    names = [f.name for f in fams]
    assert len(names) == len(set(names))
    assert {"business_report_child", "business_report_parent", "business_report_by_date", "fba_myi",
            "fba_planning", "fba_restock", "account_health"} <= set(names)
    for f in fams:
        for c in f.columns:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", c.name), (f.name, c.name)


def test_ambiguous_families_raise():
    a = Family("fam_a", "A", [Col("x", "int", en="Foo"), Col("y", "int", en="Bar")], signature=[("x", "y")])
    b = Family("fam_b", "B", [Col("x", "int", en="Foo"), Col("y", "int", en="Bar")], signature=[("x", "y")])
    with pytest.raises(XladdinError) as e:
        detect_in_rows([["Foo", "Bar"]], [a, b])
    assert e.value.code == Code.AMBIGUOUS_REPORT and "fam_a" in str(e.value)


def test_child_is_never_taken_for_parent():
    rep = read_report(FIXTURES / "business_report_child" / "en-classic.csv")
    assert rep.meta.family == "business_report_child"
    rep = read_report(FIXTURES / "business_report_parent" / "en.csv")
    assert rep.meta.family == "business_report_parent"


def test_unknown_columns_are_kept_not_guessed():
    header = V.MYI_HEADER + ["afn-new-column-2027", "Notes"]
    rows = [r + ["5", "hello"] for r in V.text_rows(V.MYI_ROWS, V.MYI_COLS, "plain")]
    rep = read_report([header, *rows])
    assert rep.meta.unmapped == ["afn-new-column-2027", "Notes"]
    assert rep.extra["Notes"].tolist() == ["hello", "hello"]
    assert "afn_new_column_2027" not in rep.data.columns


def test_bad_cells_reported_in_one_pass_rows_kept():
    header = V.MYI_HEADER
    rows = V.text_rows(V.MYI_ROWS, V.MYI_COLS, "plain")
    rows[0][10] = "lots"      # afn-fulfillable-quantity
    rows[1][5] = "12,34,5x"   # your-price
    rows[1][13] = "7.5"       # afn-total-quantity: not a whole number
    rows[1][6] = "maybe"      # mfn-listing-exists
    rep = read_report([["Manage FBA Inventory"], header, *rows])
    assert len(rep.data) == 2
    assert list(rep.problems.columns) == PROBLEM_COLUMNS
    got = rep.problems[["row", "source_row", "column", "value", "code"]].values.tolist()
    assert got == [[0, 3, "fulfillable", "lots", "NOT_A_NUMBER"], [1, 4, "mfn_listing_exists", "maybe", "BAD_CHOICE"],
                   [1, 4, "price", "12,34,5x", "NOT_A_NUMBER"], [1, 4, "total", "7.5", "NOT_A_NUMBER"]]
    assert rep.data["fulfillable"].isna().tolist() == [True, False]
    assert "not a whole number" in rep.problems.iloc[3]["reason"]


def test_ragged_csv_rows_are_kept_and_reported():
    header = ",".join(V.MYI_HEADER)
    good = csv_text(["x"], [V.text_rows(V.MYI_ROWS, V.MYI_COLS, "plain")[1]]).splitlines()[1]
    short = "SKU-SHORT,X1,B0000000AA"
    long = good + ",surplus"
    rep = read_report(f"{header}\n{good}\n{short}\n\n{long}\n".encode(), name="r.csv")
    assert rep.data["sku"].tolist() == ["00123", "SKU-SHORT", "00123"]
    rag = rep.problems[rep.problems["code"] == "RAGGED_ROW"]
    assert rag["source_row"].tolist() == [3, 5] and rag["value"].tolist()[1] == "surplus"
    assert rep.meta.blank_rows_skipped == 1


def test_title_rows_and_totals_row_in_csv():
    header = ",".join(f'"{h}"' for h in V.CHILD_HEADERS["en-classic"])
    body = "\n".join(",".join(f'"{c}"' for c in r) for r in V.text_rows(V.BR_ROWS, V.BR22, "en"))
    total = '"Total","","","","16,386"' + ',""' * 17
    text = f"Detail Page Sales and Traffic By Child Item\nDate range: 09/01/2026 - 09/30/2026\n\n{header}\n{body}\n{total}\n"
    rep = read_report(text.encode("utf-8"), name="BusinessReport.csv")
    assert rep.meta.header_row == 4 and len(rep.data) == 3
    assert rep.problems[["column", "value", "code"]].values.tolist() == [
        ["parent_asin", "Total", "TOTALS_ROW"], ["sessions", "16,386", "TOTALS_ROW"]]


def test_apache_poi_dimension_a1_does_not_truncate(tmp_path):
    """Amazon's XLSX declares <dimension ref="A1"/> on every sheet; calamine must still read every row."""
    p = write_xlsx(tmp_path / "poi.xlsx", {"Sheet1": [V.MYI_HEADER, *V.typed_rows(V.MYI_ROWS, V.MYI_COLS)] * 1})
    src = zipfile.ZipFile(p)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
            z.writestr(item, data)
    assert b'<dimension ref="A1"/>' in zipfile.ZipFile(io.BytesIO(buf.getvalue())).read("xl/worksheets/sheet1.xml")
    rep = read_report(buf.getvalue(), name="poi.xlsx")
    assert len(rep.data) == 2 and rep.data["fulfillable"].tolist() == [1388, 61]


def test_excel_rounded_ids_are_reported(tmp_path):
    rows = V.typed_rows(V.MYI_ROWS, V.MYI_COLS)
    rows[0][0] = 12345678901234567.0  # a 17-digit SKU typed as a number: Excel kept 16 digits
    rows[1][0] = 347066231335202.0     # 15 digits fit a float exactly: text without ".0"
    rep = read_report(write_xlsx(tmp_path / "ids.xlsx", {"S": [V.MYI_HEADER, *rows]}))
    sku = rep.data["sku"].tolist()
    assert sku[0].startswith("123456789012345") and len(sku[0]) == 17 and sku[1] == "347066231335202"
    assert rep.problems[["row", "column", "code"]].values.tolist() == [[0, "sku", "ID_ROUNDED"]]
    csv_rep = read_report(("\t".join(V.MYI_HEADER) + "\n" + "\t".join(
        ["3.12846E+14"] + V.text_rows(V.MYI_ROWS, V.MYI_COLS, "plain")[0][1:]) + "\n").encode(), name="m.txt")
    assert csv_rep.problems["code"].tolist() == ["ID_ROUNDED"] and csv_rep.data["sku"][0] == "3.12846E+14"


def test_sheet_choice(tmp_path):
    p = write_xlsx(tmp_path / "two.xlsx", {
        "Inventory": [V.MYI_HEADER, *V.typed_rows(V.MYI_ROWS, V.MYI_COLS)],
        "Business": [V.CHILD_HEADERS["en-classic"], *V.typed_rows(V.BR_ROWS, V.BR22)],
    })
    assert read_report(p).meta.family == "business_report_child"  # more columns recognised
    assert read_report(p, sheet="Inventory").meta.family == "fba_myi"
    assert read_report(p, family="fba_myi").meta.sheet == "Inventory"
    with pytest.raises(XladdinError) as e:
        read_report(p, sheet="Nope")
    assert e.value.code == Code.BAD_CHOICE and "'Inventory'" in str(e.value)


def test_reading_does_not_depend_on_the_locale_encoding(monkeypatch):
    """A Windows machine in China or Germany has GBK / cp1252 as its default; reads must not use it."""
    import locale

    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: "cp1252")
    monkeypatch.setattr(locale, "getencoding", lambda: "cp1252", raising=False)
    rep = read_report(FIXTURES / "business_report_child" / "zh.csv")
    assert rep.meta.language == "zh" and rep.meta.columns["sessions"] == "会话数 - 总计"


def test_dataframe_and_numpy_ranges():
    header, cols = V.MYI_HEADER, V.MYI_COLS
    df = pd.DataFrame(V.typed_rows(V.MYI_ROWS, cols), columns=header)
    a = read_report(df)
    b = read_report(np.array([header, *V.text_rows(V.MYI_ROWS, cols, "plain")], dtype=object))
    pd.testing.assert_frame_equal(a.data, b.data)


def test_module_detect_and_parse_api():
    from xladdin.reports import business_report, fba_myi

    det = business_report.detect(V.CHILD_HEADERS["zh"])
    assert (det.family, det.language) == ("business_report_child", "zh")
    assert business_report.detect(V.MYI_HEADER) is None
    rep = fba_myi.parse(FIXTURES / "fba_myi" / "en.txt")
    assert rep.meta.family == "fba_myi" and len(rep.data) == 2
    with pytest.raises(XladdinError) as e:
        fba_myi.parse(FIXTURES / "business_report_child" / "en-classic.csv")
    assert e.value.code == Code.UNKNOWN_REPORT
    det = fba_myi.detect(V.MYI_HEADER)
    assert fba_myi.parse(FIXTURES / "fba_myi" / "en.txt", detection=det).meta.rows == 2


def test_newer_myi_columns_are_mapped():
    extra = ["afn-fulfillable-quantity-local", "afn-fulfillable-quantity-remote", "afn-fc-transfer-quantity",
             "afn-onhand-buyable-quantity", "store"]
    rows = [r + ["300", "88", "5", "380", "US"] for r in V.text_rows(V.MYI_ROWS, V.MYI_COLS, "plain")]
    rep = read_report([V.MYI_HEADER + extra, *rows])
    assert rep.meta.unmapped == []
    assert rep.data[["fulfillable_local", "fulfillable_remote", "fc_transfer", "onhand_buyable"]].iloc[0].tolist() == [
        300, 88, 5, 380]
    assert rep.data["store"].tolist() == ["US", "US"]


def test_column_bounds_and_missing_tokens():
    import xladdin.reports.registry as R

    fam = Family("t_rank", "T", [Col("kw", "text", en="Keyword Phrase"),
                                 Col("rank", "int", en="Organic Rank", missing=("N/R",), bound=True)],
                 signature=[("kw", "rank")])
    R.register(fam)
    try:
        rep = read_report([["Keyword Phrase", "Organic Rank"], ["a", "N/R"], ["b", ">306"], ["c", "12"]],
                          family="t_rank")
    finally:
        del R._FAMILIES["t_rank"]
    assert rep.data["rank"].tolist()[1:] == [306, 12] and rep.data["rank"].isna().tolist()[0]
    assert rep.data["rank_bound"].tolist()[1] == ">" and rep.problems.empty


def test_date_range_never_from_columns_when_asked(tmp_path):
    import xladdin.reports.registry as R

    fam = Family("t_bulk", "T", [Col("campaign", "text", en="Campaign"), Col("start_date", "date", en="Start Date")],
                 signature=[("campaign", "start_date")], date_columns=())
    R.register(fam)
    try:
        rep = read_report([["Campaign", "Start Date"], ["x", "20260109"]], family="t_bulk",
                          name="bulk-a1-20251126-20260125-1.xlsx")
    finally:
        del R._FAMILIES["t_bulk"]
    assert (rep.meta.date_from.isoformat(), rep.meta.date_to.isoformat(), rep.meta.date_source) == (
        "2025-11-26", "2026-01-25", "file_name")


def test_parallel_column_conversion_gives_the_same_frame(monkeypatch):
    import xladdin.reports.registry as R

    path = FIXTURES / "business_report_child" / "de.csv"
    serial = read_report(path)
    monkeypatch.setattr(R, "_PARALLEL_ROWS", 1)
    monkeypatch.setattr(R.os, "cpu_count", lambda: 4)
    parallel = read_report(path)
    pd.testing.assert_frame_equal(serial.data, parallel.data)
    pd.testing.assert_frame_equal(serial.problems, parallel.problems)
