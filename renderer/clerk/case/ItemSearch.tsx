import { useEffect, useId, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import type { ItemSummary } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { ActionMessage, useCaseActions } from './case-actions';

const t = strings.caseScreen.items;
const c = strings.catalogue;

/** How long typing may pause before the catalogue is asked. */
const DEBOUNCE_MS = 120;

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface Results {
  query: string;
  items: ItemSummary[] | null;
  error: string | null;
}

/**
 * The service-item search: name, code or pinyin initials. Keyboard-first:
 * F3 or / puts the cursor in the box, ↑↓ move through the list, Enter
 * chooses. Referred items (handled by another window) are marked: choosing
 * one leads at once to a 不予受理 with the referral.
 */
export function ItemSearch({ currentCode, onCancel }: { currentCode?: string; onCancel?: () => void }): JSX.Element {
  const { api, act, busy, online } = useCaseActions();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>({ query: '', items: null, error: null });
  const [active, setActive] = useState(0);
  // Enter pressed before the list of what was typed arrived: choose its first item when it does.
  const enterQueued = useRef<string | null>(null);
  const chooseRef = useRef<(item: ItemSummary | undefined) => void>(() => {});

  useEffect(() => {
    if (!online) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      api.invoke('searchItems', { query: query.trim() }).then(
        (items) => {
          if (!current) return;
          setResults({ query, items, error: null });
          if (enterQueued.current === query) {
            enterQueued.current = null;
            chooseRef.current(items[0]);
          }
        },
        (error: unknown) => current && setResults({ query, items: null, error: error instanceof Error ? error.message : String(error) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, online, query]);

  // F3 (or / when not typing) puts the cursor in the search box.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'F3' || (event.key === '/' && !isEditable(event.target))) {
        event.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const items = results.items ?? [];
  const fresh = results.query === query;
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  const activeItem = items[activeIndex];
  const optionId = (code: string) => `${id}-option-${code}`;

  useEffect(() => {
    const el = activeItem ? document.getElementById(optionId(activeItem.code)) : null;
    el?.scrollIntoView?.({ block: 'nearest' });
    // optionId depends on id only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeItem]);

  const choose = (item: ItemSummary | undefined) => {
    if (!item || busy !== null || !online) return;
    void act('item-search', { type: 'chooseItem', itemCode: item.code }).then((ok) => {
      // The same item again keeps its checks: the search closes.
      if (ok && item.code === currentCode) onCancel?.();
    });
  };
  useEffect(() => {
    chooseRef.current = choose;
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (items.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Choose what the clerk sees, or the first match of what was typed once it arrives.
      if (fresh) choose(activeItem);
      else enterQueued.current = query;
    } else if (event.key === 'Escape') {
      // Esc empties the box first, then leaves it; it ends the case only from outside.
      event.preventDefault();
      if (query !== '') {
        setQuery('');
        setActive(0);
      } else if (onCancel) onCancel();
      else inputRef.current?.blur();
    }
  };

  return (
    <div className="item-search" data-testid="item-search-panel">
      <div className="item-search__box">
        <label className="visually-hidden" htmlFor={`${id}-input`}>
          {t.label}
        </label>
        <svg className="item-search__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          ref={inputRef}
          id={`${id}-input`}
          className="item-search__input"
          data-testid="item-search"
          type="search"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={activeItem ? optionId(activeItem.code) : undefined}
          aria-keyshortcuts="F3 /"
          autoComplete="off"
          spellCheck={false}
          placeholder={t.placeholder}
          value={query}
          maxLength={60}
          onChange={(e) => {
            enterQueued.current = null;
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <kbd className="item-search__key" aria-hidden="true">
          {t.shortcut}
        </kbd>
        {onCancel && (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {t.cancelChange}
          </button>
        )}
      </div>
      <div className="item-search__meta">
        <span aria-live="polite">{results.items === null ? (results.error ?? t.loading) : t.count(items.length)}</span>
        <span>{t.keysHint}</span>
      </div>
      <ActionMessage source="item-search" />
      {results.items !== null && items.length === 0 && <p className="item-search__empty">{t.empty}</p>}
      <ul ref={listRef} id={`${id}-list`} className={`item-list${fresh ? '' : ' item-list--stale'}`} role="listbox" aria-label={t.title}>
        {items.map((item, i) => (
          <li
            key={item.code}
            id={optionId(item.code)}
            role="option"
            aria-selected={i === activeIndex}
            className={`item-option${i === activeIndex ? ' item-option--active' : ''}${item.referral ? ' item-option--referred' : ''}${item.code === currentCode ? ' item-option--current' : ''}`}
            data-testid={`item-option-${item.code}`}
            onMouseMove={() => i !== activeIndex && setActive(i)}
            onClick={() => choose(item)}
          >
            <div className="item-option__main">
              <span className="item-option__name">{item.name}</span>
              <span className="item-option__dept">
                {item.department}
                <span className="item-option__code">{item.code}</span>
              </span>
            </div>
            <div className="item-option__tags">
              {item.referral ? (
                <span className="tag tag--warning">{t.referred}</span>
              ) : (
                <span className={`tag ${item.handling === 'immediate' ? 'tag--ok' : 'tag--brand'}`}>
                  {item.handling === 'immediate' ? t.immediate : t.promised(item.promisedDays, c.limitUnits[item.promisedUnit])}
                </span>
              )}
              {!item.referral && <span className="item-option__count">{t.materials(item.materialCount)}</span>}
            </div>
            {item.referral && <p className="item-option__referral">{t.referral(item.referral)}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
