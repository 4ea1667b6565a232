"""`distillbench fuzz`: search for identity-jailbreak templates against one target, recorded and replayable.

    distillbench fuzz --target MODEL --mutator MODEL [--judge MODEL] --seeds GPTFuzzer.csv \\
        --questions search-questions.toml --budget 400 --seed 1 -o found.toml

Writes found.toml (load it with `pytest --templates found.toml`), found.seeds.toml (the unmutated pool),
found.log.json and found.png. Every call is a cassette under --cassette-dir/<run id>/; rerunning the same
command replays what was recorded and records the rest (an interrupted search resumes), and
`--record-mode none` replays a finished search offline into the same files.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from distillbench.paths import FIXTURES_DIR
from scoring.errors import DistillbenchError

if TYPE_CHECKING:
    from distillbench.fuzz.search import Question

__all__ = ["main"]

_RUN_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,40}$")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="distillbench fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", required=True, metavar="MODEL", help="the model searched (models file name)")
    parser.add_argument("--mutator", required=True, metavar="MODEL", help="the helper model that mutates templates")
    parser.add_argument("--judge", default=None, metavar="MODEL",
                        help="decide contradictions with the paper's LLM-judge protocol (default: judge-free)")
    parser.add_argument("--seeds", required=True, metavar="PATH.csv", help="seed templates (GPTFuzzer CSV or TOML)")
    parser.add_argument("--questions", required=True, metavar="PATH", help="the search questions (questions TOML)")
    parser.add_argument("--budget", type=int, required=True, metavar="N", help="target queries at most")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="the search's random seed (default 0)")
    parser.add_argument("-o", "--output", required=True, metavar="TEMPLATES.toml")
    parser.add_argument("--models-file", default=str(FIXTURES_DIR / "models.toml"), metavar="PATH")
    parser.add_argument("--cassette-dir", default="cassettes/fuzz", metavar="PATH")
    parser.add_argument("--run-id", default=None, metavar="ID",
                        help="cassette folder of this search (default: <target>-s<seed>)")
    parser.add_argument("--record-mode", choices=("none", "once"), default="once",
                        help="once: replay what is recorded, record the rest; none: replay only (default once)")
    parser.add_argument("--pool", type=int, default=None, metavar="N",
                        help="draw N seeds from the seed file (default: all of them)")
    parser.add_argument("--keep", type=int, default=10, metavar="K",
                        help="templates in the frozen set: the K with most successes (default 10)")
    parser.add_argument("--max-kept", type=int, default=None, metavar="N", help="stop once N mutants were kept")
    parser.add_argument("--max-iterations", type=int, default=None, metavar="N", help="stop after N mutations")
    parser.add_argument("--success", choices=("loose", "strict"), default="loose",
                        help="which contradiction keeps a mutant (default loose: any)")
    parser.add_argument("--ice-policy", default="rule", help="the judge-free scorer's policy (default rule)")
    parser.add_argument("--threads", type=int, default=1, help="threads of a local server started for the search")
    return parser


def _questions(path: Path) -> list[Question]:
    from distillbench.fixtures.probes import load_questions
    from distillbench.fuzz.search import Question

    _, entries = load_questions(path)
    return [Question(e["id"], e["text"]) for e in entries]


def _seeds(path: Path) -> list[dict[str, str]]:
    from distillbench.fixtures.probes import GPTFUZZER_PLACEHOLDER, load_templates
    from scoring.errors import ConfigError

    _, entries = load_templates(path)
    if not entries:
        raise ConfigError(path, "the seed file has no templates to start the search from")
    # the search speaks GPTFuzzer's placeholder; the suite's TOML templates use {question}
    return [{"id": e["id"], "text": e["text"].replace("{question}", GPTFUZZER_PLACEHOLDER)} for e in entries]


def run(args: argparse.Namespace) -> int:
    from distillbench.cases.ice import check_identities, policy_named
    from distillbench.fixtures.models_file import load_models
    from distillbench.fuzz.output import write_outputs
    from distillbench.fuzz.recorded import RecordedCalls
    from distillbench.fuzz.search import FuzzConfig, run_search
    from distillbench.recording.local_server import LocalServer
    from scoring.errors import ConfigError

    config = FuzzConfig(budget=args.budget, seed=args.seed, pool=args.pool, max_kept=args.max_kept,
                        max_iterations=args.max_iterations, success=args.success)
    config.check()
    if args.keep < 1:
        raise ValueError(f"--keep must be at least 1 template, got {args.keep}")
    policy_named(args.ice_policy)
    out = Path(args.output)
    if out.is_dir() or out.suffix.lower() != ".toml":
        raise ValueError(f"-o {args.output}: give a file name ending in .toml (the frozen template set)")
    models_path = Path(args.models_file)
    models = load_models(models_path)
    for option in ("target", "mutator", "judge"):
        name = getattr(args, option)
        if name is not None and name not in models:
            raise ConfigError(models_path, f"--{option} {name!r} is not a model of this file; it has "
                              f"{', '.join(models)}")
    target, mutator = models[args.target], models[args.mutator]
    judge = models[args.judge] if args.judge else None
    check_identities([target])
    run_id = args.run_id or f"{target.name}-s{args.seed}"
    if not _RUN_ID.match(run_id):
        raise ValueError(f"--run-id {run_id!r}: use lower-case letters, digits, '.', '_' and '-' (at most 41)")
    seeds = _seeds(Path(args.seeds))
    questions = _questions(Path(args.questions))
    root = Path(args.cassette_dir) / run_id
    calls = RecordedCalls(target, mutator, root, args.record_mode, judge=judge, policy=args.ice_policy)
    with ExitStack() as stack:
        if args.record_mode != "none":
            started: set[str] = set()
            for spec in (target, mutator, judge):
                if spec is not None and spec.local and spec.base_url not in started:
                    started.add(spec.base_url)
                    stack.enter_context(LocalServer(spec, Path("reports/server-logs"), threads=args.threads))
        stack.callback(calls.close)
        result = run_search(seeds, questions, calls, config, progress=lambda line: print(line, flush=True))
    meta = {"target": target.name, "mutator": mutator.name, "judge": judge.name if judge else None,
            "run_id": run_id, "policy": args.ice_policy, "seeds_file": Path(args.seeds).name,
            "questions_file": Path(args.questions).name, "keep": args.keep}
    paths = write_outputs(out, result, config, questions, args.keep, meta)
    if result.stopped_by == "mutator":
        print(f"distillbench fuzz: the mutator {mutator.name!r} gave no usable template in "
              f"{config.max_skipped_in_row} mutations in a row (empty or refusing replies, "
              f"{config.mutator_attempts} tries each); the search stopped early. Check the model or choose another "
              "--mutator; what was found so far is written.", file=sys.stderr)
    print(f"{result.queries} target queries, {len(result.iterations)} mutations, {len(result.kept)} templates kept "
          f"(stopped by {result.stopped_by}); first strict contradiction at query {result.first_strict_at}")
    print("wrote " + ", ".join(str(p) for p in paths.values()))
    return 0


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    try:
        return run(args)
    except (DistillbenchError, ValueError) as exc:
        print(f"distillbench fuzz: {exc}", file=sys.stderr)
        return 2
