"""Words each claim pattern cannot match without, so a sentence lacking all of them skips that pattern's scan.

Why: most first-person sentences ("I am happy to help") hold none of the words a given claim pattern is built
around, and a substring test on the case-folded sentence costs a small fraction of a regex that tries a phrase
at every position. Each entry must be a necessary condition of its pattern (every match contains one of the
words, case-folded); `tests/test_ice_prefilter.py` checks that on the development answers, so an entry has to
change with its pattern.
"""

from __future__ import annotations

import re

from scoring.ice import patterns as P
from scoring.ice import spread as S

__all__ = ["NEEDS", "has_any", "might_match"]

_MAKING = ("developed", "created", "built", "trained", "made", "designed", "programmed", "engineered", "crafted")

NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    P.EN_BY: ("by",),
    P.EN_SUBJ_ME: ("me",),
    P.EN_CLEFT_ME: ("me",),
    P.EN_THAT_ME: ("me", "my"),
    P.EN_MY: ("my", "our"),
    P.EN_AT: _MAKING,
    P.EN_JOINT: ("collaborat", "partnership", "joint", "cooperation", "alliance", "consortium"),
    P.EN_WORK_OF: ("work", "result", "fruit", "outcome", "culmination"),
    P.EN_OWNED: ("belong", "owe", "exist", "came"),
    P.EN_BASED: ("based", "built", "running", "powered", "tuned", "distilled", "derived", "adapted"),
    P.EN_MY_MAKING: ("my", "our"),
    P.EN_OF: (
        "creation", "product", "brainchild", "invention", "offspring", "child", "creature", "model", "assistant",
        "chatbot", "ai", "bot", "llm", "instance", "version", "iteration", "descendant", "project",
    ),
    P.EN_IN: (
        "forged", "born", "birthed", "spawned", "conceived", "created", "made", "built", "crafted", "woven",
        "conjured", "summoned", "awakened", "brewed", "grown", "cast", "emerged", "sprang", "arose", "hatched",
        "come", "came", "hail", "originate", "stem",
    ),
    S.BASED_WHICH: ("based", "built", "running", "powered", "founded"),
    S.DEV_OF_MY: (
        "developer", "creator", "maker", "owner", "provider", "supporter", "maintainer", "architect", "builder",
        "trainer",
    ),
    S.POWERS_MY: ("powers", "underlies", "underpins", "drives", "runs"),
    P.ZH_IS: ("我", "本模型"),
    P.ZH_MY: ("我", "本模型"),
    P.ZH_BY: ("由",),
    P.ZH_SUBJ_ME: ("了我",),
    P.ZH_FROM: ("来自", "出自", "源自", "源于", "隶属于", "诞生", "问世于"),
    P.ZH_BASED: ("基于", "建立在", "依托"),
    P.ZH_AT: ("在",),
    P.OTHER_IS: (
        "soy", "je suis", "ich bin", "eu sou", "sono", "я", "jestem", "私は", "僕は", "わたしは", "저는", "나는",
    ),
    P.OTHER_BY: (
        "desarrollad", "cread", "entrenad", "développ", "créé", "entraîné", "conçu", "entwickelt", "erstellt",
        "trainiert", "desenvolvid", "criad", "treinad", "sviluppat", "addestrat", "разработан", "создан", "обучен",
    ),
    P.OTHER_X_BY: ("開発", "作", "訓練", "개발", "만들", "훈련"),
    # denials: every phrasing holds a negation ("not", "no one", "don't", 不, 没有) or says I am independent, just
    # exist or made myself
    P.NO_DEV: ("no", "n't", "n’t", "independent", "不", "独立", "没有"),
    P.NO_MAKER: (
        "no", "never", "n't", "n’t", "just", "simply", "merely", "only", "self-", "myself",
        "没有", "存在", "诞生", "不",
    ),
}


def might_match(rx: re.Pattern[str], folded: str) -> bool:
    """False when `folded` (a case-folded sentence) lacks every word `rx` needs, so `rx` cannot match it. Callers
    that test many sentences look the words up once (`NEEDS.get`) and call `has_any`: hashing a compiled pattern
    hashes its whole program."""
    return has_any(folded, NEEDS.get(rx))


def has_any(folded: str, needs: tuple[str, ...] | None) -> bool:
    """Whether `folded` holds one of `needs` (None: no prefilter, always)."""
    if needs is None:
        return True
    for word in needs:  # noqa: SIM110 (a plain loop is 1.5x faster than any() over a generator, and this runs
        # for every pattern on every first-person sentence)
        if word in folded:
            return True
    return False
