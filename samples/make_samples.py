#!/usr/bin/env python3
"""Rebuilds the bundled sample corpus from the Wikinews articles inside GUM.

Usage: python3 samples/make_samples.py [SHARED_DIR]   (default: ../shared)

The 24 GUM news documents are Wikinews articles (CC BY 2.5, attribution in
samples/README.md). Each is written in one of the input formats annals reads,
wrapped in realistic page chrome, so every reader has a sample:
HTML pages, one RSS feed, one WARC file (gzip per record, Common Crawl layout),
scraped text with site chrome, and JSON Lines.
"""
import datetime, gzip, html, io, json, os, re, sys, uuid

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared')
gum = os.path.join(shared, 'data', 'nlp', 'gum', 'dep')
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, 'corpus')

def read_doc(path):
    """Paragraphs as (kind, text); a figure block's first N sentences are its caption."""
    meta, paras, cur, block = {}, [], [], ''

    def close():
        if not cur:
            return
        kind = 'head' if block.startswith('head') else 'p'
        m = re.match(r'figure\b.*?\((\d+) s\)', block)
        if m:
            n = int(m.group(1))
            paras.append(('caption', ' '.join(cur[:n])))
            if cur[n:]:
                paras.append(('p', ' '.join(cur[n:])))
        else:
            paras.append((kind, ' '.join(cur)))

    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('# meta::'):
            k, _, v = line[8:].partition(' = ')
            meta[k] = v
        elif line.startswith('# newpar_block'):
            block = line.split('=', 1)[1].strip()
        elif line == '# newpar':
            close()
            cur, block = [], ''
        elif line.startswith('# text = '):
            cur.append(line[9:])
    close()
    return meta, paras

def parse_dateline(text):
    try:
        return datetime.datetime.strptime(text.strip(), '%A, %B %d, %Y').date()
    except ValueError:
        return None

docs = []
for name in sorted(os.listdir(gum)):
    if not name.startswith('GUM_news_'):
        continue
    meta, paras = read_doc(os.path.join(gum, name))
    slug = name[len('GUM_news_'):-len('.conllu')]
    title = meta.get('title') or paras[0][1]
    body = [(k, t) for k, t in paras if not (k == 'head' and t == title)]
    date = None
    if body and parse_dateline(body[0][1]):
        date = parse_dateline(body[0][1])
        body = body[1:]
    elif body:
        m = re.match(r'^([A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}) (.*)$', body[0][1])
        if m and parse_dateline(m.group(1)):
            date = parse_dateline(m.group(1))
            body[0] = (body[0][0], m.group(2))
    docs.append(dict(slug=slug, title=title, date=date, url=meta['sourceURL'], paras=body))

NAV = ['Home', 'World', 'Politics', 'Science', 'Sports', 'Opinion']

def page(d):
    ps = []
    for kind, text in d['paras']:
        t = html.escape(text)
        if kind == 'caption':
            ps.append(f'<figure><img src="/img/{d["slug"]}.jpg" alt="{t}"><figcaption>{t}</figcaption></figure>')
        elif kind == 'head':
            ps.append(f'<h2>{t}</h2>')
        else:
            ps.append(f'<p>{t}</p>')
    date = d['date'].isoformat() if d['date'] else ''
    nav = ''.join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": d['title'],
                     "datePublished": date, "author": {"@type": "Organization", "name": "Wikinews"},
                     "publisher": {"@type": "Organization", "name": "Wikinews"}}, ensure_ascii=False)
    return f'''<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(d['title'])} - Wikinews, the free news source</title>
<meta property="og:site_name" content="Wikinews">
<meta property="og:title" content="{html.escape(d['title'])}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="{d['url']}">
<script type="application/ld+json">{ld}</script>
</head><body>
<a class="skip" href="#content">Skip to content</a>
<header><nav><ul>{nav}</ul></nav><form><input name="q" placeholder="Search"></form></header>
<main id="content"><article>
<h1>{html.escape(d['title'])}</h1>
<p class="dateline"><time datetime="{date}">{d['date'].strftime('%A, %B %-d, %Y') if d['date'] else ''}</time></p>
{chr(10).join(ps)}
</article>
<aside><h3>Related news</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></aside>
</main>
<footer><p>This text is available under the Creative Commons Attribution 2.5 License. Source: <a href="{d['url']}">Wikinews</a>.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/about">About Wikinews</a></p></footer>
</body></html>
'''

def body_text(d):
    return '\n\n'.join(t for k, t in d['paras'] if k != 'caption')

def scraped(d):
    lines = ['Skip to content', 'Menu'] + NAV + ['Search', d['title'], 'From Wikinews, the free news source you can write!']
    if d['date']:
        lines.append(d['date'].strftime('%A, %B %-d, %Y'))
    lines.append('Share this article')
    for kind, text in d['paras']:
        if kind == 'caption':
            lines += [text, text]  # alt text and caption, as a copy of the page shows them
        else:
            lines.append(text)
    lines += ['Sources', 'Related news', 'Share', 'Facebook', 'Twitter',
              'This text is available under the Creative Commons Attribution 2.5 License.', 'Privacy policy', 'About Wikinews']
    return '\n'.join(lines) + '\n'

def warc_record(rtype, uri, body, date):
    rid = 'urn:uuid:' + str(uuid.uuid5(uuid.NAMESPACE_URL, rtype + uri))
    head = (f'WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n'
            f'WARC-Record-ID: <{rid}>\r\nContent-Type: application/http; msgtype={rtype}\r\n'
            f'Content-Length: {len(body)}\r\n\r\n').encode()
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode='wb', mtime=0) as gz:
        gz.write(head + body + b'\r\n\r\n')
    return buf.getvalue()

groups = {'html': docs[0:8], 'rss': docs[8:12], 'warc': docs[12:17], 'scraped': docs[17:21], 'jsonl': docs[21:24]}
for sub in ['html', 'feed', 'warc', 'scraped', 'jsonl']:
    os.makedirs(os.path.join(out, sub), exist_ok=True)

for d in groups['html']:
    open(os.path.join(out, 'html', d['slug'] + '.html'), 'w', encoding='utf-8').write(page(d))

items = []
for d in groups['rss']:
    pub = datetime.datetime.combine(d['date'], datetime.time(12)).strftime('%a, %d %b %Y %H:%M:%S GMT') if d['date'] else ''
    content = ''.join(f'<p>{html.escape(t)}</p>' for k, t in d['paras'] if k != 'caption')
    items.append(f'''<item><title>{html.escape(d['title'])}</title><link>{html.escape(d['url'])}</link>
<guid>{html.escape(d['url'])}</guid><pubDate>{pub}</pubDate><dc:creator>Wikinews</dc:creator>
<description>{html.escape(d['paras'][0][1])}</description>
<content:encoded><![CDATA[{content}]]></content:encoded></item>''')
open(os.path.join(out, 'feed', 'wikinews.rss'), 'w', encoding='utf-8').write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>Wikinews</title><link>https://en.wikinews.org/</link>'
    '<description>Sample of Wikinews articles (CC BY 2.5)</description>\n' + '\n'.join(items) + '\n</channel></rss>\n')

with open(os.path.join(out, 'warc', 'wikinews.warc.gz'), 'wb') as f:
    for d in groups['warc']:
        date = (d['date'] or datetime.date(2020, 1, 1)).isoformat() + 'T12:00:00Z'
        f.write(warc_record('request', d['url'], f'GET {d["url"]} HTTP/1.1\r\nHost: en.wikinews.org\r\n\r\n'.encode(), date))
        payload = page(d).encode()
        resp = (f'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {len(payload)}\r\n\r\n').encode() + payload
        f.write(warc_record('response', d['url'], resp, date))

for d in groups['scraped']:
    open(os.path.join(out, 'scraped', d['slug'] + '.txt'), 'w', encoding='utf-8').write(scraped(d))

with open(os.path.join(out, 'jsonl', 'wikinews.jsonl'), 'w', encoding='utf-8') as f:
    for d in groups['jsonl']:
        f.write(json.dumps({'url': d['url'], 'title': d['title'], 'published': d['date'].isoformat() if d['date'] else None,
                            'site': 'Wikinews', 'text': body_text(d)}, ensure_ascii=False) + '\n')

# The expected clean text of each sample, for the end-to-end tests.
with open(os.path.join(here, 'expected.jsonl'), 'w', encoding='utf-8') as f:
    for fmt, ds in groups.items():
        for d in ds:
            f.write(json.dumps({'format': fmt, 'slug': d['slug'], 'url': d['url'], 'title': d['title'],
                                'published': d['date'].isoformat() if d['date'] else None, 'text': body_text(d)},
                               ensure_ascii=False) + '\n')
print(f'wrote {len(docs)} articles to {out}')
