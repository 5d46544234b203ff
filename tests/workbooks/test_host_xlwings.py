"""The Excel host against a recording fake of the xlwings 0.37.8 object model (no Excel here).

Proves: one Range call per block (read, header, body), formula-looking text gets Excel's apostrophe,
negative numbers stay numbers, screen updating / calculation / status bar restored after an exception.
"""

import pandas as pd
import pytest

from xladdin.workbooks.xlwings_host import XlwingsHost


class Range:
    def __init__(self, sheet, r1, c1, r2, c2):
        self.sheet, self.row, self.column, self._r2, self._c2 = sheet, r1, c1, r2, c2

    @property
    def shape(self):
        return (self._r2 - self.row + 1, self._c2 - self.column + 1)

    def options(self, **kw):
        self.sheet.book.calls.append(("options", self.sheet.name, kw))
        return self

    @property
    def value(self):
        self.sheet.book.calls.append(("get", self.sheet.name, self._addr()))
        grid = [[self.sheet.cells.get((r, c)) for c in range(self.column, self._c2 + 1)]
                for r in range(self.row, self._r2 + 1)]
        return grid[0][0] if self.shape == (1, 1) else grid

    @value.setter
    def value(self, v):
        self.sheet.book.calls.append(("set", self.sheet.name, self._addr()))
        grid = v if isinstance(v, list) else [[v]]
        assert len(grid) == self.shape[0] and all(len(r) == self.shape[1] for r in grid), "shape"
        for i, row in enumerate(grid):
            for j, x in enumerate(row):
                self.sheet.cells[(self.row + i, self.column + j)] = x

    @property
    def formula(self):
        self.sheet.book.calls.append(("formula", self.sheet.name, self._addr()))
        grid = [[str(self.sheet.cells.get((r, c)) or "") for c in range(self.column, self._c2 + 1)]
                for r in range(self.row, self._r2 + 1)]
        return grid[0][0] if self.shape == (1, 1) else tuple(tuple(r) for r in grid)

    @property
    def number_format(self):
        return "General"

    @number_format.setter
    def number_format(self, fmt):
        self.sheet.book.calls.append(("number_format", self.sheet.name, self._addr(), fmt))

    def clear_contents(self):
        self.sheet.book.calls.append(("clear", self.sheet.name, self._addr()))
        for r in range(self.row, self._r2 + 1):
            for c in range(self.column, self._c2 + 1):
                self.sheet.cells.pop((r, c), None)

    def __getitem__(self, ij):
        i, j = ij
        return Range(self.sheet, self.row + i, self.column + j, self.row + i, self.column + j)

    def _addr(self):
        return f"R{self.row}C{self.column}:R{self._r2}C{self._c2}"


class Table:
    def __init__(self, sheet, name, r1, c1, r2, c2):
        self.sheet, self.name, self._box = sheet, name, (r1, c1, r2, c2)

    @property
    def range(self):
        return Range(self.sheet, *self._box)

    def resize(self, rng):
        self.sheet.book.calls.append(("resize", self.name, rng._addr()))
        self._box = (rng.row, rng.column, rng._r2, rng._c2)


class Sheet:
    def __init__(self, book, name):
        self.book, self.name, self.cells, self.tables = book, name, {}, []

    def range(self, a, b):
        return Range(self, a[0], a[1], b[0], b[1])


class App:
    def __init__(self):
        self.status_bar, self.screen_updating, self.calculation = False, True, "automatic"


class Book:
    def __init__(self):
        self.app, self.calls, self.sheets, self.names = App(), [], [], []

    def add_table(self, sheet_name, table, header, rows=()):
        sh = Sheet(self, sheet_name)
        self.sheets.append(sh)
        for j, h in enumerate(header):
            sh.cells[(3, 1 + j)] = h
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                sh.cells[(4 + i, 1 + j)] = v
        sh.tables.append(Table(sh, table, 3, 1, 3 + max(1, len(rows)), len(header)))
        return sh


HEADER = ["campaign_name", "search_term", "spend", "action", "approve"]


@pytest.fixture
def book():
    b = Book()
    b.add_table("SearchTermActions", "SearchTermActions", HEADER,
                [["C1", "old", 1.0, "NEGATE", "Y"], ["C1", "gone", 2.0, "NEGATE", None]])
    b.calls.clear()
    return b


def test_bulk_writes_are_one_call_per_block_and_text_is_safe(book):
    host = XlwingsHost(book, labels={})
    df = pd.DataFrame({"campaign_name": ["C1"] * 5,
                       "search_term": ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "old"],
                       "spend": [-5.0, 1.0, 2.0, 3.0, 4.0], "action": ["NEGATE"] * 5})
    with host.batch("refreshing"):
        host.write_table("SearchTermActions", df)
    sets = [c for c in book.calls if c[0] == "set"]
    assert sets == [("set", "SearchTermActions", "R4C1:R8C5")]  # header unchanged: only the body, one call
    assert ("resize", "SearchTermActions", "R3C1:R8C5") in book.calls
    cells = book.sheets[0].cells
    assert [cells[(r, 2)] for r in range(4, 8)] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd|' /C calc'!A0",
                                                   "'@SUM(1+1)", "'-2+3"]
    assert cells[(4, 3)] == -5.0
    assert cells[(8, 5)] == "Y" and cells[(4, 5)] is None  # Approve followed its row ("old")
    assert ("number_format", "SearchTermActions", "R4C3:R8C3", "#,##0.00") in book.calls
    reads = [c for c in book.calls if c[0] == "get"]
    assert reads == [("get", "SearchTermActions", "R3C1:R5C5")]  # one read of the whole table


def test_shrinking_clears_rows_below_the_table(book):
    host = XlwingsHost(book, labels={})
    host.write_table("SearchTermActions", pd.DataFrame({"campaign_name": [], "search_term": []}))
    assert ("clear", "SearchTermActions", "R4C1:R4C5") in book.calls
    assert ("resize", "SearchTermActions", "R3C1:R4C5") in book.calls
    assert host.read_table("SearchTermActions").empty


def test_new_columns_write_header_and_label_once(book):
    host = XlwingsHost(book, labels={"new_bid": ("新出价", "New bid")})
    host.write_table("SearchTermActions", pd.DataFrame({"search_term": ["a"], "new_bid": [0.5]}))
    sets = [c for c in book.calls if c[0] == "set"]
    assert sets == [("set", "SearchTermActions", "R3C1:R3C6"), ("set", "SearchTermActions", "R2C6:R2C6"),
                    ("set", "SearchTermActions", "R4C1:R4C6")]
    assert book.sheets[0].cells[(2, 6)] == "新出价\nNew bid"


def test_status_bar_and_screen_updating_restored_after_an_exception(book):
    host = XlwingsHost(book, labels={})
    book.app.status_bar = "previous"
    with pytest.raises(RuntimeError), host.batch("xladdin: refreshing"):
        assert (book.app.screen_updating, book.app.status_bar, book.app.calculation) == (
            False, "xladdin: refreshing", "manual")
        raise RuntimeError("boom")
    assert (book.app.screen_updating, book.app.status_bar, book.app.calculation) == (True, "previous", "automatic")
    host.status(None)
    assert book.app.status_bar is False
