"""Advice: the visiting rules an establishment keeps, and the advice given at check-in."""
