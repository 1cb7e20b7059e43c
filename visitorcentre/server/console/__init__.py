"""The central console: web pages at /console for the centre's staff (GOV.UK Frontend and MoJ Frontend).

``app.make_console`` builds it and ``server.app.create_app`` mounts it; ``PAGES.md`` says how to
add a page. Its accounts and sessions are in ``models``, ``accounts`` and ``signin`` (web-free).
"""
