"""Every worksheet function name is one Excel will really call (issue 2, item 6)."""

import pytest

from xladdin.worksheet.names import EXCEL_FUNCTIONS, arg_problems, looks_like_reference, name_problems
from xladdin.worksheet.registry import all_functions

FUNCS = all_functions()


def test_registry_is_populated():
    names = {f.name for f in FUNCS}
    # The names fixed by the issue must all exist.
    required = {
        "AD_ACOS", "AD_TACOS", "AD_ROAS", "AD_CPC", "AD_CTR", "AD_CVR", "BREAKEVEN_ACOS", "TARGET_BID",
        "SEARCH_TERM_ACTION", "REORDER_QTY", "SAFETY_STOCK", "DAYS_OF_COVER", "STOCKOUT_DATE", "REORDER_DATE",
        "INV_STATUS", "LISTING_CHECK", "SEARCH_TERMS_CHECK", "KEYWORD_COVERAGE", "IMAGE_CHECK", "SKU_KEEP",
        "SKU_DECISION", "CONTRIBUTION", "FBA_FEE", "SIZE_TIER", "REFERRAL_FEE", "STORAGE_FEE", "UNIT_PROFIT",
        "MARGIN", "ROI", "HEALTH_CHECK", "CVR_ALERT", "SELECT_SCORE",
    }
    assert required <= names, sorted(required - names)


@pytest.mark.parametrize("f", FUNCS, ids=lambda f: f.name)
def test_function_name_is_callable_from_excel(f):
    assert name_problems(f.name) == []


@pytest.mark.parametrize("f", FUNCS, ids=lambda f: f.name)
def test_argument_names_are_valid_vba_parameters(f):
    assert arg_problems(f.name, [a.name for a in f.args]) == []


@pytest.mark.parametrize("f", FUNCS, ids=lambda f: f.name)
def test_function_wizard_texts(f):
    # Application.MacroOptions keeps 255 characters of the description and of each argument help.
    assert 0 < len(f.description) <= 255, f.description
    assert any("\u4e00" <= ch <= "\u9fff" for ch in f.description), "description must be bilingual (中文)"
    assert any(ch.isascii() and ch.isalpha() for ch in f.description), "description must be bilingual (English)"
    for a in f.args:
        assert 0 < len(a.doc) <= 255, (a.name, a.doc)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in a.doc), (a.name, "argument help must be bilingual")
    # Required arguments come before optional ones (VBA Optional parameters must be last).
    flags = [a.optional for a in f.args]
    assert flags == sorted(flags)


def test_names_are_unique_case_insensitively():
    names = [f.name.upper() for f in FUNCS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("bad", ["ACOS", "acos", "LET", "LAMBDA", "XLOOKUP", "TEXTSPLIT", "FILTER", "SUM",
                                 "CONCAT", "IFS", "NORM.S.INV", "STOCKHISTORY", "REGEXTEST"])
def test_builtin_names_are_rejected(bad):
    assert bad.upper() in EXCEL_FUNCTIONS
    assert name_problems(bad.replace(".", "_")) or "." in bad


@pytest.mark.parametrize("bad", ["QTY2024", "AB12", "XFD1048576", "R1C1", "R1", "C3", "RC", "R"])
def test_reference_shaped_names_are_rejected(bad):
    assert looks_like_reference(bad)
    assert name_problems(bad)


@pytest.mark.parametrize("ok", ["REORDER_QTY", "ROI", "CVR_ALERT", "XFE1", "QTY_2024", "AD_CTR"])
def test_good_names_pass(ok):
    assert name_problems(ok) == []


@pytest.mark.parametrize("bad", ["currency", "Date", "type", "step", "string", "_x", "1a", "a b", "len"])
def test_bad_argument_names_are_rejected(bad):
    assert arg_problems("F_X", [bad])


def test_wizard_length_limit_is_enforced():
    assert arg_problems("F_X", ["a" * 60] * 5)
