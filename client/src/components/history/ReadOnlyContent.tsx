import type { CanonicalContent } from '../../../../shared/src/ops/content'
import { BodyView } from './BodyView'

/** A version's content as a read-only canvas: the same sections and columns, nothing editable. */
export function ReadOnlyContent({ content }: { content: CanonicalContent }) {
  return (
    <div className="canvas is-read-only">
      {content.sections.map((section) => (
        <section
          key={section.id}
          className={`section kind-${section.kind}${section.perParty ? ' is-per-party' : ''}`}
          aria-label={section.title}
        >
          <header className="section-header">
            <h2>{section.title}</h2>
          </header>
          <div className={`columns columns-${Math.min(section.columns.length, 4)}`}>
            {section.columns.map((column) => (
              <div key={column.partyId ?? '-'} className="column">
                {section.perParty && (
                  <h3 className="column-header">{column.party ?? 'Former party'}</h3>
                )}
                {column.cards.length === 0 ? (
                  <p className="empty-column">No cards.</p>
                ) : (
                  <ul className="cards">
                    {column.cards.map((card) => (
                      <li key={card.id} className="card color-white">
                        <BodyView nodes={card.body} />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  )
}
