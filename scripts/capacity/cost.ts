import type { DayAt } from './model.js';
import { limits, prices } from './prices.js';

/*
 * What a month at some scale costs, from the price table. A line whose price the table does not hold is null, and a
 * total adds only the lines it knows and names the ones it leaves out, so a missing price never reads as zero.
 */

/** The month of the Cosmos DB billing examples (24 hours × 30 days). */
export const DAYS_PER_MONTH = 30;

/** USD, or null where the table has no price. */
export type Usd = number | null;

/** The monthly cost lines of one scale. */
export interface Monthly {
  executions: Usd;
  compute: Usd;
  cosmosServerless: Usd;
  cosmosProvisioned: Usd;
  storageQueue: Usd;
  storageTable: Usd;
  dtsConsumption: Usd;
  dtsDedicated: Usd;
  cus: number;
}

export const backends = ['azureStorage', 'dtsConsumption', 'dtsDedicated'] as const;
export type Backend = (typeof backends)[number];

/** A total over the known lines, and the lines it leaves out. */
export interface Total {
  known: number;
  missing: string[];
}

const per = (qty: number, price: number | null, unit: number): Usd => (price === null ? null : (qty / unit) * price);
// Free grants are monthly and apply to on-demand use only; an unknown grant subtracts nothing.
const beyond = (qty: number, grant: number | null): number => (grant === null ? qty : Math.max(0, qty - grant));

/** Monthly cost lines for a day at some scale. */
export function monthly(a: DayAt): Monthly {
  const m = DAYS_PER_MONTH;
  const cus = Math.max(1, Math.ceil(a.peakActionsPerSecond / limits.dtsDedicatedActionsPerSecondPerCu.value));
  const provisioned = Math.max(400, Math.ceil(a.cosmosPeakRuPerSecond / 100) * 100);
  return {
    executions: per(beyond(a.executions * m, prices.flexFreeExecutionsPerMonth.value), prices.flexPer10Executions.value, 10),
    compute: per(beyond(a.gbSeconds * m, prices.flexFreeGbSecondsPerMonth.value), prices.flexGbSecond.value, 1),
    cosmosServerless: per(a.cosmosRuPerDay * m, prices.cosmosServerlessPerMillionRu.value, 1e6),
    cosmosProvisioned: per(provisioned * 24 * m, prices.cosmosRuPerSecondHour.value, 100),
    storageQueue: per(a.queueTransactions * m, prices.storageQueuePer10k.value, 1e4),
    storageTable: per(a.tableTransactions * m, prices.storageTablePer10k.value, 1e4),
    dtsConsumption: per(a.durableActions * m, prices.dtsConsumptionPerMillionActions.value, 1e6),
    dtsDedicated: per(cus, prices.dtsDedicatedCuMonth.value, 1),
    cus,
  };
}

/** The lines of a month on one Durable backend: Flex Consumption, Cosmos DB as deployed (serverless), the backend. */
export function linesOf(mo: Monthly, backend: Backend): [string, Usd][] {
  const common: [string, Usd][] = [
    ['Flex Consumption executions', mo.executions],
    ['Flex Consumption GB-s', mo.compute],
    ['Cosmos DB serverless', mo.cosmosServerless],
  ];
  const own: Record<Backend, [string, Usd][]> = {
    azureStorage: [
      ['Azure Storage queue operations', mo.storageQueue],
      ['Azure Storage table transactions', mo.storageTable],
    ],
    dtsConsumption: [['Durable Task Scheduler actions', mo.dtsConsumption]],
    dtsDedicated: [['Durable Task Scheduler capacity units', mo.dtsDedicated]],
  };
  return [...common, ...own[backend]];
}

/** The total of a month on one backend. */
export function total(mo: Monthly, backend: Backend): Total {
  const lines = linesOf(mo, backend);
  return {
    known: lines.reduce((sum, [, usd]) => sum + (usd ?? 0), 0),
    missing: lines.filter(([, usd]) => usd === null).map(([name]) => name),
  };
}
