"""Large table bodies streamed into the sheet XML at save give the same workbook as openpyxl cells.

The reference is the cell-by-cell path of the same host (``stream_min_rows`` huge): both files are compared
with the golden-workbook comparator (values, types, formats, tables, names …), then read back by openpyxl,
python-calamine and LibreOffice.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.workbooks.helpers import compare_workbooks, pdf_text, render_pdf
from xladdin.workbooks.host import OpenpyxlHost

TEXTS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\tTAB", " lead", "trail ",
         "a & b < c > d", "蓝牙耳机 降噪", "bell\x07char", "plain", "", "00123", "Größe"]


def _frame(n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        t = TEXTS[i % len(TEXTS)]
        rows.append({
            "campaign_name": f"Camp {i % 7}", "ad_group_name": f"AG {i % 3}", "search_term": t,
            "match_type": ["EXACT", "PHRASE", None][i % 3], "clicks": i % 11,
            "spend": [1.5, 0.1, -2.25, float("nan"), 1e-7, 123456789.125, float("inf")][i % 7],
            "sales": float(i), "orders": i % 4, "acos": None if i % 5 == 0 else i / 1000,
            "action": "NEGATE", "reason": f"r{i}", "brand": bool(i % 2),
            "date": dt.date(2026, 1, 1) + dt.timedelta(days=i % 40),
            "seen_at": dt.datetime(2026, 2, 3, 4, 5, 6) + dt.timedelta(hours=i),
            "campaign_id": str(10 ** 14 + i),
        })
    return pd.DataFrame(rows)


def _write(book, df, *, stream: bool, table: str = "SearchTermActions", key=None):
    host = OpenpyxlHost.open(book)
    host.stream_min_rows = 1 if stream else 10 ** 9
    host.write_table(table, df, key=key)
    assert bool(host._streamed) == stream
    host.save()
    return host


@pytest.fixture
def two_books(ads_book, tmp_path):
    cells, streamed = tmp_path / "cells.xlsx", tmp_path / "streamed.xlsx"
    for p in (cells, streamed):
        p.write_bytes(ads_book.read_bytes())
    return cells, streamed


def test_streamed_body_equals_cell_path(two_books):
    cells, streamed = two_books
    df = _frame(60)
    _write(cells, df, stream=False)
    _write(streamed, df, stream=True)
    assert compare_workbooks(cells, streamed) == []
    ws = load_workbook(streamed)["SearchTermActions"]
    first = ws.tables["SearchTermActions"].ref.split(":")[0]
    row0 = int(first[1:]) + 1
    header = [c.value for c in ws[int(first[1:])]]
    col = {h: i + 1 for i, h in enumerate(header)}
    # Independent spot checks of what the comparator already covers.
    c = ws.cell(row0, col["search_term"])
    assert (c.value, c.data_type, c.quotePrefix) == (TEXTS[0], "s", True)
    assert ws.cell(row0 + 5, col["search_term"]).value == " lead"
    assert ws.cell(row0 + 9, col["search_term"]).value == "bellchar"  # XML-illegal control character removed
    assert ws.cell(row0 + 11, col["search_term"]).value is None      # "" is an empty cell
    assert ws.cell(row0 + 12, col["search_term"]).value == "00123"   # text stays text
    assert ws.cell(row0 + 3, col["spend"]).value is None             # NaN → empty
    assert ws.cell(row0 + 6, col["spend"]).value is None             # inf → empty
    assert ws.cell(row0 + 5, col["spend"]).value == 123456789.125
    assert ws.cell(row0 + 1, col["brand"]).value is True
    assert ws.cell(row0 + 2, col["date"]).value == dt.datetime(2026, 1, 3)
    assert ws.cell(row0, col["campaign_id"]).value == "100000000000000"


def test_streamed_calculated_columns_and_operator_columns(two_books):
    cells, streamed = two_books
    skus = pd.DataFrame({"sku": [f"SKU-{i}" for i in range(30)], "price": [19.99 + i for i in range(30)],
                         "cogs": [5.0] * 30, "length_in": [8.0] * 30, "width_in": [5.0] * 30,
                         "height_in": [2.0] * 30, "weight_lb": [0.6] * 30, "category": ["Electronics"] * 30})
    for book, stream in ((cells, False), (streamed, True)):
        _write(book, skus, stream=stream, table="SkuCosts", key=("sku",))
    assert compare_workbooks(cells, streamed) == []
    ws = load_workbook(streamed)["SkuCosts"]
    formulas = [c.value for c in ws[5] if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas and all("SkuCosts[[#This Row]" in f for f in formulas)


def test_rewrite_shrink_and_operator_edits_survive(ads_book):
    """Streamed, then re-opened from disk (cells), edited by the operator, rewritten smaller."""
    df = _frame(50)
    _write(ads_book, df, stream=True)
    host = OpenpyxlHost.open(ads_book)
    body = host.read_table("SearchTermActions")
    assert len(body) == 50 and body["reason"].tolist() == [f"r{i}" for i in range(50)]
    i_ap = list(body.columns).index("approve")
    ws = host.wb["SearchTermActions"]
    hdr_row = int(ws.tables["SearchTermActions"].ref.split(":")[0][1:])
    ws.cell(hdr_row + 3, i_ap + 1).value = "Y"  # the operator approves r2
    host.stream_min_rows = 1
    host.write_table("SearchTermActions", df.iloc[2:12], key=("reason",))
    host.save()
    back = OpenpyxlHost.open(ads_book).read_table("SearchTermActions")
    assert back["reason"].tolist() == [f"r{i}" for i in range(2, 12)]
    assert back["approve"].tolist()[0] == "Y" and back["approve"].isna().sum() == 9
    ws = load_workbook(ads_book)["SearchTermActions"]
    assert all(c.value is None for c in ws[hdr_row + 11])  # the old rows below are gone


def test_read_back_before_save_and_by_calamine(ads_book):
    from python_calamine import CalamineWorkbook

    df = _frame(40)
    host = _write(ads_book, df, stream=True)
    again = host.read_table("SearchTermActions")  # from the pending body, before and after save
    assert again["clicks"].tolist() == df["clicks"].tolist()
    rows = CalamineWorkbook.from_path(str(ads_book)).get_sheet_by_name("SearchTermActions").to_python()
    terms = [r[2] for r in rows[3:43]]
    assert terms[0] == TEXTS[0] and terms[8] == "蓝牙耳机 降噪" and terms[7] == "a & b < c > d"


def test_body_beside_other_cells_falls_back_to_cells(ads_book):
    host = OpenpyxlHost.open(ads_book)
    host.stream_min_rows = 1
    ws = host.wb["SearchTermActions"]
    ws["AZ10"] = "operator note beside the table"
    host.write_table("SearchTermActions", _frame(20))
    assert not host._streamed  # a row shared with other content is written cell by cell
    host.save()
    assert load_workbook(ads_book)["SearchTermActions"]["AZ10"].value == "operator note beside the table"


def test_libreoffice_reads_a_streamed_body(ads_book, tmp_path):
    df = _frame(30)
    _write(ads_book, df, stream=True)
    text = pdf_text(render_pdf(ads_book, tmp_path))
    assert "蓝牙耳机 降噪" in text and '=HYPERLINK("http://x","y")' in text and "r29" in text
    assert not any(e in text for e in ("#NAME?", "#VALUE!", "Err:"))


def test_open_reads_big_bodies_outside_openpyxl_and_saves_them_back(two_books, tmp_path):
    """A re-opened workbook: the big body is cut from the XML openpyxl reads, kept, and written back."""
    cells, streamed = two_books
    df = _frame(45)
    skus = pd.DataFrame({"sku": [f"SKU-{i}" for i in range(25)], "price": [20.0 + i for i in range(25)],
                         "cogs": [5.0] * 25, "category": ["Electronics"] * 25})
    for book, stream in ((cells, False), (streamed, True)):
        _write(book, df, stream=stream)
        _write(book, skus, stream=stream, table="SkuCosts", key=("sku",))
    host = OpenpyxlHost.open(streamed, stream_min_rows=20)
    assert set(host._streamed) == {"SearchTermActions", "SkuCosts"}
    assert host.wb["SearchTermActions"].max_row < 10  # openpyxl never saw the body
    expected = OpenpyxlHost.open(cells).read_table("SearchTermActions")
    got = host.read_table("SearchTermActions")
    pd.testing.assert_frame_equal(got, expected)
    for h in (host, OpenpyxlHost.open(cells)):  # a refresh that leaves both tables alone
        h.write_named("kpi_spend", 12.5)
        h.save()
    assert compare_workbooks(cells, streamed) == []


def test_open_keeps_cells_when_a_body_holds_more_than_the_table(ads_book):
    df = _frame(30)
    host = _write(ads_book, df, stream=True)
    wb = load_workbook(ads_book)
    ws = wb["SearchTermActions"]
    ws.cell(6, 60).value = "note beside row 6"  # outside the table's columns
    wb.save(ads_book)
    host = OpenpyxlHost.open(ads_book, stream_min_rows=10)
    assert "SearchTermActions" not in host._streamed  # (the Settings table, over 10 rows, is cut)
    assert host.wb["SearchTermActions"].cell(6, 60).value == "note beside row 6"
    assert len(host.read_table("SearchTermActions")) == 30


@pytest.mark.parametrize("extra", ["hyperlink", "comment", "merged"])
def test_open_keeps_cells_when_the_sheet_points_at_body_cells(ads_book, extra):
    from openpyxl.comments import Comment

    _write(ads_book, _frame(30), stream=True)
    wb = load_workbook(ads_book)
    ws = wb["SearchTermActions"]
    if extra == "hyperlink":
        ws.cell(6, 1).hyperlink = "https://sellercentral.amazon.com"
    elif extra == "comment":
        ws.cell(6, 1).comment = Comment("check this campaign", "Li")
    else:
        ws.merge_cells("AY6:AZ6")
    wb.save(ads_book)
    host = OpenpyxlHost.open(ads_book, stream_min_rows=10)
    assert "SearchTermActions" not in host._streamed
    host.save()
    ws = load_workbook(ads_book)["SearchTermActions"]
    assert ws.cell(6, 1).value == "Camp 2"
    assert {"hyperlink": lambda: ws.cell(6, 1).hyperlink.target == "https://sellercentral.amazon.com",
            "comment": lambda: ws.cell(6, 1).comment.text == "check this campaign",
            "merged": lambda: "AY6:AZ6" in {str(r) for r in ws.merged_cells.ranges}}[extra]()


def test_write_keeps_cells_when_a_body_cell_has_a_hyperlink(ads_book):
    host = OpenpyxlHost.open(ads_book)
    host.stream_min_rows = 1
    host.write_table("SearchTermActions", _frame(20))
    ws = host.wb["SearchTermActions"]
    host.save()
    host = OpenpyxlHost.open(ads_book)
    host.stream_min_rows = 1
    ws = host.wb["SearchTermActions"]
    ws.cell(6, 1).hyperlink = "https://advertising.amazon.com"
    host.write_table("SearchTermActions", _frame(20))
    assert not host._streamed
    host.save()
    assert load_workbook(ads_book)["SearchTermActions"].cell(6, 1).hyperlink.target == "https://advertising.amazon.com"
