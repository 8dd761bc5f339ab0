import { quoted } from '../errors.js';
import type { TicketProvider } from '../providers/provider.js';
import type { Category, FieldError, UploadFile } from '../providers/writes.js';

/** Checks that text fields are not blank. */
export function requireText(fields: Record<string, string | null | undefined>): FieldError[] {
  return Object.entries(fields)
    .filter(([, value]) => !value || value.trim() === '')
    .map(([field]) => ({ field, message: `${field} must not be empty.` }));
}

/**
 * Checks files and attachment URLs against what the provider takes, before any upstream
 * call: providers that take only URLs refuse files, and files must fit the provider's rules.
 */
export function checkAttachments(
  provider: TicketProvider,
  files: UploadFile[],
  urls: string[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (urls.length && !provider.features.attachmentUrls) {
    errors.push({
      field: 'attachmentUrls',
      message: `Provider "${provider.key}" takes no attachment URLs; send files.`,
    });
  }
  urls.forEach((url, i) => {
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
      errors.push({ field: `attachmentUrls[${i}]`, message: `${quoted(url)} is not an http(s) URL.` });
    }
  });
  if (files.length === 0) return errors;
  const rules = provider.features.uploadFiles;
  if (!rules) {
    errors.push({
      field: 'attachments',
      message: `Provider "${provider.key}" takes no files; use attachmentUrls.`,
    });
    return errors;
  }
  if (files.length > rules.maxFiles) {
    errors.push({
      field: 'attachments',
      message: `Provider "${provider.key}" takes at most ${rules.maxFiles} file(s).`,
    });
  }
  files.forEach((file, i) => {
    const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    if (!rules.extensions.includes(extension)) {
      errors.push({
        field: `attachments[${i}]`,
        message: `${quoted(file.name)}: only ${rules.extensions.join(', ')} files are accepted.`,
      });
    }
    if (file.size > rules.maxBytes) {
      errors.push({
        field: `attachments[${i}]`,
        message: `${quoted(file.name)} is ${file.size} bytes; at most ${rules.maxBytes} are accepted.`,
      });
    }
  });
  return errors;
}

/** Resolves a category id or name (case-insensitive) against the provider's categories. */
export async function resolveCategory(
  provider: TicketProvider,
  wanted: string | null | undefined,
): Promise<{ category: Category | null; errors: FieldError[] }> {
  if (wanted == null || wanted === '') return { category: null, errors: [] };
  const categories = (await provider.categories?.()) ?? [];
  if (categories.length === 0) {
    return {
      category: null,
      errors: [{ field: 'category', message: `Provider "${provider.key}" takes no category.` }],
    };
  }
  const needle = wanted.trim().toLowerCase();
  const found = categories.find((c) => c.id.toLowerCase() === needle || c.name.toLowerCase() === needle);
  if (found) return { category: found, errors: [] };
  const known = categories
    .slice(0, 12)
    .map((c) => c.name)
    .join(', ');
  return {
    category: null,
    errors: [{ field: 'category', message: `Unknown category ${quoted(wanted)}; known: ${known}.` }],
  };
}

/**
 * The uploads as the platform's own `File`, which undici's FormData streams to the provider.
 * The gateway's multipart parser (`src/uploads.ts`) already gives disk-backed platform Files;
 * any other File-like (another parser's) is copied into one.
 */
export async function platformFiles(files: readonly File[] | null | undefined): Promise<File[]> {
  const out: File[] = [];
  for (const file of files ?? []) {
    if (file instanceof File) out.push(file);
    else {
      const upload = file as Pick<File, 'arrayBuffer' | 'name' | 'type'>;
      out.push(new File([await upload.arrayBuffer()], upload.name, { type: upload.type }));
    }
  }
  return out;
}
