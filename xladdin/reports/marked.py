"""Numbers with markers, as third-party tools and the new ads console write them: ``<5%``, ``>1,000``,
``1K+``, ``N/R``.  Not a family module: a helper for family ``finish`` hooks.

A column that may hold such cells is declared ``text`` in the family table (so the generic typing does not
turn them into NOT_A_NUMBER problems) and converted here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from xladdin.errors import Code
from xladdin.reports.base import Context
from xladdin.reports.values import MARKETPLACE_CURRENCY, to_number

_BOUND_RE = r"^\s*[<>≤≥]\s*=?\s*|\s*\+\s*$"


def parse_marked(frame: pd.DataFrame, ctx: Context, col: str, kind: str, *, pct_plain: str = "fraction",
                 missing_tokens: tuple[str, ...] = (), decimal_hint: str | None = None) -> None:
    """Convert a column declared ``text`` whose cells may carry bound markers, to numbers of ``kind``.

    ``<5%`` (top-of-search impression share), ``>1,000`` (Helium 10 competing products) and ``1K+``
    (Helium 10 recent purchases) become the bound (0.05, 1000, 1000) and the metadata gets a note with the
    count, so the bound is never silently taken for an exact value.  ``missing_tokens`` (``N/R``: not ranked)
    become missing.  Other non-numbers become missing and a NOT_A_NUMBER problem.
    """
    if col not in frame.columns:
        return
    if decimal_hint is None and ctx.meta.marketplace is not None:
        eur = MARKETPLACE_CURRENCY.get(ctx.meta.marketplace) == "EUR"
        decimal_hint = "," if eur or ctx.meta.marketplace in ("SE", "PL", "TR", "BR") else "."
    s = frame[col].astype("object")
    text = s.where(s.notna(), "").astype(str).str.strip()
    tokens = {t.casefold() for t in missing_tokens}
    is_missing = text.str.casefold().isin(tokens) | (text == "")
    bounded = text.str.contains(r"^\s*[<>≤≥]|\+\s*$", regex=True)
    cleaned = text.str.replace(_BOUND_RE, "", regex=True)
    # "1K+" / "2.5k" / "1M": thousands / millions suffix (Helium 10 "Recent Purchases")
    mult = np.where(cleaned.str.contains(r"[0-9][kK]$", regex=True), 1e3,
                    np.where(cleaned.str.contains(r"[0-9][mM]$", regex=True), 1e6, 1.0))
    cleaned = cleaned.str.replace(r"(?<=[0-9])[kKmM]$", "", regex=True)
    cleaned = cleaned.where(~is_missing, "")
    conv = to_number(pa.array(cleaned.tolist(), type=pa.string()), "float" if kind == "int" else kind,
                     decimal_hint=decimal_hint, pct_plain=pct_plain)
    vals = np.asarray(conv.values, dtype="float64") * mult
    bad = conv.errors != 0
    if bad.any():
        pos = np.flatnonzero(bad)
        ctx.problem(pos, col, text.iloc[pos].tolist(), Code.NOT_A_NUMBER, conv.detail)
        vals[bad] = np.nan
    nb = int((bounded & ~is_missing & ~pd.Series(bad, index=text.index)).sum())
    if nb:
        ctx.meta.notes.append(f"{col}: {nb} cells are bounds such as '<5%', '>1,000' or '1K+'; "
                              f"stored as the bound value")
    if kind == "int":
        frac = np.isfinite(vals) & (vals != np.round(vals))
        vals[frac] = np.round(vals[frac])
        frame[col] = pd.array(np.where(np.isfinite(vals), vals, np.nan), dtype="Float64").astype("Int64")
    else:
        frame[col] = vals
