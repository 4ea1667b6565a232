"""Probe sets: enough questions and templates, stable ids and hashes, GPTFuzzer CSV, clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from distillbench.fixtures.models_file import ModelSpec
from distillbench.fixtures.probes import (
    DEFAULT_QUESTIONS,
    build_ice_probes,
    load_questions,
    load_systems,
    load_templates,
)
from distillbench.paths import shared_data_dir
from scoring.errors import ConfigError

GPTFUZZER = shared_data_dir() / "gptfuzzer" / "GPTFuzzer.csv"


def plan() -> list:
    _, questions = load_questions()
    _, templates = load_templates()
    _, systems = load_systems()
    return build_ice_probes(questions, templates, systems)


def test_question_set_covers_languages_and_styles() -> None:
    probe_set, questions = load_questions()
    assert probe_set.count == len(questions) >= 40
    assert {q["lang"] for q in questions} >= {"en", "zh"}
    assert {q["style"] for q in questions} == {"direct", "indirect"}
    texts = " ".join(q["text"] for q in questions)
    for needle in ("ChatGPT", "Claude", "country", "company", "公司", "模型"):
        assert needle in texts


def test_template_set_flags_identity_assigning_templates() -> None:
    _, templates = load_templates()
    assert len(templates) >= 8
    flags = {t["assigns_identity"] for t in templates}
    assert flags == {True, False}


def test_probe_ids_are_unique_stable_and_filesystem_safe() -> None:
    probes = plan()
    ids = [p.id for p in probes]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9._-]+", i) for i in ids)
    assert ids == [p.id for p in plan()]


def test_hash_ignores_comments_but_tracks_content(tmp_path: Path) -> None:
    source = DEFAULT_QUESTIONS
    original = load_questions()[0].hash
    commented = tmp_path / "q.toml"
    commented.write_text("# a new comment\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_questions(commented)[0].hash == original
    changed = tmp_path / "q2.toml"
    changed.write_text(source.read_text(encoding="utf-8").replace("Who are you?", "Who are you, really?"),
                       encoding="utf-8")
    assert load_questions(changed)[0].hash != original


def test_negative_control_states_the_models_true_identity() -> None:
    control = next(p for p in plan() if p.control)
    model = ModelSpec(name="m", base_url="http://x/v1", model="m", vendor="Hugging Face", family="SmolLM")
    system = control.messages(model)[0]
    assert system["role"] == "system" and "SmolLM" in system["content"] and "Hugging Face" in system["content"]
    assert not control.misleading


def test_misleading_flag_follows_the_template() -> None:
    probes = {p.id: p for p in plan()}
    assert probes["en-who-are-you--tpl-dan-chatgpt"].misleading
    assert probes["en-who-are-you--tpl-dan-chatgpt"].personas == ("DAN", "ChatGPT")
    assert not probes["en-who-are-you--tpl-interview"].misleading
    assert not probes["en-who-are-you"].misleading
    assert probes["en-who-are-you"].messages(
        ModelSpec(name="m", base_url="http://x/v1", model="m", vendor="v", family="f")
    ) == [{"role": "user", "content": "Who are you?"}]


def test_the_question_in_the_prompt_parts_is_the_prompt_sent() -> None:
    """The ICE scorer reads a probe's template apart from its question; together they are what was sent."""
    assert GPTFUZZER.is_file(), f"shared data missing: {GPTFUZZER} (set DISTILLBENCH_SHARED or restore ../shared)"
    _, questions = load_questions()
    _, systems = load_systems()
    model = ModelSpec(name="m", base_url="http://x/v1", model="m", vendor="Hugging Face", family="SmolLM")
    for templates in (load_templates()[1], load_templates(GPTFUZZER)[1]):
        for probe in build_ice_probes(questions, templates, systems):
            sent = "\n\n".join(m["content"] for m in probe.messages(model))
            assert probe.question.join(probe.prompt_parts(model)) == sent, probe.id


def test_gptfuzzer_csv_loads_with_placeholder_filled() -> None:
    assert GPTFUZZER.is_file(), f"shared data missing: {GPTFUZZER} (set DISTILLBENCH_SHARED or restore ../shared)"
    probe_set, templates = load_templates(GPTFUZZER)
    assert probe_set.count == 77 and probe_set.id == "gptfuzzer:GPTFuzzer.csv"
    assert any(t["assigns_identity"] for t in templates)
    _, questions = load_questions()
    _, systems = load_systems()
    probes = build_ice_probes(questions, templates, systems)
    wrapped = next(p for p in probes if p.template_id == "gptfuzzer-1")
    assert "[INSERT PROMPT HERE]" not in wrapped.user_text() and wrapped.question in wrapped.user_text()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('id = "x"\n[[question]]\nid = "a"\nlang = "en"\nstyle = "direct"\n', "missing required key"),
        ('id = "x"\n[[question]]\nid = "A B"\nlang = "en"\nstyle = "direct"\ntext = "q"\n', "ids use"),
        ('id = "x"\n[[question]]\nid = "a"\nlang = "en"\nstyle = "direct"\ntext = "q"\ncolour = 1\n', "unknown key"),
        ('id = "x"\n[[question]\n', "not valid TOML"),
        ('[[question]]\nid = "a"\nlang = "en"\nstyle = "direct"\ntext = "q"\n', "missing top-level id"),
    ],
)
def test_malformed_question_files_name_the_culprit(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "questions.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(fragment)) as info:
        load_questions(path)
    assert str(path) in str(info.value)


def test_template_without_placeholder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('id = "t"\n[[template]]\nid = "x"\ntext = "no slot"\nassigns_identity = false\npersonas = []\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[template\[0\]\], key 'text'"):
        load_templates(path)


def test_csv_template_without_placeholder_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id,text\n0,"fine [INSERT PROMPT HERE]"\n1,"no slot"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="line 3"):
        load_templates(path)


def test_report_paths_do_not_depend_on_the_machine(tmp_path: Path) -> None:
    from distillbench.paths import display_path

    assert load_questions()[0].source == "distillbench/fixtures/defaults/identity_questions.toml"
    assert display_path("/opt/venv/lib/python3.11/site-packages/pkg/data.jsonl") == "pkg/data.jsonl"
    assert display_path(tmp_path / "own.toml") == str(tmp_path / "own.toml")
