/**
 * The pad the simulator plays: a generic signature-pad-like HID digitizer,
 * laid out the way such pads commonly are (a Digitizer Pen application,
 * report ID 7, tip / barrel / in-range bits, 16-bit X and Y with a physical
 * size, 13-bit pressure), plus a vendor feature collection the driver must
 * pass over. Its USB id is the pid.codes test id (1209:0001), never a real
 * product, so no quirk of a real pad applies to it.
 */
export const SIMULATED_PAD_ID = { vendorId: 0x1209, productId: 0x0001 } as const;
export const SIMULATED_PAD_PRODUCT = 'Counter Terminal Simulated Signature Pad';

/** Sensing area 152 × 95 mm at 2000 units per cm (about 5080 lpi). */
export const SIMULATED_PAD_RANGES = { xMax: 30400, yMax: 19000, pressureMax: 8191 } as const;

// prettier-ignore
export const SIMULATED_PEN_DESCRIPTOR = Uint8Array.from([
  0x05, 0x0d,             // Usage Page (Digitizers)
  0x09, 0x02,             // Usage (Pen)
  0xa1, 0x01,             // Collection (Application)
  0x85, 0x07,             //   Report ID (7)
  0x09, 0x20,             //   Usage (Stylus)
  0xa1, 0x00,             //   Collection (Physical)
  0x09, 0x42,             //     Usage (Tip Switch)
  0x09, 0x44,             //     Usage (Barrel Switch)
  0x09, 0x32,             //     Usage (In Range)
  0x15, 0x00,             //     Logical Minimum (0)
  0x25, 0x01,             //     Logical Maximum (1)
  0x75, 0x01,             //     Report Size (1)
  0x95, 0x03,             //     Report Count (3)
  0x81, 0x02,             //     Input (Data,Var,Abs)
  0x95, 0x05,             //     Report Count (5)
  0x81, 0x03,             //     Input (Const,Var,Abs)
  0x05, 0x01,             //     Usage Page (Generic Desktop)
  0x09, 0x30,             //     Usage (X)
  0x75, 0x10,             //     Report Size (16)
  0x95, 0x01,             //     Report Count (1)
  0x55, 0x0d,             //     Unit Exponent (-3)
  0x65, 0x11,             //     Unit (SI Linear: cm)
  0x35, 0x00,             //     Physical Minimum (0)
  0x46, 0x60, 0x3b,       //     Physical Maximum (15200)
  0x26, 0xc0, 0x76,       //     Logical Maximum (30400)
  0x81, 0x02,             //     Input (Data,Var,Abs)
  0x09, 0x31,             //     Usage (Y)
  0x46, 0x1c, 0x25,       //     Physical Maximum (9500)
  0x26, 0x38, 0x4a,       //     Logical Maximum (19000)
  0x81, 0x02,             //     Input (Data,Var,Abs)
  0x05, 0x0d,             //     Usage Page (Digitizers)
  0x09, 0x30,             //     Usage (Tip Pressure)
  0x55, 0x00,             //     Unit Exponent (0)
  0x65, 0x00,             //     Unit (None)
  0x45, 0x00,             //     Physical Maximum (0)
  0x26, 0xff, 0x1f,       //     Logical Maximum (8191)
  0x81, 0x02,             //     Input (Data,Var,Abs)
  0xc0,                   //   End Collection
  0xc0,                   // End Collection
  0x06, 0x00, 0xff,       // Usage Page (Vendor Defined 0xFF00)
  0x09, 0x01,             // Usage (0x01)
  0xa1, 0x01,             // Collection (Application)
  0x85, 0x09,             //   Report ID (9)
  0x09, 0x02,             //   Usage (0x02)
  0x15, 0x00,             //   Logical Minimum (0)
  0x26, 0xff, 0x00,       //   Logical Maximum (255)
  0x75, 0x08,             //   Report Size (8)
  0x95, 0x07,             //   Report Count (7)
  0xb1, 0x02,             //   Feature (Data,Var,Abs)
  0xc0,                   // End Collection
]);
