import client from 'prom-client'

/** Prometheus metrics (prom-client): one registry per server so tests can run several. */
export function createMetrics() {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  const m = {
    registry,
    alliancesLoaded: new client.Gauge({
      name: 'alliance_rooms_loaded',
      help: 'Alliances with a loaded document',
      registers: [registry],
    }),
    connections: new client.Gauge({
      name: 'alliance_ws_connections',
      help: 'Open websocket connections',
      registers: [registry],
    }),
    refused: new client.Counter({
      name: 'alliance_ws_refused_total',
      help: 'Websocket connections closed by the server, by close code',
      labelNames: ['code'],
      registers: [registry],
    }),
    updates: new client.Counter({
      name: 'alliance_updates_total',
      help: 'Document updates durably stored',
      registers: [registry],
    }),
    updateBytes: new client.Counter({
      name: 'alliance_update_bytes_total',
      help: 'Bytes of document updates durably stored',
      registers: [registry],
    }),
    flushSeconds: new client.Histogram({
      name: 'alliance_flush_seconds',
      help: 'Time to durably append one batch of updates',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    flushFailures: new client.Counter({
      name: 'alliance_flush_failures_total',
      help: 'Failed attempts to append updates (retried)',
      registers: [registry],
    }),
    rebuilds: new client.Counter({
      name: 'alliance_doc_rebuilds_total',
      help: 'Documents rebuilt from storage after an update failed half-way through',
      registers: [registry],
    }),
    quarantined: new client.Counter({
      name: 'alliance_quarantined_updates_total',
      help: 'Stored updates that failed to load and were set aside',
      registers: [registry],
    }),
  }
  return m
}
export type Metrics = ReturnType<typeof createMetrics>
