"""The counter-offer: a number for each component, the levers behind each ask, and the guide's
negotiate-up script with the counter's numbers in place of its own."""

from __future__ import annotations

from bot.guides.coaching import Lever
from bot.guides.model import Band, Guide, Span
from bot.offers.model import Offer
from bot.prose.components import COMPONENTS, Component
from bot.prose.money import format_money, format_pct
from bot.scoring.model import COUNTER_POSITION, Ask, TargetGap, ThresholdCheck
from bot.scoring.positions import stock_per_year

_GENERAL_WORDS = ("offer", "competing", "counter", "market", "scarcity", "rare", "package", "comp")


def levers_for(guide: Guide, component: Component) -> tuple[Lever, ...]:
    words = COMPONENTS[component].lever_words
    chosen = [
        lv for lv in guide.levers if any(w in f"{lv.title} {lv.script}".lower() for w in words)
    ]
    if not chosen:
        chosen = [
            lv
            for lv in guide.levers
            if any(w in f"{lv.title} {lv.script}".lower() for w in _GENERAL_WORDS)
        ]
    return tuple(chosen[:2])


def counter_of(
    guide: Guide,
    band: Band,
    offer: Offer,
    stock_total: float | None,
    check: ThresholdCheck | None,
    targets: list[TargetGap],
) -> list[Ask]:
    """A number for each component: at least the guide's target, the 75th percentile of the
    band, and what clears the guide's line; never less than the offer already gives."""
    target = {(t.component, t.is_pct): t.target for t in targets}
    asks: list[Ask] = []
    per_year = stock_per_year(offer, stock_total)
    current_stock = per_year * band.stock_years if per_year is not None else None
    plans: list[tuple[Component, bool, Span | None, float | None]] = [
        (Component.BASE, False, band.base, offer.base),
        (Component.STOCK, False, band.stock, current_stock),
        (Component.BONUS, True, band.bonus_pct, offer.bonus_pct),
        (Component.SIGNING, False, None, offer.signing),
    ]
    for component, is_pct, span, current in plans:
        candidates: list[tuple[float, str]] = []
        if (component, is_pct) in target:
            candidates.append((target[(component, is_pct)], "the guide's negotiate-up target"))
        if span is not None:
            candidates.append(
                (
                    span.at(COUNTER_POSITION) if not is_pct else span.high,
                    "the top quarter of the band",
                )
            )
        if (
            check
            and check.line is not None
            and check.threshold.component is component
            and not check.threshold.is_pct
        ):
            # the ask is in the band's terms: a yearly stock line is checked per year
            yearly = check.threshold.per_year and component is Component.STOCK
            line = check.line * band.stock_years if yearly else check.line
            candidates.append((line * 1.03, "clears the guide's line with room to spare"))
        if not candidates:
            continue
        amount, why = max(candidates)
        amount = round(amount, 1) if is_pct else round(amount, -3)
        if current is not None and current >= amount:
            amount, why = current, "already where it should be: hold it"
        asks.append(Ask(component, amount, current, is_pct, levers_for(guide, component), why))
    return asks


def script_of(guide: Guide, band: Band, counter: list[Ask]) -> str | None:
    """The guide's negotiate-up script with the counter's numbers in place of its own."""
    if not guide.script:
        return None
    by_component = {(a.component, a.is_pct): a for a in counter}
    script = guide.script
    # A sign-on in instalments: each figure shows its share of the ask (a figure shared out
    # by "split over two years" stands for all its shares).
    signing = [t for t in guide.targets if t.component is Component.SIGNING]
    whole = sum(t.amount for t in signing)
    placed = {(t.start, t.end): t for t in guide.targets}.values()
    for target in sorted(placed, key=lambda t: t.start, reverse=True):
        ask = by_component.get((target.component, target.is_pct))
        if ask is None or not target.end:
            continue
        amount = ask.amount
        if target.component is Component.SIGNING and whole:
            here = sum(t.amount for t in signing if (t.start, t.end) == (target.start, target.end))
            amount = round(ask.amount * here / whole, -3)
        if (
            target.component is Component.STOCK
            and target.years
            and target.years != band.stock_years
        ):
            amount = amount / band.stock_years * target.years
        shown = format_pct(amount) if target.is_pct else format_money(amount, band.currency)
        script = script[: target.start] + shown + script[target.end :]
    return script
