"""The JSON distillation report: building it from aggregated data, validating it, writing it atomically."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema

from distillbench.atomic import write_atomic

__all__ = ["SCHEMA_VERSION", "dump_report", "ice_policy_of", "load_schema", "suite_version", "validate_report",
           "write_report"]

SCHEMA_VERSION = "1.0"


def ice_policy_of(run: Mapping[str, Any]) -> str:
    """The ICE policy a report's run was scored under; reports from before `--ice-policy` used `rule`."""
    return str(run.get("ice_policy", "rule"))


def suite_version() -> str:
    try:
        return version("distillbench")
    except PackageNotFoundError:
        return "0+unknown"


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(files("distillbench.report").joinpath("schema.json").read_text("utf-8"))
    return schema


def validate_report(report: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError naming the offending path when the report breaks the schema."""
    jsonschema.validate(report, load_schema(), format_checker=jsonschema.FormatChecker())


def dump_report(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_report(path: Path, report: dict[str, Any]) -> None:
    write_atomic(path, dump_report(report))
