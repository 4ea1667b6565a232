"""`--shard K/N`: run one of N deterministic slices of the suite, for a CI matrix of N jobs.

Why a hash of the case id and not the position: positions move when a case is added or the collection
order changes, so two jobs (or two commits) could disagree about which shard owns a case; a hash of the
id gives each case one owner whatever else is collected. `distillbench merge` then combines the N reports
into the report of one run. Items that are not suite cases (a project's own tests) are split by node id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pytest

from distillbench.cases.suite import IceCase, RseCase, RseJudgeCase

__all__ = ["Shard", "configure_shard", "deselect_other_shards", "item_key", "parse_shard", "run_shard",
           "shard_index"]

_SPEC = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
_KEY = pytest.StashKey["Shard | None"]()


@dataclass(frozen=True)
class Shard:
    """Shard `index` (1-based) of `count`."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def to_dict(self) -> dict[str, int]:
        """As recorded in the report's run metadata."""
        return {"index": self.index, "count": self.count}


def parse_shard(text: str) -> Shard:
    """`K/N` with 1 <= K <= N; anything else is a ValueError that names the option and the rule."""
    match = _SPEC.fullmatch(text)
    if match is None:
        raise ValueError(f"--shard {text!r}: expected K/N with whole numbers, e.g. --shard 2/4")
    index, count = int(match[1]), int(match[2])
    if not 1 <= index <= count:
        raise ValueError(f"--shard {text!r}: expected K/N with 1 <= K <= N (this job runs shard K of N)")
    return Shard(index, count)


def shard_index(key: str, count: int) -> int:
    """The 1-based shard that owns `key`: a SHA-256 of the key, so every process and machine agrees."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def item_key(item: pytest.Item) -> str:
    """A suite case's id (`<model>__<probe-id>`, as in the report), else the item's node id."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    for case in params.values():
        if isinstance(case, IceCase | RseCase | RseJudgeCase):
            return case.id
    return item.nodeid


def configure_shard(config: pytest.Config) -> None:
    """Parse --shard once, before collection, so a malformed value is a usage error (exit 4)."""
    text = config.getoption("shard", None)
    try:
        config.stash[_KEY] = parse_shard(text) if text is not None else None
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None


def run_shard(config: pytest.Config) -> Shard | None:
    """The shard this run is, or None when it runs every case."""
    return config.stash.get(_KEY, None)


def deselect_other_shards(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep only this shard's items; the rest are reported through pytest_deselected."""
    shard = run_shard(config)
    if shard is None:
        return
    other = [item for item in items if shard_index(item_key(item), shard.count) != shard.index]
    if other:
        dropped = set(map(id, other))
        config.hook.pytest_deselected(items=other)
        items[:] = [item for item in items if id(item) not in dropped]
