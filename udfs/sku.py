"""Worksheet functions: sku (being written)."""
