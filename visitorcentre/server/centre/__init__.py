"""The centre's own records on the server: its audit log, the typed copies the console searches, and its writes.

Web-free: the console's pages (``server.console``) and the command line call these with a
database session; nothing here knows about HTTP.
"""
