import { useEffect, useState, type JSX } from 'react';
import type { CapturePage, CounterApi, MaterialCaptures } from '../../shared/contract';
import { strings } from '../../shared/i18n';

const t = strings.camera.capture.strip;

/** A kept page's thumbnail (getCapturePage), fetched once per version of the page. */
function useThumbnails(api: CounterApi, pages: readonly CapturePage[]): Record<string, string> {
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const keys = pages.map((p) => `${p.id}|${p.capturedAt}|${p.bytes}`);
  useEffect(() => {
    let current = true;
    for (const key of keys) {
      if (thumbs[key]) continue;
      const pageId = key.slice(0, key.indexOf('|'));
      api.invoke('getCapturePage', { pageId }).then(
        (answer) => {
          if (current && answer.ok && answer.jpeg) setThumbs((all) => ({ ...all, [key]: `data:image/jpeg;base64,${answer.jpeg}` }));
        },
        () => {},
      );
    }
    return () => {
      current = false;
    };
    // Keyed by the pages' versions; thumbs only grows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, keys.join(',')]);
  return Object.fromEntries(pages.map((p, i) => [p.id, thumbs[keys[i]!] ?? '']));
}

/**
 * The material's kept pages in PDF order, each with 前移 / 后移, 重拍 and 删除,
 * and the PDF as it stands.
 */
export function PageStrip({
  api,
  captures,
  disabled,
  retaking,
  onMove,
  onDelete,
  onRetake,
}: {
  api: CounterApi;
  captures: MaterialCaptures | null;
  disabled: boolean;
  /** The page a 重拍 will replace. */
  retaking: string | null;
  onMove(page: CapturePage, toIndex: number): void;
  onDelete(page: CapturePage): void;
  onRetake(page: CapturePage): void;
}): JSX.Element {
  const pages = captures?.pages ?? [];
  const thumbs = useThumbnails(api, pages);
  return (
    <section className="page-strip" aria-label={t.title} data-testid="page-strip" data-pages={pages.length}>
      <h4 className="page-strip__title">
        {t.title}
        {captures?.pdf && (
          <span className="page-strip__pdf" data-testid="page-strip-pdf">
            {t.pdf(captures.pdf.pages, Math.round(captures.pdf.bytes / 1024))}
          </span>
        )}
      </h4>
      {pages.length === 0 ? (
        <p className="page-strip__empty">{t.empty}</p>
      ) : (
        <ol className="page-strip__pages">
          {pages.map((page, index) => (
            <li
              key={page.id}
              className={`page-strip__page${retaking === page.id ? ' page-strip__page--retaking' : ''}`}
              data-testid={`strip-page-${index}`}
              data-page-id={page.id}
              data-kind={page.kind}
            >
              <div className="page-strip__thumb">
                {thumbs[page.id] ? <img src={thumbs[page.id]} alt={t.page(index + 1)} data-testid={`strip-thumb-${index}`} /> : <span className="spinner" aria-hidden="true" />}
              </div>
              <span className="page-strip__label">
                {t.page(index + 1)}
                {page.kind === 'idCard' && ` · ${t.idCard}`}
              </span>
              <div className="page-strip__actions">
                <button type="button" className="button button--quiet button--small" data-testid={`strip-earlier-${index}`} disabled={disabled || index === 0} onClick={() => onMove(page, index - 1)}>
                  {t.earlier}
                </button>
                <button type="button" className="button button--quiet button--small" data-testid={`strip-later-${index}`} disabled={disabled || index === pages.length - 1} onClick={() => onMove(page, index + 1)}>
                  {t.later}
                </button>
                <button type="button" className="button button--quiet button--small" data-testid={`strip-retake-${index}`} disabled={disabled} onClick={() => onRetake(page)}>
                  {t.retake}
                </button>
                <button type="button" className="button button--quiet button--small" data-testid={`strip-delete-${index}`} disabled={disabled} onClick={() => onDelete(page)}>
                  {t.delete}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
