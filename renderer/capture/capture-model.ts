import type { CaptureMode } from '../../shared/contract';
import type { Quad, Size } from '../../shared/domain/camera/geometry';
import { rectQuad } from '../../shared/domain/camera/geometry';
import type { Material } from '../../shared/domain/catalogue/schema';
import type { RenderSpec, SideSpec } from './page-render';

/** How a material is captured: page by page, or an ID card's front and back on one A4 sheet. */
export type CaptureKind = 'page' | 'idCard';

/**
 * An ID card is asked for front and back: the catalogue has no kind flag for
 * materials, so the name says it (居民身份证, 夫妻双方居民身份证…). A power of
 * attorney that also names an ID (授权委托书及受托人身份证件) starts as pages;
 * the clerk can switch either way in the panel.
 */
export function defaultKindFor(material: Pick<Material, 'name'>): CaptureKind {
  return material.name.includes('身份证') && !/委托书|申请书|证明/.test(material.name) ? 'idCard' : 'page';
}

export type Side = 'front' | 'back';

/** One captured frame in the draft: where its page is and how it is turned. */
export interface DraftSide {
  slot: string;
  frame: Size;
  quad: Quad;
  turns: number;
  /** What the detector said on capture ('found', else the clerk should look at the corners). */
  detected: 'found' | 'noPage' | 'unsure';
  /** The frame as captured, for the corner editor (made after the page the clerk waits for). */
  display: Promise<CanvasImageSource | null>;
}

/** The capture being reviewed, not yet kept. */
export interface Draft {
  kind: CaptureKind;
  front: DraftSide;
  /** An ID card's back, once captured. */
  back: DraftSide | null;
  mode: CaptureMode;
}

function sideSpec(side: DraftSide): SideSpec {
  return { slot: side.slot, quad: side.quad, turns: side.turns };
}

export function renderSpecOf(draft: Draft): RenderSpec {
  return draft.kind === 'idCard'
    ? { kind: 'idCard', front: sideSpec(draft.front), back: draft.back ? sideSpec(draft.back) : null, mode: draft.mode }
    : { kind: 'page', side: sideSpec(draft.front), mode: draft.mode };
}

/** Whether the draft can be kept: a page at once, an ID card once both sides are there. */
export function draftComplete(draft: Draft): boolean {
  return draft.kind === 'page' || draft.back !== null;
}

/** When nothing was found and the live outline had nothing either: most of the frame, for the clerk to adjust. */
export function fallbackQuad(frame: Size): Quad {
  const mx = frame.width * 0.1;
  const my = frame.height * 0.1;
  return rectQuad(frame.width - 2 * mx, frame.height - 2 * my).map(([x, y]) => [x + mx, y + my]) as unknown as Quad;
}
