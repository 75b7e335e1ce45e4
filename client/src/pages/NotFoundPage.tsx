import { MessagePage } from '../components/MessagePage'

export function NotFoundPage({
  message = 'There is nothing at this address.',
}: {
  message?: string
}) {
  return (
    <MessagePage title="Not here" actionLabel="Start a new alliance">
      {message}
    </MessagePage>
  )
}
