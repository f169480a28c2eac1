"""Which addresses the poller may connect to, checked on the address it actually connects to.

A feed's links come from outside: they must not make the server fetch its own neighbours (loopback,
private networks, link-local such as cloud metadata at 169.254.169.254). Checking a host name and then
letting the HTTP client resolve it again to connect leaves a gap (DNS rebinding: a name that resolves
public for the check and private for the connection), so here the name is resolved once per connection,
every address it gave is checked, and the socket is opened to a checked address. httpcore still sends
the URL's Host header and verifies TLS against the host name (SNI), as it passes the name, not our
address, to the TLS layer. A redirect to another origin is a new connection, so each hop is checked.

No Django here.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable

import httpcore
import httpx

Resolver = Callable[[str, int], list[str]]


class AddressRefused(Exception):
    """The host resolves to an address the poller must not connect to; the message names it."""


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses, as the operating system resolves them (an IP literal is itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])  # an IPv6 zone (fe80::1%eth0) is no part of the address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 reaches 127.0.0.1
    return ip.is_global and not ip.is_multicast


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, resolving each host once and connecting only to addresses it checked."""

    def __init__(self, *, allow_private: bool = False, resolver: Resolver | None = None):
        self.allow_private = allow_private
        self.resolver = resolver or system_resolver

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in self._addresses(host, port):
            try:
                return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                           socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error  # the host's next address may answer
        raise failure

    def _addresses(self, host: str, port: int) -> list[str]:
        try:
            addresses = self.resolver(host, port)
        except OSError as error:
            raise httpcore.ConnectError(f"{host} could not be resolved ({error})") from None
        if not addresses:
            raise httpcore.ConnectError(f"{host} could not be resolved (no address)")
        if not self.allow_private:
            # All or nothing: a name giving one inside address among public ones is someone's doing.
            refused = [address for address in addresses if not is_public(address)]
            if refused:
                raise AddressRefused(f"{host} is a local or private address ({refused[0]}); "
                                     "set KB_FEED_ALLOW_PRIVATE to fetch it")
        return addresses


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a `GuardedBackend`."""

    def __init__(self, backend: GuardedBackend):
        super().__init__(trust_env=False)
        # httpx.HTTPTransport offers no network backend argument; its pool (httpx 0.28) is replaced by one
        # built on ours. tests/feeds/test_addresses.py fails if a new httpx stops using it.
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             network_backend=backend)
