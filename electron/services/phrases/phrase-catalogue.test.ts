import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhrasePromptsSchema } from '../../../shared/contract';
import { PHRASE_STAGES, type PhraseIssue } from '../../../shared/domain/phrases/schema';
import { PHRASES_FILE, applyOverrides, loadPhraseCatalogue, parseCatalogue, parsePhraseFileText } from './phrase-catalogue';
import { PhraseService } from './phrase-service';
import { tempDir as makeTempDir } from '../../../test/support/temp-dir';

const tempDir = () => makeTempDir('counter-phrases-');
const DEFAULT_FILE = join(__dirname, '..', '..', '..', 'resources', 'phrases', 'default.json');

/** norms.md §3, verbatim: every standard phrase the default catalogue must carry. */
const NORMS_SECTION_3 = [
  // Zhumadian §5 (52–59)
  '您好!请坐,请问您要办理什么业务?',
  '请稍候,我们马上为您办理!',
  '请您到......窗口办理此项业务!',
  '请您在休息区稍候,等待叫号办理。',
  '很抱歉,让您久等了。',
  '根据......要求,请您提供......等资料,谢谢!',
  '您好,您的......资料已受理,我们会在确定的时限反馈办理结果。',
  '按......规定,......天内我们会给您回复,请留下您的电话号码或其他联系方式,以便及时通知您。',
  '现在为您办理,请稍候。',
  '对不起,电脑出现故障(或网络不好),正在检修,请稍等。',
  '很抱歉,您提供的资料不全,还缺......,请补齐后再来。',
  '您提供的......资料......未填/未签章/缺少......报表/计算有误/数据与......资料不符......,请您复核后重新提供,谢谢。',
  '您填报的......数据有误,请修改后再来,请保存好你的取号凭条,返回重办时需要您再次提供。',
  '您好,您的事已办理完毕,这是您的资料,请收好。',
  '您的申请我们已受理,办理结果将于…月…日前通知您(或:在…个工作日内回复您),请留下您的联系方式以便及时通知。再见!您慢走!',
  '别客气,这是我们应该做的!',
  '谢谢您的意见。有不妥的地方,请批评指正。',
  '您反映的情况我们将立即核实并尽快落实,谢谢您对我们工作的支持。',
  '(工作出现差错时)对不起,是我不对,请原谅,欢迎您多提宝贵意见!',
  // Guandu 3.3–3.7
  '请稍等',
  '请填写XXX',
  '您的手续已办好,请核对',
  '请保管好您的资料',
  '请您XXX月XXX日来领取证照',
  '谢谢您,欢迎您监督和帮助',
  '没关系,这是我们应该做的',
  '您的XXX事情已办完,请收好材料和物品,谢谢您的配合',
  '请慢走',
  '再见',
  '您好,这里是XXX政务服务中心XXX窗口,请讲.',
  // Ningbo 5.5.1
  '您好,您要办什么业务',
  '请缴费',
  '请您听我详细解释一下好吗',
  '对不起,请补全手续再来办理.',
];

const defaultJson = () => JSON.parse(readFileSync(DEFAULT_FILE, 'utf8')) as { version: number; phrases: Record<string, unknown>[] };
const byPhrase = (issues: PhraseIssue[]) => issues.map((i) => `${i.file}|${i.phrase}|${i.field}|${i.message}`);

function withOverride(value: unknown): ReturnType<typeof loadPhraseCatalogue> {
  const dir = tempDir();
  writeFileSync(join(dir, PHRASES_FILE), typeof value === 'string' ? value : JSON.stringify(value));
  return loadPhraseCatalogue(dir);
}

describe('the default catalogue (resources/phrases/default.json)', () => {
  it('is valid and carries every standard phrase of the norms verbatim', () => {
    const { phrases, issues } = parseCatalogue(defaultJson());
    expect(issues).toEqual([]);
    const texts = phrases.map((p) => p.text);
    for (const text of NORMS_SECTION_3) expect(texts, text).toContain(text);
    // Anything else is the terminal's own wording and says so.
    for (const phrase of phrases.filter((p) => !NORMS_SECTION_3.includes(p.text))) expect(phrase.source).toMatch(/本终端拟定/);
  });

  it('has every stage, unique ids, and a template for every phrase with a gap', () => {
    const { phrases } = parseCatalogue(defaultJson());
    for (const stage of PHRASE_STAGES) expect(phrases.some((p) => p.stage === stage || p.alsoIn?.includes(stage)), stage).toBe(true);
    expect(new Set(phrases.map((p) => p.id)).size).toBe(phrases.length);
    for (const phrase of phrases.filter((p) => /\.{3,}|…|XXX/.test(p.text))) expect(phrase.template, phrase.id).toMatch(/\{\w+\}/);
  });

  it('is what the loader uses when the centre has no file', () => {
    const loaded = loadPhraseCatalogue(tempDir());
    expect(loaded.override).toBe('none');
    expect(loaded.issues).toEqual([]);
    expect(loaded.phrases).toEqual(parseCatalogue(defaultJson()).phrases);
  });

  it('reports a broken default phrase by id and field, and keeps the others', () => {
    const json = defaultJson();
    json.phrases[0] = { ...json.phrases[0], stage: '寒暄' };
    json.phrases[1] = { ...json.phrases[1], template: '请稍候{who}' };
    const loaded = loadPhraseCatalogue(tempDir(), json);
    expect(byPhrase(loaded.issues)).toEqual([
      'default.json|zmd.greet.welcome|stage|取值无效，可选：问候、受理、接收、办理、退回、回执、告别、接待、电话、系统故障',
      expect.stringMatching(/^default\.json\|zmd\.greet\.moment\|template\|含无法识别的占位符 \{who\}/),
    ]);
    expect(loaded.phrases).toHaveLength(json.phrases.length - 2);
  });
});

describe("a centre's phrases.json", () => {
  it('edits, adds and disables phrases', () => {
    const loaded = withOverride({
      version: 1,
      phrases: [
        { id: 'zmd.greet.welcome', text: '您好!请坐,请问您办理什么业务?' },
        { id: 'gd.farewell.bye', disabled: true },
        { id: 'centre.greet.ticket', stage: '问候', text: '请您先到取号机取号,谢谢!' },
        { id: 'zmd.receive.accepted', fits: ['longWait'] },
      ],
    });
    expect(loaded.issues).toEqual([]);
    expect(loaded.override).toBe('applied');
    const get = (id: string) => loaded.phrases.find((p) => p.id === id);
    expect(get('zmd.greet.welcome')?.text).toBe('您好!请坐,请问您办理什么业务?');
    expect(get('gd.farewell.bye')?.disabled).toBe(true);
    expect(get('centre.greet.ticket')).toMatchObject({ stage: '问候', source: '本中心' });
    // Only the given field changed.
    expect(get('zmd.receive.accepted')).toMatchObject({ fits: ['longWait'], template: expect.stringContaining('{itemName}') });
  });

  it('shows the centre’s phrases through the service', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, PHRASES_FILE),
      JSON.stringify({
        version: 1,
        phrases: [
          { id: 'zmd.greet.welcome', disabled: true },
          { id: 'centre.greet.ticket', stage: '问候', text: '请您到{windowNumber}窗口前取号,谢谢!' },
        ],
      }),
    );
    const service = new PhraseService(dir, { centreName: '某某区政务服务中心', windowNumber: '7', clerkName: '李四', clerkStaffNumber: '1' }, () => {});
    const prompts = PhrasePromptsSchema.parse(service.prompts('问候'));
    expect(prompts.phrases.map((p) => p.id)).not.toContain('zmd.greet.welcome');
    expect(prompts.phrases.find((p) => p.id === 'centre.greet.ticket')?.filled).toBe('请您到7号窗口前取号，谢谢！');
    expect(prompts.issues).toEqual([]);
  });

  it('needs the template again when the text of a phrase with gaps changes', () => {
    const loaded = withOverride({ version: 1, phrases: [{ id: 'zmd.accept.provide', text: '根据......规定,请提供......' }] });
    expect(byPhrase(loaded.issues)).toEqual([
      'phrases.json|zmd.accept.provide|template|文本中有空缺（……、XXX 或 …），请在 template 中用占位符写出填法，例如：请您到{targetWindow}窗口办理此项业务!',
    ]);
    // The default wording stays.
    expect(loaded.phrases.find((p) => p.id === 'zmd.accept.provide')?.text).toBe('根据......要求,请您提供......等资料,谢谢!');
    expect(loaded.override).toBe('rejected');
  });

  it('reports each bad entry by phrase and field in Chinese, and applies the good ones', () => {
    const loaded = withOverride({
      version: 1,
      phrases: [
        { id: 'Bad Id', stage: '问候', text: '您好' },
        { id: 'centre.a', stage: '问好', text: '您好', colour: 'red' },
        { id: 'centre.b', text: '您好' },
        { id: 'centre.c', stage: '受理', text: '请提供......', template: '请提供{materials}' },
        { id: 'centre.d', stage: '受理', text: '请提供{', template: '请提供{' },
        { id: 'centre.e', stage: '受理', text: '' },
        { id: 'nope', disabled: true },
        { stage: '问候', text: '您好' },
        { id: 'gd.farewell.slow', disabled: 'yes' },
        { id: 'gd.farewell.bye', disabled: true },
        { id: 'gd.farewell.bye', disabled: false },
        'not an object',
      ],
    });
    expect(loaded.override).toBe('partly');
    const lines = byPhrase(loaded.issues);
    expect(lines).toEqual([
      'phrases.json|Bad Id|id|编号只能由小写字母、数字、点和连字符组成，以字母或数字开头，最长 64 个字符',
      'phrases.json|centre.a|stage|取值无效，可选：问候、受理、接收、办理、退回、回执、告别、接待、电话、系统故障',
      'phrases.json|centre.a||无法识别的字段：colour',
      'phrases.json|centre.b|stage|缺少此项',
      expect.stringMatching(/^phrases\.json\|centre\.c\|template\|含无法识别的占位符 \{materials\}；可用的占位符：itemName、/),
      'phrases.json|centre.d|template|含不成对的花括号：占位符应写作 {名称}，例如 {itemName}',
      'phrases.json|centre.e|text|不能少于 1 个字符',
      'phrases.json|nope|id|默认用语中没有此编号：修改或停用须用已有编号，新增用语须同时写明 stage 和 text',
      'phrases.json|第 8 条|id|缺少此项',
      'phrases.json|gd.farewell.slow|disabled|类型错误，应为是/否',
      'phrases.json|gd.farewell.bye|id|编号重复，后一条未生效',
      'phrases.json|第 12 条||类型错误，应为对象',
    ]);
    expect(loaded.phrases.find((p) => p.id === 'gd.farewell.bye')?.disabled).toBe(true);
    expect(loaded.phrases.find((p) => p.id === 'gd.farewell.slow')?.disabled).toBeUndefined();
  });

  it('refuses a phrase that contains a forbidden phrase, naming the words', () => {
    const loaded = withOverride({
      version: 1,
      phrases: [
        { id: 'centre.rude', stage: '接待', text: '有意见找领导去' },
        { id: 'zmd.greet.redirect', alternatives: ['这个不归我们管,请到{targetWindow}窗口'] },
      ],
    });
    expect(byPhrase(loaded.issues)).toEqual([
      'phrases.json|centre.rude|text|含服务忌语“有意见找领导去”（近似“有意见,找领导去。”），此条未生效',
      'phrases.json|zmd.greet.redirect|alternatives.0|含服务忌语“不归我们管”（近似“不归我管,问别人去。”），此条未生效',
    ]);
    expect(loaded.phrases.some((p) => p.id === 'centre.rude')).toBe(false);
  });

  it('rejects the whole file when it is not JSON, not the right shape, or unreadable', () => {
    expect(withOverride('{ "version": 1, ').issues[0]?.message).toMatch(/^用语文件不是有效的 JSON：/);
    expect(byPhrase(withOverride({ version: 2, phrases: [] }).issues)).toEqual(['phrases.json||version|取值无效，可选：1']);
    expect(byPhrase(withOverride({ version: 1 }).issues)).toEqual(['phrases.json||phrases|缺少此项']);
    expect(byPhrase(withOverride([]).issues)).toEqual(['phrases.json|||类型错误，应为对象']);
    const dir = tempDir();
    mkdirSync(join(dir, PHRASES_FILE));
    const loaded = loadPhraseCatalogue(dir);
    expect(loaded.override).toBe('rejected');
    expect(loaded.issues[0]?.message).toMatch(/^无法读取用语文件：/);
    expect(loaded.phrases.length).toBeGreaterThan(30);
  });

  it('accepts a BOM as Windows Notepad writes it', () => {
    const parsed = parsePhraseFileText('\uFEFF{"version":1,"phrases":[]}', PHRASES_FILE);
    expect(parsed).toEqual({ ok: true, entries: [] });
  });

  it('adds new phrases after the defaults, in file order', () => {
    const base = parseCatalogue(defaultJson()).phrases;
    const merged = applyOverrides(base, [
      { id: 'centre.z', stage: '告别', text: '欢迎再来' },
      { id: 'centre.y', stage: '告别', text: '祝您顺利' },
    ]);
    expect(merged.applied).toBe(2);
    expect(merged.phrases.slice(-2).map((p) => p.id)).toEqual(['centre.z', 'centre.y']);
    expect(merged.phrases).toHaveLength(base.length + 2);
  });
});
