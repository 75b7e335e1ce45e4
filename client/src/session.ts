import type { CreateAllianceResponse, Link, PartyLink, Role } from '../../shared/src/protocol/api'

/**
 * What this browser remembers about alliances it has opened: the link it used, and for the
 * person who created one, every link (the server keeps only hashes, so it cannot show them
 * again). Kept in localStorage, never sent anywhere.
 */
export interface SavedAlliance {
  id: string
  title: string
  role: Role
  token: string
  openedAt: string
  /** The creator's copy of every link (and any made since on this device). */
  links?: SavedLinks
  /** The party token of a creator who also takes part (a coach is facilitator and party). */
  asPartyToken?: string
  /** Where its agreement stood when last seen here: "v2 agreed", "v2 agreed, changed since", "draft". */
  agreement?: string
}

/** Links this browser knows; the server keeps only their hashes. */
export interface SavedLinks {
  facilitator?: Link
  observer?: Link
  parties: PartyLink[]
}

const KEY = 'alliance-canvas:alliances'

function readAll(): Record<string, SavedAlliance> {
  try {
    const raw = localStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as Record<string, SavedAlliance>) : {}
  } catch {
    // Unreadable storage (private mode, corrupt JSON) just means nothing is remembered.
    return {}
  }
}

function writeAll(all: Record<string, SavedAlliance>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(all))
  } catch {
    // Storage full or disabled: remembering is a convenience, not a requirement.
  }
}

export function savedAlliance(id: string): SavedAlliance | null {
  return readAll()[id] ?? null
}

export function saveAlliance(entry: Partial<SavedAlliance> & { id: string }): void {
  const all = readAll()
  const merged = { ...all[entry.id], ...entry } as SavedAlliance
  all[entry.id] = merged
  writeAll(all)
}

/** Every alliance opened on this device, most recent first (all of them: none drop off). */
export function recentAlliances(): SavedAlliance[] {
  // An entry without a link yet (its agreement noted before the alliance answered) is not listed.
  return Object.values(readAll())
    .filter((a) => typeof a.token === 'string' && typeof a.openedAt === 'string')
    .sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1))
}

/** Forgets an alliance on this device (its links too: the server cannot show them again). */
export function forgetAlliance(id: string): void {
  const all = readAll()
  delete all[id]
  writeAll(all)
}

/** The agreement state to remember for the home page's list. */
export function agreementLabel(
  versions: Array<{ n: number; contentHash: string }>,
  draftHash: string | null,
): string {
  const latest = versions[versions.length - 1]
  if (!latest) return 'draft, not agreed yet'
  return latest.contentHash === draftHash
    ? `v${latest.n} agreed`
    : `v${latest.n} agreed, changed since`
}

export function rememberCreated(
  created: CreateAllianceResponse,
  asPartyToken: string | null,
): void {
  saveAlliance({
    id: created.id,
    title: created.title,
    role: 'facilitator',
    token: created.facilitator.token,
    openedAt: new Date().toISOString(),
    links: {
      facilitator: created.facilitator,
      observer: created.observer,
      parties: created.parties,
    },
    ...(asPartyToken ? { asPartyToken } : {}),
  })
}

/** The token in the URL fragment (`#k=…`): capability links never send it to the server. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  return params.get('k')
}

const JUST_CREATED = 'alliance-canvas:just-created'

/** Marks an alliance as just created in this tab, so its canvas opens with the share panel. */
export function markJustCreated(id: string): void {
  try {
    sessionStorage.setItem(JUST_CREATED, id)
  } catch {
    // Without session storage the share panel simply stays closed until asked for.
  }
}

/** True once, right after this tab created the alliance. */
export function takeJustCreated(id: string): boolean {
  try {
    if (sessionStorage.getItem(JUST_CREATED) !== id) return false
    sessionStorage.removeItem(JUST_CREATED)
    return true
  } catch {
    return false
  }
}
