"""Is extraction linear in the length of one article? Seconds per 1,000 words at growing lengths, in one run.

    .venv/bin/python bench/extract_length.py [--words 1000,10000,100000] [--limit-seconds 900] [--profile N]

One article is built per size from the sample articles under tests/data (every folder), paragraph after
paragraph until it holds the number of words, and read by `extract_text` exactly as `manage.py extract`
does (model warmed up first). Printed: words, sentences, seconds, seconds per 1,000 words and its ratio to
the smallest size measured in this run (the baseline; goal: at most 1.5 at the largest). A size whose
predecessor took longer than --limit-seconds is skipped, so the run always ends. --profile N prints the
20 costliest functions (cProfile, cumulative) of the N-word article instead.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from ingest.pipeline import DEFAULT_MODEL, extract_text, load_nlp  # noqa: E402


def article_of(words: int) -> str:
    """One long article of about `words` words: the sample articles' paragraphs, repeated in order."""
    paragraphs = [paragraph.strip() for path in sorted((PROJECT / "tests" / "data").rglob("*.txt"))
                  for paragraph in path.read_text().split("\n\n") if paragraph.strip()]
    out, count, i = [], 0, 0
    while count < words:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(paragraph)
        count += len(paragraph.split())
        i += 1
    return "Long report\n\n" + "\n\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", default="1000,10000,100000")
    parser.add_argument("--limit-seconds", type=float, default=900)
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    nlp = load_nlp(DEFAULT_MODEL)
    extract_text(article_of(300), nlp=nlp)  # warm-up: gazetteer, matchers
    if args.profile:
        text = article_of(args.profile)
        profiler = cProfile.Profile()
        profiler.runcall(extract_text, text, nlp=nlp)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
        return
    baseline = None
    print(f"{'words':>8} {'sentences':>9} {'seconds':>9} {'s/1k words':>10} {'ratio':>6}")
    for words in (int(w) for w in args.words.split(",")):
        text = article_of(words)
        actual = len(text.split())
        started = time.perf_counter()
        extraction = extract_text(text, nlp=nlp)
        seconds = time.perf_counter() - started
        per_k = seconds / actual * 1000
        baseline = baseline or per_k
        sentences = text.count(". ") + text.count(".\n")
        print(f"{actual:>8} {sentences:>9} {seconds:>9.1f} {per_k:>10.3f} {per_k / baseline:>6.2f}"
              f"  ({len(extraction.claims)} claims)", flush=True)
        if seconds > args.limit_seconds:
            print(f"stopping: {seconds:.0f} s is over --limit-seconds; larger sizes not run")
            break


if __name__ == "__main__":
    main()
