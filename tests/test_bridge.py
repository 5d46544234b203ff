"""Cells in, spilled arrays out: how every worksheet function sees xlwings' arguments."""

import datetime as dt

import numpy as np

from xladdin.core.computed import Computed
from xladdin.worksheet.bridge import Date, Flag, Num, Text, Whole, evaluate


def add(a, b):
    return Computed(a + b)


def test_scalars_give_a_scalar():
    assert evaluate(add, a=Num(1), b=Num("$2.50")) == 3.5


def test_column_keeps_its_shape_and_broadcasts_a_scalar():
    assert evaluate(add, a=Num([[1], [2], [3]]), b=Num(10)) == [[11.0], [12.0], [13.0]]


def test_row_and_single_cell_range():
    assert evaluate(add, a=Num([[1, 2, 3]]), b=Num([[1]])) == [[2.0, 3.0, 4.0]]
    assert evaluate(add, a=Num([[1]]), b=Num([[2]])) == 3.0  # what xlwings passes with ndim=2 for one cell


def test_row_times_column_broadcasts_like_excel():
    assert evaluate(add, a=Num([[1, 2]]), b=Num([[10], [20]])) == [[11.0, 12.0], [21.0, 22.0]]


def test_mismatched_ranges_are_one_clear_error():
    assert evaluate(add, a=Num([[1], [2], [3]]), b=Num([[1], [2]])) == "#VALUE! SHAPE_MISMATCH"


def test_bad_elements_are_errors_in_place_and_all_blank_rows_stay_empty():
    out = evaluate(add, a=Num([[1], ["x"], [None], [None]]), b=Num([[1], [1], [None], [2]]))
    assert out == [[2.0], ["#VALUE! NOT_A_NUMBER"], [""], [2.0]]  # blank counts as 0 as in Excel


def test_optional_default_fills_blanks_and_omitted():
    assert evaluate(add, a=Num(1), b=Num(None, 5)) == 6.0
    assert evaluate(add, a=Num([[1], [2]]), b=Num([[None], [1]], 5)) == [[6.0], [3.0]]


def test_text_dates_flags_and_whole_ranges():
    def f(t, d, flag, kw):
        return Computed(np.array([f"{x}|{y}|{z}|{len(kw)}" for x, y, z in zip(t, d, flag)], dtype=object))

    out = evaluate(f, t=Text([[12.0], ["a"]]), d=Date([[dt.datetime(2026, 1, 15)], ["15.01.2026"]]),
                   flag=Flag([["是"], [False]]), kw=Whole([["x"], [None], ["y"]]))
    assert out == [["12|2026-01-15|True|2"], ["a|2026-01-15|False|2"]]


def test_bad_date_and_flag():
    def f(d, flag):
        return Computed(np.zeros(len(d)))

    out = evaluate(f, d=Date([["2026-13-45"], ["2026-01-01"]]), flag=Flag([[True], ["maybe"]]))
    assert out == [["#VALUE! NOT_A_DATE"], ["#VALUE! BAD_CHOICE"]]


def test_dates_are_returned_as_dates():
    def f(d):
        return Computed(d + np.timedelta64(1, "D"))

    assert evaluate(f, d=Date(45672.0)) == dt.date(2025, 1, 16)  # Excel serial 45672 = 2025-01-15


def test_unexpected_exception_never_reaches_the_cell(tmp_path, monkeypatch):
    def boom(a):
        raise RuntimeError("secret traceback text")

    out = evaluate(boom, a=Num(1))
    assert out == "#VALUE! INTERNAL"
    from xladdin.logs import log_path

    assert "secret traceback text" in log_path().read_text(encoding="utf-8")


def test_aggregate_result_is_a_scalar():
    def total(v):
        return Computed(np.float64(v.sum()))

    assert evaluate(total, v=Whole([[1], ["2"], [None]], kind="num")) == 3.0


def test_blank_rows_stay_blank_when_other_arguments_are_single_cells():
    assert evaluate(add, a=Num([[1], [None], [2]]), b=Num(45)) == [[46.0], [""], [47.0]]
