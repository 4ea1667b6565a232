"""Where the shared data is found: the override, beside this checkout, or beside the checkout it was cloned from."""

from __future__ import annotations

from pathlib import Path

import pytest

from distillbench import paths as paths


def checkout(tmp_path: Path, name: str, origin: str | None = None) -> Path:
    root = tmp_path / name
    (root / ".git").mkdir(parents=True)
    remote = f'[remote "origin"]\n\turl = {origin}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n' if origin else ""
    (root / ".git" / "config").write_text(f"[core]\n\tbare = false\n{remote}", encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISTILLBENCH_SHARED", raising=False)


def test_shared_beside_the_checkout_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "work" / "shared" / "data").mkdir(parents=True)
    monkeypatch.setattr(paths, "REPO_ROOT", checkout(tmp_path / "work", "main"))
    assert paths.shared_data_dir() == tmp_path / "work" / "shared" / "data"


def test_a_fresh_local_clone_finds_the_shared_data_of_its_origin(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "work" / "shared" / "data").mkdir(parents=True)
    main = checkout(tmp_path / "work", "main")
    monkeypatch.setattr(paths, "REPO_ROOT", checkout(tmp_path / "elsewhere", "fresh", origin=str(main)))
    assert paths.shared_data_dir() == tmp_path / "work" / "shared" / "data"


def test_missing_everywhere_names_the_folder_beside_the_checkout(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = checkout(tmp_path / "elsewhere", "fresh", origin="https://example.org/distillbench.git")
    monkeypatch.setattr(paths, "REPO_ROOT", fresh)
    assert paths.shared_data_dir() == tmp_path / "elsewhere" / "shared" / "data"


def test_the_override_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISTILLBENCH_SHARED", str(tmp_path / "mine"))
    assert paths.shared_data_dir() == tmp_path / "mine" / "data"
