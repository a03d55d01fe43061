"""Inputs for the benchmark, written into a work folder.

`pages DATA OUT`: the 181 ScrapingHub pages decompressed into OUT/pages/<id>.html,
the same pages as JSON Lines OUT/pages.jsonl ({id, url, html}, for the Python
peer, which holds them in memory), the gold bodies as OUT/gold.json, and the
English gold bodies as OUT/texts.jsonl ({"text": ...}, the analysis input).

`warc DATA SAMPLES PATH:N [PATH:N ...]`: WARC files in the Common Crawl layout
(a warcinfo record, then one response record per article, each record its own
gzip member) of N response records each, built from the ScrapingHub pages and
the sample corpus's HTML pages, repeated, each copy with its own
WARC-Target-URI. All files are prefixes of one sequence of records, compressed
once (on every core) for all of them.
"""

import gzip
import json
import multiprocessing
import os
import re
import sys
import uuid

# Frequent English function words that are rare as words in the other
# languages of the set (no "a", "de", "la", "die" ...).
ENGLISH = set(
    "the and of to in is that for it was on with as are be this by have from at he his "
    "they not you which has were said but will their its been".split()
)


def is_english(text):
    words = re.findall(r"[A-Za-z]+", text.lower())
    if len(words) < 50:
        return False
    return sum(w in ENGLISH for w in words) / len(words) >= 0.12


def load_scrapinghub(data):
    root = os.path.join(data, "extraction", "scrapinghub")
    with gzip.open(os.path.join(root, "ground-truth.json.gz"), "rt", encoding="utf-8") as f:
        truth = json.load(f)
    for pid in sorted(truth):
        with gzip.open(os.path.join(root, "html", pid + ".html.gz"), "rb") as f:
            html = f.read()
        yield pid, truth[pid]["url"], truth[pid]["articleBody"], html


def pages(data, out):
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    gold, english = {}, 0
    with open(os.path.join(out, "pages.jsonl"), "w", encoding="utf-8") as jl, open(
        os.path.join(out, "texts.jsonl"), "w", encoding="utf-8"
    ) as texts:
        for pid, url, body, html in load_scrapinghub(data):
            with open(os.path.join(out, "pages", pid + ".html"), "wb") as f:
                f.write(html)
            jl.write(json.dumps({"id": pid, "url": url, "html": html.decode("utf-8")}) + "\n")
            gold[pid] = body
            if is_english(body):
                english += 1
                texts.write(json.dumps({"text": body}) + "\n")
    with open(os.path.join(out, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f)
    print(json.dumps({"pages": len(gold), "english": english}))


def http_response(html):
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {len(html)}\r\n\r\n"
    return head.encode("ascii") + html


def record(rtype, uri, block, content_type, date="2024-05-01T12:00:00Z"):
    head = "WARC/1.0\r\nWARC-Type: {}\r\n{}WARC-Date: {}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n".format(
        rtype,
        f"WARC-Target-URI: {uri}\r\n" if uri else "",
        date,
        uuid.uuid5(uuid.NAMESPACE_URL, f"{rtype} {uri}"),
        content_type,
        len(block),
    )
    # compresslevel 1: the file is rebuilt on every run and level 6 would triple the build time
    return gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", compresslevel=1, mtime=0)


def uncanonical(html):
    """The page without its canonical URL (`<link rel=canonical>`, `og:url`).

    annals identifies an article by its canonical URL first: every copy of a
    page would be the same article, stored once and skipped after. Without
    it, each copy is identified by its own WARC-Target-URI, as distinct
    articles of a real crawl are."""
    html = re.sub(rb"""(?i)(rel\s*=\s*["']?)canonical""", rb"\1x-canonical", html)
    return re.sub(rb"""(?i)(["'\s=])og:url""", rb"\1og:x-url", html)


_RESPONSES = []  # (target URI, HTTP response block) of the distinct pages, shared with the workers


def _compress(span):
    """The gzip members of response records span[0] .. span[1] - 1."""
    out = []
    for i in range(*span):
        url, block = _RESPONSES[i % len(_RESPONSES)]
        # a distinct target URI for every copy, as a crawl of distinct pages would have
        base, hash_, fragment = url.partition("#")  # the query goes before a fragment, which URL normalisation drops
        sep = "&" if "?" in base else "?"
        out.append(record("response", f"{base}{sep}copy={i // len(_RESPONSES)}{hash_}{fragment}", block, "application/http; msgtype=response"))
    return b"".join(out)


def warc(data, samples, outputs):
    """outputs: [(path, records)]; each file holds the first `records` records of one sequence."""
    sources = [(url, html) for _pid, url, _body, html in load_scrapinghub(data)]
    sample_dir = os.path.join(samples, "corpus", "html")
    for name in sorted(os.listdir(sample_dir)):
        with open(os.path.join(sample_dir, name), "rb") as f:
            sources.append((f"https://samples.example.org/{name}", f.read()))
    _RESPONSES[:] = [(url, http_response(uncanonical(html))) for url, html in sources]
    info = b"software: annals bench/run\r\nformat: WARC File Format 1.0\r\n"
    total = max(n for _, n in outputs)
    chunk = 250
    spans = [(i, min(i + chunk, total)) for i in range(0, total, chunk)]
    files = [open(path, "wb") for path, _ in outputs]
    try:
        head = record("warcinfo", None, info, "application/warc-fields")
        for f in files:
            f.write(head)
        # compression is the cost here: the records are compressed on every core, written in order
        with multiprocessing.get_context("fork").Pool(max(1, len(os.sched_getaffinity(0)))) as pool:
            for (start, end), data_ in zip(spans, pool.imap(_compress, spans)):
                for f, (_, n) in zip(files, outputs):
                    if end <= n:
                        f.write(data_)
                    elif start < n:
                        f.write(_compress((start, n)))
    finally:
        for f in files:
            f.close()
    html_bytes = lambda n: sum(len(_RESPONSES[i % len(_RESPONSES)][1]) for i in range(n))  # noqa: E731
    print(json.dumps({"distinct_pages": len(sources), "files": [{"path": p, "records": n, "bytes": os.path.getsize(p), "html_bytes": html_bytes(n)} for p, n in outputs]}))


def main():
    cmd = sys.argv[1]
    if cmd == "pages":
        pages(sys.argv[2], sys.argv[3])
    elif cmd == "warc":
        outputs = []
        for spec in sys.argv[4:]:
            path, _, n = spec.rpartition(":")
            outputs.append((path, int(n)))
        warc(sys.argv[2], sys.argv[3], outputs)
    else:
        sys.exit(f"prepare.py: unknown command {cmd}")


if __name__ == "__main__":
    main()
