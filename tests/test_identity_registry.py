"""The identity registry resolves model ids to vendors and reports bad input in one actionable sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.errors import ConfigError
from scoring.ice.registry import (
    DEFAULT_REGISTRY_PATH,
    Identity,
    UnknownModelIdentity,
    default_registry,
    load_registry,
    resolve_identity,
)

EXPECTED = {
    "qwen2.5-14b-instruct": ("alibaba", "Qwen"),
    "qwen2.5-72b": ("alibaba", "Qwen"),
    "qwen2.5-72b-instruct": ("alibaba", "Qwen"),
    "qwen-max-0919": ("alibaba", "Qwen"),
    "qwen2.5-coder-0.5b-instruct": ("alibaba", "Qwen"),
    "deepseek-r1": ("deepseek", "DeepSeek"),
    "deepseek-chat": ("deepseek", "DeepSeek"),
    "phi-4": ("microsoft", "Phi"),
    "doubao-pro-32k": ("bytedance", "Doubao"),
    "llama-3.1-70b-instruct": ("meta", "Llama"),
    "glm-4-plus": ("zhipu", "GLM"),
    "gemini-2.0-flash-exp": ("google", "Gemini"),
    "claude-3-5-sonnet-20241022": ("anthropic", "Claude"),
    "gpt-4o-mini": ("openai", "GPT"),
    "smollm2-135m-instruct": ("huggingface", "SmolLM"),
    "gemma-3-270m": ("google", "Gemma"),
    "mistral-large": ("mistral", "Mistral"),
    "yi-lightning": ("zeroone", "Yi"),
    "ernie-4.0": ("baidu", "ERNIE"),
    "hunyuan-pro": ("tencent", "Hunyuan"),
    "moonshot-v1-8k": ("moonshot", "Kimi"),
    "grok-2": ("xai", "Grok"),
    "Qwen/Qwen2.5-7B-Instruct": ("alibaba", "Qwen"),
    "meta-llama/Llama-3.1-8B-Instruct": ("meta", "Llama"),
    "deepseek-r1-distill-qwen-7b": ("deepseek", "DeepSeek"),
}


@pytest.mark.parametrize(("model", "expected"), sorted(EXPECTED.items()))
def test_resolves_known_model_names(model: str, expected: tuple[str, str]) -> None:
    ident = resolve_identity(model)
    assert (ident.vendor, ident.family) == expected


def test_only_openai_and_anthropic_are_strict() -> None:
    strict = {v.key for v in default_registry().vendors if v.strict}
    assert strict == {"openai", "anthropic"}
    assert resolve_identity("gpt-4o-mini").strict_vendor
    assert not resolve_identity("qwen2.5-72b").strict_vendor


def test_identity_carries_all_names_of_vendor_and_families() -> None:
    ident = resolve_identity("qwen2.5-72b-instruct")
    assert isinstance(ident, Identity)
    for name in ("Alibaba Cloud", "阿里云", "Qwen", "通义千问"):
        assert name in ident.aliases
    assert "ChatGPT" not in ident.aliases
    google = resolve_identity("gemma-3-270m")
    assert "DeepMind" in google.aliases and "Gemini" in google.aliases


def test_unknown_model_names_the_model_and_suggests_vendor_flag() -> None:
    with pytest.raises(UnknownModelIdentity) as err:
        resolve_identity("totally-unknown-model-7b")
    assert isinstance(err.value, ValueError)
    assert "totally-unknown-model-7b" in str(err.value)
    assert "--vendor" in str(err.value)


@pytest.mark.parametrize("vendor", ["alibaba", "ALIBABA", "阿里云", "alibaba cloud", "Qwen"])
def test_explicit_vendor_overrides_by_key_or_alias(vendor: str) -> None:
    ident = resolve_identity("my-finetune-v1", vendor=vendor)
    assert ident.vendor == "alibaba"
    assert ident.family == "Qwen"


def test_explicit_vendor_wins_over_the_model_name() -> None:
    assert resolve_identity("llama-3.1-8b-my-distill", vendor="deepseek").vendor == "deepseek"


def test_unknown_vendor_lists_known_keys() -> None:
    with pytest.raises(ValueError, match=r"known vendor keys: .*openai.*alibaba"):
        resolve_identity("qwen2.5-72b", vendor="acme")


def test_default_path_is_in_repo_fixtures() -> None:
    expected = Path(__file__).resolve().parent.parent / "scoring" / "ice" / "identities.toml"
    assert expected == DEFAULT_REGISTRY_PATH
    assert load_registry().path == DEFAULT_REGISTRY_PATH


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ids.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "[vendors.x\nname=")
    with pytest.raises(ConfigError, match=r"ids\.toml"):
        load_registry(path)


def test_missing_key_names_table_and_key(tmp_path: Path) -> None:
    path = _write(tmp_path, '[vendors.acme]\nname = "Acme"\ncountry = "US"\n')
    with pytest.raises(ConfigError) as err:
        load_registry(path)
    assert "ids.toml" in str(err.value) and "[vendors.acme]" in str(err.value) and "'strict'" in str(err.value)


def test_bad_pattern_names_families_table(tmp_path: Path) -> None:
    text = (
        '[vendors.acme]\nname = "Acme"\ncountry = "US"\nstrict = false\n'
        '[[vendors.acme.families]]\nname = "Ro"\npatterns = ["(unclosed"]\n'
    )
    with pytest.raises(ConfigError, match=r"vendors\.acme\.families.*patterns"):
        load_registry(_write(tmp_path, text))


def test_unknown_related_vendor_is_an_error(tmp_path: Path) -> None:
    text = '[vendors.acme]\nname = "Acme"\ncountry = "US"\nstrict = false\nrelated = ["nobody"]\n'
    with pytest.raises(ConfigError, match="related"):
        load_registry(_write(tmp_path, text))


def test_related_vendors_share_one_identity(tmp_path: Path) -> None:
    text = (
        '[vendors.acme]\nname = "Acme"\ncountry = "US"\nstrict = false\naliases = ["Acme Corp"]\n'
        '[[vendors.acme.families]]\nname = "Road"\npatterns = ["^road"]\n'
        '[vendors.acmelab]\nname = "Acme Lab"\ncountry = "US"\nstrict = false\nrelated = ["acme"]\n'
        '[[vendors.acmelab.families]]\nname = "Runner"\npatterns = ["^runner"]\n'
    )
    reg = load_registry(_write(tmp_path, text))
    ident = resolve_identity("road-1", registry=reg)
    assert ident.owns_vendor("acmelab") and "Acme Lab" in ident.aliases
    with pytest.raises(UnknownModelIdentity):
        resolve_identity("qwen2.5-72b", registry=reg)
