"""Property tests for the advertising and third-party families (hypothesis).

Shuffled columns, re-cased and re-spaced headers, dropped optional columns, junk and ragged rows, random
header rows and random bytes: the result is a report whose surviving columns hold exactly the expected
values, or a clear XladdinError; never another exception.

Runs are derandomized (the same examples every time, so CI is stable).  Explore further with
``XLADDIN_FUZZ_EXAMPLES=2000 python -m pytest tests/reports/test_ads_fuzz.py`` (random examples).
"""

from __future__ import annotations

import csv
import os

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reports import ads_data as D
from tests.reports import make_ads_fixtures as F
from tests.reports.helpers import csv_text
from xladdin.errors import XladdinError
from xladdin.reports import families, read_report

SETTINGS = settings(max_examples=int(os.environ.get("XLADDIN_FUZZ_EXAMPLES", "60")), deadline=None,
                    derandomize="XLADDIN_FUZZ_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow])
EXPECTED = D.st_expected("USD")
HEADER = D.HEADER_ST_EN
ROWS = D.st_csv_rows("en", "$", "USD")
CANON = dict(zip(HEADER, D.ST_ORDER))
SIGNATURE = {"Customer Search Term", "Impressions", "Campaign Name"}
CORE = {"start_date", "end_date", "portfolio", "campaign_name", "ad_group_name", "targeting", "match_type",
        "search_term", "impressions", "clicks", "spend", "sales", "orders", "units", "advertised_sku_sales",
        "other_sku_sales"}


def recase(s: str, how: str) -> str:
    return {"upper": s.upper(), "lower": s.lower(), "title": s.title(), "pad": f"  {s}  ", "same": s}[how]


@st.composite
def mangled_header(draw):
    n = len(HEADER)
    optional = [i for i, h in enumerate(HEADER) if h not in SIGNATURE]
    drop = draw(st.sets(st.sampled_from(optional), max_size=len(optional) - 1))
    keep = [i for i in range(n) if i not in drop]
    order = draw(st.permutations(keep))
    hows = draw(st.lists(st.sampled_from(["upper", "lower", "title", "pad", "same"]), min_size=n, max_size=n))
    return list(order), hows


def _check_values(rep, kept_canon):
    assert rep.meta.family == "sp_search_term"
    assert rep.meta.rows == len(ROWS)
    for c in D.ST_ORDER:
        if c in kept_canon:
            pd.testing.assert_series_equal(rep.data[c], EXPECTED[c], check_names=False, check_exact=False, rtol=1e-12)
        elif c in CORE:
            assert rep.data[c].isna().all(), c
            assert c in rep.meta.missing
        else:
            assert c not in rep.data.columns


@SETTINGS
@given(mangled_header(), st.sampled_from(["csv", "range"]))
def test_shuffled_recased_and_dropped_columns(spec, fmt):
    order, hows = spec
    header = [recase(HEADER[i], hows[i]) for i in order]
    rows = [[r[i] for i in order] for r in ROWS]
    src = csv_text(header, rows).encode() if fmt == "csv" else [header, *rows]
    rep = read_report(src, name="st.csv")
    _check_values(rep, {CANON[HEADER[i]] for i in order})


# A lone "\r" inside a quoted CSV field splits the row in today's reader (REQUESTS.md item 5), and a lone UTF-16
# surrogate in a pasted cell raises UnicodeEncodeError (item 7): both are kept out of the random text and pinned
# by their own tests below.  (A CSV file cannot hold a surrogate at all.)
junk_cell = st.one_of(st.text(st.characters(blacklist_characters="\r", blacklist_categories=("Cs",)), max_size=12),
                      st.sampled_from(["", "-", "--", "—", "N/A", "Total", "合计", "=1+1", "1e308", "NaN", "$", "%",
                                       "1,2,3", "<5%"]))


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(ROWS)), st.lists(junk_cell, max_size=len(HEADER) + 3)),
                max_size=6), st.sampled_from(["csv", "range"]))
def test_junk_and_ragged_rows_never_crash(junk, fmt):
    body = [list(r) for r in ROWS]
    for pos, cells in sorted(junk, key=lambda t: -t[0]):
        body.insert(pos, cells)
    try:
        src = csv_text(HEADER, body).encode() if fmt == "csv" else [HEADER, *body]
        rep = read_report(src, name="st.csv")
    except XladdinError:
        return
    assert rep.meta.family == "sp_search_term"
    assert len(rep.data) <= len(ROWS) + len(junk)
    # every original row is still there, with its values (junk rows only add rows and problems)
    d = rep.data
    want = EXPECTED.assign(_k=EXPECTED["search_term"] + "|" + EXPECTED["campaign_name"])
    got = d[d["search_term"].notna() & d["campaign_name"].notna()]
    got = got.assign(_k=got["search_term"] + "|" + got["campaign_name"])
    for _, row in want.iterrows():
        same = (got["_k"] == row["_k"]) & (got["spend"] == row["spend"])
        hits = got[same & (got["impressions"] == row["impressions"])]
        assert len(hits) >= 1, row["_k"]
    assert set(rep.problems["code"]) <= {"NOT_A_NUMBER", "NOT_A_DATE", "TOTALS_ROW", "RAGGED_ROW", "ID_ROUNDED"}


KNOWN_HEADERS = sorted({a for f in families() for c in f.columns for spell in c.aliases.values() for a in spell})


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(KNOWN_HEADERS),
                          st.text(st.characters(blacklist_categories=("Cs",)), max_size=15)), min_size=1, max_size=30),
       st.lists(st.lists(junk_cell, max_size=30), max_size=5))
def test_random_headers_give_a_report_or_a_clear_error(header, rows):
    try:
        rep = read_report([header, *rows], name="x.csv")
    except XladdinError as e:
        assert e.code.name in {"UNKNOWN_REPORT", "AMBIGUOUS_REPORT", "EMPTY_FILE", "NO_DATA", "UNREADABLE_FILE"}
        if e.code.name == "UNKNOWN_REPORT":
            assert "closest family" in e.detail or "no known report header" in e.detail
        return
    assert rep.meta.family in {f.name for f in families()}
    assert list(rep.problems.columns) == ["row", "source_row", "column", "source_column", "value", "code", "reason"]


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_give_a_clear_error(data):
    try:
        read_report(data, name="x.csv")
    except XladdinError:
        pass


@SETTINGS
@given(st.sampled_from([
    ("helium10_cerebro", F.HEADER_CEREBRO, F.CEREBRO_ROWS, {"Keyword Phrase", "Cerebro IQ Score"}),
    ("helium10_xray", F.HEADER_XRAY, F.XRAY_ROWS, {"ASIN", "BSR", "Review Count", "ASIN Revenue", "Display Order"}),
    ("keepa_products", F.HEADER_KEEPA, F.KEEPA_ROWS, {"ASIN", "Sales Rank: Current"}),
    ("helium10_magnet", F.HEADER_MAGNET, F.MAGNET_ROWS, {"Keyword Phrase", "Magnet IQ Score"}),
    ("sellersprite_keywords", F.HEADER_SS_ZH, F.SS_ZH_ROWS, {"关键词", "SPR", "标题密度"}),
]), st.randoms(use_true_random=False))
def test_thirdparty_shuffled_and_recased(case, rnd):
    family, header, rows, sig = case
    base = read_report([header, *rows])
    n = len(header)
    order = list(range(n))
    rnd.shuffle(order)
    drop = {i for i in order if header[i] not in sig and rnd.random() < 0.3}
    order = [i for i in order if i not in drop]
    hdr = [recase(header[i], rnd.choice(["upper", "lower", "title", "pad", "same"])) for i in order]
    rep = read_report([hdr, *[[r[i] for i in order] for r in rows]])
    assert rep.meta.family == base.meta.family == family
    for c in rep.data.columns:
        if c in rep.meta.columns:
            pd.testing.assert_series_equal(rep.data[c], base.data[c], check_names=False)


def test_quoted_carriage_return_stays_in_its_cell():
    row = list(ROWS[0])
    row[2] = "Küche\rHaushalt"
    # QUOTE_ALL: with a "\n" line terminator Python's csv writer would leave a lone CR unquoted.
    rep = read_report(csv_text(HEADER, [row], quoting=csv.QUOTE_ALL).encode(), name="st.csv")
    assert rep.meta.rows == 1 and rep.data["portfolio"].tolist() == ["Küche\rHaushalt"]


def test_lone_surrogate_in_a_pasted_cell_is_a_problem_not_a_crash():
    body = [list(r) for r in ROWS]
    body[0][2] = "Küche \ud83d"  # half of an emoji, as LEFT() on an emoji leaves in Excel
    try:
        rep = read_report([HEADER, *body])
    except XladdinError:
        return
    assert rep.meta.rows == len(ROWS)
