// The annals page: filters, timeline, map, table and evidence panel over the JSON API.
// Every element that shows data is built with textContent: no data ever goes through innerHTML.
'use strict';
(function () {
  const FACT = {
    actual: 'actual',
    future: 'planned / threatened — not happened',
    hypothetical: 'hypothetical — not happened',
    negated: 'did not happen (negated)',
    generic: 'generic statement',
  };
  const PAGE = 500;
  const state = { events: [], total: 0, params: null, selected: null, detail: null, map: null, markers: null,
    countries: 0, timeline: null, items: null, mapReady: null };

  function el(tag, props, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'className') e.className = v;
      else e.setAttribute(k, String(v));
    }
    for (const c of children || []) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const fact = (f) => (FACT[f] ? f : 'generic');
  const badge = (f) => el('span', { className: 'badge fact-' + fact(f), text: FACT[f] || String(f), title: 'factuality: ' + f });
  function safeUrl(u) {
    try {
      const x = new URL(u);
      return x.protocol === 'http:' || x.protocol === 'https:' ? x.href : null;
    } catch (_) {
      return null;
    }
  }
  const actorName = (a) => (a ? (a.name || '?') + (a.country || a.sector ? ' [' + (a.country || '') + (a.sector || '') + ']' : '') : '—');
  const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');
  const eventDate = (e) => e.date || e.date_start || '';
  // Confidence that an event is right, in [0, 1], shown with two decimals.
  const conf = (c) => (typeof c === 'number' ? c.toFixed(2) : '?');

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await r.json(); } catch (_) { /* not JSON */ }
    if (!r.ok) throw new Error((body && body.error) || r.status + ' ' + r.statusText);
    return body;
  }
  function showError(e) {
    const p = document.getElementById('error');
    p.textContent = e ? String(e.message || e) : '';
    p.hidden = !e;
  }

  function filterParams() {
    const form = document.getElementById('filters');
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) p.set(k, String(v).trim());
    return p;
  }

  async function load() {
    showError(null);
    state.params = filterParams();
    const p = new URLSearchParams(state.params);
    p.set('limit', PAGE);
    try {
      const page = await getJSON('/api/events?' + p);
      state.events = page.events;
      state.total = page.total;
      await render();
    } catch (e) {
      state.events = [];
      state.total = 0;
      await render();
      showError(e);
    }
  }

  async function more() {
    const p = new URLSearchParams(state.params);
    p.set('limit', PAGE);
    p.set('offset', state.events.length);
    try {
      const page = await getJSON('/api/events?' + p);
      state.events = state.events.concat(page.events);
      await render();
    } catch (e) { showError(e); }
  }

  async function render() {
    document.getElementById('count').textContent =
      '(' + state.events.length + (state.total > state.events.length ? ' of ' + state.total : '') + ')';
    document.getElementById('more').hidden = state.events.length >= state.total;
    renderTable();
    renderTimeline();
    await renderMarkers();
    writeSummary();
  }

  function renderTable() {
    const tbody = document.querySelector('#events-table tbody');
    tbody.replaceChildren();
    for (const e of state.events) {
      const evidence = e.evidence.length > 160 ? e.evidence.slice(0, 157) + '…' : e.evidence;
      const tr = el('tr', { 'data-id': e.id, className: e.id === state.selected ? 'selected' : '' }, [
        el('td', { text: eventDate(e) || '?' }),
        el('td', { text: e.type + ' (' + e.cameo + ')' }),
        el('td', { text: actorName(e.source) }),
        el('td', { text: actorName(e.target) }),
        el('td', { text: e.place ? e.place.name : '' }),
        el('td', {}, [badge(e.factuality)]),
        el('td', { className: 'confidence', text: conf(e.confidence) }),
        el('td', { text: plural(e.num_mentions, 'report') + ', ' + plural(e.num_sources, 'site') }),
        el('td', { className: 'evidence-cell', text: evidence }),
      ]);
      tr.addEventListener('click', () => { location.hash = 'event=' + e.id; });
      tbody.append(tr);
    }
    if (!state.events.length) tbody.append(el('tr', {}, [el('td', { colspan: 9, className: 'muted', text: 'No events match.' })]));
  }

  function renderTimeline() {
    const items = [];
    for (const e of state.events) {
      if (!e.date_start) continue;
      const content = el('span', { text: e.type + ': ' + (e.source ? e.source.name || '?' : '?') + (e.target ? ' → ' + (e.target.name || '?') : '') });
      const item = { id: e.id, start: e.date_start, content: content, className: 'fact-' + fact(e.factuality) };
      // A span up to a year is drawn as a range; longer, vaguer dates stay a point at their start.
      const days = e.date_end ? (Date.parse(e.date_end) - Date.parse(e.date_start)) / 86400000 : 0;
      if (days > 0 && days <= 366) {
        item.end = e.date_end + 'T23:59:59';
        item.type = 'range';
      }
      items.push(item);
    }
    if (!state.timeline) {
      state.items = new vis.DataSet(items);
      state.timeline = new vis.Timeline(document.getElementById('timeline'), state.items, {
        height: '230px', stack: true, zoomMin: 1000 * 60 * 60 * 24 * 7, selectable: true, showTooltips: false,
      });
      state.timeline.on('select', (props) => { if (props.items.length) location.hash = 'event=' + props.items[0]; });
    } else {
      state.items.clear();
      state.items.add(items);
    }
    if (items.length) state.timeline.fit({ animation: false });
  }

  async function initMap() {
    const map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: false }).setView([25, 10], 1);
    state.map = map;
    state.markers = L.layerGroup().addTo(map);
    try {
      const world = await getJSON('/assets/vendor/countries-110m.json');
      const countries = topojson.feature(world, world.objects.countries);
      state.countries = countries.features.length;
      L.geoJSON(countries, { style: { color: '#9ca3af', weight: 0.6, fillColor: '#f5f3ee', fillOpacity: 1 }, interactive: false }).addTo(map);
      state.markers.remove();
      state.markers.addTo(map);
    } catch (e) { showError(e); }
  }

  async function renderMarkers() {
    await state.mapReady;
    state.markers.clearLayers();
    for (const e of state.events) {
      const p = e.place;
      if (!p || typeof p.lat !== 'number' || typeof p.lon !== 'number') continue;
      const actual = e.factuality === 'actual';
      const color = getComputedStyle(document.documentElement).getPropertyValue('--' + fact(e.factuality)).trim() || '#1f6fb2';
      const m = L.circleMarker([p.lat, p.lon], {
        radius: 6 + Math.min(8, 2 * Math.sqrt(e.num_mentions)), color: color, weight: actual ? 1.5 : 2.5,
        fillColor: color, fillOpacity: actual ? 0.65 : 0, dashArray: actual ? null : '4 3',
        className: 'marker fact-' + fact(e.factuality) + (e.id === state.selected ? ' selected' : ''),
      });
      m.bindTooltip(el('span', { text: (eventDate(e) || '?') + ' ' + e.type + ' @ ' + p.name + ' — ' + (FACT[e.factuality] || e.factuality) }));
      m.on('click', () => { location.hash = 'event=' + e.id; });
      m.annalsId = e.id;
      state.markers.addLayer(m);
    }
  }

  function highlighted(text, highlights) {
    // Offsets count Unicode code points, as in annals; Array.from splits a string the same way.
    const chars = Array.from(text);
    const p = el('p', { className: 'sentence' });
    let at = 0;
    for (const h of highlights) {
      if (h.start < at || h.end > chars.length || h.start >= h.end) continue;
      if (h.start > at) p.append(chars.slice(at, h.start).join(''));
      p.append(el('mark', { className: 'hl hl-' + h.kind, title: h.kind, 'data-kind': h.kind, text: chars.slice(h.start, h.end).join('') }));
      at = h.end;
    }
    if (at < chars.length) p.append(chars.slice(at).join(''));
    return p;
  }

  async function selectEvent(id) {
    const box = document.getElementById('evidence');
    try {
      const d = await getJSON('/api/events/' + encodeURIComponent(id));
      state.selected = d.event.id;
      state.detail = d;
      const e = d.event;
      const head = el('div', { className: 'event-head' }, [
        el('span', { text: (eventDate(e) || 'date unknown') + ' · ' + e.type + ' (CAMEO ' + e.cameo + ') ' }),
        badge(e.factuality),
        el('span', { className: 'confidence', text: ' confidence ' + conf(e.confidence) }),
      ]);
      const who = el('p', { text: actorName(e.source) + ' → ' + actorName(e.target) + (e.place ? ' · ' + e.place.name : '') +
        ' · ' + plural(e.num_mentions, 'report') + ' from ' + plural(e.num_sources, 'site') });
      const reports = d.mentions.map((m) => {
        const url = safeUrl(m.url);
        const title = m.title || m.url || m.doc_id;
        const link = url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: title }) : el('span', { text: title });
        return el('div', { className: 'report', 'data-mention': m.id }, [
          el('div', { className: 'source' }, [link, ' ', el('span', { className: 'muted', text: [m.site, m.published].filter(Boolean).join(', ') }), ' ',
            badge(m.factuality), el('span', { className: 'muted confidence', text: ' confidence ' + conf(m.confidence) }), m.claimed_by ? el('span', { className: 'muted', text: ' according to ' + m.claimed_by }) : null]),
          highlighted(m.evidence, m.highlights),
        ]);
      });
      box.replaceChildren(el('h2', { text: 'Evidence' }), head, who, ...reports);
      for (const tr of document.querySelectorAll('#events-table tbody tr')) tr.classList.toggle('selected', tr.dataset.id === String(e.id));
      if (state.timeline && state.items.get(e.id)) {
        state.timeline.setSelection([e.id]);
        state.timeline.moveTo(e.date_start, { animation: false });
      }
      if (state.markers) {
        for (const m of state.markers.getLayers()) {
          const on = m.annalsId === e.id;
          m.setStyle({ weight: on ? 4 : (m.options.dashArray ? 2.5 : 1.5) });
          if (on) { m.bringToFront(); m.openTooltip(); } else m.closeTooltip();
        }
      }
      writeSummary();
    } catch (err) {
      box.replaceChildren(el('h2', { text: 'Evidence' }), el('p', { className: 'muted', text: String(err.message || err) }));
      writeSummary();
    }
  }

  function onHash() {
    const m = /^#event=(\d+)$/.exec(location.hash);
    if (m) return selectEvent(m[1]);
    return null;
  }

  // A machine-readable account of what the page shows, for the browser test (and for curious people).
  function writeSummary() {
    const d = state.detail;
    const summary = {
      events: state.events.length,
      total: state.total,
      event_ids: state.events.map((e) => e.id),
      timeline_items: document.querySelectorAll('#timeline .vis-item-content').length,
      timeline_labels: Array.from(document.querySelectorAll('#timeline .vis-item-content')).map((n) => n.textContent),
      map_markers: state.markers ? state.markers.getLayers().length : 0,
      map_marker_paths: document.querySelectorAll('#map path.marker').length,
      map_hollow_markers: document.querySelectorAll('#map path.marker:not(.fact-actual)').length,
      countries: state.countries,
      table_rows: document.querySelectorAll('#events-table tbody tr[data-id]').length,
      min_confidence: document.getElementById('f-confidence').value,
      table_confidences: Array.from(document.querySelectorAll('#events-table tbody tr[data-id] td.confidence')).map((n) => n.textContent),
      evidence_confidence: (document.querySelector('#evidence .event-head .confidence') || {}).textContent || null,
      selected: state.selected,
      evidence: d ? d.mentions.map((m) => ({ mention: m.id, text: m.evidence, url: m.url,
        marks: Array.from(document.querySelectorAll('#evidence [data-mention="' + CSS.escape(m.id) + '"] mark')).map((x) => [x.dataset.kind, x.textContent]) })) : [],
      links: Array.from(document.querySelectorAll('#evidence a[href]')).map((a) => a.getAttribute('href')),
      error: document.getElementById('error').hidden ? null : document.getElementById('error').textContent,
    };
    document.getElementById('annals-summary').textContent = JSON.stringify(summary);
    document.body.dataset.ready = 'true';
  }

  async function stats() {
    try {
      const s = await getJSON('/api/stats');
      // The server chooses the default threshold (annals_core::DEFAULT_MIN_CONFIDENCE); Clear goes back to it.
      const c = document.getElementById('f-confidence');
      if (typeof s.default_min_confidence === 'number') {
        c.defaultValue = String(s.default_min_confidence);
        c.value = String(s.default_min_confidence);
      }
      document.getElementById('stats').textContent = s.documents + ' documents · ' + s.events + ' events · ' + s.mentions + ' reports · ' + s.stories + ' stories';
    } catch (e) { showError(e); }
  }

  async function main() {
    const form = document.getElementById('filters');
    form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
    form.addEventListener('reset', () => setTimeout(load, 0));
    document.getElementById('more').addEventListener('click', more);
    window.addEventListener('hashchange', onHash);
    state.mapReady = initMap();
    await stats();
    await load();
    await onHash();
    writeSummary();
  }
  main();
})();
