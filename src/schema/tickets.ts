import { responsePathAsArray } from 'graphql';
import { listTickets, type TicketConnectionShape } from '../federation/list.js';
import type { TicketFilter } from '../providers/model.js';
import { builder } from './builder.js';
import { partialError } from './errors.js';
import { TicketPriorityEnum, TicketRef, TicketStatusEnum } from './ticket.js';

const TicketFilterInput = builder.inputType('TicketFilter', {
  description:
    'Narrows the federated list. Filters are pushed down to a provider where its API can apply them and applied by the gateway where not, with the same result either way.',
  fields: (t) => ({
    providers: t.stringList({ required: false, description: 'Provider instance keys (see `providers`).' }),
    status: t.field({ type: [TicketStatusEnum], required: false }),
    priority: t.field({ type: [TicketPriorityEnum], required: false }),
    search: t.string({
      required: false,
      description: 'Case-insensitive text in the subject, or in the description where the provider lists it.',
    }),
    createdAfter: t.field({
      type: 'DateTime',
      required: false,
      description: 'Created at or after this instant.',
    }),
    createdBefore: t.field({
      type: 'DateTime',
      required: false,
      description: 'Created before this instant.',
    }),
  }),
});

const TicketEdgeRef = builder.objectRef<TicketConnectionShape['edges'][number]>('TicketEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.expose('node', {
      type: TicketRef,
      // Nullable so that a provider failing while a ticket's details load costs only that ticket.
      nullable: true,
    }),
  }),
});

const TicketConnectionRef = builder.objectRef<TicketConnectionShape>('TicketConnection').implement({
  fields: (t) => ({
    edges: t.expose('edges', { type: [TicketEdgeRef] }),
    pageInfo: t.expose('pageInfo', { type: builder.pageInfoRef() }),
    totalCount: t.int({
      nullable: true,
      description: 'Tickets matching the filter across the providers; null when a provider failed.',
      resolve: (connection) => connection.totalCount(),
    }),
  }),
});

builder.queryField('tickets', (t) =>
  t.field({
    type: TicketConnectionRef,
    description:
      "Every provider's tickets as one list, newest first (ties by provider key, then remote id). A provider that fails costs only its own tickets: they are missing, and `errors` says which provider and why.",
    args: {
      first: t.arg.int({ required: false, defaultValue: 20, description: 'From 1 to 100.' }),
      after: t.arg.string({ required: false }),
      filter: t.arg({ type: TicketFilterInput, required: false }),
    },
    resolve: async (_root, args, ctx, info) => {
      const filter: TicketFilter = args.filter ?? {};
      const connection = await listTickets(ctx.providers, ctx.loaders, {
        first: args.first ?? 20,
        after: args.after,
        filter,
      });
      const path = responsePathAsArray(info.path);
      for (const failure of connection.failures) {
        ctx.partialErrors.push(partialError(failure.provider, failure.error, path));
      }
      return connection;
    },
  }),
);
