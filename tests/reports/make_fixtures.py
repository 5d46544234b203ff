"""Write the committed report fixtures (``tests/reports/fixtures/<family>/<lang>-<variant>.<ext>``).

Run ``python -m tests.reports.make_fixtures`` after changing ``variants.py``.  Every file holds invented
values (variants.py) under real header rows; encodings are explicit, as Amazon writes them.
"""

from __future__ import annotations

import csv
import json

from tests.reports import variants as V
from tests.reports.helpers import FIXTURES, write_csv

# (family, file name, header, canonical columns, rows, style, options)
SPECS = [
    ("business_report_child", "en-classic.csv", V.CHILD_HEADERS["en-classic"], V.CHILD_COLUMNS["en-classic"], V.BR_ROWS, "en", {}),
    ("business_report_child", "en-2023.csv", V.CHILD_HEADERS["en-2023"], V.CHILD_COLUMNS["en-2023"], V.BR_ROWS, "en", {}),
    ("business_report_child", "en-legacy.csv", V.CHILD_HEADERS["en-legacy"], V.CHILD_COLUMNS["en-legacy"], V.BR_ROWS, "en",
     {"bom": True, "quoting": csv.QUOTE_ALL}),
    ("business_report_child", "en-2023-splits.csv", V.CHILD_HEADERS["en-2023-splits"], V.CHILD_COLUMNS["en-2023-splits"],
     V.BR_ROWS, "uk", {}),
    ("business_report_child", "zh.csv", V.CHILD_HEADERS["zh"], V.CHILD_COLUMNS["zh"], V.BR_ROWS, "zh", {"bom": True}),
    ("business_report_child", "de.csv", V.CHILD_HEADERS["de"], V.CHILD_COLUMNS["de"], V.BR_ROWS, "de-dot", {"bom": True}),
    ("business_report_child", "de-partial.csv", V.CHILD_HEADERS["de-partial"], V.CHILD_COLUMNS["de-partial"], V.BR_ROWS,
     "de", {"bom": True}),
    ("business_report_parent", "en.csv", V.PARENT_HEADERS["en"], V.PARENT_COLUMNS["en"], V.PARENT_ROWS, "en", {}),
    ("business_report_parent", "zh-custom16.csv", V.PARENT_HEADERS["zh-custom16"], V.PARENT_COLUMNS["zh-custom16"],
     V.PARENT_ROWS, "zh", {"bom": True}),
    ("business_report_parent", "de.csv", V.PARENT_HEADERS["de"], V.PARENT_COLUMNS["de"], V.PARENT_ROWS, "de", {"bom": True}),
    ("business_report_by_date", "en-classic.csv", V.DATE_HEADERS["en-classic"], V.DATE_COLS, V.DATE_ROWS, "en", {}),
    ("business_report_by_date", "en-2023.csv", V.DATE_HEADERS["en-2023"], V.DATE_COLS, V.DATE_ROWS, "en", {}),
    ("business_report_by_date", "de.csv", V.DATE_HEADERS["de"], V.DATE_COLS, V.DATE_ROWS, "de", {"bom": True}),
    ("fba_myi", "en.txt", V.MYI_HEADER, V.MYI_COLS, V.MYI_ROWS, "plain", {"delimiter": "\t", "quoting": csv.QUOTE_NONE}),
    ("fba_myi", "en-download.csv", V.MYI_HEADER, V.MYI_COLS, V.MYI_ROWS, "plain",
     {"encoding": "cp1252", "quoting": csv.QUOTE_NONNUMERIC}),
    ("fba_restock", "en.txt", V.RESTOCK_CURRENT, V.RESTOCK_CURRENT_COLS, V.RESTOCK_ROWS, "plain",
     {"delimiter": "\t", "quoting": csv.QUOTE_NONE}),
    ("fba_restock", "en-2019.csv", V.RESTOCK_2019, V.RESTOCK_2019_COLS, V.RESTOCK_ROWS, "plain",
     {"encoding": "cp1252", "quoting": csv.QUOTE_ALL}),
    ("fba_planning", "en.txt", V.PLANNING_HEADER, V.PLANNING_COLS, V.PLANNING_ROWS, "iso",
     {"delimiter": "\t", "quoting": csv.QUOTE_NONE}),
]

ACCOUNT_HEALTH_JSON = {
    "api.json": {  # property-list spellings of the schema
        "accountStatuses": [{"marketplaceId": "ATVPDKIKX0DER", "status": "NORMAL"}],
        "performanceMetrics": [{
            "marketplaceId": "ATVPDKIKX0DER",
            "orderDefectRate": {"mfn": {"reportingDateRange": {"reportingDateFrom": "2026-07-01T00:00Z",
                                                               "reportingDateTo": "2026-08-30T00:00Z"},
                                        "status": "GOOD", "targetValue": 0.01, "targetCondition": "LESS_THAN",
                                        "orderCount": 1000, "orderWithDefects": {"count": 9, "status": "GOOD"},
                                        "rate": 0.009, "fulfillmentType": "MFN"}},
            "lateShipmentRate": {"reportingDateRange": {"reportingDateFrom": "2026-08-20T00:00Z",
                                                        "reportingDateTo": "2026-08-30T00:00Z"},
                                 "status": "GOOD", "targetValue": 0.04, "targetCondition": "LESS_THAN",
                                 "orderCount": 250, "lateShipmentCount": 3, "rate": 0.012},
            "preFulfillmentCancellationRate": {"status": "GOOD", "targetValue": 0.025, "targetCondition": "LESS_THAN",
                                               "orderCount": 250, "cancellationCount": 0, "rate": 0.0},
            "accountHealthRating": {"accountHealthRatingStatus": "GREAT"},
            "warningStates": [{"warningType": "ORDER_DEFECT", "status": "NONE"}],
        }],
    },
}
# The schema's example spellings (prefulfillmentCancelRate, ahrStatus, warningState) for the same data.
_ex = json.loads(json.dumps(ACCOUNT_HEALTH_JSON["api.json"]))
_pm = _ex["performanceMetrics"][0]
_pm["prefulfillmentCancelRate"] = _pm.pop("preFulfillmentCancellationRate")
_pm["accountHealthRating"] = {"ahrStatus": _pm["accountHealthRating"]["accountHealthRatingStatus"]}
_pm["warningState"] = _pm.pop("warningStates")
ACCOUNT_HEALTH_JSON["api-example-names.json"] = _ex

# Pasted dashboard tables, one per UI language (labels: EN dashboard; ZH/DE INFERRED).
ACCOUNT_HEALTH_TABLES = {
    "en-paste.csv": [["Account Health", ""], ["Metric", "Value", "Target"], ["Order Defect Rate", "0.90%", "< 1%"],
                     ["Late Shipment Rate", "1.20%", "< 4%"], ["Pre-fulfillment Cancel Rate", "0.00%", "< 2.5%"],
                     ["Valid Tracking Rate", "98.50%", "> 95%"], ["Account Health Rating", "200", ""]],
    "zh-paste.csv": [["账户状况", ""], ["指标", "数值", "目标"], ["订单缺陷率", "0.90%", "< 1%"], ["迟发率", "1.20%", "< 4%"],
                     ["配送前取消率", "0.00%", "< 2.5%"], ["有效追踪率", "98.50%", "> 95%"], ["账户状况评级", "200", ""]],
    "de-paste.csv": [["Kontozustand", ""], ["Kennzahl", "Wert", "Ziel"], ["Auftragsmängelquote", "0,90 %", "< 1 %"],
                     ["Verspätungsrate", "1,20 %", "< 4 %"], ["Stornorate vor Versand", "0,00 %", "< 2,5 %"],
                     ["Rate gültiger Sendungsverfolgungsnummern", "98,50 %", "> 95 %"],
                     ["Kontozustandsbewertung", "200", ""]],
}


def main() -> None:
    for fam, name, header, cols, rows, style, opts in SPECS:
        d = FIXTURES / fam
        d.mkdir(parents=True, exist_ok=True)
        opts = dict(opts)
        quoting = opts.pop("quoting", csv.QUOTE_MINIMAL)
        body = V.text_rows(rows, cols, style)
        if quoting == csv.QUOTE_NONNUMERIC:  # Seller Central's MYI download: empty fields unquoted
            text = ",".join(f'"{h}"' for h in header) + "\n" + "".join(
                ",".join('"' + v.replace('"', '""') + '"' if v != "" else "" for v in r) + "\n" for r in body)
            (d / name).write_bytes(text.encode(opts.get("encoding", "utf-8")))
            continue
        write_csv(d / name, header, body, quoting=quoting, **opts)
    d = FIXTURES / "account_health"
    d.mkdir(parents=True, exist_ok=True)
    for name, obj in ACCOUNT_HEALTH_JSON.items():
        (d / name).write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, rows in ACCOUNT_HEALTH_TABLES.items():
        write_csv(d / name, rows[0], rows[1:], bom=name.startswith("zh"))
    print(f"fixtures written to {FIXTURES}")


if __name__ == "__main__":
    main()
