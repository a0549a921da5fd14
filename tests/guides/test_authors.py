"""Guides written by other authors (tests/fixtures/authors/): every field a careful reader
takes from them (tests/guides/authors_truth.py, written from the guide text), the golden
`guide --json` of each, and the variants they do not cover, one by one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import GuideError
from bot.guides import parse_guide
from bot.guides.lint import lint_guide
from bot.guides.load import read_guide_file
from bot.guides.parse import _plain_keys
from bot.guides.values import band_digits, read_span
from bot.render.shapes import guide_json
from tests.conftest import ROOT
from tests.guides.authors_truth import TRUTH, fields

AUTHORS = ROOT / "tests" / "fixtures" / "authors"
TODAY = date(2026, 7, 1)


def shape(name: str) -> dict[str, Any]:
    parsed = read_guide_file(Path("tests/fixtures/authors") / name)
    problems = list(parsed.problems) + lint_guide(parsed.guide, TODAY)
    return guide_json(parsed.guide, problems, TODAY)


def test_every_author_fixture_has_a_truth_table() -> None:
    assert sorted(p.name for p in AUTHORS.iterdir()) == sorted(TRUTH)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_field_reads_as_a_person_reads_it(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    wrong = [field for field, right in fields(TRUTH[name], shape(name)) if not right]
    assert wrong == []


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_golden_guide_json(name: str, golden: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    golden.check(f"guides/{Path(name).stem}.json", shape(name))


def test_a_company_named_in_a_lever_or_quote_is_no_parent_brand() -> None:
    for name in ("kiranpay-backend-engineer.md", "northpeak-cloud-staff-sre.md"):
        guide = read_guide_file(AUTHORS / name).guide
        assert guide.parents == (), name


def test_assumed_dates_are_said() -> None:
    messages = shape("helvetia-bank-quant-developer.md")["problems"]
    assert any(
        "03/11/2027 could be 3 November 2027 or 11 March 2027; read day-first" in p["message"]
        for p in messages
    )
    messages = shape("thistle-games-gameplay-programmer.md")["problems"]
    assert any("12/31/2026 read month-first as 31 December 2026" in p["message"] for p in messages)


def test_an_unlabelled_line_is_said_with_its_line_number() -> None:
    messages = [p["message"] for p in shape("sakura-robotics-embedded-engineer.md")["problems"]]
    text = (AUTHORS / "sakura-robotics-embedded-engineer.md").read_text().split("\n")
    number = next(i for i, line in enumerate(text, 1) if line.startswith("Don't go below"))
    assert f"line {number}: 'Don't go below ¥11M' names no pay component; read as total comp" in (
        messages
    )


GUIDE = """---
company: acme
role: engineer
compensation:
  - region: Berlin
    base_low: 80000
    base_high: 100000
    currency: EUR
---
{body}
"""


def body(text: str) -> Any:
    return parse_guide(GUIDE.format(body=text)).guide


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ('## Levers\n1. **Offers:** "x"\n2. **Scope:** "y"', ["Offers", "Scope"]),
        (
            "**Levers**\n- Offers — bring the competing offer\n- Scope – two teams",
            ["Offers", "Scope"],
        ),
        (
            "Levers:\n✅ Offers: bring it\n✔️ Scope: two teams\n❌ Title: do not",
            ["Offers", "Scope", "Title"],
        ),
        ('## Levers\n🔸 **Offers** - "x"\n🔸 **Scope** - "y"', ["Offers", "Scope"]),
        ("## Levers\n### 1. Offers\nBring it.\n### 2. 💼 Scope\nTwo teams.", ["Offers", "Scope"]),
        ("## Lever 1: Offers\nBring it.\n\n## Lever 2 — Scope\nTwo teams.", ["Offers", "Scope"]),
        (
            "## Levers\n**Offers.** Bring the competing offer.\n\n**Scope.** Two teams.",
            ["Offers", "Scope"],
        ),
        (
            '## Levers\n| Lever | Script |\n|---|---|\n| Offers | "Bring it" |\n| Scope | Two teams |',
            ["Offers", "Scope"],
        ),
        ("Levers\n------\n\n* Offers: bring it\n* Scope: two teams", ["Offers", "Scope"]),
        ("## Levers\n### Offers\nBring it.\n### Evidence & Sources\n- Levels.fyi", ["Offers"]),
        ("## Levers\n- Offers: bring it\n\n## Evidence & Sources\n- Levels.fyi 2026", ["Offers"]),
        ("### Levers\n- [x] Offers: bring it\n- [ ] Scope: two teams", ["Offers", "Scope"]),
        (
            "## Talking points\n**1. Offers.** Bring it.\n**2. Scope.** Two teams.",
            ["Offers", "Scope"],
        ),
        (
            "## Levers\n| Lever | Script |\n|---|---|\n| Offers | x |\n| Sign-on | y |\n",
            ["Offers", "Sign-on"],
        ),
        (
            "## Levers\n\n1. Offers\n   Bring the offer.\n2. Scope\n   Two teams.",
            ["Offers", "Scope"],
        ),
        (
            "## Levers\n\n1. Offers move them most,\n   so bring one.",
            ["Offers move them most, so bring one"],
        ),
        (  # a line wrapped mid-sentence is no title over its text
            "## Levers\n\n- Ask them to match the\n  competing offer in writing.\n- Scope\n  Two.",
            ["Ask them to match the competing offer in writing", "Scope"],
        ),
        (
            "## Levers\n| # | Lever | Script |\n|---|---|---|\n| 1 | Offers | x |\n| 2 | Scope | y |",
            ["Offers", "Scope"],
        ),
        ("## Levers\n- Offers → bring it\n- Scope ⇒ two teams", ["Offers", "Scope"]),
        ("## Where to push\n- Offers: bring it\n- Scope: two teams", ["Offers", "Scope"]),
        ("## What moves them\n- Offers: bring it", ["Offers"]),
        ("## Negotiation tips\n- Offers: bring it", ["Offers"]),
        # a labelled script or line after the levers ends them, under a sub-heading too
        ('## Levers\n- Offers: bring it\n\n**Negotiate Up:** "I\'d like €98K base."', ["Offers"]),
        (
            "## Levers\n### 1. Offers\nBring it.\n\n**Walk away:** below €85K base.",
            ["Offers"],
        ),
    ],
)
def test_lever_layouts(text: str, titles: list[str]) -> None:
    assert [lv.title for lv in body(text).levers] == titles


def test_a_line_after_the_last_lever_sub_heading_is_a_line_not_its_script() -> None:
    guide = body(
        "## Levers\n### 1. Offers\nBring it.\n\n**Negotiate Up:** I'd like €98K base.\n\n"
        "Walk away if base is under €85K."
    )
    assert [lv.script for lv in guide.levers] == ["Bring it."]
    assert [(t.kind.value, t.amount) for t in guide.thresholds] == [("walk_away", 85_000)]


@pytest.mark.parametrize(
    "text",
    [
        '> **Negotiate Up:** "I would like a €98K base and €40K in RSUs over 4 years."',
        "**Negotiate Up:** I would like a €98K base and €40K in RSUs over 4 years. Walk away below €85K base.",
        "## Negotiate Up\n\nI would like a €98K base and €40K in RSUs over 4 years.\n\nWalk away below €85K base.",
        "## Negotiate up\n> I would like a €98K base and €40K in RSUs over 4 years.",
        'Negotiate Up\n============\n"I would like a €98K base and €40K in RSUs over 4 years."',
        "## Negotiate Up\n- Base: €98K\n- RSUs: €40K over 4 years\n- Walk away below €85K base",
        "To negotiate up, ask for a €98K base and €40K in RSUs over 4 years.",
        '**Counter:** "I would like a €98K base and €40K in RSUs over 4 years."',
        "## Counter-offer\nI would like a €98K base and €40K in RSUs over 4 years.",
        "## Your counter\nI would like a €98K base and €40K in RSUs over 4 years.",
        "## Negotiate Up\n```\nI would like a €98K base and €40K in RSUs over 4 years.\n```",
        "## Negotiate Up\n| Component | Ask |\n|---|---|\n| Base | €98K |\n| RSUs | €40K |",
        "## Ask for\n- €98K base\n- €40K RSUs",
    ],
)
def test_negotiate_up_layouts(text: str) -> None:
    guide = body(text)
    assert guide.script is not None and "€98K" in guide.script
    assert guide.script[0] not in ",;:"  # "To negotiate up, ask for ...": no leading comma
    assert "Walk away" not in guide.script
    assert {(t.component.value, t.amount) for t in guide.targets} == {
        ("base", 98_000),
        ("stock", 40_000),
    }


@pytest.mark.parametrize(
    ("script", "instalments"),
    [
        ("I'd like a €20K signing bonus split over two years.", [10_000, 10_000]),
        ("I'd like a €12K sign-on in year one and €8K in year two.", [12_000, 8_000]),
        ("I'd like a €20K signing bonus paid in two instalments.", [10_000, 10_000]),
        ("I'd like a €30K sign-on split across three payments.", [10_000, 10_000, 10_000]),
        ("I'd like a €20K signing bonus.", [20_000]),
    ],
)
def test_a_sign_on_in_instalments_is_one_target_each(script: str, instalments: list[int]) -> None:
    targets = body(f'> **Negotiate Up:** "{script}"').targets
    assert [(t.component.value, t.amount, t.years) for t in targets] == [
        ("signing", amount, None) for amount in instalments
    ]


FRONT = "---\ncompany: acme\nrole: eng\n{fm}\n---\n"


@pytest.mark.parametrize(
    ("fm", "base", "stock", "years", "bonus"),
    [
        (
            "compensation:\n  - region: X\n    currency: USD\n    base_low: 192_000\n    base_high: '235K'",
            (192_000, 235_000),
            None,
            4,
            None,
        ),
        (
            "compensation:\n  - region: X\n    currency: CHF\n    base: \"CHF 187'500 - CHF 210'000\"",
            (187_500, 210_000),
            None,
            4,
            None,
        ),
        (
            'compensation:\n  - region: X\n    currency: EUR\n    base: ["95.000 €", "€ 120.000"]',
            (95_000, 120_000),
            None,
            4,
            None,
        ),
        (
            "compensation:\n  - region: X\n    currency: INR\n    base: {min: 30 lakh, max: ₹45L}",
            (3_000_000, 4_500_000),
            None,
            4,
            None,
        ),
        (
            "compensation:\n  X:\n    currency: USD\n    base_low: 100000\n    bonus_pct: 10-20%",
            (100_000, 100_000),
            None,
            4,
            (10, 20),
        ),
        (
            "compensation:\n  - X:\n      currency: USD\n      base: 100k-120k",
            (100_000, 120_000),
            None,
            4,
            None,
        ),
        (
            "stock_basis: per_year\ncompensation:\n  - region: X\n    currency: USD\n    stock_low: 50000\n    stock_high: 80000",
            None,
            (200_000, 320_000),
            4,
            None,
        ),
        (
            "vesting: [25, 25, 25, 25]\ncompensation:\n  - region: X\n    currency: USD\n    stock: 100k-200k",
            None,
            (100_000, 200_000),
            4,
            None,
        ),
        (
            "vesting: {years: 3, basis: per_year}\ncompensation:\n  - region: X\n    currency: USD\n    stock: 100k-200k",
            None,
            (300_000, 600_000),
            3,
            None,
        ),
        (
            "compensation:\n  - region: X\n    currency: USD\n    stock_per_year_low: 40000\n    stock_per_year_high: 60000\n    stock_years: 3",
            None,
            (120_000, 180_000),
            3,
            None,
        ),
        (
            "compensation:\n  - region: X\n    currency: USD\n    bonus_pct: {low: '10%', high: '15%'}",
            None,
            None,
            4,
            (10, 15),
        ),
        (
            "vesting: 3 years\ncompensation:\n  X: {currency: USD, stock: 90k-120k}",
            None,
            (90_000, 120_000),
            3,
            None,
        ),
        (
            "stock_per_year: true\ncompensation:\n  X: {currency: USD, stock: 10k-20k}",
            None,
            (40_000, 80_000),
            4,
            None,
        ),
        (
            "compensation:\n  - region: X\n    currency: NOK\n    base: 'NOK 750 000 – 900 000'",
            (750_000, 900_000),
            None,
            4,
            None,
        ),
        (
            "compensation:\n  - region: X\n    currency: EUR\n    base: '€75.000 - €95.000'",
            (75_000, 95_000),
            None,
            4,
            None,
        ),
        (
            "compensation:\n  - region: X\n    base: '95.000 € – 120.000 €'\n    bonus: '10 to 15'",
            (95_000, 120_000),
            None,
            4,
            (10, 15),
        ),
        (
            "Compensation:\n  - Region: X\n    Currency: EUR\n    Base Low: 80000\n    base-high: 90000"
            "\n    Stock: {Low: 10000, High: 20000}",
            (80_000, 90_000),
            (10_000, 20_000),
            4,
            None,
        ),
        # a guide-wide currency; the regions under another name
        (
            "currency: EUR\npay:\n  - region: X\n    base: 80000-90000",
            (80_000, 90_000),
            None,
            4,
            None,
        ),
        (
            "salary_bands:\n  X: {currency: USD, base: 1-2, bonus: 10-15% of base}",
            (1, 2),
            None,
            4,
            (10, 15),
        ),
        # a bonus as a fraction or as an amount is put in percent (and said)
        ("comp:\n  X: {currency: USD, bonus_pct: 0.15}", None, None, 4, (15, 15)),
        (
            "comp:\n  X: {currency: USD, base: 150000-200000, bonus: 15000-30000}",
            (150_000, 200_000),
            None,
            4,
            (10, 15),
        ),
        ("comp:\n  X: {currency: USD, base: ~150K-180K}", (150_000, 180_000), None, 4, None),
        ("comp:\n  X: {currency: USD, stock: 1-2, stock_years: 3 years}", None, (1, 2), 3, None),
        # what the stock figures say of themselves: the years, or that they are yearly
        (
            "comp:\n  X: {currency: USD, stock: $200K over 3 years}",
            None,
            (200_000, 200_000),
            3,
            None,
        ),
        (
            "comp:\n  X: {currency: USD, stock: $150K-$300K (4yr)}",
            None,
            (150_000, 300_000),
            4,
            None,
        ),
        ("comp:\n  X: {currency: USD, stock: 50k/yr - 80k/yr}", None, (200_000, 320_000), 4, None),
        (
            "comp:\n  X: {currency: USD, stock: $50K-$80K annually}",
            None,
            (200_000, 320_000),
            4,
            None,
        ),
        (
            "comp:\n  X: {currency: USD, stock_low: $50K a year, stock_high: $80K a year}",
            None,
            (200_000, 320_000),
            4,
            None,
        ),
        (
            "vesting: {per_year: true, years: 3}\ncompensation:\n  X: {currency: USD, stock: 10k-20k}",
            None,
            (30_000, 60_000),
            3,
            None,
        ),
    ],
)
def test_frontmatter_figures(
    fm: str,
    base: tuple[float, float] | None,
    stock: tuple[float, float] | None,
    years: int,
    bonus: tuple[float, float] | None,
) -> None:
    (band,) = parse_guide(FRONT.format(fm=fm)).guide.bands
    got = (
        (band.base.low, band.base.high) if band.base else None,
        (band.stock.low, band.stock.high) if band.stock else None,
        band.stock_years,
        (band.bonus_pct.low, band.bonus_pct.high) if band.bonus_pct else None,
    )
    assert got == (base, stock, years, bonus)


@pytest.mark.parametrize(
    ("written", "read", "said"),
    [
        ("2027-03-11", date(2027, 3, 11), None),
        ("2027/03/11", date(2027, 3, 11), None),
        ("11.03.2027", date(2027, 3, 11), None),
        ("28/02/2027", date(2027, 2, 28), None),
        ("03/11/2027", date(2027, 11, 3), "read day-first"),
        ("12/31/2027", date(2027, 12, 31), "read month-first"),
        ("3 November 2027", date(2027, 11, 3), None),
        ("Nov 3, 2027", date(2027, 11, 3), None),
        ("2027-11", date(2027, 11, 1), "names a month"),
        ("2027-11-03T09:30:00Z", date(2027, 11, 3), None),
        ("3rd November 2027", date(2027, 11, 3), None),
        ("November 3rd, 2027", date(2027, 11, 3), None),
        ("soon", None, "is not a date"),
    ],
)
def test_dates(written: str, read: date | None, said: str | None) -> None:
    parsed = parse_guide(FRONT.format(fm=f"next_review_due: '{written}'"))
    assert parsed.guide.next_review_due == read
    messages = " ".join(p.message for p in parsed.problems)
    assert (said in messages) if said else "next_review_due" not in messages


def test_unread_region_keys_and_mismatched_currencies_are_warned() -> None:
    fm = "compensation:\n  - region: X\n    currency: USD\n    base_low: '£90k'\n    bse_high: 5"
    messages = [p.message for p in parse_guide(FRONT.format(fm=fm)).problems]
    assert "compensation[0] (X): key 'bse_high' is not one Leverage reads; ignored" in messages
    assert "compensation[0] (X): amounts are written in GBP but the currency is USD" in messages


def test_a_levers_heading_with_nothing_readable_names_its_line() -> None:
    guide = body("Intro.\n\n## Levers\n\nWe will add these later.\n")
    messages = [p.message for p in lint_guide(guide, TODAY)]
    # the frontmatter takes 9 lines; the body's "## Levers" is line 12 of the file
    assert any(m.startswith("line 12: 'Levers' has no lever Leverage can read") for m in messages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## Negotiate Up\n\n| ask | amount |\n", "'Negotiate Up' has no script Leverage can read"),
        (
            "## Negotiate Up\n\n(to be written)\n",
            "negotiate-up script has no figure Leverage can read",
        ),
        (
            '> **Negotiate Up:** "I would like $20K more and a €98K base."',
            "negotiate-up figure '$20K' names no pay component",
        ),
        (
            "Accept if they add 10% more.",
            "reads like an accept or walk-away line, but its figure names no pay component",
        ),
        ("Walk away below the 2025 band.", "reads like an accept or walk-away line, but no amount"),
    ],
)
def test_what_cannot_be_read_is_said_with_its_line(text: str, expected: str) -> None:
    messages = [p.message for p in lint_guide(body(text), TODAY)]
    # the frontmatter takes nine lines: the body starts on line 10
    assert any(expected in m and m.startswith("line 1") for m in messages), messages


def test_keys_in_any_case_are_read_and_names_keep_their_spelling() -> None:
    guide = parse_guide(
        "---\nCompany: Acme Corp\nRole: Data Engineer\nLast Updated: 2026-01-02\n"
        "Compensation:\n  Zurich:\n    Currency: CHF\n    Base: \"CHF 150'000-170'000\"\n"
        "Level_Mapping: {Internal: P3, Google: L5}\n---\n"
    ).guide
    assert (guide.id, guide.last_updated) == ("acme-corp/data-engineer", date(2026, 1, 2))
    assert [b.region for b in guide.bands] == ["Zurich"]
    assert guide.level_mapping.internal == "P3"
    assert [(e.company, e.level) for e in guide.level_mapping.equivalents] == [("Google", "L5")]


@settings(max_examples=200)
@given(
    st.integers(min_value=1_000, max_value=99_999_999),
    st.integers(min_value=1_000, max_value=99_999_999),
    st.sampled_from([" ", ".", "'", ","]),
    st.sampled_from(["", "€", "NOK ", "CHF "]),
)
def test_a_band_range_reads_in_any_grouping(low: int, high: int, sep: str, currency: str) -> None:
    low, high = sorted((low, high))

    def grouped(n: int) -> str:
        return f"{n:,}".replace(",", sep)

    text = f"{currency}{grouped(low)} – {currency}{grouped(high)}"
    pair, _ = read_span({"base": text}, "base", "test")
    assert pair == (low, high)
    assert len(band_digits(text)) == len(text)


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from(["Company", "ROLE", "Last Updated", "base-low", "Zurich", "Google"]),
        st.integers(),
        max_size=6,
    )
)
def test_plain_keys_are_stable_and_keep_every_name(meta: dict[str, int]) -> None:
    once = _plain_keys(meta)
    assert _plain_keys(once) == once
    assert {k for k in meta if k in ("Zurich", "Google")} <= set(once)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Walk away below €75K base.", False),  # just under the band: where walk-away lines sit
        ("Walk away below €105K base.", True),  # walking away from the top of the band
        ("Walk away below €8.5K base.", True),  # a slip of a digit
        ("Accept if base is above €110K.", False),
        ("Accept if base is above €250K.", True),
    ],
)
def test_lint_queries_a_line_only_where_no_line_would_sit(line: str, said: bool) -> None:
    guide = body(line)
    assert len(guide.thresholds) == 1
    messages = [p.message for p in lint_guide(guide, TODAY)]
    assert any("is outside the base band" in m for m in messages) is said


def test_a_guide_wide_currency_that_is_no_currency_makes_the_guide_unusable() -> None:
    with pytest.raises(GuideError, match="unknown currency code 'XYZ'"):
        parse_guide(FRONT.format(fm="currency: XYZ\ncomp:\n  X: {base: 1-2}"))


@pytest.mark.parametrize(
    ("fm", "updated", "review"),
    [
        (
            "last_updated: 2026-01-02\nnext_review_due: 2026-07-02",
            date(2026, 1, 2),
            date(2026, 7, 2),
        ),
        ("updated: 2026-01-02\nreview_by: 2026-07-02", date(2026, 1, 2), date(2026, 7, 2)),
        ("last_reviewed: 2026-01-02\nnext_review: 2026-07-02", date(2026, 1, 2), date(2026, 7, 2)),
        ("Updated At: 2026-01-02\nReview Date: 2026-07-02", date(2026, 1, 2), date(2026, 7, 2)),
    ],
)
def test_the_dates_under_their_other_names(fm: str, updated: date, review: date) -> None:
    guide = parse_guide(FRONT.format(fm=fm)).guide
    assert (guide.last_updated, guide.next_review_due) == (updated, review)


@pytest.mark.parametrize(
    ("fm", "table", "stock"),
    [
        (
            "",
            "| Region | Stock (RSU/4yr) |\n|---|---|\n| SF | $200K-$300K |",
            (200_000, 300_000, 4),
        ),
        (
            "",
            "| City | Equity/yr |\n|---|---|\n| Zurich | CHF 20'000–35'000 |",
            (80_000, 140_000, 4),
        ),
        (
            "",
            "| Office | Stock per year |\n|---|---|\n| Oslo | NOK 50 000 – 80 000 |",
            (200_000, 320_000, 4),
        ),
        (
            "stock_years: 3\n",
            "| Office | Annual RSUs |\n|---|---|\n| Oslo | 50,000-80,000 |",
            (150_000, 240_000, 3),
        ),
    ],
)
def test_a_table_stock_column_says_whether_it_is_yearly(
    fm: str, table: str, stock: tuple[float, float, int]
) -> None:
    (band,) = parse_guide(f"---\ncompany: acme\nrole: eng\n{fm}---\n{table}\n").guide.bands
    assert band.stock is not None
    assert (band.stock.low, band.stock.high, band.stock_years) == stock


@pytest.mark.parametrize(
    ("script", "targets"),
    [
        (
            "I'd like $400K RSUs (4yr) and $230K base.",
            [("stock", 400_000, 4), ("base", 230_000, None)],
        ),
        ("I'd like $400K RSUs, 3-year vest.", [("stock", 400_000, 3)]),
        ("I'd like $400K RSUs and 2 years of remote work.", [("stock", 400_000, None)]),
        (
            "I'm after £110k base and a £15k golden hello.",
            [("base", 110_000, None), ("signing", 15_000, None)],
        ),
        # a relocation package is an ask, but no target: guides set targets for pay only
        ("I'd like $230K base and a $20K relocation package.", [("base", 230_000, None)]),
    ],
)
def test_script_targets(script: str, targets: list[tuple[str, float, int | None]]) -> None:
    got = body(f'> **Negotiate Up:** "{script}"').targets
    assert [(t.component.value, t.amount, t.years) for t in got] == targets


@pytest.mark.parametrize(
    "fm",
    [
        "level_mapping: 'Acme IC4 = Google L5 = Meta E5'",
        "level_mapping: 'Acme IC4 ≈ Google L5 ≈ Meta E5'",
        "level_mapping: 'Acme IC4 / Google L5 / Meta E5'",
        "level_mapping: 'Acme IC4 ~ Google L5, Meta E5'",
        "level_mapping: {internal: IC4, Google: L5, Meta: E5}",
        "level_mapping: [Google L5, Meta E5]",
        "equivalent_levels: [Google L5, Meta E5]",
    ],
)
def test_level_mapping_shapes(fm: str) -> None:
    mapping = parse_guide(f"---\ncompany: acme\nrole: eng\n{fm}\n---\n").guide.level_mapping
    assert [(e.company, e.level) for e in mapping.equivalents] == [("Google", "L5"), ("Meta", "E5")]


@pytest.mark.parametrize(
    "table",
    [
        "| Lever | Script |\n|---|---|\n| Offers | Bring it |",
        "| Lever | Why | What to say |\n|---|---|---|\n| Offers | they lose people | Bring it |",
        '| Lever | Why | Line |\n|---|---|---|\n| Offers | they lose people | "Bring it" |',
        '| Lever | Why | |\n|---|---|---|\n| Offers | they lose people | "Bring it" |',
        "| # | Lever | Script |\n|---|---|---|\n| 1 | Offers | Bring it |",
    ],
)
def test_a_lever_tables_script_column(table: str) -> None:
    (lever,) = body(f"## Levers\n{table}\n").levers
    assert (lever.title, lever.script) == ("Offers", "Bring it")


@pytest.mark.parametrize(
    ("fm", "said"),
    [
        (
            "comp:\n  X: {currency: USD, bonus_pct: 0.15}",
            "bonus 0.15 read as a fraction of base: 15%",
        ),
        ("comp:\n  X: {currency: USD, base: 150000, bonus: 15000}", "read as 10% of base"),
        ("comp:\n  X: {currency: USD, bonus: 15000}", "there is no base to take it from; ignored"),
        ("comp:\n  X: {currency: USD, stock_years: soon}", "stock_years is not a number of years"),
    ],
)
def test_a_figure_read_another_way_is_said(fm: str, said: str) -> None:
    problems = parse_guide(FRONT.format(fm=fm)).problems
    assert any(said in p.message for p in problems), [p.message for p in problems]
