"""Invariants of the shipped rule tables (xladdin/rules/), the loader's grammar, and the fee snapshot.

The invariants are re-derived here from the raw CSV text with the csv module, independently of the
loader: periods contiguous and non-overlapping, every tier priced in every card, weight and price
bands contiguous, every row citing sources that resolve, only verified rows in production tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
from collections import defaultdict
from decimal import Decimal
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from xladdin import rules as R
from xladdin.core import fees as F
from xladdin.errors import Code, RuleDataError
from xladdin.rules import tables as T

RULES = resources.files("xladdin.rules")
US = RULES / "us"
VERBATIM = ["us_aged_inventory_surcharge_2023.csv", "us_fba_fulfilment_2025.csv", "us_fba_fulfilment_2026.csv",
            "us_inbound_placement_2024.csv", "us_low_inventory_level_fee_2024.csv", "us_monthly_storage.csv",
            "us_referral_fees.csv", "us_size_tiers.csv"]
SNAPSHOT = Path(__file__).resolve().parents[1] / "snapshots" / "fees" / "US.csv"
ONE_DAY = dt.timedelta(days=1)


def raw(name: str, folder=US) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / name).read_text(encoding="utf-8"), newline="")))


def day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def lb(value: str, unit: str) -> Decimal:
    return Decimal(value) / 16 if unit == "oz" else Decimal(value)


def us_csvs() -> list[str]:
    return sorted(p.name for p in US.iterdir() if p.name.endswith(".csv"))


# ----------------------------------------------------------------------------------------------
# Provenance
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VERBATIM)
def test_verified_tables_are_verbatim_copies_of_the_reference_pack(reference_dir, name):
    assert (US / name).read_bytes() == (reference_dir / "fees" / name).read_bytes()


def test_sources_csv_is_a_verbatim_copy(reference_dir):
    assert (RULES / "sources.csv").read_bytes() == (reference_dir / "fees" / "sources.csv").read_bytes()


def test_no_unverified_draft_is_shipped(reference_dir):
    drafts = {p.name for p in (reference_dir / "fees" / "unverified").iterdir()}
    assert not drafts & set(us_csvs())


def _source_keys() -> set[str]:
    keys = [r["key"] for r in raw("sources.csv", RULES)] + [r["key"] for r in raw("sources_xladdin.csv", RULES)]
    assert len(keys) == len(set(keys)), "a source key is defined twice"
    return set(keys)


@pytest.mark.parametrize("name", us_csvs() + ["../marketplaces.csv"])
def test_every_row_cites_sources_that_resolve(name):
    rows = raw(name.removeprefix("../"), RULES if name.startswith("../") else US)
    keys = _source_keys()
    assert rows
    for i, r in enumerate(rows, start=2):
        assert r["source"].strip(), f"{name} line {i}: no source"
        for k in r["source"].split("+"):
            assert k in keys, f"{name} line {i}: source key {k} not in sources.csv"


@pytest.mark.parametrize("name", ["us_size_tiers.csv", "us_fba_fulfilment_2025.csv", "us_fba_fulfilment_2026.csv",
                                  "us_fba_surcharges.csv", "us_dimensional_weight.csv", "us_monthly_storage.csv"])
def test_production_tables_hold_only_verified_rows(name):
    for r in raw(name):
        assert r["verification"].split(" ")[0] in {"P", "P-repost", "S2"}, r


def test_the_only_s1_referral_row_is_lawn_mowers_and_it_is_never_used():
    s1 = [r["category"] for r in raw("us_referral_fees.csv") if r["verification"] not in {"P", "P-repost", "S2"}]
    assert s1 == ["Lawn Mowers and Snow Throwers"]
    with pytest.raises(RuleDataError) as e:
        R.rules_for("US").referral("Lawn Mowers and Snow Throwers", day("2026-02-01"))
    assert e.value.code == Code.NO_RULE_FOR_DATE


def test_every_file_in_the_folder_has_a_known_kind():
    kinds = sorted(R.TABLE_KINDS, key=len, reverse=True)
    for name in us_csvs():
        stem = name.removeprefix("us_").removesuffix(".csv")
        assert any(stem == k or stem.startswith(k + "_") for k in kinds), name


def test_every_table_loads_and_validates():
    rules = R.rules_for("US")
    assert {k: len(v) for k, v in rules.tables.items()} == {
        "size_tiers": 15, "fba_fulfilment": 52 + 81, "fba_surcharges": 1, "dimensional_weight": 1,
        "monthly_storage": 9, "referral_fees": 35, "aged_inventory_surcharge": 7,
        "low_inventory_level_fee": 3, "inbound_placement": 5}
    assert len(R.sources()) == len(_source_keys())


# ----------------------------------------------------------------------------------------------
# Periods
# ----------------------------------------------------------------------------------------------


def _periods(rows, start="effective_from", end="effective_to"):
    return sorted({(r[start], r[end]) for r in rows})


def test_fulfilment_cards_are_contiguous_and_do_not_overlap():
    rows = raw("us_fba_fulfilment_2025.csv") + raw("us_fba_fulfilment_2026.csv")
    periods = _periods(rows)
    assert periods == [("2024-04-15", "2026-01-14"), ("2026-01-15", "")]
    for (s0, e0), (s1, _) in zip(periods, periods[1:]):
        assert day(e0) + ONE_DAY == day(s1)
    assert {r["marketplace"] for r in rows} == {"US"}


def test_size_tier_sets_are_contiguous_and_cover_every_card():
    periods = _periods(raw("us_size_tiers.csv"))
    assert periods == [("2024-02-05", "2026-01-14"), ("2026-01-15", "")]
    assert day(periods[0][1]) + ONE_DAY == day(periods[1][0])
    # Every card lies inside one tier set: its start and end fall in the same tier-set period.
    cards = _periods(raw("us_fba_fulfilment_2025.csv") + raw("us_fba_fulfilment_2026.csv"))
    for start, end in cards:
        (tier_set,) = [(s, e) for s, e in periods if day(s) <= day(start) and (not e or day(start) <= day(e))]
        assert (not tier_set[1] and not end) or (end and tier_set[1] and day(end) <= day(tier_set[1]))


def test_storage_periods_are_contiguous_per_size_group_and_season():
    by = defaultdict(list)
    for r in raw("us_monthly_storage.csv"):
        by[(r["product_type"], r["size_group"], r["months"])].append(r)
    std = sorted(by[("non_dangerous", "standard", "Jan-Sep")], key=lambda r: r["effective_to"] == "")
    assert [(r["effective_to"], r["usd_per_cubic_foot"]) for r in std] == [("2024-03-31", "0.87"), ("", "0.78")]
    assert std[1]["effective_from"] == "2024-04-01" and day(std[0]["effective_to"]) + ONE_DAY == day("2024-04-01")
    assert all(len(v) == 1 for k, v in by.items() if k != ("non_dangerous", "standard", "Jan-Sep"))


def test_surcharge_and_dimensional_weight_rows():
    (fuel,) = raw("us_fba_surcharges.csv")
    assert (fuel["effective_from"], fuel["effective_to"], fuel["rate_pct"]) == ("2026-04-17", "", "3.5")
    (dim,) = raw("us_dimensional_weight.csv")
    assert (dim["divisor"], dim["bulky_min_side_in"]) == ("139", "2")


# ----------------------------------------------------------------------------------------------
# Cards: tiers, price bands and weight bands
# ----------------------------------------------------------------------------------------------


def _tiers(start: str) -> list[dict[str, str]]:
    return [r for r in raw("us_size_tiers.csv") if r["effective_from"] == start]


CARDS = {"2025": ("us_fba_fulfilment_2025.csv", "2024-02-05", ["under_10", "10_and_over"]),
         "2026": ("us_fba_fulfilment_2026.csv", "2026-01-15", ["under_10", "10_to_50", "over_50"])}


@pytest.mark.parametrize("card", CARDS)
def test_every_tier_is_priced_in_every_price_band(card):
    name, tier_start, bands = CARDS[card]
    rows = raw(name)
    assert sorted({r["price_band"] for r in rows}) == sorted(bands)
    tiers = [t["size_tier"] for t in _tiers(tier_start)]
    for b in bands:
        assert sorted({r["size_tier"] for r in rows if r["price_band"] == b}) == sorted(tiers)


@pytest.mark.parametrize("card", CARDS)
def test_weight_bands_are_contiguous_and_end_at_the_tier_limit(card):
    name, tier_start, bands = CARDS[card]
    rows = raw(name)
    limits = {t["size_tier"]: (None if not t["max_weight"] else lb(t["max_weight"], t["weight_unit"]))
              for t in _tiers(tier_start)}
    for b in bands:
        previous_xl_max = Decimal(0)
        for tier, limit in limits.items():
            rs = sorted((r for r in rows if r["price_band"] == b and r["size_tier"] == tier),
                        key=lambda r: lb(r["band_max_incl"] or "1e9", r["band_unit"]))
            lo = previous_xl_max if tier.startswith("extra_large") else Decimal(0)
            assert lb(rs[0]["band_min_excl"], rs[0]["band_unit"]) == lo, (b, tier)
            for a, c in zip(rs, rs[1:]):
                assert lb(a["band_max_incl"], a["band_unit"]) == lb(c["band_min_excl"], c["band_unit"]), (b, tier)
            last = rs[-1]["band_max_incl"]
            assert (None if not last else lb(last, rs[-1]["band_unit"])) == limit, (b, tier)
            if tier.startswith("extra_large") and limit is not None:
                previous_xl_max = limit
            assert len({r["weight_basis"] for r in rs}) == 1
            assert rs[0]["weight_basis"] == next(t["fee_weight_basis"] for t in _tiers(tier_start) if t["size_tier"] == tier)


def test_price_bands_cover_every_price_without_gap():
    for card in R.rules_for("US").fee_cards:
        bands = card.bands
        assert bands[0].low == 0 and bands[0].low_inclusive and bands[-1].high == math.inf
        for a, b in zip(bands, bands[1:]):
            assert a.high == b.low and a.high_inclusive != b.low_inclusive


@pytest.mark.parametrize("name,expected", [
    ("under_10", (0.0, True, 10.0, False)), ("10_to_50", (10.0, True, 50.0, True)),
    ("over_50", (50.0, False, math.inf, False)), ("10_and_over", (10.0, True, math.inf, False))])
def test_price_band_grammar(name, expected):
    assert T.parse_price_band(name) == expected


# ----------------------------------------------------------------------------------------------
# Amazon's published cross-checks on the cards (amazon-rules.md §1.2)
# ----------------------------------------------------------------------------------------------


def _fees(name, band):
    return {(r["size_tier"], r["band_min_excl"], r["band_max_incl"]): Decimal(r["fee_usd"])
            for r in raw(name) if r["price_band"] == band}


def test_2025_low_price_rates_sit_exactly_077_below_standard():
    std, low = _fees("us_fba_fulfilment_2025.csv", "10_and_over"), _fees("us_fba_fulfilment_2025.csv", "under_10")
    assert std.keys() == low.keys()
    assert {std[k] - low[k] for k in std} == {Decimal("0.77")}


@pytest.mark.parametrize("band26,band25,delta", [("10_to_50", "10_and_over", "0.05"), ("over_50", "10_and_over", "0.31"),
                                                 ("under_10", "under_10", "0")])
def test_2026_large_standard_deltas_match_amazons_announcement(band26, band25, delta):
    new, old = _fees("us_fba_fulfilment_2026.csv", band26), _fees("us_fba_fulfilment_2025.csv", band25)
    keys = [k for k in old if k[0] == "large_standard"]
    assert len(keys) == 13
    assert {new[k] - old[k] for k in keys} == {Decimal(delta)}


@pytest.mark.parametrize("band26,average", [("10_to_50", "0.26"), ("over_50", "0.52")])
def test_2026_small_standard_average_deltas(band26, average):
    # Amazon announced +0.25 / +0.51 on average; the card gives +0.26 / +0.52 (amazon-rules.md §1.2).
    new, old = _fees("us_fba_fulfilment_2026.csv", band26), _fees("us_fba_fulfilment_2025.csv", "10_and_over")
    keys = [k for k in old if k[0] == "small_standard"]
    mean = sum(new[k] - old[k] for k in keys) / len(keys)
    assert mean.quantize(Decimal("0.01")) == Decimal(average)


def test_2026_bulky_and_extra_large_bases_went_down():
    new, old = _fees("us_fba_fulfilment_2026.csv", "10_to_50"), _fees("us_fba_fulfilment_2025.csv", "10_and_over")
    assert (old[("large_bulky", "0", "50")], new[("large_bulky", "0", "50")]) == (Decimal("9.61"), Decimal("9.35"))
    assert (old[("extra_large_50_70", "50", "70")], new[("extra_large_50_70", "50", "70")]) == (Decimal("40.12"), Decimal("37.32"))
    assert (old[("extra_large_70_150", "70", "150")], new[("extra_large_70_150", "70", "150")]) == (Decimal("54.81"), Decimal("51.32"))


# ----------------------------------------------------------------------------------------------
# Marketplace registry
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("alias", ["US", "us", " us ", "amazon.com", "www.amazon.com", "https://www.amazon.com/",
                                   "ATVPDKIKX0DER", "美国站", "ＵＳ"])
def test_marketplace_aliases(alias):
    assert R.resolve_marketplace(alias).code == "US"


@pytest.mark.parametrize("alias,code", [("UK", "UK"), ("gb", "UK"), ("amazon.co.uk", "UK"), ("A1F83G8C2ARO7P", "UK"),
                                        ("DE", "DE"), ("amazon.de", "DE"), ("A1PA6795UKMFR9", "DE")])
def test_uk_and_de_are_known_but_have_no_verified_table(alias, code):
    mp = R.resolve_marketplace(alias)
    assert (mp.code, mp.fee_tables) == (code, None)
    with pytest.raises(RuleDataError) as e:
        R.rules_for(alias)
    assert e.value.code == Code.NO_RULE_FOR_DATE and "no verified fee table" in e.value.detail


@pytest.mark.parametrize("name", ["USA1", "amazon.fr", "", "XX"])
def test_unknown_marketplace(name):
    with pytest.raises(RuleDataError) as e:
        R.resolve_marketplace(name)
    assert e.value.code == Code.UNKNOWN_MARKETPLACE and "known: US, UK, DE" in e.value.detail


def test_registry_and_folders_agree():
    folders = {p.name for p in RULES.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert {m.fee_tables for m in R.marketplaces().values() if m.fee_tables} == folders == {"us"}


# ----------------------------------------------------------------------------------------------
# The loader's grammar: bad tables are refused with every problem listed
# ----------------------------------------------------------------------------------------------


FULFILMENT_HEADER = ",".join(T.FulfilmentRow.model_fields)
GOOD_ROW = "2026-01-15,,US,under_10,non_apparel,small_standard,unit_weight,0,2,oz,2.43,,,,,S2,SRC_US_2026_CARD"


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "us_fba_fulfilment_test.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_good_row_loads(tmp_path):
    (row,) = T.read_rows(_write(tmp_path, f"{FULFILMENT_HEADER}\n{GOOD_ROW}\n"), T.FulfilmentRow)
    assert (row.fee_usd, row.band_max_lb, row.production) == (2.43, 0.125, True)


@pytest.mark.parametrize("header,row,needle", [
    (FULFILMENT_HEADER + ",extra", GOOD_ROW + ",x", "unknown ['extra']"),
    (FULFILMENT_HEADER, GOOD_ROW.replace("2026-01-15", "15.01.2026"), "effective_from"),
    (FULFILMENT_HEADER, GOOD_ROW.replace("2.43", "-1"), "fee_usd"),
    (FULFILMENT_HEADER, GOOD_ROW.replace("under_10", "cheap"), "price band 'cheap'"),
    (FULFILMENT_HEADER, GOOD_ROW.replace(",S2,", ",maybe,"), "verification"),
    (FULFILMENT_HEADER, GOOD_ROW.replace("SRC_US_2026_CARD", "a blog"), "source"),
    (FULFILMENT_HEADER, GOOD_ROW.replace("2.43,,,,,", "2.43,0.08,,,,"), "go together"),
    (FULFILMENT_HEADER, GOOD_ROW.replace(",0,2,oz,", ",2,2,oz,"), "above band_min_excl"),
    (FULFILMENT_HEADER, GOOD_ROW + ",surplus", "more cells than columns"),
])
def test_a_bad_table_is_refused(tmp_path, header, row, needle):
    with pytest.raises(T.RuleTableError) as e:
        T.read_rows(_write(tmp_path, f"{header}\n{row}\n{row}\n"), T.FulfilmentRow)
    assert e.value.code == Code.INTERNAL and needle in e.value.detail
    assert "line 3" in e.value.detail or "columns" in e.value.detail  # every bad line is reported


def test_unknown_source_keys_are_refused(tmp_path):
    rows = T.read_rows(_write(tmp_path, f"{FULFILMENT_HEADER}\n{GOOD_ROW.replace('SRC_US_2026_CARD', 'SRC_NOPE')}\n"),
                       T.FulfilmentRow)
    with pytest.raises(T.RuleTableError, match="SRC_NOPE"):
        T.check_sources(rows, "test")


@pytest.mark.parametrize("token,start,end", [
    ("2024-04-01", day("2024-04-01"), day("2024-04-01")),
    ("in_force_before_2024-04-01", None, ValueError),
    ("on_or_before_2024-01-15", None, ValueError),
    ("still_in_force_2026 (S2: no US referral changes in 2025 or 2026)", ValueError, None),
    ("superseded_2024_date_unverified", ValueError, day("2023-12-31")),
    ("", None, None),
    ("soon", ValueError, ValueError),
])
def test_date_tokens(token, start, end):
    for parse, expected in ((T._from_token, start), (T._to_token, end)):
        value = token or None
        if expected is ValueError:
            with pytest.raises(ValueError):
                parse(value)
        else:
            assert parse(value) == expected


def test_referral_row_rules():
    base = dict(in_force_since="2024-01-15", in_force_until="", category="X", rate_pct="15", threshold_usd="",
                rate_pct_above_threshold="", second_threshold_usd="", rate_pct_above_second="",
                third_threshold_usd="", rate_pct_above_third="", method="flat", min_fee_usd="0.30",
                closing_fee_usd="", verification="S2", source="SRC_SELLERKIT_REFERRAL", notes="")
    assert T.ReferralRow.model_validate(base).rates == (0.15,)
    for bad in (dict(method="marginal_portion"), dict(threshold_usd="100"),
                dict(method="marginal_portion", threshold_usd="100", rate_pct_above_threshold="8",
                     second_threshold_usd="50", rate_pct_above_second="5"),
                dict(method="marginal_portion", second_threshold_usd="50", rate_pct_above_second="5")):
        with pytest.raises(ValueError):
            T.ReferralRow.model_validate({**base, **bad})
    unverified = T.ReferralRow.model_validate({**base, "method": "whole_price_threshold (UNVERIFIED method)",
                                               "threshold_usd": "500", "rate_pct_above_threshold": "8"})
    assert not unverified.production


# ----------------------------------------------------------------------------------------------
# Snapshot: a grid of computed fees, committed so that any rule change is a reviewable diff
# ----------------------------------------------------------------------------------------------

ITEMS = {  # name: (length, width, height, weight lb)
    "phone case 7x4x0.6 3oz": (7, 4, 0.6, 0.1875),
    "flat 15x12x0.75 15oz": (15, 12, 0.75, 0.9375),
    "book 9x6x1 1lb": (9, 6, 1, 1.0),
    "box 10x8x4 1.1lb": (10, 8, 4, 1.1),
    "box 14x10x6 4.2lb": (14, 10, 6, 4.2),
    "box 18x14x8 19lb": (18, 14, 8, 19.0),
    "bulky 20x10x4 7.5lb": (20, 10, 4, 7.5),
    "bulky 45x10x4 5lb": (45, 10, 4, 5.0),
    "pole 50x1x1 1lb": (50, 1, 1, 1.0),
    "xl 70x10x10 65.5lb": (70, 10, 10, 65.5),
    "xl 30x20x20 80lb": (30, 20, 20, 80.0),
    "xl 60x30x20 40lb": (60, 30, 20, 40.0),
    "xl 40x30x30 160lb": (40, 30, 30, 160.0),
}
DATES = ["2024-02-05", "2024-04-15", "2025-11-01", "2026-01-14", "2026-01-15", "2026-04-16", "2026-04-17"]
PRICES = ["", "5", "9.99", "10", "50", "50.01"]
REFERRAL_PRICES = ["1", "10", "15", "20", "150", "300", "2000", "6000"]


def snapshot_text() -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["function", "as_of", "inputs", "result"])
    cell = lambda c: "" if c.errors is None or c.errors[0] == 0 else f"#{Code(int(c.errors[0])).name}"  # noqa: E731
    for d in DATES:
        for name, (L, W, H, wt) in ITEMS.items():
            tier = F.size_tier(L, W, H, wt, "US", day(d))
            w.writerow(["SIZE_TIER", d, name, cell(tier) or tier.values[0]])
            for p in PRICES:
                fee = F.fba_fee(L, W, H, wt, float(p) if p else np.nan, "US", day(d))
                w.writerow(["FBA_FEE", d, f"{name} @ {p or 'blank'}", cell(fee) or f"{fee.values[0]:.2f}"])
            st = F.storage_fee(L, W, H, wt, 1, "US", day(d))
            w.writerow(["STORAGE_FEE", d, name, cell(st) or f"{st.values[0]:.6f}"])
    for d in ("2024-01-14", "2026-01-15"):
        for cat in R.rules_for("US").categories():
            for p in REFERRAL_PRICES:
                fee = F.referral_fee(float(p), cat, "US", day(d))
                w.writerow(["REFERRAL_FEE", d, f"{cat} @ {p}", cell(fee) or f"{fee.values[0]:.2f}"])
    return out.getvalue()


def test_snapshot_of_computed_fees():
    text = snapshot_text()
    if os.environ.get("XLADDIN_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.read_text(encoding="utf-8") == text, (
        "computed fees changed: review, then XLADDIN_UPDATE_SNAPSHOTS=1 pytest tests/test_rules_tables.py -k snapshot")
