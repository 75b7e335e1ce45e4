import { useSyncExternalStore } from 'react'

/** Two routes do not need a router library: the path, and a way to change it. */
const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  window.addEventListener('hashchange', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
    window.removeEventListener('hashchange', listener)
  }
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

/** The fragment: alliance links carry their key there, and pasting another link changes only it. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash)
}

export function navigate(url: string): void {
  window.history.pushState(null, '', url)
  for (const listener of listeners) listener()
}
