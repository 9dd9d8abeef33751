"""Command line: ``python -m articles.nlp tag IN.jsonl OUT.jsonl`` and ``bench PATH``.

``bench`` reads every article of the SaudiNewsNet daily ZIPs under PATH
before starting the clock, so the figure is tagging speed only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from articles.nlp.lexicon import DEFAULT_DATA_DIR, Lexicon
from articles.nlp.tagger import Tagger
from articles.nlp.types import ArticleInput


def _read_jsonl(path: Path) -> Iterator[ArticleInput]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield ArticleInput.from_dict(json.loads(line))


def read_saudinewsnet(path: Path) -> list[ArticleInput]:
    """All articles of the daily ZIPs (each holds one JSON array) under ``path``."""
    out: list[ArticleInput] = []
    for zpath in sorted(Path(path).rglob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for name in z.namelist():
                if not name.endswith(".json"):
                    continue
                for i, row in enumerate(json.loads(z.read(name).decode("utf-8"))):
                    out.append(
                        ArticleInput(
                            id=f"{zpath.stem}/{i}",
                            title=row.get("title") or "",
                            text=row.get("content") or "",
                            published_at=row.get("date_extracted"),
                            source=row.get("source"),
                            lang="ar",
                        )
                    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m articles.nlp")
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("tag", help="tag a JSON Lines file (spec input form)")
    t.add_argument("input", type=Path)
    t.add_argument("output", type=Path)
    b = sub.add_parser("bench", help="tagging speed over SaudiNewsNet ZIPs")
    b.add_argument("path", type=Path)
    args = ap.parse_args(argv)

    tagger = Tagger(Lexicon.from_data_dir(args.data_dir))
    if args.cmd == "tag":
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("w", encoding="utf-8") as out:
            for result in tagger.tag_many(_read_jsonl(args.input)):
                out.write(json.dumps(result.to_spec(), ensure_ascii=False) + "\n")
        return 0
    articles = read_saudinewsnet(args.path)
    start = time.perf_counter()
    for _ in tagger.tag_many(articles):
        pass
    seconds = time.perf_counter() - start
    rate = len(articles) / seconds if seconds else 0.0
    print(
        json.dumps(
            {
                "articles": len(articles),
                "seconds": round(seconds, 2),
                "articles_per_second": round(rate, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
