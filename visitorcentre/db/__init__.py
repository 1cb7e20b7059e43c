"""The desk's local database: models, engine, migrations and read queries."""
