"""What a careful reader takes from each guide in tests/fixtures/authors/, written by hand from
the guide text (not from Leverage's output), in the shape of `guide --json`.

Shared by the tests and by anyone measuring field accuracy: every scalar, every region figure,
every lever title, target and threshold is one field.
"""

from __future__ import annotations

from typing import Any


def region(
    name: str,
    currency: str,
    base: tuple[float, float] | None,
    stock: tuple[float, float] | None = None,
    years: int = 4,
    bonus: tuple[float, float] | None = None,
    total: tuple[float, float] | None = None,
) -> dict[str, Any]:
    return {
        "region": name,
        "currency": currency,
        "base_low": base[0] if base else None,
        "base_high": base[1] if base else None,
        "stock_low": stock[0] if stock else None,
        "stock_high": stock[1] if stock else None,
        "stock_years": years,
        "bonus_pct_low": bonus[0] if bonus else None,
        "bonus_pct_high": bonus[1] if bonus else None,
        "total_comp_low": total[0] if total else None,
        "total_comp_high": total[1] if total else None,
    }


def target(
    component: str, amount: float, currency: str | None, years: int | None = None
) -> dict[str, Any]:
    return {"component": component, "amount": amount, "currency": currency, "years": years}


def line(
    kind: str,
    component: str,
    comparison: str,
    amount: float,
    currency: str | None,
    per_year: bool = False,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "component": component,
        "comparison": comparison,
        "amount": amount,
        "currency": currency,
        "per_year": per_year,
    }


TRUTH: dict[str, dict[str, Any]] = {
    "helvetia-bank-quant-developer.md": {
        "id": "helvetia-bank/quant-developer",
        "company": "Helvetia Bank",
        "role": "Quant Developer",
        "role_type": "engineering",
        "last_updated": "2026-02-28",
        "next_review_due": "2027-11-03",  # 03/11/2027, day-first
        "data_quality": "medium",
        "regions": [
            # stock_basis: per_year -> whole grants over 4 years
            region(
                "Zurich",
                "CHF",
                (165_000, 187_500),
                (80_000, 140_000),
                4,
                (10, 20),
                (200_000, 260_000),
            ),
            region("Geneva", "CHF", (155_000, 180_000), (72_000, 120_000), 4, (10, 20)),
        ],
        "levels": ["Google L6", "Meta E6"],
        "internal_level": "Director",
        "levers": ["Deferred award", "Guaranteed first-year bonus", "Notice period buy-out"],
        "script": (
            "Open with a CHF 185'000 base, a 20% bonus target and CHF 35'000 a year in deferred "
            "shares. Keep the guaranteed bonus in play until the base is settled."
        ),
        "targets": [
            target("base", 185_000, "CHF"),
            target("bonus", 20, None),
            target("stock", 140_000, "CHF", 4),  # CHF 35'000 a year over the 4-year default
        ],
        "thresholds": [line("walk_away", "base", "below", 170_000, "CHF")],
    },
    "nordwind-energy-data-engineer.md": {
        "id": "nordwind-energy/data-engineer",
        "company": "Nordwind Energy",
        "role": "Data Engineer",
        "role_type": "engineering",
        "last_updated": "2026-01-12",
        "next_review_due": "2026-10-01",
        "data_quality": "high",
        "regions": [
            region(
                "Berlin", "EUR", (82_000, 104_500), (20_000, 48_000), 4, (5, 10), (95_000, 128_000)
            ),
            region("Munich", "EUR", (86_000, 110_000), (20_000, 48_000), 4, (5, 10)),
        ],
        "levels": ["Google L5", "Amazon SDE III"],
        "internal_level": None,
        "levers": ["Competing offers", "Virtual shares", "Relocation from abroad"],
        "script": (
            "I'm asking for a €100.000 base, €44.000 in virtual shares over 4 years and a 10% bonus."
        ),
        "targets": [
            target("base", 100_000, "EUR"),
            target("stock", 44_000, "EUR", 4),
            target("bonus", 10, None),
        ],
        "thresholds": [line("walk_away", "base", "below", 92_000, "EUR")],
    },
    "kiranpay-backend-engineer.md": {
        "id": "kiranpay/backend-engineer",
        "company": "KiranPay",
        "role": "Backend Engineer",
        "role_type": "engineering",
        "last_updated": "2026-03-05",
        "next_review_due": "2026-09-05",
        "data_quality": "medium",
        "regions": [
            region(
                "Bengaluru",
                "INR",
                (3_200_000, 4_800_000),
                (2_000_000, 4_000_000),
                4,
                (10, 15),
                (4_000_000, 6_200_000),
            ),
            region("Gurugram", "INR", (3_000_000, 4_500_000), None, 4, (10, 15)),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Competing fintech offers", "Joining bonus", "On-call load"],
        "script": (
            "ask for ₹46L fixed, ₹36L in ESOPs over 4 years and a ₹6L joining bonus split over "
            "two years."
        ),
        "targets": [
            target("base", 4_600_000, "INR"),
            target("stock", 3_600_000, "INR", 4),
            target("signing", 300_000, "INR"),  # split over two years: two instalments
            target("signing", 300_000, "INR"),
        ],
        "thresholds": [line("walk_away", "base", "below", 4_000_000, "INR")],
    },
    "sakura-robotics-embedded-engineer.md": {
        "id": "sakura-robotics/embedded-engineer",
        "company": "Sakura Robotics",
        "role": "Embedded Engineer",
        "role_type": "engineering",
        "last_updated": "2026-04-01",
        "next_review_due": "2027-04-01",
        "data_quality": "low",
        "regions": [
            region(
                "Tokyo", "JPY", (9_000_000, 12_500_000), None, 4, (15, 15), (10_500_000, 15_000_000)
            ),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Competing offers", "Bonus months", "Housing allowance"],
        "script": "I would like a ¥12M base with a 20% bonus; with that I can accept this week.",
        "targets": [target("base", 12_000_000, "JPY"), target("bonus", 20, None)],
        # no component named: the whole package
        "thresholds": [line("walk_away", "total_comp", "below", 11_000_000, "JPY")],
    },
    "thistle-games-gameplay-programmer.md": {
        "id": "thistle-games/gameplay-programmer",
        "company": "Thistle Games",
        "role": "Gameplay Programmer",
        "role_type": "engineering",
        "last_updated": "2026-05-02",
        "next_review_due": "2026-12-31",  # 12/31/2026 can only be month-first
        "data_quality": "medium",
        "regions": [
            region("London", "GBP", (80_000, 112_000), (0, 40_000), 4, (8, 8), (86_000, 130_000)),
            region("Edinburgh", "GBP", (70_000, 95_000), None, 4, (8, 8)),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Crunch policy", "Options", "Title"],
        "script": "I'd like a £110k base, 12% bonus and options worth £40k over 4 years.",
        "targets": [
            target("base", 110_000, "GBP"),
            target("bonus", 12, None),
            target("stock", 40_000, "GBP", 4),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 100_000, "GBP"),
            line("accept", "total_comp", "at_least", 125_000, "GBP"),
        ],
    },
    "northpeak-cloud-staff-sre.md": {
        "id": "northpeak-cloud/staff-sre",
        "company": "Northpeak Cloud",
        "role": "Staff Site Reliability Engineer",
        "role_type": "engineering",
        "last_updated": "2026-06-14",
        "next_review_due": "2026-12-14",
        "data_quality": "high",
        "regions": [
            region(
                "Seattle",
                "USD",
                (192_000, 235_000),
                (192_000, 660_000),
                3,
                (15, 15),
                (285_000, 495_000),
            ),
            region("Austin", "USD", (175_000, 215_000), (150_000, 540_000), 3, (15, 15)),
        ],
        "levels": ["Google L6", "Meta E6"],
        "internal_level": "IC6",
        "levers": ["Competing offer", "On-call scope", "Refreshers"],
        "script": (
            "I'm looking for a $230K base, $600K in RSUs over 3 years, a 20% bonus and a $50K sign-on."
        ),
        "targets": [
            target("base", 230_000, "USD"),
            target("stock", 600_000, "USD", 3),
            target("bonus", 20, None),
            target("signing", 50_000, "USD"),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 210_000, "USD"),
            line("accept", "total_comp", "at_least", 300_000, "USD"),
            line("accept", "stock", "at_least", 220_000, "USD", per_year=True),
        ],
    },
    "mapleleaf-ai-ml-engineer.md": {
        "id": "mapleleaf-ai/ml-engineer",
        "company": "Mapleleaf AI",
        "role": "ML Engineer",
        "role_type": "engineering",
        "last_updated": "2026-02-01",
        "next_review_due": "2026-08-01",
        "data_quality": "medium",
        "regions": [
            # vesting: {years: 4, basis: per_year} -> whole grants over 4 years
            region(
                "Toronto",
                "CAD",
                (165_000, 190_000),
                (120_000, 240_000),
                4,
                (10, 10),
                (210_000, 265_000),
            ),
            region("Vancouver", "CAD", (160_000, 185_000), (112_000, 220_000), 4, (10, 10)),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Research time", "Compute budget"],
        "script": "I'm asking for C$188K base with C$55K a year in RSUs and a C$20K signing bonus.",
        "targets": [
            target("base", 188_000, "CAD"),
            target("stock", 220_000, "CAD", 4),
            target("signing", 20_000, "CAD"),
        ],
        "thresholds": [line("accept", "total_comp", "at_least", 230_000, "CAD")],
    },
    "saltmarsh-health-product-manager.md": {
        "id": "saltmarsh-health/product-manager",
        "company": "Saltmarsh Health",
        "role": "Product Manager",
        "role_type": "product",
        "last_updated": "2026-04-20",
        "next_review_due": "2026-10-20",
        "data_quality": "high",
        "regions": [
            region(
                "Singapore",
                "SGD",
                (170_000, 215_000),
                (60_000, 140_000),
                4,
                (10, 15),
                (200_000, 280_000),
            ),
            region("Sydney", "AUD", (175_000, 220_000), None, 4, (10, 15)),
        ],
        "levels": ["Google L5", "Meta E5"],
        "internal_level": "P3",
        "levers": ["Scope", "Sign-on"],
        "script": None,  # checked by its targets: the ask is a paragraph, worded freely
        "targets": [
            target("base", 210_000, "SGD"),
            target("stock", 130_000, "SGD", 4),
            target("signing", 30_000, "SGD"),  # S$30K in year one and S$20K in year two
            target("signing", 20_000, "SGD"),
        ],
        "thresholds": [line("walk_away", "base", "below", 180_000, "SGD")],
    },
    "cobaltpay-security-engineer.md": {
        "id": "cobaltpay/security-engineer",
        "company": "CobaltPay",
        "role": "Security Engineer",
        "role_type": "engineering",
        "last_updated": "2026-05-02",
        "next_review_due": "2027-05-02",
        "data_quality": "high",
        "regions": [
            region("Dublin", "EUR", (90_000, 120_000), (60_000, 100_000), 4, (15, 15), None),
            region("London", "GBP", (85_000, 115_000), (50_000, 90_000), 4, (15, 15), None),
        ],
        "levels": ["Google L4", "Meta E4"],
        "internal_level": None,
        "levers": ["Competing offers", "Certifications"],
        "script": "I'd like a €115K base and €90K in RSUs over 4 years.",
        "targets": [
            target("base", 115_000, "EUR"),
            target("stock", 90_000, "EUR", 4),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 95_000, "EUR"),
            line("accept", "base", "at_least", 110_000, "EUR"),
            line("accept", "total_comp", "at_least", 150_000, "EUR"),
        ],
    },
    "fjord-energy-data-engineer.md": {
        "id": "fjord-energy/data-engineer",
        "company": "Fjord Energy",
        "role": "Data Engineer",
        "role_type": "engineering",
        "last_updated": "2026-06-30",
        "next_review_due": "2026-12-31",
        "data_quality": "medium",
        "regions": [
            region("Oslo", "NOK", (750_000, 900_000), None, 4, (5, 10), (800_000, 1_000_000)),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Pension", "Overtime", "Hybrid"],
        "script": "I'd like NOK 880 000 base and a 10% bonus target.",
        "targets": [
            target("base", 880_000, "NOK"),
            target("bonus", 10, None),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 780_000, "NOK"),
            line("accept", "total_comp", "at_least", 950_000, "NOK"),
        ],
    },
    "nordlicht-backend-developer.md": {
        "id": "nordlicht/backend-developer",
        "company": "Nordlicht GmbH",
        "role": "Backend Developer",
        "role_type": "engineering",
        "last_updated": "2026-08-15",
        "next_review_due": "2027-02-15",
        "data_quality": "medium",
        "regions": [
            region(
                "Berlin", "EUR", (75_000, 95_000), (20_000, 48_000), 4, (8, 8), (85_000, 115_000)
            ),
            region("Munich", "EUR", (80_000, 100_000), (20_000, 48_000), 4, (8, 8), None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Relocation", "Equity", "Training budget"],
        "script": None,
        "targets": [
            target("base", 92_000, "EUR"),
            target("stock", 40_000, "EUR", 4),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 80_000, "EUR"),
            line("accept", "total_comp", "above", 120_000, "EUR"),
        ],
    },
    "quillstack-frontend-engineer.md": {
        "id": "quillstack/frontend-engineer",
        "company": "Quillstack",
        "role": "Frontend Engineer",
        "role_type": "engineering",
        "last_updated": "2026-04-20",
        "next_review_due": "2026-10-20",
        "data_quality": "medium",
        "regions": [
            region(
                "New York",
                "USD",
                (165_000, 200_000),
                (200_000, 320_000),
                4,
                None,
                (215_000, 280_000),
            ),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Competing offer", "Stock refresh", "Learning budget"],
        "script": "I'd like a $195K base and $70K a year in RSUs.",
        "targets": [
            target("base", 195_000, "USD"),
            target("stock", 280_000, "USD", 4),
        ],
        "thresholds": [
            line("accept", "stock", "at_least", 70_000, "USD", per_year=True),
            line("walk_away", "base", "at_most", 170_000, "USD"),
        ],
    },
    "harbourline-staff-sre.md": {
        "id": "harbourline/staff-sre",
        "company": "Harbourline",
        "role": "Staff SRE",
        "role_type": "engineering",
        "last_updated": "2026-06-30",
        "next_review_due": "2026-12-31",
        "data_quality": "high",
        "regions": [
            region("Sydney", "AUD", (210_000, 250_000), (150_000, 260_000), 4, (10, 10), None),
            region("Singapore", "SGD", (200_000, 240_000), (140_000, 240_000), 4, (10, 10), None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Scope", "On-call", "Sign-on"],
        "script": None,
        "targets": [
            target("base", 245_000, "AUD"),
            target("stock", 240_000, "AUD", 4),
            target("signing", 25_000, "AUD"),
            target("signing", 15_000, "AUD"),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 200_000, "AUD"),
            line("walk_away", "base", "below", 190_000, "SGD"),
        ],
    },
    "ganga-analytics-data-analyst.md": {
        "id": "ganga-analytics/data-analyst",
        "company": "Ganga Analytics",
        "role": "Data Analyst",
        "role_type": "data",
        "last_updated": "2026-04-12",
        "next_review_due": "2026-10-12",
        "data_quality": "low",
        "regions": [
            region(
                "Mumbai", "INR", (1_200_000, 1_800_000), None, 4, (8, 12), (1_400_000, 2_200_000)
            ),
            region("Hyderabad", "INR", (1_100_000, 1_600_000), None, 4, (8, 12), None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Competing offers", "Certification budget"],
        "script": None,
        "targets": [
            target("base", 1_700_000, "INR"),
            target("bonus", 12, None),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 1_300_000, "INR"),
            line("accept", "total_comp", "above", 2_000_000, "INR"),
        ],
    },
    "alpenbank-risk-engineer.md": {
        "id": "alpenbank/risk-engineer",
        "company": "AlpenBank",
        "role": "Risk Engineer",
        "role_type": "engineering",
        "last_updated": "2026-10-01",
        "next_review_due": "2027-04-01",
        "data_quality": "high",
        "regions": [
            region(
                "Zurich",
                "CHF",
                (165_000, 190_000),
                (80_000, 140_000),
                4,
                (10, 20),
                (205_000, 260_000),
            ),
            region("Basel", "CHF", (150_000, 175_000), (60_000, 120_000), 4, (10, 20), None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Deferred bonus buy-out", "Guaranteed first-year bonus", "Notice period"],
        "script": "I'd like CHF 185'000 base and CHF 30'000 a year in RSUs, with the first-year bonus guaranteed.",
        "targets": [
            target("base", 185_000, "CHF"),
            target("stock", 120_000, "CHF", 4),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 170_000, "CHF"),
            line("accept", "stock", "above", 30_000, "CHF", per_year=True),
        ],
    },
    "maple-fintech-product-manager.md": {
        "id": "maple-fintech/product-manager",
        "company": "Maple Fintech",
        "role": "Product Manager",
        "role_type": "product",
        "last_updated": "2026-02-02",
        "next_review_due": "2026-08-02",
        "data_quality": "low",
        "regions": [
            region(
                "Toronto",
                "CAD",
                (150_000, 180_000),
                (80_000, 140_000),
                4,
                (10, 15),
                (180_000, 235_000),
            ),
            region("Vancouver", "CAD", (145_000, 175_000), None, 4, None, None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Competing offer", "Scope", "Sign-on"],
        "script": None,
        "targets": [
            target("base", 175_000, "CAD"),
            target("stock", 120_000, "CAD", 4),
            target("signing", 15_000, "CAD"),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 155_000, "CAD"),
            line("accept", "total_comp", "at_least", 220_000, "CAD"),
        ],
    },
    "meridian-bank-data-engineer.md": {
        "id": "meridian-bank/data-engineer",
        "company": "Meridian Bank",
        "role": "Data Engineer",
        "role_type": "engineering",
        "last_updated": "2026-07-15",
        "next_review_due": "2027-01-15",
        "data_quality": "medium",
        "regions": [
            region("Singapore", "SGD", (120_000, 150_000), None, 4, (15, 20), None),
            region("Hong Kong", "HKD", (780_000, 950_000), None, 4, (15, 20), None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Bonus guarantee", "Notice buy-out", "Grade"],
        "script": "I'd like S$145,000 base with a 20% bonus target.",
        "targets": [
            target("base", 145_000, "SGD"),
            target("bonus", 20, None),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 125_000, "SGD"),
            line("accept", "base", "at_least", 145_000, "SGD"),
        ],
    },
    "aurora-health-staff-pm.md": {
        "id": "aurora-health/staff-product-manager",
        "company": "Aurora Health",
        "role": "Staff Product Manager",
        "role_type": "product",
        "last_updated": "2026-06-01",
        "next_review_due": "2026-12-01",
        "data_quality": "high",
        "regions": [
            region(
                "Boston",
                "USD",
                (195_000, 235_000),
                (240_000, 400_000),
                4,
                (15, 15),
                (280_000, 370_000),
            ),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Scope", "Competing offer", "Start date"],
        "script": None,
        "targets": [
            target("base", 230_000, "USD"),
            target("stock", 360_000, "USD", 4),
            target("signing", 20_000, "USD"),
            target("signing", 20_000, "USD"),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 190_000, "USD"),
            line("accept", "total_comp", "at_least", 380_000, "USD"),
        ],
    },
    "saffron-ai-ml-engineer.md": {
        "id": "saffron-ai/ml-engineer",
        "company": "Saffron AI",
        "role": "ML Engineer",
        "role_type": "engineering",
        "last_updated": "2026-08-15",
        "next_review_due": "2027-02-15",
        "data_quality": "medium",
        "regions": [
            region(
                "Hyderabad",
                "INR",
                (3_500_000, 5_000_000),
                (2_500_000, 4_500_000),
                4,
                (10, 10),
                (4_500_000, 7_000_000),
            ),
            region("Pune", "INR", (3_200_000, 4_600_000), None, 4, (10, 10), None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Competing offer", "Joining bonus", "Research time"],
        "script": "I'd like ₹48L base, ₹40L in RSUs over 4 years and a ₹5L joining bonus.",
        "targets": [
            target("base", 4_800_000, "INR"),
            target("stock", 4_000_000, "INR", 4),
            target("signing", 500_000, "INR"),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 3_800_000, "INR"),
            line("accept", "total_comp", "at_least", 6_500_000, "INR"),
        ],
    },
    "kestrel-devices-firmware-lead.md": {
        "id": "kestrel-devices/firmware-lead",
        "company": "Kestrel Devices",
        "role": "Firmware Lead",
        "role_type": "engineering",
        "last_updated": "2026-09-09",
        "next_review_due": "2027-03-09",
        "data_quality": "medium",
        "regions": [
            region("Austin", "USD", (185_000, 225_000), (120_000, 210_000), 3, (10, 15), None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Competing offer", "Lab budget", "Title"],
        "script": None,
        "targets": [
            target("base", 215_000, "USD"),
            target("stock", 195_000, "USD", 3),
            target("signing", 15_000, "USD"),
            target("signing", 15_000, "USD"),
        ],
        "thresholds": [
            line("walk_away", "base", "below", 190_000, "USD"),
            line("accept", "stock", "above", 60_000, "USD", per_year=True),
        ],
    },
    "rhein-logistik-sap-consultant.md": {
        "id": "rhein-logistik/sap-consultant",
        "company": "Rhein Logistik AG",
        "role": "SAP Consultant",
        "role_type": "consulting",
        "last_updated": "2026-03-01",
        "next_review_due": "2026-09-01",
        "data_quality": "low",
        "regions": [
            region("Frankfurt", "EUR", (70_000, 85_000), None, 4, (8, 8), None),
            region("Hamburg", "EUR", (66_000, 80_000), None, 4, (8, 8), None),
        ],
        "levels": [],
        "internal_level": None,
        "levers": ["Company car", "Remote work", "Training"],
        "script": None,
        "targets": [
            target("base", 84_000, "EUR"),
            target("bonus", 10, None),
        ],
        "thresholds": [
            line("walk_away", "base", "at_most", 72_000, "EUR"),
            line("accept", "base", "at_least", 80_000, "EUR"),
        ],
    },
}

SCALARS = (
    "id",
    "company",
    "role",
    "role_type",
    "last_updated",
    "next_review_due",
    "data_quality",
    "internal_level",
)


def fields(truth: dict[str, Any], actual: dict[str, Any]) -> list[tuple[str, bool]]:
    """Every field of ``truth`` as (name, read right in ``actual``)."""
    found: list[tuple[str, bool]] = [(k, actual.get(k) == truth[k]) for k in SCALARS]
    regions = {r["region"]: r for r in actual.get("regions") or []}
    for want in truth["regions"]:
        got = regions.get(want["region"], {})
        found += [(f"{want['region']}.{k}", got.get(k) == v) for k, v in want.items()]
    levels = actual.get("levels") or []
    found += [(f"level {lv}", lv in levels) for lv in truth["levels"]]
    found.append(("no extra levels", len(levels) == len(truth["levels"])))
    titles = [lv.get("title") for lv in actual.get("levers") or []]
    found += [(f"lever {t}", t in titles) for t in truth["levers"]]
    found.append(("no extra levers", len(titles) == len(truth["levers"])))
    if truth["script"] is not None:
        found.append(("script", actual.get("script") == truth["script"]))
    else:
        found.append(("script", bool(actual.get("script"))))
    targets = [
        {k: t.get(k) for k in ("component", "amount", "currency", "years")}
        for t in actual.get("targets") or []
    ]
    found += [(f"target {t['component']}", t in targets) for t in truth["targets"]]
    found.append(("no extra targets", len(targets) == len(truth["targets"])))
    keys = ("kind", "component", "comparison", "amount", "currency", "per_year")
    lines = [{k: t.get(k) for k in keys} for t in actual.get("thresholds") or []]
    found += [(f"threshold {t['kind']} {t['component']}", t in lines) for t in truth["thresholds"]]
    found.append(("no extra thresholds", len(lines) == len(truth["thresholds"])))
    return found
