"""A bounded load test of a running server on this machine: requests/s and p50/p95 latency at 20 and 50 clients.

    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8103 --token TOKEN [--clients 20,50]
        [--seconds 20] [--max-requests 5000]

Loopback only (127.0.0.0/8, localhost, ::1): any other host is refused before a request is sent. Each level
runs `--clients` concurrent clients (httpx, asyncio) for at most `--seconds` seconds and `--max-requests`
requests, then stops by itself. Every client cycles through list and detail endpoints of the API (incidents,
claims, actors, a filtered and a searched list). The first level is the baseline the others are compared to.
After each level's total, one line per endpoint: its requests/s, errors and p50/p95.
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
    by_endpoint: dict[str, list[float]] = {}
    errors_by_endpoint: dict[str, int] = {}
    errors = 0
    sent = 0
    deadline = time.perf_counter() + seconds
    detail_ids: list[int] = []

    async def client(number: int, http: httpx.AsyncClient) -> None:
        nonlocal errors, sent
        i = number
        while time.perf_counter() < deadline and sent < max_requests:
            sent += 1
            # Each list path once and the incident detail twice in every len(PATHS) + 2 requests (picking the
            # detail on i % 3 left only the paths at odd places of PATHS, skipping the plain incident list).
            step = i % (len(PATHS) + 2)
            if detail_ids and step >= len(PATHS):
                path = f"/api/incidents/{detail_ids[i % len(detail_ids)]}/"
            else:
                path = PATHS[step % len(PATHS)]
            i += 1
            endpoint = "/api/incidents/{id}/" if path[len("/api/incidents/"):].split("/")[0].isdigit() else path
            started = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code != 200:
                    errors += 1
                    errors_by_endpoint[endpoint] = errors_by_endpoint.get(endpoint, 0) + 1
                elif path == "/api/incidents/" and not detail_ids:
                    detail_ids.extend(row["id"] for row in response.json().get("results", [])[:20])
            except httpx.HTTPError:
                errors += 1
                errors_by_endpoint[endpoint] = errors_by_endpoint.get(endpoint, 0) + 1
            latencies.append(time.perf_counter() - started)
            by_endpoint.setdefault(endpoint, []).append(latencies[-1])

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=30) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(n, http) for n in range(clients)))
        elapsed = time.perf_counter() - started
    endpoints = {name: {**_figures(times, elapsed), "errors": errors_by_endpoint.get(name, 0)}
                 for name, times in sorted(by_endpoint.items())}
    return {"clients": clients, "errors": errors, **_figures(latencies, elapsed), "endpoints": endpoints}


def _figures(latencies: list[float], elapsed: float) -> dict:
    latencies = sorted(latencies)
    return {"requests": len(latencies), "rps": len(latencies) / elapsed,
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
        for name, figures in result["endpoints"].items():
            print(f"{'':>7} {figures['requests']:>8} {figures['errors']:>6} {figures['rps']:>7.1f} "
                  f"{figures['p50']:>6.2f} {figures['p95']:>6.2f}   {name}", flush=True)


if __name__ == "__main__":
    main()
