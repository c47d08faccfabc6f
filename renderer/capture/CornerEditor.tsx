import { useEffect, useRef, useState, type JSX, type KeyboardEvent, type PointerEvent } from 'react';
import { fitWithin, type Point, type Quad, type Size } from '../../shared/domain/camera/geometry';
import { strings } from '../../shared/i18n';
import { CORNER_EDITOR_LONG_SIDE } from './frame-io';

const r = strings.camera.capture.review;

/**
 * 调整边角: the captured frame with the page's four corners as handles. Drag
 * a handle, or focus it (Tab) and move it with the arrow keys (Shift: ten
 * times as far); the page is straightened again when a handle is let go.
 */
export function CornerEditor({
  display,
  frame,
  quad,
  onCommit,
}: {
  display: Promise<CanvasImageSource | null>;
  frame: Size;
  quad: Quad;
  onCommit(quad: Quad): void;
}): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  // The editor is keyed by its frame: the corners start from the outline and are the clerk's from then on.
  const [corners, setCorners] = useState<Quad>(quad);
  const dragging = useRef<number | null>(null);

  useEffect(() => {
    let current = true;
    void display.then((picture) => {
      const element = canvas.current;
      if (!current || !element || !picture) return;
      const shown = fitWithin(frame, CORNER_EDITOR_LONG_SIDE);
      element.width = shown.width;
      element.height = shown.height;
      element.getContext('2d')?.drawImage(picture, 0, 0, element.width, element.height);
    });
    return () => {
      current = false;
    };
  }, [display, frame]);

  const toFrame = (clientX: number, clientY: number): Point => {
    const box = svg.current!.getBoundingClientRect();
    const x = ((clientX - box.left) / Math.max(1, box.width)) * frame.width;
    const y = ((clientY - box.top) / Math.max(1, box.height)) * frame.height;
    return [Math.min(frame.width, Math.max(0, x)), Math.min(frame.height, Math.max(0, y))];
  };
  const moved = (index: number, point: Point): Quad => corners.map((p, i) => (i === index ? point : p)) as unknown as Quad;

  const onPointerDown = (event: PointerEvent<SVGCircleElement>, index: number) => {
    event.preventDefault();
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    dragging.current = index;
    (event.currentTarget as SVGCircleElement).focus();
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (dragging.current === null) return;
    setCorners(moved(dragging.current, toFrame(event.clientX, event.clientY)));
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    if (dragging.current === null) return;
    const next = moved(dragging.current, toFrame(event.clientX, event.clientY));
    dragging.current = null;
    setCorners(next);
    onCommit(next);
  };
  const onKeyDown = (event: KeyboardEvent<SVGCircleElement>, index: number) => {
    const step = (event.shiftKey ? 0.02 : 0.002) * Math.max(frame.width, frame.height);
    const delta: Record<string, Point> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const d = delta[event.key];
    if (!d) return;
    event.preventDefault();
    event.stopPropagation();
    const [x, y] = corners[index]!;
    setCorners(moved(index, [Math.min(frame.width, Math.max(0, x + d[0])), Math.min(frame.height, Math.max(0, y + d[1]))]));
  };
  // Keys re-straighten when the key is let go, as a drag does on release.
  const onKeyUp = (event: KeyboardEvent<SVGCircleElement>) => {
    if (event.key.startsWith('Arrow')) onCommit(corners);
  };

  const radius = Math.max(frame.width, frame.height) / 60;
  return (
    <div className="corner-editor" data-testid="corner-editor" style={{ aspectRatio: `${frame.width} / ${frame.height}` }}>
      <canvas ref={canvas} className="corner-editor__frame" aria-hidden="true" />
      <svg
        ref={svg}
        className="corner-editor__overlay"
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        preserveAspectRatio="none"
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <polygon className="corner-editor__outline" points={corners.map(([x, y]) => `${x},${y}`).join(' ')} strokeWidth={radius / 4} />
        {corners.map(([x, y], index) => (
          <circle
            key={index}
            className="corner-editor__handle"
            data-testid={`corner-handle-${index}`}
            data-x={Math.round(x)}
            data-y={Math.round(y)}
            cx={x}
            cy={y}
            r={radius}
            strokeWidth={radius / 4}
            tabIndex={0}
            role="button"
            aria-label={`${r.corners[index]}（${Math.round(x)}, ${Math.round(y)}）`}
            onPointerDown={(event) => onPointerDown(event, index)}
            onKeyDown={(event) => onKeyDown(event, index)}
            onKeyUp={onKeyUp}
          />
        ))}
      </svg>
    </div>
  );
}
