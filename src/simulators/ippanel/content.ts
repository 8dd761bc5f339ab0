import type { SimCategory } from './types.js';

/** Ticket categories of an SMS panel; 10/20 and 11/21 are the docs' own examples. */
export const CATEGORIES: readonly SimCategory[] = [
  {
    id: 10,
    name: 'Plugins, Domains, API',
    subs: [
      { id: 20, title: 'System Errors' },
      { id: 22, title: 'Web Service & API' },
      { id: 23, title: 'WordPress Plugin & Domains' },
    ],
  },
  {
    id: 11,
    name: 'System Questions',
    subs: [
      { id: 21, title: 'Other Issues' },
      { id: 24, title: 'Sender Numbers' },
      { id: 25, title: 'Delivery Reports' },
    ],
  },
  {
    id: 12,
    name: 'Financial',
    subs: [
      { id: 26, title: 'Credit Top-up' },
      { id: 27, title: 'Invoices & Payments' },
    ],
  },
  {
    id: 13,
    name: 'Technical Support',
    subs: [
      { id: 28, title: 'Message Sending' },
      { id: 29, title: 'Patterns & Templates' },
    ],
  },
];

/** Opening texts per category id: [subject, description]. */
export const OPENINGS: Readonly<Record<number, ReadonlyArray<readonly [string, string]>>> = {
  10: [
    [
      'API key returns 401 on send endpoint',
      'Since this morning our integration gets 401 when calling the send endpoint with our API key. The key is active in the panel.',
    ],
    ['خطا در افزونه وردپرس', 'بعد از به روزرسانی افزونه وردپرس، ارسال پیامک سفارش ها متوقف شده است.'],
    [
      'Delivery report webhook not firing',
      'We set the delivery report webhook to our domain but no callbacks arrive since yesterday.',
    ],
    ['اتصال دامنه اختصاصی به پنل', 'لطفا راهنمایی کنید چطور دامنه اختصاصی خود را به پنل نمایندگی متصل کنیم.'],
  ],
  11: [
    ['درخواست ثبت خط اختصاصی', 'برای خط ۳۰۰۰ جدید مدارک را بارگذاری کرده ام، لطفا وضعیت را بررسی کنید.'],
    [
      'Sender number not shown to recipients',
      'Messages sent from our sender number 3000505 reach recipients from a different number.',
    ],
    ['گزارش تحویل پیامک ها نامشخص است', 'گزارش تحویل پیامک های دیروز همچنان در وضعیت نامشخص مانده است.'],
    [
      'How to create a sub-user for a customer',
      'We want to give one of our customers their own sub-user with a separate credit. How do we do that?',
    ],
  ],
  12: [
    [
      'افزایش اعتبار انجام شد ولی اعمال نشد',
      'مبلغ ۵۰۰ هزار تومان پرداخت کردم ولی اعتبار پنل افزایش پیدا نکرد.',
    ],
    ['Invoice needed for last top-up', "Please send an official invoice for last month's credit top-up."],
    ['Refund for failed messages', 'About 1200 messages failed on the 3rd; please refund the credit.'],
  ],
  13: [
    [
      'ارسال پیامک به خطوط ایرانسل انجام نمی شود',
      'پیامک های ارسالی به شماره های ایرانسل از دیشب تحویل نمی شوند.',
    ],
    [
      'OTP pattern rejected',
      'Our OTP pattern was rejected. Which word caused it and how should we change it?',
    ],
    ['Bulk send stuck in queue', 'A bulk send of 40,000 messages has been in the queue for two hours.'],
  ],
};

/** Replies agents write. */
export const AGENT_REPLIES: readonly string[] = [
  'سلام، مشکل بررسی و برطرف شد. لطفا مجددا تست بفرمایید.',
  'Hello, your request has been forwarded to the technical team.',
  'Please send the message ID and the exact time of sending so we can trace it.',
  'اعتبار حساب شما شارژ شد.',
  'The sender number has been re-registered with the operator; it may take 24 hours.',
];

/** Internal notes agents leave for each other (`private`). */
export const AGENT_NOTES: readonly string[] = [
  'Checked the gateway logs: operator returned error 14.',
  'مشتری قبلا هم این مشکل را داشته است، به واحد فنی ارجاع شود.',
];

/** Replies customers write. */
export const CUSTOMER_REPLIES: readonly string[] = [
  'ممنون، بررسی می کنم.',
  'The problem still persists, please check again.',
  'Attached is a screenshot of the error.',
  'لطفا پیگیری کنید، هنوز پاسخی دریافت نکرده ام.',
  'Thanks, it works now.',
];

/** The reseller account the demo token belongs to; every demo user is its sub-user. */
export const RESELLER = { userId: 300001, uname: 'demo_reseller' } as const;

/** Sub-users of the reseller who open tickets; `sampleuser` is the docs' example. */
export const USERS: ReadonlyArray<{ userId: number; uname: string }> = [
  { userId: 200001, uname: 'sampleuser' },
  { userId: 200002, uname: 'payamak_novin' },
  { userId: 200003, uname: 'shop_arian' },
  { userId: 200004, uname: 'clinic_sms' },
  { userId: 200005, uname: 'edu_portal' },
  { userId: 200006, uname: 'taxi_notify' },
];

/** Support agents who answer. */
export const AGENTS: ReadonlyArray<{ id: number; username: string }> = [
  { id: 1, username: 'support_sara' },
  { id: 7, username: 'm.rezaei' },
  { id: 12, username: 'finance_team' },
];

/** Where uploaded files are served from (decision: the docs show no URL). */
export const FILE_HOST = 'https://edge.ippanel.com/storage/tickets';
