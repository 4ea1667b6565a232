"""The suite as configured for one pytest session: which models, which probes, which cassettes.

Everything here is plain data derived from files and options, so every xdist worker builds the same cases
with the same ids, and the controller can describe the run in the report without asking the workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from distillbench.errors import CaseError
from distillbench.fixtures.models_file import ModelSpec, load_models, select_models
from distillbench.fixtures.probes import (
    Probe,
    ProbeSet,
    build_ice_probes,
    load_questions,
    load_systems,
    load_templates,
)
from distillbench.fixtures.rse_prompts import RsePlan, RsePrompt, load_rse_plan, request_seed
from distillbench.recording.cassettes import cassette_path, make_vcr
from distillbench.recording.client import ChatAnswer, ClientPool, chat, chat_messages

__all__ = ["IceCase", "RseCase", "RseJudgeCase", "SuiteConfig", "is_suite_case", "suite_case_of"]


@dataclass(frozen=True)
class IceCase:
    """One (model, probe) pair: a single parametrized test and a single cassette."""

    model: ModelSpec
    probe: Probe
    cassette: Path

    @property
    def id(self) -> str:
        return f"{self.model.name}__{self.probe.id}"


@dataclass(frozen=True)
class RseCase:
    """One (model, prompt, sample) triple: the greedy answer (seed None) or a sampled resample."""

    model: ModelSpec
    prompt: RsePrompt
    seed: int | None
    cassette: Path

    @property
    def sample(self) -> str:
        return "greedy" if self.seed is None else f"s{self.seed}"

    @property
    def probe_id(self) -> str:
        base = f"rse-{self.prompt.id}"
        return base if self.seed is None else f"{base}--{self.sample}"

    @property
    def id(self) -> str:
        return f"{self.model.name}__{self.probe_id}"

    def messages(self) -> list[dict[str, str]]:
        return chat_messages(self.prompt.text)


@dataclass(frozen=True)
class RseJudgeCase:
    """The judge rating one test model's greedy answer against the reference's, on one prompt, both orders."""

    judge: ModelSpec
    test: RseCase
    reference: RseCase

    @property
    def probe_id(self) -> str:
        return f"rse-judge--{self.test.model.name}--vs--{self.reference.model.name}--{self.test.prompt.id}"

    @property
    def id(self) -> str:
        return f"{self.judge.name}__{self.probe_id}"


@dataclass
class SuiteConfig:
    """Options and files of one run; models and probes are read once, on first use."""

    models_file: Path
    model_names: Sequence[str] | None
    questions_file: Path
    templates_file: Path
    systems_file: Path
    template_questions: str
    rse_file: Path
    cassette_dir: Path
    record_mode: str
    ice_policy: str = "rule"
    ice_judge: str | None = None
    rse_judge: str | None = None
    _vcr: Any = field(default=None, repr=False, compare=False)
    clients: ClientPool = field(default_factory=ClientPool, repr=False, compare=False)

    @property
    def recording(self) -> bool:
        return self.record_mode != "none"

    @cached_property
    def all_models(self) -> dict[str, ModelSpec]:
        return load_models(self.models_file)

    @cached_property
    def models(self) -> dict[str, ModelSpec]:
        """The models this run probes: the --models subset, or every model whose role is not judge."""
        chosen = select_models(self.all_models, self.model_names, self.models_file)
        if self.model_names is None:
            chosen = {name: spec for name, spec in chosen.items() if spec.role != "judge"}
        return chosen

    def _named(self, name: str | None) -> ModelSpec | None:
        if name is None:
            return None
        return select_models(self.all_models, [name], self.models_file)[name]

    @cached_property
    def judge(self) -> ModelSpec | None:
        """The --ice-judge model (any entry of the models file, whatever the --models subset)."""
        return self._named(self.ice_judge)

    @cached_property
    def similarity_judge(self) -> ModelSpec | None:
        """The --rse-judge model (any entry of the models file)."""
        return self._named(self.rse_judge)

    def reference(self) -> ModelSpec | None:
        """The RSE reference: the models file's model with role "reference", if this run includes it."""
        return next((m for m in self.models.values() if m.role == "reference"), None)

    def endpoints(self) -> dict[str, ModelSpec]:
        """Every model this run may call: the probed models and the judges."""
        judges = {m.name: m for m in (self.judge, self.similarity_judge) if m is not None}
        return {**self.models, **judges}

    def rse_judge_cases(self) -> list[RseJudgeCase]:
        """With --rse-judge: every test model's greedy answer against the reference's, per prompt."""
        judge, reference = self.similarity_judge, self.reference()
        if judge is None or reference is None:
            return []
        greedy = {(c.model.name, c.prompt.id): c for c in self.rse_cases() if c.seed is None}
        return [RseJudgeCase(judge, greedy[(m.name, p.id)], greedy[(reference.name, p.id)])
                for m in self.models.values() if m.name != reference.name
                for p in self.rse_plan.prompts]

    def rse_judge_cassette(self, case: RseJudgeCase, order: str) -> Path:
        return self.cassette_dir / case.judge.name / f"{case.probe_id}--{order}.yaml"

    def judge_cassette(self, case_id: str, step: str) -> Path:
        assert self.judge is not None
        return self.cassette_dir / self.judge.name / f"ice-judge--{case_id}--{step}.yaml"

    @cached_property
    def _probe_sources(self) -> tuple[list[ProbeSet], list[Probe]]:
        q_set, questions = load_questions(self.questions_file)
        t_set, templates = load_templates(self.templates_file)
        s_set, systems = load_systems(self.systems_file)
        probes = build_ice_probes(questions, templates, systems, template_questions=self.template_questions)
        return [q_set, t_set, s_set], probes

    @cached_property
    def rse_plan(self) -> RsePlan:
        return load_rse_plan(self.rse_file)

    def probe_sets(self, *, rse: bool) -> list[ProbeSet]:
        """The sets this run used: ICE sources always, the RSE prompt set when RSE cases ran."""
        return self._probe_sources[0] + ([self.rse_plan.probe_set] if rse else [])

    @property
    def ice_probes(self) -> list[Probe]:
        return self._probe_sources[1]

    def ice_cases(self) -> list[IceCase]:
        """Every (model, probe) pair, in a stable order."""
        return [
            IceCase(model, probe, cassette_path(self.cassette_dir, model.name, probe.id))
            for model in self.models.values()
            for probe in self.ice_probes
        ]

    def rse_cases(self) -> list[RseCase]:
        """Every model answers every prompt greedily, then once per resample seed (the A/A noise floor);
        the reference also once per reference-only seed (a tighter ceiling and the A/A false-positive check)."""
        plan = self.rse_plan
        cases = []
        for model in self.models.values():
            for prompt in plan.prompts:
                for seed in (None, *plan.seeds_for(model.role)):
                    spec = model if seed is None else replace(
                        model, temperature=plan.resample_temperature, seed=request_seed(seed, prompt.id)
                    )
                    case = RseCase(spec, prompt, seed, Path())
                    cases.append(replace(case, cassette=cassette_path(self.cassette_dir, model.name, case.probe_id)))
        return cases

    def secrets(self) -> tuple[str, ...]:
        """The configured credentials (keys, header values, key-bearing query values), so the cassette writer
        can refuse to store any of them."""
        from distillbench.redact import secrets_of

        return secrets_of(self.endpoints().values(), every_query_value=False)

    def answer(self, model: ModelSpec, messages: list[dict[str, str]], cassette: Path) -> ChatAnswer:
        """The model's answer, replayed from `cassette` or recorded into it, according to --record-mode."""
        if not self.recording and not cassette.is_file():
            raise CaseError(
                f"no cassette at {cassette}: record it from a live endpoint with "
                f"`pytest --record-mode=once --models {model.name}` (see README, 'Recording')")
        if self._vcr is None:
            self._vcr = make_vcr(self.record_mode, self.secrets())
        client = self.clients.client(model, recording=self.recording)
        with self._vcr.use_cassette(str(cassette)):
            return chat(client, model, messages, where=str(cassette))


def suite_case_of(item: Any) -> IceCase | RseCase | RseJudgeCase | None:
    """The suite case a collected pytest item runs, or None for any other test."""
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec else {}
    case = params.get("ice_case") or params.get("rse_case") or params.get("rse_judge_case")
    return case if isinstance(case, IceCase | RseCase | RseJudgeCase) else None


def is_suite_case(item: Any) -> bool:
    return suite_case_of(item) is not None
