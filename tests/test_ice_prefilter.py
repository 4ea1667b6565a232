"""The claim patterns' prefilter (`scoring.ice.prefilter.NEEDS`) only skips sentences a pattern cannot match.

Each entry is a necessary condition: every match of the pattern contains one of its words, case-folded. Checked on
the development answers (and their echo views, which the patterns also read) and on examples of each pattern,
so a pattern that changes without its entry fails here instead of silently missing claims.
"""

from __future__ import annotations

import json
import re

import pytest

from distillbench.paths import shared_data_dir
from scoring.ice.frames import echo_view
from scoring.ice.prefilter import NEEDS, might_match

RESPONSES = shared_data_dir() / "paper-ice" / "responses"

# Answers that every prefiltered pattern matches, in the languages and rare phrasings the development answers hardly
# contain.
EXAMPLES = [
    "My training at Zed Labs was long.",
    "我是在OpenAI的实验室里诞生的。",
    "I was developed through a collaboration between Acme and Globex.",
    "It was the Nimbus team that built me.",
    "I am the handiwork of a lone hacker.",
    "I owe my existence to Zed Labs.",
    "I emerged from the labs of Zed.",
    "I am running on, which is also Llama.",
    "The main developer of my platform is Zed.",
    "The model that powers me is Llama.",
    "Soy un modelo desarrollado por OpenAI.",
    "Je suis un modèle développé par OpenAI.",
    "Ich bin ein Modell, entwickelt von OpenAI.",
    "Я — модель, разработанная компанией OpenAI.",
    "私はOpenAIによって開発されました。",
    "저는 OpenAI에 의해 개발되었습니다.",
    "I was created by Acme. The team that built me is Acme. My creators are at Acme.",
    "I was trained at Globex. I am based on Llama. I am a product of Acme.",
    "I don't have a developer. I just exist. I am an independent AI. Nobody made me. I am self-made.",
    "我没有开发者。我只是存在。我是一个独立的AI。",
    "我来自OpenAI。我是基于GPT-4架构的模型。",
    "星际联盟开发了我。我是由OpenAI开发的。我的开发公司是OpenAI。",
]


def _answers(every: int = 3) -> list[str]:
    """Every `every`-th development answer (a third of them is 2,000 answers in all six models' styles)."""
    files = sorted(RESPONSES.glob("*.jsonl"))
    if not files:
        pytest.fail(f"paper ICE data missing at {RESPONSES}: lay out ../shared/data/paper-ice (or set "
                    "DISTILLBENCH_SHARED) before running this test")
    out: list[str] = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            out.extend(json.loads(line)["target_responses"][0] or "" for line in fh if line.strip())
    return out[::every]


def _violations(texts: list[str]) -> list[tuple[str, str]]:
    bad = []
    for text in texts:
        for view in {text, echo_view(text)}:
            for rx in NEEDS:
                bad.extend((rx.pattern[:40], m.group(0)) for m in rx.finditer(view)
                           if not might_match(rx, m.group(0).casefold()))
    return bad


def test_every_match_of_a_prefiltered_pattern_holds_a_word_it_needs_in_the_development_answers() -> None:
    answers = _answers()
    assert len(answers) >= 1500
    assert _violations(answers) == []


def test_every_match_of_a_prefiltered_pattern_holds_a_word_it_needs_in_rare_phrasings() -> None:
    matched = {rx for text in EXAMPLES for rx in NEEDS if rx.search(text)}
    assert matched == set(NEEDS)  # the examples exercise every entry
    assert _violations(EXAMPLES) == []


def test_a_sentence_without_the_words_is_skipped_and_one_with_them_is_not() -> None:
    from scoring.ice import patterns as P

    assert not might_match(P.EN_JOINT, "i was developed by a team of researchers.")
    assert might_match(P.EN_JOINT, "i was developed through a collaboration between acme and globex.")
    assert might_match(re.compile("x"), "")  # a pattern without an entry is always scanned


def test_the_words_are_case_folded_so_they_are_found_in_a_case_folded_sentence() -> None:
    assert all(w == w.casefold() and w for words in NEEDS.values() for w in words)
