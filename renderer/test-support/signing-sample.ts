import type { InkPoint, SigningView } from '../../shared/contract';

/** A 签名 step for component tests. */
export function sampleSigning(overrides: Partial<SigningView> = {}): SigningView {
  return {
    session: 's1',
    phase: 'signing',
    required: true,
    source: 'pad',
    padName: '模拟签名板',
    prompt: { slipKind: 'receipt', slipTitle: '受理通知书', itemName: '食品经营许可（新办）', caseNumber: 'C20251123-0001', instruction: '请在框内签名' },
    screenPad: 'citizen',
    aspect: 2,
    strokes: [],
    signedAt: null,
    verificationCode: null,
    waivedReason: null,
    message: '',
    ...overrides,
  };
}

export const inkPoint = (x: number, y: number, t: number, p: number | null = 0.5): InkPoint => ({ x, y, p, t });

/** A canvas context that records what is drawn (happy-dom draws nothing): segments and dots, in CSS pixels. */
export class RecordingContext {
  segments: [number, number, number, number][] = [];
  dots: [number, number][] = [];
  clears = 0;
  private from: [number, number] = [0, 0];
  lineWidth = 1;
  lineCap = 'butt';
  lineJoin = 'miter';
  strokeStyle = '';
  fillStyle = '';
  setTransform(): void {}
  clearRect(): void {
    this.clears += 1;
    this.segments = [];
    this.dots = [];
  }
  beginPath(): void {}
  moveTo(x: number, y: number): void {
    this.from = [x, y];
  }
  lineTo(x: number, y: number): void {
    this.segments.push([...this.from, x, y]);
  }
  stroke(): void {}
  arc(x: number, y: number): void {
    this.dots.push([x, y]);
  }
  fill(): void {}
}
