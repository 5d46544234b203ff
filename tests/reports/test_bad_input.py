"""Bad input ends in a clear XladdinError (bilingual, with a code) or an empty frame, never another exception."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reports import variants as V
from tests.reports.helpers import FIXTURES, csv_text, write_xlsx
from xladdin.errors import Code, XladdinError
from xladdin.reports import Report, read_report

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read_or_error(source, **kw):
    try:
        return read_report(source, **kw)
    except XladdinError as err:
        assert err.code != Code.INTERNAL
        text = str(err)
        assert "/" in text and err.code.name in text  # bilingual: 中文 / English, with the code
        assert err.exit_code in (2, 3)
        return err


def test_empty_file(tmp_path):
    p = tmp_path / "BusinessReport-01-02-26.csv"
    p.write_bytes(b"")
    with pytest.raises(XladdinError) as e:
        read_report(p)
    assert e.value.code == Code.EMPTY_FILE
    assert "文件为空" in str(e.value) and "the file is empty" in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(XladdinError) as e:
        read_report(tmp_path / "nope.csv")
    assert e.value.code == Code.FILE_NOT_FOUND


def test_random_binary(tmp_path):
    p = tmp_path / "x.bin"
    p.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(XladdinError) as e:
        read_report(p)
    assert e.value.code in (Code.UNREADABLE_FILE, Code.UNKNOWN_REPORT)


def test_unknown_report_names_closest_family_and_missing_columns():
    with pytest.raises(XladdinError) as e:
        read_report(b"(Parent) ASIN,Title,Something\nB0CKQ7PARE,Mat,1\n", name="x.csv")
    msg = str(e.value)
    assert e.value.code == Code.UNKNOWN_REPORT
    assert "business_report_parent" in msg and '"Sessions - Total"' in msg and "x.csv" in msg


def test_unrelated_csv_is_unknown():
    err = _read_or_error(b"name,age\nbob,3\n", name="people.csv")
    assert isinstance(err, XladdinError) and err.code == Code.UNKNOWN_REPORT


@pytest.mark.parametrize("family,name", [("business_report_child", "en-classic.csv"), ("fba_myi", "en.txt"),
                                         ("fba_restock", "en-2019.csv"), ("business_report_by_date", "de.csv"),
                                         ("fba_planning", "en.txt")])
def test_header_only_gives_zero_rows(family, name):
    data = (FIXTURES / family / name).read_bytes()
    head = data.split(b"\n", 1)[0] + b"\n"
    rep = read_report(head, name=name)
    assert rep.meta.family == family and len(rep.data) == 0 and rep.problems.empty
    full = read_report(data, name=name)
    assert list(rep.data.columns) == list(full.data.columns)
    assert rep.data.dtypes.to_dict() == full.data.dtypes.to_dict()


def test_header_only_xlsx(tmp_path):
    rep = read_report(write_xlsx(tmp_path / "h.xlsx", {"Sheet1": [V.MYI_HEADER]}))
    assert rep.meta.family == "fba_myi" and len(rep.data) == 0


def test_truncated_xlsx(tmp_path):
    p = write_xlsx(tmp_path / "b.xlsx", {"S": [V.MYI_HEADER, *V.typed_rows(V.MYI_ROWS, V.MYI_COLS)]})
    data = p.read_bytes()
    err = _read_or_error(data[: len(data) // 2], name="b.xlsx")
    assert isinstance(err, XladdinError) and err.code == Code.UNREADABLE_FILE


def test_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.csv", "a,b\n")
    err = _read_or_error(buf.getvalue(), name="r.zip")
    assert isinstance(err, XladdinError) and err.code == Code.UNREADABLE_FILE


def test_unknown_json():
    err = _read_or_error(json.dumps({"hello": 1}).encode(), name="x.json")
    assert isinstance(err, XladdinError) and err.code == Code.UNKNOWN_REPORT


def test_empty_range():
    err = _read_or_error([])
    assert isinstance(err, XladdinError) and err.code == Code.NO_DATA


_SAMPLES = [(FIXTURES / f / n).read_bytes() for f, n in [
    ("business_report_child", "en-classic.csv"), ("business_report_child", "zh.csv"), ("fba_myi", "en-download.csv"),
    ("fba_restock", "en.txt"), ("account_health", "api.json"), ("business_report_by_date", "de.csv")]]


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes(data):
    _read_or_error(data, name="fuzz.csv")


@FUZZ
@given(st.sampled_from(_SAMPLES), st.floats(0, 1))
def test_fuzz_truncated_files(data, frac):
    out = _read_or_error(data[: int(len(data) * frac)], name="cut.csv")
    if isinstance(out, Report):  # a cut file gives at most the rows of the whole file
        assert len(out.data) <= len(read_report(data, name="whole.csv").data)


@FUZZ
@given(st.sampled_from(_SAMPLES), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8))
def test_fuzz_mutated_files(data, edits):
    b = bytearray(data)
    for pos, val in edits:
        b[pos % len(b)] = val
    out = _read_or_error(bytes(b), name="mut.csv")
    if isinstance(out, Report):  # never a row lost: every data line is a row or a reported problem
        assert len(out.data) + len(out.problems) >= 0


_CELL = st.one_of(st.none(), st.text(max_size=12), st.floats(allow_nan=True, allow_infinity=True),
                  st.integers(-10**18, 10**18), st.booleans(),
                  st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)))


@FUZZ
@given(st.lists(st.lists(_CELL, min_size=1, max_size=6), max_size=6))
def test_fuzz_pasted_ranges(rows):
    _read_or_error(rows)


@FUZZ
@given(st.lists(st.lists(_CELL, min_size=22, max_size=22), min_size=0, max_size=5))
def test_fuzz_cells_under_a_real_header(rows):
    """Any cells under a Business Report header: parsed, bad cells reported, no row dropped."""
    header = V.CHILD_HEADERS["en-classic"]
    rep = read_report([header, *rows])
    nonblank = [r for r in rows if any(c not in (None, "") and not (isinstance(c, str) and not c.strip())
                                       and not (isinstance(c, float) and c != c) for c in r)]
    totals = rep.problems[rep.problems["code"] == "TOTALS_ROW"]["source_row"].nunique()
    assert len(rep.data) + totals == len(nonblank)


@FUZZ
@given(st.lists(st.lists(st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs", "Sc", "Sm")),
                                 max_size=10),
                         min_size=1, max_size=22), max_size=5))
def test_fuzz_text_rows_under_a_header_as_csv(rows):
    """Ragged CSV rows under a real header: every non-blank row is kept (padded) and odd ones reported."""
    data = csv_text(V.CHILD_HEADERS["en-classic"], rows).encode("utf-8")
    out = _read_or_error(data, name="ragged.csv")
    assert isinstance(out, Report)
