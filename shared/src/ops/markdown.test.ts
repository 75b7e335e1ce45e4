import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { seedAlliance } from '../schema/allianceDoc'
import type { PartyId, SectionId } from '../schema/ids'
import { setBodyNodes } from './cardBody'
import { addCard, getCard } from './cards'
import { canonicalContent } from './content'
import { contentToMarkdown } from './markdown'

describe('markdown', () => {
  it('renders sections, party columns and formatted cards', () => {
    const doc = new Y.Doc()
    seedAlliance(doc, {
      title: 'Coach & client',
      template: 'coach-client',
      createdAt: '2026-01-01T00:00:00Z',
    })
    const parties = [
      { id: 'a' as PartyId, name: 'Coach', color: '#000000' },
      { id: 'b' as PartyId, name: 'Client', color: '#000000' },
    ]
    const card = addCard(doc, { sectionId: 'commitments' as SectionId, partyId: parties[0]!.id })
    setBodyNodes(getCard(doc, card)!.body, [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Start ' },
          { type: 'text', text: 'on time', marks: [{ type: 'bold' }] },
          { type: 'text', text: ', see ' },
          {
            type: 'text',
            text: 'notes',
            marks: [{ type: 'link', attrs: { href: 'https://x.test/a' } }],
          },
        ],
      },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'every week' }] }],
          },
        ],
      },
    ])
    addCard(doc, { sectionId: 'values' as SectionId, partyId: null, text: ['Honesty *always*'] })
    const md = contentToMarkdown(canonicalContent(doc, parties))
    expect(md).toContain('# Coach & client\n')
    expect(md).toContain(
      '## What you can count on from me\n\n### Coach\n\n- Start **on time**, see [notes](https://x.test/a)\n\n  - every week\n',
    )
    expect(md).toContain('### Client\n\n_No cards._')
    expect(md).toContain('## Shared values\n\n- Honesty \\*always\\*\n')
  })
})

describe('version markdown', () => {
  it('starts with the title, who agreed when and the hashes', async () => {
    const { versionToMarkdown } = await import('./markdown')
    const doc = new Y.Doc()
    seedAlliance(doc, { title: 'Us', template: 'peers', createdAt: '2026-01-01T00:00:00Z' })
    const md = versionToMarkdown({
      n: 2,
      sealedAt: '2026-03-03T10:04:05.000Z',
      contentHash: 'a'.repeat(64),
      chainHash: 'b'.repeat(64),
      agreements: [
        { partyId: 'p1' as PartyId, name: 'Ana', at: '2026-03-03T10:02:00.000Z' },
        { partyId: 'p2' as PartyId, name: 'Ben', at: '2026-03-03T10:04:05.000Z' },
      ],
      content: canonicalContent(doc, []),
    })
    expect(
      md.startsWith(
        '# Us\n\n**Version 2**, agreed by Ana (2026-03-03 10:02 UTC) and Ben (2026-03-03 10:04 UTC). Sealed 2026-03-03 10:04 UTC.\n',
      ),
    ).toBe(true)
    expect(md).toContain(`Content hash \`${'a'.repeat(64)}\``)
    expect(md).toContain('## What you can count on from me')
  })
})
