import { memo, useId, useState } from 'react'
import type { SectionLayout } from '../../../shared/src/ops/layout'
import { CardColumn } from './CardColumn'

/** One section of the canvas: title, what it is for, its guiding questions, its column(s). */
export const SectionFrame = memo(function SectionFrame({ layout }: { layout: SectionLayout }) {
  const { section, columns } = layout
  const headingId = useId()
  // On a phone the guiding questions start folded: the cards are what people came for.
  const [promptsOpen] = useState(() => !window.matchMedia('(max-width: 720px)').matches)
  return (
    <section
      className={`section kind-${section.kind}${section.perParty ? ' is-per-party' : ''}`}
      data-section-id={section.id}
      aria-labelledby={headingId}
    >
      <header className="section-header">
        <h2 id={headingId} tabIndex={-1}>
          {section.title}
        </h2>
        {section.description && <p className="section-description">{section.description}</p>}
      </header>
      {section.prompts.length > 0 && (
        <details className="prompts" open={promptsOpen}>
          <summary>Guiding questions</summary>
          <ul>
            {section.prompts.map((prompt) => (
              <li key={prompt}>{prompt}</li>
            ))}
          </ul>
        </details>
      )}
      <div className={`columns columns-${Math.min(columns.length, 4)}`}>
        {columns.map((column, partyIndex) => (
          <CardColumn
            key={column.partyId ?? '-'}
            section={section}
            column={column}
            partyIndex={partyIndex}
          />
        ))}
      </div>
    </section>
  )
})
