"""The benchmark itself: runs annals and its peers on the same inputs and
writes one table. Called by bench/run, which prepares the virtual
environment and the release build; see docs/benchmarks.md.

Every command is timed here with os.wait4, which gives wall time, CPU time
and the peak resident memory of that one process. Runs that are repeated keep
the fastest pass: the machine is shared, and the fastest pass is the one
least disturbed by other work; ratios are taken between figures measured in
the same run.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scorer  # noqa: E402

TARGETS = {"extraction": 3.0, "analysis": 20.0, "articles_per_core": 200.0, "memory_mb": 300.0}


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


class Measured:
    def __init__(self, cmd, wall, user, sys_, rss_kb, rc, stderr):
        self.cmd, self.wall, self.user, self.sys, self.rss_mb, self.rc, self.stderr = cmd, wall, user, sys_, rss_kb / 1024, rc, stderr

    @property
    def cpu(self):
        return self.user + self.sys


def measure(cmd, cpus, stdin=None, stdout=None, check=True):
    """Runs `cmd` pinned to `cpus` (e.g. "0" or "0,1"); returns a Measured."""
    full = ["taskset", "-c", cpus] + [str(c) for c in cmd]
    with tempfile.TemporaryFile() as err:
        fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
        fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
        try:
            started = time.perf_counter()
            proc = subprocess.Popen(full, stdin=fin, stdout=fout, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin:
                fin.close()
            if stdout:
                fout.close()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    m = Measured(full, wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss, proc.returncode, stderr)
    if check and proc.returncode not in (0, 1):
        raise SystemExit(f"bench: command failed (exit {proc.returncode}): {shlex.join(full)}\n{stderr[-2000:]}")
    return m


def capture(cmd, cpus="0"):
    """Runs `cmd` pinned and returns (Measured, stdout text)."""
    with tempfile.NamedTemporaryFile(delete=False) as out:
        path = out.name
    try:
        m = measure(cmd, cpus, stdout=path)
        with open(path, encoding="utf-8") as f:
            return m, f.read()
    finally:
        os.unlink(path)


def first_json(text):
    start = text.find("{")
    if start < 0:
        raise ValueError("no JSON object in output")
    return json.JSONDecoder().raw_decode(text[start:])[0]


def has_command(annals, *words):
    r = subprocess.run([annals, *words, "--help"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return r.returncode == 0, r.stdout.decode("utf-8", "replace")


def count_failures(stderr):
    return sum(1 for line in stderr.splitlines() if line.startswith("annals: "))


# ---------------------------------------------------------------- sections


def extraction(a, work, reps):
    log("extraction: annals eval extraction (1 core) ...")
    best = None
    for _ in range(reps):
        m, out = capture([a.annals, "eval", "extraction", os.path.join(a.data, "extraction", "scrapinghub"), "--show", "1000", "--format", "json"])
        rep = first_json(out)
        if best is None or rep["pages_per_second"] > best["pages_per_second"]:
            best = rep
    r = {"annals_eval": best}

    log("extraction: annals extract <dir> --format jsonl, end to end (1 core) ...")
    runs = []
    for _ in range(reps):
        out = os.path.join(work, "annals-extract.jsonl")
        runs.append(measure([a.annals, "extract", os.path.join(work, "pages"), "--format", "jsonl", "--quiet"], "0", stdout=out))
    m = min(runs, key=lambda x: x.wall)
    pages = len(os.listdir(os.path.join(work, "pages")))
    r["annals_e2e"] = {"seconds": m.wall, "pages_per_second": pages / m.wall, "rss_mb": m.rss_mb, "command": "annals extract <181 decompressed pages> --format jsonl"}

    # The same scorer for everyone: check it reproduces annals' own figure on annals' own output.
    gold = json.load(open(os.path.join(work, "gold.json"), encoding="utf-8"))
    predicted = {}
    for line in open(os.path.join(work, "annals-extract.jsonl"), encoding="utf-8"):
        doc = json.loads(line)
        pid = os.path.basename(doc.get("source", "")).split(".")[0]
        predicted[pid] = doc.get("text", "")
    mine = scorer.score(gold, predicted)
    # page by page too: annals eval lists every page with --show 1000
    per_page = {p["id"]: (p["precision"], p["recall"]) for p in best.pop("worst")}
    best.pop("slowest", None)
    pages_differing = sum(
        1 for pid, (p, rc) in per_page.items() if max(abs(x - y) for x, y in zip(scorer.page_scores(gold[pid], predicted.get(pid, "")), (p, rc))) > 1e-9
    )
    r["scorer_check"] = {"python_on_annals_extract": mine["f1"], "annals_eval": best["f1"], "difference": abs(mine["f1"] - best["f1"]), "pages_differing": pages_differing}
    log(f"extraction: scorer check: Python scorer on annals' output F1 {mine['f1']:.4f}, annals eval F1 {best['f1']:.4f}")

    for variant, extra in (("trafilatura", []), ("trafilatura_metadata", ["--metadata"])):
        log(f"extraction: Python trafilatura{' with metadata' if extra else ''} (1 core) ...")
        m, out = capture([a.python, os.path.join(HERE, "peer_extract.py"), os.path.join(work, "pages.jsonl"), "--reps", reps, *extra])
        res = json.loads(out)
        s = scorer.score(gold, res.pop("texts"))
        res.update({"f1": s["f1"], "precision": s["precision"], "recall": s["recall"]})
        r[variant] = res
    return r


def analysis(a, work, reps):
    texts = os.path.join(work, "texts.jsonl")
    words = sum(len(json.loads(line)["text"].split()) for line in open(texts, encoding="utf-8"))
    docs = sum(1 for _ in open(texts, encoding="utf-8"))
    one = os.path.join(work, "one.jsonl")
    with open(one, "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "The minister met reporters in Paris on Monday."}) + "\n")
    r = {"documents": docs, "words": words}

    log(f"analysis: annals analyze on {docs} English article bodies, {words} words (1 core) ...")
    startup = min(measure([a.annals, "analyze", one, "--format", "jsonl", "--quiet"], "0").wall for _ in range(reps))
    runs = [measure([a.annals, "analyze", texts, "--format", "jsonl", "--quiet"], "0") for _ in range(reps)]
    m = min(runs, key=lambda x: x.wall)
    work_s = max(m.wall - startup, 1e-6)
    r["annals"] = {"seconds": m.wall, "startup_seconds": startup, "words_per_second": words / work_s, "words_per_second_with_startup": words / m.wall, "rss_mb": m.rss_mb, "failures": count_failures(m.stderr)}

    log("analysis: spaCy en_core_web_sm full pipeline (1 core) ...")
    _, out = capture([a.python, os.path.join(HERE, "peer_spacy.py"), "speed", texts, "--reps", reps])
    r["spacy"] = json.loads(out)

    uner = os.path.join(a.data, "nlp", "uner-ewt", "en_ewt-ud-test.iob2")
    log("analysis: NER F1 on UNER English-EWT test: spaCy (takes a minute or two) ...")
    _, out = capture([a.python, os.path.join(HERE, "peer_spacy.py"), "ner", uner], cpus=a.all_cpus)
    r["spacy_ner"] = json.loads(out)

    r["annals_ner"] = annals_ner(a)
    return r


def annals_ner(a):
    """annals' NER F1 on UNER EWT test, from whichever eval command the build has."""
    for words, pick in (
        (("eval", "ner"), lambda j: j.get("ner_uner_test", j).get("f1")),
        (("eval", "language"), lambda j: j["ner_uner_test"]["f1"]),
    ):
        ok, _ = has_command(a.annals, *words)
        if not ok:
            continue
        log(f"analysis: NER F1 on UNER English-EWT test: annals {' '.join(words)} ...")
        m, out = capture([a.annals, *words, "--format", "json"], cpus=a.all_cpus)
        try:
            f1 = pick(first_json(out))
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            log(f"analysis: could not read the NER F1 from `annals {' '.join(words)}`: {e}")
            continue
        return {"f1": f1, "command": f"annals {' '.join(words)} --format json"}
    return None


def end_to_end(a, work, records):
    warc1 = os.path.join(work, "bench-1x.warc.gz")
    warc4 = os.path.join(work, "bench-4x.warc.gz")
    log(f"end to end: writing WARC files of {records} and {4 * records} response records ...")
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "prepare.py"), "warc", a.data, os.path.join(a.repo, "samples"), warc1, str(records), warc4, str(4 * records)],
        check=True,
        stdout=subprocess.PIPE,
    ).stdout
    info = json.loads(out)
    log(f"end to end: WARC files written in {time.perf_counter() - started:.0f} s ({info['bytes'] / 1e6:.0f} MB and {info['bytes4'] / 1e6:.0f} MB)")

    ingest, help_text = has_command(a.annals, "ingest")
    threads_flag = "--threads" in help_text

    def command(path, cores, db):
        if ingest:
            cmd = [a.annals, "ingest", path, "--db", db, "--quiet"]
            if threads_flag:
                cmd += ["--threads", str(cores)]
            return cmd
        return [a.annals, "extract", path, "--format", "jsonl", "--quiet"]

    r = {"warc": info, "measured": "annals ingest <warc> --db <new SQLite file>" if ingest else "annals extract <warc> --format jsonl > /dev/null (annals ingest not built yet)", "runs": []}
    plan = [("1x", warc1, records, 1), ("1x", warc1, records, 2), ("4x", warc4, 4 * records, 2)]
    if a.cores < 2:
        plan = [p for p in plan if p[3] == 1] + [("4x", warc4, 4 * records, 1)]
    for size, path, n, cores in plan:
        db = os.path.join(work, f"bench-{size}-{cores}.db")
        cpus = ",".join(str(c) for c in sorted(os.sched_getaffinity(0))[:cores])
        log(f"end to end: {size} ({n} records) on {cores} core(s): {shlex.join(os.path.basename(c) if i == 0 else c for i, c in enumerate(command(path, cores, db)))} ...")
        m = measure(command(path, cores, db), cpus)
        size_bytes = os.path.getsize(path)
        r["runs"].append(
            {
                "size": size,
                "records": n,
                "cores": cores,
                "seconds": m.wall,
                "articles_per_second": n / m.wall,
                "mb_per_second": size_bytes / 1e6 / m.wall,
                "html_mb_per_second": info["html_bytes"] * (n / records) / 1e6 / m.wall,
                "cpu_use": m.cpu / m.wall,
                "rss_mb": m.rss_mb,
                "failures": count_failures(m.stderr),
                "exit": m.rc,
            }
        )
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.unlink(f)
    return r


# ---------------------------------------------------------------- table


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def ratio(x, y):
    return "n/a" if x is None or y in (None, 0) else f"{x / y:.2f}×"


def met(ok):
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def table(res):
    ex, an, e2e = res["extraction"], res["analysis"], res["end_to_end"]
    tv = ex["trafilatura"]["version"]
    rows = []
    a_pps, t_pps, tm_pps = ex["annals_eval"]["pages_per_second"], ex["trafilatura"]["pages_per_second"], ex["trafilatura_metadata"]["pages_per_second"]
    rows.append(["Extraction speed, 1 core, pages/s (extraction only)", "181 ScrapingHub pages", fmt(a_pps), f"trafilatura {tv}: {fmt(t_pps)}", ratio(a_pps, t_pps), "≥ 3×", met(a_pps / t_pps >= TARGETS["extraction"])])
    rows.append(["Extraction F1 (benchmark scorer, same code for both)", "181 ScrapingHub pages", fmt(ex["annals_eval"]["f1"], 3), f"trafilatura {tv}: {fmt(ex['trafilatura']['f1'], 3)}", ratio(ex["annals_eval"]["f1"], ex["trafilatura"]["f1"]), "", ""])
    rows.append(["Extraction speed vs trafilatura with metadata, pages/s", "181 ScrapingHub pages", fmt(a_pps), f"trafilatura {tv}, `with_metadata=True`: {fmt(tm_pps)} (F1 {fmt(ex['trafilatura_metadata']['f1'], 3)})", ratio(a_pps, tm_pps), "≥ 3×", met(a_pps / tm_pps >= TARGETS["extraction"])])
    rows.append(["Extraction end to end, 1 core, pages/s (`annals extract <dir>`, wall clock, process start included)", "181 pages, decompressed, on disk", fmt(ex["annals_e2e"]["pages_per_second"]), f"trafilatura {tv} (in memory): {fmt(t_pps)}", ratio(ex["annals_e2e"]["pages_per_second"], t_pps), "", ""])

    aw, sw = an["annals"]["words_per_second"], an["spacy"]["words_per_second"]
    rows.append([f"Analysis speed, 1 core, words/s (full pipeline)", f"{an['documents']} English ScrapingHub article bodies, {an['words']:,} words", fmt(aw, 0), f"spaCy {an['spacy']['spacy']} en_core_web_sm: {fmt(sw, 0)}", ratio(aw, sw), "≥ 20×", met(aw / sw >= TARGETS["analysis"])])
    an_f1 = an["annals_ner"]["f1"] if an["annals_ner"] else None
    rows.append(["NER F1 (PER/ORG/LOC, exact span, gold tokens)", "UNER English-EWT test", fmt(an_f1, 3) if an_f1 is not None else "n/a (stage not built yet)", f"spaCy en_core_web_sm: {fmt(an['spacy_ner']['f1'], 3)}", ratio(an_f1, an["spacy_ner"]["f1"]), "", ""])

    runs = e2e["runs"]
    one = next((r for r in runs if r["size"] == "1x" and r["cores"] == 1), None)
    two = next((r for r in runs if r["size"] == "1x" and r["cores"] == 2), None)
    four = next((r for r in runs if r["size"] == "4x"), None)
    what = "`annals ingest` → SQLite" if e2e["measured"].startswith("annals ingest") else "`annals extract --format jsonl` (ingest not built yet)"
    w = e2e["warc"]
    if one:
        rows.append([f"End to end, HTML → {'stored events' if what.startswith('`annals ingest') else 'extracted articles'}, 1 core, articles/s ({what})", f"WARC, {one['records']:,} records, {w['bytes'] / 1e6:,.0f} MB gz", fmt(one["articles_per_second"]), "", "", "≥ 200/core", met(one["articles_per_second"] >= TARGETS["articles_per_core"])])
    if two:
        rows.append([f"End to end, 2 cores, articles/s (CPU use {two['cpu_use']:.2f} cores)", "same WARC", fmt(two["articles_per_second"]), "", f"{two['articles_per_second'] / one['articles_per_second']:.2f}× the 1-core figure" if one else "", "≥ 400 on 2", met(two["articles_per_second"] >= 2 * TARGETS["articles_per_core"])])
    for r in runs:
        rows.append([f"End to end {r['size']}, {r['cores']} core(s): time, MB/s (gz / HTML), peak RSS", f"{r['records']:,} records", f"{fmt(r['seconds'])} s, {fmt(r['mb_per_second'])} / {fmt(r['html_mb_per_second'])} MB/s, {fmt(r['rss_mb'], 0)} MB", "", "", "< 300 MB", met(r["rss_mb"] < TARGETS["memory_mb"])])
    if two and four:
        rows.append(["Peak memory growth, 4× input vs 1× (same cores)", f"{four['records']:,} vs {two['records']:,} records", f"{four['rss_mb'] / two['rss_mb']:.2f}× ({fmt(two['rss_mb'], 0)} → {fmt(four['rss_mb'], 0)} MB)", "", "", "flat", met(four["rss_mb"] < TARGETS["memory_mb"] and four["rss_mb"] <= 1.2 * two["rss_mb"])])

    head = ["measure", "input", "annals", "peer", "annals / peer", "target", "met"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def details(res):
    ex, an, e2e, env = res["extraction"], res["analysis"], res["end_to_end"], res["env"]
    out = []
    out.append(f"- Command: `{env['command']}`{' (quick run: smaller inputs, one pass)' if env['quick'] else ''}")
    out.append(f"- Machine: {env['machine']}; load before: `{env['uptime_before']}`; after: `{env['uptime_after']}`")
    out.append(f"- annals: {env['annals_version']}, commit {env['commit']}, built with `cargo build --release --locked -p annals-cli`; {env['rustc']}")
    out.append(f"- Python {env['python']}; packages: {env['packages']}")
    sc = ex["scorer_check"]
    out.append(
        f"- Scorer check: the Python scorer (bench/lib/scorer.py) gives F1 {sc['python_on_annals_extract']:.4f} on `annals extract`'s output; "
        f"`annals eval extraction` reports {sc['annals_eval']:.4f} (difference {sc['difference']:.1e}; pages whose precision or recall differ: {sc['pages_differing']})."
    )
    out.append(
        f"- Extraction: annals' pages/s is `annals eval extraction`'s (parsing and extraction of pages already in memory, one thread); "
        f"trafilatura's is `trafilatura.extract(html, url=url)` on pages already in memory; fastest of {env['reps']} passes each. "
        f"annals F1 P {ex['annals_eval']['precision']:.3f} R {ex['annals_eval']['recall']:.3f}; trafilatura P {ex['trafilatura']['precision']:.3f} R {ex['trafilatura']['recall']:.3f}."
    )
    a = an["annals"]
    out.append(
        f"- Analysis: `annals analyze texts.jsonl --format jsonl` took {a['seconds']:.2f} s wall of which {a['startup_seconds']:.2f} s is process start and model loading "
        f"(measured on a one-sentence input and subtracted, since spaCy's load is not timed either; with it: {a['words_per_second_with_startup']:,.0f} words/s); "
        f"peak RSS {a['rss_mb']:.0f} MB. spaCy: `nlp.pipe(texts)` with {', '.join(an['spacy']['pipeline'])}, {an['spacy']['seconds']:.2f} s. Words are whitespace-separated words of the input, for both."
    )
    sn = an["spacy_ner"]
    out.append(
        f"- NER: spaCy P {sn['precision']:.3f} R {sn['recall']:.3f} F1 {sn['f1']:.3f} ({sn['correct']}/{sn['predicted']} predicted, {sn['gold']} gold; per type "
        + ", ".join(f"{k} {v:.3f}" for k, v in sn["f1_by_type"].items())
        + "); labels PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC. "
        + (f"annals: `{an['annals_ner']['command']}`." if an["annals_ner"] else "annals: no NER evaluation command in this build.")
    )
    w = e2e["warc"]
    out.append(
        f"- End to end: measured `{e2e['measured']}`. WARC in the Common Crawl layout (warcinfo + one gzip member per response record), "
        f"{w['records']:,} response records ({w['bytes'] / 1e6:,.0f} MB gz, {w['html_bytes'] / 1e6:,.0f} MB HTML) and {w['records4']:,} ({w['bytes4'] / 1e6:,.0f} MB gz), "
        f"built from {w['distinct_pages']} distinct pages (181 ScrapingHub + the sample corpus's HTML pages) repeated with distinct target URIs. "
        "Peak RSS from wait4 (ru_maxrss) of the annals process."
    )
    for r in e2e["runs"]:
        if r["failures"] or r["exit"]:
            out.append(f"  - {r['size']} on {r['cores']} core(s): exit {r['exit']}, {r['failures']} documents reported failed")
    return "\n".join(out)


def environment(a):
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=a.repo).stdout.decode().strip()
        except OSError:
            return "?"

    model = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip() or platform.processor()
    freeze = sh(f"{shlex.quote(a.python)} -m pip freeze")
    wanted = ("trafilatura", "spacy", "en_core_web_sm", "en-core-web-sm", "lxml", "htmldate", "justext", "thinc", "numpy")
    packages = ", ".join(l for l in freeze.splitlines() if l.lower().startswith(wanted))
    py = sh(f"{shlex.quote(a.python)} -c 'import platform; print(platform.python_version())'")
    return {
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {model}",
        "machine_slug": f"{os.cpu_count()}-cores-" + "-".join("".join(ch if ch.isalnum() else " " for ch in model).split()).lower(),
        "uptime_before": sh("uptime"),
        "rustc": sh("rustc --version"),
        "annals_version": sh(f"{shlex.quote(a.annals)} --version"),
        "commit": sh("git rev-parse --short HEAD") + (" (with uncommitted changes)" if sh("git status --porcelain --untracked-files=no") else ""),
        "python": py,
        "packages": packages,
        "command": a.command,
        "quick": a.quick,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--annals", required=True)
    ap.add_argument("--python", required=True, help="the virtual environment's python (with the peers)")
    ap.add_argument("--data", required=True, help="the shared data folder (holds extraction/, nlp/)")
    ap.add_argument("--repo", required=True)
    ap.add_argument("--work", required=True, help="a scratch folder")
    ap.add_argument("--results", required=True, help="folder under which <date>-<machine>/ is written")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--command", default="bench/run")
    a = ap.parse_args()
    a.cores = min(len(os.sched_getaffinity(0)), 2)
    a.all_cpus = ",".join(str(c) for c in sorted(os.sched_getaffinity(0)))
    reps = 1 if a.quick else 3
    records = 1000 if a.quick else 10000

    env = environment(a)
    env["reps"] = reps
    log(f"{env['machine']}; {env['uptime_before']}")
    started = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "prepare.py"), "pages", a.data, a.work], check=True, stdout=subprocess.DEVNULL)
    res = {"env": env}
    res["extraction"] = extraction(a, a.work, reps)
    res["analysis"] = analysis(a, a.work, reps)
    res["end_to_end"] = end_to_end(a, a.work, records)
    env["uptime_after"] = subprocess.run(["uptime"], stdout=subprocess.PIPE).stdout.decode().strip()
    env["minutes"] = (time.perf_counter() - started) / 60

    tab = table(res)
    det = details(res)
    folder = os.path.join(a.results, f"{env['date']}-{env['machine_slug']}" + ("-quick" if a.quick else ""))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "table.md"), "w", encoding="utf-8") as f:
        f.write(f"# annals benchmark, {env['date']}, {env['machine']}\n\n{tab}\n\n{det}\n- Run time: {env['minutes']:.1f} minutes.\n")
    with open(os.path.join(folder, "results.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1)
    print(tab)
    print()
    print(det)
    log(f"done in {env['minutes']:.1f} minutes; written to {os.path.relpath(folder, a.repo)}/table.md")


if __name__ == "__main__":
    main()
