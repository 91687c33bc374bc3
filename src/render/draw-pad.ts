/**
 * The draw pad's ink: white on black like MNIST, a soft round marker, strokes smoothed through
 * their midpoints. Knows nothing of pointers or React: the view says where the pen is.
 */
import { fitCanvas } from './digit';

/** Marker width as a fraction of the pad: a digit drawn across most of the pad gets MNIST's stroke of about 2.5 of 20 pixels. */
const BRUSH = 0.075;

/** What was put on the pad, positions as fractions of its side: drawn again at another size. */
type Mark = { kind: 'digit'; pixels: Uint8Array } | { kind: 'down' | 'move' | 'up'; x: number; y: number };

export class PadInk {
  private ctx: CanvasRenderingContext2D | null = null;
  /** The pen's last point and the midpoint the drawn curve has reached; null between strokes. */
  private pen: { x: number; y: number; midX: number; midY: number } | null = null;
  /** Everything put on the pad since it was last wiped, in order. */
  private marks: Mark[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** CSS pixels, square. */
    private size: number,
  ) {}

  get drawing(): boolean {
    return this.pen !== null;
  }

  /**
   * The pad at a new side (CSS pixels) or a new device pixel ratio, with what was on it drawn
   * again at that resolution (a scaled copy of the old pixels was soft, and softer at each change);
   * a stroke under way goes on from where it was.
   */
  resize(size: number): void {
    const marks = this.marks;
    this.size = size;
    this.wipe();
    for (const m of marks) {
      if (m.kind === 'digit') this.putDigit(m.pixels);
      else if (m.kind === 'down') this.penDown(m.x * size, m.y * size);
      else if (m.kind === 'move') this.penMove(m.x * size, m.y * size);
      else this.penUp();
    }
  }

  /** Black, the marker set up, and any stroke under way forgotten. */
  wipe(): void {
    this.marks = [];
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
    this.marks.push({ kind: 'down', x: x / this.size, y: y / this.size });
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
    this.marks.push({ kind: 'move', x: x / this.size, y: y / this.size });
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
    this.marks.push({ kind: 'up', x: last.x / this.size, y: last.y / this.size });
    ctx.beginPath();
    ctx.moveTo(last.midX, last.midY);
    ctx.lineTo(last.x, last.y);
    ctx.stroke();
    this.pen = null;
  }

  /** The pad wiped and a 28x28 image (bytes) scaled up onto it, smoothly, without the marker's glow. */
  putDigit(pixels: Uint8Array): void {
    this.wipe();
    this.marks.push({ kind: 'digit', pixels });
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    const sctx = small.getContext('2d')!;
    const image = sctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    sctx.putImageData(image, 0, 0);
    const ctx = this.context();
    ctx.save();
    ctx.shadowBlur = 0;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, this.size, this.size);
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
