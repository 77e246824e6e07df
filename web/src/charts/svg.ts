// SVG elements for the charts: each chart is SVG with real <text>, a <title> and a <desc>, so
// screen readers and search find it; the page offers its numbers as a table beside it.

export const SVG = 'http://www.w3.org/2000/svg';

export function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// An <svg> of the given size that scales to its container, with its title and description.
export function chartFrame(width: number, height: number, title: string, description: string, className: string): SVGSVGElement {
  const svg = el('svg', { xmlns: SVG, viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: className });
  svg.append(el('title', {}, title), el('desc', {}, description));
  return svg;
}

// A link that downloads the chart as an SVG file, made when it is clicked (the chart may change).
export function svgDownload(chart: SVGSVGElement, filename: string, label: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = '#';
  link.download = filename;
  link.textContent = label;
  link.addEventListener('click', () => {
    const source = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(chart)}`;
    link.href = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
  });
  return link;
}
