import type { Peer, PresenceUser } from '../state/usePresence'

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase()
  return (words[0]![0]! + words[words.length - 1]![0]!).toUpperCase()
}

/** Who is here: you first, then everyone else connected right now. */
export function PresenceAvatars({ me, peers }: { me: PresenceUser; peers: Peer[] }) {
  const shown = peers.slice(0, 6)
  const more = peers.length - shown.length
  const names = [`${me.name} (you)`, ...peers.map((p) => p.name)]
  return (
    <div className="avatars" aria-label={`Here now: ${names.join(', ')}`} role="group">
      <span
        className="avatar is-me"
        style={{ background: me.color }}
        title={`${me.name} (you)`}
        aria-hidden="true"
      >
        {initials(me.name)}
      </span>
      {shown.map((peer) => (
        <span
          key={peer.clientId}
          className="avatar"
          style={{ background: peer.color }}
          title={`${peer.name}${peer.role === 'observer' ? ' (observing)' : ''}`}
          aria-hidden="true"
        >
          {initials(peer.name)}
        </span>
      ))}
      {more > 0 && (
        <span className="avatar avatar-more" aria-hidden="true">
          +{more}
        </span>
      )}
    </div>
  )
}
