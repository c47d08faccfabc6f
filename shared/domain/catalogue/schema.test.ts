import { describe, expect, it } from 'vitest';
import { ServiceItemSchema, duplicateCodeIndexes, isMainMaterial, isReferred, type ServiceItemInput } from './schema';
import { sampleItem } from './test-items';

/** Issues of a parse as "path: message", for readable expectations. */
function issuesOf(item: unknown): string[] {
  const parsed = ServiceItemSchema.safeParse(item, { reportInput: true });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function withMaterial(index: number, change: Record<string, unknown>): ServiceItemInput {
  const item = sampleItem();
  item.materials = item.materials.map((m, i) => (i === index ? { ...m, ...change } : m)) as ServiceItemInput['materials'];
  return item;
}

describe('service item schema', () => {
  it('accepts the sample item and fills defaults', () => {
    const item = ServiceItemSchema.parse(sampleItem());
    expect(item.materials[1]!.tolerable).toBe(false);
    expect(item.materials[1]!.signature).toBe('none');
    expect(isReferred(item)).toBe(false);
    expect(item.materials.map(isMainMaterial)).toEqual([true, true, false, false]);
  });

  it('limits the basic code to 10 and the implementation code to 24 characters', () => {
    expect(issuesOf(sampleItem({ basicCode: '01002300011' }))).toEqual([expect.stringMatching(/^basicCode:/)]);
    expect(issuesOf(sampleItem({ implementationCode: 'A'.repeat(25) }))).toEqual([expect.stringMatching(/^implementationCode:/)]);
    expect(issuesOf(sampleItem({ basicCode: '0100 2300' }))).toEqual(['basicCode: 编码只能由字母、数字和连字符组成']);
  });

  it('checks the implementing body’s credit code character by character', () => {
    const body = (creditCode: string) => sampleItem({ implementingBody: { name: '示例市市场监督管理局', creditCode } });
    expect(issuesOf(body('114199000050010013'))).toEqual([
      'implementingBody.creditCode: 统一社会信用代码校验位不正确（按 GB 32100 计算应为 2），请核对',
    ]);
    expect(issuesOf(body('11419900005001001'))).toEqual([expect.stringMatching(/^implementingBody.creditCode: 统一社会信用代码应为 18 位/)]);
  });

  it('ties the promised limit to 即办件 / 承诺件 and to the statutory limit', () => {
    expect(issuesOf(sampleItem({ handling: 'immediate' }))).toEqual(['promisedLimit.days: 即办件的承诺办结时限应为 0（当场办结）']);
    expect(issuesOf(sampleItem({ promisedLimit: { days: 0, unit: 'workingDays' } }))).toEqual(['promisedLimit.days: 承诺件的承诺办结时限至少为 1 天']);
    expect(issuesOf(sampleItem({ promisedLimit: { days: 12, unit: 'workingDays' } }))).toEqual([
      'promisedLimit.days: 承诺办结时限（12 个工作日）不能超过法定办结时限（10 个工作日）',
    ]);
    // Different units are not compared; no statutory limit is allowed.
    expect(issuesOf(sampleItem({ promisedLimit: { days: 12, unit: 'naturalDays' } }))).toEqual([]);
    expect(issuesOf(sampleItem({ statutoryLimit: null }))).toEqual([]);
  });

  it('wants a basis for a fee and numbers one can call', () => {
    expect(issuesOf(sampleItem({ fee: { charged: true } }))).toEqual(['fee.basis: 收费事项须写明收费依据']);
    expect(issuesOf(sampleItem({ phones: { consultation: '123', supervision: '12345' } }))).toEqual([
      'phones.consultation: 电话号码格式不正确，例：0371-12345678、13800000000 或 12345',
    ]);
  });

  it('checks each material: counts against the check method, 容缺 only for required ones, file names', () => {
    expect(issuesOf(withMaterial(1, { copies: 0 }))).toEqual([
      'materials.1.checkMethod: 核验方式为“验原件收复印件”时，复印件份数至少为 1，原件份数应为 0（原件核验后退还）',
    ]);
    // An electronic material is not counted on paper.
    expect(issuesOf(withMaterial(1, { copies: 0, form: 'electronic' }))).toEqual([]);
    expect(issuesOf(withMaterial(3, { tolerable: true }))).toEqual(['materials.3.tolerable: 非必要材料无需标为可容缺']);
    expect(issuesOf(withMaterial(0, { template: 'C:\\表格\\申请书.docx' }))).toEqual([expect.stringMatching(/^materials.0.template: 应为不含路径的文件名/)]);
    expect(issuesOf(withMaterial(0, { template: '申请书.docx', example: '申请书（示例）.pdf' }))).toEqual([]);
    expect(issuesOf(withMaterial(0, { id: 'Application' }))).toEqual([expect.stringMatching(/^materials.0.id: 材料编号只能/)]);
  });

  it('refuses repeated material ids and names within an item', () => {
    expect(issuesOf(withMaterial(1, { id: 'application' }))).toEqual(['materials.1.id: 材料编号 application 在本事项中重复']);
    expect(issuesOf(withMaterial(1, { name: '食品经营许可申请书' }))).toEqual(['materials.1.name: 材料名称“食品经营许可申请书”在本事项中重复']);
  });

  it('wants a main material beside tolerable ones', () => {
    const item = sampleItem();
    item.materials = item.materials.map((m) => (m.required ? { ...m, tolerable: true } : m)) as ServiceItemInput['materials'];
    expect(issuesOf(item)).toEqual(['materials: 有可容缺材料的事项，至少要有一项必要且不可容缺的主要材料']);
  });

  it('needs materials unless the item is referred elsewhere', () => {
    expect(issuesOf(sampleItem({ materials: [] }))).toEqual(['materials: 本窗口办理的事项至少要有一项申请材料']);
    const referred = ServiceItemSchema.parse(sampleItem({ materials: [], referral: { department: '示例市公安局出入境管理支队' } }));
    expect(isReferred(referred)).toBe(true);
  });

  it('refuses unknown fields', () => {
    expect(issuesOf({ ...sampleItem(), colour: 'red' })).toEqual([expect.stringMatching(/^: /)]);
  });

  it('finds repeated implementation codes across items', () => {
    expect(duplicateCodeIndexes([{ implementationCode: 'A' }, { implementationCode: 'B' }, { implementationCode: 'A' }])).toEqual([2]);
  });
});
