#!/usr/bin/env python3
"""The judged news-event corpus (issue #17): article selection, texts for
annotators, and the conversion of judgements to offsets.

Texts are never copied into the repository: each article's text is derived
from ../shared/data by a fixed rule (`article_text`), the same rule that
`annals eval news-events` applies in Rust, and the gold file keeps only
character offsets into that text.

  news_events.py select            # writes eval/news-events/articles.tsv (fixed before tuning)
  news_events.py texts OUT IDS...  # numbered sentences for annotators, one file per article
  news_events.py convert JSONL...  # judgements (strings) -> eval/news-events/gold.tsv (offsets)
  news_events.py agreement A B     # event-level agreement of two annotators' JSONL

Document ids: polnear/<split>/<stem>, timebank/<stem>, wcxb/<id>,
scrapinghub/<id>, gum/<slug> (the Wikinews articles of samples/).
"""
import gzip, hashlib, html, json, os, random, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("ANNALS_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
DATA = os.path.join(SHARED, "data")
OUTDIR = os.path.join(ROOT, "eval", "news-events")

_cache = {}

def _json_gz(path):
    if path not in _cache:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            _cache[path] = json.load(f)
    return _cache[path]

def _samples():
    if "samples" not in _cache:
        with open(os.path.join(ROOT, "samples", "expected.jsonl"), encoding="utf-8") as f:
            _cache["samples"] = {d["slug"]: d for d in map(json.loads, f)}
    return _cache["samples"]

def _polnear_meta():
    if "polnear" not in _cache:
        meta = {}
        with open(os.path.join(DATA, "quotes", "polnear", "metadata.tsv"), encoding="utf-8") as f:
            head = f.readline().rstrip("\n").split("\t")
            for line in f:
                row = dict(zip(head, line.rstrip("\n").split("\t")))
                meta[row["filename"]] = row
        _cache["polnear"] = meta
    return _cache["polnear"]

TAG = re.compile(r"<[^>]*>")

def timebank_text(raw):
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    return html.unescape(TAG.sub("", body))

def article_text(doc):
    """The text of a document id, and its publication date (or None)."""
    kind, _, rest = doc.partition("/")
    if kind == "polnear":
        split, stem = rest.split("/", 1)
        with open(os.path.join(DATA, "quotes", "polnear", split, "text", stem + ".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        return text, _polnear_meta().get(stem, {}).get("publication_date")
    if kind == "timebank":
        with open(os.path.join(DATA, "time", "timebank", rest + ".tml"), encoding="utf-8", newline="") as f:
            raw = f.read()
        m = re.search(r'functionInDocument="CREATION_TIME"', raw)
        dct = re.search(r'value="(\d{4}-\d{2}-\d{2})[^"]*"[^>]*functionInDocument="CREATION_TIME"', raw)
        return timebank_text(raw), dct.group(1) if dct else None
    if kind == "wcxb":
        g = _json_gz(os.path.join(DATA, "extraction", "wcxb-dev", "ground-truth.json.gz"))[rest]
        return g["main_content"], g.get("publish_date")
    if kind == "scrapinghub":
        g = _json_gz(os.path.join(DATA, "extraction", "scrapinghub", "ground-truth.json.gz"))[rest]
        return g["articleBody"], None
    if kind == "gum":
        d = _samples()[rest]
        return d["text"], d.get("published")
    raise SystemExit(f"unknown document id {doc}")

def fingerprint(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]

# --- sentences: a plain, documented splitter; the evaluation needs only
# that each reference sentence is a span of the text.
ABBREV = set("""mr mrs ms dr sen rep gov gen lt col sgt capt maj adm cmdr st jr sr prof rev
u.s u.n u.k d.c jan feb mar apr aug sept sep oct nov dec inc corp co ltd vs no
calif fla ill mass mich minn penn tenn tex va wash wis ariz colo conn del ga ind kan ky la md
miss mo mont neb nev n.j n.y n.c n.d n.h n.m okla ore pa r.i s.c s.d vt w.va wyo ala ark
a.m p.m e.g i.e etc al""".split())

def sentences(text):
    out = []
    for pm in re.finditer(r"[^\n]+", text):
        para, base = pm.group(0), pm.start()
        start = 0
        for m in re.finditer(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[`]*[A-Z0-9])", para):
            word = re.search(r"(\S+)$", para[start:m.start()])
            w = word.group(1).lower().rstrip(".") if word else ""
            if para[m.start()] == "." and (w in ABBREV or (len(w) == 1 and w.isalpha())):
                continue
            end = m.end()
            seg = para[start:end].rstrip()
            if seg.strip():
                out.append((base + start, base + start + len(seg)))
            start = end
        seg = para[start:].rstrip()
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append((base + start + lead, base + start + len(seg)))
    return out

# --- selection, fixed before any tuning -----------------------------------

POLITICAL = re.compile(r"\b(government|minister|president|parliament|police|military|army|troops|"
    r"killed|attack|talks|sanctions|protest|election|senator|congress|ministry|rebels|court|"
    r"diplomat|embassy|officials?|prime minister|war|ceasefire|treaty|arrested|united nations)\b", re.I)

def _political_score(text):
    return len(POLITICAL.findall(text)) / max(1, len(text.split())) * 1000

def _english(text):
    words = re.findall(r"[a-z]+", text.lower())
    common = sum(w in ("the", "and", "of", "to", "in", "a", "is", "that") for w in words)
    return len(words) > 150 and common / len(words) > 0.12

def select():
    rng = random.Random(17)
    rows = []
    pn = os.path.join(DATA, "quotes", "polnear")
    train = sorted(f[:-4] for f in os.listdir(os.path.join(pn, "train", "text")))
    dev = sorted(f[:-4] for f in os.listdir(os.path.join(pn, "dev", "text")))
    for stem in rng.sample(train, 150):
        rows.append((f"polnear/train/{stem}", "polnear", "train"))
    dev_pick = rng.sample(dev, 60)
    for i, stem in enumerate(dev_pick):  # PolNeAR dev: half held out, half dev
        rows.append((f"polnear/dev/{stem}", "polnear", "heldout" if i % 2 == 0 else "dev"))
    tb = sorted(f[:-4] for f in os.listdir(os.path.join(DATA, "time", "timebank")))
    # TimeBank is evaluation only: never in train.
    for i, stem in enumerate(rng.sample(tb, 45)):
        rows.append((f"timebank/{stem}", "timebank", "heldout" if i < 30 else "dev"))
    wc = _json_gz(os.path.join(DATA, "extraction", "wcxb-dev", "ground-truth.json.gz"))
    # WCXB is a general web benchmark with little political news: its 12 most
    # political English pages, mostly to check that nothing is coded from chrome-free non-news.
    wc_ok = sorted((k for k, g in wc.items() if g.get("main_content") and _english(g["main_content"])),
                   key=lambda k: (-_political_score(wc[k]["main_content"]), k))[:12]
    for i, k in enumerate(wc_ok):
        rows.append((f"wcxb/{k}", "wcxb", "heldout" if i % 6 == 0 else "dev" if i % 6 == 1 else "train"))
    sh = _json_gz(os.path.join(DATA, "extraction", "scrapinghub", "ground-truth.json.gz"))
    sh_ok = sorted(k for k, g in sh.items() if g.get("articleBody") and _english(g["articleBody"]) and _political_score(g["articleBody"]) >= 5)
    for i, k in enumerate(rng.sample(sh_ok, min(20, len(sh_ok)))):
        rows.append((f"scrapinghub/{k}", "scrapinghub", "heldout" if i < 3 else "dev" if i < 8 else "train"))
    slugs = sorted(_samples())
    for i, slug in enumerate(slugs):  # the bundled Wikinews articles: 2 dev, 2 held out
        rows.append((f"gum/{slug}", "gum", "heldout" if i in (5, 17) else "dev" if i in (11, 23) else "train"))
    os.makedirs(OUTDIR, exist_ok=True)
    with open(os.path.join(OUTDIR, "articles.tsv"), "w", encoding="utf-8") as f:
        f.write("# document\tcollection\tsplit\tchars\tsha1-12 of the text (see eval/tools/news_events.py)\n")
        for doc, coll, split in rows:
            text, _ = article_text(doc)
            f.write(f"{doc}\t{coll}\t{split}\t{len(text)}\t{fingerprint(text)}\n")
    from collections import Counter
    print(Counter((c, s) for _, c, s in rows), len(rows), file=sys.stderr)

def articles():
    out = []
    with open(os.path.join(OUTDIR, "articles.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            doc, coll, split, chars, fp = line.rstrip("\n").split("\t")
            out.append({"doc": doc, "collection": coll, "split": split, "chars": int(chars), "sha": fp})
    return out

def texts(outdir, ids):
    os.makedirs(outdir, exist_ok=True)
    for doc in ids:
        text, date = article_text(doc)
        name = doc.replace("/", "__") + ".txt"
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(f"# document: {doc}\n# published: {date}\n\n")
            for i, (s, e) in enumerate(sentences(text)):
                f.write(f"[{i}] {text[s:e]}\n")

# --- conversion ------------------------------------------------------------

def _find_word(hay, needle, nth=1):
    """Start of the nth occurrence of needle in hay at word boundaries (case-insensitive)."""
    pat = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.I)
    hits = [m.start() for m in pat.finditer(hay)]
    if len(hits) < nth:
        hits = [m.start() for m in re.finditer(re.escape(needle), hay, re.I)]
    return hits[nth - 1] if len(hits) >= nth else None

def _actor_span(text, sents, si, name):
    """Offsets of an actor mention: in the sentence, else the nearest earlier
    mention, else the nearest later one, else anywhere."""
    if name in ("-", "", None):
        return None
    s, e = sents[si]
    p = _find_word(text[s:e], name)
    if p is not None:
        return (s + p, s + p + len(name))
    pat = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.I)
    hits = [m.start() for m in pat.finditer(text)] or [m.start() for m in re.finditer(re.escape(name), text, re.I)]
    if not hits:
        return False
    before = [h for h in hits if h < s]
    h = before[-1] if before else min(hits, key=lambda x: abs(x - s))
    return (h, h + len(name))

TYPES = set("AGREE CONSULT SUPPORT COOPERATE AID CONCEDE RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split())
FACTS = {"actual", "future", "hypothetical", "negated"}

def convert_rows(paths, strict=True):
    arts = {a["doc"]: a for a in articles()}
    rows, errors, judged = [], [], {}
    for path in paths:
        for ln, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                j = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{path}:{ln}: bad JSON: {e}"); continue
            doc = j.get("doc")
            if j.get("done"):
                if doc not in arts:
                    errors.append(f"{path}:{ln}: document {doc} not in articles.tsv")
                else:
                    judged[doc] = j.get("annotator", os.path.basename(path).split(".")[0])
                continue
            if doc not in arts:
                errors.append(f"{path}:{ln}: document {doc} not in articles.tsv"); continue
            text, _ = article_text(doc)
            sents = sentences(text)
            try:
                si = int(j["sent"])
                s, e = sents[si]
            except (KeyError, ValueError, IndexError):
                errors.append(f"{path}:{ln}: bad sentence {j.get('sent')}"); continue
            kind = str(j.get("type", "")).upper()
            fact = str(j.get("fact", "actual")).lower()
            if kind not in TYPES:
                errors.append(f"{path}:{ln}: unknown type {kind}"); continue
            if fact not in FACTS:
                errors.append(f"{path}:{ln}: unknown factuality {fact}"); continue
            trig = str(j.get("trigger", ""))
            nth = 1
            if "#" in trig:
                trig, n = trig.rsplit("#", 1)
                nth = int(n) if n.isdigit() else 1
            p = _find_word(text[s:e], trig, nth) if trig else None
            if p is None:
                errors.append(f"{path}:{ln}: trigger {trig!r} not in sentence {si} of {doc}"); continue
            spans = []
            bad = False
            for role in ("source", "target"):
                sp = _actor_span(text, sents, si, j.get(role))
                if sp is False:
                    errors.append(f"{path}:{ln}: {role} {j.get(role)!r} not in {doc}"); bad = True
                spans.append(sp)
            if bad:
                continue
            fmt = lambda sp: f"{sp[0]}\t{sp[1]}" if sp else "-\t-"
            origin = j.get("origin", "reader")
            rows.append((doc, s, e, s + p, s + p + len(trig), kind, fmt(spans[0]), fmt(spans[1]), fact,
                         origin, j.get("annotator", os.path.basename(path).split(".")[0])))
    return rows, errors, judged

def check(paths):
    rows, errors, judged = convert_rows(paths)
    for e in errors:
        print(e)
    print(f"{len(rows)} events convert; {len(errors)} errors; {len(judged)} documents marked done")

def convert(paths):
    rows, errors, judged = convert_rows(paths)
    for e in errors:
        print(e, file=sys.stderr)
    arts = {a["doc"]: a for a in articles()}
    order = {a["doc"]: i for i, a in enumerate(articles())}
    rows = [r for r in rows if r[0] in judged]  # a document counts only once read in full
    rows.sort(key=lambda r: (order[r[0]], r[3], r[5]))
    seen = set()
    with open(os.path.join(OUTDIR, "gold.tsv"), "w", encoding="utf-8") as f:
        f.write("# document\tsent_start\tsent_end\ttrigger_start\ttrigger_end\ttype\tsource_start\tsource_end"
                "\ttarget_start\ttarget_end\tfactuality\torigin\tannotator\n")
        n = 0
        for r in rows:
            key = r[:9]
            if key in seen:
                continue
            seen.add(key)
            f.write("\t".join(str(x) for x in r) + "\n")
            n += 1
    with open(os.path.join(OUTDIR, "judged.tsv"), "w", encoding="utf-8") as f:
        f.write("# document\tannotator\tevents (documents read in full; only these are scored)\n")
        for doc in sorted(judged, key=lambda d: order[d]):
            f.write(f"{doc}\t{judged[doc]}\t{sum(r[0] == doc for r in rows)}\n")
    print(f"{n} events, {len(judged)} documents judged; {len(errors)} rows not converted", file=sys.stderr)

def reconcile_sheets(candidates, outdir, readers):
    """For each judged article, annals' candidate events that no reference of
    the reader's has in the same sentence with the same type: what the reader
    must look at once more (added as `reconciled` when they are real events)."""
    by_doc = {}
    for line in open(candidates, encoding="utf-8"):
        j = json.loads(line)
        by_doc.setdefault(j["doc"], []).append(j["event"])
    rows, _, judged = convert_rows(readers)
    have = {}
    for r in rows:
        have.setdefault(r[0], set()).add((r[1], r[5]))
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for doc in judged:
        text, _ = article_text(doc)
        sents = sentences(text)
        lines = []
        for e in by_doc.get(doc, []):
            start = e["trigger"]["start"]
            si = next((i for i, (s, t) in enumerate(sents) if s <= start < t), None)
            if si is None or (sents[si][0], e["type"]) in have.get(doc, set()):
                continue
            actor = lambda a: "-" if not a else (a.get("name") or a.get("text"))
            lines.append(f"[{si}] trigger={e['trigger']['text']!r} type={e['type']} source={actor(e.get('source'))!r} "
                         f"target={actor(e.get('target'))!r} fact={e['factuality']}")
        with open(os.path.join(outdir, doc.replace("/", "__") + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + ("\n" if lines else ""))
        n += len(lines)
    print(f"{n} candidates to look at in {len(judged)} documents", file=sys.stderr)

def agreement(a, b):
    """Event-level F1 between two annotators over the documents both judged:
    same sentence, type, and source and target mentions naming the same words."""
    def load(path):
        rows, _, judged = convert_rows([path])
        out = {d: [] for d in judged}
        for r in rows:
            text, _ = article_text(r[0])
            def words(sp):
                if sp == "-\t-":
                    return None
                s, e = map(int, sp.split("\t"))
                return frozenset(w.lower() for w in re.findall(r"\w+", text[s:e]) if w[0].isupper() or len(w) > 3)
            out.setdefault(r[0], []).append((r[1], r[5], words(r[6]), words(r[7]), r[8]))
        return out
    A, B = load(a), load(b)
    docs = sorted(set(A) & set(B))
    def same_actor(x, y):
        return (x is None and y is None) or (x is not None and y is not None and bool(x & y))
    tp = na = nb = sent_type = 0
    fact_same = 0
    for d in docs:
        xs, ys = A[d], list(B[d])
        na += len(xs); nb += len(ys)
        for x in xs:
            for i, y in enumerate(ys):
                if x[0] == y[0] and x[1] == y[1] and same_actor(x[2], y[2]) and same_actor(x[3], y[3]):
                    tp += 1; fact_same += x[4] == y[4]; ys.pop(i); break
        ys = list(B[d])
        for x in xs:
            for i, y in enumerate(ys):
                if x[0] == y[0] and x[1] == y[1]:
                    sent_type += 1; ys.pop(i); break
    p = tp / na if na else 0; r = tp / nb if nb else 0
    f1 = 2 * p * r / (p + r) if p + r else 0
    st = 2 * sent_type / (na + nb) if na + nb else 0
    print(json.dumps({"documents": len(docs), "events_a": na, "events_b": nb, "matched": tp,
                      "f1_full": round(f1, 3), "f1_sentence_type": round(st, 3),
                      "factuality_agreement": round(fact_same / tp, 3) if tp else None}))

if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "select":
        select()
    elif cmd == "texts":
        texts(sys.argv[2], sys.argv[3:])
    elif cmd == "check":
        check(sys.argv[2:])
    elif cmd == "convert":
        convert(sys.argv[2:])
    elif cmd == "sheets":
        reconcile_sheets(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "agreement":
        agreement(sys.argv[2], sys.argv[3])
    else:
        print(__doc__); sys.exit(2)
