"""Business Reports: Detail Page Sales and Traffic by child item, by parent item, by date (EN / ZH / DE).

Header spellings: amazon-reports.md §2 and the two real exports described in real-exports/SOURCES.md
(#5 classic US "Sessions"/"Buy Box Percentage" layout; #6 German 2025 layout with B2B columns).
Layouts covered: the classic 22-column layout with ASCII hyphens, the pre-2021 layout ("Sessions",
"Buy Box Percentage"), the 2023+ layout (en dash, sentence case, Mobile app / Browser splits), the
Chinese UI (including the "转化率 - 总计" mislabel, which is *Session Percentage*, not a conversion rate)
and the German UI.  Business Report columns can be picked by the user, so the signature is small.

Also reads the SP-API ``GET_SALES_AND_TRAFFIC_REPORT`` JSON (``salesAndTrafficByAsin`` /
``salesAndTrafficByDate``), where percentages are on a 0–100 scale.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from xladdin.reports.base import Col, Context, Family
from xladdin.reports.registry import module_detect, module_parse

# Splits of a traffic metric: (suffix, EN, ZH, DE).  "Mobile APP" (sic) is a real UK spelling; case is folded.
_SPLITS = (("_mobile", "Mobile app", "移动应用", "mobile App"), ("_browser", "Browser", "浏览器", "Browser"))


def _traffic(name: str, kind: str, en: list[str], zh: list[str], de: list[str], api: str, *, core: bool) -> list[Col]:
    """A traffic metric with its B2B twin and Mobile app / Browser splits (each with a B2B twin)."""
    out = [Col(name, kind, en=en, zh=zh, de=de, api=api, core=core),
           Col(f"{name}_b2b", kind, en=[f"{e} - B2B" for e in en], zh=[f"{z} - B2B" for z in zh],
               de=[f"{d} - B2B" for d in de], api=f"{api}B2B")]
    base_en = [e.replace(" - Total", "") for e in en if " - Total" in e]
    base_zh = [z.replace(" - 总计", "") for z in zh if " - 总计" in z]
    base_de = [d.replace(" - Summe", "") for d in de if " - Summe" in d]
    for suffix, s_en, s_zh, s_de in _SPLITS:
        api_s = ("mobileApp" if suffix == "_mobile" else "browser") + api[0].upper() + api[1:]
        out.append(Col(f"{name}{suffix}", kind, en=[f"{b} - {s_en}" for b in base_en],
                       zh=[f"{b} - {s_zh}" for b in base_zh], de=[f"{b} - {s_de}" for b in base_de], api=api_s))
        out.append(Col(f"{name}{suffix}_b2b", kind, en=[f"{b} - {s_en} - B2B" for b in base_en],
                       zh=[f"{b} - {s_zh} - B2B" for b in base_zh], de=[f"{b} - {s_de} - B2B" for b in base_de],
                       api=f"{api_s}B2B"))
    return out


def _with_b2b(name: str, kind: str, en: list[str], zh: list[str], de: list[str], api: str, *, core: bool,
              de_b2b: list[str] | None = None, zh_b2b: list[str] | None = None) -> list[Col]:
    return [Col(name, kind, en=en, zh=zh, de=de, api=api, core=core),
            Col(f"{name}_b2b", kind, en=[f"{e} - B2B" for e in en],
                zh=zh_b2b if zh_b2b is not None else [f"{z} - B2B" for z in zh],
                de=de_b2b if de_b2b is not None else [f"{d} - B2B" for d in de], api=f"{api}B2B")]


# Traffic metrics shared by the by-ASIN layouts.
_SESSIONS = _traffic(
    "sessions", "int",
    en=["Sessions - Total", "Sessions"],
    zh=["会话数 - 总计", "会话次数 - 总计", "会话 - 总计"],  # 会话 - 总计 - B2B is the B2B twin's spelling
    de=["Sitzungen - Summe", "Sitzungen"], api="sessions", core=True)
_SESSION_PCT = _traffic(
    "session_pct", "pct",
    en=["Session Percentage - Total", "Session Percentage"],
    # 转化率 ("conversion rate") is the Chinese UI's label for Session Percentage (amazon-reports.md §2.5).
    zh=["转化率 - 总计", "会话百分比 - 总计", "会话百分比"],
    de=["Prozentwert an Sitzungen - Summe", "Prozentsatz Sitzung - Summe"],  # real DE file (SOURCES.md #6)
    api="sessionPercentage", core=False)
_PAGE_VIEWS = _traffic(
    "page_views", "int",
    en=["Page Views - Total", "Page Views"], zh=["页面浏览量 - 总计", "页面浏览量"],
    de=["Seitenaufrufe - Summe", "Seitenaufrufe"], api="pageViews", core=True)
_PAGE_VIEWS_PCT = _traffic(
    "page_views_pct", "pct",
    en=["Page Views Percentage - Total", "Page Views Percentage"], zh=["页面浏览量百分比 - 总计", "页面浏览量百分比"],
    de=["Prozentsatz Seitenaufrufe - Summe"], api="pageViewsPercentage", core=False)
_BUY_BOX = _with_b2b(
    "buy_box_pct", "pct",
    en=["Featured Offer (Buy Box) Percentage", "Buy Box Percentage"],
    zh=["推荐报价（推荐报价展示位）百分比", "推荐报价（购买按钮）百分比"],
    de=['Hervorgehobenes Angebot ("In-den-Einkaufswagen") - Prozentsatz'],
    de_b2b=["Hervorgehobenes Angebot (Einkaufswagen-Feld) Prozentwert - B2B",
            'Hervorgehobenes Angebot ("In-den-Einkaufswagen") - Prozentsatz - B2B'],
    api="buyBoxPercentage", core=True)
_SALES = (
    _with_b2b("units_ordered", "int", en=["Units Ordered"], zh=["已订购商品数量"], de=["Bestellte Einheiten"],
              api="unitsOrdered", core=True)
    + _with_b2b("unit_session_pct", "pct", en=["Unit Session Percentage"], zh=["商品会话百分比"],
                de=["Prozentsatz an Einheiten pro Sitzung"], api="unitSessionPercentage", core=True)
    + _with_b2b("ordered_sales", "money", en=["Ordered Product Sales"], zh=["已订购商品销售额"],
                de=["Durch bestellte Produkte erzielter Umsatz"],
                de_b2b=["Bestellsumme - B2B", "Durch bestellte Produkte erzielter Umsatz - B2B"],
                api="orderedProductSales", core=True)
    + _with_b2b("total_order_items", "int", en=["Total Order Items"], zh=["订单商品总数"],
                de=["Zahl der Bestellposten"], api="totalOrderItems", core=True)
)

_PARENT = Col("parent_asin", "asin", en=["(Parent) ASIN", "Parent ASIN"], zh=["（父）ASIN", "父ASIN"],
              de=["(Übergeordnete) ASIN", "Übergeordnete ASIN"], api="parentAsin", core=True)
_CHILD = Col("asin", "asin", en=["(Child) ASIN", "Child ASIN"], zh=["（子）ASIN", "子ASIN"],
             de=["(Untergeordnete) ASIN", "Untergeordnete ASIN"], api="childAsin", core=True)
_TITLE = Col("title", "text", en="Title", zh="标题", de="Titel", core=True)
# The German SKU label is not documented (amazon-reports.md §2.6); the real DE file writes "SKU".
_SKU = Col("sku", "id", en="SKU", zh="SKU", de="SKU", api="sku", core=True)

_METRICS = _SESSIONS + _SESSION_PCT + _PAGE_VIEWS + _PAGE_VIEWS_PCT + _BUY_BOX + _SALES
_ANY_METRIC = ("sessions", "page_views", "units_ordered", "ordered_sales", "total_order_items")


def _order(cols: list[Col]) -> list[Col]:
    """Core columns first in the issue's order, then the rest as declared."""
    core_order = ["parent_asin", "asin", "title", "sku", "date", "sessions", "page_views", "buy_box_pct",
                  "units_ordered", "unit_session_pct", "ordered_sales", "total_order_items"]
    by = {c.name: c for c in cols}
    first = [by[n] for n in core_order if n in by]
    return first + [c for c in cols if c.name not in core_order]


CHILD = Family(
    "business_report_child", "Business Report: Detail Page Sales and Traffic by Child Item",
    _order([_PARENT, _CHILD, _TITLE, _SKU, *_METRICS]),
    title_zh="业务报告：详情页面上的销售量与访问量（子商品）",
    signature=[("asin", _ANY_METRIC)],
    key_columns=("parent_asin", "asin"),
)

PARENT = Family(
    "business_report_parent", "Business Report: Detail Page Sales and Traffic by Parent Item",
    # INFERRED (amazon-reports.md §2.1): the by-parent report has no child ASIN and no SKU.
    _order([_PARENT, _TITLE, *_METRICS, Col("asin", "asin", **_CHILD.aliases)]),
    title_zh="业务报告：详情页面上的销售量与访问量（父商品）",
    signature=[("parent_asin", _ANY_METRIC)],
    excludes=("asin",),  # listed only so that a by-child header is never taken for a by-parent one
    key_columns=("parent_asin",),
)

# By date (§2.4 fixture, 18 columns); the 2023+ UI adds traffic splits and refund / feedback columns, whose
# English names below are INFERRED from the SP-API field names (sellerSalesAndTrafficReport.json).
_BY_DATE_COLS = [
    Col("date", "date", en="Date", zh="日期", de="Datum", api="date", core=True),
    *_with_b2b("ordered_sales", "money", en=["Ordered Product Sales"], zh=["已订购商品销售额"],
               de=["Durch bestellte Produkte erzielter Umsatz"],
               de_b2b=["Bestellsumme - B2B", "Durch bestellte Produkte erzielter Umsatz - B2B"],
               api="orderedProductSales", core=True),
    *_with_b2b("units_ordered", "int", en=["Units Ordered"], zh=["已订购商品数量"], de=["Bestellte Einheiten"],
               api="unitsOrdered", core=True),
    *_with_b2b("total_order_items", "int", en=["Total Order Items"], zh=["订单商品总数"],
               de=["Zahl der Bestellposten"], api="totalOrderItems", core=True),
    *_with_b2b("avg_sales_per_order_item", "money", en=["Average Sales per Order Item"], zh=[],
               de=["Durchschnittlicher Umsatz/Bestellposten"], api="averageSalesPerOrderItem", core=False),
    *_with_b2b("avg_units_per_order_item", "float", en=["Average Units per Order Item"], zh=[],
               de=["Durchschnitt Anzahl von Einheiten/Bestellposten"], api="averageUnitsPerOrderItem", core=False),
    *_with_b2b("avg_selling_price", "money", en=["Average Selling Price"], zh=[],
               de=["Durchschnittlicher Verkaufspreis"], api="averageSellingPrice", core=False),
    *_SESSIONS,
    *_with_b2b("order_item_session_pct", "pct", en=["Order Item Session Percentage"], zh=[],
               de=["Prozentsatz Bestellposten pro Sitzung"],
               de_b2b=["Bestellposten pro Sitzung Prozentwert - B2B", "Prozentsatz Bestellposten pro Sitzung - B2B"],
               api="orderItemSessionPercentage", core=False),
    Col("avg_offer_count", "float", en="Average Offer Count", de="Durchschnittliche Angebotszahl",
        api="averageOfferCount"),
    *_PAGE_VIEWS, *_BUY_BOX,
    *_with_b2b("unit_session_pct", "pct", en=["Unit Session Percentage"], zh=["商品会话百分比"],
               de=["Prozentsatz an Einheiten pro Sitzung"], api="unitSessionPercentage", core=False),
    # INFERRED English labels of the newer by-date columns (SP-API names as api= aliases are OFFICIAL).
    Col("avg_parent_items", "float", en="Average Parent Items", api="averageParentItems"),
    Col("units_refunded", "int", en="Units Refunded", api="unitsRefunded"),
    Col("refund_rate", "pct", en="Refund Rate", api="refundRate"),
    Col("feedback_received", "int", en="Feedback Received", api="feedbackReceived"),
    Col("negative_feedback_received", "int", en="Negative Feedback Received", api="negativeFeedbackReceived"),
    Col("negative_feedback_rate", "pct", en="Received Negative Feedback Rate", api="receivedNegativeFeedbackRate"),
    Col("claims_granted", "int", en=["A-to-z Claims Granted", "Claims Granted"], api="claimsGranted"),
    Col("claims_amount", "money", en="Claims Amount", api="claimsAmount"),
    Col("shipped_sales", "money", en="Shipped Product Sales", api="shippedProductSales"),
    Col("units_shipped", "int", en="Units Shipped", api="unitsShipped"),
    Col("orders_shipped", "int", en="Orders Shipped", api="ordersShipped"),
]

BY_DATE = Family(
    "business_report_by_date", "Business Report: Sales and Traffic by Date", _order(_BY_DATE_COLS),
    title_zh="业务报告：按日期的销售量与访问量",
    signature=[("date", "ordered_sales", ("avg_offer_count", "sessions", "units_ordered", "total_order_items"))],
    key_columns=("date",),
)


# --- SP-API GET_SALES_AND_TRAFFIC_REPORT JSON -------------------------------------------------------
def _flat(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, dict) and set(v) >= {"amount"}:  # {"amount": 12.3, "currencyCode": "USD"}
            out[k] = v.get("amount")
            out[f"{k}.currencyCode"] = v.get("currencyCode")
        elif isinstance(v, dict):
            out.update(_flat(v))
        else:
            out[k] = v
    return out


def _api_frame(records: list[dict[str, Any]], fam: Family, ctx: Context) -> pd.DataFrame:
    flat = [_flat(r) for r in records]
    api_to = {a: c.name for c in fam.columns for a in c.aliases.get("api", ())}
    # Fix the schema example's typos (amazon-reports.md §2.8).
    alias = {"browerPageViews": "browserPageViews", "mobilePageViews": "mobileAppPageViews",
             "mobilePageViewsPercentage": "mobileAppPageViewsPercentage"}
    cols: dict[str, list[Any]] = {}
    currencies = set()
    for i, r in enumerate(flat):
        for k, v in r.items():
            if k.endswith(".currencyCode"):
                if v:
                    currencies.add(v)
                continue
            name = api_to.get(alias.get(k, k))
            if name is None:
                continue
            cols.setdefault(name, [None] * len(flat))[i] = v
    if len(currencies) == 1 and ctx.meta.currency is None:
        ctx.meta.currency, ctx.meta.currency_source = currencies.pop(), "column"
        from xladdin.reports.values import CURRENCY_MARKETPLACE

        if ctx.meta.marketplace is None and ctx.meta.currency in CURRENCY_MARKETPLACE:
            ctx.meta.marketplace = CURRENCY_MARKETPLACE[ctx.meta.currency]
            ctx.meta.marketplace_source = "currency"
    return pd.DataFrame(cols, index=range(len(flat)))


def _json_detector(key: str):
    def detect(obj: Any) -> bool:
        return isinstance(obj, dict) and isinstance(obj.get(key), list)
    return detect


def _json_parser(key: str, fam_name: str):
    def parse(obj: Any, ctx: Context) -> pd.DataFrame:
        fam = _JSON_FAMILIES[fam_name]
        ctx.meta.language = "api"
        frame = _api_frame(obj[key], fam, ctx)
        for c in fam.columns:  # the SP-API writes percentages on a 0-100 scale: 7.69 means 7.69 %
            if c.kind == "pct" and c.name in frame:
                frame[c.name] = [v / 100.0 if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                                 for v in frame[c.name]]
        return frame
    return parse


CHILD.detect_json, CHILD.parse_json = _json_detector("salesAndTrafficByAsin"), _json_parser("salesAndTrafficByAsin", "child")
BY_DATE.detect_json, BY_DATE.parse_json = _json_detector("salesAndTrafficByDate"), _json_parser("salesAndTrafficByDate", "date")
_JSON_FAMILIES = {"child": CHILD, "date": BY_DATE}

FAMILIES = [CHILD, PARENT, BY_DATE]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
