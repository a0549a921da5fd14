"""Places: the aliases people type for them, and cities no loaded guide may cover."""

from __future__ import annotations

import re

# Region aliases people type, to the canonical names guides use.
REGION_ALIASES: dict[str, str] = {
    "sf": "San Francisco",
    "sfo": "San Francisco",
    "san fran": "San Francisco",
    "bay area": "San Francisco",
    "sf bay area": "San Francisco",
    "silicon valley": "San Francisco",
    "san francisco bay area": "San Francisco",
    "ny": "New York",
    "nyc": "New York",
    "new york city": "New York",
    "manhattan": "New York",
    "new york ny": "New York",
    "brooklyn": "New York",
    "ldn": "London",
    "greater london": "London",
    "sea": "Seattle",
    "atx": "Austin",
    "bangalore": "Bengaluru",
    "blr": "Bengaluru",
    "bengaluru": "Bengaluru",
    "bangalore city": "Bengaluru",
    "hyd": "Hyderabad",
    "bombay": "Mumbai",
    "gurgaon": "Gurugram",
    "zürich": "Zurich",
    "zrh": "Zurich",
    "munchen": "Munich",
    "münchen": "Munich",
    "ams": "Amsterdam",
    "tlv": "Tel Aviv",
    "yyz": "Toronto",
    "sg": "Singapore",
    "syd": "Sydney",
    "dub": "Dublin",
}
# Places people name that no loaded guide may cover, so "segment cdp berlin" is read as a
# region the guide lacks (and said so) rather than as an unknown company.
KNOWN_REGIONS = (
    "San Francisco",
    "New York",
    "Seattle",
    "Austin",
    "Boston",
    "Chicago",
    "Los Angeles",
    "Denver",
    "Washington",
    "Toronto",
    "Vancouver",
    "Montreal",
    "London",
    "Dublin",
    "Berlin",
    "Munich",
    "Paris",
    "Amsterdam",
    "Zurich",
    "Stockholm",
    "Copenhagen",
    "Warsaw",
    "Madrid",
    "Barcelona",
    "Lisbon",
    "Tel Aviv",
    "Bengaluru",
    "Hyderabad",
    "Pune",
    "Mumbai",
    "Gurugram",
    "Chennai",
    "Singapore",
    "Sydney",
    "Melbourne",
    "Tokyo",
    "Seoul",
    "Hong Kong",
    "Sao Paulo",
    "Mexico City",
    "Remote",
)


_KEY_RE = re.compile(r"[^\w]+")


def region_key(name: str) -> str:
    """One key for every spelling of a place: "Bangalore", "bengaluru" and "BLR" -> "bengaluru",
    so an answer can name a region the way its guide spells it whichever spelling was typed."""
    plain = " ".join(_KEY_RE.sub(" ", name.casefold()).split())
    return REGION_ALIASES.get(plain, plain).casefold()
