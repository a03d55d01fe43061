"""The ScrapingHub article-extraction benchmark's metric, as annals computes it.

Tokens are runs of word characters (``\\w+``), shingles are 4 consecutive
tokens counted with multiplicity (a text of fewer than 4 tokens is one shingle
of all its tokens; an empty text has none). Per page: TP = shared shingles,
FP = extra predicted, FN = missing; precision and recall are 1.0 when their
denominator is 0. Precision and recall are averaged over pages and F1 is the
harmonic mean of the two averages. This mirrors
crates/annals-eval/src/extraction.rs line for line, so that annals and its
peers are scored by the same rule; `check` proves it on annals' own output.

Python's ``re`` and Rust's ``regex`` disagree on what ``\\w`` covers (Rust's
Unicode word class includes combining marks, Python's does not), so the
token class is spelled out here as Rust defines it.
"""

import re
import sys
import unicodedata
from collections import Counter

# Rust regex `\w` (UTS #18 Annex C) is Alphabetic, marks, Nd, Pc and
# Join_Control. Python's `\w` differs both ways: it misses combining marks and
# takes in every numeric character (No: "½", "²"). The class is therefore
# built here from the Unicode categories; Alphabetic is the letter categories,
# Nl, and Other_Alphabetic, which is marks plus the circled and squared
# letters listed below.
_WORD_CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Mn", "Mc", "Me", "Nd", "Pc"}
_OTHER_ALPHABETIC = [(0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189), (0x200C, 0x200D)]


def _word_class():
    ranges, start, prev = [], None, None
    for c in range(0x110000):
        inside = unicodedata.category(chr(c)) in _WORD_CATEGORIES or any(a <= c <= b for a, b in _OTHER_ALPHABETIC)
        if inside and start is None:
            start = c
        if not inside and start is not None:
            ranges.append((start, c - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


WORD = re.compile("[" + _word_class() + "]+")


def tokens(text):
    return WORD.findall(text or "")


def shingles(text):
    toks = tokens(text)
    if len(toks) < 4:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + 4]) for i in range(len(toks) - 3))


def page_scores(expected, predicted):
    gold = shingles(expected)
    pred = shingles(predicted)
    tp = sum(min(n, gold.get(k, 0)) for k, n in pred.items())
    fp = sum(pred.values()) - tp
    fn = sum(gold.values()) - tp
    precision = 1.0 if tp + fp == 0 else tp / (tp + fp)
    recall = 1.0 if tp + fn == 0 else tp / (tp + fn)
    return precision, recall


def f1(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score(gold, predicted):
    """gold: {id: body}; predicted: {id: text} (missing ids count as empty).

    Returns dict with pages, precision, recall, f1, accuracy."""
    ps, rs, exact = [], [], 0
    for pid in sorted(gold):
        expected = gold[pid]
        got = predicted.get(pid) or ""
        p, r = page_scores(expected, got)
        ps.append(p)
        rs.append(r)
        if tokens(expected) == tokens(got):
            exact += 1
    n = max(len(ps), 1)
    p, r = sum(ps) / n, sum(rs) / n
    return {"pages": len(ps), "precision": p, "recall": r, "f1": f1(p, r), "accuracy": exact / n}


def _self_test():
    assert page_scores("a b c d e", "a b c d e") == (1.0, 1.0)
    assert page_scores("a b c d e", "a b c d") == (1.0, 0.5)
    p, r = page_scores("a b c d", "x a b c d y")
    assert abs(p - 1 / 3) < 1e-9 and r == 1.0
    assert page_scores("a b c d", "a b c d . a b c d")[0] < 1.0
    assert page_scores("", "") == (1.0, 1.0)
    # a Devanagari vowel sign is a combining mark: one token in Rust's \w
    assert tokens("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]
    # vulgar fractions are not word characters in Rust's \w
    assert tokens("1½ cups") == ["1", "cups"]


if __name__ == "__main__":
    _self_test()
    print("scorer self-test passed", file=sys.stderr)
