"""What any English word can be: its lemmas and parts of speech, from lemminflect's shipped data.

The curated lists in `rubric.lexicon` are written as lemmas ("launch", "roll out"); this module
expands them to every inflection once, at import, and answers for words no list names
("onboarded", "webinars") so that "Roll out", "Rolled out" and "rolling out" read alike.
lemminflect's dictionary and models are package data: nothing is downloaded at run time.
Per-word answers are cached (words are short, so the cache is bounded in bytes too).
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import (  # type: ignore[import-untyped]  # the package ships no type information
    getAllInflections,
    getAllInflectionsOOV,
    getAllLemmas,
    getAllLemmasOOV,
)

_LONGEST_WORD = 40  # longer "words" are not words: answer without caching them
getAllLemmas("load")  # lemminflect reads its dictionary on first use: do it at import, not in a request


def inflections(*lemmas: str) -> frozenset[str]:
    """Every form of the given verbs (lemmas), lower-cased; "roll out" gives "rolled out" etc.

    A lemma may carry extra forms the dictionary lacks after '|' ("practise|practised").
    """
    forms: set[str] = set()
    for spec in lemmas:
        lemma, *extra = spec.split("|")
        head, _, particle = lemma.partition(" ")
        found = getAllInflections(head, upos="VERB") or getAllInflectionsOOV(head, upos="VERB")
        heads = {head, *(form for group in found.values() for form in group)}
        forms.update(f"{form} {particle}".strip().lower() for form in heads)
        forms.update(extra)
    return frozenset(forms)


def participles(*lemmas: str) -> frozenset[str]:
    """The past forms (simple past and participle) of the given verbs: "rolled out", "written", "wrote"."""
    forms: set[str] = set()
    for spec in lemmas:
        lemma, *extra = spec.split("|")
        head, _, particle = lemma.partition(" ")
        found = getAllInflections(head, upos="VERB") or getAllInflectionsOOV(head, upos="VERB")
        past = {form for tag in ("VBD", "VBN") for form in found.get(tag, ())}
        forms.update(f"{form} {particle}".strip().lower() for form in past)
        forms.update(form for form in extra if form.endswith("ed"))
    return frozenset(forms)


def noun_forms(*lemmas: str) -> frozenset[str]:
    """Singular and plural of the given nouns, lower-cased."""
    forms: set[str] = set()
    for lemma in lemmas:
        found = getAllInflections(lemma, upos="NOUN") or getAllInflectionsOOV(lemma, upos="NOUN")
        forms.update({lemma, *(form.lower() for group in found.values() for form in group)})
    return frozenset(forms)


def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech the dictionary knows `word` as (VERB, NOUN, ADJ, ADV, AUX); empty if unknown."""
    if len(word) > _LONGEST_WORD:
        return frozenset(getAllLemmas(word.lower()))
    return _parts_of_speech(word.lower())


@lru_cache(maxsize=8192)
def _parts_of_speech(word: str) -> frozenset[str]:
    return frozenset(getAllLemmas(word))


def verb_lemma(word: str) -> str | None:
    """The verb `word` is a form of: from the dictionary, else guessed from its shape (None if no verb)."""
    if len(word) > _LONGEST_WORD or not word.isalpha():
        return None
    return _verb_lemma(word.lower())


@lru_cache(maxsize=8192)
def _verb_lemma(word: str) -> str | None:
    known = getAllLemmas(word)
    if known:
        found = known.get("VERB")
        return found[0] if found else None
    guessed = getAllLemmasOOV(word, upos="VERB").get("VERB")
    return guessed[0].lower() if guessed else None


def noun_lemma(word: str) -> str:
    """The singular of a noun ("webinars" -> "webinar"); the word itself when it is not a noun form."""
    lowered = word.lower()
    if len(lowered) > _LONGEST_WORD or not lowered.isalpha():
        return lowered
    return _noun_lemma(lowered)


@lru_cache(maxsize=8192)
def _noun_lemma(word: str) -> str:
    known = getAllLemmas(word)
    if known:
        found = known.get("NOUN")
        return found[0].lower() if found else word
    guessed = getAllLemmasOOV(word, upos="NOUN").get("NOUN")
    return guessed[0].lower() if guessed else word


def typo_of(word: str, forms: frozenset[str]) -> str | None:
    """The one form in `forms` that `word` misspells by one letter (dropped, added, changed or swapped), if any.

    Only for words of five letters or more that the dictionary does not know ("Incrase", "Pubish").
    """
    lowered = word.lower()
    if len(lowered) < 5 or len(lowered) > _LONGEST_WORD or not lowered.isalpha() or lowered in forms:
        return None
    return _typo_of(lowered, forms)


@lru_cache(maxsize=4096)
def _typo_of(word: str, forms: frozenset[str]) -> str | None:
    if getAllLemmas(word):
        return None  # a real word, not a typo
    found = [form for form in forms if form[:1] == word[:1] and abs(len(form) - len(word)) <= 1
             and _one_edit(word, form)]
    return found[0] if len(found) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance of exactly one between two different words."""
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    index = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[index:] == long[index + 1 :]


def can_be_verb(word: str) -> bool:
    """True when the dictionary knows `word` as a verb form."""
    return "VERB" in parts_of_speech(word)


def is_base_verb(word: str) -> bool:
    """An imperative / infinitive form: the dictionary knows it as a verb and it is its own lemma."""
    return can_be_verb(word) and verb_lemma(word) == word.lower()


def only_verb(word: str) -> bool:
    """A verb form that cannot be read as a noun or adjective ("reduce", "localise"; not "test", "live")."""
    kinds = parts_of_speech(word)
    return "VERB" in kinds and not kinds & {"NOUN", "ADJ"}
