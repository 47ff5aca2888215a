import { backends, DAYS_PER_MONTH, monthly, total, type Backend, type Total } from './cost.js';
import type { Figures } from './figures.js';
import { INSTANCE_GB, type DayAt } from './model.js';
import { cite, int, row, usd } from './markdown.js';
import { limits, prices } from './prices.js';

/*
 * The monthly-cost section of docs/capacity.md: the cost lines at each scale, the total on each Durable backend, the
 * assumptions they rest on, and the price table with its sources.
 */


const backendName: Record<Backend, string> = {
  azureStorage: 'Azure Storage',
  dtsConsumption: 'Durable Task Scheduler, Consumption',
  dtsDedicated: 'Durable Task Scheduler, Dedicated',
};
// A total that leaves a line out is a lower bound, and says so.
const totalCell = (t: Total): string => (t.missing.length === 0 ? `**${usd(t.known)}**` : `≥ ${usd(t.known)}`);

/** The section, from `## Monthly cost` to the price table. */
export function renderCost(f: Figures, at: DayAt[]): string[] {
  const months = at.map(monthly);
  const head = [row(['Per month', ...at.map((a) => `${int(a.pipelines)} pipelines`)]), row(['---', ...at.map(() => '---:')])];
  const line = (name: string, pick: (m: (typeof months)[number]) => string): string => row([name, ...months.map(pick)]);
  const missingPrices = Object.entries(prices).filter(([, p]) => p.value === null).map(([k]) => `\`${k}\``);
  const leftOut = backends.map((b) => ({ b, missing: total(months[0]!, b).missing })).filter((x) => x.missing.length > 0);
  return [
    `## Monthly cost (${DAYS_PER_MONTH} days, Flex Consumption)`,
    '',
    ...head,
    line(`Flex Consumption executions (beyond ${int(prices.flexFreeExecutionsPerMonth.value)} free)`, (m) => usd(m.executions)),
    line(`Flex Consumption GB-s (control-plane floor, beyond ${int(prices.flexFreeGbSecondsPerMonth.value)} free GB-s)`, (m) => usd(m.compute)),
    line('Cosmos DB serverless, the RU consumed (as `bicep/` deploys it)', (m) => usd(m.cosmosServerless)),
    line('Cosmos DB provisioned for the busiest minute instead (400 RU/s minimum)', (m) => usd(m.cosmosProvisioned)),
    line('Azure Storage backend: queue operations', (m) => usd(m.storageQueue)),
    line('Azure Storage backend: table transactions', (m) => usd(m.storageTable)),
    line('Durable Task Scheduler Consumption: actions', (m) => usd(m.dtsConsumption)),
    line('Durable Task Scheduler Dedicated: the capacity units the busiest minute needs', (m) => `${m.cus} CU: ${usd(m.dtsDedicated)}`),
    ...backends.map((b) => line(`**Total on ${backendName[b]}** (Flex + Cosmos DB serverless + backend)`, (m) => totalCell(total(m, b)))),
    '',
    'A `—` is a price the table in `scripts/capacity/prices.ts` does not hold' +
      (missingPrices.length > 0
        ? ` (${missingPrices.join(', ')}): no public page readable when the table was filled gave it. Fill it in from the page cited below and rerun \`npm run capacity\`; the quantities above are what it multiplies.`
        : '.'),
    ...leftOut.map(({ b, missing }) => `A total marked ≥ on ${backendName[b]} leaves out: ${missing.join(', ')}.`),
    '',
    row(['Assumption', 'Value', 'Why']),
    row(['---', '---', '---']),
    row(['Days in a month', String(DAYS_PER_MONTH), "the month of the Cosmos DB billing examples (720 hours)"]),
    row(['Instance memory', `${int(INSTANCE_GB * 1024)} MB`, '`instanceMemoryMB` in `bicep/` (default and both parameter files)']),
    row(['Billed execution time', `${f.orchestration.overheadMsMedian} ms per run`, "`bench:orchestration`'s median control-plane overhead with zero-latency fakes: a floor, since real Airflow, MLflow and Cosmos DB latency adds to it"]),
    row(['Always-ready instances', 'none', 'the free grants apply to on-demand use only']),
    row(['Cosmos DB', 'serverless, one region', '`bicep/modules/cosmos.bicep`; provisioned throughput is shown as the alternative']),
    row(['Azure Storage', 'GPv2, LRS', 'queue operations at the class 1 and 2 rate; blob lease renewals are not counted']),
    row(['Region', 'East US / US non-government', 'as each source gives it (the queue price is West US); prices differ by region']),
    '',
    row(['Price or limit', 'Value', 'Unit', 'Source']),
    row(['---', '---:', '---', '---']),
    ...Object.entries({ ...prices, ...limits }).map(([k, p]) =>
      row([`\`${k}\``, p.value === null ? '—' : String(p.value), p.unit + ('note' in p && p.note ? ` (${p.note})` : ''), cite(p)]),
    ),
    '',
  ];
}
