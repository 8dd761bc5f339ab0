/**
 * Text the demo data is drawn from: what car-sharing clients write to their agency's support
 * and what the agents answer. Categories follow the docs (`vehicle_issue`, `billing`) and the
 * issue kinds the docs list (vehicle problems, billing, account and verification, feedback).
 */

/** One kind of issue a client opens a ticket about. */
export interface Topic {
  category: string;
  subject: string;
  opening: string;
  /** Whether the ticket is about a booking (so it carries `booking`). */
  booking: boolean;
  /** Whether the client tends to attach photos to the opening message. */
  photos: boolean;
}

/** The issues demo tickets are about. */
export const TOPICS: readonly Topic[] = [
  {
    category: 'vehicle_issue',
    subject: 'Vehicle not starting',
    opening:
      'The car does not start, the dashboard lights up but the engine will not turn over. I am at the pickup spot.',
    booking: true,
    photos: true,
  },
  {
    category: 'vehicle_issue',
    subject: 'Warning light on the dashboard',
    opening: 'An orange engine warning light came on while driving on the highway. Is it safe to continue?',
    booking: true,
    photos: true,
  },
  {
    category: 'vehicle_issue',
    subject: 'Flat tyre',
    opening: 'The front left tyre is flat. I have parked on the side of the road. What should I do?',
    booking: true,
    photos: true,
  },
  {
    category: 'vehicle_issue',
    subject: 'Car is dirty inside',
    opening:
      'The car I picked up has sand and food wrappers on the back seats. I took pictures before driving.',
    booking: true,
    photos: true,
  },
  {
    category: 'vehicle_issue',
    subject: 'Cannot unlock the car with the app',
    opening: 'The unlock button spins forever and the car stays locked. Bluetooth and location are on.',
    booking: true,
    photos: false,
  },
  {
    category: 'damage_report',
    subject: 'Scratch on the rear bumper',
    opening: 'I noticed a long scratch on the rear bumper at pickup. It was not in the inspection report.',
    booking: true,
    photos: true,
  },
  {
    category: 'billing',
    subject: 'Billing question',
    opening: 'I was charged twice for the same rental. Could you check my last invoice?',
    booking: true,
    photos: false,
  },
  {
    category: 'billing',
    subject: 'Deposit not refunded',
    opening: 'My rental ended a week ago and the security deposit is still blocked on my card.',
    booking: true,
    photos: false,
  },
  {
    category: 'billing',
    subject: 'Fuel charge looks wrong',
    opening: 'I returned the car with a full tank but I was charged a refuelling fee.',
    booking: true,
    photos: true,
  },
  {
    category: 'account',
    subject: 'Driving licence verification pending',
    opening: 'I uploaded my driving licence three days ago and my account is still not verified.',
    booking: false,
    photos: false,
  },
  {
    category: 'account',
    subject: 'Cannot change my phone number',
    opening: 'I got a new phone number and the app refuses to send the verification code to it.',
    booking: false,
    photos: false,
  },
  {
    category: 'booking',
    subject: 'Extend my rental by one day',
    opening: 'Can I keep the car one more day? The booking ends tomorrow morning.',
    booking: true,
    photos: false,
  },
  {
    category: 'booking',
    subject: 'Cancel my reservation',
    opening: 'My flight was cancelled, I need to cancel the reservation and get a refund.',
    booking: true,
    photos: false,
  },
  {
    category: 'feedback',
    subject: 'Great service at the airport',
    opening: 'Just wanted to say the handover at the airport was quick and the car was spotless. Thanks!',
    booking: false,
    photos: false,
  },
  {
    category: 'general',
    subject: 'Do you allow pets in the cars?',
    opening: 'I would like to travel with my small dog in a carrier. Is that allowed?',
    booking: false,
    photos: false,
  },
];

/** What the client writes after the opening message. */
export const CLIENT_FOLLOWUPS: readonly string[] = [
  'Any update on this? I am still waiting.',
  'Thank you for the quick answer.',
  'Is there anything else you need from me?',
  'It happened again this morning.',
  'OK, that works for me.',
  'Could you call me back? It is urgent.',
  'Thanks, everything is fine now.',
];

/** What agents answer, by category: a first reply and later follow-ups. */
export const SUPPORT_REPLIES: Readonly<Record<string, readonly string[]>> = {
  vehicle_issue: [
    'Our technician is on the way, he should be there within 30 minutes.',
    'Could you send us a photo of the dashboard please?',
    'We checked the vehicle logs remotely and found the issue.',
  ],
  damage_report: [
    'Thank you for the photos. We have added the damage to the inspection report.',
    'You will not be charged for this damage, it was already reported by our team.',
  ],
  billing: [
    'We have forwarded your request to the billing team.',
    'We can see the duplicate charge, a refund has been requested.',
  ],
  account: [
    'Your documents are being reviewed, it usually takes 24 hours.',
    'Could you upload a clearer photo of the back of your licence?',
  ],
  booking: [
    'We have checked the availability of the car for your dates.',
    'The reservation has been updated, you will receive a confirmation by email.',
  ],
  feedback: ['Thank you so much for your kind words, we shared them with the airport team.'],
  general: ['Pets are allowed in a closed carrier. A cleaning fee applies if the car needs extra cleaning.'],
};

/** The agent's last message on a resolved ticket, by category. */
export const RESOLUTIONS: Readonly<Record<string, string>> = {
  vehicle_issue: 'The issue has been fixed. We are closing this ticket, feel free to reply if needed.',
  damage_report: 'The damage is recorded on the vehicle file. Nothing will be charged to you.',
  billing: 'Thank you for your patience. The refund has been issued and should appear within 5 days.',
  account: 'Your account is now verified. Enjoy your rides!',
  booking: 'All done, your booking has been changed as requested.',
  feedback: 'Thanks again for the feedback. Have a great trip!',
  general: 'Glad we could help. Have a great trip!',
};

/** The agency's support agents (`sender_name` of `support` messages). */
export const AGENTS: readonly string[] = [
  'Nadia Benali',
  'Youssef Amrani',
  'Claire Martin',
  'Omar El Fassi',
  'Lina Haddad',
];

/** One of them is the client the demo credentials belong to. */
export const CLIENTS: readonly string[] = ['John Doe', 'Sara Idrissi', 'Karim Mansouri', 'Emma Laurent'];

/** The agency's fleet. */
export const VEHICLES: ReadonlyArray<{ brand: string; model: string }> = [
  { brand: 'Dacia', model: 'Logan' },
  { brand: 'Renault', model: 'Clio' },
  { brand: 'Peugeot', model: '208' },
  { brand: 'Toyota', model: 'Yaris' },
  { brand: 'Hyundai', model: 'Tucson' },
  { brand: 'Volkswagen', model: 'Golf' },
];
