"""The words of a pasted offer that are not component names: pay periods, "none", caps, doubt,
markers of several offers, and the labels of things that are not pay (pension, PTO, 401(k)).

Component names live in the one component table (bot.prose.components); this module reads
them from there, so a label is added in one place. Words are matched whole, case-folded;
a space in a phrase also matches "-", "_" or nothing ("sign on" = "sign-on" = "signon").
CJK entries match anywhere inside a run of CJK text, which has no spaces to split on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.prose.components import COMPONENTS, Component


class Kind(StrEnum):
    LABEL = "label"  # key: a Component value
    OTHER = "other"  # a label of something that is not pay: it claims figures, adds nothing
    NONE_BEFORE = "none_before"  # "no bonus", "kein Bonus", "sin variable"
    NONE_AFTER = "none_after"  # "bonus: none", "RSUなし", "ESOP kuch nahi"
    HOLDER = "holder"  # "TBD", "N/A": stated as unknown
    CAP = "cap"  # "up to", "bis zu": a ceiling, not a target
    TARGET = "target"  # "target", "average": the figure is the one to take
    DOUBT = "doubt"  # "not sure", "can't tell", "she'll try for"
    NEGATION = "negation"  # "does not", "isn't": with a label and no figure, a stated none
    CORRECTION = "correction"  # "no wait", "actually": the figure after replaces the one before
    MARKER = "marker"  # key: revised | original | current | new | competing
    PERIOD = "period"  # key: year | month | hour | day | paycheck
    VEST = "vest"  # key: vest | cliff | quarterly | monthly | annually | evenly | anniversary
    GROSS = "gross"  # "gross", "brutto": the figure is pay
    PAYMENTS = "payments"  # "Gehälter", "pagas", "薪": a payment count follows a number
    DATE = "date"  # month names: a number beside one is a date
    PREVIOUS = "previous"  # "up from", "was": the figure after is the old one
    EACH = "each"  # "each", "per year" after a row: the row repeats
    CHANGE = "change"  # "bumped", "to": the figure after is the new one


# fmt: off
_OTHER = (
    # pensions, savings, allowances, perks: percents and amounts that are not pay
    "pension", "employer pension", "pensionskasse", "tjänstepension", "pensioen", "pensión",
    "previdência", "retraite", "401k", "401 k", "super", "superannuation", "espp", "cpf",
    "provident fund", "pf", "gratuity", "refresher", "refreshers", "refresh", "holiday allowance",
    "holiday pay", "holiday", "holidays", "vacation", "vacaciones", "vakantiegeld",
    "vakantietoeslag", "vakantiedagen", "semester", "urlaubsgeld", "weihnachtsgeld",
    "urlaubstage", "urlaub", "ferien", "ruling", "rent", "median", "band", "top of band",
    "pay period", "per pay period", "pay date", "pay day", "payday", "payroll", "pay cycle",
    "match", "housing", "housing allowance", "meal", "vr", "va",
    "vale", "vales", "buoni pasto", "tickets resto", "ticket", "aguinaldo", "prima vacacional",
    "fondo de ahorro", "keren hishtalmut", "arbeitgeberzuschuss", "altersvorsorge",
    "subsídio", "subsídio de refeição", "welfare", "welfare aziendale", "friskvårdsbidrag",
    "mutuelle", "dienstwagen", "groepsverzekering", "feriepenger", "pensjon", "mpf",
    "lomaraha", "stravenkový paušál", "allowance", "hra", "house rent allowance", "lta", "stipend", "commission", "commute", "insurance",
    "tax", "net", "take home", "in hand", "discount", "rabatt", "rabais", "descuento", "rtt", "retention", "retention bonus",
    "retention pay", "stay bonus", "referral bonus", "spot bonus", "patent bonus",
    # prices of a share, valuations: no money value for the grant
    "strike", "exercise price", "prix d exercice", "409a", "fmv", "preferred price",
    "preferred", "per share", "a share", "valuation", "valued company", "last valued",
    "company valued", "company last valued", "post money", "pre money",
    # people, places, ids, work patterns
    "pto", "raises", "raise", "ask for", "yoe", "experience", "years of experience", "exp",
    "level", "floor", "suite", "room", "building", "bldg", "gebäude", "apt", "req", "req id",
    "requisition", "job code", "job id", "stellen id", "ref", "reference", "current tc",
    "revenue", "umsatz", "teamumsatz", "auslastung", "capacity", "ppl", "employees", "headcount",
    "行使価格", "행사가", "행사가격", "住房", "公积金", "交通費", "年假", "复利厚生", "복지포인트", "קרן השתלמות", "פנסיה",
)

_WORDS: tuple[tuple[Kind, str, tuple[str, ...]], ...] = (
    (Kind.OTHER, "other", _OTHER),
    (Kind.NONE_BEFORE, "", (
        "no", "kein", "keine", "keinen", "sin", "sem", "pas de", "pas d", "bez", "brak", "without",
        "without a", "without an", "zero", "nil", "does not include a", "does not include an",
        "does not include", "doesn t include", "not including", "geen", "ingen", "inget", "nessun",
        "nessuna", "nessuno", "ningún", "ninguna", "nenhum", "nenhuma", "aucun", "aucune", "koi",
        "sans", "senza", "zonder", "utan", "niente", "ei", "không có", "בלי", "ללא",
        "无", "無", "没有", "沒有",
    )),
    (Kind.NONE_AFTER, "", (
        "none", "nil", "nothing", "no", "nope", "nah", "non", "néant", "nada", "ninguno", "ninguna", "nenhum",
        "nenhuma", "nessuno", "nessuna", "geen", "ingen", "inget", "brak", "keiner", "keines",
        "なし", "無し", "无", "無", "没有", "沒有", "없음", "없어요", "없다", "nahi", "nahi hai", "nahin",
        "kuch nahi", "nahi de rahe", "keins", "gibt s nicht", "gibt es nicht", "not offered",
        "not included", "not applicable", "ne", "keine", "kein", "nein", "aucun", "aucune", "אין",
    )),
    (Kind.NEGATION, "", (
        "not", "does not", "doesn t", "do not", "don t", "is not", "isn t", "are not", "aren t",
        "will not", "won t", "never", "no longer", "nicht",
    )),
    (Kind.HOLDER, "", (
        "n a", "tbd", "tbc", "tba", "pending", "unknown", "null", "to be decided",
        "to be confirmed", "will check", "nothing yet", "not yet", "later", "未定",
    )),
    (Kind.CAP, "", (
        "up to", "upto", "bis zu", "jusqu à", "jusqu a", "jusqu", "até", "de até", "fino a",
        "hasta", "hasta un", "hasta el", "fino al", "fino all", "até ao", "do", "tot", "tot aan",
        "upp till", "upp till en", "inntil", "op til", "maximum", "max", "maximaal", "maximal", "höchstens", "capped at", "at most", "až", "pouvant atteindre", "tối đa", "最大", "최대", "最高",
    )),
    (Kind.TARGET, "", (
        "target", "targeted", "on target", "target level", "on target level", "tgt", "average", "averages", "averaged", "avg", "cible",
        "objetivo", "objectivo", "alvo", "ziel", "zielwert", "docelowo", "doel", "mål", "יעד",
        "目标", "目標", "목표",
    )),
    (Kind.DOUBT, "", (
        "not sure", "unsure", "can t tell", "cannot tell", "can t figure", "unclear",
        "wasn t clear", "not clear", "does that mean", "no idea", "don t know", "forgot to ask",
        "need to recheck", "recheck", "i think", "confused", "ambiguous", "not certain",
        "may have said", "might have said", "may have been", "or was it", "or was that",
        "or is that", "can t remember", "cannot remember", "don t remember", "i wrote down",
        "try for", "trying for", "will try", "not approved", "not approved yet",
        "not confirmed", "unconfirmed", "hopefully", "if approved",
    )),
    (Kind.CORRECTION, "", (
        "no wait", "wait no", "actually", "correction", "i mean", "i meant", "sorry i meant",
        "scratch that", "my bad", "typo",
    )),
    (Kind.MARKER, "revised", (
        "revised", "revision", "updated", "update", "came back", "come back", "bumped",
        "increased", "raised", "improved", "matched", "final offer", "new package", "upped",
        "moved", "moved up", "they moved", "went up", "came up",
        "called back", "they revised", "now offering", "after negotiating", "after negotiation",
        "after countering", "after i countered", "after my counter", "after the counter",
        "after pushing back", "after i pushed back", "countered with", "post negotiation",
        "adjusted", "sweetened", "nachgebessert", "verbessert", "erhöht", "aufgestockt",
        "amélioré", "améliorée", "revue", "revalorisé", "revisada", "mejorada", "mejoraron",
        "melhorada", "melhoraram", "verbeterd", "verhoogd", "poprawiona", "调整后", "更新后",
        "改善後", "修正後",
    )),
    (Kind.MARKER, "original", (
        "original", "originally", "initial", "initially", "first offer", "first offered",
        "first number", "first numbers", "first figure", "first figures", "opening offer",
        "first was", "at first", "previous", "previously", "old offer", "original message",
        "earlier", "erstes angebot", "ursprünglich", "ursprüngliches angebot", "première offre",
        "offre initiale", "primera oferta", "oferta inicial", "primeira oferta",
        "proposta inicial", "eerste bod", "eerste aanbod", "pierwsza oferta", "最初", "原来",
        "처음",
    )),
    (Kind.MARKER, "current", (
        "my current", "currently", "i currently", "currently i", "currently on", "currently at",
        "currently making", "currently earning", "i m currently", "current job", "current role",
        "current employer", "current company", "current salary", "current pay", "current comp",
        "current package", "current base", "current tc", "current ctc", "current", "present",
        "presently", "at present", "right now i", "i make", "i m at", "i earn", "existing",
        "aktuell", "derzeit", "actuellement", "actualmente", "atualmente", "obecnie", "现在",
        "目前", "当前", "現在", "현재", "현 직장", "현직장", "現職",
    )),
    (Kind.MARKER, "new", (
        "new offer", "the offer i just got", "the offer i got", "offer i just got", "offered",
        "offering", "new", "they re offering", "neues angebot", "nouvelle offre", "nueva oferta",
        "nova oferta", "nova proposta", "nieuw aanbod", "nowa oferta",
    )),
    (Kind.MARKER, "competing", (
        "competing", "other offer", "vs", "versus", "second offer", "competitor",
    )),
    (Kind.PERIOD, "year", (
        "per year", "a year", "per annum", "annum", "annual", "annually", "annualized",
        "annualised", "yearly", "each year",
        "every year", "har saal", "per yr", "a yr", "each yr", "every yr", "im jahr", "pro jahr", "jährlich",
        "jährliches", "par an", "annuel",
        "annuels", "annuelle", "annuelles", "par année", "anual", "anuales", "anuais", "al año",
        "por año", "por ano", "ao ano", "all anno", "annuo", "annuale", "rocznie", "per jaar",
        "om året", "בשנה", "לשנה", "每年", "毎年", "年間", "매년", "연",
    )),
    (Kind.PERIOD, "month", (
        "per month", "monthly", "mensuel", "mensuelle", "par mois", "al mes", "mensual",
        "mensuales", "mensal", "mensais", "por mes", "por mês", "monatlich", "monatliches",
        "monatlicher", "monatlichen", "im monat", "pro monat", "miesięcznie", "mies", "na miesiąc",
        "per maand", "měsíčně",
        "i månaden", "månad", "mån", "per mån", "i mån", "om månaden", "om måneden", "i måneden",
        "per måned", "pr måned", "al mese", "mensile", "לחודש", "月", "月額", "每月", "월",
    )),
    (Kind.PERIOD, "hour", (
        "per hour", "an hour", "hourly", "hourly rate", "hourly wage", "hour rate",
        "rate per hour", "per uur", "stündlich", "stundensatz", "stundenlohn", "taux horaire", "uurtarief",
        "uurloon", "時給", "时薪",
    )),
    (Kind.PERIOD, "day", (
        "per day", "daily", "day rate", "par jour", "tagessatz", "al giorno", "por dia", "日当",
        "tjm", "taux journalier", "dagtarief", "stawka dzienna", "dziennie", "za dzień",
    )),
    (Kind.PERIOD, "paycheck", (
        "per pay period", "pay period", "bi weekly", "biweekly", "semi monthly", "per paycheck",
        "paycheck",
    )),
    (Kind.VEST, "vest", (
        "vest", "vesting", "vests", "vested", "vesting schedule", "intjänande", "acquisition",
        "unverfallbar", "归属", "分", "権利確定", "ベスティング", "ベスト", "베스팅",
    )),
    (Kind.VEST, "cliff", (
        "cliff", "クリフ", "클리프", "悬崖期", "after a year", "after one year", "after 1 year",
        "after the first year", "at one year", "at 1 year", "first anniversary", "קליף",
        "après 1 an", "après un an", "nach einem jahr", "nach 1 jahr", "tras un año",
        "tras 1 año", "após 1 ano", "após um ano", "po roku", "klif", "klifem", "klifą", "klifu",
        "满1年", "满一年",
    )),
    (Kind.VEST, "even", (
        "quarterly", "monthly after", "each quarter", "every quarter", "annually", "evenly",
        "equally", "equal", "anniversary", "each anniversary", "thereafter", "monthly thereafter",
        "per year", "each year", "every year", "har saal", "a year", "yearly", "per quarter",
        "vierteljährlich", "trimestriel", "trimestral", "每年", "毎年", "每季度", "按季度",
    )),
    (Kind.GROSS, "", (
        "gross", "brutto", "brut", "bruts", "brute", "bruto", "brutos", "bruta", "lordo", "lordi", "hrubého", "hrubá", "hrubý",
        "netto", "ctc", "ברוטו", "税込", "税前", "tax free", "steuerfrei", "libre de impuestos",
    )),
    (Kind.PAYMENTS, "", (
        "gehälter", "monatsgehälter", "monatslöhne", "monatslöhnen", "monatsraten", "pagas",
        "mensilità", "mensualités", "payments", "pagos", "salaries", "salários", "meses", "months salary",
        "薪", "times",
    )),
    (Kind.DATE, "", (
        "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun",
        "july", "jul", "august", "aug", "september", "sep", "sept", "october", "oct", "november",
        "nov", "december", "dec", "januar", "februar", "märz", "mai", "juni", "juli", "oktober",
        "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril",
        "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
        "monday", "tuesday", "wednesday", "thursday", "friday", "mon", "tue", "wed", "thu", "fri",
    )),
    (Kind.PREVIOUS, "", ("up from", "down from", "from", "was", "previously", "instead of")),
    (Kind.EACH, "", ("each", "apiece", "every", "per year each")),
    (Kind.CHANGE, "", ("to", "now", "bumped to", "raised to", "increased to")),
)
# fmt: on

# Stock words that count units: a bare number before one is a count, not money ("6,000 RSUs").
COUNT_NOUNS = frozenset((
    "rsu", "rsus", "shares", "options", "option", "opties", "optionen", "opcje", "aktien",
    "acciones", "ações", "azioni", "aktier", "aandelen", "units", "isos", "nsos", "esops", "bons", "stück", "bspce", "emi",
    "actions", "uar", "psus", "gsus", "אופציות", "מניות",
))  # fmt: skip

# Words that say "none" after a label as well as before one ("Bonus: nil", "nil bonus").
NONE_EITHER = frozenset(
    " ".join(re.split(r"[\s'’]+", p))
    for kind, _, phrases in _WORDS
    if kind is Kind.NONE_AFTER
    for p in phrases
)

CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Entry:
    kind: Kind
    key: str
    words: tuple[str, ...]  # Latin phrases split into words; CJK entries are one "word"


def _entries() -> list[Entry]:
    entries = [
        Entry(Kind.LABEL, component.value, tuple(phrase.split()))
        for component, info in COMPONENTS.items()
        for phrase in info.offer_words
    ]
    for kind, key, phrases in _WORDS:
        entries.extend(Entry(kind, key, tuple(re.split(r"[\s'’]+", p))) for p in phrases)
    return entries


class Node:
    """A node of the phrase trie: the entry a phrase ending here names, and the next words."""

    __slots__ = ("entry", "next")

    def __init__(self) -> None:
        self.entry: Entry | None = None
        self.next: dict[str, Node] = {}


ENTRIES = _entries()
# Latin phrases as a trie of words (the longest phrase at a word wins; of two entries for one
# phrase, the first listed); a phrase written as one word ("signon") by its joined words; CJK
# entries apart, matched inside CJK runs by their first character, longest first.
TRIE: dict[str, Node] = {}
JOINED: dict[str, Entry] = {}
CJK_BY_FIRST: dict[str, list[Entry]] = {}
for _entry in ENTRIES:
    if CJK_RE.search(_entry.words[0]):
        CJK_BY_FIRST.setdefault(_entry.words[0][0], []).append(_entry)
        continue
    _node = TRIE.setdefault(_entry.words[0], Node())
    for _word in _entry.words[1:]:
        _node = _node.next.setdefault(_word, Node())
    if _node.entry is None:
        _node.entry = _entry
    if len(_entry.words) > 1:
        JOINED.setdefault("".join(_entry.words), _entry)
for _group in CJK_BY_FIRST.values():
    _group.sort(key=lambda e: -len(e.words[0]))
COMPONENT_OF: dict[str, Component] = {c.value: c for c in Component}


def is_cjk(char: str) -> bool:
    return bool(CJK_RE.match(char))


def component_of(key: str) -> Component | None:
    return COMPONENT_OF.get(key)
