import type { GatewayContext } from '../context.js';
import { NotFoundError } from '../writes/outcome.js';
import { checkAttachments, platformFiles, requireText, resolveCategory } from '../writes/validate.js';
import { builder } from './builder.js';
import { decodeTypedId } from './ids.js';
import { remember, runWrite, ticketResult } from './mutation-kit.js';
import { TicketPriorityEnum } from './ticket.js';
import { fullTicket } from './ticket-load.js';

const RequesterInput = builder.inputType('RequesterInput', {
  fields: (t) => ({ name: t.string({ required: false }), email: t.string({ required: false }) }),
});

const CreateTicketInput = builder.inputType('CreateTicketInput', {
  fields: (t) => ({
    provider: t.id({ required: true, description: 'The provider: its global id or its key.' }),
    subject: t.string({ required: true }),
    body: t.string({ required: true, description: 'The opening message.' }),
    category: t.string({ required: false, description: 'A category id or name from `Provider.categories`.' }),
    priority: t.field({ type: TicketPriorityEnum, required: false }),
    requester: t.field({ type: RequesterInput, required: false }),
    attachmentUrls: t.stringList({
      required: false,
      description: 'For providers that take attachment URLs.',
    }),
    attachments: t.field({ type: ['File'], required: false, description: 'For providers that take files.' }),
    idempotencyKey: t.string({
      required: false,
      description: 'The same key and input within 24 hours replays the first result without writing again.',
    }),
  }),
});

const CreateTicketResult = ticketResult('CreateTicket', 'The ticket was created.');

/** A provider by global id or key. */
function providerOf(ctx: GatewayContext, id: string) {
  const direct = ctx.providers.get(id);
  if (direct) return direct;
  try {
    const [key] = decodeTypedId(id, 'Provider', 1);
    return ctx.providers.get(key!);
  } catch {
    return undefined;
  }
}

builder.mutationField('createTicket', (t) =>
  t.field({
    type: CreateTicketResult,
    description: 'Opens a ticket at one provider.',
    args: { input: t.arg({ type: CreateTicketInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const provider = providerOf(ctx, String(input.provider));
      if (!provider) return new NotFoundError(`No provider "${input.provider}" is configured.`);
      const files = await platformFiles(input.attachments);
      const urls = input.attachmentUrls ?? [];
      let category: Awaited<ReturnType<typeof resolveCategory>>['category'] = null;
      return runWrite(
        {
          ctx,
          mutation: 'createTicket',
          provider,
          writeName: 'createTicket',
          operation: 'create tickets',
          idempotencyKey: input.idempotencyKey,
          input,
          // Runs only for a provider that creates tickets (`performWrite` checks that first).
          validate: async () => {
            const resolved = await resolveCategory(provider, input.category);
            category = resolved.category;
            return [
              ...requireText({ subject: input.subject, body: input.body }),
              ...resolved.errors,
              ...checkAttachments(provider, files, urls),
            ];
          },
          write: async (createTicket) => {
            const ticket = await createTicket({
              subject: input.subject.trim(),
              body: input.body,
              category,
              priority: input.priority ?? null,
              requester: input.requester
                ? { name: input.requester.name ?? null, email: input.requester.email ?? null }
                : null,
              attachmentUrls: urls,
              files,
            });
            remember(ctx, ticket);
            return { type: 'ticket', providerKey: provider.key, remoteId: ticket.remoteId };
          },
        },
        async (outcome) => {
          if (outcome.type !== 'ticket') throw new Error(`createTicket replayed a ${outcome.type} outcome`);
          return { ticket: await fullTicket(ctx, outcome.providerKey, outcome.remoteId) };
        },
      );
    },
  }),
);
