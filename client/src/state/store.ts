import { useSyncExternalStore } from 'react'

/**
 * A value many components read a small part of. Unlike a React context, a change re-renders
 * only the components whose selected part changed: on a canvas of hundreds of cards, "who is
 * writing where" changing for one card must not re-render the others.
 */
export class ValueStore<T> {
  private readonly listeners = new Set<() => void>()
  constructor(private value: T) {}

  get = (): T => this.value

  set(value: T): void {
    if (Object.is(value, this.value)) return
    this.value = value
    for (const listener of this.listeners) listener()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

const noSubscription = (): (() => void) => () => undefined

/**
 * The part of a store a component shows. `select` must return the same value (`Object.is`)
 * while that part is unchanged. With `active` false it reads nothing and never re-renders.
 */
export function useStore<T, S>(
  store: ValueStore<T>,
  select: (value: T) => S,
  active = true,
): S | undefined {
  const subscribe = active ? store.subscribe : noSubscription
  return useSyncExternalStore(subscribe, () => (active ? select(store.get()) : undefined))
}
