import { Logo } from '../components/Logo'

export function NotFoundPage({
  message = 'There is nothing at this address.',
}: {
  message?: string
}) {
  return (
    <div className="message-page">
      <Logo />
      <main className="panel message-panel">
        <h1>Not here</h1>
        <p>{message}</p>
        <a className="button-primary" href="/">
          Start a new alliance
        </a>
      </main>
    </div>
  )
}
