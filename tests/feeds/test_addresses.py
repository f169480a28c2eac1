"""The poller connects only to addresses it checked: a fake resolver gives the answers a hostile DNS would,
and a fake network routes the one "public" address used here to the local test server."""
import ipaddress

import httpcore
import pytest

from feeds.fetching import Fetcher, FetchError, FetchLimits
from tests.feeds.server import Page, Redirect

PUBLIC = "93.184.216.34"
STRICT = FetchLimits(timeout=2, host_delay=0, retries=0)  # private addresses refused, as in production


class FakeResolver:
    """Answers each host's lookups in turn from `answers` (the last one repeats); IP literals are themselves."""

    def __init__(self, **answers: list[list[str]]):
        self.answers = {host.replace("_", "."): list(turns) for host, turns in answers.items()}
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        self.lookups.append(host)
        turns = self.answers[host]
        return turns.pop(0) if len(turns) > 1 else turns[0]


@pytest.fixture
def network(server, monkeypatch):
    """Sockets opened by the poller: PUBLIC reaches the test server; any other address is unroutable here."""
    connected = []
    real_connect = httpcore.SyncBackend.connect_tcp

    def connect_tcp(self, host, port, **options):
        connected.append(host)
        if host != PUBLIC:
            raise httpcore.ConnectError(f"{host} is unroutable in this test")
        return real_connect(self, "127.0.0.1", port, **options)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return connected


def outlet(server, path: str) -> str:
    return server.url(path).replace("127.0.0.1", "outlet.test")


def test_a_name_answering_public_then_private_is_fetched_from_the_public_address_it_was_checked_on(server, network):
    server.routes["/news"] = Page("<p>the outlet's page</p>")
    resolver = FakeResolver(outlet_test=[[PUBLIC], ["127.0.0.1"]])

    with Fetcher(STRICT, resolver=resolver) as fetcher:
        result = fetcher.get(outlet(server, "/news"))

    assert result.content == b"<p>the outlet's page</p>"
    assert (network, resolver.lookups) == ([PUBLIC], ["outlet.test"])
    assert server.requests[0][1]["Host"] == f"outlet.test:{server.httpd.server_address[1]}"


def test_a_name_answering_private_first_is_refused_before_any_connection(server, network):
    resolver = FakeResolver(outlet_test=[["10.0.0.5"], [PUBLIC]])

    with Fetcher(STRICT, resolver=resolver) as fetcher, pytest.raises(FetchError, match=r"private address \(10\.0"):
        fetcher.get(outlet(server, "/news"))

    assert network == [] and server.requests == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(server, network):
    resolver = FakeResolver(outlet_test=[[PUBLIC, "127.0.0.1"]])

    with Fetcher(STRICT, resolver=resolver) as fetcher, pytest.raises(FetchError, match="private"):
        fetcher.get(outlet(server, "/news"))

    assert network == []


def test_a_redirect_to_a_name_answering_link_local_is_refused_at_that_hop(server, network):
    server.routes["/news"] = Redirect("http://metadata.test/latest/meta-data/")
    resolver = FakeResolver(outlet_test=[[PUBLIC]], metadata_test=[["169.254.169.254"]])

    with Fetcher(STRICT, resolver=resolver) as fetcher, pytest.raises(FetchError, match="169.254.169.254"):
        fetcher.get(outlet(server, "/news"))

    assert network == [PUBLIC] and [path for path, _ in server.requests] == ["/news"]


def test_a_redirect_to_a_loopback_address_is_refused_at_that_hop(server, network):
    server.routes["/news"] = Redirect(server.url("/admin/"))
    server.routes["/admin/"] = Page("internal")

    with Fetcher(STRICT, resolver=FakeResolver(outlet_test=[[PUBLIC]])) as fetcher, pytest.raises(
            FetchError, match="127.0.0.1"):
        fetcher.get(outlet(server, "/news"))

    assert [path for path, _ in server.requests] == ["/news"]


def test_an_ipv4_mapped_ipv6_loopback_is_refused(server, network):
    resolver = FakeResolver(outlet_test=[["::ffff:127.0.0.1"]])

    with Fetcher(STRICT, resolver=resolver) as fetcher, pytest.raises(FetchError, match="private"):
        fetcher.get(outlet(server, "/news"))

    assert network == []


def test_https_to_the_checked_address_still_verifies_the_host_name(server, network, monkeypatch):
    handshakes = []

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        handshakes.append(server_hostname)
        raise httpcore.ConnectError("no TLS server in this test")

    monkeypatch.setattr(httpcore._backends.sync.SyncStream, "start_tls", start_tls)

    with Fetcher(STRICT, resolver=FakeResolver(outlet_test=[[PUBLIC]])) as fetcher, pytest.raises(FetchError):
        fetcher.get(outlet(server, "/news").replace("http:", "https:"))

    assert (network, handshakes) == ([PUBLIC], ["outlet.test"])
