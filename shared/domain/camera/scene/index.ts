/**
 * Synthetic document-camera scenes (issue 11): the labelled frames the
 * detector is measured on and the simulated camera's picture. Pure.
 */
export { renderScene, surfaceFor, edgePoint, BACKGROUND_KINDS, type BackgroundKind, type SceneSpec, type SceneDocument } from './scene';
export { randomSceneSpec, placeDocument, guessDocSizeMm, stickyNoteTexture, ID_CARD_SIZE_MM, A4_SIZE_MM } from './spec';
export { simulatedCameraFrame } from './simulated';
export { type Surface } from './surfaces';
export { mulberry32, streamFor, type Rng } from './random';
