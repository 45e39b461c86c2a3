// The console's analytics page: one line chart per metric, filled with the chosen range's history
// and then with every result the analytics job pushes over STOMP; tables of the latest window of
// the tagged metrics (breakdowns with their shares, the funnel with its drop-off, revenue lost and
// reconciled); this hour against the previous (refreshed by htmx); the alert stream. All traffic, or real traffic alone: the job emits both
// series, and the page draws the one the toggle names.
(() => {
  const root = document.getElementById('analytics');
  if (!root) {
    return;
  }
  const token = document.querySelector('meta[name="_csrf"]').content;
  const rangeSelect = document.getElementById('range');
  const realOnly = document.getElementById('real-only');
  const traffic = () => (realOnly.checked ? 'real' : 'all');
  const live = document.getElementById('live');
  const charts = {};
  const units = {};
  const tables = {};
  // times as every console page writes them: 2026-12-02 01:57:36 UTC
  const time = (millis) => new Date(millis).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
  // axis ticks: the time of day in UTC (the axis says so), to the minute with the date on the day's range
  const tick = (millis) => (minutes() >= 1440 ? new Date(millis).toISOString().slice(5, 16)
    : new Date(millis).toISOString().slice(11, 19)).replace('T', ' ');
  const number = (value, digits = 2) => value.toLocaleString('en', { maximumFractionDigits: digits });
  // each value in its measurement's unit (data-unit: share, seconds, credits or number)
  const formats = {
    share: (value) => number(value * 100, 1) + ' %',
    seconds: (value) => value < 60 ? number(value, 0) + ' s'
      : Math.floor(value / 60) + ' min ' + Math.round(value % 60) + ' s',
    credits: (value) => number(value) + ' credits',
    number: (value) => number(value),
  };
  const axisFormats = {
    share: (value) => number(value * 100, 1) + ' %',
    seconds: (value) => number(value, 1) + ' s',
    credits: (value) => number(value),
    number: (value) => number(value),
  };
  const format = (measurement, value) => (formats[units[measurement]] || formats.number)(value);

  const minutes = () => Number(rangeSelect.value);

  // where results are missing (the application was down, no traffic) the chart leaves a gap rather
  // than a line across it; a gap is wider than three drawn points (about 500 over the range)
  const gapMillis = () => Math.max(30_000, (minutes() * 60_000 / 500) * 3);
  const acrossGap = (segment) => (segment.p1.parsed.x - segment.p0.parsed.x > gapMillis() ? 'transparent' : undefined);

  root.querySelectorAll('canvas[data-measurement]').forEach((canvas) => {
    const unit = canvas.dataset.unit || 'number';
    units[canvas.dataset.measurement] = unit;
    charts[canvas.dataset.measurement] = new Chart(canvas, {
      type: 'line',
      data: { datasets: [{ data: [], borderColor: '#2b4c7e', backgroundColor: 'rgba(43, 76, 126, 0.12)', fill: true,
        pointRadius: 0, borderWidth: 2, tension: 0.25, segment: { borderColor: acrossGap, backgroundColor: acrossGap } }] },
      options: {
        animation: false, maintainAspectRatio: false, parsing: false, normalized: true,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: {
            title: (items) => time(items[0].parsed.x),
            label: (item) => format(canvas.dataset.measurement, item.parsed.y),
          } },
          // a day's range is some 17,000 windows: drawn as at most 500 points
          decimation: { enabled: true, algorithm: 'lttb', samples: 500 },
        },
        scales: {
          x: { type: 'linear', bounds: 'data', ticks: { display: false, callback: (value) => tick(value), maxTicksLimit: 5, maxRotation: 0 },
            title: { display: true, text: 'UTC', align: 'end', padding: 0, font: { size: 11 } } },
          y: { beginAtZero: true, ticks: { maxTicksLimit: 5, callback: (value) => (axisFormats[unit] || axisFormats.number)(value) } },
        },
      },
    });
  });

  function redraw(measurement) {
    const chart = charts[measurement];
    const points = chart.data.datasets[0].data;
    const oldest = Date.now() - minutes() * 60_000;
    while (points.length && points[0].x < oldest) {
      points.shift();
    }
    // an empty chart has no times to show (its axis would count from 1970)
    chart.options.scales.x.ticks.display = points.length > 0;
    chart.update('none');
    const figure = document.getElementById('chart-' + measurement);
    figure.dataset.points = points.length;
    figure.dataset.latest = points.length ? points[points.length - 1].x : 0;
    figure.querySelector('.value').textContent = points.length ? format(measurement, points[points.length - 1].y) : '—';
  }

  function addPoint(measurement, at, value) {
    const points = charts[measurement].data.datasets[0].data;
    if (points.length && points[points.length - 1].x >= at) {
      return; // already drawn from the history
    }
    points.push({ x: at, y: value });
    redraw(measurement);
  }

  // the funnel's steps in their order, and how the page names them
  const steps = { product_view: 'Product view', add_to_cart: 'Add to cart', checkout: 'Checkout', paid: 'Paid' };
  const sides = ['analytics', 'ledger', 'difference'];
  const funnelChart = new Chart(document.getElementById('funnel-chart'), {
    type: 'bar',
    data: { labels: Object.values(steps), datasets: [{ data: [0, 0, 0, 0], backgroundColor: '#2b4c7e' }] },
    options: { animation: false, maintainAspectRatio: false, indexAxis: 'y',
      plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { maxTicksLimit: 5 } } } },
  });

  function cells(...texts) {
    const row = document.createElement('tr');
    texts.forEach((text, index) => {
      const cell = document.createElement('td');
      if (index > 0) {
        cell.className = 'number';
      }
      cell.textContent = text;
      row.append(cell);
    });
    return row;
  }

  // a table of the latest window of a tagged measurement; a newer window replaces it
  function tabulate(measurement, windowEnd, tag, value) {
    let table = tables[measurement];
    if (!table || windowEnd > table.windowEnd) {
      table = tables[measurement] = { windowEnd, rows: new Map() };
    }
    if (windowEnd < table.windowEnd) {
      return;
    }
    table.rows.set(tag, value);
    const body = document.getElementById(measurement);
    const rows = [...table.rows];
    if (measurement === 'funnel') {
      const counts = Object.keys(steps).map((step) => table.rows.get(step) || 0);
      body.replaceChildren(...Object.keys(steps).map((step, index) => cells(steps[step], number(counts[index], 0),
        index === 0 || !counts[index - 1] ? '—' : number(Math.max(0, 1 - counts[index] / counts[index - 1]) * 100, 1) + ' %')));
      funnelChart.data.datasets[0].data = counts;
      funnelChart.update('none');
    } else if (measurement === 'revenue_reconciliation') {
      body.replaceChildren(...sides.filter((side) => table.rows.has(side))
        .map((side) => cells(side, number(table.rows.get(side), 0))));
    } else {
      const total = rows.reduce((sum, [, count]) => sum + count, 0);
      body.replaceChildren(...rows.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10)
        .map(([name, count]) => (body.dataset.share
          ? cells(name, number(count), total ? number(count / total * 100, 1) + ' %' : '—')
          : cells(name, number(count)))));
    }
    root.querySelector(`.window[data-for="${measurement}"]`).textContent = 'window ending ' + time(windowEnd);
  }

  // a result's row: its tag, and its second tag when it has one (lost revenue: why · item)
  const label = (tag, detail) => (detail ? tag + ' · ' + detail : tag);

  let generation = 0;

  // merges the range's history under what has been pushed meanwhile; an answer to an older
  // question (the range changed since) is dropped
  async function loadHistory() {
    const asked = ++generation;
    await Promise.all(Object.keys(charts).concat(Object.keys(tablesWanted)).map(async (measurement) => {
      const span = charts[measurement] ? minutes() : 5;
      const response = await fetch(root.dataset.history + measurement + '?minutes=' + span + '&traffic=' + traffic());
      if (!response.ok || asked !== generation) {
        return;
      }
      const history = await response.json();
      if (asked !== generation) {
        return;
      }
      if (charts[measurement]) {
        const dataset = charts[measurement].data.datasets[0];
        const stored = history.points.map((point) => ({ x: point.time, y: point.value }));
        const newest = stored.length ? stored[stored.length - 1].x : -Infinity;
        dataset.data = stored.concat(dataset.data.filter((point) => point.x > newest));
        redraw(measurement);
      } else if (history.points.length) {
        const latest = Math.max(...history.points.map((point) => point.time));
        history.points.filter((point) => point.time === latest)
          .forEach((point) => tabulate(measurement, latest, label(point.tag, point.detail), point.value));
      }
    }));
  }

  // every table on the page is a tagged measurement's, by its body's id
  const tablesWanted = Object.fromEntries([...root.querySelectorAll('tbody[id]')].map((body) => [body.id, true]));

  function onResult(result) {
    if (Boolean(result.realOnly) !== realOnly.checked) {
      return; // the other traffic's series
    }
    if (charts[result.measurement]) {
      addPoint(result.measurement, result.windowEnd, result.value);
    } else if (tablesWanted[result.measurement] && result.tagValue) {
      tabulate(result.measurement, result.windowEnd, label(result.tagValue, result.detailValue), result.value);
    }
  }

  function onAlert(alert) {
    const list = document.getElementById('alerts');
    list.querySelectorAll('.hint').forEach((hint) => hint.remove());
    const item = document.createElement('li');
    const when = document.createElement('time');
    when.textContent = time(alert.timestamp);
    const type = document.createElement('strong');
    type.textContent = alert.type;
    const message = document.createElement('span');
    message.textContent = alert.message;
    item.append(when, type, message);
    list.prepend(item);
    while (list.children.length > 50) {
      list.lastElementChild.remove();
    }
  }

  rangeSelect.addEventListener('change', loadHistory);

  // the other series from scratch: its history, then what is pushed of it
  realOnly.addEventListener('change', () => {
    Object.keys(charts).forEach((measurement) => {
      charts[measurement].data.datasets[0].data = [];
      redraw(measurement);
    });
    Object.keys(tablesWanted).forEach((measurement) => {
      delete tables[measurement];
      const waiting = document.createElement('td');
      waiting.colSpan = document.getElementById(measurement).closest('table').querySelectorAll('th').length;
      waiting.className = 'hint';
      waiting.textContent = 'Waiting for a window…';
      const row = document.createElement('tr');
      row.append(waiting);
      document.getElementById(measurement).replaceChildren(row);
      root.querySelector(`.window[data-for="${measurement}"]`).textContent = '';
    });
    root.querySelectorAll('.traffic').forEach((hint) => { hint.hidden = hint.dataset.traffic !== traffic(); });
    const url = new URL(location.href);
    if (realOnly.checked) {
      url.searchParams.set('traffic', 'real');
    } else {
      url.searchParams.delete('traffic');
    }
    window.history.replaceState(null, '', url);
    if (window.htmx) {
      htmx.ajax('GET', root.dataset.comparison + '?traffic=' + traffic(), { target: '#comparison', swap: 'outerHTML' });
    }
    loadHistory();
  });

  const client = new StompJs.Client({
    brokerURL: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + root.dataset.ws,
    connectHeaders: { 'X-CSRF-TOKEN': token },
    reconnectDelay: 3000,
  });
  let connectedBefore = false;
  client.onConnect = () => {
    if (connectedBefore) {
      loadHistory(); // what was emitted while the connection was down
    }
    connectedBefore = true;
    live.textContent = 'live';
    live.classList.add('up');
    live.classList.remove('down');
    client.subscribe('/topic/metrics', (message) => onResult(JSON.parse(message.body)));
    client.subscribe('/topic/alerts', (message) => onAlert(JSON.parse(message.body)));
  };
  const offline = () => {
    live.textContent = 'reconnecting…';
    live.classList.add('down');
    live.classList.remove('up');
    // a session that has expired cannot reconnect: reload into the sign-in page
    fetch(root.dataset.history + 'page_views_per_second?minutes=5', { headers: { 'HX-Request': 'true' } })
      .then((response) => {
        if (response.status === 401) {
          location.reload();
        }
      })
      .catch(() => {});
  };
  client.onWebSocketClose = offline;
  client.onStompError = offline;
  loadHistory().finally(() => client.activate());
})();
