"""Every list, detail, search and filter of the API and the pages, the exports, at N incidents (issue 12).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_scale_bench .venv/bin/python bench/scale.py \
        [--incidents 10000] [--rounds 11] [--only api|pages|exports] [--regenerate]

The database named by DATABASE_URL is the benchmark's own: it is created and migrated if missing, and
filled by bench/scale_data.py with N incidents of realistic shapes unless it already holds exactly N
(`--regenerate` empties it first). Requests are served in-process by Django's test client through the
whole middleware stack (DEBUG off), signed in as an analyst, side by side with a bare baseline in the same
run: a view returning `Incident.objects.values(...)[:50]` as a JsonResponse. Requests are timed in
interleaved rounds (round-robin, so a busy machine slows every request alike) after one warm-up round.

Printed per request: p50 and p95 (ms), the baseline's p50 over the request's p50 (speed relative to the
baseline, 1.0 = as fast), queries per request, the response size, and whether it meets its goal (API p95
<= 50 ms and ratio >= 0.5, pages p95 <= 250 ms). Requests over goal get the EXPLAIN (ANALYZE, BUFFERS) of
their slowest query. Exports are timed once, in full: incidents/s (goal >= 2,000) and memory growth.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["KB_THROTTLE_USER"] = "1000000/hour"
os.environ["DJANGO_DEBUG"] = "false"
# In-process over plain HTTP: with DEBUG off the HTTPS redirect would answer every request with a 301.
os.environ.setdefault("KB_HTTPS", "false")

API_GOAL_MS, PAGE_GOAL_MS, API_MIN_RATIO, EXPORT_GOAL = 50.0, 250.0, 0.5, 2000.0


def _database_ready() -> None:
    """Create the benchmark database if it does not exist, then apply the migrations."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command

    database = settings.DATABASES["default"]
    admin = psycopg.connect(host=database["HOST"], port=database["PORT"] or 5432, user=database["USER"],
                            password=database["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]).fetchone():
            admin.execute(f'CREATE DATABASE "{database["NAME"]}"')
    call_command("migrate", verbosity=0)


def _knowledge_base(incidents: int, regenerate: bool) -> dict:
    from django.core.management import call_command

    from bench.scale_data import knowledge_base_generate, knowledge_base_size

    size = knowledge_base_size()
    if size["incidents"] == incidents and not regenerate:
        print(f"Reusing the knowledge base already in the database: {size}")
        return size
    if size["incidents"] or regenerate:
        call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    size = knowledge_base_generate(incidents=incidents)
    print(f"Generated {size} in {time.perf_counter() - started:.0f} s")
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return size


def _baseline(request):
    from django.http import JsonResponse

    from incidents.models import Incident

    rows = list(Incident.objects.values("id", "title", "event_type", "date_start", "fatalities_best")[:50])
    return JsonResponse({"results": rows})


def _urlconf():
    """The project's routes plus the bare baseline view (a module-like object for ROOT_URLCONF)."""
    from types import ModuleType

    from django.urls import include, path

    module = ModuleType("bench_scale_urls")
    module.urlpatterns = [path("bench/baseline/", _baseline), path("", include("config.urls"))]
    return module


def _subjects() -> dict:
    """Ids of the rows the requests read: the busiest actor and place, a typical and the largest incident."""
    from django.db.models import Count

    from incidents.models import Actor, Article, Claim, Incident, Location

    busiest_actor = Actor.objects.annotate(n=Count("incidents")).order_by("-n").values_list("pk", "name", "n")[0]
    busiest_place = Location.objects.annotate(n=Count("incidents")).order_by("-n").values_list("pk", "n")[0]
    largest = Claim.objects.values("incident_id").annotate(n=Count("pk")).order_by("-n")[0]["incident_id"]
    ids = list(Incident.objects.order_by("pk").values_list("pk", flat=True))
    return {
        "actor": busiest_actor[0], "actor_name": busiest_actor[1], "actor_incidents": busiest_actor[2],
        "place": busiest_place[0], "place_incidents": busiest_place[1], "typical": ids[len(ids) // 2],
        "largest": largest, "claim": Claim.objects.order_by("pk").values_list("pk", flat=True)[len(ids)],
        "article": Article.objects.order_by("pk").values_list("pk", flat=True)[len(ids) // 4],
        "deep_page": max(1, int(len(ids) / 25 * 0.8)),
    }


def requests_measured(subjects: dict) -> list[tuple[str, str, str]]:
    """(kind, label, URL) of every request measured; kind is baseline, api or page."""
    s = subjects
    api = [
        ("incidents, no filter", "/api/incidents/"),
        ("incidents has_contradictions=true", "/api/incidents/?has_contradictions=true"),
        ("incidents has_contradictions=false", "/api/incidents/?has_contradictions=false"),
        ("incidents search=killed (common)", "/api/incidents/?search=killed"),
        ("incidents search=Aachen (rare)", "/api/incidents/?search=Aachen"),
        ("incidents actor=<busiest name>", f"/api/incidents/?actor={s['actor_name'].replace(' ', '+')}"),
        ("incidents claimant=<busiest id>", f"/api/incidents/?claimant={s['actor']}"),
        ("incidents location=<busiest id>", f"/api/incidents/?location={s['place']}"),
        ("incidents country=AM", "/api/incidents/?country=AM"),
        ("incidents bbox", "/api/incidents/?bbox=40,30,50,45"),
        ("incidents event_type x2", "/api/incidents/?event_type=battles&event_type=riots"),
        ("incidents review_status=verified", "/api/incidents/?review_status=verified"),
        ("incidents date_from/date_to", "/api/incidents/?date_from=2021-01-01&date_to=2021-06-30"),
        ("incidents background=true", "/api/incidents/?background=true"),
        ("incidents page_size=500", "/api/incidents/?page_size=500"),
        ("incident detail (largest)", f"/api/incidents/{s['largest']}/"),
        ("claims, no filter", "/api/claims/"),
        ("claims quote=Aachen (rare)", "/api/claims/?quote=Aachen"),
        ("claims quote=killed (common)", "/api/claims/?quote=killed"),
        ("claims claimant=<busiest id>", f"/api/claims/?claimant={s['actor']}"),
        ("claims kind=denial", "/api/claims/?kind=denial"),
        ("claim detail", f"/api/claims/{s['claim']}/"),
        ("claim-links", "/api/claim-links/"),
        ("actors search=Brigade", "/api/actors/?search=Brigade"),
        ("locations country=AM", "/api/locations/?country=AM"),
        ("articles", "/api/articles/"),
        ("article detail", f"/api/articles/{s['article']}/"),
    ]
    pages = [
        ("list, no filter", "/"),
        ("list search=killed", "/?search=killed"),
        ("list search=Aachen", "/?search=Aachen"),
        ("list sort=-fatalities", "/?sort=-fatalities"),
        ("list sort=-claims", "/?sort=-claims"),
        ("list sort=title", "/?sort=title"),
        ("list sort=-updated", "/?sort=-updated"),
        ("list sort=date", "/?sort=date"),
        (f"list page={s['deep_page']}", f"/?page={s['deep_page']}"),
        ("list has_contradictions=true", "/?has_contradictions=true"),
        ("list country=AM", "/?country=AM"),
        ("list actor=<busiest id>", f"/?actor={s['actor']}"),
        ("list bbox", "/?bbox=40,30,50,45"),
        ("incident page (typical)", f"/incidents/{s['typical']}/"),
        ("incident page (largest)", f"/incidents/{s['largest']}/"),
        (f"actor page (busiest, {s['actor_incidents']} incidents)", f"/actors/{s['actor']}/"),
        (f"place page (busiest, {s['place_incidents']} incidents)", f"/locations/{s['place']}/"),
        ("article page", f"/articles/{s['article']}/"),
        ("duplicate queue", "/duplicates/"),
    ]
    return ([("baseline", "bare values()[:50] JsonResponse", "/bench/baseline/")]
            + [("api", label, url) for label, url in api] + [("page", label, url) for label, url in pages])


def _get(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return response


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(f"      {row[0]}" for row in cursor.fetchall()[:30])


def _measure(client, requests: list, rounds: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for _, label, url in requests:  # warm-up, and the queries each request makes
        with CaptureQueriesContext(connection) as captured:
            response = _get(client, url)
        slowest = max(captured.captured_queries, key=lambda query: float(query["time"]), default=None)
        results[label] = {"times": [], "queries": len(captured), "bytes": len(response.content),
                          "slowest": slowest}
    for _ in range(rounds):
        for _, label, url in requests:
            started = time.perf_counter()
            _get(client, url)
            results[label]["times"].append((time.perf_counter() - started) * 1000)
    return results


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(requests: list, results: dict) -> None:
    baseline = statistics.median(results[requests[0][1]]["times"])
    print(f"\n{'request':<52} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>6} {'queries':>7} {'KB':>7}  goal")
    over = []
    for kind, label, _ in requests:
        times = results[label]["times"]
        p50, p95 = statistics.median(times), _percentile(times, 0.95)
        ratio = baseline / p50
        if kind == "baseline":
            verdict = ""
        elif kind == "api":
            verdict = "ok" if p95 <= API_GOAL_MS and ratio >= API_MIN_RATIO else "OVER"
        else:
            verdict = "ok" if p95 <= PAGE_GOAL_MS else "OVER"
        if verdict == "OVER":
            over.append(label)
        print(f"{kind + ' ' + label:<52.52} {p50:8.1f} {p95:8.1f} {ratio:6.2f} {results[label]['queries']:7d} "
              f"{results[label]['bytes'] / 1024:7.0f}  {verdict}")
    for label in over:
        slowest = results[label]["slowest"]
        if slowest:
            print(f"\nOver goal: {label}; slowest query {float(slowest['time']) * 1000:.0f} ms:\n"
                  f"    {slowest['sql'][:400]}\n{_explain(slowest['sql'])}")
    print(f"\n{len(over)} request(s) over goal.")


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _bare_export_seconds() -> tuple[float, float]:
    """Wall and CPU seconds of the bare baseline of an export: csv.writer over a values_list() of every incident."""
    import csv
    import io

    from incidents.models import Incident

    started, cpu = time.perf_counter(), time.process_time()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = Incident.objects.values_list("id", "title", "event_type", "date_start", "fatalities_best", "updated_at")
    for row in rows.iterator(chunk_size=2000):
        writer.writerow(row)
        buffer.seek(0)
        buffer.truncate()
    return time.perf_counter() - started, time.process_time() - cpu


def exports_measured(client, incidents: int) -> None:
    """Each full export streamed to the end: incidents/s (wall clock, and per CPU second of this process, which a
    machine shared with other work changes less), size, memory before and at peak, and the bare baseline."""
    bare_wall, bare_cpu = _bare_export_seconds()
    print(f"\n{'export (all incidents)':<22} {'seconds':>8} {'incidents/s':>12} {'per CPU s':>10} {'vs bare':>8} "
          f"{'MB':>7} {'RSS MiB':>16}  goal")
    print(f"{'bare values_list CSV':<22} {bare_wall:8.1f} {incidents / bare_wall:12.0f} {incidents / bare_cpu:10.0f}")
    for label, url in (("CSV", "/api/incidents/export.csv"), ("GeoJSON", "/api/incidents/export.geojson")):
        before = peak = _rss_mib()
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        size = 0
        for index, chunk in enumerate(response.streaming_content):
            size += len(chunk)
            if index % 50 == 0:
                peak = max(peak, _rss_mib())
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        rate = incidents / elapsed
        print(f"{label:<22} {elapsed:8.1f} {rate:12.0f} {incidents / cpu:10.0f} {bare_wall / elapsed:8.2f} "
              f"{size / 1e6:7.1f} {before:7.0f} -> {peak:6.0f}  {'ok' if rate >= EXPORT_GOAL else 'UNDER'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--only", choices=["api", "pages", "exports"])
    parser.add_argument("--regenerate", action="store_true")
    arguments = parser.parse_args()

    import django
    django.setup()
    from django.test import Client, override_settings

    from incidents.roles import ANALYST
    from tests.factories import UserFactory

    _database_ready()
    size = _knowledge_base(arguments.incidents, arguments.regenerate)
    print(f"Knowledge base: {size}")
    with override_settings(ROOT_URLCONF=_urlconf(), ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.force_login(UserFactory(username="bench-analyst", groups=[ANALYST]))
        requests = requests_measured(_subjects())
        if arguments.only in ("api", "pages"):
            wanted = "api" if arguments.only == "api" else "page"
            requests = [requests[0]] + [request for request in requests if request[0] == wanted]
        if arguments.only != "exports":
            report(requests, _measure(client, requests, arguments.rounds))
        if arguments.only in (None, "exports"):
            exports_measured(client, size["incidents"])


if __name__ == "__main__":
    main()
