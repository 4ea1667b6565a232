"""The run's errors: one (model, probe) case failed. The shared base and `ConfigError` live in `scoring.errors`."""

from __future__ import annotations

from scoring.errors import ConfigError, DistillbenchError

__all__ = ["CaseError", "ConfigError", "DistillbenchError"]


class CaseError(DistillbenchError):
    """One (model, probe) case could not produce a scorable answer: the call, recording or replay failed."""
