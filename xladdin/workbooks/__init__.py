"""Workbook templates and hosts (issue 4).

* :mod:`~xladdin.workbooks.spec` — declarative specs (``TemplateSpec``, ``TableSpec``, ``Column`` …);
* :mod:`~xladdin.workbooks.builder` — renders a spec through openpyxl (``build_workbook``, ``build_template``);
* :mod:`~xladdin.workbooks.host` — the workbook adapter ``BookHost`` and the headless ``OpenpyxlHost``;
  :mod:`~xladdin.workbooks.xlwings_host` — ``XlwingsHost`` for a workbook open in Excel;
* :mod:`~xladdin.workbooks.registry` — templates by kind, ``register_refresh`` / ``refresh_book``;
* :mod:`~xladdin.workbooks.importer` — ``import_reports`` (``xladdin import``);
* :mod:`~xladdin.workbooks.safety` — formula-text guard, row limit, atomic save with backup.

``ads_analysis.py`` and ``inventory_analysis.py`` (the analytics, pure pandas) live beside these.
"""

from xladdin.workbooks.host import BookHost, OpenpyxlHost
from xladdin.workbooks.registry import (
    get_template,
    refresh_book,
    register_refresh,
    template_kinds,
)

__all__ = ["BookHost", "OpenpyxlHost", "get_template", "refresh_book", "register_refresh", "template_kinds"]
