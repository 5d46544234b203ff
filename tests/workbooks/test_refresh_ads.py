"""Ads workbook refresh and ``xladdin export-bulksheet``, end to end through real report files.

Expected numbers are computed here, independently of xladdin.workbooks.ads_analysis: plain pandas group
sums and ratios over the rows the test writes into the report files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.workbooks.helpers import ERROR_VALUES, pdf_text, render_pdf
from xladdin import demo
from xladdin.cli import cli
from xladdin.workbooks import (  # refresh_ads registers "ads"
    OpenpyxlHost,
    refresh_ads,
    refresh_book,
)
from xladdin.workbooks.spec import FIRST_DATA_ROW

FIX = Path(__file__).resolve().parents[1] / "reports" / "fixtures"
BUSINESS = FIX / "business_report_child" / "en-classic.csv"

INJECT = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)"]

# (day, campaign, ad group, targeting, match type, search term, impressions, clicks, spend, sales, orders)
ROWS = [
    ("Sep 01, 2026", "SP_A_Auto", "Auto_All", "close-match", "-", "silicone spatula", 5000, 60, 48.00, 400.00, 12),
    ("Sep 01, 2026", "SP_A_Auto", "Auto_All", "close-match", "-", INJECT[0], 900, 30, 24.00, 0.0, 0),
    ("Sep 01, 2026", "SP_A_Auto", "Auto_All", "loose-match", "-", INJECT[1], 800, 25, 20.00, 0.0, 0),
    ("Sep 01, 2026", "SP_A_Exact", "Exact_Core", "silicone utensil set", "EXACT", "silicone utensil set",
     3000, 50, 60.00, 600.00, 15),
    ("Sep 02, 2026", "SP_A_Auto", "Auto_All", "close-match", "-", "silicone spatula", 4000, 40, 32.00, 300.00, 9),
    ("Sep 02, 2026", "SP_A_Auto", "Auto_All", "substitutes", "-", INJECT[2], 700, 20, 16.00, 0.0, 0),
    ("Sep 02, 2026", "SP_A_Exact", "Exact_Core", "silicone utensil set", "EXACT", "silicone utensil set",
     2000, 30, 36.00, 400.00, 10),
    ("Sep 02, 2026", "SP_A_Exact", "Exact_Core", "acme spatula", "BROAD", "acme spatula set", 500, 40, 30.00, 0.0, 0),
]
COLS = ["day", "campaign_name", "ad_group_name", "targeting", "match_type", "search_term", "impressions", "clicks",
        "spend", "sales", "orders"]
# What the rules give for these rows with default settings (negate after max(15, 1.5 × 295/46) clicks).
EXPECTED_ACTIONS = {"silicone spatula": "HARVEST", INJECT[0]: "NEGATE", INJECT[1]: "NEGATE", INJECT[2]: "NEGATE",
                    "silicone utensil set": "BID_UP", "acme spatula set": "WATCH"}

ST_HEADER = demo.ST_HEADER  # the console's 2022+ header row, one copy in the code base

IDS = {"SP_A_Auto": ("300000000000001", "400000000000001"), "SP_A_Exact": ("300000000000002", "400000000000002"),
       "SP_A_Auto - Exact": ("300000000000003", "400000000000003")}
KEYWORD_ID = "500000000000000002"  # 18 digits: exact only as text
BULK_HEADER = ["Product", "Entity", "Operation", "Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID", "Keyword ID",
               "Product Targeting ID", "Campaign Name", "Ad Group Name", "Campaign Name (Informational only)",
               "Ad Group Name (Informational only)", "State", "Bid", "Keyword Text", "Match Type",
               "Product Targeting Expression"]


def raw() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLS)


def _money(v: float) -> str:
    return f"${v:,.2f}"


def write_search_terms(path: Path) -> Path:
    out = []
    for r in raw().itertuples(index=False):
        ctr = r.clicks / r.impressions
        acos = f"{r.spend / r.sales:.2%}" if r.sales else ""
        roas = f"{r.sales / r.spend:.2f}"
        out.append([r.day, r.day, "", "USD", r.campaign_name, r.ad_group_name, "Amazon", "United States", r.targeting,
                    r.match_type, r.search_term, f"{r.impressions:,}", r.clicks, f"{ctr:.2%}",
                    _money(r.spend / r.clicks), _money(r.spend), _money(r.sales), acos, roas, r.orders, r.orders,
                    f"{r.orders / r.clicks:.2%}", r.orders, 0, _money(r.sales), "$0.00"])
    pd.DataFrame(out, columns=ST_HEADER).to_csv(path, index=False)
    return path


def write_bulk(path: Path) -> Path:
    from openpyxl import Workbook

    rows = []
    for camp, (cid, _) in IDS.items():
        rows.append(["Sponsored Products", "Campaign", "", cid, "", "", "", "", "", camp, "", camp, "", "enabled", "",
                     "", "", ""])
    for camp, (cid, gid) in IDS.items():
        grp = "Exact_Core" if camp == "SP_A_Exact" else "Auto_All"
        rows.append(["Sponsored Products", "Ad Group", "", cid, gid, "", "", "", "", "", grp, camp, grp, "enabled",
                     "", "", "", ""])
    cid, gid = IDS["SP_A_Exact"]
    rows.append(["Sponsored Products", "Keyword", "", cid, gid, "", "", KEYWORD_ID, "", "", "", "SP_A_Exact",
                 "Exact_Core", "enabled", 1.20, "silicone utensil set", "exact", ""])
    wb = Workbook()
    ws = wb.active
    ws.title = "Sponsored Products Campaigns"
    ws.append(BULK_HEADER)
    for r in rows:
        ws.append([v if v != "" else None for v in r])
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                c.data_type = "s"  # IDs as text cells, as Amazon writes them
    wb.save(path)
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "ads.xlsx"
    assert run("new", "ads", path).exit_code == 0
    r = run("import", path, write_search_terms(tmp_path / "st.csv"), BUSINESS, write_bulk(tmp_path / "bulk.xlsx"))
    assert r.exit_code == 0, r.output
    assert "sp_bulksheet -> Bulk" in r.output
    host = OpenpyxlHost.open(path)
    host.write_table("BrandTerms", pd.DataFrame({"brand_term": ["Acme"], "note": ["our brand"]}))
    refresh_book(host)
    host.save()
    return path


def _errors_in(path: Path) -> list[str]:
    wb = load_workbook(path)
    bad = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "e" or (isinstance(c.value, str) and c.value.startswith(ERROR_VALUES)):
                    bad.append(f"{ws.title}!{c.coordinate}={c.value!r}")
    return bad


def _sums(df: pd.DataFrame, key: str) -> pd.DataFrame:
    g = df.groupby(key)[["impressions", "clicks", "spend", "sales", "orders"]].sum()
    g = g.astype(float)
    den = g.replace(0.0, float("nan"))  # a ratio over 0 is undefined: a blank cell
    g["acos"] = g["spend"] / den["sales"]
    g["ctr"] = g["clicks"] / den["impressions"]
    g["cvr"] = g["orders"] / den["clicks"]
    g["cpc"] = g["spend"] / den["clicks"]
    g["roas"] = g["sales"] / den["spend"]
    return g


def _business_total() -> float:
    b = pd.read_csv(BUSINESS, dtype=str)
    col = b["Ordered Product Sales"].str.replace("$", "", regex=False).str.replace(",", "", regex=False)
    return float(col.astype(float).sum())


def _check_numbers(got: pd.DataFrame, exp: pd.DataFrame, key: str, cols: list[str]) -> None:
    got = got.set_index(key)
    assert sorted(got.index) == sorted(exp.index)
    for c in cols:
        for k in exp.index:
            if pd.isna(exp.at[k, c]):
                assert pd.isna(got.at[k, c]), (k, c)
            else:
                assert got.at[k, c] == pytest.approx(exp.at[k, c], rel=1e-9), (k, c)


def test_refresh_matches_independent_pandas(book):
    host = OpenpyxlHost.open(book)
    df = raw()

    camp = host.read_table("Campaigns")
    _check_numbers(camp, _sums(df, "campaign_name"), "campaign_name",
                   ["impressions", "clicks", "spend", "sales", "orders", "acos", "ctr", "cvr", "cpc", "roas"])
    assert list(camp["campaign_name"]) == ["SP_A_Auto", "SP_A_Exact"]  # largest spend first

    df["group"] = [m if m != "-" else "AUTO" for m in df["match_type"]]
    mts = host.read_table("MatchTypes")
    _check_numbers(mts, _sums(df, "group"), "match_type", ["impressions", "clicks", "spend", "sales", "orders",
                                                           "acos", "cpc"])
    assert list(mts["match_type"]) == ["EXACT", "BROAD", "AUTO"]

    tr = host.read_table("Trend")
    days = df.groupby("day")[["spend", "sales", "orders"]].sum()
    assert [d.date().isoformat() for d in tr["date"]] == ["2026-09-01", "2026-09-02"]
    assert tr["spend"].tolist() == pytest.approx(days["spend"].tolist())
    assert tr["acos"].tolist() == pytest.approx((days["spend"] / days["sales"]).tolist())

    acts = host.read_table("SearchTermActions")
    declared = list(refresh_ads.get_template("ads").table("SearchTermActions").keys)
    assert list(acts.columns) == declared and set(refresh_ads.ACTION_EXTRA) <= set(declared)
    assert dict(zip(acts["search_term"], acts["action"])) == EXPECTED_ACTIONS
    by_term = df.groupby("search_term")[["clicks", "spend", "sales", "orders"]].sum()
    a = acts.set_index("search_term")
    for term in EXPECTED_ACTIONS:
        for c in ("clicks", "spend", "sales", "orders"):
            assert a.at[term, c] == pytest.approx(by_term.at[term, c]), (term, c)
    for term in INJECT + ["acme spatula set"]:
        assert pd.isna(a.at[term, "acos"])  # no sales: a blank cell, not #DIV/0!
    assert bool(a.at["acme spatula set", "brand"]) and a.at["acme spatula set", "reason_code"] == "BRAND_NO_NEGATE"
    # IDs and the current bid come from the Bulk table.
    assert a.at["silicone utensil set", "keyword_id"] == KEYWORD_ID
    assert a.at["silicone utensil set", "current_bid"] == pytest.approx(1.20)
    assert a.at["silicone utensil set", "bid_source"] == "BULKSHEET"
    assert a.at["silicone utensil set", "suggested_bid"] > 1.20
    assert a.at["silicone spatula", "campaign_id"] == IDS["SP_A_Auto"][0]
    assert a.at["silicone spatula", "harvest_campaign_name"] == "SP_A_Auto - Exact"
    assert a.at["silicone spatula", "suggested_bid"] == pytest.approx(80 / 100, abs=0.01)

    spend, sales = df["spend"].sum(), df["sales"].sum()
    k = {n: host.read_named(n) for n in refresh_ads.KPI_NAMES}
    assert k["kpi_date_from"].date().isoformat() == "2026-09-01"
    assert k["kpi_date_to"].date().isoformat() == "2026-09-02"
    assert k["kpi_spend"] == pytest.approx(spend)
    assert k["kpi_sales"] == pytest.approx(sales)
    assert k["kpi_orders"] == df["orders"].sum()
    assert k["kpi_acos"] == pytest.approx(spend / sales)
    assert k["kpi_tacos"] == pytest.approx(spend / _business_total())
    assert k["kpi_actions"] == sum(v != "WATCH" for v in EXPECTED_ACTIONS.values())
    assert _errors_in(book) == []


def _type_approve(path: Path, values: dict[str, str]) -> None:
    """Type Approve values into SearchTermActions as an operator would (cells, not write_table)."""
    wb = load_workbook(path)
    ws = next(w for w in wb.worksheets if "SearchTermActions" in w.tables)
    header = [c.value for c in ws[FIRST_DATA_ROW - 1]]
    term_col, approve_col = header.index("search_term") + 1, header.index("approve") + 1
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        term = ws.cell(r, term_col).value
        if term in values:
            ws.cell(r, approve_col).value = values[term]
    wb.save(path)


def test_approve_survives_refresh_and_injection_stays_text(book):
    _type_approve(book, {INJECT[0]: "Y", "silicone spatula": "Y"})
    host = OpenpyxlHost.open(book)
    refresh_book(host)
    host.save()
    acts = OpenpyxlHost.open(book).read_table("SearchTermActions").set_index("search_term")
    assert acts.at[INJECT[0], "approve"] == "Y" and acts.at["silicone spatula", "approve"] == "Y"
    assert acts["approve"].isna().sum() == len(acts) - 2

    wb = load_workbook(book)
    for sheet in ("SearchTerms", "SearchTermActions"):
        cells = [c for row in wb[sheet].iter_rows() for c in row if c.value in INJECT]
        assert sorted({c.value for c in cells}) == sorted(INJECT), sheet
        assert all(c.data_type == "s" for c in cells), sheet
    assert _errors_in(book) == []


def test_export_bulksheet(book, tmp_path):
    _type_approve(book, {INJECT[0]: "Y", "silicone spatula": "Y", "silicone utensil set": "yes",
                         "acme spatula set": "Y"})
    before = book.read_bytes()
    out = tmp_path / "upload.xlsx"
    r = run("export-bulksheet", book, out)
    assert r.exit_code == 0, r.output
    assert "Negative keyword / Create: 2" in r.output
    assert "Keyword / Create: 1" in r.output and "Keyword / Update: 1" in r.output
    assert "NOTHING_TO_UPLOAD" in r.output and "acme spatula set" in r.output  # the approved WATCH row
    assert book.read_bytes() == before

    acts = OpenpyxlHost.open(book).read_table("SearchTermActions").set_index("search_term")
    wb = load_workbook(out)
    ws = wb["Sponsored Products Campaigns"]
    header = [c.value for c in ws[1]]
    got = [dict(zip(header, [c.value for c in row])) for row in ws.iter_rows(min_row=2)]
    auto_c, auto_g = IDS["SP_A_Auto"]
    h_c, h_g = IDS["SP_A_Auto - Exact"]
    ex_c, ex_g = IDS["SP_A_Exact"]

    def pick(r):
        return (r["Entity"], r["Operation"], r["Campaign ID"], r["Ad Group ID"], r["Keyword ID"], r["Keyword Text"],
                r["Match Type"], r["Bid"])

    harvest_bid = round(float(acts.at["silicone spatula", "suggested_bid"]), 2)
    new_bid = round(float(acts.at["silicone utensil set", "suggested_bid"]), 2)
    assert sorted(map(pick, got), key=str) == sorted([
        ("Negative keyword", "Create", auto_c, auto_g, None, "silicone spatula", "negativeExact", None),
        ("Keyword", "Create", h_c, h_g, None, "silicone spatula", "exact", harvest_bid),
        ("Negative keyword", "Create", auto_c, auto_g, None, INJECT[0], "negativeExact", None),
        ("Keyword", "Update", ex_c, ex_g, KEYWORD_ID, None, None, new_bid),
    ], key=str)
    assert all(r["Product"] == "Sponsored Products" and r["State"] == "enabled" for r in got)
    inj = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == INJECT[0]]
    assert len(inj) == 1 and inj[0].data_type == "s"

    # OUT exists: refused without --force; BOOK itself: refused even with --force.
    r = run("export-bulksheet", book, out)
    assert r.exit_code == 2 and "[FILE_EXISTS]" in r.output
    assert run("export-bulksheet", book, out, "--force").exit_code == 0
    r = run("export-bulksheet", book, book, "--force")
    assert r.exit_code == 2 and book.read_bytes() == before


def test_export_all_injection_terms(book, tmp_path):
    _type_approve(book, dict.fromkeys(INJECT, "Y"))
    out = tmp_path / "neg.xlsx"
    r = run("export-bulksheet", book, out)
    assert r.exit_code == 0, r.output
    ws = load_workbook(out)["Sponsored Products Campaigns"]
    col = [c.value for c in ws[1]].index("Keyword Text")
    cells = [row[col] for row in ws.iter_rows(min_row=2)]
    assert sorted(c.value for c in cells) == sorted(INJECT)
    assert all(c.data_type == "s" for c in cells)


def test_export_nothing_approved_or_only_problems(book, tmp_path):
    out = tmp_path / "none.xlsx"
    r = run("export-bulksheet", book, out)
    assert r.exit_code == 2 and "nothing to upload" in r.output and not out.exists()
    _type_approve(book, {"acme spatula set": "Y", "silicone spatula": "maybe"})
    r = run("export-bulksheet", book, out)
    assert r.exit_code == 2 and not out.exists()
    assert "NOTHING_TO_UPLOAD" in r.output and "NOT_APPROVAL" in r.output


def test_export_without_bulk_ids_reports_problems(tmp_path):
    path = tmp_path / "ads.xlsx"
    assert run("new", "ads", path).exit_code == 0
    assert run("import", path, write_search_terms(tmp_path / "st.csv")).exit_code == 0
    host = OpenpyxlHost.open(path)
    refresh_book(host)
    host.save()
    _type_approve(path, {INJECT[1]: "Y"})
    r = run("export-bulksheet", path, tmp_path / "out.xlsx")
    assert r.exit_code == 2
    assert "campaign_id" in r.output and "MISSING" in r.output


def test_empty_workbook_refreshes_cleanly(ads_book):
    host = OpenpyxlHost.open(ads_book)
    refresh_book(host)
    host.save()
    host = OpenpyxlHost.open(ads_book)
    for t in ("Campaigns", "MatchTypes", "Trend", "SearchTermActions"):
        assert host.read_table(t).empty, t
    k = {n: host.read_named(n) for n in refresh_ads.KPI_NAMES}
    assert k == {"kpi_date_from": None, "kpi_date_to": None, "kpi_spend": 0, "kpi_sales": 0, "kpi_orders": 0,
                 "kpi_acos": None, "kpi_tacos": None, "kpi_roas": None, "kpi_cpc": None, "kpi_ctr": None,
                 "kpi_cvr": None, "kpi_broad_share": None, "kpi_broad_flag": None, "kpi_actions": 0}
    assert _errors_in(ads_book) == []
    # A second refresh of the empty book is just as clean.
    refresh_book(host)
    host.save()
    assert _errors_in(ads_book) == []


# --- issue 4 dashboard: shares by match type, broad flag, KPIs, per-campaign target ACoS ------------------------
SKU_ROWS = [  # (sku, campaign, ad group, price, cogs, fba_fee, referral_fee, typed target ACoS)
    ("SKU-AUTO", "SP_A_Auto", "Auto_All", 25.0, 6.0, 5.0, 3.75, None),
    ("SKU-EXACT", "SP_A_Exact", "Exact_Core", 30.0, 8.0, 5.5, 4.5, 0.50),
]
CAMPAIGN_TARGET = 0.20  # CampaignTargets row for SP_A_Exact: wins over SKU-EXACT's typed 0.50
BROAD_LIMIT = 0.10  # BROAD has 30 / 266 = 11.3 % of spend: over this limit, under the default 50 %


def write_bulk_with_product_ads(path: Path) -> Path:
    """The Bulk download plus a SKU column and one Product Ad row per SKU (links SKUs to ad groups)."""
    write_bulk(path)
    wb = load_workbook(path)
    ws = wb["Sponsored Products Campaigns"]
    ws.cell(1, len(BULK_HEADER) + 1, "SKU")
    for sku, camp, grp, *_ in SKU_ROWS:
        cid, gid = IDS[camp]
        ws.append(["Sponsored Products", "Product Ad", None, cid, gid, None, None, None, None, None, None, camp, grp,
                   "enabled", None, None, None, None, sku])
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                c.data_type = "s"
    wb.save(path)
    return path


@pytest.fixture
def targets_book(tmp_path):
    path = tmp_path / "ads_targets.xlsx"
    assert run("new", "ads", path).exit_code == 0
    r = run("import", path, write_search_terms(tmp_path / "st.csv"), BUSINESS,
            write_bulk_with_product_ads(tmp_path / "bulk.xlsx"))
    assert r.exit_code == 0, r.output
    host = OpenpyxlHost.open(path)
    host.write_table("BrandTerms", pd.DataFrame({"brand_term": ["Acme"], "note": ["our brand"]}))
    host.write_table("SkuCosts", pd.DataFrame(
        [(sku, price, cogs, fba, ref, tgt) for sku, _, _, price, cogs, fba, ref, tgt in SKU_ROWS],
        columns=["sku", "price", "cogs", "fba_fee", "referral_fee", "target_acos"]))
    host.write_table("CampaignTargets", pd.DataFrame({"campaign_name": ["SP_A_Exact", "Not a campaign"],
                                                      "target_acos": [CAMPAIGN_TARGET, 0.9],
                                                      "note": ["core exact", "no such campaign: unused"]}))
    host.write_settings({"broad_spend_share_max": BROAD_LIMIT})
    refresh_book(host)
    host.save()
    return path


def _groups(df: pd.DataFrame) -> pd.DataFrame:
    df = df.assign(group=[m if m != "-" else "AUTO" for m in df["match_type"]])
    g = _sums(df, "group")
    g["spend_share_pct"] = g["spend"] / g["spend"].sum()
    g["sales_share_pct"] = g["sales"] / g["sales"].sum()
    return g


@pytest.mark.parametrize("limit", [None, BROAD_LIMIT])
def test_match_type_shares_broad_flag_and_kpis(book, targets_book, limit):
    path = book if limit is None else targets_book
    limit_v = 0.5 if limit is None else limit  # Settings default broad_spend_share_max
    host = OpenpyxlHost.open(path)
    assert host.read_settings().broad_spend_share_max == limit_v
    df = raw()
    exp = _groups(df)
    exp["broad_over_limit"] = (exp.index == "BROAD") & (exp["spend_share_pct"] > limit_v)
    mts = host.read_table("MatchTypes")
    assert list(mts.columns) == list(refresh_ads.get_template("ads").table("MatchTypes").keys)
    _check_numbers(mts, exp, "match_type", ["impressions", "clicks", "spend", "sales", "orders", "acos", "roas",
                                            "cpc", "ctr", "cvr", "spend_share_pct", "sales_share_pct"])
    flags = dict(zip(mts["match_type"], mts["broad_over_limit"]))
    assert flags == {k: bool(v) for k, v in exp["broad_over_limit"].items()}
    assert flags["BROAD"] is (limit is not None) and not flags["AUTO"] and not flags["EXACT"]

    camp = host.read_table("Campaigns")
    ce = _sums(df, "campaign_name")
    ce["spend_share_pct"] = ce["spend"] / ce["spend"].sum()
    ce["tacos_contribution_pct"] = ce["spend"] / _business_total()
    _check_numbers(camp, ce, "campaign_name", ["spend_share_pct", "tacos_contribution_pct", "roas"])
    assert camp["tacos_contribution_pct"].sum() == pytest.approx(df["spend"].sum() / _business_total())

    t = df[["impressions", "clicks", "spend", "sales", "orders"]].sum()
    broad = df.loc[df["match_type"] == "BROAD", "spend"].sum() / t["spend"]
    k = {n: host.read_named(n) for n in refresh_ads.KPI_NAMES}
    assert k["kpi_roas"] == pytest.approx(t["sales"] / t["spend"])
    assert k["kpi_cpc"] == pytest.approx(t["spend"] / t["clicks"])
    assert k["kpi_ctr"] == pytest.approx(t["clicks"] / t["impressions"])
    assert k["kpi_cvr"] == pytest.approx(t["orders"] / t["clicks"])
    assert k["kpi_broad_share"] == pytest.approx(broad) and broad == pytest.approx(30 / 266)
    assert k["kpi_broad_flag"] == (refresh_ads.BROAD_HIGH if broad > limit_v else refresh_ads.BROAD_OK)
    assert k["kpi_broad_flag"] == ("过高 / HIGH" if limit else "正常 / OK")
    assert _errors_in(path) == []


def test_target_acos_per_campaign_then_sku_breakeven_then_settings(book, targets_book):
    acts = OpenpyxlHost.open(targets_book).read_table("SearchTermActions").set_index("search_term")
    # SP_A_Exact: the CampaignTargets row wins over the SKU's typed target (0.50) and its break-even.
    for term in ("silicone utensil set", "acme spatula set"):
        assert acts.at[term, "target_acos"] == pytest.approx(CAMPAIGN_TARGET), term
        assert acts.at[term, "target_source"] == "CAMPAIGN", term
    # BID_UP's threshold is the target × (1 − bid_tolerance): the campaign target is the one applied.
    assert acts.at["silicone utensil set", "action"] == "BID_UP"
    assert acts.at["silicone utensil set", "threshold"] == pytest.approx(CAMPAIGN_TARGET * (1 - 0.10))
    # SP_A_Auto: no campaign row, no typed SKU target → break-even ACoS − acos_buffer (0.05).
    _, _, _, price, cogs, fba, ref, _ = SKU_ROWS[0]
    breakeven = (price - cogs - fba - ref) / price
    for term in ("silicone spatula", *INJECT):
        assert acts.at[term, "target_acos"] == pytest.approx(breakeven - 0.05), term
        assert acts.at[term, "target_source"] == "BREAKEVEN", term
    assert dict(zip(acts.index, acts["action"])) == EXPECTED_ACTIONS  # targets move no decision here
    # The CampaignTargets row removed: SKU-EXACT's typed target (0.50) comes next, before its break-even.
    host = OpenpyxlHost.open(targets_book)
    host.write_table("CampaignTargets", pd.DataFrame({"campaign_name": [], "target_acos": [], "note": []}))
    refresh_book(host)
    again = host.read_table("SearchTermActions").set_index("search_term")
    assert again.at["silicone utensil set", "target_acos"] == pytest.approx(SKU_ROWS[1][-1])
    assert again.at["silicone utensil set", "target_source"] == "SKU"
    assert again.at["silicone spatula", "target_source"] == "BREAKEVEN"
    # Without CampaignTargets, SkuCosts or Product Ad rows: the Settings target for every row.
    plain = OpenpyxlHost.open(book).read_table("SearchTermActions")
    assert set(plain["target_source"]) == {"SETTINGS"}
    assert plain["target_acos"].tolist() == pytest.approx([0.30] * len(plain))


def test_settings_sheet_holds_every_key_the_refresh_uses(targets_book):
    keys = set(OpenpyxlHost.open(targets_book).read_table("Settings")["key"])
    assert {"target_acos", "acos_buffer", "negate_min_clicks", "negate_clicks_factor", "harvest_min_orders",
            "bid_step_max", "bid_tolerance", "min_clicks_for_bid", "broad_spend_share_max",
            "harvest_campaign_name", "harvest_ad_group_name"} <= keys


def test_every_written_column_is_declared_with_labels(targets_book):
    spec = refresh_ads.get_template("ads")
    wb = load_workbook(targets_book)
    for name in ("Campaigns", "MatchTypes", "Trend", "SearchTermActions", "CampaignTargets"):
        t = spec.table(name)
        ws = wb[t.sheet]
        header = [c.value for c in ws[FIRST_DATA_ROW - 1] if c.value is not None]
        assert header == list(t.keys), name  # nothing written beyond the declared columns
        for j, col in enumerate(t.columns, start=1):
            assert ws.cell(FIRST_DATA_ROW - 2, j).value == f"{col.zh}\n{col.en}", (name, col.key)


def test_refreshed_dashboard_renders_without_error_values(targets_book, tmp_path):
    text = pdf_text(render_pdf(targets_book, tmp_path))
    assert not [e for e in ERROR_VALUES if e in text]
    for label in ("ROAS", "CPC", "CTR", "CVR", "Broad share", "Broad check", "过高 / HIGH", "Spend share",
                  "Broad over limit", "Target ACoS"):
        assert label in text, label


def test_negate_as_typed_by_the_operator_survives_refresh_and_drives_the_export(book, tmp_path):
    wb = load_workbook(book)
    ws = next(w for w in wb.worksheets if "SearchTermActions" in w.tables)
    header = [c.value for c in ws[FIRST_DATA_ROW - 1]]
    term_col, ap_col, neg_col = (header.index(k) + 1 for k in ("search_term", "approve", "negate_as"))
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        if ws.cell(r, term_col).value == INJECT[0]:
            ws.cell(r, ap_col).value, ws.cell(r, neg_col).value = "Y", "活动词组"  # campaign phrase, in Chinese
    wb.save(book)
    host = OpenpyxlHost.open(book)
    refresh_book(host)
    host.save()
    acts = OpenpyxlHost.open(book).read_table("SearchTermActions").set_index("search_term")
    assert acts.at[INJECT[0], "negate_as"] == "活动词组" and acts["negate_as"].notna().sum() == 1
    out = tmp_path / "upload.xlsx"
    assert run("export-bulksheet", book, out).exit_code == 0
    ws = load_workbook(out)["Sponsored Products Campaigns"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in ws.iter_rows(min_row=2)]
    auto_c, _ = IDS["SP_A_Auto"]
    assert [(r["Entity"], r["Campaign ID"], r["Ad Group ID"], r["Keyword Text"], r["Match Type"]) for r in rows] == [
        ("Campaign negative keyword", auto_c, None, INJECT[0], "negativePhrase")]
