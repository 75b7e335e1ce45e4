import type {
  AgreeResponse,
  AgreementDetail,
  AllianceResponse,
  CreateAllianceRequest,
  CreateAllianceResponse,
  Link,
  PartyLink,
  RotateLinkRequest,
  RestoreResponse,
  VerifyResponse,
  VersionDetail,
} from '../../shared/src/protocol/api'
import type { AllianceErrorCode, ErrorBody } from '../../shared/src/protocol/errors'

/** An API error as the server reported it: a stable code and a readable message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: AllianceErrorCode | 'NETWORK',
    message: string,
  ) {
    super(message)
  }
}

async function request<T>(
  method: string,
  path: string,
  token?: string | null,
  body?: unknown,
): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      'The server cannot be reached. Check your connection and try again.',
    )
  }
  const text = await res.text()
  const data: unknown = text ? JSON.parse(text) : null
  if (!res.ok) {
    const error = (data as ErrorBody | null)?.error
    throw new ApiError(
      res.status,
      error?.code ?? 'INTERNAL',
      error?.message ?? `Request failed (${res.status}).`,
    )
  }
  return data as T
}

export const api = {
  config: () => request<{ createRequiresKey: boolean }>('GET', '/api/config'),
  createAlliance: (body: CreateAllianceRequest, createKey?: string) =>
    request<CreateAllianceResponse>('POST', '/api/alliances', createKey || null, body),
  getAlliance: (id: string, token: string) =>
    request<AllianceResponse>('GET', `/api/alliances/${id}`, token),
  addParty: (id: string, token: string, name: string) =>
    request<PartyLink>('POST', `/api/alliances/${id}/parties`, token, { name }),
  rotateLink: (id: string, token: string, body: RotateLinkRequest) =>
    request<Link>('POST', `/api/alliances/${id}/links`, token, body),
  removeParty: (id: string, token: string, partyId: string) =>
    request<null>('DELETE', `/api/alliances/${id}/parties/${partyId}`, token),
  agree: (id: string, token: string, contentHash: string) =>
    request<AgreeResponse>('POST', `/api/alliances/${id}/agreements`, token, { contentHash }),
  withdraw: (id: string, token: string) =>
    request<null>('DELETE', `/api/alliances/${id}/agreements/me`, token),
  agreements: (id: string, token: string) =>
    request<AgreementDetail[]>('GET', `/api/alliances/${id}/agreements`, token),
  version: (id: string, token: string, n: number) =>
    request<VersionDetail>('GET', `/api/alliances/${id}/versions/${n}`, token),
  verify: (id: string, token: string) =>
    request<VerifyResponse>('GET', `/api/alliances/${id}/verify`, token),
  restore: (id: string, token: string, n: number) =>
    request<RestoreResponse>('POST', `/api/alliances/${id}/versions/${n}/restore`, token),
}

/** Downloads a version's Markdown through the API (the token goes in a header, not the URL). */
export async function downloadVersionMarkdown(id: string, token: string, n: number): Promise<void> {
  const res = await fetch(`/api/alliances/${id}/versions/${n}?format=md`, {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!res.ok) throw new ApiError(res.status, 'INTERNAL', 'The Markdown could not be downloaded.')
  const name =
    /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
    `alliance-v${n}.md`
  saveFile(name, await res.blob())
}

/** Offers `blob` as a download named `name`. */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
