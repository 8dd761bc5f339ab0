import type { GatewayContext } from '../context.js';
import type { Ticket } from '../providers/model.js';
import type { TicketWriteMap } from '../providers/writes.js';
import { builder } from './builder.js';
import { forget, remember, resultUnion, runWrite, ticketResult, ticketTarget } from './mutation-kit.js';
import { TicketPriorityEnum, TicketStatusEnum } from './ticket.js';
import { fullTicket } from './ticket-load.js';

/** The writes that change one existing ticket and answer it in its new state. */
type UpdateWrite = 'updateStatus' | 'updatePriority' | 'assignTicket';

/** Runs a write on one existing ticket that answers the ticket in its new state. */
async function updateTicket<N extends UpdateWrite>(
  ctx: GatewayContext,
  ticketId: string,
  spec: {
    mutation: string;
    writeName: N;
    operation: string;
    input: unknown;
    write: (call: TicketWriteMap[N], remoteId: string) => Promise<Ticket>;
  },
) {
  const target = ticketTarget(ctx, ticketId);
  if (target.error) return target.error;
  const { provider, remoteId } = target;
  return runWrite(
    {
      ctx,
      mutation: spec.mutation,
      provider,
      writeName: spec.writeName,
      operation: spec.operation,
      input: spec.input,
      write: async (call) => {
        remember(ctx, await spec.write(call, remoteId));
        return { type: 'ticket', providerKey: provider.key, remoteId };
      },
    },
    async () => ({ ticket: await fullTicket(ctx, provider.key, remoteId) }),
  );
}

const UpdateStatusInput = builder.inputType('UpdateTicketStatusInput', {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    status: t.field({ type: TicketStatusEnum, required: true }),
  }),
});
const UpdatePriorityInput = builder.inputType('UpdateTicketPriorityInput', {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    priority: t.field({ type: TicketPriorityEnum, required: true }),
  }),
});
const AssignInput = builder.inputType('AssignTicketInput', {
  fields: (t) => ({
    ticketId: t.id({ required: true }),
    assigneeId: t.string({ required: true, description: "The agent's id in the ticket's provider." }),
  }),
});
const DeleteInput = builder.inputType('DeleteTicketInput', {
  fields: (t) => ({ ticketId: t.id({ required: true }) }),
});

const UpdateTicketStatusResult = ticketResult('UpdateTicketStatus', 'The status was changed.');
const UpdateTicketPriorityResult = ticketResult('UpdateTicketPriority', 'The priority was changed.');
const AssignTicketResult = ticketResult('AssignTicket', 'The ticket was assigned.');

builder.mutationFields((t) => ({
  updateTicketStatus: t.field({
    type: UpdateTicketStatusResult,
    args: { input: t.arg({ type: UpdateStatusInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateTicket(ctx, String(input.ticketId), {
        mutation: 'updateTicketStatus',
        writeName: 'updateStatus',
        operation: 'change the status of tickets',
        input,
        write: async (updateStatus, remoteId) => {
          const ticket = await updateStatus(remoteId, input.status);
          // Subscribers learn of it now, not at the next poll.
          await ctx.live.ticketWritten(ticket, { status: input.status });
          return ticket;
        },
      }),
  }),
  updateTicketPriority: t.field({
    type: UpdateTicketPriorityResult,
    args: { input: t.arg({ type: UpdatePriorityInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateTicket(ctx, String(input.ticketId), {
        mutation: 'updateTicketPriority',
        writeName: 'updatePriority',
        operation: 'change the priority of tickets',
        input,
        write: async (updatePriority, remoteId) => {
          const ticket = await updatePriority(remoteId, input.priority);
          // Subscribers learn of it now, not at the next poll.
          await ctx.live.ticketWritten(ticket, { priority: input.priority });
          return ticket;
        },
      }),
  }),
  assignTicket: t.field({
    type: AssignTicketResult,
    args: { input: t.arg({ type: AssignInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateTicket(ctx, String(input.ticketId), {
        mutation: 'assignTicket',
        writeName: 'assignTicket',
        operation: 'assign tickets',
        input,
        write: async (assignTicket, remoteId) => {
          const ticket = await assignTicket(remoteId, input.assigneeId);
          // Subscribers learn of it now, not at the next poll.
          await ctx.live.ticketWritten(ticket, { assignee: input.assigneeId });
          return ticket;
        },
      }),
  }),
}));

interface DeleteTicketSuccess {
  deletedTicketId: string;
}
const DeleteSuccessRef = builder.objectRef<DeleteTicketSuccess>('DeleteTicketSuccess').implement({
  description: 'The ticket was deleted at its provider.',
  fields: (t) => ({ deletedTicketId: t.exposeID('deletedTicketId') }),
});

const DeleteTicketResult = resultUnion('DeleteTicket', DeleteSuccessRef);

builder.mutationField('deleteTicket', (t) =>
  t.field({
    type: DeleteTicketResult,
    args: { input: t.arg({ type: DeleteInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const target = ticketTarget(ctx, String(input.ticketId));
      if (target.error) return target.error;
      const { provider, remoteId } = target;
      return runWrite(
        {
          ctx,
          mutation: 'deleteTicket',
          provider,
          writeName: 'deleteTicket',
          operation: 'delete tickets',
          input,
          write: async (deleteTicket) => {
            await deleteTicket(remoteId);
            forget(ctx, provider.key, remoteId);
            // Watchers of this ticket end now with NOT_FOUND, not at the next poll.
            await ctx.live.ticketGone(provider.key, remoteId);
            return { type: 'deleted', providerKey: provider.key, remoteId };
          },
        },
        async () => ({ deletedTicketId: String(input.ticketId) }),
      );
    },
  }),
);
