"""Check-in: the Today board, the search, the visit panel, booking and the visitor form."""
