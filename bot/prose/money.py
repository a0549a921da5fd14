"""Currencies, amounts written the way people write them, and compact formatting.

Shared by the guide parser (body tables, targets, thresholds) and the offer parser, so that
"$192K", "£138,000", "₹45L" and "1.2 Cr" are read one way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ISO 4217 codes Leverage knows how to show. A guide naming another code is rejected.
SYMBOLS: dict[str, str] = {
    "USD": "$",
    "GBP": "£",
    "EUR": "€",
    "INR": "₹",
    "JPY": "¥",
    "CHF": "CHF ",
    "CAD": "C$",
    "AUD": "A$",
    "NZD": "NZ$",
    "SGD": "S$",
    "HKD": "HK$",
    "CNY": "CN¥",
    "SEK": "SEK ",
    "NOK": "NOK ",
    "DKK": "DKK ",
    "PLN": "PLN ",
    "CZK": "CZK ",
    "ILS": "₪",
    "AED": "AED ",
    "BRL": "R$",
    "MXN": "MX$",
    "ZAR": "R ",
    "KRW": "₩",
    "TWD": "NT$",
    "COP": "COP ",
    "CLP": "CLP ",
    "ARS": "ARS ",
    "SAR": "SAR ",
    "VND": "VND ",
}
CURRENCIES = frozenset(SYMBOLS)

# How a written prefix or suffix maps to a currency. "$" alone means USD.
_MARKS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollars": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "pounds": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "rupees": "INR",
    "chf": "CHF",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "nz$": "NZD",
    "s$": "SGD",
    "sg$": "SGD",
    "sgd": "SGD",
    "hk$": "HKD",
    "hkd": "HKD",
    "¥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "pln": "PLN",
    "₪": "ILS",
    "ils": "ILS",
    "aed": "AED",
    "r$": "BRL",
    "brl": "BRL",
    "₩": "KRW",
    "krw": "KRW",
    "원": "KRW",
    "mxn": "MXN",
    "mx$": "MXN",
    "cny": "CNY",
    "rmb": "CNY",
    "元": "CNY",
    "円": "JPY",
    "美元": "USD",
    "美金": "USD",
    "달러": "USD",
    "ドル": "USD",
    "米ドル": "USD",
    "zł": "PLN",
    "zl": "PLN",
    "nis": "ILS",
    "zar": "ZAR",
    "nzd": "NZD",
    "czk": "CZK",
    "kč": "CZK",
    "sar": "SAR",
    "vnd": "VND",
    "₫": "VND",
    "twd": "TWD",
    "nt$": "TWD",
    "$ ca": "CAD",
    "$ca": "CAD",
    "dollar": "USD",
    "pound": "GBP",
    "rupee": "INR",
    "cop": "COP",
    "clp": "CLP",
    "ars": "ARS",
}

_MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "l": 1e5,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "lpa": 1e5,
    "cr": 1e7,
    "crore": 1e7,
    "crores": 1e7,
}
# Multipliers that only exist in Indian numbering, so they also say the currency.
_INDIAN = frozenset({"l", "lakh", "lakhs", "lac", "lacs", "lpa", "cr", "crore", "crores"})

_PREFIX = (
    r"US\$|CA\$|AU\$|NZ\$|SG\$|HK\$|C\$|A\$|S\$|R\$|\$|£|€|₹|¥|₪|₩|"
    r"(?:Rs\.?|USD|GBP|EUR|INR|CHF|CAD|AUD|SGD|HKD|JPY|SEK|NOK|DKK|PLN|ILS|AED|BRL)(?![A-Za-z])"
)
_SUFFIX_CCY = (
    r"USD|GBP|EUR|INR|CHF|CAD|AUD|SGD|HKD|JPY|SEK|NOK|DKK|PLN|ILS|AED|BRL|"
    r"dollars|pounds|euros?|rupees|yen"
)
_NUMBER = (
    r"\d{1,2}(?:,\d\d){1,5},\d{3}(?![\d,])(?:\.\d+)?|"  # Indian grouping: 45,00,000
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+(?:\.\d+)?"
)
_MULT = r"thousand|million|lakhs?|lacs?|crores?|LPA|lpa|mm|MM|mn|[kKmMlL]|[cC]r"

# The scan starts at the number (a digit), which lets the regex engine skip ahead fast; the
# currency mark and sign before it are then read backwards from a few characters of context.
_NUMBER_RE = re.compile(
    # not glued to the digits of a number before it ("1.111.111": one number, read once)
    rf"(?<!\d)(?<!\d[.,])(?P<num>{_NUMBER})"
    rf"(?:\s?(?P<mult>{_MULT})(?![A-Za-z]))?"
    rf"(?:\s?(?P<post>{_SUFFIX_CCY})(?![A-Za-z]))?"
    rf"(?P<plus>\+)?",
)
_BEFORE_RE = re.compile(
    rf"(?P<neg>(?<![\w.])-\s*)?(?P<pre>{_PREFIX})\s?\Z|(?<![\w.])(?P<neg2>-\s*)\Z"
)
_LOOKBACK = 8
_DOT_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_RANGE_SEP_RE = re.compile(r"\s{0,8}(?:-|–|—|to|and)\s{0,8}")


@dataclass(frozen=True)
class Amount:
    """One amount found in text, with where it was and how it was written."""

    value: float
    currency: str | None
    start: int
    end: int
    text: str
    multiplier: str | None = None
    negative: bool = False
    plus: bool = False


_401K_RE = re.compile(r"401[ ]?\(?k\)?(?![a-z])")
_401K_AMOUNT_AFTER_RE = re.compile(
    r"[ ]?(?:[$£€₹¥]|usd|eur|gbp|inr|cad|aud|chf|rsus?|stock|equity|grant|in rsus)\b"
)
_401K_AMOUNT_BEFORE_RE = re.compile(r"(?:[$£€₹¥]|\b(?:usd|eur|gbp|inr|cad|aud|chf))[ ]?\Z")


def retirement_plan_at(low: str, start: int) -> int | None:
    """End of a "401k" plan name at ``start`` of lowercased ``low``, else None.

    "401(k) match" is the US retirement plan, never pay; "$401k", "USD 401k", "401k EUR" and
    "401k RSUs" are amounts, so a currency or a stock word on either side keeps the figure.
    """
    m = _401K_RE.match(low, start)
    if m is None:
        return None
    if _401K_AMOUNT_AFTER_RE.match(low, m.end()):
        return None
    if _401K_AMOUNT_BEFORE_RE.search(low[max(0, start - 5) : start]):
        return None
    return m.end()


def multiplier_value(name: str) -> float:
    """1000 for "k", 100000 for "lakh"..."""
    return _MULTIPLIERS[name.lower()]


def currency_of(mark: str) -> str | None:
    return _MARKS.get(mark.strip().lower())


def parse_number(text: str) -> float:
    """Read "185,000", "85.000" (European thousands) or "1.2" as a float."""
    if _DOT_THOUSANDS_RE.fullmatch(text):
        return float(text.replace(".", ""))
    return float(text.replace(",", ""))


def _amount(text: str, m: re.Match[str]) -> Amount | None:
    """The amount whose number ``m`` matched, or None when the digits belong to a word ("L5")."""
    start = m.start()
    window = max(0, start - _LOOKBACK)
    before = _BEFORE_RE.search(text[window:start])
    if before is not None:
        start = window + before.start()
    elif start and (text[start - 1].isalnum() or text[start - 1] in "._,/"):
        return None  # digits inside a word ("L5") or a divisor ("RSUs/4")
    pre = before["pre"] if before is not None else None
    negative = before is not None and bool(before["neg"] or before["neg2"])
    value = parse_number(m["num"])
    mult = m["mult"]
    currency = currency_of(pre) if pre else None
    if m["post"]:
        currency = currency or currency_of(m["post"])
    if mult:
        key = mult.lower()
        value *= _MULTIPLIERS[key]
        if key in _INDIAN and currency is None:
            currency = "INR"
    return Amount(
        value=value,
        currency=currency,
        start=start,
        end=m.end(),
        text=text[start : m.end()],
        multiplier=mult.lower() if mult else None,
        negative=negative,
        plus=bool(m["plus"]),
    )


def find_amounts(text: str) -> list[Amount]:
    """Every amount in ``text``: "$185,000", "185K", "£138k", "45 LPA", "1.2 Cr", "CHF 180,000"."""
    found = []
    for m in _NUMBER_RE.finditer(text):
        amount = _amount(text, m)
        if amount is not None:
            found.append(amount)
    return found


def parse_amount(text: str) -> Amount | None:
    """The single amount that makes up ``text`` (ignoring spaces), or None."""
    text = text.strip()
    amounts = find_amounts(text)
    if len(amounts) == 1 and amounts[0].start == 0 and amounts[0].end == len(text):
        return amounts[0]
    return None


_SIMPLE_RANGE_RE = re.compile(
    r"(?<![\d.])(?P<s1>[$£€₹]|[A-Z]{1,2}\$|[A-Z]{3}\s?)?(?P<n1>\d{1,15}(?:\.\d{1,6})?)(?P<k1>[kKML])?"
    r"\s{0,8}[–-]\s{0,8}"
    r"(?P<s2>[$£€₹]|[A-Z]{1,2}\$|[A-Z]{3}\s?)?(?P<n2>\d{1,15}(?:\.\d{1,6})?)(?P<k2>[kKML])?"
)


def parse_range(text: str) -> tuple[Amount, Amount] | None:
    """Read "$192K–$235K", "CHF 170K–CHF 210K", "₹45L–₹60L" or "10–15" into (low, high)."""
    cleaned = text.strip().rstrip("%").strip()
    m = _SIMPLE_RANGE_RE.fullmatch(cleaned)
    if m and (m["k1"] or not m["k2"]) and (m["s1"] or "").strip() == (m["s2"] or "").strip():
        # The common table cell, read without the general scanner (guide loading is hot).
        currency = currency_of(m["s1"]) if m["s1"] else None
        mult = (m["k1"] or "").lower() or None
        if not m["s1"] or currency is not None:
            scale = _MULTIPLIERS[mult] if mult else 1.0
            if mult == "l" and currency is None:
                currency = "INR"
            end_low = m.end("k1") if m["k1"] else m.end("n1")
            start_high = m.start("s2") if m["s2"] else m.start("n2")
            low = Amount(float(m["n1"]) * scale, currency, 0, end_low, cleaned[:end_low], mult)
            high = Amount(
                float(m["n2"]) * scale,
                currency,
                start_high,
                len(cleaned),
                cleaned[start_high:],
                mult,
            )
            return low, high
    amounts = find_amounts(cleaned)
    if len(amounts) == 1 and amounts[0].start == 0 and amounts[0].end == len(cleaned):
        return amounts[0], amounts[0]
    if len(amounts) != 2:
        return None
    low, high = amounts
    between = cleaned[low.end : high.start]
    if not _RANGE_SEP_RE.fullmatch(between) or low.start != 0 or high.end != len(cleaned):
        return None
    # "$192K–235K": the unit written once applies to both ends.
    if low.multiplier is None and high.multiplier is not None and low.value < 1000:
        low = Amount(
            low.value * _MULTIPLIERS[high.multiplier],
            low.currency or high.currency,
            low.start,
            low.end,
            low.text,
            high.multiplier,
        )
    return low, high


def format_money(amount: float, currency: str | None, *, exact: bool = False) -> str:
    """Compact money for people: $232K, £138K, $1.2M, ₹45L, ₹1.2Cr, CHF 180K.

    ``exact`` writes whole units with separators ($232,000), for figures people will copy.
    """
    symbol = SYMBOLS.get(currency or "", f"{currency} " if currency else "")
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if exact:
        return f"{sign}{symbol}{value:,.0f}"
    if currency == "INR" and value >= 1e5:
        if value >= 1e7:
            return f"{sign}{symbol}{_trim(value / 1e7, 2)}Cr"
        return f"{sign}{symbol}{_trim(value / 1e5, 1)}L"
    if value >= 999_500:
        return f"{sign}{symbol}{_trim(value / 1e6, 2)}M"
    if value >= 1e3:
        # Three significant figures are plenty for pay: $250K, $42.5K.
        return f"{sign}{symbol}{_trim(value / 1e3, 0 if value >= 99_950 else 1)}K"
    return f"{sign}{symbol}{_trim(value, 2)}"


def format_pct(value: float) -> str:
    return f"{_trim(value, 1)}%"


def _trim(value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
