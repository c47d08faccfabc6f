/**
 * Writes resources/signatures/sample-signature.hid: the sample signature
 * (sample-signature.ts) encoded for the simulated pad's descriptor, in the
 * hid-recorder text format. Run again only when the sample or the
 * simulated pad changes, and commit the file:
 *
 *   npx tsx electron/devices/signature/simulator/generate-sample-signature.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { penReportEncoders } from './pen-report-encoder';
import { formatRecording } from './recording-text';
import { sampleSignature } from './sample-signature';
import { SIMULATED_PAD_ID, SIMULATED_PAD_PRODUCT, SIMULATED_PAD_RANGES, SIMULATED_PEN_DESCRIPTOR } from './simulated-pen-descriptor';

export const SAMPLE_SIGNATURE_FILE = join(__dirname, '..', '..', '..', '..', 'resources', 'signatures', 'sample-signature.hid');

/** The recording's text (the generator's whole job, apart from writing it). */
export function sampleSignatureRecording(): string {
  const [encoder] = penReportEncoders(SIMULATED_PEN_DESCRIPTOR);
  if (!encoder) throw new Error('the simulated descriptor has no pen report');
  const { points, truth } = sampleSignature(SIMULATED_PAD_RANGES);
  const reports = points.map((p) => ({ time: p.time, bytes: encoder.encode(p) }));
  return formatRecording(
    { name: SIMULATED_PAD_PRODUCT, ...SIMULATED_PAD_ID, descriptor: SIMULATED_PEN_DESCRIPTOR, reports },
    [
      'Sample signature of the simulated signature pad (模拟签名板), made by',
      'electron/devices/signature/simulator/generate-sample-signature.ts; do not edit by hand.',
      `drawn: strokes=${truth.strokes} points=${truth.points} reports=${reports.length} maxPressure=${truth.maxPressure}`,
      `drawn: bounds xMin=${truth.xMin} xMax=${truth.xMax} yMin=${truth.yMin} yMax=${truth.yMax}`,
    ],
  );
}

if (require.main === module) {
  writeFileSync(SAMPLE_SIGNATURE_FILE, sampleSignatureRecording());
  process.stdout.write(`${SAMPLE_SIGNATURE_FILE}\n`);
}
