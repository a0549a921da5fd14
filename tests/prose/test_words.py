"""Slack markup out, link labels kept: the same as the unbounded pattern on every well-formed
piece of markup, and nothing left of it whatever surrounds it."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.prose.words import fold_accents, strip_markup, words

# the pattern before it was bounded: right on well-formed markup, quadratic on "<!<!<!..."
_UNBOUNDED_RE = re.compile(r"<([@#!][^>|]*)(?:\|([^>]*))?>|<(https?://[^>|]+)(?:\|([^>]*))?>")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi <@U123> there", ["hi", "there"]),
        ("ask <@U123|maya> about it", ["ask", "about", "it"]),
        ("in <#C042|general> now", ["in", "now"]),
        ("<!here> offer inside", ["offer", "inside"]),
        ("<!subteam^S1|@team> hello", ["hello"]),
        ("see <https://levels.fyi/x|the levels page>", ["see", "the", "levels", "page"]),
        ("bare <https://example.com/a?b=1> link", ["bare", "link"]),
        ("a lone < and > stay words", ["a", "lone", "and", "stay", "words"]),
        ("half open <!here and more", ["half", "open", "here", "and", "more"]),
    ],
)
def test_markup_out_labels_kept(text: str, expected: list[str]) -> None:
    assert words(text) == expected


IDS = st.text(alphabet="ABCDEFGHUC0123456789", min_size=1, max_size=12)
LABELS = st.text(alphabet=st.characters(blacklist_characters="<>|"), max_size=40)
MARKUP = st.one_of(
    st.builds(lambda k, i: f"<{k}{i}>", st.sampled_from("@#!"), IDS),
    st.builds(lambda k, i, la: f"<{k}{i}|{la}>", st.sampled_from("@#!"), IDS, LABELS),
    st.builds(lambda p, la: f"<https://x.com/{p}|{la}>", IDS, LABELS),
    st.builds(lambda p: f"<https://x.com/{p}>", IDS),
)
PLAIN = st.text(alphabet=st.characters(blacklist_characters="<>|"), max_size=30)


@given(st.lists(st.tuples(PLAIN, MARKUP), max_size=6), PLAIN)
def test_bounded_markup_reads_like_the_unbounded_pattern(
    parts: list[tuple[str, str]], tail: str
) -> None:
    text = "".join(a + b for a, b in parts) + tail

    def keep_label(m: re.Match[str]) -> str:
        return f" {m[4]} " if m[3] and m[4] else " "

    import unicodedata

    folded = unicodedata.normalize("NFKC", text)
    if folded != text:
        return  # folding can make a "<" or ">" out of other characters
    old = re.sub(r"https?://\S+", " ", _UNBOUNDED_RE.sub(keep_label, text))
    assert strip_markup(text) == old


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("google L5 zurich?? :thinking_face:", ["google", "l5", "zurich"]),
        (":wave: hi :+1::skin-tone-2:", ["hi"]),
        ("meta mle :pray::pray:", ["meta", "mle"]),
        ("at 10:30:45 sharp", ["at", "10", "30", "45", "sharp"]),  # a time is no emoji
        ("note: stripe: backend", ["note", "stripe", "backend"]),  # nor a colon in prose
        ("2:15pm: base 180k", ["2", "15pm", "base", "180k"]),  # a chat's time before its text
        ("base:180k:stock:50k", ["base", "180k", "stock", "50k"]),  # key:value runs
    ],
)
def test_emoji_codes_are_not_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zürich", "Zurich"),
        ("São Paulo", "Sao Paulo"),
        ("München", "Munchen"),
        ("København", "Kobenhavn"),  # letters NFKD leaves whole
        ("Łódź", "Lodz"),
        ("Straße", "Strasse"),
        ("Dublin", "Dublin"),
    ],
)
def test_accents_fold(text: str, expected: str) -> None:
    assert fold_accents(text) == expected


@given(st.text(max_size=60))
def test_folding_is_idempotent_and_leaves_no_marks(text: str) -> None:
    folded = fold_accents(text)
    assert fold_accents(folded) == folded
    assert not any(unicodedata.combining(c) for c in folded)


@given(st.from_regex(r"[a-z][a-z0-9_+-]{0,20}", fullmatch=True), st.text(max_size=40))
def test_an_emoji_code_leaves_nothing_of_itself(code: str, around: str) -> None:
    assert words(f"{around} :{code}: {around}") == words(f"{around} {around}")
