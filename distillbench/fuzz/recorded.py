"""The search's calls, each through the suite's `openai` client and its own VCR cassette.

Layout under `<cassette root>/<run id>/`: `<target>/<mutant>--<question>.yaml` for target answers,
`<mutator>/<iteration>-<operator>-a<attempt>.yaml` for mutations, `<judge>/<mutant>--<question>--<pass>.yaml`
for judge passes. With `--record-mode once` an existing cassette replays and a missing one is recorded, so an
interrupted search resumes: it replays to where it stopped, then records on. With `none` nothing is sent.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from distillbench.cases.ice import score_ice_answer, target_identity
from distillbench.errors import CaseError
from distillbench.fixtures.models_file import ModelSpec
from distillbench.fixtures.probes import Probe, text_names_identity
from distillbench.fuzz.search import Question, Verdict
from distillbench.judges.ice import run_ice_judge
from distillbench.recording.cassettes import make_vcr
from distillbench.recording.client import ClientPool, chat, chat_messages
from distillbench.redact import secrets_of
from scoring.ice.roleplay import roleplay_names_from_prompt

__all__ = ["RecordedCalls"]


class RecordedCalls:
    """`FuzzCalls` over real endpoints and cassettes; verdicts from the judge-free scorer unless a judge is
    given (the paper's two-pass LLM-judge protocol, itself recorded)."""

    def __init__(self, target: ModelSpec, mutator: ModelSpec, root: Path, record_mode: str, *,
                 judge: ModelSpec | None = None, policy: str = "rule") -> None:
        self.target, self.mutator, self.judge_spec = target, mutator, judge
        self.root, self.policy = root, policy
        self.recording = record_mode != "none"
        models = [m for m in (target, mutator, judge) if m is not None]
        self._vcr = make_vcr(record_mode, secrets_of(models, every_query_value=False))
        self._clients = ClientPool()
        self.questions: dict[str, Question] = {}

    def _send(self, spec: ModelSpec, cassette: Path, messages: list[dict[str, str]], *,
              allow_empty: bool = False) -> str:
        if not self.recording and not cassette.is_file():
            raise CaseError(f"{cassette}: not recorded, so this search cannot be replayed this far; record it with "
                            "--record-mode once (a recording resumes from the cassettes already there)")
        cassette.parent.mkdir(parents=True, exist_ok=True)
        with self._vcr.use_cassette(str(cassette)):
            answer = chat(self._clients.client(spec, recording=self.recording), spec, messages, str(cassette),
                          allow_empty=allow_empty)
        return answer.text

    def mutate(self, call_id: str, messages: list[dict[str, str]], seed: int) -> str:
        spec = replace(self.mutator, seed=seed)
        return self._send(spec, self.root / self.mutator.name / f"{call_id}.yaml", messages, allow_empty=True)

    def ask_target(self, call_id: str, prompt: str) -> str:
        return self._send(self.target, self.root / self.target.name / f"{call_id}.yaml", chat_messages(prompt))

    def judge(self, call_id: str, answer: str, prompt: str, template: str) -> Verdict:
        if self.judge_spec is None:
            probe = _probe_for(call_id, prompt, template)
            scored = score_ice_answer(answer, self.target, probe, policy=self.policy)
            return Verdict(bool(scored["contradiction"]), bool(scored["strict"]), scored.get("evidence"))
        judge = self.judge_spec

        def ask(pass_name: str, messages: list[dict[str, str]]) -> str:
            return self._send(judge, self.root / judge.name / f"{call_id}--{pass_name}.yaml", messages)

        verdict = run_ice_judge(answer, target_identity(self.target), judge.name, ask)
        return Verdict(bool(verdict.contradiction), bool(verdict.strict), " / ".join(verdict.raw)[:300])

    def close(self) -> None:
        self._clients.close()


def _probe_for(call_id: str, prompt: str, template: str) -> Probe:
    """The probe a suite case would build for this mutant, so the search's verdicts are the suite's."""
    return Probe(id=call_id, question_id=call_id.split("--", 1)[-1], question=prompt, lang="", style="",
                 system_id="none", system_text="", control=False, template_id=call_id.split("--", 1)[0],
                 template_text=None, misleading=text_names_identity(template),
                 personas=tuple(roleplay_names_from_prompt(template)))
