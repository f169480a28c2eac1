"""A local HTTP server for the feed tests (loopback only): routes written by each test, requests recorded.

A route answers with a `Page` (status, headers, body), or behaves badly on purpose: `Slow` (answers
after a delay, for timeouts), `Huge` (streams many megabytes without a Content-Length) or `Redirect`.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes | str
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict = field(default_factory=dict)


@dataclass
class Slow:
    seconds: float
    page: Page


@dataclass
class Huge:
    megabytes: int


@dataclass
class Redirect:
    to: str
    status: int = 302


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):  # noqa: N802 - the name http.server calls
        server: FeedServer = self.server.feed_server
        server.requests.append((self.path, dict(self.headers)))
        route = server.routes.get(self.path.split("?")[0] if self.path not in server.routes else self.path)
        if route is None:
            return self._send(Page("not found", "text/plain", 404))
        if callable(route):
            route = route(self)
        if isinstance(route, Slow):
            time.sleep(route.seconds)
            route = route.page
        if isinstance(route, Redirect):
            self.send_response(route.status)
            self.send_header("Location", route.to)
            self.end_headers()
            return None
        if isinstance(route, Huge):
            return self._stream(route.megabytes)
        return self._send(route)

    def _send(self, page: Page):
        body = page.body.encode() if isinstance(page.body, str) else page.body
        if page.status == 304:
            self.send_response(304)
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in page.headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _stream(self, megabytes: int):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()  # no Content-Length: the client learns the size only by reading
        chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
        try:
            self.wfile.write(b"<html><body>")
            for _ in range(megabytes):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


class FeedServer:
    """Serves `routes` (path -> Page/Slow/Huge/Redirect or a callable of the handler) at `url(path)`."""

    def __init__(self):
        self.routes: dict = {}
        self.requests: list[tuple[str, dict]] = []
        # A port the system picks: test runs in other worktrees or xdist workers never collide.
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        # Request threads are joined when the server closes, so none outlives its test (a Slow one is waited for).
        self.httpd.daemon_threads = False
        self.httpd.feed_server = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
