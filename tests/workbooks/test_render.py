"""Each built template renders in LibreOffice without error values (#NAME?, #REF! …) on any page."""

import pytest

from tests.workbooks.helpers import ERROR_VALUES, pdf_text, render_pdf


@pytest.mark.parametrize("kind", ["ads", "inventory"])
def test_template_renders_without_error_values(built, kind, tmp_path):
    pdf = render_pdf(built[kind][1], tmp_path)
    text = pdf_text(pdf)
    assert "Dashboard" in text or "看板" in text
    found = [e for e in ERROR_VALUES if e in text]
    assert not found, found
