"""``python -m articles.nlp.learn train|eval``: the models and their out-of-fold scores.

- ``train`` fits every registered component on the labelled set and writes
  ``articles/nlp/models/<name>.json`` (``--check`` compares instead of
  writing, and exits 1 when a file would change);
- ``eval`` prints the rules alone, the committed models in sample and the
  out-of-fold scores side by side, the per-fold F1 and the out-of-fold
  errors grouped by field; it needs no database (the shipped lexicon and
  threads).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from articles.nlp.learn import evaluate
from articles.nlp.learn.registry import MODELS_DIR, dump, load_models
from articles.nlp.lexicon import DEFAULT_DATA_DIR, Lexicon
from articles.nlp.tagger import Tagger


def _args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m articles.nlp.learn")
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--input", type=Path, default=evaluate.DEFAULT_EVAL_DIR / "dev_input.jsonl")
    ap.add_argument("--gold", type=Path, default=evaluate.DEFAULT_EVAL_DIR / "dev.jsonl")
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="fit every component and write its model file")
    t.add_argument("--out", type=Path, default=MODELS_DIR)
    t.add_argument("--check", action="store_true", help="compare with the files, write nothing")
    e = sub.add_parser("eval", help="rules, in-sample and out-of-fold scores")
    e.add_argument("--scorer", type=Path, default=evaluate.DEFAULT_EVAL_DIR / "score.py")
    e.add_argument("--models", type=Path, default=MODELS_DIR)
    e.add_argument("--no-errors", action="store_true")
    e.add_argument(
        "--splits",
        type=int,
        default=0,
        help="also score out of fold on this many other splits by thread, and their mean",
    )
    e.add_argument("--out", type=Path, default=Path("build"), help="where predictions go")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    for path in (args.input, args.gold):
        if not path.is_file():
            print(f"labelled data not found: {path}", file=sys.stderr)
            return 2
    rules = Tagger(Lexicon.from_data_dir(args.data_dir), models={})
    inputs, golds = evaluate.read_jsonl(args.input), evaluate.read_jsonl(args.gold)
    examples = evaluate.build_examples(rules, inputs, golds)
    if args.cmd == "train":
        meta = {
            "data_sha256": evaluate.data_hash(args.input, args.gold),
            "articles": len(examples),
        }
        models = evaluate.train_all(examples, meta)
        changed = []
        for name, model in models.items():
            path = args.out / f"{name}.json"
            text = dump(model)
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != text:
                changed.append(name)
                if not args.check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, encoding="utf-8")
        verb = "differ from the committed files" if args.check else "written"
        print(
            f"trained {', '.join(models)} on {len(examples)} articles; "
            f"{len(changed)} model file(s) {verb}{': ' + ', '.join(changed) if changed else ''}"
        )
        return 1 if args.check and changed else 0

    scorer = evaluate.load_scorer(args.scorer)
    gold = {str(g["id"]): g for g in golds}
    shipped = rules.with_models(load_models(args.models))
    columns = {
        "rules": evaluate.predict(rules, examples),
        "in-sample": evaluate.predict(shipped, examples),
    }
    oof, split = evaluate.out_of_fold(rules, examples)
    columns["out-of-fold"] = oof
    args.out.mkdir(parents=True, exist_ok=True)
    for name, pred in columns.items():
        with (args.out / f"dev_pred_{name}.jsonl").open("w", encoding="utf-8") as f:
            for aid in gold:
                if aid in pred:
                    f.write(json.dumps(pred[aid], ensure_ascii=False) + "\n")
    events = any(p.get("events") for pred in columns.values() for p in pred.values())
    print(f"{len(examples)} labelled articles, {len(split)} folds by thread ({args.gold})")
    parts = evaluate.parts_of(inputs)
    print(
        evaluate.report(
            scorer,
            gold,
            columns,
            split,
            "out-of-fold",
            events=events,
            errors=not args.no_errors,
            parts=parts,
        )
    )
    if args.splits:
        preds = {"default": oof}
        for n in range(1, args.splits + 1):
            preds[f"split {n}"] = evaluate.out_of_fold(rules, examples, salt=str(n))[0]
        print()
        print(evaluate.split_table(scorer, gold, preds, events=events, parts=parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
