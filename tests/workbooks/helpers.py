"""Test helpers for workbooks: LibreOffice rendering and the reference-workbook comparator.

The comparator follows XlsxWriter's ``_compare_xlsx_files`` idea, at the openpyxl level: both files are
opened and compared element by element; each test passes an explicit ``ignore`` set.  Every difference is
one line ``Sheet!A1: expected … got …``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("XLADDIN_UPDATE_GOLDEN") == "1"
ERROR_VALUES = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "Err:")
ELEMENTS = ("sheets", "state", "cells", "formats", "tables", "names", "validations", "conditional", "widths",
            "freeze", "merged", "print")


def require_soffice() -> str:
    """Path of soffice; skip when absent locally, fail under CI (``.ci/run`` installs it)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    tools = exe and shutil.which("pdftotext") and shutil.which("pdftoppm")
    if not tools:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice / poppler missing under CI: .ci/run installs libreoffice-calc-nogui poppler-utils")
        pytest.skip("LibreOffice (soffice) or poppler-utils not installed; .ci/run installs them")
    return str(exe)


def render_pdf(xlsx: Path, out_dir: Path | None = None) -> Path:
    """Render a workbook to PDF with headless LibreOffice in a throw-away profile; returns the PDF path."""
    exe = require_soffice()
    out_dir = Path(out_dir or tempfile.mkdtemp(prefix="xladdin-pdf-"))
    profile = Path(tempfile.mkdtemp(prefix="xladdin-lo-profile-"))
    try:
        r = subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                            "--convert-to", "pdf", "--outdir", str(out_dir), str(xlsx)],
                           capture_output=True, text=True, timeout=180, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (Path(xlsx).stem + ".pdf")
    assert pdf.is_file(), f"soffice did not write {pdf}: {r.stdout} {r.stderr}"
    return pdf


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _cf_ranges(ws) -> list[str]:
    return sorted(str(cf.sqref) for cf in ws.conditional_formatting)


def _snapshot(path: Path) -> dict:
    wb = load_workbook(path)
    snap: dict = {"sheets": wb.sheetnames, "names": {}, "book": {}}
    for name, dn in wb.defined_names.items():
        snap["names"][name] = dn.attr_text
    for ws in wb.worksheets:
        s: dict = {}
        s["state"] = ws.sheet_state
        s["cells"] = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
        s["formats"] = {c.coordinate: c.number_format for row in ws.iter_rows() for c in row
                        if c.number_format != "General"}
        s["tables"] = {t.name: t.ref for t in ws.tables.values()}
        s["validations"] = sorted(f"{dv.sqref}: {dv.type} {dv.formula1}" for dv in ws.data_validations.dataValidation)
        s["conditional"] = _cf_ranges(ws)
        s["widths"] = {k: round(d.width, 2) for k, d in sorted(ws.column_dimensions.items()) if d.width}
        s["freeze"] = ws.freeze_panes
        s["merged"] = sorted(str(m) for m in ws.merged_cells.ranges)
        s["print"] = (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight,
                      ws.print_title_rows)
        snap[ws.title] = s
    return snap


def compare_workbooks(expected: Path, got: Path, ignore: set[str] = frozenset()) -> list[str]:
    """Differences between two workbooks, one ``Sheet!A1: expected … got …`` line each.

    ``ignore`` holds element names from :data:`ELEMENTS` or ``"Sheet!A1"`` cell addresses.
    """
    unknown = {i for i in ignore if "!" not in i} - set(ELEMENTS)
    assert not unknown, f"unknown ignore entries {unknown}"
    a, b = _snapshot(expected), _snapshot(got)
    out: list[str] = []
    if "sheets" not in ignore and a["sheets"] != b["sheets"]:
        out.append(f"workbook sheets: expected {a['sheets']} got {b['sheets']}")
    if "names" not in ignore:
        for k in sorted(set(a["names"]) | set(b["names"])):
            if a["names"].get(k) != b["names"].get(k):
                out.append(f"name {k}: expected {a['names'].get(k)!r} got {b['names'].get(k)!r}")
    for sheet in a["sheets"]:
        if sheet not in b:
            continue
        sa, sb = a[sheet], b[sheet]
        for el in ("cells", "formats", "widths", "tables"):
            if el in ignore:
                continue
            for key in sorted(set(sa[el]) | set(sb[el])):
                if f"{sheet}!{key}" in ignore:
                    continue
                if sa[el].get(key) != sb[el].get(key):
                    what = "" if el == "cells" else f" ({el})"
                    out.append(f"{sheet}!{key}{what}: expected {sa[el].get(key)!r} got {sb[el].get(key)!r}")
        for el in ("state", "validations", "conditional", "freeze", "merged", "print"):
            if el not in ignore and sa[el] != sb[el]:
                out.append(f"{sheet} ({el}): expected {sa[el]!r} got {sb[el]!r}")
    return out
