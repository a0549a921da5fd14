"""Values as guide authors write them in frontmatter: amounts ("192K", "CHF 187'500",
"€104.500", "₹32L", 192_000), ranges ({low, high}, {min, max}, [a, b], "10-15"), dates (ISO,
day-first, month-first when only that reading exists) and how stock is counted.

The prose readers (bot.prose) know "$192K" and "1.2 Cr"; what only guides write (Swiss
apostrophes, underscores, a range written as a mapping) is put into their terms here first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime

from bot.errors import GuideError
from bot.prose.money import CURRENCIES, currency_of, parse_amount, parse_range

# Thousands written with an apostrophe (CHF 187'500), a typographic one, an underscore
# (192_000) or a thin or no-break space: rewritten as commas, same length, so spans still line up.
_GROUPED_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:['’_\u00a0\u202f\u2009]\d{3})+(?!\d)")
# 104.500,50 (European decimals): dots and comma swapped, same length.
_EURO_DECIMAL_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)")
_CCY = r"(?:CHF|EUR|USD|GBP|SEK|NOK|DKK|PLN|CZK|JPY|INR|[€£$¥₹]|kr)"
_SPACED_RE = re.compile(rf"(?P<c>{_CCY}(?![A-Za-z]) ?)(?P<n>\d{{1,3}}(?: \d{{3}})+)(?![\d,]|\.\d)")
_SPACED_AFTER_RE = re.compile(
    rf"(?<![\d.,])(?P<n>\d{{1,3}}(?: \d{{3}})+)(?P<c> ?{_CCY}(?![A-Za-z]))"
)
_RANGE_SPLIT_RE = re.compile(r"\s+(?:[–—-]|to)\s+|\s*[–—]\s*")
_LOW_KEYS = ("low", "min", "from", "lower", "minimum")
_HIGH_KEYS = ("high", "max", "to", "upper", "maximum")
RANGE_KEYS = frozenset(_LOW_KEYS + _HIGH_KEYS)

Warn = Callable[[str], None]


def text_of(value: object) -> str | None:
    """A frontmatter value as text, or None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def strings_of(value: object) -> tuple[str, ...]:
    """A frontmatter value that may be one text or a list of them."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    return (str(value),)


def normalise_digits(text: str) -> str:
    """ "CHF 187'500" -> "CHF 187,500", "192_000" -> "192,000", "€104.500,50" -> "€104,500.50",
    "CHF 187 500" -> "CHF 187,500" (plain spaces only beside a currency); the same length, so
    positions found in the result are positions in ``text``."""
    if not any(c in text for c in "'’_\u00a0\u202f\u2009, "):
        return text
    text = _GROUPED_RE.sub(lambda m: re.sub(r"['’_\u00a0\u202f\u2009]", ",", m[0]), text)
    if " " in text:
        text = _SPACED_RE.sub(lambda m: m["c"] + m["n"].replace(" ", ","), text)
        text = _SPACED_AFTER_RE.sub(lambda m: m["n"].replace(" ", ",") + m["c"], text)
    if "," in text and "." in text:
        text = _EURO_DECIMAL_RE.sub(lambda m: m[0].translate(_SWAP), text)
    return text


_SWAP = str.maketrans({".": ",", ",": "."})
_SPACED_HYPHEN_RE = re.compile(r"(?<=\S) - (?=\S)")
# In a band figure, "750 000" and "75.000" can only be thousands (no band is 75 euros), so
# they need no currency beside them, as they do in prose.
_BAND_GROUPS_RE = re.compile(
    r"(?<![\d.,])\d{1,3}(?:(?P<sep>[ .])\d{3})(?:(?P=sep)\d{3})*(?![\d,]|\.\d|\s?(?:[kmbl]|cr|crores?|lakhs?|lacs?|mio|mn|bn|million)\b)",
    re.I,
)


def band_digits(text: str) -> str:
    """A frontmatter or table figure's digits normalised: :func:`normalise_digits`, and also
    thousands grouped by plain spaces or dots with no currency beside them ("NOK 750 000 –
    900 000", "€75.000 - €95.000"); the same length."""
    text = normalise_digits(text)
    if " " in text or "." in text:
        text = _BAND_GROUPS_RE.sub(lambda m: m[0].replace(m["sep"], ","), text)
    return text


def range_text(text: str) -> str:
    """A range as the prose reader takes it: digits normalised, and "X - Y" with an en dash,
    so the hyphen is not read as a minus sign on the high end."""
    return _SPACED_HYPHEN_RE.sub(" – ", band_digits(text))


_MARK_RE = re.compile(
    r"^(?P<pre>[~≈]|c\.|ca\.|approx\.?)?\s*(?P<body>.*?)\s*(?P<post>\+|/\s*yr|/\s*year|(?:per|a|each)\s+(?:year|annum)|p\.?a\.?|annually|yearly)?$",
    re.IGNORECASE,
)
_TRAILING_MARK_RE = re.compile(
    r"^(?P<num>.*?\d[\d.,]*\s*[kKmMlL]?)\s*(?P<mark>€|£|\$|¥|₹|kr|[A-Z]{3})$"
)


def _amount_text(text: str) -> tuple[str, str | None]:
    """ "~180K" -> "180K"; "95.000 €" -> ("95.000", "EUR"): marks people put around a figure."""
    m = _MARK_RE.match(text.strip())
    body = m["body"] if m else text
    trailing = _TRAILING_MARK_RE.match(body)
    if trailing and (code := currency_code(trailing["mark"])):
        return trailing["num"], code
    return body, None


# What authors write beside a band figure that is no part of the amount: how long the grant
# vests ("over 4 years", "(4yr)", "4-year grant") and what a bonus is a share of ("of base").
_ASIDE_RE = re.compile(
    r"\s*(?:\(\s*)?(?:(?:over|across)\s+(?P<over>\d{1,2})\s*(?:years?|yrs?)"
    r"|(?P<n>\d{1,2})[\s-]*(?:years?|yrs?|y)(?:\s+(?:grant|vest(?:ing)?))?)(?:\s*\))?"
    r"|\s*of\s+(?:the\s+)?(?:base(?:\s+salary|\s+pay)?|salary)\b",
    re.IGNORECASE,
)
_YEARLY_RE = re.compile(
    r"/\s*(?:yr|year)\b|\b(?:per|a|each)\s+(?:year|annum)\b|\bp\.?\s?a\.?(?!\w)|\bannual(?:ly)?\b"
    r"|\byearly\b",
    re.IGNORECASE,
)


_YEARS_RE = re.compile(r"^\s*(?P<n>\d{1,2})(?:\.0+)?\s*(?:-?\s*(?:years?|yrs?|y)\b.*)?$", re.I)


def read_years(value: object, where: str, warn: Warn) -> int | None:
    """A number of vesting years: 4, "4", "4 years", "4-year vest". None (said) otherwise."""
    if value is None or value == "":
        return None
    m = _YEARS_RE.match(str(value)) if not isinstance(value, bool) else None
    if m is None:
        warn(f"{where} stock_years is not a number of years: {value!r}; ignored")
        return None
    return max(1, int(m["n"]))


def says_yearly(text: str) -> bool:
    """Whether a figure or a column header says it is a yearly value ("/yr", "annually")."""
    return _YEARLY_RE.search(text) is not None


def stock_terms(values: list[object]) -> tuple[bool, int | None]:
    """Whether a region's stock figures say they are yearly ("$50K/yr - $80K/yr") and the
    years they say they vest over ("$200K over 4 years", "(4yr)")."""
    texts = [v for v in values if isinstance(v, str)]
    yearly = any(says_yearly(t) for t in texts)
    years = next(
        (
            int(m["over"] or m["n"])
            for t in texts
            for m in _ASIDE_RE.finditer(t)
            if m["over"] or m["n"]
        ),
        None,
    )
    return yearly, (years or None)


_ABOUT_RE = re.compile(r"(?:^|(?<=[\s–—-]))(?:~|≈|c\.|ca\.|approx\.?|about|around)\s*", re.I)


def _without_asides(text: str) -> str:
    """The figures of a band value, less what :func:`stock_terms` reads from it."""
    text = _ABOUT_RE.sub("", text)  # "~150K-180K", "approx. 150K – ~180K"
    if not any(c.isalpha() for c in text):
        return text.strip()
    return _YEARLY_RE.sub(" ", _ASIDE_RE.sub("", text)).strip()


def read_amount(value: object, where: str) -> tuple[float, str | None] | None:
    """A frontmatter amount and the currency it names, if any. None when absent; GuideError
    when it is there but is no amount."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise GuideError(f"{where} is not a number: {value!r}")
    if isinstance(value, int | float):
        number, currency = float(value), None
    elif isinstance(value, str):
        text, marked = _amount_text(band_digits(_without_asides(value.replace("%", ""))))
        amount = parse_amount(text)
        if amount is None:
            raise GuideError(f"{where} is not a number: {value!r}")
        number = -amount.value if amount.negative else amount.value
        currency = amount.currency or marked
    else:
        raise GuideError(f"{where} is not a number: {value!r}")
    if not math.isfinite(number) or number < 0:
        raise GuideError(f"{where} must be a positive number, not {value!r}")
    return number, currency


def read_span(
    entry: Mapping[str, object], key: str, where: str
) -> tuple[tuple[float, float] | None, set[str]]:
    """The range a region gives for ``key``: ``key_low``/``key_high``, or ``key`` itself as a
    mapping ({low, high} or {min, max}), a pair [low, high], a "low-high" string or one number.
    Also the currencies its amounts name."""
    currencies: set[str] = set()

    def one(value: object, name: str) -> float | None:
        read = read_amount(value, f"{where} {name}")
        if read is None:
            return None
        if read[1]:
            currencies.add(read[1])
        return read[0]

    low = one(entry.get(f"{key}_low"), f"{key}_low")
    high = one(entry.get(f"{key}_high"), f"{key}_high")
    whole = entry.get(key)
    if low is None and high is None and whole is not None:
        if isinstance(whole, Mapping):
            low = one(_first(whole, _LOW_KEYS), f"{key}.low")
            high = one(_first(whole, _HIGH_KEYS), f"{key}.high")
            if low is None and high is None:
                raise GuideError(f"{where} {key} should be {{low: ..., high: ...}}, not {whole!r}")
        elif isinstance(whole, list | tuple):
            if len(whole) not in (1, 2):
                raise GuideError(f"{where} {key} should be [low, high], not {whole!r}")
            low, high = one(whole[0], f"{key}[0]"), one(whole[-1], f"{key}[-1]")
        elif isinstance(whole, str) and (pair := parse_range(range_text(_without_asides(whole)))):
            low, high = pair[0].value, pair[1].value
            currencies.update(c for c in (pair[0].currency, pair[1].currency) if c)
        elif (
            isinstance(whole, str)
            and len(ends := _RANGE_SPLIT_RE.split(_without_asides(whole))) == 2
        ):
            low, high = (
                one(ends[0], f"{key} low"),
                one(ends[1], f"{key} high"),
            )  # "95.000 € – 120.000 €"
        else:
            low = high = one(whole, key)
    if low is None and high is None:
        return None, currencies
    low = high if low is None else low
    high = low if high is None else high
    assert low is not None and high is not None
    if low > high:
        raise GuideError(f"{where} {key}_low ({low:,.0f}) is above {key}_high ({high:,.0f})")
    return (low, high), currencies


def _first(mapping: Mapping[str, object], keys: tuple[str, ...]) -> object:
    for key in keys:
        if key in mapping:
            return mapping[key]
    return None


_ORDINAL_RE = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_DAY_FIRST_RE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YEAR_FIRST_RE = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")
_YEAR_MONTH_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_WORDED_FORMATS = (
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d-%b-%Y",
    "%B %Y",
    "%b %Y",
)


def read_date(value: object, key: str, warn: Warn) -> date | None:
    """ISO dates, 2026/04/01, day-first 28.02.2026 or 03/11/2027 (said when it could also be
    read month-first), month-first 12/31/2026 only when no day-first reading exists, and worded
    dates ("3 Nov 2027", "November 3, 2027")."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _ORDINAL_RE.sub("", str(value).strip())  # "23rd February 2026"
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()  # "2026-02-23T10:00:00Z"
    except ValueError:
        pass
    if m := _YEAR_FIRST_RE.match(text):
        found = _date(int(m[1]), int(m[2]), int(m[3]))
        if found:
            return found
    elif m := _DAY_FIRST_RE.match(text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        day_first, month_first = _date(year, second, first), _date(year, first, second)
        if day_first and month_first and day_first != month_first and m[0].count(".") == 0:
            warn(
                f"'{key}' {text} could be {_long(day_first)} or {_long(month_first)}; "
                f"read day-first as {_long(day_first)} (write {day_first.isoformat()} to be sure)"
            )
            return day_first
        if day_first:
            return day_first
        if month_first:
            warn(f"'{key}' {text} read month-first as {_long(month_first)}")
            return month_first
    elif m := _YEAR_MONTH_RE.match(text):
        found = _date(int(m[1]), int(m[2]), 1)
        if found:
            warn(f"'{key}' {text} names a month; read as {_long(found)}")
            return found
    else:
        for fmt in _WORDED_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    warn(f"'{key}' is not a date (YYYY-MM-DD): {value!r}; ignored")
    return None


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_PER_YEAR_WORDS = frozenset(
    {"per_year", "per-year", "peryear", "annual", "annually", "yearly", "year", "per year"}
)
_PER_GRANT_WORDS = frozenset(
    {"per_grant", "per-grant", "grant", "total", "whole", "whole_grant", "per grant", "full"}
)


def stock_basis(value: object, where: str, warn: Warn) -> bool | None:
    """True for stock stated per year, False per grant, None when not said."""
    if value is None:
        return None
    word = str(value).strip().casefold().replace(" ", "_")
    if word in _PER_YEAR_WORDS or word.replace("_", " ") in _PER_YEAR_WORDS:
        return True
    if word in _PER_GRANT_WORDS or word.replace("_", " ") in _PER_GRANT_WORDS:
        return False
    warn(f"{where} stock_basis {value!r} is neither per_year nor per_grant; read as per_grant")
    return False


def currency_code(value: object) -> str | None:
    """ "usd", "$", "CHF" -> an ISO code, if it is one Leverage knows."""
    text = str(value).strip()
    if text.upper() in CURRENCIES:
        return text.upper()
    return currency_of(text)
