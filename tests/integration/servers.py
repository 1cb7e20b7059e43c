"""A real central server on loopback for the integration tests: uvicorn in a subprocess, SQLite or PostgreSQL.

``server_db_url(kind, tmp_path)`` gives a fresh database (PostgreSQL: a schema of its own on the
``test`` database at 127.0.0.1:5432, dropped afterwards by ``drop_server_db``). ``ServerProcess``
starts ``visitorcentre server`` and waits for ``/health``; ``kill()`` is SIGKILL.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_available() -> str:
    """ "" when PostgreSQL answers, else the reason it cannot be used."""
    try:
        import psycopg

        with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", connect_timeout=3):
            return ""
    except Exception as error:  # noqa: BLE001 - any failure means the same: skip, saying why
        return f"PostgreSQL is not available on 127.0.0.1:5432 (database test): {error}"


def server_db_url(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"vc_{uuid.uuid4().hex[:12]}"
    with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return f"{PG_BASE}?options=-csearch_path%3D{schema}"


def drop_server_db(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    import psycopg

    schema = url.rsplit("%3D", 1)[1]
    with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cli(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run ``visitorcentre ARGS`` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "visitorcentre", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


class ServerProcess:
    """``visitorcentre server`` on a free loopback port."""

    def __init__(self, url: str, port: int | None = None, *options: str, env: dict | None = None):
        self.url = url
        self.port = port or free_port()
        self.address = f"http://127.0.0.1:{self.port}"
        self.options = options  # e.g. "--workers", "4"
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self) -> ServerProcess:
        # A session of its own, so stopping it stops its worker processes too.
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "visitorcentre",
                "server",
                "--database-url",
                self.url,
                "--port",
                str(self.port),
                *self.options,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **self.env},
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.process.stderr.read().decode()}")
            try:
                if httpx.get(f"{self.address}/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not answer within a minute")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # its workers too
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # uvicorn stops its workers itself
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process and self.process.stderr:
            self.process.stderr.close()


def admin(url: str, *args: str) -> subprocess.CompletedProcess:
    return cli("server-admin", "--database-url", url, *args)


def enrolment_code(url: str, establishment: str = "BAR") -> str:
    done = admin(url, "enrolment-code", "--establishment", establishment)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def sync_json(db: Path) -> dict:
    done = cli("sync", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
