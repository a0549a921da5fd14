"""Guides written by other people: other currencies, layouts, thresholds, damage and breakage."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import GuideError
from bot.guides import Comparison, Library, Span, ThresholdKind, parse_guide
from bot.guides.repair import repair_text
from bot.prose.components import Component
from tests.conftest import BROKEN


def guide(library: Library, guide_id: str):  # type: ignore[no-untyped-def]
    return next(g for g in library.guides if g.id == guide_id)


def test_all_fixture_guides_load(library: Library) -> None:
    assert sorted(g.id for g in library.guides) == [
        "amazon/sde-ii",
        "flipkart/sde-2",
        "google/senior-software-engineer",
        "meta/machine-learning-engineer",
        "segment/ai-cdp-platform-engineer",
        "segment/data-engineer",
        "stripe/backend-engineer",
        "strive/backend-engineer",
    ]


def test_bom_crlf_vesting_and_extra_keys(library: Library) -> None:
    amazon = guide(library, "amazon/sde-ii")
    assert amazon.vesting == (5, 15, 40, 40)
    assert amazon.level_mapping.internal == "L5"
    assert amazon.extra == {"favourite_colour": "orange"}
    assert "\r" not in amazon.body
    assert amazon.threshold is not None
    assert amazon.threshold.kind is ThresholdKind.WALK_AWAY
    assert amazon.threshold.comparison is Comparison.BELOW
    assert (amazon.threshold.component, amazon.threshold.amount) == (Component.BASE, 160_000)
    assert amazon.band("London") is not None and amazon.band("London").currency == "GBP"  # type: ignore[union-attr]


def test_total_comp_threshold_and_chf_inr_bands(library: Library) -> None:
    google = guide(library, "google/senior-software-engineer")
    threshold = google.threshold
    assert threshold is not None
    assert (threshold.component, threshold.comparison, threshold.amount) == (
        Component.TOTAL,
        Comparison.ABOVE,
        330_000,
    )
    zurich, bengaluru = google.band("Zurich"), google.band("Bengaluru")
    assert zurich is not None and zurich.currency == "CHF" and zurich.base == Span(170_000, 210_000)
    assert bengaluru is not None and bengaluru.currency == "INR"
    assert bengaluru.base == Span(4_500_000, 6_000_000)
    assert {t.component for t in google.targets} == {
        Component.BASE,
        Component.STOCK,
        Component.BONUS,
        Component.SIGNING,
    }


def test_frontmatter_strings_slugs_and_no_table(library: Library) -> None:
    stripe = guide(library, "stripe/backend-engineer")
    assert stripe.company_display == "Stripe"
    assert stripe.role_display == "Backend Engineer"
    dublin = stripe.band("Dublin")
    assert dublin is not None
    assert dublin.currency == "EUR"
    assert dublin.base == Span(95_000, 125_000)
    assert dublin.bonus_pct == Span(0, 10)
    assert stripe.next_review_due is None
    assert stripe.last_updated == date(2026, 7, 15)
    assert [lever.title for lever in stripe.levers] == ["Liquidity", "Tender offers"]
    assert stripe.extra == {"equity_type": "private RSUs (double trigger)"}


def test_table_only_guide_fills_bands_from_the_body(library: Library) -> None:
    flipkart = guide(library, "flipkart/sde-2")
    (band,) = flipkart.bands
    assert band.region == "Bengaluru"
    assert band.currency == "INR"
    assert band.base == Span(3_000_000, 4_200_000)
    assert band.stock == Span(2_000_000, 4_000_000)
    assert band.bonus_pct == Span(10, 15)
    assert band.total_comp == Span(3_800_000, 5_500_000)


def test_aliases_and_parents(library: Library) -> None:
    data = guide(library, "segment/data-engineer")
    assert data.aliases == ("Twilio Segment",)
    assert "Twilio" in data.parents
    assert guide(library, "meta/machine-learning-engineer").aliases == ("Facebook",)


BASE = """---
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


@pytest.mark.parametrize(
    ("sentence", "kind", "component", "comparison", "amount"),
    [
        (
            "Accept if above €120K RSUs.",
            ThresholdKind.ACCEPT,
            Component.STOCK,
            Comparison.ABOVE,
            120_000,
        ),
        (
            "Accept if total comp exceeds €130K.",
            ThresholdKind.ACCEPT,
            Component.TOTAL,
            Comparison.ABOVE,
            130_000,
        ),
        (
            "Walk away below €85K base.",
            ThresholdKind.WALK_AWAY,
            Component.BASE,
            Comparison.BELOW,
            85_000,
        ),
        (
            "Don't accept less than €90K base salary.",
            ThresholdKind.WALK_AWAY,
            Component.BASE,
            Comparison.BELOW,
            90_000,
        ),
        (
            "Take it if the base is at least €95K.",
            ThresholdKind.ACCEPT,
            Component.BASE,
            Comparison.AT_LEAST,
            95_000,
        ),
    ],
)
def test_threshold_wordings(
    sentence: str,
    kind: ThresholdKind,
    component: Component,
    comparison: Comparison,
    amount: float,
) -> None:
    parsed = parse_guide(BASE.format(body=sentence))
    (threshold,) = parsed.guide.thresholds
    assert (threshold.kind, threshold.component, threshold.comparison, threshold.amount) == (
        kind,
        component,
        comparison,
        amount,
    )
    assert threshold.currency == "EUR"


def test_threshold_without_currency_takes_the_guides_first_currency() -> None:
    (threshold,) = parse_guide(BASE.format(body="Walk away below 85K base.")).guide.thresholds
    assert threshold.currency == "EUR"


def test_body_symbol_contradicting_the_band_currency_is_warned() -> None:
    body = "| Region | Base |\n|---|---|\n| Berlin | $80K–$100K |\n"
    messages = [p.message for p in parse_guide(BASE.format(body=body)).problems]
    assert "Berlin: the body table shows USD amounts but the band's currency is EUR" in messages


def test_lint_flags_lines_in_a_currency_no_region_pays() -> None:
    from datetime import date

    from bot.guides.lint import lint_guide

    body = '> **Negotiate Up:** "I want a $120K base." Walk away below $90K base.'
    messages = [
        p.message for p in lint_guide(parse_guide(BASE.format(body=body)).guide, date(2026, 1, 1))
    ]
    assert (
        "threshold 'Walk away below $90K base' is in USD, but no region of this guide pays in USD"
        in messages
    )
    assert "negotiate-up base target is in USD, but no region of this guide pays in USD" in messages


def test_levers_as_sub_headings_and_an_unquoted_negotiate_up() -> None:
    body = (
        '## Negotiation levers\n\n### 1. Competing offers\n"I have an offer from a peer at €110K."\n\n'
        "### 2. **Scope of the role:**\nMy scope covers two teams.\n\n"
        "## Negotiate Up\n**Negotiate Up:** I'd like a €98K base and €40K in RSUs over 4 years. "
        "Walk away below €85K base.\n"
    )
    guide = parse_guide(BASE.format(body=body)).guide
    assert [(lv.title, lv.script) for lv in guide.levers] == [
        ("Competing offers", "I have an offer from a peer at €110K."),
        ("Scope of the role", "My scope covers two teams."),
    ]
    assert guide.script == "I'd like a €98K base and €40K in RSUs over 4 years."
    assert {(t.component, t.amount) for t in guide.targets} == {
        (Component.BASE, 98_000),
        (Component.STOCK, 40_000),
    }
    assert guide.threshold is not None and guide.threshold.amount == 85_000


def test_a_singular_lever_heading_does_not_swallow_its_subsections() -> None:
    body = "### Core Lever\nNarrative.\n#### Background\nMore narrative.\n"
    assert parse_guide(BASE.format(body=body)).guide.levers == ()


def test_missing_sections_are_fine() -> None:
    parsed = parse_guide(BASE.format(body="Nothing else here."))
    assert parsed.guide.levers == ()
    assert parsed.guide.thresholds == ()
    assert parsed.guide.script is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("yaml-syntax.md", "YAML syntax error in frontmatter at line 4"),
        ("missing-company.md", "missing 'company' in frontmatter"),
        ("missing-role.md", "missing 'role' in frontmatter"),
        ("non-numeric.md", "base_low is not a number: 'lots'"),
        ("low-above-high.md", "base_low (120,000) is above base_high (90,000)"),
        ("unknown-currency.md", "unknown currency code 'XYZ'"),
        ("no-frontmatter.txt", "no YAML frontmatter"),
        ("empty.md", "no YAML frontmatter"),
    ],
)
def test_broken_guides_raise_with_the_reason(name: str, reason: str) -> None:
    with pytest.raises(GuideError, match=None) as info:
        parse_guide((BROKEN / name).read_text(encoding="utf-8"), name)
    assert reason in str(info.value)


@pytest.mark.parametrize(
    ("frontmatter", "reason"),
    [
        ("company: acme\nrole: eng\ncompensation: 12", "'compensation' must be a list"),
        ("company: acme\nrole: eng\ncompensation:\n  - 5", "compensation[0] must be a mapping"),
        (
            "company: acme\nrole: eng\ncompensation:\n  - base_low: 1",
            "compensation[0] has no 'region'",
        ),
        ("company: [a, b]\nrole: eng", "'company' must be text"),
        ("company: '!!!'\nrole: eng", "'company' has no letters or digits"),
        (
            "company: acme\nrole: eng\ncompensation:\n  - region: X\n    base_low: -5\n    currency: USD",
            "must be a positive number",
        ),
        (
            "company: acme\nrole: eng\ncompensation:\n  - region: X\n    base_low: .nan\n    currency: USD",
            "must be a positive number",
        ),
        (
            "company: acme\nrole: eng\ncompensation:\n  - region: X\n    base_low: true\n    currency: USD",
            "is not a number",
        ),
    ],
)
def test_more_unusable_frontmatter(frontmatter: str, reason: str) -> None:
    with pytest.raises(GuideError) as info:
        parse_guide(f"---\n{frontmatter}\n---\nbody\n")
    assert reason in str(info.value)


def test_yaml_alias_bombs_are_refused_quickly() -> None:
    lines = [
        "---",
        "company: acme",
        "role: eng",
        'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
    ]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines += ["data_sources: *a9", "---", ""]
    with pytest.raises(GuideError, match="expands to more than 50,000 values"):
        parse_guide("\n".join(lines))


def test_deep_nesting_is_a_yaml_error() -> None:
    with pytest.raises(GuideError, match="YAML syntax error"):
        parse_guide("---\ncompany: " + "[" * 20_000 + "]" * 20_000 + "\nrole: x\n---\n")


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("$192Kâ€“$235K", "$192K–$235K"),
        ("Â£138K", "£138K"),
        ("role â€” sitting", "role — sitting"),
        ("itâ€™s", "it’s"),
        ("café naïve", "café naïve"),
        ("\ufeffline one\r\nline two\r\n", "line one\nline two\n"),
    ],
)
def test_repair(damaged: str, clean: str) -> None:
    assert repair_text(damaged).text == clean


def test_unrepairable_emoji_is_dropped_and_reported() -> None:
    repaired = repair_text("### ðŸ—ï¸ AI-Native CDP")
    assert repaired.text == "### AI-Native CDP"
    assert repaired.dropped == ("ðŸ—ï¸",)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_parser_only_ever_raises_guide_error(text: str) -> None:
    for candidate in (text, f"---\ncompany: acme\nrole: eng\n{text}\n---\n{text}"):
        try:
            parsed = parse_guide(candidate)
        except GuideError:
            continue
        assert parsed.guide.company and parsed.guide.role
        parsed.guide.coaching  # noqa: B018 - the lazy half must not raise either


@settings(max_examples=100)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                # Real region names; pairs such as "Âª" are indistinguishable from mojibake and
                # are repaired on purpose (see test_repair).
                "region": st.text(
                    alphabet=string.ascii_letters + " éüøåñ丽東京", max_size=12
                ).filter(str.strip),
                "base_low": st.integers(0, 10**7),
                "width": st.integers(0, 10**6),
                "currency": st.sampled_from(["USD", "GBP", "EUR", "INR", "CHF"]),
            }
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda d: d["region"].strip().casefold(),
    )
)
def test_generated_bands_round_trip(regions: list[dict[str, object]]) -> None:
    lines = ["---", "company: acme", "role: eng", "compensation:"]
    for r in regions:
        lines += [
            f'  - region: "{r["region"]}"',
            f"    base_low: {r['base_low']}",
            f"    base_high: {int(r['base_low']) + int(r['width'])}",  # type: ignore[call-overload]
            f"    currency: {r['currency']}",
        ]
    parsed = parse_guide("\n".join([*lines, "---", ""]))
    assert [(b.region, b.currency, b.base) for b in parsed.guide.bands] == [
        (
            str(r["region"]).strip(),
            r["currency"],
            Span(float(r["base_low"]), float(int(r["base_low"]) + int(r["width"]))),  # type: ignore[call-overload]
        )
        for r in regions
    ]
