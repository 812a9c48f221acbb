"""Tests of pipeline/cli.py: exit codes, one-line errors, help, and the manifest of a run over awkward
inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import EXIT_OK, EXIT_RUN_FAILED, main

BULLETIN = (
    "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17\n\n"
    "Hà Nội, 25/8/2023 - Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra ngày 22/8/2023 "
    "tại Viên Chăn, Lào. "
    "Việt Nam cam kết đạt mức phát thải ròng bằng “0” vào năm 2050.\n"
)


def exit_code(argv: list[str]) -> int:
    """main's return value, or the code of the SystemExit that argparse raises for --help and bad options."""
    try:
        return main(argv)
    except SystemExit as stop:
        return stop.code


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(BULLETIN, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "later-copy.txt").write_text(BULLETIN, encoding="utf-8")
    return folder


@pytest.fixture
def ran(corpus: Path, tmp_path: Path, capsys) -> tuple[int, dict, str]:
    out = tmp_path / "out"
    code = exit_code(["run", str(corpus), "--out", str(out), "--quiet"])
    captured = capsys.readouterr()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return code, manifest, captured.out + captured.err


def test_cli_missing_path_returns_2_with_one_line_error(tmp_path, capsys):
    code = exit_code(["run", "missing-path", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_RUN_FAILED
    assert err.startswith("error:") and "missing-path" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "corpus", "--no-such-option"],
        ["frobnicate"],
        [],
        ["run"],
        ["eval", "--texts", "x"],
        ["run", "corpus", "--max-bytes", "many"],
    ],
    ids=["unknown-option", "unknown-command", "no-command", "no-path", "eval-without-gold", "bad-number"],
)
def test_cli_bad_option_returns_2_with_one_line_error(argv, capsys):
    code = exit_code(argv)
    err = capsys.readouterr().err
    assert code == EXIT_RUN_FAILED
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")


def test_cli_help_exits_0_and_explains_run_and_eval(capsys):
    assert exit_code(["--help"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "run" in out and "eval" in out
    assert "score" in out  # eval is explained, not only listed


@pytest.mark.parametrize(("command", "words"), [("run", ["--out", "manifest"]), ("eval", ["--texts", "--gold"])])
def test_cli_subcommand_help_exits_0(command, words, capsys):
    assert exit_code([command, "--help"]) == EXIT_OK
    out = capsys.readouterr().out
    assert all(word in out for word in words)


def test_cli_refuses_foreign_output_folder(corpus, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    code = exit_code(["run", str(corpus), "--out", str(out), "--quiet"])
    assert code == EXIT_RUN_FAILED
    assert capsys.readouterr().err.startswith("error:")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_cli_run_over_awkward_folder_returns_0(ran):
    code, _, _ = ran
    assert code == EXIT_OK


def test_cli_run_manifest_accounts_for_every_input(ran):
    _, manifest, _ = ran
    outcomes = {item["source"]: (item["status"], item["reason"]) for item in manifest["inputs"]}
    assert set(outcomes) == {"good.txt", "empty.txt", "binary.txt", "later-copy.txt"}
    assert outcomes["good.txt"][0] == "processed"
    assert outcomes["empty.txt"] == ("skipped", "empty file")
    assert outcomes["binary.txt"][0] == "skipped" and "binary" in outcomes["binary.txt"][1]
    assert outcomes["later-copy.txt"][0] == "duplicate" and "good.txt" in outcomes["later-copy.txt"][1]


def test_cli_run_manifest_counts(ran):
    _, manifest, _ = ran
    counts = manifest["counts"]
    assert (
        counts["inputs_processed"],
        counts["inputs_skipped"],
        counts["inputs_duplicate"],
        counts["inputs_failed"],
    ) == (1, 2, 1, 0)
    assert counts["documents"] == 1 and counts["meetings"] == 1


def test_cli_run_duplicate_points_at_its_original(ran):
    _, manifest, _ = ran
    by_source = {item["source"]: item for item in manifest["inputs"]}
    duplicate = by_source["later-copy.txt"]
    assert duplicate["duplicate_of"] == "good.txt"
    assert duplicate["doc_id"] == by_source["good.txt"]["doc_id"]


def test_cli_quiet_run_prints_nothing(ran):
    _, _, output = ran
    assert output == ""


def test_cli_run_prints_a_summary(corpus, tmp_path, capsys):
    assert exit_code(["run", str(corpus / "good.txt"), "--out", str(tmp_path / "out")]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Dataset written to" in out and "meetings" in out


def test_cli_eval_prints_precision_recall_f1(tmp_path, capsys):
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    (texts / "amme17.txt").write_text(BULLETIN, encoding="utf-8")
    (gold / "amme17.json").write_text(
        json.dumps(
            {
                "id": "amme17",
                "lang": "vi",
                "areas": ["climate_change"],
                "meetings": [
                    {
                        "surface": "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17",
                        "kind": "ministerial",
                        "ordinal": 17,
                        "body": "AMME",
                        "partners": [],
                        "date_start": "2023-08-22",
                        "date_end": "2023-08-22",
                        "city": "Vientiane",
                        "country": "LA",
                    }
                ],
                "commitments": [
                    {
                        "surface": "Việt Nam cam kết đạt mức phát thải ròng bằng “0” vào năm 2050",
                        "actor": "Viet Nam",
                        "target_year": 2050,
                        "areas": ["climate_change"],
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    report = tmp_path / "scores.json"
    code = exit_code(["eval", "--texts", str(texts), "--gold", str(gold), "--json", str(report)])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert "P/R/F1" in out
    row = next(line for line in out.splitlines() if line.startswith("texts/all"))
    assert row.split()[1:10] == ["1.00"] * 9
    scores = json.loads(report.read_text(encoding="utf-8"))
    assert scores["texts/all"]["meetings"]["f1"] == 1.0
    assert scores["texts/all"]["meeting_attribute_accuracy"] == 1.0


def test_cli_eval_missing_gold_folder_returns_2(tmp_path, capsys):
    (tmp_path / "texts").mkdir()
    code = exit_code(["eval", "--texts", str(tmp_path / "texts"), "--gold", str(tmp_path / "nope")])
    assert code == EXIT_RUN_FAILED
    assert capsys.readouterr().err.startswith("error:")


def test_output_and_cache_inside_the_input_folder_are_not_read_back(tmp_path):
    """`--out` (and `--cache`) inside the folder being read: the second run reads the same inputs as the first."""
    corpus = tmp_path / "bulletins"
    corpus.mkdir()
    bulletin = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn.\n"
    (corpus / "a.txt").write_text(bulletin, encoding="utf-8")
    for _ in range(2):
        assert main(["run", str(corpus), "--out", str(corpus / "dataset"), "--cache", str(corpus / "cache"),
                     "--quiet"]) == 0
    manifest = json.loads((corpus / "dataset" / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["source"] for entry in manifest["inputs"]] == ["a.txt"]


def test_cli_attribute_table_shows_each_attribute_per_split():
    from pipeline.cli import attribute_table

    report = {"test/vi": {"attributes": {"meeting.city": 0.5, "commitment.actor": 1.0}},
              "test/en": {"attributes": {"meeting.city": 0.25}}}
    lines = attribute_table(report).splitlines()
    assert lines[0].split() == ["split/lang", "c.actor", "m.city"]
    assert lines[2].split() == ["test/vi", "1.00", "0.50"]
    assert lines[3].split() == ["test/en", "-", "0.25"], "an attribute a split never compared shows as -"


def test_cli_eval_scores_a_clause_bank_file_on_its_commitments_only(tmp_path, capsys):
    """`eval --bank`: each passage a bulletin of its own, a split named by the file; areas and meetings, which a
    bank does not annotate, are shown as "-", not as a perfect or a zero score."""
    bank = tmp_path / "vi-z.jsonl"
    items = [
        {"id": "vi-z-0001", "lang": "vi", "construction": "VI-C-01",
         "text": "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viêng Chăn. Việt Nam cam kết giảm 30% "
                 "rác thải nhựa ra biển vào năm 2030.",
         "commitments": [{"surface": "giảm 30% rác thải nhựa ra biển vào năm 2030", "form": "pledge",
                          "actor": "Viet Nam"}]},
        {"id": "vi-z-0002", "lang": "vi", "construction": "VI-N-01", "commitments": [],
         "text": "Năm 2022, Việt Nam đã tổ chức thành công Diễn đàn Vườn Di sản ASEAN."},
    ]
    bank.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    report = tmp_path / "scores.json"
    code = exit_code(["eval", "--bank", str(bank), "--json", str(report)])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    row = next(line for line in out.splitlines() if line.startswith("vi-z/vi"))
    assert row.split()[1:7] == ["-"] * 6
    scores = json.loads(report.read_text(encoding="utf-8"))["vi-z/vi"]
    assert scores["scored"] == ["commitments"]
    assert (scores["commitments"]["tp"], scores["commitments"]["fn"]) == (1, 0)
    assert scores["meetings"]["tp"] + scores["meetings"]["fp"] + scores["meetings"]["fn"] == 0
    assert "commitment.target_year" not in scores["attributes"]  # a bank states no target year


def test_cli_eval_needs_texts_or_a_bank(capsys):
    assert exit_code(["eval"]) == EXIT_RUN_FAILED
    assert capsys.readouterr().err.startswith("error:")
