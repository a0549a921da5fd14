"""Accept and walk-away lines in the wordings authors use, each read to kind, component,
comparison, amount, currency and whether it is a yearly figure."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.guides import parse_guide

GUIDE = """---
company: acme
role: engineer
compensation:
  - region: Somewhere
    base_low: 100000
    base_high: 200000
    total_comp_low: 150000
    total_comp_high: 300000
    currency: {currency}
---
{body}
"""

W, A = "walk_away", "accept"
CASES = [
    # (sentence, currency of the guide, [(kind, component, comparison, amount, currency, per_year)])
    ("Accept if above $265K RSUs.", "USD", [(A, "stock", "above", 265_000, "USD", False)]),
    (
        "Accept anything above $250K total comp.",
        "USD",
        [(A, "total_comp", "above", 250_000, "USD", False)],
    ),
    ("Walk away if the base is below $180K.", "USD", [(W, "base", "below", 180_000, "USD", False)]),
    ("Walk if base is under €95K.", "EUR", [(W, "base", "below", 95_000, "EUR", False)]),
    ("Our floor is ₹40L fixed.", "INR", [(W, "base", "below", 4_000_000, "INR", False)]),
    ("Sign at $300K TC or better.", "USD", [(A, "total_comp", "at_least", 300_000, "USD", False)]),
    (
        "Anything over $320K total comp, sign immediately.",
        "USD",
        [(A, "total_comp", "above", 320_000, "USD", False)],
    ),
    ("Don't go below ¥11M.", "JPY", [(W, "total_comp", "below", 11_000_000, "JPY", False)]),
    ("Minimum acceptable: £100k base.", "GBP", [(W, "base", "below", 100_000, "GBP", False)]),
    ("If they can't reach $210K base, walk.", "USD", [(W, "base", "below", 210_000, "USD", False)]),
    (
        "≥ C$230K total comp is an accept.",
        "CAD",
        [(A, "total_comp", "at_least", 230_000, "CAD", False)],
    ),
    (
        "**Accept:** ≥ C$230K total comp",
        "CAD",
        [(A, "total_comp", "at_least", 230_000, "CAD", False)],
    ),
    (
        "Accept if you get $220K/yr in RSUs.",
        "USD",
        [(A, "stock", "at_least", 220_000, "USD", True)],
    ),
    ("Anything under £90k base is a no.", "GBP", [(W, "base", "below", 90_000, "GBP", False)]),
    ("Do not accept less than €85K base.", "EUR", [(W, "base", "below", 85_000, "EUR", False)]),
    ("If base < $170K, walk.", "USD", [(W, "base", "below", 170_000, "USD", False)]),
    ("Happy to sign at $320K TC.", "USD", [(A, "total_comp", "at_least", 320_000, "USD", False)]),
    (
        "Take the offer if total comp is $300K or more.",
        "USD",
        [(A, "total_comp", "at_least", 300_000, "USD", False)],
    ),
    ("Our walk-away number: $200K base.", "USD", [(W, "base", "below", 200_000, "USD", False)]),
    ("The floor for base is $190K.", "USD", [(W, "base", "below", 190_000, "USD", False)]),
    ("Bottom line: ₹45L fixed.", "INR", [(W, "base", "below", 4_500_000, "INR", False)]),
    ("Red line: S$150K base.", "SGD", [(W, "base", "below", 150_000, "SGD", False)]),
    ("Decline offers under C$150K base.", "CAD", [(W, "base", "below", 150_000, "CAD", False)]),
    (
        "Reject anything below ¥10M in total.",
        "JPY",
        [(W, "total_comp", "below", 10_000_000, "JPY", False)],
    ),
    ("Don't sign for less than $200K base.", "USD", [(W, "base", "below", 200_000, "USD", False)]),
    ("Never go below $175K base.", "USD", [(W, "base", "below", 175_000, "USD", False)]),
    ("Accept if RSUs exceed $300K.", "USD", [(A, "stock", "above", 300_000, "USD", False)]),
    (
        "Accept once total compensation hits $350K.",
        "USD",
        [(A, "total_comp", "at_least", 350_000, "USD", False)],
    ),
    (
        "We'd sign if the base reaches $210K.",
        "USD",
        [(A, "base", "at_least", 210_000, "USD", False)],
    ),
    (
        "Accept with at least $60K per year in stock.",
        "USD",
        [(A, "stock", "at_least", 60_000, "USD", True)],
    ),
    ("Walk if equity is under $50K a year.", "USD", [(W, "stock", "below", 50_000, "USD", True)]),
    ("Min acceptable base: $170K.", "USD", [(W, "base", "below", 170_000, "USD", False)]),
    (
        "Lowest acceptable offer: $250K TC.",
        "USD",
        [(W, "total_comp", "below", 250_000, "USD", False)],
    ),
    ("Walk < $160K base.", "USD", [(W, "base", "below", 160_000, "USD", False)]),
    (
        "Good to sign at €120K base or better.",
        "EUR",
        [(A, "base", "at_least", 120_000, "EUR", False)],
    ),
    (
        "Don't take anything under $200K total.",
        "USD",
        [(W, "total_comp", "below", 200_000, "USD", False)],
    ),
    ("Walk away below 25 LPA fixed.", "INR", [(W, "base", "below", 2_500_000, "INR", False)]),
    ("Say yes at $290K+ TC.", "USD", [(A, "total_comp", "at_least", 290_000, "USD", False)]),
    (
        "Accept if base ≥ £110k and TC ≥ £150k.",
        "GBP",
        [
            (A, "base", "at_least", 110_000, "GBP", False),
            (A, "total_comp", "at_least", 150_000, "GBP", False),
        ],
    ),
    (
        "Walk away if base is less than $190K or total comp is under $280K.",
        "USD",
        [
            (W, "base", "below", 190_000, "USD", False),
            (W, "total_comp", "below", 280_000, "USD", False),
        ],
    ),
    (
        "Accept if above $265K RSUs over 4 years.",
        "USD",
        [(A, "stock", "above", 265_000, "USD", False)],
    ),
    ("The deal breaker is a base under £95k.", "GBP", [(W, "base", "below", 95_000, "GBP", False)]),
    ("No deal below $200K base.", "USD", [(W, "base", "below", 200_000, "USD", False)]),
    ("Below $170K base, walk away.", "USD", [(W, "base", "below", 170_000, "USD", False)]),
    ("Walk-away point: CHF 160'000 base.", "CHF", [(W, "base", "below", 160_000, "CHF", False)]),
    ("Accept: $250K+ total comp.", "USD", [(A, "total_comp", "at_least", 250_000, "USD", False)]),
    (
        "If TC is at least $300K, accept.",
        "USD",
        [(A, "total_comp", "at_least", 300_000, "USD", False)],
    ),
    (
        "Accept if the sign-on is at least $40K.",
        "USD",
        [(A, "signing", "at_least", 40_000, "USD", False)],
    ),
    (
        "Accept if the bonus target is 15% or more.",
        "USD",
        [(A, "bonus", "at_least", 15, None, False)],
    ),
    (
        "Walk away if the base is at most $150K.",
        "USD",
        [(W, "base", "at_most", 150_000, "USD", False)],
    ),
    (
        "Don't accept anything at or below €80.000 base.",
        "EUR",
        [(W, "base", "at_most", 80_000, "EUR", False)],
    ),
    ("Walk away below 160K base.", "EUR", [(W, "base", "below", 160_000, "EUR", False)]),
]


@pytest.mark.parametrize(("sentence", "currency", "expected"), CASES, ids=[c[0] for c in CASES])
def test_line_wordings(sentence: str, currency: str, expected: list[tuple[object, ...]]) -> None:
    guide = parse_guide(GUIDE.format(currency=currency, body=sentence)).guide
    got = [
        (t.kind.value, t.component.value, t.comparison.value, t.amount, t.currency, t.per_year)
        for t in guide.thresholds
    ]
    assert got == expected


NOT_LINES = [
    "I'd walk away from $80K in unvested RSUs to join.",
    "Push back on anything that feels low.",
    "Their signing bonus is usually $30K.",
    "Walk them through your competing offer.",
    "We accept that the market moved in 2025.",
    '> "I can accept this week if the base is $200K."',
]


@pytest.mark.parametrize("sentence", NOT_LINES)
def test_sentences_that_are_not_lines(sentence: str) -> None:
    assert parse_guide(GUIDE.format(currency="USD", body=sentence)).guide.thresholds == ()


def test_a_walk_away_section_gives_its_kind_to_bare_lines() -> None:
    body = "## Walk-away line\n\n- Base under $170K\n- Total comp below $250K\n"
    got = [
        (t.kind.value, t.component.value)
        for t in parse_guide(GUIDE.format(currency="USD", body=body)).guide.thresholds
    ]
    assert got == [(W, "base"), (W, "total_comp")]


@pytest.mark.parametrize(
    ("frontmatter", "expected"),
    [
        ('threshold: "Accept if above $265K RSUs"', [(A, "stock", 265_000)]),
        ("walk_away: 160000", [(W, "total_comp", 160_000)]),
        ('walk_away: "$160K base"', [(W, "base", 160_000)]),
        ('accept: "TC >= $300K"', [(A, "total_comp", 300_000)]),
        (
            'thresholds:\n  accept: "TC of $300K or more"\n  walk_away: "base under $180K"',
            [(A, "total_comp", 300_000), (W, "base", 180_000)],
        ),
        (
            'thresholds:\n  - "Walk away below $170K base"\n  - "Accept above $320K total comp"',
            [(W, "base", 170_000), (A, "total_comp", 320_000)],
        ),
        (
            "thresholds:\n  - {kind: walk_away, component: base, amount: 175000}\n"
            "  - {kind: accept, component: total_comp, comparison: at_least, amount: 310000}",
            [(W, "base", 175_000), (A, "total_comp", 310_000)],
        ),
        # component -> figure under a kind, or a kind and a component in one key
        ("walk_away: {base: 160000}", [(W, "base", 160_000)]),
        ("floor: {salary: $160K}", [(W, "base", 160_000)]),
        ("accept_above: {total_comp: 300000}", [(A, "total_comp", 300_000)]),
        (
            "thresholds:\n  walk_away:\n    base: $160K\n  accept:\n    total_comp: $300K",
            [(W, "base", 160_000), (A, "total_comp", 300_000)],
        ),
        (
            "walk_away_base: 160000\naccept_total_comp: 300000",
            [(W, "base", 160_000), (A, "total_comp", 300_000)],
        ),
        ("minimum_base: $160K\naccept_rsus: $250K", [(W, "base", 160_000), (A, "stock", 250_000)]),
        ("lines:\n  walk_away: $160K base", [(W, "base", 160_000)]),
        (
            "thresholds:\n  - {type: accept, component: tc, comparison: '>=', amount: 300000}",
            [(A, "total_comp", 300_000)],
        ),
    ],
)
def test_lines_in_frontmatter(frontmatter: str, expected: list[tuple[object, ...]]) -> None:
    text = GUIDE.format(currency="USD", body="").replace(
        "---\ncompany", f"---\n{frontmatter}\ncompany", 1
    )
    got = [(t.kind.value, t.component.value, t.amount) for t in parse_guide(text).guide.thresholds]
    assert got == expected


AMOUNTS = st.integers(50, 900).map(lambda k: k * 1000)


@settings(max_examples=60, deadline=None)
@example(
    amount=401_000, wording=("Walk away below ${k}K base.", "walk_away", "below")
)  # not a 401(k)
@given(
    amount=AMOUNTS,
    wording=st.sampled_from(
        [
            ("Walk away below ${k}K base.", W, "below"),
            ("Accept if total comp is above ${k}K.", A, "above"),
            ("Don't go below ${k}K base.", W, "below"),
            ("Sign at ${k}K TC or better.", A, "at_least"),
            ("If they can't reach ${k}K base, walk.", W, "below"),
            ("Minimum acceptable: ${k}K base.", W, "below"),
            ("Accept at ${n} total comp or more.", A, "at_least"),
        ]
    ),
)
def test_any_amount_in_a_wording_reads_back(amount: int, wording: tuple[str, str, str]) -> None:
    template, kind, comparison = wording
    sentence = template.replace("{k}", str(amount // 1000)).replace("{n}", f"{amount:,}")
    (line,) = parse_guide(GUIDE.format(currency="USD", body=sentence)).guide.thresholds
    assert (line.kind.value, line.comparison.value, line.amount) == (kind, comparison, amount)


def test_a_frontmatter_line_key_it_cannot_place_is_said() -> None:
    text = GUIDE.format(currency="USD", body="").replace(
        "---\ncompany", "---\nwalk_away: {base: 160000, perks: 5}\ncompany", 1
    )
    parsed = parse_guide(text)
    assert [(t.component.value, t.amount) for t in parsed.guide.thresholds] == [("base", 160_000)]
    assert "'walk_away': 'perks' is neither a kind of line nor a pay component; ignored" in [
        p.message for p in parsed.problems
    ]


@pytest.mark.parametrize(
    ("frontmatter", "said"),
    [
        ("walk_away: lots", "'Walk away: lots' is not a line Leverage can read"),
        ("thresholds: 5", "'5' is not a line Leverage can read"),
        ("thresholds: ['Accept above $300K TC', 'be firm']", "'be firm' is not a line"),
    ],
)
def test_a_frontmatter_line_that_cannot_be_read_is_said(frontmatter: str, said: str) -> None:
    text = GUIDE.format(currency="USD", body="").replace(
        "---\ncompany", f"---\n{frontmatter}\ncompany", 1
    )
    problems = parse_guide(text).guide.coaching.problems
    assert any(said in p for p in problems), problems
