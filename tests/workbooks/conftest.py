import pytest

from xladdin.workbooks.builder import build_template, build_workbook
from xladdin.workbooks.registry import all_templates, get_template


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Every template built once: {kind: [xltx, xlsx]}."""
    out = tmp_path_factory.mktemp("templates")
    return {k: build_template(spec, out) for k, spec in all_templates().items()}


@pytest.fixture
def ads_book(tmp_path):
    from xladdin.workbooks.builder import save_workbook

    path = tmp_path / "ads.xlsx"
    save_workbook(build_workbook(get_template("ads")), path, backup=False)
    return path
