"""Throughput of the extractor against natasha's full pipeline on the same texts.

Usage: python bench/extraction.py [--corpus DIR] [--count N]

The dev corpus is repeated to at least N bulletins (default 500). Each side runs in a process of
its own, one after the other: it loads its models (timed), warms up on a few texts, then processes
every bulletin once; the table shows bulletins/s, characters/s, model load time, the process's
peak resident memory (models included), and the ratio ours/natasha (>= 1.0: at least as fast).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_dev import decode


def load_texts(corpus: Path, count: int) -> list[str]:
    base = [decode(p.read_bytes()) for p in sorted(corpus.glob("*.txt"))]
    texts = []
    while len(texts) < count:
        texts.extend(base)
    return texts


def natasha_side():
    from natasha import (
        Doc,
        MorphVocab,
        NamesExtractor,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    emb = NewsEmbedding()
    segmenter, vocab = Segmenter(), MorphVocab()
    morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    NamesExtractor(vocab)

    def run(text: str) -> None:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        for span in doc.spans:
            span.normalize(vocab)

    return run


def ours_side():
    from meetings.extraction import extract, load_pipeline

    load_pipeline()
    return extract


DEV_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus" / "dev"
SIDES = {"natasha full": natasha_side, "extractor": ours_side}


def measure(name: str, texts: list[str]) -> dict:
    """In a fresh process: load (timed), warm up, time one pass; peak RSS of that process."""
    factory = SIDES[name]
    started = time.perf_counter()
    run = factory()
    load = time.perf_counter() - started
    for text in texts[:10]:  # warm-up
        run(text)
    started = time.perf_counter()
    for text in texts:
        run(text)
    elapsed = time.perf_counter() - started
    chars = sum(len(t) for t in texts)
    return {
        "name": name,
        "bulletins_s": len(texts) / elapsed,
        "chars_s": chars / elapsed,
        "load_s": load,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_apart(name: str, texts: list[str]) -> dict:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(measure, (name, texts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEV_CORPUS)
    ap.add_argument("--count", type=int, default=500)
    args = ap.parse_args()
    texts = load_texts(args.corpus, args.count)
    rows = [measure_apart(name, texts) for name in SIDES]
    print(f"{len(texts)} bulletins, {sum(len(t) for t in texts)} characters, one process per side")
    print(f"{'pipeline':<14}{'bulletins/s':>12}{'chars/s':>12}{'load s':>9}{'peak RSS MB':>13}")
    for r in rows:
        print(
            f"{r['name']:<14}{r['bulletins_s']:>12.1f}{r['chars_s']:>12.0f}"
            f"{r['load_s']:>9.2f}{r['peak_rss_mb']:>13.1f}"
        )
    print(f"ratio extractor/natasha (bulletins/s): {rows[1]['bulletins_s'] / rows[0]['bulletins_s']:.2f}")


if __name__ == "__main__":
    main()
