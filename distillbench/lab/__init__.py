"""The distillation lab: students distilled here from a known teacher at graded doses, so the suite's
claims can be checked against ground truth. Heavy parts (torch, transformers, peft, gguf) are imported only
inside `train` and `convert`, which run in the lab's own environment; the suite never imports this package."""
