"""Every committed fixture (family x language x layout) normalises to the canonical frame of its logical rows."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.reports import variants as V
from tests.reports.helpers import FIXTURES, assert_same_frame
from tests.reports.make_fixtures import ACCOUNT_HEALTH_JSON, ACCOUNT_HEALTH_TABLES, SPECS
from xladdin.reports import get_family, read_report

EXPECTED_CONTEXT = {"en": ("US", "USD"), "zh": ("US", "USD"), "de": ("DE", "EUR"), "uk": ("UK", "GBP"),
                    "de-dot": ("DE", "EUR")}


@pytest.mark.parametrize("spec", SPECS, ids=[f"{s[0]}/{s[1]}" for s in SPECS])
def test_fixture_normalises_to_logical_rows(spec):
    family, name, header, cols, rows, style, _ = spec
    rep = read_report(FIXTURES / family / name)
    assert rep.meta.family == family
    assert rep.meta.language == name.split("-")[0].split(".")[0]
    assert rep.meta.rows == len(rows)
    assert rep.meta.unmapped == []
    assert rep.problems.empty, rep.problems.to_string()
    assert_same_frame(rep.data, V.expected(rows, cols, get_family(family)))
    if style in EXPECTED_CONTEXT:
        assert (rep.meta.marketplace, rep.meta.currency) == EXPECTED_CONTEXT[style]


def test_every_family_of_helper_one_has_fixtures():
    mine = {"business_report_child", "business_report_parent", "business_report_by_date", "fba_myi",
            "fba_restock", "fba_planning", "account_health"}
    have = {p.parent.name for p in FIXTURES.glob("*/*") if p.is_file()}
    assert mine <= have


@pytest.mark.parametrize("group", [("en-classic", "en-2023", "zh", "de")])
def test_language_variants_give_the_same_frame(group):
    frames = [read_report(FIXTURES / "business_report_child" / f"{g}.csv").data for g in group]
    for f in frames[1:]:
        assert_same_frame(frames[0], f)


def test_by_date_variants_and_range():
    frames = []
    for name in ("en-classic.csv", "en-2023.csv", "de.csv"):
        rep = read_report(FIXTURES / "business_report_by_date" / name)
        assert (rep.meta.date_from.isoformat(), rep.meta.date_to.isoformat()) == ("2026-09-01", "2026-09-03")
        assert rep.meta.date_source == "column"
        frames.append(rep.data)
    assert_same_frame(frames[0], frames[1])
    assert_same_frame(frames[0], frames[2])


def test_myi_download_keeps_empty_mfn_quantity_missing():
    rep = read_report(FIXTURES / "fba_myi" / "en-download.csv")
    assert rep.meta.encoding == "cp1252"
    assert rep.data["mfn_fulfillable"].isna().tolist() == [True, False]
    assert rep.data["sku"].tolist() == ["KU-12-RED", "00123"]  # leading zeros kept: SKUs are text
    assert rep.data["product_name"][0] == 'Utensils Set – Red 31" x 19"'


def _ah_expected_json() -> pd.DataFrame:
    return pd.DataFrame({
        "metric": ["account_status", "order_defect_rate", "late_shipment_rate", "pre_fulfillment_cancel_rate",
                   "account_health_rating", "warning_order_defect"],
        "status": ["NORMAL", "GOOD", "GOOD", "GOOD", "GREAT", "NONE"],
        "value": [float("nan"), 0.009, 0.012, 0.0, float("nan"), float("nan")],
        "target": [float("nan"), 0.01, 0.04, 0.025, float("nan"), float("nan")],
    }).astype({"metric": "str", "status": "str"})


@pytest.mark.parametrize("name", sorted(ACCOUNT_HEALTH_JSON))
def test_account_health_json_both_spellings(name):
    rep = read_report(FIXTURES / "account_health" / name)
    assert rep.meta.family == "account_health"
    assert (rep.meta.marketplace, rep.meta.currency) == ("US", "USD")
    assert (rep.meta.date_from.isoformat(), rep.meta.date_to.isoformat()) == ("2026-07-01", "2026-08-30")
    got = rep.data[["metric", "status", "value", "target"]]
    assert_same_frame(got, _ah_expected_json())
    odr = rep.data.iloc[1]
    assert (odr["fulfillment"], odr["count"], odr["denominator"]) == ("mfn", 9, 1000)


@pytest.mark.parametrize("name", sorted(ACCOUNT_HEALTH_TABLES))
def test_account_health_pasted_tables_same_in_every_language(name):
    rep = read_report(FIXTURES / "account_health" / name)
    assert rep.meta.family == "account_health"
    assert rep.meta.language == name[:2]
    want = pd.DataFrame({
        "metric": ["order_defect_rate", "late_shipment_rate", "pre_fulfillment_cancel_rate", "valid_tracking_rate",
                   "account_health_rating"],
        "value": [0.009, 0.012, 0.0, 0.985, 200.0],
        "target": [0.01, 0.04, 0.025, 0.95, float("nan")],
        "target_bound": ["<", "<", "<", ">", None],
    }).astype({"metric": "str", "target_bound": "str"})
    assert_same_frame(rep.data[["metric", "value", "target", "target_bound"]], want)
    assert rep.problems.empty


def test_account_health_json_fixture_is_valid_json():
    for name in ACCOUNT_HEALTH_JSON:
        json.loads((FIXTURES / "account_health" / name).read_text(encoding="utf-8"))
