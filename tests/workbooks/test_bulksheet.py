"""Bulksheet 2.0 upload rows from approved actions: compared with Amazon's sample rows, written as text cells."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from xladdin.settings import load_settings
from xladdin.workbooks import ads_analysis as A
from xladdin.workbooks import bulksheet as B

SHARED = Path(__file__).resolve().parents[3] / "shared"
SAMPLE = SHARED / "reference" / "samples" / "sp_bulksheet_v2_upload_en.csv"
INJECTIONS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "=1+1"]


def sample_rows() -> tuple[list[str], list[dict]]:
    if not SAMPLE.is_file():
        pytest.skip(f"reference sample not found at {SAMPLE}")
    with SAMPLE.open(newline="", encoding="utf-8") as f:
        r = list(csv.reader(f))
    return r[0], [dict(zip(r[0], row)) for row in r[1:]]


def action(**kw) -> dict:
    base = {c: None for c in A.ACTION_COLUMNS}
    base.update({"approve": "Y", "spend": 1.0})
    base.update(kw)
    return base


# A bulksheet download with the harvest target "Auto - Exact" / "Exact group".
BULK = pd.DataFrame({
    "entity": ["Campaign", "Ad Group", "Campaign", "Ad Group"],
    "campaign_id": ["312845671230002", "312845671230002", "312845671230009", "312845671230009"],
    "ad_group_id": [None, "401123987650002", None, "401123987650009"],
    "keyword_id": [None] * 4, "product_targeting_id": [None] * 4,
    "campaign_name": ["Auto - Exact", None, "Auto", None],
    "campaign_name_info": ["Auto - Exact", "Auto - Exact", "Auto", "Auto"],
    "ad_group_name": [None, "Exact group", None, "auto group"],
    "ad_group_name_info": [None, "Exact group", None, "auto group"],
    "keyword_text": [None] * 4, "match_type": [None] * 4, "bid": [np.nan] * 4,
    "product_targeting_expression": [None] * 4,
})


def test_header_is_the_26_core_columns_of_the_sample():
    header, _ = sample_rows()
    assert B.UPLOAD_COLUMNS == header


def test_rows_equal_amazon_sample_row_by_row():
    _, sample = sample_rows()
    acts = pd.DataFrame([
        action(action="NEGATE", search_term="kitchen utensils set stainless steel",
               campaign_id="312845671230001", ad_group_id="401123987650001"),
        action(action="HARVEST", search_term="cooking utensils for nonstick pans", campaign_name="Auto",
               ad_group_name="auto group", harvest_campaign_name="Auto - Exact",
               harvest_ad_group_name="Exact group", suggested_bid=1.35),
        action(action="BID_DOWN", search_term="x", campaign_id="312845671230002", ad_group_id="401123987650002",
               keyword_id="55012345678002", suggested_bid=0.95),
        action(action="BID_UP", search_term='asin="B0..."', campaign_id="312845671230004",
               ad_group_id="401123987650004", product_targeting_id="66012345678004", suggested_bid=0.6),
    ])
    up = B.bulksheet_rows(acts, BULK)
    assert up.problems.empty, up.problems
    got = up.rows.to_dict("records")
    # HARVEST = negative exact in the source ad group + the exact keyword in the harvest ad group
    assert got[0] == sample[0]
    assert got[1] == {**sample[0], "Campaign ID": "312845671230009", "Ad Group ID": "401123987650009",
                      "Keyword Text": "cooking utensils for nonstick pans"}
    assert got[2] == sample[2]
    assert got[3] == sample[3]
    assert got[4] == sample[4]
    assert up.origin == [0, 1, 1, 2, 3]


def test_only_approved_rows_and_unknown_approval_values_are_reported():
    vals = ["Y", "yes", "是", "TRUE", "1", True, 1, "", None, "N", "否", "0", np.nan, "maybe"]
    acts = pd.DataFrame([action(action="NEGATE", search_term=f"t{i}", campaign_id="1", ad_group_id="2", approve=v)
                         for i, v in enumerate(vals)])
    up = B.bulksheet_rows(acts)
    assert list(up.rows["Keyword Text"]) == [f"t{i}" for i in range(7)]
    assert list(up.problems.code) == ["NOT_APPROVAL"] and up.problems.row.iloc[0] == 13
    assert up.problems.severity.iloc[0] == "warning"


def test_problems_collected_in_one_pass_and_bad_rows_not_written():
    acts = pd.DataFrame([
        action(action="NEGATE", search_term="no ids"),                                             # 0: both IDs missing
        action(action="BID_UP", search_term="t", campaign_id="1", ad_group_id="2", suggested_bid=0.5),  # 1: no keyword id
        action(action="NEGATE", search_term="rounded", campaign_id="3.47066E+14", ad_group_id="2"),   # 2: ID_ROUNDED
        action(action="NEGATE", search_term="float id", campaign_id=312845671230001.0, ad_group_id=401123987650001),
        action(action="BID_DOWN", search_term="t", campaign_id="1", ad_group_id="2", keyword_id="9",
               suggested_bid=np.nan, bid_error="MISSING"),                                         # 4: no bid
        action(action="HARVEST", search_term="new", campaign_id="1", ad_group_id="2",
               harvest_campaign_name="Nowhere - Exact", harvest_ad_group_name="g"),                 # 5: no target
        action(action="WATCH", search_term="w"),                                                  # 6: nothing to upload
    ])
    up = B.bulksheet_rows(acts)
    p = up.problems
    assert list(p.columns) == B.PROBLEM_COLUMNS
    assert set(zip(p.row, p.column, p.code)) == {
        (0, "campaign_id", "MISSING"), (0, "ad_group_id", "MISSING"), (1, "keyword_id", "MISSING"),
        (2, "campaign_id", "ID_ROUNDED"), (4, "suggested_bid", "MISSING"), (4, "suggested_bid", "MISSING"),
        (5, "harvest_ad_group_name", "NO_PRODUCT_AD"), (6, "action", "NOTHING_TO_UPLOAD")}
    assert all(" / " in r or "；" in r for r in p.reason)  # bilingual
    assert p.reason.str.contains("缺少|找不到|ID 已被|无需|没有已知").all()
    # only the float-but-exact ID row is written; the harvest wrote neither half
    assert len(up.rows) == 1 and up.rows.iloc[0]["Campaign ID"] == "312845671230001"
    assert up.rows.iloc[0]["Ad Group ID"] == "401123987650001"


def test_asin_terms_become_product_targets():
    acts = pd.DataFrame([
        action(action="NEGATE", search_term="B0ABCDEFGH", campaign_id="1", ad_group_id="2"),
        action(action="HARVEST", search_term="b0zzzzzzzz", campaign_name="Auto", ad_group_name="auto group",
               harvest_campaign_name="Auto - Exact", harvest_ad_group_name="Exact group", suggested_bid=0.8),
    ])
    up = B.bulksheet_rows(acts, BULK)
    assert up.problems.empty
    r = up.rows
    assert list(r.Entity) == ["Negative product targeting", "Negative product targeting", "Product targeting"]
    assert list(r["Product Targeting Expression"]) == ['asin="B0ABCDEFGH"', 'asin="B0ZZZZZZZZ"', 'asin="B0ZZZZZZZZ"']
    assert (r["Keyword Text"] == "").all() and (r["Match Type"] == "").all()
    assert list(r.Bid) == ["", "", "0.80"]


def test_duplicates_merged_and_conflicting_bids_warned():
    acts = pd.DataFrame([
        action(action="NEGATE", search_term="dup", campaign_id="1", ad_group_id="2", spend=1.0),
        action(action="NEGATE", search_term="dup", campaign_id="1", ad_group_id="2", spend=2.0),
        action(action="BID_UP", search_term="a", campaign_id="1", ad_group_id="2", keyword_id="7", suggested_bid=0.9,
               spend=5.0),
        action(action="BID_DOWN", search_term="b", campaign_id="1", ad_group_id="2", keyword_id="7",
               suggested_bid=0.5, spend=1.0),
    ])
    up = B.bulksheet_rows(acts)
    assert len(up.rows) == 2
    assert up.rows[up.rows.Operation == "Update"].Bid.tolist() == ["0.90"]  # the higher-spend suggestion
    assert sorted(up.problems.code) == ["CONFLICTING_BIDS", "DUPLICATE_ROW"]
    assert (up.problems.severity == "warning").all()


def test_injection_strings_are_written_as_text_never_formulas(tmp_path):
    acts = pd.DataFrame([action(action="NEGATE", search_term=t, campaign_id="312845671230001",
                                ad_group_id="401123987650001") for t in INJECTIONS])
    up = B.bulksheet_rows(acts)
    assert up.problems.empty
    path = B.write_bulksheet(up, tmp_path / "upload.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Sponsored Products Campaigns"]
    ws = wb["Sponsored Products Campaigns"]
    assert [c.value for c in ws[1]] == B.UPLOAD_COLUMNS
    kw = B.UPLOAD_COLUMNS.index("Keyword Text") + 1
    cid = B.UPLOAD_COLUMNS.index("Campaign ID") + 1
    for i, t in enumerate(INJECTIONS, start=2):
        cell = ws.cell(row=i, column=kw)
        assert cell.data_type == "s" and cell.value == t
        assert ws.cell(row=i, column=cid).data_type == "s"
        assert ws.cell(row=i, column=cid).value == "312845671230001"
    # no formula anywhere in the file's XML
    import zipfile
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_written_file_reads_back_as_a_bulksheet(tmp_path):
    from xladdin.reports import read_report
    acts = pd.DataFrame([
        action(action="NEGATE", search_term="wool socks", campaign_id="312845671230001", ad_group_id="401123987650001"),
        action(action="BID_DOWN", search_term="x", campaign_id="312845671230002", ad_group_id="401123987650002",
               keyword_id="55012345678002", suggested_bid=0.95),
    ])
    path = B.write_bulksheet(B.bulksheet_rows(acts), tmp_path / "u.xlsx")
    rep = read_report(path)
    assert rep.meta.family == "sp_bulksheet" and rep.meta.sheet == "Sponsored Products Campaigns"
    d = rep.data
    assert list(d.campaign_id) == ["312845671230001", "312845671230002"]
    assert list(d.entity) == ["Negative Keyword", "Keyword"] and list(d.match_type.fillna("")) == ["negativeExact", ""]
    assert d.bid.iloc[1] == 0.95 and d.keyword_id.iloc[1] == "55012345678002"
    assert rep.problems.empty


def test_real_bulksheet_end_to_end(tmp_path):
    from xladdin.reports import read_report
    real = SHARED / "real-exports"
    hits = sorted(real.glob("bulksheet__aattaran*.xlsx")) if real.is_dir() else []
    if not hits:
        pytest.skip(f"real bulksheet export not found in {real}")
    bulk = read_report(hits[0]).data
    st = read_report(hits[0], family="sp_bulk_search_term").data
    # thresholds lowered so this small export yields every kind of action
    s = load_settings({"negate_min_clicks": 1, "negate_clicks_factor": 0, "min_clicks_for_bid": 1,
                       "harvest_min_orders": 1})
    acts = A.search_term_actions(st, s, bulk=bulk)
    assert acts.spend.sum() == pytest.approx(float(st.spend.sum()))
    assert {"NEGATE", "BID_DOWN"} <= set(acts.action)
    assert (acts.loc[acts.action.isin(["BID_UP", "BID_DOWN"]), "bid_source"] == "REPORT").all()
    acts["approve"] = "Y"
    up = B.bulksheet_rows(acts, bulk, settings=s)
    known_kw = set(bulk.keyword_id.dropna()) | set(bulk.product_targeting_id.dropna())
    upd = up.rows[up.rows.Operation == "Update"]
    assert len(upd) and set(upd["Keyword ID"].replace("", np.nan).dropna()) | \
        set(upd["Product Targeting ID"].replace("", np.nan).dropna()) <= known_kw
    # Campaign IDs are the download's, or temporary IDs of campaigns created earlier in the same file.
    made = up.rows[(up.rows.Entity == "Campaign") & (up.rows.Operation == "Create")]
    assert made["Campaign ID"].is_unique and not made["Campaign ID"].str.fullmatch(r"\d+").any()
    assert set(up.rows["Campaign ID"]) <= set(bulk.campaign_id.dropna()) | set(made["Campaign ID"])
    first = {c: i for i, c in reversed(list(enumerate(up.rows["Campaign ID"])))}
    assert all(up.rows.index[up.rows["Campaign ID"] == c].min() == made.index[made["Campaign ID"] == c][0]
               for c in made["Campaign ID"]) and len(first) >= len(made)
    # every approved action is either written or explained
    explained = set(up.problems.row)
    assert set(acts.index) <= set(up.origin) | explained
    path = B.write_bulksheet(up, tmp_path / "real.xlsx")
    assert read_report(path).data.shape[0] == len(up.rows)


def test_missing_harvest_target_is_reported_when_creation_is_off():
    acts = pd.DataFrame([action(action="HARVEST", search_term="new", campaign_id="1", ad_group_id="2",
                                harvest_campaign_name="Nowhere - Exact", harvest_ad_group_name="g")])
    up = B.bulksheet_rows(acts, settings=load_settings({"harvest_create": False}))
    assert set(zip(up.problems.column, up.problems.code)) == {("campaign_id", "NO_HARVEST_TARGET"),
                                                              ("ad_group_id", "NO_HARVEST_TARGET")}
    assert len(up.rows) == 0


def _row(**kw) -> dict:
    out = {c: "" for c in B.UPLOAD_COLUMNS}
    out["Product"] = "Sponsored Products"
    out.update(kw)
    return out


@pytest.mark.parametrize(("value", "entity", "match", "ad_group"), [
    (None, "Negative keyword", "negativeExact", "401123987650009"),
    ("phrase", "Negative keyword", "negativePhrase", "401123987650009"),
    ("词组", "Negative keyword", "negativePhrase", "401123987650009"),
    ("Campaign Exact", "Campaign negative keyword", "negativeExact", ""),
    ("活动词组", "Campaign negative keyword", "negativePhrase", ""),
])
def test_negate_as_chooses_match_type_and_level(value, entity, match, ad_group):
    acts = pd.DataFrame([action(action="NEGATE", search_term="free sample", campaign_name="Auto",
                                ad_group_name="auto group", negate_as=value)])
    up = B.bulksheet_rows(acts, BULK)
    assert up.problems.empty
    assert up.rows.to_dict("records") == [_row(Entity=entity, Operation="Create", **{
        "Campaign ID": "312845671230009", "Ad Group ID": ad_group, "State": "enabled",
        "Keyword Text": "free sample", "Match Type": match})]


def test_negate_as_refused_for_asin_phrase_and_unknown_values():
    acts = pd.DataFrame([
        action(action="NEGATE", search_term="B0CKQ7BK33", campaign_name="Auto", ad_group_name="auto group",
               negate_as="phrase"),
        action(action="NEGATE", search_term="t", campaign_name="Auto", ad_group_name="auto group", negate_as="broad"),
    ])
    up = B.bulksheet_rows(acts, BULK)
    assert list(zip(up.problems.row, up.problems.column, up.problems.code)) == [
        (0, "negate_as", "BAD_NEGATE_AS"), (1, "negate_as", "BAD_NEGATE_AS")]
    assert len(up.rows) == 0


# The download above plus the Product Ad rows of the source ad group ("Auto" / "auto group").
BULK_ADS = pd.concat([BULK, pd.DataFrame({
    "entity": ["Product Ad", "Product Ad"], "campaign_id": ["312845671230009"] * 2,
    "ad_group_id": ["401123987650009"] * 2, "campaign_name_info": ["Auto"] * 2,
    "ad_group_name_info": ["auto group"] * 2, "sku": ["KU-12-BLK", None], "asin": ["B0CKQ7BK33", "B0VENDOR01"]})],
    ignore_index=True)


def test_harvest_creates_a_missing_campaign_and_ad_group_once():
    import datetime as dt

    acts = pd.DataFrame([
        action(action="HARVEST", search_term="silicone spoon", campaign_name="Auto", ad_group_name="auto group",
               harvest_campaign_name="Auto - Exact 2", harvest_ad_group_name="auto group", suggested_bid=0.8),
        action(action="HARVEST", search_term="spoon rest", campaign_name="Auto", ad_group_name="auto group",
               harvest_campaign_name="Auto - Exact 2", harvest_ad_group_name="auto group", suggested_bid=0.6),
    ])
    up = B.bulksheet_rows(acts, BULK_ADS, settings=load_settings({"harvest_daily_budget": 15}))
    assert up.problems.empty
    cid, gid, src = "Auto - Exact 2", "Auto - Exact 2 / auto group", {"Campaign ID": "312845671230009",
                                                                     "Ad Group ID": "401123987650009"}
    new = {"Campaign ID": cid, "Ad Group ID": gid}
    assert up.rows.to_dict("records") == [
        _row(Entity="Campaign", Operation="Create", **{"Campaign ID": cid, "Campaign Name": "Auto - Exact 2",
             "Start Date": dt.date.today().strftime("%Y%m%d"), "Targeting Type": "Manual", "State": "enabled",
             "Daily Budget": "15", "Bidding Strategy": "Dynamic bids - down only"}),
        _row(Entity="Ad group", Operation="Create", **new, **{"Ad Group Name": "auto group", "State": "enabled",
             "Ad Group Default Bid": "0.80"}),
        _row(Entity="Product ad", Operation="Create", **new, State="enabled", SKU="KU-12-BLK"),
        _row(Entity="Product ad", Operation="Create", **new, State="enabled", ASIN="B0VENDOR01"),
        _row(Entity="Negative keyword", Operation="Create", **src, State="enabled", **{
             "Keyword Text": "silicone spoon", "Match Type": "negativeExact"}),
        _row(Entity="Keyword", Operation="Create", **new, State="enabled", Bid="0.80", **{
             "Keyword Text": "silicone spoon", "Match Type": "exact"}),
        _row(Entity="Negative keyword", Operation="Create", **src, State="enabled", **{
             "Keyword Text": "spoon rest", "Match Type": "negativeExact"}),
        _row(Entity="Keyword", Operation="Create", **new, State="enabled", Bid="0.60", **{
             "Keyword Text": "spoon rest", "Match Type": "exact"}),
    ]


def test_harvest_creates_only_the_ad_group_in_an_existing_campaign(tmp_path):
    acts = pd.DataFrame([action(action="HARVEST", search_term="spoon", campaign_name="Auto",
                                ad_group_name="auto group", harvest_campaign_name="Auto - Exact",
                                harvest_ad_group_name="spoons", suggested_bid=None)])
    up = B.bulksheet_rows(acts, BULK_ADS)
    ents = up.rows[["Entity", "Campaign ID", "Ad Group ID", "Ad Group Default Bid"]].values.tolist()
    assert ents[:3] == [["Ad group", "312845671230002", "Auto - Exact / spoons", "0.75"],
                        ["Product ad", "312845671230002", "Auto - Exact / spoons", ""],
                        ["Product ad", "312845671230002", "Auto - Exact / spoons", ""]]
    assert ents[4] == ["Keyword", "312845671230002", "Auto - Exact / spoons", ""]
    # The written file reads back as a bulksheet with the temporary IDs as text.
    path = B.write_bulksheet(up, tmp_path / "up.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws["E2"].value == "Auto - Exact / spoons" and ws["E2"].data_type == "s"
    assert B.temp_id("123") == "new 123" and B.temp_id("Exact", "42") == "Exact / 42"
