"""Bad input named before anything runs: models files and the merge command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from distillbench.cli.main import main
from distillbench.fixtures.models_file import load_models
from scoring.errors import ConfigError

TABLE = 'base_url = "http://127.0.0.1:1/v1"\nmodel = "m"\nvendor = "Alibaba Cloud"\nfamily = "Qwen"\n'


def models_file(tmp_path: Path, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / "models.toml"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_a_byte_order_mark_is_not_a_toml_error(tmp_path: Path) -> None:
    assert list(load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}', bom=True))) == ["a"]


@pytest.mark.parametrize(("extra", "fragment"), [("top_p = 7.5\n", "top_p"), ("top_p = 0\n", "top_p"),
                                                 ("seed = -3\n", "seed must be >= 0")])
def test_sampling_parameters_outside_their_range_are_refused(tmp_path: Path, extra: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}{extra}'))


@pytest.mark.parametrize("extra", ["top_p = 1\n", "top_p = 0.9\n", "seed = 0\n"])
def test_sampling_parameters_at_their_bounds_are_kept(tmp_path: Path, extra: str) -> None:
    assert list(load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}{extra}'))) == ["a"]


def test_names_that_differ_only_by_case_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'a' and 'A' differ only by case"):
        load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}\n[models."A"]\n{TABLE}'))
    assert len(load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}\n[models."a2"]\n{TABLE}'))) == 2


def test_two_references_are_refused_one_is_fine(tmp_path: Path) -> None:
    ref = 'role = "reference"\n'
    with pytest.raises(ConfigError, match="2 models have role"):
        load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}{ref}\n[models."b"]\n{TABLE}{ref}'))
    assert len(load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}{ref}\n[models."b"]\n{TABLE}'))) == 2


def test_merge_never_writes_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shard = tmp_path / "a.json"
    shard.write_text("{}", encoding="utf-8")
    assert main(["merge", str(shard), "-o", str(shard)]) == 2
    assert "is one of the inputs" in capsys.readouterr().err and shard.read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize("content", ["[]", "{}", '{"run": [], "cases": []}', "3"])
def test_merge_of_something_that_is_no_report_names_the_file(tmp_path: Path, content: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    shard = tmp_path / "odd.json"
    shard.write_text(content, encoding="utf-8")
    assert main(["merge", str(shard), "-o", str(tmp_path / "out.json")]) == 2
    assert "odd.json: not a distillation report" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()
    json.loads(content)  # the inputs were valid JSON: the check is about shape


def test_an_unknown_vendor_is_refused_before_any_call(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", models=f'[models."acme-1"]\n{TABLE.replace("Alibaba Cloud", "Acme Robotics")}')
    result = pytester.runpytest("--distillbench", "--measures", "ice", "--models-file", "models.toml",
                                "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "models.toml, table [models.acme-1], key 'vendor': unknown vendor 'Acme Robotics'" in result.stderr.str()
    assert not (pytester.path / "cassettes").exists()


def test_a_known_vendor_alias_passes_the_check(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", models=f'[models."qwen-x"]\n{TABLE.replace("Alibaba Cloud", "Alibaba")}')
    result = pytester.runpytest("--distillbench", "--measures", "ice", "--models-file", "models.toml",
                                "-p", "no:cacheprovider", "--collect-only", "-q")
    assert result.ret == pytest.ExitCode.OK


def test_a_models_file_over_the_model_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    from distillbench.fixtures.models_file import MAX_MODELS

    tables = "".join(f'[models."m{i}"]\n{TABLE}\n' for i in range(MAX_MODELS + 1))
    with pytest.raises(ConfigError, match=f"{MAX_MODELS + 1} model tables, over the limit of {MAX_MODELS}"):
        load_models(models_file(tmp_path, tables))
    at_limit = "".join(f'[models."m{i}"]\n{TABLE}\n' for i in range(MAX_MODELS))
    assert len(load_models(models_file(tmp_path, at_limit))) == MAX_MODELS


def test_inline_model_tables_count_towards_the_limit(tmp_path: Path) -> None:
    from distillbench.fixtures.models_file import MAX_MODELS

    inline = 'base_url = "http://127.0.0.1:1/v1", model = "m", vendor = "Alibaba Cloud", family = "Qwen"'
    text = "[models]\n" + "".join(f"m{i} = {{ {inline} }}\n" for i in range(MAX_MODELS + 1))
    with pytest.raises(ConfigError, match="over the limit"):
        load_models(models_file(tmp_path, text))


def test_a_models_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    from distillbench.fixtures.models_file import MAX_FILE_BYTES

    path = models_file(tmp_path, f'[models."a"]\n{TABLE}# {"x" * MAX_FILE_BYTES}\n')
    with pytest.raises(ConfigError, match="over the 1,048,576-byte limit") as info:
        load_models(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [('{"X Key" = "v"}', "not an HTTP token"), ('{"Content-Type" = "text/plain"}', "set by the client"),
     ('{"X-Key" = ""}', "one-line string"), ('{"X-Key" = 3}', "one-line string"),
     ('{"X-Key" = "env:1BAD"}', "does not name an environment variable"), ('"X-Key: v"', "expected dict")],
)
def test_bad_headers_are_named(tmp_path: Path, headers: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment) as info:
        load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}headers = {headers}\n'))
    assert "[models.a]" in str(info.value) and "'headers'" in str(info.value)


def test_headers_keep_literal_and_environment_values(tmp_path: Path) -> None:
    spec = load_models(models_file(tmp_path, f'[models."a"]\n{TABLE}headers = {{"X-Org" = "team-a", '
                                              '"X-Api-Key" = "env:GW_KEY"}\n'))["a"]
    assert spec.headers == (("X-Org", "team-a"), ("X-Api-Key", "env:GW_KEY"))
    assert spec.header_env_vars() == ("GW_KEY",)


def test_a_detached_path_option_outside_the_project_is_stopped_with_the_fix(
    pytester: pytest.Pytester, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pytest reads `--models-file /abs/x` as a test path when it picks its rootdir, before the plugin's options
    are known, and skips the project's ini file; the run stops and shows the one-word form."""
    outside = tmp_path_factory.mktemp("elsewhere") / "models.toml"
    outside.write_text(f'[models."a"]\n{TABLE}', encoding="utf-8")
    project = pytester.path / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    monkeypatch.chdir(project)
    result = pytester.runpytest("--distillbench", "--models-file", str(outside), "--collect-only", "-q")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert f"skipped the ini file {project / 'pytest.ini'}" in result.stderr.str()
    assert f"--models-file={outside}" in result.stderr.str()
    joined = pytester.runpytest("--distillbench", f"--models-file={outside}", "--collect-only", "-q")
    assert "skipped the ini file" not in joined.stderr.str()  # the one-word form is the near miss that works


def test_a_detached_path_inside_the_project_is_fine(tmp_path: Path) -> None:
    from distillbench.detached_paths import skipped_ini

    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    args = ["--models-file", str(tmp_path / "sub" / "m.toml")]
    assert skipped_ini(args, tmp_path, tmp_path / "pytest.ini") is None
    assert skipped_ini(["--models-file", "/elsewhere/m.toml"], tmp_path, None) == (
        "--models-file", "/elsewhere/m.toml", tmp_path / "pytest.ini")
    (tmp_path / "pytest.ini").unlink()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")  # no pytest section
    assert skipped_ini(["--models-file", "/elsewhere/m.toml"], tmp_path, None) is None
