/** Realistic Kinconecta demo content: tours, request templates (English and Spanish), names. */

/** One kind of support request: who sends it, its category and its text with placeholders. */
export interface Template {
  role: 'tourist' | 'guide';
  category: string;
  subject: string;
  message: string;
  /** File names a requester typically attaches to this kind of ticket. */
  files: string[];
}

export const TOURS = [
  'Teotihuacan Sunrise Balloon Tour',
  'Xochimilco Trajinera Evening',
  'Oaxaca Mezcal Tasting',
  'Chichén Itzá Day Trip',
  'Coyoacán Street Food Walk',
  'Tulum Cenotes Snorkel',
  'Guanajuato Callejoneadas Night Walk',
];

export const TEMPLATES: Template[] = [
  {
    role: 'tourist',
    category: 'General Inquiry',
    subject: 'Question about tour cancellation',
    message: 'What is your cancellation policy for the {tour} if I cancel less than 24 hours in advance?',
    files: [],
  },
  {
    role: 'tourist',
    category: 'Refunds',
    subject: 'Refund not received for cancelled tour',
    message:
      'The guide cancelled the {tour} on {date} and I still have not received my refund of ${amount} MXN.',
    files: ['payment-receipt.pdf', 'cancellation-email.png'],
  },
  {
    role: 'tourist',
    category: 'Bookings',
    subject: 'Change the date of my booking',
    message: 'I booked the {tour} for {date} but my flight changed. Can I move it two days later?',
    files: [],
  },
  {
    role: 'tourist',
    category: 'Billing',
    subject: 'Cobro duplicado en mi tarjeta',
    message: 'Me cobraron dos veces ${amount} MXN por el {tour}. Adjunto el estado de cuenta.',
    files: ['estado-de-cuenta.pdf'],
  },
  {
    role: 'tourist',
    category: 'Technical Issue',
    subject: 'App crashes when I open my bookings',
    message: 'Every time I open "My bookings" the app closes. I need the meeting point for the {tour}.',
    files: ['screenshot-bookings.png'],
  },
  {
    role: 'guide',
    category: 'Guide Payouts',
    subject: 'Payout for last week is missing',
    message: 'My payout of ${amount} MXN for the {tour} groups of {date} has not arrived in my bank account.',
    files: ['bank-statement.pdf'],
  },
  {
    role: 'guide',
    category: 'Profile Verification',
    subject: 'Verificación de perfil pendiente',
    message: 'Subí mi INE y mi certificado de guía hace una semana y mi perfil sigue sin verificar.',
    files: ['ine-frente.jpg', 'ine-reverso.jpg', 'certificado-guia-sectur.pdf'],
  },
  {
    role: 'guide',
    category: 'Bookings',
    subject: 'Tourist asked to change the meeting point',
    message:
      'A tourist booked the {tour} for {date} and wants to be picked up at the hotel. Is that allowed?',
    files: [],
  },
  {
    role: 'guide',
    category: 'Technical Issue',
    subject: 'My tour listing is not visible',
    message: 'The {tour} does not appear in search results since I edited the price yesterday.',
    files: ['listing-editor.png'],
  },
  {
    role: 'guide',
    category: 'Billing',
    subject: 'Commission charged twice',
    message: 'The platform commission for the {tour} on {date} was deducted twice from my balance.',
    files: [],
  },
];

export const FIRST = [
  'Ana',
  'Luis',
  'María',
  'José',
  'Sofía',
  'Carlos',
  'Valentina',
  'Diego',
  'Lucía',
  'Mateo',
];
export const FIRST_EN = ['Emily', 'James', 'Olivia', 'Michael', 'Sarah', 'Daniel', 'Grace', 'Jack'];
export const LAST = ['Martinez', 'García', 'Hernández', 'López', 'Ramírez', 'Torres', 'Flores', 'Cruz'];
export const LAST_EN = ['Smith', 'Johnson', 'Brown', 'Williams', 'Taylor', 'Miller'];
export const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com.mx', 'hotmail.com', 'icloud.com'];
