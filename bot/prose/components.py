"""The parts of a compensation package, and the words people use for each.

One vocabulary serves the guide parser (negotiate-up targets, thresholds) and the offer parser,
so "sign-on", "RSUs" and "TC" mean the same thing in a guide and in a pasted offer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Component(StrEnum):
    BASE = "base"
    STOCK = "stock"
    BONUS = "bonus"  # a percent of base or an amount; Figure.is_pct says which
    SIGNING = "signing"
    RELOCATION = "relocation"
    TOTAL = "total_comp"

    @property
    def spoken(self) -> str:
        """The name in a sentence: "signing bonus", "total comp"."""
        return COMPONENTS[self].spoken

    @property
    def display(self) -> str:
        """The name as a row or column title: "Signing", "Total comp"."""
        return self.value.replace("_", " ").capitalize()

    @property
    def field(self) -> str:
        """The offer field (and JSON key) that holds this component: "stock_total", "bonus_pct"."""
        return COMPONENTS[self].field


@dataclass(frozen=True)
class ComponentInfo:
    """One row of the component table. Labels (the words people write for a component) are
    the regular expressions below, in matching order."""

    spoken: str
    field: str
    lever_words: tuple[str, ...] = ()  # words that tie a guide's lever to this component
    # What people write for it in a pasted offer, in the languages offers come in. Phrases are
    # words joined by spaces (a space also matches "-", "_" or nothing, so "sign on" reads
    # "sign-on", "sign_on" and "signon"); CJK entries match inside a run of CJK text.
    offer_words: tuple[str, ...] = ()


# The one component table: adding a component means adding a row here and its label pattern.
# fmt: off
COMPONENTS: dict[Component, ComponentInfo] = {
    Component.BASE: ComponentInfo(
        "base",
        "base",
        ("base", "salary", "level", "scope", "cash"),
        (
            "base", "base salary", "base pay", "base comp", "base compensation", "salary",
            "annual salary", "annual base salary", "annual base", "fixed", "fixed pay",
            "fixed comp", "fixed ctc", "fix", "fixe", "fisso", "pay", "wage", "cash", "retainer",
            "grundgehalt", "gehalt", "jahresbruttogehalt", "jahresgehalt", "bruttogehalt",
            "monatsgehalt", "bruttomonatsgehalt", "salaire", "salaire de base", "ral", "sueldo", "salario",
            "salario base", "salário", "salario bruto", "pensja", "wynagrodzenie", "lön",
            "grundlön", "månadslön", "årslön", "salaris", "basissalaris", "brutosalaris",
            "vast salaris", "jaarsalaris", "bruto jaarsalaris", "maandsalaris", "bruto maandsalaris", "maandloon", "loon", "brutoloon", "jahreslohn", "lohn", "bruttolohn", "monatslohn",
            "bruttojahresgehalt", "jahresbrutto", "jahresbruttolohn", "fixgehalt", "festgehalt", "fixum", "jahresfixgehalt",
            "grundvergütung", "fixvergütung", "total fixed", "total fixed compensation", "total fixed pay",
            "fixed compensation", "gross salary", "basic", "basic salary", "basic pay",
            "sueldo base", "sueldo bruto", "salaire brut", "salário base", "stipendio",
            "retribuzione", "wynagrodzenie zasadnicze", "שכר", "משכורת", "שכר בסיס",
            "年俸", "年薪", "ベース", "ベース給", "基本給与", "月薪", "月給", "月给", "基本給", "基本工资", "底薪", "月額", "基本年収", "基本年俸", "연봉", "월급",
            "기본급",
        ),
    ),
    Component.STOCK: ComponentInfo(
        "stock",
        "stock_total",
        ("rsu", "stock", "equity", "grant", "refresh", "shares", "gsu", "option"),
        (
            "rsu", "rsus", "gsu", "gsus", "psu", "psus", "ppu", "ppus", "restricted stock",
            "restricted stock units", "restricted stock unit", "stock", "stock grant",
            "stock bonus", "stock options", "stock option", "equity", "equity grant",
            "new hire equity", "new hire grant", "initial grant", "grant", "shares",
            "options", "option", "isos", "iso", "nsos", "nso", "esop", "esops", "vsop", "vsops",
            "bspce", "actions", "actions gratuites", "action gratuite", "aga", "stock-options", "uar", "aktien", "virtuelle optionen",
            "aandelen opties", "aandelenopties", "opties", "aktieoptioner", "teckningsoptioner",
            "opzioni", "azioni", "emi options", "csop", "bons", "bons de souscription",
            "אופציות", "מניות",
            "lti", "long term incentive", "long term incentives", "profits interest units", "profits interest", "units", "acciones",
            "ações", "opcje", "akcje", "akcji", "aktier", "aandelen", "osakkeita", "osakkeet", "osakeoptiot", "worth", "valued at",
            "valued", "values at", "valued them at", "valued it at", "company valued them at",
            "company values them at", "value of", "grant value", "on paper", "paper value",
            "im wert von", "valorisés à", "valorisés", "valorisé à", "valorisées",
            "股票", "期权", "股权", "ストックオプション", "株式", "新株予約権", "주식", "스톡옵션",
            "주식매수선택권",
        ),
    ),
    Component.BONUS: ComponentInfo(
        "bonus",
        "bonus_pct",
        ("bonus", "target"),
        (
            "bonus", "bonuses", "bonos", "target bonus", "annual bonus", "performance bonus",
            "yearly bonus", "year end bonus", "cash bonus", "discretionary bonus", "bonus target",
            "bonus tgt", "variable", "variable pay", "variable comp", "variable bonus",
            "variabel", "variabler anteil", "variable vergütung", "variable verguetung",
            "part variable", "sti", "incentive", "zielbonus", "jahresbonus",
            "prime", "prime annuelle", "premia", "premia roczna", "premii", "premio",
            "premio di produzione", "bono", "bono anual", "bono de desempeño", "bono objetivo",
            "bônus", "bónus", "bónus anual", "bonus anual", "boni", "plr", "premie",
            "bonificación", "prime variable", "variabele beloning", "בונוס", "年终奖", "奖金",
            "绩效奖金", "賞与", "ボーナス", "성과급", "보너스", "인센티브", "インセンティブ",
        ),
    ),
    Component.SIGNING: ComponentInfo(
        "signing bonus",
        "signing",
        ("signing", "sign-on", "sign on", "unvested", "leave behind", "walk away from"),
        (
            "sign on", "sign on bonus", "signing", "signing bonus", "sign up bonus", "joining",
            "joining bonus", "golden hello", "welcome bonus", "welcome payment", "hiring bonus",
            "one time bonus", "one off bonus", "new hire bonus",
            "antrittsprämie", "antrittsbonus", "einstiegsprämie", "einstiegsbonus", "willkommensbonus",
            "startprämie", "wechselprämie", "wechselbonus", "prime de bienvenue", "prime à la signature",
            "prime de signature", "bono de firma", "bono de contratación", "bono de bienvenida",
            "bônus de contratação", "bônus de assinatura", "bónus de assinatura",
            "bono de incorporación", "prima de incorporación", "prime d arrivée",
            "bonus d arrivée", "bonus d ingresso", "bonus di ingresso", "bonus di benvenuto",
            "welkomstbonus", "tekenbonus", "startbonus", "premia powitalna", "bonus powitalny",
            "premia na start", "bonus na start", "prime d embauche", "prime à l embauche",
            "bonus d embauche", "prime d engagement", "prime d embauche", "boni de signature",
            "bonus de signature", "bonus de firma", "bonus firma", "prima de firma",
            "bonus de incorporación", "prima de fichaje", "bono de fichaje", "prêmio de assinatura", "prémio de assinatura",
            "bónus de boas vindas", "bonusu powitalnego", "premii powitalnej", "bonus na powitanie", "välkomstbonus",
            "signeringsbonus", "velkomstbonus", "מענק הצטרפות", "입사축하금", "입사 축하금", "sign", "签字费",
            "签约奖", "签约费", "入职奖金", "サインオン", "サインオンボーナス", "入社一時金", "入社祝い金",
            "사이닝", "사이닝 보너스", "입사 보너스", "מענק חתימה",
        ),
    ),
    Component.RELOCATION: ComponentInfo(
        "relocation",
        "relocation",
        (),
        (
            "relocation", "relocation bonus", "relocation package", "relocation allowance",
            "relocation stipend", "relo", "reloc", "moving allowance", "umzugskosten",
        ),
    ),
    Component.TOTAL: ComponentInfo(
        "total comp",
        "total_comp",
        (),
        (
            "total comp", "total compensation", "total package", "tc", "total", "ctc",
            "total ctc", "ote", "total per year", "total cash", "total pay", "cash compensation",
            "total cash compensation", "year 1 cash", "first year cash", "年收", "年収", "想定年収",
            "年收入", "年包", "총보상",
        ),
    ),
}
# fmt: on

# Order matters: longer phrases first, so "signing bonus" is not read as "bonus".
_LABEL_PATTERNS: list[tuple[Component, str]] = [
    (
        Component.SIGNING,
        r"sign(?:ing|[- ]?on)(?:\s+bonus)?|joining(?:\s+bonus)?|sign(?:ing)?\s+bonus|"
        r"hiring\s+bonus|welcome\s+bonus|golden\s+hello",
    ),
    (
        Component.RELOCATION,
        r"relocation(?:\s+(?:bonus|package|stipend|allowance))?|relo|moving\s+allowance",
    ),
    (
        Component.TOTAL,
        r"total\s+comp(?:ensation)?|total\s+package|\btc\b|all[- ]in|total\s+(?:annual\s+)?(?:pay|cash)|"
        r"\bote\b|\bctc\b|\btotal\b",
    ),
    (
        Component.STOCK,
        r"rsus?|gsus?|psus?|restricted\s+stock(?:\s+units?)?|stock\s+options?|options?|equity|stock|shares|"
        r"(?:new[- ]hire|initial|equity)\s+grant|\bgrant\b|esops?|espp",
    ),
    (
        Component.BONUS,
        r"(?:target|annual|performance|yearly|year[- ]end|cash)\s+bonus|bonus(?:es)?|\bbonus\b|variable(?:\s+pay)?",
    ),
    (
        Component.BASE,
        r"base\s+(?:salary|pay|comp(?:ensation)?)|base|(?:annual\s+)?salary|fixed\s+(?:pay|comp)|"
        r"\bfixed\b|\bpay\b|\bcash\b",
    ),
]

_LABEL_SOURCE = (
    r"\b(?:"
    + "|".join(f"(?P<{c.name}_{i}>{p})" for i, (c, p) in enumerate(_LABEL_PATTERNS))
    + r")\b"
)
# Matching lowercased text is about twice as fast as IGNORECASE; the latter is kept for text
# whose lowercase form changes length (so spans would not line up), such as "İ".
_LABEL_LOWER_RE = re.compile(_LABEL_SOURCE)
LABEL_RE = re.compile(_LABEL_SOURCE, re.IGNORECASE)


def label_component(match: re.Match[str]) -> Component:
    """Which component a LABEL_RE match names."""
    name = match.lastgroup or ""
    return Component[name.rsplit("_", 1)[0]]


def find_labels(text: str) -> list[tuple[Component, int, int]]:
    """Every component label in ``text`` as (component, start, end)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        matches = _LABEL_LOWER_RE.finditer(lowered)
    else:
        matches = LABEL_RE.finditer(text)
    return [(label_component(m), m.start(), m.end()) for m in matches]
