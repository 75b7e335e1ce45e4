import { useEffect, useRef, useState, type FormEvent } from 'react'
import { PARTY_NAME_MAX, type Link, type PartyLink } from '../../../shared/src/protocol/api'
import type { PartyView } from '../../../shared/src/schema/parties'
import { api, ApiError } from '../api'
import { saveAlliance, savedAlliance, type SavedLinks } from '../session'

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard permission (or not a secure context): fall back to a hidden textarea.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.append(area)
    area.select()
    const ok = document.execCommand('copy')
    area.remove()
    return ok
  }
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      className="button-quiet copy-button"
      aria-label={label}
      onClick={async () => {
        if (await copyText(text)) {
          setCopied(true)
          setTimeout(() => setCopied(false), 1500)
        }
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  )
}

interface LinkRowProps {
  name: string
  color?: string
  link: Link | null
  note?: string
  onNewLink(): Promise<void>
  onRemove?: () => Promise<void>
}

/** One person's link with Copy; New link (the old one stops working) and Remove behind it. */
function LinkRow({ name, color, link, note, onNewLink, onRemove }: LinkRowProps) {
  const [confirm, setConfirm] = useState<'link' | 'remove' | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true)
    try {
      await action()
      setConfirm(null)
    } finally {
      setBusy(false)
    }
  }
  return (
    <li className="link-row">
      <span className="link-name">
        {color && <span className="party-dot" style={{ background: color }} aria-hidden="true" />}
        {name}
        {note && <span className="link-note">{note}</span>}
      </span>
      {link ? (
        <input
          readOnly
          value={link.url}
          aria-label={`${name} link`}
          onFocus={(e) => e.currentTarget.select()}
        />
      ) : (
        <span className="hint">
          Link made on another device. Make a new one to share it from here.
        </span>
      )}
      <span className="link-actions">
        {link && <CopyButton text={link.url} label={`Copy ${name}’s link`} />}
        <button
          type="button"
          className="button-quiet"
          aria-label={`New link for ${name}`}
          onClick={() => setConfirm('link')}
        >
          New link
        </button>
        {onRemove && (
          <button
            type="button"
            className="button-quiet"
            aria-label={`Remove ${name}`}
            onClick={() => setConfirm('remove')}
          >
            Remove
          </button>
        )}
      </span>
      {confirm && (
        <div
          className="confirm link-confirm"
          role="alertdialog"
          aria-label={confirm === 'link' ? `New link for ${name}` : `Remove ${name}`}
        >
          <p>
            {confirm === 'link'
              ? `${name}’s current link will stop working at once; anyone using it is disconnected.`
              : `${name} will no longer be a party: their link stops working and their agreement no longer counts. Their cards stay on the canvas, in a “Former party” column.`}
          </p>
          <div className="confirm-actions">
            <button
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={() => run(confirm === 'link' ? onNewLink : onRemove!)}
            >
              {confirm === 'link' ? 'Make a new link' : `Remove ${name}`}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  )
}

/**
 * The facilitator's share panel: one link per party, the observer link, and adding a party.
 * The server keeps only hashes of the links, so they are shown from this browser's copy.
 */
export function SharePanel({
  allianceId,
  token,
  parties,
  myPartyId,
  onClose,
}: {
  allianceId: string
  token: string
  parties: PartyView[]
  /** The party this browser takes part as: replacing its link reconnects with the new one. */
  myPartyId: string | null
  onClose(): void
}) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [links, setLinks] = useState(() => savedAlliance(allianceId)?.links ?? null)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  const keep = (patch: Partial<SavedLinks>): void => {
    const next: SavedLinks = { parties: [], ...links, ...patch }
    setLinks(next)
    saveAlliance({ id: allianceId, links: next })
  }
  const linkFor = (id: string): PartyLink | null => links?.parties.find((p) => p.id === id) ?? null
  const everyone = [
    ...parties.flatMap((p) => (linkFor(p.id) ? [`${p.name}: ${linkFor(p.id)!.url}`] : [])),
    ...(links?.observer ? [`Observers: ${links.observer.url}`] : []),
  ].join('\n')

  const failed = (err: unknown, fallback: string): void =>
    setError(err instanceof ApiError ? err.message : fallback)

  async function newPartyLink(party: PartyView): Promise<void> {
    setError(null)
    try {
      const link = await api.rotateLink(allianceId, token, { role: 'party', partyId: party.id })
      const others = (links?.parties ?? []).filter((p) => p.id !== party.id)
      keep({ parties: [...others, { ...party, ...link }] })
      if (party.id === myPartyId) {
        // This browser took part with the old link: continue with the new one.
        saveAlliance({ id: allianceId, asPartyToken: link.token })
        window.location.reload()
      }
    } catch (err) {
      failed(err, 'Could not make a new link.')
    }
  }

  async function newObserverLink(): Promise<void> {
    setError(null)
    try {
      const link = await api.rotateLink(allianceId, token, { role: 'observer' })
      keep({ observer: link })
    } catch (err) {
      failed(err, 'Could not make a new link.')
    }
  }

  async function removeParty(party: PartyView): Promise<void> {
    setError(null)
    try {
      await api.removeParty(allianceId, token, party.id)
      keep({ parties: (links?.parties ?? []).filter((p) => p.id !== party.id) })
    } catch (err) {
      failed(err, 'Could not remove the party.')
    }
  }

  async function addParty(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!name.trim()) return
    setBusy(true)
    setError(null)
    try {
      const party = await api.addParty(allianceId, token, name.trim())
      keep({ parties: [...(links?.parties ?? []), party] })
      setName('')
    } catch (err) {
      failed(err, 'Could not add the party.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="share-dialog"
      aria-labelledby="share-title"
      onClose={onClose}
    >
      <header className="dialog-header">
        <h2 id="share-title">Share this alliance</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          onClick={() => dialogRef.current?.close()}
        >
          ×
        </button>
      </header>
      <p className="hint">
        Each party opens their own link: no sign-up. Paste them in the call’s chat. Anyone with a
        link can open the canvas as that person, so send each one only to its owner.
      </p>
      <h3>Parties</h3>
      <ul className="link-list">
        {parties.map((p) => (
          <LinkRow
            key={p.id}
            name={p.name}
            color={p.color}
            link={linkFor(p.id)}
            note={p.id === myPartyId ? 'you' : undefined}
            onNewLink={() => newPartyLink(p)}
            // Removing the party this browser is would cut this very connection; not offered.
            onRemove={parties.length > 1 && p.id !== myPartyId ? () => removeParty(p) : undefined}
          />
        ))}
      </ul>
      {everyone && (
        <div className="share-all">
          <CopyButton text={everyone} label="Copy every link, with names" />
          <span className="hint">Copies every party’s link with their name, ready for a chat.</span>
        </div>
      )}
      <h3>Observers</h3>
      <ul className="link-list">
        <LinkRow
          name="Observer"
          link={links?.observer ?? null}
          note="can watch, cannot edit"
          onNewLink={newObserverLink}
        />
      </ul>
      {links?.facilitator && (
        <>
          <h3>Facilitator</h3>
          <ul className="link-list">
            <li className="link-row">
              <span className="link-name">
                Facilitator<span className="link-note">keep this one to yourself</span>
              </span>
              <input
                readOnly
                value={links.facilitator.url}
                aria-label="Facilitator link"
                onFocus={(e) => e.currentTarget.select()}
              />
              <span className="link-actions">
                <CopyButton text={links.facilitator.url} label="Copy the facilitator link" />
              </span>
            </li>
          </ul>
        </>
      )}
      <form className="add-party" onSubmit={addParty}>
        <label className="field">
          <span className="field-label">Add a party</span>
          <input
            value={name}
            maxLength={PARTY_NAME_MAX}
            placeholder="Name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="button-primary" disabled={busy || !name.trim()}>
          Add
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </dialog>
  )
}
