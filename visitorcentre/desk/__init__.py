"""Composing the desk: opening its records on demand, and its first run (enrolled or on its own)."""
