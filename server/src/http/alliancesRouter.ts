import { timingSafeEqual } from 'node:crypto'
import { Router, type Request } from 'express'
import {
  AddPartyBody,
  AgreeBody,
  CreateAllianceBody,
  RotateLinkBody,
} from '../../../shared/src/protocol/api'
import { AllianceError } from '../../../shared/src/protocol/errors'
import { isAllianceId, type AllianceId, type PartyId } from '../../../shared/src/schema/ids'
import type { AgreementService } from '../agreements/AgreementService'
import { requireFacilitator, type AllianceService } from '../alliances/AllianceService'
import { authenticate, type Principal } from '../auth/authenticate'
import type { AllianceStore } from '../store/AllianceStore'
import { parseBody } from './errors'

export interface RouterDeps {
  store: AllianceStore
  service: AllianceService
  agreements: AgreementService
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
/** A version number from the path: a positive integer, or VERSION_NOT_FOUND. */
function versionNumber(req: Request): number {
  const raw = req.params.n as string
  const n = Number(raw)
  if (!/^[1-9][0-9]{0,8}$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new AllianceError('VERSION_NOT_FOUND', `There is no version ${raw.slice(0, 20)}.`)
  }
  return n
}

/** A file name made of the title's letters and digits, for downloads. */
function fileName(title: string, n: number): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${slug || 'alliance'}-v${n}.md`
}

export function alliancesRouter({
  store,
  service,
  agreements,
  createToken,
  baseUrl,
}: RouterDeps): Router {
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

  router.post('/alliances/:id/links', async (req, res) => {
    const principal = await principalFor(req)
    requireFacilitator(principal)
    const body = parseBody(RotateLinkBody, req.body)
    res.status(201).json(await service.rotateLink(principal, body, baseUrl(req)))
  })

  router.delete('/alliances/:id/parties/:partyId', async (req, res) => {
    const principal = await principalFor(req)
    requireFacilitator(principal)
    await agreements.removeParty(principal, req.params.partyId as PartyId)
    res.status(204).end()
  })

  router.get('/alliances/:id/agreements', async (req, res) => {
    res.json(await agreements.agreementDetails(await principalFor(req)))
  })

  router.post('/alliances/:id/agreements', async (req, res) => {
    const principal = await principalFor(req)
    const { contentHash } = parseBody(AgreeBody, req.body)
    const { sealed, body } = await agreements.agree(principal, contentHash)
    res.status(sealed ? 201 : 200).json(body)
  })

  router.delete('/alliances/:id/agreements/me', async (req, res) => {
    await agreements.withdraw(await principalFor(req))
    res.status(204).end()
  })

  router.get('/alliances/:id/versions', async (req, res) => {
    res.json(await agreements.versions(await principalFor(req)))
  })

  router.get('/alliances/:id/versions/:n', async (req, res) => {
    const principal = await principalFor(req)
    const version = await agreements.version(principal, versionNumber(req))
    if (req.query.format === 'md') {
      res.type('text/markdown; charset=utf-8')
      res.attachment(fileName(version.content.title, version.n))
      res.send(version.markdown)
      return
    }
    res.json(version)
  })

  router.post('/alliances/:id/versions/:n/restore', async (req, res) => {
    res.json(await agreements.restore(await principalFor(req), versionNumber(req)))
  })

  // Versions are insert-only: no way to change or remove one, and a clear answer for trying.
  router.all('/alliances/:id/versions/:n', () => {
    throw new AllianceError('VERSIONS_IMMUTABLE', 'Agreed versions cannot be changed or deleted.')
  })

  router.get('/alliances/:id/verify', async (req, res) => {
    res.json(await agreements.verify(await principalFor(req)))
  })

  return router
}
