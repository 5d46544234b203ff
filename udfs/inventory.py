"""Worksheet functions: inventory (being written)."""
