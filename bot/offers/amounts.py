"""One number of a paste and what is written round it -> a Figure (money or a percent) or a
Mark (a number that is not money).

Round the number: a currency mark before or after ("$", "CHF", "€", "zł", "万円"), a unit
("k", "L", "LPA", "Cr", "万", "mil"), "%", a pay period ("/yr", "per month", "brutto
monatlich"), a grant length ("/4", "/4y"), a share count ("2,400 RSUs"). What is not money is
a mark: durations ("4 years", "30 days"), payment counts ("x 13", "14 pagas", "15薪", "13e
mois"), ordinals ("yr2", "Year 1"), dates, times; phone numbers, ids and digits glued to a word
("L5", "409A") are nothing. Then neighbours join: ranges ("160-190k"), alternatives ("150 or
155"), old figures ("up from $192,000", "158 → 170").

Every look at the text round a number is a match at a position or a search in a window of a
few characters, so reading a number costs the same whatever the paste's length. (The module is a
little over 400 lines because the pattern tables and the one function that reads with them are
kept together: each pattern is tried in only one place.)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.offers.lexicon import is_cjk
from bot.prose.money import currency_of
from bot.prose.numbers import read_number

MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "triệu": 1e6, "grand": 1e3, "mil": 1e3, "千": 1e3, "m": 1e6, "mm": 1e6,
    "mn": 1e6, "million": 1e6, "millions": 1e6, "l": 1e5, "lakh": 1e5, "lakhs": 1e5,
    "lac": 1e5, "lacs": 1e5, "lpa": 1e5, "लाख": 1e5, "cr": 1e7, "crore": 1e7, "crores": 1e7,
    "करोड़": 1e7, "tys": 1e3, "tys.": 1e3, "mln": 1e6, "אלף": 1e3, "万": 1e4, "萬": 1e4, "w": 1e4, "만": 1e4, "천만": 1e7, "千万": 1e7, "백만": 1e6, "百万": 1e6, "億": 1e8, "亿": 1e8, "억": 1e8,
}  # fmt: skip
_INDIAN = {"l", "lakh", "lakhs", "lac", "lacs", "lpa", "लाख", "cr", "crore", "crores", "करोड़"}
_MULT_RE = re.compile(
    r"[ ]?(?P<mult>thousand|triệu|grand|millions?|mil|mln|mm|mn|tys\.?|אלף|lakhs?|lacs?|lpa|crores?|cr|k|m|l|w|"
    r"लाख|करोड़|천만|千万|백만|百万|千|万|萬|만|億|亿|억)(?![a-zà-ÿ]|[ăčěđłńřšśťůźżơư])"
)
_PREFIX_RE = re.compile(
    r"(?<![a-zà-ÿ])(?P<mark>(?:usd|cad|aud|sgd|hkd|nzd|mxn)[ ]?\$|"
    r"us\$|ca\$|c\$|au\$|a\$|nz\$|s\$|sg\$|hk\$|r\$|mx\$|nt\$|\$|£|€|₹|¥|₩|₪|rs\.?|"
    r"usd|eur|gbp|inr|chf|cad|aud|sgd|hkd|jpy|cny|rmb|krw|sek|nok|dkk|pln|brl|mxn|aed|ils|nis|"
    r"zar|nzd|cop|clp|ars|czk|sar|vnd)[ ]?(?P<approx>~|ca\.?[ ])?[ ]?\Z"
)
_SUFFIX_RE = re.compile(
    r"[ ]?(?P<mark>\$[ ]?(?:ca|us)|€|\$|£|₪|₹|usd|eur|gbp|inr|chf|cad|aud|sgd|hkd|jpy|cny|rmb|krw|sek|nok|"
    r"dkk|pln|zł|zl|kč|czk|sar|vnd|₫|kr|brl|mxn|aed|ils|nis|zar|cop|clp|ars|円|美元|美金|元|원|달러|米ドル|ドル|dollars?|euros?|pounds?|"
    r"rupees?|yen)"
    r"(?![a-zà-ÿ])"
)
_CURRENCY_CELL_RE = re.compile(
    r"[ ]?\|[ ]?(?P<mark>usd|eur|gbp|inr|chf|cad|aud|sgd|hkd|jpy|cny|krw|sek|nok|dkk|pln|brl|mxn|"
    r"aed|ils|zar|nzd|cop|clp|ars)[ ]?(?:\||$)",
    re.MULTILINE,
)
_DOLLAR_AFTER = {"$ca": "CAD", "$us": "USD"}
_PCT_RE = re.compile(r"[ ]?(?:%|percent|per\s?cent|pct)(?![a-z])")
_SHARES_RE = re.compile(
    r"[ ]?(?:shares?|options?|stock options|(?:restricted[ ])?(?:stock[ ])?units?|rsus?|isos?|nsos?|psus?|gsus?|esops?|"
    r"actions|uar|aktien|(?:virtuelle )?optionen|opties|opcje|opcji|akcji|opções|opciones|"
    r"acciones|azioni|aktier|aandelen|stück|stk\.?|emi options|au prix d.exercice|株|股|個|주)(?![a-zà-ÿ])"
)
# Words that only ever count: "12k shares", "10K RSU units" are counts even with a "k" (where
# "200k RSUs" and "100k options" are money)
_COUNT_ONLY_RE = re.compile(r"[ ]?(?:rsus?[ ])?(?:shares|units|akcji|aktien)(?![a-zà-ÿ])")
SLASH_YEARS_RE = re.compile(
    r"[ ]?/[ ]?(?P<n>\d{1,2})[ ]?(?P<unit>y|yrs?|years?|年|jahre)?(?![\d%a-z])"
)


def slash_years(match: re.Match[str] | None) -> int | None:
    """The years of a "/4" or "/4yrs" grant: up to 10 with a unit, up to 6 without (so the
    "/10" of "220/58/10" is the next figure, not a ten-year grant)."""
    if match is None:
        return None
    n = int(match["n"])
    return n if 1 <= n <= (10 if match["unit"] else 6) else None


_PERIOD_RE = re.compile(
    r"(?:[ ]?(?:brutto|gross|hrubého|(?:netto[ ]?|net[ ]?)?\+[ ]?vat|netto|net|brut|bruts|brutos|bruto|excl\.?|\(clt\)|"
    r"before tax|pre[- ]tax)){0,3}"
    r"[ ]?(?:/[ ]?|per[ ]|a[ ]|an[ ]|each[ ]|im[ ]|pro[ ]|par[ ]|al[ ]|por[ ]|ao[ ]|za[ ]|na[ ])?"
    r"(?P<p>yr|year|y|annum|a|annual|annually|yearly|p\.?[ ]?a\.?|jahr|an|année|ano|año|年|"
    r"rocznie|jährlich|annuels?|anuales?|anual|"
    r"mo|month|mth|mon|m|monthly|mois|mes|mês|monat|monatlich|mensuel|mensuelle|mensuales?|"
    r"mensal|miesięcznie|měsíčně|mies|mc|msc|maand|mån|månad|kk|tháng|月|월|"
    r"hr|hour|h|hourly|godz|godzinę|godzine|std|stunde|heure|uur|"
    r"day|d|daily|dziennie|jour|tag|giorno|dia|日|"
    r"(?:(?:semi|bi)[- ]?(?:monthly|weekly)[ ])?pay period|paycheck)(?![a-zà-ÿ\d])"
)
# "$146,000 / yearly bonus: 7%": a period adjective after a spaced slash is the next item's
_SPACED_SLASH_ADJECTIVE_RE = re.compile(
    r"[ ]/[ ](?:annual|yearly|monthly|jährliche?r?|mensuel|anual|年間)[ ][^\W\d_]"
)
# "RSU1,880,000円", "RSU1329万円": an amount glued to its label, as Japanese text writes it
_GLUED_AMOUNT_RE = re.compile(
    r"\d{1,3}(?:,\d{3}){1,4}(?![\d,])|\d{1,5}(?:[.,]\d{1,2})?(?=[万萬円億亿])"
)
_RESTATED_RE = re.compile(r"[ ]?\(\d{1,3}\)")  # "twelve (12)": words then their digits
_PERIOD_OF = {
    **dict.fromkeys(
        [
            "yr",
            "year",
            "y",
            "annum",
            "a",
            "annual",
            "annually",
            "yearly",
            "pa",
            "p.a.",
            "p.a",
            "p.",
            "a.",
            "jahr",
            "an",
            "année",
            "ano",
            "año",
            "年",
            "rocznie",
            "jährlich",
            "annuel",
            "annuels",
            "anual",
            "anuales",
            "anuale",
        ],
        "year",
    ),
    **dict.fromkeys(
        [
            "mo",
            "month",
            "mth",
            "mon",
            "m",
            "monthly",
            "mois",
            "mes",
            "mês",
            "monat",
            "monatlich",
            "mensuel",
            "mensuelle",
            "mensual",
            "mensuales",
            "mensal",
            "miesięcznie",
            "měsíčně",
            "kk",
            "tháng",
            "mies",
            "mc",
            "msc",
            "maand",
            "mån",
            "månad",
            "月",
            "월",
        ],
        "month",
    ),
    **dict.fromkeys(
        [
            "hr",
            "hour",
            "h",
            "hourly",
            "godz",
            "godzinę",
            "godzine",
            "std",
            "stunde",
            "heure",
            "uur",
        ],
        "hour",
    ),
    **dict.fromkeys(["day", "d", "daily", "dziennie", "jour", "tag", "giorno", "dia", "日"], "day"),
    "pay period": "paycheck",
    "paycheck": "paycheck",
}
_DURATION_RE = re.compile(
    r"[ ]?-?[ ]?(?:(?P<years>years?|yrs?|y(?=[\s,.;)/]|$)|jahre?n?|ans?|années?|años?|anos?|anni|"
    r"lata?|år|års|jaar|jaren|saal|שנים|שנה|年(?!目)|년(?!차))|"
    r"(?P<months>months?|mos?|monate?n?|mois|meses|mesi|miesięcy|månader|maanden|"
    r"个月|ヶ月|か月|カ月|개월|salários?|salaries|salary|sueldos?|salarios|mensualidades)|"
    r"(?P<days>(?:equal[ ])?(?:monthly|quarterly|annual|yearly)[ ](?:instal+ments?|payments|tranches)|"
    r"days?|weeks?|wks?|hours?|hrs?|h(?=\s?/\s?w)|tage?n?|jours|días|dias|giorni|gg|"
    r"dni|dagar|dagen|天|日|週|일|am|pm|yoe|br|bed|parts?|instal+ments?|tranches?|installments?|"
    r"parcelas?|prestações|raten|versements|cuotas|plazos|termijnen|times|vezes|veces|fois|mal|"
    r"people|ppl|employees|staff|mitarbeiter|engineers|reports|回|次|번|회|x\b))(?![a-zà-ÿ])"
)
_YEAR_NUMBER_AFTER_RE = re.compile(r"[ ]?(?:\d|one|two|three|four|five)\b")
# "over 4 years 5/15/40/40": the "years" is the 4's, so the 5 after it is no "year 5"
_LENGTH_BEFORE_RE = re.compile(r"\d[ ]?(?:years|yrs|jahre)[ ]\Z")
_ORDINAL_BEFORE_RE = re.compile(
    r"(?<![a-zà-ÿ])(?:year|yr|y|第|years|jahr|année|año|ano|anno|rok|jaar|month|monat|mois|mes|"
    r"tranche|part)\s?(?:#\s?)?\Z"
)
_DATE_RE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre)[a-z]*\.?\s\Z"
)
_DATE_AFTER_RE = re.compile(
    r"\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|février|mars|avril|juin|mai)[a-z]*\b"
)
_PHONE_AFTER_RE = re.compile(r"-\d{3,4}(?![\d%kKmM])")  # "555-0148", not "180-200k"
_PHONE_HEAD_RE = re.compile(r"(?<!\d)\d{3}-\Z")  # the "555-" of "555-0173"
_PHONE_AREA_RE = re.compile(r"\(\d{3}\)\s?\d")
_RANGE_TAIL_RE = re.compile(r"[ ]?[-–—~〜][ ]?\d+(?:[.,]\d+)?")
_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th)(?![a-z])")
_DURATION_MAX = {"years": 60, "months": 240, "days": 2000}  # beyond these it is an amount
_ORDINAL_ENDS = frozenset("rys第hteok")  # last letters of the words _ORDINAL_BEFORE_RE ends with
_DASHES = frozenset("-–—~〜")
_BEFORE_MARKS = frozenset("$£€₹¥₩₪ ~.")  # what a currency mark before a number can end with
_APPROX_CUES = ("~", "≈", "ca", "about", "around", "roughly", "approx")
_PER_SHARE_RE = re.compile(
    r"[ ]?(?:/|per|a|each|par|por|pro|je)[ ]?(?:shares?|sh|options?|units?|actions?|acci[oó]n|"
    r"ação|aktie)\b|[ ](?:strike|exercise)\b"
)
_APPROX_BEFORE_RE = re.compile(r"(?:~|≈|ca\.?|about|around|roughly|approx\w{0,6})\s?\S{0,4}\Z")
_MINUS_BEFORE_RE = re.compile(r"(?:^|[\s(])-\Z")
_YEN_AFTER_RE = re.compile(r"[ ]?円")
_PLUS_THEN_RE = re.compile(r"\+\s?\S")


# A key that names a length or an ordinal before its value: "RSU_YEARS=4", "vesting_years": 4
# and "cliff_months: 12" are lengths; "month": 1 and "year: 2" say which one
_KEYED_RE = re.compile(
    r"(?:(?P<years>years|yrs)|(?P<months>months|mos)|(?<![a-z])(?P<ordinal>month|year|quarter))"
    r"[\"']?[ ]?[:=][ ]?[\"']?\Z"
)


class Mark(NamedTuple):
    """A number that is not money: kind is "years", "months", "days", "count", "ordinal"."""

    kind: str
    value: float
    start: int
    end: int


class Figure(NamedTuple):
    """An amount or a percent with what is written round it; spans index the paste. (Tokens
    are named tuples: a paste makes hundreds, and a frozen dataclass costs five times as much
    to build.)"""

    value: float
    start: int
    end: int
    text: str
    currency: str | None = None  # from a written mark
    dollar: bool = False  # a bare "$": the place may say which dollar
    unit: str | None = None  # "k", "l", "万"... as written
    is_pct: bool = False
    per: str | None = None  # year | month | hour | day | paycheck
    years: int | None = None  # "/4", "over 4 years"
    shares: bool = False  # a count of shares or options, not money
    high: float | None = None  # a range: "160-190k"
    alternative: bool = False  # "150 or 155"
    previous: bool = False  # "up from $192,000": an old figure
    negative: bool = False
    approx: bool = False
    spelled: bool = False
    plus: bool = False  # "$430K+"
    price: bool = False  # "$4.20 per share", "@ $0.90": a share's price, no grant value

    @property
    def bare(self) -> bool:
        """No unit, no currency, no percent: "base 210" (thousands, said so)."""
        return self.unit is None and self.currency is None and not self.dollar and not self.is_pct

    @property
    def uncertain(self) -> bool:
        return self.high is not None or self.alternative


def read_figure(
    low: str,
    text: str,
    start: int,
    end: int,
    match: re.Match[str] | None,
    spelled_value: float | None,
    cjk: bool,
) -> Figure | Mark | None:
    """The figure or mark that the number at [start, end) of ``low`` is, or None when it is
    part of a word, an id or a phone number. ``match`` is the NUMBER_RE match (None for a
    spelled number, whose value is ``spelled_value``). Each pattern is tried only where the
    character beside the number lets it match: reading a number is a few dozen steps."""
    size = len(low)
    before = low[max(0, start - 8) : start]
    prev = low[start - 1] if start else " "
    ordinal = (
        _ORDINAL_BEFORE_RE.search(before)
        if before.rstrip(" #")[-1:] in _ORDINAL_ENDS
        and not _LENGTH_BEFORE_RE.search(low, max(0, start - 12), start)
        else None
    )
    number = match.group(0) if match is not None else ""
    if match is not None:
        if prev.isalpha() and not is_cjk(prev) and not _GLUED_AMOUNT_RE.match(low, start):
            if ordinal:
                return Mark("ordinal", float(number.replace(",", ".")), start, end)
            return None  # "L5", "E5", "W2", "ICT4": part of a word
        if prev == "#" or (prev == ":" and start >= 2 and low[start - 2].isdigit()):
            return None  # "#48213", "9:14"
        if prev == "-" and start >= 2 and text[start - 2].isupper():
            return None  # an id or a level: "REQ-40213", "SWE-2"
        if (
            (low.startswith("-", end) and _PHONE_AFTER_RE.match(low, end))
            or (prev == "(" and _PHONE_AREA_RE.match(low, start - 1))
            or (prev == "-" and len(number) == 4 and _PHONE_HEAD_RE.search(before))
        ):
            return None  # phone numbers and ids: "555-0148", "(312) 555-0148", "2025-117"
        if ordinal and "." not in number and "," not in number:
            return Mark("ordinal", float(number), start, end)
        keyed = _KEYED_RE.search(low[max(0, start - 12) : start]) if prev in " :='\"" else None
        if keyed and "." not in number and "," not in number and len(number) <= 2:
            kind = "years" if keyed["years"] else "months" if keyed["months"] else "ordinal"
            return Mark(kind, float(number), start, end)
        if (
            "," not in number
            and "." not in number
            and (
                (prev.isspace() and _DATE_RE.search(low[max(0, start - 12) : start]))
                or (end < size and low[end].isspace() and _DATE_AFTER_RE.match(low, end))
            )
        ):
            return Mark("date", float(number), start, end)
    nxt = low[end] if end < size else ""
    if nxt in _DASHES or (nxt == " " and low[end + 1 : end + 2] in _DASHES):
        rng = _RANGE_TAIL_RE.match(low, end)
        dm = _DURATION_RE.match(low, rng.end()) if rng else None
        if dm:
            kind = "months" if dm["months"] else "years" if dm["years"] else "days"
            return Mark(kind, 0.0, start, dm.end())
    if nxt == ")" and prev == "(" and match is not None:
        # "twelve (12) months": the digits restate a duration in words
        dm = _DURATION_RE.match(low, end + 1)
        if dm and dm["months"]:
            return Mark("months", float(number), start, dm.end())
        if dm and dm["years"]:
            return Mark("years", float(number), start, dm.end())
    if match is None and _RESTATED_RE.match(low, end):
        return None  # the "twelve" of "twelve (12) months": the digits after it are read
    wordish = nxt.isspace() or nxt.isalpha()  # a unit, a period or a duration may follow
    mult = _MULT_RE.match(low, end) if wordish else None
    pct = _PCT_RE.match(low, end) if (wordish or nxt == "%") and not mult else None
    if (
        match is None
        and (spelled_value or 0) < 10
        and not (pct or mult or ((wordish or nxt == "-") and _DURATION_RE.match(low, end)))
    ):
        return None
    if match is not None:
        value = read_number(match, decimal_next=match["sep"] == "." and bool(mult or pct))
    else:
        value = float(spelled_value or 0)
    pos = end
    unit = None
    if (
        mult
        and not (mult["mult"] == "w" and not cjk)
        and not (mult["mult"] == "m" and _DURATION_RE.match(low, mult.start()))
    ):
        unit = mult["mult"]
        value *= MULTIPLIERS[unit]
        pos = mult.end()
    if unit is None and (wordish or nxt == "-"):
        dm = _DURATION_RE.match(low, pos)
        kind = ("years" if dm["years"] else "months" if dm["months"] else "days") if dm else ""
        if (
            dm
            and value <= _DURATION_MAX[kind]
            and not (dm["years"] and _PREFIX_RE.search(low[max(0, start - 6) : start]))
        ):
            # ("£62,500 salary" is no duration, nor "$56 an hour")
            return Mark(kind, value, start, dm.end())
        om = _ORDINAL_SUFFIX_RE.match(low, pos)
        if om:
            return Mark("ordinal", value, start, om.end())
    if (
        unit is None
        and match is not None
        and 1900 <= value <= 2100
        and "," not in number
        and "." not in number
        and not _SUFFIX_RE.match(low, pos)
        and not _PREFIX_RE.search(before)
    ):
        return Mark("date", value, start, pos)
    currency, dollar, approx = None, False, False
    pre = (
        _PREFIX_RE.search(low[max(0, start - 6) : start])
        if prev.isalpha() or prev.isspace() or prev in _BEFORE_MARKS
        else None
    )
    fig_start = start
    if pre:
        mark = pre["mark"]
        fig_start = start - (len(pre.group(0)))
        if mark == "$":
            dollar = True
        else:  # "CAD $148,000": the code says which dollar
            currency = currency_of(mark[:3] if len(mark) > 3 and mark.endswith("$") else mark)
        approx = bool(pre["approx"])
    nxt = low[pos] if pos < size else ""
    suf = _SUFFIX_RE.match(low, pos) if nxt.isspace() or nxt.isalpha() or nxt in "€$£₪₹" else None
    if suf:
        mark = suf["mark"].replace(" ", "")
        if mark == "$":
            dollar = dollar or currency is None
        elif mark in _DOLLAR_AFTER:  # "142 000 $ CA", "60 000 $ US": which dollar, after it
            currency, dollar = _DOLLAR_AFTER[mark], False
        else:
            currency = currency or currency_of(mark)
            dollar = dollar and currency is None
        pos = suf.end()
        # "70 k€", "5K€": the unit came first
        m2 = _MULT_RE.match(low, pos) if unit is None else None
        if m2 and m2["mult"] not in ("m", "l", "w"):
            unit = m2["mult"]
            value *= MULTIPLIERS[unit]
            pos = m2.end()
    if not suf and currency is None and not dollar and nxt in " |":
        cell = _CURRENCY_CELL_RE.match(low, pos)
        if cell:  # "96000,GBP" in a CSV row: the next cell is the amount's currency
            currency = currency_of(cell["mark"])
    if unit in _INDIAN and currency is None and not dollar:
        currency = "INR"
    if currency is None and not dollar and unit in ("万", "萬") and _YEN_AFTER_RE.match(low, pos):
        currency = "JPY"
    is_pct = False
    nxt = low[pos] if pos < size else ""
    wordish = nxt.isspace() or nxt.isalpha()
    pm = _PCT_RE.match(low, pos) if wordish or nxt == "%" else None
    if pm:
        is_pct = True
        pos = pm.end()
    shares = False
    if not is_pct and currency is None and not dollar and unit == "k" and wordish:
        sm = _COUNT_ONLY_RE.match(low, pos)
        if sm:
            shares = True
            pos = sm.end()
    elif not is_pct and currency is None and not dollar and unit in (None, "万", "萬", "만", "千"):
        sm = _SHARES_RE.match(low, pos) if wordish else None
        if sm and not (
            unit is None
            and value < 50
            and low[sm.start() : sm.end()].strip() in ("rsu", "rsus", "units")
        ):
            shares = True
            pos = sm.end()
    per = "year" if unit == "lpa" else None
    years = None
    nxt = low[pos] if pos < size else ""
    if not is_pct and not shares and (nxt.isspace() or nxt.isalpha() or nxt in "/("):
        yr = SLASH_YEARS_RE.match(low, pos)
        if yr and slash_years(yr):
            years = slash_years(yr)
            pos = yr.end()
        else:
            pr = _PERIOD_RE.match(low, pos)
            if pr and not (
                (pr["p"] in ("a", "an", "m", "y", "d", "h", "mon") and not _slash_or_per(low, pr))
                or _SPACED_SLASH_ADJECTIVE_RE.match(low, pr.start(), pr.end() + 2)
                or _YEAR_NUMBER_AFTER_RE.match(low, pr.end())  # "20k year one": which year
            ):
                per = (
                    "paycheck"  # "$6,250 per semi-monthly pay period"
                    if pr["p"].endswith("pay period")
                    else _PERIOD_OF.get(pr["p"].replace(" ", ""), _PERIOD_OF.get(pr["p"]))
                )
                pos = pr.end()
    if not approx:
        window = low[max(0, fig_start - 12) : fig_start]
        approx = any(cue in window for cue in _APPROX_CUES) and bool(
            _APPROX_BEFORE_RE.search(window)
        )
    negative = low[fig_start - 1 : fig_start] == "-" and bool(
        _MINUS_BEFORE_RE.search(low[max(0, fig_start - 2) : fig_start])
    )
    if negative:
        fig_start -= 1
    plus = low.startswith("+", pos) and not _PLUS_THEN_RE.match(low, pos)
    if plus:
        pos += 1
    if pos < len(low) and low[pos].isalpha() and not is_cjk(low[pos]) and low[pos] not in "xk":
        return None  # glued to a word: "409A", "3D"
    # "$4.20 per share", "@ $0.90", "€1.10 strike": the price of one share, not a grant
    price = bool(
        (currency or dollar)
        and not is_pct
        and (
            "@" in low[max(0, fig_start - 2) : fig_start]
            or _PER_SHARE_RE.match(low, pos)
            or (value < 100 and low[max(0, fig_start - 3) : fig_start] == "at ")
        )
    )
    return Figure(
        value=value,
        start=fig_start,
        end=pos,
        text=text[fig_start:pos],
        currency=currency,
        dollar=dollar,
        unit=unit,
        is_pct=is_pct,
        per=per,
        years=years,
        shares=shares,
        negative=negative,
        approx=approx,
        spelled=match is None,
        plus=plus,
        price=price,
    )


def _slash_or_per(low: str, m: re.Match[str]) -> bool:
    """Single-letter periods ("a", "m", "y", "h") count only after "/" or "per" ("$85/h")."""
    return "/" in m.group(0) or "per" in m.group(0)
