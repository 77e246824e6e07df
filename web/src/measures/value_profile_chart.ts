// The six-domain coproduction value profile, the people's view beside the team's: for each
// value domain two bars on the shared scale 1–5, the people's mean item score and the team's
// self-rating, each with its value written at its end (or "none" where it is missing).

import { chartFrame, el } from '../components/svg';
import { formatNumber } from '../i18n';

const WIDTH = 640;
const ROW = 46;
const LEFT = 190;
const RIGHT = 56;
const TOP = 36;
const BOTTOM = 30;
const BAR = 14;
// Okabe–Ito blue for the people, vermilion with a hatch for the team: told apart without colour.
const PEOPLE = '#0072b2';
const TEAM = '#d55e00';

export interface ProfileRow {
  label: string;
  people: number | null;
  team: number | null;
}

export interface ProfileLabels {
  title: string;
  description: string;
  people: string;
  team: string;
  none: string;
}

export function valueProfileChart(rows: ProfileRow[], labels: ProfileLabels): SVGSVGElement {
  const height = TOP + rows.length * ROW + BOTTOM;
  const svg = chartFrame(WIDTH, height, labels.title, labels.description, 'value-profile-chart');
  const plot = WIDTH - LEFT - RIGHT;
  const x = (v: number) => LEFT + ((v - 1) * plot) / 4;
  const defs = el('defs', {});
  const hatch = el('pattern', { id: 'team-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  hatch.append(el('rect', { width: 6, height: 6, fill: TEAM }), el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#ffffff', 'stroke-width': 2 }));
  defs.append(hatch);
  svg.append(defs);
  for (let v = 1; v <= 5; v++) {
    svg.append(el('line', { x1: x(v), x2: x(v), y1: TOP - 6, y2: height - BOTTOM, stroke: '#d5dbe3' }));
    svg.append(el('text', { x: x(v), y: height - BOTTOM + 16, 'text-anchor': 'middle', 'font-size': 12, fill: '#4a5563' }, String(v)));
  }
  // The legend, above the plot.
  const legend = (colour: string, text: string, at: number) => {
    svg.append(el('rect', { x: at, y: 10, width: 14, height: 12, fill: colour, class: 'legend' }));
    svg.append(el('text', { x: at + 20, y: 20, 'font-size': 12, fill: '#1b2430' }, text));
  };
  legend(PEOPLE, labels.people, LEFT);
  legend('url(#team-hatch)', labels.team, LEFT + plot / 2);
  rows.forEach((row, i) => {
    const top = TOP + i * ROW;
    svg.append(el('text', { x: LEFT - 10, y: top + BAR + 4, 'text-anchor': 'end', 'font-size': 13, fill: '#1b2430' }, row.label));
    const bar = (value: number | null, y: number, fill: string, kind: string, name: string) => {
      if (value === null) {
        svg.append(el('text', { x: LEFT + 4, y: y + BAR - 3, 'font-size': 11, fill: '#4a5563', class: `${kind} missing` }, labels.none));
        return;
      }
      const rect = el('rect', { x: LEFT, y, width: Math.max(1, x(value) - LEFT), height: BAR, fill, class: kind });
      rect.append(el('title', {}, `${row.label}, ${name}: ${round(value)}`));
      svg.append(rect);
      svg.append(el('text', { x: x(value) + 5, y: y + BAR - 3, 'font-size': 11, fill: '#1b2430' }, round(value)));
    };
    bar(row.people, top, PEOPLE, 'people', labels.people);
    bar(row.team, top + BAR + 3, 'url(#team-hatch)', 'team', labels.team);
  });
  return svg;
}

// A 1–5 mean to one decimal, as the chosen language writes it ("3.5", "3,5").
export const round = (v: number) => formatNumber(v, 1);
