"""Worksheet functions (UDFs) of xladdin: thin xlwings wrappers over ``xladdin.core``.

Importing this package registers every function in :mod:`xladdin.worksheet.registry`.
Each module holds declarations only: argument help, category, and one call to
:func:`xladdin.worksheet.bridge.evaluate`.
"""

from udfs import ads, general  # noqa: F401
