"""xladdin: Excel add-in library for Amazon seller operations.

The library imports and runs without Excel and without xlwings; only the add-in edge
(``udfs/`` and the live-Excel workbook host) touches xlwings.
"""

__version__ = "0.1.0"
