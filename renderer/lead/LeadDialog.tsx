import { useCallback, useEffect, useState, type JSX } from 'react';
import type { CounterApi, LeadSession, ShellKind } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { DialogSheet } from '../components/DialogSheet';
import { ExportTab } from './ExportTab';
import { FollowUpsTab } from './FollowUpsTab';
import { LeadUnlock } from './LeadUnlock';
import { StatsTab } from './StatsTab';
import { VoidNumbersTab } from './VoidNumbersTab';
import './lead.css';

const l = strings.lead;
const TABS = ['stats', 'followUps', 'export', 'voidNumbers'] as const;
type Tab = (typeof TABS)[number];

/**
 * 组长查看: the lead's statistics, 差评 follow-ups and exports, behind the
 * lead's unlock. Closing it (退出, Esc) locks again: the clerk's screen
 * behind it must not keep the levels open. When the service says the lead
 * is gone (idle), the unlock form comes back with its message.
 */
export function LeadDialog({ api, shell, onClose }: { api: CounterApi; shell: ShellKind; onClose: () => void }): JSX.Element {
  const [session, setSession] = useState<LeadSession | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('stats');

  useEffect(() => {
    api.invoke('getLeadSession', {}).then(setSession, (error: unknown) => setNotice(error instanceof Error ? error.message : String(error)));
  }, [api]);

  // A refused request: ask whether the lead is still unlocked; if not, back to the unlock form with the reason.
  const onError = useCallback(
    (error: unknown) => {
      void api.invoke('getLeadSession', {}).then((now) => {
        if (now.lead) return;
        setNotice(error instanceof Error ? error.message : String(error));
        setSession(now);
      });
    },
    [api],
  );

  const exit = useCallback(() => {
    void api.invoke('lockLead', {}).catch(() => undefined);
    onClose();
  }, [api, onClose]);

  const lead = session?.lead ?? null;
  // Esc closes (and locks), as 退出 does.
  return (
    <DialogSheet className="lead" labelledBy="lead-title" testId="lead-view" onClose={exit}>
      <header className="lead__head">
        <h2 id="lead-title">{l.title}</h2>
        {lead && (
          <span className="lead__who" data-testid="lead-who">
            {l.signedInAs(lead.name, lead.staffNo)} · {l.idleNote(session!.idleMinutes)}
          </span>
        )}
        <button type="button" className="button button--secondary" onClick={exit} data-testid="lead-exit">
          {l.exit}
          <kbd className="button__key">Esc</kbd>
        </button>
      </header>
      {!lead ? (
        session || notice ? (
          <LeadUnlock
            api={api}
            session={session}
            notice={notice}
            onUnlocked={(next) => {
              setNotice(null);
              setSession(next);
            }}
            onCancel={exit}
          />
        ) : null
      ) : (
        <>
          <div className="lead__tabs" role="tablist" aria-label={l.title}>
            {TABS.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`lead-tab-${t}`}
                aria-selected={tab === t}
                aria-controls={`lead-panel-${t}`}
                className={`lead__tab${tab === t ? ' lead__tab--on' : ''}`}
                onClick={() => setTab(t)}
                data-testid={`lead-tab-${t}`}
              >
                {l.tabs[t]}
              </button>
            ))}
          </div>
          <div className="lead__panel" role="tabpanel" id={`lead-panel-${tab}`} aria-labelledby={`lead-tab-${tab}`}>
            {tab === 'stats' && <StatsTab api={api} onError={onError} />}
            {tab === 'followUps' && <FollowUpsTab api={api} onError={onError} />}
            {tab === 'export' && <ExportTab api={api} shell={shell} onError={onError} />}
            {tab === 'voidNumbers' && <VoidNumbersTab api={api} onError={onError} />}
          </div>
        </>
      )}
    </DialogSheet>
  );
}
