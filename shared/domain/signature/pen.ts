/**
 * A signature as a pad reports it (issue 10; specs/devices.md "Signature
 * pad"): the channels of ISO/IEC 19794-7 (GB/T 26237.7) in the pad's own
 * units, and the pad that wrote it. Drivers produce these; the signing
 * service keeps them as evidence and scales them for the screen.
 */

/** One pen report, decoded, in device units. */
export interface PenSample {
  x: number;
  y: number;
  /** Tip pressure in device units; null when the pad reports none. */
  pressure: number | null;
  /** The pen touches the surface (Tip Switch, or pressure > 0 where no tip switch is declared). */
  tip: boolean;
  /** The pen is in range of the sensor (after the model's quirks are applied). */
  inRange: boolean;
  /** The pad's own time stamp in ms when it sends one (Wacom STU 0x34), else null. */
  deviceTime: number | null;
  /** The pad's sequence number when it sends one, else null. */
  seq: number | null;
  /** Host time in ms (performance clock) when the report arrived. */
  hostTime: number;
}

export interface AxisRange {
  min: number;
  max: number;
}

/** What a pad is: kept with each signature it captured. */
export interface PadDescription {
  /** 'hid': a generic HID digitizer; 'wacom-stu': the STU protocol; 'screen': the on-screen pad. */
  protocol: 'hid' | 'wacom-stu' | 'screen';
  simulated: boolean;
  vendorId: number | null;
  productId: number | null;
  /** e.g. STU-540, or the USB product string; 屏幕签名 for the on-screen pad. */
  model: string;
  firmware: string | null;
  x: AxisRange;
  y: AxisRange;
  pressure: AxisRange | null;
  /** Device units per unit of length, where the pad says (HID physical range and unit, STU capability). */
  resolution: { x: number; y: number; unit: 'cm' | 'inch' } | null;
}

/** What the pad's own screen shows while the applicant signs (STU models; other pads have none). */
export interface PadPrompt {
  /** e.g. 受理通知书 */
  slipTitle: string;
  itemName: string;
  caseNumber: string;
  /** 请在框内签名 */
  instruction: string;
}
