import type { SimRequest } from '../core/types.js';
import type { FieldErrors } from './envelope.js';

/**
 * Laravel-style request validation for the simulator: the field rules TaskIP documents and
 * Laravel's messages (the error bodies are in `envelope.ts`).
 */

/**
 * The request's input as Laravel sees it: a JSON object, or form fields (`name[]` collects
 * into an array). Malformed JSON reads as no input, so required fields fail validation.
 */
export function inputOf(req: SimRequest): Record<string, unknown> {
  const body = req.body;
  if (req.bodyError === undefined && body && typeof body === 'object' && !Array.isArray(body)) {
    if (!(body instanceof FormData)) return body as Record<string, unknown>;
    const input: Record<string, unknown> = {};
    for (const [name, value] of body.entries()) {
      if (name.endsWith('[]')) {
        const key = name.slice(0, -2);
        input[key] = [...((input[key] as unknown[] | undefined) ?? []), value];
      } else input[name] = value;
    }
    return input;
  }
  return {};
}

const label = (field: string): string => field.replace(/_/g, ' ');

/** Laravel's `integer` rule: JSON integers and integer strings. */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** Collects field errors while reading validated values out of an input object. */
export class Validator {
  readonly errors: FieldErrors = {};

  constructor(private readonly input: Record<string, unknown>) {}

  fail(field: string, message: string): undefined {
    (this.errors[field] ??= []).push(message);
    return undefined;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Whether the input names the field at all (even as null or empty). */
  has(field: string): boolean {
    return this.input[field] !== undefined;
  }

  /** Whether the field is present and not null or empty (Laravel's `sometimes` + `nullable`). */
  present(field: string): boolean {
    const v = this.input[field];
    return v !== undefined && v !== null && v !== '';
  }

  /** An integer field, optionally required and within `[min, max]` (an `in` list of codes). */
  integer(field: string, rule: { required?: boolean; min?: number; max?: number }): number | undefined {
    if (!this.present(field))
      return rule.required ? this.fail(field, `The ${label(field)} field is required.`) : undefined;
    const n = asInteger(this.input[field]);
    if (n === undefined) return this.fail(field, `The ${label(field)} field must be an integer.`);
    if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
      return this.fail(field, `The selected ${label(field)} is invalid.`);
    }
    return n;
  }

  /** A string field, optionally required and at most `max` characters. */
  string(field: string, rule: { required?: boolean; max?: number }): string | undefined {
    if (!this.present(field))
      return rule.required ? this.fail(field, `The ${label(field)} field is required.`) : undefined;
    const v = this.input[field];
    if (typeof v !== 'string') return this.fail(field, `The ${label(field)} field must be a string.`);
    if (rule.max !== undefined && [...v].length > rule.max) {
      return this.fail(field, `The ${label(field)} field must not be greater than ${rule.max} characters.`);
    }
    return v;
  }

  /** An integer that must name an existing record (Laravel's `exists`). */
  existing<T>(field: string, lookup: (id: number) => T | undefined): T | undefined {
    const id = this.integer(field, {});
    if (id === undefined) return undefined;
    return lookup(id) ?? this.fail(field, `The selected ${label(field)} is invalid.`);
  }
}
