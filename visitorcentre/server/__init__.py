"""The central server: enrols desks, takes their changes, hands down what each desk may see.

Build it in-process with ``visitorcentre.server.app.create_app(database_url)``; run it with
``visitorcentre server`` (uvicorn). Its database has its own models (``server.models``) and
its own Alembic migrations (``server/migrations``), separate from the desk's.
"""
