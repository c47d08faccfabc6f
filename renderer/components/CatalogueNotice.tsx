import { useState, type JSX } from 'react';
import type { CatalogueStatus } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { WarningIcon } from './WarningIcon';

const t = strings.dataFiles.catalogue;

/**
 * What the clerk must know about the service-item catalogue: that the items
 * are the shipped sample (never to be taken for the centre's), or that the
 * centre's catalogue.json is broken — each problem naming its item, material
 * and field — and whether the last good copy or nothing at all is in use.
 * Null when the centre's own catalogue loaded cleanly.
 */
export function useCatalogueNotice(status: CatalogueStatus | null): JSX.Element | null {
  // Problems can be put aside once read (the catalogue is read at start, so they only change after a restart);
  // the sample and an empty catalogue stay in view: they change what the clerk can do.
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!status) return null;
  const key = JSON.stringify(status.issues);
  const sample = status.source === 'sample' ? <SampleCatalogueBanner itemCount={status.itemCount} /> : null;
  const dismissible = status.source !== 'none';
  const issues =
    status.issues.length > 0 && !(dismissible && dismissed === key) ? (
      <CatalogueIssuesNotice status={status} onDismiss={dismissible ? () => setDismissed(key) : null} />
    ) : null;
  if (!sample && !issues) return null;
  return (
    <>
      {sample}
      {issues}
    </>
  );
}

function SampleCatalogueBanner({ itemCount }: { itemCount: number }): JSX.Element {
  return (
    <div className="simulated-banner" data-testid="catalogue-sample" role="note">
      <span className="simulated-banner__tag">{t.sampleTag}</span>
      <span>
        <strong>{t.sampleTitle}</strong>：{t.sampleBody(itemCount)}
      </span>
    </div>
  );
}

function CatalogueIssuesNotice({ status, onDismiss }: { status: CatalogueStatus; onDismiss: (() => void) | null }): JSX.Element {
  return (
    <section className="notice notice--warning" data-testid="catalogue-issues" aria-labelledby="catalogue-issues-title">
      <WarningIcon />
      <div className="notice__body">
        <h2 className="notice__title" id="catalogue-issues-title">
          {t.issuesTitle[status.source]}
        </h2>
        <ul className="notice__list">
          {status.issues.map((issue, index) => {
            const where = t.where(issue.location, issue.item, issue.material, issue.field);
            return (
              // Issues carry no id; the same item and field may have several problems.
              <li key={`${index}:${where}`}>
                {where !== '' && <code className="notice__field">{where}</code>}
                <span>{issue.message}</span>
              </li>
            );
          })}
        </ul>
      </div>
      {onDismiss && (
        <button type="button" className="button button--quiet notice__dismiss" onClick={onDismiss}>
          {strings.clerkScreen.dismiss}
        </button>
      )}
    </section>
  );
}
