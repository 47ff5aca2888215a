import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from '../shared/domain/zod.js';

const timeSpan = z
  .string()
  .regex(/^(\d+\.)?\d{2}:\d{2}:\d{2}$/)
  .transform((s) => {
    const [d, rest] = s.includes('.') ? s.split('.') : ['0', s];
    const [h, m, sec] = (rest ?? '').split(':').map(Number);
    return ((Number(d) * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60_000 + (sec ?? 0) * 1000;
  });

const hostJsonSchema = z.object({
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().default('api') }).default({ routePrefix: 'api' }),
      queues: z
        .object({
          maxDequeueCount: z.number().int().min(1).default(5),
          visibilityTimeout: timeSpan.default(0),
          batchSize: z.number().int().min(1).max(32).default(16),
          maxPollingInterval: timeSpan.default(60_000),
        })
        .default({ maxDequeueCount: 5, visibilityTimeout: 0, batchSize: 16, maxPollingInterval: 60_000 }),
    })
    .default({ http: { routePrefix: 'api' }, queues: { maxDequeueCount: 5, visibilityTimeout: 0, batchSize: 16, maxPollingInterval: 60_000 } }),
});

/** The host settings the dev host honours, read from `host.json` with the host's defaults. */
export type HostSettings = z.infer<typeof hostJsonSchema>['extensions'];

/** Read `host.json` from the app root. */
export function readHostJson(appRoot: string): HostSettings {
  return hostJsonSchema.parse(JSON.parse(readFileSync(join(appRoot, 'host.json'), 'utf8'))).extensions;
}
