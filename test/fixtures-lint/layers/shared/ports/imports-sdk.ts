// Breaks the core rule: a port imports SDKs and a Node I/O built-in, and names an adapter type.
import type { S3Client } from '@aws-sdk/client-s3';
import type { WebApi } from 'azure-devops-node-api';
import type { Server } from 'http';
import type { QueueAdapter } from '../adapters/queue-adapter.js';

/** A port shaped by the SDKs behind it. */
export interface BrokenPort {
  readonly s3: S3Client;
  readonly devops: WebApi;
  readonly server: Server;
  readonly queue: QueueAdapter;
}
