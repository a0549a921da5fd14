"""The real seed guide, parsed to exact values: every figure, lever, target and the threshold."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import date
from typing import Any

import pytest

from bot.guides import (
    Comparison,
    Guide,
    LevelEquivalent,
    Severity,
    Span,
    ThresholdKind,
    parse_guide,
)
from bot.guides.lint import lint_guide
from bot.prose.components import Component
from tests.conftest import SEED


@pytest.fixture(scope="module")
def parsed() -> Any:
    return parse_guide(SEED.read_text(encoding="utf-8"), "seed")


@pytest.fixture(scope="module")
def guide(parsed: Any) -> Guide:
    return parsed.guide  # type: ignore[no-any-return]


SEED_SHA256 = "df14aa893d9100af43b8e06b45bca3cf1b44dc9eeeccb0902689c92145a61e7f"


def test_seed_is_the_real_guide_byte_for_byte() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    shared = SEED.parent.parent.parent / "shared" / "seeds" / SEED.name
    if shared.exists():  # beside a checkout on the team's machines and in CI
        assert SEED.read_bytes() == shared.read_bytes()


def test_identity_and_metadata(guide: Guide) -> None:
    assert guide.id == "segment/ai-cdp-platform-engineer"
    assert guide.company_display == "Segment"
    assert guide.role_display == "AI CDP Platform Engineer"
    assert guide.role_type == "specialty"
    assert guide.last_updated == date(2026, 2, 23)
    assert guide.next_review_due == date(2026, 5, 23)
    assert guide.data_quality == "high"
    assert guide.salary_data_quarter == "2025-Q4"
    assert guide.data_sources == ("Levels.fyi",)
    assert guide.summary == (
        "Top-Tier Twilio RSU + Signing Bonus | AI-Native Customer Data Platform Core 2026"
    )
    assert guide.parents == ("Twilio",)
    assert guide.is_stale(date(2026, 11, 28))
    assert not guide.is_stale(date(2026, 5, 23))


@pytest.mark.parametrize(
    ("region", "currency", "base", "stock", "total"),
    [
        ("San Francisco", "USD", (192_000, 235_000), (155_000, 290_000), (275_000, 378_000)),
        ("New York", "USD", (188_000, 228_000), (148_000, 278_000), (265_000, 365_000)),
        ("London", "GBP", (138_000, 170_000), (108_000, 202_000), (190_000, 262_000)),
    ],
)
def test_bands(
    guide: Guide,
    region: str,
    currency: str,
    base: tuple[int, int],
    stock: tuple[int, int],
    total: tuple[int, int],
) -> None:
    band = guide.band(region)
    assert band is not None
    assert band.currency == currency
    assert band.base == Span(*base)
    assert band.stock == Span(*stock)
    assert band.stock_years == 4
    assert band.total_comp == Span(*total)
    # Frontmatter is the source of truth: 10, not the table's 10–15.
    assert band.bonus_pct == Span(10, 10)


def test_region_order_and_lookup_is_case_insensitive(guide: Guide) -> None:
    assert [b.region for b in guide.bands] == ["San Francisco", "New York", "London"]
    assert guide.band("london") is guide.bands[2]
    assert guide.band("Paris") is None


def test_level_mapping(guide: Guide) -> None:
    mapping = guide.level_mapping
    assert mapping.internal is None
    assert mapping.raw is not None and mapping.raw.startswith("Segment AI CDP Eng = Google L5 ML")
    assert mapping.equivalents == (
        LevelEquivalent("Google", "L5 ML"),
        LevelEquivalent("Meta", "ML E5"),
        LevelEquivalent("Salesforce", "Einstein Senior ML"),
    )


def test_levers(guide: Guide) -> None:
    assert [lever.title for lever in guide.levers] == [
        "Intersection Scarcity Premium",
        "CDP Market Leadership",
        "AI Lab/Big Tech Counter",
        "Signing Bonus Expectation",
    ]
    assert guide.levers[0].script.startswith("The intersection of AI/ML engineering")
    assert guide.levers[0].script.endswith("not generic ML or platform benchmarks.")
    # Mojibake repaired: a real em dash, no "â€”".
    assert "I bring both — my comp" in guide.levers[0].script
    assert guide.levers[3].script == (
        "Given the AI talent market and my transition from guaranteed big tech comp, I expect a "
        "$55K-$75K signing bonus as standard for this hybrid role."
    )


def test_negotiate_up_targets(guide: Guide) -> None:
    assert guide.script is not None
    assert guide.script.startswith("I'd like $282K in Twilio RSUs over 4 years")
    found = {(t.component, t.amount, t.currency, t.is_pct) for t in guide.targets}
    assert found == {
        (Component.STOCK, 282_000, "USD", False),
        (Component.BASE, 232_000, "USD", False),
        (Component.BONUS, 13, None, True),
        (Component.SIGNING, 65_000, "USD", False),
    }
    stock = next(t for t in guide.targets if t.component is Component.STOCK)
    assert stock.years == 4
    # Each target remembers where it sits in the script, to fill in the user's numbers later.
    assert all(
        guide.script[t.start : t.end] in {"$282K", "$232K", "13%", "$65K"} for t in guide.targets
    )
    # "$430K+" and "$405K+" are competing offers quoted, not asks.
    assert 430_000 not in {t.amount for t in guide.targets}


def test_threshold(guide: Guide) -> None:
    assert len(guide.thresholds) == 1
    threshold = guide.threshold
    assert threshold is not None
    assert threshold.kind is ThresholdKind.ACCEPT
    assert threshold.component is Component.STOCK
    assert threshold.comparison is Comparison.ABOVE
    assert threshold.amount == 265_000
    assert threshold.currency == "USD"
    assert threshold.sentence == "Accept if above $265K RSUs"


def test_evidence(guide: Guide) -> None:
    assert guide.evidence == (
        "Segment — AI CDP Platform Engineer Role Definition 2026",
        "Segment/Twilio AI Eng Comp — Levels.fyi 2025-2026",
        "AI x Customer Data — Hybrid Role Market Analysis 2026",
        "CDP AI Platform — Intersection Talent Scarcity Report 2026",
    )


def test_no_mojibake_survives_anywhere(guide: Guide) -> None:
    text = repr(asdict(guide)) + repr(guide.coaching) + guide.body
    for garbage in ("â€", "Â£", "ðŸ", "ï¸"):
        assert garbage not in text


def test_parse_warnings_name_the_real_damage(parsed: Any) -> None:
    messages = [p.message for p in parsed.problems]
    assert all(p.severity is Severity.WARNING for p in parsed.problems)
    assert any("unrepairable text dropped" in m for m in messages)
    assert (
        sum("bonus_pct: frontmatter says 10%, body table says 10–15%" in m for m in messages) == 3
    )


def test_lint_finds_stale_date_and_total_comp_gaps(guide: Guide) -> None:
    messages = [p.message for p in lint_guide(guide, date(2026, 11, 28))]
    assert "stale: review was due 23 May 2026" in messages
    assert (
        "San Francisco total comp low is $275,000 but base + stock/4 + bonus comes to $249,950 "
        "(10% apart)" in messages
    )
    # London: £190,000 stated vs £138,000 + £27,000 + £13,800 = £178,800 (6%).
    assert any(
        m.startswith("London total comp low is £190,000") and "£178,800" in m for m in messages
    )
    # The $265K RSU line sits inside both USD stock bands: no threshold warning.
    assert not any("threshold" in m for m in messages)


def test_golden(guide: Guide, golden: Any) -> None:
    data = asdict(guide)
    data.pop("body")
    data["coaching"] = asdict(guide.coaching)
    golden.check("seed.guide.json", data)
