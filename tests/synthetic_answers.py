"""Synthetic answers in distinct styles, for tests of RSE aggregation and baselines (not collected as tests)."""

from __future__ import annotations

import random

TOPICS = ["photosynthesis", "compilers", "volcanoes", "inflation", "vaccines", "glaciers", "databases", "poetry",
          "gravity", "tariffs", "neurons", "bridges", "tides", "encryption", "migration", "orchestras"]
WORDS = ["energy", "light", "system", "process", "layer", "signal", "market", "price", "cell", "memory", "river",
         "stone", "music", "rhythm", "force", "mass", "wave", "key", "route", "season"]


def prose(topic: str, rng: random.Random) -> str:
    """A chatty paragraph: the reference's style."""
    a, b, c = rng.sample(WORDS, 3)
    return (f"Sure! {topic.capitalize()} is a fascinating subject. In short, it is about how {a} and {b} "
            f"interact over time. For example, when the {c} changes, the whole {a} responds in a predictable "
            f"way. Overall, understanding {topic} helps us reason about {b} and {c} in everyday life.")


def bullets(topic: str, rng: random.Random) -> str:
    """A markdown list: an unrelated model's style."""
    a, b, c = rng.sample(WORDS, 3)
    return (f"## {topic.title()}\n\n- **{a.title()}**: the first factor\n- **{b.title()}**: the second factor\n"
            f"- **{c.title()}**: rarely matters\n\n1. Measure {a}\n2. Compare {b}\n")


def terse(topic: str, rng: random.Random) -> str:
    """One clipped line: a third style."""
    a = rng.choice(WORDS)
    return f"{topic}: {a}; see references"


def near_copy(text: str, rng: random.Random) -> str:
    """The reference's answer with one word changed and a closing line: what a distillate might write."""
    words = text.split(" ")
    words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words) + " Hope this helps!"
