"""Ads workbook analyses (issue 4): pure pandas over canonical report frames, no Excel.

Inputs are the canonical frames of :func:`xladdin.reports.read_report` (``rep.data``): the search term
report (``sp_search_term``: console or API) or the bulksheet's search term tab (``sp_bulk_search_term``,
which also carries IDs and the current bid), optionally a Business Report (``business_report_*``), a
campaign report (``sp_campaign``), a bulksheet (``sp_bulksheet``) and an advertised product report.
Outputs are tidy DataFrames with stable snake_case columns (the ``*_COLUMNS`` lists below) that the
workbook host writes into Excel Tables.  Column names ending in ``_pct``, ``acos``, ``tacos``, ``ctr``,
``cvr`` hold fractions; ``spend``, ``sales``, ``cpc`` and ``*_bid`` hold money.

Every metric comes from :mod:`xladdin.core.ads`, computed on *summed* columns (ACoS of a campaign =
Σspend ÷ Σsales, never a mean of row ACoS).  A metric that is undefined (no sales → ACoS, no clicks →
CPC/CVR, no impressions → CTR) is NaN (a blank cell) and named in ``metric_errors`` as
``"acos:DIV_ZERO"`` (codes of :mod:`xladdin.errors`; ``ERROR_REASON`` explains them).

TACoS: ad spend ÷ total ordered sales (Business Report ``ordered_sales``, organic + ad, B2B included).
Only the **account-level** TACoS is honest: the search term report has no product per row and the Business
Report has no campaign, so total sales cannot be split per campaign without an invented allocation.  Per
campaign the summary gives ``tacos_contribution_pct`` = campaign spend ÷ account total sales: each
campaign's share of the account TACoS (the column sums to the account TACoS); it is *not* that campaign's
TACoS.  A Business Report with a ``date`` column (by date) is cut to the search terms' dates; one without
dates (by ASIN) is assumed to cover the same dates, with a note (``frame.attrs["notes"]``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from xladdin.core import ads, fees
from xladdin.core.computed import ratio
from xladdin.errors import Code, ConfigError
from xladdin.settings import DEFAULTS, Settings

SUMS = ["impressions", "clicks", "spend", "sales", "orders", "units"]
RATIOS = ["acos", "roas", "cpc", "ctr", "cvr"]
# metric -> (core function, numerator column, denominator column)
_METRICS = {
    "acos": (ads.acos, "spend", "sales"),
    "roas": (ads.roas, "sales", "spend"),
    "cpc": (ads.cpc, "spend", "clicks"),
    "ctr": (ads.ctr, "clicks", "impressions"),
    "cvr": (ads.cvr, "orders", "clicks"),
}

CAMPAIGN_COLUMNS = [
    "campaign_name", "campaign_id", "portfolio", "targeting_type", "status", "budget",
    *SUMS, *RATIOS, "spend_share_pct", "tacos_contribution_pct", "campaign_report_spend", "metric_errors",
]
MATCH_TYPES = ("EXACT", "PHRASE", "BROAD", "AUTO", "PRODUCT", "OTHER")
MATCH_TYPE_COLUMNS = ["match_type", *SUMS, *RATIOS, "spend_share_pct", "sales_share_pct", "broad_over_limit",
                      "metric_errors"]
TREND_COLUMNS = ["start_date", "end_date", "days", *SUMS, *RATIOS, "metric_errors"]
ACTIONS = ("HARVEST", "NEGATE", "BID_UP", "BID_DOWN", "WATCH", "KEEP")
ACTION_COLUMNS = [
    "campaign_name", "ad_group_name", "targeting", "match_type", "search_term",
    "action", "reason_code", "reason", "brand", "is_asin", "already_exact",
    "impressions", "clicks", "orders", "units", "spend", "sales", "acos", "cpc", "cvr",
    "target_acos", "target_source", "threshold", "threshold_unit", "negate_clicks_threshold",
    "current_bid", "bid_source", "suggested_bid", "bid_change_pct", "bid_error",
    "harvest_campaign_name", "harvest_ad_group_name",
    "campaign_id", "ad_group_id", "keyword_id", "product_targeting_id",
    "metric_errors", "approve",
]

_AUTO_TARGETS = {"close-match", "loose-match", "substitutes", "complements", "*"}
_MATCH_ALIASES = {
    "EXACT": "EXACT", "精准": "EXACT", "GENAU": "EXACT", "GENAU PASSEND": "EXACT",
    "PHRASE": "PHRASE", "词组": "PHRASE", "WORTGRUPPE": "PHRASE",
    "BROAD": "BROAD", "广泛": "BROAD", "WEITGEHEND": "BROAD",
    "TARGETING_EXPRESSION": "PRODUCT", "TARGETING_EXPRESSION_PREDEFINED": "AUTO",  # Ads API v3 matchType
}


# --- helpers ----------------------------------------------------------------------------------------------
def _floats(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _texts(frame: pd.DataFrame, col: str) -> pd.Series:
    """A text column as object values (None where missing), whatever its dtype."""
    if col not in frame.columns:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    s = frame[col].astype(object)
    return s.where(s.notna(), None)


def _add_metrics(out: pd.DataFrame) -> pd.DataFrame:
    """acos, roas, cpc, ctr, cvr from the summed columns via xladdin.core.ads; errors → NaN + metric_errors."""
    notes = [[] for _ in range(len(out))]
    for name, (fn, num, den) in _METRICS.items():
        res = fn(_floats(out, num), _floats(out, den))
        vals = np.array(res.values, dtype="float64")
        if res.errors is not None:
            bad = res.errors != 0
            vals[bad] = np.nan
            for i in np.flatnonzero(bad):
                notes[i].append(f"{name}:{Code(int(res.errors[i])).name}")
        out[name] = vals
    out["metric_errors"] = pd.array(["; ".join(n) for n in notes], dtype="str")
    return out


def _sum_by(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    data = pd.DataFrame({k: frame[k] for k in keys})
    for c in SUMS:
        data[c] = _floats(frame, c)
    g = data.groupby(keys, dropna=False, sort=False)[SUMS].sum(min_count=1)
    return g.reset_index()


def _share(part: np.ndarray, whole: float) -> np.ndarray:
    res = ratio(part, np.full(len(part), whole))
    vals = np.array(res.values, dtype="float64")
    if res.errors is not None:
        vals[res.errors != 0] = np.nan
    return vals


def _period(search_terms: pd.DataFrame) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    lo = hi = None
    for col, pick in (("start_date", "min"), ("date", "min"), ("end_date", "max"), ("date", "max")):
        if col in search_terms.columns:
            v = getattr(pd.to_datetime(search_terms[col], errors="coerce"), pick)()
            if pd.notna(v):
                if pick == "min" and lo is None:
                    lo = v
                elif pick == "max" and hi is None:
                    hi = v
    return lo, hi


def total_ordered_sales(business: pd.DataFrame | None, search_terms: pd.DataFrame) -> tuple[float, list[str]]:
    """Total ordered sales (organic + ad) over the search terms' dates, and notes on how it was taken."""
    if business is None:
        return np.nan, []
    if "ordered_sales" not in business.columns:
        return np.nan, ["business report has no ordered_sales column: TACoS not computed / 业务报告缺少销售额列"]
    sales = _floats(business, "ordered_sales")
    lo, hi = _period(search_terms)
    if "date" in business.columns and lo is not None and hi is not None:
        d = pd.to_datetime(business["date"], errors="coerce")
        keep = ((d >= lo) & (d <= hi)).to_numpy()
        notes = [f"total sales: Business Report days {lo.date()} … {hi.date()} ({int(keep.sum())} rows)"]
        have = set(d[keep].dt.normalize())
        need = (hi.normalize() - lo.normalize()).days + 1
        if len(have) < need:
            notes.append(f"Business Report covers {len(have)} of the {need} days of the search terms: "
                         "TACoS understated / 业务报告日期不全，TACoS 偏低")
        return float(np.nansum(sales[keep])), notes
    return float(np.nansum(sales)), [("Business Report without a date column: assumed to cover the same dates as "
                                      "the search terms / 业务报告无日期列，假定与搜索词报告同期")]


def match_type_group(match_type, targeting) -> np.ndarray:
    """EXACT / PHRASE / BROAD for keywords, AUTO (close-match, loose-match, substitutes, complements, ``*``),
    PRODUCT (``asin=…``, ``asin-expanded=…``, ``category=…``), OTHER (e.g. ``keyword-group=…``)."""
    mt = pd.Series(match_type, dtype=object).reset_index(drop=True)
    tg = pd.Series(targeting, dtype=object).reset_index(drop=True)
    out = np.empty(len(mt), dtype=object)
    for i, (m, t) in enumerate(zip(mt.tolist(), tg.tolist())):
        key = str(m).strip().upper() if isinstance(m, str) else ""
        label = _MATCH_ALIASES.get(key)
        if label is None:
            tt = str(t).strip().casefold() if isinstance(t, str) else ""
            if tt in _AUTO_TARGETS:
                label = "AUTO"
            elif tt.startswith(("asin=", "asin-expanded=", "category=", "asin-same-as=", "brand=")):
                label = "PRODUCT"
            else:
                label = "OTHER"
        out[i] = label
    return out


# --- 1. campaigns ------------------------------------------------------------------------------------------
def campaign_summary(search_terms: pd.DataFrame, business: pd.DataFrame | None = None,
                     campaigns: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per campaign (columns :data:`CAMPAIGN_COLUMNS`), largest spend first.

    Metrics come from the search terms (so they reconcile with the actions sheet).  ``campaigns`` (an
    ``sp_campaign`` frame) only adds attributes (targeting type, status, budget) and
    ``campaign_report_spend``, the campaign report's own spend, to show what the search term report misses
    (the API search term report leaves out zero-click terms).  ``attrs``: ``tacos`` (account level),
    ``total_sales``, ``notes``.
    """
    st = search_terms
    out = _sum_by(st, ["campaign_name"])
    out = _add_metrics(out)
    for col in ("campaign_id", "portfolio"):
        if col in st.columns:
            first = st.dropna(subset=[col]).groupby("campaign_name", sort=False)[col].first()
            out[col] = out["campaign_name"].map(first).astype("str")
        else:
            out[col] = pd.array([None] * len(out), dtype="str")
    total_spend = float(np.nansum(out["spend"]))
    out["spend_share_pct"] = _share(out["spend"].to_numpy(dtype="float64"), total_spend)
    total_sales, notes = total_ordered_sales(business, st)
    out["tacos_contribution_pct"] = (_share(out["spend"].to_numpy(dtype="float64"), total_sales)
                                     if business is not None else np.nan)
    for col in ("targeting_type", "status"):
        out[col] = pd.array([None] * len(out), dtype="str")
    out["budget"] = np.nan
    out["campaign_report_spend"] = np.nan
    if campaigns is not None and "campaign_name" in campaigns.columns:
        c = campaigns
        for col in ("targeting_type", "status"):
            if col in c.columns:
                out[col] = out["campaign_name"].map(c.dropna(subset=[col]).groupby("campaign_name")[col].last()).astype("str")
        if "budget" in c.columns:
            out["budget"] = out["campaign_name"].map(
                pd.Series(_floats(c, "budget"), index=c.index).groupby(c["campaign_name"]).last()).astype("float64")
        if "spend" in c.columns:
            out["campaign_report_spend"] = out["campaign_name"].map(
                pd.Series(_floats(c, "spend"), index=c.index).groupby(c["campaign_name"]).sum(min_count=1)).astype("float64")
    out = out.sort_values("spend", ascending=False, kind="stable", na_position="last").reset_index(drop=True)
    out = out[CAMPAIGN_COLUMNS]
    out.attrs["total_sales"] = total_sales
    out.attrs["tacos"] = account_tacos(total_spend, total_sales)
    out.attrs["notes"] = notes
    return out


def account_tacos(total_spend: float, total_sales: float) -> float:
    """Account-level TACoS via xladdin.core.ads.tacos; NaN when there is no total (no Business Report) or it is 0."""
    if np.isnan(total_sales):
        return np.nan
    res = ads.tacos(np.array([total_spend]), np.array([total_sales]))
    return np.nan if res.error_at(0) != Code.OK else float(res.values[0])


# --- 2. match types ---------------------------------------------------------------------------------------
def match_type_summary(search_terms: pd.DataFrame, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One row per match type group (EXACT, PHRASE, BROAD, AUTO, PRODUCT, OTHER; only those present).

    ``broad_over_limit`` is True on the BROAD row when BROAD's share of spend exceeds
    ``settings.broad_spend_share_max`` (playbook failure: over-reliance on broad match).
    ``attrs["broad_spend_share"]`` holds the share (0 when there is no broad spend).
    """
    st = search_terms.copy()
    st["_group"] = match_type_group(_texts(st, "match_type"), _texts(st, "targeting"))
    out = _sum_by(st, ["_group"]).rename(columns={"_group": "match_type"})
    out = _add_metrics(out)
    spend = out["spend"].to_numpy(dtype="float64")
    out["spend_share_pct"] = _share(spend, float(np.nansum(spend)))
    out["sales_share_pct"] = _share(out["sales"].to_numpy(dtype="float64"), float(np.nansum(out["sales"])))
    share = out.loc[out["match_type"] == "BROAD", "spend_share_pct"]
    broad = float(share.iloc[0]) if len(share) and share.iloc[0] == share.iloc[0] else 0.0
    out["broad_over_limit"] = (out["match_type"] == "BROAD") & (broad > settings.broad_spend_share_max)
    out["_order"] = out["match_type"].map({m: i for i, m in enumerate(MATCH_TYPES)})
    out = out.sort_values("_order", kind="stable").reset_index(drop=True)[MATCH_TYPE_COLUMNS]
    out.attrs["broad_spend_share"] = broad
    out.attrs["broad_over_limit"] = broad > settings.broad_spend_share_max
    return out


# --- 3. trend ---------------------------------------------------------------------------------------------
def trend(search_terms: pd.DataFrame) -> pd.DataFrame:
    """Totals per report period (:data:`TREND_COLUMNS`), oldest first.

    A daily report gives one row per day; a summary report one row per (start_date, end_date) it holds.
    Rows without dates are left out and counted in ``attrs["undated_rows"]``; no dates at all (the
    bulksheet search term tab) gives an empty frame with the same columns.
    """
    st = search_terms
    start = pd.to_datetime(st["start_date"] if "start_date" in st.columns else st.get("date"), errors="coerce") \
        if ("start_date" in st.columns or "date" in st.columns) else pd.Series(pd.NaT, index=st.index)
    end = pd.to_datetime(st["end_date"], errors="coerce") if "end_date" in st.columns else start
    end = end.fillna(start)
    dated = (start.notna() & end.notna()).to_numpy()
    data = st.loc[dated].copy()
    data["start_date"], data["end_date"] = start[dated].to_numpy(), end[dated].to_numpy()
    if not len(data):
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in TREND_COLUMNS})
        out["start_date"] = pd.Series(dtype="datetime64[s]")
        out["end_date"] = pd.Series(dtype="datetime64[s]")
        out["metric_errors"] = pd.Series(dtype="str")
    else:
        out = _sum_by(data, ["start_date", "end_date"])
        out = _add_metrics(out)
        out["days"] = ((out["end_date"] - out["start_date"]).dt.days + 1).astype("int64")
        out = out.sort_values(["start_date", "end_date"], kind="stable").reset_index(drop=True)[TREND_COLUMNS]
    out.attrs["undated_rows"] = int((~dated).sum())
    return out


# --- 5. search-term actions -------------------------------------------------------------------------------
def parse_brand_terms(brand_terms: Iterable[str] | str = (), settings: Settings = DEFAULTS) -> list[str]:
    """Brand terms from the argument and ``settings.brand_terms`` (split on , ; ， 、 and new lines)."""
    items = [brand_terms] if isinstance(brand_terms, str) else list(brand_terms)
    items.append(settings.brand_terms)
    out: list[str] = []
    for it in items:
        for part in re.split(r"[,;，；、\n]+", str(it or "")):
            p = part.strip().casefold()
            if p and p not in out:
                out.append(p)
    return out


def brand_mask(terms: pd.Series, brand_terms: list[str]) -> np.ndarray:
    """True where a term contains a brand term as a whole word or words (case-insensitive)."""
    if not brand_terms:
        return np.zeros(len(terms), bool)
    pat = re.compile("|".join(rf"(?<!\w){re.escape(b)}(?!\w)" for b in brand_terms), re.IGNORECASE)
    return np.fromiter((bool(pat.search(t)) if isinstance(t, str) else False for t in terms), bool, len(terms))


def _names(frame: pd.DataFrame, what: str) -> pd.Series:
    """Campaign / ad group name of every row of a bulksheet: the informational column, else the editable one."""
    info, edit = _texts(frame, f"{what}_name_info"), _texts(frame, f"{what}_name")
    return info.where(info.notna(), edit)


def _bulk_lookups(bulk: pd.DataFrame | None) -> dict:
    """Maps from an sp_bulksheet frame: campaign → id, (campaign, ad group) → id, keywords, product targets,
    (campaign, ad group) → [(SKU, ASIN)] of its product ads."""
    lk = {"campaign": {}, "ad_group": {}, "keyword": {}, "target": {}, "exact": set(), "product_ads": {}}
    if bulk is None or not len(bulk):
        return lk
    camp, grp = _names(bulk, "campaign"), _names(bulk, "ad_group")
    ent = _texts(bulk, "entity").map(lambda v: v.casefold() if isinstance(v, str) else "")
    cid, gid = _texts(bulk, "campaign_id"), _texts(bulk, "ad_group_id")
    kid, tid = _texts(bulk, "keyword_id"), _texts(bulk, "product_targeting_id")
    kw, mt = _texts(bulk, "keyword_text"), _texts(bulk, "match_type")
    expr = _texts(bulk, "product_targeting_expression")
    bid = _floats(bulk, "bid")
    sku, asin = _texts(bulk, "sku"), _texts(bulk, "asin")
    for i in range(len(bulk)):
        c, g, e = camp.iat[i], grp.iat[i], ent.iat[i]
        if c is not None and cid.iat[i] is not None:
            lk["campaign"].setdefault(c, cid.iat[i])
        if c is not None and g is not None and gid.iat[i] is not None:
            lk["ad_group"].setdefault((c, g), gid.iat[i])
        if e == "keyword" and kw.iat[i] is not None:
            m = (mt.iat[i] or "").casefold()
            lk["keyword"].setdefault((c, g, kw.iat[i].casefold(), m), (kid.iat[i], bid[i]))
            if m == "exact":
                lk["exact"].add(kw.iat[i].casefold())
        elif e == "product ad" and (sku.iat[i] is not None or asin.iat[i] is not None):
            ads_of = lk["product_ads"].setdefault((c, g), [])
            if (sku.iat[i], asin.iat[i]) not in ads_of:
                ads_of.append((sku.iat[i], asin.iat[i]))
        elif e == "product targeting" and expr.iat[i] is not None:
            lk["target"].setdefault((c, g, expr.iat[i].casefold()), (tid.iat[i], bid[i]))
            if expr.iat[i].casefold().startswith("asin="):
                lk["exact"].add(expr.iat[i].casefold())
    return lk


_SKU_ALIASES = {"length_in": "length", "width_in": "width", "height_in": "height", "weight_lb": "weight"}


def _sku_breakeven(sku_costs: pd.DataFrame, settings: Settings, as_of) -> pd.Series:
    """Break-even ACoS per row of ``sku_costs`` via xladdin.core.ads.breakeven_acos.

    Fees: a ``fees`` column (per unit, referral + FBA), else computed from ``length, width, height, weight``
    (+ ``category``, ``marketplace``) with xladdin.core.fees.fba_fee + referral_fee on ``as_of``.  The Ads
    template's names are accepted too: ``fba_fee`` + ``referral_fee``, ``length_in`` … ``weight_lb``.
    """
    sku_costs = sku_costs.rename(columns={k: v for k, v in _SKU_ALIASES.items() if k in sku_costs.columns
                                          and v not in sku_costs.columns})
    price, cogs = _floats(sku_costs, "price"), _floats(sku_costs, "cogs")
    other = np.nan_to_num(_floats(sku_costs, "other"))
    fee = _floats(sku_costs, "fees")
    # Each fee: the typed value (the Ads template's fba_fee / referral_fee) where present, else computed
    # from dimensions / category — fee by fee, exactly as the SkuCosts sheet formula does.
    typed_fba, typed_ref = _floats(sku_costs, "fba_fee"), _floats(sku_costs, "referral_fee")
    need = np.isnan(fee)
    if need.any():
        n = len(sku_costs)
        calc_fba, calc_ref = np.full(n, np.nan), np.full(n, np.nan)
        mp = _texts(sku_costs, "marketplace").fillna(settings.marketplace).to_numpy(dtype=object)
        when = np.full(n, np.datetime64(as_of, "D"))
        if {"length", "width", "height", "weight"} <= set(sku_costs.columns):
            fba = fees.fba_fee(_floats(sku_costs, "length"), _floats(sku_costs, "width"),
                               _floats(sku_costs, "height"), _floats(sku_costs, "weight"), price, mp, when)
            calc_fba = np.where(fba.errors != 0, np.nan, fba.values) if fba.errors is not None else fba.values
        if "category" in sku_costs.columns:
            cat = _texts(sku_costs, "category").fillna("").to_numpy(dtype=object)
            ref = fees.referral_fee(price, cat, mp, when)
            calc_ref = np.where(ref.errors != 0, np.nan, ref.values) if ref.errors is not None else ref.values
        fba_v = np.where(np.isnan(typed_fba), calc_fba, typed_fba)
        ref_v = np.where(np.isnan(typed_ref), calc_ref, typed_ref)
        fee = np.where(need, fba_v + ref_v, fee)
    res = ads.breakeven_acos(price, cogs, fee, other)
    vals = np.array(res.values, dtype="float64")
    if res.errors is not None:
        vals[res.errors != 0] = np.nan
    return pd.Series(vals, index=sku_costs.index)


def _targets(groups: pd.DataFrame, settings: Settings, target_acos, sku_costs, advertised, as_of) -> tuple[np.ndarray, np.ndarray]:
    n = len(groups)
    tgt = np.full(n, np.nan)
    src = np.full(n, None, dtype=object)
    camp = groups["campaign_name"].astype(object).to_numpy()
    grp = groups["ad_group_name"].astype(object).to_numpy()

    def fill(values: np.ndarray, label: str) -> None:
        take = np.isnan(tgt) & ~np.isnan(values)
        tgt[take] = values[take]
        src[take] = label

    if isinstance(target_acos, (int, float)) and not isinstance(target_acos, bool):
        fill(np.full(n, float(target_acos)), "ARGUMENT")
    elif isinstance(target_acos, Mapping):
        fill(np.array([float(target_acos.get(c, np.nan)) for c in camp]), "CAMPAIGN")
    elif isinstance(target_acos, pd.DataFrame):
        t = target_acos
        tc, tg, tv = _texts(t, "campaign_name"), _texts(t, "ad_group_name"), _floats(t, "target_acos")
        m = {(a, b): v for a, b, v in zip(tc, tg, tv) if b is not None}
        fill(np.array([m.get((c, g), np.nan) for c, g in zip(camp, grp)]), "AD_GROUP")
        m = {a: v for a, b, v in zip(tc, tg, tv) if b is None}
        fill(np.array([m.get(c, np.nan) for c in camp]), "CAMPAIGN")
    if sku_costs is not None and len(sku_costs):
        be = _sku_breakeven(sku_costs, settings, as_of)
        costs = pd.DataFrame({"sku": _texts(sku_costs, "sku"), "breakeven": be,
                              "sku_target": _floats(sku_costs, "target_acos")})
        if "campaign_name" in sku_costs.columns:
            links = pd.DataFrame({"campaign_name": _texts(sku_costs, "campaign_name"),
                                  "ad_group_name": _texts(sku_costs, "ad_group_name"), "sku": costs["sku"]})
        elif advertised is not None:
            sku_col = "advertised_sku" if "advertised_sku" in advertised.columns else "sku"
            links = pd.DataFrame({"campaign_name": _names(advertised, "campaign") if "campaign_name_info" in advertised.columns
                                  else _texts(advertised, "campaign_name"),
                                  "ad_group_name": _names(advertised, "ad_group") if "ad_group_name_info" in advertised.columns
                                  else _texts(advertised, "ad_group_name"),
                                  "sku": _texts(advertised, sku_col)}).dropna(subset=["sku"])
        else:
            links = None
        if links is not None:
            j = links.merge(costs, on="sku", how="inner")

            def lowest(col: str) -> np.ndarray:
                # Several SKUs in one ad group: the lowest value (the target must hold for the worst SKU).
                jj = j.dropna(subset=[col])
                by_group = jj.dropna(subset=["ad_group_name"]).groupby(["campaign_name", "ad_group_name"])[col].min()
                by_camp = jj.groupby("campaign_name")[col].min()
                v_g = np.array([by_group.get((c, g), np.nan) for c, g in zip(camp, grp)], dtype="float64")
                v_c = np.array([by_camp.get(c, np.nan) for c in camp], dtype="float64")
                return np.where(np.isnan(v_g), v_c, v_g)

            fill(lowest("sku_target"), "SKU")  # a target typed per SKU (SkuCosts.target_acos) wins
            be_v = lowest("breakeven") - settings.acos_buffer
            neg = be_v < 0
            fill(np.where(neg, np.nan, be_v), "BREAKEVEN")
            fill(np.where(neg, 0.0, np.nan), "BREAKEVEN_NEGATIVE")
    fill(np.full(n, settings.target_acos), "SETTINGS")
    return tgt, src


def _blank_none(s: pd.Series) -> pd.Series:
    return s.where(s != "", None)


def _template(t: str, campaign, ad_group) -> str:
    try:
        return t.format(campaign=campaign or "", ad_group=ad_group or "")
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(Code.SETTINGS_INVALID, f"harvest name template {t!r}: use {{campaign}} and {{ad_group}} ({exc})") from None


def search_term_actions(search_terms: pd.DataFrame, settings: Settings = DEFAULTS, brand_terms: Iterable[str] | str = (),
                        target_acos: float | Mapping[str, float] | pd.DataFrame | None = None,
                        sku_costs: pd.DataFrame | None = None, *, bulk: pd.DataFrame | None = None,
                        advertised: pd.DataFrame | None = None, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per (campaign, ad group, targeting, match type, search term) over the whole period.

    Columns: :data:`ACTION_COLUMNS`.  The decision is :func:`xladdin.core.ads.search_term_decision` (the
    same rules as ``=SEARCH_TERM_ACTION``; ``reason`` is that function's text).  See the module docs of
    :mod:`xladdin.workbooks` and the report for the choices; in short:

    * target ACoS per row, first found: ``target_acos`` (a number for all; a {campaign: target} mapping; or a
      frame with campaign_name [, ad_group_name], target_acos) → a ``target_acos`` typed per SKU in
      ``sku_costs`` → break-even ACoS − ``acos_buffer`` from
      ``sku_costs`` (sku, price, cogs, fees | dimensions, other; linked to ad groups by its own
      campaign_name / ad_group_name columns or by ``advertised``: an advertised product report or a
      bulksheet's Product Ad rows; the lowest break-even of an ad group's SKUs) → ``settings.target_acos``;
      ``target_source`` names which;
    * clicks per order for the negate threshold: the account's clicks ÷ orders over the same frame;
    * brand terms (argument + ``settings.brand_terms``): never negated (WATCH / BRAND_NO_NEGATE), ``brand``;
    * a term already targeted as an exact keyword (or ASIN product target) anywhere in the account (these
      search terms or ``bulk``) is not harvested again (``already_exact``);
    * BID_UP / BID_DOWN: ``suggested_bid`` = xladdin.core.ads.target_bid, proportional rule capped at
      ± ``bid_step_max``, applied to the keyword / target that matched the term; ``current_bid`` from the
      frame's ``bid`` (bulksheet search term tab) or ``keyword_bid`` (Ads API), else from ``bulk``, else
      the term's CPC as a proxy (``bid_source`` = REPORT / BULKSHEET / CPC_PROXY);
    * HARVEST: ``suggested_bid`` = the term's CPC rounded to a valid bid (a starting bid the operator may
      edit); target ``harvest_campaign_name`` / ``harvest_ad_group_name`` from the settings templates;
    * NEGATE: negative exact (keyword) or negative product target (ASIN) in the source ad group.

    Rows are sorted by action (HARVEST, NEGATE, BID_DOWN, BID_UP, WATCH, KEEP), then by spend.
    """
    st = search_terms
    as_of = as_of or dt.date.today()
    keys = ["campaign_name", "ad_group_name", "targeting", "match_type", "search_term"]
    data = pd.DataFrame({k: _texts(st, k) for k in keys})
    for c in SUMS:
        data[c] = _floats(st, c)
    data["_bid"] = _floats(st, "bid") if "bid" in st.columns else _floats(st, "keyword_bid")
    ids = {"campaign_id": "campaign_id", "ad_group_id": "ad_group_id", "keyword_id": "keyword_id",
           "product_targeting_id": "product_targeting_id" if "product_targeting_id" in st.columns else "target_id"}
    for out_col, in_col in ids.items():
        data[out_col] = _texts(st, in_col)
    data[keys] = data[keys].fillna("")  # groupby keys: "" for missing (auto rows have no match type)
    grouped = data.groupby(keys, sort=False, dropna=False)
    # Built-in reductions (no per-group Python): sums keep NaN only where a group has no number at all;
    # IDs and bid take the first non-missing value of the group.
    g = pd.concat([grouped[SUMS].sum(min_count=1), grouped[[*ids, "_bid"]].first()], axis=1).reset_index()
    for c in SUMS:
        g[c] = g[c].fillna(0.0)
    n = len(g)
    g = _add_metrics(g)
    lk = _bulk_lookups(bulk)
    camps, adgroups, targets = g["campaign_name"].tolist(), g["ad_group_name"].tolist(), g["targeting"].tolist()

    # IDs from the bulksheet where the search terms lack them.
    if lk["campaign"] or lk["ad_group"]:
        g["campaign_id"] = g["campaign_id"].where(g["campaign_id"].notna(),
                                                  pd.Series([lk["campaign"].get(c) for c in camps], dtype=object))
        g["ad_group_id"] = g["ad_group_id"].where(
            g["ad_group_id"].notna(), pd.Series([lk["ad_group"].get(k) for k in zip(camps, adgroups)], dtype=object))

    group = match_type_group(g["match_type"], g["targeting"])
    term = g["search_term"]
    is_asin = np.fromiter((ads.is_asin(t) for t in term), bool, n)
    exact_in_account = {t.casefold() for t, m in zip(g["targeting"], group) if m == "EXACT"} | lk["exact"]
    already = np.fromiter(((f'asin="{t}"'.casefold() if a else t.casefold()) in exact_in_account
                           for t, a in zip(term, is_asin)), bool, n)
    eff_match = np.where((group == "EXACT") | already, "EXACT", group.astype(str))
    brands = parse_brand_terms(brand_terms, settings)
    brand = brand_mask(term, brands)
    tgt, src = _targets(g, settings, target_acos, sku_costs, advertised, as_of)

    tot_clicks, tot_orders = float(np.nansum(g["clicks"])), float(np.nansum(g["orders"]))
    cpo_res = ratio(np.array([tot_clicks]), np.array([tot_orders]))
    cpo = float(cpo_res.values[0]) if cpo_res.error_at(0) == Code.OK else np.nan
    args = (term.to_numpy(dtype=object), g["clicks"].to_numpy(), g["orders"].to_numpy(), g["spend"].to_numpy(),
            g["sales"].to_numpy(), tgt, np.full(n, cpo), eff_match)
    dec = ads.search_term_decision(*args, brand=brand, settings=settings)
    text = ads.search_term_action(*args, brand=brand, settings=settings)

    action, code = dec.action, dec.reason_code
    s = settings
    thr = np.select([dec.rule == 0, dec.rule == 1, dec.rule == 7, dec.rule == 2, dec.rule == 3, dec.rule == 4,
                     dec.rule == 5],
                    [dec.negate_at, dec.negate_at, dec.negate_at, np.full(n, s.harvest_min_orders),
                     tgt * (1 + s.bid_tolerance), tgt * (1 - s.bid_tolerance), np.full(n, s.min_clicks_for_bid)], tgt)
    unit = np.select([np.isin(dec.rule, [0, 1, 5, 7]), dec.rule == 2], ["clicks", "orders"], "acos")

    # Current bid: report → bulksheet → CPC proxy.
    cur = g["_bid"].to_numpy(dtype="float64").copy()
    bsrc = np.where(np.isnan(cur), None, "REPORT").astype(object)
    if lk["keyword"] or lk["target"]:
        kw_ids, pt_ids = g["keyword_id"].tolist(), g["product_targeting_id"].tolist()
        for i, (c, a, t, m) in enumerate(zip(camps, adgroups, targets, group.tolist())):
            if m in ("EXACT", "PHRASE", "BROAD"):
                hit = lk["keyword"].get((c, a, t.casefold(), m.casefold()))
                if hit and pd.isna(kw_ids[i]):
                    kw_ids[i] = hit[0]
            else:
                hit = lk["target"].get((c, a, t.casefold()))
                if hit and pd.isna(pt_ids[i]):
                    pt_ids[i] = hit[0]
            if hit and np.isnan(cur[i]) and hit[1] == hit[1]:
                cur[i], bsrc[i] = hit[1], "BULKSHEET"
        g["keyword_id"] = pd.Series(kw_ids, dtype=object)
        g["product_targeting_id"] = pd.Series(pt_ids, dtype=object)
    cpc = g["cpc"].to_numpy(dtype="float64")
    proxy = np.isnan(cur) & ~np.isnan(cpc)
    cur[proxy] = cpc[proxy]
    bsrc[proxy] = "CPC_PROXY"

    bid_rows = np.isin(dec.rule, [3, 4])
    tb = ads.target_bid(tgt, cur, dec.acos, np.full(n, np.nan), np.full(n, np.nan), np.full(n, s.bid_step_max))
    sugg = np.full(n, np.nan)
    bid_err = np.full(n, "", dtype=object)
    ok = bid_rows.copy()
    if tb.errors is not None:
        ok &= tb.errors == 0
        for i in np.flatnonzero(bid_rows & (tb.errors != 0)):
            bid_err[i] = Code(int(tb.errors[i])).name
    sugg[ok] = tb.values[ok]
    harvest = dec.rule == 2
    sugg[harvest] = ads.round_bid(cpc)[harvest]
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(bid_rows & (cur > 0), sugg / cur - 1.0, np.nan)

    hc = np.full(n, None, dtype=object)
    ha = np.full(n, None, dtype=object)
    for i in np.flatnonzero(harvest):
        c, a = camps[i], adgroups[i]
        hc[i] = _template(s.harvest_campaign_name, c, a)
        ha[i] = _template(s.harvest_ad_group_name, c, a)

    out = pd.DataFrame({
        "campaign_name": _blank_none(g["campaign_name"]), "ad_group_name": _blank_none(g["ad_group_name"]),
        "targeting": _blank_none(g["targeting"]), "match_type": _blank_none(g["match_type"]),
        "search_term": term,
        "action": action, "reason_code": code, "reason": text.values, "brand": brand, "is_asin": is_asin,
        "already_exact": already,
        "impressions": g["impressions"], "clicks": g["clicks"], "orders": g["orders"], "units": g["units"],
        "spend": g["spend"], "sales": g["sales"], "acos": g["acos"], "cpc": g["cpc"], "cvr": g["cvr"],
        "target_acos": tgt, "target_source": src, "threshold": thr, "threshold_unit": unit,
        "negate_clicks_threshold": dec.negate_at,
        "current_bid": cur, "bid_source": bsrc, "suggested_bid": sugg, "bid_change_pct": change, "bid_error": bid_err,
        "harvest_campaign_name": hc, "harvest_ad_group_name": ha,
        "campaign_id": g["campaign_id"], "ad_group_id": g["ad_group_id"], "keyword_id": g["keyword_id"],
        "product_targeting_id": g["product_targeting_id"],
        "metric_errors": g["metric_errors"], "approve": "",
    })
    for col in ("campaign_name", "ad_group_name", "targeting", "match_type", "search_term", "action", "reason_code",
                "reason", "target_source", "threshold_unit", "bid_source", "bid_error", "harvest_campaign_name",
                "harvest_ad_group_name", "campaign_id", "ad_group_id", "keyword_id", "product_targeting_id",
                "metric_errors", "approve"):
        out[col] = out[col].astype("str")
    order = {"HARVEST": 0, "NEGATE": 1, "BID_DOWN": 2, "BID_UP": 3, "WATCH": 4, "KEEP": 5}
    out["_o"] = out["action"].map(order)
    out = out.sort_values(["_o", "spend"], ascending=[True, False], kind="stable").drop(columns="_o")
    out = out.reset_index(drop=True)[ACTION_COLUMNS]
    out.attrs["clicks_per_order"] = cpo
    out.attrs["brand_terms"] = brands
    return out


# --- 4. dashboard -----------------------------------------------------------------------------------------
def kpis(search_terms: pd.DataFrame, business: pd.DataFrame | None = None, actions: pd.DataFrame | None = None,
         settings: Settings = DEFAULTS) -> dict:
    """Dashboard numbers: totals, ratios (via xladdin.core.ads on the totals), TACoS, broad share, action counts.

    Keys: date_from, date_to, impressions, clicks, spend, sales, orders, units, acos, roas, cpc, ctr, cvr,
    total_sales, tacos, broad_spend_share, broad_over_limit, n_search_terms, n_harvest, n_negate, n_bid_up,
    n_bid_down, n_watch, n_keep, n_brand, metric_errors ({metric: code}), notes (list of text).
    Undefined ratios are NaN with their code in ``metric_errors``.
    """
    tot = pd.DataFrame({c: [float(np.nansum(_floats(search_terms, c)))] for c in SUMS})
    tot = _add_metrics(tot)
    lo, hi = _period(search_terms)
    total_sales, notes = total_ordered_sales(business, search_terms)
    mts = match_type_summary(search_terms, settings)
    out: dict = {"date_from": lo.date() if lo is not None else None, "date_to": hi.date() if hi is not None else None}
    for c in SUMS + RATIOS:
        out[c] = float(tot.at[0, c])
    out["total_sales"] = total_sales
    out["tacos"] = account_tacos(out["spend"], total_sales)
    out["broad_spend_share"] = mts.attrs["broad_spend_share"]
    out["broad_over_limit"] = bool(mts.attrs["broad_over_limit"])
    if actions is not None:
        counts = actions["action"].value_counts()
        out["n_search_terms"] = len(actions)
        for a in ACTIONS:
            out[f"n_{a.lower()}"] = int(counts.get(a, 0))
        out["n_brand"] = int(actions["brand"].astype(bool).sum())
    else:
        out["n_search_terms"] = None
        for a in ACTIONS:
            out[f"n_{a.lower()}"] = None
        out["n_brand"] = None
    errs = tot.at[0, "metric_errors"]
    out["metric_errors"] = dict(e.split(":") for e in errs.split("; ")) if errs else {}
    out["notes"] = notes
    return out
