"""Every construct the offer reader is asked to read (issue 9), one or more pastes each, written
for this test (not taken from any corpus), with what a careful person reads by the labelling
conventions (../shared/offers/CONVENTIONS.md). Only the fields listed are checked."""

from __future__ import annotations

from typing import Any

import pytest

from bot.offers.parse import parse_offers

NBSP, NNBSP = "\u00a0", "\u202f"

# (construct, paste, expected fields of the scored offer)
CONSTRUCTS: list[tuple[str, str, dict[str, Any]]] = [
    # labels before or after the figure, decided per clause
    (
        "label after",
        "got 215k base and 320k rsu from them",
        {"base": 215_000, "stock_total": 320_000},
    ),
    (
        "label before",
        "base 215k, rsu 320k, bonus 12%",
        {"base": 215_000, "stock_total": 320_000, "bonus_pct": 12},
    ),
    (
        "mixed sides",
        "215k base, stock 80k/yr, bonus 12%",
        {"base": 215_000, "stock_per_year": 80_000, "bonus_pct": 12},
    ),
    (
        "label after, yearly",
        "offer is 176k base 55k/yr stock in Denver",
        {"base": 176_000, "stock_per_year": 55_000, "currency": "USD"},
    ),
    # positional shorthand
    (
        "plus shorthand",
        "Austin: 182 + 12% + 300/4",
        {
            "base": 182_000,
            "bonus_pct": 12,
            "stock_total": 300_000,
            "stock_years": 4,
            "currency": "USD",
        },
    ),
    (
        "tc parts",
        "TC 310 (200/85/25), Boston",
        {"base": 200_000, "stock_per_year": 85_000, "bonus_amount": 25_000},
    ),
    (
        "slash shorthand",
        "165k/120k/8% for a senior role",
        {"base": 165_000, "stock_total": 120_000, "bonus_pct": 8},
    ),
    # number formats
    ("dot thousands", "Gehalt 91.500 € brutto im Jahr", {"base": 91_500, "currency": "EUR"}),
    ("space thousands", f"salaire 64{NBSP}000 € brut par an", {"base": 64_000}),
    ("narrow space thousands", f"Fixe : 71{NNBSP}500 € bruts annuels", {"base": 71_500}),
    (
        "decimal comma percent",
        "Grundgehalt 88.000 €, Bonus 7,5 %",
        {"base": 88_000, "bonus_pct": 7.5},
    ),
    ("swiss apostrophe", "Jahreslohn CHF 148'000, Bonus 8 %", {"base": 148_000, "currency": "CHF"}),
    ("indian grouping", "Fixed: ₹42,50,000 per annum", {"base": 4_250_000, "currency": "INR"}),
    (
        "lakhs",
        "fixed 27 L, variable 3 L",
        {"base": 2_700_000, "bonus_amount": 300_000, "currency": "INR"},
    ),
    ("lpa", "got 38 LPA fixed from a Hyderabad startup", {"base": 3_800_000}),
    ("crore", "CTC 1.4 Cr, fixed 1.1 Cr", {"base": 11_000_000}),
    ("man yen", "年収 980万円、賞与込み", {"currency": "JPY"}),
    ("monthly man", "月薪 3.5万 × 14薪", {"base": 490_000}),
    ("full-width digits", "基本給 月額６５万円 ×１２", {"base": 7_800_000}),
    (
        "spelled recruiter",
        "she said one seventy five base and two hundred over four in stock",
        {"base": 175_000},
    ),
    (
        "spelled thousands",
        "an offer of ninety-two thousand pounds plus a ten percent bonus",
        {"base": 92_000, "bonus_pct": 10},
    ),
    # pay periods and counts
    ("monthly x 12", "USD 6,200/month as a contractor in Lisbon", {"base": 74_400}),
    ("gehälter", "4.900 € brutto im Monat, 13 Gehälter", {"base": 63_700}),
    ("pagas", "2.800 € brutos al mes en 14 pagas", {"base": 39_200}),
    ("xin", "月薪 2.8万，16薪", {"base": 448_000}),
    ("annual stands", "RAL 46.000 €, 14 mensilità", {"base": 46_000}),
    ("hourly full time", "$72/hour, 40 hours a week, W2", {"base": 149_760}),
    ("hourly part time", "$72/hour, about 20 hours a week", {"base": None}),
    ("day rate", "Tagessatz 720 € für 6 Monate", {"base": None}),
    ("day rate abbreviation", "mission freelance, TJM 600 € HT", {"base": None, "currency": "EUR"}),
    ("amount before salary", "Leeds: £58,000 salary, 5% bonus", {"base": 58_000, "bonus_pct": 5}),
    ("b2b invoice", "B2B: 23 000 zł netto + VAT miesięcznie", {"base": 276_000}),
    # stock
    (
        "grant total",
        "base 190k, 260k RSUs vesting over 4 years",
        {"stock_total": 260_000, "stock_per_year": 65_000},
    ),
    (
        "grant per year",
        "base 190k, RSUs 70k per year for 4 years",
        {"stock_per_year": 70_000, "stock_total": 280_000},
    ),
    ("length alone no schedule", "base 190k, 260k RSUs over 4 years", {"vesting": None}),
    (
        "schedule slashes",
        "base 190k, RSU 200k vesting 10/20/30/40",
        {"vesting": [10, 20, 30, 40], "stock_years": 4},
    ),
    ("schedule bars", "base 190k, RSU 200k, vest 40|30|20|10", {"vesting": [40, 30, 20, 10]}),
    (
        "schedule uneven kept",
        "base 190k, RSU 200k, vests 33/33/22/11",
        {"vesting": [33, 33, 22, 11]},
    ),
    (
        "cliff then quarterly",
        "base 190k, RSUs $200k over 4 years, 25% after the first year then quarterly",
        {"vesting": [25, 25, 25, 25]},
    ),
    (
        "yearly percent",
        "base 190k, $240k RSUs, 25% each year",
        {"stock_years": 4, "vesting": [25, 25, 25, 25]},
    ),
    (
        "option count",
        "base 150k, 30,000 options at a $1.10 strike, 4-year vest with 1-year cliff",
        {"stock_total": None, "stock_years": 4},
    ),
    (
        "409a price",
        "base 150k, 12,000 ISOs (409A $2.75), vesting 4 years",
        {"stock_total": None, "stock_per_year": None},
    ),
    (
        "stated value",
        "base 150k, options worth $120k per the founders, 4 year vest",
        {"stock_total": 120_000, "stock_per_year": 30_000},
    ),
    ("ownership percent", "base 150k and 0.35% equity, 4y vest, 1y cliff", {"stock_total": None}),
    (
        "ppu",
        "base 205k, PPUs valued at $400k over 3 years",
        {"stock_total": 400_000, "stock_years": 3},
    ),
    (
        "stock other currency",
        "Fixed 48 LPA, RSU USD 80,000 over 4 years, Bengaluru",
        {"currency": "INR", "stock_currency": "USD", "stock_total": 80_000},
    ),
    (
        "refresher not stock",
        "base 200k, 300k RSUs over 4 years, refreshers ~50k/yr",
        {"stock_total": 300_000},
    ),
    (
        "period word before the percent",
        "RSUs CHF 60'000 über 3 Jahre, jährlich 33 %, Bonus 8 %",
        {"stock_years": 3, "vesting": [33.33, 33.33, 33.33], "bonus_pct": 8},
    ),
    (
        "length in doubt",
        "equity 300k, not sure if per year or over 3 years; base 190k",
        {"stock_years": None, "stock_total": None, "base": 190_000},
    ),
    # tables and lists
    (
        "markdown table",
        "| Component | Amount |\n|---|---|\n| Base | $187,000 |\n| Bonus | 15% |\n| RSU | $280,000 / 4 yrs |",
        {"base": 187_000, "bonus_pct": 15, "stock_total": 280_000},
    ),
    (
        "pipe table no border",
        "Base | 187k\nBonus | 15%\nRSU | 280k over 4y",
        {"base": 187_000, "bonus_pct": 15, "stock_total": 280_000},
    ),
    (
        "code fence",
        "```\nbase: 171000\nbonus_pct: 10\nsigning: 15000\n```",
        {"base": 171_000, "bonus_pct": 10, "signing": 15_000},
    ),
    (
        "bullets",
        "• Base – $166,000\n• Bonus – 10% target\n• Sign-on – $12,000",
        {"base": 166_000, "bonus_pct": 10, "signing": 12_000},
    ),
    (
        "dash labels",
        "Base - 31 LPA\nJoining - 2 L\nVariable - 12%",
        {"base": 3_100_000, "signing": 200_000, "bonus_pct": 12},
    ),
    (
        "year rows",
        "Year 1: base 170k, stock 30k, sign-on 40k\nYear 2: base 170k, stock 50k, sign-on 20k\nYear 3: base 170k, stock 70k\nYear 4: base 170k, stock 50k",
        {"base": 170_000, "stock_total": 200_000, "vesting": [15, 25, 35, 25], "signing": 60_000},
    ),
    # several offers
    (
        "current vs new",
        "currently at 150k base + 10%, new offer is 182k base + 15% + 200k RSUs/4",
        {"base": 182_000, "bonus_pct": 15},
    ),
    (
        "new first then current",
        "New offer: £88k base, 10% bonus. For context I'm on £70k now.",
        {"base": 88_000},
    ),
    (
        "original vs revised",
        "Initial: 170k base, 100k RSUs. After I pushed back they came back with 185k base, 140k RSUs.",
        {"base": 185_000, "stock_total": 140_000},
    ),
    (
        "two competing",
        "Offer A (Acme): 200k base, 15% bonus\nOffer B (Globex): 210k base, 10% bonus",
        {"base": 200_000, "bonus_pct": 15},
    ),
    (
        "current then new in one sentence",
        "making 150k base right now, the new offer is 185k base + 90k RSUs/4 + 12% bonus",
        {"base": 185_000, "stock_total": 90_000, "stock_years": 4, "bonus_pct": 12},
    ),
    (
        "period after the label",
        "£80k base + 12% bonus + £25k RSU per year, Manchester",
        {"stock_per_year": 25_000, "stock_total": None},
    ),
    (
        "correction",
        "they quoted 1.5M yen a month? sorry, I meant 8,400,000円 a year, bonus 3 months",
        {"base": 8_400_000, "bonus_pct": None, "bonus_amount": None},
    ),
    # doubt and ranges
    (
        "doubt",
        "base 185k and 300k stock, but I can't tell if the 300k is per year or total",
        {"stock_total": None, "stock_per_year": None, "base": 185_000},
    ),
    ("range base", "base 170-195k depending on level, 15% bonus", {"base": None, "bonus_pct": 15}),
    ("range with target", "base 180k, bonus 10-20% with a 15% target", {"bonus_pct": 15}),
    ("cap", "base 180k, bonus up to 20%", {"bonus_pct": None}),
    ("months bonus", "base 180k, bonus 2 months", {"bonus_pct": None, "bonus_amount": None}),
    # distractors
    (
        "dates and ids",
        "Req #58221, start date 3/17: base 175k, 10% bonus",
        {"base": 175_000, "bonus_pct": 10},
    ),
    (
        "yoe pto floor phone",
        "7 YOE, 25 PTO days, 12th floor, call 555-0182: base 175k",
        {"base": 175_000, "bonus_pct": None, "signing": None},
    ),
    ("401k and pension", "base 175k, 401(k) match 6%, 8% pension, 10% bonus", {"bonus_pct": 10}),
    (
        "holiday allowance",
        "Salaris € 5.000 per maand, 8% vakantiegeld, bonus geen",
        {"base": 60_000, "bonus_pct": 0},
    ),
    (
        "year 1 and tc sums",
        "base 175k, bonus 15%, RSU 200k/4, year 1 total 251k",
        {"base": 175_000, "stock_total": 200_000},
    ),
    # labels in other languages
    (
        "german",
        "Grundgehalt 84.000 €, Zielbonus 10 %, kein Signing Bonus",
        {"base": 84_000, "bonus_pct": 10, "signing": 0},
    ),
    (
        "french",
        "Salaire fixe 68 000 €, variable 8 %, pas de prime d'arrivée",
        {"base": 68_000, "bonus_pct": 8, "signing": 0},
    ),
    (
        "spanish",
        "Salario base 52.000 €, bono anual 10 %, sin acciones",
        {"base": 52_000, "bonus_pct": 10, "stock_total": 0},
    ),
    (
        "portuguese",
        "Salário: R$ 18.000/mês, bônus de contratação R$ 20.000",
        {"base": 216_000, "signing": 20_000},
    ),
    (
        "dutch",
        "Basissalaris € 76.000, bonus 5%, geen aandelen",
        {"base": 76_000, "bonus_pct": 5, "stock_total": 0},
    ),
    (
        "polish",
        "Wynagrodzenie 21 000 zł brutto miesięcznie, premia 10%",
        {"base": 252_000, "bonus_pct": 10},
    ),
    ("swedish", "Månadslön 61 000 kr, bonus 10 %", {"base": 732_000, "bonus_pct": 10}),
    (
        "chinese",
        "年薪 60万，签字费 8万，没有股票",
        {"base": 600_000, "signing": 80_000, "stock_total": 0},
    ),
    (
        "japanese",
        "年俸 1200万円、サインオンボーナス 100万円",
        {"base": 12_000_000, "signing": 1_000_000},
    ),
    (
        "korean",
        "연봉 9,000만원, 사이닝 보너스 1,000만원",
        {"base": 90_000_000, "signing": 10_000_000},
    ),
    (
        "slash head before a labelled tail",
        "L4 offer: 198 / 260 / 12% / 30 sign, Austin",
        {"base": 198_000, "stock_total": 260_000, "bonus_pct": 12, "signing": 30_000},
    ),
    (
        "one-row table under component names",
        "Base | RSU (/yr) | Bonus\n$171,000 | $52,000 | $17,100",
        {"base": 171_000, "stock_per_year": 52_000, "bonus_amount": 17_100},
    ),
    (
        "a total restated as base in brackets",
        "Package: 年収980万円（基本給）、賞与なし",
        {"base": 9_800_000, "bonus_pct": 0},
    ),
    (
        "amount to sign",
        "they'd pay 12k to sign, base 150k",
        {"base": 150_000, "signing": 12_000},
    ),
    (
        "none not yet mentioned",
        "Base 140k. Sign-on: none discussed so far",
        {"base": 140_000, "signing": None},
    ),
    (
        "payment count then a none for another component",
        "Monatsgehalt 5.900 €, 14 Gehälter, keine Aktien",
        {"base": 82_600, "stock_total": 0},
    ),
    (
        "yearly stock beside a bonus percent",
        "$150k base, $30k stock per year, 8% bonus",
        {"stock_per_year": 30_000, "stock_years": None, "vesting": None, "bonus_pct": 8},
    ),
    (
        "a label word ending like an ordinal's (salary, pay)",
        "salary 132,000, base pay 12k higher than now, equity 90k",
        {"base": 132_000, "stock_total": 90_000},
    ),
    (
        "a key's later clause pairs as it reads",
        "Cash: 165k + 15k bonus",
        {"base": 165_000, "bonus_amount": 15_000},
    ),
    (
        "a period word that opens the label",
        "$20k RSUs, $97k annual salary, 4% bonus",
        {"base": 97_000, "stock_total": 20_000, "bonus_pct": 4},
    ),
    (
        "a period adjective after a spaced slash is the next item's",
        "base 140k / stock $210,000 / yearly bonus: 9%",
        {"base": 140_000, "stock_total": 210_000, "stock_per_year": None, "bonus_pct": 9},
    ),
    (
        "a period word on the next line is that line's",
        "Base: $151,000\nRSUs: $300,000\nyearly bonus of 7%",
        {"base": 151_000, "stock_total": 300_000, "stock_per_year": None, "bonus_pct": 7},
    ),
    (
        "one-time bonus at hire",
        "Offer: 120k salary, one-time bonus of 10k",
        {"base": 120_000, "signing": 10_000},
    ),
    (
        "a key is what follows the last break before its colon",
        "keine RSUs, Zielbonus: 11%, Fixgehalt 88.000 €",
        {"bonus_pct": 11, "base": 88_000, "stock_total": 0},
    ),
    (
        "a key stops at a clause that opens with its own label",
        "Bonus: 8%, no stock, 7.500 € brutto im Monat",
        {"bonus_pct": 8, "bonus_amount": None, "base": 90_000},
    ),
    (
        "unlabelled monthly pay is the base",
        "RSUs 40.000 € über 4 Jahre; 6.100 € pro Monat bei 13 Gehältern",
        {"base": 79_300, "stock_total": 40_000},
    ),
    (
        "an amount glued to its label in Japanese",
        "年俸1,020万円、RSU1,600,000円（4年）",
        {"base": 10_200_000, "stock_total": 1_600_000, "stock_years": 4},
    ),
    (
        "an hourly rate named before the figure",
        "hourly rate $61, 40 hrs/week",
        {"base": 61 * 2080},
    ),
    (
        "an hourly figure in words after a currency sign",
        "$44 an hour, 40 hours a week",
        {"base": 44 * 2080},
    ),
    (
        "french none with sans",
        "salaire fixe 72 000 €, variable 10 %, sans actions",
        {"base": 72_000, "bonus_pct": 10, "stock_total": 0},
    ),
    (
        "a label at a line's end does not join the next line's",
        "$15,000 sign-on\nbonus: none\nBase: $160,000",
        {"signing": 15_000, "bonus_pct": 0, "base": 160_000},
    ),
    (
        "a slash run's last figure is no ten-year grant",
        "205/60/10 (base/stock/bonus), NYC",
        {"base": 205_000, "stock_years": None, "bonus_amount": 10_000},
    ),
    (
        "a 401k-looking amount after a spaced currency sign",
        "base $190k, RSU grant: $ 401k over 4 years",
        {"stock_total": 401_000, "stock_years": 4},
    ),
    (
        "dutch monthly salary",
        "Utrecht: maandsalaris €5.300, 8% vakantiegeld",
        {"base": 63_600, "currency": "EUR"},
    ),
    (
        "a heading of words ending in a full stop labels its line",
        "Offer summary\n3. Relocation. $8,000\n4. Joining bonus. $9,500, paid on day one",
        {"signing": 9_500},
    ),
    (
        "an aside in brackets is no part of a key",
        "Offer Eindhoven (about 300 people, hybrid): €6.050 bruto per maand, 8% vakantiegeld",
        {"base": 72_600, "currency": "EUR"},
    ),
    (
        "a monthly figure restated inside an annual total",
        "年収：960万円（月額80万円×12）",
        {"base": 9_600_000},
    ),
    (
        "a none ends at its sentence",
        "Bonus: none. Stock: 5,000 options, 4 years",
        {"bonus_pct": 0, "stock_total": None},
    ),
    (
        "a count of equal instalments is no amount",
        "$150,000 base. Options vest 25% after a year, then in 36 equal monthly installments",
        {"base": 150_000, "stock_total": None},
    ),
    (
        "a duration in words restated in digits",
        "Sign-on bonus: $15,000, repayable if you leave within twelve (12) months",
        {"signing": 15_000},
    ),
    (
        "terms that were, then a counter's answer",
        "Was 170/12%/150k RSU. After pushing back: base 181k, 12% bonus, RSU 190k (4y)",
        {"base": 181_000, "stock_total": 190_000, "stock_years": 4},
    ),
    (
        "a corrected grant keeps the length it had",
        "Base 150k, RSU 90k over 3 years. Correction: the RSU is 120k",
        {"stock_total": 120_000, "stock_years": 3, "stock_per_year": 40_000},
    ),
    (
        "a share count in Korean ten-thousands",
        "연봉 7,500만원, 스톡옵션 1만주",
        {"base": 75_000_000, "stock_total": None},
    ),
    (
        "a one-digit labelled amount in a paste counting in lakhs",
        "CTC 25 LPA (22 fixed + 3 variable)",
        {"base": 2_200_000, "bonus_amount": 300_000},
    ),
    (
        "a doubt about the length alone keeps the amount",
        "RSUs $150k, I think over 4 years but not sure",
        {"stock_total": 150_000, "stock_years": None},
    ),
    (
        "hinglish",
        "fixed 26 LPA hai, joining bonus nahi hai, ESOP kuch nahi",
        {"base": 2_600_000, "signing": 0, "stock_total": 0},
    ),
    # Polish contracts, periods and words
    (
        "a Polish month abbreviation after net + VAT",
        "B2B: 21 000 zł netto + VAT / mies., Lublin",
        {"base": 252_000, "currency": "PLN"},
    ),
    (
        "a bare + VAT before the period",
        "19k PLN + VAT monthly on B2B",
        {"base": 228_000, "currency": "PLN"},
    ),
    (
        "a Polish day rate",
        "stawka 1 100 zł netto dziennie, Poznań",
        {"base": None, "currency": "PLN"},
    ),
    (
        "a Polish welcome bonus is the sign-on",
        "wynagrodzenie 20 000 PLN brutto miesięcznie, bonus powitalny 6 000 PLN",
        {"base": 240_000, "signing": 6_000, "bonus_amount": None},
    ),
    (
        "a Quebec hiring bonus",
        "Québec : 98 000 $ CA par an, prime d'embauche de 4 000 $",
        {"base": 98_000, "signing": 4_000, "bonus_amount": None},
    ),
    (
        "a German none after a dash label",
        "Grundgehalt — 81.000 €\nSigning — keins",
        {"base": 81_000, "signing": 0},
    ),
    (
        "a city names the currency",
        "offer in Katowice: 17k a month, no bonus",
        {"currency": "PLN", "base": 204_000},
    ),
    # chats
    (
        "a Discord chat keeps the owner's messages",
        "ana — Today at 9:01 AM\n150 base, 10% bonus\nbo — Today at 9:03 AM\nmine was 170 base",
        {"base": 150_000, "bonus_pct": 10},
    ),
    (
        "a WhatsApp chat keeps the owner's messages",
        "[1/2/25, 10:01] Ana: 150k base, 10% bonus\n[1/2/25, 10:02] Bo: i got 170k base there",
        {"base": 150_000, "bonus_pct": 10},
    ),
    (
        "a time of day is no amount",
        "Ana 10:01: base 150k, bonus 12%\nBo 10:02: bonus?",
        {"base": 150_000, "bonus_pct": 12, "bonus_amount": None},
    ),
    (
        "a question answered by a none",
        "Ana: base 150k, 10% bonus\nBo: equity?\nAna: nope none",
        {"stock_total": 0, "stock_per_year": 0},
    ),
    (
        "a question answered by a none in a chat",
        "ana 9:01 AM\nbase 150k\nbo 9:02 AM\nsign-on?\nana 9:03 AM\nnone sadly",
        {"base": 150_000, "signing": 0},
    ),
    (
        "a question answered by a none not yet is unknown",
        "Ana: base 150k\nBo: sign-on?\nAna: none yet",
        {"base": 150_000, "signing": None},
    ),
    # vesting said another way
    (
        "vesting yearly over a length",
        "RSUs 80k over 4 years vesting yearly",
        {"stock_years": 4, "vesting": [25, 25, 25, 25]},
    ),
    (
        "equal quarterly instalments give the length",
        "RSUs worth $96,000, vesting in twelve equal quarterly installments",
        {"stock_years": 3, "stock_per_year": 32_000, "vesting": [33.33, 33.33, 33.33]},
    ),
    (
        "a cliff year and the following months give the length",
        "an option for 9,000 shares: 25% vest after one year, the rest monthly over the "
        "following 36 months",
        {"stock_years": 4, "vesting": [25, 25, 25, 25], "stock_total": None},
    ),
    (
        "a marker after a label is a verb",
        "Base salary: $140,000. No signing bonus is offered for this role.",
        {"base": 140_000, "signing": 0},
    ),
    (
        "an offer letter's later offer heading",
        "Offer A (Graz): €70,000 gross p.a., 8% bonus. Offer B (Linz): €75,000, €3,000 sign-on.",
        {"base": 70_000, "bonus_pct": 8, "signing": None},
    ),
    (
        "a count noun after k is a count",
        "base 160k, 12k shares over 4 years",
        {"stock_total": None, "stock_years": 4},
    ),
    (
        "a German option count",
        "VSOP: 3.000 Optionen, 4 Jahre",
        {"stock_total": None, "stock_years": 4},
    ),
    (
        "a pay date is no pay",
        "base $150,000; signing bonus $20,000, paid on your first pay date",
        {"base": 150_000, "signing": 20_000},
    ),
    # year-by-year tables in other shapes
    (
        "years as table columns",
        "| | Year 1 | Year 2 | Year 3 |\n|---|---|---|---|\n| Base | 150k | 150k | 150k |\n"
        "| Stock | 60k | 30k | 30k |\n| Signing | 10k | 10k | - |",
        {"base": 150_000, "stock_total": 120_000, "vesting": [50, 25, 25], "signing": 20_000},
    ),
    (
        "year rows without a header",
        "Yr 1 | 140,000 base | 20,000 sign-on | RSU 25,000\nYr 2 | 145,000 base | - | RSU 75,000",
        {"base": 140_000, "stock_total": 100_000, "vesting": [25, 75], "signing": 20_000},
    ),
    (
        "a year row after a heading",
        "By year: Y1 $150k base + $30k RSU; Y2 $150k base + $30k RSU; Y3 $150k base + $40k RSU",
        {"stock_total": 100_000, "stock_years": 3, "vesting": [30, 30, 40]},
    ),
    (
        "equal sign-on instalments in year rows add up",
        "Year 1: base 120k, sign-on 10k\nYear 2: base 120k, sign-on 10k",
        {"base": 120_000, "signing": 20_000},
    ),
    (
        "a code before a dollar names it",
        "Base salary: CAD $150,000; RSUs valued at USD $80,000 over 4 years",
        {"currency": "CAD", "stock_currency": "USD", "stock_total": 80_000},
    ),
    # structured pastes: CSV, YAML, JSON, key=value
    (
        "CSV rows",
        "item,value,notes\nsalary,150000,per year\nrsu,200000,over 4 years\nbonus,10%,target",
        {"base": 150_000, "stock_total": 200_000, "stock_years": 4, "bonus_pct": 10},
    ),
    (
        "a number with thousands commas is no CSV row",
        "Base:1,200,000,Bonus:10%",
        {"base": 1_200_000, "bonus_pct": 10},
    ),
    (
        "a key naming years holds a length",
        "BASE=150000\nRSU_TOTAL=300000\nRSU_YEARS=3\nSIGNON=10000",
        {"stock_total": 300_000, "stock_years": 3, "stock_per_year": 100_000, "signing": 10_000},
    ),
    (
        "a key naming a month holds an ordinal",
        '{"base": 150000,\n "sign_on": [{"month": 1, "amount": 8000}, {"month": 6, "amount": 4000}]}',
        {"base": 150_000, "signing": 12_000},
    ),
    (
        "an inner key says percent",
        '{"base": 150000,\n "bonus": {"target_pct": 9}}',
        {"bonus_pct": 9},
    ),
    (
        "a YAML key labels its indented values",
        "offer:\n  base: 150000\n  equity:\n    grant_value: 120000\n    years: 4",
        {"base": 150_000, "stock_total": 120_000, "stock_years": 4},
    ),
    (
        "an indented value keeps its own label",
        "equity:\n  rsu: 80000\n  signing: 5000",
        {"stock_total": 80_000, "signing": 5_000},
    ),
    (
        "a payment count as a key's value",
        "Gehalt: 5.000 EUR/Monat\nGehälter: 14",
        {"base": 70_000},
    ),
    (
        "a payment count right after the figure makes it monthly",
        "base 30k × 14, 上海",
        {"base": 420_000},
    ),
    (
        "a payment count apart from an annual figure leaves it",
        "RAL 40.000 €, 13 mensilità",
        {"base": 40_000},
    ),
    # spoken amounts and statements
    (
        "half a million",
        "base 200k and half a million in RSUs over four years",
        {"stock_total": 500_000, "stock_per_year": 125_000},
    ),
    (
        "one lakh",
        "fixed 18 lakh and a one lakh joining bonus",
        {"base": 1_800_000, "signing": 100_000},
    ),
    (
        "a lone one is still no amount",
        "one of the offers: base 150k",
        {"base": 150_000},
    ),
    (
        "a negation in its own clause beside a figure",
        "they offered 160 base, but we don't do equity here",
        {"base": 160_000, "stock_total": 0},
    ),
    (
        "they moved: the revision",
        "first number was 150 base / 10%. they moved: 165 base, 10%, 20k signing",
        {"base": 165_000, "bonus_pct": 10, "signing": 20_000},
    ),
    # salary structures and contracts
    (
        "basic pay is a part of the total fixed pay",
        "Basic: 12,00,000\nHRA: 4,80,000\nSpecial Allowance: 7,20,000\nTotal Fixed: 24,00,000\n"
        "Joining bonus: 1,00,000",
        {"base": 2_400_000, "signing": 100_000},
    ),
    (
        "basic salary alone is the base",
        "Basic salary: £52,000, bonus 5%",
        {"base": 52_000, "bonus_pct": 5},
    ),
    (
        "net on a B2B invoice is the pay",
        "B2B, 150 PLN/h net, full-time",
        {"base": 312_000},
    ),
    (
        "net elsewhere is take-home",
        "£4,000 a month net, bonus 10%",
        {"base": None},
    ),
    (
        "a dollar in Korean and Chinese",
        "연봉 9,000만원, RSU 4만 달러 (4년)",
        {"currency": "KRW", "stock_currency": "USD", "stock_total": 40_000},
    ),
    (
        "US dollars in Chinese",
        "北京：月薪 3万，RSU 8万美元 分4年",
        {"currency": "CNY", "stock_currency": "USD", "stock_total": 80_000},
    ),
    (
        "a cap word ending in x is no payment count",
        "€5.000 gross per month, bonus max 14%",
        {"base": 60_000, "bonus_pct": None},
    ),
    (
        "a chat export's short date is no amount",
        "[3/06/25, 09:15] Ana: base 150k, RSUs 100k over 4 years",
        {"base": 150_000, "stock_total": 100_000, "stock_years": 4},
    ),
    (
        "an old figure in brackets is an aside, not another offer",
        "We've revised the offer: base is now $172,000 (previously $165,000) and sign-on $10,000. "
        "Bonus 10%.",
        {"base": 172_000, "signing": 10_000, "bonus_pct": 10},
    ),
    (
        "an inner key after other pairs",
        '{"base": 150000,\n "bonus": {"type": "target", "percent": 12}}',
        {"bonus_pct": 12, "bonus_amount": None},
    ),
    (
        "a question answered by a figure",
        "ana 9:01 AM\nbase 150k\nbo 9:02 AM\nsign-on?\nana 9:03 AM\n20k, half after a year",
        {"base": 150_000, "signing": 20_000},
    ),
    (
        "a placeholder question mark after a key is unknown",
        "Base: $150,000\nSign-on: ?",
        {"signing": None},
    ),
    (
        "a thousands group before a CJK unit is no CSV field",
        "年俸 1,050万円、賞与なし、ストックオプション 2,000株",
        {"base": 10_500_000, "bonus_pct": 0, "stock_total": None},
    ),
    (
        "net before the period on a B2B invoice",
        "B2B: 18k PLN net/month + VAT",
        {"base": 216_000},
    ),
    (
        "a payment count said as times a year",
        "Monatsgehalt 5.000 €, zahlbar 13 Mal im Jahr",
        {"base": 65_000},
    ),
    (
        "a one-month AWS is a thirteenth payment",
        "monthly base S$10,000 plus a 1-month AWS",
        {"base": 130_000},
    ),
    (
        "a monthly word on the label",
        "We offer a monthly salary of S$9,000 and a sign-on of S$5,000.",
        {"base": 108_000, "signing": 5_000},
    ),
    (
        "a count after an options label",
        "base 150k, options: 8,000 at $1.10 strike, 4-year vesting",
        {"stock_total": None, "stock_years": 4},
    ),
    (
        "a split of another component is no schedule",
        "RSUs $100,000 over 4 years, vesting quarterly\nSign-on €12,000 (split 50/50 over two years)",
        {"vesting": [25, 25, 25, 25], "signing": 12_000},
    ),
    (
        "a yearly vest word before the percent",
        "股票 40万 分4年 每年归属25%",
        {"stock_years": 4, "vesting": [25, 25, 25, 25]},
    ),
    (
        "a 1099 is the contractor's form, not an amount",
        "1099 contract in Tampa, $95/hr, 40 hrs/week",
        {"base": 197_600, "currency": "USD"},
    ),
    (
        "labelled parts in a bracket after a total's key",
        "TC: 300k (200 base / 20 bonus)",
        {"base": 200_000, "bonus_amount": 20_000},
    ),
    (
        "an option letter names an offer",
        "Option A: Graz, 70k € + 8% bonus. Option B: Linz, 75k €, no bonus.",
        {"base": 70_000, "bonus_pct": 8, "stock_total": None},
    ),
    (
        "Dutch annual salary and a maximum",
        "jaarsalaris van € 65.000 bruto, bonus van maximaal 10%",
        {"base": 65_000, "bonus_pct": None},
    ),
    (
        "a long-term incentive is stock",
        "Base salary: $150,000\nLong-term incentive: $60,000 in RSUs over 3 years",
        {"stock_total": 60_000, "bonus_amount": None},
    ),
    (
        "a pay period's figure and its annualised restatement",
        "Your base will be $5,000 per semi-monthly pay period ($120,000 annualized).",
        {"base": 120_000},
    ),
    (
        "a value the company puts on the units",
        "$180k base, 20,000 RSUs (company valued them at $200k), 4 years",
        {"stock_total": 200_000, "stock_per_year": 50_000},
    ),
    (
        "a fraction vesting each year",
        "RSUs: 90k over 3 years (1/3 each year)",
        {"vesting": [33.33, 33.33, 33.33]},
    ),
    (
        "year rows in words",
        "Year one: $150k base, $20k stock. Year two: $150k base, $30k stock. "
        "Years three and four: $150k base, $25k stock each.",
        {"stock_total": 100_000, "stock_years": 4, "vesting": [20, 30, 25, 25]},
    ),
    # sign-on words in the Romance languages and Polish, and their negations
    (
        "a Portuguese or French sign-on label",
        "Lisboa: 3.500 € brutos/mês x 14, prémio de assinatura 2.000 €",
        {"signing": 2_000, "base": 49_000},
    ),
    (
        "a Spanish sign-on label, word order as spoken",
        "Valencia: 45.000 €/año, bonus firma 3.000 €",
        {"signing": 3_000, "bonus_amount": None},
    ),
    (
        "a French engagement bonus is a sign-on",
        "Genève : 110 000 CHF par année, prime d'engagement 8 000 CHF",
        {"signing": 8_000, "bonus_amount": None},
    ),
    (
        "a Polish welcome bonus denied",
        "Kraków: 20 000 zł brutto/mc, bez bonusu powitalnego",
        {"signing": 0, "base": 240_000},
    ),
    (
        "a Hebrew 'without' before a label",
        "Haifa: 35,000 ₪ לחודש, בלי בונוס",
        {"bonus_pct": 0, "bonus_amount": 0},
    ),
    (
        "a Spanish or Italian cap with an article",
        "Sevilla: 50.000 € al año, variable hasta un 8 %. Milano: bonus fino al 10 %",
        {"bonus_pct": None},
    ),
    # money words: thousands in Polish and Hebrew, kronor per month, more currencies
    (
        "Polish thousands abbreviated",
        "Łódź: 16 tys. zł brutto miesięcznie",
        {"base": 192_000, "currency": "PLN"},
    ),
    (
        "Hebrew thousands, a city with a glued preposition",
        "משרה בתל אביב: 30 אלף ברוטו לחודש",
        {"base": 360_000, "currency": "ILS"},
    ),
    (
        "kronor per month abbreviated",
        "Malmö: 52 000 kr/mån",
        {"base": 624_000, "currency": "SEK"},
    ),
    (
        "Colombian and Chilean pesos, monthly",
        "Medellín: COP 9.000.000 al mes, 12 pagos al año, sin bonos",
        {"base": 108_000_000, "currency": "COP", "bonus_pct": 0},
    ),
    (
        "a half payment in the count",
        "Köln: 4.000 € brutto monatlich bei 13,5 Gehältern",
        {"base": 54_000},
    ),
    (
        "a wage supplement given in brackets after its name",
        "SGD 10,000/month + AWS (1 month)",
        {"base": 130_000},
    ),
    # vesting said in months, anniversaries, fractions and other languages
    (
        "a grant's length in months",
        "10,000 options, vesting over 36 months with a 12-month cliff",
        {"stock_years": 3, "vesting": [33.33, 33.33, 33.33], "stock_total": None},
    ),
    (
        "a share on each anniversary",
        "RSUs worth $120,000, 25% vesting on each of the first four anniversaries",
        {"stock_years": 4, "stock_per_year": 30_000, "vesting": [25, 25, 25, 25]},
    ),
    (
        "a fraction in words each year",
        "$90k in RSUs over three years, a third each year",
        {"stock_years": 3, "vesting": [33.33, 33.33, 33.33]},
    ),
    (
        "a French cliff then monthly",
        "BSPCE valorisés à 40 k€, vesting 4 ans, 25 % après un an puis mensuel",
        {"stock_total": 40_000, "vesting": [25, 25, 25, 25]},
    ),
    (
        "Polish quarterly vesting",
        "Warszawa: RSU za 60 000 zł na 3 lata, vesting co kwartał",
        {"stock_years": 3, "vesting": [33.33, 33.33, 33.33]},
    ),
    (
        "a Hebrew cliff",
        "8,000 אופציות ל-4 שנים עם קליף של שנה",
        {"stock_years": 4, "vesting": [25, 25, 25, 25], "stock_total": None},
    ),
    (
        "a Chinese monthly vesting after a year",
        "期权 2 万股，4 年归属，满一年后按月",
        {"stock_years": 4, "vesting": [25, 25, 25, 25], "stock_total": None},
    ),
    (
        "restricted stock units counted",
        "Base $160,000. You will be granted 4,000 restricted stock units.",
        {"stock_total": None, "base": 160_000},
    ),
    (
        "a Korean exercise price is no grant",
        "연봉 9천만원, 스톡옵션 1,000주 (행사가 5만원)",
        {"stock_total": None},
    ),
    (
        "'current' before a word that is not pay starts no offer",
        "$170k base and 20,000 options (at our current valuation about $200k, no promises). "
        "4 years, 1-year cliff.",
        {"base": 170_000, "stock_years": 4, "vesting": [25, 25, 25, 25]},
    ),
    (
        "'currently' in a bracket is an adverb",
        "Berlin: 85k brutto, VSOP (derzeit ca. 40k € wert) über 4 Jahre",
        {"base": 85_000, "stock_total": 40_000, "stock_years": 4},
    ),
    # year-by-year rows named in other languages, and by calendar year
    (
        "German year rows",
        "Jahr 1: Grundgehalt 80.000 € + RSU 20.000 €\nJahr 2: Grundgehalt 80.000 € + RSU 10.000 €",
        {"base": 80_000, "stock_total": 30_000, "stock_years": 2, "vesting": [66.67, 33.33]},
    ),
    (
        "Japanese year rows",
        "大阪、円:\n1年目: 基本給 900万 / RSU 100万\n2年目: 基本給 900万 / RSU 300万",
        {"base": 9_000_000, "stock_total": 4_000_000, "vesting": [25, 75]},
    ),
    (
        "rows by calendar year",
        "2026: base $150,000, RSU $40,000, sign-on $10,000\n"
        "2027: base $155,000, RSU $40,000, sign-on $5,000",
        {"base": 150_000, "stock_total": 80_000, "stock_years": 2, "signing": 15_000},
    ),
    (
        "a spelled number and a half",
        "base of one sixty, bonus target of seven and a half percent, "
        "joining bonus two and a half lakh",
        {"bonus_pct": 7.5, "bonus_amount": None},
    ),
    (
        "an offer that 'also' adds a term is the same offer",
        "Utrecht: €70,000 gross annual, no equity. They also offered a €4,000 signing bonus.",
        {"base": 70_000, "stock_total": 0, "signing": 4_000},
    ),
    (
        "a monthly pay word beside the grant says nothing of its vesting",
        "Kraków: 25 000 zł brutto miesięcznie, RSU za 30 000 USD na 4 lata",
        {"stock_years": 4, "vesting": None},
    ),
    (
        "a Korean amount in hundred millions and tens of millions",
        "서울 연봉 2억 5천만원",
        {"base": 250_000_000, "currency": "KRW"},
    ),
    (
        "a bonus in Spanish salaries is months, neither percent nor amount",
        "CDMX: $60,000 MXN al mes, bono anual de 2 sueldos",
        {"bonus_pct": None, "bonus_amount": None, "base": 720_000},
    ),
    (
        "'$ US' after a figure in a Canadian paste",
        "Montréal : salaire 130 000 $ par année, UAR 40 000 $ US sur 4 ans",
        {"currency": "CAD", "stock_currency": "USD", "stock_total": 40_000},
    ),
    (
        "Polish full-time hourly",
        "B2B Gdynia: 150 zł/h netto, pełen etat",
        {"base": 312_000},
    ),
    (
        "Japanese katakana base",
        "東京：ベース 1,100万円、RSU なし",
        {"base": 11_000_000, "stock_total": 0},
    ),
    (
        "a struck-out vesting schedule is superseded",
        "base `$170k`, RSU `$200k` / 4y, ~10/20/30/40~ → *25% each year*",
        {"vesting": [25, 25, 25, 25]},
    ),
    (
        "a payment count before a table cell that says none of something else",
        "Offer (Beijing): 月薪 3 万 × 14 薪，无签字费",
        {"base": 420_000, "signing": 0},
    ),
    (
        "CSV rows with empty, quoted and currency cells",
        "item,value,ccy,comment\nsalary,82000,EUR,yearly\nbonus,,EUR,no target set\n"
        'equity,60000,USD,"3 years, vesting yearly"\nsigning,5000,EUR,first payroll',
        {
            "currency": "EUR",
            "base": 82_000,
            "bonus_pct": None,
            "stock_total": 60_000,
            "stock_years": 3,
            "stock_currency": "USD",
            "signing": 5_000,
        },
    ),
    (
        "a dash in a year row is a year with nothing",
        "Yr 1: Base 40L | Joining 5L | RSU 4L\nYr 2: Base 40L | Joining — | RSU 4L",
        {"signing": 500_000, "stock_total": 800_000},
    ),
    (
        "a data key that says the stock value is yearly",
        '{"base": 180000, "rsu": {"yearly_value": 60000}}',
        {"stock_per_year": 60_000, "stock_total": None},
    ),
    (
        "year rows of percents are the schedule",
        "Grant of $200k over 3 years:\nYear 1: 50%\nYear 2: 30% ($60k)\nYear 3: 20%",
        {"vesting": [50, 30, 20], "bonus_pct": None, "stock_total": 200_000},
    ),
    (
        "year rows with the same percent each year are a bonus, not a schedule",
        "Year 1: $150k + 10%\nYear 2: $155k + 10%",
        {"vesting": None},
    ),
    (
        "1099 with a unit is money, not the tax form",
        "base 90k EUR, RSU 1099k EUR over 3 years",
        {"stock_total": 1_099_000},
    ),
    (
        "an arrow after a positional run supersedes the whole run",
        "Seattle: 180/10%/300 over 4 → 192/10%/360 over 4",
        {"base": 192_000, "stock_total": 360_000, "stock_per_year": 90_000},
    ),
    (
        "Argentine pesos, and an ARS that is no rupee",
        "Rosario: ARS 2.800.000 brutos por mes, sin bono",
        {"currency": "ARS", "base": 33_600_000, "bonus_pct": 0},
    ),
    (
        "Nordic welcome and signing bonuses",
        "Uppsala: 48 000 kr/mån, välkomstbonus 20 000 kr",
        {"base": 576_000, "signing": 20_000},
    ),
    (
        "Danish kroner per month",
        "Aarhus: 52.000 kr. om måneden",
        {"currency": "DKK", "base": 624_000},
    ),
    (
        "a Korean incentive is a bonus",
        "성남: 월급 650만원, 인센티브 없음, 입사축하금 500만원",
        {"base": 78_000_000, "bonus_pct": 0, "signing": 5_000_000},
    ),
    (
        "a Hebrew joining grant is a sign-on",
        "הרצליה: 30,000 ₪ ברוטו לחודש, מענק הצטרפות 10,000 ₪",
        {"base": 360_000, "signing": 10_000},
    ),
    (
        "a quarter of a scale spelled out",
        "they said a hundred seventy base and a quarter million in stock over four years, Boise",
        {"base": 170_000, "stock_total": 250_000},
    ),
    (
        "a total nested under a stock key is the grant's total",
        "equity:\n  total_value: 280000\n  years: 4\nbase: 170000\nlocation: Denver",
        {"stock_total": 280_000, "stock_years": 4, "base": 170_000},
    ),
    (
        "equal sign-on parts named by year add up",
        "Base $190k, Portland. Sign-on: $15k in year 1 and $15k in year 2.",
        {"signing": 30_000},
    ),
    (
        "tax-free pay is pay",
        "Abu Dhabi: AED 38,000 per month tax-free",
        {"base": 456_000, "currency": "AED"},
    ),
    (
        "a Spanish signing-on fee",
        "Bilbao: 48.000 € brutos anuales, prima de fichaje 2.500 €",
        {"signing": 2_500},
    ),
    (
        "yearly tranches vest evenly",
        "München: RSUs im Wert von 60.000 € über 3 Jahre in jährlichen Tranchen",
        {"stock_years": 3, "vesting": [33.33, 33.33, 33.33]},
    ),
    (
        "keys and values run together on one line",
        "base: 175k RSU: 200k/4y sign-on: 20k Austin",
        {"base": 175_000, "stock_total": 200_000, "signing": 20_000},
    ),
    (
        "a bonus with an amount as its target",
        "Salary €60,000, plus an annual bonus with a €4k target. Cork.",
        {"bonus_amount": 4_000, "bonus_pct": None},
    ),
    (
        "a percent in a table row's label",
        "| Item | Per year |\n|---|---|\n| Salary | £90,000 |\n| Bonus (10%) | £9,000 |",
        {"bonus_pct": 10, "bonus_amount": 9_000, "base": 90_000},
    ),
    (
        "a vesting question in a chat answered in the next message",
        "ana  9:01 AM\n150k base, 100k rsu over 4 years, Denver\nraj  9:02 AM\nvesting?\n"
        "ana  9:03 AM\nequal every quarter",
        {"vesting": [25, 25, 25, 25]},
    ),
    (
        "a chat 'nope' answers the question before it",
        "ana  9:01 AM\n150k base, Denver\nraj  9:02 AM\nsigning bonus?\nana  9:03 AM\nnope",
        {"signing": 0},
    ),
    (
        "Polish thirteenth salary, hourly rate and cliff",
        "Łódź: 15 000 PLN brutto/mies., 13-tka. B2B alternatywa: 150 zł za godzinę. "
        "RSU warte 20 000 USD na 4 lata z roczną klifą",
        {"base": 195_000, "vesting": [25, 25, 25, 25]},
    ),
    (
        "a TOML section names the component of the keys below it",
        "[package]\nsalary = 150000\n\n[package.rsu]\namount = 200000\nyears = 4\ncliff_months = 12",
        {"base": 150_000, "stock_total": 200_000, "stock_years": 4, "vesting": [25, 25, 25, 25]},
    ),
    (
        "labelled parts of a total in brackets are yearly",
        "TC: 260k (180 base / 60 stock / 20 bonus), Boise",
        {"base": 180_000, "stock_per_year": 60_000, "stock_total": None, "bonus_amount": 20_000},
    ),
    (
        "a none after dot leaders",
        "Base ............ £80,000\nSigning bonus ... none\nBonus ........... n/a",
        {"base": 80_000, "signing": 0, "bonus_pct": None},
    ),
    (
        "a bare four-digit number after a unit word is a count where money is marked",
        "Pune: base ₹40L, ESOPs 3000 over 4 years, joining 2L",
        {"stock_total": None, "stock_years": 4, "base": 4_000_000},
    ),
    (
        "a period word right before another figure is that figure's",
        "東京: 年俸 1,500万円、RSU 4年で 800万円（毎年25%）",
        {"stock_total": 8_000_000, "vesting": [25, 25, 25, 25]},
    ),
    (
        "a Korean payment count",
        "서울: 월 600만원, 연 13회 지급",
        {"base": 78_000_000},
    ),
    (
        "Dutch and Nordic caps",
        "Eindhoven: €70.000 bruto per jaar, bonus tot 12%. Göteborg: bonus upp till 10 %",
        {"bonus_pct": None, "base": 70_000},
    ),
    (
        "instalments named by spelled year after 'and'",
        "Base 165k, sign-on 15k year one and 15k year two. Raleigh",
        {"signing": 30_000, "base": 165_000},
    ),
    (
        "a schedule right after the grant's length in years",
        "base 210k, RSU 360k over 4 years 10/20/30/40, Seattle",
        {"vesting": [10, 20, 30, 40], "stock_years": 4},
    ),
    (
        "a monthly rate in an offer letter",
        "Your salary will be paid at a monthly rate of €6,500 gross. Cork.",
        {"base": 78_000},
    ),
    (
        "an old figure in brackets after 'was'",
        "revised: base 200k, signing now 40k (was 20k). Seattle",
        {"signing": 40_000, "base": 200_000},
    ),
    (
        "a French payment count in months and a German entry bonus",
        "Rennes : 4 800 € brut par mois sur 13 mois. Bonn: Einstiegsprämie 3.000 €",
        {"base": 62_400, "signing": 3_000},
    ),
    (
        "an unlabelled range then an average: the average is the bonus",
        "Glasgow: £70,000 base, bonus, 0-20% band, averaged 9% lately",
        {"bonus_pct": 9},
    ),
    (
        "a gross word between a monthly figure and its payment count",
        "Linz: 3.900 € brutto × 14, Bonus: keiner",
        {"base": 54_600, "bonus_pct": 0},
    ),
    (
        "a month word two words before the figure",
        "Lille : salaire mensuel brut de 3 700 € sur 12 mois",
        {"base": 44_400},
    ),
    (
        "a German monthly compound and a hyphenated payment count",
        "Bruttomonatsgehalt: 5.100,00 €, zahlbar 13-mal jährlich, Dresden",
        {"base": 66_300},
    ),
    (
        "a Czech crown mark is a currency, not a thousands multiplier",
        "Brno: 95 000 Kč hrubého měsíčně",
        {"currency": "CZK", "base": 1_140_000},
    ),
    (
        "a Finnish month abbreviation and 'no shares'",
        "Tampere: 4 900 €/kk, ei osakkeita",
        {"base": 58_800, "stock_total": 0},
    ),
    (
        "a Dutch thirteenth month",
        "Gent: €4.200 bruto/maand, 13de maand",
        {"base": 54_600},
    ),
    (
        "riyal and dong are currencies",
        "Jeddah: SAR 40,000 per month. Hanoi: 50 triệu VND/tháng",
        {"currency": "SAR", "base": 480_000},
    ),
    (
        "pension and holiday-pay percents in more languages are not the bonus",
        "Bergen: 900 000 NOK årslønn, feriepenger 12 %, pensjon 5 %",
        {"bonus_pct": None},
    ),
    (
        "caps in more languages are not targets",
        "Ostrava: 80 000 Kč měsíčně, bonus až 10 %",
        {"bonus_pct": None},
    ),
    (
        "a none word after the label in French and German",
        "Paris 70k€ brut annuel, prime d’arrivée : aucune; Signing Bonus nein",
        {"signing": 0},
    ),
    (
        "units in German pieces are a count",
        "Köln: 85.000 € p.a., RSUs: 300 Stück über 4 Jahre",
        {"stock_total": None},
    ),
    (
        "a doubt that looks back ('or was that') doubts only the figure before it",
        "Base $190k, RSUs $300k/4y, bonus 15% or was that the cap? can't remember. Denver",
        {"base": 190_000, "stock_total": 300_000, "bonus_pct": None},
    ),
    (
        "the author's current job in Korean is not the offer",
        "현 직장: 연봉 5,500만원\n\n오퍼: 기본 연봉 7,000만원",
        {"base": 70_000_000},
    ),
    (
        "sign-on parts that restate the total in its own unit",
        "기본 연봉 7,000만원, 사이닝 보너스: 2,000만원 (입사 시 1,000 + 1년 후 1,000)",
        {"signing": 20_000_000},
    ),
    (
        "a Spanish 'two payments of' restates the sign-on total",
        "Sevilla: 45.000 € brutos al año, prima de incorporación 4.000 €, en dos pagos de 2.000 €",
        {"signing": 4_000},
    ),
    (
        "a Japanese incentive stated as none",
        "年俸 900万円、インセンティブなし",
        {"bonus_pct": 0},
    ),
    (
        "a total later on the line that slash parts add up to makes them yearly",
        "172/45/13 at a bank in Charlotte, TC ~230, fair?",
        {"base": 172_000, "stock_per_year": 45_000, "stock_total": None, "bonus_amount": 13_000},
    ),
    (
        "an Austrian annual gross word and a German switching bonus",
        "Linz: Jahresbrutto 64.000 € (14 Gehälter), Wechselprämie 3.000 €",
        {"base": 64_000, "signing": 3_000},
    ),
    (
        "a Hindi 'every year' vests evenly",
        "Pune: Fixed 28 L, RSU USD 40,000 over 4 saal, 25% har saal",
        {"vesting": [25, 25, 25, 25]},
    ),
    (
        "'no bonus talk' says nothing was said, not that there is none",
        "Denver: 150k base. No bonus talk so far, no sign-on talk either",
        {"bonus_pct": None, "signing": None},
    ),
    (
        "a count before a strike price has no money value",
        "Lyon 60 k€ brut annuel, BSPCE : 2 000 au prix d’exercice de 1,50 €; "
        "Leeds: 4,000 EMI options at £0.40",
        {"stock_total": None, "stock_per_year": None},
    ),
    (
        "instalments that follow a cliff year add that year",
        "Austin 170k base, RSUs $240k: a quarter vests at the first anniversary and the "
        "remainder in 12 equal quarterly installments thereafter",
        {"stock_years": 4, "vesting": [25, 25, 25, 25]},
    ),
    (
        "percents each tagged with the year they vest in are the schedule",
        "Zug: CHF 160'000 p.a., RSUs CHF 120'000 vesting 40% in year 1, 30% in year 2 and "
        "30% in year 3",
        {"vesting": [40, 30, 30], "stock_years": 3, "stock_per_year": 40_000},
    ),
    (
        "an 'on-target level' is a bonus target, not a job level",
        "Salary: £70,000 per annum. Bonus: the on-target level for this role is 8% of salary.",
        {"bonus_pct": 8},
    ),
    (
        "a Vietnamese thirteenth-month salary ('tháng 13' is never a date)",
        "Đà Nẵng: 40 triệu VND/tháng, lương tháng 13",
        {"currency": "VND", "base": 520_000_000},
    ),
    (
        "a key that says '(yr)' makes its figure yearly",
        "Base           $190,000\nStock (yr)     $60,000\nVesting: 25% · 25% · 25% · 25%",
        {"stock_per_year": 60_000, "stock_total": 240_000},
    ),
    (
        "parts joined by '+' that add up to the total before them are its yearly parts",
        "TC 265 = 180 + 65 + 20, Redmond",
        {"base": 180_000, "stock_per_year": 65_000, "bonus_amount": 20_000, "stock_total": None},
    ),
    (
        "a Dutch hourly rate: part-time stays a rate, full-time is x 2080",
        "Eindhoven: €70 per uur, fulltime 40 uur per week",
        {"currency": "EUR", "base": 145_600},
    ),
    (
        "a Dutch part-time hourly rate keeps its currency and no base",
        "Delft: €90 per uur, 24 uur per week",
        {"currency": "EUR", "base": None},
    ),
]


@pytest.mark.parametrize(
    ("construct", "text", "expected"), CONSTRUCTS, ids=[c[0] for c in CONSTRUCTS]
)
def test_construct(construct: str, text: str, expected: dict[str, Any]) -> None:
    offer = parse_offers(text).offer.as_dict()
    for key, value in expected.items():
        got = offer.get(key)
        if value is None:
            assert got is None, (construct, key, offer)
        elif isinstance(value, list):
            assert got == [float(v) for v in value], (construct, key, offer)
        elif isinstance(value, str):
            assert got == value, (construct, key, offer)
        else:
            assert got == pytest.approx(value), (construct, key, offer)


def test_every_construct_of_the_issue_has_a_case() -> None:
    named = {c[0] for c in CONSTRUCTS}
    assert len(named) == len(CONSTRUCTS), "each case names its construct once"
    assert len(CONSTRUCTS) >= 70
