"""Fetching feeds and pages over HTTP, politely: one request at a time per host, a delay between them,
a deadline per response, a size cap, conditional GET and retries with backoff on transient failures;
never to a local or private address unless allowed (`feeds.addresses`, checked on each connection).

No Django here: the poller passes the limits in (`FetchLimits.from_settings()` reads them from settings).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from feeds.addresses import AddressRefused, GuardedBackend, GuardedTransport, Resolver

MAX_REDIRECTS = 5
# Answers worth trying again later: the server is busy or broken for now, not refusing this URL for good.
TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class FetchError(Exception):
    """A request that did not give a usable response; the message is one line a person can act on."""

    def __init__(self, message: str, *, transient: bool, status: int | None = None):
        super().__init__(message)
        self.transient = transient
        self.status = status


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    host_delay: float = 1.0
    retries: int = 2
    backoff: float = 2.0
    user_agent: str = "conflict-kb-feeds/1.0"
    allow_private: bool = False

    @classmethod
    def from_settings(cls) -> FetchLimits:
        from django.conf import settings

        return cls(timeout=settings.KB_FEED_TIMEOUT, max_bytes=settings.KB_FEED_MAX_BYTES,
                   host_delay=settings.KB_FEED_HOST_DELAY, retries=settings.KB_FEED_RETRIES,
                   backoff=settings.KB_FEED_RETRY_BACKOFF, user_agent=settings.KB_FEED_USER_AGENT,
                   allow_private=settings.KB_FEED_ALLOW_PRIVATE)


@dataclass(frozen=True)
class FetchResult:
    """A response read in full (under the cap): `not_modified` when the server answered 304."""

    url: str  # after redirects
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


@dataclass
class HostGate:
    """One request at a time per host, and at least `delay` seconds between the end of one and the next."""

    delay: float
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def run(self, host: str, request):
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, 0.0) + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return request()
            finally:
                self._last[host] = time.monotonic()


class Fetcher:
    """An HTTP client for the poller; reuse one per poll so connections and host delays are shared."""

    def __init__(self, limits: FetchLimits, *, gate: HostGate | None = None, resolver: Resolver | None = None):
        self.limits = limits
        self.gate = gate or HostGate(limits.host_delay)
        # Every connection, the first and each redirect's, goes to an address checked when it was resolved.
        backend = GuardedBackend(allow_private=limits.allow_private, resolver=resolver)
        self.client = httpx.Client(
            transport=GuardedTransport(backend), follow_redirects=True, max_redirects=MAX_REDIRECTS,
            timeout=httpx.Timeout(limits.timeout), headers={"User-Agent": limits.user_agent}, trust_env=False,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, etag: str = "", last_modified: str = "") -> FetchResult:
        """GET `url`, retrying transient failures with exponential backoff; raise FetchError when it fails."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).hostname or ""
        attempt = 0
        while True:
            try:
                return self.gate.run(host, lambda: self._get_once(url, headers))
            except FetchError as error:
                if not error.transient or attempt >= self.limits.retries:
                    raise
                time.sleep(self.limits.backoff * (2 ** attempt))
                attempt += 1

    def _get_once(self, url: str, headers: dict) -> FetchResult:
        deadline = time.monotonic() + self.limits.timeout
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return FetchResult(url=str(response.url), status=304, not_modified=True,
                                       etag=response.headers.get("etag", ""),
                                       last_modified=response.headers.get("last-modified", ""))
                if response.status_code >= 400:
                    raise FetchError(f"the server answered {response.status_code} {response.reason_phrase}",
                                     transient=response.status_code in TRANSIENT_STATUSES,
                                     status=response.status_code)
                content = self._read_capped(response, deadline)
                return FetchResult(
                    url=str(response.url), status=response.status_code, content=content,
                    content_type=response.headers.get("content-type", ""),
                    etag=response.headers.get("etag", ""), last_modified=response.headers.get("last-modified", ""),
                )
        except AddressRefused as error:
            raise FetchError(str(error), transient=False) from None
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {MAX_REDIRECTS} redirects (a redirect loop?)", transient=False) from None
        except httpx.TimeoutException:
            raise FetchError(f"no complete answer within {self.limits.timeout:g} s (timed out)",
                             transient=True) from None
        except httpx.InvalidURL as error:
            raise FetchError(f"not a URL that can be fetched: {error}", transient=False) from None
        except httpx.UnsupportedProtocol:
            raise FetchError("only http and https addresses can be fetched", transient=False) from None
        except httpx.HTTPError as error:
            raise FetchError(f"could not reach the server ({type(error).__name__}: {error})", transient=True) from None

    def _read_capped(self, response: httpx.Response, deadline: float) -> bytes:
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"the response is {_size(int(declared))}, more than the {_size(cap)} limit",
                             transient=False)
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > cap:
                raise FetchError(f"the response is more than the {_size(cap)} limit", transient=False)
            # A server trickling bytes never trips the read timeout; the deadline bounds the whole response.
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("deadline passed")
            chunks.append(chunk)
        return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
