import { useSyncExternalStore } from 'react'

/** Two routes do not need a router library: the path, and a way to change it. */
const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

export function navigate(url: string): void {
  window.history.pushState(null, '', url)
  for (const listener of listeners) listener()
}
