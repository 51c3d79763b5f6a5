// The Gantt of an HTML export (html-page.ts inlines this file): draws the trace's runs on one
// canvas with a shared time axis, zooms with the wheel or + / -, pans by dragging or with the
// arrow keys, goes back to the whole run with 0, and reads out the span under the pointer.
// Plain browser JavaScript with no imports: the page must work from a file, with no network.
(() => {
  const data = JSON.parse(document.getElementById('trace-data').textContent);
  const ROW_PX = 16;
  const ROW_GAP_PX = 4;
  const HEADING_PX = 24;
  const AXIS_PX = 22;
  const RUN_GAP_PX = 10;
  const LABEL_PX = Math.min(220, 12 + 7.5 * Math.max(4, ...data.runs.flatMap((run) => run.lanes.map((name) => name.length))));
  const MIN_WINDOW_US = 100;
  const ZOOM_STEP = 2;
  const PAN_SHARE = 0.2;
  const TERMINAL = new Set(['done', 'failed']);
  const firstUs = data.startUs;
  const endUs = Math.max(firstUs + 1, data.endUs);

  const canvas = document.getElementById('gantt');
  const context = canvas.getContext('2d');
  const windowLabel = document.getElementById('window');
  const readout = document.getElementById('readout');
  const view = { startUs: firstUs, endUs };

  // Per lane: its spans sorted by start, as parallel arrays (state index, start, end).
  const runs = data.runs.map((run) => ({
    title: run.title,
    lanes: run.lanes.map((name, lane) => {
      const spans = [];
      for (let i = 0; i < run.spans.length; i += 4) {
        if (run.spans[i] === lane) spans.push([run.spans[i + 1], run.spans[i + 2], run.spans[i + 3]]);
      }
      spans.sort((a, b) => a[1] - b[1]);
      return { name, states: spans.map((s) => s[0]), starts: spans.map((s) => s[1]), ends: spans.map((s) => s[2]) };
    }),
  }));

  // Rows in page order: each run's heading, its lanes, then its axis.
  const rows = [];
  let height = 0;
  for (const run of runs) {
    rows.push({ kind: 'heading', y: height, run });
    height += HEADING_PX;
    for (const lane of run.lanes) {
      rows.push({ kind: 'lane', y: height, run, lane });
      height += ROW_PX + ROW_GAP_PX;
    }
    rows.push({ kind: 'axis', y: height });
    height += AXIS_PX + RUN_GAP_PX;
  }

  const fills = data.states.map((state) => fillOf(state));

  /** A state's colour, with the SVG's texture for the waiting states (readable in grey print too). */
  function fillOf(state) {
    const color = data.colors[state];
    const texture = data.textures[state];
    if (!texture) return color;
    const tile = document.createElement('canvas');
    tile.width = 6;
    tile.height = 6;
    const t = tile.getContext('2d');
    t.fillStyle = color;
    t.fillRect(0, 0, 6, 6);
    t.strokeStyle = texture.stroke;
    t.fillStyle = texture.stroke;
    t.beginPath();
    const lines = {
      hatch: [[0, 6, 6, 0]],
      cross: [
        [0, 6, 6, 0],
        [0, 0, 6, 6],
      ],
      line: [[0, 3, 6, 3]],
      dot: [],
    }[texture.kind];
    for (const [x0, y0, x1, y1] of lines) {
      t.moveTo(x0, y0);
      t.lineTo(x1, y1);
    }
    if (texture.kind === 'dot') {
      t.arc(3, 3, 1.2, 0, 2 * Math.PI);
      t.fill();
    } else {
      t.stroke();
    }
    return context.createPattern(tile, 'repeat');
  }

  const plotPx = () => canvas.clientWidth - LABEL_PX - 16;
  const xOf = (us) => LABEL_PX + ((us - view.startUs) / (view.endUs - view.startUs)) * plotPx();
  const usAt = (x) => view.startUs + ((x - LABEL_PX) / plotPx()) * (view.endUs - view.startUs);

  function formatUs(us) {
    const span = view.endUs - view.startUs;
    if (span >= 2_000_000) return `${(us / 1_000_000).toFixed(3)} s`;
    if (span >= 2_000) return `${(us / 1_000).toFixed(3)} ms`;
    return `${us.toFixed(1)} µs`;
  }

  function niceStep(minimumUs) {
    for (let scale = 1; ; scale *= 10) for (const factor of [1, 2, 5]) if (factor * scale >= minimumUs) return factor * scale;
  }

  function draw() {
    const ratio = window.devicePixelRatio || 1;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.clientWidth, height);
    context.font = '13px system-ui, sans-serif';
    context.textBaseline = 'middle';
    for (const row of rows) {
      if (row.kind === 'heading') {
        context.fillStyle = '#000';
        context.font = 'bold 15px system-ui, sans-serif';
        context.fillText(row.run.title, 8, row.y + HEADING_PX / 2);
        context.font = '13px system-ui, sans-serif';
      } else if (row.kind === 'lane') {
        context.fillStyle = '#000';
        context.fillText(row.lane.name, 8, row.y + ROW_PX / 2, LABEL_PX - 12);
        drawLane(row.lane, row.y);
      } else {
        drawAxis(row.y);
      }
    }
    windowLabel.textContent = `${formatUs(view.startUs)} – ${formatUs(view.endUs)} (${formatUs(view.endUs - view.startUs).trim()} of ${formatUs(endUs - firstUs)})`;
    // The window and the geometry, for scripts that read the page (and its tests).
    canvas.dataset.startUs = String(view.startUs);
    canvas.dataset.endUs = String(view.endUs);
    canvas.dataset.plotLeft = String(LABEL_PX);
    canvas.dataset.plotWidth = String(plotPx());
    canvas.dataset.laneRows = JSON.stringify(rows.filter((r) => r.kind === 'lane').map((r) => ({ run: r.run.title, lane: r.lane.name, y: r.y })));
  }

  /** First span index whose end is after `us` (spans of a lane never overlap, so ends are sorted too). */
  function firstEndingAfter(lane, us) {
    let low = 0;
    let high = lane.ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (lane.ends[middle] <= us) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * Spans of at least a pixel as rectangles; narrower ones summed per pixel column and drawn as
   * stripes as tall as each state's share of the column, as the SVG does (sub-pixel-merge.ts).
   */
  function drawLane(lane, top) {
    context.save();
    context.beginPath();
    context.rect(LABEL_PX, top, plotPx(), ROW_PX);
    context.clip();
    const width = Math.ceil(plotPx()) + 1;
    const columns = new Float64Array(width * data.states.length);
    const usPerPx = (view.endUs - view.startUs) / plotPx();
    const markers = [];
    for (let i = firstEndingAfter(lane, view.startUs - 1); i < lane.starts.length && lane.starts[i] <= view.endUs; i++) {
      const state = lane.states[i];
      const [startUs, stopUs] = [lane.starts[i], lane.ends[i]];
      if (TERMINAL.has(data.states[state])) {
        markers.push([state, startUs]);
      } else if (stopUs - startUs >= usPerPx) {
        context.fillStyle = fills[state];
        context.fillRect(xOf(startUs), top, xOf(stopUs) - xOf(startUs), ROW_PX);
      } else {
        for (let fromUs = Math.max(startUs, view.startUs); fromUs < Math.min(stopUs, view.endUs); ) {
          const column = Math.min(width - 1, Math.floor((fromUs - view.startUs) / usPerPx));
          const toUs = Math.min(stopUs, view.startUs + (column + 1) * usPerPx);
          columns[column * data.states.length + state] += Math.max(toUs - fromUs, 0);
          fromUs = toUs > fromUs ? toUs : stopUs;
        }
      }
    }
    for (let column = 0; column < width; column++) {
      let total = 0;
      for (let s = 0; s < data.states.length; s++) total += columns[column * data.states.length + s];
      if (total === 0) continue;
      let y = top;
      // A partly empty column (a lane's start or end) is drawn as high as the time it covers.
      const covered = Math.min(1, total / usPerPx);
      for (let s = 0; s < data.states.length; s++) {
        const share = columns[column * data.states.length + s] / total;
        if (share === 0) continue;
        context.fillStyle = fills[s];
        context.fillRect(LABEL_PX + column, y, covered > 0.95 ? 1 : Math.max(covered, 0.5), share * ROW_PX);
        y += share * ROW_PX;
      }
    }
    for (const [state, atUs] of markers) {
      context.strokeStyle = data.colors[data.states[state]];
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(xOf(atUs), top);
      context.lineTo(xOf(atUs), top + ROW_PX);
      context.stroke();
    }
    context.restore();
  }

  function drawAxis(y) {
    context.strokeStyle = '#333';
    context.fillStyle = '#333';
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(LABEL_PX, y + 0.5);
    context.lineTo(LABEL_PX + plotPx(), y + 0.5);
    const stepUs = niceStep(((view.endUs - view.startUs) * 90) / plotPx());
    context.font = '11px system-ui, sans-serif';
    context.textAlign = 'center';
    for (let tick = Math.ceil(view.startUs / stepUs) * stepUs; tick <= view.endUs; tick += stepUs) {
      context.moveTo(xOf(tick) + 0.5, y);
      context.lineTo(xOf(tick) + 0.5, y + 4);
      context.fillText(formatUs(tick).replace(/\.?0+ /, ' '), xOf(tick), y + 13);
    }
    context.stroke();
    context.textAlign = 'start';
    context.font = '13px system-ui, sans-serif';
  }

  /** Shows [startUs, endUs), kept inside the run (or the exported window) and no narrower than MIN_WINDOW_US. */
  function show(startUs, stopUs) {
    const span = Math.min(endUs - firstUs, Math.max(MIN_WINDOW_US, stopUs - startUs));
    const start = Math.min(Math.max(firstUs, startUs), endUs - span);
    view.startUs = start;
    view.endUs = start + span;
    draw();
  }

  function zoom(factor, aroundUs) {
    const span = (view.endUs - view.startUs) / factor;
    const share = (aroundUs - view.startUs) / (view.endUs - view.startUs);
    show(aroundUs - share * span, aroundUs - share * span + span);
  }

  function pan(us) {
    show(view.startUs + us, view.endUs + us);
  }

  /** The lane row and span under a point of the canvas, or null. */
  function spanAt(x, y) {
    const row = rows.find((r) => r.kind === 'lane' && y >= r.y && y < r.y + ROW_PX);
    if (!row || x < LABEL_PX || x > LABEL_PX + plotPx()) return null;
    const atUs = usAt(x);
    const lane = row.lane;
    const i = firstEndingAfter(lane, atUs);
    if (i >= lane.starts.length || lane.starts[i] > atUs) return null;
    return { run: row.run, lane, state: data.states[lane.states[i]], startUs: lane.starts[i], endUs: lane.ends[i] };
  }

  function describe(hit) {
    const ms = (us) => `${(us / 1000).toFixed(3)} ms`;
    return `${hit.run.title.split(' — ')[0]} · ${hit.lane.name} · ${hit.state} · ${ms(hit.startUs)} → ${ms(hit.endUs)} (${ms(hit.endUs - hit.startUs)})`;
  }

  let drag = null;
  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const rect = canvas.getBoundingClientRect();
    zoom(Math.exp(-event.deltaY * 0.002), usAt(event.clientX - rect.left));
  });
  canvas.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, startUs: view.startUs, stopUs: view.endUs };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener('pointerup', () => {
    drag = null;
  });
  canvas.addEventListener('pointermove', (event) => {
    const rect = canvas.getBoundingClientRect();
    if (drag !== null) {
      const us = ((drag.x - event.clientX) / plotPx()) * (drag.stopUs - drag.startUs);
      show(drag.startUs + us, drag.stopUs + us);
    }
    const hit = spanAt(event.clientX - rect.left, event.clientY - rect.top);
    readout.textContent = hit === null ? 'Point at a span to read it.' : describe(hit);
  });
  document.addEventListener('keydown', (event) => {
    const middleUs = (view.startUs + view.endUs) / 2;
    const windowUs = view.endUs - view.startUs;
    if (event.key === '+' || event.key === '=') zoom(ZOOM_STEP, middleUs);
    else if (event.key === '-' || event.key === '_') zoom(1 / ZOOM_STEP, middleUs);
    else if (event.key === 'ArrowLeft') pan(-PAN_SHARE * windowUs);
    else if (event.key === 'ArrowRight') pan(PAN_SHARE * windowUs);
    else if (event.key === '0' || event.key === 'Home') show(firstUs, endUs);
    else return;
    event.preventDefault();
  });
  window.addEventListener('resize', draw);
  draw();
})();
