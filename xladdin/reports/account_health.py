"""Account health metrics: the SP-API ``GET_V2_SELLER_PERFORMANCE_REPORT`` JSON, or a pasted metric/value table.

Seller Central has no CSV export of the Account Health table (amazon-reports.md §6), so operators paste
two (or three: metric, value, target) columns copied from the dashboard, or load the SP-API JSON.
Both give one long frame: one row per metric (per marketplace and, for ODR, per fulfilment channel).

* ``value``: rates as fractions (``0.45%`` → 0.0045; the JSON already writes fractions, 0.009 against a
  target of 0.01), the Account Health Rating as its score, policy counters as counts.
* JSON names: the schema's property list and its example disagree (``preFulfillmentCancellationRate`` vs
  ``prefulfillmentCancelRate``, ``warningStates`` vs ``warningState``, ``accountHealthRatingStatus`` vs
  ``ahrStatus``); both spellings are read.
* Pasted labels: English labels are the dashboard's; the Chinese and German labels below are INFERRED
  (no public export exists).  A rate above 100 % without a ``%`` sign is reported (OUT_OF_RANGE), never
  rescaled by guess.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from xladdin.errors import Code
from xladdin.reports.base import Col, Context, Detection, Family
from xladdin.reports.headers import header_key
from xladdin.reports.registry import module_detect, module_parse

COLUMNS = [
    Col("marketplace_id", "text", en="Marketplace ID", api="marketplaceId", core=True),
    Col("metric", "text", en="Metric", zh="指标", de="Kennzahl", core=True),
    Col("label", "text", core=True, api="label"),
    Col("fulfillment", "text", api="fulfillmentType", core=True),
    Col("status", "text", en="Status", zh="状态", de="Status", core=True),
    Col("value", "float", en="Value", zh="数值", de="Wert", core=True, bound=True),
    Col("target", "float", en="Target", zh="目标", de="Ziel", api="targetValue", core=True, bound=True),
    Col("target_condition", "text", api="targetCondition", core=True),
    Col("count", "int", api="count"),
    Col("denominator", "int", api="denominator"),
    Col("date_from", "date", api="reportingDateFrom", core=True),
    Col("date_to", "date", api="reportingDateTo", core=True),
]

# Dashboard labels -> canonical metric.  EN from the dashboard; ZH / DE INFERRED.
LABELS: dict[str, dict[str, list[str]]] = {
    "order_defect_rate": {"en": ["Order Defect Rate", "ODR"], "zh": ["订单缺陷率"],
                          "de": ["Auftragsmängelquote", "Bestellmängelquote", "Rate fehlerhafter Bestellungen"]},
    "negative_feedback": {"en": ["Negative Feedback", "Negative feedback rate"], "zh": ["负面反馈", "差评率"],
                          "de": ["Negative Bewertungen", "Negatives Feedback"]},
    "a_to_z_claims": {"en": ["A-to-z Guarantee Claims", "A-to-z Guarantee claims rate"], "zh": ["亚马逊商城交易保障索赔"],
                      "de": ["A-bis-z-Garantieanträge", "A-bis-z-Garantie-Anträge"]},
    "chargeback_claims": {"en": ["Chargeback Claims", "Credit card chargeback rate"], "zh": ["信用卡拒付索赔", "信用卡拒付"],
                          "de": ["Rückbuchungsanträge", "Kreditkartenrückbuchungen"]},
    "late_shipment_rate": {"en": ["Late Shipment Rate", "LSR"], "zh": ["迟发率", "延迟发货率"],
                           "de": ["Verspätungsrate", "Rate verspäteter Lieferungen", "Quote verspäteter Versendungen"]},
    "pre_fulfillment_cancel_rate": {"en": ["Pre-fulfillment Cancel Rate", "Pre-fulfilment Cancel Rate",
                                           "Cancellation Rate", "CR"],
                                    "zh": ["配送前取消率", "取消率"],
                                    "de": ["Stornorate vor Versand", "Stornierungsrate vor der Auftragsabwicklung",
                                           "Stornierungsrate"]},
    "valid_tracking_rate": {"en": ["Valid Tracking Rate", "VTR"], "zh": ["有效追踪率", "有效追踪编码率"],
                            "de": ["Rate gültiger Sendungsverfolgungsnummern", "Rate der gültigen Sendungsverfolgung"]},
    "on_time_delivery_rate": {"en": ["On-Time Delivery Rate", "OTDR"], "zh": ["准时交货率", "准时送达率"],
                              "de": ["Rate pünktlicher Lieferungen", "Pünktlichkeitsrate"]},
    "invoice_defect_rate": {"en": ["Invoice Defect Rate"], "zh": ["发票缺陷率"], "de": ["Rechnungsmängelquote"]},
    "account_health_rating": {"en": ["Account Health Rating", "AHR"], "zh": ["账户状况评级", "账户健康评级"],
                              "de": ["Kontozustandsbewertung", "Bewertung des Kontozustands"]},
}
_LABEL_INDEX: dict[str, tuple[str, str]] = {}
for _metric, _langs in LABELS.items():
    for _lang, _names in _langs.items():
        for _n in _names:
            _LABEL_INDEX[header_key(_n)[0]] = (_metric, _lang)

_CHANNEL = [(re.compile(r"(?i)seller[- ]?fulfil|merchant|\bmfn\b|卖家自配送|自配送|verkäufer"), "mfn"),
            (re.compile(r"(?i)fulfil\w* by amazon|\bfba\b|\bafn\b|亚马逊配送|versand durch amazon"), "afn")]


def _label(cell: Any) -> tuple[str, str, str | None] | None:
    """(metric, language, fulfilment) for a dashboard label such as "Order Defect Rate (Seller Fulfilled)"."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    text = cell.strip()
    channel = next((ch for rx, ch in _CHANNEL if rx.search(text)), None)
    base = re.sub(r"\s*[(（].*$", "", text)
    hit = _LABEL_INDEX.get(header_key(base)[0]) or _LABEL_INDEX.get(header_key(text)[0])
    if hit is None:
        return None
    return hit[0], hit[1], channel


def _cells(row: list[Any]) -> list[Any]:
    return [c for c in row if not (c is None or (isinstance(c, str) and not c.strip())
                                   or (isinstance(c, float) and c != c))]


def detect_rows(rows: list[list[Any]]) -> Detection | None:
    wide = 0
    for row in rows[:6]:  # a report table, not a metric/value list: many filled cells in its first rows
        n = len(_cells(row)) if len(row) > 4 else 0
        wide += n > 4
    if wide >= 3:
        return None
    hits = []
    for row in rows:
        cells = _cells(row)
        if not cells or len(cells) > 4:
            continue
        lab = _label(cells[0])
        if lab is not None and len(cells) >= 2:
            hits.append(lab)
    if len(hits) < 2:
        return None
    votes = pd.Series([h[1] for h in hits if header_key(h[0])]).value_counts()
    language = votes.index[0] if len(votes) else "en"
    return Detection("account_health", language, len(hits), {}, [], (), None, header_row=-1,
                     confidence=1.0)


def parse_rows(rows: list[list[Any]], det: Detection, ctx: Context) -> pd.DataFrame:
    out: dict[str, list[Any]] = {k: [] for k in ("metric", "label", "fulfillment", "value", "target", "_source_row")}
    started = False
    for i, row in enumerate(rows):
        cells = _cells(row)
        if not cells:
            continue
        lab = _label(cells[0])
        if lab is None:
            if not started or len(cells) < 2:
                continue  # a title, a header ("Metric | Value") or a section heading
            # A row with a value but an unknown label is kept (metric missing), never dropped.
        started = True
        out["metric"].append(lab[0] if lab else None)
        out["label"].append(str(cells[0]).strip())
        out["fulfillment"].append(lab[2] if lab else None)
        out["value"].append(cells[1] if len(cells) > 1 else None)
        out["target"].append(cells[2] if len(cells) > 2 else None)
        out["_source_row"].append(i + 1)
    ctx.meta.notes.append("pasted metric/value table; labels matched by name (ZH/DE labels are INFERRED)")
    return pd.DataFrame(out)


# --- SP-API JSON ------------------------------------------------------------------------------------
_NUMERATORS = ("lateShipmentCount", "cancellationCount", "validTrackingCount", "onTimeDeliveryCount",
               "unitOnTimeDeliveryCount", "orderWithDefects", "invoiceDefect", "defectsCount")
_DENOMINATORS = ("orderCount", "shipmentCount", "shipmentCountWithValidTracking", "totalUnitCount")
_ALIASES = {"prefulfillmentCancelRate": "pre_fulfillment_cancel_rate",
            "preFulfillmentCancellationRate": "pre_fulfillment_cancel_rate",
            "warningState": "warning_states"}


def _snake(name: str) -> str:
    if name.isupper() or "_" in name:  # "ORDER_DEFECT"
        return name.lower()
    return _ALIASES.get(name) or re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def detect_json(obj: Any) -> bool:
    return isinstance(obj, dict) and ("performanceMetrics" in obj or "accountStatuses" in obj)


def _count(v: Any) -> Any:
    return v.get("count") if isinstance(v, dict) else v


def parse_json(obj: Any, ctx: Context) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for st in obj.get("accountStatuses") or []:
        rows.append({"marketplace_id": st.get("marketplaceId"), "metric": "account_status", "label": "accountStatuses",
                     "status": st.get("status")})
    for pm in obj.get("performanceMetrics") or []:
        mp = pm.get("marketplaceId")
        for key, val in pm.items():
            if key == "marketplaceId":
                continue
            metric = _snake(key)
            if isinstance(val, list):  # warningStates
                for w in val:
                    if isinstance(w, dict):
                        rows.append({"marketplace_id": mp, "metric": f"warning_{_snake(str(w.get('warningType', '')))}",
                                     "label": key, "status": w.get("status")})
                continue
            if not isinstance(val, dict):
                continue
            parts = [(ch, val[ch]) for ch in ("afn", "mfn") if isinstance(val.get(ch), dict)] or [(None, val)]
            for ch, m in parts:
                rng = m.get("reportingDateRange") or {}
                status = m.get("status") or m.get("ahrStatus") or m.get("accountHealthRatingStatus")
                value = m.get("rate")
                if value is None:
                    value = m.get("ahrScore")
                num = next((_count(m[k]) for k in _NUMERATORS if k in m), None)
                if value is None and "defectsCount" in m:
                    value = m["defectsCount"]
                rows.append({
                    "marketplace_id": mp, "metric": metric, "label": key, "fulfillment": ch or m.get("fulfillmentType"),
                    "status": status, "value": value, "target": m.get("targetValue"),
                    "target_condition": m.get("targetCondition"), "count": num,
                    "denominator": next((m[k] for k in _DENOMINATORS if k in m), None),
                    "date_from": rng.get("reportingDateFrom"), "date_to": rng.get("reportingDateTo"),
                })
    ctx.meta.language = "api"
    # A stable order whatever the JSON's key order: account status, the LABELS metrics, then the rest.
    order = {m: i for i, m in enumerate(["account_status", *LABELS])}
    rows.sort(key=lambda r: (str(r.get("marketplace_id")), order.get(r["metric"], len(order)), r["metric"],
                             str(r.get("fulfillment"))))
    return pd.DataFrame(rows, columns=[c.name for c in COLUMNS])


def _finish(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    rate = frame["metric"].fillna("").str.endswith("_rate").to_numpy(dtype=bool) & (frame["value"] > 1).fillna(False).to_numpy(dtype=bool)
    pos = np.flatnonzero(rate)
    if pos.size:
        ctx.problem(pos, "value", frame["value"].to_numpy()[pos], Code.OUT_OF_RANGE,
                    "a rate above 100 %: write it with a % sign (0.45%) or as a fraction (0.0045)")
    return frame


ACCOUNT_HEALTH = Family(
    "account_health", "Account health metrics", COLUMNS, title_zh="账户状况指标",
    signature=[("metric", "value")],
    detect_json=detect_json, parse_json=parse_json, detect_rows=detect_rows, parse_rows=parse_rows,
    finish=_finish, date_columns=("date_from", "date_to"),
)

FAMILIES = [ACCOUNT_HEALTH]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
