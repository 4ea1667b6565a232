"""Agreement of the ICE scorer with rule labels of the committed run's own answers (the three local models).

Run: `python benchmarks/bench_ice_local_labels.py [--policy rule|paper|out-of-role] [--labels PATH]
[--disagreements]`. The labels (`fixtures/ice-labels/local-models.jsonl`, see the README beside them) cover every
ICE case of the committed run. Each answer is read from its committed cassette and scored as the suite scores it
(`score_ice_answer`: the same probe, template parts and policy), so no replay or report is needed.

Prints, loose and strict, per model and pooled: n, the label rate, the scorer's rate, Cohen's kappa with a 95%
interval (rows resampled within each model, 2,000 times, seeded), false negatives and false positives; and the
agreement of the two labelling passes with each other.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from distillbench.cases.ice import score_ice_answer  # noqa: E402
from distillbench.cases.suite import SuiteConfig  # noqa: E402
from distillbench.fixtures.probes import DEFAULT_QUESTIONS, DEFAULT_SYSTEMS, DEFAULT_TEMPLATES  # noqa: E402
from distillbench.fixtures.rse_prompts import DEFAULT_RSE  # noqa: E402
from distillbench.recording.cassettes import recorded_answer  # noqa: E402
from scoring.ice.claim_types import POLICIES  # noqa: E402
from scoring.stats.intervals import cohen_kappa  # noqa: E402
from scoring.stats.stratified import weighted_kappa  # noqa: E402

LABELS = REPO / "fixtures" / "ice-labels" / "local-models.jsonl"

__all__ = ["LABELS", "LabelledVerdict", "agreement", "main", "read_labels", "score_labelled"]


@dataclass(frozen=True)
class LabelledVerdict:
    """One labelled case: the labels (adjudicated, and each pass's) beside the scorer's verdict."""

    id: str
    model: str
    label: tuple[bool, bool]
    pass_a: tuple[bool, bool]
    pass_b: tuple[bool, bool]
    scored: tuple[bool, bool]
    evidence: str | None
    answer: str


def read_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    """The label rows; a malformed line is reported with its number."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                missing = [k for k in ("id", "contradiction", "strict") if k not in row]
                if missing:
                    raise KeyError(", ".join(missing))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a label row ({exc})") from exc
            rows.append(row)
    return rows


def _suite(policy: str) -> SuiteConfig:
    """The suite as `make report` runs it: default files, committed cassettes, replay only."""
    return SuiteConfig(
        models_file=REPO / "fixtures" / "models.toml", model_names=None, questions_file=DEFAULT_QUESTIONS,
        templates_file=DEFAULT_TEMPLATES, systems_file=DEFAULT_SYSTEMS, template_questions="core",
        rse_file=DEFAULT_RSE, cassette_dir=REPO / "cassettes", record_mode="none", ice_policy=policy,
    )


def score_labelled(rows: Sequence[dict[str, Any]], policy: str = "rule") -> list[LabelledVerdict]:
    """Score every labelled case's committed answer; a label naming no case of the run, or a case without a
    readable answer, is an error naming it (the labels and the cassettes must describe the same run)."""
    cases = {c.id: c for c in _suite(policy).ice_cases()}
    unknown = [r["id"] for r in rows if r["id"] not in cases]
    if unknown:
        raise ValueError(f"{len(unknown)} labelled ids are no ICE case of the committed run, e.g. {unknown[0]!r}")
    out = []
    for r in rows:
        case = cases[r["id"]]
        text = recorded_answer(case.cassette)
        if text is None:
            raise ValueError(f"{case.cassette}: no recorded answer for labelled case {r['id']!r}")
        v = score_ice_answer(text, case.model, case.probe, policy=policy)
        a, b = r.get("pass_a", [r["contradiction"], r["strict"]]), r.get("pass_b", [r["contradiction"], r["strict"]])
        out.append(LabelledVerdict(r["id"], case.model.name, (bool(r["contradiction"]), bool(r["strict"])),
                                   (bool(a[0]), bool(a[1])), (bool(b[0]), bool(b[1])),
                                   (bool(v["contradiction"]), bool(v["strict"])), v.get("evidence"), text))
    return out


def agreement(rows: Sequence[LabelledVerdict], which: int) -> dict[str, Any]:
    """Kappa (with its interval), rates and error counts of the scorer against the labels; `which` 0 is loose,
    1 strict."""
    label = [r.label[which] for r in rows]
    scored = [r.scored[which] for r in rows]
    strata = [r.model for r in rows]
    population = {m: strata.count(m) for m in set(strata)}  # every case is labelled: each row stands for itself
    k = weighted_kappa(scored, label, strata, population)
    n = len(rows)
    return {
        "n": n,
        "label_rate": sum(label) / n if n else float("nan"),
        "scorer_rate": sum(scored) / n if n else float("nan"),
        "kappa": k["kappa"], "ci_low": k["ci_low"], "ci_high": k["ci_high"],
        "false_negatives": sum(lab and not s for lab, s in zip(label, scored, strict=True)),
        "false_positives": sum(s and not lab for lab, s in zip(label, scored, strict=True)),
    }


def _table(rows: Sequence[LabelledVerdict], which: int) -> list[str]:
    lines = ["| model | n | label rate | scorer rate | kappa [95% CI] | missed | false |",
             "|---|---|---|---|---|---|---|"]
    groups = [(m, [r for r in rows if r.model == m]) for m in sorted({r.model for r in rows})]
    for name, group in [*groups, ("**pooled**", list(rows))]:
        a = agreement(group, which)
        lines.append(f"| {name} | {a['n']} | {a['label_rate']:.3f} | {a['scorer_rate']:.3f} | {a['kappa']:.3f} "
                     f"[{a['ci_low']:.3f}, {a['ci_high']:.3f}] | {a['false_negatives']} | {a['false_positives']} |")
    return lines


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--policy", choices=tuple(POLICIES), default="rule")
    p.add_argument("--labels", type=Path, default=LABELS)
    p.add_argument("--disagreements", action="store_true", help="print every case the scorer and labels differ on")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    rows = score_labelled(read_labels(args.labels), args.policy)
    print(f"## ICE scorer (policy {args.policy}) vs rule labels of the committed run ({args.labels.name})\n")
    for which, name in ((0, "loose"), (1, "strict")):
        passes = cohen_kappa([r.pass_a[which] for r in rows], [r.pass_b[which] for r in rows])
        print(f"### {name} (the two labelling passes agree at kappa {passes:.3f})")
        print("\n".join(_table(rows, which)) + "\n")
    if args.disagreements:
        for r in rows:
            if r.label != r.scored:
                print(f"- {r.id}: label {r.label}, scorer {r.scored}; evidence {r.evidence!r}\n  {r.answer[:300]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
