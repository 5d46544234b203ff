"""Quarterly SKU review (季度复盘), pure pandas: per-SKU revenue, contribution, margin, ad spend, TACoS, CVR
against the category average, KEEP / FIX / CUT with reasons and money impact, ABC classes.

No metric is computed here twice: contribution share, SKU_KEEP and the decision come from
:mod:`xladdin.core.sku`, TACoS and CVR from :mod:`xladdin.core.ads`, gross margin from
:func:`xladdin.core.fees.margin`; overlapping Business Reports are resolved by
:func:`xladdin.workbooks.inventory_analysis.best_intervals` (the subset of non-overlapping reports covering
the most days — the same rule the inventory velocity uses), so no day is counted twice.

Definitions (also on the workbook's Guide sheet):

* revenue = Business Report ordered product sales; units = units ordered; sessions = sessions;
* gross profit = revenue − units × (COGS + Amazon fees per unit, from SkuCosts); gross margin = ÷ revenue;
* ad spend = the advertised-product report's spend (SKU from ``advertised_sku``, else the Business
  Report's ASIN → SKU map); TACoS = ad spend ÷ revenue; profit after ads = gross profit − ad spend;
* CVR = units ÷ sessions (Amazon's unit session percentage); the category CVR is the CategoryCvr table's
  value for the SKU's category, else the sessions-weighted CVR of the account's SKUs in that category
  (SKUs without a category form one group, "(none)");
* ABC: ranked by revenue (descending, ties by SKU); **A** when the share ranked above the SKU is < 80 %,
  **B** when < 95 %, else **C** (cut-offs: Settings ``abc_a_share`` / ``abc_b_share``); a SKU without
  revenue is C;
* money impact (quarterly profit change of carrying out the decision): CUT = −profit after ads (the
  SKU and its ads stop: a loss-maker's cut is a gain); FIX because of margin = revenue × (min margin −
  margin), the gross profit gained at the threshold margin; KEEP and FIX because of contribution = 0.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from xladdin.core import ads as core_ads
from xladdin.core import fees as core_fees
from xladdin.core import sku as core_sku
from xladdin.core.computed import Computed
from xladdin.settings import DEFAULTS
from xladdin.workbooks.inventory_analysis import PROBLEM_COLUMNS, best_intervals, cell_date
from xladdin.workbooks.quarterly_compare import last_quarter_rows

NO_CATEGORY = "(none)"
REVIEW_COLUMNS = [
    "rank", "sku", "abc_class", "revenue", "contribution_share", "cumulative_share", "gross_margin", "ad_spend",
    "tacos", "cvr", "category_cvr", "sku_keep", "decision", "money_impact", "last_decision", "decision_changed",
    "reason", "impact_note", "title", "category", "units", "sessions", "cogs_total", "fees_total", "gross_profit",
    "profit_after_ads", "ad_sales", "cvr_gap"]


def _keys(s: pd.Series) -> pd.Series:
    return s.astype("string").str.strip().fillna("").astype(object)


def _num(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype=float)
    return pd.to_numeric(df[col], errors="coerce").astype(float)


def _ok(c: Computed) -> np.ndarray:
    """The values of a core result with error rows (and ±inf) as NaN."""
    v = np.atleast_1d(np.array(c.values, dtype=float))
    if c.errors is not None:
        v[np.asarray(c.errors) != 0] = np.nan
    v[~np.isfinite(v)] = np.nan
    return v


def choose_reports(reports: list[tuple[pd.DataFrame, dt.date, dt.date]], problems: list[dict[str, str]]
                   ) -> tuple[pd.DataFrame | None, dt.date | None, dt.date | None, int]:
    """The non-overlapping reports covering the most days, concatenated: (rows, first day, last day, days).

    Reports left out because they overlap a chosen one are listed in ``problems`` (OVERLAP)."""
    if not reports:
        return None, None, None, 0
    chosen = best_intervals([(i, d0, d1) for i, (_, d0, d1) in enumerate(reports)])
    for i, (_, d0, d1) in enumerate(reports):
        if i not in chosen:
            problems.append({"sku": "", "source": "business_report", "code": "OVERLAP",
                             "detail": f"report {d0.isoformat()}..{d1.isoformat()} overlaps the reports used; not "
                                       f"counted (no day twice) / 与已用报表日期重叠，未重复计算"})
    rows = pd.concat([reports[i][0] for i in chosen], ignore_index=True)
    d0, d1 = min(reports[i][1] for i in chosen), max(reports[i][2] for i in chosen)
    days = sum((reports[i][2] - reports[i][1]).days + 1 for i in chosen)
    if days < (d1 - d0).days + 1:
        problems.append({"sku": "", "source": "business_report", "code": "GAP",
                         "detail": f"the reports cover {days} of the {(d1 - d0).days + 1} days from {d0.isoformat()} "
                                   f"to {d1.isoformat()} / 报表日期有缺口"})
    return rows, d0, d1, days


def _sales(business: pd.DataFrame | None, problems: list[dict[str, str]]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Per-SKU revenue, units, sessions, title; and the ASIN → SKU map."""
    cols = ["sku", "title", "revenue", "units", "sessions"]
    if business is None or business.empty:
        return pd.DataFrame(columns=cols), {}
    b = business.copy()
    sku = _keys(b["sku"]) if "sku" in b.columns else pd.Series("", index=b.index, dtype=object)
    asin = _keys(b["asin"]) if "asin" in b.columns else pd.Series("", index=b.index, dtype=object)
    asin_map = {a: s for a, s in zip(asin, sku) if a and s}
    fill = asin.map(lambda a: asin_map.get(a, a))
    nosku = sku == ""
    if nosku.any():
        problems.append({"sku": "", "source": "business_report", "code": "NO_SKU",
                         "detail": f"{int(nosku.sum())} row(s) without a SKU: grouped under their ASIN / 无 SKU 的行按 ASIN 汇总"})
    b["sku"] = sku.where(~nosku, fill)
    b = b[b["sku"] != ""]
    b["revenue"], b["units"], b["sessions"] = _num(b, "ordered_sales"), _num(b, "units_ordered"), _num(b, "sessions")
    if "title" not in b.columns:
        b["title"] = None
    g = b.groupby("sku", sort=False)
    out = pd.DataFrame({"title": g["title"].first(), "revenue": g["revenue"].sum(min_count=1),
                        "units": g["units"].sum(min_count=1), "sessions": g["sessions"].sum(min_count=1)})
    return out.reset_index(), asin_map


def _ad_spend(ads: pd.DataFrame | None, asin_map: dict[str, str], period: tuple[dt.date | None, dt.date | None],
              problems: list[dict[str, str]]) -> pd.DataFrame:
    """Per-SKU ad spend and ad sales: rows inside the period, exact duplicate rows once."""
    cols = ["sku", "ad_spend", "ad_sales"]
    if ads is None or ads.empty:
        return pd.DataFrame(columns=cols)
    a = ads.copy()
    key = [c for c in ("start_date", "end_date", "campaign_name", "ad_group_name", "advertised_sku",
                       "advertised_asin") if c in a.columns]
    if key:
        dup = a.astype(str).duplicated(subset=key, keep="last")
        if dup.any():
            problems.append({"sku": "", "source": "sp_advertised_product", "code": "DUPLICATE_ROWS",
                             "detail": f"{int(dup.sum())} repeated row(s) (same dates, campaign, ad group, SKU) counted "
                                       f"once / 重复行只计一次"})
            a = a[~dup]
    p0, p1 = period
    if p0 is not None and p1 is not None and ("start_date" in a.columns or "end_date" in a.columns):
        s = a["start_date"].map(cell_date) if "start_date" in a.columns else a["end_date"].map(cell_date)
        e = a["end_date"].map(cell_date) if "end_date" in a.columns else s
        outside = [(x is not None and x < p0) or (y is not None and y > p1) for x, y in zip(s, e)]
        outside = pd.Series(outside, index=a.index)
        if outside.any():
            problems.append({"sku": "", "source": "sp_advertised_product", "code": "OUTSIDE_PERIOD",
                             "detail": f"{int(outside.sum())} row(s) (spend {_num(a, 'spend')[outside].sum():,.2f}) "
                                       f"outside {p0.isoformat()}..{p1.isoformat()}; not counted / 期间外的行未计入"})
            a = a[~outside]
    sku = _keys(a["advertised_sku"]) if "advertised_sku" in a.columns else pd.Series("", index=a.index, dtype=object)
    asin = _keys(a["advertised_asin"]).str.upper() if "advertised_asin" in a.columns \
        else pd.Series("", index=a.index, dtype=object)
    upper = {k.upper(): v for k, v in asin_map.items()}
    sku = sku.where(sku != "", asin.map(lambda x: upper.get(x, x)))
    a["sku"] = sku
    a = a[a["sku"] != ""]
    g = pd.DataFrame({"sku": a["sku"], "ad_spend": _num(a, "spend"), "ad_sales": _num(a, "sales")})
    return g.groupby("sku", sort=False, as_index=False).sum(min_count=1)


def _table(df: pd.DataFrame | None, cols: list[str], key: str) -> pd.DataFrame:
    if df is None or df.empty or key not in df.columns:
        return pd.DataFrame(columns=cols)
    out = df.reindex(columns=cols).copy()
    out[key] = _keys(out[key])
    return out[out[key] != ""].drop_duplicates(key, keep="first")


def abc_classes(revenue: np.ndarray, a_share: float = DEFAULTS.abc_a_share, b_share: float = DEFAULTS.abc_b_share
                ) -> tuple[np.ndarray, np.ndarray]:
    """(cumulative share, class) for revenue already sorted descending (rules in the module docstring)."""
    r = np.where(np.isfinite(revenue) & (revenue > 0), revenue, 0.0)
    total = r.sum()
    if total <= 0:
        return np.full(r.shape, np.nan), np.array(["C"] * len(r), dtype=object)
    cum = np.cumsum(r) / total
    above = cum - r / total
    cls = np.where(r <= 0, "C", np.where(above < a_share - 1e-12, "A", np.where(above < b_share - 1e-12, "B", "C")))
    return cum, cls.astype(object)


def review(business: pd.DataFrame | None, ads: pd.DataFrame | None = None, costs: pd.DataFrame | None = None,
           category_cvr: pd.DataFrame | None = None, last_quarter: pd.DataFrame | None = None, *,
           period: tuple[dt.date | None, dt.date | None] = (None, None),
           min_contribution: float = DEFAULTS.min_contribution, min_margin: float = DEFAULTS.min_margin,
           abc_a_share: float = DEFAULTS.abc_a_share, abc_b_share: float = DEFAULTS.abc_b_share
           ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the SKU review, sorted by revenue, columns :data:`REVIEW_COLUMNS`; the problems table)."""
    problems: list[dict[str, str]] = []
    sales, asin_map = _sales(business, problems)
    spend = _ad_spend(ads, asin_map, period, problems)
    df = sales.merge(spend, on="sku", how="left") if len(sales) else pd.DataFrame(columns=REVIEW_COLUMNS)
    if len(spend):
        orphan = spend[~spend["sku"].isin(set(sales["sku"]))]
        for s, v in zip(orphan["sku"], orphan["ad_spend"]):
            problems.append({"sku": s, "source": "sp_advertised_product", "code": "AD_SKU_NO_SALES",
                             "detail": f"ad spend {v:,.2f} on a SKU not in the Business Reports; not in the review "
                                       f"/ 有广告花费但业务报告无此 SKU"})
    if df.empty:
        return pd.DataFrame(columns=REVIEW_COLUMNS), pd.DataFrame(problems, columns=PROBLEM_COLUMNS)

    c = _table(costs, ["sku", "category", "cogs", "fees"], "sku")
    df = df.merge(c, on="sku", how="left")
    df["category"] = _keys(df["category"]).replace("", NO_CATEGORY)
    for s in df.loc[df["cogs"].isna() | df["fees"].isna(), "sku"]:
        problems.append({"sku": s, "source": "SkuCosts", "code": "MISSING_COST",
                         "detail": "COGS or fees per unit missing: no margin and no decision / 缺成本或费用，无法判断"})

    rev, units = df["revenue"].to_numpy(float), df["units"].to_numpy(float)
    ad = df["ad_spend"].fillna(0.0).to_numpy(float)
    df["ad_spend"] = ad
    df["ad_sales"] = df["ad_sales"].fillna(0.0)
    df["cogs_total"] = units * pd.to_numeric(df["cogs"], errors="coerce").to_numpy(float)
    df["fees_total"] = units * pd.to_numeric(df["fees"], errors="coerce").to_numpy(float)
    df["gross_profit"] = rev - df["cogs_total"] - df["fees_total"]
    df["profit_after_ads"] = df["gross_profit"] - ad
    df["contribution_share"] = _ok(core_sku.contribution(rev))
    df["gross_margin"] = _ok(core_fees.margin(df["gross_profit"].to_numpy(float), rev))
    df["tacos"] = _ok(core_ads.tacos(ad, rev))
    df["cvr"] = _ok(core_ads.cvr(units, df["sessions"].to_numpy(float)))

    # Category CVR: the operator's figure, else the account's sessions-weighted CVR in the category.
    bench = _table(category_cvr, ["category", "avg_cvr"], "category")
    given = {k: float(v) for k, v in zip(bench["category"], pd.to_numeric(bench["avg_cvr"], errors="coerce"))
             if np.isfinite(v)}
    valid = np.isfinite(units) & np.isfinite(df["sessions"].to_numpy(float))
    grp = df[valid].groupby("category")[["units", "sessions"]].sum()
    own = dict(zip(grp.index, _ok(core_ads.cvr(grp["units"].to_numpy(float), grp["sessions"].to_numpy(float)))))
    df["category_cvr"] = [given.get(k, own.get(k, np.nan)) for k in df["category"]]
    df["cvr_gap"] = df["cvr"] - df["category_cvr"]

    # Last quarter: decision (compared) and contribution share (a rising SKU below both is FIX, not CUT).
    lq = last_quarter_rows(last_quarter, problems)
    last_dec = {s: d for s, d in zip(lq["sku"], lq["decision"]) if d is not None}
    last_share = dict(zip(lq["sku"], pd.to_numeric(lq["contribution_share"], errors="coerce")))
    prev = np.array([last_share.get(s, np.nan) for s in df["sku"]], dtype=float)

    share, margin = df["contribution_share"].to_numpy(float), df["gross_margin"].to_numpy(float)
    keep = core_sku.sku_keep(share, margin, min_contribution, min_margin).values
    decision = core_sku.sku_decision(share, margin, min_contribution, min_margin, prev, with_reason=False).values
    reason = core_sku.sku_decision(share, margin, min_contribution, min_margin, prev, with_reason=True).values
    known = np.isfinite(share) & np.isfinite(margin)
    df["sku_keep"] = pd.Series([("Y" if k else "N") if ok else None for k, ok in zip(keep, known)], index=df.index,
                               dtype=object)
    df["decision"] = pd.Series([d if d else None for d in decision], index=df.index, dtype=object)
    df["reason"] = [r if r else ("no sales in the quarter / 本季度无销售" if not (rv > 0) else
                                 "no COGS / fees in SkuCosts / 缺成本，无法判断")
                    for r, rv in zip(reason, rev)]

    impact, note = [], []
    for d, m, r, pa in zip(df["decision"], margin, rev, df["profit_after_ads"]):
        if d == "CUT":
            impact.append(-pa)
            note.append(f"stopping the SKU and its ads changes quarterly profit by {-pa:,.2f} (profit after ads "
                        f"{pa:,.2f}) / 停售后季度利润变化")
        elif d == "FIX" and m < min_margin - 1e-9:
            impact.append(r * (min_margin - m))
            note.append(f"margin {m:.1%} → {min_margin:.0%}: +{r * (min_margin - m):,.2f} gross profit / 毛利率提到标准可增毛利")
        elif d in ("FIX", "KEEP"):
            impact.append(0.0)
            note.append("grow sales: no direct profit change / 提升销量" if d == "FIX" else "")
        else:
            impact.append(np.nan)
            note.append("")
    df["money_impact"], df["impact_note"] = impact, note
    last = [last_dec.get(s) for s in df["sku"]]
    df["last_decision"] = pd.Series(last, index=df.index, dtype=object)
    df["decision_changed"] = pd.Series([None if ld is None else ("Y" if ld != d else "N")
                                        for ld, d in zip(last, df["decision"])], index=df.index, dtype=object)

    df = df.assign(_r=np.where(np.isfinite(rev), rev, -np.inf)).sort_values(["_r", "sku"], ascending=[False, True],
                                                                            kind="mergesort")
    df = df.drop(columns="_r").reset_index(drop=True)
    df["rank"] = np.arange(1, len(df) + 1)
    df["cumulative_share"], df["abc_class"] = abc_classes(df["revenue"].to_numpy(float), abc_a_share, abc_b_share)
    return df.reindex(columns=REVIEW_COLUMNS), pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def _zero(c: Computed) -> float:
    v = np.atleast_1d(_ok(c))[0]
    return 0.0 if np.isnan(v) else float(v)


def kpis(rev: pd.DataFrame) -> dict[str, float]:
    """Dashboard numbers (0 when there is nothing)."""
    def tot(col: str, mask: Any = None) -> float:
        s = pd.to_numeric(rev[col] if mask is None else rev.loc[mask, col], errors="coerce")
        v = s.sum(min_count=1)
        return 0.0 if pd.isna(v) else float(v)

    revenue, spend = tot("revenue"), tot("ad_spend")
    has_cost = rev["gross_margin"].notna() if len(rev) else pd.Series(dtype=bool)
    gp, rev_costed = tot("gross_profit", has_cost), tot("revenue", has_cost)
    cut = rev["decision"] == "CUT"
    return {
        "skus": len(rev), "revenue": revenue, "gross_profit": gp,
        "gross_margin": _zero(core_fees.margin(gp, rev_costed)),
        "ad_spend": spend, "tacos": _zero(core_ads.tacos(spend, revenue)),
        "keep": int((rev["decision"] == "KEEP").sum()), "fix": int((rev["decision"] == "FIX").sum()),
        "cut": int(cut.sum()), "cut_gross_profit": tot("gross_profit", cut),
        "money_impact": tot("money_impact"), "a_skus": int((rev["abc_class"] == "A").sum()),
        "changed": int((rev["decision_changed"] == "Y").sum()),
    }


__all__ = ["REVIEW_COLUMNS", "abc_classes", "choose_reports", "kpis", "review"]
