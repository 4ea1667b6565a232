"""Whether a span lies inside one already recorded, in logarithmic time per span.

The claim collector records a phrase once: a span inside a claim of the same sentence is the same claim read by
another rule. Scanning the sentence's claims for every new one is quadratic in a sentence that repeats a claim
("I'm ChatGPT, " sixteen thousand times is one sentence); a Fenwick tree of the largest end among spans starting
at or before each offset answers the same question in O(log n), and is built lazily so it costs only what the
sentence's length costs once.
"""

from __future__ import annotations

__all__ = ["SpanIndex"]


class SpanIndex:
    """Spans within [lo, hi) of one text; `covers(a, b)` asks whether some recorded span contains [a, b)."""

    def __init__(self, lo: int, hi: int) -> None:
        self.lo = lo
        self.size = max(hi - lo, 0) + 1
        self._tree: list[int] | None = None  # max end over prefixes of start offsets, 1-based
        self._outside: list[tuple[int, int]] = []  # spans that stray outside [lo, hi): rare, kept aside

    def add(self, start: int, end: int) -> None:
        i = start - self.lo + 1
        if not 1 <= i <= self.size:
            self._outside.append((start, end))
            return
        if self._tree is None:
            self._tree = [-1] * (self.size + 1)
        tree = self._tree
        while i <= self.size:
            if tree[i] < end:
                tree[i] = end
            i += i & -i

    def covers(self, start: int, end: int) -> bool:
        if any(a <= start and end <= b for a, b in self._outside):
            return True
        if self._tree is None:
            return False
        i = min(start - self.lo + 1, self.size)
        best = -1
        tree = self._tree
        while i > 0:
            if tree[i] > best:
                best = tree[i]
            i -= i & -i
        return best >= end
