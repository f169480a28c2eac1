"""Competing accounts ingested from the command line: opposing sides' statements about one night join one
incident whose fatalities add up across sides (domain.md, "Counting casualties"), and its ACLED row keeps
the two sides apart. The statements are written for these tests."""
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from incidents import selectors
from incidents.exports import acled_row
from incidents.models import Claim, Incident

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "presstv-armenia-azerbaijan-border-clashes.txt"
ARMENIAN = DATA / "cross" / "armenian-mod-goris-shelling.txt"
AZERBAIJANI = DATA / "cross" / "azerbaijani-mod-lachin-shelling.txt"

# One night, two sides: three soldiers of one side killed by its own account; two soldiers and one civilian
# of the other by the other's.
ARMENIA_THREE_SOLDIERS = """Armenia says Azerbaijani drone strike killed three soldiers

The Armenian Defense Ministry said on Wednesday that Azerbaijani forces struck Armenian army positions near \
Jermuk overnight.

The ministry said three Armenian soldiers were killed in the attack.
"""
AZERBAIJAN_TWO_SOLDIERS_ONE_CIVILIAN = """Azerbaijan says Armenian fire killed two soldiers and a civilian

Azerbaijan's Defense Ministry said on Wednesday that Armenian forces shelled Azerbaijani positions near \
Kelbajar overnight.

The ministry said two Azerbaijani soldiers and one civilian were killed in the shelling.
"""
# Other wordings: "four of its servicemen", a rival estimate within one side (the prime minister's six), a
# cumulative toll beside them, and the other side's wounded (no dead).
ARMENIA_RIVAL_ESTIMATES = """Armenia says four soldiers killed in Azerbaijani attack near Goris

The Armenian Defense Ministry said on Thursday that Azerbaijani troops attacked Armenian positions near Goris \
overnight. The ministry said four of its servicemen died in the attack.

Armenian Prime Minister Nikol Pashinyan said six Armenian soldiers were killed near Goris.

More than 300 Armenian servicemen have been killed since the war began, the ministry said.
"""
AZERBAIJAN_ONE_WOUNDED = """Azerbaijan says Armenian forces opened fire near Lachin

Azerbaijan's Defense Ministry said on Thursday that Armenian forces fired on Azerbaijani army positions near \
Lachin overnight.

The ministry said one Azerbaijani serviceman was wounded.
"""


def ingest(path: Path, *, publisher: str, published_at: str) -> None:
    call_command("ingest", str(path), "--publisher", publisher, "--published-at", published_at, stdout=io.StringIO())


def statement(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def incident_of(filename: str) -> Incident:
    return Incident.objects.filter(claims__article__original_filename__endswith=filename).distinct().get()


def figures_by_side(incident: Incident) -> dict[str, tuple]:
    return {group["label"]: (group["low"], group["best"], group["high"]) for group in incident.fatalities_by_group}


def test_two_sides_statements_about_one_night_are_one_incident_of_six_dead_with_the_sides_in_actor1_and_actor2(
        tmp_path):
    """domain.md "Counting casualties", across groups: 3 of one side + 2 soldiers and 1 civilian of the other."""
    ingest(statement(tmp_path, "armenia-three.txt", ARMENIA_THREE_SOLDIERS), publisher="Armenian Defense Ministry",
           published_at="2022-10-12")
    ingest(statement(tmp_path, "azerbaijan-two-and-one.txt", AZERBAIJAN_TWO_SOLDIERS_ONE_CIVILIAN),
           publisher="Azerbaijani Defense Ministry", published_at="2022-10-12")

    incident = incident_of("armenia-three.txt")
    assert incident == incident_of("azerbaijan-two-and-one.txt")
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (6, 6, 6)
    assert figures_by_side(incident) == {"Armenia forces": (3, 3, 3), "Azerbaijan forces": (2, 2, 2),
                                         "Civilians": (1, 1, 1)}
    row = acled_row(selectors.incidents_for_export().get(pk=incident.pk))
    assert {row["actor1"], row["actor2"]} == {"Armenia", "Azerbaijan"}
    assert "Armenia" not in row["assoc_actor_1"] + row["assoc_actor_2"].replace("Armenia Defense Ministry", "")
    assert (row["inter1"], row["inter2"], row["interaction"], row["fatalities"]) == (1, 1, "11", 6)


def test_a_rival_estimate_within_one_side_spans_its_range_and_a_cumulative_toll_never_counts(tmp_path):
    """domain.md "Counting casualties": within one group rival figures span low..high (4 and 6), best the most
    specific; the other side's wounded add no dead; "since the war began" is an aggregate, never counted."""
    ingest(statement(tmp_path, "armenia-four-or-six.txt", ARMENIA_RIVAL_ESTIMATES),
           publisher="Armenian Defense Ministry", published_at="2022-10-20")
    ingest(statement(tmp_path, "azerbaijan-one-wounded.txt", AZERBAIJAN_ONE_WOUNDED),
           publisher="Azerbaijani Defense Ministry", published_at="2022-10-20")

    incident = incident_of("armenia-four-or-six.txt")
    assert incident == incident_of("azerbaijan-one-wounded.txt")
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (4, 4, 6)
    assert figures_by_side(incident) == {"Armenia forces": (4, 4, 6)}
    toll = Claim.objects.get(quote__startswith="More than 300 Armenian servicemen")
    assert toll.aggregate and (toll.fatalities_min, toll.fatalities_max) == (301, None)
    assert f"#{toll.pk}" not in incident.fatalities_derivation


def test_seed_and_both_ministries_statements_total_99_with_each_sides_figure():
    """domain.md "Counting casualties": 49 Armenian and 50 Azerbaijani servicemen are 99, not a range 49–50; the
    seed's "a number of" Azerbaijani dead does not pull Azerbaijan's 50 down."""
    ingest(SEED, publisher="Press TV", published_at="2022-09-13")
    ingest(ARMENIAN, publisher="Armenian Defense Ministry", published_at="2022-09-13")
    ingest(AZERBAIJANI, publisher="Azerbaijani Defense Ministry", published_at="2022-09-13")

    incident = incident_of(ARMENIAN.name)
    assert incident == incident_of(AZERBAIJANI.name)
    assert incident.claims.filter(article__original_filename__endswith=SEED.name).exists()
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (99, 99, 99)
    assert figures_by_side(incident) == {"Armenia forces": (49, 49, 49), "Azerbaijan forces": (50, 50, 50)}
    row = acled_row(selectors.incidents_for_export().get(pk=incident.pk))
    assert {row["actor1"], row["actor2"]} == {"Armenia", "Azerbaijan"} and row["fatalities"] == 99
