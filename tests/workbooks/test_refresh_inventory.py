"""Inventory refresh end to end: import MYI + Restock, SkuSettings, refresh, save, reopen, check.

The expected restock numbers are computed here independently of ``xladdin.core.inventory``:
need = daily × (lead + cover + safety) − on hand − inbound, rounded up to case packs (MOQ 0 here).
"""

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from xladdin.core import inventory as core_inventory
from xladdin.settings import DEFAULTS
from xladdin.workbooks import (
    refresh_book,
    refresh_inventory,  # registers "inventory" (refresh_book also imports it lazily)
)
from xladdin.workbooks.builder import build_workbook, save_workbook
from xladdin.workbooks.host import OpenpyxlHost
from xladdin.workbooks.importer import import_reports
from xladdin.workbooks.registry import get_template

FIX = Path(__file__).resolve().parents[1] / "reports" / "fixtures"
AS_OF = dt.date(2026, 3, 2)
HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)"
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "nan", "inf")

# sku: (name, fulfillable, reserved, inbound working, shipped, receiving, units sold 30 d or None)
STOCK = {
    "A-RED": ("Utensils Set – Red", 90, 10, 5, 20, 10, 90),
    "B-BLUE": (HYPERLINK, 10, 0, 0, 0, 0, 60),
    "C-GREEN": (DDE, 900, 100, 0, 0, 0, 30),
    "D-NOSALES": (AT_SUM, 5, 0, 0, 0, 0, None),
}
SKU_PARAMS = {"A-RED": {"lead_time_days": 30, "case_pack": 24, "moq": 0, "cover_days": 30, "safety_days": 10}}


def _header(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[0].split("\t")


def _write_tsv(path: Path, header: list[str], rows: list[dict]) -> Path:
    lines = ["\t".join(header)] + ["\t".join(str(r.get(h, "")) for h in header) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _reports(tmp_path: Path) -> list[Path]:
    myi_rows, restock_rows = [], []
    for i, (sku, (name, ful, res, wk, sh, rc, sold)) in enumerate(STOCK.items()):
        asin = f"B0TEST000{i}"
        myi_rows.append({"sku": sku, "fnsku": f"X00TEST00{i}", "asin": asin, "product-name": name, "condition": "New",
                         "your-price": "19.99", "mfn-listing-exists": "No", "afn-listing-exists": "Yes",
                         "afn-warehouse-quantity": ful + res, "afn-fulfillable-quantity": ful,
                         "afn-unsellable-quantity": 0, "afn-reserved-quantity": res,
                         "afn-total-quantity": ful + res + wk + sh + rc, "per-unit-volume": "0.1",
                         "afn-inbound-working-quantity": wk, "afn-inbound-shipped-quantity": sh,
                         "afn-inbound-receiving-quantity": rc, "afn-researching-quantity": 0,
                         "afn-reserved-future-supply": 0, "afn-future-supply-buyable": 0})
        if sold is not None:
            restock_rows.append({"Country": "US", "Product Name": name, "FNSKU": f"X00TEST00{i}", "Merchant SKU": sku,
                                 "ASIN": asin, "Condition": "New", "Currency code": "USD", "Price": "19.99",
                                 "Sales last 30 days": f"{sold * 19.99:.2f}", "Units Sold Last 30 Days": sold,
                                 "Total Units": ful + res + wk + sh + rc, "Inbound": wk + sh + rc, "Available": ful,
                                 "FC transfer": 0, "FC Processing": 0, "Customer Order": 0, "Unfulfillable": 0,
                                 "Working": wk, "Shipped": sh, "Receiving": rc, "Fulfilled by": "Amazon",
                                 "Total Days of Supply (including units from open shipments)": "50.00",
                                 "Days of Supply at Amazon Fulfillment Network": "40.00", "Alert": "",
                                 "Recommended replenishment qty": 100, "Recommended ship date": "03/10/2026",
                                 "Recommended action": "Reorder now", "Unit storage size": "Standard"})
    myi = _write_tsv(tmp_path / "myi.txt", _header(FIX / "fba_myi" / "en.txt"), myi_rows)
    restock = _write_tsv(tmp_path / "restock.txt", _header(FIX / "fba_restock" / "en.txt"), restock_rows)
    return [myi, restock]


def _expected(sku: str, settings=DEFAULTS) -> dict:
    """Independent restock arithmetic for one SKU (the rules of the module docstring of core.inventory)."""
    _, ful, res, wk, sh, rc, sold = STOCK[sku]
    p = {k: getattr(settings, k) for k in ("lead_time_days", "case_pack", "moq", "cover_days", "safety_days")}
    p.update(SKU_PARAMS.get(sku, {}))
    on_hand, inbound = ful + res, wk + sh + rc
    if sold is None:
        return {"on_hand": on_hand, "inbound": inbound, "daily_sales": None, "days_of_cover": None,
                "reorder_qty": None, "status": None, "order_by_date": None}
    daily = sold / 30
    cover = (on_hand + inbound) / daily
    need = daily * (p["lead_time_days"] + p["cover_days"] + p["safety_days"]) - on_hand - inbound
    qty = 0 if need <= 0 else math.ceil(max(need, p["moq"]) / p["case_pack"] - 1e-9) * p["case_pack"]
    trigger = p["lead_time_days"] + p["safety_days"]
    target = p["lead_time_days"] + p["cover_days"] + p["safety_days"]
    if cover <= trigger:
        status = "ORDER_NOW"
    elif cover - trigger <= settings.reorder_soon_days:
        status = "REORDER_SOON"
    elif cover > settings.overstock_factor * target:
        status = "OVERSTOCK"
    else:
        status = "OK"
    return {"on_hand": on_hand, "inbound": inbound, "daily_sales": daily, "days_of_cover": cover, "reorder_qty": qty,
            "status": status, "order_by_date": AS_OF + dt.timedelta(days=math.floor(cover - trigger))}


def _rows(ws, table: str) -> list[dict]:
    """Data rows of an Excel Table as {header key: cell}."""
    t = ws.tables[table]
    cells = list(ws[t.ref])
    header = [c.value for c in cells[0]]
    return [dict(zip(header, r)) for r in cells[1:] if any(c.value is not None for c in r)]


def _kpi(wb, name: str):
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][ref.replace("$", "").split(":")[0]].value


@pytest.fixture
def inv_book(tmp_path):
    path = tmp_path / "inventory.xlsx"
    save_workbook(build_workbook(get_template("inventory")), path, backup=False)
    return path


def _prepare(book: Path, tmp_path: Path) -> None:
    host = OpenpyxlHost.open(book)
    import_reports(host, _reports(tmp_path))
    host.write_table("SkuSettings", pd.DataFrame([{"sku": s, **p} for s, p in SKU_PARAMS.items()]))
    host.save()


def test_refresh_book_uses_the_registered_function(inv_book, tmp_path, monkeypatch):
    _prepare(inv_book, tmp_path)
    monkeypatch.setattr(core_inventory, "today", lambda: AS_OF)  # as_of of refresh_book = today
    host = OpenpyxlHost.open(inv_book)
    refresh_book(host)
    host.save()
    wb = load_workbook(inv_book)
    plan = {r["sku"].value: r for r in _rows(wb["RestockPlan"], "RestockPlan")}
    assert plan["A-RED"]["order_by_date"].value.date() == _expected("A-RED")["order_by_date"]
    assert refresh_inventory.refresh_inventory.__name__ == "refresh_inventory"


def test_plan_values_match_an_independent_computation(inv_book, tmp_path):
    _prepare(inv_book, tmp_path)
    host = OpenpyxlHost.open(inv_book)
    kpi = refresh_inventory.refresh_inventory_at(host, host.read_settings(), AS_OF)
    host.save()

    wb = load_workbook(inv_book)
    ws = wb["RestockPlan"]
    rows = _rows(ws, "RestockPlan")
    header = [c.value for c in next(iter(ws[ws.tables["RestockPlan"].ref]))]
    declared = list(get_template("inventory").table("RestockPlan").keys)
    assert header == declared  # only declared (labelled, formatted) columns: the sheet must print legibly
    for detail in ("status_reason", "amazon_recommended_qty", "qty_difference", "comparison_note", "stockout_date"):
        assert detail in header  # the numbers behind each status
    plan = {r["sku"].value: r for r in rows}
    assert set(plan) == set(STOCK)
    for sku in STOCK:
        exp, got = _expected(sku), plan[sku]
        assert got["on_hand"].value == exp["on_hand"], sku
        assert got["inbound"].value == exp["inbound"], sku
        if exp["status"] is None:
            for k in ("daily_sales", "days_of_cover", "reorder_qty", "status", "order_by_date"):
                assert got[k].value is None, (sku, k)
            continue
        assert got["daily_sales"].value == pytest.approx(exp["daily_sales"]), sku
        assert got["days_of_cover"].value == pytest.approx(exp["days_of_cover"]), sku
        assert got["reorder_qty"].value == exp["reorder_qty"], sku
        assert got["status"].value == exp["status"], sku
        assert got["order_by_date"].value.date() == exp["order_by_date"], sku
        assert got["units_sold_30d"].value == STOCK[sku][6]
        assert got["amazon_recommended_qty"].value == 100
        assert got["qty_difference"].value == exp["reorder_qty"] - 100
    # the four SKUs hit four different outcomes
    assert [_expected(s)["status"] for s in STOCK] == ["REORDER_SOON", "ORDER_NOW", "OVERSTOCK", None]
    assert plan["A-RED"]["reorder_qty"].value == 96  # 75 needed → 4 cases of 24

    # KPIs: returned and written into the Dashboard names
    expected_kpi = {"kpi_skus": 4, "kpi_reorder_now": 1, "kpi_reorder_soon": 1, "kpi_overstock": 1,
                    "kpi_reorder_units": 96 + _expected("B-BLUE")["reorder_qty"], "kpi_fee_risks": 0}
    assert {k: kpi[k] for k in expected_kpi} == expected_kpi
    assert {k: _kpi(wb, k) for k in expected_kpi} == expected_kpi

    # problems are visible in the Issues table
    issues = {(r["sku"].value, r["code"].value) for r in _rows(wb["Issues"], "Issues")}
    assert ("D-NOSALES", "NO_VELOCITY") in issues
    assert ("D-NOSALES", "NOT_IN_REPORT") in issues

    # the chart follows the renamed column and the table's rows
    chart = wb["Dashboard"]._charts[0]
    col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("days_of_cover")]
    assert [s.val.numRef.f for s in chart.series] == [f"'RestockPlan'!${col}$4:${col}${3 + len(STOCK)}"]


def test_injection_strings_land_as_text(inv_book, tmp_path):
    _prepare(inv_book, tmp_path)
    host = OpenpyxlHost.open(inv_book)
    refresh_inventory.refresh_inventory_at(host, host.read_settings(), AS_OF)
    host.save()
    wb = load_workbook(inv_book)
    names = {r["sku"].value: r["product_name"] for r in _rows(wb["RestockPlan"], "RestockPlan")}
    for sku, text in (("B-BLUE", HYPERLINK), ("C-GREEN", DDE), ("D-NOSALES", AT_SUM)):
        assert names[sku].value == text and names[sku].data_type == "s", sku
        assert names[sku].quotePrefix, sku
    for ws in (wb["RestockPlan"], wb["FeeRisks"], wb["Issues"], wb["MYI"], wb["Restock"]):
        formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == [], ws.title


def test_approve_survives_a_second_refresh(inv_book, tmp_path):
    _prepare(inv_book, tmp_path)
    host = OpenpyxlHost.open(inv_book)
    refresh_inventory.refresh_inventory_at(host, host.read_settings(), AS_OF)
    host.save()

    wb = load_workbook(inv_book)  # the operator approves A-RED and notes C-GREEN in Excel
    rows = {r["sku"].value: r for r in _rows(wb["RestockPlan"], "RestockPlan")}
    first_order = list(rows)
    rows["A-RED"]["approve"].value = "Y"
    rows["C-GREEN"]["note"].value = "hold: promo in April"
    wb.save(inv_book)

    host = OpenpyxlHost.open(inv_book)  # A-RED's lead time triples: it moves to ORDER_NOW, the rows reorder
    host.write_table("SkuSettings", pd.DataFrame([{"sku": "A-RED", **SKU_PARAMS["A-RED"], "lead_time_days": 90}]))
    refresh_inventory.refresh_inventory_at(host, host.read_settings(), AS_OF)
    host.save()

    rows = {r["sku"].value: r for r in _rows(load_workbook(inv_book)["RestockPlan"], "RestockPlan")}
    assert list(rows) != first_order
    assert rows["A-RED"]["status"].value == "ORDER_NOW"
    assert {s: r["approve"].value for s, r in rows.items()} == {"A-RED": "Y", "B-BLUE": None, "C-GREEN": None,
                                                               "D-NOSALES": None}
    assert {s: r["note"].value for s, r in rows.items()} == {"A-RED": None, "B-BLUE": None,
                                                            "C-GREEN": "hold: promo in April", "D-NOSALES": None}


def test_empty_workbook_refreshes_cleanly(inv_book):
    host = OpenpyxlHost.open(inv_book)
    kpi = refresh_inventory.refresh_inventory_at(host, host.read_settings(), AS_OF)
    host.save()
    assert kpi == {**dict.fromkeys(refresh_inventory.KPI_NAMES, 0), **dict.fromkeys(refresh_inventory.IPI_KPI_NAMES)}
    wb = load_workbook(inv_book)
    for name in refresh_inventory.KPI_NAMES:
        assert _kpi(wb, name) == 0, name
    for name in refresh_inventory.IPI_KPI_NAMES:
        assert _kpi(wb, name) is None, name
    for sheet in ("RestockPlan", "FeeRisks", "IPI", "Issues"):
        assert _rows(wb[sheet], sheet) == [], sheet
    host = OpenpyxlHost.open(inv_book)
    for table in ("RestockPlan", "FeeRisks", "IPI", "Issues"):
        assert host.read_table(table).empty
    bad = [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row
           if isinstance(c.value, str) and c.value.strip() in ERRORS]
    assert bad == []


# ------------------------------------------------------------------------------------------------
# Planning + Business Reports: 7/30/90-day velocity from overlapping reports, IPI estimates
# ------------------------------------------------------------------------------------------------

# sku: (asin, fulfillable, reserved, unsellable, afn listing exists)
VEL_MYI = {"PLAN-1": ("B0VEL00001", 400, 20, 5, "Yes"), "BR-2": ("B0VEL00002", 60, 0, 0, "No"),
           "BR-3": ("B0VEL00003", 0, 0, 0, "Yes")}
# planning (PLAN-1 only): units shipped t7 / t30 / t60 / t90
VEL_PLANNING = {"PLAN-1": (21, 90, 170, 240)}
# Business Reports by child item: (date from, date to) → units ordered per SKU; the three ranges overlap
VEL_BR = {
    (dt.date(2026, 2, 24), dt.date(2026, 3, 2)): {"PLAN-1": 35, "BR-2": 14},
    (dt.date(2026, 2, 1), dt.date(2026, 3, 2)): {"PLAN-1": 100, "BR-2": 45, "BR-3": 30},
    (dt.date(2025, 12, 3), dt.date(2026, 3, 2)): {"PLAN-1": 270, "BR-2": 180, "BR-3": 72},
}


def _velocity_reports(tmp_path: Path) -> list[Path]:
    import csv
    myi_rows = [{"sku": s, "fnsku": f"X00VEL{i}", "asin": a, "product-name": f"Product {s}", "condition": "New",
                 "your-price": "19.99", "mfn-listing-exists": "No", "afn-listing-exists": afn,
                 "afn-warehouse-quantity": ful + res + uns, "afn-fulfillable-quantity": ful,
                 "afn-unsellable-quantity": uns, "afn-reserved-quantity": res, "afn-total-quantity": ful + res + uns,
                 "per-unit-volume": "0.1", "afn-inbound-working-quantity": 0, "afn-inbound-shipped-quantity": 0,
                 "afn-inbound-receiving-quantity": 0}
                for i, (s, (a, ful, res, uns, afn)) in enumerate(VEL_MYI.items())]
    plan_rows = [{"snapshot-date": "2026-03-01", "sku": s, "fnsku": "X00VEL0", "asin": VEL_MYI[s][0],
                  "product-name": f"Product {s}", "condition": "New", "available": VEL_MYI[s][1],
                  "inv-age-0-to-90-days": 300, "inv-age-91-to-180-days": 80, "inv-age-181-to-270-days": 40,
                  "inv-age-271-to-365-days": 0, "inv-age-365-plus-days": 0, "currency": "USD",
                  "units-shipped-t7": t7, "units-shipped-t30": t30, "units-shipped-t60": t60,
                  "units-shipped-t90": t90, "your-price": "19.99", "inbound-quantity": 0, "reserved-quantity": 20,
                  "days-of-supply": "140"}
                 for s, (t7, t30, t60, t90) in VEL_PLANNING.items()]
    paths = [_write_tsv(tmp_path / "myi.txt", _header(FIX / "fba_myi" / "en.txt"), myi_rows),
             _write_tsv(tmp_path / "planning.txt", _header(FIX / "fba_planning" / "en.txt"), plan_rows)]
    header = next(csv.reader((FIX / "business_report_child" / "en-classic.csv").open(encoding="utf-8")))
    for (d0, d1), units in VEL_BR.items():
        path = tmp_path / f"BusinessReport-{d0:%Y%m%d}-{d1:%Y%m%d}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for s, u in units.items():
                row = dict.fromkeys(header, "0")
                row.update({"(Parent) ASIN": "B0VELPAREN", "(Child) ASIN": VEL_MYI[s][0], "Title": f"Product {s}",
                            "SKU": s, "Units Ordered": str(u), "Ordered Product Sales": f"${u * 19.99:,.2f}",
                            "Total Order Items": str(u)})
                w.writerow([row[h] for h in header])
        paths.append(path)
    return paths


def _expected_velocity(sku: str, w: int) -> float | None:
    """Planning t<w> first; else the Business Reports: among those with ≥ half their days inside the window,
    the pairwise-disjoint set covering most days (brute force), units ÷ days."""
    from itertools import combinations
    if sku in VEL_PLANNING:
        return VEL_PLANNING[sku][(7, 30, 60, 90).index(w)] / w
    start = AS_OF - dt.timedelta(days=w - 1)
    cand = [(d0, d1) for d0, d1 in VEL_BR
            if (min(d1, AS_OF) - max(d0, start)).days + 1 >= 0.5 * ((d1 - d0).days + 1)]
    best, best_days = (), 0
    for n in range(1, len(cand) + 1):
        for combo in combinations(cand, n):
            if all(a[1] < b[0] or b[1] < a[0] for a, b in combinations(combo, 2)):
                days = sum((d1 - d0).days + 1 for d0, d1 in combo)
                if days > best_days:
                    best, best_days = combo, days
    units = [VEL_BR[r][sku] for r in best if sku in VEL_BR[r]]
    return sum(units) / best_days if units else None


def test_velocity_from_planning_and_overlapping_business_reports(inv_book, tmp_path):
    host = OpenpyxlHost.open(inv_book)
    results = import_reports(host, _velocity_reports(tmp_path))
    assert [r.table for r in results] == ["MYI", "Planning", "BusinessReport", "BusinessReport", "BusinessReport"]
    assert [(r.date_from, r.date_to) for r in results[2:]] == list(VEL_BR)
    host.save()
    host = OpenpyxlHost.open(inv_book)
    kpi = refresh_inventory.refresh_inventory_at(host, host.read_settings(), AS_OF)
    host.save()

    wb = load_workbook(inv_book)
    plan = {r["sku"].value: r for r in _rows(wb["RestockPlan"], "RestockPlan")}
    assert set(plan) == set(VEL_MYI)
    for sku in VEL_MYI:
        for w in (7, 30, 90):
            exp, got = _expected_velocity(sku, w), plan[sku][f"units_per_day_{w}d"].value
            assert (got is None) if exp is None else got == pytest.approx(exp), (sku, w, got, exp)
        assert plan[sku]["velocity_window"].value == "30d"
        assert plan[sku]["daily_sales"].value == pytest.approx(_expected_velocity(sku, 30))
    # the hand-checked figures: no day counted twice (BR-2 90 d is 180 ÷ 90, not (14 + 45 + 180) ÷ 127)
    assert plan["BR-2"]["units_per_day_7d"].value == pytest.approx(2.0)
    assert plan["BR-2"]["units_per_day_30d"].value == pytest.approx(1.5)
    assert plan["BR-2"]["units_per_day_90d"].value == pytest.approx(2.0)
    assert plan["BR-3"]["units_per_day_7d"].value is None
    assert plan["PLAN-1"]["units_per_day_90d"].value == pytest.approx(240 / 90)
    assert "business_report" in plan["BR-2"]["velocity_source"].value
    assert plan["PLAN-1"]["velocity_source"].value.startswith("planning")

    # IPI, computed here from the inputs: on hand = MYI fulfillable + reserved; daily = 30-day velocity
    on_hand = {s: v[1] + v[2] for s, v in VEL_MYI.items()}
    daily = {s: _expected_velocity(s, 30) for s in VEL_MYI}
    excess = sum(max(0.0, on_hand[s] - DEFAULTS.excess_days * daily[s]) for s in VEL_MYI)
    shipped90 = {s: VEL_PLANNING[s][3] if s in VEL_PLANNING else _expected_velocity(s, 90) * 90 for s in VEL_MYI}
    fulfillable = {s: v[1] for s, v in VEL_MYI.items()}
    expected_ipi = {
        "excess_pct": (excess, sum(on_hand.values())),
        "sell_through_90d": (sum(shipped90.values()), sum(on_hand.values())),
        "stranded_pct": (sum(f for s, f in fulfillable.items() if VEL_MYI[s][4] == "No"), sum(fulfillable.values())),
        "unfulfillable_pct": (sum(v[3] for v in VEL_MYI.values()),
                              sum(on_hand.values()) + sum(v[3] for v in VEL_MYI.values())),
        "in_stock_rate_pct": (sum(d for s, d in daily.items() if on_hand[s] > 0), sum(daily.values())),
    }
    assert expected_ipi["excess_pct"] == (150, 480)  # PLAN-1: 420 − 90 × 3; BR-2: 60 < 90 × 1.5
    ipi = {r["metric"].value: r for r in _rows(wb["IPI"], "IPI")}
    assert set(ipi) == set(expected_ipi)
    for metric, (num, den) in expected_ipi.items():
        row = ipi[metric]
        assert row["numerator"].value == pytest.approx(num), metric
        assert row["denominator"].value == pytest.approx(den), metric
        assert row["value"].value == pytest.approx(num / den), metric
        assert row["label"].value == "ESTIMATE" and row["formula"].value, metric
    assert ipi["excess_pct"]["shown"].value == f"{150 / 480:.1%}"
    for name in refresh_inventory.IPI_KPI_NAMES:
        metric = name.replace("kpi_ipi_", "")
        num, den = expected_ipi[metric]
        assert kpi[name] == pytest.approx(num / den), name
        assert _kpi(wb, name) == pytest.approx(num / den), name

    # the planning age buckets feed the aged-inventory risk
    risks = {(r["sku"].value, r["risk"].value) for r in _rows(wb["FeeRisks"], "FeeRisks")}
    assert any(s == "PLAN-1" and r.startswith("aged") for s, r in risks), risks
    # the second Dashboard chart plots units to reorder
    titles = [c.title.tx.rich.p[0].r[0].t for c in wb["Dashboard"]._charts]
    assert any("Units to reorder" in t for t in titles), titles


def test_business_report_without_a_range_is_reported(inv_book, tmp_path):
    paths = _velocity_reports(tmp_path)
    single = tmp_path / "BusinessReport-3-2-26.csv"  # US UI name: the download date only
    single.write_bytes(paths[2].read_bytes())
    host = OpenpyxlHost.open(inv_book)
    import_reports(host, [paths[0], single])
    refresh_inventory.refresh_inventory_at(host, host.read_settings(), AS_OF)
    host.save()
    wb = load_workbook(inv_book)
    issues = [(r["code"].value, r["detail"].value) for r in _rows(wb["Issues"], "Issues")]
    assert any(c == "NO_DATE_RANGE" and "single date" in d for c, d in issues), issues
    plan = {r["sku"].value: r for r in _rows(wb["RestockPlan"], "RestockPlan")}
    assert plan["BR-2"]["units_per_day_7d"].value is None  # not used without a range


def test_refreshed_workbook_renders_without_errors(inv_book, tmp_path):
    from tests.workbooks.helpers import ERROR_VALUES, pdf_text, render_pdf
    host = OpenpyxlHost.open(inv_book)
    (tmp_path / "vel").mkdir()
    import_reports(host, _reports(tmp_path) + _velocity_reports(tmp_path / "vel")[1:])  # their MYI and ours
    host.write_table("SkuSettings", pd.DataFrame([{"sku": s, **p} for s, p in SKU_PARAMS.items()]))
    refresh_inventory.refresh_inventory_at(host, host.read_settings(), AS_OF)
    host.save()
    text = pdf_text(render_pdf(inv_book, tmp_path / "pdf"))
    bad = [e for e in ERROR_VALUES if e in text]
    assert bad == [], bad
    for word in ("ESTIMATE", "7-day avg", "A-RED", "BR-2", "Units to reorder"):
        assert word in text, word
