"""Import time in the Imports log and Daily-health freshness judged by the report date, else the import time;
a workbook built before the imported_at column existed still imports and refreshes."""

import datetime as dt

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.workbooks import test_daily_health as tdh
from xladdin.cli import cli
from xladdin.workbooks import builder
from xladdin.workbooks import refresh_daily_health as rdh
from xladdin.workbooks.host import OpenpyxlHost
from xladdin.workbooks.importer import import_reports
from xladdin.workbooks.registry import get_template


def _myi_without_date(tmp_path):
    src = next(p for p in tdh._reports(tmp_path) if p.name.startswith("MYI"))
    return src.rename(tmp_path / "Manage FBA Inventory.txt")  # no date in the name: the report has none


def _fresh(path):
    wb = load_workbook(path)
    return {r["table_name"]: r for r in tdh._rows(wb["Freshness"], "Freshness")}, wb


def test_imported_at_is_logged(tmp_path):
    book = tmp_path / "dh.xlsx"
    builder.save_workbook(builder.build_workbook(get_template("daily_health")), book, backup=False)
    t0 = dt.datetime.now().replace(microsecond=0)
    r = CliRunner().invoke(cli, ["import", str(book), str(_myi_without_date(tmp_path))])
    assert r.exit_code == 0, r.output
    (entry,) = tdh._rows(load_workbook(book)["_Imports"], "Imports")
    stamp = entry["imported_at"]
    assert isinstance(stamp, dt.datetime) and t0 <= stamp <= dt.datetime.now()
    assert entry["date_from"] is None and entry["date_to"] is None


def test_dateless_report_is_judged_by_import_time(book, tmp_path):
    host = OpenpyxlHost.open(book)
    import_reports(host, [_myi_without_date(tmp_path)])
    stamp = host.read_table("Imports")["imported_at"].iloc[0]
    today = stamp.date()
    host.save()
    for as_of, age, stale in ((today, 0, "N"), (today + dt.timedelta(days=3), 3, "Y")):
        host = OpenpyxlHost.open(book)
        rdh.refresh_daily_health_at(host, host.read_settings(), as_of)
        host.save()
        fresh, _ = _fresh(book)
        myi = fresh["MYI"]
        assert myi["report_date"] is None and myi["imported_at"] == stamp
        assert (myi["age_days"], myi["stale"], myi["judged_by"]) == (age, stale, "导入时间 / import time")
    fresh, wb = _fresh(book)
    brief = [r for r in tdh._rows(wb["Briefing"], "Briefing") if "MYI" in r["action"]]
    assert len(brief) == 1 and brief[0]["detail"] == f"3 天前 / 3 days old；按导入时间 by import {stamp:%m-%d %H:%M}（报表无日期 / undated）"
    assert fresh["HealthMetrics"]["freshness"] == "未导入 / not imported"


def test_report_date_wins_and_stale_after_days_is_a_setting(book, tmp_path):
    host = OpenpyxlHost.open(book)
    import_reports(host, tdh._reports(tmp_path))
    host.write_settings({"stale_after_days": 6})
    rdh.refresh_daily_health_at(host, host.read_settings(), tdh.AS_OF)
    host.save()
    fresh, _ = _fresh(book)
    myi = fresh["MYI"]  # MYI-2026-10-05.txt, as of 2026-10-11: 6 days by its own date, imported today
    assert (myi["age_days"], myi["judged_by"], myi["stale"]) == (6, "报表日期 / report date", "N")
    assert myi["report_date"].date() == dt.date(2026, 10, 5) and isinstance(myi["imported_at"], dt.datetime)
    assert fresh["ByDate"]["age_days"] == 1 and fresh["ByDate"]["stale"] == "N"


def test_buy_box_drop_is_a_setting(book, tmp_path):
    # The by-date fixture's Buy Box falls 98 % → 93 % on the last day: 5 points.
    host = OpenpyxlHost.open(book)
    import_reports(host, tdh._reports(tmp_path))
    for drop, shown in ((0.05, True), (0.06, False)):
        host.write_settings({"buy_box_drop": drop})
        rdh.refresh_daily_health_at(host, host.read_settings(), tdh.AS_OF)
        areas = set(host.read_table("Briefing")["area"])
        assert ("购买按钮 Buy Box" in areas) == shown, drop


def test_workbook_without_imported_at_still_imports_and_refreshes(tmp_path, monkeypatch):
    book = tmp_path / "old.xlsx"
    monkeypatch.setattr(builder, "IMPORT_COLUMNS", builder.IMPORT_COLUMNS[:-1])
    builder.save_workbook(builder.build_workbook(get_template("daily_health")), book, backup=False)
    monkeypatch.undo()
    host = OpenpyxlHost.open(book)
    assert "imported_at" not in host.read_table("Imports").columns
    # An import logged by the old version: no time, no dates, pasted into HealthMetrics.
    host.write_table("Imports", pd.DataFrame([{"import_id": 1, "family": "account_health",
                                               "table_name": "HealthMetrics", "file_name": "old.csv", "rows": 1}]))
    host.write_table("HealthMetrics", pd.DataFrame([{"metric": "order_defect_rate", "value": 0.002, "import_id": 1}]))
    import_reports(host, [_myi_without_date(tmp_path)])
    import_reports(host, [_myi_without_date(tmp_path)])  # again: replaces, the log keeps one MYI entry
    log = host.read_table("Imports")
    assert list(log["import_id"]) == [1, 3] and list(log.columns)[-1] == "imported_at"
    assert pd.isna(log["imported_at"].iloc[0]) and isinstance(log["imported_at"].iloc[1], dt.datetime)
    rdh.refresh_daily_health_at(host, host.read_settings(), log["imported_at"].iloc[1].date())
    host.save()
    fresh, _ = _fresh(book)
    assert fresh["HealthMetrics"]["freshness"] == "日期未知 / date unknown" and fresh["HealthMetrics"]["stale"] == "Y"
    assert fresh["MYI"]["age_days"] == 0 and fresh["MYI"]["judged_by"] == "导入时间 / import time"


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "daily_health.xlsx"
    builder.save_workbook(builder.build_workbook(get_template("daily_health")), path, backup=False)
    return path
