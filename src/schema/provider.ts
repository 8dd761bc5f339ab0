import { CAPABILITIES, capabilitiesOf, type TicketProvider } from '../providers/provider.js';
import { responsePathAsArray } from 'graphql';
import type { Category } from '../providers/writes.js';
import { builder } from './builder.js';
import { partialError } from './errors.js';

export const ProviderCapabilityEnum = builder.enumType('ProviderCapability', {
  description: 'What a provider can do. Mutations a provider cannot do are refused before any upstream call.',
  values: CAPABILITIES,
});

const CategoryRef = builder.objectRef<Category>('Category').implement({
  description: 'A ticket category of one provider.',
  fields: (t) => ({
    id: t.exposeString('id', { description: "The provider's own id (or name, where names are ids)." }),
    name: t.exposeString('name'),
  }),
});

/** A configured provider instance. */
export const ProviderRef = builder.objectRef<TicketProvider>('Provider');

builder.node(ProviderRef, {
  description: 'One configured ticketing system (several instances of one kind may be configured).',
  id: { resolve: (p) => p.key },
  loadOne: (key, ctx) => ctx.providers.get(key) ?? null,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The configured instance key, used in filters.' }),
    kind: t.exposeString('kind', { description: 'The provider kind, e.g. `taskip`.' }),
    name: t.exposeString('name'),
    capabilities: t.field({
      type: [ProviderCapabilityEnum],
      resolve: (p) => capabilitiesOf(p),
    }),
    categories: t.field({
      type: [CategoryRef],
      description: 'What `createTicket` accepts as `category`: known ones, and those seen on its tickets.',
      resolve: async (p, _args, ctx, info) => {
        try {
          return (await p.categories?.()) ?? [];
        } catch (error) {
          // The provider's failure costs only its categories: reported, not fatal to the list.
          ctx.partialErrors.push(partialError(p.key, error, responsePathAsArray(info.path), ctx.log));
          return [];
        }
      },
    }),
  }),
});

builder.queryField('providers', (t) =>
  t.field({
    type: [ProviderRef],
    description: 'Every configured provider instance.',
    resolve: (_root, _args, ctx) => [...ctx.providers.values()],
  }),
);
