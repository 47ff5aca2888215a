/*
 * The one import of zod for the whole app. The OpenAPI generator reads metadata through methods it adds to zod's
 * schema classes, and zod 4 binds methods when a schema is created, so the extension must run before any schema
 * exists: every module takes `z` from here (ESLint forbids importing 'zod' directly).
 */
import { extendZodWithOpenApi, type ZodOpenAPIMetadata } from '@asteasolutions/zod-to-openapi';
// eslint-disable-next-line no-restricted-imports -- this is the sanctioned entry point
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };

/**
 * A record with 1-`maxKeyLength`-character keys and at most `maxEntries` entries, both stated in the OpenAPI
 * document (`propertyNames`, `maxProperties`, which the generator does not derive from a record's key schema), so a
 * request valid by the document is one the schema accepts.
 */
export function boundedRecord<V extends z.ZodType>(value: V, opts: { maxKeyLength: number; maxEntries: number; what: string }) {
  const meta = { propertyNames: { minLength: 1, maxLength: opts.maxKeyLength }, maxProperties: opts.maxEntries } as Partial<ZodOpenAPIMetadata>;
  return z
    .record(z.string().min(1).max(opts.maxKeyLength), value)
    .refine((m) => Object.keys(m).length <= opts.maxEntries, `at most ${opts.maxEntries} ${opts.what}`)
    .openapi(meta);
}
