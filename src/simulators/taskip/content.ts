import type { SimPerson } from './types.js';

/** Demo content for a CRM/SaaS help desk: who asks, who answers, and what about. */

/** Team members (the API user is id 1, the docs' "Admin User"). */
export const TEAM: SimPerson[] = [
  { id: 1, name: 'Admin User', email: 'admin@taskip.com' },
  { id: 3, name: 'Sarah Johnson', email: 'sarah@taskip.com' },
  { id: 5, name: 'Support Agent', email: 'agent@company.com' },
  { id: 8, name: 'David Chen', email: 'david@taskip.com' },
  { id: 11, name: 'Priya Patel', email: 'priya@taskip.com' },
];

/** Clients, including the docs' John Smith (15), Emma Davis (18) and Mike Wilson (22). */
export const CLIENTS: SimPerson[] = [
  { id: 15, name: 'John Smith', email: 'john@acme.com' },
  { id: 18, name: 'Emma Davis', email: 'emma@startup.com' },
  { id: 22, name: 'Mike Wilson', email: 'mike@techcorp.com' },
  { id: 24, name: 'Olivia Brown', email: 'olivia@brightlabs.io' },
  { id: 27, name: 'Lucas Martin', email: 'lucas@northwind.co' },
  { id: 31, name: 'Aisha Khan', email: 'aisha@fintrack.app' },
  { id: 34, name: 'Diego Alvarez', email: 'diego@shopwave.com' },
  { id: 38, name: 'Hannah Lee', email: 'hannah@greenleaf.org' },
  { id: 41, name: 'Tom Becker', email: 'tom@buildright.de' },
  { id: 45, name: 'Sofia Rossi', email: 'sofia@lunadesign.it' },
];

/** The author of system replies (automations). */
export const SYSTEM_USER: SimPerson = { id: 0, name: 'System', email: 'noreply@taskip.net' };

/** Ticket templates: subject, description, category. */
export const TOPICS: Array<[string, string, string]> = [
  ['Login Issues with Dashboard', 'User cannot access dashboard after password reset.', 'Technical Support'],
  [
    'Feature Request: Export Functionality',
    'Request to add CSV export feature to reports.',
    'Feature Request',
  ],
  [
    'Email Notifications Not Working',
    'Email notifications for new orders are not being received since two days.',
    'Bug Report',
  ],
  [
    'Invoice shows wrong VAT rate',
    'The latest invoice applies 19% VAT instead of 7% for our region.',
    'Billing',
  ],
  [
    'Two-factor code never arrives',
    'The SMS with the 2FA code does not arrive on Vodafone numbers.',
    'Technical Support',
  ],
  [
    'CSV export is missing custom fields',
    'Exported contacts lack the custom fields we added last month.',
    'Bug Report',
  ],
  [
    'Zapier integration disconnected',
    'Our Zapier zaps stopped firing; the connection shows as expired.',
    'Integrations',
  ],
  [
    'Cannot add new team member',
    'Inviting a colleague fails with "seat limit reached" but we have free seats.',
    'Billing',
  ],
  [
    'Slack notifications duplicated',
    'Every new deal is posted twice into our #sales Slack channel.',
    'Integrations',
  ],
  [
    'Request: dark mode for the client portal',
    'Several of our clients asked for a dark theme in the portal.',
    'Feature Request',
  ],
  [
    'Payment failed but card was charged',
    'The renewal shows as failed, yet the card statement shows the charge.',
    'Billing',
  ],
  [
    'Google Calendar sync stopped',
    'Meetings booked in TaskIP no longer appear in Google Calendar.',
    'Integrations',
  ],
  [
    'Pipeline board loads very slowly',
    'The deals pipeline takes over 20 seconds to load with 2k deals.',
    'Technical Support',
  ],
  [
    'How do I change the invoice prefix?',
    'We want invoices numbered INV-2024-xxx instead of the default.',
    'General Inquiry',
  ],
  [
    'Webhook payloads missing client email',
    'The ticket.created webhook has an empty client.email field.',
    'Bug Report',
  ],
  [
    'SSO login redirects to blank page',
    'After signing in with Azure AD the browser shows a blank page.',
    'Technical Support',
  ],
];

/** Lines team members write to clients. */
export const AGENT_LINES = [
  'Thanks for reaching out. We are looking into this now.',
  'Could you send us a screenshot of the error and the time it happened?',
  'We have deployed a fix; please try again and let us know.',
  'I have escalated this to our engineering team.',
  'This is now on our roadmap; we will keep you posted.',
  'Please clear your browser cache and sign in again.',
];

/** Lines clients write back. */
export const CLIENT_LINES = [
  'Thanks, I have attached the screenshot.',
  'It still happens after the update, unfortunately.',
  'Works now, thank you for the quick help!',
  'Any update on this? Our team is blocked.',
  'It happened this morning around 9:30 for three users.',
];

/** Private notes between team members. */
export const NOTE_LINES = [
  'Internal: reproduced on staging, linked to the mail queue incident.',
  'Internal: customer is on the annual plan, prioritise.',
  'Internal: waiting for the billing provider to confirm the refund.',
];

/** Automation messages. */
export const SYSTEM_LINES = ['Ticket was reassigned automatically.', 'SLA reminder: first response is due.'];

/** File names demo attachments use. */
export const FILE_NAMES = [
  'screenshot.png',
  'error_logs.txt',
  'invoice-1043.pdf',
  'contacts-export.csv',
  'har-file.zip',
];
