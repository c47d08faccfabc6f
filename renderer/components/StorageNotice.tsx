import { type JSX } from 'react';
import type { DiskSpace, StorageProblem } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { WarningIcon } from './WarningIcon';
import './storage-notice.css';

const t = strings.storageHealth;

/**
 * In place of the counter screen while the database cannot be used (another
 * program holds it, a read-only data directory …): why, in Chinese, and that
 * the terminal retries by itself. Not dismissible: nothing can be saved.
 */
export function StorageProblemPanel({ problem }: { problem: StorageProblem }): JSX.Element {
  return (
    <section className="storage-problem" role="alert" data-testid="storage-problem" data-kind={problem.kind} aria-labelledby="storage-problem-title">
      <WarningIcon />
      <div className="storage-problem__body">
        <h2 className="storage-problem__title" id="storage-problem-title">
          {t.problemTitle}
        </h2>
        <p className="storage-problem__message">{problem.message}</p>
        <p className="storage-problem__hint">
          <span className="spinner" aria-hidden="true" />
          {t.waitingHint}
        </p>
      </div>
    </section>
  );
}

/** Free space running out on the data directory's disk: a warning well before a write fails. Stays until IT frees space. */
export function DiskSpaceNotice({ disk }: { disk: DiskSpace }): JSX.Element | null {
  if (disk.level === 'ok') return null;
  const critical = disk.level === 'critical';
  return (
    <section
      className={`notice notice--warning disk-notice${critical ? ' disk-notice--critical' : ''}`}
      role={critical ? 'alert' : 'status'}
      data-testid="disk-space-notice"
      data-level={disk.level}
      aria-labelledby="disk-space-title"
    >
      <WarningIcon />
      <div className="notice__body">
        <h2 className="notice__title" id="disk-space-title">
          {critical ? t.disk.criticalTitle : t.disk.warningTitle}
        </h2>
        <p>{disk.message}</p>
      </div>
    </section>
  );
}

/** Other accounts on this PC can read the counter's data and the terminal could not fix it: stays until IT does. */
export function PermissionsNotice({ message }: { message: string }): JSX.Element {
  return (
    <section className="notice notice--warning" role="alert" data-testid="permissions-notice" aria-labelledby="permissions-notice-title">
      <WarningIcon />
      <div className="notice__body">
        <h2 className="notice__title" id="permissions-notice-title">
          {strings.dataProtection.permissions.title}
        </h2>
        <p>{message}</p>
      </div>
    </section>
  );
}

/** The diagnostic log cannot be written (full disk, wrong owner): the counter runs on, IT should look. Goes once it writes again. */
export function LogNotice({ message }: { message: string }): JSX.Element {
  return (
    <section className="notice notice--warning" role="status" data-testid="log-notice" aria-labelledby="log-notice-title">
      <WarningIcon />
      <div className="notice__body">
        <h2 className="notice__title" id="log-notice-title">
          {strings.logs.noticeTitle}
        </h2>
        <p>{message}</p>
      </div>
    </section>
  );
}
