"""Front door for analysts: `python -m pipeline run | eval | review | review-users | export`.

    python -m pipeline run corpus/ --out outputs/
    python -m pipeline eval --texts corpus/dev --gold tests/gold/dev --texts corpus/test --gold tests/gold/test
    python -m pipeline review --out outputs/             # the review web app on http://127.0.0.1:8765/
    python -m pipeline review-users add lan --out outputs/   # a reviewer who signs in to a shared server
    python -m pipeline export --reviewed --gold more-gold/ --report

Exit codes: 0 all inputs processed (or recorded as duplicates/skipped), 1 some inputs failed,
2 the run itself failed (bad option, missing path, rule file with a mistake, unwritable output).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
        "manifest.json, and the static report in report/). The previous dataset is replaced only when the new "
        "one is complete.",
    )
    run.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of bulletins, glob patterns "
                     "('corpus/**/*.txt'), or @FILE for a list of paths, one a line")
    run.add_argument("--out", type=Path, default=Path("outputs"), help="dataset folder (default: outputs)")
    run.add_argument("--rules", type=Path, default=None, help="a folder of rule files to use instead of the "
                     "built-in ones (same layout as pipeline/rules)")
    run.add_argument("--max-bytes", type=int, default=None, help="skip files larger than this (default 5 MB)")
    run.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    run.add_argument("--workers", type=int, default=None, metavar="N", help="worker processes (default 1; with "
                     "--engine dask and no --scheduler: one per core)")
    run.add_argument("--engine", choices=("local", "dask"), default="local", help="where the documents are "
                     "processed: this machine (default), or a Dask cluster (same output, byte for byte)")
    run.add_argument("--scheduler", default=None, metavar="ADDRESS", help="with --engine dask: the cluster's "
                     "scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster on this machine)")
    run.add_argument("--cache", type=Path, default=None, metavar="DIR", help="per-document results of earlier "
                     "runs, reused for unchanged files (default: .cache beside --out)")
    run.add_argument("--no-cache", action="store_true", help="process every file afresh; read and write no cache")
    run.add_argument("--no-report", action="store_true", help="do not write the static report (<out>/report/); "
                     "`export --report` writes it later")

    evaluate = commands.add_parser(
        "eval", help="score the pipeline against gold annotations",
        description="Run the pipeline on --texts and score it against --gold (GOLD_FORMAT.md). Give several "
        "--texts/--gold pairs to score several splits side by side, and --bank for a clause bank file (its "
        "passages and their commitments in one file: tests/gold/clauses/README.md).",
    )
    evaluate.add_argument("--texts", type=Path, action="append", default=[], help="folder of <id>.txt")
    evaluate.add_argument("--gold", type=Path, action="append", default=[], help="folder of <id>.json")
    evaluate.add_argument("--bank", type=Path, action="append", default=[], help="a clause bank file (.jsonl), "
                          "each passage a bulletin of its own, its commitments scored (a split named by the file)")
    evaluate.add_argument("--json", type=Path, default=None, help="also write the scores as JSON here")
    evaluate.add_argument("--errors", action="store_true", help="list every missed, spurious or wrong item")
    agree = commands.add_parser(
        "agree", help="score one annotation of texts against another (agreement between annotators)",
        description="Score --other against --gold as eval scores the pipeline, on the same --texts: the agreement "
        "between two annotators, the ceiling of what the pipeline can score on those texts.",
    )
    agree.add_argument("--texts", type=Path, required=True, help="folder of <id>.txt")
    agree.add_argument("--gold", type=Path, required=True, help="folder of <id>.json: the reference annotation")
    agree.add_argument("--other", type=Path, required=True, help="folder of <id>.json: the second annotation")
    agree.add_argument("--errors", action="store_true", help="list every item on which the two differ")
    add_review_commands(commands)
    return parser


def _missing(paths: list[Path]) -> Path | None:
    return next((path for path in paths if not path.exists()), None)


def command_run(args: argparse.Namespace) -> int:
    from pipeline.runtime.long_lived import making_long_lived

    with making_long_lived():  # the modules (spaCy, underthesea...) stay for the whole run
        from pipeline.ingest.inputs import ArgumentError, expand_arguments
        from pipeline.ingest.reader import DEFAULT_MAX_BYTES
        from pipeline.output.writer import OutputError, check_target
        from pipeline.rules.loader import RuleFileError
        from pipeline.runtime.engines import EngineError, make_engine
        from pipeline.runtime.run import progress_bar, run_to

    try:
        args.paths = expand_arguments(args.paths)
    except ArgumentError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    missing = _missing(args.paths)
    if missing:
        print(f"error: no such file or folder: {missing}", file=sys.stderr)
        return EXIT_RUN_FAILED
    if args.workers is not None and args.workers < 1 or args.scheduler and args.engine != "dask":
        print("error: --workers must be 1 or more, and --scheduler goes with --engine dask", file=sys.stderr)
        return EXIT_RUN_FAILED
    cache = None if args.no_cache else args.cache or args.out.resolve().parent / ".cache"
    engine = None
    try:
        check_target(args.out.resolve())
        engine = make_engine(args.engine, args.workers, args.scheduler)
        result = run_to(args.paths, args.out, rules_path=args.rules, max_bytes=args.max_bytes or DEFAULT_MAX_BYTES,
                        progress=progress_bar(args.quiet), engine=engine, cache_dir=cache,
                        report=not args.no_report)
    except (RuleFileError, OutputError, EngineError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    finally:
        if engine is not None:
            engine.close()
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
    if result.changes is not None:
        from pipeline.output.changes import summary_lines

        lines += ["", *summary_lines(result.changes, out)]
    if counts.get("rejects"):
        lines.append(f"\n  {counts['rejects']} record(s) failed validation: see {out}/rejects.jsonl")
    problems = [item for item in result.manifest.inputs if item.status in ("failed", "skipped")]
    if problems:
        lines.append("")
        lines += [f"  {item.status:<8} {item.source}: {item.reason}" for item in problems[:20]]
        if len(problems) > 20:
            lines.append(f"  … and {len(problems) - 20} more in {out}/manifest.json")
    warned = [(item.source, warning) for item in result.manifest.inputs for warning in item.warnings]
    if warned:
        lines.append("")
        lines += [f"  {'warning':<8} {source}: {warning}" for source, warning in warned[:20]]
        if len(warned) > 20:
            lines.append(f"  … and {len(warned) - 20} more warnings in {out}/manifest.json")
    return "\n".join(lines)


def command_eval(args: argparse.Namespace) -> int:
    import tempfile

    from pipeline.evaluate import bank_gold, bank_items, bank_text, evaluate_tables, load_gold

    if len(args.texts) != len(args.gold) or not (args.texts or args.bank):
        print("error: give one --gold for each --texts, or a --bank", file=sys.stderr)
        return EXIT_RUN_FAILED
    missing = _missing(args.texts + args.gold + args.bank)
    if missing:
        print(f"error: no such file or folder: {missing}", file=sys.stderr)
        return EXIT_RUN_FAILED
    report: dict[str, dict] = {}
    errors = []
    splits = [(texts.name, texts, lambda folder=gold_dir: load_gold(folder))
              for texts, gold_dir in zip(args.texts, args.gold, strict=True)]
    with tempfile.TemporaryDirectory() as scratch:
        for bank in args.bank:
            texts = Path(scratch) / bank.stem
            texts.mkdir()
            items = bank_items(bank)
            for item in items:
                (texts / f"{item['id']}.txt").write_text(bank_text(item), encoding="utf-8")
            splits.append((bank.stem, texts, lambda chosen=items: {i["id"]: bank_gold(i) for i in chosen}))
        for name, texts, gold in splits:
            for lang, score in sorted(evaluate_tables(_run_tables(texts), gold()).items()):
                report[f"{name}/{lang}"] = score.as_dict()
                if lang == "all":
                    errors += score.errors
    print(score_table(report))
    print()
    print(attribute_table(report))
    print()
    print(why_table(report))
    if args.errors:
        for error in errors:
            print(json.dumps(error, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return EXIT_OK


def _run_tables(texts: Path) -> dict[str, list[dict]]:
    """The pipeline's tables on a folder of texts, as JSON rows; a failed input scores as all missed (said loudly)."""
    from pipeline.runtime.run import run

    result = run([texts])
    for item in result.failed:
        print(f"warning: {texts}/{item.source} failed: {item.reason}", file=sys.stderr)
    return {name: [r.model_dump(mode="json") for r in records] for name, records in result.tables.items()}


def command_agree(args: argparse.Namespace) -> int:
    from pipeline.evaluate import annotation_as_tables, evaluate_tables, load_gold

    missing = _missing([args.texts, args.gold, args.other])
    if missing:
        print(f"error: no such folder: {missing}", file=sys.stderr)
        return EXIT_RUN_FAILED
    gold, other = load_gold(args.gold), load_gold(args.other)
    scores = evaluate_tables(annotation_as_tables(args.texts, {k: v for k, v in other.items() if k in gold}), gold)
    report = {f"{args.other.name}/{lang}": score.as_dict() for lang, score in sorted(scores.items())}
    print(score_table(report))
    print()
    print(attribute_table(report))
    print()
    print(why_table(report))
    if args.errors:
        for error in scores["all"].errors if "all" in scores else []:
            print(json.dumps(error, ensure_ascii=False))
    return EXIT_OK


def score_table(report: dict[str, dict]) -> str:
    header = (f"{'split/lang':<12}" + "".join(f"{t + ' P/R/F1':>23}" for t in ("areas", "meetings", "commitments"))
              + f"{'meeting attr':>14}{'commit attr':>13}")
    lines = [header, "-" * len(header)]
    for name, row in report.items():
        cells = "".join(
            f"{row[t]['precision']:>7.2f}{row[t]['recall']:>7.2f}{row[t]['f1']:>7.2f}  "
            if t in row.get("scored", (t,)) else f"{'-':>7}{'-':>7}{'-':>7}  "  # not annotated (a clause bank)
            for t in ("areas", "meetings", "commitments")
        )
        meeting_attr = row["meeting_attribute_accuracy"]
        commitment_attr = row["commitment_attribute_accuracy"]
        lines.append(f"{name:<12}{cells}{_pct(meeting_attr):>12}{_pct(commitment_attr):>13}")
    return "\n".join(lines)


def attribute_table(report: dict[str, dict]) -> str:
    """Each attribute's accuracy on matched pairs, per split and language: the aggregate hides which one fails."""
    return _columns_table(report, "attributes", 15, _pct)


def why_table(report: dict[str, dict]) -> str:
    """The missed and spurious meetings and commitments by why (evaluate.py): "merged" into a record of another
    gold item, "nothing_there", a "split" of a matched one, "no_gold_there"."""
    return _columns_table(report, "why", 24, lambda count: str(count or 0))


def _columns_table(report: dict[str, dict], field: str, width: int, cell: Callable[[Any], str]) -> str:
    """One row per split and language, one column per name the rows' `field` holds."""
    names = sorted({name for row in report.values() for name in row.get(field, {})})
    short = [name.replace("meeting.", "m.").replace("commitment.", "c.").replace("spurious", "spur") for name in names]
    header = f"{'split/lang':<12}" + "".join(f"{label:>{width}}" for label in short)
    lines = [header, "-" * len(header)]
    for split, row in report.items():
        lines.append(f"{split:<12}" + "".join(f"{cell(row.get(field, {}).get(n)):>{width}}" for n in names))
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


# --- review, export and report: the logic lives in pipeline/review/ ---


def add_review_commands(commands) -> None:
    dataset_help = "dataset folder (default: outputs)"
    db_help = "decisions database (default: <out>.review.sqlite, beside the dataset folder)"
    reviewers_help = "reviewers who may sign in (default: <out>.reviewers.sqlite, beside the dataset folder)"
    review = commands.add_parser(
        "review", help="review a dataset in the browser: accept, reject, correct, add",
        description="Start a local web app over the dataset in --out: every record beside its evidence in the "
        "text; accept, reject, correct, or add what was missed. Decisions are kept in --db, outside the dataset "
        "folder, and attach to the same records after the pipeline runs again.",
    )
    review.add_argument("--out", type=Path, default=Path("outputs"), help=dataset_help)
    review.add_argument("--db", type=Path, default=None, help=db_help)
    review.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765; 0: any free port)")
    review.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this "
                        "machine only)")
    review.add_argument("--reviewer", default=None, help="name to record decisions under until the reviewer types "
                        "another in the page (default: your login name); not with sign-in")
    review.add_argument("--require-sign-in", action="store_true", help="reviewers sign in even on this machine "
                        "(always so when --host is not a loopback address)")
    review.add_argument("--reviewers", type=Path, default=None, help=reviewers_help)
    review.add_argument("--session-hours", type=float, default=12.0, metavar="H", help="a sign-in lasts H hours "
                        "(default 12)")

    users = commands.add_parser(
        "review-users", help="add, remove or list the reviewers who may sign in to a shared review server",
        description="Reviewers sign in when the review app is served beyond this machine (--host) or with "
        "--require-sign-in. They are kept in --reviewers, outside the dataset folder, with scrypt hashes of "
        "their passwords or tokens; removing one ends their sessions at once.",
    )
    users.add_argument("action", choices=("add", "remove", "list"))
    users.add_argument("name", nargs="?", help="the reviewer's name (add, remove)")
    users.add_argument("--out", type=Path, default=Path("outputs"), help=dataset_help)
    users.add_argument("--reviewers", type=Path, default=None, help=reviewers_help)
    users.add_argument("--token", action="store_true", help="add: generate a token to sign in with, printed once, "
                       "instead of asking for a password")
    users.add_argument("--password-stdin", action="store_true", help="add: read the password from the first line "
                       "of standard input instead of asking for it")
    users.add_argument("--replace", action="store_true", help="add: give an existing reviewer a new secret")

    export = commands.add_parser(
        "export", help="write the reviewed dataset, gold files from reviewed documents, or the static report",
        description="--reviewed: the dataset with decisions applied (rejected records removed, corrections and "
        "additions in, a review_status column) into --to. --gold DIR: every fully reviewed document as "
        "DIR/texts/<id>.txt and DIR/gold/<id>.json (GOLD_FORMAT.md). --report: the static report (a folder: "
        "index.html with the charts and the document list, docs/ with the document views) with the decisions "
        "applied; a run writes it without them.",
    )
    export.add_argument("--out", type=Path, default=Path("outputs"), help=dataset_help)
    export.add_argument("--db", type=Path, default=None, help=db_help)
    export.add_argument("--reviewed", action="store_true", help="write the dataset with decisions applied")
    export.add_argument("--to", type=Path, default=None, help="folder for --reviewed (default: <out>-reviewed)")
    export.add_argument("--gold", type=Path, default=None, metavar="DIR", help="write reviewed documents as gold")
    export.add_argument("--report", nargs="?", const="", default=None, metavar="DIR",
                        help="write the static report (default DIR: <out>/report)")


def command_review(args: argparse.Namespace) -> int:
    from pipeline.review.accounts import default_reviewers_path, has_reviewers
    from pipeline.review.app import create_app
    from pipeline.review.dataset import DatasetError
    from pipeline.review.security import LOOPBACK_HOSTS, is_loopback
    from pipeline.review.server import ServeError, bind, serve, url_of
    from pipeline.review.signin import SignIn
    from pipeline.review.store import default_db_path

    db = args.db or default_db_path(args.out)
    loopback = is_loopback(args.host)
    reviewers = args.reviewers or default_reviewers_path(args.out)
    sign_in = None
    if not loopback or args.require_sign_in:
        problem = _sign_in_problem(args, reviewers, has_reviewers(reviewers))
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return EXIT_RUN_FAILED
        sign_in = SignIn(reviewers, args.session_hours)
    try:
        app = create_app(args.out, db, args.reviewer, allowed_hosts=LOOPBACK_HOSTS if loopback else None,
                         sign_in=sign_in)
        sock = bind(args.host, args.port)
    except (DatasetError, ServeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    if not loopback:
        print(f"warning: listening on {args.host} over plain HTTP: passwords and session cookies cross the network "
              f"unencrypted; where the network is not trusted, serve it behind an HTTPS reverse proxy",
              file=sys.stderr)
    signing = f"; reviewers sign in (kept in {reviewers})" if sign_in else ""
    print(f"Reviewing {args.out} at {url_of(sock)} (decisions in {db}{signing}); Ctrl+C to stop", flush=True)
    serve(app, sock)
    return EXIT_OK


def _sign_in_problem(args: argparse.Namespace, reviewers: Path, any_reviewer: bool) -> str | None:
    """Why the app cannot require sign-in as asked (None: it can)."""
    where = f"--host {args.host}" if not args.require_sign_in else "--require-sign-in"
    if args.reviewer:
        return f"--reviewer does not go with sign-in ({where}): each decision is recorded under who signed in"
    if args.session_hours <= 0:
        return "--session-hours must be more than 0"
    if not any_reviewer:
        return (f"with {where} reviewers must sign in, and {reviewers} holds no reviewer yet: add one with "
                f"`python -m pipeline review-users add NAME --reviewers {reviewers}`")
    return None


def command_review_users(args: argparse.Namespace) -> int:
    from pipeline.review.accounts import AccountError, ReviewerAccounts, default_reviewers_path, new_token

    path = args.reviewers or default_reviewers_path(args.out)
    if args.action != "list" and not args.name:
        print(f"error: review-users {args.action} needs the reviewer's NAME", file=sys.stderr)
        return EXIT_RUN_FAILED
    try:
        accounts = ReviewerAccounts(path)
        if args.action == "list":
            _print_reviewers(accounts, path)
        elif args.action == "remove":
            print(f"Removed {accounts.remove(args.name)} from {path}; their sessions have ended")
        else:
            secret = new_token() if args.token else _read_password(args.password_stdin)
            name = accounts.add(args.name, secret, "token" if args.token else "password", replace=args.replace)
            print(f"{'Replaced the secret of' if args.replace else 'Added'} {name} in {path}")
            if args.token:
                print(f"Their token (shown only now; they sign in with it as their password): {secret}")
    except (AccountError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    return EXIT_OK


def _print_reviewers(accounts, path: Path) -> None:
    reviewers = accounts.reviewers()
    print(f"{len(reviewers)} reviewer(s) in {path}")
    for reviewer in reviewers:
        print(f"  {reviewer.name}\t{reviewer.kind}, added {reviewer.added_at}, {reviewer.sessions} open session(s)")


def _read_password(from_stdin: bool) -> str:
    """The password, never echoed: asked twice at a terminal, or the first line of standard input."""
    from getpass import getpass

    from pipeline.review.accounts import AccountError

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass("Password: ")
    if getpass("Password again: ") != password:
        raise AccountError("the two passwords differ; nothing was changed")
    return password


def command_export(args: argparse.Namespace) -> int:
    from pipeline.output.writer import OutputError
    from pipeline.review.dataset import DatasetError
    from pipeline.review.export import export_gold, export_reviewed, open_review
    from pipeline.review.report import write_report
    from pipeline.review.store import default_db_path

    if not (args.reviewed or args.gold or args.report is not None):
        print("error: say what to export: --reviewed, --gold DIR and/or --report [DIR]", file=sys.stderr)
        return EXIT_RUN_FAILED
    db = args.db or default_db_path(args.out)
    try:
        if args.report is not None:
            report = write_report(args.out, db, Path(args.report) if args.report else None)
            print(f"Report written to {report}/index.html")
        if args.reviewed or args.gold:
            resolution, store = open_review(args.out, db)
        if args.reviewed:
            folder = args.out.resolve()
            to = args.to or folder.with_name(folder.name + "-reviewed")
            result = export_reviewed(resolution, store, to)
            counts = ", ".join(f"{n} {status}" for status, n in sorted(result.reviewed.counts.items()) if n)
            print(f"Reviewed dataset written to {result.folder} ({counts or 'no decisions'})")
            for stale in result.reviewed.stale:
                print(f"  stale, not applied: {stale['record']}: {stale['reason']}", file=sys.stderr)
        if args.gold:
            written = export_gold(resolution, args.gold)
            print(f"{len(written)} fully reviewed document(s) written as gold to {args.gold}/texts and "
                  f"{args.gold}/gold" + (f": {', '.join(written)}" if written else ""))
    except (DatasetError, OutputError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"run": command_run, "eval": command_eval, "agree": command_agree, "review": command_review,
                "review-users": command_review_users, "export": command_export}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("interrupted: the previous dataset, if any, is unchanged", file=sys.stderr)
        return EXIT_RUN_FAILED
    except Exception as error:  # noqa: BLE001 - an unexpected failure still gets one plain line and exit 2
        print(f"error: the {args.command} command failed: {type(error).__name__}: {error}", file=sys.stderr)
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        return EXIT_RUN_FAILED
