"""Visits: booking, registering visitors, looking people up, and checking families in."""
