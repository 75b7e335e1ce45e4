import { loadConfig } from './config'
import { startServer } from './server'

/** `npm start`: configuration from the environment, graceful stop on SIGTERM and SIGINT. */
async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    console.error((error as Error).message)
    process.exit(2)
  }
  const server = await startServer(config)
  server.logger.info(
    { url: config.publicUrl ?? server.url, dataDir: config.dataDir },
    `Alliance Canvas is running at ${config.publicUrl ?? server.url}`,
  )

  const stop = (signal: string): void => {
    server.logger.info({ signal }, 'stopping: storing pending edits and closing connections')
    const force = setTimeout(() => {
      server.logger.error('graceful stop took too long; exiting')
      process.exit(1)
    }, 9000)
    force.unref()
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'error while stopping')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}

void main()
