/**
 * The counter's side of the capture crash test, as its own process so that
 * it can be killed with SIGKILL in the middle of a change: opens the data
 * directory (its case already open), starts `change` (add | replace |
 * delete) and, at `step` (pageWritten | committed | pdfWritten), prints
 * `reached <step>` and waits, the database open, to be killed.
 *
 *   node --import tsx electron/services/captures/capture-crash-child.ts <data dir> <change> <step>
 */
import { samplePageJpeg } from './material-pdf-bench';
import { captureRig } from './test-kit';

const [dataDir, change, step] = process.argv.slice(2);
const rig = captureRig(dataDir!, {
  reached: async (at) => {
    if (at !== step) return;
    process.stdout.write(`reached ${at}\n`);
    // Never resolves: the test kills the process here.
    await new Promise(() => undefined);
  },
});
const open = rig.cases.current()!;
const state = open.state as { item: { materials: { id: string }[] } };
const material = state.item.materials[0]!.id;
const pages = rig.captures.current()!.materials.find((m) => m.materialId === material)!.pages;
const jpeg = samplePageJpeg(300, 424, 4);
if (change === 'add') void rig.captures.add({ materialId: material, kind: 'page', mode: 'colour', jpeg: jpeg.toString('base64'), width: 300, height: 424 });
else if (change === 'replace')
  void rig.captures.add({ materialId: material, kind: 'page', mode: 'grey', jpeg: jpeg.toString('base64'), width: 300, height: 424, replacePageId: pages[0]!.id });
else if (change === 'delete') void rig.captures.delete(pages[1]!.id);
setInterval(() => undefined, 60_000);
