#!/usr/bin/env python3
"""Lists the named place mentions of the GUM news documents, as a starting point
for eval/places.tsv: document text (tokens joined with their SpaceAfter), and
every `place` entity whose tokens include a proper noun, with the Wikipedia
identity GUM gives it. The GeoNames ids of eval/places.tsv were then assigned
by hand from the identity and the context, not by annals-geo.

usage: gum_places.py <shared>/data/nlp/gum/dep > draft.tsv
"""
import glob, os, re, sys

def docs(folder):
    for path in sorted(glob.glob(os.path.join(folder, "GUM_news_*.conllu"))):
        yield path

def parse(path):
    """Text from the `# text` lines (paragraphs on new lines), tokens aligned into it."""
    text, toks, meta = "", [], {}
    sent_text, pos = None, 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# meta::"):
            k, _, v = line[8:].partition(" = ")
            meta[k] = v
        elif line.startswith("# newpar") and not line.startswith("# newpar_block") and text:
            text = text.rstrip(" ") + "\n"
        elif line.startswith("# text = "):
            sent_text = line[9:]
            pos = len(text)
            text += sent_text + " "
            cursor = pos
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        at = text.find(cols[1], cursor)
        if at < 0:
            at = cursor
        toks.append((at, at + len(cols[1]), cols[1], cols[3], cols[9]))
        cursor = at + len(cols[1])
    return text.rstrip(), toks, meta

def places(toks):
    open_ = {}
    out = []
    for i, (s, e, form, upos, misc) in enumerate(toks):
        ent = ""
        for part in misc.split("|"):
            if part.startswith("Entity="):
                ent = part[7:]
        for m in re.finditer(r"\((\d+)-([a-z]+)([^()]*)|(\d+)\)", ent):
            if m.group(1):
                fields = m.group(3).split("-")
                ident = fields[6] if len(fields) > 6 else ""
                open_.setdefault(m.group(1), []).append((i, m.group(2), ident))
                # single-token mention closes in the same bracket group
            if m.group(4) or (m.group(1) and ent[m.end():m.end()+1] == ")"):
                key = m.group(4) or m.group(1)
                if open_.get(key):
                    j, kind, ident = open_[key].pop()
                    if kind == "place":
                        out.append((j, i, ident))
    return out

def is_name(span):
    """Only proper names: PROPN tokens, with a leading "the", a trailing "'s" or inner periods."""
    for k, t in enumerate(span):
        if t[3] == "PROPN" or (t[3] == "DET" and k == 0 and t[2].lower() == "the") or (t[3] == "PART" and k == len(span) - 1) or t[2] == ".":
            continue
        return False
    return any(t[3] == "PROPN" for t in span)

def mentions(path):
    """(text, [(start, end, surface, identity)]) of one document."""
    text, toks, meta = parse(path)
    found = []
    for j, i, ident in places(toks):
        span = toks[j:i + 1]
        if not is_name(span):
            continue
        if span[-1][3] == "PART":
            span = span[:-1]
        if span[0][2].lower() == "the":
            span = span[1:]
        found.append((span[0][0], span[-1][1], ident))
    found = sorted(set(found))
    kept = [f for f in found if not any(o != f and o[0] == f[0] and o[1] > f[1] for o in found)]
    return text, [(s, e, text[s:e], ident) for s, e, ident in kept]


if __name__ == "__main__":
    for path in docs(sys.argv[1]):
        name = os.path.basename(path)[:-7]
        text, ms = mentions(path)
        for s, e, surface, ident in ms:
            print(f"{name}\t{s}\t{e}\t{surface}\t{ident}")
