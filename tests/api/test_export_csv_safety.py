"""CSV exports escape cells a spreadsheet would run as formulas (OWASP CSV injection)."""
import csv
import io

import pytest

from incidents.csv_safety import csv_safe
from tests.factories import ClaimFactory, IncidentFactory, PublisherFactory

pytestmark = pytest.mark.django_db


def test_publisher_name_that_looks_like_a_formula_is_exported_as_text(viewer_api):
    incident = IncidentFactory(title="Shelling near Goris")
    ClaimFactory(incident=incident, article__publisher=PublisherFactory(name='=HYPERLINK("http://x.test","go")'))

    response = viewer_api.get("/api/incidents/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert rows[0]["source"].startswith("'=HYPERLINK(")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_escaped(value):
    assert csv_safe(value) == "'" + value


def test_numbers_and_plain_text_are_left_alone():
    assert (csv_safe(-33.5), csv_safe(3), csv_safe("Goris")) == (-33.5, 3, "Goris")
