import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CounterApiError, type CaseAction } from '../../../shared/contract';
import { APPLICANT_ID, AT, apply, applicant, started } from '../../../shared/domain/case/test-kit';
import type { CaseState } from '../../../shared/domain/case';
import { strings } from '../../../shared/i18n';
import { CaseSim, PROMISED, SUPPLY, item, referredItem } from '../../test-support/case-sim';
import { expectQuietConsole } from '../../test-support/console-guard';
import { ClerkApp } from '../ClerkApp';

const t = strings.caseScreen;
const r = strings.caseFlow.refusals;

expectQuietConsole();

const identified = (): CaseState => apply(started(), { type: 'identifyApplicant', at: AT, applicant });
/** The material check of the test kit's item (application, licence, rules (可容缺), attorney (非必要)). */
const materialCheck = (): CaseState => apply(identified(), { type: 'chooseItem', at: AT, on: '2026-03-02', item });
const checked = (statuses: Record<string, 'received' | 'missing' | 'notApplicable'>): CaseState =>
  apply(
    materialCheck(),
    ...Object.entries(statuses).map(([materialId, status]) => ({ type: 'checkMaterial' as const, at: AT, materialId, result: { status } })),
  );
const ALL_RECEIVED = { application: 'received', licence: 'received', rules: 'received', attorney: 'notApplicable' } as const;

async function renderSim(sim: CaseSim) {
  render(<ClerkApp api={sim.api} connection={null} />);
  await screen.findByTestId('case-panel');
  return sim;
}

/** Runs a user event and lets the request it makes settle. */
async function settle(run: () => void) {
  await act(async () => {
    run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
const click = (el: Element) => settle(() => fireEvent.click(el));
const press = (el: Element | Window, key: string) => settle(() => fireEvent.keyDown(el, { key }));

const byId = (id: string) => screen.getByTestId(id);
const button = (id: string) => byId(id) as HTMLButtonElement;
const stepState = (step: string) => byId(`case-step-${step}`).dataset.state;
const caseActions = (sim: CaseSim) =>
  sim.api.calls.filter((c) => c.method === 'caseAction').map((c) => (c.params as { action: CaseAction }).action);

describe('the step indicator', () => {
  it('highlights the step the case is at and marks the earlier ones done', async () => {
    const sim = await renderSim(new CaseSim());
    expect(stepState('start')).toBe('current');
    expect(byId('case-step-start').getAttribute('aria-current')).toBe('step');

    await click(byId('start-case'));
    expect(stepState('start')).toBe('done');
    expect(stepState('applicant')).toBe('current');

    const walk: [CaseAction, string][] = [
      [{ type: 'identifyManually', person: { name: '王五', idType: 'residentId', idNumber: APPLICANT_ID, reason: 'readFailed' } }, 'item'],
      [{ type: 'chooseItem', itemCode: item.implementationCode }, 'materials'],
      [{ type: 'checkMaterial', materialId: 'application', result: { status: 'received' } }, 'materials'],
      [{ type: 'checkMaterial', materialId: 'licence', result: { status: 'received' } }, 'materials'],
      [{ type: 'checkMaterial', materialId: 'rules', result: { status: 'received' } }, 'materials'],
      // Everything looked at: the decision is next.
      [{ type: 'checkMaterial', materialId: 'attorney', result: { status: 'notApplicable' } }, 'decision'],
      [{ type: 'accept' }, 'slip'],
    ];
    for (const [action, step] of walk) {
      await settle(() => expect(sim.handle(action).ok).toBe(true));
      expect(stepState(step), action.type).toBe('current');
    }
    expect(stepState('slip')).toBe('current');
    for (const done of ['start', 'applicant', 'item', 'materials', 'decision']) expect(stepState(done), done).toBe('done');
    for (const todo of ['evaluation', 'close']) expect(stepState(todo), todo).toBe('todo');
    expect(screen.getAllByRole('listitem').filter((li) => li.getAttribute('aria-current') === 'step')).toHaveLength(1);
  });
});

describe('the material checklist', () => {
  it('shows each requirement, the 可容缺 badge and the pending count; 不适用 only for non-required materials', async () => {
    await renderSim(new CaseSim(materialCheck()));
    const licence = byId('material-row-licence');
    for (const tag of ['纸质', '复印件 1 份', '验原件收复印件']) expect(licence.textContent).toContain(tag);
    expect(byId('material-row-application').textContent).toContain('需签字并盖章');
    expect(byId('material-row-rules').textContent).toContain(t.checklist.tolerable);
    expect(byId('material-row-rules').textContent).toContain('含进货查验等制度');
    expect(byId('material-row-licence').textContent).not.toContain(t.checklist.tolerable);
    expect(byId('checklist-pending').textContent).toBe(t.checklist.pending(4, 4));
    expect(button('material-application-na').disabled).toBe(true);
    expect(button('material-attorney-na').disabled).toBe(false);
  });

  it('a refused mark by key brings the focus back to its row, with the refusal shown', async () => {
    const sim = await renderSim(new CaseSim(materialCheck()));
    const handle = sim.handle.bind(sim);
    sim.handle = (action) => (action.type === 'checkMaterial' ? { ok: false, message: '服务暂不可用' } : handle(action));
    const licence = byId('material-row-licence');
    licence.focus();
    await press(licence, 's');
    expect(byId('material-row-licence').dataset.status).toBe('pending');
    expect(document.activeElement).toBe(byId('material-row-licence'));
    expect(document.body.textContent).toContain('服务暂不可用');
  });

  it('a key pressed after the row shows checked but before the service answered is not lost', async () => {
    const sim = await renderSim(new CaseSim(materialCheck()));
    const handle = sim.handle.bind(sim);
    // The service publishes the checked row (case.changed) a moment before it answers the request: the first answer is held.
    let release = () => {};
    const answered = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    sim.api.handlers.caseAction = async ({ action }) => {
      const outcome = handle(action);
      if (!held) {
        held = true;
        await answered;
      }
      return outcome;
    };
    const licence = byId('material-row-licence');
    licence.focus();
    await press(licence, 's');
    expect(byId('material-row-licence').dataset.status).toBe('received');
    expect(document.activeElement).toBe(byId('material-row-rules'));
    await press(byId('material-row-rules'), 's');
    await settle(() => release());
    await waitFor(() => expect(byId('material-row-rules').dataset.status).toBe('received'));
    expect(caseActions(sim)).toEqual([
      { type: 'checkMaterial', materialId: 'licence', result: { status: 'received' } },
      { type: 'checkMaterial', materialId: 'rules', result: { status: 'received' } },
    ]);
  });

  it('marks a material with a click and with the row keys, moving on to the next row', async () => {
    const sim = await renderSim(new CaseSim(materialCheck()));
    await click(byId('material-application-received'));
    expect(byId('material-row-application').dataset.status).toBe('received');
    expect(button('material-application-received').getAttribute('aria-pressed')).toBe('true');
    expect(byId('checklist-pending').textContent).toBe(t.checklist.pending(3, 4));

    // Keyboard: Q on the focused row marks it missing and moves the focus to the next row.
    const licence = byId('material-row-licence');
    licence.focus();
    await press(licence, 'q');
    expect(byId('material-row-licence').dataset.status).toBe('missing');
    expect(document.activeElement).toBe(byId('material-row-rules'));
    // B on a required row does nothing; on the optional one it marks 不适用.
    await press(byId('material-row-rules'), 'b');
    expect(byId('material-row-rules').dataset.status).toBe('pending');
    await press(byId('material-row-rules'), 'ArrowDown');
    expect(document.activeElement).toBe(byId('material-row-attorney'));
    await press(byId('material-row-attorney'), 'B');
    expect(byId('material-row-attorney').dataset.status).toBe('notApplicable');

    expect(caseActions(sim)).toEqual([
      { type: 'checkMaterial', materialId: 'application', result: { status: 'received' } },
      { type: 'checkMaterial', materialId: 'licence', result: { status: 'missing' } },
      { type: 'checkMaterial', materialId: 'attorney', result: { status: 'notApplicable' } },
    ]);
  });

  it('asks for a defect from the standard list; 其他 without text is refused beside the row', async () => {
    const sim = await renderSim(new CaseSim(materialCheck()));
    const row = byId('material-row-application');
    row.focus();
    await press(row, 'w');
    const select = byId('material-application-defect') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(Object.values(strings.caseFlow.defects));
    fireEvent.change(select, { target: { value: 'other' } });
    await click(byId('material-application-defect-save'));
    const message = within(byId('material-row-application')).getByTestId('case-message');
    expect(message.textContent).toBe(r.defectTextNeeded);
    expect(message.getAttribute('role')).toBe('alert');
    expect(byId('material-row-application').dataset.status).toBe('pending');

    fireEvent.change(byId('material-application-defect'), { target: { value: 'unsigned' } });
    await click(byId('material-application-defect-save'));
    expect(byId('material-row-application').dataset.status).toBe('defective');
    expect(byId('material-application-status').textContent).toBe('未签字');
    expect(screen.queryByTestId('case-message')).toBeNull();
    expect(caseActions(sim).at(-1)).toEqual({ type: 'checkMaterial', materialId: 'application', result: { status: 'defective', defect: 'unsigned' } });
    // The one-time notice preview follows at once.
    expect(screen.getAllByTestId('notice-preview-item').map((li) => li.dataset.material)).toEqual(['application']);
  });
});

describe('the decisions', () => {
  /** The reason shown for a blocked decision (one line may serve several). */
  const reason = (kind: string) =>
    screen
      .queryAllByTestId('decision-reason')
      .find((li) => li.dataset.kinds?.split(' ').includes(kind))
      ?.querySelector('.decision-why__text')?.textContent ?? null;
  const enabled = () => ['accept', 'tolerate', 'notify', 'reject'].filter((k) => !button(`decision-${k}`).disabled);

  it('are enabled as the material check allows, with the reason under each disabled one', async () => {
    const sim = await renderSim(new CaseSim(materialCheck()));
    expect(enabled()).toEqual(['reject']);
    // One reason for all three, said once.
    expect(screen.getAllByTestId('decision-reason').map((li) => li.dataset.kinds)).toEqual(['accept tolerate notify']);
    expect(reason('accept')).toBe(r.pending('食品经营许可申请书、营业执照、食品安全规章制度目录、授权委托书'));
    expect(button('decision-notify').getAttribute('aria-describedby')).toBe(screen.getByTestId('decision-reason').id);

    await settle(() => {
      for (const [materialId, status] of Object.entries(ALL_RECEIVED)) sim.handle({ type: 'checkMaterial', materialId, result: { status } });
    });
    expect(enabled()).toEqual(['accept', 'reject']);
    expect(reason('accept')).toBeNull();
    expect(reason('tolerate')).toBe(r.nothingToTolerate);
    expect(reason('notify')).toBe(r.nothingToNotify);

    // Only the tolerable material missing: 容缺受理 and 一次性告知, not 受理.
    await settle(() => sim.handle({ type: 'checkMaterial', materialId: 'rules', result: { status: 'missing' } }));
    expect(enabled()).toEqual(['tolerate', 'notify', 'reject']);
    expect(reason('accept')).toBe(r.problemsBlockAccept('食品安全规章制度目录'));
    expect(reason('tolerate')).toBeNull();

    // A main material missing: no 容缺受理.
    await settle(() => sim.handle({ type: 'checkMaterial', materialId: 'licence', result: { status: 'missing' } }));
    expect(enabled()).toEqual(['notify', 'reject']);
    expect(reason('tolerate')).toBe(r.notTolerable('营业执照'));
    expect(screen.getAllByTestId('notice-preview-item').map((li) => li.dataset.material)).toEqual(['licence', 'rules']);
  });

  it('一次性告知 leads to the summary with the supply deadline and exactly the materials to supply', async () => {
    const sim = await renderSim(new CaseSim(checked({ ...ALL_RECEIVED, licence: 'missing', rules: 'missing' })));
    await click(byId('decision-notify'));
    const summary = byId('decision-summary');
    expect(summary.dataset.kind).toBe('notify');
    expect(byId('decision-deadline').textContent).toContain('2026年03月06日');
    expect(screen.getAllByTestId('decision-notice-item').map((li) => li.dataset.material)).toEqual(['licence', 'rules']);
    expect(byId('case-step-slip').dataset.state).toBe('current');

    await click(byId('withdraw-decision'));
    expect(sim.state?.phase).toBe('materialCheck');
    expect(screen.queryByTestId('decision-summary')).toBeNull();
  });

  it('容缺受理 asks for the signed commitment and the credit check; the service refusals show in the form', async () => {
    const sim = await renderSim(new CaseSim(checked({ ...ALL_RECEIVED, rules: 'missing' })));
    await click(byId('decision-tolerate'));
    const form = byId('tolerate-form');
    expect((byId('tolerate-commitment') as HTMLInputElement).checked).toBe(false);

    await click(byId('tolerate-confirm'));
    expect(within(form).getByTestId('case-message').textContent).toBe(t.decision.tolerate.creditNeeded);
    expect(caseActions(sim)).toEqual([]);

    await click(byId('tolerate-credit-clear'));
    await click(byId('tolerate-confirm'));
    expect(within(byId('tolerate-form')).getByTestId('case-message').textContent).toBe(r.commitmentUnsigned);

    await click(byId('tolerate-commitment'));
    await click(byId('tolerate-credit-listed'));
    await click(byId('tolerate-confirm'));
    expect(within(byId('tolerate-form')).getByTestId('case-message').textContent).toBe(r.creditListed);

    await click(byId('tolerate-credit-clear'));
    await click(byId('tolerate-confirm'));
    expect(byId('decision-summary').dataset.kind).toBe('tolerate');
    expect(byId('decision-promised').textContent).toContain('2026年03月09日');
    expect(byId('decision-deadline').textContent).toContain('2026年03月06日');
    expect(caseActions(sim).at(-1)).toEqual({ type: 'acceptTolerated', commitmentSigned: true, creditCheck: 'clear' });
    expect(PROMISED).toBe('2026-03-09');
    expect(SUPPLY).toBe('2026-03-06');
  });

  it('不予受理 shows the forbidden-phrase refusal prominently, with the suggested phrase, then takes a proper reason', async () => {
    const sim = await renderSim(new CaseSim(materialCheck()));
    await click(byId('decision-reject'));
    await click(byId('reject-reason-other'));
    fireEvent.change(byId('reject-text'), { target: { value: '这个不归我管，问别人去。' } });
    await click(byId('reject-confirm'));
    const message = within(byId('reject-form')).getByTestId('case-message');
    expect(message.className).toContain('case-message--prominent');
    expect(message.getAttribute('role')).toBe('alert');
    expect(message.textContent).toContain('服务忌语');
    expect(message.textContent).toContain('建议改用规范用语');
    expect(sim.state?.phase).toBe('materialCheck');

    fireEvent.change(byId('reject-text'), { target: { value: '申请人尚未取得营业执照，暂不符合申请条件。' } });
    await click(byId('reject-confirm'));
    expect(byId('decision-summary').dataset.kind).toBe('reject');
    expect(byId('decision-reason').textContent).toContain('申请人尚未取得营业执照');
  });

  it('a refusal or a failure shows beside the control that caused it, not elsewhere', async () => {
    const sim = new CaseSim(checked(ALL_RECEIVED));
    sim.api.handlers.caseAction = ({ action }) =>
      action.type === 'accept' ? { ok: false, message: '承诺办结日期不能早于受理日期' } : Promise.reject(new CounterApiError('unavailable', strings.api.unavailable));
    await renderSim(sim);
    await click(byId('decision-accept'));
    const message = within(byId('decision-panel')).getByTestId('case-message');
    expect(message.textContent).toBe('承诺办结日期不能早于受理日期');
    expect(message.dataset.source).toBe('decision-accept');
    expect(screen.getAllByTestId('case-message')).toHaveLength(1);

    await click(byId('material-licence-missing'));
    expect(within(byId('material-row-licence')).getByTestId('case-message').textContent).toBe(strings.api.unavailable);
    // The earlier message gave way: one answer at a time, at its control.
    expect(within(byId('decision-panel')).queryByTestId('case-message')).toBeNull();
  });
});

describe('the item search', () => {
  it('is keyboard-first: F3 and / focus it, arrows move, Enter chooses', async () => {
    const sim = await renderSim(new CaseSim(identified()));
    const input = byId('item-search') as HTMLInputElement;
    await screen.findByTestId(`item-option-${item.implementationCode}`);
    await press(window, 'F3');
    expect(document.activeElement).toBe(input);
    input.blur();
    await press(document.body, '/');
    expect(document.activeElement).toBe(input);

    // Name, department, 承诺件 with its days; the referred item marked.
    const food = byId(`item-option-${item.implementationCode}`);
    expect(food.textContent).toContain('食品经营许可（新办）');
    expect(food.textContent).toContain('示例市市场监督管理局');
    expect(food.textContent).toContain(t.items.promised(5, '工作日'));
    const passport = byId(`item-option-${referredItem.implementationCode}`);
    expect(passport.textContent).toContain(t.items.referred);
    expect(passport.textContent).toContain(t.items.referral('示例市公安局出入境管理支队'));

    expect(food.getAttribute('aria-selected')).toBe('true');
    await press(input, 'ArrowDown');
    expect(passport.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(passport.id);
    await press(input, 'ArrowDown');
    expect(food.getAttribute('aria-selected')).toBe('true');

    // Typing narrows the list (after a short pause); Enter chooses the highlighted item.
    await settle(() => fireEvent.change(input, { target: { value: '食品' } }));
    await waitFor(() => expect(screen.queryByTestId(`item-option-${referredItem.implementationCode}`)).toBeNull());
    expect(sim.api.calls.filter((c) => c.method === 'searchItems').map((c) => c.params)).toContainEqual({ query: '食品' });
    await press(input, 'Enter');
    expect(caseActions(sim)).toEqual([{ type: 'chooseItem', itemCode: item.implementationCode }]);
    expect(await screen.findByTestId('material-checklist')).toBeTruthy();
    expect(byId('item-name').textContent).toBe('食品经营许可（新办）');
    // The search box went away: the first material takes the focus for the row keys.
    expect(document.activeElement).toBe(byId('material-row-application'));
  });

  it('Esc in the search box empties it and does not end the case; Esc outside ends it', async () => {
    const sim = await renderSim(new CaseSim(identified()));
    sim.api.handlers.clearCase = () => {
      sim.state = null;
      sim.publish();
      return { cleared: true };
    };
    const input = byId('item-search') as HTMLInputElement;
    input.focus();
    await settle(() => fireEvent.change(input, { target: { value: 'spjy' } }));
    await press(input, 'Escape');
    expect(input.value).toBe('');
    await press(input, 'Escape');
    expect(sim.api.callsOf('clearCase')).toBe(0);
    await press(document.body, 'Escape');
    expect(sim.api.callsOf('clearCase')).toBe(1);
    expect(await screen.findByTestId('case-empty')).toBeTruthy();
  });

  it('choosing an item of another window leads to the automatic 不予受理 with the referral', async () => {
    await renderSim(new CaseSim(identified()));
    await click(await screen.findByTestId(`item-option-${referredItem.implementationCode}`));
    const summary = byId('decision-summary');
    expect(summary.dataset.kind).toBe('reject');
    expect(summary.textContent).toContain(t.outcome.automatic);
    expect(byId('decision-referral').textContent).toContain('示例市公安局出入境管理支队 出入境业务大厅');
    expect(byId('decision-reason').textContent).toContain(strings.caseFlow.rejectReasons.outsideCompetence);
  });
});

describe('the slip and the evaluation', () => {
  const accepted = () => apply(checked(ALL_RECEIVED), { type: 'accept', at: AT, on: '2026-03-02', promisedDate: PROMISED });
  const handedOver = (n: string) =>
    apply(
      accepted(),
      { type: 'setDelivery', at: AT, delivery: { method: 'window' } },
      { type: 'setContactPhone', at: AT, phone: '13800138000' },
      { type: 'slipPrinted', at: AT, slipNumber: `示例政务〔2026〕受字第00000${n}号` },
    );

  it('a receipt needs the phone and the delivery; then the slip number, its print status and the PDF link (web)', async () => {
    const sim = await renderSim(new CaseSim(accepted(), { shell: 'web' }));
    await click(byId('slip-paper-receipt80'));
    await click(byId('issue-slip'));
    expect(within(byId('slip-section')).getByTestId('case-message').textContent).toBe(r.deliveryNeeded);
    expect(sim.api.calls.filter((c) => c.method === 'issueSlip').map((c) => c.params)).toEqual([{ paper: 'receipt80' }]);

    await click(byId('delivery-window'));
    fireEvent.change(byId('contact-phone'), { target: { value: '13800138000' } });
    await click(byId('contact-phone-save'));
    expect(byId('contact-phone-value').textContent).toBe('138****8000');
    await click(byId('issue-slip'));

    expect(byId('slip-number').textContent).toBe('示例政务〔2026〕受字第000001号');
    expect(byId('slip-print-status').dataset.status).toBe('none');
    expect(byId('slip-print-status').textContent).toContain(strings.printing.noPrinter);
    expect(byId('slip-pdf-link').getAttribute('href')).toBe('/slips/7.pdf');
    expect(byId('case-step-evaluation').dataset.state).toBe('current');

    // 补打 asks the service for a recorded copy; its answer shows beside the slip.
    sim.api.handlers.reprintSlip = () => {
      const copy = { ...sim.slips[0]!, id: 8, number: `${sim.slips[0]!.number}#2`, copy: 2 };
      sim.slips = [...sim.slips, copy];
      sim.publish();
      return { ok: true, message: strings.slipService.reprinted(2), slip: copy };
    };
    await click(byId('slip-reprint'));
    expect(sim.api.callsOf('reprintSlip')).toBe(1);
    expect(within(byId('slip-section')).getByTestId('case-message').textContent).toBe(strings.slipService.reprinted(2));
    expect(within(byId('slip-copies')).getAllByRole('listitem')).toHaveLength(2);
    expect(byId('slip-pdf-link').getAttribute('href')).toBe('/slips/8.pdf');
  });

  it('no PDF link inside Electron; a failed print offers 重新打印', async () => {
    const sim = new CaseSim(handedOver('2'));
    sim.slips = [{ id: 9, kind: 'receipt', number: '示例政务〔2026〕受字第000002号', issuedAt: AT, copy: 1, paper: 'a4', print: { status: 'failed', message: '打印机缺纸' }, signature: 'none' }];
    sim.api.snapshot.currentCase = sim.view();
    sim.api.handlers.retryPrint = () => ({ ok: true });
    await renderSim(sim);
    expect(screen.queryByTestId('slip-pdf-link')).toBeNull();
    expect(byId('slip-print-status').textContent).toContain('打印失败');
    expect(byId('slip-print-status').textContent).toContain('打印机缺纸');
    await click(byId('slip-retry'));
    expect(sim.api.calls.filter((c) => c.method === 'retryPrint').map((c) => c.params)).toEqual([{ slipId: 9 }]);
    expect(byId('slip-print-status').textContent).toContain(t.slip.retried);
  });

  it('records 未评价 with a reason, then 办结 closes the case', async () => {
    const sim = await renderSim(new CaseSim(handedOver('3')));
    expect(byId('evaluation-section').textContent).toContain(t.evaluation.prompt);
    expect(screen.queryByTestId('close-case')).toBeNull();
    await click(byId('skip-evaluation'));
    fireEvent.change(byId('skip-evaluation-reason'), { target: { value: 'other' } });
    await click(byId('skip-evaluation-confirm'));
    expect(within(byId('skip-evaluation-form')).getByTestId('case-message').textContent).toBe(r.skipTextNeeded);
    fireEvent.change(byId('skip-evaluation-reason'), { target: { value: 'applicantLeft' } });
    await click(byId('skip-evaluation-confirm'));
    expect(byId('evaluation-result').textContent).toContain('申请人已离开');
    expect(stepState('close')).toBe('current');
    await click(byId('close-case'));
    expect(caseActions(sim).at(-1)).toEqual({ type: 'close' });
    expect(await screen.findByTestId('case-empty')).toBeTruthy();
  });

  it('请申请人评价 asks for a rating; a rating arrives as 评价已收到, without the level when confidential', async () => {
    const sim = new CaseSim(handedOver('4'));
    const caseId = sim.state!.caseId;
    const ev = strings.evaluation.clerk;
    sim.api.handlers.requestRating = () => {
      sim.api.emit('evaluation.changed', { caseId, status: 'requested', message: ev.requested, level: null });
      return { ok: true, message: strings.evaluation.service.requested };
    };
    await renderSim(sim);
    // The evaluation section asks once it is shown, which may be a render after the case panel (under load it was).
    await waitFor(() => expect(sim.api.callsOf('getCaseEvaluation')).toBeGreaterThan(0));
    expect(screen.queryByTestId('evaluation-status')).toBeNull();
    await click(byId('request-rating'));
    expect(sim.api.callsOf('requestRating')).toBe(1);
    expect(byId('evaluation-status').textContent).toBe(ev.requested);
    expect(within(byId('evaluation-section')).getByTestId('case-message').textContent).toBe(strings.evaluation.service.requested);
    // The skip control stays for a citizen who does not rate.
    expect(byId('skip-evaluation')).toBeTruthy();

    // The citizen rates 不满意 on the citizen page: the case moves on, the clerk sees that a rating arrived, not which.
    await settle(() => {
      sim.state = apply(sim.state!, { type: 'evaluate', at: AT, rating: 'dissatisfied' });
      sim.api.emit('evaluation.changed', { caseId, status: 'rated', message: ev.received, level: null });
      sim.publish();
    });
    expect(byId('evaluation-status').textContent).toBe(ev.received);
    expect(byId('evaluation-section').textContent).not.toContain('不满意');
    expect(stepState('close')).toBe('current');
    expect(byId('close-case')).toBeTruthy();

    // A view for another case is not this case's.
    await settle(() => sim.api.emit('evaluation.changed', { caseId: 'other', status: 'requested', message: ev.requested, level: null }));
    expect(byId('evaluation-status').textContent).toBe(ev.received);
  });

  it('shows the level only when the service sends it (confidentiality off)', async () => {
    const sim = new CaseSim(apply(handedOver('5'), { type: 'evaluate', at: AT, rating: 'satisfied' }));
    const caseId = sim.state!.caseId;
    sim.api.handlers.getCaseEvaluation = () => ({ caseId, status: 'rated', message: strings.evaluation.clerk.receivedWithLevel('满意'), level: 'satisfied' });
    sim.api.snapshot.currentCase = sim.view();
    await renderSim(sim);
    await waitFor(() => expect(byId('evaluation-status').textContent).toBe('评价已收到：满意'));
  });
});

describe('the applicant', () => {
  it('a manual entry: a wrong check digit is refused in the form; a good one identifies the applicant', async () => {
    const sim = await renderSim(new CaseSim(started()));
    await click(byId('manual-entry'));
    fireEvent.change(byId('person-name'), { target: { value: '王五' } });
    await click(byId('person-save'));
    expect(within(byId('person-form-applicant')).getByTestId('case-message').textContent).toBe(t.person.fill(t.person.idNumber));

    const wrong = APPLICANT_ID.slice(0, 17) + (APPLICANT_ID.endsWith('0') ? '1' : '0');
    fireEvent.change(byId('person-id-number'), { target: { value: wrong } });
    await click(byId('person-save'));
    expect(within(byId('person-form-applicant')).getByTestId('case-message').textContent).toBe(r.badIdNumber('居民身份证'));

    fireEvent.change(byId('person-id-number'), { target: { value: APPLICANT_ID } });
    fireEvent.change(byId('person-reason'), { target: { value: 'readerFault' } });
    await click(byId('person-save'));
    expect(byId('applicant-name').textContent).toBe('王五');
    expect(byId('applicant-id').textContent).toBe(`${APPLICANT_ID.slice(0, 6)}********${APPLICANT_ID.slice(-4)}`);
    expect(byId('applicant-panel').textContent).toContain('阅读器故障');
    expect(caseActions(sim).at(-1)).toEqual({
      type: 'identifyManually',
      person: { name: '王五', idType: 'residentId', idNumber: APPLICANT_ID, reason: 'readerFault' },
    });
    // Esc ends a case typed in by hand too.
    expect(screen.getByTestId('clear-case')).toBeTruthy();
  });

  it('agent, priority, phone and post delivery go to the service; refusals show beside each', async () => {
    const sim = await renderSim(new CaseSim(identified()));
    await click(byId('agent-read-card'));
    expect(byId('agent-waiting').textContent).toContain(t.agent.waiting);
    expect(caseActions(sim).at(-1)).toEqual({ type: 'expectAgentCard', on: true });

    await click(byId('priority-toggle'));
    fireEvent.change(byId('priority-reason'), { target: { value: '老年人' } });
    await settle(() => undefined);
    expect(sim.state?.priority).toEqual({ on: true, reason: '老年人', category: 'elderly' });

    fireEvent.change(byId('contact-phone'), { target: { value: '12' } });
    await click(byId('contact-phone-save'));
    expect(within(byId('phone-field')).getByTestId('case-message').textContent).toBe(r.badPhone);

    await click(byId('delivery-post'));
    await click(byId('delivery-save'));
    expect(within(byId('delivery-field')).getByTestId('case-message').textContent).toBe(r.addressNeeded);
    fireEvent.change(byId('delivery-address'), { target: { value: '示例市人民路 1 号' } });
    await click(byId('delivery-save'));
    expect(byId('delivery-address-value').textContent).toContain('示例市人民路 1 号');
    expect(sim.state?.delivery).toEqual({ method: 'post', address: '示例市人民路 1 号' });
  });
});

describe('ending a case under review', () => {
  it('asks once before Esc throws away a material check, then ends it on the second Esc', async () => {
    const sim = await renderSim(new CaseSim(materialCheck()));
    let cleared = 0;
    sim.api.handlers.clearCase = () => {
      cleared++;
      return { cleared: true };
    };
    await press(window, 'Escape');
    expect(cleared).toBe(0);
    expect(await screen.findByText(strings.case.confirmClear)).toBeTruthy();
    expect(byId('clear-case').dataset.armed).toBe('true');
    await press(window, 'Escape');
    expect(cleared).toBe(1);
  });

  it('ends an identified case at the first Esc: nothing is lost yet', async () => {
    const sim = await renderSim(new CaseSim(identified()));
    let cleared = 0;
    sim.api.handlers.clearCase = () => {
      cleared++;
      return { cleared: true };
    };
    await press(window, 'Escape');
    expect(cleared).toBe(1);
  });
});

describe('revealing the applicant number', () => {
  it('shows the full number from the service on 显示 and masks it again on 隐藏', async () => {
    const sim = await renderSim(new CaseSim(identified()));
    sim.api.handlers.revealIdNumber = ({ whose }) => ({ ok: whose === 'applicant', idNumber: APPLICANT_ID, message: '' });
    const masked = byId('applicant-id').textContent;
    expect(masked).toContain('****');
    await click(byId('reveal-applicant-id'));
    expect(byId('applicant-id').textContent).toBe(APPLICANT_ID);
    expect(sim.api.calls.filter((c) => c.method === 'revealIdNumber')).toEqual([{ method: 'revealIdNumber', params: { whose: 'applicant' } }]);
    await click(byId('reveal-applicant-id'));
    expect(byId('applicant-id').textContent).toBe(masked);
  });
});
