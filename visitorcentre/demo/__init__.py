"""Demo data: realistic Scottish establishments, families and a day's desk activity.

Deterministic for a seed, and fast enough to build 200,000 visitors and 1,000,000 visits.
"""
