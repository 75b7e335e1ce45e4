import type { ReactNode } from 'react'
import { Logo } from './Logo'

/** A whole-page message: a link that does not work, a canvas that cannot open, a wrong address. */
export function MessagePage({
  title,
  children,
  actionLabel = 'Go to the home page',
}: {
  title: string
  children: ReactNode
  actionLabel?: string
}) {
  return (
    <div className="message-page">
      <Logo />
      <main className="panel message-panel">
        <h1>{title}</h1>
        <p>{children}</p>
        <a className="button-primary" href="/">
          {actionLabel}
        </a>
      </main>
    </div>
  )
}
