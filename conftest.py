"""Registers the distillbench pytest plugin for this repository; holds nothing else."""

pytest_plugins = ["scoring.plugin"]
