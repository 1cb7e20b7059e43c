"""An httpx transport that calls a server app in this process (no sockets), for tests and tools."""

from __future__ import annotations

import httpx


def server_transport(app) -> httpx.BaseTransport:
    """A transport delivering requests straight to the ASGI ``app`` (e.g. server.app.create_app(...))."""
    import warnings

    with warnings.catch_warnings():  # Starlette suggests another package for this; httpx does the job here
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    client = TestClient(app, raise_server_exceptions=False)
    transport = client._transport  # the test client's own transport: an httpx.BaseTransport
    transport._visitorcentre_client = client  # keep the client (and its event loop portal) alive
    return transport
