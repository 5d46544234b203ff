"""Account health: HEALTH_CHECK (Amazon targets, amazon-rules.md §3) and CVR_ALERT (playbook: 7 days below average)."""

from __future__ import annotations

import csv

from hypothesis import given, settings
from hypothesis import strategies as st

from udfs.health import CVR_ALERT, HEALTH_CHECK
from xladdin.core import health
from xladdin.settings import DEFAULTS
from xladdin.worksheet.registry import all_functions


# --- HEALTH_CHECK ------------------------------------------------------------------------------------

def test_health_check_ok():
    assert HEALTH_CHECK(0.005, 0.02, 0.98) == "OK"
    assert HEALTH_CHECK(0.005, 0.02, 0.98, 0.01) == "OK"
    assert HEALTH_CHECK(0, 0, 1, 0) == "OK"


def test_health_check_single_breaches():
    assert HEALTH_CHECK(0.012, 0.02, 0.96) == "ODR 1.20% ≥ 1%"
    assert HEALTH_CHECK(0.005, 0.05, 0.96) == "LSR 5.00% ≥ 4%"
    assert HEALTH_CHECK(0.005, 0.02, 0.9) == "VTR 90.00% < 95%"
    assert HEALTH_CHECK(0.005, 0.02, 0.96, 0.03) == "CANCEL_RATE 3.00% ≥ 2.5%"


def test_health_check_boundaries():
    assert HEALTH_CHECK(0.01, 0.02, 0.96) == "ODR 1.00% ≥ 1%"  # exactly 1 % is a breach
    assert HEALTH_CHECK(0.0099, 0.02, 0.96) == "OK"
    assert HEALTH_CHECK(0.005, 0.04, 0.96) == "LSR 4.00% ≥ 4%"
    assert HEALTH_CHECK(0.005, 0.02, 0.95) == "OK"  # exactly 95 % VTR is OK
    assert HEALTH_CHECK(0.005, 0.02, 0.9499) == "VTR 94.99% < 95%"
    assert HEALTH_CHECK(0.005, 0.02, 0.96, 0.025) == "CANCEL_RATE 2.50% ≥ 2.5%"
    # float noise at the target counts as the target
    assert HEALTH_CHECK(0.01 - 1e-12, 0.02, 0.95 - 1e-12) == "ODR 1.00% ≥ 1%"


def test_health_check_several_breaches_in_fixed_order():
    assert HEALTH_CHECK(0.012, 0.05, 0.94, 0.03) == (
        "ODR 1.20% ≥ 1%; LSR 5.00% ≥ 4%; VTR 94.00% < 95%; CANCEL_RATE 3.00% ≥ 2.5%")
    assert HEALTH_CHECK("1.2%", "2%", "94%") == "ODR 1.20% ≥ 1%; VTR 94.00% < 95%"


def test_health_check_text_percentages():
    assert HEALTH_CHECK("1.2%", "3.9%", "95%", "2.4%") == "ODR 1.20% ≥ 1%"
    assert HEALTH_CHECK("0,8 %", "3.9%", "99.5%") == "OK"


def test_health_check_blank_metrics_are_not_checked():
    # FBA-only accounts have no LSR / VTR: blank or Amazon's "--"
    assert HEALTH_CHECK(0.005, None, None) == "OK"
    assert HEALTH_CHECK(0.012, "--", "N/A") == "ODR 1.20% ≥ 1%"
    assert HEALTH_CHECK(None, None, 0.9) == "VTR 90.00% < 95%"
    assert HEALTH_CHECK(None, None, None) == ""


def test_health_check_errors():
    assert HEALTH_CHECK(1.2, 0.02, 0.96) == "#NUM! OUT_OF_RANGE"  # 1.2 typed for 1.2 %
    assert HEALTH_CHECK(-0.01, 0.02, 0.96) == "#NUM! NEGATIVE"
    assert HEALTH_CHECK(0.005, 0.02, 96) == "#NUM! OUT_OF_RANGE"
    assert HEALTH_CHECK("abc", 0.02, 0.96) == "#VALUE! NOT_A_NUMBER"


def test_health_check_range_spills():
    res = HEALTH_CHECK([[0.005], [None], [0.02]], [[0.01], [None], [0.01]], [[0.99], [None], [0.99]])
    assert res == [["OK"], [""], ["ODR 2.00% ≥ 1%"]]


def test_health_check_targets_match_reference_table(reference_dir):
    with open(reference_dir / "tables" / "account_health_targets.csv", encoding="utf-8") as f:
        rows = {r["metric"]: r for r in csv.DictReader(f)}
    expect = {"order_defect_rate": ("<", DEFAULTS.odr_max), "late_shipment_rate": ("<", DEFAULTS.lsr_max),
              "valid_tracking_rate": (">=", DEFAULTS.vtr_min), "pre_fulfillment_cancel_rate": ("<", DEFAULTS.cancel_max)}
    for metric, (op, target) in expect.items():
        assert rows[metric]["operator"] == op
        assert float(rows[metric]["target"].rstrip("%")) / 100 == target


def test_health_check_uses_settings():
    s = DEFAULTS.model_copy(update={"vtr_min": 0.9})
    assert health.health_check(0.0, 0.0, 0.92, settings=s).values.tolist() == ["OK"]


# --- CVR_ALERT ---------------------------------------------------------------------------------------

def _col(values):
    return [[v] for v in values]


def test_cvr_alert_seven_days_below():
    assert DEFAULTS.cvr_alert_days == 7 and DEFAULTS.category_cvr == 0.10
    assert CVR_ALERT(_col([0.09] * 7)) is True
    assert CVR_ALERT(_col([0.09] * 6 + [0.10])) is False  # the latest day is at the average: not below
    assert CVR_ALERT(_col([0.10] + [0.09] * 6)) is False  # the oldest of the 7 is at the average


def test_cvr_alert_only_the_last_days_count():
    assert CVR_ALERT(_col([0.30] * 20 + [0.05] * 7)) is True
    assert CVR_ALERT(_col([0.05] * 20 + [0.30])) is False


def test_cvr_alert_not_enough_values_and_empty():
    assert CVR_ALERT(_col([0.01] * 6)) is False  # fewer than 7 values: no alert
    assert CVR_ALERT(_col([None] * 7)) == "#N/A NO_DATA"
    assert CVR_ALERT(None) == "#N/A NO_DATA"


def test_cvr_alert_blank_days_are_skipped():
    assert CVR_ALERT(_col([0.09, 0.09, None, 0.09, "--", 0.09, 0.09, 0.09, 0.09])) is True  # 7 values with data


def test_cvr_alert_row_range_text_and_custom_arguments():
    assert CVR_ALERT([["9%", "8.5%", "11%", "11%", "11%"]], "12%", 5) is True
    assert CVR_ALERT([["9%", "8.5%", "11%", "11%", "11%"]], "12%") is False  # 5 values < 7 days
    assert CVR_ALERT(_col([0.2, 0.11, 0.11, 0.11]), 0.12, 3) is True
    assert CVR_ALERT(_col([0.2, 0.11, 0.11, 0.11]), 0.12, 4) is False


def test_cvr_alert_one_answer_per_category_average():
    assert CVR_ALERT(_col([0.09] * 7), [[0.10], [0.08]]) == [[True], [False]]


def test_cvr_alert_errors():
    assert CVR_ALERT(_col([0.09] * 6 + [-0.01])) == "#NUM! NEGATIVE"
    assert CVR_ALERT(_col([0.09] * 6 + [12])) == "#NUM! OUT_OF_RANGE"  # 12 typed for 12 %
    assert CVR_ALERT(_col([0.09] * 7), 0.1, 0) == "#NUM! OUT_OF_RANGE"
    assert CVR_ALERT(_col([0.09] * 7), 0.1, 2.5) == "#NUM! OUT_OF_RANGE"
    assert CVR_ALERT(_col([0.09] * 7), 10) == "#NUM! OUT_OF_RANGE"
    assert CVR_ALERT(_col([0.09] * 6 + ["abc"])) == "#VALUE! NOT_A_NUMBER"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=0, max_size=30), st.floats(0, 1), st.integers(1, 10))
def test_cvr_alert_matches_definition(series, avg, days):
    res = health.cvr_alert(series, avg, days)
    if not series:
        assert res.errors is not None and res.errors[0] == 16  # NO_DATA
        return
    expected = len(series) >= days and all(v < avg for v in series[-days:])
    assert bool(res.values[0]) == expected or any(abs(v - avg) <= 1e-9 for v in series[-days:])


# --- registry ----------------------------------------------------------------------------------------

def test_health_functions_are_registered_and_documented():
    names = {f.name: f for f in all_functions() if f.module == "udfs.health"}
    assert set(names) == {"HEALTH_CHECK", "CVR_ALERT"}
    for f in names.values():
        assert len(f.description) <= 255 and "/" in f.description and "Example" in f.description
        for a in f.args:
            assert len(a.doc) <= 255 and "/" in a.doc
