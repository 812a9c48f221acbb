"""Front door for analysts: `python -m pipeline run | eval`.

    python -m pipeline run corpus/ --out outputs/
    python -m pipeline eval --texts corpus/dev --gold tests/gold/dev --texts corpus/test --gold tests/gold/test

Exit codes: 0 all inputs processed (or recorded as duplicates/skipped), 1 some inputs failed,
2 the run itself failed (bad option, missing path, rule file with a mistake, unwritable output).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from pipeline import __version__

EXIT_OK, EXIT_SOME_FAILED, EXIT_RUN_FAILED = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option in one line and exits with the run-failed code."""

    def error(self, message: str):
        self.exit(EXIT_RUN_FAILED, f"error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m pipeline",
        description="Extract ASEAN environment cooperation areas, meetings and commitments from Vietnamese "
        "and English bulletins into a validated dataset.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser(
        "run", help="run the pipeline on files and folders",
        description="Read every bulletin under PATH (folders are walked recursively; .txt .md .html .htm .pdf "
        ".docx), extract records, and write the dataset to --out (JSONL, CSV, Parquet, DuckDB, JSON Schema, "
        "manifest.json). The previous dataset is replaced only when the new one is complete.",
    )
    run.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders of bulletins")
    run.add_argument("--out", type=Path, default=Path("outputs"), help="dataset folder (default: outputs)")
    run.add_argument("--rules", type=Path, default=None, help="a folder of rule files to use instead of the "
                     "built-in ones (same layout as pipeline/rules)")
    run.add_argument("--max-bytes", type=int, default=None, help="skip files larger than this (default 5 MB)")
    run.add_argument("--quiet", action="store_true", help="no progress bar and no summary")

    evaluate = commands.add_parser(
        "eval", help="score the pipeline against gold annotations",
        description="Run the pipeline on --texts and score it against --gold (GOLD_FORMAT.md). Give several "
        "--texts/--gold pairs to score several splits side by side.",
    )
    evaluate.add_argument("--texts", type=Path, action="append", required=True, help="folder of <id>.txt")
    evaluate.add_argument("--gold", type=Path, action="append", required=True, help="folder of <id>.json")
    evaluate.add_argument("--json", type=Path, default=None, help="also write the scores as JSON here")
    evaluate.add_argument("--errors", action="store_true", help="list every missed, spurious or wrong item")
    return parser


def _progress(quiet: bool):
    def wrap(items: Iterable):
        items = list(items)
        if quiet or len(items) < 2:
            return items
        from tqdm import tqdm

        return tqdm(items, desc="bulletins", unit="file", file=sys.stderr, dynamic_ncols=True,
                    disable=None if sys.stderr.isatty() else os.environ.get("CI") == "true")
    return wrap


def _missing(paths: list[Path]) -> Path | None:
    return next((path for path in paths if not path.exists()), None)


def command_run(args: argparse.Namespace) -> int:
    from pipeline.ingest.reader import DEFAULT_MAX_BYTES
    from pipeline.output.writer import OutputError, check_target
    from pipeline.rules.loader import RuleFileError
    from pipeline.run import run_to

    missing = _missing(args.paths)
    if missing:
        print(f"error: no such file or folder: {missing}", file=sys.stderr)
        return EXIT_RUN_FAILED
    try:
        check_target(args.out.resolve())
        result = run_to(args.paths, args.out, rules_path=args.rules,
                        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES, progress=_progress(args.quiet))
    except (RuleFileError, OutputError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    if not args.quiet:
        print(summary(result, args.out))
    return EXIT_SOME_FAILED if result.failed else EXIT_OK


def summary(result, out: Path) -> str:
    counts = result.manifest.counts
    lines = [
        f"Dataset written to {out}/ in {result.timings.get('total', 0):.1f}s",
        "",
        f"  {'inputs':<14}{'processed':>10}{'duplicate':>10}{'skipped':>9}{'failed':>8}",
        f"  {'':<14}{counts['inputs_processed']:>10}{counts['inputs_duplicate']:>10}"
        f"{counts['inputs_skipped']:>9}{counts['inputs_failed']:>8}",
        "",
        f"  {'records':<14}" + "".join(f"{name:>13}" for name in ("meetings", "commitments", "areas", "entities")),
        f"  {'':<14}" + "".join(f"{counts[name]:>13}" for name in ("meetings", "commitments", "areas", "entities")),
    ]
    if counts.get("rejects"):
        lines.append(f"\n  {counts['rejects']} record(s) failed validation: see {out}/rejects.jsonl")
    problems = [item for item in result.manifest.inputs if item.status in ("failed", "skipped")]
    if problems:
        lines.append("")
        lines += [f"  {item.status:<8} {item.source}: {item.reason}" for item in problems[:20]]
        if len(problems) > 20:
            lines.append(f"  … and {len(problems) - 20} more in {out}/manifest.json")
    return "\n".join(lines)


def command_eval(args: argparse.Namespace) -> int:
    import tempfile

    from pipeline.evaluate import evaluate_tables, load_gold
    from pipeline.run import run

    if len(args.texts) != len(args.gold):
        print("error: give one --gold for each --texts", file=sys.stderr)
        return EXIT_RUN_FAILED
    missing = _missing(args.texts + args.gold)
    if missing:
        print(f"error: no such folder: {missing}", file=sys.stderr)
        return EXIT_RUN_FAILED
    report: dict[str, dict] = {}
    errors = []
    with tempfile.TemporaryDirectory():
        for texts, gold_dir in zip(args.texts, args.gold, strict=True):
            result = run([texts])
            for item in result.failed:  # a failed input scores as all missed: say why, loudly
                print(f"warning: {texts}/{item.source} failed: {item.reason}", file=sys.stderr)
            tables = {name: [r.model_dump(mode="json") for r in records] for name, records in result.tables.items()}
            for lang, score in sorted(evaluate_tables(tables, load_gold(gold_dir)).items()):
                report[f"{texts.name}/{lang}"] = score.as_dict()
                if lang == "all":
                    errors += score.errors
    print(score_table(report))
    if args.errors:
        for error in errors:
            print(json.dumps(error, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return EXIT_OK


def score_table(report: dict[str, dict]) -> str:
    header = (f"{'split/lang':<12}" + "".join(f"{t + ' P/R/F1':>23}" for t in ("areas", "meetings", "commitments"))
              + f"{'meeting attr':>14}{'commit attr':>13}")
    lines = [header, "-" * len(header)]
    for name, row in report.items():
        cells = "".join(
            f"{row[t]['precision']:>7.2f}{row[t]['recall']:>7.2f}{row[t]['f1']:>7.2f}  "
            for t in ("areas", "meetings", "commitments")
        )
        meeting_attr = row["meeting_attribute_accuracy"]
        commitment_attr = row["commitment_attribute_accuracy"]
        lines.append(f"{name:<12}{cells}{_pct(meeting_attr):>12}{_pct(commitment_attr):>13}")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"run": command_run, "eval": command_eval}
    return handlers[args.command](args)
