"""The fast forms of slow patterns answer exactly as the slow ones: gates never turn away text
the pattern would match, and breaks found from their stop are the breaks a look-behind finds."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ingest.parsers
from ingest.parsers.commitments import (
    _MODALS,
    _STEMS,
    _TRIGGER_ASCII,
    _UNDERTOOK_TO,
    _VERBS,
    _WORDED,
    TRIGGER,
    commits,
    may_commit,
)
from ingest.parsers.coverage import _FURNITURE_LINE, _LINK, _furniture_line, _without_links
from ingest.parsers.decisions import _sentence_starts
from ingest.parsers.followups import sentences
from ingest.parsers.prefilter import Gated, folded
from ingest.readers.text import read_document
from tests.ingest import fidelity
from tests.ingest.conftest import FIXTURES


def _gated() -> list[tuple[str, Gated]]:
    found = []
    for module in pkgutil.iter_modules(ingest.parsers.__path__):
        loaded = importlib.import_module(f"ingest.parsers.{module.name}")
        found += [
            (f"{module.name}.{name}", value)
            for name, value in vars(loaded).items()
            if isinstance(value, Gated)
        ]
    return found


GATED = _gated()


def _texts() -> list[str]:
    """Every line, paragraph and sentence of the text fixtures, blind ones included."""
    folders = (FIXTURES, fidelity.BLIND / "fixtures")
    texts: list[str] = []
    for path in sorted(p for folder in folders for p in folder.iterdir() if p.suffix == ".txt"):
        lines = read_document(path.read_bytes(), name=path.name).lines
        texts += lines
        paragraphs = " ".join(line or "\n\n" for line in lines).split("\n\n")
        texts += paragraphs
        texts += [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p)]
    return texts


TEXTS = _texts()
_TRIGGER_PIECES = ["be", "will", "undertook", "to", "member", "circulated", "mail", "Be", "ask"]
_TRIGGER_PIECES += ["send", "Clerk", "look", "into", "Will", "e-mailed", "x"]
_FURNITURE_PIECES = ["pdf", "PDF", "icon", " ", "1.2", "KB", "MB", "cookies", "©", "view", "the"]
_LINK_PIECES = ["view", " ", "directions", "0", "1234", "567", "٣", "(", "pages", "3 - 9", ")", "x"]
_LINK_PIECES += ["a@b.co", "pdf", "icon", "PDF", "2", "KB", "review", "ſ"]
_FURNITURE_PIECES += ["full", "minutes", "text", "review", "ı", "ſ", "K", "x", "\n"]


def test_the_parsers_gate_their_slowest_patterns() -> None:
    names = {name for name, _ in GATED}
    assert {"decisions._UPPER_LABEL", "decisions._MID_LABEL", "headings._PAGES_COLUMN"} <= names


def test_the_follow_up_trigger_answers_as_its_pattern_does() -> None:
    for text in TEXTS:
        assert commits(text) == bool(TRIGGER.search(text)), text


def _trigger_ascii(low: str) -> bool:
    return any(pattern.search(low) for pattern in (*_WORDED, _UNDERTOOK_TO))


@given(st.lists(st.sampled_from([*_TRIGGER_PIECES, " ", "\n", "_", "to ", "ask "]), max_size=12))
def test_the_trigger_alternatives_apart_answer_as_the_whole(pieces: list[str]) -> None:
    low = "".join(pieces).lower()
    assert _trigger_ascii(low) == bool(_TRIGGER_ASCII.search(low)), low


def test_the_trigger_alternatives_apart_answer_so_on_the_fixtures() -> None:
    for text in TEXTS:
        low = text.lower()
        assert _trigger_ascii(low) == bool(_TRIGGER_ASCII.search(low)), text


@given(st.lists(st.sampled_from([*_TRIGGER_PIECES, " ", "\n", "_", "to ", "ask "]), max_size=12))
def test_what_a_worded_alternative_finds_passes_the_word_test(pieces: list[str]) -> None:
    # commits() skips the word test after such a match
    for pattern in _WORDED:
        for match in pattern.finditer("".join(pieces).lower()):
            assert may_commit(match.group(0)), match.group(0)


def test_each_stem_and_verb_holds_a_word_of_the_word_test() -> None:
    stems, verbs = (group[3:-1].split("|") for group in (_STEMS, _VERBS))  # "(?:a|b|c)"
    for lead, words in (("be", stems), *((modal, verbs) for modal in _MODALS)):
        for word in words:
            for example in (word.replace("-?", ""), word.replace("-?", "-")):
                assert may_commit(f"{lead} {example.replace('[sz]', 's')}"), (lead, word)


def test_a_paragraph_commits_to_whatever_its_sentences_commit_to() -> None:
    # followups skips the sentences of a paragraph that does not commit.
    for text in TEXTS:
        if any(commits(sentence) for sentence in sentences(text)):
            assert commits(text), text


@given(st.lists(st.sampled_from([*_TRIGGER_PIECES, " ", ". ", "e-", "ı", "ſ"]), max_size=12))
def test_a_sentence_that_commits_is_found_in_its_paragraph(pieces: list[str]) -> None:
    text = "".join(pieces)
    if any(commits(sentence) for sentence in sentences(text)):
        assert commits(text), text


def test_the_furniture_line_test_answers_as_its_pattern_does() -> None:
    for text in TEXTS:
        assert _furniture_line(text) == bool(_FURNITURE_LINE.search(text)), text


@given(st.lists(st.sampled_from(_FURNITURE_PIECES), max_size=14).map("".join))
def test_the_furniture_line_test_answers_so_on_any_text(text: str) -> None:
    assert _furniture_line(text) == bool(_FURNITURE_LINE.search(text)), text


@pytest.mark.parametrize(("name", "gated"), GATED, ids=[name for name, _ in GATED])
def test_a_gate_lets_through_every_fixture_text_its_pattern_matches(
    name: str, gated: Gated
) -> None:
    matched = [text for text in TEXTS if gated.compiled.search(text)]
    assert all(gated.gate(text) for text in matched), name
    # The gate is worth having: it turns away some of what the pattern would search in vain.
    assert sum(not gated.gate(text) for text in TEXTS) > 0, name


@pytest.mark.parametrize(("name", "gated"), GATED, ids=[name for name, _ in GATED])
@given(st.text(alphabet="AaBbEeIiıİSsſKkTtOoLlWwPpDdRrFfHhNnCcGgMmUuVvY .:-–\n", max_size=40))
def test_a_gate_lets_through_any_text_its_pattern_matches(
    name: str, gated: Gated, text: str
) -> None:
    if gated.compiled.search(text):
        assert gated.gate(text), name


def test_folding_keeps_the_letters_case_insensitive_matching_takes_for_ascii() -> None:
    # re.IGNORECASE matches "i" on the dotted and dotless capitals and "s" on the long s.
    for odd, plain in (("İTEM", "item"), ("ıtem", "item"), ("pageſ", "pages"), ("K", "k")):
        assert re.fullmatch(plain, odd, re.IGNORECASE)
        assert plain in folded(odd)


# The look-behind forms the parsers used before: the specification of the fast ones.
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])\s+(?=[A-Z\"']))")
_SENTENCE = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bNo\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bCllr\.)(?<!\bDr\.)"
    r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bSt\.)\s+(?=[A-Z\"'(\d])"
)
_PIECES = [".", "!", "?", " ", "  ", "\n", "A", "b", '"', "'", "(", "1", "No.", "Dr.", "e.g."]
_PIECES += ["i.e.", "Mr.", "Mrs.", "St.", "Cllr.", "J.", "é", ". B"]


@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_sentence_breaks_are_those_the_look_behind_finds(text: str) -> None:
    assert list(_sentence_starts(text)) == [m.span() for m in _SENTENCE_START.finditer(text)]
    assert sentences(text) == [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def test_the_fixtures_break_into_the_same_sentences() -> None:
    for text in TEXTS:
        assert list(_sentence_starts(text)) == [m.span() for m in _SENTENCE_START.finditer(text)]
        assert sentences(text) == [s.strip() for s in _SENTENCE.split(text) if s.strip()]


@given(st.lists(st.sampled_from(_LINK_PIECES), max_size=14).map("".join))
def test_links_are_taken_out_as_the_whole_pattern_takes_them(text: str) -> None:
    assert _without_links(text) == _LINK.sub(" ", text)


def test_links_are_taken_out_of_the_fixtures_as_the_whole_pattern_takes_them() -> None:
    for text in TEXTS:
        assert _without_links(text) == _LINK.sub(" ", text)
