"""A small Flesch-Kincaid grade estimator for the pack's Markdown pages (tests only).

Grade = 0.39 x (words per sentence) + 11.8 x (syllables per word) - 15.59. A heading, a list item and each
line of a page end a sentence, as they do for a reader. Syllables are counted by vowel groups with the usual
English corrections (a silent final "e", "-le", "-ed"); good to within about half a grade on plain text.
"""
from __future__ import annotations

import re

_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower().strip("'")
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1                                   # "make", "home": the final e is silent
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1                                   # "walked", "moved"
    if word.endswith("es") and not word.endswith(("ses", "zes", "ces", "ges", "xes", "shes", "ches")) and count > 1:
        count -= 1                                   # "makes", "times"
    return max(1, count)


def plain_sentences(markdown: str) -> list[str]:
    """The page's sentences, without Markdown syntax or safety placeholders (their wording is not the page's)."""
    text = re.sub(r"\{\{[^}]*\}\}", " ", markdown)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    sentences = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:#{1,6}|[-*+]|\d+[.)])\s*", "", line)
        line = re.sub(r"[*_`>]+", "", line).strip()
        for part in re.split(r"(?<=[.!?:;])\s+", line):
            if re.search(r"[A-Za-z]", part):
                sentences.append(part)
    return sentences


def words_in(sentence: str) -> list[str]:
    return re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+", sentence)


def flesch_kincaid_grade(markdown: str) -> float:
    sentences = plain_sentences(markdown)
    words = [w for s in sentences for w in words_in(s)]
    if not words:
        return 0.0
    syllable_count = sum(1 if w.isdigit() else syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllable_count / len(words) - 15.59
