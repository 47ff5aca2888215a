import { z } from '../zod.js';
import { hookOutcomeSchema } from './event.js';

/**
 * One service-hook delivery as received: the answer to "did Azure DevOps call us, and what came of it?" — including
 * deliveries that name no pipeline (an unknown repository, an event type nobody acts on). Its id derives from the
 * event id, so a redelivery (or another subscription's delivery of the same event) finds it and starts nothing.
 */
export const hookDeliverySchema = z.object({
  id: z.string().min(1).max(255),
  source: z.literal('azure-devops'),
  eventType: z.string().max(128),
  eventId: z.string().max(64).optional(),
  notificationId: z.number().int().nonnegative().optional(),
  subscriptionId: z.string().max(64).optional(),
  /** `accepted`: queued to be acted on; `ignored`: nothing to do; `rejected`: the payload was not valid. */
  decision: z.enum(['accepted', 'ignored', 'rejected']),
  detail: z.string().max(2000).optional(),
  receivedAt: z.iso.datetime(),
  processedAt: z.iso.datetime().optional(),
  /** What the delivery did for each pipeline it concerned (once acted on). */
  outcomes: z.array(hookOutcomeSchema).max(100).default([]),
});
export type HookDelivery = z.infer<typeof hookDeliverySchema>;

/** The delivery record's id for an event (the same for every delivery of that event). */
export const deliveryIdOf = (eventId: string): string => `ado~${eventId.toLowerCase()}`;
