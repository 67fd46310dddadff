// tickcast's live page: the overview of the symbols and one symbol's view, refreshed by polling the JSON endpoints.
// Plain script, no build step; the charts are uPlot's (served from its WebJar).
(function () {
  'use strict';

  const POLL_MS = 2000;
  const PAGE_SIZE = 50;
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd'];

  // What each expert code means (docs/forecasting.md, "Experts").
  const EXPERTS = {
    persistence: 'the next value is the last one',
    snaive: 'seasonal naive: the value one season ago',
    drift: 'the last value plus the average change since the first',
    ses: 'simple exponential smoothing',
    holt: 'Holt\'s damped-trend exponential smoothing',
    lholt: 'Holt\'s damped trend on the log values',
    hw: 'additive Holt-Winters (level, trend and season)',
    lhw: 'Holt-Winters on the log values',
    ar_d: 'autoregression on the differences',
    ar_l: 'autoregression on the levels',
    ar_ll: 'autoregression on the log levels',
    ar_sd: 'autoregression on the seasonal differences',
    ar_dsd: 'autoregression on the differenced seasonal differences',
    lstm: 'the statistical experts\' combination plus an LSTM network\'s correction'
  };

  // The page's state; exposed as window.tickcast for the browser test and for a look from the console.
  const state = {
    q: '', sort: 'symbol', descending: false, offset: 0, total: 0,
    symbol: null, timer: null, generation: 0, charts: {forecast: null, experts: null}, refreshes: 0,
    n: '', zoomed: false, history: null
  };
  window.tickcast = state;

  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat('en', {maximumSignificantDigits: 6});
  const short = new Intl.NumberFormat('en', {maximumFractionDigits: 2, minimumFractionDigits: 2});

  function fmt(v) {
    return v === null || v === undefined || Number.isNaN(v) ? '—' : number.format(v);
  }

  function fmtTime(ms) {
    if (ms === null || ms === undefined) {
      return '—';
    }
    const iso = new Date(ms).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  }

  async function getJson(url) {
    let r;
    try {
      r = await fetch(url, {cache: 'no-store'});
    } catch (e) {
      throw new Error('tickcast is not reachable');
    }
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      throw new Error(body.error || (r.status + ' ' + r.statusText));
    }
    return body;
  }

  // The status line changes (and is announced) only when the connection's state changes.
  function setStatus(text, error) {
    const s = $('status');
    if (s.textContent !== text) {
      s.textContent = text;
    }
    s.classList.toggle('error', !!error);
  }

  // ---- polling ----

  function schedule(fn) {
    clearTimeout(state.timer);
    const generation = ++state.generation;
    const run = async () => {
      try {
        await fn();
        setStatus('live');
        $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
        state.refreshes++;
      } catch (e) {
        setStatus(e.message, true);
      }
      if (generation === state.generation) {
        state.timer = setTimeout(run, POLL_MS);
      }
    };
    run();
  }

  // ---- the overview ----

  function overviewUrl() {
    const p = new URLSearchParams({
      offset: String(state.offset), limit: String(PAGE_SIZE), sort: (state.descending ? '-' : '') + state.sort
    });
    if (state.q) {
      p.set('q', state.q);
    }
    return '/symbols?' + p.toString();
  }

  async function refreshOverview() {
    const page = await getJson(overviewUrl());
    if (state.symbol !== null) {
      return;
    }
    state.total = page.total;
    renderRows(page.rows);
    const last = Math.min(page.offset + page.rows.length, page.total);
    $('count').textContent = page.total === 1 ? '1 symbol' : page.total.toLocaleString('en') + ' symbols';
    $('page').textContent = page.total === 0 ? '' : (page.offset + 1) + '–' + last + ' of ' + page.total.toLocaleString('en');
    $('prev').disabled = page.offset === 0;
    $('next').disabled = last >= page.total;
    $('empty').hidden = page.total > 0 || state.q !== '';
  }

  function cell(row, text, cls, sub) {
    const td = el('td', text, cls);
    if (sub) {
      td.appendChild(el('span', sub, 'sub'));
    }
    row.appendChild(td);
    return td;
  }

  function renderRows(rows) {
    const tbody = document.querySelector('#symbols-table tbody');
    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.symbol : undefined;
    const fresh = document.createDocumentFragment();
    for (const r of rows) {
      const tr = el('tr');
      tr.dataset.symbol = r.symbol;
      const td = el('td');
      const a = el('a', r.symbol);
      a.href = '#/s/' + encodeURIComponent(r.symbol);
      a.dataset.symbol = r.symbol;
      td.appendChild(a);
      tr.appendChild(td);
      cell(tr, fmt(r.value), 'num', r.ticks.toLocaleString('en') + ' ticks');
      cell(tr, fmt(r.forecast), 'num', '[' + fmt(r.lower) + ', ' + fmt(r.upper) + ']');
      const ratio = r.error_ratio;
      const err = cell(tr, ratio === undefined ? '—' : short.format(ratio) + '×',
        'num' + (ratio === undefined ? '' : ratio < 0.995 ? ' better' : ratio > 1.005 ? ' worse' : ''),
        r.rmse === undefined ? 'not scored yet' : 'RMSE ' + fmt(r.rmse));
      err.title = r.rmse === undefined ? '' : 'RMSE ' + fmt(r.rmse) + ', persistence ' + fmt(r.persistence_rmse)
        + ', over ' + r.scored + ' forecasts';
      cell(tr, r.coverage === undefined ? '—' : (100 * r.coverage).toFixed(1) + ' %', 'num wide',
        'target ' + Math.round(100 * r.level) + ' %');
      cell(tr, String(r.breaks), 'num', r.last_break_ts === undefined ? '' : 'last ' + fmtTime(r.last_break_ts));
      cell(tr, r.source || '—', 'wide', [r.source_weight === undefined ? null : 'weight ' + short.format(r.source_weight),
        r.gain === undefined ? null : 'gain ' + short.format(r.gain),
        r.period === undefined ? null : 'period ' + r.period].filter((x) => x).join(' · '));
      cell(tr, fmtTime(r.ts), 'wide');
      fresh.appendChild(tr);
    }
    tbody.replaceChildren(fresh);
    if (focused) {
      const again = tbody.querySelector('a[data-symbol="' + CSS.escape(focused) + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  function sortBy(column) {
    if (state.sort === column) {
      state.descending = !state.descending;
    } else {
      state.sort = column;
      state.descending = false;
    }
    state.offset = 0;
    for (const th of document.querySelectorAll('#symbols-table th[data-sort]')) {
      if (th.dataset.sort === state.sort) {
        th.setAttribute('aria-sort', state.descending ? 'descending' : 'ascending');
      } else {
        th.removeAttribute('aria-sort');
      }
    }
    schedule(refreshOverview);
  }

  // ---- one symbol ----

  function spacing(ts) {
    const diffs = [];
    for (let i = Math.max(1, ts.length - 20); i < ts.length; i++) {
      diffs.push(ts[i] - ts[i - 1]);
    }
    diffs.sort((a, b) => a - b);
    return diffs.length ? diffs[Math.floor(diffs.length / 2)] : 60000;
  }

  // The detectors by record mode (BreakSignal.detectorName), for records and snapshots that do not name theirs.
  const DETECTORS = {fixed: 'Chow test (fixed)', scan: 'Chow test (sup-F scan)', cusum: 'Sequential CUSUM'};

  function detectorName(mode, name) {
    return name || DETECTORS[mode] || (mode ? 'Break detector (' + mode + ')' : 'Break detector');
  }

  function given(v) {
    return v !== null && v !== undefined;
  }

  // What changed at a break: "level 100 → 130, sd 1 → 1.2" (the members known on either side), prefixed by the
  // kind unless it is the only member's own name; null when the record does not say.
  function changeText(c) {
    if (!c || !c.kind) {
      return null;
    }
    const parts = [];
    for (const m of ['level', 'slope', 'sd']) {
      const before = c.before ? c.before[m] : undefined;
      const after = c.after ? c.after[m] : undefined;
      if (given(before) || given(after)) {
        parts.push(m + ' ' + fmt(before) + ' → ' + fmt(after));
      }
    }
    return c.kind + ' change' + (parts.length ? ': ' + parts.join(', ') : '');
  }

  // The tooltip of an estimated break's marker: its date and interval, what changed, when it was signalled.
  function breakNote(b) {
    const lines = ['Break at ' + fmtTime(b.break_ts) + (given(b.break_lower_ts) || given(b.break_upper_ts)
      ? ' (interval ' + fmtTime(b.break_lower_ts) + ' – ' + fmtTime(b.break_upper_ts) + ')' : '')];
    lines.push(changeText(b.change) || 'what changed: not estimated by this detector');
    const stat = given(b.statistic) ? b.statistic : b.f;
    const threshold = given(b.threshold) ? b.threshold : b.f_crit;
    lines.push(detectorName(b.mode) + ' signalled ' + fmtTime(b.ts) + (given(stat) ? ': statistic ' + fmt(stat)
      + (given(threshold) ? ' / threshold ' + fmt(threshold) : '') : '') + (given(b.score) ? ', score ' + fmt(b.score) : ''));
    return lines.join('\n');
  }

  // A tooltip over the forecast chart while the cursor is on an estimated break's marker.
  function breakTooltip() {
    let tip = null;
    return {
      init: [(u) => {
        tip = el('div', null, 'chart-tip');
        tip.id = 'break-tip';
        tip.setAttribute('role', 'tooltip');
        tip.hidden = true;
        u.over.appendChild(tip);
      }],
      setCursor: [(u) => {
        const i = u.cursor.idx;
        const note = i === null || i === undefined || !state.breakNotes ? null : state.breakNotes.get(i);
        if (!note || u.cursor.left < 0) {
          tip.hidden = true;
          return;
        }
        tip.textContent = note;
        tip.hidden = false;
        const left = u.valToPos(u.data[0][i], 'x');
        tip.style.left = Math.min(left + 10, Math.max(0, u.over.clientWidth - tip.offsetWidth)) + 'px';
        tip.style.top = Math.max(0, u.valToPos(u.data[9][i], 'y') - tip.offsetHeight - 10) + 'px';
      }]
    };
  }

  // The forecast chart's columns: history, then the forecast ahead; the markers sit on the actual values.
  function forecastData(h) {
    const p = h.points;
    const n = p.ts.length;
    const latest = h.latest;
    const steps = latest && n > 0 ? latest.steps : [];
    const step = spacing(p.ts);
    const x = p.ts.concat(steps.map((s) => p.ts[n - 1] + s.step * step)).map((t) => t / 1000);
    const pad = (a) => a.concat(steps.map(() => null));
    const ahead = (f) => {
      const col = new Array(n).fill(null);
      if (n > 0) {
        col[n - 1] = p.value[n - 1];
      }
      return col.concat(steps.map(f));
    };
    const index = new Map(p.ts.map((t, i) => [t, i]));
    const anomalies = pad(p.value.map((v, i) => p.anomaly && p.anomaly[i] ? v : null));
    const signalled = new Array(x.length).fill(null);
    const estimated = new Array(x.length).fill(null);
    const notes = new Map();
    for (const b of h.breaks) {
      if (index.has(b.ts)) {
        signalled[index.get(b.ts)] = p.value[index.get(b.ts)];
      }
      if (b.break_ts !== undefined && b.break_ts !== null && index.has(b.break_ts)) {
        estimated[index.get(b.break_ts)] = p.value[index.get(b.break_ts)];
        notes.set(index.get(b.break_ts), breakNote(b));
      }
    }
    state.breakNotes = notes;
    return [x, pad(p.value), pad(p.forecast), pad(p.lower), pad(p.upper),
      ahead((s) => s.forecast), ahead((s) => s.lower), ahead((s) => s.upper), signalled, estimated, anomalies];
  }

  // A drag across a chart zooms it (uPlot's own); the refreshes keep the zoom until "Reset zoom".
  function zoomHooks() {
    return {setSelect: [(u) => {
      if (u.select.width > 0) {
        state.zoomed = true;
      }
    }]};
  }

  function resetZoom() {
    state.zoomed = false;
    for (const u of [state.charts.forecast, state.charts.experts]) {
      const x = u ? u.data[0] : [];
      if (x.length > 0) {
        u.setScale('x', {min: x[0], max: x[x.length - 1]});
      }
    }
  }

  // The history shown as CSV: one line per tick (ISO time, value, one-step forecast, its interval, anomaly).
  function csv() {
    const h = state.history;
    const lines = ['ts,value,forecast,lower,upper,anomaly'];
    if (h) {
      const p = h.points;
      const v = (a, i) => a && a[i] !== null && a[i] !== undefined ? String(a[i]) : '';
      for (let i = 0; i < p.ts.length; i++) {
        lines.push([new Date(p.ts[i]).toISOString(), v(p.value, i), v(p.forecast, i), v(p.lower, i), v(p.upper, i),
          p.anomaly && p.anomaly[i] ? 'true' : 'false'].join(','));
      }
    }
    return lines.join('\n') + '\n';
  }
  state.csv = csv;

  function download() {
    const url = URL.createObjectURL(new Blob([csv()], {type: 'text/csv'}));
    const a = el('a');
    a.href = url;
    a.download = (state.symbol || 'tickcast').replace(/[^A-Za-z0-9._-]/g, '_') + '.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function renderLegend(names) {
    const dl = document.createDocumentFragment();
    for (const name of names) {
      const d = el('div');
      d.appendChild(el('dt', name));
      d.appendChild(el('dd', EXPERTS[name] || 'an expert of this panel'));
      dl.appendChild(d);
    }
    $('experts-legend').replaceChildren(dl);
  }

  function chartSize(div) {
    const width = Math.max(280, div.clientWidth);
    return {width, height: width < 600 ? 220 : 300};
  }

  function forecastChart(div, data) {
    const line = (label, stroke, extra) => Object.assign({label, stroke, width: 1.5, points: {show: false}}, extra);
    const marker = (label, fill, size) => ({label, stroke: fill, fill, paths: () => null, points: {show: true, size, fill, stroke: fill}});
    const hooks = Object.assign(zoomHooks(), breakTooltip());
    return new uPlot(Object.assign(chartSize(div), {
      scales: {x: {time: true}},
      hooks,
      series: [
        {label: 'time', value: (u, v) => v === null ? '—' : fmtTime(v * 1000)},
        line('actual', '#1b1f24', {width: 2}),
        line('one-step forecast', '#1f77b4', {dash: [6, 3]}),
        line('interval low', 'rgba(31,119,180,0.35)', {width: 1}),
        line('interval high', 'rgba(31,119,180,0.35)', {width: 1}),
        line('forecast ahead', '#d62728', {width: 2, points: {show: true, size: 5}}),
        line('ahead low', 'rgba(214,39,40,0.35)', {width: 1, class: 'bound'}),
        line('ahead high', 'rgba(214,39,40,0.35)', {width: 1, class: 'bound'}),
        marker('break signalled', '#ff7f0e', 11),
        Object.assign(marker('estimated break', '#9467bd', 11), {value: (u, v, si, i) => v === null || v === undefined
          ? '—' : (state.breakNotes && state.breakNotes.has(i) ? state.breakNotes.get(i).split('\n')[1] : fmt(v))}),
        marker('anomaly', '#e377c2', 8)
      ],
      bands: [{series: [4, 3], fill: 'rgba(31,119,180,0.12)'}, {series: [7, 6], fill: 'rgba(214,39,40,0.12)'}]
    }), data, div);
  }

  function expertsChart(div, names, data) {
    return new uPlot(Object.assign(chartSize(div), {
      scales: {x: {time: true}, y: {range: [0, 1]}},
      hooks: zoomHooks(),
      series: [{label: 'time', value: (u, v) => v === null ? '—' : fmtTime(v * 1000)}].concat(names.map((name, i) => ({
        label: name, stroke: PALETTE[i % PALETTE.length], width: 1.5, points: {show: false},
        value: (u, v) => v === null ? '—' : short.format(v)
      })))
    }), data, div);
  }

  function fact(dl, term, value, sub) {
    const d = el('div');
    d.appendChild(el('dt', term));
    const dd = el('dd', value);
    if (sub) {
      dd.appendChild(el('span', ' ' + sub, 'muted'));
    }
    d.appendChild(dd);
    dl.appendChild(d);
  }

  function renderFacts(h, s) {
    const dl = $('facts');
    const f = h.latest;
    const facts = document.createDocumentFragment();
    const sc = f ? f.score : null;
    fact(facts, 'Last value', fmt(s.last_value), fmtTime(s.last_ts));
    if (f) {
      for (const st of f.steps) {
        fact(facts, st.step === 1 ? 'Next forecast' : 'Forecast, step ' + st.step, fmt(st.forecast),
          '[' + fmt(st.lower) + ', ' + fmt(st.upper) + ']');
      }
      fact(facts, 'RMSE ÷ persistence', sc.rmse === undefined ? '—' : short.format(sc.rmse / sc.persistence_rmse) + '×',
        sc.rmse === undefined ? '' : fmt(sc.rmse) + ' vs ' + fmt(sc.persistence_rmse));
      fact(facts, 'Interval coverage', sc.coverage === undefined ? '—' : (100 * sc.coverage).toFixed(1) + ' %',
        'target ' + Math.round(100 * sc.level) + ' %, ' + sc.n + ' scored');
      fact(facts, 'Leading expert', f.source, [f.experts && f.experts[f.source] !== undefined
        ? 'weight ' + short.format(f.experts[f.source]) : null, f.gain === undefined ? null : 'gain ' + short.format(f.gain),
      f.period === undefined ? null : 'period ' + f.period].filter((x) => x).join(' · '));
    }
    fact(facts, 'Ticks', s.ticks.toLocaleString('en'));
    if (s.period !== undefined && s.period !== null) {
      const candidate = s.candidate_period;
      fact(facts, 'Season period', s.period === 1 ? 'none' : String(s.period),
        candidate === undefined || candidate === null ? '' : candidate === s.period ? 'as inferred'
          : 'candidate ' + candidate + ': not confirmed yet');
    }
    if (s.model && s.model.updates !== undefined) {
      fact(facts, 'LSTM', s.model.updates.toLocaleString('en') + ' updates',
        s.model.last_loss === undefined ? '' : 'loss ' + fmt(s.model.last_loss));
    }
    const d = s.detector;
    if (d && d.mode !== undefined) {
      // What changed: the summary's, else the signal's record in the history (the monitor does not store it).
      const signalled = given(d.break_ts) ? h.breaks.filter((b) => b.break_ts === d.break_ts && b.change) : [];
      const change = changeText(d.change) || (signalled.length ? changeText(signalled[signalled.length - 1].change) : null);
      const last = given(d.break_ts) ? 'last break ' + fmtTime(d.break_ts) + (change ? ' (' + change + ')' : '')
        : 'no break yet';
      fact(facts, detectorName(d.mode, d.name), given(d.statistic) ? 'statistic ' + fmt(d.statistic)
        + (given(d.threshold) ? ' / threshold ' + fmt(d.threshold) : '') : 'statistic undefined'
        + (given(d.threshold) ? ' (threshold ' + fmt(d.threshold) + ')' : ''),
      [d.signals + (d.signals === 1 ? ' signal' : ' signals'), last].join(' · '));
    }
    dl.replaceChildren(facts);
  }

  function renderBreaks(breaks) {
    // Shown in their own columns, or duplicates of them (the older fields of the same statistic).
    const known = new Set(['symbol', 'ts', 'break_ts', 'break_lower_ts', 'break_upper_ts', 'statistic', 'threshold',
      'change', 'score', 'signal', 'mode', 'cusum', 'cusum_crit']);
    const tbody = document.querySelector('#breaks-table tbody');
    const rows = document.createDocumentFragment();
    for (const b of breaks.slice().reverse()) {
      const chow = b.mode === 'fixed' || b.mode === 'scan';
      const tr = el('tr');
      tr.appendChild(el('td', fmtTime(b.ts)));
      tr.appendChild(el('td', fmtTime(b.break_ts) + (given(b.break_lower_ts) || given(b.break_upper_ts)
        ? ' [' + fmtTime(b.break_lower_ts) + ' – ' + fmtTime(b.break_upper_ts) + ']' : '')));
      tr.appendChild(el('td', detectorName(b.mode)));
      tr.appendChild(el('td', fmt(given(b.statistic) ? b.statistic : b.f), 'num'));
      tr.appendChild(el('td', fmt(given(b.threshold) ? b.threshold : b.f_crit), 'num'));
      tr.appendChild(el('td', changeText(b.change) || '—'));
      tr.appendChild(el('td', fmt(b.score), 'num'));
      // Whatever else the record says (e.g. the p-value, the dating's F): shown as it is, timestamps as dates.
      const more = Object.keys(b).filter((k) => !known.has(k) && !(chow && (k === 'f' || k === 'f_crit')))
        .map((k) => k + ' ' + (/_ts(_|$)|^ts_/.test(k) && typeof b[k] === 'number' ? fmtTime(b[k])
          : k === 'p_value' && typeof b[k] === 'number' ? b[k].toPrecision(3)
            : typeof b[k] === 'object' ? JSON.stringify(b[k]) : String(b[k])));
      tr.appendChild(el('td', more.join(' · '), 'muted'));
      rows.appendChild(tr);
    }
    tbody.replaceChildren(rows);
    $('breaks-table').hidden = breaks.length === 0;
    $('breaks-empty').hidden = breaks.length > 0;
  }

  async function refreshSymbol() {
    const symbol = state.symbol;
    const path = '/symbols/' + encodeURIComponent(symbol);
    const n = state.n;
    const [h, s] = await Promise.all([getJson(path + '/history' + (n ? '?n=' + n : '')), getJson(path)]);
    if (state.symbol !== symbol || state.n !== n) {
      return;
    }
    state.history = h;
    renderFacts(h, s);
    renderBreaks(h.breaks);
    const fdiv = $('forecast-chart');
    const data = forecastData(h);
    if (state.charts.forecast) {
      state.charts.forecast.setData(data, !state.zoomed);
    } else {
      state.charts.forecast = forecastChart(fdiv, data);
    }
    const names = Object.keys(h.experts);
    const edata = [h.points.ts.map((t) => t / 1000)].concat(names.map((n) => h.experts[n]));
    const key = names.join(',');
    if (state.charts.experts && state.charts.expertsKey === key) {
      state.charts.experts.setData(edata, !state.zoomed);
    } else {
      renderLegend(names);
      destroy('experts');
      state.charts.expertsKey = key;
      state.charts.experts = expertsChart($('experts-chart'), names, edata);
    }
  }

  function destroy(name) {
    if (state.charts[name]) {
      state.charts[name].destroy();
      state.charts[name] = null;
    }
  }

  // ---- routing: #/ is the overview, #/s/{symbol} a symbol's view ----

  function route() {
    const m = location.hash.match(/^#\/s\/(.+)$/);
    destroy('forecast');
    destroy('experts');
    if (m) {
      state.symbol = decodeURIComponent(m[1]);
      state.history = null;
      state.zoomed = false;
      $('experts-legend').replaceChildren();
      $('overview').hidden = true;
      $('symbol').hidden = false;
      $('symbol-title').textContent = state.symbol;
      document.title = state.symbol + ': tickcast';
      $('facts').replaceChildren();
      renderBreaks([]);
      $('symbol-title').setAttribute('tabindex', '-1');
      $('symbol-title').focus();
      schedule(refreshSymbol);
    } else {
      // Back from a symbol: once the table is there again, the keyboard focus returns to that symbol's link.
      let refocus = state.symbol;
      state.symbol = null;
      $('symbol').hidden = true;
      $('overview').hidden = false;
      document.title = 'tickcast: live forecasts';
      schedule(async () => {
        await refreshOverview();
        const link = refocus === null ? null
          : document.querySelector('#symbols-table a[data-symbol="' + CSS.escape(refocus) + '"]');
        if (link) {
          link.focus();
        }
        refocus = null;
      });
    }
  }

  // ---- keyboard and controls ----

  function moveInTable(e) {
    const a = e.target.closest('#symbols-table a');
    if (!a || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) {
      return;
    }
    const tr = a.closest('tr');
    const next = e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
    if (next) {
      next.querySelector('a').focus();
      e.preventDefault();
    }
  }

  function init() {
    for (const th of document.querySelectorAll('#symbols-table th[data-sort]')) {
      th.querySelector('button').addEventListener('click', () => sortBy(th.dataset.sort));
    }
    let debounce = null;
    $('search').addEventListener('input', (e) => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        state.q = e.target.value.trim();
        state.offset = 0;
        schedule(refreshOverview);
      }, 200);
    });
    $('prev').addEventListener('click', () => {
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
      schedule(refreshOverview);
    });
    $('next').addEventListener('click', () => {
      state.offset += PAGE_SIZE;
      schedule(refreshOverview);
    });
    document.querySelector('#symbols-table tbody').addEventListener('keydown', moveInTable);
    $('reset-zoom').addEventListener('click', resetZoom);
    $('download').addEventListener('click', download);
    $('range').addEventListener('change', (e) => {
      state.n = e.target.value;
      state.zoomed = false;
      if (state.symbol !== null) {
        schedule(refreshSymbol);
      }
    });
    document.addEventListener('keydown', (e) => {
      const typing = e.target.matches && e.target.matches('input, textarea');
      if (e.key === '/' && !typing && state.symbol === null) {
        $('search').focus();
        e.preventDefault();
      } else if (e.key === 'Escape' && state.symbol !== null) {
        location.hash = '#/';
      }
    });
    const resize = new ResizeObserver(() => {
      for (const [name, id] of [['forecast', 'forecast-chart'], ['experts', 'experts-chart']]) {
        if (state.charts[name]) {
          state.charts[name].setSize(chartSize($(id)));
        }
      }
    });
    resize.observe($('main'));
    window.addEventListener('hashchange', route);
    route();
  }

  init();
})();
