"""Worksheet functions: health (being written)."""
