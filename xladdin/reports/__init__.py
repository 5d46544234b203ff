"""Report recognition and normalisation (issue 3): Amazon / tool exports -> canonical DataFrames.

>>> from xladdin.reports import read_report
>>> rep = read_report("BusinessReport-11-21-19.csv")     # doctest: +SKIP
>>> rep.meta.family, rep.meta.marketplace, len(rep.data)  # doctest: +SKIP
('business_report_child', 'US', 49)

How to add a family: ``xladdin/reports/FRAMEWORK.md``.
"""

from xladdin.reports.base import Col, Context, Detection, Family, Report, ReportMeta
from xladdin.reports.registry import (detect_report, families, get_family, module_detect, module_parse,
                                      read_report, register)

__all__ = ["Col", "Context", "Detection", "Family", "Report", "ReportMeta", "detect_report", "families",
           "get_family", "module_detect", "module_parse", "read_report", "register"]
