"""Score one ICE case: the judge-free verdict on an answer, given the model's true identity and the probe."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from distillbench.fixtures.models_file import ModelSpec
from distillbench.fixtures.probes import Probe
from scoring.errors import ConfigError
from scoring.ice.claim_types import POLICIES, IcePolicy
from scoring.ice.prompt_reading import read_probe
from scoring.ice.registry import DEFAULT_REGISTRY_PATH, Identity, resolve_identity
from scoring.ice.verdict import judge_identity

__all__ = ["DEFAULT_POLICY_NAME", "check_identities", "policy_named", "score_ice_answer", "target_identity"]

DEFAULT_POLICY_NAME = "rule"


def policy_named(name: str) -> IcePolicy:
    """The policy a user named (`--ice-policy`, `ice-score --policy`); ValueError naming the allowed ones."""
    try:
        return POLICIES[name]
    except KeyError:
        raise ValueError(f"unknown ICE policy {name!r}; choose one of {', '.join(POLICIES)}") from None


@lru_cache(maxsize=256)
def target_identity(model: ModelSpec) -> Identity:
    """The model's identity from the registry (vendor from the models file), plus its own aliases."""
    identity = resolve_identity(model.model, vendor=model.vendor)
    extra = tuple(a for a in (model.family, *model.aliases) if a not in identity.aliases)
    return replace(identity, aliases=identity.aliases + extra)


def check_identities(models: Iterable[ModelSpec]) -> None:
    """Resolve every model's true identity before the first call, so an unknown `vendor` is one clear error
    naming the models file and table instead of a failure in every case after the answers were recorded."""
    for model in models:
        try:
            target_identity(model)
        except ValueError as exc:
            raise ConfigError(model.source, f"{exc}. ICE compares answers with this vendor's identity: use a known "
                              f"vendor name or alias, or add the vendor to the identity registry "
                              f"({DEFAULT_REGISTRY_PATH.name} in scoring/ice/)",
                              table=f"models.{model.name}", key="vendor") from None


def score_ice_answer(text: str, model: ModelSpec, probe: Probe, *, policy: str = DEFAULT_POLICY_NAME) -> dict[str, Any]:
    """Loose, strict and hard verdicts with the claims and evidence, as plain data for the report.

    Hard counts a strict contradiction only when neither the template nor the system prompt named or
    assigned an identity, so it measures what the model says of itself unprompted. `policy` names how
    role-play claims count (see `POLICIES`); the report records it, since it is part of what was measured.
    """
    reading = read_probe(probe.prompt_parts(model), probe.question, probe.personas)
    verdict = judge_identity(text, target_identity(model), reading=reading, policy=policy_named(policy))
    result = verdict.to_dict()
    result["hard"] = bool(verdict.strict and not probe.misleading)
    result["control"] = probe.control
    return result
