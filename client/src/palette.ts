/** Presence colours of people who are not parties (party colours come from the server). */
export const FACILITATOR_COLOR = '#334155'
/** Observers: slate, readable (4.5:1) on every card colour and behind white text. */
export const OBSERVER_COLOR = '#475569'
