import type { ActivityEvent } from '@activitykit/schema';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { octetFrame, syslogMessage } from './syslog.ts';
import { signWebhook } from './webhook.ts';

describe('signWebhook', () => {
  it('signs the Standard Webhooks example as the spec does', () => {
    // The example of the spec's reference libraries.
    const headers = signWebhook({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    });
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('gives one signature per secret, each verified by standardwebhooks', () => {
    const secrets = [
      `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
      `whsec_${Buffer.alloc(32, 9).toString('base64')}`,
    ];
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signWebhook({ id: 'msg_1', timestamp, body: '{"a":1}', secrets });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of secrets) {
      expect(new Webhook(secret).verify('{"a":1}', { ...headers })).toEqual({ a: 1 });
    }
  });
});

describe('syslogMessage', () => {
  const event = {
    id: '01KA0000000000000000000000',
    tenantId: 'ac"me]\\',
    occurredAt: new Date('2026-12-06T10:00:00.000Z'),
    action: 'auth.login_failed',
    kind: 'login_failed',
    category: 'logins',
    outcome: 'failure',
    actor: { id: 'anonymous', type: 'anonymous' },
    refs: [],
    description: 'Сбой входа',
  } as unknown as ActivityEvent;

  it('writes RFC 5424 with escaped structured data and the event as JSON', () => {
    const message = syslogMessage(event, { facility: 13, appName: 'app', streamId: 'ls_x' });
    const [head, json] = [
      message.slice(0, message.indexOf('] {') + 1),
      message.slice(message.indexOf('] {') + 2),
    ];
    // facility 13 × 8 + severity 4 (warning, a failure)
    expect(head).toMatch(
      /^<108>1 2026-12-06T10:00:00\.000Z \S+ app \d+ auth\.login_failed \[activitykit@32473 /,
    );
    expect(head).toContain('tenant="ac\\"me\\]\\\\"');
    expect(JSON.parse(json)).toMatchObject({ id: event.id, description: 'Сбой входа' });
  });

  it('frames by the length in bytes, not characters', () => {
    expect(octetFrame('Сбой')).toBe('8 Сбой');
  });
});
