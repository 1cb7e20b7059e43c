"""Sync with the central server: the protocol (``protocol``), the desk's client (``client``), one
sync run (``run``), enrolment (``enrolment``), applying pulled rows (``pulled``). No Qt.

A desk and a server in one process, for tests (no sockets)::

    from visitorcentre.desk import open_desk
    from visitorcentre.server import admin
    from visitorcentre.server.app import create_app
    from visitorcentre.sync.in_process import server_transport
    from visitorcentre.sync.enrolment import enrol

    app = create_app("sqlite:///server.sqlite3")            # or postgresql+psycopg://…
    admin.demo(app.state.engine, 50, 1, datetime.utcnow())  # reference data and demo establishments
    code, _ = admin.enrolment_code(app.state.engine, "BAR", datetime.utcnow())
    transport = server_transport(app)                       # wrap it to drop, repeat, delay, reorder…
    enrol("desk.sqlite3", "http://server", code, transport=transport)
    desk = open_desk("desk.sqlite3")
    desk.sync.transport = transport
    desk.sync.now()

Any ``httpx.BaseTransport`` will do in place of ``server_transport(app)``: a test's faulty
network wraps it and decides, request by request, whether to pass it on, lose it, send it
twice or lose the answer.
"""
