"""Field accuracy of the offer reader on a labelled corpus (../shared/offers/dev.yaml's shape):
overall, per field, per style, and the worst cases. Shared by bench_offers and the floor test."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.errors import OfferError
from bot.offers.parse import parse_offers

FIELDS = (
    "currency", "base", "stock_total", "stock_years", "stock_per_year", "vesting",
    "bonus_pct", "bonus_amount", "signing", "stock_currency",
)  # fmt: skip


def same(got: Any, want: Any) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if isinstance(want, list) or isinstance(got, list):
        return [float(x) for x in got] == [float(x) for x in want]
    if isinstance(want, str):
        return bool(got == want)
    return abs(float(got) - float(want)) <= max(0.5, abs(float(want)) * 1e-6)


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0
    by_field: Counter[str] = field(default_factory=Counter)
    field_total: Counter[str] = field(default_factory=Counter)
    by_style: Counter[str] = field(default_factory=Counter)
    style_total: Counter[str] = field(default_factory=Counter)
    worst: list[tuple[int, str, str, list[tuple[str, Any, Any]]]] = field(default_factory=list)

    @property
    def overall(self) -> float:
        return self.right / self.total if self.total else 0.0


def load(path: Path) -> list[dict[str, Any]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(cases, list):
        raise ValueError(f"{path}: expected a list of cases")
    return cases


def measure(cases: list[dict[str, Any]]) -> Accuracy:
    acc = Accuracy()
    for case in cases:
        try:
            got = parse_offers(case["text"]).offer.as_dict()
        except OfferError:
            got = {}
        want = case["expected"]
        wrong = []
        for name in FIELDS:
            if name == "stock_currency" and name not in want and name not in got:
                continue
            ok = same(got.get(name), want.get(name))
            acc.total += 1
            acc.field_total[name] += 1
            acc.style_total[case.get("style", "?")] += 1
            if ok:
                acc.right += 1
                acc.by_field[name] += 1
                acc.by_style[case.get("style", "?")] += 1
            else:
                wrong.append((name, want.get(name), got.get(name)))
        if wrong:
            acc.worst.append((len(wrong), case.get("id", "?"), case.get("style", "?"), wrong))
    acc.worst.sort(key=lambda w: -w[0])
    return acc


def report(acc: Accuracy, worst: int = 10) -> str:
    lines = [f"field accuracy {acc.overall:.1%} ({acc.right}/{acc.total})", "per field:"]
    lines += [f"  {n:15s} {acc.by_field[n] / t:6.1%} ({t})" for n, t in acc.field_total.items()]
    lines.append("per style:")
    lines += [
        f"  {s:28s} {acc.by_style[s] / t:6.1%} ({t})" for s, t in sorted(acc.style_total.items())
    ]
    lines.append(f"{min(worst, len(acc.worst))} worst cases:")
    for count, case_id, style, wrong in acc.worst[:worst]:
        shown = "; ".join(f"{n}: want {w!r} got {g!r}" for n, w, g in wrong)
        lines.append(f"  {case_id} ({style}), {count} wrong: {shown}")
    return "\n".join(lines)
