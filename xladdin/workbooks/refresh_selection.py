"""Refresh of the selection workbook (template ``selection``): reports and candidate inputs in; scored
candidates, launch cost, issues and KPIs out.

Reads ``Products`` (Helium 10 X-Ray / Black Box), ``Keepa``, ``Keywords`` (Cerebro / Magnet), ``SellerSprite``,
and ``CandidateInputs``; runs :mod:`xladdin.workbooks.selection_analysis` (thresholds, weights and the
launch-cost items from the Settings sheet) and writes:

* ``Candidates`` — one row per ASIN, best score first: score and sub-scores (weights and criteria from
  Settings), unit economics (core FBA / referral fees, profit, margin, ROI), launch cost, data-quality
  flags, Keepa price volatility / seasonality; ``approve`` / ``note`` kept by ``asin``;
* ``LaunchCost`` — the playbook's launch items as set in Settings (launch_*);
* ``Issues`` — missing / unknown inputs, duplicate ASINs, fees that could not be computed;
* the Dashboard KPIs :data:`KPI_NAMES`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from xladdin.core import inventory as inv
from xladdin.errors import Code
from xladdin.settings import Settings
from xladdin.workbooks import selection_analysis as sa
from xladdin.workbooks.host import BookHost
from xladdin.workbooks.registry import get_template, register_refresh

KIND = "selection"
CANDIDATES_TABLE, LAUNCH_TABLE, ISSUES_TABLE = "Candidates", "LaunchCost", "Issues"
KPI_NAMES = ("kpi_candidates", "kpi_top_score", "kpi_passing", "kpi_median_margin", "kpi_top10_share",
             "kpi_concentration", "kpi_page_listings", "kpi_fixed_launch", "kpi_top_launch_cost", "kpi_flagged",
             "kpi_volatile", "kpi_seasonal")


def _input(host: BookHost, name: str) -> pd.DataFrame | None:
    df = host.read_table(name)
    df = df.drop(columns=[c for c in ("import_id",) if c in df.columns])
    if df.empty or not any(c in df.columns for c in ("asin", "keyword")):
        return None
    key = "asin" if "asin" in df.columns else "keyword"
    used = df[key].astype("string").str.strip().fillna("") != ""
    return df[used].reset_index(drop=True) if used.any() else None


def _legacy_launch_values(host: BookHost) -> list[dict]:
    """Workbooks built before the launch items moved to Settings have LaunchCost › amount: say it is unused."""
    df = host.read_table(LAUNCH_TABLE)
    if "amount" not in df.columns or not any(not math.isnan(sa._num(v)) for v in df["amount"]):
        return []
    return [{"asin": "", "source": "launch_cost", "code": Code.SETTINGS_INVALID.name,
             "detail": "LaunchCost › Your value is no longer read: enter launch costs in Settings (launch_*) / "
                       "启动资金改在 Settings 的 launch_* 设置"}]


def refresh_selection_at(host: BookHost, settings: Settings, as_of: dt.date | None = None) -> dict[str, Any]:
    """Refresh the selection workbook as of ``as_of`` (default today; picks the fee tables)."""
    as_of = as_of or inv.today()
    products, keepa = _input(host, "Products"), _input(host, "Keepa")
    kw = [f for f in (_input(host, "Keywords"), _input(host, "SellerSprite")) if f is not None]
    keywords = pd.concat(kw, ignore_index=True) if kw else None
    inputs = _input(host, "CandidateInputs")
    launch = sa.launch_items(settings)
    cands, problems = sa.candidates(products, keepa, keywords, inputs, launch, settings, as_of)
    problems += _legacy_launch_values(host)
    conc = sa.market_concentration(products)
    kpi = sa.kpis(cands, conc, launch, settings)
    spec = get_template(KIND).table(CANDIDATES_TABLE)
    declared = [c for c in spec.keys if c not in spec.operator_columns]
    host.write_table(CANDIDATES_TABLE, cands[declared], key=("asin",))
    host.write_table(LAUNCH_TABLE, launch, key=("item",))
    host.write_table(ISSUES_TABLE, pd.DataFrame(problems, columns=list(sa.PROBLEM_COLUMNS)))
    for name in KPI_NAMES:
        host.write_named(name, kpi[name])
    return kpi


@register_refresh(KIND)
def refresh_selection(host: BookHost, settings: Settings) -> None:
    """``refresh_book`` entry point for selection workbooks (as of today)."""
    refresh_selection_at(host, settings)


__all__ = ["KPI_NAMES", "refresh_selection", "refresh_selection_at"]
