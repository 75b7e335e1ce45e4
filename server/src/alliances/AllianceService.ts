import * as Y from 'yjs'
import type {
  AllianceResponse,
  CreateAllianceRequest,
  CreateAllianceResponse,
  Link,
  PartyLink,
  RotateLinkRequest,
} from '../../../shared/src/protocol/api'
import { CloseCode } from '../../../shared/src/protocol/closeCodes'
import { allianceLink, PARTIES_MAX } from '../../../shared/src/protocol/api'
import { AllianceError } from '../../../shared/src/protocol/errors'
import type { ServerState } from '../../../shared/src/protocol/serverState'
import { readTitle, seedAlliance } from '../../../shared/src/schema/allianceDoc'
import {
  newAllianceId,
  newPartyId,
  type AllianceId,
  type PartyId,
} from '../../../shared/src/schema/ids'
import {
  defaultPartyNames,
  partyColor,
  readablePartyColor,
  type PartyView,
} from '../../../shared/src/schema/parties'
import { DEFAULT_TEMPLATE, TEMPLATES, isTemplateId } from '../../../shared/src/schema/templates'
import { hashDraft, toSummary } from '../agreements/AgreementService'
import type { Principal } from '../auth/authenticate'
import { hashToken, newToken } from '../auth/tokens'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { AllianceStore, PartyRow, TokenRow } from '../store/AllianceStore'

const toView = (p: PartyRow): PartyView => ({
  id: p.id,
  name: p.name,
  color: readablePartyColor(p.color),
})

/** What the REST API and the rooms both need: creating alliances, parties, views of state. */
export class AllianceService {
  constructor(
    private readonly store: AllianceStore,
    private readonly registry: RoomRegistry,
  ) {}

  /** Creates an alliance from a template: its document, parties and every link. */
  async create(request: CreateAllianceRequest, baseUrl: string): Promise<CreateAllianceResponse> {
    const template = request.template ?? DEFAULT_TEMPLATE
    if (!isTemplateId(template)) {
      throw new AllianceError('UNKNOWN_TEMPLATE', `Unknown template "${template}".`)
    }
    const id = newAllianceId()
    const createdAt = new Date().toISOString()
    const title = request.title || TEMPLATES[template].name
    const names = request.parties?.map((p) => p.name) ?? defaultPartyNames()
    if (names.length > PARTIES_MAX) throw tooManyParties()
    const parties: PartyRow[] = names.map((name, position) => ({
      id: newPartyId(),
      allianceId: id,
      name,
      color: partyColor(position),
      position,
      createdAt,
    }))
    const links: string[] = []
    const tokenRow = (role: TokenRow['role'], partyId: PartyRow['id'] | null): TokenRow => {
      const token = newToken()
      links.push(token)
      return { hash: hashToken(token), allianceId: id, role, partyId, createdAt }
    }
    const tokens = [
      tokenRow('facilitator', null),
      tokenRow('observer', null),
      ...parties.map((p) => tokenRow('party', p.id)),
    ]
    const doc = new Y.Doc()
    seedAlliance(doc, { title, template, createdAt })
    await this.store.createAlliance({
      alliance: { id, title, template, createdAt },
      parties,
      tokens,
      initialUpdate: Y.encodeStateAsUpdate(doc),
    })
    const link = (token: string): Link => ({ token, url: allianceLink(baseUrl, id, token) })
    return {
      id,
      title,
      template,
      facilitator: link(links[0]!),
      observer: link(links[1]!),
      parties: parties.map((p, i) => ({ ...toView(p), ...link(links[i + 2]!) })),
    }
  }

  async requireAlliance(id: AllianceId) {
    const alliance = await this.store.getAlliance(id)
    if (!alliance) throw new AllianceError('ALLIANCE_NOT_FOUND', 'No alliance with this id.')
    return alliance
  }

  async parties(id: AllianceId): Promise<PartyView[]> {
    return (await this.store.listParties(id)).map(toView)
  }

  async view(principal: Principal): Promise<AllianceResponse> {
    const alliance = await this.requireAlliance(principal.allianceId)
    const parties = await this.parties(alliance.id)
    const { title, hash } = await this.registry.withRoom(alliance.id, (room) => ({
      title: readTitle(room.doc),
      hash: hashDraft(room, parties).contentHash,
    }))
    const agreements = (await this.store.listAgreements(alliance.id)).map((a) => ({
      partyId: a.partyId,
      at: a.at,
      stale: a.contentHash !== hash,
    }))
    return {
      id: alliance.id,
      title,
      template: alliance.template,
      createdAt: alliance.createdAt,
      you: { role: principal.role, partyId: principal.partyId },
      parties,
      draft: { contentHash: hash, agreements },
      versions: (await this.store.listVersions(alliance.id)).length,
    }
  }

  async addParty(principal: Principal, name: string, baseUrl: string): Promise<PartyLink> {
    requireFacilitator(principal)
    const existing = await this.store.listParties(principal.allianceId)
    const createdAt = new Date().toISOString()
    const position = existing.reduce((max, p) => Math.max(max, p.position + 1), 0)
    const party: PartyRow = {
      id: newPartyId(),
      allianceId: principal.allianceId,
      name,
      color: partyColor(position),
      position,
      createdAt,
    }
    const token = newToken()
    const added = await this.store.addParty(
      party,
      {
        hash: hashToken(token),
        allianceId: principal.allianceId,
        role: 'party',
        partyId: party.id,
        createdAt,
      },
      PARTIES_MAX,
    )
    if (!added) throw tooManyParties()
    await this.registry.peek(principal.allianceId)?.refreshServerState()
    return { ...toView(party), token, url: allianceLink(baseUrl, principal.allianceId, token) }
  }

  /**
   * A new link for a party or for the observers. The old link stops working at once and the
   * sockets that used it close (a leaked link, or links needed on another device).
   */
  async rotateLink(
    principal: Principal,
    request: RotateLinkRequest,
    baseUrl: string,
  ): Promise<Link> {
    requireFacilitator(principal)
    const id = principal.allianceId
    const partyId = request.role === 'party' ? (request.partyId as PartyId) : null
    if (partyId && !(await this.store.listParties(id)).some((p) => p.id === partyId)) {
      throw new AllianceError('PARTY_NOT_FOUND', 'No such party.')
    }
    const token = newToken()
    const at = new Date().toISOString()
    await this.store.rotateToken(
      { hash: hashToken(token), allianceId: id, role: request.role, partyId, createdAt: at },
      at,
    )
    this.registry
      .peek(id)
      ?.closeWhere(
        (p) => p.role === request.role && p.partyId === partyId,
        CloseCode.Unauthorized,
        'this link was replaced',
      )
    return { token, url: allianceLink(baseUrl, id, token) }
  }

  /** Parties, pending agreements and versions: what every connection is told. */
  async sharedState(id: AllianceId): Promise<Omit<ServerState, 'you'>> {
    const [parties, agreements, versions] = await Promise.all([
      this.parties(id),
      this.store.listAgreements(id),
      this.store.listVersions(id),
    ])
    return {
      allianceId: id,
      parties,
      agreements: agreements.map((a) => ({
        partyId: a.partyId,
        contentHash: a.contentHash,
        at: a.at,
      })),
      versions: versions.map(toSummary),
    }
  }
}

const tooManyParties = (): AllianceError =>
  new AllianceError('TOO_MANY_PARTIES', `An alliance has at most ${PARTIES_MAX} parties.`)

export function requireFacilitator(principal: Principal): void {
  if (principal.role !== 'facilitator') {
    throw new AllianceError('FORBIDDEN', 'Only the facilitator can do this.')
  }
}
