// A patient's score over time on its instrument's reference bands, and the same patient beside
// the patients most like them (median and interquartile band per month since baseline).
// Bands are shaded in greys of rising depth and named in text, so no meaning rests on colour.

import { chartFrame, el } from '../components/svg';

const WIDTH = 640;
const HEIGHT = 280;
const LEFT = 44;
const RIGHT = 132;
const TOP = 24;
const BOTTOM = 40;
const LINE = '#0072b2';
const COHORT = '#d55e00';

export interface Band {
  min: number;
  max: number;
  label: string;
}

interface Axes {
  svg: SVGSVGElement;
  x: (v: number) => number;
  y: (v: number) => number;
}

// The plot area with its value axis (low..high, about five ticks) and bands.
function axes(title: string, description: string, low: number, high: number, bands: Band[]): Omit<Axes, 'x'> & { width: number } {
  const svg = chartFrame(WIDTH, HEIGHT, title, description, 'score-chart');
  const width = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const span = high - low || 1;
  const y = (v: number) => TOP + plotHeight - ((v - low) * plotHeight) / span;
  bands.forEach((band, i) => {
    // A band [min, max] of whole scores covers min - 0.5 … max + 0.5 on the axis.
    const top = y(Math.min(high, band.max + 0.5));
    const bottom = y(Math.max(low, band.min - 0.5));
    const grey = 248 - i * 12;
    svg.append(el('rect', { x: LEFT, y: top, width, height: Math.max(0, bottom - top), fill: `rgb(${grey},${grey},${grey + 4})` }));
    svg.append(el('text', { x: LEFT + width + 8, y: (top + bottom) / 2 + 4, 'font-size': 12, fill: '#1b2430' }, band.label));
  });
  const step = span <= 12 ? 2 : span <= 30 ? 5 : span <= 60 ? 10 : 20;
  for (let v = Math.ceil(low / step) * step; v <= high; v += step) {
    svg.append(el('line', { x1: LEFT, x2: LEFT + width, y1: y(v), y2: y(v), stroke: '#d5dbe3' }));
    svg.append(el('text', { x: LEFT - 8, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#4a5563' }, String(v)));
  }
  return { svg, y, width };
}

function line(svg: SVGSVGElement, points: [number, number][], colour: string, dash = ''): void {
  if (points.length > 1) {
    svg.append(el('polyline', { points: points.map(([x, y]) => `${x},${y}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash }));
  }
  for (const [x, y] of points) svg.append(el('circle', { cx: x, cy: y, r: 3.5, fill: colour }));
}

function range(values: number[], bands: Band[]): [number, number] {
  const all = [...values, ...bands.flatMap((b) => [b.min, b.max])];
  const low = Math.min(0, ...all);
  const high = Math.max(...all, low + 1);
  return [low, high];
}

export interface ScorePoint {
  at: number; // ms
  value: number;
}

// Values over calendar time; lastVisit (ms) drawn as a dashed line labelled visitLabel.
export function scoreChart(title: string, description: string, points: ScorePoint[], bands: Band[], format: (ms: number) => string, lastVisit: number | null, visitLabel: string): SVGSVGElement {
  const [low, high] = range(points.map((p) => p.value), bands);
  const { svg, y, width } = axes(title, description, low, high, bands);
  const first = points[0]?.at ?? 0;
  const last = Math.max(points.at(-1)?.at ?? 1, lastVisit ?? 0);
  const x = (at: number) => LEFT + (last === first ? width / 2 : ((at - first) * width) / (last - first));
  const ticks = Math.min(points.length, 4);
  for (let i = 0; i < ticks; i++) {
    const at = ticks === 1 ? first : first + ((last - first) * i) / (ticks - 1);
    svg.append(el('text', { x: x(at), y: HEIGHT - 14, 'text-anchor': 'middle', 'font-size': 12, fill: '#4a5563' }, format(at)));
  }
  if (lastVisit !== null && lastVisit >= first) {
    svg.append(el('line', { x1: x(lastVisit), x2: x(lastVisit), y1: TOP, y2: HEIGHT - BOTTOM, stroke: '#1b2430', 'stroke-dasharray': '4 3' }));
    svg.append(el('text', { x: x(lastVisit) - 4, y: TOP + 12, 'text-anchor': 'end', 'font-size': 12, fill: '#1b2430' }, visitLabel));
  }
  line(svg, points.map((p) => [x(p.at), y(p.value)]), LINE);
  return svg;
}

export interface CohortBand {
  month: number;
  p25: number;
  median: number;
  p75: number;
}

// The patient's own line beside the cohort's median (dashed) and interquartile band, over
// months since each person's baseline.
export function likeMeChart(title: string, description: string, own: { month: number; value: number }[], cohort: CohortBand[], bands: Band[], labels: { months: string; median: string; own: string }): SVGSVGElement {
  const values = [...own.map((p) => p.value), ...cohort.flatMap((b) => [b.p25, b.p75])];
  const [low, high] = range(values, bands);
  const { svg, y, width } = axes(title, description, low, high, bands);
  const months = Math.max(1, ...own.map((p) => p.month), ...cohort.map((b) => b.month));
  const x = (m: number) => LEFT + (m * width) / months;
  if (cohort.length > 1) {
    const upper = cohort.map((b) => `${x(b.month)},${y(b.p75)}`);
    const lower = cohort.map((b) => `${x(b.month)},${y(b.p25)}`).reverse();
    svg.append(el('polygon', { points: [...upper, ...lower].join(' '), fill: COHORT, 'fill-opacity': 0.18, stroke: 'none' }));
  }
  line(svg, cohort.map((b) => [x(b.month), y(b.median)]), COHORT, '6 3');
  line(svg, own.map((p) => [x(p.month), y(p.value)]), LINE);
  for (let m = 0; m <= months; m += months > 24 ? 12 : 6) {
    svg.append(el('text', { x: x(m), y: HEIGHT - 20, 'text-anchor': 'middle', 'font-size': 12, fill: '#4a5563' }, String(m)));
  }
  svg.append(el('text', { x: LEFT + width / 2, y: HEIGHT - 4, 'text-anchor': 'middle', 'font-size': 12, fill: '#4a5563' }, labels.months));
  svg.append(el('line', { x1: LEFT, x2: LEFT + 20, y1: TOP - 6, y2: TOP - 6, stroke: LINE, 'stroke-width': 2 }));
  svg.append(el('text', { x: LEFT + 24, y: TOP - 2, 'font-size': 12, fill: '#1b2430' }, labels.own));
  svg.append(el('line', { x1: LEFT + 140, x2: LEFT + 160, y1: TOP - 6, y2: TOP - 6, stroke: COHORT, 'stroke-width': 2, 'stroke-dasharray': '6 3' }));
  svg.append(el('text', { x: LEFT + 164, y: TOP - 2, 'font-size': 12, fill: '#1b2430' }, labels.median));
  return svg;
}
