"""Listing workbook end to end: build, import Cerebro + Magnet, fill Listings, refresh, save, reopen, check.

Expected coverage and scores are computed here by hand (the keywords are chosen so whole-word matching is
unambiguous), independently of ``xladdin.core.listing``.
"""

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image

from tests.workbooks.helpers import pdf_text, render_pdf, require_soffice
from xladdin.demo_samples import listing as sample
from xladdin.workbooks import refresh_book
from xladdin.workbooks.builder import build_workbook, save_workbook
from xladdin.workbooks.host import OpenpyxlHost
from xladdin.workbooks.importer import import_reports
from xladdin.workbooks.listing_analysis import count_codes
from xladdin.workbooks.registry import get_template

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)"
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!")

# keyword → volume after dedupe (Magnet's "yoga mat" 800 loses to Cerebro's 1,000)
VOLUMES = {"yoga mat": 1000, "non slip": 500, "exercise mat": 300, "pilates": 200, HYPERLINK: 100}
TOTAL = sum(VOLUMES.values())
COLS = sample.LISTING_COLUMNS


def _csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(header)
        w.writerows(rows)
    return path


def _reports(tmp_path: Path) -> list[Path]:
    pad = [""] * (len(sample.CEREBRO_HEADER) - 6)
    cerebro = [[k, "10.0", "9.0", "12", "300", f"{v:,}", *pad] for k, v in
               (("yoga mat", 1000), ("non slip", 500), ("pilates", 200), (HYPERLINK, 100))]
    magnet = [["yoga mat", "80", "800", "1", "50", "2", "-", "3"], ["exercise mat", "90", "300", "-4", ">1,000", "5",
                                                                     "10", "2"]]
    return [_csv(tmp_path / "cerebro.csv", sample.CEREBRO_HEADER, cerebro),
            _csv(tmp_path / "magnet.csv", sample.MAGNET_HEADER, magnet)]


def _listings(image: Path) -> pd.DataFrame:
    five = ["Exercise mat with a thick cushion.", "Carry strap included.", "Easy to clean.", "Fits small rooms.",
            "Great for stretching."]
    others = ";".join([str(image)] * 5)  # 1 main + 5 additional = the 6 Amazon recommends
    rows = [
        # A current: yoga mat in title, exercise mat in bullets, pilates in search terms; non slip missing
        # (the description mentions it, which does not count).
        ["B0TESTAAA1", "A-1", "current", "Acme", "Acme Yoga Mat for Home", *five, "A non slip mat.",
         "pilates workout", str(image), others],
        # A draft: everything covered, a promo phrase in the title (one LISTING_CHECK code).
        ["B0TESTAAA1", "A-1", "draft", "Acme", "Acme Yoga Mat Non-Slip Free Shipping", *five, "desc",
         "pilates workout", str(image), others],
        # B current: injection text in the title, image path missing on disk, nothing covered.
        ["B0TESTBBB2", "B-2", "current", "Acme", DDE, AT_SUM, "", "", "", "", "", "", "/no/such/image.jpg", ""],
        # no ASIN: skipped with an issue
        ["", "C-3", "current", "", "Orphan title", "", "", "", "", "", "", "", "", ""],
    ]
    return pd.DataFrame(rows, columns=COLS).astype(object)


def _image(path: Path) -> Path:
    img = Image.new("RGB", (2000, 2000), "white")
    img.paste((30, 30, 30), (50, 50, 1950, 1950))
    img.save(path)
    return path


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "listing.xlsx"
    save_workbook(build_workbook(get_template("listing")), path, backup=False)
    return path


def _expected_score(listing_check: str, st_check: str, coverage: float | None) -> float:
    lp = max(0, 40 - 8 * _codes(listing_check))
    sp = max(0, 20 - 8 * _codes(st_check))
    if coverage is None:
        return round(100 * (lp + sp) / 60, 1)
    return round(100 * (lp + sp + 40 * coverage) / 100, 1)


def _codes(text: str) -> int:  # independent count: CODE tokens at the start of each "; " part
    return 0 if text == "OK" else sum(1 for part in text.split("; ") if re.match(r"^[A-Z][A-Z0-9_]+(:|$)", part))


def _table(ws) -> pd.DataFrame:
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    df = pd.DataFrame(rows[1:], columns=rows[0]).dropna(how="all").astype(object)
    return df.where(df.notna(), None)


def test_listing_refresh_end_to_end(book, tmp_path):
    image = _image(tmp_path / "main.png")
    host = OpenpyxlHost.open(book)
    res = import_reports(host, _reports(tmp_path))
    assert [r.family for r in res] == ["helium10_cerebro", "helium10_magnet"]
    host.write_table("Listings", _listings(image))
    refresh_book(host, "listing")
    host.save()

    wb = load_workbook(book)
    checks = _table(wb["ListingChecks"]).set_index("listing")
    assert list(checks.index) == ["B0TESTAAA1 current", "B0TESTAAA1 draft", "B0TESTBBB2 current"]

    cov = {"B0TESTAAA1 current": (1000 + 300 + 200) / TOTAL, "B0TESTAAA1 draft": (1000 + 500 + 300 + 200) / TOTAL,
           "B0TESTBBB2 current": 0.0}
    for name, c in cov.items():
        r = checks.loc[name]
        assert r["coverage"] == pytest.approx(c)
        assert r["score"] == pytest.approx(_expected_score(r["listing_check"], r["search_terms_check"], c))
        assert r["listing_codes"] == _codes(r["listing_check"])
    a_cur, a_draft, b = (checks.loc[k] for k in cov)
    assert a_cur["listing_check"] == "OK" and a_cur["search_terms_check"] == "OK"
    assert a_cur["score"] == pytest.approx(round(100 * (60 + 40 * 1500 / 2100) / 100, 1))
    assert a_draft["listing_check"].startswith("TITLE_PROMO_PHRASE")
    assert a_cur["image_check"] == "OK" and a_draft["image_check"] == "OK"
    assert a_cur["image_count"] == 6 and b["image_count"] == 1
    assert b["image_check"] == "IMAGE_COUNT: 1 < 6 recommended; FILE_NOT_FOUND: #1 main image.jpg"
    assert "BULLET_COUNT" in b["listing_check"] and "SEARCH_TERMS_EMPTY" in b["search_terms_check"]
    assert "DESCRIPTION_EMPTY" in b["listing_check"]
    # By hand: A current 40 + 20 + 40 × 1500/2100 = 88.6 (pass); A draft (40 − 8) + 20 + 40 × 2000/2100 = 90.1.
    assert a_cur["score"] == pytest.approx(88.6) and a_draft["score"] == pytest.approx(90.1)
    assert a_cur["result"] == "pass 通过" and a_draft["result"] == "pass 通过"
    # Missing top keywords (top 10 by volume): A current lacks only "non slip".
    assert a_cur["missing_top_keywords"] == f"non slip (500), {HYPERLINK} (100)"
    assert a_draft["missing_top_keywords"] == f"{HYPERLINK} (100)"
    assert (a_cur["missing_top_count"], a_draft["missing_top_count"], b["missing_top_count"]) == (2, 1, 5)
    assert b["missing_top_keywords"].startswith("yoga mat (1,000), non slip (500), exercise mat (300)")


def test_placement_versions_issues_and_kpis(book, tmp_path):
    image = _image(tmp_path / "main.png")
    host = OpenpyxlHost.open(book)
    import_reports(host, _reports(tmp_path))
    host.write_table("Listings", _listings(image))
    refresh_book(host, "listing")
    host.save()
    wb = load_workbook(book)

    place = _table(wb["KeywordPlacement"])
    assert len(place) == 3 * len(VOLUMES)
    a = place[(place["asin"] == "B0TESTAAA1") & (place["version"] == "current")].set_index("keyword")
    assert list(a.index) == sorted(VOLUMES, key=lambda k: -VOLUMES[k])
    assert a.loc["yoga mat", "search_volume"] == 1000 and a.loc["yoga mat", "in_title"] == "Y"
    assert a.loc["exercise mat", "in_bullets"] == "Y" and a.loc["exercise mat", "in_title"] is None
    assert a.loc["pilates", "in_search_terms"] == "Y" and a.loc["pilates", "placement"] == "search terms 搜索词"
    assert a.loc["non slip", "placement"] == "missing 缺失"
    assert a.loc["non slip", "in_description"] == "Y"  # shown, but still missing (description not counted)
    d = place[(place["asin"] == "B0TESTAAA1") & (place["version"] == "draft")].set_index("keyword")
    assert d.loc["non slip", "placement"] == "title 标题"  # "Non-Slip" matches "non slip"

    vers = _table(wb["Versions"]).set_index("asin")
    checks = _table(wb["ListingChecks"]).set_index("listing")
    va = vers.loc["B0TESTAAA1"]
    assert (va["before_version"], va["after_version"]) == ("current", "draft")
    assert va["score_diff"] == pytest.approx(90.1 - 88.6)  # the hand-computed scores above
    assert va["coverage_diff"] == pytest.approx(500 / TOTAL)
    assert va["keywords_gained"] == "non slip" and va["keywords_lost"] is None
    assert vers.loc["B0TESTBBB2", "after_version"] is None and vers.loc["B0TESTBBB2", "score_diff"] is None

    issues = _table(wb["Issues"])
    assert list(issues["code"]) == ["MISSING"]

    # Injection strings stay text everywhere.
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value in (HYPERLINK, DDE, AT_SUM):
                    assert c.data_type == "s", (ws.title, c.coordinate)
    ws = wb["KeywordPlacement"]
    assert any(c.value == HYPERLINK for row in ws.iter_rows() for c in row)

    names = {n: wb.defined_names[n].destinations for n in wb.defined_names}

    def kpi(name):
        sheet, ref = next(iter(names[name]))
        return wb[sheet][ref.replace("$", "")].value

    assert kpi("kpi_asins") == 2 and kpi("kpi_listings") == 3 and kpi("kpi_keywords") == 5
    assert kpi("kpi_avg_score") == pytest.approx(checks["score"].mean())
    assert kpi("kpi_avg_coverage") == pytest.approx((1500 + 2000 + 0) / TOTAL / 3)
    assert kpi("kpi_image_issues") == 1 and kpi("kpi_improved") == 1 and kpi("kpi_passing") == 2
    assert kpi("kpi_listing_issues") == 2 and kpi("kpi_search_terms_issues") == 1


def test_operator_note_survives_refresh(book, tmp_path):
    host = OpenpyxlHost.open(book)
    host.write_table("Listings", _listings(_image(tmp_path / "m.png")))
    refresh_book(host, "listing")
    df = host.read_table("ListingChecks")
    df["note"] = [f"n{i}" for i in range(len(df))]
    host.write_table("ListingChecks", df, key=("asin", "version"))
    refresh_book(host, "listing")
    assert host.read_table("ListingChecks")["note"].tolist() == ["n0", "n1", "n2"]
    # Without keywords the score is out of the two checks only, and an issue says so.
    checks = host.read_table("ListingChecks")
    r = checks.iloc[0]
    assert r["coverage"] is None or pd.isna(r["coverage"])
    assert r["score"] == pytest.approx(100.0)  # A current passes both checks
    assert "NO_DATA" in host.read_table("Issues")["code"].tolist()


def test_empty_workbook_refreshes_cleanly(book):
    host = OpenpyxlHost.open(book)
    refresh_book(host, "listing")
    host.save()
    wb = load_workbook(book)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                assert not (isinstance(v, str) and v.startswith(ERRORS)), (ws.title, v)
    assert host.read_named("kpi_listings") == 0 and host.read_named("kpi_avg_score") is None


def test_count_codes():
    assert count_codes("OK") == 0
    assert count_codes("TITLE_TOO_LONG: 212 > 200; TITLE_OVER_GUIDE: 212 > 180; BULLET_COUNT") == 3
    assert count_codes("TITLE_EMPTY; BULLET_COUNT: 0 < 5; +3 more") == 5


def test_demo_sample_and_fill(tmp_path):
    host_path = tmp_path / "demo.xlsx"
    save_workbook(build_workbook(get_template("listing")), host_path, backup=False)
    host = OpenpyxlHost.open(host_path)
    files = sample.sample_reports(tmp_path)
    assert (tmp_path / "listings-sample.csv").exists()
    res = import_reports(host, files)
    assert [r.family for r in res] == ["helium10_cerebro", "helium10_magnet"]
    sample.fill_workbook(host)
    refresh_book(host, "listing")
    vers = host.read_table("Versions").set_index("asin")
    assert vers.loc["B0CKQ7RD21", "score_diff"] > 0  # the demo draft is better than the live listing


def test_rendered_pdf_has_no_error_values(book, tmp_path):
    require_soffice()
    host = OpenpyxlHost.open(book)
    import_reports(host, _reports(tmp_path))
    host.write_table("Listings", _listings(_image(tmp_path / "m.png")))
    refresh_book(host, "listing")
    host.save()
    text = pdf_text(render_pdf(book, tmp_path / "pdf"))
    assert "Listing" in text
    for e in ERRORS:
        assert e not in text, e


def _refreshed(book, tmp_path, settings: dict | None = None):
    host = OpenpyxlHost.open(book)
    import_reports(host, _reports(tmp_path))
    host.write_table("Listings", _listings(_image(tmp_path / "m.png")))
    if settings:
        host.write_settings(settings)
    refresh_book(host, "listing")
    return host


def test_settings_sheet_changes_pass_score_and_points(book, tmp_path):
    host = _refreshed(book, tmp_path, {"listing_pass_score": 89, "listing_penalty_per_code": 20})
    checks = host.read_table("ListingChecks").set_index("listing")
    # By hand: A current 88.6 < 89 fails; A draft (40 − 20) + 20 + 40 × 2000/2100 = 78.1 fails; diff −10.5.
    assert checks.loc["B0TESTAAA1 current", "score"] == pytest.approx(88.6)
    assert checks.loc["B0TESTAAA1 current", "result"] == "fail 未通过"
    assert checks.loc["B0TESTAAA1 draft", "score"] == pytest.approx(78.1)
    assert host.read_table("Versions").set_index("asin").loc["B0TESTAAA1", "score_diff"] == pytest.approx(-10.5)
    assert host.read_named("kpi_passing") == 0
    assert "pass ≥ 89" in checks.loc["B0TESTAAA1 current", "score_basis"]


def test_settings_top_keywords_and_before_versions(book, tmp_path):
    host = _refreshed(book, tmp_path, {"listing_top_keywords": 1, "listing_before_versions": "draft"})
    checks = host.read_table("ListingChecks").set_index("listing")
    assert checks.loc["B0TESTBBB2 current", "missing_top_keywords"] == "yoga mat (1,000)"
    assert pd.isna(checks.loc["B0TESTAAA1 current", "missing_top_keywords"])
    v = host.read_table("Versions").set_index("asin").loc["B0TESTAAA1"]
    assert (v["before_version"], v["after_version"]) == ("draft", "current")
    assert v["score_diff"] == pytest.approx(88.6 - 90.1)


def test_image_checks_table_one_row_per_image(book, tmp_path):
    host = _refreshed(book, tmp_path)
    img = host.read_table("ImageChecks")
    a = img[(img["asin"] == "B0TESTAAA1") & (img["version"] == "current")]
    assert a["image_no"].tolist() == [1, 2, 3, 4, 5, 6]
    assert a["role"].tolist() == ["main 主图"] + ["additional 副图"] * 5
    assert set(a["image_check"]) == {"OK"} and set(a["result"]) == {"pass 通过"}
    b = img[img["asin"] == "B0TESTBBB2"].iloc[0]
    assert (b["file"], b["image_check"], b["path"]) == ("image.jpg", "FILE_NOT_FOUND: image.jpg", "/no/such/image.jpg")
    assert b["result"] == "fail 未通过"


def test_old_workbook_without_image_checks_still_refreshes(book, tmp_path):
    from openpyxl import load_workbook as load

    wb = load(book)
    del wb["ImageChecks"]
    del wb.defined_names["kpi_passing"]
    wb.save(book)
    host = _refreshed(book, tmp_path)
    assert "UNKNOWN_TABLE" in host.read_table("Issues")["code"].tolist()
    assert len(host.read_table("ListingChecks")) == 3
