"""Pure-pandas analytics of the selection workbook (template ``selection``).

Every metric comes from :mod:`xladdin.core`: the score and its sub-scores from
:func:`xladdin.core.selection.select_score` (a sub-score is the same function with all weight on one
criterion, so the rubric lives in one place), fees from :func:`xladdin.core.fees.fba_fee` /
:func:`~xladdin.core.fees.referral_fee`, profit / margin / ROI from :func:`~xladdin.core.fees.unit_profit`,
:func:`~xladdin.core.fees.margin`, :func:`~xladdin.core.fees.roi`.  This module only gathers the inputs
(operator values first, then Helium 10, then Keepa) and records where each came from.

Inputs per ASIN, in order of preference (``data_quality`` names every input that is missing or estimated):

* monthly search: CandidateInputs › monthly_search; the search volume of its main_keyword in Keywords;
  else the largest search volume in Keywords (the page's head keyword: ESTIMATED); else missing → no score.
* BSR: X-Ray / Black Box, else Keepa ``Sales Rank: Current``.  Review growth: CandidateInputs, else
  X-Ray ``Review velocity``.  Price: X-Ray, else Keepa Buy Box, else Keepa New.
* FBA fee: core fee from CandidateInputs dimensions, else the X-Ray ``Dimensions`` / ``Weight`` text;
  else Keepa ``FBA Pick&Pack Fee`` (ESTIMATED: the tool's figure).  Referral fee: core fee from the
  category (CandidateInputs, X-Ray, Keepa root); else Keepa ``Referral Fee %`` × price (ESTIMATED).
* Keepa history (only where the export has the columns): price vs 90-day average = Buy Box current ÷ Buy
  Box 90-day avg − 1; price volatility, range ratio and season index with their flags from
  :mod:`xladdin.workbooks.selection_keepa` (``NO price history`` / ``NO rank history`` when a Keepa export
  is imported but lacks them for the ASIN; one Issues row when there is no Keepa export at all).
* Market concentration: the top 10 listings' share of the page's monthly revenue (ASIN revenue, else
  parent revenue, else old-format revenue, else sales × price); "high" above Settings max_top10_share (50 %:
  market-anchors.md cites top-10 < 30 % of the top 100; one X-Ray page is ~50 listings, so the share runs
  higher), not judged on pages of 10 listings or fewer (their top 10 is the whole page).
* Launch cost per candidate = plan fee + tools + other fixed + first-order units × (COGS + FBA fee +
  referral fee): the cash to buy the first order and sell it through.  The fixed items and the default
  first order come from Settings (launch_*); CandidateInputs › first_order_units overrides per ASIN.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import numpy as np
import pandas as pd

from xladdin.core import fees as core_fees
from xladdin.core.selection import select_score
from xladdin.errors import Code
from xladdin.settings import Settings
from xladdin.workbooks import selection_keepa

PROBLEM_COLUMNS = ("asin", "source", "code", "detail")
CRITERIA = ("search", "bsr", "review_growth", "price", "margin")
# item, name, Settings keys (the launch-cost structure of the playbook: 平台月租、工具年费、首批备货)
LAUNCH_ITEMS = (
    ("plan_fee", "专业版月租 / Professional plan", "launch_plan_fee_month, launch_months"),
    ("tools", "选品/运营工具 / Tools", "launch_tools_year, launch_months"),
    ("other_fixed", "其他固定费用 / Other fixed (photos, samples…)", "launch_other_fixed"),
    ("first_order_units", "首批备货数量（件）/ First order, units", "launch_first_order_units"),
)
_LEN = {"inches": 1.0, "inch": 1.0, "in": 1.0, "cm": 1 / 2.54, "centimeters": 1 / 2.54, "mm": 1 / 25.4}
_WT = {"pounds": 1.0, "pound": 1.0, "lbs": 1.0, "lb": 1.0, "ounces": 1 / 16, "ounce": 1 / 16, "oz": 1 / 16,
       "kilograms": 2.20462262, "kg": 2.20462262, "grams": 0.00220462262, "g": 0.00220462262}


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip()) \
        or (not isinstance(v, str) and pd.isna(v))


def _num(v: Any) -> float:
    if _blank(v):
        return math.nan
    try:
        return float(str(v).replace(",", "").replace("$", "").strip()) if isinstance(v, str) else float(v)
    except ValueError:
        return math.nan


def _text(v: Any) -> str:
    return "" if _blank(v) else str(v).strip()


def parse_dimensions(text: Any) -> tuple[float, float, float]:
    """"13.4 x 4.1 x 2.9 inches" → (13.4, 4.1, 2.9) in inches (cm / mm converted); NaNs when unreadable."""
    t = _text(text).lower()
    m = re.match(r"^\s*([\d.]+)\s*[x×*]\s*([\d.]+)\s*[x×*]\s*([\d.]+)\s*([a-z]*)", t)
    if not m:
        return (math.nan,) * 3
    f = _LEN.get(m.group(4) or "inches")
    if f is None:
        return (math.nan,) * 3
    return tuple(float(m.group(i)) * f for i in (1, 2, 3))  # type: ignore[return-value]


def parse_weight(text: Any) -> float:
    """"1.32 pounds" / "12 ounces" / "0.6 kg" → pounds; NaN when unreadable."""
    t = _text(text).lower().replace(",", "")
    m = re.match(r"^\s*([\d.]+)\s*([a-z]*)", t)
    if not m:
        return math.nan
    f = _WT.get(m.group(2) or "pounds")
    return float(m.group(1)) * f if f is not None else math.nan


def _by_asin(df: pd.DataFrame | None, source: str, problems: list[dict]) -> pd.DataFrame:
    """One row per ASIN (the first; duplicates reported)."""
    if df is None or df.empty or "asin" not in df.columns:
        return pd.DataFrame({"asin": pd.Series([], dtype=object)}).set_index("asin")
    df = df.assign(asin=[_text(a).upper() for a in df["asin"]])
    df = df[df["asin"] != ""]
    dup = df["asin"][df["asin"].duplicated()].unique()
    for a in dup:
        problems.append({"asin": a, "source": source, "code": "DUPLICATE", "detail": "ASIN listed more than once; the first row is used / 重复 ASIN"})
    return df.drop_duplicates("asin").set_index("asin")


def _col(df: pd.DataFrame, asins: list[str], col: str) -> list[Any]:
    if col not in df.columns:
        return [None] * len(asins)
    s = df[col]
    return [s.get(a) if a in s.index else None for a in asins]


def keyword_volumes(keywords: pd.DataFrame | None) -> dict[str, float]:
    """keyword (lower case) → monthly search volume (H10 Search Volume, else SellerSprite Searched / Month)."""
    out: dict[str, float] = {}
    if keywords is None or keywords.empty or "keyword" not in keywords.columns:
        return out
    for r in keywords.to_dict("records"):
        k = _text(r.get("keyword")).lower()
        v = _num(r.get("search_volume"))
        if math.isnan(v):
            v = _num(r.get("monthly_searches"))
        if k and not math.isnan(v):
            out[k] = max(v, out.get(k, -1.0))
    return out


def page_revenue(products: pd.DataFrame | None) -> pd.Series:
    """Monthly revenue per X-Ray row (ASIN revenue, else parent, else old revenue, else sales × price)."""
    if products is None or products.empty:
        return pd.Series([], dtype=float)
    def get(c: str) -> pd.Series:
        return pd.to_numeric(products[c], errors="coerce") if c in products.columns \
            else pd.Series(np.nan, index=products.index)
    rev = get("asin_revenue").fillna(get("parent_level_revenue")).fillna(get("revenue"))
    units = get("asin_sales").fillna(get("parent_level_sales")).fillna(get("sales"))
    return rev.fillna(units * get("price"))


def market_concentration(products: pd.DataFrame | None) -> dict[str, float]:
    """Top-10 share of the page's revenue, listings counted, total revenue (NaN share when no revenue)."""
    rev = page_revenue(products).dropna()
    total = float(rev.sum()) if len(rev) else 0.0
    top10 = float(rev.sort_values(ascending=False).head(10).sum()) if len(rev) else 0.0
    return {"listings": len(rev), "total_revenue": total,
            "top10_share": top10 / total if total > 0 else math.nan}


def launch_items(settings: Settings) -> pd.DataFrame:
    """The launch-cost table from Settings: per item the value used and how it is made up."""
    s, m = settings, settings.launch_months
    used = {"plan_fee": round(s.launch_plan_fee_month * m, 2), "tools": round(s.launch_tools_year / 12 * m, 2),
            "other_fixed": s.launch_other_fixed, "first_order_units": s.launch_first_order_units}
    basis = {"plan_fee": f"{s.launch_plan_fee_month:,.2f} USD / month × {m:g} months",
             "tools": f"{s.launch_tools_year:,.2f} USD / year ÷ 12 × {m:g} months",
             "other_fixed": "USD",
             "first_order_units": "units (not USD) × (COGS + FBA + referral) per candidate; "
                                  "CandidateInputs › first_order_units overrides"}
    return pd.DataFrame([{"item": item, "item_name": name, "used": float(used[item]), "settings": keys,
                          "basis": basis[item]} for item, name, keys in LAUNCH_ITEMS])


def _sub_scores(q, r, g, p, m, settings: Settings) -> dict[str, np.ndarray]:
    """Each criterion's points (0–100) from select_score with all weight on that criterion."""
    zero = {f"weight_{k}": 0.0 for k in CRITERIA}
    n = len(q)
    ok_q = np.where(np.isnan(q), settings.min_monthly_search, q)
    ok_r = np.where(np.isnan(r), 1.0, r)
    ok_g = np.where(np.isnan(g), 0.0, g)
    out = {}
    for k, own in (("search", q), ("bsr", r), ("review_growth", g), ("price", p), ("margin", m)):
        s = settings.model_copy(update={**zero, f"weight_{k}": 1.0})
        args = {"search": ok_q, "bsr": ok_r, "review_growth": ok_g, "price": np.full(n, np.nan),
                "margin": np.full(n, np.nan)}
        args[k] = own
        with np.errstate(divide="ignore", invalid="ignore"):
            v = select_score(args["search"], args["bsr"], args["review_growth"], args["price"], args["margin"],
                             settings.min_monthly_search, settings.max_bsr, settings.max_review_growth,
                             settings=s).values
        out[k] = np.where(np.isnan(own), np.nan, v)
    return out


def candidates(products: pd.DataFrame | None, keepa: pd.DataFrame | None, keywords: pd.DataFrame | None,
               inputs: pd.DataFrame | None, launch: pd.DataFrame, settings: Settings,
               as_of: dt.date) -> tuple[pd.DataFrame, list[dict]]:
    """The scored candidate table (one row per ASIN in Products, Keepa or CandidateInputs) and the problems."""
    problems: list[dict] = []
    P, K, Inp = _by_asin(products, "products", problems), _by_asin(keepa, "keepa", problems), \
        _by_asin(inputs, "candidate_inputs", problems)
    asins = list(dict.fromkeys([*P.index, *K.index, *Inp.index]))
    n = len(asins)
    vols = keyword_volumes(keywords)
    head = max(vols.values()) if vols else math.nan
    used = launch.set_index("item")["used"].to_dict() if len(launch) else {}
    fixed = sum(float(v) for k, v in used.items() if k != "first_order_units" and not pd.isna(v))
    default_units = float(used.get("first_order_units", settings.launch_first_order_units))
    flags: list[list[str]] = [[] for _ in range(n)]

    def first(*cols: list[Any]) -> tuple[list[float], list[int]]:
        vals, src = [], []
        for i in range(n):
            for j, c in enumerate(cols):
                v = _num(c[i])
                if not math.isnan(v):
                    vals.append(v), src.append(j)
                    break
            else:
                vals.append(math.nan), src.append(-1)
        return vals, src

    def textof(*cols: list[Any]) -> list[str]:
        return [next((_text(c[i]) for c in cols if _text(c[i])), "") for i in range(n)]

    title = textof(_col(P, asins, "title"), _col(K, asins, "title"))
    brand = textof(_col(P, asins, "brand"), _col(K, asins, "brand"))
    category = textof(_col(Inp, asins, "category"), _col(P, asins, "category"), _col(K, asins, "category_root"))
    # monthly search
    kw = [_text(v).lower() for v in _col(Inp, asins, "main_keyword")]
    search, src = first(_col(Inp, asins, "monthly_search"), [vols.get(k) if k else None for k in kw])
    for i in range(n):
        if src[i] == -1:
            if kw[i]:
                problems.append({"asin": asins[i], "source": "keywords", "code": Code.MISSING.name,
                                 "detail": f"main keyword {kw[i]!r} is not in Keywords / 主关键词不在关键词表中"})
            if not math.isnan(head):
                search[i] = head
                flags[i].append("EST search=head keyword")
            else:
                flags[i].append("NO search")
    bsr, bsrc = first(_col(P, asins, "bsr"), _col(K, asins, "sales_rank_current"))
    growth, gsrc = first(_col(Inp, asins, "review_growth"), _col(P, asins, "review_velocity"))
    price, psrc = first(_col(P, asins, "price"), _col(K, asins, "buy_box_current"), _col(K, asins, "new_current"))
    for i in range(n):
        if bsrc[i] == -1:
            flags[i].append("NO bsr")
        if gsrc[i] == -1:
            flags[i].append("NO review growth")
        if psrc[i] == -1:
            flags[i].append("NO price")
    # dimensions
    dims_txt = [parse_dimensions(v) for v in _col(P, asins, "dimensions")]
    wt_txt = [parse_weight(v) for v in _col(P, asins, "weight")]
    L, _ = first(_col(Inp, asins, "length_in"), [d[0] for d in dims_txt])
    W, _ = first(_col(Inp, asins, "width_in"), [d[1] for d in dims_txt])
    H, _ = first(_col(Inp, asins, "height_in"), [d[2] for d in dims_txt])
    keepa_lb = [_num(g) * 0.00220462262 for g in _col(K, asins, "package_weight_g")]
    wt, wsrc = first(_col(Inp, asins, "weight_lb"), wt_txt, keepa_lb)
    a = np.array
    fba = core_fees.fba_fee(a(L), a(W), a(H), a(wt), a(price), settings.marketplace, as_of)
    fba_v = fba.values.copy()
    no_dims = np.isnan(a(L)) | np.isnan(a(W)) | np.isnan(a(H)) | np.isnan(a(wt))
    fba_v[no_dims] = np.nan  # never a fee from a guessed size (NaN sides would land in the catch-all tier)
    ref = core_fees.referral_fee(a(price), a(category, dtype=object), settings.marketplace, as_of)
    ref_v = ref.values.copy()
    k_fba = [_num(v) for v in _col(K, asins, "fba_fee")]
    k_ref = [_num(v) for v in _col(K, asins, "referral_fee_pct")]
    fee_source = []
    for i in range(n):
        parts = []
        if math.isnan(fba_v[i]):
            code = Code.MISSING.name if no_dims[i] else fba.error_at(i).name
            if not math.isnan(k_fba[i]):
                fba_v[i] = k_fba[i]
                flags[i].append("EST fba=Keepa")
                parts.append(f"FBA: Keepa estimate (core: {code})")
            else:
                flags[i].append("NO fba fee")
                parts.append(f"FBA: none ({code})")
                problems.append({"asin": asins[i], "source": "fees", "code": code,
                                 "detail": "FBA fee not computed: give dimensions and weight in CandidateInputs / "
                                           "缺少尺寸重量"})
        else:
            parts.append("FBA: core fee" + (" (Keepa weight)" if wsrc[i] == 2 else ""))
            if wsrc[i] == 2:
                flags[i].append("EST weight=Keepa")
        if math.isnan(ref_v[i]):
            code = ref.error_at(i).name
            if not math.isnan(k_ref[i]) and not math.isnan(price[i]):
                ref_v[i] = core_fees.round_cents(k_ref[i] * price[i])[()]
                flags[i].append("EST referral=Keepa %")
                parts.append(f"referral: Keepa % (core: {code})")
            else:
                flags[i].append("NO referral fee")
                parts.append(f"referral: none ({code})")
                problems.append({"asin": asins[i], "source": "fees", "code": code,
                                 "detail": f"referral fee not computed for category {category[i]!r} / 佣金无法计算"})
        else:
            parts.append("referral: core fee")
        fee_source.append("; ".join(parts))
    cogs, csrc = first(_col(Inp, asins, "cogs"))
    for i in range(n):
        if csrc[i] == -1:
            flags[i].append("NO cogs")
    total_fees = fba_v + ref_v
    profit = core_fees.unit_profit(a(price), a(cogs), total_fees, 0.0, 0.0).values
    marg = core_fees.margin(profit, a(price)).values
    roi = core_fees.roi(profit, a(cogs)).values
    q, r, g, p, m = a(search), a(bsr), a(growth), a(price), marg
    score = select_score(q, r, g, p, m, settings.min_monthly_search, settings.max_bsr, settings.max_review_growth,
                         settings=settings)
    sc = score.values.copy()
    sc[np.isnan(q) | np.isnan(r) | np.isnan(g)] = np.nan
    bad = score.errors is not None
    for i in range(n):
        if bad and score.error_at(i) != Code.OK:
            problems.append({"asin": asins[i], "source": "score", "code": score.error_at(i).name,
                             "detail": "an input is out of range (negative, BSR < 1 or margin > 100 %) / 输入超出范围"})
            sc[i] = np.nan
    subs = _sub_scores(q, r, g, p, m, settings)
    units, _ = first(_col(Inp, asins, "first_order_units"), [default_units] * n)
    launch_cost = fixed + a(units) * (a(cogs) + total_fees)
    # revenue / share and Keepa trends
    rev_all = page_revenue(products)
    rev_map: dict[str, float] = {}
    if products is not None and len(rev_all):
        for aa, v in zip(products["asin"], rev_all):
            aa = _text(aa).upper()
            if aa and aa not in rev_map and not pd.isna(v):
                rev_map[aa] = float(v)
    total_rev = sum(rev_map.values())
    revenue = a([rev_map.get(x, math.nan) for x in asins])
    share = revenue / total_rev if total_rev > 0 else np.full(n, np.nan)
    bb, bb90 = a([_num(v) for v in _col(K, asins, "buy_box_current")]), \
        a([_num(v) for v in _col(K, asins, "buy_box_90d_avg")])
    with np.errstate(divide="ignore", invalid="ignore"):
        pv = np.where(bb90 > 0, bb / bb90 - 1, np.nan)
    hist, hist_notes = selection_keepa.history(K, asins, settings, _num)
    if len(K):
        for i in range(n):
            flags[i].extend(hist_notes[i])
    elif n:
        problems.append({"asin": "", "source": "keepa", "code": Code.MISSING.name,
                         "detail": "no Keepa export: price volatility and seasonality not computed / "
                                   "未导入 Keepa：不计算价格波动与季节性"})
    tier = core_fees.size_tier(a(L), a(W), a(H), a(wt), settings.marketplace, as_of).values.copy()
    tier[no_dims] = ""
    out = pd.DataFrame({
        "asin": asins, "title": title, "score": sc, "s_search": subs["search"], "s_bsr": subs["bsr"],
        "s_review_growth": subs["review_growth"], "s_price": subs["price"], "s_margin": subs["margin"],
        "monthly_search": q, "bsr": r, "review_growth": g, "price": p, "fba_fee": fba_v, "referral_fee": ref_v,
        "cogs": a(cogs), "unit_profit": profit, "margin": marg, "roi": roi, "launch_cost": launch_cost,
        "data_quality": ["; ".join(f) if f else "OK" for f in flags],
        "revenue": revenue, "revenue_share": share,
        "review_count": a(first(_col(P, asins, "review_count"), _col(K, asins, "review_count"))[0]),
        "price_vs_avg90": pv, **{c: hist[c].to_numpy() for c in selection_keepa.HISTORY_COLUMNS},
        "size_tier": [t or None for t in tier], "fee_source": fee_source, "category": category, "brand": brand})
    out = out.sort_values(["score", "asin"], ascending=[False, True], na_position="last").reset_index(drop=True)
    out.insert(0, "rank", np.where(out["score"].notna(), np.arange(1, len(out) + 1), np.nan))
    return out, problems


def kpis(cands: pd.DataFrame, conc: dict[str, float], launch: pd.DataFrame,
         settings: Settings) -> dict[str, float | str | None]:
    """Dashboard values (counts 0 when empty; shares, money and the concentration verdict None when not
    computable)."""
    fixed = float(launch.loc[launch["item"] != "first_order_units", "used"].sum()) if len(launch) else 0.0
    scored = cands["score"].dropna() if len(cands) else pd.Series([], dtype=float)
    margins = cands["margin"].dropna() if len(cands) else pd.Series([], dtype=float)
    top_launch = None
    if len(scored):
        v = cands.loc[scored.index[0], "launch_cost"]
        top_launch = None if pd.isna(v) else float(v)

    def num(v: float) -> float | None:
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
    return {"kpi_candidates": len(cands), "kpi_top_score": num(float(scored.max())) if len(scored) else None,
            "kpi_passing": int((scored >= settings.selection_pass_score).sum()),
            "kpi_median_margin": num(float(margins.median())) if len(margins) else None,
            "kpi_top10_share": num(conc["top10_share"]), "kpi_page_listings": conc["listings"],
            "kpi_concentration": concentration_verdict(conc, settings),
            "kpi_volatile": int(cands["keepa_signals"].str.contains(selection_keepa.VOLATILE, regex=False).sum())
            if len(cands) else 0,
            "kpi_seasonal": int(cands["keepa_signals"].str.contains(f"{selection_keepa.PEAK}|{selection_keepa.OFF}")
                                .sum())
            if len(cands) else 0,
            "kpi_fixed_launch": fixed, "kpi_top_launch_cost": top_launch,
            "kpi_flagged": int((cands["data_quality"] != "OK").sum()) if len(cands) else 0}


def concentration_verdict(conc: dict[str, float], settings: Settings) -> str | None:
    """"高 high" when the top 10 take more than Settings max_top10_share of the page's revenue, else "低 low";
    None without revenue or with 10 listings or fewer (their top 10 is the whole page: always 100 %)."""
    share = conc["top10_share"]
    if share is None or math.isnan(share) or conc["listings"] <= 10:
        return None
    return "高 high" if share > settings.max_top10_share else "低 low"
