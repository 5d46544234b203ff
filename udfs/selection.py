"""Worksheet functions: selection (being written)."""
