"""Refresh of the ads workbook (template ``ads``): input tables in, campaign / match type / trend / action
tables and the Dashboard KPIs out.

Reads the input tables ``SearchTerms``, ``CampaignReport``, ``BusinessReport``, ``SkuCosts``,
``CampaignTargets``, ``BrandTerms`` and ``Bulk`` (a bulk operations download: IDs, current bids and the
Product Ad rows that link SKUs to ad groups), runs the pure-pandas analytics of
:mod:`xladdin.workbooks.ads_analysis` and writes:

* ``Campaigns`` / ``MatchTypes`` — the template's columns (sums and ratios on summed columns, each row's
  share of spend; MatchTypes also the share of sales and ``broad_over_limit``: TRUE on the BROAD row when
  broad match takes more than ``settings.broad_spend_share_max`` of spend);
* ``Trend`` — one row per report period, ``date`` = the period's start date;
* ``SearchTermActions`` — the template's declared columns first (``approve`` / ``note`` are operator columns,
  kept by the table's ``row_key``: campaign, ad group, search term, action), then the numbers behind each
  action (:data:`ACTION_EXTRA`: reason code, target ACoS, threshold, bids, harvest target, IDs);
* the KPI names ``kpi_date_from`` … ``kpi_actions``: undefined ratios (no sales → ACoS, no Business Report →
  TACoS, no spend → broad share) and missing dates are blank cells; amounts and counts are 0 when there is
  nothing.  ``kpi_broad_flag`` is a bilingual text: :data:`BROAD_HIGH` above the limit, :data:`BROAD_OK`
  otherwise, blank without spend.

Target ACoS per search term (``target_acos`` / ``target_source`` of each action), first found:
CampaignTargets (``CAMPAIGN``) → SkuCosts.target_acos of the ad group's SKUs (``SKU``) → break-even ACoS −
``acos_buffer`` (``BREAKEVEN``; ``BREAKEVEN_NEGATIVE`` = 0 when negative) → ``settings.target_acos``
(``SETTINGS``); see :func:`xladdin.workbooks.ads_analysis.search_term_actions`.  SKUs reach ad groups through
the Bulk table's Product Ad rows (passed as ``advertised``).

``kpi_actions`` counts the rows with something to upload (HARVEST, NEGATE, BID_UP, BID_DOWN).

:func:`export_bulksheet` (``xladdin export-bulksheet``) turns the approved SearchTermActions rows, with the
Bulk table's IDs, into a bulksheet upload file (:mod:`xladdin.workbooks.bulksheet`).

Empty input tables give empty outputs, never an error value.  Nothing here knows which host runs it.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from xladdin.errors import Code, InputError
from xladdin.settings import Settings
from xladdin.workbooks import ads_analysis as aa
from xladdin.workbooks.bulksheet import BulkUpload
from xladdin.workbooks.host import BookHost
from xladdin.workbooks.registry import get_template, register_refresh

KIND = "ads"
ACTIONS_TABLE = "SearchTermActions"
BULK_TABLE = "Bulk"
ACTION_EXTRA = ["reason_code", "target_acos", "target_source", "threshold", "current_bid", "suggested_bid", "bid_source",
                "harvest_campaign_name", "harvest_ad_group_name", "brand", "is_asin",
                "campaign_id", "ad_group_id", "keyword_id", "product_targeting_id"]
UPLOAD_ACTIONS = ("HARVEST", "NEGATE", "BID_UP", "BID_DOWN")
KPI_NAMES = ("kpi_date_from", "kpi_date_to", "kpi_spend", "kpi_sales", "kpi_orders", "kpi_acos", "kpi_tacos",
             "kpi_roas", "kpi_cpc", "kpi_ctr", "kpi_cvr", "kpi_broad_share", "kpi_broad_flag", "kpi_actions")
BROAD_HIGH = "过高 / HIGH"
BROAD_OK = "正常 / OK"
# sp_bulksheet columns that hold numbers or dates; every other column is text (IDs above all).
_BULK_NON_TEXT = {"start_date", "end_date", "daily_budget", "ad_group_default_bid", "ad_group_default_bid_info",
                  "bid", "percentage", "shopper_cohort_percentage", "impressions", "clicks", "ctr", "spend",
                  "sales", "orders", "units", "cvr", "acos", "cpc", "roas", "import_id"}


def _blank(v: Any) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)) or (
        isinstance(v, str) and v.strip() == "")


def _as_text(v: Any) -> Any:
    """A cell as text (None for blank); a whole number Excel stored as a number loses its ``.0``."""
    if _blank(v):
        return None
    if isinstance(v, bool):
        return str(v).upper()
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)) and float(v).is_integer() and abs(v) < 2 ** 53:
        return str(int(v))
    return str(v).strip()


def _table(host: BookHost, name: str) -> pd.DataFrame | None:
    """An input table without the bookkeeping ``import_id``; None when it has no row."""
    df = host.read_table(name)
    df = df.drop(columns=[c for c in ("import_id",) if c in df.columns])
    return None if df.empty else df.reset_index(drop=True)


def _texts(df: pd.DataFrame, cols: list[str] | tuple[str, ...]) -> pd.DataFrame:
    for c in cols:
        if c in df.columns:
            df[c] = df[c].map(_as_text).astype(object)
    return df


def read_search_terms(host: BookHost) -> pd.DataFrame:
    """SearchTerms as the analytics expect it (an empty frame with the template columns when empty)."""
    df = _table(host, "SearchTerms")
    if df is None:
        cols = [c for c in get_template(KIND).table("SearchTerms").keys if c != "import_id"]
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    return _texts(df, ("portfolio", "campaign_name", "ad_group_name", "targeting", "match_type", "search_term"))


def read_bulk(host: BookHost) -> pd.DataFrame | None:
    """The Bulk table (an ``sp_bulksheet`` frame), IDs and names as text; None when empty or absent."""
    if BULK_TABLE.lower() not in {t.lower() for t in host.table_names()}:
        return None
    df = _table(host, BULK_TABLE)
    if df is None:
        return None
    return _texts(df, [c for c in df.columns if c not in _BULK_NON_TEXT])


def read_brand_terms(host: BookHost) -> list[str]:
    df = _table(host, "BrandTerms")
    if df is None or "brand_term" not in df.columns:
        return []
    return [t for t in (_as_text(v) for v in df["brand_term"]) if t]


def read_sku_costs(host: BookHost) -> pd.DataFrame | None:
    df = _table(host, "SkuCosts")
    if df is None:
        return None
    df = _texts(df, ("sku", "asin"))
    df = df[df["sku"].notna()] if "sku" in df.columns else df
    return None if df.empty else df.reset_index(drop=True)


def read_campaign_targets(host: BookHost) -> pd.DataFrame | None:
    """CampaignTargets (campaign_name, target_acos) rows with both filled; None when none (or no such table)."""
    if "campaigntargets" not in {t.lower() for t in host.table_names()}:
        return None  # a workbook made before the table existed
    df = _table(host, "CampaignTargets")
    if df is None or not {"campaign_name", "target_acos"} <= set(df.columns):
        return None
    df = _texts(df, ("campaign_name",))
    df["target_acos"] = pd.to_numeric(df["target_acos"], errors="coerce")
    df = df.dropna(subset=["campaign_name", "target_acos"])
    return None if df.empty else df[["campaign_name", "target_acos"]].reset_index(drop=True)


def _finite(v: Any, zero: bool) -> Any:
    """A KPI value: NaN / inf / None → 0 (amounts, counts) or None (a blank cell: ratios, dates)."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return 0 if zero else None
    return v


def kpi_values(k: dict[str, Any], actions: pd.DataFrame) -> dict[str, Any]:
    """Dashboard KPI name → value (see the module docstring)."""
    spent = bool(_finite(k.get("spend"), True))  # no spend: the broad share is undefined
    share = _finite(k.get("broad_spend_share"), False) if spent else None
    flag = None if share is None else (BROAD_HIGH if k.get("broad_over_limit") else BROAD_OK)
    return {
        "kpi_date_from": k.get("date_from"), "kpi_date_to": k.get("date_to"),
        "kpi_spend": _finite(k.get("spend"), True), "kpi_sales": _finite(k.get("sales"), True),
        "kpi_orders": _finite(k.get("orders"), True),
        "kpi_acos": _finite(k.get("acos"), False), "kpi_tacos": _finite(k.get("tacos"), False),
        "kpi_roas": _finite(k.get("roas"), False), "kpi_cpc": _finite(k.get("cpc"), False),
        "kpi_ctr": _finite(k.get("ctr"), False), "kpi_cvr": _finite(k.get("cvr"), False),
        "kpi_broad_share": share, "kpi_broad_flag": flag,
        "kpi_actions": int(actions["action"].isin(UPLOAD_ACTIONS).sum()) if len(actions) else 0,
    }


def _declared(table: str) -> list[str]:
    t = get_template(KIND).table(table)
    return [c for c in t.keys if c not in t.operator_columns]


def actions_frame(actions: pd.DataFrame) -> pd.DataFrame:
    """The SearchTermActions body: the template's declared columns (without approve / note).

    The template declares :data:`ACTION_EXTRA` too (labelled; IDs hidden), so every written column has a
    bilingual label, a width and a format and the sheet prints legibly."""
    cols = _declared(ACTIONS_TABLE)
    missing = [c for c in ACTION_EXTRA if c not in cols]
    if missing:  # a programming error: the template and the refresh disagree
        raise KeyError(f"SearchTermActions must declare {missing}")
    return actions.reindex(columns=cols).reset_index(drop=True)


def trend_frame(tr: pd.DataFrame) -> pd.DataFrame:
    out = tr.rename(columns={"start_date": "date"})
    return out.reindex(columns=_declared("Trend")).reset_index(drop=True)


def refresh_ads_tables(host: BookHost, settings: Settings) -> dict[str, Any]:
    """Refresh an ads workbook; returns the KPI values written."""
    st = read_search_terms(host)
    business = _table(host, "BusinessReport")
    campaigns_report = _table(host, "CampaignReport")
    if campaigns_report is not None:
        campaigns_report = _texts(campaigns_report, ("campaign_name", "portfolio", "status"))
    bulk = read_bulk(host)
    brands = read_brand_terms(host)
    sku_costs = read_sku_costs(host)
    targets = read_campaign_targets(host)

    camp = aa.campaign_summary(st, business, campaigns_report)
    mts = aa.match_type_summary(st, settings)
    tr = aa.trend(st)
    acts = aa.search_term_actions(st, settings, brands, target_acos=targets, sku_costs=sku_costs, bulk=bulk,
                                  advertised=bulk)
    k = aa.kpis(st, business, acts, settings)
    kpi = kpi_values(k, acts)

    spec = get_template(KIND)
    host.write_table("Campaigns", camp.reindex(columns=_declared("Campaigns")),
                     key=spec.table("Campaigns").row_key)
    host.write_table("MatchTypes", mts.reindex(columns=_declared("MatchTypes")),
                     key=spec.table("MatchTypes").row_key)
    host.write_table("Trend", trend_frame(tr), key=spec.table("Trend").row_key)
    host.write_table(ACTIONS_TABLE, actions_frame(acts), key=spec.table(ACTIONS_TABLE).row_key)
    for name, value in kpi.items():
        host.write_named(name, value)
    return kpi


def read_actions(host: BookHost) -> pd.DataFrame:
    """SearchTermActions as written by refresh (with the operator's Approve), IDs and names as text."""
    df = host.read_table(ACTIONS_TABLE).reset_index(drop=True)
    return _texts(df, ("campaign_name", "ad_group_name", "search_term", "match_type", "action", "approve",
                       "harvest_campaign_name", "harvest_ad_group_name", "campaign_id", "ad_group_id", "keyword_id",
                       "product_targeting_id"))


def export_bulksheet(book: str | os.PathLike[str], out: str | os.PathLike[str], *,
                     force: bool = False) -> tuple[BulkUpload, Path | None]:
    """Approved rows of BOOK's SearchTermActions → a bulksheet upload file OUT (BOOK is only read).

    Returns ``(upload, written path)``; the path is None (nothing written) when no row could be uploaded.
    Refuses OUT = BOOK always, and an existing OUT unless ``force``.
    """
    from xladdin.workbooks.bulksheet import bulksheet_rows, write_bulksheet
    from xladdin.workbooks.host import OpenpyxlHost

    book_p, out_p = Path(book), Path(out)
    if out_p.suffix.lower() != ".xlsx":
        raise InputError(Code.BAD_CHOICE, f"{out_p.name}: use a .xlsx file name / 请使用 .xlsx 文件名")
    if out_p.exists() and book_p.exists() and out_p.resolve() == book_p.resolve():
        raise InputError(Code.FILE_EXISTS, f"{out_p}: OUT is the workbook itself / 输出文件不能是工作簿本身")
    if out_p.exists() and not force:
        raise InputError(Code.FILE_EXISTS, str(out_p))
    host = OpenpyxlHost.open(book_p)
    upload = bulksheet_rows(read_actions(host), read_bulk(host), settings=host.read_settings())
    if not len(upload.rows):
        return upload, None
    return upload, write_bulksheet(upload, out_p)


@register_refresh(KIND)
def refresh_ads(host: BookHost, settings: Settings) -> None:
    """``refresh_book`` entry point for ads workbooks."""
    refresh_ads_tables(host, settings)


__all__ = ["ACTION_EXTRA", "BROAD_HIGH", "BROAD_OK", "KPI_NAMES", "actions_frame", "export_bulksheet", "kpi_values",
           "read_actions", "read_bulk", "read_campaign_targets", "refresh_ads", "refresh_ads_tables"]
