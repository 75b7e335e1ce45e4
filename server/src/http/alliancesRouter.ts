import { timingSafeEqual } from 'node:crypto'
import { Router, type Request } from 'express'
import { AddPartyBody, CreateAllianceBody } from '../../../shared/src/protocol/api'
import { AllianceError } from '../../../shared/src/protocol/errors'
import { isAllianceId, type AllianceId } from '../../../shared/src/schema/ids'
import { requireFacilitator, type AllianceService } from '../alliances/AllianceService'
import { authenticate, type Principal } from '../auth/authenticate'
import type { AllianceStore } from '../store/AllianceStore'
import { parseBody } from './errors'

export interface RouterDeps {
  store: AllianceStore
  service: AllianceService
  createToken: string | null
  /** The base of the links we hand out: PUBLIC_URL, or the origin the request came to. */
  baseUrl(req: Request): string
}

export function bearer(req: Request): string | null {
  const header = req.get('authorization')
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return match ? match[1]! : null
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The REST API of DESIGN §8. Every handler authenticates first and validates its body. */
export function alliancesRouter({ store, service, createToken, baseUrl }: RouterDeps): Router {
  const router = Router()

  /** Checks the id's shape (hostile names never reach storage), existence, then the token. */
  async function principalFor(req: Request): Promise<Principal> {
    const id = req.params.id as string
    if (!isAllianceId(id))
      throw new AllianceError('ALLIANCE_NOT_FOUND', 'No alliance with this id.')
    await service.requireAlliance(id)
    return authenticate(store, id as AllianceId, bearer(req))
  }

  router.get('/config', (_req, res) => {
    res.json({ createRequiresKey: createToken !== null })
  })

  router.post('/alliances', async (req, res) => {
    if (createToken && !sameSecret(bearer(req), createToken)) {
      throw new AllianceError(
        'NOT_AUTHENTICATED',
        'Creating alliances on this server needs its creation key.',
      )
    }
    const body = parseBody(CreateAllianceBody, req.body)
    res.status(201).json(await service.create(body, baseUrl(req)))
  })

  router.get('/alliances/:id', async (req, res) => {
    res.json(await service.view(await principalFor(req)))
  })

  router.post('/alliances/:id/parties', async (req, res) => {
    const principal = await principalFor(req)
    requireFacilitator(principal)
    const { name } = parseBody(AddPartyBody, req.body)
    res.status(201).json(await service.addParty(principal, name, baseUrl(req)))
  })

  return router
}
