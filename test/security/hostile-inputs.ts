/** Hostile HTTP requests: none may be answered with a 5xx, or with an error without a code. */

/** JSON POST headers, as a GraphQL client sends them. */
export const JSON_TYPE = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
/** A non-simple header, so that CSRF prevention lets the request reach the parsers under test. */
export const CSRF = { 'x-graphql-csrf': '1' };
export const body = (value: unknown): string => JSON.stringify(value);

export type Probe = [
  label: string,
  init: { method?: string; headers?: Record<string, string>; body?: BodyInit },
  path?: string,
];

const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
/** Each: a label, the request, and a path suffix (a GET query string). */
export const HOSTILE: Probe[] = [
  ['malformed JSON', { headers: JSON_TYPE, body: '{"query":' }],
  ['empty body', { headers: JSON_TYPE, body: '' }],
  ['whitespace body', { headers: JSON_TYPE, body: '   ' }],
  ['JSON array (a batch)', { headers: JSON_TYPE, body: '[{"query":"{ providers { key } }"}]' }],
  ['JSON number', { headers: JSON_TYPE, body: '42' }],
  ['JSON null', { headers: JSON_TYPE, body: 'null' }],
  ['JSON string', { headers: JSON_TYPE, body: '"{ providers { key } }"' }],
  ['query a number', { headers: JSON_TYPE, body: body({ query: 5 }) }],
  ['query an object', { headers: JSON_TYPE, body: body({ query: { a: 1 } }) }],
  ['no query', { headers: JSON_TYPE, body: body({ variables: {} }) }],
  [
    'variables a string',
    { headers: JSON_TYPE, body: body({ query: '{ providers { key } }', variables: 'x' }) },
  ],
  [
    'variables an array',
    { headers: JSON_TYPE, body: body({ query: '{ providers { key } }', variables: [1] }) },
  ],
  [
    'extensions a string',
    { headers: JSON_TYPE, body: body({ query: '{ providers { key } }', extensions: 'x' }) },
  ],
  [
    'operationName a number',
    { headers: JSON_TYPE, body: body({ query: '{ providers { key } }', operationName: 5 }) },
  ],
  [
    'operationName unknown',
    { headers: JSON_TYPE, body: body({ query: '{ providers { key } }', operationName: 'Nope' }) },
  ],
  [
    'two operations, no name',
    {
      headers: JSON_TYPE,
      body: body({ query: 'query A { providers { key } } query B { providers { key } }' }),
    },
  ],
  ['unknown parameter', { headers: JSON_TYPE, body: body({ query: '{ providers { key } }', foo: 1 }) }],
  [
    'invalid UTF-8',
    {
      headers: JSON_TYPE,
      body: Buffer.from([0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    },
  ],
  ['NUL in the document', { headers: JSON_TYPE, body: body({ query: '{ providers\u0000 { key } }' }) }],
  [
    'deeply nested variables',
    { headers: JSON_TYPE, body: `{"query":"{ providers { key } }","variables":{"a":${deep}}}` },
  ],
  [
    'huge Int literal',
    { headers: JSON_TYPE, body: body({ query: '{ tickets(first: 99999999999999999999) { totalCount } }' }) },
  ],
  [
    'huge Int variable',
    {
      headers: JSON_TYPE,
      body: body({ query: 'query($f: Int) { tickets(first: $f) { totalCount } }', variables: { f: 1e300 } }),
    },
  ],
  ['negative first', { headers: JSON_TYPE, body: body({ query: '{ tickets(first: -1) { totalCount } }' }) }],
  [
    'first a string variable',
    {
      headers: JSON_TYPE,
      body: body({ query: 'query($f: Int) { tickets(first: $f) { totalCount } }', variables: { f: '10' } }),
    },
  ],
  [
    'text/plain',
    { headers: { ...CSRF, 'content-type': 'text/plain' }, body: body({ query: '{ providers { key } }' }) },
  ],
  ['application/xml', { headers: { ...CSRF, 'content-type': 'application/xml' }, body: '<query/>' }],
  ['no content type', { headers: CSRF, body: body({ query: '{ providers { key } }' }) }],
  [
    'form, variables not JSON',
    {
      headers: { ...CSRF, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20providers%20%7B%20key%20%7D%20%7D&variables=%7B',
    },
  ],
  [
    'multipart, not multipart',
    { headers: { ...CSRF, 'content-type': 'multipart/form-data; boundary=X' }, body: 'garbage' },
  ],
  [
    'multipart, operations not JSON',
    {
      headers: { ...CSRF, 'content-type': 'multipart/form-data; boundary=X' },
      body: '--X\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{\r\n--X--\r\n',
    },
  ],
  [
    'GET with a mutation',
    { method: 'GET', headers: CSRF },
    `?query=${encodeURIComponent('mutation { deleteTicket(input: { ticketId: "x" }) { __typename } }')}`,
  ],
  [
    'GET, variables not JSON',
    { method: 'GET', headers: CSRF },
    '?query=%7B%20providers%20%7B%20key%20%7D%20%7D&variables=%7B',
  ],
  [
    'GET, extensions not JSON',
    { method: 'GET', headers: CSRF },
    '?query=%7B%20providers%20%7B%20key%20%7D%20%7D&extensions=nope',
  ],
  ['GET without a query', { method: 'GET', headers: { ...CSRF, accept: 'application/json' } }],
  ['PUT', { method: 'PUT', headers: JSON_TYPE, body: body({ query: '{ providers { key } }' }) }],
  ['DELETE', { method: 'DELETE', headers: JSON_TYPE }],
  [
    'accept application/xml',
    { headers: { ...JSON_TYPE, accept: 'application/xml' }, body: body({ query: '{ providers { key } }' }) },
  ],
  [
    'File variable given as a string',
    {
      headers: JSON_TYPE,
      body: body({
        query:
          'mutation($f: [File!]) { createTicket(input: { provider: "taskip", subject: "s", body: "b", attachments: $f }) { __typename } }',
        variables: { f: ['not a file'] },
      }),
    },
  ],
];
