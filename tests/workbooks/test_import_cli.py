"""`xladdin new` / `build templates` / `import`: thin shells with clear errors; imports replace, never duplicate."""

from pathlib import Path

import pandas as pd
from click.testing import CliRunner
from openpyxl import load_workbook

from xladdin.cli import cli
from xladdin.workbooks.registry import template_kinds
from xladdin.workbooks.host import OpenpyxlHost

FIX = Path(__file__).resolve().parents[1] / "reports" / "fixtures"
SEARCH_TERM = FIX / "ads" / "sp_search_term" / "en-summary-retailer.csv"
CAMPAIGN = FIX / "ads" / "sp_campaign" / "en.csv"
MYI = FIX / "fba_myi" / "en.txt"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_build_templates(tmp_path):
    r = run("build", "templates", "--out", tmp_path)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.{ext}" for k in template_kinds()
                                                                for ext in ("xlsx", "xltx"))


def test_new_refuses_unknown_kind_and_overwrite(tmp_path):
    out = tmp_path / "a.xlsx"
    r = run("new", "sales", out)
    assert r.exit_code == 2 and "template 'sales'; kinds / 可选: " + ", ".join(template_kinds()) in r.output
    assert run("new", "ads", out).exit_code == 0
    r = run("new", "inventory", out)
    assert r.exit_code == 2 and "[FILE_EXISTS]" in r.output
    assert run("new", "inventory", out, "--force").exit_code == 0
    assert load_workbook(out).defined_names["xladdin_template"].attr_text == '"inventory"'


def test_import_replaces_same_family_and_dates(tmp_path):
    book = tmp_path / "ads.xlsx"
    assert run("new", "ads", book).exit_code == 0
    r = run("import", book, SEARCH_TERM, CAMPAIGN)
    assert r.exit_code == 0, r.output
    host = OpenpyxlHost.open(book)
    terms = host.read_table("SearchTerms")
    n = len(terms)
    assert n > 0 and set(terms["import_id"]) == {1}
    assert len(host.read_table("CampaignReport")) > 0
    # An operator adds a hand-pasted row; re-importing the same report replaces only imported rows.
    hand = terms.astype(object).iloc[:1].assign(search_term="hand pasted", import_id=None)
    host.write_table("SearchTerms", pd.concat([terms.astype(object), hand], ignore_index=True))
    host.save()
    r = run("import", book, SEARCH_TERM)
    assert r.exit_code == 0, r.output
    assert f"replaced {n}" in r.output
    host = OpenpyxlHost.open(book)
    terms = host.read_table("SearchTerms")
    assert len(terms) == n + 1 and (terms["search_term"] == "hand pasted").sum() == 1
    log = host.read_table("Imports")
    assert log[["import_id", "family", "table_name", "file_name"]].values.tolist() == [
        [2, "sp_campaign", "CampaignReport", CAMPAIGN.name], [3, "sp_search_term", "SearchTerms", SEARCH_TERM.name]]
    assert (tmp_path / "ads.bak.xlsx").is_file()


def test_import_of_a_family_without_table_names_the_tables(tmp_path):
    book = tmp_path / "ads.xlsx"
    run("new", "ads", book)
    before = book.read_bytes()
    r = run("import", book, MYI)
    assert r.exit_code == 2
    assert "fba_myi has no input table in this ads workbook" in r.output
    assert "SearchTerms ← sp_search_term; CampaignReport ← sp_campaign; BusinessReport ← business_report_child" in r.output
    assert book.read_bytes() == before


def test_import_into_locked_workbook(tmp_path):
    book = tmp_path / "inv.xlsx"
    run("new", "inventory", book)
    (tmp_path / "~$inv.xlsx").write_bytes(b"x")
    r = run("import", book, MYI)
    assert r.exit_code == 5 and "[WORKBOOK_LOCKED]" in r.output


def test_import_with_refresh_equals_import_then_refresh(tmp_path):
    one, two = tmp_path / "one.xlsx", tmp_path / "two.xlsx"
    for b in (one, two):
        assert run("new", "ads", b).exit_code == 0
    r = run("import", "--refresh", one, SEARCH_TERM, CAMPAIGN)
    assert r.exit_code == 0, r.output
    assert "refreshed / 已刷新" in r.output
    assert run("import", two, SEARCH_TERM, CAMPAIGN).exit_code == 0
    assert run("refresh", two).exit_code == 0
    a, b = OpenpyxlHost.open(one), OpenpyxlHost.open(two)
    for table in ("SearchTerms", "Campaigns", "MatchTypes", "SearchTermActions"):
        got, want = a.read_table(table), b.read_table(table)
        assert len(got) > 0, table
        pd.testing.assert_frame_equal(got, want, obj=table)
    assert a.read_named("kpi_spend") == b.read_named("kpi_spend") > 0


def test_import_with_refresh_refuses_bad_settings_before_touching_the_book(tmp_path):
    book = tmp_path / "ads.xlsx"
    assert run("new", "ads", book).exit_code == 0
    host = OpenpyxlHost.open(book)
    settings = host.read_table("Settings")
    settings.loc[settings["key"] == "target_acos", "value"] = "thirty"
    host.write_table("Settings", settings, key=("key",))
    host.save()
    before = book.read_bytes()
    r = run("import", "--refresh", book, SEARCH_TERM)
    assert r.exit_code != 0 and "target_acos" in r.output and "SETTINGS_INVALID" in r.output
    assert book.read_bytes() == before
    assert run("refresh", book).exit_code == r.exit_code  # the same error as a plain refresh
