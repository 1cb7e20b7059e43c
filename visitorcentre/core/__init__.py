"""Pure rules and value objects: no Qt, no SQLAlchemy, no I/O.

Everything here can be read out to a family: each rule explains itself in plain words.
"""
