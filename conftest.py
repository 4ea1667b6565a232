"""This repository's own test configuration. The distillbench plugin itself loads by its pytest11 entry point."""
