"""Answers as the JSON shapes of `ask --json`, `offer --json` and `guide --json` (fixed: scripts
depend on them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.coach.compare import OtherOffer
from bot.coach.replies import Answer, ChooseReply, OfferReply, ProblemReply, RegionReply
from bot.guides.model import Band, Guide, Problem, Span
from bot.index import Status
from bot.offers.model import ParsedPaste
from bot.prose.components import Component
from bot.render.text import render_text
from bot.scoring import Assessment


def ask_json(answer: Answer) -> dict[str, Any]:
    lookup = answer.lookup
    if isinstance(answer.reply, OfferReply):
        status = Status.MATCH
    elif lookup is not None:
        status = lookup.status
    else:
        status = Status.NONE
    matches = []
    if lookup is not None:
        matches = [
            {
                "guide_id": c.guide.id,
                "company": c.guide.company_display,
                "role": c.guide.role_display,
                "score": c.score,
            }
            for c in lookup.candidates
        ]
    if isinstance(answer.reply, OfferReply) and not matches:
        guide = answer.reply.assessment.guide
        matches = [
            {
                "guide_id": guide.id,
                "company": guide.company_display,
                "role": guide.role_display,
                "score": 100.0,
            }
        ]
    return {
        "intent": answer.intent.value,
        "status": status.value,
        "matches": matches,
        "region": lookup.region if lookup else None,
        "text": render_text(answer.reply),
    }


def offer_json(answer: Answer) -> dict[str, Any]:
    reply = answer.reply
    if isinstance(reply, OfferReply):
        return _assessment_json(reply.assessment, reply)
    read: ParsedPaste | None = None
    guide_id = None
    if isinstance(reply, ProblemReply):
        message, read = reply.message, reply.read
    elif isinstance(reply, RegionReply):
        message, read, guide_id = reply.question, reply.read, reply.guide.id
    else:
        message = render_text(reply).strip()
        read = reply.read if isinstance(reply, ChooseReply) else None
    # What was read is shown even when it cannot be scored yet: the error says why.
    offer = read.offer if read is not None else None
    return {
        "error": message,
        "offer": offer.as_dict() if offer else None,
        "missing": [c.value for c in offer.missing] if offer else [],
        "other_offers": [_other_json(OtherOffer(o)) for o in read.others] if read else [],
        "guide_id": guide_id,
        "region": answer.lookup.region if answer.lookup else None,
        "verdict": None,
        "score": None,
        "meets_threshold": None,
        "counter": {},
        "assumptions": list(offer.assumptions) if offer else [],
        "warnings": list(offer.warnings) if offer else [],
        "candidates": [c.guide.id for c in answer.lookup.candidates] if answer.lookup else [],
    }


def _assessment_json(a: Assessment, reply: OfferReply) -> dict[str, Any]:
    counter: dict[str, Any] = {}
    levers: dict[str, list[str]] = {}
    for ask in a.counter:
        key = ask.component.field
        counter[key] = ask.amount
        levers[key] = [lv.title for lv in ask.levers]
        if ask.component is Component.STOCK:
            counter["stock_years"] = a.band.stock_years
    counter["levers"] = levers
    counter["script"] = a.script
    offer = a.offer.as_dict()
    if offer["currency"] is None:
        offer["currency"] = a.currency
    return {
        "offer": offer,
        "missing": [c.value for c in a.offer.missing],
        "other_offers": [_other_json(o) for o in reply.others],
        "guide_id": a.guide.id,
        "region": a.band.region,
        # a verdict on a paste that leaves out base, stock or bonus would rest on what it did
        # not state: null, with "missing" saying what to add
        "verdict": a.verdict.value if a.settled else None,
        "score": a.score,  # of what was stated; the verdict waits for the rest
        "meets_threshold": a.meets_threshold,
        "counter": counter,
        "assumptions": list(a.assumptions),
        "warnings": list(a.warnings) + list(reply.notes),
        "positions": {
            p.component.value: {
                "value": p.value,
                "percent": round(p.percent, 1),
                "place": p.place.value,
            }
            for p in a.positions
        },
        "year_one": a.year_one,
        "four_year_average": a.average,
        "threshold": None
        if a.threshold is None
        else {
            "sentence": a.threshold.threshold.sentence,
            "line": a.threshold.line,
            "gap": a.threshold.gap,
            "note": a.threshold.note,
        },
    }


def _other_json(other: OtherOffer) -> dict[str, Any]:
    """An offer listed beside the scored one, with its own guide, verdict and score (null
    where no guide was found for it)."""
    a = other.assessment
    return {
        **other.offer.as_dict(),
        "missing": [c.value for c in other.offer.missing],
        "guide_id": a.guide.id if a else None,
        "verdict": a.verdict.value if a and a.settled else None,
        "score": a.score if a else None,
    }


def guide_json(guide: Guide, problems: Sequence[Problem], today: date) -> dict[str, Any]:
    """How Leverage reads one guide, for its authors (`guide --json`). Stock figures are whole
    grants over ``stock_years``; what the guide does not give is null."""
    return {
        "id": guide.id,
        "file": guide.source,
        "company": guide.company_display,
        "role": guide.role_display,
        "role_type": guide.role_type,
        "last_updated": _iso(guide.last_updated),
        "next_review_due": _iso(guide.next_review_due),
        "stale": guide.is_stale(today),
        "data_quality": guide.data_quality,
        "regions": [_region_json(band) for band in guide.bands],
        "levels": [f"{e.company} {e.level}" for e in guide.level_mapping.equivalents],
        "internal_level": guide.level_mapping.internal,
        "levers": [{"title": lv.title, "script": lv.script or None} for lv in guide.levers],
        "script": guide.script,
        "targets": [
            {
                "component": t.component.value,
                "amount": _number(t.amount),
                "currency": t.currency,
                "years": t.years,
            }
            for t in guide.targets
        ],
        "thresholds": [
            {
                "kind": t.kind.value,
                "component": t.component.value,
                "comparison": t.comparison.value,
                "amount": _number(t.amount),
                "currency": t.currency,
                "per_year": t.per_year,
                "sentence": t.sentence,
            }
            for t in guide.thresholds
        ],
        "problems": [{"level": p.severity.value, "message": p.message} for p in problems],
    }


def guide_error_json(file: str, error: str) -> dict[str, str]:
    return {"file": file, "error": error}


def _region_json(band: Band) -> dict[str, Any]:
    def ends(span: Span | None) -> tuple[float | int | None, float | int | None]:
        return (_number(span.low), _number(span.high)) if span else (None, None)

    base, stock, bonus, total = (
        ends(band.base),
        ends(band.stock),
        ends(band.bonus_pct),
        ends(band.total_comp),
    )
    return {
        "region": band.region,
        "currency": band.currency,
        "base_low": base[0],
        "base_high": base[1],
        "stock_low": stock[0],
        "stock_high": stock[1],
        "stock_years": band.stock_years,
        "bonus_pct_low": bonus[0],
        "bonus_pct_high": bonus[1],
        "total_comp_low": total[0],
        "total_comp_high": total[1],
    }


def _number(value: float) -> float | int:
    """Whole amounts as integers (192000, not 192000.0): the shape people read and diff."""
    return int(value) if float(value).is_integer() else round(value, 2)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
