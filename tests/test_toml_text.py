"""What the suite writes as TOML reads back as the same values."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from distillbench.toml_text import toml_value

VALUES = st.one_of(st.text(), st.integers(), st.booleans(), st.lists(st.text(), max_size=4))


@given(st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), VALUES, max_size=5))
def test_written_values_read_back(table: dict[str, object]) -> None:
    text = "\n".join(f"{key} = {toml_value(value)}" for key, value in table.items())
    assert tomllib.loads(text) == table


def test_a_lone_surrogate_becomes_a_replacement_character_and_other_types_are_refused() -> None:
    lone = "x\udc80y"
    assert tomllib.loads("a = " + toml_value(lone)) == {"a": "x?y"}
    with pytest.raises(TypeError, match="no TOML form for dict"):
        toml_value({"a": 1})
