"""Matching at scale: index build, lookup latency and top-1 accuracy per query class, beside a
naive difflib baseline and a flat rapidfuzz extractOne(WRatio), on the same corpus, same run.

Run: python -m benchmarks.bench_match [--sizes 1000 10000 100000] [--per-class 300]

Guides are built from the generator's specs directly (parsing 100k files is the load
benchmark's business); at the smallest size the benchmark checks that they equal what the
parser makes of the rendered files, field by field the index uses.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import time
from collections import defaultdict
from collections.abc import Callable

from rapidfuzz import fuzz, process

from benchmarks.common import percentile, summary
from bot.guides import Band, Guide, LevelEquivalent, LevelMapping, Span, parse_guide
from bot.index import GuideIndex, Status
from bot.synthetic import LADDERS, GuideSpec, generate_specs, render_guide, unknown_companies

ABBREVIATIONS = [
    ("Senior ", "Sr "),
    ("Software Engineer", "SWE"),
    ("Machine Learning", "ML"),
    ("Product Manager", "PM"),
    ("Engineering Manager", "EM"),
    ("Site Reliability Engineer", "SRE"),
    ("Technical Program Manager", "TPM"),
    ("Data Scientist", "DS"),
    (" II", " 2"),
    ("Engineer", "Eng"),
]
REGION_ALIASES = {
    "San Francisco": "bay area",
    "New York": "nyc",
    "London": "ldn",
    "Bengaluru": "bangalore",
}
SENTENCES = [
    "what does {company} pay a {role} in {region}?",
    "hey, any idea what {role}s make at {company}?",
    "<@U012AB3CD> {company} {role} comp in {region} pls",
    "Quick q: {role} at {company}, {region}. Bands?",
]


def spec_guide(spec: GuideSpec) -> Guide:
    """The Guide the parser makes of ``render_guide(spec)``, as far as the index looks."""
    bands = []
    for region, currency, factor in spec.regions:
        mid = round(spec.base * factor, -3)
        bands.append(
            Band(
                region,
                currency,
                base=Span(round(mid * 0.9, -3), round(mid * 1.1, -3)),
                stock=Span(round(mid * 0.8, -3), round(mid * 1.5, -3)),
            )
        )
    ladders = [f"{company} {ladder[spec.level]}" for company, ladder in LADDERS[:3]]
    mapping = " = ".join([f"{spec.company} {spec.role}", *ladders])
    equivalents = tuple(
        LevelEquivalent(c, ladder[spec.level]) for c, ladder in LADDERS[:3] if c != spec.company
    )
    return Guide(
        company=spec.company_slug,
        role=spec.role_slug,
        company_display=spec.company,
        role_display=spec.role,
        bands=tuple(bands),
        level_mapping=LevelMapping(None, equivalents, mapping),
    )


def check_spec_guides(specs: list[GuideSpec]) -> None:
    for spec in specs[:300]:
        parsed = parse_guide(render_guide(spec)).guide
        built = spec_guide(spec)
        for name in ("id", "company_display", "role_display", "aliases", "parents"):
            assert getattr(parsed, name) == getattr(built, name), (spec, name)
        assert [b.region for b in parsed.bands] == [b.region for b in built.bands]
        assert parsed.level_mapping.equivalents == built.level_mapping.equivalents, spec


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeioustrn") + word[i + 1 :]


def abbreviate(role: str) -> str:
    for long, short in ABBREVIATIONS:
        role = role.replace(long, short)
    return role


def make_queries(
    specs: list[GuideSpec], per_class: int, seed: int = 11
) -> dict[str, list[tuple[str, str | None]]]:
    rng = random.Random(seed)
    sample = rng.sample(specs, min(per_class, len(specs)))
    queries: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for spec in sample:
        region = rng.choice(spec.regions)[0]
        company, role, target = spec.company, spec.role, spec.guide_id
        queries["exact"].append((f"{company} {role}", target))
        typo_company = " ".join(
            typo(w, rng) if i == 0 else w for i, w in enumerate(company.split())
        )
        role_words = role.split()
        j = rng.randrange(len(role_words))
        typo_role = " ".join(typo(w, rng) if k == j else w for k, w in enumerate(role_words))
        queries["typos"].append((f"{typo_company} {typo_role}".lower(), target))
        short = abbreviate(role)
        queries["abbreviations"].append(
            (f"{company} {short} {REGION_ALIASES.get(region, region)}".lower(), target)
        )
        words = f"{company} {role}".split()
        rng.shuffle(words)
        queries["reordered"].append((" ".join(words), target))
        template = rng.choice(SENTENCES)
        queries["sentences"].append(
            (template.format(company=company, role=role, region=region), target)
        )
    for name, spec in zip(unknown_companies(per_class), sample, strict=False):
        queries["unknown"].append((f"{name} {spec.role}", None))
    return queries


def timed(
    fn: Callable[[str], str | None], queries: dict[str, list[tuple[str, str | None]]]
) -> tuple[list[float], dict[str, float]]:
    latencies: list[float] = []
    accuracy: dict[str, float] = {}
    for klass, items in queries.items():
        right = 0
        for text, target in items:
            t = time.perf_counter()
            got = fn(text)
            latencies.append(time.perf_counter() - t)
            right += got == target
        accuracy[klass] = right / len(items)
    return latencies, accuracy


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


def run_size(size: int, per_class: int, baseline_per_class: int) -> None:
    specs = generate_specs(size)
    if size <= 1000:
        check_spec_guides(specs)
    guides = [spec_guide(s) for s in specs]
    queries = make_queries(specs, per_class)
    gc.collect()
    before = rss_mb()
    t = time.perf_counter()
    index = GuideIndex(guides)
    build = time.perf_counter() - t
    memory = rss_mb() - before

    def ours(text: str) -> str | None:
        result = index.lookup(text)
        if result.status is Status.NONE:
            return None
        return result.candidates[0].guide.id

    flat = [f"{g.company_display} {g.role_display}" for g in guides]
    ids = [g.id for g in guides]

    def wratio(text: str) -> str | None:
        best = process.extractOne(text, flat, scorer=fuzz.WRatio, processor=str.lower)
        return ids[best[2]] if best else None

    def token_set(text: str) -> str | None:
        best = process.extractOne(text, flat, scorer=fuzz.token_set_ratio, processor=str.lower)
        return ids[best[2]] if best else None

    lowered = [f.lower() for f in flat]
    position = {f: i for i, f in enumerate(lowered)}

    def naive_difflib(text: str) -> str | None:
        best = difflib.get_close_matches(text.lower(), lowered, n=1, cutoff=0.0)
        return ids[position[best[0]]] if best else None

    sub = {k: v[:baseline_per_class] for k, v in queries.items()}
    print(f"\n=== {size:,} guides: index built in {build:.2f} s, +{memory:.0f} MB resident")
    rows = [("leverage GuideIndex.lookup", ours, queries)]
    rows.append(("rapidfuzz extractOne(WRatio), flat", wratio, sub))
    rows.append(("rapidfuzz extractOne(token_set), flat", token_set, sub))
    if size <= 10_000:
        rows.append(
            (
                "difflib.get_close_matches, flat",
                naive_difflib,
                {k: v[: max(5, baseline_per_class // 5)] for k, v in sub.items()},
            )
        )
    p99_ours = None
    for label, fn, qs in rows:
        latencies, accuracy = timed(fn, qs)
        p99 = percentile(latencies, 99)
        p99_ours = p99_ours or p99
        known = [v for k, v in accuracy.items() if k != "unknown"]
        print(f"  {label}")
        print(f"    latency   {summary(latencies)}   p99 x{p99 / p99_ours:.1f} of leverage")
        print(
            "    top-1     "
            + "  ".join(f"{k} {v:.0%}" for k, v in accuracy.items())
            + f"  | known overall {sum(known) / len(known):.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--per-class", type=int, default=300)
    parser.add_argument("--baseline-per-class", type=int, default=60)
    args = parser.parse_args()
    print("top-1 = the best candidate is the guide meant; for 'unknown' = the answer is 'none'")
    for size in args.sizes:
        run_size(size, args.per_class, args.baseline_per_class)


if __name__ == "__main__":
    main()
