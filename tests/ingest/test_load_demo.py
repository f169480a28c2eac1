"""`manage.py load_demo`: the demo publishers and the gold-annotated sample articles, safe to run twice."""
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from incidents.choices import IngestStatus, Ownership, Reliability
from incidents.models import Article, Publisher

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = "ukgov-syria-aid-convoy-attack"


@pytest.fixture
def data_dir(tmp_path):
    for suffix in (".txt", ".gold.json"):
        shutil.copy(DATA / "dev" / f"{SAMPLE}{suffix}", tmp_path / f"{SAMPLE}{suffix}")
    (tmp_path / "notes-without-gold.txt").write_text("A file without a gold annotation is not demo data.")
    return tmp_path


def _load(data_dir):
    call_command("load_demo", "--data-dir", str(data_dir), verbosity=0)


def test_press_tv_is_created_as_iranian_state_media_graded_d(data_dir):
    _load(data_dir)
    press_tv = Publisher.objects.get(name="Press TV")
    assert (press_tv.ownership, press_tv.country_code, press_tv.alignment, press_tv.reliability) == (
        Ownership.STATE_RUN, "IR", "Iranian state media", Reliability.D,
    )


def test_government_publishers_are_created_as_government_offices(data_dir):
    _load(data_dir)
    offices = set(Publisher.objects.filter(ownership=Ownership.GOVERNMENT_OFFICE).values_list("name", flat=True))
    assert offices == {"U.S. Department of State", "U.S. Central Command", "UK Government"}


def test_only_articles_with_a_gold_file_are_ingested_with_its_publisher_and_date(data_dir):
    _load(data_dir)
    article = Article.objects.get()
    assert (article.publisher.name, article.published_at.date(), article.status) == (
        "UK Government", date(2016, 12, 21), IngestStatus.DONE,
    )


def test_running_twice_adds_nothing(data_dir):
    _load(data_dir)
    _load(data_dir)
    assert (Publisher.objects.count(), Article.objects.count()) == (4, 1)


def test_an_analyst_grade_survives_a_rerun(data_dir):
    _load(data_dir)
    Publisher.objects.filter(name="Press TV").update(reliability=Reliability.E)
    _load(data_dir)
    assert Publisher.objects.get(name="Press TV").reliability == Reliability.E


def test_a_folder_without_gold_files_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No \\*.gold.json files"):
        _load(tmp_path)
