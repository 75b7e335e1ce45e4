/** The × that closes a notice; one look and one accessible name everywhere. */
export function DismissButton({ onDismiss }: { onDismiss(): void }) {
  return (
    <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
      ×
    </button>
  )
}
