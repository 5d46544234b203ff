"""Last quarter's review workbook as an import: LastQuarter equals the first workbook's SkuReview (read here
with openpyxl), re-import replaces, wrong sources are refused with their codes, and QuarterCompare's deltas
equal plain subtractions of the two workbooks' review values."""

import datetime as dt
import itertools
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.workbooks import test_quarterly as tq
from xladdin.cli import cli
from xladdin.errors import Code, InputError
from xladdin.workbooks import refresh_book
from xladdin.workbooks.builder import build_workbook, save_workbook
from xladdin.workbooks.host import OpenpyxlHost
from xladdin.workbooks.importer import import_reports
from xladdin.workbooks.quarterly_analysis import abc_classes
from xladdin.workbooks.quarterly_compare import compare, last_quarter_rows
from xladdin.workbooks.registry import get_template

CARRIED = ("sku", "decision", "contribution_share", "revenue", "gross_margin", "units")


def _values(path: Path, table: str) -> list[dict]:
    wb = load_workbook(path)
    ws = next(ws for ws in wb.worksheets if table in ws.tables)
    return [{k: c.value for k, c in r.items()} for r in tq._rows(ws, table)]


def _new(path: Path, kind: str = "quarterly") -> Path:
    save_workbook(build_workbook(get_template(kind)), path, backup=False)
    return path


@pytest.fixture
def last_q(tmp_path) -> Path:
    """A refreshed Q3 review (the end-to-end data of test_quarterly)."""
    book = _new(tmp_path / "review-2026Q3.xlsx")
    (tmp_path / "q3").mkdir()
    tq._fill(book, tmp_path / "q3")
    tq._refresh(book)
    return book


def test_import_fills_last_quarter_with_the_review_and_replaces(last_q, tmp_path):
    review = _values(last_q, "SkuReview")
    book = _new(tmp_path / "review-2026Q4.xlsx")
    host = OpenpyxlHost.open(book)
    before = dt.datetime.now().replace(microsecond=0)
    (res,) = import_reports(host, [last_q])
    after = dt.datetime.now()
    assert (res.family, res.table, res.rows, res.replaced_rows) == ("xladdin_quarterly_review", "LastQuarter",
                                                                    len(review), 0)
    assert (res.date_from, res.date_to) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))  # overlap report not used
    # A hand-pasted row stays through a re-import.
    lq = host.read_table("LastQuarter")
    hand = pd.DataFrame([{"sku": "HAND-1", "decision": "CUT"}])
    host.write_table("LastQuarter", pd.concat([hand, lq.astype(object)], ignore_index=True))
    host.save()

    r = CliRunner().invoke(cli, ["import", str(book), str(last_q)])
    assert r.exit_code == 0, r.output
    assert f"xladdin_quarterly_review -> LastQuarter: {len(review)} rows" in r.output
    assert f"replaced {len(review)}" in r.output
    got = _values(book, "LastQuarter")
    assert [g["sku"] for g in got] == ["HAND-1"] + [x["sku"] for x in review]
    for g, x in zip(got[1:], review):
        for k in CARRIED:
            assert g[k] == (pytest.approx(x[k]) if isinstance(x[k], float) else x[k]), (x["sku"], k)
        assert g["import_id"] == 2
    log = _values(book, "Imports")
    assert [(e["import_id"], e["family"], e["file_name"]) for e in log] == [(2, "xladdin_quarterly_review",
                                                                            last_q.name)]
    assert (log[0]["date_from"].date(), log[0]["date_to"].date()) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert isinstance(log[0]["imported_at"], dt.datetime) and before <= log[0]["imported_at"] <= after + \
        dt.timedelta(seconds=60)


def test_refused_sources_raise_their_codes(last_q, tmp_path):
    book = _new(tmp_path / "q4.xlsx")
    never = _new(tmp_path / "never-refreshed.xlsx")
    ads = _new(tmp_path / "ads.xlsx", "ads")
    host = OpenpyxlHost.open(book)
    cases = [(ads, Code.UNKNOWN_TABLE, "ads workbook"), (never, Code.NO_DATA, "refresh that workbook first"),
             (book, Code.BAD_CHOICE, "imported into")]
    for src, code, text in cases:
        with pytest.raises(InputError) as e:
            import_reports(host, [src])
        assert e.value.code == code and text in str(e.value), src
    # The same file under another name (a copy is fine; the book itself is not).
    shutil.copy(last_q, tmp_path / "copy.xlsx")
    assert import_reports(host, [tmp_path / "copy.xlsx"])[0].table == "LastQuarter"
    # A quarterly review into a workbook without a LastQuarter table: the tables it takes are named.
    with pytest.raises(InputError) as e:
        import_reports(OpenpyxlHost.open(ads), [last_q])
    assert e.value.code == Code.UNKNOWN_TABLE and "xladdin_quarterly_review has no input table" in str(e.value)
    # Through the CLI: a bilingual message, exit code 2, the workbook unchanged.
    data = ads.read_bytes()
    r = CliRunner().invoke(cli, ["import", str(ads), str(ads)])
    assert r.exit_code == 2 and "[BAD_CHOICE]" in r.output and "不能把工作簿导入自身" in r.output
    assert ads.read_bytes() == data


def _q4_reports(folder: Path) -> list[Path]:
    """Q4: CUT-1 gone (stopped selling), BIG-1 doubled, the rest as in Q3."""
    folder.mkdir()
    skus = dict(tq.SKUS)
    del skus["CUT-1"]
    skus["BIG-1"] = skus["BIG-1"][:3] + (200,) + skus["BIG-1"][4:]
    months = ((dt.date(2026, 10, 1), dt.date(2026, 10, 31)), (dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
              (dt.date(2026, 12, 1), dt.date(2026, 12, 31)))
    orig = tq.SKUS
    try:
        tq.SKUS = skus
        return [tq._br(folder / f"BusinessReport-{d0:%Y%m%d}-{d1:%Y%m%d}.csv", 1) for d0, d1 in months]
    finally:
        tq.SKUS = orig


def test_compare_with_last_quarter(last_q, tmp_path):
    book = _new(tmp_path / "q4.xlsx")
    host = OpenpyxlHost.open(book)
    import_reports(host, [*_q4_reports(tmp_path / "q4"), last_q])
    host.write_table("SkuCosts", pd.DataFrame([{"sku": s, "category": v[7], "cogs": v[5], "fees": v[6]}
                                               for s, v in tq.SKUS.items() if v[5] is not None]))
    refresh_book(host)
    host.save()
    before = {r["sku"]: r for r in _values(last_q, "SkuReview")}
    now = {r["sku"]: r for r in _values(book, "SkuReview")}
    comp = {r["sku"]: r for r in _values(book, "QuarterCompare")}
    assert set(comp) == set(before) | set(now)
    assert before["CUT-1"]["decision"] == "CUT" and "CUT-1" not in now
    c = comp["CUT-1"]
    assert (c["cut_stopped"], c["revenue"], c["units"]) == ("Y", 0, 0) and "stopped selling" in c["comment"]
    assert c["revenue_change"] == pytest.approx(-before["CUT-1"]["revenue"])
    for sku, b in now.items():
        c, a = comp[sku], before[sku]
        assert c["last_decision"] == a["decision"] and c["decision"] == b["decision"]
        assert c["decision_changed"] == ((a["decision"] != b["decision"] and "Y" or "N")
                                         if a["decision"] and b["decision"] else None)
        assert c["revenue_change"] == pytest.approx(b["revenue"] - a["revenue"])
        assert c["contribution_change"] == pytest.approx(b["contribution_share"] - a["contribution_share"])
        if a["gross_margin"] is not None and b["gross_margin"] is not None:
            assert c["margin_change"] == pytest.approx(b["gross_margin"] - a["gross_margin"])
        else:
            assert c["margin_change"] is None
        assert c["cut_stopped"] is None  # none of them was CUT
    assert comp["BIG-1"]["revenue_change"] == pytest.approx(3 * 100 * 30.0)  # 100 more units a month at $30
    # The workbook's own SkuReview takes last quarter's decisions from the import.
    assert now["BIG-1"]["last_decision"] == before["BIG-1"]["decision"]
    wb = load_workbook(book)
    assert tq._kpi(wb, "kpi_cut_still_selling") == 0


def test_compare_rules_on_hand_made_rows():
    review = pd.DataFrame([
        {"sku": "STILL", "decision": "CUT", "revenue": 50.0, "contribution_share": 0.05, "gross_margin": 0.1,
         "units": 5},
        {"sku": "NEW", "decision": "KEEP", "revenue": 950.0, "contribution_share": 0.95, "gross_margin": 0.3,
         "units": 40}])
    last = pd.DataFrame([
        {"sku": "STILL", "decision": "淘汰"},  # pasted by hand, in Chinese, nothing else
        {"sku": "GONE", "decision": "keep", "revenue": 10.0, "contribution_share": 0.01, "gross_margin": 0.2},
        {"sku": "GONE", "decision": "FIX"}, {"sku": "ODD", "decision": "MAYBE"}])
    problems: list[dict] = []
    rows = last_quarter_rows(last, problems)
    assert list(rows["decision"]) == ["CUT", "KEEP", None]
    assert {(p["sku"], p["code"]) for p in problems} == {("GONE", "DUPLICATE_SKU"), ("ODD", "BAD_DECISION")}
    comp = compare(review, last).set_index("sku")
    assert list(comp.index) == ["NEW", "STILL", "GONE", "ODD"]
    assert comp.loc["STILL", "cut_stopped"] == "N" and "still selling: 5 units" in comp.loc["STILL", "comment"]
    assert comp.loc["STILL", "revenue_change"] is None  # last quarter's revenue was not given
    assert comp.loc["GONE", "revenue_change"] == -10.0 and comp.loc["GONE", "decision_changed"] is None
    assert comp.loc["GONE", "cut_stopped"] is None and "no sales" in comp.loc["GONE", "comment"]
    assert comp.loc["NEW", "last_decision"] is None and "new this quarter" in comp.loc["NEW", "comment"]
    # No review this quarter (nothing imported yet): nothing is claimed to have stopped.
    assert compare(review.iloc[0:0], last).empty


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=30),
       st.floats(0.01, 1), st.floats(0.01, 1))
def test_abc_classes_are_ordered_and_grow_with_the_cut_offs(revenue, a, b):
    a, b = min(a, b), max(a, b)
    r = pd.Series(sorted(revenue, reverse=True)).to_numpy()
    _, cls = abc_classes(r, a, b)
    rank = {"A": 0, "B": 1, "C": 2}
    assert all(rank[x] <= rank[y] for x, y in itertools.pairwise(cls))  # down the ranking never back to A
    _, wider = abc_classes(r, min(1.0, a + 0.1), min(1.0, b + 0.1))
    assert sum(c == "A" for c in wider) >= sum(c == "A" for c in cls)
    assert sum(c != "C" for c in wider) >= sum(c != "C" for c in cls)


def test_abc_cut_offs_come_from_the_settings_sheet(last_q):
    host = OpenpyxlHost.open(last_q)
    host.write_settings({"abc_a_share": 0.5, "abc_b_share": 0.6})
    refresh_book(host)
    host.save()
    got = _values(last_q, "SkuReview")
    total = sum(r["revenue"] for r in got)
    above = 0.0
    for r in got:  # by hand: the share ranked above the SKU against 50 % / 60 %
        assert r["abc_class"] == ("A" if above / total < 0.5 else "B" if above / total < 0.6 else "C"), r["sku"]
        above += r["revenue"]
    host = OpenpyxlHost.open(last_q)
    with pytest.raises(Exception, match="abc_b_share"):
        host.write_settings({"abc_a_share": 0.9, "abc_b_share": 0.8})
