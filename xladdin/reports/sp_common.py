"""Shared alias tables and checks of the Sponsored Products families (no family of its own).

The console reports (search term, targeting, campaign, advertised product), the Ads API v3 columns and the
bulksheet tabs share their metric columns.  Spellings come from amazon-reports.md §3 / §4 and from the real
exports described in ``shared/real-exports/SOURCES.md``; each spelling is written as Amazon writes it
(``header_key`` folds case, spaces, NBSP, dashes, ``(#)`` and currency qualifiers).

Attribution windows.  The seller console writes ``7 Day …`` columns, the 14-day variant (vendors, SB/SD and
an Amazon.in file of 2020) ``14 Day …``; a console file has one window, so every window maps to the same
canonical column and :func:`note_attribution` records which one it was.  The Ads API can return several
windows in one object (``sales1d``, ``sales7d``, ``sales14d``…): there ``…7d`` is the canonical column and the
other windows get their own ``…_1d`` / ``…_14d`` / ``…_30d`` columns, so a window is never picked by position.

``Brand Halo ASIN`` (the vendor wording of the 14-day variant) is Amazon's name for what sellers see as
``Other SKU``: the same metric (purchases of other products of the brand after an ad click).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from xladdin.reports.base import Col, Context
from xladdin.reports.headers import header_key
from xladdin.reports.marked import parse_marked  # noqa: F401  (re-exported for the ads families)

WINDOWS = (7, 14, 1, 30)  # console attribution windows; 7 first (the SP seller console's)


def _win(templates: list[str], windows=WINDOWS) -> list[str]:
    return [t.format(d=d) for t in templates for d in windows]


# --- keys -------------------------------------------------------------------------------------------------
def date_cols() -> list[Col]:
    return [
        Col("start_date", "date", en="Start Date", zh="开始日期", de="Startdatum", api="startDate", core=True),
        Col("end_date", "date", en="End Date", zh="结束日期", de="Enddatum", api="endDate", core=True),
        # Daily layout (legacy 2019-2022 console, Ads API timeUnit=DAILY): one Date column.  Copied into
        # start_date / end_date by :func:`daily_to_range`; zh "日期" is INFERRED (amazon-reports.md §3.6).
        Col("date", "date", en="Date", zh="日期", de="Datum", api="date"),
    ]


def portfolio(core: bool = True) -> Col:
    return Col("portfolio", "text", en=["Portfolio name", "Portfolio"], zh="广告组合名称", de="Portfolioname",
               api="portfolioName", core=core)


def currency() -> Col:
    return Col("currency", "text", en="Currency", zh="货币", de="Währung", api="campaignBudgetCurrencyCode")


def campaign_name(core: bool = True) -> Col:
    return Col("campaign_name", "text", en="Campaign Name", zh="广告活动名称",
               de=["Kampagnen-Name", "Kampagnenname"], api="campaignName", core=core)


def ad_group_name(core: bool = True) -> Col:
    return Col("ad_group_name", "text", en="Ad Group Name", zh="广告组名称",
               de=["Anzeigengruppenname", "Name der Anzeigengruppe"], api="adGroupName", core=core)


def retailer_country() -> list[Col]:
    # German spellings of Retailer / Country were not found (amazon-reports.md §10): none listed.
    return [Col("retailer", "text", en="Retailer", zh="零售商"),
            Col("country", "text", en="Country", zh="国家/地区")]


def targeting(core: bool = True) -> Col:
    # de "Ausrichtung": real German search term export (SOURCES.md #4).
    return Col("targeting", "text", en="Targeting", zh="投放", de="Ausrichtung", api="targeting", core=core)


def match_type(core: bool = True) -> Col:
    # "Target match type": 2025 unified console export (PARTIAL, amazon-reports.md §3.8).
    return Col("match_type", "text", en=["Match Type", "Target match type"], zh="匹配类型",
               de="Übereinstimmungstyp", api="matchType", core=core)


def search_term(core: bool = True) -> Col:
    return Col("search_term", "text", en="Customer Search Term", zh="客户搜索词",
               de=["Suchbegriff des Kunden", "Suchbegriff eines Kunden"], api=["searchTerm", "searchTerm.value"],
               core=core)


def api_ids() -> list[Col]:
    """Ads API v3 key columns (language-neutral ids; IDs are always text)."""
    return [
        Col("campaign_id", "id", api="campaignId"),
        Col("ad_group_id", "id", api="adGroupId"),
        Col("keyword_id", "id", api="keywordId"),
        Col("target_id", "id", api="targetId"),
        Col("ad_id", "id", api="adId"),
        Col("portfolio_id", "id", api="portfolioId"),
        Col("keyword", "text", api="keyword"),
        Col("keyword_type", "text", api="keywordType"),
        Col("keyword_bid", "money", api="keywordBid"),
        Col("ad_keyword_status", "text", api="adKeywordStatus"),
        Col("campaign_status", "text", api="campaignStatus"),
        Col("campaign_budget_type", "text", api="campaignBudgetType"),
        Col("campaign_budget_amount", "money", api="campaignBudgetAmount"),
    ]


# --- metrics ----------------------------------------------------------------------------------------------
def traffic_cols(*, core: bool = True) -> list[Col]:
    return [
        Col("impressions", "int", en="Impressions", zh=["展示量", "展现量"], de="Impressionen", api="impressions",
            core=core),
        Col("clicks", "int", en="Clicks", zh="点击量", de="Klicks", api="clicks", core=core),
        Col("ctr", "pct", en=["Click-Thru Rate (CTR)", "Click-through Rate", "CTR"], zh=["点击率 (CTR)", "点击率"],
            de=["Klickrate (CTR)", "Klickrate"], api="clickThroughRate"),
        Col("cpc", "money", en=["Cost Per Click (CPC)", "Cost-Per-Click (CPC)", "CPC"],
            zh=["单次点击成本 (CPC)", "每次点击成本(CPC)"], de=["Kosten pro Klick (CPC)", "CPC"], api="costPerClick"),
        # "Total cost": 2025 unified console (PARTIAL); "广告主总成本": newer Chinese variant (§3.6).
        Col("spend", "money", en=["Spend", "Total cost"], zh=["花费", "广告主总成本"], de="Ausgaben",
            api=["cost", "spend"], core=core),
    ]


def sales_cols(*, core: bool = True, with_units_split: bool = True) -> dict[str, Col]:
    """Attributed sales metrics by canonical name (callers put them in their report's column order)."""
    cols = {
        "sales": Col("sales", "money", en=_win(["{d} Day Total Sales"]) + ["Sales"],
                     zh=_win(["{d}天总销售额", "{d} 天内的总销售额"]),
                     de=_win(["{d} Tage, Umsatz gesamt"]) + ["Verkäufe"], api="sales7d", core=core),
        "acos": Col("acos", "pct", en=["Total Advertising Cost of Sales (ACOS)", "ACOS"],
                    zh=["广告投入产出比 (ACOS) 总计", "广告成本销售比(ACoS)"],
                    de=["Zugeschriebene Umsatzkosten (ACOS) gesamt", "Gesamtumsatzkosten für Werbung (ACOS)", "ACOS"],
                    api="acosClicks7d"),
        "roas": Col("roas", "float", en=["Total Return on Advertising Spend (ROAS)", "ROAS"],
                    zh=["总广告投资回报率 (ROAS)", "投入产出比(RoAS)"],
                    de=["Gesamte Rentabilität der Anzeigenkosten (ROAS)",
                        "Gesamtrendite von Werbeausgaben (Return on Advertising Spend, ROAS)", "ROAS"],
                    api="roasClicks7d"),
        "orders": Col("orders", "int", en=_win(["{d} Day Total Orders"]) + ["Orders", "Purchases"],
                      zh=_win(["{d}天总订单数", "{d} 天内的总订单数"]),
                      de=_win(["{d} Tage, Aufträge gesamt"]) + ["Bestellungen"], api="purchases7d", core=core),
        "units": Col("units", "int", en=_win(["{d} Day Total Units"]) + ["Units"], zh=_win(["{d}天总销售量"]),
                     de=_win(["{d} Tage, Einheiten gesamt"]) + ["Einheiten"], api="unitsSoldClicks7d", core=core),
        "cvr": Col("cvr", "pct", en=_win(["{d} Day Conversion Rate"]) + ["Conversion Rate"], zh=_win(["{d}天的转化率"]),
                   de=_win(["{d}-Tage-Konversionsrate"]) + ["Conversion-Rate"]),
    }
    if with_units_split:
        cols.update({
            "advertised_sku_units": Col(
                "advertised_sku_units", "int",
                en=_win(["{d} Day Advertised SKU Units", "{d} Day Advertised ASIN Units"]),
                zh=_win(["{d}天内广告SKU销售量"]), de=_win(["{d} Tage, Beworbene SKU-Einheiten"]),
                api="unitsSoldSameSku7d"),
            "other_sku_units": Col(
                "other_sku_units", "int", en=_win(["{d} Day Other SKU Units", "{d} Day Brand Halo ASIN Units"]),
                zh=_win(["{d}天内其他SKU销售量"]), de=_win(["{d} Tage, Andere SKU-Einheiten"]),
                api="unitsSoldOtherSku7d"),
            "advertised_sku_sales": Col(
                "advertised_sku_sales", "money",
                en=_win(["{d} Day Advertised SKU Sales", "{d} Day Advertised ASIN Sales"]),
                zh=_win(["{d}天内广告SKU销售额"]), de=_win(["{d} Tage, Beworbene SKU-Umsätze"]),
                api="attributedSalesSameSku7d", core=core),
            "other_sku_sales": Col(
                "other_sku_sales", "money", en=_win(["{d} Day Other SKU Sales", "{d} Day Brand Halo ASIN Sales"]),
                zh=_win(["{d}天内其他SKU销售额"]), de=_win(["{d} Tage, Andere SKU-Umsätze"]),
                api="salesOtherSku7d", core=core),
        })
    return cols


def api_window_cols() -> list[Col]:
    """Ads API metrics of the non-7-day windows, each in its own column (never mixed with the 7-day ones)."""
    out = [Col("advertised_sku_orders", "int", api="purchasesSameSku7d")]
    for d in (1, 14, 30):
        out += [
            Col(f"sales_{d}d", "money", api=f"sales{d}d"),
            Col(f"orders_{d}d", "int", api=f"purchases{d}d"),
            Col(f"units_{d}d", "int", api=f"unitsSoldClicks{d}d"),
            Col(f"advertised_sku_sales_{d}d", "money", api=f"attributedSalesSameSku{d}d"),
            Col(f"advertised_sku_units_{d}d", "int", api=f"unitsSoldSameSku{d}d"),
            Col(f"advertised_sku_orders_{d}d", "int", api=f"purchasesSameSku{d}d"),
        ]
    out += [Col("acos_14d", "pct", api="acosClicks14d"), Col("roas_14d", "float", api="roasClicks14d")]
    return out


# --- finish helpers ---------------------------------------------------------------------------------------
_WINDOW_RE = re.compile(r"^(\d{1,2})(?:day|tage|天)")


def note_attribution(frame: pd.DataFrame, ctx: Context) -> None:
    """Record the attribution window of the sales columns (``7 Day Total Sales`` → 7) in the metadata."""
    src = ctx.meta.columns.get("sales") or ctx.meta.columns.get("orders")
    if not src:
        return
    key = header_key(src)[0]
    m = _WINDOW_RE.match(key)
    if m:
        ctx.meta.notes.append(f"attribution window: {m.group(1)} days (from header {src!r})")
    else:
        m = re.fullmatch(r"(?:sales|purchases)(\d+)d", key)
        if m:
            ctx.meta.notes.append(f"attribution window: {m.group(1)} days (Ads API column {src!r})")


def promote_api_window(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """An Ads API file with only one non-7-day window (``sales14d`` …): use it for the canonical columns."""
    if "sales" in ctx.meta.columns:
        return frame
    present = [d for d in (14, 30, 1) if f"sales_{d}d" in ctx.meta.columns]
    if len(present) != 1:
        return frame
    d = present[0]
    for base in ("sales", "orders", "units", "advertised_sku_sales", "advertised_sku_units", "advertised_sku_orders"):
        src = f"{base}_{d}d"
        if src in frame.columns and src in ctx.meta.columns:
            frame[base] = frame.pop(src)
            ctx.meta.columns[base] = ctx.meta.columns.pop(src)
            if base in ctx.meta.missing:
                ctx.meta.missing.remove(base)
    ctx.meta.notes.append(f"Ads API file without 7-day columns: its {d}-day columns fill sales, orders, units")
    return frame


def daily_to_range(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Daily layout (single ``Date`` column): copy it into ``start_date`` and ``end_date``, drop ``date``."""
    if "date" not in frame.columns:
        return frame
    has_start = "start_date" in ctx.meta.columns
    has_end = "end_date" in ctx.meta.columns
    if not has_start:
        frame["start_date"] = frame["date"]
        ctx.meta.columns["start_date"] = ctx.meta.columns["date"]
    if not has_end:
        frame["end_date"] = frame["date"]
        ctx.meta.columns["end_date"] = ctx.meta.columns["date"]
    for c in ("start_date", "end_date"):
        if c in ctx.meta.missing:
            ctx.meta.missing.remove(c)
    if not (has_start and has_end):
        ctx.meta.notes.append("daily layout: the Date column was copied into start_date and end_date")
        frame = frame.drop(columns=["date"])
        ctx.meta.columns.pop("date", None)
    return frame


def _floats(col: pd.Series) -> np.ndarray:
    return col.to_numpy(dtype="float64", na_value=np.nan)


def _ratio(num: pd.Series, den: pd.Series) -> np.ndarray:
    n, d = _floats(num), _floats(den)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d > 0, n / d, np.nan)


def fix_percent_scale(frame: pd.DataFrame, ctx: Context, col: str, num: str, den: str) -> None:
    """A percent column written as whole numbers (16.7 for 16.7 %) is divided by 100, with a note.

    The Chinese operator guide says percentage columns are "sometimes whole numbers"
    (amazon-reports.md §3.6) and the Ads API's scale is unverified (§3.9).  The canonical value is a
    fraction; the scale is decided from the data, not guessed: when the column can be recomputed
    (ctr = clicks / impressions, cvr = orders / clicks, acos = spend / sales) and the given values are
    100 × the recomputed ones on nearly every row, the column was in percent.
    """
    if col not in frame.columns or num not in frame.columns or den not in frame.columns:
        return
    given = _floats(frame[col])
    calc = _ratio(frame[num], frame[den])
    ok = np.isfinite(given) & np.isfinite(calc) & (calc > 0) & (given > 0)
    if ok.sum() < 3:
        return
    r = given[ok] / calc[ok]
    near100 = np.abs(r / 100.0 - 1.0) < 0.05
    if near100.mean() >= 0.9:
        frame[col] = given / 100.0
        ctx.meta.notes.append(f"{col}: the file writes percentages as whole numbers (16.7 for 16.7%); "
                              f"divided by 100 (checked against {num} / {den})")


def apply_checks(frame: pd.DataFrame, ctx: Context) -> None:
    fix_percent_scale(frame, ctx, "ctr", "clicks", "impressions")
    fix_percent_scale(frame, ctx, "cvr", "orders", "clicks")
    fix_percent_scale(frame, ctx, "acos", "spend", "sales")


_ASIN_TERM = r"^[bB]0[0-9A-Za-z]{8}$"


def upper_asin_terms(frame: pd.DataFrame, col: str = "search_term") -> None:
    """Search terms that are ASINs come in lower case (``b0cxxxxxxx``): upper-case them for joins."""
    if col not in frame.columns:
        return
    arr = pa.array(frame[col], type=pa.string(), from_pandas=True)
    hit = pc.match_substring_regex(arr, _ASIN_TERM)  # RE2 over Arrow: ~2 ms for 200,000 rows
    if pc.any(hit).as_py():
        frame[col] = pd.array(pc.if_else(hit, pc.utf8_upper(arr), arr), dtype="str")


def finish_console(frame: pd.DataFrame, ctx: Context, *, marked: tuple[str, ...] = ()) -> pd.DataFrame:
    """The finishing steps every console / Ads API report shares: daily rows as ranges, the API's
    attribution window promoted, the window noted, ``<5%``-style percent columns parsed, checks run."""
    frame = daily_to_range(frame, ctx)
    frame = promote_api_window(frame, ctx)
    note_attribution(frame, ctx)
    for col in marked:
        parse_marked(frame, ctx, col, "pct")
    apply_checks(frame, ctx)
    return frame
