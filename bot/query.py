"""What people type, made comparable: Slack markup out, words folded, abbreviations expanded.

"hey <@U123>, what do Sr SWEs make at Google in the Bay Area?" becomes the tokens
["senior", "software", "engineer", "google", "bay", "area"] once filler is dropped.
"""

from __future__ import annotations

import re
import unicodedata

# <@U123>, <@U123|name>, <#C123|general>, <!here>, <!subteam^S1|@team>, <https://x|label>
_SLACK_MARKUP_RE = re.compile(r"<([@#!][^>|]*)(?:\|([^>]*))?>|<(https?://[^>|]+)(?:\|([^>]*))?>")
_URL_RE = re.compile(r"https?://\S+")
_WORD_RE = re.compile(r"[^\W_]+(?:[.&'][^\W_]+)*", re.UNICODE)

# Words that carry no company, role or region. Kept small and explicit: every word here is a
# word that can never be searched for.
_CHAT_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "any",
        "anyone",
        "are",
        "as",
        "at",
        "be",
        "being",
        "can",
        "could",
        "do",
        "does",
        "did",
        "for",
        "from",
        "get",
        "gets",
        "give",
        "got",
        "has",
        "have",
        "hello",
        "hey",
        "hi",
        "how",
        "i",
        "i'm",
        "im",
        "in",
        "is",
        "it",
        "it's",
        "its",
        "just",
        "know",
        "let",
        "like",
        "looking",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "out",
        "please",
        "pls",
        "role",
        "roles",
        "position",
        "positions",
        "job",
        "jobs",
        "the",
        "their",
        "there",
        "they",
        "this",
        "those",
        "to",
        "us",
        "want",
        "was",
        "we",
        "were",
        "what",
        "what's",
        "whats",
        "which",
        "who",
        "with",
        "would",
        "you",
        "your",
        "folks",
        "people",
        "someone",
        "engineers'",
        "team",
        "teams",
        "typical",
        "typically",
        "usually",
        "much",
        "many",
        "range",
        "ranges",
        "band",
        "bands",
        "pay",
        "pays",
        "paid",
        "make",
        "makes",
        "making",
        "earn",
        "earns",
        "salary",
        "salaries",
        "comp",
        "compensation",
        "tc",
        "total",
        "levers",
        "lever",
        "negotiate",
        "negotiation",
        "negotiating",
        "tips",
        "advice",
        "script",
        "scripts",
        "strategy",
        "offer",
        "offers",
        "counter",
        "help",
        "guide",
        "guides",
        "info",
        "information",
        "level",
        "levels",
        "equivalent",
        "equivalents",
        "equiv",
        "company",
        "companies",
        "ask",
        "asking",
        "thanks",
        "thank",
        "currently",
        "now",
        "right",
        "these",
        "that",
        "s",
    ]
)
# Words of pasted offers, so a paste names its company and role without noise.
OFFER_WORDS = frozenset(
    [
        "base",
        "salary",
        "rsu",
        "rsus",
        "gsu",
        "gsus",
        "stock",
        "stocks",
        "equity",
        "shares",
        "options",
        "bonus",
        "bonuses",
        "signing",
        "sign",
        "on",
        "sign-on",
        "joining",
        "relocation",
        "relo",
        "vesting",
        "vest",
        "vests",
        "over",
        "years",
        "year",
        "yrs",
        "yr",
        "cliff",
        "target",
        "annual",
        "per",
        "month",
        "hour",
        "hourly",
        "monthly",
        "yearly",
        "fixed",
        "variable",
        "ctc",
        "lpa",
        "came",
        "back",
        "offered",
        "got",
        "received",
        "good",
        "fair",
        "ok",
        "okay",
        "decent",
        "low",
        "high",
        "should",
        "accept",
        "take",
        "counter",
        "k",
        "usd",
        "gbp",
        "eur",
        "inr",
    ]
)
FILLER = _CHAT_WORDS | OFFER_WORDS

# Abbreviations people use for role words, expanded the same way on both sides of a match.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "eng": ("engineer",),
    "engr": ("engineer",),
    "engineers": ("engineer",),
    "engineering": ("engineering",),
    "swe": ("software", "engineer"),
    "swes": ("software", "engineer"),
    "sde": ("software", "engineer"),
    "sdes": ("software", "engineer"),
    "dev": ("developer",),
    "devs": ("developer",),
    "developers": ("developer",),
    "sr": ("senior",),
    "snr": ("senior",),
    "sen": ("senior",),
    "jr": ("junior",),
    "ml": ("machine", "learning"),
    "mle": ("machine", "learning", "engineer"),
    "mles": ("machine", "learning", "engineer"),
    "pm": ("product", "manager"),
    "pms": ("product", "manager"),
    "tpm": ("technical", "program", "manager"),
    "em": ("engineering", "manager"),
    "ems": ("engineering", "manager"),
    "mgr": ("manager",),
    "managers": ("manager",),
    "ds": ("data", "scientist"),
    "scientists": ("scientist",),
    "sre": ("site", "reliability", "engineer"),
    "sres": ("site", "reliability", "engineer"),
    "fe": ("frontend",),
    "front-end": ("frontend",),
    "backend": ("backend",),
    "back-end": ("backend",),
    "infra": ("infrastructure",),
    "designers": ("designer",),
    "architects": ("architect",),
    "2": ("ii",),
    "3": ("iii",),
    "4": ("iv",),
    "ux": ("designer",),
    "qa": ("qa",),
}

# Words of job titles in general, so "airbnb staff engineer" reads "staff" as part of the
# role even when no loaded guide has a staff role (and only "airbnb" as the unknown company).
ROLE_WORDS = frozenset(
    [
        "staff",
        "principal",
        "senior",
        "junior",
        "lead",
        "head",
        "director",
        "vp",
        "intern",
        "associate",
        "distinguished",
        "fellow",
        "engineer",
        "developer",
        "manager",
        "scientist",
        "designer",
        "analyst",
        "architect",
        "consultant",
        "researcher",
        "software",
        "data",
        "product",
        "program",
        "project",
        "technical",
        "research",
        "machine",
        "learning",
        "applied",
        "frontend",
        "backend",
        "fullstack",
        "full",
        "stack",
        "mobile",
        "ios",
        "android",
        "web",
        "security",
        "platform",
        "infrastructure",
        "site",
        "reliability",
        "devops",
        "qa",
        "test",
        "quality",
        "cloud",
        "systems",
        "network",
        "embedded",
        "solutions",
        "sales",
        "marketing",
        "recruiter",
        "operations",
        "finance",
        "ai",
        "ml",
        "ii",
        "iii",
        "iv",
    ]
)

# Levels people name: L5, E5, IC4, ICT4, SDE II / SDE III handled as role words.
LEVEL_RE = re.compile(r"^(?:l|e|ic|ict|m|p|t)\d{1,2}$")


def strip_markup(text: str) -> str:
    """Slack markup out (a link keeps its label), URLs out, compatibility forms folded."""
    text = unicodedata.normalize("NFKC", text)

    def keep_label(m: re.Match[str]) -> str:
        return f" {m[4]} " if m[3] and m[4] else " "

    text = _SLACK_MARKUP_RE.sub(keep_label, text)
    return _URL_RE.sub(" ", text)


def words(text: str) -> list[str]:
    """Casefolded words of ``text`` with possessives dropped ("twilio's" -> "twilio")."""
    found = []
    for m in _WORD_RE.finditer(strip_markup(text).casefold().replace("’", "'")):
        word = m.group(0)
        if word.endswith("'s"):
            word = word[:-2]
        found.append(word.replace("'", ""))
    return found


def expand(tokens: list[str]) -> list[str]:
    """Role abbreviations expanded: ["sr", "swe"] -> ["senior", "software", "engineer"]."""
    out: list[str] = []
    for token in tokens:
        out.extend(ABBREVIATIONS.get(token, (token,)))
    return out


def normalize_name(text: str) -> str:
    """A company, role or region name as a lookup key: "Scale AI" -> "scale ai"."""
    return " ".join(words(text))
