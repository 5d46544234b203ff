"""Refresh of the quarterly review workbook (template ``quarterly``): input tables in, SkuReview / Issues / KPIs out.

Reads ``BusinessReport`` (split by import, each import's date range from the hidden ``_Imports`` log — the
same reader the inventory refresh uses, :func:`xladdin.workbooks.refresh_inventory.business_reports_by_import`),
keeps the non-overlapping reports covering the most days (:func:`quarterly_analysis.choose_reports`), then
``AdvertisedProducts``, ``SkuCosts``, ``CategoryCvr`` and ``LastQuarter``, runs
:func:`xladdin.workbooks.quarterly_analysis.review` and writes:

* ``SkuReview`` — exactly the template's declared columns, sorted by revenue (the Pareto order);
  ``note`` kept by ``sku``;
* ``QuarterCompare`` — last quarter (``LastQuarter``) against this one, per SKU
  (:func:`xladdin.workbooks.quarterly_compare.compare`); ``note`` kept by ``sku``.  A workbook built before
  this table existed gets an Issues row asking to rebuild instead;
* ``Issues`` — pasted / range-less Business Reports, overlaps and gaps, missing costs, ad SKUs without sales;
* the Dashboard KPIs :data:`KPI_NAMES` (numbers, 0 when there is nothing) and ``kpi_period`` (text).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from xladdin.settings import Settings
from xladdin.workbooks import quarterly_analysis as qa
from xladdin.workbooks import quarterly_compare as qc
from xladdin.workbooks.host import BookHost
from xladdin.workbooks.refresh_inventory import business_reports_by_import
from xladdin.workbooks.registry import get_template, register_refresh

KIND = "quarterly"
REVIEW_TABLE, COMPARE_TABLE, ISSUES_TABLE = "SkuReview", "QuarterCompare", "Issues"
KPI_NAMES = ("kpi_days", "kpi_skus", "kpi_revenue", "kpi_gross_profit", "kpi_gross_margin", "kpi_ad_spend",
             "kpi_tacos", "kpi_keep", "kpi_fix", "kpi_cut", "kpi_cut_gross_profit", "kpi_money_impact", "kpi_a_skus",
             "kpi_changed", "kpi_cut_still_selling")


def _input(host: BookHost, name: str) -> pd.DataFrame | None:
    df = host.read_table(name)
    df = df.drop(columns=[c for c in ("import_id",) if c in df.columns])
    return None if df.empty else df


def review_frame(rev: pd.DataFrame) -> pd.DataFrame:
    """The SkuReview body: the template's declared (non-operator) columns in its order."""
    spec = get_template(KIND).table(REVIEW_TABLE)
    declared = [c for c in spec.keys if c not in spec.operator_columns]
    return rev.reindex(columns=declared).astype(object).reset_index(drop=True)


def period_label(d0: dt.date | None, d1: dt.date | None) -> str:
    """"2026 Q3" for a calendar quarter, else the range kept short enough for the KPI cell; "—" for none."""
    if d0 is None or d1 is None:
        return "—"
    q = (d0.month - 1) // 3
    q_end = (dt.date(d0.year + (q == 3), 1 if q == 3 else 3 * q + 4, 1) - dt.timedelta(days=1))
    if d0 == dt.date(d0.year, 3 * q + 1, 1) and d1 == q_end:
        return f"{d0.year} Q{q + 1}"
    return f"{d0:%Y-%m-%d}–{d1:%m-%d}" if d0.year == d1.year else f"{d0:%y-%m-%d}–{d1:%y-%m-%d}"


def refresh_quarterly_book(host: BookHost, settings: Settings) -> dict[str, Any]:
    """Refresh the quarterly workbook; returns the KPI values written."""
    issues: list[dict[str, str]] = []
    rows, d0, d1, days = qa.choose_reports(business_reports_by_import(host, issues), issues)
    last = _input(host, "LastQuarter")
    rev, problems = qa.review(rows, _input(host, "AdvertisedProducts"), _input(host, "SkuCosts"),
                              _input(host, "CategoryCvr"), last, period=(d0, d1),
                              min_contribution=settings.min_contribution, min_margin=settings.min_margin,
                              abc_a_share=settings.abc_a_share, abc_b_share=settings.abc_b_share)
    comp = qc.compare(rev, last)
    tables, names = set(host.table_names()), set(host.defined_names())
    if COMPARE_TABLE not in tables and last is not None:
        issues.append({"sku": "", "source": "LastQuarter", "code": "OLD_WORKBOOK",
                       "detail": "this workbook predates the QuarterCompare sheet: build a new one (xladdin new "
                                 "quarterly) and import into it to compare quarters / 旧版工作簿没有对比表，请新建"})
    if issues:
        problems = pd.concat([pd.DataFrame(issues, columns=qa.PROBLEM_COLUMNS), problems], ignore_index=True)
    k = qa.kpis(rev)
    values: dict[str, Any] = {"kpi_period": period_label(d0, d1), "kpi_days": days,
                              **{f"kpi_{n}": v for n, v in k.items()},
                              "kpi_cut_still_selling": qc.cut_still_selling(comp)}
    host.write_table(REVIEW_TABLE, review_frame(rev), key=("sku",))
    if COMPARE_TABLE in tables:
        host.write_table(COMPARE_TABLE, comp, key=("sku",))
    host.write_table(ISSUES_TABLE, problems.reindex(columns=qa.PROBLEM_COLUMNS).astype(object))
    for name, value in values.items():
        if name in names:  # a KPI added after the workbook was built has no cell there
            host.write_named(name, value)
    return values


@register_refresh(KIND)
def refresh_quarterly(host: BookHost, settings: Settings) -> None:
    """``refresh_book`` entry point for quarterly review workbooks."""
    refresh_quarterly_book(host, settings)


__all__ = ["KPI_NAMES", "period_label", "refresh_quarterly", "refresh_quarterly_book", "review_frame"]
