"""This quarter's SKU review against last quarter's (季度对比), pure pandas.

Last quarter's rows come from the ``LastQuarter`` table: imported from last quarter's refreshed review
workbook (:mod:`xladdin.workbooks.last_quarter`: decision, contribution share, revenue, gross margin,
units) or pasted by hand (at least sku and decision).  One row per SKU of either quarter:

* last decision → this decision, ``decision_changed`` Y / N (blank when either is unknown);
* revenue, contribution share and gross margin of both quarters and their change (shares and margins
  in percentage points, i.e. fraction differences); blank when last quarter's figure was not given;
* ``cut_stopped``: for a SKU CUT last quarter, Y when it sold nothing this quarter (no units, or absent
  from this quarter's Business Reports — those list every ASIN with traffic), else N.

Nothing is compared when this quarter has no review (no Business Reports): "absent" would then mean
"not imported yet", not "stopped selling".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

DECISIONS = {"KEEP": "KEEP", "FIX": "FIX", "CUT": "CUT", "保留": "KEEP", "改进": "FIX", "淘汰": "CUT"}
LAST_COLUMNS = ["sku", "decision", "contribution_share", "revenue", "gross_margin", "units"]
COMPARE_COLUMNS = [
    "sku", "last_decision", "decision", "decision_changed", "cut_stopped", "last_revenue", "revenue",
    "revenue_change", "last_contribution", "contribution_share", "contribution_change", "last_margin",
    "gross_margin", "margin_change", "comment", "units"]


def _text(v: Any) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    return str(v).strip()


def last_quarter_rows(last_quarter: pd.DataFrame | None, problems: list[dict[str, str]]) -> pd.DataFrame:
    """LastQuarter rows, one per SKU (the first wins: hand-pasted rows sit above imported ones), decisions
    as KEEP / FIX / CUT (中文 保留 / 改进 / 淘汰 accepted; anything else is reported and left blank)."""
    if last_quarter is None or last_quarter.empty or "sku" not in last_quarter.columns:
        return pd.DataFrame(columns=LAST_COLUMNS)
    lq = last_quarter.reindex(columns=LAST_COLUMNS).copy()
    lq["sku"] = lq["sku"].map(_text)
    lq = lq[lq["sku"] != ""]
    dup = lq["sku"].duplicated(keep="first")
    for s in dict.fromkeys(lq.loc[dup, "sku"]):
        problems.append({"sku": s, "source": "LastQuarter", "code": "DUPLICATE_SKU",
                         "detail": "SKU listed more than once; the first row is used / 上季度表中重复，取第一行"})
    lq = lq[~dup]
    decision = []
    for s, d in zip(lq["sku"], lq["decision"]):
        t = _text(d)
        if t and t.upper() not in DECISIONS and t not in DECISIONS:
            problems.append({"sku": s, "source": "LastQuarter", "code": "BAD_DECISION",
                             "detail": f"decision {t!r} is not KEEP / FIX / CUT; ignored / 决策不是 KEEP、FIX、CUT"})
        decision.append(DECISIONS.get(t.upper(), DECISIONS.get(t)) if t else None)
    lq["decision"] = pd.Series(decision, index=lq.index, dtype=object)
    for c in ("contribution_share", "revenue", "gross_margin", "units"):
        lq[c] = pd.to_numeric(lq[c], errors="coerce").astype(float)
    return lq.reset_index(drop=True)


def _num(df: pd.DataFrame, col: str) -> pd.Series:
    return pd.to_numeric(df[col], errors="coerce").astype(float) if col in df.columns else \
        pd.Series(np.nan, index=df.index, dtype=float)


def compare(review: pd.DataFrame, last_quarter: pd.DataFrame | None) -> pd.DataFrame:
    """One row per SKU of either quarter (columns :data:`COMPARE_COLUMNS`), this quarter's revenue first."""
    lq = last_quarter_rows(last_quarter, [])
    if review.empty or lq.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    now = pd.DataFrame({"sku": review["sku"].map(_text), "decision": review["decision"],
                        "revenue": _num(review, "revenue"), "contribution_share": _num(review, "contribution_share"),
                        "gross_margin": _num(review, "gross_margin"), "units": _num(review, "units")})
    before = lq.rename(columns={"decision": "last_decision", "revenue": "last_revenue",
                                "contribution_share": "last_contribution", "gross_margin": "last_margin",
                                "units": "last_units"})
    df = now.merge(before, on="sku", how="outer", indicator=True)
    sold = df["_merge"] != "right_only"
    # A SKU absent from this quarter's reports sold nothing: its revenue and share are 0, its margin unknown.
    for c in ("revenue", "contribution_share", "units"):
        df[c] = df[c].where(sold, 0.0)
    # Rounded so an unchanged share reads 0.0 %, not −0.0 % (float noise of the two refreshes).
    df["revenue_change"] = (df["revenue"] - df["last_revenue"]).round(6)
    df["contribution_change"] = (df["contribution_share"] - df["last_contribution"]).round(10)
    df["margin_change"] = (df["gross_margin"] - df["last_margin"]).round(10)
    last = [_text(v) or None for v in df["last_decision"]]
    this = [_text(v) or None for v in df["decision"]]
    df["decision_changed"] = [None if a is None or b is None else ("Y" if a != b else "N") for a, b in zip(last, this)]
    units, revenue = df["units"], df["revenue"]
    selling = sold & ((units > 0) | (units.isna() & (revenue > 0)))  # a review row with no units: its sales say
    df["cut_stopped"] = [("N" if s else "Y") if a == "CUT" else None for a, s in zip(last, selling)]
    comments = []
    for r, a, b, s, in_now, in_before in zip(df.to_dict("records"), last, this, selling, sold,
                                             df["_merge"] != "left_only"):
        if a == "CUT" and s:  # short texts: the figures are in their own columns
            units = "" if pd.isna(r["units"]) else f": {r['units']:,.0f} units"
            comments.append(f"淘汰后仍在售 / CUT but still selling{units}")
        elif a == "CUT":
            comments.append("淘汰后已停售 / CUT: stopped selling")
        elif not in_now:
            comments.append("本季度无销售 / no sales this quarter")
        elif not in_before:
            comments.append("本季度新增 / new this quarter")
        elif a is not None and b is not None and a != b:
            comments.append(f"决策变化 / changed: {a} → {b}")
        else:
            comments.append(None)
    df["comment"] = comments
    df = df.assign(_r=df["revenue"].fillna(-np.inf)).sort_values(["_r", "sku"], ascending=[False, True],
                                                                 kind="mergesort")
    out = df.reindex(columns=COMPARE_COLUMNS).reset_index(drop=True).astype(object)
    return out.where(out.notna(), None)


def cut_still_selling(comp: pd.DataFrame) -> int:
    """How many of last quarter's CUT SKUs still sold this quarter."""
    return int((comp["cut_stopped"] == "N").sum()) if len(comp) else 0


__all__ = ["COMPARE_COLUMNS", "LAST_COLUMNS", "compare", "cut_still_selling", "last_quarter_rows"]
