"""`manage.py load_demo`: the known publishers and the sample articles of tests/data, ingested. Safe to re-run."""
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from incidents.choices import Ownership, Reliability
from incidents.models import Publisher

# Reliability grades here are demo assessments an analyst would revisit, not verdicts.
DEMO_PUBLISHERS = [
    {"name": "Press TV", "domain": "presstv.ir", "country_code": "IR", "ownership": Ownership.STATE_RUN,
     "alignment": "Iranian state media", "reliability": Reliability.D},
    {"name": "U.S. Department of State", "domain": "state.gov", "country_code": "US",
     "ownership": Ownership.GOVERNMENT_OFFICE, "alignment": "U.S. government", "reliability": Reliability.C},
    {"name": "U.S. Central Command", "domain": "centcom.mil", "country_code": "US",
     "ownership": Ownership.GOVERNMENT_OFFICE, "alignment": "U.S. military, party to the conflict",
     "reliability": Reliability.C},
    {"name": "UK Government", "domain": "gov.uk", "country_code": "GB", "ownership": Ownership.GOVERNMENT_OFFICE,
     "alignment": "UK government", "reliability": Reliability.C},
]


class Command(BaseCommand):
    help = ("Create the demo publishers and ingest every article of the data folder that has a .gold.json beside "
            "it, with the publisher and date the gold file gives. Existing rows are kept as they are.")

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=Path(settings.BASE_DIR) / "tests" / "data")

    def handle(self, *args, data_dir: Path, **options):
        if not data_dir.is_dir():
            raise CommandError(f"No folder of demo articles at {data_dir}.")
        created = self._publishers_ensure()
        self.stdout.write(f"Publishers: {len(DEMO_PUBLISHERS)} known, {created} created.")
        gold_files = sorted(data_dir.rglob("*.gold.json"))
        if not gold_files:
            raise CommandError(f"No *.gold.json files in {data_dir}.")
        for gold_file in gold_files:
            self._article_ingest(gold_file)

    def _publishers_ensure(self) -> int:
        """Create the demo publishers that are missing; returns how many were created."""
        return sum(
            Publisher.objects.get_or_create(name=fields["name"], defaults=fields)[1] for fields in DEMO_PUBLISHERS
        )

    def _article_ingest(self, gold_file: Path) -> None:
        article = json.loads(gold_file.read_text(encoding="utf-8"))["article"]
        text_file = gold_file.parent / article["file"]
        if not text_file.is_file():
            raise CommandError(f"{gold_file} names {article['file']}, which is not beside it.")
        arguments = [str(text_file)]
        if article.get("publisher"):
            arguments += ["--publisher", article["publisher"]]
        if article.get("published_at"):
            arguments += ["--published-at", article["published_at"]]
        call_command("ingest", *arguments, stdout=self.stdout, stderr=self.stderr)
