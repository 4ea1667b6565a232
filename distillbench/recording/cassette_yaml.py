"""Cassette YAML: libyaml's C loader and emitter where PyYAML was built with them, the pure-Python ones otherwise.

Replay parses one cassette per case, and the pure-Python parser costs about 15 times the C one. Both loaders
are safe (plain YAML types only) and give the same data on every committed cassette; the two emitters
differ only in where they wrap long escaped strings, and what either writes loads back to the same data
(tests/test_cassette_yaml.py).
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["DUMPER", "LOADER", "SERIALIZER", "CassetteSerializer", "dump", "load", "yaml_classes"]


def yaml_classes(with_libyaml: bool) -> tuple[type[Any], type[Any]]:
    """The safe (loader, dumper) pair: libyaml's when PyYAML has it, else the pure-Python pair."""
    if with_libyaml:
        return yaml.CSafeLoader, yaml.CSafeDumper
    return yaml.SafeLoader, yaml.SafeDumper


LOADER, DUMPER = yaml_classes(bool(getattr(yaml, "__with_libyaml__", False)))


def load(text: str) -> Any:
    """Parse one cassette's text (raises yaml.YAMLError on anything that is not plain YAML)."""
    return yaml.load(text, Loader=LOADER)  # LOADER is a safe loader


def dump(data: Any) -> str:
    """Write a cassette's data; anything but plain YAML types is refused (RepresenterError), never pickled."""
    return yaml.dump(data, Dumper=DUMPER)


class CassetteSerializer:
    """vcrpy's serializer protocol (`VCR.register_serializer("yaml", ...)`) over `load` and `dump`."""

    @staticmethod
    def deserialize(cassette_string: str) -> Any:
        return load(cassette_string)

    @staticmethod
    def serialize(cassette_dict: Any) -> str:
        return dump(cassette_dict)


SERIALIZER = CassetteSerializer()
