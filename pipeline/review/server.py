"""Serving the review app with uvicorn on a socket bound here, so a busy port is a clear error and port 0
("any free port") tells the caller which one it got."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn


class ServeError(RuntimeError):
    """The server cannot listen where it was asked to."""


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port} ({error.strerror}); choose another --port") from None
    sock.listen(64)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def _server(app) -> uvicorn.Server:
    return uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))


def serve(app, sock: socket.socket) -> None:
    """Serve until Ctrl+C (or SIGTERM)."""
    _server(app).run(sockets=[sock])


@contextmanager
def serving_in_thread(app, host: str = "127.0.0.1", timeout: float = 10.0) -> Iterator[str]:
    """The app served on a free loopback port in a background thread; yields its URL (tests use this)."""
    sock = bind(host, 0)
    server = _server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        waited = 0.0
        while not server.started and waited < timeout:
            threading.Event().wait(0.02)
            waited += 0.02
        if not server.started:
            raise ServeError(f"the review server did not start within {timeout:.0f}s")
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
