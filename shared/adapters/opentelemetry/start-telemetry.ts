import { ManagedIdentityCredential } from '@azure/identity';
import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TelemetryConfig } from '../../config/config.js';
import { RunIdSpanProcessor } from './run-id-span-processor.js';

/*
 * Where spans go, decided once per process from the config (docs/observability.md):
 *   - Application Insights through the Azure Monitor OpenTelemetry distro when APPLICATIONINSIGHTS_CONNECTION_STRING
 *     is set (Azure); its own HTTP and Azure SDK instrumentations, plus fetch's (undici), which the REST adapters use;
 *   - else an OTLP/HTTP endpoint when OTEL_EXPORTER_OTLP_ENDPOINT is set, or the console when OTEL_TRACES_CONSOLE is
 *     true (locally);
 *   - else nothing: no provider is registered and the API's calls stay no-ops.
 * Every choice registers the W3C trace-context propagator, so outbound fetch calls carry `traceparent`.
 */

/** What was started: `none` when telemetry is off. */
export type TelemetryTarget = 'azure-monitor' | 'otlp' | 'console' | 'none';

/**
 * Fetch (undici) spans with `traceparent` headers: the Airflow, MLflow and registry adapters' calls. An
 * instrumentation enables itself when made, over the global provider.
 */
const instrumentFetch = (): void => void new UndiciInstrumentation();

/** Who emits the spans: Application Insights shows `service.name` as the cloud role, OTLP back ends as the service. */
export interface ServiceIdentity {
  name: string;
  version: string;
}

/** The process's resource: without it every span says `unknown_service:<node's path>`. */
const resourceOf = (service: ServiceIdentity): Resource => resourceFromAttributes({ 'service.name': service.name, 'service.version': service.version });

/** Start telemetry for this process (call once, before the first request). */
export function startTelemetry(config: TelemetryConfig, service: ServiceIdentity): TelemetryTarget {
  if (config.connectionString !== undefined) {
    // With local auth disabled (as deployed) the connection string alone cannot write: the identity's token is needed.
    const credential = config.entra ? { credential: new ManagedIdentityCredential(config.entra.clientId !== undefined ? { clientId: config.entra.clientId } : {}) } : {};
    useAzureMonitor({
      resource: resourceOf(service),
      azureMonitorExporterOptions: { connectionString: config.connectionString, ...credential },
      spanProcessors: [new RunIdSpanProcessor()],
    });
    instrumentFetch();
    return 'azure-monitor';
  }
  const exporter = config.otlpEndpoint !== undefined ? new OTLPTraceExporter() : config.console ? new ConsoleSpanExporter() : null;
  if (!exporter) return 'none';
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _HEADERS) itself, as the specification says.
  registerTracing([config.otlpEndpoint !== undefined ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter)], { fetch: true, service });
  return config.otlpEndpoint !== undefined ? 'otlp' : 'console';
}

/**
 * Register a tracer provider over `processors` (the run-id processor first) as the global one, with the W3C
 * propagator and the AsyncLocalStorage context manager; with `fetch`, instrument fetch too. Tests pass an in-memory
 * exporter's processor here. Returns the provider, whose `shutdown` flushes and stops it.
 */
export function registerTracing(processors: SpanProcessor[], opts: { fetch?: boolean; service?: ServiceIdentity } = {}): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    spanProcessors: [new RunIdSpanProcessor(), ...processors],
    ...(opts.service !== undefined ? { resource: resourceOf(opts.service) } : {}),
  });
  provider.register();
  if (opts.fetch) instrumentFetch();
  return provider;
}
