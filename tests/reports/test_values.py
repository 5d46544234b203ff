"""Cell conversion per kind, dates, IDs, bounds, file-name dates, encodings."""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from tests.reports import variants as V
from tests.reports.helpers import csv_text
from xladdin.errors import Code
from xladdin.reports import read_report
from xladdin.reports import values as Vals


def _num(cells, kind, **kw):
    out = []
    for col in (pa.array(cells, pa.string()), np.array(cells, dtype=object)):
        conv = Vals.convert(col, kind, **kw)
        out.append((np.asarray(conv.values, dtype=float).tolist(), conv.errors.tolist()))
    assert str(out[0]) == str(out[1])  # text and typed paths agree
    return out[0]


def test_money_us_de_and_symbols():
    vals, err = _num(["$1,234.56", "US$15,368.85", "1.234,56 €", "£0.99", "₹75,565.26", "(12.50)", "--", ""], "money")
    assert vals[:6] == [1234.56, 15368.85, 1234.56, 0.99, 75565.26, -12.5]
    assert np.isnan(vals[6]) and np.isnan(vals[7]) and err == [0] * 8


def test_money_locale_hint_only_when_the_column_is_ambiguous():
    assert _num(["1.234", "2.500"], "money", decimal_hint=",")[0] == [1234.0, 2500.0]
    assert _num(["1.234", "2.5"], "money", decimal_hint=",")[0] == [1.234, 2.5]  # "2.5": the column shows "."
    assert _num(["1,234", "2,500"], "money", decimal_hint=".")[0] == [1234.0, 2500.0]


def test_counts_with_separators():
    vals, err = _num(["3,395", "1.045", "1 045", "12", "", "-"], "int")
    assert vals[:4] == [3395, 1045, 1045, 12] and err == [0] * 6
    vals, err = _num(["7.5", "abc"], "int")
    assert err == [Code.NOT_A_NUMBER, Code.NOT_A_NUMBER]


def test_percent_text_and_fractions():
    assert _num(["4.51%", "8,80 %", "99%", "1,550.00%"], "pct")[0] == pytest.approx([0.0451, 0.088, 0.99, 15.5])
    assert Vals.convert(np.array([0.0451, "4.51%"], dtype=object), "pct").values.tolist() == pytest.approx([0.0451] * 2)
    assert Vals.convert(pa.array(["7.69"]), "pct", pct_plain="percent").values.tolist() == pytest.approx([0.0769])


def test_bounds():
    conv = Vals.convert(pa.array(["365+", ">1,000", "<5%", "≥ 95%", "12"]), "float", bounds=True)
    assert conv.values.tolist() == pytest.approx([365, 1000, 0.05, 0.95, 12])
    assert conv.bound.tolist()[:4] == [">=", ">", "<", ">="] and conv.bound.isna()[4]


@pytest.mark.parametrize("cell,dayfirst,want", [
    ("09/01/26", False, dt.date(2026, 9, 1)), ("01/09/2026", True, dt.date(2026, 9, 1)),
    ("01.09.26", None, dt.date(2026, 9, 1)), ("2026-09-01", None, dt.date(2026, 9, 1)),
    ("2020-09-06T00:00Z", None, dt.date(2020, 9, 6)), ("20260109", None, dt.date(2026, 1, 9)),
    ("Sep 01, 2026", None, dt.date(2026, 9, 1)), ("Mar 10, 2025", None, dt.date(2025, 3, 10)),
    ("10. Mär 2025", None, dt.date(2025, 3, 10)), ("2026年9月1日", None, dt.date(2026, 9, 1)),
    (46266, None, dt.date(2026, 9, 1)), ("46266", None, dt.date(2026, 9, 1)),
    (dt.datetime(2026, 9, 1, 13, 5), None, dt.date(2026, 9, 1)),
])
def test_report_dates(cell, dayfirst, want):
    assert Vals.parse_report_date(cell, dayfirst) == want


def test_date_column_day_first_evidence_overrides_the_hint():
    conv = Vals.convert(pa.array(["01/09/2026", "13/09/2026", ""]), "date", dayfirst_hint=False)
    assert [str(x)[:10] for x in conv.values] == ["2026-09-01", "2026-09-13", "NaT"]
    conv = Vals.convert(pa.array(["soon"]), "date")
    assert conv.errors.tolist() == [Code.NOT_A_DATE]


def test_ids_stay_text():
    conv = Vals.convert(np.array([347066231335202.0, 12345678901234567.0, "B0CKQ7RD21", None, 42], dtype=object), "id")
    assert conv.values.tolist()[:3] == ["347066231335202", "12345678901234568", "B0CKQ7RD21"]
    assert conv.errors.tolist() == [0, Code.ID_ROUNDED, 0, 0, 0]
    conv = Vals.convert(pa.array(['="123456789012345"', "3.12846E+14", " 0042 "]), "id")
    assert conv.values.tolist() == ["123456789012345", "3.12846E+14", "0042"]
    assert conv.errors.tolist() == [0, Code.ID_ROUNDED, 0]
    assert Vals.convert(pa.array(["b0cxxxxxxx"]), "asin").values.tolist() == ["B0CXXXXXXX"]


def test_booleans():
    conv = Vals.convert(pa.array(["Yes", "no", "是", "Nein", "", "maybe"]), "bool")
    assert conv.values.tolist()[:4] == [True, False, True, False] and conv.errors.tolist()[5] == Code.BAD_CHOICE


@pytest.mark.parametrize("name,want", [
    ("BusinessReport-08-9-26.csv", (dt.date(2026, 8, 9),) * 2),
    ("BusinessReport-11-21-19.csv", (dt.date(2019, 11, 21),) * 2),
    ("BusinessReport-02.04.25.csv", (dt.date(2025, 4, 2),) * 2),
    ("bulk-a3snsjclchkfi8-20251126-20260125-1769384391526.xlsx", (dt.date(2025, 11, 26), dt.date(2026, 1, 25))),
    ("US_AMAZON_cerebro_B01J26DNWE_2025-11-10.csv", (dt.date(2025, 11, 10),) * 2),
    ("19490346112018329.csv", None), ("12.15restock inventory.csv", None),
])
def test_dates_from_file_names(name, want):
    assert Vals.dates_from_name(name) == want


def test_marketplace_and_currency_codes():
    assert [Vals.marketplace_code(x) for x in ("United States", "amazon.de", "uk", "美国", "ATVPDKIKX0DER", "x")] == [
        "US", "DE", "UK", "US", "US", None]
    assert [Vals.currency_code(x) for x in ("€", "usd", "US$", "??")] == ["EUR", "USD", "USD", None]


def test_cp936_euro_byte_in_a_chinese_csv():
    """Excel on Chinese Windows saves "ANSI" CSV as cp936, where 0x80 is €; GB18030 alone rejects it."""
    header = V.CHILD_HEADERS["zh"]
    rows = V.text_rows(V.BR_ROWS, V.BR22, "de-dot")
    text = csv_text(header, [[c.replace("\u00a0", " ").replace("Küchenhelfer", "Kuchenhelfer").replace("É", "E")
                              for c in r] for r in rows])
    data = text.replace("€", "\x00").encode("gbk").replace(b"\x00", b"\x80")
    rep = read_report(data, name="br.csv")
    assert rep.meta.encoding == "cp936" and rep.meta.language == "zh" and rep.meta.currency == "EUR"
    assert rep.data["ordered_sales"].tolist() == [5897.64, 17510.95, 1524.39]


def test_quoted_carriage_return_stays_in_its_cell():
    header, cols = V.MYI_HEADER, V.MYI_COLS
    rows = V.text_rows(V.MYI_ROWS, cols, "plain")
    rows[0][3] = "Utensils\rSet"
    rep = read_report(csv_text(header, rows, quoting=csv.QUOTE_ALL).encode(), name="m.csv")
    assert rep.data["product_name"].tolist()[0] == "Utensils\rSet" and rep.problems.empty


def test_lone_surrogate_in_a_pasted_cell():
    rows = V.text_rows(V.MYI_ROWS, V.MYI_COLS, "plain")
    rows[0][3] = "Küche \ud83d"
    rep = read_report([V.MYI_HEADER, *rows])
    assert rep.data["product_name"][0] == "Küche \ufffd"
    assert any("surrogate" in n for n in rep.meta.notes)


def test_utf16_without_bom_and_tab():
    text = csv_text(V.MYI_HEADER, V.text_rows(V.MYI_ROWS, V.MYI_COLS, "plain"), delimiter="\t")
    rep = read_report(text.encode("utf-16-le"), name="m.txt")
    assert rep.meta.encoding == "utf-16-le" and len(rep.data) == 2


def test_sales_and_traffic_json_by_asin():
    obj = {"reportSpecification": {"reportType": "GET_SALES_AND_TRAFFIC_REPORT"},
           "salesAndTrafficByAsin": [{
               "parentAsin": "B0CKQ7PARE", "childAsin": "B0CKQ7RD21", "sku": "KU-12-RED",
               "salesByAsin": {"unitsOrdered": 236, "orderedProductSales": {"amount": 5897.64, "currencyCode": "USD"},
                               "totalOrderItems": 221},
               "trafficByAsin": {"sessions": 2418, "browserPageViews": 1200, "pageViews": 3905,
                                 "buyBoxPercentage": 98.74, "unitSessionPercentage": 9.76}}]}
    rep = read_report(obj, name="st.json")
    assert (rep.meta.family, rep.meta.currency, rep.meta.marketplace) == ("business_report_child", "USD", "US")
    row = rep.data.iloc[0]
    assert (row["sessions"], row["units_ordered"], row["ordered_sales"]) == (2418, 236, 5897.64)
    assert row["buy_box_pct"] == pytest.approx(0.9874) and row["page_views_browser"] == 1200


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def _decorated(draw):
    eu = draw(st.booleans())
    vals = draw(st.lists(st.floats(-1e7, 1e7, allow_nan=False).map(lambda x: round(x, 2)), min_size=1, max_size=8))
    sym = draw(st.sampled_from(["", "$", "US$", "£", "€"] if not eu else ["", "€", "%"]))
    pct = draw(st.booleans()) and not eu
    texts = []
    for v in vals:
        whole, frac = f"{abs(v):,.2f}".split(".")
        if eu:
            t = f"{whole.replace(',', '.')},{frac}" + ("\u00a0" + sym if sym else "")
        else:
            t = f"{sym}{whole}.{frac}" + ("%" if pct else "")
        texts.append(("-" if v < 0 else "") + t)
    texts += draw(st.lists(st.sampled_from(["", "--", "-"]), max_size=2))
    return texts, ("," if eu else draw(st.sampled_from([None, "."])))


@settings(max_examples=200, deadline=None)
@given(_decorated(), st.sampled_from(["money", "pct", "float", "int"]), st.sampled_from(["fraction", "percent"]))
def test_column_fast_path_equals_general_parser(case, kind, pct_plain):
    """The report's column policy on top of the core parser: its fast paths (taken with the marketplace's
    separator) give what the general rules give with the column's own decimal evidence."""
    from xladdin.core import numbers as N

    texts, hint = case
    arr = pa.array(texts, pa.string())
    fast, ok = Vals._parse_distinct(arr, kind, hint, pct_plain)
    integers = kind == "int"
    general, gok, _ = N.parse_texts(arr, Vals.column_decimal(arr, hint, integers), integers,
                                    placeholders=tuple(Vals.PLACEHOLDERS), fast=False)
    if kind == "pct" and pct_plain == "percent":
        general = np.where(pc.match_substring(arr, "%").to_numpy(zero_copy_only=False), general, general / 100)
    np.testing.assert_allclose(fast, general, rtol=1e-15, equal_nan=True)
    np.testing.assert_array_equal(ok, gok)
    if not integers and not (hint is None and any("€" in t for t in texts)):  # "€1,234": the general rules
        assert N.parse_texts(arr, hint, integers, placeholders=tuple(Vals.PLACEHOLDERS), general=False) is not None
