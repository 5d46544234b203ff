"""Templates: declarative specs rendered deterministically, with the layout operators rely on."""

import re
import zipfile
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from tests.workbooks.helpers import GOLDEN, UPDATE_GOLDEN, compare_workbooks
from xladdin.errors import InputError
from xladdin.settings import Settings
from xladdin.workbooks.builder import build_workbook, workbook_bytes
from xladdin.workbooks.registry import (
    all_templates,
    get_template,
    template_kinds,
    templates,
)
from xladdin.workbooks.spec import Column, TableSpec

KINDS = template_kinds()  # every template module under templates/ (each needs its golden file below)


def test_kinds_and_unknown_kind_lists_kinds():
    assert {"ads", "inventory"} <= set(KINDS) and KINDS == sorted(KINDS)
    with pytest.raises(InputError) as e:
        get_template("sales")
    assert str(e.value).endswith("template 'sales'; kinds / 可选: " + ", ".join(KINDS))


def test_templates_package_is_ours():
    assert templates().XLADDIN_TEMPLATES is True


@pytest.mark.parametrize("kind", KINDS)
def test_output_is_byte_for_byte_deterministic(kind):
    spec = get_template(kind)
    assert workbook_bytes(build_workbook(spec)) == workbook_bytes(build_workbook(spec))


@pytest.mark.parametrize("kind", KINDS)
def test_xltx_has_template_content_type_and_fixed_properties(built, kind):
    xltx, xlsx = built[kind]
    ct = zipfile.ZipFile(xltx).read("[Content_Types].xml").decode()
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml" in ct
    ct = zipfile.ZipFile(xlsx).read("[Content_Types].xml").decode()
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" in ct
    core = zipfile.ZipFile(xlsx).read("docProps/core.xml").decode()
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-01T00:00:00Z</dcterms:created>" in core
    assert "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-01-01T00:00:00Z</dcterms:modified>" in core
    assert {i.date_time for i in zipfile.ZipFile(xlsx).infolist()} == {(2026, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("kind", KINDS)
def test_matches_golden_reference(built, kind):
    got = built[kind][1]
    ref = GOLDEN / f"{kind}.xlsx"
    if UPDATE_GOLDEN:
        ref.write_bytes(got.read_bytes())
    assert ref.is_file(), "regenerate with XLADDIN_UPDATE_GOLDEN=1 pytest tests/workbooks"
    diffs = compare_workbooks(ref, got, ignore=set())
    assert not diffs, "\n".join(diffs)


def test_comparator_reports_cell_and_element_differences(built, tmp_path):
    wb = load_workbook(built["ads"][1])
    wb["Campaigns"]["A1"] = "changed"
    wb["Campaigns"].freeze_panes = "B5"
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    diffs = compare_workbooks(GOLDEN / "ads.xlsx", changed, ignore={"Campaigns!A1"})
    assert diffs == ["Campaigns (freeze): expected 'A4' got 'B5'"]
    diffs = compare_workbooks(GOLDEN / "ads.xlsx", changed, ignore={"freeze"})
    assert diffs == ["Campaigns!A1: expected '广告活动汇总 / Campaigns' got 'changed'"]


@pytest.mark.parametrize("kind", KINDS)
def test_layout_of_every_table_sheet(built, kind):
    spec = get_template(kind)
    wb = load_workbook(built[kind][1])
    assert wb.sheetnames[:2] == [spec.guide.sheet, spec.dashboard.sheet]
    assert wb.sheetnames[-2:] == ["Settings", "_Imports"] and wb["_Imports"].sheet_state == "hidden"
    for t in spec.tables:
        ws = wb[t.sheet]
        assert ws.tables[t.name].ref == f"A3:{ws.cell(3, len(t.columns)).column_letter}4"
        assert [c.value for c in ws[3]][: len(t.columns)] == list(t.keys)
        assert [c.value for c in ws[2]][: len(t.columns)] == [f"{c.zh}\n{c.en}" for c in t.columns]
        assert ws.freeze_panes == "A4"
        assert ws.print_title_rows == "$2:$3"
        assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("landscape", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        for j, c in enumerate(t.columns, start=1):
            assert ws.column_dimensions[ws.cell(3, j).column_letter].width == c.col_width


def test_settings_sheet_rows_come_from_the_settings_model(built):
    spec = get_template("ads")
    wb = load_workbook(built["ads"][1])
    ws = wb["Settings"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_col=4)]
    assert [r[0] for r in rows] == list(spec.settings.keys)
    for key, value, default, desc in rows:
        field = Settings.model_fields[key]
        assert value == default == field.default and desc == field.description
        assert wb.defined_names[f"set_{key}"].attr_text == f"Settings!$B${4 + [r[0] for r in rows].index(key)}"
    assert wb.defined_names["xladdin_template"].attr_text == '"ads"'


def test_native_charts_not_pictures(built):
    wb = load_workbook(built["ads"][1])
    dash = wb["Dashboard"]
    assert len(dash._charts) == 3 and not dash._images  # trend, match types, ACoS by campaign
    refs = [s.val.numRef.f for s in dash._charts[0].series]
    assert refs == ["'Trend'!$B$4:$B$63", "'Trend'!$C$4:$C$63"]


def _formulas(path):
    wb = load_workbook(path)
    found = [f"{dn.name}: ={dn.attr_text}" for dn in wb.defined_names.values()]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    found.append(f"{ws.title}!{c.coordinate}: {c.value}")
        for t in ws.tables.values():
            for tc in t.tableColumns:
                if tc.calculatedColumnFormula is not None:
                    found.append(f"{t.name}[{tc.name}]: ={tc.calculatedColumnFormula.attr_text}")
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                found += [f"{ws.title} CF {cf.sqref}: ={f}" for f in rule.formula]
        for dv in ws.data_validations.dataValidation:
            found.append(f"{ws.title} DV {dv.sqref}: ={dv.formula1}")
    return found


# Functions Excel added in 2010 or later: stored with _xlfn. (XlsxWriter's list, abridged to the common ones).
FUTURE = ("XLOOKUP", "XMATCH", "FILTER", "SORT", "SORTBY", "UNIQUE", "SEQUENCE", "LET", "LAMBDA", "IFS",
          "SWITCH", "MAXIFS", "MINIFS", "CONCAT", "TEXTJOIN", "IFNA", "DAYS", "STDEV.S", "PERCENTILE.INC",
          "AGGREGATE", "RANDARRAY", "TEXTSPLIT", "VSTACK", "HSTACK", "TAKE", "DROP", "CHOOSECOLS")


@pytest.mark.parametrize("kind", KINDS)
def test_formulas_are_us_english_with_prefixed_new_functions(built, kind):
    formulas = _formulas(built[kind][1])
    assert formulas  # defined names, CF, validations and (ads) the break-even helper are scanned
    for f in formulas:
        text = re.sub(r'"[^"]*"', '""', f.split(": ", 1)[1])
        assert ";" not in text, f
        for fn in FUTURE:
            for m in re.finditer(rf"(?<![A-Za-z0-9_.]){re.escape(fn)}\(", text):
                assert text[: m.start()].endswith("_xlfn."), f"{f}: {fn} needs _xlfn."


def test_calculated_column_uses_file_syntax(built):
    wb = load_workbook(built["ads"][1])
    ws = wb["SkuCosts"]
    row = "SkuCosts[[#This Row],[{}]]".format
    assert ws["M4"].value == (f'=IFERROR(FBA_FEE({row("length_in")},{row("width_in")},{row("height_in")},'
                              f'{row("weight_lb")},{row("price")}),"")')
    assert ws["N4"].value == f'=IFERROR(REFERRAL_FEE({row("price")},{row("category")}),"")'
    assert ws["O4"].value == (f'=IFERROR(BREAKEVEN_ACOS({row("price")},{row("cogs")},'
                              f'IF(ISNUMBER({row("fba_fee")}),{row("fba_fee")},{row("fba_fee_calc")})'
                              f'+IF(ISNUMBER({row("referral_fee")}),{row("referral_fee")},{row("referral_fee_calc")})),"")')
    table = ws.tables["SkuCosts"]
    defs = {tc.name: tc.calculatedColumnFormula.attr_text for tc in table.tableColumns
            if tc.calculatedColumnFormula is not None}
    assert {k: "=" + v for k, v in defs.items()} == {"fba_fee_calc": ws["M4"].value,
                                                     "referral_fee_calc": ws["N4"].value,
                                                     "breakeven_acos": ws["O4"].value}


def test_spec_validation_catches_typos():
    with pytest.raises(ValueError, match="unknown column 'approve'"):
        TableSpec("T1x", "S", "中", "en", (Column("a", "中", "A"),), operator_columns=("approve",))
    with pytest.raises(ValueError, match="snake_case"):
        Column("Spend", "花费", "Spend")
    spec = get_template("ads")
    with pytest.raises(ValueError, match="duplicate table names"):
        replace(spec, tables=spec.tables + spec.tables[:1])


def test_every_input_column_is_canonical_for_its_family():
    from xladdin.reports import families
    from xladdin.workbooks import last_quarter

    cols = {f.name: {c.name for c in f.columns} for f in families()}
    # Last quarter's review workbook is a source too: its columns are the quarterly SkuReview's.
    cols[last_quarter.FAMILY] = set(get_template(last_quarter.SOURCE_KIND).table(last_quarter.REVIEW_TABLE).keys)
    for spec in all_templates().values():
        for t in spec.inputs:
            for fam in t.families:
                extra = set(t.keys) - cols[fam] - {"import_id"}
                assert not extra, (t.name, fam, extra)


def test_cover_highlight_skips_blank_cells(built):
    # A cell rule "less than lead time" would paint every blank row red (a blank counts as 0).
    ws = load_workbook(built["inventory"][1])["RestockPlan"]
    rules = [r for cf in ws.conditional_formatting for r in cf.rules if r.type == "expression"]
    assert any(f.startswith("AND(ISNUMBER(") and "<set_lead_time_days" in f for r in rules for f in r.formula)
