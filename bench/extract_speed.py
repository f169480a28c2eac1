"""How fast `manage.py extract` reads articles, against bare spaCy on the same texts in the same run.

    .venv/bin/python bench/extract_speed.py [--words 50000] [--rounds 3] [--batch-size 16]

Texts: tests/data/*.txt and tests/data/dev/*.txt, repeated to about --words words. Both sides
are warmed up first, then timed in alternating rounds; the best round of each is reported
(the least disturbed by other processes). The pipeline side is what the command runs per
file: read_document() on the bytes, then extract_texts() over the texts; the baseline is
nlp.pipe() of the same model package, loaded plain. Goal: ratio >= 0.8.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from ingest.pipeline import DEFAULT_MODEL, extract_texts, load_nlp  # noqa: E402
from ingest.pipeline.nlp import load_model_package  # noqa: E402
from ingest.readers import read_document  # noqa: E402


def corpus(words: int) -> list[tuple[str, bytes]]:
    """(filename, bytes) of the test articles, repeated until they hold about `words` words."""
    data = PROJECT / "tests" / "data"
    paths = sorted(data.glob("*.txt")) + sorted((data / "dev").glob("*.txt"))
    files = [(path.name, path.read_bytes()) for path in paths]
    total, chosen = 0, []
    while total < words:
        for name, content in files:
            chosen.append((name, content))
            total += len(content.split())
    return chosen


def run_pipeline(files: list[tuple[str, bytes]], nlp, batch_size: int) -> int:
    items = []
    for name, content in files:
        document = read_document(content, name)
        items.append((document.text, {"published_at": document.published_at, "publisher": document.site_name}))
    return sum(1 for _ in extract_texts(items, nlp=nlp, batch_size=batch_size))


def run_baseline(files: list[tuple[str, bytes]], nlp, batch_size: int) -> int:
    texts = (content.decode("utf-8") for _, content in files)
    return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))


def timed(run, *args) -> float:
    start = time.perf_counter()
    run(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    model = os.environ.get("SPACY_MODEL", DEFAULT_MODEL)
    pipeline_nlp = load_nlp(model)
    bare_nlp = load_model_package(model)
    files = corpus(args.words)
    words = sum(len(content.split()) for _, content in files)

    warm_up = files[:6]
    run_pipeline(warm_up, pipeline_nlp, args.batch_size)
    run_baseline(warm_up, bare_nlp, args.batch_size)

    pipeline_times, baseline_times = [], []
    for _ in range(args.rounds):
        baseline_times.append(timed(run_baseline, files, bare_nlp, args.batch_size))
        pipeline_times.append(timed(run_pipeline, files, pipeline_nlp, args.batch_size))

    pipeline_wps = words / min(pipeline_times)
    baseline_wps = words / min(baseline_times)
    print(f"model: {model}; {len(files)} texts, {words:,} words; batch size {args.batch_size}; "
          f"best of {args.rounds} rounds")
    print(f"bare nlp.pipe components:  {', '.join(bare_nlp.pipe_names)}")
    print(f"pipeline nlp components:   {', '.join(pipeline_nlp.pipe_names)}")
    print(f"bare nlp.pipe:             {baseline_wps:10,.0f} words/s")
    print(f"extract pipeline:          {pipeline_wps:10,.0f} words/s")
    print(f"ratio (pipeline / bare):   {pipeline_wps / baseline_wps:10.2f}   (goal >= 0.80)")


if __name__ == "__main__":
    main()
