"""Fine-tune one lab student: SmolLM2-135M-Instruct, loaded from the GGUF file the suite serves, trained with
LoRA on one dose mix and merged, so the saved model converts back to GGUF like any Hugging Face checkpoint.

Runs in the lab's own Python (the `lab` extra: torch, transformers, peft), as a script:
`python -m distillbench.lab.train --mix MIX.jsonl --base-gguf FILE.gguf --out DIR --seed S`.

Why these choices:
- Loss on the answer tokens only, under the student's own chat template: the student learns what to say to a
  prompt, in the format it is served with, not to reproduce prompts.
- LoRA on every linear layer (r 32, alpha 64), 2 epochs, lr 8e-4 with a cosine schedule: every dose gets the
  same recipe and the same number of tokens, so only the answers' source differs between students.
- bf16 autocast on the CPU: about twice the speed of fp32 here, with fp32 master weights.
- The merged model is written to a temporary folder and renamed, so an interrupted run leaves nothing that a
  rerun would mistake for a finished student.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from distillbench.atomic import write_atomic

RANK, ALPHA, EPOCHS, LR, BATCH, MAX_TOKENS = 32, 64, 2, 8e-4, 8, 384


def _fail(message: str) -> None:
    print(f"distillbench lab train: {message}", file=sys.stderr)
    raise SystemExit(2)


def _progress(done: int, total: int, extra: dict[str, Any]) -> None:
    """Progress for the pipeline's progress file (its path comes in the environment), and a log line."""
    path = os.environ.get("DISTILLBENCH_LAB_PROGRESS")
    print(f"train: {done}/{total} {json.dumps(extra)}", flush=True)
    if path:
        try:
            state = json.loads(Path(path).read_text(encoding="utf-8"))
            state["current"] = {**(state.get("current") or {}), "done": done, "total": total, **extra,
                                "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            write_atomic(Path(path), json.dumps(state, indent=2))
        except (OSError, ValueError):
            pass  # progress is a convenience; training goes on


def read_mix(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        _fail(f"mix file {path} is missing; the lab's mix step writes it (`distillbench lab`)")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            _fail(f"{path}: line {number} is not JSON; delete the file and rerun the mix step")
        if not isinstance(row.get("prompt"), str) or not isinstance(row.get("answer"), str):
            _fail(f"{path}: line {number} lacks a string prompt and answer")
        rows.append({"prompt": row["prompt"], "answer": row["answer"]})
    if not rows:
        _fail(f"mix file {path} holds no rows")
    return rows


def encode(tokenizer: Any, prompt: str, answer: str) -> tuple[list[int], list[int]]:
    """Token ids of the whole conversation and labels that are -100 (ignored) over the prompt part."""
    user = [{"role": "user", "content": prompt}]
    head = tokenizer.apply_chat_template(user, add_generation_prompt=True, tokenize=True)
    full = tokenizer.apply_chat_template([*user, {"role": "assistant", "content": answer}], tokenize=True)
    head, full = list(_ids(head)), list(_ids(full))
    if full[: len(head)] != head:
        _fail("the chat template does not render the prompt as a prefix of the conversation")
    full = full[:MAX_TOKENS]
    labels = [-100] * min(len(head), len(full)) + full[len(head):]
    return full, labels


def _ids(value: Any) -> list[int]:
    if isinstance(value, dict) or hasattr(value, "input_ids"):
        value = value["input_ids"]
    return [int(v) for v in value]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m distillbench.lab.train", description=__doc__)
    p.add_argument("--mix", type=Path, required=True)
    p.add_argument("--base-gguf", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=EPOCHS)
    p.add_argument("--max-steps", type=int, default=None, help="stop after this many steps (a smoke test)")
    args = p.parse_args(argv)
    rows = read_mix(args.mix)
    if not args.base_gguf.is_file():
        _fail(f"base model {args.base_gguf} is missing; run `make local`")

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    threads = int(os.environ.get("DISTILLBENCH_LAB_THREADS", "0"))
    if threads > 0:
        torch.set_num_threads(threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    gguf_dir, gguf_name = str(args.base_gguf.parent), args.base_gguf.name
    tokenizer = AutoTokenizer.from_pretrained(gguf_dir, gguf_file=gguf_name)
    model = AutoModelForCausalLM.from_pretrained(gguf_dir, gguf_file=gguf_name, torch_dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(r=RANK, lora_alpha=ALPHA, lora_dropout=0.05, bias="none",
                                             target_modules="all-linear", task_type="CAUSAL_LM"))
    examples = [encode(tokenizer, r["prompt"], r["answer"]) for r in rows]
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    steps_per_epoch = math.ceil(len(examples) / BATCH)
    total = steps_per_epoch * args.epochs if args.max_steps is None else min(args.max_steps,
                                                                              steps_per_epoch * args.epochs)
    optim = torch.optim.AdamW([q for q in model.parameters() if q.requires_grad], lr=LR, weight_decay=0.0)
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min(1.0, (s + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * min(s, total) / total)))
    model.train()
    step, started, losses = 0, time.monotonic(), []
    order = list(range(len(examples)))
    for epoch in range(args.epochs):
        random.Random(args.seed * 1000 + epoch).shuffle(order)
        for at in range(0, len(order), BATCH):
            if step >= total:
                break
            batch = [examples[i] for i in order[at : at + BATCH]]
            width = max(len(ids) for ids, _ in batch)
            ids = torch.tensor([x + [pad] * (width - len(x)) for x, _ in batch])
            labels = torch.tensor([y + [-100] * (width - len(y)) for _, y in batch])
            mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x, _ in batch])
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            step += 1
            losses.append(float(loss))
            _progress(step, total, {"epoch": epoch + 1, "loss": round(sum(losses[-10:]) / len(losses[-10:]), 4),
                                    "elapsed_s": round(time.monotonic() - started, 1)})
    merged = model.merge_and_unload()
    # A model loaded from GGUF carries a quantizer marker that makes save_pretrained refuse; the weights are
    # plain float tensors by now.
    merged.hf_quantizer = None
    if hasattr(merged.config, "quantization_config"):
        del merged.config.quantization_config
    tmp = args.out.with_name(args.out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    merged.save_pretrained(tmp, safe_serialization=True)
    tokenizer.save_pretrained(tmp)
    (tmp / "training.json").write_text(json.dumps({
        "rows": len(rows), "steps": step, "epochs": args.epochs, "rank": RANK, "alpha": ALPHA, "lr": LR,
        "batch": BATCH, "max_tokens": MAX_TOKENS, "seed": args.seed, "first_loss": losses[:10],
        "last_loss": losses[-10:], "wall_s": round(time.monotonic() - started, 1)}, indent=2), encoding="utf-8")
    shutil.rmtree(args.out, ignore_errors=True)
    os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
