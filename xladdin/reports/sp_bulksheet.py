"""Sponsored Products bulksheets: the 2.0 "Sponsored Products Campaigns" sheet (EN / DE), its
"SP Search Term Report" tab, and the legacy (pre-2.0) layout.

amazon-reports.md §4; real exports #9 (bulksheets 2.0, eleven sheets) and #10 (legacy) in SOURCES.md.

* A bulk download is one XLSX with several sheets (Portfolios, Sponsored Products Campaigns, Sponsored
  Brands …, SP Search Term Report …).  Each family names its sheet in ``sheet_names`` so the registry picks
  it; ``read_report(path, sheet="SP Search Term Report")`` or ``family="sp_bulk_search_term"`` reads the
  search term tab of the same file.
* IDs are text (Amazon writes them as text cells; Excel-rounded numbers give ``ID_ROUNDED`` problems).
* Editable and ``(Informational only)`` columns are kept apart: ``campaign_name`` is the editable column
  (filled on Campaign rows only), ``campaign_name_info`` the read-only one filled on every row.
* Values are normalised to the English upload vocabulary (entity ``Negative Keyword``, operation
  ``Create``, state ``enabled``, match type ``negativeExact``; German values per §4.4), so a German and an
  English sheet give the same frame.  Values outside the vocabulary are kept as they are and counted in
  the metadata notes, never guessed.
* ``percentage`` (placement bid adjustment, ``25`` = +25 %) is a fraction (0.25), like every percent column.
"""

from __future__ import annotations

import pandas as pd

from xladdin.reports import sp_common as c
from xladdin.reports.base import Col, Context, Family
from xladdin.reports.headers import clean_header
from xladdin.reports.registry import module_detect, module_parse

_INFO_EN = " (Informational only)"
_INFO_DE = " (Nur zu Informationszwecken)"


def _metrics() -> list[Col]:
    """Performance columns of a bulk download (EN; DE per §4.4: Klicks, Klickrate, Ausgaben …)."""
    return [
        Col("impressions", "int", en="Impressions", de=["Impressions", "Impressionen"]),
        Col("clicks", "int", en="Clicks", de="Klicks"),
        Col("ctr", "pct", en="Click-through Rate", de="Klickrate"),
        Col("spend", "money", en="Spend", de="Ausgaben"),
        Col("sales", "money", en="Sales", de="Verkäufe"),
        Col("orders", "int", en="Orders", de="Bestellungen"),
        Col("units", "int", en="Units", de="Einheiten"),
        Col("cvr", "pct", en="Conversion Rate", de="Conversion-Rate"),
        Col("acos", "pct", en="ACOS", de="ACOS"),
        Col("cpc", "money", en="CPC", de="CPC"),
        Col("roas", "float", en="ROAS", de="ROAS"),
    ]


# --- value vocabularies (§4.2, §4.4; German values single-source) -----------------------------------------
ENTITY = {
    "campaign": "Campaign", "kampagne": "Campaign",
    "ad group": "Ad Group", "anzeigengruppe": "Ad Group",
    "product ad": "Product Ad", "produktanzeige": "Product Ad",
    "keyword": "Keyword",
    "negative keyword": "Negative Keyword", "negatives keyword": "Negative Keyword",
    "campaign negative keyword": "Campaign Negative Keyword",
    "negatives keyword auf kampagnenebene": "Campaign Negative Keyword",
    "product targeting": "Product Targeting", "produkt-targeting": "Product Targeting",
    "negative product targeting": "Negative Product Targeting",
    "negatives produkt-targeting": "Negative Product Targeting",
    "bidding adjustment": "Bidding Adjustment", "gebotsanpassung": "Bidding Adjustment",
}
OPERATION = {
    "create": "Create", "update": "Update", "archive": "Archive", "submit": "Submit",
    "erstellen": "Create", "aktualisieren": "Update", "archivieren": "Archive", "absenden": "Submit",
    "创建": "Create", "更新": "Update", "存档": "Archive", "提交": "Submit",
}
STATE = {"enabled": "enabled", "paused": "paused", "archived": "archived",
         "aktiviert": "enabled", "angehalten": "paused", "archiviert": "archived"}
MATCH_TYPE = {
    "exact": "exact", "phrase": "phrase", "broad": "broad",
    "negativeexact": "negativeExact", "negative exact": "negativeExact",
    "negativephrase": "negativePhrase", "negative phrase": "negativePhrase",
    "genau passend": "exact", "wortgruppe": "phrase", "weitgehend": "broad",
    "negativ genau passend": "negativeExact", "negative wortgruppe": "negativePhrase",
}
TARGETING_TYPE = {"manual": "Manual", "auto": "Auto", "automatic": "Auto", "manuell": "Manual",
                  "automatisch": "Auto"}
BIDDING_STRATEGY = {
    "dynamic bids - down only": "Dynamic bids - down only",
    "dynamic bids - up and down": "Dynamic bids - up and down",
    "fixed bid": "Fixed bid", "fixed bids": "Fixed bid",
    "dynamische gebote - nur senken": "Dynamic bids - down only",
    "dynamische gebote - erhöhen und senken": "Dynamic bids - up and down",
    "feste gebote": "Fixed bid",
    # legacy bulksheet (2019): "Dynamic bidding (down only)"
    "dynamic bidding (down only)": "Dynamic bids - down only",
    "dynamic bidding (up and down)": "Dynamic bids - up and down",
}
PLACEMENT = {
    "placement top": "Placement Top", "placement product page": "Placement Product Page",
    "placement rest of search": "Placement Rest Of Search", "placement amazon business": "Placement Amazon Business",
    "top-platzierung": "Placement Top", "platzierung rest der suche": "Placement Rest Of Search",
    "platzierung für amazon business": "Placement Amazon Business",
}
VOCABULARIES = {"entity": ENTITY, "operation": OPERATION, "state": STATE, "campaign_state_info": STATE,
                "ad_group_state_info": STATE, "match_type": MATCH_TYPE, "targeting_type": TARGETING_TYPE,
                "bidding_strategy": BIDDING_STRATEGY, "placement": PLACEMENT, "campaign_state": STATE,
                "ad_group_state": STATE}


def _fold_value(s: str) -> str:
    # NBSP, en dash, doubled spaces: the same folding as header cells, but keeping word boundaries.
    return clean_header(s).casefold()


def normalise_vocab(frame: pd.DataFrame, ctx: Context, columns=None) -> None:
    """Map known vocabulary values to the English upload spelling; keep (and count) unknown ones."""
    for col, vocab in VOCABULARIES.items():
        if columns is not None and col not in columns:
            continue
        if col not in frame.columns or col not in ctx.meta.columns:
            continue
        s = frame[col]
        uniq = pd.unique(s.dropna())
        mapping, unknown = {}, []
        for u in uniq:
            v = vocab.get(_fold_value(u))
            if v is None:
                unknown.append(u)
            elif v != u:
                mapping[u] = v
        if mapping:
            frame[col] = s.replace(mapping)
        if unknown:
            shown = ", ".join(repr(u) for u in unknown[:5])
            ctx.meta.notes.append(f"{col}: {len(unknown)} value(s) outside the bulksheet vocabulary kept as "
                                  f"they are: {shown}")


def _info(en: str, de: str | None = None) -> dict:
    out = {"en": en + _INFO_EN}
    if de:
        out["de"] = de + _INFO_DE
    return out


# Start Date / End Date of a bulksheet are the campaigns' own dates, not the report's period: the period is in
# the file name (bulk-<account>-20251126-20260125-<ms>.xlsx).  Naming date columns the frame never has makes
# the registry fall back to the file name (see REQUESTS.md: an explicit option is requested).
_FROM_FILE_NAME = ("report_period_from", "report_period_to")


# --- bulksheets 2.0: "Sponsored Products Campaigns" ---------------------------------------------------------
BULK_COLUMNS = [
    Col("product", "text", en="Product", de="Produkt", core=True),
    Col("entity", "text", en="Entity", de="Entität", core=True),
    Col("operation", "text", en="Operation", de="Operation", core=True),
    Col("campaign_id", "id", en=["Campaign ID", "Campaign Id"], de="Kampagnen-ID", core=True),
    Col("ad_group_id", "id", en=["Ad Group ID", "Ad Group Id"], de="Anzeigengruppen-ID", core=True),
    Col("portfolio_id", "id", en=["Portfolio ID", "Portfolio Id"], de="Portfolio-ID"),
    Col("ad_id", "id", en=["Ad ID", "Ad Id"], de="Anzeigen-ID"),
    Col("keyword_id", "id", en=["Keyword ID", "Keyword Id"], de="Keyword-ID", core=True),
    Col("product_targeting_id", "id", en=["Product Targeting ID", "Product Targeting Id"],
        de="Produkt-Targeting-ID", core=True),
    Col("campaign_name", "text", en="Campaign Name", de="Kampagnenname", core=True),
    Col("ad_group_name", "text", en="Ad Group Name", de="Name der Anzeigengruppe", core=True),
    Col("campaign_name_info", "text", **_info("Campaign Name", "Kampagnenname")),
    Col("ad_group_name_info", "text", **_info("Ad Group Name", "Name der Anzeigengruppe")),
    Col("portfolio_name_info", "text", **_info("Portfolio Name", "Portfolioname")),
    Col("start_date", "date", en="Start Date", de="Startdatum"),
    Col("end_date", "date", en="End Date", de="Enddatum"),
    Col("targeting_type", "text", en="Targeting Type", de="Targeting-Typ"),
    Col("state", "text", en="State", de="Zustand", core=True),
    Col("campaign_state_info", "text", **_info("Campaign State", "Kampagnenstatus")),
    Col("ad_group_state_info", "text", **_info("Ad Group State", "Anzeigengruppen-Status")),
    Col("daily_budget", "money", en="Daily Budget", de="Tagesbudget"),
    Col("sku", "id", en="SKU", de="SKU"),
    # Upload templates write "ASIN", downloads "ASIN (Informational only)".
    Col("asin", "asin", en=["ASIN", "ASIN" + _INFO_EN], de=["ASIN", "ASIN" + _INFO_DE]),
    Col("eligibility_status_info", "text", **_info("Eligibility Status", "Berechtigungsstatus")),
    Col("ineligibility_reason_info", "text", **_info("Reason for Ineligibility", "Grund der Unzulässigkeit")),
    Col("ad_group_default_bid", "money", en="Ad Group Default Bid", de="Standardgebot für die Anzeigengruppe"),
    Col("ad_group_default_bid_info", "money",
        **_info("Ad Group Default Bid", "Standardgebot für die Anzeigengruppe")),
    Col("bid", "money", en="Bid", de="Gebot", core=True),
    Col("keyword_text", "text", en="Keyword Text", de="Keyword-Text", core=True),
    Col("native_language_keyword", "text", en="Native Language Keyword", de="Muttersprache Keyword"),
    Col("native_language_locale", "text", en="Native Language Locale", de="Muttersprache Lokalisierung"),
    Col("match_type", "text", en="Match Type", de="Übereinstimmungstyp", core=True),
    Col("bidding_strategy", "text", en="Bidding Strategy", de="Gebotsstrategie"),
    Col("placement", "text", en="Placement", de="Platzierung"),
    Col("percentage", "pct", en="Percentage", de="Prozentsatz", pct_plain="percent"),
    Col("product_targeting_expression", "text", en="Product Targeting Expression",
        de="Ausdruck für Produkt-Targeting"),
    # German "Problem mit dem Ausdruck … Behoben" is (sic) the German for "Resolved … expression" (§4.4).
    Col("resolved_product_targeting_expression_info", "text",
        en="Resolved Product Targeting Expression" + _INFO_EN,
        de="Problem mit dem Ausdruck für Produkt-Targeting Behoben" + _INFO_DE),
    Col("audience_id", "id", en="Audience ID"),
    Col("shopper_cohort_percentage", "pct", en="Shopper Cohort Percentage", pct_plain="percent"),
    Col("shopper_cohort_type", "text", en="Shopper Cohort Type"),
    Col("segment_name", "text", en="Segment Name"),
    *_metrics(),
    # Legacy-only columns, listed so a legacy sheet is never read as 2.0 (excludes).
    Col("record_type", "text", en="Record Type"),
]


def _note_products(frame: pd.DataFrame, ctx: Context) -> None:
    products = set(frame["product"].dropna().unique()) if "product" in frame.columns else set()
    if products - {"Sponsored Products"}:
        ctx.meta.notes.append(f"product column holds {sorted(products)}: not only Sponsored Products")


def _finish_bulk(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    normalise_vocab(frame, ctx)
    c.apply_checks(frame, ctx)
    _note_products(frame, ctx)
    return frame


BULKSHEET = Family(
    "sp_bulksheet", "Sponsored Products bulksheet (bulk operations 2.0)", BULK_COLUMNS,
    title_zh="商品推广批量操作表格",
    signature=[("product", "entity", "operation", "campaign_id")],
    excludes=("record_type",),
    sheet_names=("Sponsored Products Campaigns", "Sponsored Products-Kampagnen"),
    finish=_finish_bulk,
    date_columns=_FROM_FILE_NAME,
)


# --- bulksheets 2.0: "SP Search Term Report" tab ------------------------------------------------------------
BULK_ST_COLUMNS = [
    Col("product", "text", en="Product", de="Produkt", core=True),
    Col("campaign_id", "id", en=["Campaign ID", "Campaign Id"], de="Kampagnen-ID", core=True),
    Col("ad_group_id", "id", en=["Ad Group ID", "Ad Group Id"], de="Anzeigengruppen-ID", core=True),
    Col("keyword_id", "id", en=["Keyword ID", "Keyword Id", "Keyword Id (Read only)", "Keyword ID (Read only)"],
        de="Keyword-ID", core=True),
    Col("product_targeting_id", "id",
        en=["Product Targeting ID", "Product Targeting Id", "Product Targeting Id (Read only)",
            "Product Targeting ID (Read only)"], de="Produkt-Targeting-ID", core=True),
    Col("campaign_name", "text", en=["Campaign Name" + _INFO_EN, "Campaign Name"],
        de=["Kampagnenname" + _INFO_DE, "Kampagnenname"], core=True),
    Col("ad_group_name", "text", en=["Ad Group Name" + _INFO_EN, "Ad Group Name"],
        de=["Name der Anzeigengruppe" + _INFO_DE, "Name der Anzeigengruppe"], core=True),
    Col("portfolio", "text", en=["Portfolio Name" + _INFO_EN, "Portfolio Name"],
        de=["Portfolioname" + _INFO_DE], core=True),
    Col("state", "text", en="State", de="Zustand"),
    Col("campaign_state_info", "text", **_info("Campaign State", "Kampagnenstatus")),
    Col("bid", "money", en="Bid", de="Gebot"),
    Col("keyword_text", "text", en="Keyword Text", de="Keyword-Text"),
    Col("match_type", "text", en="Match Type", de="Übereinstimmungstyp", core=True),
    Col("product_targeting_expression", "text", en="Product Targeting Expression",
        de="Ausdruck für Produkt-Targeting"),
    Col("resolved_product_targeting_expression_info", "text",
        en="Resolved Product Targeting Expression" + _INFO_EN,
        de="Problem mit dem Ausdruck für Produkt-Targeting Behoben" + _INFO_DE),
    # The tab has no Targeting column: targeting = keyword text, else the (resolved) targeting expression.
    Col("targeting", "text", core=True),
    Col("search_term", "text", en="Customer Search Term", de=["Suchbegriff eines Kunden", "Suchbegriff des Kunden"],
        core=True),
    *[col for col in _metrics() if col.name in ("impressions", "clicks", "ctr", "spend")],
    Col("sales", "money", en="Sales", de="Verkäufe", core=True),
    Col("orders", "int", en="Orders", de="Bestellungen", core=True),
    Col("units", "int", en="Units", de="Einheiten", core=True),
    *[col for col in _metrics() if col.name in ("cvr", "acos", "cpc", "roas")],
    Col("entity", "text", en="Entity", de="Entität"),
]


def _finish_bulk_st(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    normalise_vocab(frame, ctx, columns=("state", "campaign_state_info", "match_type"))
    kw = frame["keyword_text"] if "keyword_text" in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="str")
    for src in ("product_targeting_expression", "resolved_product_targeting_expression_info"):
        if src in frame.columns:
            kw = kw.fillna(frame[src])
    frame["targeting"] = kw.astype("str")
    if "targeting" in ctx.meta.missing:
        ctx.meta.missing.remove("targeting")
    c.apply_checks(frame, ctx)
    c.upper_asin_terms(frame, "search_term")
    _note_products(frame, ctx)
    return frame


BULK_SEARCH_TERM = Family(
    "sp_bulk_search_term", "Sponsored Products bulksheet search term tab", BULK_ST_COLUMNS,
    title_zh="批量操作表格中的商品推广搜索词报告",
    signature=[("product", "campaign_id", "search_term", "impressions")],
    excludes=("entity",),
    sheet_names=("SP Search Term Report", "SP Bericht „Suchbegriff“", "SP Bericht Suchbegriff"),
    finish=_finish_bulk_st,
)


# --- legacy bulksheet (before 2.0): Record ID / Record Type ---------------------------------------------------
LEGACY_COLUMNS = [
    Col("record_id", "id", en="Record ID", core=True),
    # Record Type is mapped to the 2.0 entity names in finish; the original is kept in record_type.
    Col("entity", "text", en="Record Type", core=True),
    Col("campaign_id", "id", en="Campaign ID", core=True),
    Col("ad_group_id", "id", en="Ad Group ID"),
    Col("keyword_id", "id", en="Keyword ID"),
    Col("ad_id", "id", en="Ad ID"),
    Col("campaign_name", "text", en="Campaign", core=True),
    Col("daily_budget", "money", en="Campaign Daily Budget"),
    Col("portfolio_id", "id", en="Portfolio ID"),
    Col("start_date", "date", en="Campaign Start Date"),
    Col("end_date", "date", en="Campaign End Date"),
    Col("targeting_type", "text", en="Campaign Targeting Type"),
    Col("ad_group_name", "text", en="Ad Group", core=True),
    # "Max Bid": the keyword's bid on Keyword rows, the default bid on Ad Group rows.
    Col("bid", "money", en="Max Bid", core=True),
    # "Keyword or Product Targeting": split in finish into keyword_text / product_targeting_expression.
    Col("keyword_text", "text", en="Keyword or Product Targeting", core=True),
    Col("product_targeting_expression", "text"),
    Col("product_targeting_id", "id", en="Product Targeting ID", core=True),
    Col("match_type", "text", en="Match Type", core=True),
    Col("sku", "id", en="SKU"),
    Col("campaign_state", "text", en="Campaign Status"),
    Col("ad_group_state", "text", en="Ad Group Status"),
    Col("state", "text", en="Status", core=True),
    Col("impressions", "int", en="Impressions"),
    Col("clicks", "int", en="Clicks"),
    Col("spend", "money", en="Spend"),
    Col("orders", "int", en="Orders"),
    Col("units", "int", en="Total Units"),
    Col("sales", "money", en="Sales"),
    Col("acos", "pct", en="ACoS"),
    Col("bidding_strategy", "text", en="Bidding strategy"),
    Col("placement", "text", en="Placement Type"),
    Col("percentage", "pct", en="Increase bids by placement", pct_plain="percent"),
    Col("record_type", "text"),
    # 2.0-only column, listed so a 2.0 sheet is never read as legacy (excludes).
    Col("operation", "text", en="Operation", de="Operation"),
]

_LEGACY_ENTITY = {"Campaign": "Campaign", "Ad Group": "Ad Group", "Ad": "Product Ad", "Keyword": "Keyword",
                  "Product Targeting": "Product Targeting"}
_OWN_ID = {"Ad Group": "ad_group_id", "Product Ad": "ad_id", "Keyword": "keyword_id",
           "Negative Keyword": "keyword_id", "Campaign Negative Keyword": "keyword_id"}


def _finish_legacy(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    n = len(frame)
    rt = frame["entity"].astype("str")
    frame["record_type"] = rt
    ent = rt.map(lambda v: _LEGACY_ENTITY.get(v, v) if isinstance(v, str) else v).astype("str")
    normalise_vocab(frame, ctx, columns=("match_type", "state", "campaign_state", "ad_group_state",
                                         "targeting_type", "bidding_strategy"))
    mt = frame["match_type"]
    neg = mt.isin(["negativeExact", "negativePhrase"]).to_numpy()
    kw = (ent == "Keyword").to_numpy()
    no_group = frame["ad_group_name"].isna().to_numpy()
    # A negative match type on a Keyword record is a negative keyword; without an ad group, campaign-level.
    ent = ent.where(~(kw & neg), "Negative Keyword")
    ent = ent.where(~(kw & neg & no_group), "Campaign Negative Keyword")
    frame["entity"] = ent.astype("str")
    # Record ID is the record's own ID (= Campaign ID on Campaign rows): copy it to the matching ID column.
    rid = frame["record_id"]
    for entity, col in _OWN_ID.items():
        sel = (frame["entity"] == entity).to_numpy()
        if sel.any():
            if col not in frame.columns:
                frame[col] = pd.array([None] * n, dtype="str")
            frame.loc[sel, col] = rid[sel]
    # "Keyword or Product Targeting" holds the expression on rows with a Product Targeting ID.
    pt = frame["product_targeting_id"].notna().to_numpy() | (frame["entity"] == "Product Targeting").to_numpy()
    if pt.any():
        frame.loc[pt, "product_targeting_expression"] = frame.loc[pt, "keyword_text"]
        frame.loc[pt, "keyword_text"] = pd.NA
    else:
        frame["product_targeting_expression"] = pd.array([None] * n, dtype="str")
    ctx.meta.notes.append("legacy bulksheet: Record Type mapped to 2.0 entities (original in record_type); "
                          "Record ID copied to the entity's own ID column")
    order = [col.name for col in LEGACY_COLUMNS if col.name in frame.columns and col.name != "operation"]
    return frame[order]


BULKSHEET_LEGACY = Family(
    "sp_bulksheet_legacy", "Sponsored Products bulksheet (legacy, before 2.0)", LEGACY_COLUMNS,
    title_zh="商品推广批量操作表格（旧版）",
    signature=[("record_id", "entity", "campaign_id", "campaign_name")],
    excludes=("operation",),
    sheet_names=("Sponsored Products Campaigns",),
    finish=_finish_legacy,
    date_columns=_FROM_FILE_NAME,
)

FAMILIES = [BULKSHEET, BULK_SEARCH_TERM, BULKSHEET_LEGACY]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
