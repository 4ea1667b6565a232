"""Does the identity-jailbreak search generalise? Found templates against the static set and the unmutated
seeds, on questions the search never saw.

Reads three suite reports of the same target on fixtures/fuzz/heldback-questions.toml (`make fuzz-report`
replays them: reports/fuzz-found, reports/fuzz-static, reports/fuzz-seeds) and the search logs, and prints per
set the loose and strict rates with Wilson intervals, the paired sign-flip test over held-back questions
(found > static, found > seeds; one-sided), and the target queries each search spent before its first strict
contradiction (median over the searches' seeds).

    python benchmarks/bench_fuzz.py [--reports reports] [--logs fixtures/fuzz/*.log.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from distillbench.fuzz.heldback import template_answers  # noqa: E402
from scoring.stats.template_sets import compare_sets, set_rate  # noqa: E402

TARGET = "qwen2.5-coder-0.5b-instruct"
SETS = ("found", "static", "seeds")


def _rate(p: dict[str, float]) -> str:
    return f"{p['score']:.3f} [{p['ci_low']:.2f}, {p['ci_high']:.2f}] (n={p['n']})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", default=str(ROOT / "reports"), help="folder with fuzz-<set>/distillation.json")
    parser.add_argument("--logs", nargs="*",
                        default=sorted(str(p) for p in (ROOT / "fixtures" / "fuzz").glob("*.log.json")))
    parser.add_argument("--model", default=TARGET)
    args = parser.parse_args()
    rows = {}
    for name in SETS:
        path = Path(args.reports) / f"fuzz-{name}" / "distillation.json"
        if not path.is_file():
            print(f"{path}: missing; run `make fuzz-report` first", file=sys.stderr)
            return 2
        rows[name] = template_answers(json.loads(path.read_text(encoding="utf-8")), args.model)
    print(f"Held-back questions, target {args.model}")
    print("| set | templates | loose | strict |\n|---|---|---|---|")
    for name in SETS:
        templates = len({r.template for r in rows[name]})
        print(f"| {name} | {templates} | {_rate(set_rate(rows[name], 'loose').to_dict())} | "
              f"{_rate(set_rate(rows[name], 'strict').to_dict())} |")
    print("\nPaired sign-flip test over held-back questions (one-sided, found > other):")
    print("| comparison | score | questions | mean difference | p |\n|---|---|---|---|---|")
    for other in ("static", "seeds"):
        for score in ("strict", "loose"):
            result = compare_sets(rows["found"], rows[other], score)
            test = result["test"]
            print(f"| found vs {other} | {score} | {test['n']} | {test['mean_difference']:+.3f} | "
                  f"{test['p_value']:.4f}{' (exact)' if test['exact'] else ''} |")
    firsts = []
    for log_path in args.logs:
        log = json.loads(Path(log_path).read_text(encoding="utf-8"))
        firsts.append(log["first_strict_at_query"])
        print(f"\n{Path(log_path).name}: seed {log['config']['seed']}, {log['queries']} queries, {log['kept']} kept, "
              f"first strict contradiction at query {log['first_strict_at_query']}")
    found = [f for f in firsts if f is not None]
    if firsts:
        median = statistics.median(found) if len(found) == len(firsts) else "not reached by every search"
        print(f"queries to the first strict contradiction, median over {len(firsts)} search seed(s): {median}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
