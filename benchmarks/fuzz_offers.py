"""A coverage-guided fuzzer (atheris, libFuzzer) for the offer reader: exceptions and slow inputs.

Each fuzz input is read as a repeat count and a piece of text; the piece is repeated up to the
16 KB cap, so coverage guidance works on short pieces while every run is as long as a paste
may be (the shape of the inputs that were slow before: long runs of digits, spaces, k, $...).
A run fails (libFuzzer saves the input as crash-*) when anything but OfferError escapes
parse_offers, or when a run is over the budget twice in a row (once may be the neighbours on a
shared machine). Coverage instrumentation slows the reader down several times, so the budget
while fuzzing is $FUZZ_BUDGET_MS (default 400); --replay times saved inputs uninstrumented
against the real 100 ms budget.

Needs the optional extra: pip install -e '.[fuzz]'
Run: python -m benchmarks.fuzz_offers [libFuzzer flags, e.g. -max_total_time=600 corpus_dir]
     python -m benchmarks.fuzz_offers --replay FILE...
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

import atheris

from bot.errors import OfferError
from bot.offers.parse import MAX_CHARS, parse_offers

BUDGET_MS = 100.0
FUZZ_BUDGET_MS = float(os.environ.get("FUZZ_BUDGET_MS", "400"))


class SlowInput(Exception):
    """A paste the reader took longer than the budget on."""


def paste_of(data: bytes) -> str:
    """The paste a fuzz input stands for: its piece of text, repeated up to the size cap."""
    fdp = atheris.FuzzedDataProvider(data)
    repeat = 1 + fdp.ConsumeIntInRange(0, 4000)
    piece = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    return (piece * repeat)[:MAX_CHARS]


def elapsed_ms(text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(OfferError):
        parse_offers(text)
    return (time.perf_counter() - start) * 1000


def test_one_input(data: bytes) -> None:
    text = paste_of(data)
    if text and elapsed_ms(text) > FUZZ_BUDGET_MS and (ms := elapsed_ms(text)) > FUZZ_BUDGET_MS:
        raise SlowInput(f"{ms:.0f} ms (instrumented) on {len(text)} characters: {text[:60]!r}")


def replay(paths: list[str]) -> None:
    for path in paths:
        text = paste_of(Path(path).read_bytes())
        ms = min(elapsed_ms(text), elapsed_ms(text), elapsed_ms(text))
        verdict = "over" if ms > BUDGET_MS else "within"
        print(f"{path}: {ms:.1f} ms, {verdict} the {BUDGET_MS:.0f} ms budget: {text[:60]!r}")


def main() -> None:
    if sys.argv[1:2] == ["--replay"]:
        replay(sys.argv[2:])
        return
    atheris.instrument_all()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
