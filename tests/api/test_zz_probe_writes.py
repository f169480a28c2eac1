import json
import pytest
from tests.factories import IncidentFactory, ClaimFactory, ClaimLinkFactory

BODIES = [{"version": "x"}, {"version": 10**30}, {"version": -1}, {"title": None}, {"title": "a"*10000, "version": 1},
          {"date_start": "2024-02-30", "version": 1}, {"actors": ["x"], "version": 1}, {"actors": [10**20], "version": 1},
          {"fatalities_low": -5, "version": 1}, {"fatalities_low": 10**20, "version": 1},
          {"incident": 10**20, "version": 1}, {"start": -1, "end": 10**12, "version": 1}, {"start": 5, "end": 2, "version": 1},
          {"sources": [10**20]}, {"sources": "x"}, {"sources": [1, 1]}, {"claims": [10**20]}, {"claims": []},
          {"claim_a": 1, "claim_b": 1, "relation": "contradicts"}, {"claim_a": 10**20, "claim_b": 1, "relation": "x"},
          {"text": "\x00abc"}, {"text": "hello", "published_at": "notadate"}, {"text": "hello", "published_at": "2024-01-01T00:00:00+23:00"},
          {"text": "hello there", "url": "javascript:alert(1)"}, {"text": "x", "title": "t"*1000}, {"text": "hello", "publisher": "p"*1000},
          {"event_type": "bogus", "version": 1}, {"review_status": "bogus", "version": 1}, [], "str", {"analyst_note": "\x00", "version": 1},
          {"title": "\x00", "version": 1}, {"reason": "\x00", "sources": [2]}]
HEADERS = [{}, {"HTTP_IF_MATCH": '"1"'}, {"HTTP_IF_MATCH": '"99999999999999999999999"'}, {"HTTP_IF_MATCH": "W/"}, {"HTTP_IF_MATCH": '"²"'}]

@pytest.mark.django_db
def test_probe(staff_api):
    inc = IncidentFactory(); inc2 = IncidentFactory()
    c = ClaimFactory(incident=inc); c2 = ClaimFactory(incident=inc)
    link = ClaimLinkFactory()
    staff_api.raise_request_exception = False
    bad = []
    targets = [("patch", f"/api/incidents/{inc.pk}/"), ("patch", f"/api/claims/{c.pk}/"),
               ("post", f"/api/incidents/{inc.pk}/merge/"), ("post", f"/api/incidents/{inc.pk}/split/"),
               ("post", "/api/claim-links/"), ("post", "/api/articles/")]
    for method, url in targets:
        for body in BODIES:
            for h in HEADERS:
                r = getattr(staff_api, method)(url, json.dumps(body), content_type="application/json", **h)
                if r.status_code >= 500:
                    bad.append((method, url, str(body)[:80], h, r.status_code))
    for method, url in [("delete", f"/api/claim-links/{link.pk}/"), ("delete", f"/api/claim-links/{link.pk}/"), ("get", "/api/incidents/abc/"), ("get", "/api/incidents/99999999999999999999/")]:
        r = getattr(staff_api, method)(url)
        if r.status_code >= 500: bad.append((method, url, r.status_code))
    for b in bad: print("BAD", b)
    assert not bad
