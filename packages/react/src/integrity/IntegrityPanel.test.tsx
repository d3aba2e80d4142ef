import type { VerifyReport } from '@activitykit/schema';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { IntegrityPanel } from '../integrity.ts';
import { ruIntegrityMessages, ruMessages } from '../locales/ru.ts';
import { ActivityLog, type ActivityLogIntegrityPanelProps } from '../log/ActivityLog.tsx';
import { bodyRows, mountLog, settle } from '../log/testUtils.tsx';
import {
  DELETED_EVENT,
  integrityMemory,
  SEALED_LOG,
  SEALED_STATUS,
  TAMPERED_REPORT,
  UNSEALED,
} from './fixtures.ts';
import './IntegrityPanel.css';

const byName = (root: HTMLElement, role: string, name: string) =>
  [...root.querySelectorAll<HTMLElement>(role === 'button' ? 'button' : `[role="${role}"]`)].find(
    (node) => (node.getAttribute('aria-label') ?? node.textContent)?.trim() === name,
  );

/** The log's panel, open from the start: a component made once, as ActivityLogProps.integrity says. */
const OpenPanel = (props: ActivityLogIntegrityPanelProps) => (
  <IntegrityPanel {...props} defaultOpen />
);

async function axeViolations(root: HTMLElement) {
  const result = await axe.run(root, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
  return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

describe('<IntegrityPanel>', () => {
  it('runs verify from its button, shows the progress, then names the tampered ids, which open their rows', async () => {
    let answer: (report: VerifyReport) => void = () => {};
    const asked: string[] = [];
    const source = integrityMemory({
      events: SEALED_LOG.filter((event) => event.id !== DELETED_EVENT.id),
      verify: ({ tenantId }) => {
        asked.push(tenantId);
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
    });
    const { container } = mountLog(<ActivityLog live={false} integrity={OpenPanel} />, { source });
    await settle(() => expect(byName(container, 'button', 'Verify now')).toBeDefined());
    const button = byName(container, 'button', 'Verify now') as HTMLButtonElement;
    await userEvent.click(button);

    const tenant = container.querySelector('.ak-integrity-tenant') as HTMLElement;
    await settle(() => expect(tenant.getAttribute('aria-busy')).toBe('true'));
    expect(asked).toEqual(['acme']);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // A second press while it runs starts nothing (the button keeps its focus).
    button.click();
    expect(document.activeElement).toBe(button);
    expect(asked).toEqual(['acme']);
    const progress = tenant.querySelector('progress') as HTMLProgressElement;
    expect(progress).not.toBeNull();
    expect(tenant.querySelector('[role="status"]')?.textContent).toContain('Verifying…');

    answer(TAMPERED_REPORT);
    await settle(() => expect(tenant.querySelector('table')).not.toBeNull());
    expect(tenant.hasAttribute('aria-busy')).toBe(false);
    expect(tenant.dataset.state).toBe('failed');
    expect(tenant.querySelector('[role="status"]')?.textContent).toContain('Verify failed.');
    const rows = [...tenant.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    expect(
      rows.map((row) => [row.dataset.class, row.cells[0]?.firstElementChild?.textContent]),
    ).toEqual([
      ...TAMPERED_REPORT.modified.map(({ id }) => ['modified', id]),
      ['deleted', DELETED_EVENT.id],
      ...TAMPERED_REPORT.inserted.map(({ id }) => ['inserted', id]),
      ...TAMPERED_REPORT.late.map(({ id }) => ['late', id]),
    ]);
    // Events that still exist are buttons; the deleted one is plain text (it has no row).
    expect(rows.map((row) => row.cells[0]?.firstElementChild?.tagName)).toEqual([
      'BUTTON',
      'BUTTON',
      'SPAN',
      'BUTTON',
      'BUTTON',
    ]);
    expect(rows.at(-1)?.textContent).toContain('Late (signed, benign)');
    expect(tenant.textContent).toContain('Checkpoint #2: hash mismatch');
    expect(tenant.querySelector('.ak-integrity-anchor')?.textContent).toContain(
      'mismatch — Checkpoint 2 in the anchor differs',
    );
    expect(await axeViolations(container.querySelector('.ak-integrity') as HTMLElement)).toEqual(
      [],
    );

    const modified = TAMPERED_REPORT.modified[1]?.id as string;
    await userEvent.click(byName(tenant, 'button', modified) as HTMLElement);
    const dialog = container.querySelector('dialog.ak-log-drawer') as HTMLDialogElement;
    await settle(() => expect(dialog.open).toBe(true));
    expect(dialog.textContent).toContain(modified);
    await settle(() => expect(dialog.textContent).toContain('Sealed by checkpoint #2'));
  });

  it('takes overrides of its own strings and the shared ones from <ActivityProvider messages>', async () => {
    const { container } = mountLog(<IntegrityPanel />, {
      source: integrityMemory(),
      locale: 'ru',
      messages: {
        ru: {
          ...ruMessages,
          ...ruIntegrityMessages,
          'integrity.verify': 'Сверить',
          'integrity.title': 'Печати',
        },
      },
    });
    await settle(() => expect(byName(container, 'button', 'Сверить')).toBeDefined());
    expect(container.querySelector('h2')?.textContent).toContain('Печати');
    // The rest of the panel's catalog, in the provider's language.
    expect(container.textContent).toContain('Последняя контрольная точка');
  });

  it('keeps Verify off, and says why, when the server cannot verify', async () => {
    const source = integrityMemory({
      status: { ...SEALED_STATUS, canVerify: false },
      verify: null,
    });
    const { container } = mountLog(<IntegrityPanel />, { source });
    await settle(() => expect(byName(container, 'button', 'Verify now')).toBeDefined());
    const button = byName(container, 'button', 'Verify now') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const why = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toContain('public key');
    expect(container.textContent).toContain('#3 ·');
    expect(container.textContent).toContain('9 events');
  });
});

describe('seal locks in <ActivityLog>', () => {
  it('labels each row Sealed or Not sealed yet from one status request for the whole list', async () => {
    const source = integrityMemory();
    let statusCalls = 0;
    const integrity = source.integrity?.bind(source);
    source.integrity = (options) => {
      statusCalls++;
      return integrity?.(options) ?? Promise.reject(new Error('no integrity'));
    };
    const { container } = mountLog(<ActivityLog live={false} integrity={IntegrityPanel} />, {
      source,
    });
    await settle(() => expect(container.querySelector('.ak-log-seal')).not.toBeNull());
    const labels = bodyRows(container).map((row) => [
      row.dataset.eventId,
      row.querySelector('.ak-log-seal')?.getAttribute('aria-label'),
    ]);
    expect(labels.length).toBeGreaterThan(UNSEALED + 2);
    expect(labels).toEqual(
      labels.map(([id], index) => [id, index < UNSEALED ? 'Not sealed yet' : 'Sealed']),
    );
    expect(statusCalls).toBe(1);
    // The toolbar offers the panel, which opens below the toolbar's other items.
    const toggle = byName(container, 'button', 'Integrity') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.hasAttribute('aria-controls')).toBe(false);
    await userEvent.click(toggle);
    await settle(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'));
    const panel = document.getElementById(
      toggle.getAttribute('aria-controls') ?? '',
    ) as HTMLElement;
    expect(panel.matches('.ak-log-toolbar > .ak-integrity')).toBe(true);
    expect(panel.getBoundingClientRect().top).toBeGreaterThanOrEqual(
      toggle.getBoundingClientRect().bottom,
    );
    expect(statusCalls).toBe(1);
  });

  it('shows the locks but no panel toggle without the integrity prop', async () => {
    const { container } = mountLog(<ActivityLog live={false} />, { source: integrityMemory() });
    await settle(() => expect(container.querySelector('.ak-log-seal')).not.toBeNull());
    expect(byName(container, 'button', 'Integrity')).toBeUndefined();
  });

  it('shows no lock and no panel toggle when the source reports no integrity', async () => {
    const { integrity: _i, checkpointOf: _c, verify: _v, ...plain } = integrityMemory();
    const { container } = mountLog(<ActivityLog live={false} integrity={IntegrityPanel} />, {
      source: plain,
    });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    expect(container.querySelector('.ak-log-seal')).toBeNull();
    expect(byName(container, 'button', 'Integrity')).toBeUndefined();
  });
});
