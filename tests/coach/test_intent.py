"""What a sentence asks for, and the paste it carries when it is an offer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.coach.intent import Intent, read_intent
from bot.offers import MAX_CHARS, may_state_pay


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("", Intent.HELP),
        ("help", Intent.HELP),
        ("hi, what can you do?", Intent.HELP),
        ("what does Segment pay AI CDP engineers in New York?", Intent.BAND),
        ("segment cdp london", Intent.BAND),
        ("any levers for the segment cdp role?", Intent.LEVERS),
        ("how do I negotiate with google", Intent.LEVERS),
        ("Segment came back with 205k base, 240k RSUs, 10% bonus", Intent.OFFER),
        ("is 205k base good for segment cdp?", Intent.OFFER),
        ("170k + 10% + 120k/4, no signing", Intent.OFFER),
        ("meta E5 equivalent at segment", Intent.BAND),
    ],
)
def test_intent(text: str, intent: Intent) -> None:
    read, paste = read_intent(text)
    assert read is intent
    # The offer is read here once and handed on; nothing else carries a paste.
    assert (paste is not None) == (intent is Intent.OFFER)


@pytest.mark.parametrize(
    "text",
    ["is a 15% bonus normal at segment?", "no sign-on at segment cdp?", "segment cdp L5 2026"],
)
def test_percents_and_nones_alone_are_questions_not_offers(text: str) -> None:
    assert read_intent(text)[0] is not Intent.OFFER


def test_a_huge_paste_goes_to_the_offer_reader_which_says_how_much_it_reads() -> None:
    intent, paste = read_intent("base 200k " * (MAX_CHARS // 5))
    assert intent is Intent.OFFER and paste is None


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("segment cdp nyc", False),
        ("how do I negotiate at stripe?", False),
        ("one ninety base at segment", True),
        ("base 200k", True),
        ("月薪三万", True),  # CJK numerals are numbers too
        ("ｂａｓｅ ２００ｋ", True),  # full-width digits
        ("is segment one of the good ones?", False),  # a lone "one" is no amount
    ],
)
def test_only_a_text_with_a_number_goes_to_the_offer_reader(text: str, may: bool) -> None:
    assert may_state_pay(text) is may
    if not may:
        assert read_intent(text)[1] is None


def test_a_lookup_never_imports_the_offer_reader() -> None:
    """The reader's vocabulary costs more to import than a lookup takes (see bot.offers)."""
    code = (
        "import sys; from bot.cli import main; main(['ask', 'segment cdp nyc']); "
        "print('bot.offers.parse' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "False"
