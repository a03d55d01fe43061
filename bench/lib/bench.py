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
import math
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


_STARTED = time.perf_counter()


def log(msg):
    t = int(time.perf_counter() - _STARTED)
    print(f"bench [{t // 60:2d}:{t % 60:02d}]: {msg}", file=sys.stderr, flush=True)


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
    """annals and trafilatura passes alternate, so that both see the same load."""
    sh = os.path.join(a.data, "extraction", "scrapinghub")
    pages_dir = os.path.join(work, "pages")
    pages = len(os.listdir(pages_dir))
    annals_out = os.path.join(work, "annals-extract.jsonl")
    best = e2e = None
    peers = {"trafilatura": None, "trafilatura_metadata": None}
    for rep in range(reps):
        log(f"extraction, pass {rep + 1}/{reps}: annals eval extraction (1 core)")
        _, out = capture([a.annals, "eval", "extraction", sh, "--show", "1000", "--format", "json"])
        rep_eval = first_json(out)
        if best is None or rep_eval["pages_per_second"] > best["pages_per_second"]:
            best = rep_eval
        log(f"extraction, pass {rep + 1}/{reps}: annals extract <dir> --format jsonl (1 core)")
        m = measure([a.annals, "extract", pages_dir, "--format", "jsonl", "--quiet"], "0", stdout=annals_out)
        if e2e is None or m.wall < e2e.wall:
            e2e = m
        for variant, extra in (("trafilatura", []), ("trafilatura_metadata", ["--metadata"])):
            log(f"extraction, pass {rep + 1}/{reps}: Python trafilatura{' with metadata' if extra else ''} (1 core)")
            _, out = capture([a.python, os.path.join(HERE, "peer_extract.py"), os.path.join(work, "pages.jsonl"), "--reps", "1", *extra])
            res = json.loads(out)
            old = peers[variant]
            if old is not None:
                res["cpu_seconds"] = min(res["cpu_seconds"], old["cpu_seconds"])
            if old is None or res["pages_per_second"] > old["pages_per_second"]:
                peers[variant] = res
            else:
                old["cpu_seconds"] = res["cpu_seconds"]
    r = {"annals_eval": best}
    r["annals_e2e"] = {"seconds": e2e.wall, "cpu_seconds": e2e.cpu, "pages_per_second": pages / e2e.wall, "rss_mb": e2e.rss_mb}

    # The same scorer for everyone: it must reproduce annals' own figure on annals' own output.
    gold = json.load(open(os.path.join(work, "gold.json"), encoding="utf-8"))
    predicted = {}
    for line in open(annals_out, encoding="utf-8"):
        doc = json.loads(line)
        predicted[os.path.basename(doc.get("source", "")).split(".")[0]] = doc.get("text", "")
    mine = scorer.score(gold, predicted)
    per_page = {p["id"]: (p["precision"], p["recall"]) for p in best.pop("worst")}
    best.pop("slowest", None)
    differing = sum(1 for pid, pr in per_page.items() if max(abs(x - y) for x, y in zip(scorer.page_scores(gold[pid], predicted.get(pid, "")), pr)) > 1e-9)
    r["scorer_check"] = {"python_on_annals_extract": mine["f1"], "annals_eval": best["f1"], "difference": abs(mine["f1"] - best["f1"]), "pages_differing": differing}
    log(f"extraction: scorer check: Python scorer on annals' output F1 {mine['f1']:.4f}, annals eval F1 {best['f1']:.4f}, {differing} pages differ")

    for variant, res in peers.items():
        s = scorer.score(gold, res.pop("texts"))
        res.update({"f1": s["f1"], "precision": s["precision"], "recall": s["recall"]})
        r[variant] = res
    return r


LAYERS = ("sentences", "entities", "times", "places", "quotes", "events")


def crashed(m):
    """A process that ended by a panic or a signal rather than with exit status 0, 1 or 2."""
    return m.rc not in (0, 1, 2)


def panic_message(stderr):
    """The panic line (or the end of standard error), made safe to quote in Markdown."""
    return _panic_message(stderr).replace("`", "'").replace("|", "/")


def _panic_message(stderr):
    for line in stderr.splitlines():
        if "panicked at" in line:
            i = stderr.splitlines().index(line)
            return " ".join(stderr.splitlines()[i : i + 2])[:300]
    return stderr.strip()[-300:]


def analysis(a, work, reps):
    texts = os.path.join(work, "texts.jsonl")
    lines = open(texts, encoding="utf-8").read().splitlines()
    one = os.path.join(work, "one.jsonl")
    with open(one, "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "The minister met reporters in Paris on Monday."}) + "\n")
    r = {"english_documents": len(lines)}

    log(f"analysis: annals analyze on {len(lines)} English article bodies (1 core)")
    out = os.path.join(work, "annals-analyze.jsonl")
    first = measure([a.annals, "analyze", texts, "--format", "jsonl", "--quiet"], "0", stdout=out, check=False)
    if crashed(first):
        # A crash is a finding, not the end of the benchmark: find the texts that crash it,
        # report them, and measure both annals and spaCy on the others.
        log(f"analysis: annals analyze crashed (exit {first.rc}): {panic_message(first.stderr)}")
        log("analysis: running each text alone to find the ones that crash it")
        bad, message = [], panic_message(first.stderr)
        single = os.path.join(work, "single.jsonl")
        for i, line in enumerate(lines):
            with open(single, "w", encoding="utf-8") as f:
                f.write(line + "\n")
            m = measure([a.annals, "analyze", single, "--format", "jsonl", "--quiet"], "0", check=False)
            if crashed(m):
                bad.append(i)
                message = panic_message(m.stderr)
        r["crash"] = {"documents": len(bad), "of": len(lines), "message": message}
        lines = [line for i, line in enumerate(lines) if i not in set(bad)]
        texts = os.path.join(work, "texts-ok.jsonl")
        with open(texts, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        log(f"analysis: {len(bad)} of {len(bad) + len(lines)} texts crash annals analyze; both sides are measured on the other {len(lines)}")
        first = measure([a.annals, "analyze", texts, "--format", "jsonl", "--quiet"], "0", stdout=out, check=False)
        if crashed(first):
            raise SystemExit(f"bench: annals analyze still crashes on the remaining texts: {panic_message(first.stderr)}")
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    r.update({"documents": len(lines), "words": words})
    layers = {k: [0, 0] for k in LAYERS}
    for line in open(out, encoding="utf-8"):
        doc = json.loads(line)
        for k in LAYERS:
            n = len(doc.get(k) or [])
            layers[k][0] += n > 0
            layers[k][1] += n
    starts = [measure([a.annals, "analyze", one, "--format", "jsonl", "--quiet"], "0") for _ in range(reps)]
    startup = min(starts, key=lambda m: m.wall)
    # A pass shorter than a few seconds is mostly noise: the same texts go through several times over.
    times = max(1, min(20, math.ceil(3.0 / max(first.wall - startup.wall, 0.05))))
    repeated = os.path.join(work, "texts-repeated.jsonl")
    with open(repeated, "w", encoding="utf-8") as f:
        for _ in range(times):
            f.write("\n".join(lines) + "\n")
    log(f"analysis: annals analyze, the texts {times} times over, {reps} pass(es)")
    runs = [measure([a.annals, "analyze", repeated, "--format", "jsonl", "--quiet"], "0") for _ in range(reps)]
    m = min(runs, key=lambda x: x.wall)
    total = words * times
    r["annals"] = {
        "times_over": times,
        "seconds": m.wall,
        "startup_seconds": startup.wall,
        "words_per_second": total / max(m.wall - startup.wall, 1e-6),
        "words_per_second_with_startup": total / m.wall,
        "cpu_seconds_per_pass": (min(x.cpu for x in runs) - startup.cpu) / times,
        "rss_mb": m.rss_mb,
        "failures": count_failures(m.stderr),
        "layers": {k: {"documents": d, "items": n} for k, (d, n) in layers.items()},
    }

    log("analysis: spaCy en_core_web_sm full pipeline (1 core)")
    _, out = capture([a.python, os.path.join(HERE, "peer_spacy.py"), "speed", texts, "--reps", str(min(reps, 2))])
    r["spacy"] = json.loads(out)

    uner = os.path.join(a.data, "nlp", "uner-ewt", "en_ewt-ud-test.iob2")
    log("analysis: NER F1 on UNER English-EWT test: spaCy (a minute or two)")
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
        log(f"analysis: NER F1 on UNER English-EWT test: annals {' '.join(words)}")
        m, out = capture([a.annals, *words, "--format", "json"], cpus=a.all_cpus)
        try:
            f1 = pick(first_json(out))
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            log(f"analysis: could not read the NER F1 from `annals {' '.join(words)}`: {e}")
            continue
        if isinstance(f1, (int, float)):
            found = {"f1": f1, "command": f"annals {' '.join(words)} --format json"}
            stage = first_json(out).get("ner_uner_test_stage")
            if isinstance(stage, dict) and isinstance(stage.get("f1"), (int, float)):
                # the whole entity stage, document by document (the figure above is the tagger, sentence by sentence, as spaCy is run)
                found["stage_f1"] = stage["f1"]
            return found
    return None


def end_to_end(a, work, records):
    warc1 = os.path.join(work, "bench-1x.warc.gz")
    warc4 = os.path.join(work, "bench-4x.warc.gz")
    warcq = os.path.join(work, "bench-quarter.warc.gz")
    quarter_n = max(records // 4, 1)
    log(f"end to end: writing WARC files of {records:,}, {4 * records:,} and {quarter_n:,} response records")
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "prepare.py"), "warc", a.data, os.path.join(a.repo, "samples"), f"{warc1}:{records}", f"{warc4}:{4 * records}", f"{warcq}:{quarter_n}"],
        check=True,
        stdout=subprocess.PIPE,
    ).stdout
    made = json.loads(out)
    f1, f4 = made["files"][0], made["files"][1]
    info = {"records": f1["records"], "bytes": f1["bytes"], "html_bytes": f1["html_bytes"], "records4": f4["records"], "bytes4": f4["bytes"], "distinct_pages": made["distinct_pages"]}
    html_of = {f["path"]: f["html_bytes"] for f in made["files"]}
    log(f"end to end: WARC files written in {time.perf_counter() - started:.0f} s ({info['bytes'] / 1e6:,.0f} MB and {info['bytes4'] / 1e6:,.0f} MB)")

    ingest, help_text = has_command(a.annals, "ingest")
    threads_flag = "--threads" in help_text

    def command(path, cores, db):
        if ingest:
            cmd = [a.annals, "ingest", path, "--db", db, "--quiet"]
            return cmd + (["--threads", str(cores)] if threads_flag else [])
        return [a.annals, "extract", path, "--format", "jsonl", "--quiet"]

    r = {
        "warc": info,
        "measured": "annals ingest <warc> --db <new SQLite file>" + (" --threads <cores>" if threads_flag else "")
        if ingest
        else "annals extract <warc> --format jsonl > /dev/null (annals ingest is not built yet)",
        "runs": [],
    }
    # The two long runs (1x and 4x) use the setting the command runs best in: all cores for
    # `annals ingest` (threads), one core for `annals extract` (single-threaded). The other
    # core count gets a quarter-size run: articles/s does not need 10,000 records.
    quarter = ("1x/4", warcq, quarter_n)
    if ingest and a.cores >= 2:
        plan = [(*quarter, 1), ("1x", warc1, records, 2), ("4x", warc4, 4 * records, 2)]
    else:
        plan = [("1x", warc1, records, 1), ("4x", warc4, 4 * records, 1)] + ([(*quarter, 2)] if a.cores >= 2 else [])
    json_flag = ingest and "--json" in help_text
    for size, path, n, cores in plan:
        db = os.path.join(work, f"bench-{size.replace('/', '-')}-{cores}.db")
        cpus = ",".join(str(c) for c in sorted(os.sched_getaffinity(0))[:cores])
        cmd = command(path, cores, db) + (["--json"] if json_flag else [])
        log(f"end to end: {size} ({n:,} records) on {cores} core(s): {shlex.join(['annals'] + cmd[1:])}")
        summary_path = os.path.join(work, "ingest-summary.json") if json_flag else None
        m = measure(cmd, cpus, stdout=summary_path, check=False)
        if m.rc == 2 or crashed(m):
            log(f"end to end: the command failed (exit {m.rc}): {panic_message(m.stderr)}")
        summary = None
        if summary_path:
            try:
                summary = first_json(open(summary_path, encoding="utf-8").read())
            except ValueError:
                summary = None
        size_bytes = os.path.getsize(path)
        r["runs"].append(
            {
                "size": size,
                "records": n,
                "cores": cores,
                "seconds": m.wall,
                "articles_per_second": n / m.wall,
                "mb_per_second": size_bytes / 1e6 / m.wall,
                "html_mb_per_second": html_of[path] / 1e6 / m.wall,
                "cpu_use": m.cpu / m.wall,
                "rss_mb": m.rss_mb,
                "failures": count_failures(m.stderr),
                "exit": m.rc,
                "crash": panic_message(m.stderr) if (m.rc == 2 or crashed(m)) else None,
                "summary": summary,
            }
        )
        if not r["runs"][-1]["crash"]:
            log(f"end to end: {n / m.wall:,.1f} articles/s, peak RSS {m.rss_mb:,.0f} MB, {m.wall:,.0f} s")
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.unlink(f)
    return r


# ---------------------------------------------------------------- table


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def ratio(x, y):
    return "n/a" if x is None or y in (None, 0) else f"**{x / y:.2f}×**"


def met(ok):
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def filled_layers(an):
    return [k for k, v in an["annals"]["layers"].items() if v["items"] > 0]


def table(res):
    ex, an, e2e = res["extraction"], res["analysis"], res["end_to_end"]
    tv = ex["trafilatura"]["version"]
    rows = []
    a_pps, t_pps, tm_pps = ex["annals_eval"]["pages_per_second"], ex["trafilatura"]["pages_per_second"], ex["trafilatura_metadata"]["pages_per_second"]
    rows.append(["Extraction speed, 1 core, pages/s (extraction only, pages in memory)", "181 ScrapingHub pages", fmt(a_pps), f"trafilatura {tv} `extract()`: {fmt(t_pps)}", ratio(a_pps, t_pps), "≥ 3×", met(a_pps / t_pps >= TARGETS["extraction"])])
    a_cpu, t_cpu = ex["annals_e2e"]["cpu_seconds"], ex["trafilatura"]["cpu_seconds"]
    rows.append(["Extraction CPU time for the 181 pages, s (annals: whole `annals extract <dir>` process; trafilatura: the `extract()` calls)", "181 ScrapingHub pages", fmt(a_cpu, 2), f"trafilatura {tv}: {fmt(t_cpu, 2)}", ratio(t_cpu, a_cpu) + " less CPU" if a_cpu else "n/a", "≥ 3×", met(t_cpu / a_cpu >= TARGETS["extraction"]) if a_cpu else "n/a"])
    rows.append(["Extraction F1 (benchmark scorer, the same code for both)", "181 ScrapingHub pages", fmt(ex["annals_eval"]["f1"], 3), f"trafilatura {tv}: {fmt(ex['trafilatura']['f1'], 3)}", ratio(ex["annals_eval"]["f1"], ex["trafilatura"]["f1"]), "", ""])
    rows.append(["Extraction speed vs trafilatura with metadata (annals always extracts title, authors, date, site, language)", "181 ScrapingHub pages", fmt(a_pps), f"trafilatura {tv} `bare_extraction(with_metadata=True)`: {fmt(tm_pps)} (F1 {fmt(ex['trafilatura_metadata']['f1'], 3)})", ratio(a_pps, tm_pps), "", ""])
    rows.append(["Extraction end to end, 1 core, pages/s (`annals extract <dir> --format jsonl`, wall clock, process start and file reading included)", "181 pages, decompressed, on disk", fmt(ex["annals_e2e"]["pages_per_second"]), f"trafilatura {tv} (in memory): {fmt(t_pps)}", ratio(ex["annals_e2e"]["pages_per_second"], t_pps), "", ""])

    aw, sw = an["annals"]["words_per_second"], an["spacy"]["words_per_second"]
    layers = filled_layers(an)
    what = f"layers filled: {', '.join(layers)}" if layers else "**no analysis stage on this build yet**: text intake only"
    if an.get("crash"):
        c = an["crash"]
        what += f"; **{c['documents']} of {c['of']} texts crash `annals analyze`** and are left out for both"
    rows.append([f"Analysis speed, 1 core, words/s (full pipeline; annals {what})", f"{an['documents']} English ScrapingHub article bodies, {an['words']:,} words", fmt(aw, 0), f"spaCy {an['spacy']['spacy']} en_core_web_sm: {fmt(sw, 0)}", ratio(aw, sw), "≥ 20×", met(aw / sw >= TARGETS["analysis"]) if layers else "n/a (nothing to compare yet)"])
    a_cpu, s_cpu = an["annals"]["cpu_seconds_per_pass"], an["spacy"]["cpu_seconds"]
    rows.append(["Analysis CPU time for one pass over the texts, s (annals: process CPU less start-up)", "same texts", fmt(a_cpu, 2), f"spaCy en_core_web_sm: {fmt(s_cpu, 2)}", (ratio(s_cpu, a_cpu) + " less CPU") if a_cpu > 0 else "n/a", "≥ 20×", (met(s_cpu / a_cpu >= TARGETS["analysis"]) if layers else "n/a") if a_cpu > 0 else "n/a"])
    an_f1 = an["annals_ner"]["f1"] if an["annals_ner"] else None
    stage_f1 = an["annals_ner"].get("stage_f1") if an["annals_ner"] else None
    an_cell = "n/a (stage not built yet)" if an_f1 is None else fmt(an_f1, 3) + (f" (whole entity stage, per document: {fmt(stage_f1, 3)})" if stage_f1 is not None else "")
    rows.append(["NER F1 (PER/ORG/LOC, exact span, gold tokens, sentence by sentence)", "UNER English-EWT test", an_cell, f"spaCy en_core_web_sm: {fmt(an['spacy_ner']['f1'], 3)}", ratio(an_f1, an["spacy_ner"]["f1"]), "", ""])

    failed_runs = [r for r in e2e["runs"] if r.get("crash")]
    runs = [r for r in e2e["runs"] if not r.get("crash")]
    for r in failed_runs:
        rows.append([f"End to end {r['size']}, {r['cores']} core(s)", f"{r['records']:,} records", f"**failed** (exit {r['exit']} after {fmt(r['seconds'])} s; see notes)", "", "", "", "**no**"])
    stored = e2e["measured"].startswith("annals ingest")
    what = "`annals ingest` → SQLite" if stored else "`annals extract --format jsonl`; `annals ingest` not built yet"
    one = next((r for r in runs if r["cores"] == 1), None)
    two = next((r for r in runs if r["cores"] == 2), None)
    w = e2e["warc"]
    if one:
        rows.append([f"End to end, HTML → {'stored events' if stored else 'extracted articles'}, 1 core, articles/s ({what})", f"WARC, {one['records']:,} records", fmt(one["articles_per_second"]), "", "", "≥ 200", met(one["articles_per_second"] >= TARGETS["articles_per_core"])])
    if two:
        rows.append([f"End to end, 2 cores, articles/s (CPU use {two['cpu_use']:.2f} cores)", f"WARC, {two['records']:,} records", fmt(two["articles_per_second"]), "", f"{two['articles_per_second'] / one['articles_per_second']:.2f}× the 1-core figure" if one else "", "≥ 400", met(two["articles_per_second"] >= 2 * TARGETS["articles_per_core"])])
    for r in runs:
        rows.append([f"End to end {r['size']}, {r['cores']} core(s): time; MB/s (gz / HTML); peak RSS", f"{r['records']:,} records", f"{fmt(r['seconds'])} s; {fmt(r['mb_per_second'])} / {fmt(r['html_mb_per_second'])} MB/s; {fmt(r['rss_mb'], 0)} MB", "", "", "< 300 MB", met(r["rss_mb"] < TARGETS["memory_mb"])])
    four = next((r for r in runs if r["size"] == "4x"), None)
    base = next((r for r in runs if r["size"] == "1x" and four and r["cores"] == four["cores"]), None)
    if four and base:
        rows.append(["Peak memory, 4× input vs 1× (same cores)", f"{four['records']:,} vs {base['records']:,} records", f"{four['rss_mb'] / base['rss_mb']:.2f}× ({fmt(base['rss_mb'], 0)} → {fmt(four['rss_mb'], 0)} MB)", "", "", "flat, < 300 MB", met(four["rss_mb"] < TARGETS["memory_mb"] and four["rss_mb"] <= 1.2 * base["rss_mb"])])

    head = ["measure", "input", "annals", "peer", "annals / peer", "target", "met"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def details(res):
    ex, an, e2e, env = res["extraction"], res["analysis"], res["end_to_end"], res["env"]
    out = []
    out.append(f"- Command: `{env['command']}`{' (quick run: smaller inputs, one pass)' if env['quick'] else ''}; run time {env['minutes']:.1f} minutes.")
    out.append(f"- Machine: {env['machine']}, shared with other engineers' builds. Load before: `{env['uptime_before']}`; after: `{env['uptime_after']}`.")
    out.append(f"- {env['annals_version']}, commit {env['commit']}, `cargo build --release --locked -p annals-cli`, {env['rustc']}.")
    out.append(f"- Python {env['python']}; {env['packages']}.")
    sc = ex["scorer_check"]
    out.append(
        f"- Scorer check: the Python scorer (bench/lib/scorer.py) gives F1 {sc['python_on_annals_extract']:.4f} on `annals extract`'s output; "
        f"`annals eval extraction` reports {sc['annals_eval']:.4f} (difference {sc['difference']:.1e}; pages whose precision or recall differ: {sc['pages_differing']})."
    )
    out.append(
        f"- Extraction: annals' pages/s is `annals eval extraction`'s (pages already in memory, one thread); trafilatura's is `trafilatura.extract(html, url=url)` "
        f"on pages already in memory. The two alternate, {env['reps']} pass(es) each, and each keeps its fastest pass. "
        f"annals P {ex['annals_eval']['precision']:.3f} R {ex['annals_eval']['recall']:.3f}; trafilatura P {ex['trafilatura']['precision']:.3f} R {ex['trafilatura']['recall']:.3f}. "
        "CPU time does not count the time a process waits for a core, so its ratio moves less with the machine's load than the wall-clock ratio."
    )
    a = an["annals"]
    lay = ", ".join(f"{k} {v['items']:,} in {v['documents']} docs" for k, v in a["layers"].items())
    out.append(
        f"- Analysis: `annals analyze` on the texts {a['times_over']} time(s) over, fastest of {env['reps']}: {a['seconds']:.2f} s wall, of which {a['startup_seconds']:.2f} s is process start "
        f"and model loading (measured on a one-sentence input and subtracted, as spaCy's load is not timed either; with it: {a['words_per_second_with_startup']:,.0f} words/s); "
        f"peak RSS {a['rss_mb']:.0f} MB; layers produced: {lay}. "
        f"spaCy: `nlp.pipe(texts)` with {', '.join(an['spacy']['pipeline'])}: {an['spacy']['seconds']:.2f} s wall, {an['spacy']['cpu_seconds']:.2f} s CPU for one pass "
        f"(annals: {a['cpu_seconds_per_pass']:.2f} s CPU). Words are whitespace-separated words of the input, for both."
    )
    if an.get("crash"):
        c = an["crash"]
        out.append(f"- **annals analyze crashed** on {c['documents']} of {c['of']} English texts, which were left out of the analysis figures of both tools: `{c['message']}`")
    sn = an["spacy_ner"]
    out.append(
        f"- NER: spaCy P {sn['precision']:.3f} R {sn['recall']:.3f} F1 {sn['f1']:.3f} ({sn['correct']} correct of {sn['predicted']} predicted, {sn['gold']} gold; F1 by type "
        + ", ".join(f"{k} {v:.3f}" for k, v in sn["f1_by_type"].items())
        + "), the pipeline run on Docs of the gold tokens, labels PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, others dropped. "
        + (f"annals: `{an['annals_ner']['command']}`." if an["annals_ner"] else "annals: no NER evaluation command in this build (`annals eval ner` / `annals eval language`).")
    )
    w = e2e["warc"]
    out.append(
        f"- End to end: measured `{e2e['measured']}`. WARC files in the Common Crawl layout (warcinfo, then one gzip member per response record), "
        f"{w['records']:,} response records ({w['bytes'] / 1e6:,.0f} MB gz, {w['html_bytes'] / 1e6:,.0f} MB of HTML) and {w['records4']:,} ({w['bytes4'] / 1e6:,.0f} MB gz), "
        f"from {w['distinct_pages']} distinct pages (the 181 ScrapingHub pages and the sample corpus's HTML pages) repeated with distinct target URIs. "
        "Peak RSS is the annals process's ru_maxrss (wait4)."
        + " The 1x and 4x runs use the setting the command runs best in (all cores for `annals ingest`, one core for the single-threaded `annals extract`); "
        "the other core count is measured on a quarter-size file (the first quarter of the 1x records)."
    )
    for r in e2e["runs"]:
        if r.get("crash"):
            out.append(f"  - {r['size']} on {r['cores']} core(s): **the command failed** (exit {r['exit']}): `{r['crash']}`")
        elif r["failures"] or r["exit"]:
            out.append(f"  - {r['size']} on {r['cores']} core(s): exit {r['exit']}, {r['failures']} documents reported failed")
        if r.get("summary"):
            out.append(f"  - {r['size']} on {r['cores']} core(s), ingest summary: " + ", ".join(f"{k} {v}" for k, v in r["summary"].items() if isinstance(v, (int, float))))
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
    if len(sys.argv) == 3 and sys.argv[1] == "--render":
        render(sys.argv[2])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--annals", required=True)
    ap.add_argument("--python", required=True, help="the virtual environment's python (with the peers)")
    ap.add_argument("--data", required=True, help="the shared data folder (holds extraction/, nlp/)")
    ap.add_argument("--repo", required=True)
    ap.add_argument("--work", required=True, help="a scratch folder")
    ap.add_argument("--results", required=True, help="folder under which <date>-<machine>/ is written")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--records", type=int, help="response records in the 1x WARC file")
    ap.add_argument("--command", default="bench/run")
    a = ap.parse_args()
    a.cores = min(len(os.sched_getaffinity(0)), 2)
    a.all_cpus = ",".join(str(c) for c in sorted(os.sched_getaffinity(0)))
    reps = 1 if a.quick else 3
    records = a.records or (1000 if a.quick else 10000)

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

    folder = os.path.join(a.results, f"{env['date']}-{env['machine_slug']}" + ("-quick" if a.quick else ""))
    os.makedirs(folder, exist_ok=True)
    # the figures first: a table that fails to render can be rendered again with --render
    with open(os.path.join(folder, "results.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1)
    render(folder)
    log(f"done in {env['minutes']:.1f} minutes; written to {os.path.relpath(folder, a.repo)}/table.md")


def render(folder):
    """Writes folder/table.md from folder/results.json and prints it."""
    with open(os.path.join(folder, "results.json"), encoding="utf-8") as f:
        res = json.load(f)
    env = res["env"]
    tab, det = table(res), details(res)
    with open(os.path.join(folder, "table.md"), "w", encoding="utf-8") as f:
        f.write(f"# annals benchmark, {env['date']}, {env['machine']}\n\n{tab}\n\n{det}\n")
    print(tab)
    print()
    print(det)


if __name__ == "__main__":
    main()
