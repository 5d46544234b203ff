"""Worksheet functions (UDFs) of xladdin: thin xlwings wrappers over ``xladdin.core``.

Importing this package registers every function in :mod:`xladdin.worksheet.registry`.
Each module holds declarations only: argument help, category, and one call to
:func:`xladdin.worksheet.bridge.evaluate`.
"""

from udfs import ads, fees, general, health, inventory, listing, selection, sku  # noqa: F401
