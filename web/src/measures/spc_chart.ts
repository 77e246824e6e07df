// A statistical process control chart: the points joined in time order (broken where a value is
// missing or suppressed), the centre line solid (dashed in a second colour in a part whose
// runs signal a shift, as qicharts2 draws it), the control limits dashed (stepping where
// denominators vary), a target dotted, the team's changes as labelled vertical lines, and each
// point that signals alone drawn larger as a diamond in a second colour with its explanation as
// a tooltip. Shapes and text carry every meaning; colour only repeats it.

import type { MeasureSeries, SpcPoint, TestedChange } from '../api';
import { chartFrame, el } from '../components/svg';
import { formatValue, t } from '../i18n';

const LEFT = 52;
const RIGHT = 16;
const TOP = 28;
const BOTTOM = 44;
const DATA = '#1b2430';
const SIGNAL = '#d55e00';
const CENTRE = '#0072b2';
const CHANGE = '#6a3d9a';

export interface SpcChartText {
  title: string;
  description: string;
  change: (change: TestedChange) => string; // a change's label
  suppressed: string; // what a suppressed cell is called
  point: (p: SpcPoint) => string | null; // a point's own signal in words, or null
  notes?: Map<string, string>; // the team's notes by the point's label, each drawn as a flag
}

// The value range a chart shows: its points, centre lines, limits and target, padded. Small
// multiples on one scale use the union of every chart's range.
export function range(points: SpcPoint[], target: number | null): [number, number] {
  const values = points.flatMap((p) => [p.y, p.cl, p.lcl, p.ucl]).filter((v): v is number => v !== null);
  if (target !== null) values.push(target);
  if (values.length === 0) return [0, 1];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low || Math.abs(high) || 1) * 0.08;
  return [low - pad, high + pad];
}

// A line through the points that have a value for get, broken at those that do not; limits
// step at each point's half-way marks so a varying denominator shows as it is.
function path(points: SpcPoint[], get: (p: SpcPoint) => number | null, x: (i: number) => number, y: (v: number) => number, step: boolean, half: number): string {
  let d = '';
  let open = false;
  points.forEach((p, i) => {
    const v = get(p);
    if (v === null) {
      open = false;
      return;
    }
    if (step) {
      d += `${open ? 'L' : 'M'}${x(i) - half},${y(v)}L${x(i) + half},${y(v)}`;
    } else {
      d += `${open ? 'L' : 'M'}${x(i)},${y(v)}`;
    }
    open = true;
  });
  return d;
}

// The width to draw a full-width chart at: the page's width up to max, so that its text is drawn
// at FONT pixels on a phone as on a desktop.
export function chartWidth(max = 720): number {
  return Math.round(Math.min(max, Math.max(300, document.documentElement.clientWidth - 48)));
}

// Text at FONT viewBox units; a chart drawn smaller than its viewBox shrinks it, so callers size
// the viewBox to the space the chart gets (small multiples: their cell's width).
const FONT = 12;
const CHAR = 0.62 * FONT; // the average width of a label's character

export function spcChart(series: MeasureSeries, changes: TestedChange[], target: number | null, text: SpcChartText, width = 720, height = 300, domain?: [number, number]): SVGSVGElement {
  const svg = chartFrame(width, height, text.title, text.description, 'spc-chart');
  const points = series.points;
  const plotWidth = width - LEFT - RIGHT;
  const plotHeight = height - TOP - BOTTOM;
  const [low, high] = domain ?? range(points, target);
  const x = (i: number) => LEFT + (points.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (points.length - 1));
  const y = (v: number) => TOP + plotHeight - ((v - low) * plotHeight) / (high - low);
  const half = points.length <= 1 ? 8 : plotWidth / (points.length - 1) / 2;

  // Value axis: about five round ticks.
  const raw = (high - low) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const tick = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  for (let v = Math.ceil(low / tick) * tick; v <= high; v += tick) {
    svg.append(el('line', { x1: LEFT, x2: LEFT + plotWidth, y1: y(v), y2: y(v), stroke: '#e3e7ec' }));
    svg.append(el('text', { x: LEFT - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': FONT, fill: '#4a5563', class: 'tick' }, formatValue(v, 6)));
  }
  // Time axis: as many labels as fit side by side with a gap, evenly spaced from the first; the
  // last is drawn only when it does not crowd the one before it.
  const label = Math.max(...points.map((p) => p.x.length), 1) * CHAR + FONT;
  const fit = Math.max(1, Math.floor(plotWidth / label));
  const every = Math.max(1, Math.ceil(points.length / fit));
  const step = points.length <= 1 ? plotWidth : plotWidth / (points.length - 1);
  points.forEach((p, i) => {
    const last = i === points.length - 1;
    const crowded = last && i % every !== 0 && (i % every) * step < label;
    if ((i % every === 0 || last) && !crowded) {
      svg.append(el('text', { x: x(i), y: height - BOTTOM + 16, 'text-anchor': 'middle', 'font-size': FONT, fill: '#4a5563', class: 'time' }, p.x));
    }
  });

  // Changes the team tested.
  for (const change of changes) {
    if (change.point === null) continue;
    const cx = x(change.point - 1) - half;
    svg.append(el('line', { x1: cx, x2: cx, y1: TOP - 6, y2: TOP + plotHeight, stroke: CHANGE, 'stroke-width': 1.5, 'stroke-dasharray': '2 3', class: 'change' }));
    svg.append(el('text', { x: cx + 4, y: TOP - 10, 'font-size': FONT, fill: CHANGE }, text.change(change)));
  }

  svg.append(el('path', { d: path(points, (p) => p.ucl, x, y, true, half), fill: 'none', stroke: '#4a5563', 'stroke-dasharray': '6 4', class: 'limit' }));
  svg.append(el('path', { d: path(points, (p) => p.lcl, x, y, true, half), fill: 'none', stroke: '#4a5563', 'stroke-dasharray': '6 4', class: 'limit' }));
  for (const part of series.parts) {
    const inPart = (p: SpcPoint) => (p.part === part.part ? p.cl : null);
    const shifted = part.runs_signal;
    svg.append(el('path', { d: path(points, inPart, x, y, true, half), fill: 'none', stroke: shifted ? SIGNAL : CENTRE, 'stroke-width': 1.5, 'stroke-dasharray': shifted ? '8 3' : '', class: shifted ? 'centre runs-signal' : 'centre' }));
  }
  if (target !== null) {
    svg.append(el('line', { x1: LEFT, x2: LEFT + plotWidth, y1: y(target), y2: y(target), stroke: '#009e73', 'stroke-dasharray': '1 3', 'stroke-width': 2, class: 'target' }));
  }
  svg.append(el('path', { d: path(points, (p) => (p.include ? p.y : null), x, y, false, half), fill: 'none', stroke: DATA, 'stroke-width': 1.5 }));

  points.forEach((p, i) => {
    if (p.y === null) {
      if (p.suppressed) {
        svg.append(el('text', { x: x(i), y: TOP + plotHeight - 4, 'text-anchor': 'middle', 'font-size': FONT, fill: '#4a5563', class: 'suppressed' }, '×'));
      }
      return;
    }
    const cx = x(i);
    const cy = y(p.y);
    const own = text.point(p);
    const mark = own
      ? el('path', { d: `M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z`, fill: SIGNAL, class: 'signal' })
      : el('circle', { cx, cy, r: 3, fill: p.include ? DATA : '#ffffff', stroke: DATA, class: 'point' });
    mark.append(el('title', {}, own ? `${p.x}: ${own}` : `${p.x}: ${p.y}`));
    svg.append(mark);
  });
  // The team's notes: a flag above the point, its words as a tooltip (the table says them too).
  points.forEach((p, i) => {
    const note = text.notes?.get(p.x);
    if (!note) return;
    const flag = el('path', { d: `M${x(i)},${TOP + plotHeight}V${TOP - 2}h9l-3,4l3,4h-9`, fill: 'none', stroke: CHANGE, 'stroke-width': 1.5, class: 'note' });
    flag.append(el('title', {}, `${p.x}: ${note}`));
    svg.append(flag);
  });
  if (points.some((p) => p.suppressed)) {
    svg.append(el('text', { x: LEFT, y: height - 6, 'font-size': FONT, fill: '#4a5563' }, `× ${text.suppressed}`));
  }
  return svg;
}

// The words a chart's file carries, as qicharts2's plots do: both axes' names and the legend's.
export interface SpcFileText {
  xLabel: string;
  yLabel: string;
  data: string;
  centre: (value: string) => string; // "Centre line (CL = 12.3)"
  limits: string;
  target: string;
  signal: string;
}

// The chart as a file shows it, a new drawing each call: the title above, the value axis's name,
// the time axis's name below, and a legend naming the data, the centre line with its value (the
// last part's), the limits, the target where there is one and a signal where there is one.
export function spcFile(chart: SVGSVGElement, series: MeasureSeries, target: number | null, title: string, words: SpcFileText): SVGSVGElement {
  const width = chart.viewBox.baseVal.width;
  const height = chart.viewBox.baseVal.height;
  const above = 44;
  const below = 48;
  const svg = chartFrame(width, height + above + below, title, chart.querySelector('desc')?.textContent ?? '', 'spc-chart spc-file');
  svg.append(el('rect', { x: 0, y: 0, width, height: height + above + below, fill: '#ffffff' }));
  svg.append(el('text', { x: 8, y: 20, 'font-size': FONT + 3, 'font-weight': 'bold', fill: DATA }, title));
  svg.append(el('text', { x: 8, y: above - 4, 'font-size': FONT, fill: '#4a5563' }, words.yLabel));
  const body = el('g', { transform: `translate(0 ${above})` });
  for (const child of [...chart.childNodes]) {
    if (child.nodeName !== 'title' && child.nodeName !== 'desc') body.append(child.cloneNode(true));
  }
  svg.append(body);
  const base = above + height;
  svg.append(el('text', { x: LEFT + (width - LEFT - RIGHT) / 2, y: base + 4, 'text-anchor': 'middle', 'font-size': FONT, fill: '#4a5563' }, words.xLabel));
  const centre = [...series.points].reverse().find((p) => p.cl !== null)?.cl ?? null;
  const items: [Record<string, string | number>, string][] = [
    [{ stroke: DATA, 'stroke-width': 1.5 }, words.data],
    [{ stroke: CENTRE, 'stroke-width': 1.5 }, words.centre(formatValue(centre))],
    [{ stroke: '#4a5563', 'stroke-dasharray': '6 4' }, words.limits],
  ];
  if (target !== null) items.push([{ stroke: '#009e73', 'stroke-dasharray': '1 3', 'stroke-width': 2 }, words.target]);
  let x = 8;
  const y = base + below - 12;
  for (const [stroke, name] of items) {
    svg.append(el('line', { x1: x, x2: x + 20, y1: y - 4, y2: y - 4, ...stroke }));
    svg.append(el('text', { x: x + 26, y, 'font-size': FONT, fill: DATA, class: 'legend' }, name));
    x += 26 + name.length * CHAR + 14;
  }
  if (series.points.some((p) => p.sigma_signal && p.y !== null)) {
    svg.append(el('path', { d: `M${x + 10},${y - 10}L${x + 16},${y - 4}L${x + 10},${y + 2}L${x + 4},${y - 4}Z`, fill: SIGNAL }));
    svg.append(el('text', { x: x + 26, y, 'font-size': FONT, fill: DATA, class: 'legend' }, words.signal));
  }
  return svg;
}

// The file words in the reader's language, for a measure by its name and period.
export function fileWords(measure: string, period: string): SpcFileText {
  return {
    xLabel: t('file.time', { period }),
    yLabel: measure,
    data: t('file.data'),
    centre: (value) => t('file.centre', { value }),
    limits: t('file.limits'),
    target: t('file.target'),
    signal: t('file.signal'),
  };
}
