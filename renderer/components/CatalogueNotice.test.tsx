import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogueStatus } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { ClerkApp } from '../clerk/ClerkApp';
import { expectQuietConsole } from '../test-support/console-guard';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';

expectQuietConsole();

const t = strings.dataFiles.catalogue;

async function renderWith(catalogue: CatalogueStatus | undefined) {
  render(<ClerkApp api={new FakeCounterApi(sampleSnapshot(catalogue ? { catalogue } : {}))} connection={null} />);
  await screen.findByTestId('header-window');
}

const brokenIssues: CatalogueStatus['issues'] = [
  { location: '', item: '个体工商户设立登记', material: '', field: '承诺办结时限 · 天数', message: '承诺办结时限（5 个工作日）不能超过法定办结时限（3 个工作日）' },
  { location: '', item: '个体工商户设立登记', material: '经营者身份证件', field: '来源渠道', message: '取值无效' },
];

describe('the catalogue notice on the clerk screen', () => {
  it('says plainly that the sample catalogue is in use, and cannot be put aside', async () => {
    await renderWith({ source: 'sample', itemCount: 10, issues: [] });
    const banner = screen.getByTestId('catalogue-sample');
    expect(banner.textContent).toContain(t.sampleTitle);
    expect(banner.textContent).toContain(t.sampleBody(10));
    expect(within(banner).queryByRole('button')).toBeNull();
    expect(screen.queryByTestId('catalogue-issues')).toBeNull();
  });

  it('lists a broken catalogue’s problems by item, material and field, like the config problems', async () => {
    await renderWith({ source: 'lastGood', itemCount: 2, issues: brokenIssues });
    expect(screen.queryByTestId('catalogue-sample')).toBeNull();
    const box = screen.getByTestId('catalogue-issues');
    expect(within(box).getByRole('heading').textContent).toBe(t.issuesTitle.lastGood);
    const items = within(box).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('个体工商户设立登记 · 承诺办结时限 · 天数');
    expect(items[0]!.textContent).toContain('不能超过法定办结时限');
    expect(items[1]!.textContent).toContain('个体工商户设立登记 · 经营者身份证件 · 来源渠道');
    expect(items[1]!.textContent).toContain('取值无效');

    fireEvent.click(within(box).getByRole('button', { name: strings.clerkScreen.dismiss }));
    expect(screen.queryByTestId('catalogue-issues')).toBeNull();
  });

  it('keeps an empty catalogue in view with its reason, never the sample', async () => {
    await renderWith({ source: 'none', itemCount: 0, issues: [...brokenIssues, { location: '', item: '', material: '', field: strings.catalogue.wholeFile, message: t.noGoodCopy }] });
    expect(screen.queryByTestId('catalogue-sample')).toBeNull();
    const box = screen.getByTestId('catalogue-issues');
    expect(within(box).getByRole('heading').textContent).toBe(t.issuesTitle.none);
    expect(box.textContent).toContain(t.noGoodCopy);
    expect(within(box).queryByRole('button', { name: strings.clerkScreen.dismiss })).toBeNull();
  });

  it('shows nothing when the centre’s own catalogue loaded cleanly', async () => {
    await renderWith({ source: 'centre', itemCount: 42, issues: [] });
    expect(screen.queryByTestId('catalogue-sample')).toBeNull();
    expect(screen.queryByTestId('catalogue-issues')).toBeNull();
  });
});
