"""Typed values for an offer as pasted: each figure keeps the text it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.prose.components import Component

MAX_CHARS = 16_000  # a long email thread with an offer in it; beyond, the user trims it
EXAMPLE = "205k base, 240k RSUs over 4 years, 10% bonus, 30k signing"


@dataclass(frozen=True)
class Source:
    """Where in the (normalised) paste a figure was read."""

    component: Component
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Offer:
    """One offer. A component the text says is none is 0; one it does not mention is None."""

    currency: str | None = None
    base: float | None = None
    stock_total: float | None = None  # the whole grant
    stock_years: int | None = None
    stock_per_year: float | None = None
    vesting: tuple[float, ...] = ()  # percent vesting each year, e.g. (25, 25, 25, 25)
    cliff_months: int | None = None
    stock_kind: str | None = None  # "rsu" | "options" | "equity"
    stock_currency: str | None = None  # set only when it differs from ``currency``
    equity_pct: float | None = None  # "0.5% equity": kept, but has no value without a valuation
    bonus_pct: float | None = None
    bonus_amount: float | None = None
    signing: float | None = None
    signing_years: int | None = None
    relocation: float | None = None
    total_comp: float | None = None  # as stated in the paste
    rate: float | None = None  # an hourly or day rate that could not be made a year's pay
    rate_per: str | None = None  # "hour" | "day"
    shares: float | None = None  # a share or option count (no money value)
    label: str | None = None  # "revised", "original", ...
    text: str = ""  # the part of the paste this offer was read from
    sources: tuple[Source, ...] = ()
    assumptions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def has_figures(self) -> bool:
        return any(
            v is not None
            for v in (
                self.base,
                self.stock_total,
                self.stock_per_year,
                self.equity_pct,
                self.bonus_pct,
                self.bonus_amount,
                self.signing,
                self.relocation,
                self.total_comp,
                self.rate,
                self.shares,
            )
        )

    @property
    def missing(self) -> tuple[Component, ...]:
        """Base, stock, bonus and signing where the paste did not give them: unknown, not
        zero (a stated none is given: it is 0)."""
        absent = []
        if self.base is None:
            absent.append(Component.BASE)
        if self.stock_total is None and self.stock_per_year is None:
            absent.append(Component.STOCK)
        if self.bonus_pct is None and self.bonus_amount is None:
            absent.append(Component.BONUS)
        if self.signing is None:
            absent.append(Component.SIGNING)
        return tuple(absent)

    @property
    def bonus_value(self) -> float | None:
        """The yearly bonus in money: the amount given, or the percent of base."""
        if self.bonus_amount is not None:
            return self.bonus_amount
        if self.bonus_pct is not None and self.base is not None:
            return self.base * self.bonus_pct / 100
        return None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``python -m bot offer --json`` (amounts in the offer's currency)."""
        data: dict[str, Any] = {
            "currency": self.currency,
            "base": self.base,
            "stock_total": self.stock_total,
            "stock_years": self.stock_years,
            "stock_per_year": self.stock_per_year,
            "vesting": list(self.vesting) or None,
            "bonus_pct": self.bonus_pct,
            "bonus_amount": self.bonus_amount,
            "signing": self.signing,
        }
        if self.stock_currency:
            data["stock_currency"] = self.stock_currency
        extras = {
            "stock_kind": self.stock_kind,
            "equity_pct": self.equity_pct,
            "cliff_months": self.cliff_months,
            "signing_years": self.signing_years,
            "relocation": self.relocation,
            "total_comp_stated": self.total_comp,
            "rate": self.rate,
            "rate_per": self.rate_per,
            "shares": self.shares,
            "label": self.label,
        }
        data.update({k: v for k, v in extras.items() if v is not None})
        return data


@dataclass(frozen=True)
class ParsedPaste:
    """Everything read from one paste: the offer to score and any others in it."""

    offer: Offer
    others: tuple[Offer, ...] = ()
    text: str = ""
