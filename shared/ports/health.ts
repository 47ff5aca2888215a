/** The state of one dependency as reported by `GET /api/health`. */
export interface DependencyHealth {
  name: string;
  status: 'up' | 'down' | 'not-configured';
  latencyMs?: number;
  detail?: string;
}

/** Anything whose reachability `GET /api/health` reports. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<DependencyHealth>;
}
