import type { InkPoint } from '../../../shared/contract';
import { fitRect, inkWidth, type Rect } from './ink-geometry';

const INK = '#10243a';

/**
 * Draws strokes on a canvas whose backing store is its CSS size × the
 * device pixel ratio (crisp on high-DPI screens). A resize redraws every
 * stroke from the model, so no ink is lost; live points are drawn as
 * segments from the stroke's last point, without redrawing the rest.
 */
export class InkPainter {
  /** Points drawn since the last full redraw (tests read it instead of pixels). */
  drawnPoints = 0;
  area: Rect = { left: 0, top: 0, width: 0, height: 0 };
  private dpr = 1;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private aspect: number,
  ) {}

  private context(): CanvasRenderingContext2D | null {
    return this.canvas.getContext('2d');
  }

  /** Sets the backing store for a CSS size and pixel ratio, then draws all the strokes again. */
  resize(cssWidth: number, cssHeight: number, dpr: number, aspect: number, strokes: readonly (readonly InkPoint[])[]): void {
    this.dpr = dpr > 0 ? dpr : 1;
    this.aspect = aspect;
    this.canvas.width = Math.max(1, Math.round(cssWidth * this.dpr));
    this.canvas.height = Math.max(1, Math.round(cssHeight * this.dpr));
    this.area = fitRect(cssWidth, cssHeight, this.aspect);
    this.redraw(strokes);
  }

  redraw(strokes: readonly (readonly InkPoint[])[]): void {
    this.drawnPoints = 0;
    const ctx = this.context();
    if (ctx) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    }
    for (const stroke of strokes) this.append(stroke, 0);
  }

  /** Draws `stroke` from point `from` on (joined to the point before it). */
  append(stroke: readonly InkPoint[], from: number): void {
    const ctx = this.context();
    const count = stroke.length - from;
    if (count <= 0) return;
    this.drawnPoints += count;
    if (!ctx || this.area.width === 0) return;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = INK;
    ctx.fillStyle = INK;
    const at = (p: InkPoint) => [this.area.left + p.x * this.area.width, this.area.top + p.y * this.area.height] as const;
    if (stroke.length === 1) {
      // A dot: a stroke of one point still leaves a mark.
      const [x, y] = at(stroke[0]!);
      ctx.beginPath();
      ctx.arc(x, y, inkWidth(stroke[0]!, this.area) / 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    // Each segment with its own width: pressure changes along the stroke.
    for (let i = Math.max(1, from); i < stroke.length; i++) {
      const a = stroke[i - 1]!;
      const b = stroke[i]!;
      const [x0, y0] = at(a);
      const [x1, y1] = at(b);
      ctx.beginPath();
      ctx.lineWidth = (inkWidth(a, this.area) + inkWidth(b, this.area)) / 2;
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
    }
  }
}
