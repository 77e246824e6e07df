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
// chart is the chart itself, or what makes the file from it (a chart framed for a file: title,
// axes' names, legend).
type Downloadable = SVGSVGElement | (() => SVGSVGElement);
const drawn = (chart: Downloadable) => (typeof chart === 'function' ? chart() : chart);

export function svgDownload(chart: Downloadable, filename: string, label: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = '#';
  link.download = filename;
  link.textContent = label;
  link.addEventListener('click', () => {
    const source = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(drawn(chart))}`;
    link.href = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
  });
  return link;
}

// A link that downloads the chart as a PNG image (twice its size, for print), drawn from the SVG
// by the browser when it is clicked.
export function pngDownload(chart: Downloadable, filename: string, label: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = '#';
  link.download = filename;
  link.textContent = label;
  link.addEventListener('click', async (event) => {
    if (link.dataset['ready'] === '1') {
      link.dataset['ready'] = '';
      return; // the second, synthetic click downloads the image made by the first
    }
    event.preventDefault();
    const svg = drawn(chart);
    const source = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    // A data: URL, which the page's Content-Security-Policy allows for images (blob: it does not).
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = svg.viewBox.baseVal.width * scale;
    canvas.height = svg.viewBox.baseVal.height * scale;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) return;
    link.href = URL.createObjectURL(png);
    link.dataset['ready'] = '1';
    link.click();
  });
  return link;
}
