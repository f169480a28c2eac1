"""Fixtures for the pipeline tests: the real spaCy model (loaded once per session) and an actor reader."""
import pytest

from ingest.pipeline import load_nlp
from ingest.pipeline.actors import find_actors
from ingest.pipeline.body import find_body


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture
def read(nlp):
    """Read a text's actors: `read(text, publisher=None) -> (text, ActorTable)`. Place tests override it."""
    def _read(text, publisher=None):
        return text, find_actors(nlp(text), find_body(text), publisher=publisher)
    return _read
