import { describe, expect, it } from 'vitest';
import type { CreateTicketInput } from '../../../src/providers/writes.js';
import { CREATE, CREATE_INPUT as INPUT, useSimulator } from './harness.js';
import { SIZE, listAll, rejectionOf, upstreamErrorOf } from './helpers.js';

const h = useSimulator();

describe('createTicket refused before any call', () => {
  it.each<[string, Partial<CreateTicketInput>, Array<[string, string]>]>([
    [
      'no requester',
      { requester: null },
      [
        ['requester.name', 'must not be blank'],
        ['requester.email', 'must not be blank'],
      ],
    ],
    [
      'a blank requester name',
      { requester: { name: '  ', email: 'a@b.mx' } },
      [['requester.name', 'must not be blank']],
    ],
    [
      'no requester email',
      { requester: { name: 'Ana', email: null } },
      [['requester.email', 'must not be blank']],
    ],
    ['no category', { category: null }, [['category', 'must not be blank']]],
    ['a priority', { priority: 'HIGH' }, [['priority', 'Kinconecta tickets have no priority']]],
    ['a blank subject', { subject: ' ' }, [['subject', 'must not be blank']]],
    ['an empty body', { body: '' }, [['body', 'must not be blank']]],
    [
      'a blank attachment URL',
      { attachmentUrls: ['https://x.mx/a.pdf', ''] },
      [['attachmentUrls', 'must not be blank']],
    ],
    [
      'uploaded files',
      { files: [new File(['x'], 'a.png', { type: 'image/png' })] },
      [['attachments', 'Kinconecta takes attachment URLs, not file uploads']],
    ],
  ])('%s is VALIDATION on the unified field', async (_name, change, expected) => {
    const rejection = await rejectionOf(h.provider().writes.createTicket({ ...INPUT, ...change }));
    expect(rejection.kind).toBe('VALIDATION');
    expect(rejection.provider).toBe('kinconecta');
    expect(rejection.fieldErrors.map((e) => [e.field, e.message])).toEqual(expected);
    expect(h.sim().controls.requests()).toBe(0);
  });
});

describe("createTicket refused by Kinconecta's validation", () => {
  it("maps a Spring field error to the unified field, keeping Spring's message", async () => {
    const requester = { name: 'Emily Smith', email: 'emily.example.com' };
    const rejection = await rejectionOf(h.provider().writes.createTicket({ ...INPUT, requester }));
    expect(rejection.kind).toBe('VALIDATION');
    expect(rejection.message).toBe("Validation failed for object='supportTicketRequest'. Error count: 1");
    expect(rejection.fieldErrors).toEqual([
      { field: 'requester.email', message: 'must be a well-formed email address' },
    ]);
    expect(h.sim().controls.requests(CREATE)).toBe(1);
    expect(await listAll(h.sim().baseUrl)).toHaveLength(SIZE);
  });

  it('maps every Kinconecta field name; unknown ones keep theirs; messages stay verbatim', async () => {
    const spring = (field: string, defaultMessage: string) => ({ field, defaultMessage, code: 'NotBlank' });
    h.sim().controls.addFault({
      route: CREATE,
      kind: 'status',
      status: 400,
      body: {
        timestamp: '2026-03-20T08:30:00.000+00:00',
        status: 400,
        error: 'Bad Request',
        message: "Validation failed for object='supportTicketRequest'. Error count: 8",
        errors: [
          spring('fullName', 'no debe estar vacío'),
          spring('email', 'debe ser una dirección de correo electrónico con formato correcto'),
          spring('subject', 'el tamaño debe estar entre 0 y 120'),
          spring('category', 'categoría desconocida'),
          spring('message', 'no debe estar vacío'),
          spring('attachments[0].fileUrl', 'must not be blank'),
          spring('roleContext', 'must not be blank'),
          { field: 'createdAt', code: 'Pattern' },
        ],
        path: '/api/support-tickets',
      },
    });
    const rejection = await rejectionOf(h.provider().writes.createTicket(INPUT));
    expect(rejection.fieldErrors).toEqual([
      { field: 'requester.name', message: 'no debe estar vacío' },
      {
        field: 'requester.email',
        message: 'debe ser una dirección de correo electrónico con formato correcto',
      },
      { field: 'subject', message: 'el tamaño debe estar entre 0 y 120' },
      { field: 'category', message: 'categoría desconocida' },
      { field: 'body', message: 'no debe estar vacío' },
      { field: 'attachmentUrls', message: 'must not be blank' },
      { field: 'roleContext', message: 'must not be blank' },
      { field: 'createdAt', message: 'Pattern' },
    ]);
    expect(h.sim().controls.requests(CREATE)).toBe(1);
  });

  it.each<[string, number, unknown]>([
    ['a 400 without field errors', 400, { status: 400, error: 'Bad Request', message: 'JSON parse error' }],
    ['a 404', 404, { status: 404, error: 'Not Found', path: '/api/support-tickets' }],
    ['a 409', 409, { status: 409, error: 'Conflict' }],
  ])('is UPSTREAM_BAD_RESPONSE for %s', async (_name, status, body) => {
    h.sim().controls.addFault({ route: CREATE, kind: 'status', status, body });
    const error = await upstreamErrorOf(h.provider().writes.createTicket(INPUT));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(h.sim().controls.requests(CREATE)).toBe(1);
  });
});
