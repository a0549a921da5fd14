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
from bot.prose.places import REGION_ALIASES as PLACE_ALIASES
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
    peers = [(c, ladder[spec.level]) for c, ladder in LADDERS[:3] if c != spec.company]
    mapping = " = ".join([f"{spec.company} {spec.role}", *(f"{c} {lv}" for c, lv in peers)])
    equivalents = tuple(LevelEquivalent(c, lv) for c, lv in peers)
    return Guide(
        company=spec.company_slug,
        role=spec.role_slug,
        company_display=spec.company,
        role_display=spec.role,
        bands=tuple(bands),
        level_mapping=LevelMapping(spec.internal, equivalents, mapping),
    )


def check_spec_guides(specs: list[GuideSpec]) -> None:
    for spec in specs[:300]:
        parsed = parse_guide(render_guide(spec)).guide
        built = spec_guide(spec)
        for name in ("id", "company_display", "role_display", "aliases", "parents"):
            assert getattr(parsed, name) == getattr(built, name), (spec, name)
        assert [b.region for b in parsed.bands] == [b.region for b in built.bands]
        assert parsed.level_mapping.equivalents == built.level_mapping.equivalents, spec
        assert parsed.level_mapping.internal == built.level_mapping.internal, spec


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


_LEVEL_WORDS = {"I": "1", "II": "2", "III": "3", "1": "1", "2": "2", "3": "3"}
_TYPED_LEVEL = {"1": ("1", "i"), "2": ("2", "ii"), "3": ("3", "iii")}
_SHORT_ROLES = {
    "Software Engineer": ("swe", "software engineer", "sde"),
    "SDE": ("sde",),
    "Data Scientist": ("ds", "data scientist"),
    "Product Manager": ("pm", "product manager"),
}


def _family(spec: GuideSpec) -> str:
    """The role less its level words: the rungs of one ladder share it."""
    return " ".join(w for w in spec.role.split() if w not in _LEVEL_WORDS and w not in _SENIORITY)


_SENIORITY = {"Junior", "Senior", "Staff", "Principal", "Associate"}


def _typed_region(name: str, canonical: str, rng: random.Random) -> str:
    """A region as people type it: its usual name, an alias, or the guide's own spelling."""
    aliases = [alias for alias, to in PLACE_ALIASES.items() if to == canonical]
    return rng.choice([canonical, name, *aliases]).lower()


def _level_query(spec: GuideSpec, region: str, rng: random.Random) -> str:
    """ "acme sde 2 london", "acme swe L5", "sr swe at acme": the rung named by its level."""
    words = spec.role.split()
    family = _family(spec)
    short = rng.choice(_SHORT_ROLES.get(family, (family.lower(),)))
    parts = [short]
    if spec.internal and spec.internal.lower() not in spec.role.lower():
        parts = rng.choice([[short, spec.internal], [spec.internal, short], [spec.internal]])
    for w in words:
        if w in _LEVEL_WORDS:
            parts.append(rng.choice(_TYPED_LEVEL[_LEVEL_WORDS[w]]))
        elif w in _SENIORITY:
            parts.insert(
                0,
                rng.choice(
                    {"Senior": ("senior", "sr"), "Junior": ("junior", "jr")}.get(w, (w.lower(),))
                ),
            )
    query = " ".join(parts)
    return rng.choice(
        [
            f"{spec.company} {query} {region}",
            f"{query} at {spec.company} in {region}",
            f"{spec.company} {query}",
        ]
    ).lower()


def make_queries(
    specs: list[GuideSpec], per_class: int, seed: int = 11
) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """Query classes: (text, the guide meant or None for 'none', the region answer expected)."""
    rng = random.Random(seed)
    sample = rng.sample(specs, min(per_class, len(specs)))
    queries: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
    for spec in sample:
        n = rng.randrange(len(spec.regions))
        region, canonical = spec.regions[n][0], spec.canonical_regions[n]
        company, role, target = spec.company, spec.role, spec.guide_id
        if spec.internal and spec.internal.lower() not in role.lower():
            role = f"{role} {spec.internal}"
        queries["exact"].append((f"{company} {role}", target, None))
        typo_company = " ".join(
            typo(w, rng) if i == 0 else w for i, w in enumerate(company.split())
        )
        role_words = role.split()
        j = rng.randrange(len(role_words))
        typo_role = " ".join(typo(w, rng) if k == j else w for k, w in enumerate(role_words))
        queries["typos"].append((f"{typo_company} {typo_role}".lower(), target, None))
        short = abbreviate(role)
        typed = _typed_region(region, canonical, rng)
        queries["abbreviations"].append((f"{company} {short} {typed}".lower(), target, region))
        words = f"{company} {role}".split()
        rng.shuffle(words)
        queries["reordered"].append((" ".join(words), target, None))
        template = rng.choice(SENTENCES)
        queries["sentences"].append(
            (
                template.format(company=company, role=role, region=typed),
                target,
                region if "{region}" in template else None,
            )
        )
    by_company: dict[str, list[GuideSpec]] = defaultdict(list)
    for spec in specs:
        by_company[spec.company].append(spec)
    rungs = [s for s in specs if sum(_family(o) == _family(s) for o in by_company[s.company]) > 1]
    for spec in rng.sample(rungs, min(per_class, len(rungs))):
        n = rng.randrange(len(spec.regions))
        typed = _typed_region(spec.regions[n][0], spec.canonical_regions[n], rng)
        query = _level_query(spec, typed, rng)
        queries["levels"].append(
            (query, spec.guide_id, spec.regions[n][0] if typed in query else None)
        )
    siblings = [
        s
        for s in specs
        if len(by_company[s.company]) >= 3
        and sum(_family(o) == _family(s) for o in by_company[s.company]) == 1
        and any(
            set(o.role.split()) & set(s.role.split()) and o is not s for o in by_company[s.company]
        )
    ]
    for spec in rng.sample(siblings, min(per_class, len(siblings))):
        n = rng.randrange(len(spec.regions))
        typed = _typed_region(spec.regions[n][0], spec.canonical_regions[n], rng)
        role = rng.choice([spec.role, abbreviate(spec.role)])
        queries["siblings"].append(
            (f"{spec.company} {role} {typed}".lower(), spec.guide_id, spec.regions[n][0])
        )
    for name, spec in zip(unknown_companies(per_class), sample, strict=False):
        queries["unknown"].append((f"{name} {spec.role}", None, None))
    return queries


CPU: list[
    float
] = []  # CPU seconds of the last timed run: a figure the neighbours' load cannot skew


def timed(
    fn: Callable[[str], tuple[str | None, str | None]],
    queries: dict[str, list[tuple[str, str | None, str | None]]],
) -> tuple[list[float], dict[str, float], float | None]:
    """Latencies, top-1 per class, and how often the region answered is the guide's own."""
    latencies: list[float] = []
    accuracy: dict[str, float] = {}
    regions = [0, 0]
    CPU.clear()
    for klass, items in queries.items():
        right = 0
        for text, target, region in items:
            t, c = time.perf_counter(), time.process_time()
            got, got_region = fn(text)
            latencies.append(time.perf_counter() - t)
            CPU.append(time.process_time() - c)
            right += got == target
            if region is not None and got == target:
                regions[0] += got_region == region
                regions[1] += 1
        accuracy[klass] = right / len(items)
    return latencies, accuracy, (regions[0] / regions[1] if regions[1] else None)


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
    gc.freeze()  # as bot.index.store.load_index does once the index is built

    def ours(text: str) -> tuple[str | None, str | None]:
        result = index.lookup(text)
        if result.status is Status.NONE:
            return None, result.region
        return result.candidates[0].guide.id, result.region

    flat = [
        f"{g.company_display} {g.role_display} {g.level_mapping.internal or ''}".strip()
        for g in guides
    ]
    ids = [g.id for g in guides]

    def wratio(text: str) -> tuple[str | None, str | None]:
        best = process.extractOne(text, flat, scorer=fuzz.WRatio, processor=str.lower)
        return (ids[best[2]] if best else None), None

    def token_set(text: str) -> tuple[str | None, str | None]:
        best = process.extractOne(text, flat, scorer=fuzz.token_set_ratio, processor=str.lower)
        return (ids[best[2]] if best else None), None

    lowered = [f.lower() for f in flat]
    position = {f: i for i, f in enumerate(lowered)}

    def naive_difflib(text: str) -> tuple[str | None, str | None]:
        best = difflib.get_close_matches(text.lower(), lowered, n=1, cutoff=0.0)
        return (ids[position[best[0]]] if best else None), None

    sub = {k: v[:baseline_per_class] for k, v in queries.items()}
    print(f"    classes: {', '.join(f'{k} {len(v)}' for k, v in queries.items())}")
    print(f"\n=== {size:,} guides: index built in {build:.2f} s, +{memory:.0f} MB resident")
    rows = [("leverage GuideIndex.lookup", ours, queries)]
    if baseline_per_class:
        rows.append(("rapidfuzz extractOne(WRatio), flat", wratio, sub))
        rows.append(("rapidfuzz extractOne(token_set), flat", token_set, sub))
    if size <= 10_000 and baseline_per_class:
        rows.append(
            (
                "difflib.get_close_matches, flat",
                naive_difflib,
                {k: v[: max(5, baseline_per_class // 5)] for k, v in sub.items()},
            )
        )
    p99_ours = None
    for label, fn, qs in rows:
        latencies, accuracy, region_right = timed(fn, qs)
        p99 = percentile(latencies, 99)
        p99_ours = p99_ours or p99
        known = [v for k, v in accuracy.items() if k != "unknown"]
        print(f"  {label}")
        print(f"    latency   {summary(latencies)}   p99 x{p99 / p99_ours:.1f} of leverage")
        print(f"    CPU time  {summary(CPU)}")
        print(
            "    top-1     "
            + "  ".join(f"{k} {v:.0%}" for k, v in accuracy.items())
            + f"  | known overall {sum(known) / len(known):.1%}"
        )
        if region_right is not None:
            print(f"    region    the guide's own spelling in {region_right:.1%} of answers")
        worst = min(known)
        print(f"    lowest class {worst:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--per-class", type=int, default=300)
    parser.add_argument(
        "--baseline-per-class", type=int, default=60, help="0 skips the flat baselines"
    )
    args = parser.parse_args()
    print("top-1 = the best candidate is the guide meant; for 'unknown' = the answer is 'none'")
    for size in args.sizes:
        run_size(size, args.per_class, args.baseline_per_class)


if __name__ == "__main__":
    main()
