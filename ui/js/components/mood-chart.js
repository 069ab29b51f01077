// The mood trend: an inline SVG drawn from the records (moods of held
// 1-on-1s over a range). No chart library; nothing loaded from anywhere.

const SVG = 'http://www.w3.org/2000/svg';
const MOOD_LABELS = ['', 'Rough', 'Low', 'Okay', 'Good', 'Great'];

function el(tag, attrs = {}, text = '') {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text) node.textContent = text;
  return node;
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short' });
const yearFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

const toTime = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

/**
 * @param {{date: string, mood: number}[]} points  oldest first
 * @param {string} from  YYYY-MM-DD
 * @param {string} to    YYYY-MM-DD
 */
export function moodChart(points, from, to) {
  const width = 720;
  const height = 170;
  const pad = { left: 58, right: 14, top: 12, bottom: 26 };
  const t0 = toTime(from);
  const t1 = Math.max(toTime(to), t0 + 86_400_000);
  const x = (iso) => pad.left + ((toTime(iso) - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (mood) => pad.top + ((5 - mood) / 4) * (height - pad.top - pad.bottom);

  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'mood-chart', role: 'img', 'aria-labelledby': 'mood-chart-title mood-chart-desc' });
  const avg = points.length ? points.reduce((s, p) => s + p.mood, 0) / points.length : null;
  svg.append(el('title', { id: 'mood-chart-title' }, 'Mood over time'));
  svg.append(el('desc', { id: 'mood-chart-desc' }, points.length
    ? `${points.length} 1-on-1s with a mood between ${from} and ${to}; average ${avg.toFixed(1)} of 5.`
    : `No moods recorded between ${from} and ${to}.`));

  for (let mood = 1; mood <= 5; mood += 1) {
    svg.append(el('line', { x1: pad.left, x2: width - pad.right, y1: y(mood), y2: y(mood), class: 'grid' }));
    svg.append(el('text', { x: pad.left - 8, y: y(mood) + 4, class: 'axis-label', 'text-anchor': 'end' }, MOOD_LABELS[mood]));
  }
  // Month ticks (or years, over long ranges), never more than a dozen.
  const months = [];
  const start = new Date(t0);
  const cursor = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  while (cursor.getTime() <= t1) {
    months.push(new Date(cursor));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  const step = Math.max(1, Math.ceil(months.length / 12));
  months.filter((_, i) => i % step === 0).forEach((m) => {
    const iso = m.toISOString().slice(0, 10);
    svg.append(el('line', { x1: x(iso), x2: x(iso), y1: pad.top, y2: height - pad.bottom, class: 'tick' }));
    svg.append(el('text', { x: x(iso), y: height - 8, class: 'axis-label', 'text-anchor': 'middle' },
      step > 1 || m.getUTCMonth() === 0 ? yearFormat.format(m) : monthFormat.format(m)));
  });

  if (points.length) {
    if (avg != null) {
      svg.append(el('line', { x1: pad.left, x2: width - pad.right, y1: y(avg), y2: y(avg), class: 'average' }));
    }
    svg.append(el('polyline', { points: points.map((p) => `${x(p.date).toFixed(1)},${y(p.mood).toFixed(1)}`).join(' '), class: 'line' }));
    for (const p of points) {
      const dot = el('circle', { cx: x(p.date).toFixed(1), cy: y(p.mood).toFixed(1), r: points.length > 120 ? 2 : 3.5, class: 'dot' });
      dot.append(el('title', {}, `${dayFormat.format(new Date(toTime(p.date)))}: ${p.mood} (${MOOD_LABELS[p.mood]})`));
      svg.append(dot);
    }
  } else {
    svg.append(el('text', { x: (width + pad.left) / 2, y: height / 2, class: 'empty-label', 'text-anchor': 'middle' }, 'No moods recorded in this range'));
  }
  return svg;
}
