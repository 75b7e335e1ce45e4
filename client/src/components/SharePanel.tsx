import { useEffect, useRef, useState, type FormEvent } from 'react'
import { PARTY_NAME_MAX, type Link, type PartyLink } from '../../../shared/src/protocol/api'
import type { PartyView } from '../../../shared/src/schema/parties'
import { api, ApiError } from '../api'
import { saveAlliance, savedAlliance } from '../session'

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

function LinkRow({
  name,
  color,
  link,
  note,
}: {
  name: string
  color?: string
  link: Link
  note?: string
}) {
  return (
    <li className="link-row">
      <span className="link-name">
        {color && <span className="party-dot" style={{ background: color }} aria-hidden="true" />}
        {name}
        {note && <span className="link-note">{note}</span>}
      </span>
      <input
        readOnly
        value={link.url}
        aria-label={`${name} link`}
        onFocus={(e) => e.currentTarget.select()}
      />
      <CopyButton text={link.url} label={`Copy ${name}’s link`} />
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
  onClose,
}: {
  allianceId: string
  token: string
  parties: PartyView[]
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

  const linkFor = (id: string): PartyLink | undefined => links?.parties.find((p) => p.id === id)
  const everyone = links
    ? [
        ...parties.flatMap((p) => (linkFor(p.id) ? [`${p.name}: ${linkFor(p.id)!.url}`] : [])),
        `Observers: ${links.observer.url}`,
      ].join('\n')
    : ''

  async function addParty(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!name.trim()) return
    setBusy(true)
    setError(null)
    try {
      const party = await api.addParty(allianceId, token, name.trim())
      if (links) {
        const next = { ...links, parties: [...links.parties, party] }
        setLinks(next)
        saveAlliance({ id: allianceId, links: next })
      }
      setName('')
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not add the party.')
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
      {links ? (
        <>
          <h3>Parties</h3>
          <ul className="link-list">
            {parties.map((p) => {
              const link = linkFor(p.id)
              return link ? (
                <LinkRow key={p.id} name={p.name} color={p.color} link={link} />
              ) : (
                <li key={p.id} className="link-row">
                  <span className="link-name">{p.name}</span>
                  <span className="hint">Link created on another device.</span>
                </li>
              )
            })}
          </ul>
          <div className="share-all">
            <CopyButton text={everyone} label="Copy every link, with names" />
            <span className="hint">
              Copies every party’s link with their name, ready for a chat.
            </span>
          </div>
          <h3>Observers</h3>
          <ul className="link-list">
            <LinkRow name="Observer" link={links.observer} note="can watch, cannot edit" />
          </ul>
          <h3>Facilitator</h3>
          <ul className="link-list">
            <LinkRow name="Facilitator" link={links.facilitator} note="keep this one to yourself" />
          </ul>
        </>
      ) : (
        <p className="hint">
          The links were created on another device. The server keeps only fingerprints of them, so
          they cannot be shown again here.
        </p>
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
