"""`distillbench fuzz`: the paper's adaptive identity-jailbreak search (GPTFuzzer's MCTS-Explore over mutated
templates), every call recorded so a finished search replays offline into the same template set."""
