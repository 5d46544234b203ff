"""Refresh of the listing workbook (template ``listing``).

Reads ``Listings`` (one row per ASIN × version, typed or pasted), ``Keywords`` (Helium 10 Cerebro / Magnet
imports and typed rows) and the first row of ``Criteria``; runs :mod:`xladdin.workbooks.listing_analysis`
(every rule from :mod:`xladdin.core.listing` / :mod:`xladdin.core.images`) and writes:

* ``ListingChecks`` — per ASIN × version: score, coverage, LISTING_CHECK, SEARCH_TERMS_CHECK, image check,
  missing top-N keywords, the points behind the score; ``note`` kept by (asin, version);
* ``KeywordPlacement`` — per ASIN × version × keyword: in title / bullets / search terms or missing;
* ``Versions`` — per ASIN: before / after scores and the difference; ``note`` kept by asin;
* ``Issues`` and the Dashboard KPIs (counts 0 when empty, averages blank when not computable).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from xladdin.settings import Settings
from xladdin.workbooks import listing_analysis as la
from xladdin.workbooks.host import BookHost
from xladdin.workbooks.registry import get_template, register_refresh

KIND = "listing"
CHECKS_TABLE, PLACEMENT_TABLE, VERSIONS_TABLE, ISSUES_TABLE = "ListingChecks", "KeywordPlacement", "Versions", "Issues"


def _declared(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Only the template's declared, non-operator columns, in its order; empty strings → empty cells."""
    spec = get_template(KIND).table(table)
    keys = [c for c in spec.keys if c not in spec.operator_columns]
    out = df.reindex(columns=keys).astype(object)
    for c in out.columns:
        out[c] = out[c].map(lambda v: None if (isinstance(v, str) and v == "")
                            or (isinstance(v, float) and pd.isna(v)) else v)
    return out.reset_index(drop=True)


def _criteria(host: BookHost, issues: list[dict]) -> la.Criteria:
    df = host.read_table("Criteria")
    return la.Criteria.from_row(df.iloc[0].to_dict() if len(df) else None, issues)


def analyse(host: BookHost, settings: Settings) -> dict[str, Any]:
    """Read the inputs and compute every output (nothing written)."""
    issues: list[dict] = []
    criteria = _criteria(host, issues)
    listings = la.clean_listings(host.read_table("Listings"), issues)
    keywords = la.clean_keywords(host.read_table("Keywords"), issues)
    if len(listings) and keywords.empty:
        issues.append({"asin": None, "version": None, "source": "Keywords", "code": "NO_DATA",
                       "detail": "no keywords: coverage is not scored; import Helium 10 Cerebro / Magnet or type "
                                 "keywords / 没有关键词，覆盖率不计分"})
    place = la.placement(listings, keywords)
    checks = la.check_listings(listings, keywords, settings, criteria, place)
    vers = la.versions(checks, place)
    return {"checks": checks, "placement": place, "versions": vers, "keywords": keywords,
            "issues": pd.DataFrame(issues, columns=la.ISSUE_COLUMNS), "kpis": la.kpis(checks, vers, keywords),
            "criteria": criteria}


@register_refresh(KIND)
def refresh_listing(host: BookHost, settings: Settings) -> None:
    """``refresh_book`` entry point for listing workbooks."""
    res = analyse(host, settings)
    host.write_table(CHECKS_TABLE, _declared(CHECKS_TABLE, res["checks"]), key=("asin", "version"))
    host.write_table(PLACEMENT_TABLE, _declared(PLACEMENT_TABLE, res["placement"]))
    host.write_table(VERSIONS_TABLE, _declared(VERSIONS_TABLE, res["versions"]), key=("asin",))
    host.write_table(ISSUES_TABLE, _declared(ISSUES_TABLE, res["issues"]))
    for name, value in res["kpis"].items():
        host.write_named(name, value)


__all__ = ["analyse", "refresh_listing"]
