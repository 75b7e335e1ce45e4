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
  let server
  try {
    server = await startServer(config)
  } catch (error) {
    // One line a person can act on, not a stack trace.
    console.error(startFailure(error, config.host, config.port))
    process.exit(1)
  }
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

/** Why the server could not start, in one line. */
function startFailure(error: unknown, host: string, port: number): string {
  const { code, message } = error as NodeJS.ErrnoException
  switch (code) {
    case 'EADDRINUSE':
      return `Alliance Canvas cannot start: port ${port} on ${host} is already in use. Stop the other program or choose another port with PORT=<number>.`
    case 'EACCES':
      return `Alliance Canvas cannot start: no permission to listen on port ${port} on ${host}. Choose a port above 1024 with PORT=<number>.`
    case 'EADDRNOTAVAIL':
      return `Alliance Canvas cannot start: ${host} is not an address of this machine. Set HOST to one that is.`
    default:
      return `Alliance Canvas cannot start: ${message.split('\n')[0]}`
  }
}

void main()
