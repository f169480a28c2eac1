"""A bounded load test of a running server on this machine: requests/s and p50/p95 latency at 20 and 50 clients.

    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8103 --token TOKEN [--clients 20,50]
        [--seconds 20] [--max-requests 5000]

Loopback only (127.0.0.0/8, localhost, ::1): any other host is refused before a request is sent. Each level
runs `--clients` concurrent clients (httpx, asyncio) for at most `--seconds` seconds and `--max-requests`
requests, then stops by itself. Every client cycles through list and detail endpoints of the API (incidents,
claims, actors, a filtered and a searched list). The first level is the baseline the others are compared to.
Serve the app as production does first, e.g. `gunicorn config.wsgi:application --bind 127.0.0.1:8103`.
"""
from __future__ import annotations

import argparse
import asyncio
import ipaddress
import socket
import statistics
import time
from urllib.parse import urlsplit

import httpx

PATHS = ["/api/incidents/", "/api/claims/", "/api/actors/", "/api/incidents/?country=AM",
         "/api/incidents/?search=shelling", "/api/locations/"]


def loopback_only(url: str) -> None:
    host = urlsplit(url).hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not addresses or not all(ipaddress.ip_address(address).is_loopback for address in addresses):
        raise SystemExit(f"refusing {host}: this load test only targets this machine's loopback addresses")


async def level(url: str, headers: dict, clients: int, seconds: float, max_requests: int) -> dict:
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.perf_counter() + seconds
    detail_ids: list[int] = []

    async def client(number: int, http: httpx.AsyncClient) -> None:
        nonlocal errors, sent
        i = number
        while time.perf_counter() < deadline and sent < max_requests:
            sent += 1
            if detail_ids and i % 3 == 0:
                path = f"/api/incidents/{detail_ids[i % len(detail_ids)]}/"
            else:
                path = PATHS[i % len(PATHS)]
            i += 1
            started = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code != 200:
                    errors += 1
                elif path == "/api/incidents/" and not detail_ids:
                    detail_ids.extend(row["id"] for row in response.json().get("results", [])[:20])
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=30) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(n, http) for n in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {"clients": clients, "requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50": statistics.median(latencies) if latencies else 0,
            "p95": latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8103")
    parser.add_argument("--token", required=True)
    parser.add_argument("--clients", default="20,50")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-requests", type=int, default=5000)
    args = parser.parse_args()
    loopback_only(args.url)
    headers = {"Authorization": f"Token {args.token}"}
    baseline = None
    print(f"{'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 s':>6} {'p95 s':>6} {'req/s ratio':>11}")
    for clients in (int(c) for c in args.clients.split(",")):
        result = asyncio.run(level(args.url, headers, clients, args.seconds, args.max_requests))
        baseline = baseline or result["rps"]
        print(f"{result['clients']:>7} {result['requests']:>8} {result['errors']:>6} {result['rps']:>7.1f} "
              f"{result['p50']:>6.2f} {result['p95']:>6.2f} {result['rps'] / baseline:>11.2f}", flush=True)


if __name__ == "__main__":
    main()
