"""Convert a trained student (a Hugging Face folder) to a q8_0 GGUF file the suite's llama.cpp server serves,
with a sha256 sidecar the server side checks before serving it.

The converter is llama.cpp's own `convert_hf_to_gguf.py`, taken from the llama-cpp-python source package pinned
in the `local` extra (the same llama.cpp that serves the file), with its `conversion/` modules and `gguf-py`;
nothing is vendored into this repository. q8_0, not Q4_1: a 4-bit re-quantisation washes a light fine-tune out.

Runs in the lab's own Python: `python -m distillbench.lab.convert --model-dir DIR --out FILE.gguf --cache DIR`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from distillbench.recording.local_models import sha256_file

LLAMA_CPP_PYTHON = "llama-cpp-python==0.3.36"
SDIST = "llama_cpp_python-0.3.36.tar.gz"
PREFIX = "llama_cpp_python-0.3.36/vendor/llama.cpp/"
WANTED = ("convert_hf_to_gguf.py", "conversion/", "gguf-py/")


def _fail(message: str) -> None:
    print(f"distillbench lab convert: {message}", file=sys.stderr)
    raise SystemExit(2)


def converter(cache: Path) -> Path:
    """llama.cpp's converter folder under `cache`, unpacked from the pinned source package (downloaded once)."""
    root = cache / "llama.cpp-convert"
    script = root / "convert_hf_to_gguf.py"
    if script.is_file() and (root / ".complete").is_file():
        return root
    sdist = cache / SDIST
    if not sdist.is_file():
        result = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                                 LLAMA_CPP_PYTHON, "-d", str(cache)], check=False)
        if result.returncode != 0 or not sdist.is_file():
            _fail(f"could not download the {LLAMA_CPP_PYTHON} source package (pip exit {result.returncode})")
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(PREFIX)
                   and m.name[len(PREFIX):].startswith(WANTED) and (m.isfile() or m.isdir())]
        for member in members:
            member.name = member.name[len(PREFIX):]
        tar.extractall(root, members=members, filter="data")
    if not script.is_file():
        _fail(f"{SDIST} holds no {PREFIX}convert_hf_to_gguf.py")
    (root / ".complete").write_text("unpacked\n", encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m distillbench.lab.convert", description=__doc__)
    p.add_argument("--model-dir", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--cache", type=Path, required=True)
    p.add_argument("--outtype", default="q8_0")
    args = p.parse_args(argv)
    if not (args.model_dir / "config.json").is_file():
        _fail(f"{args.model_dir} holds no trained model (config.json); run the lab's train step first")
    root = converter(args.cache)
    partial = args.out.with_name(args.out.name + ".partial")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "gguf-py"), str(root)])}
    result = subprocess.run([sys.executable, str(root / "convert_hf_to_gguf.py"), str(args.model_dir),
                             "--outfile", str(partial), "--outtype", args.outtype], env=env, check=False)
    if result.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        _fail(f"llama.cpp's converter failed on {args.model_dir} (exit {result.returncode})")
    digest = sha256_file(partial)
    os.replace(partial, args.out)
    sidecar = args.out.with_name(args.out.name + ".sha256")
    sidecar.write_text(f"{digest}  {args.out.name}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
