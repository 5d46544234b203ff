"""The headless host: write/read tables, text safety, operator columns, resize, row guard, atomic save."""

import datetime as dt
import os

import pandas as pd
import pytest
from openpyxl import load_workbook

from xladdin.errors import Code, ConfigError, InputError, XladdinError
from xladdin.workbooks.host import OpenpyxlHost
from xladdin.workbooks.safety import backup_path, check_rows

DANGEROUS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\tTAB", "\rCR"]


def _actions(terms, spend):
    return pd.DataFrame({"campaign_name": ["C1"] * len(terms), "ad_group_name": ["G1"] * len(terms),
                         "search_term": terms, "match_type": ["EXACT"] * len(terms), "clicks": [3] * len(terms),
                         "spend": spend, "sales": [0.0] * len(terms), "orders": [0] * len(terms),
                         "acos": [None] * len(terms), "action": ["NEGATE"] * len(terms),
                         "reason": ["0 orders"] * len(terms)})


def test_formula_text_is_written_as_text_and_negative_numbers_stay_numbers(ads_book):
    host = OpenpyxlHost.open(ads_book)
    df = _actions(DANGEROUS, [-5.0, 1.5, 2.0, 3.0, 4.0, 5.0])
    host.write_table("SearchTermActions", df)
    host.save()
    ws = load_workbook(ads_book)["SearchTermActions"]
    for i, text in enumerate(DANGEROUS):
        cell = ws.cell(4 + i, 3)
        # XML turns a bare CR into LF on reading back; the cell is text either way.
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text.replace("\r", "\n"), "s", True)
    assert (ws["F4"].value, ws["F4"].data_type, ws["F4"].number_format) == (-5.0, "n", "#,##0.00")
    assert ws.tables["SearchTermActions"].ref == "A3:AC9"
    back = OpenpyxlHost.open(ads_book).read_table("SearchTermActions")
    assert back["search_term"].tolist() == [t.replace("\r", "\n") for t in DANGEROUS]


def test_write_resizes_keeps_operator_columns_and_appends_new_columns(ads_book):
    host = OpenpyxlHost.open(ads_book)
    host.write_table("SearchTermActions", _actions(["a", "b", "c"], [1.0, 2.0, 3.0]))
    ws = host.wb["SearchTermActions"]
    ws["L5"], ws["M5"] = "Y", "checked by Li"  # the operator approves "b"
    ws["AE2"] = "my own notes outside the table"
    df = _actions(["b", "d"], [2.5, 9.0]).assign(new_bid=[0.5, 0.7])
    host.write_table("SearchTermActions", df, key=("campaign_name", "ad_group_name", "search_term", "action"))
    host.save()
    ws = load_workbook(ads_book)["SearchTermActions"]
    t = ws.tables["SearchTermActions"]
    assert t.ref == "A3:AD5"  # 29 declared columns + the new one on the right
    names = [c.name for c in t.tableColumns]
    assert names[11:13] == ["approve", "note"] and names[-1] == "new_bid"
    assert [[c.value for c in r] for r in ws["C4:M5"]] == [
        ["b", "EXACT", 3, 2.5, 0, 0, None, "NEGATE", "0 orders", "Y", "checked by Li"],
        ["d", "EXACT", 3, 9.0, 0, 0, None, "NEGATE", "0 orders", None, None]]
    assert [ws["AD4"].value, ws["AD5"].value] == [0.5, 0.7]
    assert [c.value for c in ws[6]][:30] == [None] * 30  # the old third row is cleared
    assert ws["AD2"].value == "new_bid" and ws["AE2"].value == "my own notes outside the table"
    assert ws["I4"].number_format == "0.00%" and ws["AD4"].number_format == "#,##0.00"


def test_default_row_key_is_the_shared_text_columns(ads_book):
    host = OpenpyxlHost.open(ads_book)
    host.write_table("SearchTermActions", _actions(["a", "b"], [1.0, 2.0]))
    host.wb["SearchTermActions"]["L4"] = "Y"
    host.write_table("SearchTermActions", _actions(["b", "a"], [7.0, 8.0]))
    back = host.read_table("SearchTermActions")
    assert back["search_term"].tolist() == ["b", "a"]
    assert pd.isna(back["approve"][0]) and back["approve"][1] == "Y"


def test_empty_frame_keeps_one_blank_row_and_reads_back_empty(ads_book):
    host = OpenpyxlHost.open(ads_book)
    host.write_table("Campaigns", pd.DataFrame({"campaign_name": ["x", "y"], "spend": [1.0, 2.0]}))
    host.write_table("Campaigns", pd.DataFrame({"campaign_name": [], "spend": []}))
    assert host.wb["Campaigns"].tables["Campaigns"].ref == "A3:M4"
    assert host.wb["Campaigns"]["A5"].value is None
    assert len(host.read_table("Campaigns")) == 0


def test_dates_and_missing_values(ads_book):
    host = OpenpyxlHost.open(ads_book)
    df = pd.DataFrame({"date": pd.to_datetime(["2026-01-01", None]), "spend": [1.0, float("nan")],
                       "orders": pd.array([1, None], dtype="Int64")})
    host.write_table("Trend", df)
    ws = host.wb["Trend"]
    assert ws["A4"].value == dt.datetime(2026, 1, 1) and ws["A4"].number_format == "yyyy-mm-dd"
    assert [ws["A5"].value, ws["B5"].value, ws["D5"].value] == [None, None, None]
    assert ws["D4"].value == 1 and type(ws["D4"].value) is int


def test_chart_series_follow_the_table(ads_book):
    host = OpenpyxlHost.open(ads_book)
    host.write_table("Trend", pd.DataFrame({"date": pd.date_range("2026-01-01", periods=90), "spend": 1.0,
                                            "sales": 2.0}))
    host.save()
    chart = load_workbook(ads_book)["Dashboard"]._charts[0]
    assert [s.val.numRef.f for s in chart.series] == ["'Trend'!$B$4:$B$93", "'Trend'!$C$4:$C$93"]


def test_unknown_table_names_the_tables(ads_book):
    with pytest.raises(InputError) as e:
        OpenpyxlHost.open(ads_book).read_table("Nope")
    assert e.value.code is Code.UNKNOWN_TABLE
    assert "'Nope'; tables / 表: BrandTerms, Bulk, BusinessReport, CampaignReport" in str(e.value)


def test_row_guard():
    check_rows(1_048_573, "T")
    with pytest.raises(InputError) as e:
        check_rows(1_048_574, "T")
    assert str(e.value) == ("T: [TOO_MANY_ROWS] 行数超过 Excel 工作表上限 1,048,576 / more rows than an Excel sheet "
                            "holds (1,048,576) — 1,048,574 rows > 1,048,573 / 1,048,574 行 > 1,048,573 行")


def test_settings_read_validate_write_and_survive_refresh(ads_book):
    host = OpenpyxlHost.open(ads_book)
    assert host.read_settings().target_acos == 0.30
    host.wb["Settings"]["B5"] = 0.25  # the operator edits target_acos (row 5)
    assert host.wb["Settings"]["A5"].value == "target_acos"
    host.write_table("Campaigns", pd.DataFrame({"campaign_name": ["x"]}))
    assert host.read_settings().target_acos == 0.25
    host.write_settings({"bid_step_max": 0.1})
    assert host.read_settings().bid_step_max == 0.1 and host.read_settings().target_acos == 0.25
    host.wb["Settings"]["B5"] = 7
    with pytest.raises(ConfigError) as e:
        host.read_settings()
    assert e.value.code is Code.SETTINGS_INVALID and "target_acos" in e.value.detail
    assert host.template_kind() == "ads"


def test_named_kpi_cells(ads_book):
    host = OpenpyxlHost.open(ads_book)
    host.write_named("kpi_spend", 1234.5)
    assert host.read_named("kpi_spend") == 1234.5 and host.wb["Dashboard"]["B5"].value == 1234.5


def test_atomic_save_keeps_a_backup(ads_book):
    before = ads_book.read_bytes()
    host = OpenpyxlHost.open(ads_book)
    host.write_named("kpi_spend", 1.0)
    host.save()
    assert backup_path(ads_book).read_bytes() == before
    assert backup_path(ads_book).name == "ads.bak.xlsx"
    assert [p.name for p in ads_book.parent.iterdir() if p.name.startswith(".")] == []


def test_failed_save_leaves_the_workbook(ads_book, monkeypatch):
    before = ads_book.read_bytes()
    host = OpenpyxlHost.open(ads_book)

    def boom(path):
        raise OSError("disk full")

    monkeypatch.setattr(host.wb, "save", boom)
    with pytest.raises(OSError):
        host.save()
    assert ads_book.read_bytes() == before
    assert sorted(p.name for p in ads_book.parent.iterdir()) == ["ads.xlsx"]


def test_locked_workbook_gives_a_bilingual_error(ads_book, monkeypatch):
    host = OpenpyxlHost.open(ads_book)
    lock = ads_book.with_name("~$ads.xlsx")
    lock.write_bytes(b"owner")
    with pytest.raises(XladdinError) as e:
        host.save()
    assert e.value.code is Code.WORKBOOK_LOCKED and e.value.exit_code == 5
    assert "工作簿已被打开或锁定" in str(e.value) and "the workbook is open or locked" in str(e.value)
    lock.unlink()

    def denied(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(XladdinError) as e:
        host.save()
    assert e.value.code is Code.WORKBOOK_LOCKED and "Permission denied" in e.value.detail
