import type { JSX } from 'react';
import './capture.css';
import type { MaterialCaptures } from '../../shared/contract';
import { strings } from '../../shared/i18n';

const t = strings.camera.capture.entry;

/** 拍摄 on a material row of 材料审查, with the number of pages kept for it. */
export function CaptureEntry({ materialId, captures, disabled, onOpen }: { materialId: string; captures: MaterialCaptures | null; disabled: boolean; onOpen(): void }): JSX.Element {
  const pages = captures?.pages.length ?? 0;
  return (
    <div className="material-row__capture">
      <button
        type="button"
        tabIndex={-1}
        className="button button--secondary button--small"
        data-testid={`material-${materialId}-capture`}
        title={t.hint}
        aria-keyshortcuts="F4"
        disabled={disabled}
        onClick={onOpen}
      >
        {t.capture}
        <kbd className="check-button__key">{t.key}</kbd>
      </button>
      {pages > 0 && (
        <span className="material-row__pages" data-testid={`material-${materialId}-pages`} data-pages={pages}>
          {t.pages(pages)}
        </span>
      )}
    </div>
  );
}
