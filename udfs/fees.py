"""Worksheet functions: fees (being written)."""
