import type { FieldErrors } from './envelope.js';

/** Persian attribute names, as a Laravel `validation.attributes` file would give them. */
const LABELS: Record<string, string> = {
  page: 'صفحه',
  per_page: 'تعداد در صفحه',
  username: 'نام کاربری',
  ticket_id: 'شناسه تیکت',
  category_id: 'دسته بندی',
  sub_category_id: 'زیر دسته بندی',
  state_id: 'وضعیت',
  subject: 'موضوع',
  description: 'توضیحات',
  sms_notification: 'اطلاع رسانی پیامکی',
  file: 'فایل',
};

const label = (field: string): string => LABELS[field] ?? field;

/** Laravel's Persian validation messages for the rules IPPanel's routes use. */
export const messages = {
  required: (f: string) => `فیلد ${label(f)} الزامی است.`,
  filled: (f: string) => `فیلد ${label(f)} باید مقدار داشته باشد.`,
  integer: (f: string) => `${label(f)} باید عدد صحیح باشد.`,
  numeric: (f: string) => `${label(f)} باید عدد باشد.`,
  string: (f: string) => `${label(f)} باید رشته باشد.`,
  min: (f: string, min: number) => `${label(f)} نباید کوچکتر از ${min} باشد.`,
  max: (f: string, max: number) => `${label(f)} نباید بزرگتر از ${max} باشد.`,
  maxChars: (f: string, max: number) => `${label(f)} نباید بیشتر از ${max} کاراکتر داشته باشد.`,
  invalid: (f: string) => `${label(f)} انتخاب شده، معتبر نیست.`,
  file: (f: string) => `${label(f)} باید یک فایل باشد.`,
  mimes: (f: string, types: readonly string[]) =>
    `${label(f)} باید یکی از فرمت های ${types.join(', ')} باشد.`,
  maxKb: (f: string, kb: number) => `${label(f)} نباید بزرگتر از ${kb} کیلوبایت باشد.`,
  closed: (f: string) => `امکان ثبت پاسخ برای ${label(f)} بسته شده وجود ندارد.`,
};

const INTEGER = /^-?\d+$/;

/** Collects field errors the way a Laravel FormRequest does: every failing field, first rule that fails. */
export class Checks {
  readonly errors: FieldErrors = {};

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  /** An optional integer query parameter: absent is fine, present-but-empty or not an integer is not. */
  optionalInt(query: URLSearchParams, field: string, min = 1, max?: number): number | undefined {
    const value = query.get(field);
    if (value === null) return undefined;
    return this.int(field, value, min, max);
  }

  /** An optional text query parameter that must not be empty when present (`filled`). */
  optionalFilled(query: URLSearchParams, field: string): string | undefined {
    const value = query.get(field);
    if (value === null) return undefined;
    if (value.trim() === '') return void this.add(field, messages.filled(field));
    return value;
  }

  /** A required integer given as text (query or form field). */
  requiredInt(field: string, value: string | File | null | undefined, min = 1): number | undefined {
    if (value === null || value === undefined || value === '')
      return void this.add(field, messages.required(field));
    if (typeof value !== 'string') return void this.add(field, messages.integer(field));
    return this.int(field, value, min);
  }

  /** A required text form field, optionally with a maximum length. */
  requiredText(
    field: string,
    value: string | File | null | undefined,
    maxChars?: number,
  ): string | undefined {
    if (value === null || value === undefined) return void this.add(field, messages.required(field));
    if (typeof value !== 'string') return void this.add(field, messages.string(field));
    if (value.trim() === '') return void this.add(field, messages.required(field));
    if (maxChars !== undefined && value.length > maxChars) {
      return void this.add(field, messages.maxChars(field, maxChars));
    }
    return value;
  }

  /** An optional upload: a real file with an allowed extension and at most `maxKb` kilobytes. */
  optionalFile(
    field: string,
    value: string | File | null | undefined,
    types: readonly string[],
    maxKb: number,
  ) {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'string') return void this.add(field, messages.file(field));
    const ext = value.name.toLowerCase().split('.').pop() ?? '';
    if (!value.name.includes('.') || !types.includes(ext))
      return void this.add(field, messages.mimes(field, types));
    if (value.size > maxKb * 1024) return void this.add(field, messages.maxKb(field, maxKb));
    return value;
  }

  private int(field: string, value: string, min: number, max?: number): number | undefined {
    if (value.trim() === '') return void this.add(field, messages.filled(field));
    if (!INTEGER.test(value.trim())) return void this.add(field, messages.integer(field));
    const n = Number(value.trim());
    if (n < min) return void this.add(field, messages.min(field, min));
    if (max !== undefined && n > max) return void this.add(field, messages.max(field, max));
    return n;
  }
}

/** A form field, or `undefined` when the body is not a form (a JSON body has none of the fields). */
export function formField(body: unknown, field: string): string | File | null | undefined {
  return body instanceof FormData ? body.get(field) : undefined;
}
