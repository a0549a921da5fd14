"""Generated offer pastes for the benchmarks: typical ones (under 1 KB, in the styles people
paste: one-liners, recruiter emails, lists, tables, other languages, two offers) and a long
realistic one (an email thread with the offer, benefits, logistics and replies, up to the
16 KB cap). The numbers vary with the seed; the wording is this file's own."""

from __future__ import annotations

import random

from bot.offers.parse import MAX_CHARS

TYPICAL = [
    "base {base}k, {stock}k RSUs over 4 years, {bonus}% bonus, {signing}k signing",
    "Hi! Base salary: ${base},000\nRSUs: ${stock},000 vesting 25/25/25/25, 1-year cliff\n"
    "Target bonus: {bonus}%\nSign-on bonus: ${signing},000\nThanks, Recruiting",
    "{base} + {bonus}% + {stock}/4, no signing",
    "they came back with {base}k base and {stock}k in RSUs, {bonus}% target bonus, "
    "{signing}k sign-on. thoughts??",
    "Original offer: {base}k base, {bonus}% bonus. Revised: {base2}k base, {bonus}% bonus, "
    "{stock}k RSUs over 4 years, {signing}k signing",
    "TC {tc} ({base}/{stock4}/{bonus_k}) L5, 6 YOE, Seattle. Worth pushing?",
    "| Component | Amount |\n|---|---|\n| Base | ${base},000 |\n| Bonus | {bonus}% |\n"
    "| RSU | ${stock},000 / 4 yrs |\n| Sign-on | ${signing},000 |",
    "Grundgehalt: {base}.000 € brutto\nZielbonus: {bonus} %\nRSUs: {stock}.000 € über 4 Jahre\n"
    "Antrittsprämie: {signing}.000 €\nUrlaub: 30 Tage",
    "fixed {lpa} LPA, variable {bonus}%, ESOPs worth {esop} L over 4 yrs, joining {joining} L. "
    "notice 60 days, 5 yrs exp",
    "currently at {base2}k base + 10%, new offer is {base}k base + {bonus}% + {stock}k RSUs/4, "
    "{signing}k sign-on. Req #48213, start 3/17. Worth it?",
    "Offer from a Series B in Austin:\n• ${base}k base\n• 40,000 options, strike $1.25 (409A)\n"
    "• 4 years, 25% after a year then monthly\n• no bonus\n• ${signing}k sign-on",
    "年収：{man}万円（月額{month_man}万円×12）\n賞与：年2回\nRSU：USD {stock},000（4年で付与、毎年25%）\n"
    "サインオンボーナス：なし",
]

LONG = """From: {recruiter} <{handle}@{company}-talent.com>
Sent: Tuesday, March {day}, 2025 4:12 PM
Subject: RE: Offer - Senior Software Engineer (Req #{req})

Hi {name},

Thanks again for your time over the last few weeks. I'm delighted to share the details of your
offer for the Senior Software Engineer role on the Payments team, based in our Seattle office
(floor {floor}, 1200 Fifth Avenue). Let me know if you have any questions.

Compensation
- Base salary: ${base},000 per year, paid semi-monthly
- Target annual bonus: {bonus}% of base salary, paid in March
- New hire equity: {shares} RSUs, estimated value ${stock},000, vesting over 4 years (25% after
  one year, then quarterly)
- Sign-on bonus: ${signing},000, paid in two instalments
- Relocation: up to $15,000 reimbursed for moving expenses

Benefits
- Medical, dental and vision from day 1; the company pays 90% of premiums
- 401(k) with a 50% match on the first 6% you contribute
- 20 days of PTO per year plus 11 company holidays
- Paid parental leave of 16 weeks; $1,200 annual learning stipend

Your tentative start date is Monday, April 14, 2025. Orientation starts at 9:00 AM. Call me at
(206) 555-0148 if anything changes. This offer remains open until March 11, 2025.

Best regards,
{recruiter}

-----Original Message-----
From: {name}
Subject: RE: Offer - Senior Software Engineer (Req #{req})

Hi {recruiter}, could you send the breakdown in writing? I currently make ${current}k base with
a 10% bonus and about $60k/yr in stock, and I'm talking to two other companies. I have 7 years
of experience.

"""


def typical_pastes(count: int, seed: int = 5) -> list[str]:
    """``count`` typical pastes (each under 1 KB) in the styles above, numbers varied."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        base = rng.randint(150, 260)
        stock = rng.randint(100, 400)
        bonus = rng.randint(5, 20)
        fields = {
            "base": base,
            "base2": base + rng.randint(5, 20),
            "stock": stock,
            "stock4": stock // 4,
            "bonus": bonus,
            "bonus_k": base * bonus // 100,
            "tc": base + stock // 4 + base * bonus // 100,
            "signing": rng.randint(10, 80),
            "lpa": rng.randint(18, 60),
            "esop": rng.randint(5, 40),
            "joining": rng.randint(1, 9),
            "man": base * 5,
            "month_man": base * 5 // 12,
        }
        out.append(rng.choice(TYPICAL).format(**fields))
    return out


def long_paste(seed: int = 7, size: int = MAX_CHARS) -> str:
    """An email thread with an offer in it, repeated with other numbers up to ``size``."""
    rng = random.Random(seed)
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(
            LONG.format(
                recruiter=rng.choice(["Priya Raman", "Sam Ortiz", "Lena Vogel"]),
                handle=rng.choice(["priya", "sam", "lena"]),
                company=rng.choice(["northwind", "globex", "initech"]),
                name=rng.choice(["Jordan", "Alex", "Robin"]),
                day=rng.randint(1, 28),
                req=rng.randint(10_000, 99_999),
                floor=rng.randint(2, 40),
                base=rng.randint(160, 240),
                bonus=rng.randint(5, 20),
                shares=f"{rng.randint(5, 30) * 100:,}",
                stock=rng.randint(150, 500),
                signing=rng.randint(10, 60),
                current=rng.randint(140, 200),
            )
        )
    return "".join(parts)[:size]
