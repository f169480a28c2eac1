"""Fixtures for the pipeline tests: the real spaCy model, loaded once per session."""
import pytest

from ingest.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()
