import { distinctInitials } from '../../../shared/src/ops/names'
import type { Peer, PresenceUser } from '../state/usePresence'

/** Who is here: you first, then everyone else connected right now. */
export function PresenceAvatars({ me, peers }: { me: PresenceUser; peers: Peer[] }) {
  const shown = peers.slice(0, 6)
  const more = peers.length - shown.length
  const names = [`${me.name} (you)`, ...peers.map((p) => p.name)]
  // Letters unique among everyone shown: "Facilitator" and "Fatima" are FAC and FAT, not FA twice.
  const [myLetters, ...letters] = distinctInitials([me.name, ...shown.map((p) => p.name)])
  return (
    <div className="avatars" aria-label={`Here now: ${names.join(', ')}`} role="group">
      <span
        className="avatar is-me"
        style={{ background: me.color }}
        title={`${me.name} (you)`}
        aria-hidden="true"
      >
        {myLetters}
      </span>
      {shown.map((peer, i) => (
        <span
          key={peer.clientId}
          className="avatar"
          style={{ background: peer.color }}
          title={`${peer.name}${peer.role === 'observer' ? ' (observing)' : ''}`}
          aria-hidden="true"
        >
          {letters[i]}
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
