import { useEffect, useRef, useState, type FormEvent, type JSX, type KeyboardEvent } from 'react';
import type { Material, ServiceItem } from '../../../shared/domain/catalogue/schema';
import { DEFECTS, checksByMaterial, type CheckResult, type Defect, type MaterialCheck } from '../../../shared/domain/case';
import { strings } from '../../../shared/i18n';
import { ActionMessage, escCloses, useCaseActions } from './case-actions';
import { useCameraMode, useCaptureEnvironment } from '../../capture/camera-context';
import { CaptureEntry } from '../../capture/CaptureEntry';
import { CapturePanel } from '../../capture/CapturePanel';
import { materialCaptures, useCaseCaptures } from '../../capture/use-captures';

const t = strings.caseScreen.checklist;
const c = strings.catalogue;
const f = strings.caseFlow;

type Choice = 'received' | 'missing' | 'defective' | 'notApplicable';
const CHOICES: readonly Choice[] = ['received', 'missing', 'defective', 'notApplicable'];
/** The data-testid suffix of each choice (material-<id>-received|missing|defective|na). */
const TEST_SUFFIX: Record<Choice, string> = { received: 'received', missing: 'missing', defective: 'defective', notApplicable: 'na' };
const KEY_OF: Record<string, Choice> = Object.fromEntries(CHOICES.map((choice) => [t.keys[choice].toLowerCase(), choice]));

/** What the catalogue asks of a material, as short tags: form, counts, check method, signature/seal. */
function requirementTags(m: Material): string[] {
  const tags: string[] = [c.forms[m.form]];
  if (m.form !== 'electronic') {
    if (m.originals > 0) tags.push(f.notice.originals(m.originals));
    if (m.copies > 0) tags.push(f.notice.copies(m.copies));
  }
  tags.push(c.checkMethods[m.checkMethod]);
  if (m.signature !== 'none') tags.push(c.signatures[m.signature]);
  return tags;
}

function statusText(result: CheckResult): string {
  if (result.status !== 'defective') return f.checkStatuses[result.status];
  const label = f.defects[result.defect];
  return result.text ? `${label}：${result.text}` : label;
}

function DefectForm({ material, initial, onDone }: { material: Material; initial: CheckResult; onDone(ok: boolean): void }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const [defect, setDefect] = useState<Defect>(initial.status === 'defective' ? initial.defect : 'unsigned');
  const [text, setText] = useState(initial.status === 'defective' ? (initial.text ?? '') : '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result: CheckResult = { status: 'defective', defect, ...(text.trim() ? { text: text.trim() } : {}) };
    // A refusal (其他 without its text) keeps the form open beside its message.
    if (await act(`material-${material.id}`, { type: 'checkMaterial', materialId: material.id, result })) onDone(true);
  };
  return (
    <form
      className="defect-form"
      data-testid={`material-${material.id}-defect-form`}
      onSubmit={submit}
      // Esc closes the form, not the case (the row keys apply only to the row itself).
      onKeyDown={escCloses(() => onDone(false))}
    >
      <label className="case-field">
        <span className="case-field__label">{t.defect}</span>
        <select
          className="case-input case-input--compact"
          data-testid={`material-${material.id}-defect`}
          value={defect}
          autoFocus
          onChange={(e) => setDefect(e.target.value as Defect)}
        >
          {DEFECTS.map((d) => (
            <option key={d} value={d}>
              {f.defects[d]}
            </option>
          ))}
        </select>
      </label>
      <label className="case-field case-field--grow">
        <span className="case-field__label">{t.defectText}</span>
        <input
          className="case-input case-input--compact"
          data-testid={`material-${material.id}-defect-text`}
          value={text}
          maxLength={200}
          placeholder={t.defectTextPlaceholder}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="defect-form__actions">
        <button type="submit" className="button button--primary button--small" data-testid={`material-${material.id}-defect-save`} disabled={!online || busy !== null}>
          {t.confirmDefect}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={() => onDone(false)}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/**
 * The materials of the chosen item, each with what the catalogue requires
 * and the clerk's finding: 已收 / 缺少 / 有问题 (with a standard defect) /
 * 不适用 (non-required only). Keyboard: ↑↓ between rows, S Q W B mark the
 * focused row and move on to the next.
 */
export function MaterialChecklist({ item, checks, editable }: { item: ServiceItem; checks: readonly MaterialCheck[]; editable: boolean }): JSX.Element {
  const { api, act, busy, online } = useCaseActions();
  const rows = checksByMaterial(item, checks);
  const pending = rows.filter((r) => r.result.status === 'pending').length;
  const [defectFor, setDefectFor] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const disabled = !editable || !online || busy !== null;

  const focusRow = (index: number) => listRef.current?.querySelectorAll<HTMLLIElement>('.material-row')[index]?.focus();

  // Keyboard-first: when the list appears and nothing else has the focus (the search box just
  // went away), the first material still to check takes it, so S / Q / W / B work at once.
  const firstPending = Math.max(0, rows.findIndex((r) => r.result.status === 'pending'));
  const firstPendingRef = useRef(firstPending);

  // 拍摄 (renderer/capture): F4 or the row's button opens the capture panel for that material.
  const capture = useCaptureEnvironment();
  const cameraMode = useCameraMode(capture);
  const canCapture = capture !== null && cameraMode !== null && cameraMode !== 'disabled' && editable;
  const { captures, setCaptures } = useCaseCaptures(api, online, item.implementationCode);
  const [captureFor, setCaptureFor] = useState<number | null>(null);
  const openCapture = useRef<(index: number) => void>(() => {});
  useEffect(() => {
    firstPendingRef.current = firstPending;
    openCapture.current = (index: number) => {
      if (canCapture && rows[index]) setCaptureFor(index);
    };
  });
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'F4' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      // Not while a dialog (the capture panel itself, 办件记录…) is over the case.
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      const focused = (document.activeElement as HTMLElement | null)?.closest?.('.material-row');
      const rowsShown = [...(listRef.current?.querySelectorAll<HTMLLIElement>('.material-row') ?? [])];
      const index = focused ? rowsShown.indexOf(focused as HTMLLIElement) : -1;
      openCapture.current(index >= 0 ? index : firstPendingRef.current);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  useEffect(() => {
    const active = document.activeElement;
    if (editable && (active === null || active === document.body)) focusRow(firstPending);
    // Only when the list first appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Keys are marked one after the other, each after the answer to the one before: the service shows a
  // row as checked (case.changed) a moment before it answers the request, and a key pressed in that
  // moment was dropped as "busy" — a fast clerk lost marks.
  const keyMarks = useRef<Promise<void>>(Promise.resolve());

  const mark = async (index: number, choice: Choice, fromKeyboard: boolean) => {
    const row = rows[index];
    // A queued key waits out the request before it, so only the keyboard path may skip the busy check.
    if (!row || (fromKeyboard ? !editable || !online : disabled)) return;
    const { material } = row;
    if (choice === 'notApplicable' && material.required) return;
    if (choice === 'defective') {
      setDefectFor(material.id);
      return;
    }
    setDefectFor(null);
    // The focus moves on with the key press, not with the answer: the clerk's eyes (and the next
    // key) are on the next row already. A refusal brings it back to the row it concerns.
    if (fromKeyboard) focusRow(Math.min(index + 1, rows.length - 1));
    const ok = await act(`material-${material.id}`, { type: 'checkMaterial', materialId: material.id, result: { status: choice } });
    if (!ok && fromKeyboard) focusRow(index);
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index + (event.key === 'ArrowDown' ? 1 : -1));
      return;
    }
    const choice = KEY_OF[event.key.toLowerCase()];
    if (choice && !event.repeat) {
      event.preventDefault();
      keyMarks.current = keyMarks.current.then(() => mark(index, choice, true));
    }
  };

  return (
    <section className="checklist" aria-labelledby="checklist-title" data-testid="material-checklist">
      <div className="checklist__header">
        <h3 className="case-section-title" id="checklist-title">
          {t.title}
        </h3>
        <span className={`checklist__pending${pending === 0 ? ' checklist__pending--done' : ''}`} data-testid="checklist-pending" data-pending={pending}>
          {pending === 0 ? t.allChecked(rows.length) : t.pending(pending, rows.length)}
        </span>
        {editable && <span className="checklist__keys">{t.keysHint}</span>}
      </div>
      <ol className="checklist__rows" ref={listRef}>
        {rows.map(({ material, result }, index) => (
          <li
            key={material.id}
            className={`material-row material-row--${result.status}`}
            data-testid={`material-row-${material.id}`}
            data-status={result.status}
            tabIndex={editable ? 0 : undefined}
            aria-label={t.rowLabel(index + 1, material.name, statusText(result))}
            aria-keyshortcuts={editable ? CHOICES.map((choice) => t.keys[choice]).join(' ') : undefined}
            onKeyDown={(event) => onRowKeyDown(event, index)}
          >
            <span className="material-row__index" aria-hidden="true">
              {index + 1}
            </span>
            <div className="material-row__main">
              <div className="material-row__title">
                <span className="material-row__name">{material.name}</span>
                <span className={`tag ${material.required ? 'tag--brand' : 'tag--plain'}`}>{material.required ? t.required : t.optional}</span>
                {material.tolerable && <span className="tag tag--ok">{t.tolerable}</span>}
              </div>
              <p className="material-row__requirement">
                {requirementTags(material).map((tag) => (
                  <span key={tag} className="material-row__req">
                    {tag}
                  </span>
                ))}
              </p>
              {material.notes && <p className="material-row__notes">{material.notes}</p>}
              {(material.template || material.example) && (
                <p className="material-row__files">
                  {[material.template && t.template(material.template), material.example && t.example(material.example)].filter(Boolean).join(' · ')}
                </p>
              )}
              {/* The pressed choice says the rest; a defect needs its words. */}
              {result.status === 'defective' && (
                <p className={`material-row__status material-row__status--${result.status}`} data-testid={`material-${material.id}-status`}>
                  {statusText(result)}
                </p>
              )}
            </div>
            <div className="material-row__choices" role="group" aria-label={material.name}>
              {CHOICES.map((choice) => {
                const pressed = result.status === choice;
                const unavailable = choice === 'notApplicable' && material.required;
                return (
                  <button
                    key={choice}
                    type="button"
                    tabIndex={-1}
                    className={`check-button check-button--${choice}${pressed ? ' check-button--on' : ''}`}
                    data-testid={`material-${material.id}-${TEST_SUFFIX[choice]}`}
                    aria-pressed={pressed}
                    disabled={disabled || unavailable}
                    title={unavailable ? t.notApplicableHint : `${t.actions[choice]}（${t.keys[choice]}）`}
                    onClick={() => void mark(index, choice, false)}
                  >
                    {t.actions[choice]}
                    {editable && <kbd className="check-button__key">{t.keys[choice]}</kbd>}
                  </button>
                );
              })}
            </div>
            {canCapture && (
              <CaptureEntry materialId={material.id} captures={materialCaptures(captures, material.id)} disabled={!online} onOpen={() => setCaptureFor(index)} />
            )}
            {defectFor === material.id && editable && (
              <DefectForm
                material={material}
                initial={result}
                onDone={(ok) => {
                  setDefectFor(null);
                  if (ok) focusRow(Math.min(index + 1, rows.length - 1));
                  else focusRow(index);
                }}
              />
            )}
            <ActionMessage source={`material-${material.id}`} />
          </li>
        ))}
      </ol>
      {captureFor !== null && capture && rows[captureFor] && (
        <CapturePanel
          material={rows[captureFor].material}
          result={rows[captureFor].result}
          captures={captures}
          onCaptures={setCaptures}
          environment={capture}
          onClose={() => {
            const index = captureFor;
            setCaptureFor(null);
            focusRow(index);
          }}
        />
      )}
    </section>
  );
}
