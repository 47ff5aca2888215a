/*
 * Every price and published limit the capacity model uses, in one table so that updating them is one edit. Each
 * entry names the page it comes from and the day it was read. A price that could not be read from a public page when
 * the table was last updated is `null`: the model then shows the quantity that price would multiply, and no cost.
 */

/** A price or limit and where it was read. */
export interface Sourced {
  value: number | null;
  unit: string;
  source: string;
  read: string;
  note?: string;
}

const FUNCTIONS_PRICING = 'https://azure.microsoft.com/pricing/details/functions/';
const DTS_PRICING = 'https://azure.microsoft.com/pricing/details/durable-task-scheduler/';
const DTS_BILLING = 'https://learn.microsoft.com/azure/azure-functions/durable/durable-task-scheduler/durable-task-scheduler-billing';
const STORAGE_PROVIDER = 'https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-azure-storage-provider';
const RU_PAGE = 'https://learn.microsoft.com/azure/cosmos-db/understand-request-unit-consumption';
const COSMOS_BILL = 'https://learn.microsoft.com/azure/cosmos-db/understand-your-bill';
// A third-party page that quotes the Azure Retail Prices API's Flex Consumption meters (eastus) as read on 2026-07-30.
const RETAIL_API_QUOTE = 'https://github.com/HybridCloudWorks/HCW-HybridCloudWorks/blob/adfa884d72532ff95f7c42ba5a4cab9fd9cd8217/Architecture_Plan.md';
const READ = '2026-11-30';

export const prices = {
  flexGbSecond: {
    value: 0.000026,
    unit: 'USD per GB-s of on-demand instance memory (East US)',
    source: 'https://modal.com/blog/azure-function-pricing-guide',
    read: READ,
    note: `quoted there from ${FUNCTIONS_PRICING} (May 22, 2025); ${RETAIL_API_QUOTE} quotes the same rate from the Azure Retail Prices API (eastus, On Demand Execution Time, 2026-07-30)`,
  },
  flexPer10Executions: {
    value: 0.000004,
    unit: 'USD per 10 on-demand executions (East US)',
    source: RETAIL_API_QUOTE,
    read: READ,
    note: 'quoted there from the Azure Retail Prices API, meter On Demand Total Executions (eastus, 2026-07-30)',
  },
  flexFreeGbSecondsPerMonth: {
    value: 100_000,
    unit: 'GB-s of on-demand execution time free each month (none for always-ready instances)',
    source: 'https://github.com/infracost/infracost/pull/3599',
    read: READ,
    note: 'quoted there from the Azure Retail Prices API (2026-07-30)',
  },
  flexFreeExecutionsPerMonth: {
    value: 250_000,
    unit: 'on-demand executions free each month (none for always-ready instances)',
    source: 'https://github.com/infracost/infracost/pull/3599',
    read: READ,
    note: 'quoted there from the Azure Retail Prices API (2026-07-30)',
  },
  dtsConsumptionPerMillionActions: { value: null, unit: 'USD per million actions (Consumption SKU)', source: DTS_PRICING, read: READ },
  dtsDedicatedCuMonth: { value: null, unit: 'USD per capacity unit per month (Dedicated SKU)', source: DTS_PRICING, read: READ },
  storageQueuePer10k: {
    value: 0.004,
    unit: 'USD per 10,000 queue operations, class 1 and class 2 (GPv2, LRS, West US)',
    source: 'https://github.com/infracost/infracost/blob/01c59b17a6fbaab511ccab5fb75ce760ad694eef/internal/providers/terraform/azure/testdata/storage_queue_test/storage_queue_test.golden',
    read: READ,
    note: "worked out from that test's output, priced from the Azure Retail Prices API: $0.80 for 200 × 10,000 class 1 and $1.60 for 400 × 10,000 class 2 operations",
  },
  storageTablePer10k: { value: null, unit: 'USD per 10,000 table transactions (GPv2, LRS)', source: 'https://azure.microsoft.com/pricing/details/storage/tables/', read: READ },
  cosmosServerlessPerMillionRu: {
    value: 0.25,
    unit: 'USD per million RU consumed (serverless account, as bicep/ deploys)',
    source: COSMOS_BILL,
    read: READ,
    note: "the page's serverless billing example, priced for a US non-government region",
  },
  cosmosRuPerSecondHour: {
    value: 0.008,
    unit: 'USD per 100 RU/s provisioned per hour (single write region)',
    source: COSMOS_BILL,
    read: READ,
    note: "the page's provisioned-throughput billing examples, priced for a US non-government region",
  },
} satisfies Record<string, Sourced>;

export const limits = {
  dtsConsumptionActionsPerSecond: { value: 500, unit: 'actions/s (Consumption SKU)', source: DTS_BILLING, read: READ },
  dtsDedicatedActionsPerSecondPerCu: { value: 2000, unit: 'actions/s per capacity unit, up to 3 CUs', source: DTS_BILLING, read: READ },
  storagePartitionsDefault: { value: 4, unit: 'control-queue partitions (partitionCount default; at most 16)', source: STORAGE_PROVIDER, read: READ },
  storagePartitionsMax: { value: 16, unit: 'control-queue partitions at most', source: STORAGE_PROVIDER, read: READ },
  storagePollSeconds: { value: 30, unit: 's, the longest idle queue-polling delay (maxQueuePollingInterval default)', source: STORAGE_PROVIDER, read: READ },
  cosmosLogicalPartitionRuPerSecond: { value: 10_000, unit: 'RU/s per logical partition', source: 'https://learn.microsoft.com/azure/cosmos-db/partitioning-overview', read: READ },
  cosmosLogicalPartitionGb: { value: 20, unit: 'GB per logical partition', source: 'https://learn.microsoft.com/azure/cosmos-db/concepts-limits', read: READ },
  airflowParallelism: { value: 32, unit: 'task instances running at once per scheduler ([core] parallelism default)', source: 'https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html', read: READ },
  airflowMaxActiveRunsPerDag: { value: 16, unit: 'active runs of one DAG ([core] max_active_runs_per_dag default)', source: 'https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html', read: READ },
} satisfies Record<string, Sourced>;

/** Cosmos DB RU of a point read and of a write by document size (KB), from the table on the RU page. */
export const ruBySize: { kb: number; read: number; write: number }[] = [
  { kb: 1, read: 1.0, write: 4.95 },
  { kb: 2, read: 1.04, write: 6.29 },
  { kb: 4, read: 1.14, write: 6.67 },
  { kb: 8, read: 1.33, write: 7.04 },
  { kb: 16, read: 1.67, write: 9.52 },
  { kb: 32, read: 2.19, write: 11.23 },
  { kb: 64, read: 4.76, write: 22.67 },
];
export const ruSource = { source: RU_PAGE, read: READ };
