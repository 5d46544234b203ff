"""Worksheet functions: listing (being written)."""
