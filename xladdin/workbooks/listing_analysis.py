"""Listing workbook analytics, pure pandas: every rule comes from :mod:`xladdin.core.listing` and
:mod:`xladdin.core.images`; this module only arranges their results per ASIN × version.

* :func:`clean_keywords` — the keyword list: blank keywords dropped, duplicates (case and spacing
  ignored) keep the highest volume, volumes that are not numbers become 0 with an issue;
* :func:`check_listings` — per listing row: LISTING_CHECK (``listing_check``, title + bullets +
  description), SEARCH_TERMS_CHECK (``search_terms_check``), volume-weighted coverage over title +
  bullets + search terms (``keyword_coverage``), every image (``listing_images``: main + additional),
  the missing top-N keywords, the score and pass / fail;
* :func:`image_rows` — per listing × image: its check result;
* :func:`placement` — per listing × keyword: found in title / bullets / search terms (each location tested
  with ``keyword_coverage`` on that location alone, so matching is LISTING_CHECK's rule: whole words,
  case-insensitive, simple plurals, "non slip" = "non-slip"), and in the description for information:
  the reference does not say whether Amazon indexes the description, so it never counts for coverage,
  the score or "missing";
* :func:`versions` — per ASIN: before (a version named in ``listing_before_versions``, else the ASIN's
  first row) and after (the last other version) scores and coverage, their difference and the keywords
  gained / lost;
* :func:`kpis`.

Score (0–100), transparent and shown per row in ``score_basis``; every number is a Settings field:

* listing points = max(0, ``listing_points`` − ``listing_penalty_per_code`` × LISTING_CHECK codes);
* search-term points = max(0, ``listing_search_terms_points`` − ``listing_penalty_per_code`` ×
  SEARCH_TERMS_CHECK codes);
* coverage points = ``listing_coverage_points`` × coverage, only when there are keywords with volume;
* score = earned ÷ available × 100 (without keywords, coverage is not available and the score is out of
  the two checks only); the version passes at score ≥ ``listing_pass_score``.

Images are reported (count, per-image codes) but not scored: the points stay the text checks'.
"+N more" in a check result (codes dropped to fit 255 characters) counts as N more codes.
"""

from __future__ import annotations

import os
import re
from typing import Any

import numpy as np
import pandas as pd

from xladdin.core.images import listing_images
from xladdin.core.listing import as_text, keyword_coverage, listing_check, search_terms_check
from xladdin.errors import Code, reason
from xladdin.settings import DEFAULTS, Settings

BULLETS = tuple(f"bullet_{i}" for i in range(1, 6))
MISSING = "missing 缺失"
YES = "Y"
PASS, FAIL = "pass 通过", "fail 未通过"
ISSUE_COLUMNS = ["asin", "version", "source", "code", "detail"]
_CODE = re.compile(r"(?:^|; )([A-Z][A-Z0-9_]+)(?=:|;|$)")
_MORE = re.compile(r"\+(\d+) more")


def _text(v: Any) -> str:
    return as_text(v).strip() if v is not None else ""


def count_codes(result: str) -> int:
    """Problem codes in a check result (``"OK"`` → 0; ``"+N more"`` adds N)."""
    if not result or result == "OK":
        return 0
    return len(_CODE.findall(result)) + sum(int(n) for n in _MORE.findall(result))


def clean_keywords(kw: pd.DataFrame | None, issues: list[dict]) -> pd.DataFrame:
    """keyword, search_volume (float ≥ 0): one row per keyword (case / spacing ignored), by volume descending."""
    cols = ["keyword", "search_volume"]
    if kw is None or kw.empty or "keyword" not in kw.columns:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame({"keyword": [_text(k) for k in kw["keyword"]],
                       "raw": kw["search_volume"].tolist() if "search_volume" in kw.columns else [None] * len(kw)})
    df = df[df["keyword"] != ""]
    vol = pd.to_numeric(df["raw"], errors="coerce")
    bad = vol.isna() & df["raw"].map(lambda v: _text(v) != "")
    for k, v in zip(df.loc[bad, "keyword"], df.loc[bad, "raw"]):
        issues.append({"asin": None, "version": None, "source": "Keywords", "code": "NOT_A_NUMBER",
                       "detail": f"{k}: search volume {_text(v)!r} is not a number; counted as 0 / 搜索量不是数字，按 0 计"})
    neg = vol < 0
    for k in df.loc[neg, "keyword"]:
        issues.append({"asin": None, "version": None, "source": "Keywords", "code": "NEGATIVE",
                       "detail": f"{k}: negative search volume; counted as 0 / 搜索量为负，按 0 计"})
    df["search_volume"] = vol.where(vol >= 0).fillna(0.0).astype(float)
    df["norm"] = df["keyword"].map(lambda s: " ".join(s.lower().split()))
    df = df.sort_values(["search_volume", "keyword"], ascending=[False, True], kind="mergesort")
    df = df.drop_duplicates("norm", keep="first")
    return df[cols].reset_index(drop=True)


def clean_listings(listings: pd.DataFrame | None, issues: list[dict]) -> pd.DataFrame:
    """Listing rows with text columns as stripped text; rows without an ASIN dropped (an issue each);
    a repeated (ASIN, version) keeps its first row."""
    cols = ["asin", "sku", "version", "brand", "title", *BULLETS, "description", "search_terms", "main_image_path",
            "other_image_paths"]
    if listings is None or listings.empty:
        return pd.DataFrame(columns=cols)
    df = listings.reindex(columns=cols).astype(object)
    for c in cols:
        df[c] = [_text(v) for v in df[c]]
    df = df[(df[cols] != "").any(axis=1)]
    no_asin = df["asin"] == ""
    for t in df.loc[no_asin, "title"]:
        issues.append({"asin": None, "version": None, "source": "Listings", "code": "MISSING",
                       "detail": f"a row without ASIN was skipped (title: {t[:60] or '—'}) / 缺 ASIN 的行未检查"})
    df = df[~no_asin].copy()
    df["asin"] = df["asin"].str.upper()
    df.loc[df["version"] == "", "version"] = "current"
    dup = df.duplicated(["asin", "version"], keep="first")
    for a, v in zip(df.loc[dup, "asin"], df.loc[dup, "version"]):
        issues.append({"asin": a, "version": v, "source": "Listings", "code": "DUPLICATE",
                       "detail": "the same ASIN and version twice; the first row is used / 重复的 ASIN + 版本，只用第一行"})
    return df[~dup].reset_index(drop=True)


def _found(text: str, keyword: str) -> bool:
    """Whether ``keyword`` occurs in ``text`` by LISTING_CHECK's keyword rule (via keyword_coverage)."""
    if not text:
        return False
    res = keyword_coverage(text, [keyword], [1])
    return res.errors is None and float(res.values) > 0


def placement(listings: pd.DataFrame, keywords: pd.DataFrame) -> pd.DataFrame:
    """Per listing × keyword: rank, volume, Y in title / bullets / search terms, placement text."""
    cols = ["asin", "version", "rank", "keyword", "search_volume", "in_title", "in_bullets", "in_search_terms",
            "placement", "in_description"]
    rows = []
    kws = list(zip(keywords["keyword"], keywords["search_volume"]))
    for r in listings.to_dict("records"):
        bullets = "\n".join(r[b] for b in BULLETS if r[b])
        for rank, (k, v) in enumerate(kws, start=1):
            t, b, s = _found(r["title"], k), _found(bullets, k), _found(r["search_terms"], k)
            d = _found(r["description"], k)  # information only (see the module docstring)
            where = [n for n, hit in (("title 标题", t), ("bullets 五点", b), ("search terms 搜索词", s)) if hit]
            rows.append({"asin": r["asin"], "version": r["version"], "rank": rank, "keyword": k,
                         "search_volume": v, "in_title": YES if t else None, "in_bullets": YES if b else None,
                         "in_search_terms": YES if s else None, "placement": ", ".join(where) if where else MISSING,
                         "in_description": YES if d else None})
    return pd.DataFrame(rows, columns=cols)


def check_listings(listings: pd.DataFrame, keywords: pd.DataFrame, settings: Settings = DEFAULTS,
                   place: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(one row per listing: checks, coverage, score, images; one row per image), see the module docstring."""
    cols = ["listing", "asin", "version", "score", "result", "coverage", "listing_codes", "search_terms_codes",
            "image_count", "missing_top_count", "missing_top_keywords", "listing_check", "search_terms_check", "image_check",
            "listing_points", "search_terms_points", "coverage_points", "score_basis", "sku", "title_chars"]
    if listings.empty:
        return pd.DataFrame(columns=cols), image_rows(listings, None)
    s = settings
    titles = listings["title"].tolist()
    brands = listings["brand"].tolist()
    bullets = [[r[b] for b in BULLETS] for r in listings.to_dict("records")]
    # Trailing blank bullet cells are not "empty bullets" (BULLET_EMPTY is a gap before a filled one).
    bullets = [b[: max([i + 1 for i, x in enumerate(b) if x] or [0])] for b in bullets]
    lc = listing_check(titles, bullets, brand=brands, description=listings["description"].tolist(), settings=s)
    st = search_terms_check(listings["search_terms"].tolist(), title=titles, brand=brands, settings=s)
    imgs = listing_images(listings["main_image_path"].tolist(), listings["other_image_paths"].tolist(), settings=s)
    kw, vol = keywords["keyword"].tolist(), keywords["search_volume"].tolist()
    has_volume = bool(len(kw)) and float(np.sum(vol)) > 0
    pen = s.listing_penalty_per_code
    out = []
    for i, r in enumerate(listings.to_dict("records")):
        lres = str(lc.values[i]) if lc.error_at(i) == Code.OK else reason(lc.error_at(i))
        sres = str(st.values[i]) if st.error_at(i) == Code.OK else reason(st.error_at(i))
        ln, sn = count_codes(lres), count_codes(sres)
        lp = max(0.0, s.listing_points - pen * ln)
        sp = max(0.0, s.listing_search_terms_points - pen * sn)
        cov = cp = None
        if has_volume:
            content = [r["title"], *[r[b] for b in BULLETS], r["search_terms"]]
            c = keyword_coverage(content, kw, vol)
            if c.errors is None:
                cov = float(c.values)
                cp = s.listing_coverage_points * cov
        available = s.listing_points + s.listing_search_terms_points + (s.listing_coverage_points if cp is not None else 0.0)
        earned = lp + sp + (cp or 0.0)
        score = round(100.0 * earned / available, 1) if available > 0 else None
        basis = (f"({lp:g} + {sp:g}" + (f" + {cp:.1f}" if cp is not None else "") + f") ÷ {available:g} × 100; "
                 f"−{pen:g} per code; pass ≥ {s.listing_pass_score:g}" +
                 ("" if cp is not None else "; no keyword volume: coverage not scored / 无关键词，覆盖率不计分"))
        missing, n_missing = None, None
        if place is not None and len(place):
            p = place[(place["asin"] == r["asin"]) & (place["version"] == r["version"])]
            top = p[p["rank"] <= s.listing_top_keywords]
            miss = top[top["placement"] == MISSING]
            n_missing = len(miss)
            missing = ", ".join(f"{k} ({v:,.0f})" for k, v in zip(miss["keyword"], miss["search_volume"])) or None
        out.append({"listing": f"{r['asin']} {r['version']}", "asin": r["asin"], "version": r["version"],
                    "score": score, "result": None if score is None else PASS if score >= s.listing_pass_score else FAIL,
                    "coverage": cov, "listing_codes": ln, "search_terms_codes": sn,
                    "image_count": imgs.count[i], "missing_top_count": n_missing, "missing_top_keywords": missing, "listing_check": lres,
                    "search_terms_check": sres, "image_check": imgs.summary[i], "listing_points": lp,
                    "search_terms_points": sp, "coverage_points": cp, "score_basis": basis, "sku": r["sku"] or None,
                    "title_chars": len(r["title"])})
    return pd.DataFrame(out, columns=cols), image_rows(listings, imgs.images)


def image_rows(listings: pd.DataFrame, images: list[dict] | None) -> pd.DataFrame:
    """Per listing × image: number (1 = main), role, file name, check result, full path."""
    cols = ["asin", "version", "image_no", "role", "file", "result", "image_check", "path"]
    rows = []
    recs = listings.to_dict("records") if len(listings) else []
    for im in images or []:
        r = recs[im["listing"]]
        rows.append({"asin": r["asin"], "version": r["version"], "image_no": im["image_no"],
                     "role": "main 主图" if im["main"] else "additional 副图",
                     "file": os.path.basename(im["path"]) or im["path"],
                     "result": PASS if im["result"] == "OK" else FAIL, "image_check": im["result"],
                     "path": im["path"]})
    return pd.DataFrame(rows, columns=cols)


def before_names(settings: Settings) -> set[str]:
    """Version names meaning the live listing (Settings ``listing_before_versions``), lower-case."""
    return {n.strip().lower() for n in re.split(r"[,;，；]", settings.listing_before_versions) if n.strip()}


def versions(checks: pd.DataFrame, place: pd.DataFrame | None = None, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Per ASIN: before / after version, scores, coverage, differences, keywords gained and lost."""
    cols = ["asin", "before_version", "after_version", "before_score", "after_score", "score_diff",
            "before_coverage", "after_coverage", "coverage_diff", "keywords_gained", "keywords_lost"]
    names = before_names(settings)
    rows = []
    for asin, g in checks.groupby("asin", sort=False):
        recs = g.to_dict("records")
        before = next((r for r in recs if r["version"].strip().lower() in names), recs[0])
        others = [r for r in recs if r is not before]
        after = others[-1] if others else None

        def diff(key: str) -> float | None:
            if after is None or before[key] is None or after[key] is None \
                    or pd.isna(before[key]) or pd.isna(after[key]):
                return None
            return float(after[key]) - float(before[key])

        gained = lost = None
        if after is not None and place is not None and len(place):
            def covered(version: str) -> list[str]:
                p = place[(place["asin"] == asin) & (place["version"] == version)]
                return p.loc[p["placement"] != MISSING, "keyword"].tolist()
            b, a = covered(before["version"]), covered(after["version"])
            gained = ", ".join(k for k in a if k not in set(b)) or None
            lost = ", ".join(k for k in b if k not in set(a)) or None
        rows.append({"asin": asin, "before_version": before["version"],
                     "after_version": after["version"] if after else None,
                     "before_score": before["score"], "after_score": after["score"] if after else None,
                     "score_diff": diff("score"), "before_coverage": before["coverage"],
                     "after_coverage": after["coverage"] if after else None, "coverage_diff": diff("coverage"),
                     "keywords_gained": gained, "keywords_lost": lost})
    return pd.DataFrame(rows, columns=cols)


def kpis(checks: pd.DataFrame, vers: pd.DataFrame, keywords: pd.DataFrame) -> dict[str, float | int | None]:
    """Dashboard values: counts are 0 when there is nothing; averages blank (None) when not computable."""
    score = pd.to_numeric(checks["score"], errors="coerce") if len(checks) else pd.Series(dtype=float)
    cov = pd.to_numeric(checks["coverage"], errors="coerce") if len(checks) else pd.Series(dtype=float)
    diff = pd.to_numeric(vers["score_diff"], errors="coerce") if len(vers) else pd.Series(dtype=float)

    def mean(s: pd.Series) -> float | None:
        s = s.dropna()
        return float(s.mean()) if len(s) else None

    def count(col: str, pred) -> int:
        return int(checks[col].map(pred).sum()) if len(checks) else 0

    return {
        "kpi_asins": int(checks["asin"].nunique()) if len(checks) else 0,
        "kpi_listings": int(len(checks)),
        "kpi_keywords": int(len(keywords)),
        "kpi_avg_score": mean(score),
        "kpi_passing": count("result", lambda v: v == PASS),
        "kpi_avg_coverage": mean(cov),
        "kpi_listing_issues": count("listing_check", lambda v: v != "OK"),
        "kpi_search_terms_issues": count("search_terms_check", lambda v: v != "OK"),
        "kpi_image_issues": count("image_check", lambda v: bool(v) and v != "OK"),
        "kpi_improved": int((diff > 0).sum()),
        "kpi_avg_score_diff": mean(diff),
    }


__all__ = ["BULLETS", "FAIL", "ISSUE_COLUMNS", "MISSING", "PASS", "before_names", "check_listings", "clean_keywords",
           "clean_listings", "count_codes", "image_rows", "kpis", "placement", "versions"]
