/**
 * A picture of any panel as PNG: every canvas (2D and WebGL, drawn with
 * preserveDrawingBuffer) and every d3 SVG chart inside the element, composited at their
 * on-screen positions over the panel's background. SVGs are cloned with their computed
 * colours and fonts inlined, since the stylesheet does not travel with them.
 */
const SVG_STYLE = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

function inlineStyles(source: Element, clone: Element): void {
  const style = getComputedStyle(source);
  const text = SVG_STYLE.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
  clone.setAttribute('style', text);
  for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i], clone.children[i]);
}

function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('an SVG chart could not be drawn'));
    img.src = url;
  });
}

/** Paints `el`'s canvases and SVGs into one canvas at device resolution. */
export async function renderElement(el: HTMLElement, scale = window.devicePixelRatio || 1): Promise<HTMLCanvasElement> {
  const box = el.getBoundingClientRect();
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(box.width * scale));
  out.height = Math.max(1, Math.round(box.height * scale));
  const ctx = out.getContext('2d')!;
  ctx.scale(scale, scale);
  let bg = getComputedStyle(el).backgroundColor;
  if (!bg || bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent') bg = getComputedStyle(document.body).backgroundColor;
  ctx.fillStyle = bg || '#ffffff';
  ctx.fillRect(0, 0, box.width, box.height);
  const parts = el.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg');
  for (const part of parts) {
    const r = part.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    // nested SVGs (an svg inside an svg) are drawn with their parent
    if (part instanceof SVGSVGElement && part.ownerSVGElement) continue;
    const x = r.left - box.left;
    const y = r.top - box.top;
    if (part instanceof HTMLCanvasElement) ctx.drawImage(part, x, y, r.width, r.height);
    else ctx.drawImage(await svgImage(part, r.width, r.height), x, y, r.width, r.height);
  }
  return out;
}

export async function elementToPng(el: HTMLElement): Promise<Blob> {
  const canvas = await renderElement(el);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}
