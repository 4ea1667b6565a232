"""Cassette YAML: libyaml's C loader where PyYAML has it, and the same data as the pure-Python loader on every
committed cassette; loading through the persister gives vcrpy the requests and responses its own loader gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from vcr.serialize import deserialize
from vcr.serializers import yamlserializer

from distillbench.errors import CaseError
from distillbench.paths import CASSETTES_DIR
from distillbench.recording import cassette_yaml
from distillbench.recording.cassettes import _persister, read_cassette

C_LOADER, C_DUMPER = cassette_yaml.yaml_classes(True) if yaml.__with_libyaml__ else (None, None)
PURE_LOADER, PURE_DUMPER = cassette_yaml.yaml_classes(False)


def committed() -> list[Path]:
    paths = sorted(CASSETTES_DIR.rglob("*.yaml"))
    if not paths:
        pytest.fail(f"no committed cassettes under {CASSETTES_DIR}")
    return paths


def test_the_c_loader_is_used_where_pyyaml_has_libyaml() -> None:
    assert (yaml.SafeLoader, yaml.SafeDumper) == (PURE_LOADER, PURE_DUMPER)
    if yaml.__with_libyaml__:
        assert (yaml.CSafeLoader, yaml.CSafeDumper) == (cassette_yaml.LOADER, cassette_yaml.DUMPER)
    else:
        assert (cassette_yaml.LOADER, cassette_yaml.DUMPER) == (PURE_LOADER, PURE_DUMPER)


@pytest.mark.slow
def test_c_and_pure_loaders_agree_on_every_committed_cassette() -> None:
    """Same data from both loaders; the C emitter writes each committed file back byte for byte; the pure
    emitter may wrap long escaped strings elsewhere, but what it writes loads back to the same data."""
    if C_LOADER is None:
        pytest.fail("PyYAML here was built without libyaml (yaml.__with_libyaml__ is False): install a PyYAML "
                    "wheel with it to check the C loader against the pure one")
    for path in committed():
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=C_LOADER)
        assert yaml.load(text, Loader=PURE_LOADER) == data, path
        assert yaml.dump(data, Dumper=C_DUMPER) == text, path
        assert yaml.load(yaml.dump(data, Dumper=PURE_DUMPER), Loader=C_LOADER) == data, path


@pytest.mark.slow
def test_the_persister_gives_vcrpy_what_its_own_loader_gives() -> None:
    """One parse through the registered serializer yields the same requests and responses as vcrpy's
    default serializer on every committed cassette (so matching and replay are unchanged)."""
    persister = _persister((), "none")
    for path in committed():
        requests, responses = persister.load_cassette(path, cassette_yaml.SERIALIZER)
        want_requests, want_responses = deserialize(path.read_text(encoding="utf-8"), yamlserializer)
        assert [r._to_dict() for r in requests] == [r._to_dict() for r in want_requests], path
        assert responses == want_responses, path


def test_a_python_tag_is_refused_not_constructed(tmp_path: Path) -> None:
    """Both loaders are safe: a cassette asking to build a Python object is an error naming the file."""
    path = tmp_path / "tagged.yaml"
    path.write_text("interactions:\n- request: !!python/object/apply:os.system ['true']\n  response: {}\n",
                    encoding="utf-8")
    with pytest.raises(CaseError, match=r"tagged\.yaml is not valid YAML"):
        read_cassette(path)
    for loader in (PURE_LOADER, cassette_yaml.LOADER):
        with pytest.raises(yaml.constructor.ConstructorError):
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def test_the_dumper_refuses_what_the_loader_would_refuse() -> None:
    """A near miss of plain data (a tuple, a set) is refused at record time instead of written as a tag."""
    assert cassette_yaml.load(cassette_yaml.dump({"a": [1, "x"]})) == {"a": [1, "x"]}
    with pytest.raises(yaml.representer.RepresenterError):
        cassette_yaml.dump({"a": object()})
