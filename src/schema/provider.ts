import { CAPABILITIES, type TicketProvider } from '../providers/provider.js';
import { builder } from './builder.js';

export const ProviderCapabilityEnum = builder.enumType('ProviderCapability', {
  description: 'What a provider can do. Mutations a provider cannot do are refused before any upstream call.',
  values: CAPABILITIES,
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
      resolve: (p) => [...p.capabilities],
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
