"""Golden files: tests/golden/<id>.txt and <id>.expected.json, the acceptance contract.

The expected file holds what a reviewer checked by hand, projected to the fields that matter. It changes
only through this command, whose diff is then reviewed:

    .venv/bin/python tests/golden_tool.py --update
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.api import extract

GOLDEN_DIR = Path(__file__).parent / "golden"
MEETING_FIELDS = ("name_vi", "name_en", "kind", "ordinal", "body", "partners", "date_start", "date_end",
                  "date_mod", "city", "country")
COMMITMENT_FIELDS = ("text", "actor", "action", "target", "target_year", "form", "status", "binding")


def project(records: dict) -> dict:
    meetings = sorted(records["meetings"], key=lambda m: m.mentions[0].start)
    return {
        "areas": sorted(row.area for row in records["areas"]),
        "meetings": [
            {**{f: getattr(m, f) for f in MEETING_FIELDS}, "mentions": [x.text for x in m.mentions]}
            for m in meetings
        ],
        "commitments": [{f: getattr(c, f) for f in COMMITMENT_FIELDS} for c in records["commitments"]],
        "instruments": sorted({(i.name_vi or i.name_en) for i in records["instruments"]}),
    }


def expected_path(text_path: Path) -> Path:
    return text_path.with_suffix(".expected.json")


def load_expected(text_path: Path) -> dict:
    return json.loads(expected_path(text_path).read_text(encoding="utf-8"))


def update() -> None:
    for text_path in sorted(GOLDEN_DIR.glob("*.txt")):
        path = expected_path(text_path)
        note = json.loads(path.read_text(encoding="utf-8")).get("note", "") if path.exists() else ""
        body = {"note": note or "TODO: say what this golden file tests", **project(extract(text_path.read_text()))}
        path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite every expected file from the pipeline")
    if parser.parse_args().update:
        update()
    else:
        parser.print_help()
