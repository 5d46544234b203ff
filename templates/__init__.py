"""xladdin workbook templates: declarations only (the builder is ``xladdin.workbooks.builder``).

This folder is a real package shipped in the wheel (``pyproject.toml`` includes ``templates*``):
the issue fixes the folder name, and code declarations (dataclasses from ``xladdin.workbooks.spec``) are
checked at import time, which data files would not be.  Because ``templates`` is a generic top-level
name, xladdin only accepts this module when it carries the ``XLADDIN_TEMPLATES`` marker
(``xladdin.workbooks.registry.templates``).
"""

from templates.ads import ADS
from templates.inventory import INVENTORY

XLADDIN_TEMPLATES = True
TEMPLATES = {t.kind: t for t in (ADS, INVENTORY)}
