/*
 * The one import of zod for the whole app. The OpenAPI generator reads metadata through methods it adds to zod's
 * schema classes, and zod 4 binds methods when a schema is created, so the extension must run before any schema
 * exists: every module takes `z` from here (ESLint forbids importing 'zod' directly).
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
// eslint-disable-next-line no-restricted-imports -- this is the sanctioned entry point
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };
