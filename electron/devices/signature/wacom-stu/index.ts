/** The Wacom STU profile (specs/devices.md "Signature pad"): what the device factory needs. */
export { WacomStuDriver, type WacomStuDriverOptions, type PromptRenderer } from './stu-driver';
export type { RgbaBitmap } from './image';
export { isWacomStu, stuModel, WACOM_VENDOR_ID } from './models';
export { browserPromptRenderer, type Rasterize } from './prompt-renderer';
export { StuSimulator, STU_430, STU_540, type SimulatedStuProfile, type SimulatedPenPoint } from './stu-simulator';
