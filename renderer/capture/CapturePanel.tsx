import { useCallback, useEffect, useId, useRef, useState, type JSX } from 'react';
import { CAPTURE_MODES, type CaptureMode, type CapturePage, type CaseCaptures, type MaterialCaptures } from '../../shared/contract';
import type { CheckResult } from '../../shared/domain/case';
import type { Material } from '../../shared/domain/catalogue/schema';
import { quadProblem, scaleQuad, type Quad } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { strings } from '../../shared/i18n';
import { messageOf } from '../api';
import { DialogSheet } from '../components/DialogSheet';
import { ActionMessage, useCaseActions } from '../clerk/case/case-actions';
import type { CaptureEnvironment } from './camera-context';
import { useCameraState } from './camera-context';
import { CornerEditor } from './CornerEditor';
import { LivePreview, type LiveOutline } from './LivePreview';
import { PageStrip } from './PageStrip';
import { defaultKindFor, draftComplete, fallbackQuad, renderSpecOf, type CaptureKind, type Draft, type DraftSide, type Side } from './capture-model';
import { CORNER_EDITOR_LONG_SIDE, type CapturedFrame, type FrameSource } from './frame-io';
import { LIVE_WORKING_SIZE, type CaptureHint } from './page-render';
import { materialCaptures } from './use-captures';
import './capture.css';

const t = strings.camera.capture;
const SOURCES = ['capture-save', 'capture-move', 'capture-delete', 'capture-mark'];

/** A live outline older than this (ms) at the key press is not used as the capture's starting point (a moved page is also caught by the edge check). */
const HINT_MAX_AGE_MS = 1000;

/**
 * 拍摄 for one material of the case: the live picture with the page outlined,
 * Space / Enter / the camera's button to capture, the straightened page at
 * once with 旋转, 彩色 / 灰度 / 黑白, 调整边角, 重拍, 删除 and 保存, and the
 * material's kept pages (thumbnails, 前移 / 后移, 重拍, 删除). An ID card is
 * captured front then back and kept as one A4 sheet. After a material's first
 * page it offers to mark the material 已收.
 */
export function CapturePanel({
  material,
  result,
  captures,
  onCaptures,
  onClose,
  environment,
}: {
  material: Material;
  result: CheckResult;
  captures: CaseCaptures | null;
  onCaptures(captures: CaseCaptures): void;
  onClose(): void;
  environment: CaptureEnvironment;
}): JSX.Element {
  const id = useId();
  const { api, request, act, online, busy } = useCaseActions();
  const { camera, io } = environment;
  const cameraState = useCameraState(camera);
  const settings = cameraState.settings;
  const cameraDisabled = settings?.mode === 'disabled';
  const [engine] = useState(() => environment.createEngine());
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [streamError, setStreamError] = useState<string | null>(null);
  const source = useRef<FrameSource | null>(null);
  const live = useRef<LiveOutline>({ quad: null, reason: 'none', confidence: 0, at: 0 });
  const [liveReason, setLiveReason] = useState<LiveOutline['reason']>('none');
  const [kind, setKind] = useState<CaptureKind>(() => defaultKindFor(material));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [activeSide, setActiveSide] = useState<Side>('front');
  const [retakeSide, setRetakeSide] = useState<Side | null>(null);
  const [retakePage, setRetakePage] = useState<CapturePage | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [note, setNote] = useState<string>('');
  const [saving, setSaving] = useState(false);
  const [askReceived, setAskReceived] = useState(false);
  const [shownMs, setShownMs] = useState<number | null>(null);
  // How the last capture read its frame (the camera's own, or through a canvas): for tests and the benchmark.
  const [readBy, setReadBy] = useState<CapturedFrame['readBy'] | null>(null);
  // The spec whose preview is on screen: the page is ready when it is the draft's.
  const [shownKey, setShownKey] = useState('');
  const previewCanvas = useRef<HTMLCanvasElement | null>(null);
  // The last preview, drawn again when its canvas comes back (after a side's 重拍 was cancelled).
  const lastPreview = useRef<RgbaImage | null>(null);
  const attachPreview = useCallback(
    (element: HTMLCanvasElement | null) => {
      previewCanvas.current = element;
      if (element && lastPreview.current) io.draw(element, lastPreview.current);
    },
    [io],
  );
  const captureStarted = useRef<number | null>(null);
  const capturing = useRef(false);
  // While a capture is found and straightened the live outline rests: both cores go to the page the clerk waits for.
  const [grabbing, setGrabbing] = useState(false);
  const slotCounter = useRef(0);
  const full = useRef<{ key: string; image: Promise<RgbaImage> } | null>(null);
  // A capture asks for its preview as soon as its outline is known, before React has drawn the new draft.
  const pendingPreview = useRef<{ key: string; image: Promise<RgbaImage> } | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const mine: MaterialCaptures | null = materialCaptures(captures, material.id);
  const pageCount = mine?.pages.length ?? 0;

  // The camera is open while the panel is; its light goes off when the panel closes.
  useEffect(() => {
    if (!settings || cameraDisabled) return undefined;
    let current = true;
    camera.open().then(
      (opened) => {
        if (current) setStream(opened);
      },
      (error: unknown) => {
        if (current) setStreamError(messageOf(error));
      },
    );
    return () => {
      current = false;
      camera.close();
      setStream(null);
    };
  }, [camera, settings, cameraDisabled]);

  useEffect(() => () => engine.dispose(), [engine]);
  useEffect(() => panelRef.current?.focus(), []);

  const onSource = useCallback((next: FrameSource | null) => {
    source.current = next;
  }, []);
  const onOutline = useCallback((outline: LiveOutline) => {
    live.current = outline;
    setLiveReason(outline.reason);
  }, []);

  const specKey = draft ? JSON.stringify(renderSpecOf(draft)) : '';
  const previewReady = draft !== null && shownKey === specKey;

  // The straightened page on screen as soon as a screen-size preview is ready; then the full page (≥ 300 dpi) in the background.
  useEffect(() => {
    if (!draft) return undefined;
    let current = true;
    const spec = renderSpecOf(draft);
    const prefetched = pendingPreview.current?.key === specKey ? pendingPreview.current.image : null;
    pendingPreview.current = null;
    (prefetched ?? engine.render(spec, 'preview')).then(
      (image) => {
        if (!current) return;
        lastPreview.current = image;
        if (previewCanvas.current) io.draw(previewCanvas.current, image);
        setShownKey(specKey);
        if (captureStarted.current !== null) {
          setShownMs(Math.round(performance.now() - captureStarted.current));
          captureStarted.current = null;
        }
        if (draftComplete(draft) && full.current?.key !== specKey) full.current = { key: specKey, image: engine.render(spec, 'full') };
      },
      () => {
        if (current) setNote(t.workerFailed);
      },
    );
    return () => {
      current = false;
    };
    // specKey stands for the draft's spec.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specKey, engine, io]);

  const dropDraft = useCallback(
    (d: Draft | null) => {
      if (!d) return;
      engine.drop(d.front.slot);
      if (d.back) engine.drop(d.back.slot);
    },
    [engine],
  );

  // In the 身份证正反面 capture the detector prefers a card's outline to a page lying in view.
  const expectOutline = kind === 'idCard' || draft?.kind === 'idCard' ? 'idCard' : 'page';

  /**
   * No outline on screen at the key press (pressed at once after 保存, or before the detector's first look): the live
   * detector, warm from the preview, looks at a small copy of the picture, and its outline, when found, is refined like
   * one seen live. Without it the capture's own worker searches the whole frame: 170–350 ms at 1280×720 in Chromium,
   * against 70–100 ms from an outline.
   */
  const quickLook = async (from: FrameSource | null, frame: { width: number; height: number }): Promise<CaptureHint | undefined> => {
    const small = from?.grab(LIVE_WORKING_SIZE);
    if (!small) return undefined;
    const scale = frame.width / small.image.width;
    try {
      const look = await engine.detectLive(small.image, expectOutline);
      return look.reason === 'found' && look.corners ? { quad: scaleQuad(look.corners, scale), confidence: look.confidence } : undefined;
    } catch {
      return undefined;
    }
  };

  const capture = async () => {
    if (capturing.current || saving || !source.current) return;
    const which: Side = retakeSide ?? (draft && draft.kind === 'idCard' && !draft.back ? 'back' : 'front');
    // A finished capture under review is kept or thrown away first; only an ID card's back (or a 重拍) comes on top.
    if (reviewing && draft && draftComplete(draft) && retakeSide === null) return;
    // Capture → page on screen counts from the key: the full-size grab (8 MP read from the camera's frame) is part of it.
    const pressed = performance.now();
    capturing.current = true;
    setGrabbing(true);
    const grabbed = await source.current.capture().catch(() => null);
    if (!grabbed) {
      capturing.current = false;
      setGrabbing(false);
      return;
    }
    captureStarted.current = pressed;
    setReadBy(grabbed.readBy);
    setNote('');
    const frame = { width: grabbed.image.width, height: grabbed.image.height };
    const liveQuad = live.current.quad;
    // The outline on screen at the key press, if fresh and found: the capture refines it instead of searching 8 MP again.
    const fresh = live.current.reason === 'found' && liveQuad !== null && pressed - live.current.at < HINT_MAX_AGE_MS;
    const hint = fresh ? { quad: liveQuad, confidence: live.current.confidence } : await quickLook(source.current, frame);
    const slot = `s${++slotCounter.current}`;
    try {
      let detection;
      try {
        detection = await engine.capture(slot, grabbed.image, expectOutline, hint);
      } catch {
        detection = { corners: null, confidence: 0, reason: 'unsure' as const };
      }
      // Unsure at full size: the detector's guess, else the live outline the clerk saw, else most of the frame; the clerk adjusts.
      const usable = (q: Quad | null | undefined): q is Quad => !!q && quadProblem(q, frame) === null;
      const quad: Quad = detection.corners ?? (usable(detection.guess) ? detection.guess : usable(liveQuad) ? liveQuad : fallbackQuad(frame));
      const side: DraftSide = { slot, frame, quad, turns: 0, detected: detection.reason, display: Promise.resolve(grabbed.display) };
      let next: Draft;
      if (draft && (which === 'back' || retakeSide !== null)) {
        const old = which === 'back' ? draft.back : draft.front;
        if (old) engine.drop(old.slot);
        next = { ...draft, [which]: side };
      } else {
        dropDraft(draft);
        next = { kind, front: side, back: null, mode: draft?.mode ?? 'colour' };
      }
      const nextSpec = renderSpecOf(next);
      const preview = engine.render(nextSpec, 'preview');
      preview.catch(() => {}); // if this draft is replaced before it is drawn, nobody else waits for it
      pendingPreview.current = { key: JSON.stringify(nextSpec), image: preview };
      // A frame read through WebCodecs has no picture for the corner editor: the worker makes one, after the preview.
      if (!grabbed.display) side.display = engine.render({ kind: 'frame', slot, longSide: CORNER_EDITOR_LONG_SIDE }, 'preview').then((image) => io.picture(image), () => null);
      setDraft(next);
      setActiveSide(which);
      setRetakeSide(null);
      setReviewing(true);
      setAdjusting(detection.reason !== 'found');
      if (detection.reason !== 'found') setNote(t.live.unsure);
    } finally {
      capturing.current = false;
      setGrabbing(false);
    }
  };

  const updateSide = (which: Side, patch: Partial<DraftSide>) => {
    setDraft((d) => {
      if (!d) return d;
      const old = which === 'back' ? d.back : d.front;
      return old ? { ...d, [which]: { ...old, ...patch } } : d;
    });
  };

  const commitCorners = (quad: Quad) => {
    const side = draft && (activeSide === 'back' ? draft.back : draft.front);
    if (!side) return;
    if (quadProblem(quad, side.frame) !== null) {
      setNote(t.live.unsure);
      return;
    }
    setNote('');
    updateSide(activeSide, { quad });
  };

  const discard = () => {
    dropDraft(draft);
    setDraft(null);
    setReviewing(false);
    setAdjusting(false);
    setRetakeSide(null);
    setNote('');
  };

  const retake = () => {
    if (!draft) return;
    if (draft.kind === 'page') {
      discard();
      return;
    }
    setRetakeSide(activeSide);
    setReviewing(false);
    setAdjusting(false);
  };

  const save = async () => {
    if (!draft || !draftComplete(draft) || saving || !settings) return;
    setSaving(true);
    try {
      const spec = renderSpecOf(draft);
      const key = JSON.stringify(spec);
      const image = await (full.current?.key === key ? full.current.image : engine.render(spec, 'full'));
      full.current = null;
      const jpeg = await io.encodeJpeg(image, settings.jpegQuality);
      const before = pageCount;
      const answer = await request(
        'capture-save',
        () =>
          api.invoke('addCapturePage', {
            materialId: material.id,
            kind: draft.kind === 'idCard' ? 'idCard' : 'page',
            mode: draft.mode,
            jpeg,
            width: image.width,
            height: image.height,
            ...(retakePage ? { replacePageId: retakePage.id } : {}),
          }),
        { okText: (r) => t.saved(materialCaptures(r.captures, material.id)?.pages.length ?? 0) },
      );
      if (!answer?.captures) return;
      onCaptures(answer.captures);
      dropDraft(draft);
      setDraft(null);
      setReviewing(false);
      setAdjusting(false);
      setRetakePage(null);
      setNote('');
      const after = materialCaptures(answer.captures, material.id)?.pages.length ?? 0;
      if (before === 0 && after > 0 && result.status !== 'received') setAskReceived(true);
    } catch (error) {
      setNote(t.saveFailed(messageOf(error)));
    } finally {
      setSaving(false);
    }
  };

  const movePage = async (page: CapturePage, toIndex: number) => {
    const answer = await request('capture-move', () => api.invoke('moveCapturePage', { pageId: page.id, toIndex }), { okText: () => '' });
    if (answer?.captures) onCaptures(answer.captures);
  };
  const deletePage = async (page: CapturePage) => {
    const answer = await request('capture-delete', () => api.invoke('deleteCapturePage', { pageId: page.id }), { okText: () => t.deleted });
    if (answer?.captures) onCaptures(answer.captures);
    if (retakePage?.id === page.id) setRetakePage(null);
  };
  const markReceived = async () => {
    setAskReceived(false);
    await act('capture-mark', { type: 'checkMaterial', materialId: material.id, result: { status: 'received' } });
  };

  // Keyboard-first: Space (or the camera's button, which sends a key) captures; Enter captures, or keeps the page under review.
  const keys = useRef({ capture, save, reviewing, adjusting });
  useEffect(() => {
    keys.current = { capture, save, reviewing, adjusting };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      // Typing fields and the corner handles keep their keys; a radio (彩色 / 灰度 / 黑白) does not need Space or Enter.
      if (target && (target.closest('select, textarea, input:not([type=radio]):not([type=checkbox])') || target.closest('.corner-editor'))) return;
      const k = keys.current;
      if (event.key === ' ' || event.key === 'Spacebar') {
        event.preventDefault();
        if (!event.repeat) void k.capture();
      } else if (event.key === 'Enter') {
        if (target?.closest('button')) return;
        event.preventDefault();
        if (event.repeat) return;
        if (k.reviewing) void k.save();
        else void k.capture();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const side = draft && (activeSide === 'back' ? draft.back : draft.front);
  const controlsDisabled = !online || busy !== null || saving;
  const liveMessage = liveReason === 'found' ? t.live.found : liveReason === 'unsure' ? t.live.unsure : liveReason === 'noPage' ? t.live.noPage : '';
  const prompt =
    retakePage !== null
      ? t.live.replacing((mine?.pages.findIndex((p) => p.id === retakePage.id) ?? 0) + 1)
      : kind === 'idCard' || draft?.kind === 'idCard'
        ? (retakeSide ?? (draft && !draft.back ? 'back' : 'front')) === 'back'
          ? t.live.back
          : t.live.front
        : '';
  const simulated = settings?.mode === 'simulated';
  const report = cameraState.report;

  return (
    <DialogSheet className="capture-sheet" labelledBy={`${id}-title`} testId="capture-panel" onClose={onClose}>
      <div ref={panelRef} className="capture-panel" tabIndex={-1} data-step={reviewing ? 'review' : 'live'} data-kind={draft?.kind ?? kind}>
        <header className="capture-panel__header">
          <h3 className="capture-panel__title" id={`${id}-title`}>
            {t.title(material.name)}
          </h3>
          {simulated && (
            <span className="tag tag--warning capture-panel__simulated" data-testid="capture-simulated">
              {t.simulated}
            </span>
          )}
          <span className="capture-panel__camera" data-testid="capture-camera" data-state={report.state}>
            {report.label && !simulated ? `${report.label} · ` : ''}
            {t.states[report.state]}
            {report.width && report.height ? ` · ${t.granted(report.width, report.height, report.frameRate)}` : ''}
            {report.reason ? ` · ${report.reason}` : ''}
          </span>
          <button type="button" className="button button--quiet capture-panel__close" data-testid="capture-close" title={t.closeHint} onClick={onClose}>
            {t.close}
            <kbd className="button__key">Esc</kbd>
          </button>
        </header>

        {cameraDisabled ? (
          <p className="capture-panel__disabled" role="status" data-testid="capture-disabled">
            {t.disabled}
          </p>
        ) : (
          <div className="capture-panel__body">
            <div className="capture-panel__stage">
              {simulated && <p className="capture-panel__sim-note">{t.simulatedNote}</p>}
              {!draft && (
                <div className="case-segmented capture-panel__kind" role="radiogroup" aria-label={t.kind.label}>
                  {(['page', 'idCard'] as const).map((option) => (
                    <label key={option} className={`case-segmented__option${kind === option ? ' case-segmented__option--on' : ''}`}>
                      <input type="radio" name={`${id}-kind`} value={option} data-testid={`capture-kind-${option}`} checked={kind === option} onChange={() => setKind(option)} />
                      <span>{t.kind[option]}</span>
                    </label>
                  ))}
                </div>
              )}
              <div className={`capture-panel__live${reviewing ? ' capture-panel__live--hidden' : ''}`}>
                {prompt && (
                  <p className="capture-panel__prompt" data-testid="capture-prompt">
                    {prompt}
                  </p>
                )}
                <LivePreview stream={stream} engine={engine} io={io} active={!reviewing && !grabbing && stream !== null} onSource={onSource} onOutline={onOutline} expect={expectOutline} />
                <div className="capture-panel__live-bar">
                  <span className={`capture-panel__detect capture-panel__detect--${liveReason}`} data-testid="capture-detect" data-reason={liveReason} role="status">
                    {stream ? liveMessage : (streamError ?? t.opening)}
                  </span>
                  <button
                    type="button"
                    className="button button--primary"
                    data-testid="capture-shoot"
                    disabled={!stream || saving}
                    title={t.live.captureHint}
                    aria-keyshortcuts="Space Enter"
                    onClick={() => void capture()}
                  >
                    {t.live.capture}
                    <kbd className="button__key">{t.live.captureKey}</kbd>
                  </button>
                  {retakePage && (
                    <button type="button" className="button button--quiet" data-testid="capture-cancel-retake" onClick={() => setRetakePage(null)}>
                      {t.live.cancelReplace}
                    </button>
                  )}
                  {retakeSide && (
                    <button type="button" className="button button--quiet" data-testid="capture-cancel-retake-side" onClick={() => (setRetakeSide(null), setReviewing(true))}>
                      {t.live.cancelReplace}
                    </button>
                  )}
                </div>
              </div>

              {reviewing && draft && side && (
                <div className="capture-review" data-testid="capture-review" data-ready={previewReady} data-ms={shownMs ?? undefined} data-read-by={readBy ?? undefined}>
                  {draft.kind === 'idCard' && (
                    <div className="case-segmented" role="radiogroup" aria-label={t.kind.idCard}>
                      {(['front', 'back'] as const).map((which) => (
                        <label key={which} className={`case-segmented__option${activeSide === which ? ' case-segmented__option--on' : ''}`}>
                          <input
                            type="radio"
                            name={`${id}-side`}
                            data-testid={`capture-side-${which}`}
                            checked={activeSide === which}
                            disabled={which === 'back' && !draft.back}
                            onChange={() => setActiveSide(which)}
                          />
                          <span>{t.review.side[which]}</span>
                        </label>
                      ))}
                    </div>
                  )}
                  <div className={`capture-review__images${adjusting ? ' capture-review__images--adjusting' : ''}`}>
                    {adjusting && <CornerEditor key={side.slot} display={side.display} frame={side.frame} quad={side.quad} onCommit={commitCorners} />}
                    <div className="capture-review__page">
                      <canvas ref={attachPreview} className="capture-review__canvas" data-testid="capture-preview" data-mode={draft.mode} />
                      {!previewReady && <span className="spinner capture-review__spinner" aria-hidden="true" />}
                    </div>
                  </div>
                  {adjusting && <p className="capture-review__hint">{t.review.adjustHint}</p>}
                  <div className="capture-review__tools">
                    <button type="button" className="button button--secondary button--small" data-testid="capture-rotate" disabled={saving} onClick={() => updateSide(activeSide, { turns: (side.turns + 1) % 4 })}>
                      {t.review.rotate}
                    </button>
                    <div className="case-segmented" role="radiogroup" aria-label={t.review.modes.colour}>
                      {CAPTURE_MODES.map((mode: CaptureMode) => (
                        <label key={mode} className={`case-segmented__option${draft.mode === mode ? ' case-segmented__option--on' : ''}`}>
                          <input type="radio" name={`${id}-mode`} data-testid={`capture-mode-${mode}`} checked={draft.mode === mode} disabled={saving} onChange={() => setDraft({ ...draft, mode })} />
                          <span>{t.review.modes[mode]}</span>
                        </label>
                      ))}
                    </div>
                    <button
                      type="button"
                      className={`button button--secondary button--small${adjusting ? ' button--on' : ''}`}
                      data-testid="capture-adjust"
                      aria-pressed={adjusting}
                      disabled={saving}
                      onClick={() => setAdjusting(!adjusting)}
                    >
                      {adjusting ? t.review.adjustDone : t.review.adjust}
                    </button>
                    <button type="button" className="button button--secondary button--small" data-testid="capture-retake" disabled={saving} onClick={retake}>
                      {t.review.retake}
                    </button>
                    <button type="button" className="button button--quiet button--small" data-testid="capture-discard" disabled={saving} onClick={discard}>
                      {t.review.discard}
                    </button>
                    {draft.kind === 'idCard' && !draft.back ? (
                      <button type="button" className="button button--primary" data-testid="capture-next-side" disabled={!stream || saving} onClick={() => void capture()}>
                        {t.review.nextSide}
                        <kbd className="button__key">{t.live.captureKey}</kbd>
                      </button>
                    ) : (
                      <button type="button" className="button button--primary" data-testid="capture-save" disabled={controlsDisabled || !previewReady} aria-busy={saving} onClick={() => void save()}>
                        {saving ? t.review.saving : t.review.save}
                        <kbd className="button__key">{t.review.saveKey}</kbd>
                      </button>
                    )}
                    {shownMs !== null && (
                      <span className="capture-review__ms" data-testid="capture-ms">
                        {t.review.pageMs(shownMs)}
                      </span>
                    )}
                  </div>
                </div>
              )}
              {note && (
                <p className="case-message case-message--warning" role="status" data-testid="capture-note">
                  {note}
                </p>
              )}
              {askReceived && (
                <div className="capture-panel__ask" role="alertdialog" aria-label={t.markReceived.question} data-testid="capture-ask-received">
                  <span>{t.markReceived.question}</span>
                  <button type="button" className="button button--primary button--small" data-testid="capture-mark-received" autoFocus onClick={() => void markReceived()}>
                    {t.markReceived.yes}
                  </button>
                  <button type="button" className="button button--quiet button--small" data-testid="capture-skip-received" onClick={() => setAskReceived(false)}>
                    {t.markReceived.no}
                  </button>
                </div>
              )}
              <ActionMessage source={SOURCES} />
            </div>
            <PageStrip
              api={api}
              captures={mine}
              disabled={controlsDisabled}
              retaking={retakePage?.id ?? null}
              onMove={(page, toIndex) => void movePage(page, toIndex)}
              onDelete={(page) => void deletePage(page)}
              onRetake={(page) => {
                discard();
                setKind(page.kind === 'idCard' ? 'idCard' : 'page');
                setRetakePage(page);
              }}
            />
          </div>
        )}
      </div>
    </DialogSheet>
  );
}
