// A line plot of one series over a fixed time window, on a plain canvas.
const WINDOW_MS = 15 * 60 * 1000;

/**
 * Draws points [{time, value}] (value null: a gap) of the last 15 minutes ending at `now` (or since
 * the first point, at least a minute, while there are fewer), scaled to their maximum, with the
 * latest value written in the corner. The canvas keeps the latest value, the maximum and the count
 * of points in data-last, data-max and data-points.
 */
export function plot(canvas, points, now) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(width * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const shown = points.filter((p) => p.time >= now - WINDOW_MS);
  const span = Math.min(WINDOW_MS, Math.max(60 * 1000, now - (shown[0]?.time ?? now)));
  const values = shown.map((p) => p.value).filter((v) => v != null);
  const max = Math.max(1, ...values) * 1.15;
  const x = (time) => ((time - (now - span)) / span) * (width - 10) + 2;
  const y = (value) => height - 4 - (value / max) * (height - 18);
  g.strokeStyle = '#eceff4';
  g.lineWidth = 1;
  for (let i = 1; i <= 3; i++) {
    g.beginPath();
    g.moveTo(0, (height / 4) * i);
    g.lineTo(width, (height / 4) * i);
    g.stroke();
  }
  g.strokeStyle = '#2f6fde';
  g.lineWidth = 2;
  g.beginPath();
  let drawing = false;
  for (const p of shown) {
    if (p.value == null) {
      drawing = false;
      continue;
    }
    if (drawing) g.lineTo(x(p.time), y(p.value));
    else g.moveTo(x(p.time), y(p.value));
    drawing = true;
  }
  g.stroke();
  g.fillStyle = '#2f6fde';
  for (const p of shown) {
    if (p.value != null) g.fillRect(x(p.time) - 1.5, y(p.value) - 1.5, 3, 3);
  }
  const last = values.length ? values[values.length - 1] : null;
  g.fillStyle = '#1d2330';
  g.font = '600 13px system-ui, sans-serif';
  g.textAlign = 'right';
  g.fillText(last == null ? '–' : format(last), width - 6, 14);
  g.fillStyle = '#5b6477';
  g.textAlign = 'left';
  g.fillText('max ' + format(Math.max(0, ...values)), 6, 14);
  canvas.dataset.last = last == null ? '' : String(last);
  canvas.dataset.max = String(Math.max(0, ...values));
  canvas.dataset.points = String(shown.length);
}

function format(value) {
  return value >= 100 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
}
