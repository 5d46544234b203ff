"""Refresh of the listing workbook (template ``listing``).

Reads ``Listings`` (one row per ASIN × version, typed or pasted) and ``Keywords`` (Helium 10 Cerebro /
Magnet imports and typed rows); scoring, pass score, image counts and the before-version names come
from the workbook's Settings sheet.  Runs :mod:`xladdin.workbooks.listing_analysis` (every rule from
:mod:`xladdin.core.listing` / :mod:`xladdin.core.images`) and writes:

* ``ListingChecks`` — per ASIN × version: score, pass / fail, coverage, LISTING_CHECK (title, bullets,
  description), SEARCH_TERMS_CHECK, image count and image codes, missing top-N keywords, the points
  behind the score; ``note`` kept by (asin, version);
* ``ImageChecks`` — per ASIN × version × image: main or additional, its check;
* ``KeywordPlacement`` — per ASIN × version × keyword: in title / bullets / search terms or missing,
  and (information only) in the description;
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
IMAGES_TABLE = "ImageChecks"


def _declared(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Only the template's declared, non-operator columns, in its order; empty strings → empty cells."""
    spec = get_template(KIND).table(table)
    keys = [c for c in spec.keys if c not in spec.operator_columns]
    out = df.reindex(columns=keys).astype(object)
    for c in out.columns:
        out[c] = out[c].map(lambda v: None if (isinstance(v, str) and v == "")
                            or (isinstance(v, float) and pd.isna(v)) else v)
    return out.reset_index(drop=True)


def analyse(host: BookHost, settings: Settings) -> dict[str, Any]:
    """Read the inputs and compute every output (nothing written)."""
    issues: list[dict] = []
    listings = la.clean_listings(host.read_table("Listings"), issues)
    keywords = la.clean_keywords(host.read_table("Keywords"), issues)
    if len(listings) and keywords.empty:
        issues.append({"asin": None, "version": None, "source": "Keywords", "code": "NO_DATA",
                       "detail": "no keywords: coverage is not scored; import Helium 10 Cerebro / Magnet or type "
                                 "keywords / 没有关键词，覆盖率不计分"})
    place = la.placement(listings, keywords)
    checks, images = la.check_listings(listings, keywords, settings, place)
    vers = la.versions(checks, place, settings)
    return {"checks": checks, "images": images, "placement": place, "versions": vers, "keywords": keywords,
            "issues": pd.DataFrame(issues, columns=la.ISSUE_COLUMNS), "kpis": la.kpis(checks, vers, keywords)}


@register_refresh(KIND)
def refresh_listing(host: BookHost, settings: Settings) -> None:
    """``refresh_book`` entry point for listing workbooks."""
    res = analyse(host, settings)
    # A workbook built before ImageChecks / kpi_passing existed still refreshes; an issue says how to get them.
    has_images = IMAGES_TABLE.lower() in {t.lower() for t in host.table_names()}
    names = set(host.defined_names())
    if not has_images:
        res["issues"] = pd.concat([res["issues"], pd.DataFrame([{
            "asin": None, "version": None, "source": IMAGES_TABLE, "code": "UNKNOWN_TABLE",
            "detail": "this workbook has no ImageChecks sheet: image codes are in ListingChecks only; build a new "
                      "workbook (xladdin new listing) and copy the inputs / 旧版工作簿没有 ImageChecks，请新建后复制输入"}])],
            ignore_index=True)
    host.write_table(CHECKS_TABLE, _declared(CHECKS_TABLE, res["checks"]), key=("asin", "version"))
    if has_images:
        host.write_table(IMAGES_TABLE, _declared(IMAGES_TABLE, res["images"]))
    host.write_table(PLACEMENT_TABLE, _declared(PLACEMENT_TABLE, res["placement"]))
    host.write_table(VERSIONS_TABLE, _declared(VERSIONS_TABLE, res["versions"]), key=("asin",))
    host.write_table(ISSUES_TABLE, _declared(ISSUES_TABLE, res["issues"]))
    for name, value in res["kpis"].items():
        if name in names:
            host.write_named(name, value)


__all__ = ["analyse", "refresh_listing"]
