import { responsePathAsArray } from 'graphql';
import { listTickets, MAX_PAGE_SIZE, type TicketConnectionShape } from '../federation/list.js';
import type { TicketFilter } from '../providers/model.js';
import { builder } from './builder.js';
import { badInput, inPublic, partialError } from './errors.js';
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

// The Relay plugin's connection and edge types (`pageInfo`, `edges { cursor node }`), over the
// federation's own page. Edges and nodes are non-null: the Ticket fields that need the ticket's
// details (a second upstream call that can fail) are nullable themselves, so such a failure
// costs only those fields.
const TicketConnectionRef = builder.connectionObject<typeof TicketRef, TicketConnectionShape>(
  {
    type: TicketRef,
    name: 'TicketConnection',
    fields: (t) => ({
      missingProviders: t.exposeStringList('missingProviders', {
        description:
          'Keys of the providers whose tickets are missing from this page because they failed (`errors` says why). Empty when every provider answered. A missing provider keeps its place in the cursors and `hasNextPage` stays true, so the next page asks it again.',
      }),
      totalCount: t.int({
        nullable: true,
        description: 'Tickets matching the filter across the providers; null when a provider failed.',
        resolve: (connection) => connection.totalCount(),
      }),
    }),
  },
  { name: 'TicketEdge' },
);

builder.queryField('tickets', (t) =>
  t.field({
    type: TicketConnectionRef,
    description:
      "Every provider's tickets as one list, newest first (ties by provider key, then remote id). A provider that fails costs only its own tickets on this page: `missingProviders` and `errors` say which and why, its place in the cursors is kept and `hasNextPage` stays true. Once it answers again, its tickets newer than those already delivered come first on the next pages: every page is in order, and each provider's tickets arrive in order, exactly once, by the time `hasNextPage` is false.",
    args: {
      first: t.arg.int({
        required: false,
        defaultValue: 20,
        description: 'From 0 to 100; 0 answers no edges, only `pageInfo` and `totalCount`.',
      }),
      after: t.arg.string({
        required: false,
        description: '`endCursor` of the previous page, for the same filter; null or "" start at the top.',
      }),
      filter: t.arg({ type: TicketFilterInput, required: false }),
    },
    resolve: async (_root, args, ctx, info) => {
      const filter: TicketFilter = args.filter ?? {};
      const first = args.first ?? 20;
      if (first < 0 || first > MAX_PAGE_SIZE) {
        throw badInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}, got ${first}.`);
      }
      const connection = await inPublic(() =>
        listTickets(ctx.providers, ctx.loaders, { first, after: args.after, filter }),
      );
      const path = responsePathAsArray(info.path);
      for (const failure of connection.failures) {
        ctx.partialErrors.push(partialError(failure.provider, failure.error, path, ctx.log));
      }
      return connection;
    },
  }),
);
