import { useEffect, useId, useState, type FormEvent } from 'react'
import { PARTIES_MAX, PARTY_NAME_MAX, TITLE_MAX } from '../../../shared/src/protocol/api'
import { partyColor } from '../../../shared/src/schema/parties'
import { TEMPLATES, TEMPLATE_IDS, type TemplateId } from '../../../shared/src/schema/templates'
import { api, ApiError } from '../api'
import { Logo } from '../components/Logo'
import { navigate } from '../router'
import { markJustCreated, rememberCreated } from '../session'
import { RecentAlliances } from '../components/RecentAlliances'

/** Home: what a designed alliance is, a form to start one from a template, recent alliances. */
export function HomePage() {
  const [template, setTemplate] = useState<TemplateId>('coach-client')
  const [title, setTitle] = useState('')
  const [parties, setParties] = useState<string[]>(TEMPLATES['coach-client'].suggestedParties)
  const [namesEdited, setNamesEdited] = useState(false)
  const [me, setMe] = useState(0)
  const [needsKey, setNeedsKey] = useState(false)
  const [createKey, setCreateKey] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const ids = useId()

  useEffect(() => {
    document.title = 'Alliance Canvas: design how you work together'
    api.config().then(
      (c) => setNeedsKey(c.createRequiresKey),
      () => undefined,
    )
  }, [])

  function chooseTemplate(id: TemplateId): void {
    setTemplate(id)
    // Follow the template's suggested names until the person types their own.
    if (!namesEdited) {
      setParties(TEMPLATES[id].suggestedParties)
      setMe(id === 'team-charter' ? -1 : 0)
    }
  }

  function renameParty(index: number, name: string): void {
    setNamesEdited(true)
    setParties((list) => list.map((p, i) => (i === index ? name : p)))
  }

  function removeParty(index: number): void {
    setNamesEdited(true)
    setParties((list) => list.filter((_, i) => i !== index))
    setMe((current) => (current === index ? -1 : current > index ? current - 1 : current))
  }

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault()
    const names = parties.map((p) => p.trim())
    if (names.some((n) => !n)) {
      setError('Every party needs a name.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const created = await api.createAlliance(
        {
          title: title.trim() || TEMPLATES[template].name,
          template,
          parties: names.map((name) => ({ name })),
        },
        createKey,
      )
      rememberCreated(created, me >= 0 ? (created.parties[me]?.token ?? null) : null)
      markJustCreated(created.id)
      navigate(`/a/${created.id}#k=${created.facilitator.token}`)
      window.scrollTo(0, 0)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not create the alliance.')
      setBusy(false)
    }
  }

  return (
    <div className="home">
      <header className="home-header">
        <Logo />
      </header>
      <main className="home-main">
        <section className="hero" aria-labelledby={`${ids}-hero`}>
          <h1 id={`${ids}-hero`}>Design how you will work together.</h1>
          <p className="lede">
            A <strong>designed alliance</strong> is the explicit agreement two or more people make
            about how they will work together: written together, agreed by every one of them, and
            revisited as the relationship grows.
          </p>
        </section>

        <form className="create-form panel" onSubmit={create} aria-labelledby={`${ids}-create`}>
          <h2 id={`${ids}-create`}>Start an alliance</h2>

          <fieldset className="templates">
            <legend>Template</legend>
            <div className="template-grid">
              {TEMPLATE_IDS.map((id) => (
                <label
                  key={id}
                  className={`template-option${template === id ? ' is-selected' : ''}`}
                >
                  <input
                    type="radio"
                    name="template"
                    value={id}
                    checked={template === id}
                    onChange={() => chooseTemplate(id)}
                  />
                  <span className="template-name">{TEMPLATES[id].name}</span>
                  <span className="template-summary">{TEMPLATES[id].summary}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <label className="field">
            <span className="field-label">Title</span>
            <input
              value={title}
              maxLength={TITLE_MAX}
              placeholder={TEMPLATES[template].name}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>

          <fieldset className="parties-field">
            <legend>Parties</legend>
            <p className="hint">Everyone whose agreement counts. Each gets their own link.</p>
            <ol className="party-list">
              {parties.map((name, index) => (
                <li key={index} className="party-row">
                  <span
                    className="party-dot"
                    style={{ background: partyColor(index) }}
                    aria-hidden="true"
                  />
                  <input
                    aria-label={`Party ${index + 1} name`}
                    value={name}
                    maxLength={PARTY_NAME_MAX}
                    onChange={(e) => renameParty(index, e.target.value)}
                  />
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${name || `party ${index + 1}`}`}
                    disabled={parties.length <= 1}
                    onClick={() => removeParty(index)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="button-quiet"
              disabled={parties.length >= PARTIES_MAX}
              onClick={() => {
                setNamesEdited(true)
                setParties((list) => [...list, `Party ${list.length + 1}`])
              }}
            >
              + Add a party
            </button>
          </fieldset>

          <label className="field">
            <span className="field-label">You are</span>
            <select value={me} onChange={(e) => setMe(Number(e.target.value))}>
              {parties.map((name, index) => (
                <option key={index} value={index}>
                  {name || `Party ${index + 1}`} (facilitating and taking part)
                </option>
              ))}
              <option value={-1}>Facilitating only, not a party</option>
            </select>
          </label>

          {needsKey && (
            <label className="field">
              <span className="field-label">Creation key</span>
              <input
                type="password"
                value={createKey}
                onChange={(e) => setCreateKey(e.target.value)}
                autoComplete="off"
              />
              <span className="hint">This server asks for a key before creating alliances.</span>
            </label>
          )}

          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create the canvas'}
          </button>
        </form>

        <RecentAlliances />
      </main>
    </div>
  )
}
