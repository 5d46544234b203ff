"""Approved search-term actions → Sponsored Products bulksheet 2.0 upload rows (amazon-reports.md §4).

Rows (one action can give several), English upload vocabulary as in ``samples/sp_bulksheet_v2_upload_en.csv``:

=============  ===================================  =========  =====================================================
action         Entity                               Operation  fields
=============  ===================================  =========  =====================================================
NEGATE         ``Negative keyword``                 Create     source Campaign ID, Ad Group ID, State ``enabled``,
                                                               Keyword Text, Match Type ``negativeExact``
NEGATE (ASIN)  ``Negative product targeting``       Create     source Campaign ID, Ad Group ID, State ``enabled``,
                                                               Product Targeting Expression ``asin="B0…"``
HARVEST        the NEGATE row above in the source   Create     (agency practice: stop the source competing)
               + ``Keyword``                        Create     harvest Campaign ID, Ad Group ID, State ``enabled``,
                                                               Bid, Keyword Text, Match Type ``exact``
               (ASIN: ``Product targeting``)                   … Bid, Product Targeting Expression ``asin="B0…"``
BID_UP/DOWN    ``Keyword`` (keyword_id) or          Update     Campaign ID, Ad Group ID, Keyword ID or Product
               ``Product targeting`` (target id)               Targeting ID, State ``enabled``, Bid
=============  ===================================  =========  =====================================================

The operator column ``negate_as`` (:data:`NEGATE_AS_CHOICES`, 中文 or English) says how a negative is written:
blank / ``exact`` = ``negativeExact`` in the source ad group, ``phrase`` = ``negativePhrase`` there,
``campaign exact`` / ``campaign phrase`` = a ``Campaign negative keyword`` (no Ad Group ID).  ASIN terms are
negative product targets: exact, ad-group level only.

Only approved rows (``approve`` in Y / YES / 是 / TRUE / 1, any case; N / NO / 否 / FALSE / 0 / blank = not
approved) are turned into rows.  IDs must be numeric IDs of existing entities (from a bulksheet download or
the bulksheet search term tab).  Harvest targets are found by name in ``bulk``; one that does not exist is
created in the same file when ``settings.harvest_create`` (default on) with Amazon's temporary text IDs
(§4.2: any non-numeric text, equal across child rows): a ``Campaign`` row (Manual targeting, start today,
``harvest_daily_budget``, ``harvest_bidding_strategy``) when the campaign is missing, an ``Ad group`` row
(default bid = the term's suggested bid, else ``harvest_default_bid``) and a ``Product ad`` row per SKU
(ASIN for vendors) advertised in the source ad group (from ``bulk``'s Product Ad rows: without them the ad
group would have nothing to advertise, so the harvest is reported instead).  Each created entity is written
once, before its first child row.  Every problem is
collected in one pass into ``problems`` (row = index label of the action, column, value, code, severity,
reason in 中文 / English); a row with an error is not written, because one bad row can make Amazon reject
the whole file.  Warnings (duplicates merged, conflicting bids for one keyword, an approved WATCH / KEEP
row with nothing to upload) leave the upload as described in the reason.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from xladdin.core import ads
from xladdin.errors import Code
from xladdin.errors import reason as code_reason
from xladdin.settings import DEFAULTS, Settings
from xladdin.workbooks.ads_analysis import _bulk_lookups

SHEET_NAME = "Sponsored Products Campaigns"  # amazon-reports.md §1.1 / §4 (German UI: Sponsored Products-Kampagnen)
UPLOAD_COLUMNS = [
    "Product", "Entity", "Operation", "Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID", "Keyword ID",
    "Product Targeting ID", "Campaign Name", "Ad Group Name", "Start Date", "End Date", "Targeting Type", "State",
    "Daily Budget", "SKU", "ASIN", "Ad Group Default Bid", "Bid", "Keyword Text", "Match Type", "Bidding Strategy",
    "Placement", "Percentage", "Product Targeting Expression",
]
NUMERIC_COLUMNS = ("Daily Budget", "Ad Group Default Bid", "Bid", "Percentage")
PROBLEM_COLUMNS = ["row", "search_term", "action", "column", "value", "code", "severity", "reason"]
ID_COLUMNS = ("Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID", "Keyword ID", "Product Targeting ID")

APPROVE_YES = {"y", "yes", "是", "true", "1", "1.0"}
APPROVE_NO = {"", "n", "no", "否", "false", "0", "0.0", "nan", "none"}

# Workbook-level problem codes (not cell errors, so not in xladdin.errors): stable, bilingual.
_OWN = {
    "DUPLICATE_ROW": ("重复的上传行，已合并为一行", "duplicate upload row, merged into one"),
    "CONFLICTING_BIDS": ("同一关键词/投放有多个建议出价，只上传花费最高的一行",
                         "several suggested bids for one keyword / target: only the highest-spend row is uploaded"),
    "NOTHING_TO_UPLOAD": ("该操作无需上传（WATCH / KEEP）", "this action has nothing to upload (WATCH / KEEP)"),
    "NOT_APPROVAL": ("审批列的值无法识别（请填 Y 或留空）", "approve value not recognised (type Y or leave blank)"),
    "NO_HARVEST_TARGET": ("批量表格中找不到收割目标广告活动/广告组，请先创建或填写 ID",
                          "harvest campaign / ad group not found in the bulksheet: create it first or fill in its IDs"),
    "NO_PRODUCT_AD": ("源广告组没有已知的推广商品（请导入含 Product Ad 行的批量表格下载），无法新建收割广告组",
                      "no advertised SKU known for the source ad group (import a bulksheet download with its Product "
                      "Ad rows): the harvest ad group cannot be created"),
    "BAD_NEGATE_AS": ("否定方式无法识别或不适用于 ASIN（ASIN 只能在广告组中精准否定）",
                      "negate_as not recognised, or not possible for an ASIN (ASINs are negated exact, in the ad group)"),
}

# negate_as → (campaign level?, match type).  Choices offered by the template's list validation.
NEGATE_AS_CHOICES = ("exact", "phrase", "campaign exact", "campaign phrase")
_NEGATE_AS = {
    "": (False, "negativeExact"), "exact": (False, "negativeExact"), "精准": (False, "negativeExact"),
    "phrase": (False, "negativePhrase"), "词组": (False, "negativePhrase"),
    "campaign exact": (True, "negativeExact"), "活动精准": (True, "negativeExact"), "广告活动精准": (True, "negativeExact"),
    "campaign phrase": (True, "negativePhrase"), "活动词组": (True, "negativePhrase"), "广告活动词组": (True, "negativePhrase"),
}


def negate_as(value) -> tuple[bool, str] | None:
    """(campaign level, Match Type) for a ``negate_as`` cell; None when not recognised."""
    return _NEGATE_AS.get(" ".join(_text(value).casefold().replace("-", " ").replace("_", " ").split()))


def temp_id(*names: str) -> str:
    """A temporary text ID for an entity created in the file (Amazon: any non-numeric text)."""
    text = " / ".join(n for n in names if n)
    return text if not re.fullmatch(r"[\d.\s/]*", text) else f"new {text}"


class BulkUpload(NamedTuple):
    rows: pd.DataFrame        # UPLOAD_COLUMNS, all text ("" = blank cell); Bid as "1.35"
    problems: pd.DataFrame    # PROBLEM_COLUMNS
    origin: list              # index label of the action row behind each upload row


def is_approved(value) -> bool | None:
    """True for Y / YES / 是 / TRUE / 1, False for blank / N / NO / 否 / FALSE / 0, None for anything else."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if isinstance(value, bool):
        return value
    v = str(value).strip().casefold()
    if v in APPROVE_YES:
        return True
    if v in APPROVE_NO:
        return False
    return None


def clean_id(value) -> tuple[str, Code | None]:
    """An entity ID as text: ``"347066231335202"``.  Integral floats below 2^53 are accepted (Excel turned the
    ID into a number but kept it exact); ``3.47E+14``, fractions and larger floats are ID_ROUNDED."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "", Code.MISSING
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value)), None
    if isinstance(value, (float, np.floating)):
        if float(value).is_integer() and abs(value) < 2 ** 53:
            return str(int(value)), None
        return str(value), Code.ID_ROUNDED
    s = str(value).strip()
    if s.startswith('="') and s.endswith('"'):
        s = s[2:-1]
    if not s or s.casefold() in ("nan", "none"):
        return "", Code.MISSING
    if re.fullmatch(r"\d+\.0+", s):
        s = s.split(".")[0]
    if re.search(r"[eE][+-]?\d+$", s) and re.fullmatch(r"[\d.]+[eE][+-]?\d+", s):
        return s, Code.ID_ROUNDED
    return s, None


def _bid_text(value) -> tuple[str, Code | None]:
    if _text(value).strip() == "":  # a blank cell, whatever type it arrived as
        return "", Code.MISSING
    try:
        b = float(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value), Code.NOT_A_NUMBER
    if math.isnan(b):
        return "", Code.MISSING
    if b <= 0:
        return str(value), Code.OUT_OF_RANGE
    return f"{float(ads.round_bid(np.array([b]))[0]):.2f}", None


def _reason(code: str, detail: str = "") -> str:
    if code in _OWN:
        zh, en = _OWN[code]
        extra = f" ({detail})" if detail else ""
        return f"{code}: {zh} / {en}{extra}"
    return code_reason(code, detail)


def _text(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def bulksheet_rows(actions: pd.DataFrame, bulk: pd.DataFrame | None = None, *,
                   settings: Settings = DEFAULTS) -> BulkUpload:
    """Upload rows for the approved actions of :func:`xladdin.workbooks.ads_analysis.search_term_actions`.

    ``bulk`` (an ``sp_bulksheet`` frame) resolves IDs the action rows lack: source campaign / ad group by
    name, keyword / product target IDs, and the harvest campaign / ad group (``harvest_campaign_name``,
    ``harvest_ad_group_name``).  Returns ``BulkUpload(rows, problems, origin)``.
    """
    lk = _bulk_lookups(bulk)
    rows: list[dict] = []
    origin: list = []
    spend_of: list[float] = []
    problems: list[dict] = []
    created: dict[tuple, str] = {}  # ("campaign", name) / ("ad_group", campaign, ad group) -> temporary ID
    today = dt.date.today().strftime("%Y%m%d")

    def problem(idx, rec, column, value, code, detail="", severity="error"):
        problems.append({"row": idx, "search_term": _text(rec.get("search_term")), "action": _text(rec.get("action")),
                         "column": column, "value": _text(value), "code": code.name if isinstance(code, Code) else code,
                         "severity": severity, "reason": _reason(code.name if isinstance(code, Code) else code, detail)})

    def ids(idx, rec, campaign, ad_group, cid, gid, what):
        """Campaign / ad group IDs: the action's own, else by name from the bulksheet; problems collected."""
        bad = False
        out = []
        for col, val, fallback in (("campaign_id", cid, lk["campaign"].get(campaign)),
                                   ("ad_group_id", gid, lk["ad_group"].get((campaign, ad_group)))):
            text, err = clean_id(val)
            if err == Code.MISSING and fallback is not None:
                text, err = clean_id(fallback)
            if err is not None:
                detail = f"{what}: {campaign!s} / {ad_group!s}"
                problem(idx, rec, col, val, err if what == "source" or err != Code.MISSING else "NO_HARVEST_TARGET",
                        detail)
                bad = True
            out.append(text)
        return out, bad

    for idx, rec in actions.to_dict("index").items():
        ok = is_approved(rec.get("approve"))
        if ok is None:
            problem(idx, rec, "approve", rec.get("approve"), "NOT_APPROVAL", severity="warning")
            continue
        if not ok:
            continue
        action = _text(rec.get("action")).upper()
        term = _text(rec.get("search_term"))
        is_asin = ads.is_asin(term)
        expr = f'asin="{term.upper()}"' if is_asin else ""
        spend = float(rec.get("spend") or 0.0) if _text(rec.get("spend")) else 0.0
        new: list[dict] = []
        if action in ("WATCH", "KEEP"):
            problem(idx, rec, "action", action, "NOTHING_TO_UPLOAD", severity="warning")
            continue
        if action not in ("NEGATE", "HARVEST", "BID_UP", "BID_DOWN"):
            problem(idx, rec, "action", action, Code.BAD_CHOICE, "HARVEST, NEGATE, BID_UP, BID_DOWN, WATCH, KEEP")
            continue
        if not term and action in ("NEGATE", "HARVEST"):
            problem(idx, rec, "search_term", term, Code.MISSING)
            continue
        camp, grp = rec.get("campaign_name"), rec.get("ad_group_name")
        camp = None if _text(camp) == "" else camp
        grp = None if _text(grp) == "" else grp
        (cid, gid), bad = ids(idx, rec, camp, grp, rec.get("campaign_id"), rec.get("ad_group_id"), "source")
        if action in ("NEGATE", "HARVEST"):
            how = negate_as(rec.get("negate_as"))
            if how is None or (is_asin and how != (False, "negativeExact")):
                problem(idx, rec, "negate_as", rec.get("negate_as"), "BAD_NEGATE_AS", ", ".join(NEGATE_AS_CHOICES))
                continue
            campaign_level, neg_match = how
            if not bad:
                if is_asin:
                    new.append({"Entity": "Negative product targeting", "Operation": "Create", "Campaign ID": cid,
                                "Ad Group ID": gid, "State": "enabled", "Product Targeting Expression": expr})
                elif campaign_level:
                    new.append({"Entity": "Campaign negative keyword", "Operation": "Create", "Campaign ID": cid,
                                "State": "enabled", "Keyword Text": term, "Match Type": neg_match})
                else:
                    new.append({"Entity": "Negative keyword", "Operation": "Create", "Campaign ID": cid,
                                "Ad Group ID": gid, "State": "enabled", "Keyword Text": term,
                                "Match Type": neg_match})
            if action == "HARVEST":
                hc = _text(rec.get("harvest_campaign_name")) or None
                hg = _text(rec.get("harvest_ad_group_name")) or None
                bid, berr = _bid_text(rec.get("suggested_bid"))
                if berr == Code.MISSING:
                    bid, berr = "", None  # blank Bid inherits the ad group default bid (§4.3)
                if berr is not None:
                    problem(idx, rec, "suggested_bid", rec.get("suggested_bid"), berr)
                creates: list[dict] = []
                if settings.harvest_create and hc and hg and not bad and berr is None \
                        and clean_id(rec.get("harvest_ad_group_id"))[1] == Code.MISSING \
                        and (hc, hg) not in lk["ad_group"]:
                    target, creates, why = _harvest_target(hc, hg, camp, grp, bid, lk, created, settings, today)
                    if target is None:
                        problem(idx, rec, "harvest_ad_group_name", hg, why, f"{camp!s} / {grp!s}")
                        hbad = True
                    else:
                        (hcid, hgid), hbad = target, False
                else:
                    (hcid, hgid), hbad = ids(idx, rec, hc, hg, rec.get("harvest_campaign_id"),
                                             rec.get("harvest_ad_group_id"), "harvest target")
                hbad = hbad or berr is not None
                if not hbad and not bad:
                    new = creates + new
                    if is_asin:
                        new.append({"Entity": "Product targeting", "Operation": "Create", "Campaign ID": hcid,
                                    "Ad Group ID": hgid, "State": "enabled", "Bid": bid,
                                    "Product Targeting Expression": expr})
                    else:
                        new.append({"Entity": "Keyword", "Operation": "Create", "Campaign ID": hcid,
                                    "Ad Group ID": hgid, "State": "enabled", "Bid": bid, "Keyword Text": term,
                                    "Match Type": "exact"})
                elif not bad:
                    new = []  # never the negative without the harvest keyword: the term would lose its traffic
        else:  # BID_UP / BID_DOWN
            kid, kerr = clean_id(rec.get("keyword_id"))
            tid, terr = clean_id(rec.get("product_targeting_id"))
            bid, berr = _bid_text(rec.get("suggested_bid"))
            if berr is not None:
                problem(idx, rec, "suggested_bid", rec.get("suggested_bid"), berr,
                        _text(rec.get("bid_error")) and f"bid_error {rec.get('bid_error')}")
            if kerr is None:
                entity, own = "Keyword", {"Keyword ID": kid}
            elif terr is None:
                entity, own = "Product targeting", {"Product Targeting ID": tid}
            else:
                col, val, err = (("keyword_id", rec.get("keyword_id"), kerr) if kerr != Code.MISSING or terr == Code.MISSING
                                 else ("product_targeting_id", rec.get("product_targeting_id"), terr))
                problem(idx, rec, col, val, err, "keyword_id or product_targeting_id (bulksheet download) / 需要关键词或投放 ID")
                entity = None
            if entity and not bad and berr is None:
                new.append({"Entity": entity, "Operation": "Update", "Campaign ID": cid, "Ad Group ID": gid, **own,
                            "State": "enabled", "Bid": bid})
        for r in new:
            full = {c: "" for c in UPLOAD_COLUMNS}
            full["Product"] = "Sponsored Products"
            full.update(r)
            rows.append(full)
            origin.append(idx)
            spend_of.append(spend)

    # Duplicates and conflicting bid updates, in one pass over the rows.
    keep = [True] * len(rows)
    seen: dict = {}
    updates: dict = {}
    order = sorted(range(len(rows)), key=lambda i: -spend_of[i])
    for i in order:
        r = rows[i]
        key = tuple(r[c] for c in UPLOAD_COLUMNS)
        rec = actions.loc[origin[i]].to_dict()
        if key in seen:
            keep[i] = False
            problem(origin[i], rec, "", r["Keyword Text"] or r["Product Targeting Expression"], "DUPLICATE_ROW",
                    f"same as the row of action {seen[key]}", severity="warning")
            continue
        seen[key] = origin[i]
        if r["Operation"] == "Update":
            ukey = (r["Entity"], r["Campaign ID"], r["Ad Group ID"], r["Keyword ID"], r["Product Targeting ID"])
            if ukey in updates:
                keep[i] = False
                problem(origin[i], rec, "suggested_bid", r["Bid"], "CONFLICTING_BIDS",
                        f"kept bid {rows[updates[ukey]]['Bid']} of action {origin[updates[ukey]]}", severity="warning")
                continue
            updates[ukey] = i
    rows = [r for r, k in zip(rows, keep) if k]
    origin = [o for o, k in zip(origin, keep) if k]
    out = pd.DataFrame(rows, columns=UPLOAD_COLUMNS).astype(object)
    probs = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
    if len(probs):
        pos = {label: i for i, label in enumerate(actions.index)}
        probs = probs.sort_values("row", kind="stable", key=lambda s: s.map(pos)).reset_index(drop=True)
    return BulkUpload(out, probs, origin)


def _harvest_target(hc: str, hg: str, camp, grp, bid: str, lk: dict, created: dict, settings: Settings,
                    today: str) -> tuple[tuple[str, str] | None, list[dict], str]:
    """(campaign ID, ad group ID) of a harvest target to create, the rows creating it (only the first time),
    or (None, [], problem code)."""
    key = ("ad_group", hc, hg)
    if key in created:
        return (lk["campaign"].get(hc) or created[("campaign", hc)], created[key]), [], ""
    skus = lk["product_ads"].get((camp, grp), [])
    if not skus:
        return None, [], "NO_PRODUCT_AD"
    rows: list[dict] = []
    cid = lk["campaign"].get(hc)
    if cid is None:
        cid = created.get(("campaign", hc))
    if cid is None:
        cid = created[("campaign", hc)] = temp_id(hc)
        rows.append({"Entity": "Campaign", "Operation": "Create", "Campaign ID": cid, "Campaign Name": hc,
                     "Start Date": today, "Targeting Type": "Manual", "State": "enabled",
                     "Daily Budget": f"{settings.harvest_daily_budget:g}",
                     "Bidding Strategy": settings.harvest_bidding_strategy})
    gid = created[key] = temp_id(hc, hg)
    rows.append({"Entity": "Ad group", "Operation": "Create", "Campaign ID": cid, "Ad Group ID": gid,
                 "Ad Group Name": hg, "State": "enabled",
                 "Ad Group Default Bid": bid or f"{settings.harvest_default_bid:.2f}"})
    for sku, asin in skus:
        rows.append({"Entity": "Product ad", "Operation": "Create", "Campaign ID": cid, "Ad Group ID": gid,
                     "State": "enabled", **({"SKU": sku} if sku else {"ASIN": asin})})
    return (cid, gid), rows, ""


def write_bulksheet(rows: pd.DataFrame | BulkUpload, path: str | Path) -> Path:
    """Write the upload rows to an XLSX Amazon accepts: one sheet ``Sponsored Products Campaigns``, the 26
    bulksheet 2.0 columns, IDs and every other text as text cells (``data_type "s"``: a keyword such as
    ``=HYPERLINK(…)`` or ``+cmd|…`` stays text, never a formula; such cells also get Excel's quote prefix so
    editing them keeps them text), Bid / Daily Budget / Ad Group Default Bid / Percentage as numbers."""
    from openpyxl import Workbook

    if isinstance(rows, BulkUpload):
        rows = rows.rows
    extra = [c for c in rows.columns if c not in UPLOAD_COLUMNS]
    if extra:
        raise ValueError(f"not bulksheet columns: {extra}")
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append(UPLOAD_COLUMNS)
    cols = [c for c in UPLOAD_COLUMNS]
    for r_i, rec in enumerate(rows.reindex(columns=UPLOAD_COLUMNS).itertuples(index=False), start=2):
        for c_i, (name, v) in enumerate(zip(cols, rec), start=1):
            text = _text(v)
            if text == "":
                continue
            cell = ws.cell(row=r_i, column=c_i)
            if name in NUMERIC_COLUMNS:
                try:
                    cell.value = float(text)
                    continue
                except ValueError:
                    pass
            cell.value = text
            cell.data_type = "s"
            if text[:1] in ("=", "+", "-", "@"):
                cell.quotePrefix = True
    ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
