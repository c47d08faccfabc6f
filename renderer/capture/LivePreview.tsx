import { useEffect, useRef, type JSX } from 'react';
import type { Quad } from '../../shared/domain/camera/geometry';
import { scaleQuad } from '../../shared/domain/camera/geometry';
import type { PageDetection, PageExpectation } from '../../shared/domain/camera/detect';
import type { CaptureEngine } from './capture-engine';
import type { CaptureIo, FrameSource } from './frame-io';
import { LIVE_WORKING_SIZE } from './page-render';

/** What the live outline last showed, in the video's own pixels. */
export interface LiveOutline {
  quad: Quad | null;
  reason: PageDetection['reason'] | 'none';
  /** The detector's confidence in the outline (0 without one). */
  confidence: number;
  /** performance.now() when its frame was grabbed. */
  at: number;
}

/** At most this often (ms) a frame goes to the detector: ≥ 10 outlines a second when the worker keeps up. */
const LIVE_INTERVAL_MS = 60;
const OUTLINE_COLOUR = '#00e676';

function drawOutline(canvas: HTMLCanvasElement, quad: Quad | null, unsure: boolean): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (!quad) return;
  const line = Math.max(2, Math.round(canvas.width / 300));
  context.lineWidth = line;
  context.strokeStyle = OUTLINE_COLOUR;
  context.fillStyle = 'rgba(0, 230, 118, 0.12)';
  if (unsure) context.setLineDash([line * 4, line * 3]);
  context.beginPath();
  quad.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
  context.closePath();
  context.fill();
  context.stroke();
  context.setLineDash([]);
  for (const [x, y] of quad) {
    context.beginPath();
    context.arc(x, y, line * 3, 0, Math.PI * 2);
    context.fillStyle = OUTLINE_COLOUR;
    context.fill();
  }
}

/**
 * The camera's picture with the page outline drawn over it as it moves: a
 * small frame (≈ 400 px) goes to the detector worker whenever it is free, so
 * the page's thread only draws. The outline is a distinct green, dashed when
 * the detector is unsure.
 */
export function LivePreview({
  stream,
  engine,
  io,
  active,
  onSource,
  onOutline,
  expect,
}: {
  stream: MediaStream | null;
  engine: CaptureEngine;
  io: CaptureIo;
  /** False while a capture is reviewed: the detector rests. */
  active: boolean;
  onSource(source: FrameSource | null): void;
  /** Called when the outline's reason changes, and with every outline (cheap: a ref update in the panel). */
  onOutline(outline: LiveOutline): void;
  /** 'idCard' in the 身份证正反面 capture: the outline prefers the card to a page lying beside it. */
  expect?: PageExpectation;
}): JSX.Element {
  const video = useRef<HTMLVideoElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const rate = useRef<HTMLSpanElement>(null);
  const outlineCallback = useRef(onOutline);
  const expecting = useRef(expect);
  useEffect(() => {
    outlineCallback.current = onOutline;
    expecting.current = expect;
  });

  useEffect(() => {
    const element = video.current;
    if (!element) return undefined;
    element.srcObject = stream;
    if (stream) void element.play?.()?.catch(() => {});
    const source = stream ? io.frameSource(element) : null;
    onSource(source);
    return () => onSource(null);
  }, [stream, io, onSource]);

  useEffect(() => {
    const element = video.current;
    if (!active || !stream || !element) return undefined;
    const source = io.frameSource(element);
    const canvasShown = overlay.current;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let count = 0;
    let since = performance.now();
    // A new look (after a capture, or the camera back): the outline of before is not the page in view now.
    outlineCallback.current({ quad: null, reason: 'none', confidence: 0, at: since });
    const tick = async () => {
      if (stopped) return;
      const began = performance.now();
      const grabbed = source.grab(LIVE_WORKING_SIZE);
      if (grabbed) {
        try {
          const detection = await engine.detectLive(grabbed.image, expecting.current);
          if (stopped) return;
          const scale = grabbed.source.width / grabbed.image.width;
          // Unsure: the detector's guess, drawn dashed, so the clerk sees what it is unsure of.
          const shown = detection.corners ?? detection.guess ?? null;
          const quad = shown ? scaleQuad(shown, scale) : null;
          const canvas = overlay.current;
          if (canvas) {
            if (canvas.width !== grabbed.source.width) canvas.width = grabbed.source.width;
            if (canvas.height !== grabbed.source.height) canvas.height = grabbed.source.height;
            drawOutline(canvas, quad, detection.reason !== 'found');
          }
          outlineCallback.current({ quad, reason: detection.reason, confidence: detection.confidence, at: began });
          count++;
          const now = performance.now();
          if (now - since >= 1000 && rate.current) {
            // For IT and the end-to-end test: how many outlines a second the detector keeps up with.
            rate.current.dataset.fps = String(Math.round((count * 1000) / (now - since)));
            count = 0;
            since = now;
          }
        } catch {
          outlineCallback.current({ quad: null, reason: 'unsure', confidence: 0, at: began });
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), Math.max(0, LIVE_INTERVAL_MS - (performance.now() - began)));
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      canvasShown?.getContext('2d')?.clearRect(0, 0, canvasShown.width, canvasShown.height);
    };
  }, [active, stream, engine, io]);

  return (
    <div className="capture-live" data-testid="capture-live">
      <video ref={video} className="capture-live__video" data-testid="capture-video" autoPlay muted playsInline />
      <canvas ref={overlay} className="capture-live__outline" data-testid="capture-outline" aria-hidden="true" />
      <span ref={rate} className="capture-live__rate" data-testid="capture-live-rate" hidden />
    </div>
  );
}
