/**
 * The draw pad's ink: white on black like MNIST, a soft round marker, strokes smoothed through
 * their midpoints. Knows nothing of pointers or React: the view says where the pen is.
 */
import { fitCanvas } from './digit';

/** Marker width as a fraction of the pad: a digit drawn across most of the pad gets MNIST's stroke of about 2.5 of 20 pixels. */
const BRUSH = 0.075;

export class PadInk {
  private ctx: CanvasRenderingContext2D | null = null;
  /** The pen's last point and the midpoint the drawn curve has reached; null between strokes. */
  private pen: { x: number; y: number; midX: number; midY: number } | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** CSS pixels, square. */
    private readonly size: number,
  ) {}

  get drawing(): boolean {
    return this.pen !== null;
  }

  /** Black, the marker set up, and any stroke under way forgotten. */
  wipe(): void {
    // willReadFrequently keeps the pixels on the CPU: they are read back every frame
    this.canvas.getContext('2d', { willReadFrequently: true });
    const size = this.size;
    const ctx = fitCanvas(this.canvas, size, size);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
    const width = size * BRUSH;
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = '#fff';
    ctx.lineWidth = width;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    // the soft edge of a marker: a white glow around the core
    ctx.shadowColor = 'rgba(255, 255, 255, 0.85)';
    ctx.shadowBlur = width * 0.45 * (window.devicePixelRatio || 1);
    this.ctx = ctx;
    this.pen = null;
  }

  /** A stroke starts at (x, y) in CSS pixels of the pad: a dot there. */
  penDown(x: number, y: number): void {
    const ctx = this.context();
    this.pen = { x, y, midX: x, midY: y };
    ctx.beginPath();
    ctx.arc(x, y, ctx.lineWidth / 2, 0, Math.PI * 2);
    ctx.fill();
  }

  /** The stroke goes on to (x, y): a quadratic curve through the midpoints, the last point its control. */
  penMove(x: number, y: number): void {
    const last = this.pen;
    if (!last) return;
    const ctx = this.context();
    const midX = (last.x + x) / 2;
    const midY = (last.y + y) / 2;
    ctx.beginPath();
    ctx.moveTo(last.midX, last.midY);
    ctx.quadraticCurveTo(last.x, last.y, midX, midY);
    ctx.stroke();
    this.pen = { x, y, midX, midY };
  }

  /** The stroke ends: the line from the last midpoint to the pen. */
  penUp(): void {
    const last = this.pen;
    if (!last) return;
    const ctx = this.context();
    ctx.beginPath();
    ctx.moveTo(last.midX, last.midY);
    ctx.lineTo(last.x, last.y);
    ctx.stroke();
    this.pen = null;
  }

  /** The pad wiped and a 28x28 image (bytes) scaled up onto it, smoothly, without the marker's glow. */
  putDigit(pixels: Uint8Array): void {
    this.wipe();
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    const sctx = small.getContext('2d')!;
    const image = sctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    sctx.putImageData(image, 0, 0);
    this.putImage(small);
  }

  /** An image (a digit, or the pad's own drawing before a resize) scaled smoothly onto the whole pad, without the glow. */
  putImage(source: CanvasImageSource): void {
    const ctx = this.context();
    ctx.save();
    ctx.shadowBlur = 0;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(source, 0, 0, this.size, this.size);
    ctx.restore();
  }

  /** The pad's device pixels, RGBA. */
  read(): ImageData {
    return this.context().getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  private context(): CanvasRenderingContext2D {
    if (!this.ctx) this.wipe();
    return this.ctx!;
  }
}
