import type { CardChange, ContentDiff, WordPart } from '../../../../shared/src/ops/diff'
import { describeSummary } from '../../../../shared/src/ops/diff'

function Words({ parts }: { parts: WordPart[] }) {
  return (
    <p className="diff-words">
      {parts.map((part, i) =>
        part.change === 'added' ? (
          <ins key={i}>{part.text}</ins>
        ) : part.change === 'removed' ? (
          <del key={i}>{part.text}</del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  )
}

const placeName = (p: { section: string; party: string | null }): string =>
  p.party ? `${p.party}’s column` : p.section

function Change({ change }: { change: CardChange }) {
  const where = change.where.party ? (
    <span className="diff-where">in {change.where.party}’s column</span>
  ) : null
  switch (change.kind) {
    case 'added':
      return (
        <li className="diff-change is-added">
          <span className="diff-label">Added</span> {where}
          <p className="diff-text">{change.text || '(an empty card)'}</p>
        </li>
      )
    case 'removed':
      return (
        <li className="diff-change is-removed">
          <span className="diff-label">Removed</span> {where}
          <p className="diff-text">
            <del>{change.text || '(an empty card)'}</del>
          </p>
        </li>
      )
    case 'moved':
      return (
        <li className="diff-change is-moved">
          <span className="diff-label">
            {change.from.sectionId === change.where.sectionId &&
            change.from.party === change.where.party
              ? 'Moved within the section'
              : `Moved here from ${change.from.sectionId === change.where.sectionId ? placeName(change.from) : change.from.section}`}
          </span>{' '}
          {where}
          <p className="diff-text">{change.text}</p>
        </li>
      )
    case 'changed':
      return (
        <li className="diff-change is-changed">
          <span className="diff-label">
            {change.formattingOnly ? 'Formatting changed' : 'Edited'}
          </span>{' '}
          {where}
          {change.movedFrom && (
            <span className="diff-where"> (moved from {change.movedFrom.section})</span>
          )}
          <Words parts={change.words} />
        </li>
      )
  }
}

/** A diff a coach can read: per section, what was added, removed, moved or edited, word by word. */
export function DiffView({
  diff,
  fromLabel,
  toLabel,
}: {
  diff: ContentDiff
  fromLabel: string
  toLabel: string
}) {
  const unchanged = diff.sections.filter((s) => s.status === 'same')
  return (
    <div className="diff">
      <p className="diff-summary" role="status">
        From <strong>{fromLabel}</strong> to <strong>{toLabel}</strong>:{' '}
        {diff.hasChanges ? describeSummary(diff) : 'no changes, the text is the same'}.
      </p>
      {diff.titleChange && (
        <section className="diff-section">
          <h3>Title</h3>
          <Words
            parts={[
              { text: diff.titleChange.from, change: 'removed' },
              { text: ' ', change: 'same' },
              { text: diff.titleChange.to, change: 'added' },
            ]}
          />
        </section>
      )}
      {diff.partyChanges.length > 0 && (
        <section className="diff-section">
          <h3>Parties</h3>
          <ul className="diff-changes">
            {diff.partyChanges.map((c) => (
              <li key={c} className="diff-change is-moved">
                {c}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.sections
        .filter((s) => s.status !== 'same')
        .map((section) => (
          <section
            key={section.sectionId}
            className={`diff-section is-${section.status}`}
            aria-label={`Changes in ${section.title}`}
          >
            <h3>
              {section.title}
              {section.status === 'added' && <span className="diff-badge">new section</span>}
              {section.status === 'removed' && <span className="diff-badge">section removed</span>}
            </h3>
            {section.titleChange && (
              <p className="diff-where">Renamed from “{section.titleChange.from}”</p>
            )}
            <ul className="diff-changes">
              {section.changes.map((change) => (
                <Change key={`${change.kind}-${change.id}`} change={change} />
              ))}
            </ul>
          </section>
        ))}
      {unchanged.length > 0 && diff.hasChanges && (
        <p className="diff-unchanged">No changes in: {unchanged.map((s) => s.title).join(' · ')}</p>
      )}
    </div>
  )
}
