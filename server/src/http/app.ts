import fs from 'node:fs'
import path from 'node:path'
import express, { type Request, type Response } from 'express'
import helmet from 'helmet'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { alliancesRouter, type RouterDeps } from './alliancesRouter'
import { errorHandler, notFound } from './errors'

export interface AppDeps extends Omit<RouterDeps, 'baseUrl'> {
  logger: Logger
  metrics: Metrics
  publicUrl: string | null
  /** The built client (vite build output); served with an index.html fallback for /a/:id. */
  clientDir: string
  health(): { ok: boolean; alliancesLoaded: number; connections: number; storage: 'ok' | 'failing' }
}

/** The Express app: security headers, health, metrics, the REST API, the built client. */
export function createApp(deps: AppDeps): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': null,
        },
      },
      // Tokens ride in URL fragments, which browsers never send; no-referrer keeps even the
      // alliance id out of other sites' logs when someone clicks a link inside a card.
      referrerPolicy: { policy: 'no-referrer' },
    }),
  )
  app.use('/api', (req, res, next) => {
    const start = process.hrtime.bigint()
    // The path without its query string; tokens travel in headers, which are never logged.
    const path = req.originalUrl.split('?')[0]
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      deps.logger.info(
        { method: req.method, path, status: res.statusCode, ms: Math.round(ms) },
        'request',
      )
    })
    next()
  })

  app.get('/healthz', (_req, res) => {
    const health = deps.health()
    res.status(health.ok ? 200 : 503).json(health)
  })
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', deps.metrics.registry.contentType)
    res.send(await deps.metrics.registry.metrics())
  })

  const baseUrl = (req: Request): string => deps.publicUrl ?? `${req.protocol}://${req.get('host')}`
  app.use('/api', express.json({ limit: '32kb' }), alliancesRouter({ ...deps, baseUrl }))
  app.use('/api', notFound)

  const index = path.join(deps.clientDir, 'index.html')
  const hasClient = fs.existsSync(index)
  // A page route the request cannot name (a bad percent-escape): the app, with the status, shows
  // its "not here" page for any path it does not know.
  const page = (res: Response, status: number): void => {
    if (!hasClient) {
      res.status(status).type('text').send('There is nothing at this address.')
      return
    }
    res.status(status).set('Cache-Control', 'no-cache').sendFile(index)
  }
  if (hasClient) {
    app.use(express.static(deps.clientDir, { index: false, maxAge: '1h' }))
    app.get('/{*splat}', (_req, res) => {
      res.set('Cache-Control', 'no-cache')
      res.sendFile(index)
    })
  } else {
    app.get('/{*splat}', (_req, res) => {
      res
        .status(503)
        .type('text')
        .send('The client is not built yet: run "npm run build" (npm start does it for you).')
    })
  }
  app.use(errorHandler(deps.logger, page))
  return app
}
