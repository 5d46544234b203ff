"""One error taxonomy, three renderings (issue 2, item 7)."""

import pytest

from xladdin import errors as E


def test_every_code_has_a_spec_with_an_excel_kind():
    for code in E.Code:
        if code is E.Code.OK:
            continue
        s = E.spec(code)
        assert s.kind in E.EXCEL_KINDS
        assert s.zh and s.en and s.hint_zh and s.hint_en
        assert s.exit_code in (1, 2, 3, 4, 5)


def test_codes_are_stable():
    # Stored in workbooks and logs: numbers never change.
    assert (E.Code.NOT_A_NUMBER, E.Code.DIV_ZERO, E.Code.NEGATIVE, E.Code.INTERNAL) == (1, 2, 3, 99)


def test_cell_text():
    assert E.cell_text(E.Code.DIV_ZERO) == "#DIV/0! DIV_ZERO"
    assert E.cell_text(E.Code.NOT_A_NUMBER) == "#VALUE! NOT_A_NUMBER"
    assert E.cell_text(E.Code.NEGATIVE) == "#NUM! NEGATIVE"
    assert E.cell_text(E.Code.UNKNOWN_MARKETPLACE) == "#N/A UNKNOWN_MARKETPLACE"


def test_cli_rendering_has_code_exit_code_and_no_traceback():
    err = E.RuleDataError(E.Code.UNKNOWN_MARKETPLACE, "XX", where="FBA_FEE")
    text, code = E.cli_text(err)
    assert code == 3
    assert text.startswith("error: FBA_FEE: [UNKNOWN_MARKETPLACE] 不支持的站点 / unknown marketplace — XX")
    assert "Traceback" not in text
    text, code = E.cli_text(RuntimeError("boom"))
    assert code == 1 and "INTERNAL" in text


def test_message_box_is_bilingual_and_names_the_log():
    msg = E.message_box_text(E.InputError(E.Code.NOT_A_NUMBER, "'abc' in B7"), "C:/log.txt")
    assert msg.splitlines() == ["不是数字：'abc' in B7", "not a number: 'abc' in B7",
                                E.spec(E.Code.NOT_A_NUMBER).hint_zh + " / " + E.spec(E.Code.NOT_A_NUMBER).hint_en,
                                "日志 / Log: C:/log.txt"]


def test_error_classes_are_also_builtin_kinds():
    assert isinstance(E.InputError(E.Code.MISSING), ValueError)
    assert isinstance(E.RuleDataError(E.Code.NO_RULE_FOR_DATE), LookupError)
    with pytest.raises(E.XladdinError):
        raise E.ConfigError(E.Code.SETTINGS_INVALID, "x")
