"""What `offer --json` says of a paste that leaves components out (issue 9, Deliver 3):
``missing`` lists every component not given (signing too); the verdict waits, as null, for
base, stock and bonus only; the read-but-unscored answer and each other offer say it too."""

from __future__ import annotations

import io
import json
from typing import Any

from bot.cli import main
from bot.prose.components import Component
from tests.conftest import GUIDES

SEGMENT = ("--guide", "segment/ai-cdp-platform-engineer", "--region", "San Francisco")


def offer_json(text: str, *argv: str) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    code = main(["offer", text, *argv, "--json", "--guides", str(GUIDES)], out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return code, data


def test_a_full_offer_has_a_verdict_and_names_only_the_signing_bonus_as_missing() -> None:
    code, data = offer_json("$200K base, $200K RSUs over 4 years, 10% bonus", *SEGMENT)
    assert code == 0
    assert data["missing"] == [Component.SIGNING.value]
    assert data["verdict"] == "negotiate"


def test_a_base_alone_is_scored_but_the_verdict_is_null_and_says_what_is_missing() -> None:
    code, data = offer_json("$200K base", *SEGMENT)
    assert code == 0
    assert set(data["missing"]) == {"stock", "bonus", "signing"}
    assert data["verdict"] is None
    assert isinstance(data["score"], int)
    assert data["offer"]["base"] == 200_000


def test_none_stated_is_not_missing() -> None:
    _, data = offer_json("$200K base, no stock, no bonus, no signing bonus", *SEGMENT)
    assert data["missing"] == []
    assert data["verdict"] is not None
    assert (data["offer"]["stock_total"], data["offer"]["bonus_pct"]) == (0, 0)


def test_read_but_unscored_still_says_what_is_missing() -> None:
    code, data = offer_json("segment: 205k base, 240k RSUs over 4 years")
    assert code == 1 and data["error"]
    assert set(data["missing"]) == {"bonus", "signing"}
    assert data["verdict"] is None


def test_other_offers_carry_their_own_missing_and_a_null_verdict_until_settled() -> None:
    _, data = offer_json(
        "Original: $180K base, 10% bonus. Revised: $195K base, $160K RSUs over 4 years, "
        "12% bonus, $20K signing",
        *SEGMENT,
    )
    assert data["missing"] == [] and data["verdict"] is not None
    (original,) = data["other_offers"]
    assert set(original["missing"]) == {"stock", "signing"}
    assert original["verdict"] is None
