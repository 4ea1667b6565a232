"""The models file: valid files load in order; every mistake names the file, the table and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from distillbench.fixtures.models_file import load_models, public_endpoint, select_models
from distillbench.paths import FIXTURES_DIR
from scoring.errors import ConfigError

VALID = """
[models."a-model"]
base_url = "http://127.0.0.1:9/v1"
model = "a"
vendor = "Alibaba Cloud"
family = "Qwen"
temperature = 0
max_tokens = 32
seed = 3

[models.b]
base_url = "https://api.example.com/v1"
model = "b"
vendor = "OpenAI"
family = "GPT"
role = "reference"
api_key_env = "B_KEY"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "models.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads_in_order_with_defaults(tmp_path: Path) -> None:
    models = load_models(write(tmp_path, VALID))
    assert list(models) == ["a-model", "b"]
    a = models["a-model"]
    assert a.sampling() == {"temperature": 0.0, "max_tokens": 32, "seed": 3}
    assert a.role == "test" and models["b"].role == "reference"
    assert models["b"].api_key_env == "B_KEY"


def test_committed_models_file_is_valid() -> None:
    models = load_models(FIXTURES_DIR / "models.toml")
    assert {m.role for m in models.values()} <= {"test", "reference", "judge"}
    assert all(m.temperature == 0 and m.local for m in models.values())


@pytest.mark.parametrize(
    ("edit", "table", "key", "fragment"),
    [
        (lambda t: t.replace('seed = 3', 'seeed = 3'), "models.a-model", "seeed", "unknown key"),
        (lambda t: t.replace('family = "Qwen"\n', ''), "models.a-model", "family", "missing required key"),
        (lambda t: t.replace('role = "reference"', 'role = "teacher"'), "models.b", "role", "role must be"),
        (lambda t: t.replace('max_tokens = 32', 'max_tokens = "32"'), "models.a-model", "max_tokens", "expected int"),
        (lambda t: t.replace('"http://127.0.0.1:9/v1"', '"localhost:9"'), "models.a-model", "base_url", "http(s)"),
        (lambda t: t.replace('temperature = 0', 'temperature = 7'), "models.a-model", "temperature", "within"),
    ],
)
def test_bad_values_name_file_table_and_key(tmp_path: Path, edit, table: str, key: str, fragment: str) -> None:
    path = write(tmp_path, edit(VALID))
    with pytest.raises(ConfigError) as info:
        load_models(path)
    message = str(info.value)
    assert str(path) in message and f"[{table}]" in message and f"'{key}'" in message and fragment in message


def test_duplicate_model_names_are_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + VALID.split("[models.b]")[0])
    with pytest.raises(ConfigError, match=r"model 'a-model' is defined twice"):
        load_models(path)


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[models.a\nbase_url = ")
    with pytest.raises(ConfigError, match=r"models\.toml: not valid TOML"):
        load_models(path)


def test_missing_file_says_how_to_pass_another(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--models-file"):
        load_models(tmp_path / "nope.toml")


def test_unsafe_model_name_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('[models."a-model"]', '[models."../evil"]'))
    with pytest.raises(ConfigError, match="cassette folder"):
        load_models(path)


def test_unknown_subset_name_lists_known_models(tmp_path: Path) -> None:
    path = write(tmp_path, VALID)
    models = load_models(path)
    assert list(select_models(models, ["b"], path)) == ["b"]
    with pytest.raises(ConfigError, match=r"unknown model 'c'; known models: a-model, b") as info:
        select_models(models, ["c"], path)
    assert "[models.c]" in str(info.value)


def test_public_view_drops_credentials_from_urls() -> None:
    assert public_endpoint("https://user:pw@host.example:8443/v1?api_key=s3cret") == "https://host.example:8443/v1"
