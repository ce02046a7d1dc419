"""Write a synthetic corpus of N article files for benchmarks (not used by the tests).

Each article keeps the header of a seed or fixture article and draws 4-10 body paragraphs at
random from all of them, so documents mostly differ (dedup keeps most of them) while the text,
headers, captions and sidebars stay realistic.

    python benchmarks/generate_corpus.py --articles 1000 --output benchmarks/out/corpus
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").glob("*/*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "out" / "corpus")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.output.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    headers = [t.split("\n")[:2] for t in texts]
    pool = [line for t in texts for line in t.split("\n")[2:] if len(line.split()) > 8]
    for number in range(args.articles):
        header = headers[number % len(headers)]
        body = rng.sample(pool, rng.randint(4, 10))
        text = "\n".join(header + [""] + [f"{line}\n" for line in body]) + f"\nBài số {number}\n"
        (args.output / f"article_{number:06d}.txt").write_text(text, encoding="utf-8")
    print(f"wrote {args.articles} articles to {args.output}")


if __name__ == "__main__":
    main()
