// Prometheus metrics of one process: HTTP requests and latency per route, and statements
// stored. A registry per app, so tests that build several apps do not collide.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  /** Incremented by the statement store for every statement it writes. */
  statementsStored: Counter<'tenant'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jejak_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'jejak_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'jejak_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route template',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    statementsStored: new Counter({
      name: 'jejak_xapi_statements_stored_total',
      help: 'xAPI statements stored by this process, by tenant id',
      labelNames: ['tenant'],
      registers: [registry],
    }),
  };
}
