"""A deterministic generator of synthetic guides in the seed's format, for benchmarks and tests.

Same seed, same corpus: the benchmarks for loading, matching and the Slack app all reuse it.
Companies are real names first, then invented ones built from syllables (so some invented names
are near neighbours of each other and some share words, as real names do); roles, regions,
currencies and level ladders are realistic. Some companies write a guide per rung of a level
ladder (SDE I/II/III, L3-L7, E3-E7, junior to principal) beside sibling roles (PM, DS, SRE...),
and some spell a region their own way ("Bangalore", "NYC"). About one guide in ten carries
the seed's mojibake damage.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.synthetic.names import (
    LADDER_STYLES,
    LADDERS,
    REAL_COMPANIES,
    REGION_SPELLINGS,
    REGIONS,
    ROLES,
    SIBLING_ROLES,
    SUFFIX_WORDS,
    SYLLABLES_A,
    SYLLABLES_B,
)

__all__ = [
    "LADDERS",
    "REGIONS",
    "ROLES",
    "GuideSpec",
    "generate_specs",
    "render_guide",
    "unknown_companies",
    "write_corpus",
]


_SENIORITY = {
    "Senior": 2,
    "Staff": 3,
    "Principal": 4,
    "II": 1,
    "III": 2,
    "Manager": 2,
    "2": 1,
    "3": 2,
}
_MOJIBAKE = str.maketrans({"–": "â€“", "—": "â€”", "£": "Â£", "€": "â‚¬", "’": "â€™"})


@dataclass(frozen=True)
class GuideSpec:
    company: str
    role: str
    regions: tuple[tuple[str, str, float], ...]  # (the guide's own spelling, currency, factor)
    level: int  # 0..4 on the ladders above
    base: int  # San Francisco base midpoint in USD
    damaged: bool
    internal: str | None = None  # the company's own level, when the guide is one rung
    canonical_regions: tuple[str, ...] = ()  # each region's usual name, beside its spelling

    @property
    def company_slug(self) -> str:
        return slugify(self.company)

    @property
    def role_slug(self) -> str:
        if self.internal and self.internal.casefold() not in self.role.casefold():
            return slugify(f"{self.role} {self.internal}")
        return slugify(self.role)

    @property
    def guide_id(self) -> str:
        return f"{self.company_slug}/{self.role_slug}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def company_names(rng: random.Random) -> Iterator[str]:
    """Real names first, then invented ones, never repeating a slug. Invented names share
    syllables and words ("Quantify Labs", "Quantify Health"), as real names do."""
    seen: set[str] = set()
    for name in REAL_COMPANIES:
        seen.add(slugify(name))
        yield name
    invented = [a + b + s for a in SYLLABLES_A for b in SYLLABLES_B for s in SUFFIX_WORDS]
    rng.shuffle(invented)
    for name in invented:
        if slugify(name) not in seen:
            seen.add(slugify(name))
            yield name


def unknown_companies(count: int, seed: int = 7) -> list[str]:
    """Names the generator never uses, for "no such company" queries."""
    rng = random.Random(seed)
    heads = (
        "Brambl",
        "Crudd",
        "Fjorv",
        "Glimm",
        "Plonk",
        "Snarf",
        "Twirp",
        "Whizz",
        "Yaww",
        "Drizz",
    )
    tails = ("ington", "ovka", "umble", "ashire", "etto", "mouth", "aroo", "ibble")
    names = sorted({h + t for h in heads for t in tails})
    rng.shuffle(names)
    return [*("Airbnb", "Etsy", "Wayfair", "Peloton"), *names][:count]


LADDER_SHARE = 0.3  # companies that write one guide per rung of a ladder


def generate_specs(count: int, seed: int = 1) -> list[GuideSpec]:
    """``count`` guide specs: most companies with a handful of roles, some (LADDER_SHARE) with
    a whole level ladder of one role beside sibling roles at the same company."""
    rng = random.Random(seed)
    specs: list[GuideSpec] = []
    companies = company_names(rng)
    while len(specs) < count:
        company = next(companies)
        spellings = {
            region: rng.choice(REGION_SPELLINGS[region]) if rng.random() < 0.5 else region
            for region in REGION_SPELLINGS
        }
        rungs: list[tuple[str, str | None]]
        if company == "Segment":
            rungs = [(r, None) for r in ("AI CDP Platform Engineer", "Data Engineer")]
            rungs += [(r, None) for r in rng.sample(ROLES, k=2) if r not in ("Data Engineer",)]
        elif rng.random() < LADDER_SHARE:
            ladder = rng.choice(LADDER_STYLES)
            family = ladder[0][0].split()[-1]
            siblings = [r for r in SIBLING_ROLES if family not in r.split()]
            rungs = list(ladder) + [(r, None) for r in rng.sample(siblings, k=rng.randint(2, 5))]
        else:
            rungs = [(r, None) for r in rng.sample(ROLES, k=rng.randint(3, 14))]
        seen: set[str] = set()
        for rung, (role, internal) in enumerate(rungs[: count - len(specs)]):
            level = _level(role, internal, rung)
            picked = sorted(rng.sample(REGIONS, k=rng.randint(1, 4)), key=REGIONS.index)
            spec = GuideSpec(
                company=company,
                role=role,
                regions=tuple((spellings.get(r, r), c, f) for r, c, f in picked),
                level=level,
                base=int(rng.randint(140, 200) * 1000 * (1 + 0.18 * level)),
                damaged=rng.random() < 0.1,
                internal=internal,
                canonical_regions=tuple(r for r, _, _ in picked),
            )
            if spec.guide_id not in seen:
                seen.add(spec.guide_id)
                specs.append(spec)
    return specs


def _level(role: str, internal: str | None, rung: int) -> int:
    if internal and internal[-1].isdigit():
        return max(0, min(4, rung))
    return min(4, 1 + sum(v for k, v in _SENIORITY.items() if k in role.split()))


def _k(value: float) -> str:
    return f"{round(value / 1000)}K"


def _sym(currency: str) -> str:
    return {
        "USD": "$",
        "GBP": "£",
        "EUR": "€",
        "INR": "₹",
        "CHF": "CHF ",
        "CAD": "C$",
        "SGD": "S$",
        "AUD": "A$",
    }[currency]


def render_guide(spec: GuideSpec) -> str:
    """The guide text for ``spec``, in the layout of the real seed."""
    ladder_rows = [
        f"{company} {ladder[spec.level]}"
        for company, ladder in LADDERS[:3]
        if company != spec.company
    ]
    mapping = " = ".join([f"{spec.company} {spec.role}", *ladder_rows])
    comp_lines = []
    table_rows = []
    for region, currency, factor in spec.regions:
        base_mid = round(spec.base * factor, -3)
        base_lo, base_hi = round(base_mid * 0.9, -3), round(base_mid * 1.1, -3)
        stock_lo, stock_hi = round(base_mid * 0.8, -3), round(base_mid * 1.5, -3)
        tc_lo = round(base_lo + stock_lo / 4 + base_lo * 0.1, -3)
        tc_hi = round(base_hi + stock_hi / 4 + base_hi * 0.15, -3)
        comp_lines.append(
            f"  - region: {region}\n    base_low: {base_lo:.0f}\n    base_high: {base_hi:.0f}\n"
            f"    stock_low: {stock_lo:.0f}\n    stock_high: {stock_hi:.0f}\n    bonus_pct: 10\n"
            f"    total_comp_low: {tc_lo:.0f}\n    total_comp_high: {tc_hi:.0f}\n    currency: {currency}"
        )
        s = _sym(currency)
        table_rows.append(
            f"| {region} | {s}{_k(base_lo)}–{s}{_k(base_hi)} | {s}{_k(stock_lo)}–{s}{_k(stock_hi)} "
            f"| 10–15% | {s}{_k(tc_lo)}–{s}{_k(tc_hi)} |"
        )
    _, first_currency, factor = spec.regions[0]
    s = _sym(first_currency)
    base_target = round(spec.base * factor * 1.08, -3)
    stock_target = round(spec.base * factor * 1.35, -3)
    accept = round(stock_target * 0.93, -3)
    internal = spec.internal or "null"
    title = f"{spec.role} ({spec.internal})" if spec.internal else spec.role
    text = f"""---
company: {spec.company_slug}
company_display: {spec.company}
role: {spec.role_slug}
role_display: {spec.role}
role_type: {"management" if "Manager" in spec.role else "engineering"}
last_updated: 2026-02-23
data_quality: high
salary_data_quarter: 2025-Q4
next_review_due: 2026-12-23
compensation:
{chr(10).join(comp_lines)}
level_mapping:
  internal: {internal}
  raw: {mapping}
data_sources:
  - Levels.fyi
negotiation_dna_summary: "RSU-heavy offers with room on signing | {spec.role} 2026"
---
### {title} | {spec.company} Global Negotiation Guide

**Negotiation DNA:** RSU-heavy offers with room on signing | {spec.role} 2026

| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |
|--------|-------------|-----------------|-------|------------|
{chr(10).join(table_rows)}

**Negotiation DNA**

{spec.company} hires {spec.role}s against a competitive market — equity is where the room is.

**Level Mapping:** {mapping}

**Global Levers**

1. **Competing Offers:** "I have competing offers from peers at a higher total package; I'd like {spec.company} to close the gap in RSUs."
2. **Scope of the Role:** "The scope here is larger than a typical {spec.role} role — my level and stock should reflect it."
3. **Signing Bonus:** "To cover the unvested equity I leave behind, I expect a signing bonus of {s}{_k(base_target * 0.2)}."

> **Negotiate Up Strategy:** "I'd like {s}{_k(stock_target)} in RSUs over 4 years with a {s}{_k(base_target)} base, 13% bonus, and {s}{_k(base_target * 0.2)} signing bonus." Accept if above {s}{_k(accept)} RSUs.

#### Evidence & Sources
- [{spec.company} — {spec.role} Comp — Levels.fyi 2025-2026]
"""
    return text.translate(_MOJIBAKE) if spec.damaged else text


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[GuideSpec]:
    """Write ``count`` guides into ``folder`` (created if needed); returns their specs."""
    folder.mkdir(parents=True, exist_ok=True)
    specs = generate_specs(count, seed)
    for i, spec in enumerate(specs):
        name = f"{i:06d}_{spec.company_slug}_{spec.role_slug}.md"
        (folder / name).write_text(render_guide(spec), encoding="utf-8")
    return specs
