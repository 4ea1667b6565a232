"""Structure granularity: skeleton parsing, properties and edge cases."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.similarity.blocks import MAX_BLOCKS, MAX_LINES, scan_lines
from scoring.similarity.structure import skeleton, structure_similarity

LINES = ["# Title", "## Sub", "1. item", "   - nested", "- bullet", "```", "x = 1",
         "| a | b |", "> quote", "---", "**Bold head:**", "plain words here", "", "一、要点"]  # fmt: skip
markdownish = st.lists(st.sampled_from(LINES), max_size=25).map("\n".join)
texts = st.one_of(st.text(max_size=200), markdownish)
nonblank = texts.filter(lambda s: bool(s.strip()))

DOC = """# Setup

Install the package first.

1. Create a virtual environment
2. Install dependencies
   - numpy
   - jellyfish
3. Run the tests

```bash
pytest -q
```

| option | meaning |
|--------|---------|
| -q     | quiet   |

**Summary:**
That is all.
"""


@settings(deadline=None)
@given(texts, texts)
def test_symmetric_and_bounded(a: str, b: str) -> None:
    s = structure_similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == structure_similarity(b, a)


@settings(deadline=None)
@given(nonblank)
def test_identical_is_one(a: str) -> None:
    assert structure_similarity(a, a) == 1.0


def test_skeleton_tokens() -> None:
    assert skeleton(DOC) == [
        "H1", "P", "OL1", "OL1", "UL2", "UL2", "OL1", "CODE", "TABLE", "+TABLE", "+TABLE",
        "HB", "P",
    ]  # fmt: skip


def test_words_do_not_matter() -> None:
    other = DOC.replace("Install", "Remove").replace("numpy", "pandas").replace("all", "it")
    assert structure_similarity(DOC, other) == 1.0


def test_block_order_matters() -> None:
    code, lst, table = "```\nx\n```", "- a\n- b\n- c", "| a | b |\n| 1 | 2 |"
    a = "\n\n".join(["Intro.", code, lst, table])
    b = "\n\n".join(["Intro.", table, lst, code])
    assert structure_similarity(a, b) < 1.0
    assert structure_similarity(a, b) > structure_similarity(a, "Just prose.")


def test_list_length_matters() -> None:
    three = "1. a\n2. b\n3. c"
    assert structure_similarity(three, "1. a\n2. b\n3. c\n4. d") > structure_similarity(
        three, "1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h"
    )


def test_blank_conventions() -> None:
    assert structure_similarity("", "\n \n") == 1.0
    assert structure_similarity("", "# Title") == 0.0
    assert structure_similarity("text", "") == 0.0


def test_chinese_and_fullwidth_lists() -> None:
    zh = "一、准备环境\n二、安装依赖\n三、运行测试"
    fw = "１．准备环境\n２．安装依赖\n３．运行测试"
    en = "1. Prepare\n2. Install\n3. Run"
    assert skeleton(zh) == ["OL1"] * 3
    assert structure_similarity(fw, en) == 1.0
    assert structure_similarity(zh, en) == 1.0


def test_degenerate_repetition() -> None:
    loop = "the " * 5000
    assert structure_similarity(loop, "A single paragraph answer.") == 1.0
    # Only the block-size view agrees (one run-on "sentence" per block, like DOC's one-line blocks).
    assert structure_similarity(loop, DOC) < 0.35


def test_huge_answer_is_bounded() -> None:
    big = ("- item\n" * 20_000)[:100_000]
    s = structure_similarity(big, DOC)
    assert 0.0 <= s < 0.5


def test_layout_tokens() -> None:
    assert scan_lines(DOC).layout == [
        "H1", "_", "P", "_", "OL1", "OL1", "UL2", "UL2", "OL1", "_", "CODE", "_", "TABLE", "TABLE", "TABLE",
        "_", "HB", "P",
    ]  # fmt: skip
    assert scan_lines("\n\n  \nText.\n\n\n\nMore.\n\n").layout == ["P", "_", "P"]


def test_layout_sees_what_the_skeleton_merges() -> None:
    """Same blocks, different typesetting: blank lines between items, one sentence per line."""
    tight = "Intro:\n```\nx = 1\n```\n- a\n- b\n- c"
    airy = "Intro:\n\n```\nx = 1\n```\n\n- a\n\n- b\n\n- c"
    assert skeleton(tight) == skeleton(airy)
    assert structure_similarity(tight, airy) < 0.9
    prose = "One sentence here. Another one here. A third one."
    lines = "One sentence here.\nAnother one here.\nA third one."
    assert skeleton(prose) == skeleton(lines) == ["P"]
    assert structure_similarity(prose, lines) < 0.9
    assert structure_similarity(lines, "First.\nSecond.\nThird.\nFourth.") > structure_similarity(prose, lines)


@settings(deadline=None)
@given(texts)
def test_layout_is_bounded(a: str) -> None:
    scan = scan_lines(a)
    blocks, layout = scan.blocks, scan.layout
    assert len(blocks) <= MAX_BLOCKS and len(layout) <= MAX_LINES
    assert layout[:1] != ["_"] and layout[-1:] != ["_"]
    assert all(x != "_" or y != "_" for x, y in itertools.pairwise(layout))


def test_sentences_per_block_are_read_from_prose_blocks_only() -> None:
    text = "Intro. More here!\n\n1. First item. Detail.\n2. Second\n\n> One.\n> Two.\n\n```\nx. y\n```\n\n# Title."
    assert scan_lines(text).sentences == [2, 2, 0, 2]  # the code block and the heading carry no prose
    assert scan_lines("第一句。第二句！\n\n第三句").sentences == [2, 0]


def test_block_size_matters() -> None:
    """Same skeleton and layout (two paragraphs), but one sentence per paragraph against five."""
    terse = "One point.\n\nAnother point."
    dense = "One. Two. Three. Four. Five.\n\nSix. Seven. Eight. Nine. Ten."
    assert skeleton(terse) == skeleton(dense)
    assert structure_similarity(terse, dense) < 0.85
    assert structure_similarity(terse, "Other words.\n\nSame shape.") == 1.0
