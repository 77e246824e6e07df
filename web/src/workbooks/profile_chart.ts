// The six-domain coproduction value profile over improvement cycles: one line per value domain,
// ratings 1–5 on the vertical axis, cycles along the horizontal.

import { chartFrame, el } from '../components/svg';

const WIDTH = 560;
const HEIGHT = 260;
const LEFT = 36;
const RIGHT = 150;
const TOP = 16;
const BOTTOM = 36;
// Distinguishable for common colour-vision deficiencies (Okabe–Ito), with a dash pattern each.
const COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

export interface ProfileSeries {
  label: string;
  values: (number | null)[]; // one per cycle; null where the cycle has no rating
}

export function profileChart(title: string, description: string, cycles: string[], series: ProfileSeries[]): SVGSVGElement {
  const svg = chartFrame(WIDTH, HEIGHT, title, description, 'profile-chart');
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (cycles.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (cycles.length - 1));
  const y = (v: number) => TOP + plotHeight - ((v - 1) * plotHeight) / 4;
  for (let v = 1; v <= 5; v++) {
    svg.append(el('line', { x1: LEFT, x2: LEFT + plotWidth, y1: y(v), y2: y(v), stroke: '#d5dbe3' }));
    const label = el('text', { x: LEFT - 8, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#4a5563' });
    label.textContent = String(v);
    svg.append(label);
  }
  cycles.forEach((cycle, i) => {
    const label = el('text', { x: x(i), y: HEIGHT - 12, 'text-anchor': 'middle', 'font-size': 12, fill: '#4a5563' });
    label.textContent = cycle;
    svg.append(label);
  });
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter((p): p is string => p !== null);
    if (points.length > 1) {
      svg.append(el('polyline', { points: points.join(' '), fill: 'none', stroke: COLOURS[k % 6]!, 'stroke-width': 2, 'stroke-dasharray': DASHES[k % 6]! }));
    }
    s.values.forEach((v, i) => {
      if (v !== null) svg.append(el('circle', { cx: x(i), cy: y(v), r: 3.5, fill: COLOURS[k % 6]! }));
    });
    const legendY = TOP + 8 + k * 20;
    svg.append(el('line', { x1: WIDTH - RIGHT + 12, x2: WIDTH - RIGHT + 32, y1: legendY, y2: legendY, stroke: COLOURS[k % 6]!, 'stroke-width': 2, 'stroke-dasharray': DASHES[k % 6]! }));
    const label = el('text', { x: WIDTH - RIGHT + 38, y: legendY + 4, 'font-size': 12, fill: '#1b2430' });
    label.textContent = s.label;
    svg.append(label);
  });
  return svg;
}
