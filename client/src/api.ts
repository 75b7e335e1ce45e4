import type {
  AllianceResponse,
  CreateAllianceRequest,
  CreateAllianceResponse,
  PartyLink,
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
}
