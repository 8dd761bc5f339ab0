import type { GatewayContext } from '../context.js';
import type { Message, Ticket } from '../providers/model.js';
import type { WriteSuccess } from '../writes/outcome.js';
import type { WriteSpec } from '../writes/perform.js';
import { checkAttachments, platformFiles, requireText } from '../writes/validate.js';
import { builder } from './builder.js';
import { GatewayError } from './errors.js';
import { MessageRef, type MessageNode } from './message.js';
import { remember, resultUnion, runWrite, ticketTarget } from './mutation-kit.js';
import { fullTicket } from './ticket-load.js';

const AddMessageInput = builder.inputType('AddMessageInput', {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    body: t.string({ required: true }),
    attachmentUrls: t.stringList({
      required: false,
      description: 'For providers that take attachment URLs.',
    }),
    attachments: t.field({ type: ['File'], required: false, description: 'For providers that take files.' }),
    internal: t.boolean({
      required: false,
      defaultValue: false,
      description: 'An internal note (INTERNAL_NOTES).',
    }),
    idempotencyKey: t.string({
      required: false,
      description: 'The same key and input within 24 hours replays the first result without writing again.',
    }),
  }),
});

interface AddMessageSuccess {
  addedMessage: MessageNode;
}

// `addedMessage`, not `message`: `Error.message` is a String in the same union, and one response
// name with two types fails validation in the selection every client writes (`... on Error`).
const AddMessageSuccessRef = builder.objectRef<AddMessageSuccess>('AddMessageSuccess').implement({
  description:
    'The message was added; `addedMessage.ticket` is the ticket in its new state (a reply may reopen it).',
  fields: (t) => ({ addedMessage: t.expose('addedMessage', { type: MessageRef }) }),
});

const AddMessageResult = resultUnion('AddMessage', AddMessageSuccessRef);

/** Tells subscribers at once; the poller, which would see the message later, skips it as announced. */
async function announce(ctx: GatewayContext, ticket: Ticket, message: Message): Promise<void> {
  try {
    await ctx.live.publisher.messageAdded(ticket, message);
  } catch (error) {
    // The write happened: a failed announcement must not turn it into an error.
    ctx.log.warn({ err: error }, 'live: announcing a message failed');
  }
}

/** The success answer of a (possibly replayed) message write: the message read back with its ticket. */
async function presentMessage(
  ctx: GatewayContext,
  providerKey: string,
  outcome: WriteSuccess,
): Promise<AddMessageSuccess> {
  if (outcome.type !== 'message') throw new Error(`addMessage replayed a ${outcome.type} outcome`);
  const ticket = await fullTicket(ctx, outcome.providerKey, outcome.ticketRemoteId);
  const message = ticket.messages?.find((m) => m.remoteId === outcome.messageRemoteId);
  if (!message) {
    throw new GatewayError('The message was written but could not be read back.', 'NOT_FOUND', providerKey);
  }
  const node = {
    ...message,
    providerKey: ticket.providerKey,
    ticketRemoteId: ticket.remoteId,
    parent: ticket,
  };
  return { addedMessage: node };
}

builder.mutationField('addMessage', (t) =>
  t.field({
    type: AddMessageResult,
    description: 'Replies to a ticket, or adds an internal note where the provider has them.',
    args: { input: t.arg({ type: AddMessageInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const target = ticketTarget(ctx, String(input.ticketId));
      if (target.error) return target.error;
      const { provider, remoteId } = target;
      const files = await platformFiles(input.attachments);
      const urls = input.attachmentUrls ?? [];
      const internal = input.internal ?? false;
      const spec: WriteSpec<'addMessage'> = {
        ctx,
        mutation: 'addMessage',
        provider,
        writeName: 'addMessage',
        operation: 'add messages',
        idempotencyKey: input.idempotencyKey,
        input,
        validate: () => [
          ...requireText({ body: input.body }),
          ...(internal && !provider.features.internalNotes
            ? [{ field: 'internal', message: `Provider "${provider.key}" has no internal notes.` }]
            : []),
          ...checkAttachments(provider, files, urls),
        ],
        write: async (addMessage) => {
          const { message, ticket } = await addMessage({
            ticketRemoteId: remoteId,
            body: input.body,
            attachmentUrls: urls,
            files,
            internal,
          });
          remember(ctx, ticket);
          await announce(ctx, ticket, message);
          // A reply may reopen the ticket: that status change is announced now too, not at the next poll.
          await ctx.live.ticketWritten(ticket, {});
          return {
            type: 'message',
            providerKey: provider.key,
            ticketRemoteId: remoteId,
            messageRemoteId: message.remoteId,
          };
        },
      };
      return runWrite(spec, (outcome) => presentMessage(ctx, provider.key, outcome));
    },
  }),
);
