"""Alembic environment for the central server's database (its own history, apart from the desk's)."""

from alembic import context
from sqlalchemy import create_engine

from visitorcentre.server.tables import ServerBase

config = context.config
target_metadata = ServerBase.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        version_table="server_alembic_version",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("Give the server database's address as sqlalchemy.url.")
    with create_engine(url).connect() as fresh:
        _run(fresh)
        fresh.commit()
