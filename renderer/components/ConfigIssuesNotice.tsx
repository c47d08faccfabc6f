import { type JSX } from 'react';
import type { ConfigIssue } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { WarningIcon } from './WarningIcon';

interface ConfigIssuesNoticeProps {
  issues: readonly ConfigIssue[];
  onDismiss(): void;
}

/** Problems in the configuration file, each naming its field; dismissible. */
export function ConfigIssuesNotice({ issues, onDismiss }: ConfigIssuesNoticeProps): JSX.Element {
  return (
    <section className="notice notice--warning" data-testid="config-issues" aria-labelledby="config-issues-title">
      <WarningIcon />
      <div className="notice__body">
        <h2 className="notice__title" id="config-issues-title">
          {strings.config.issuesTitle}
        </h2>
        <ul className="notice__list">
          {issues.map((issue, index) => (
            // Issues carry no id; a field may repeat with different messages.
            <li key={`${index}:${issue.field}`}>
              <code className="notice__field">{issue.field === '' ? strings.config.wholeFile : issue.field}</code>
              <span>{issue.message}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="button button--quiet notice__dismiss" onClick={onDismiss}>
        {strings.clerkScreen.dismiss}
      </button>
    </section>
  );
}
