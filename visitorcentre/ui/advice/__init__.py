"""Advice and leaflets: the checklist read out at check-in, the rules editor, and the leaflets."""
