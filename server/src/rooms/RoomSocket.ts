/** All a Room needs to know about a connection; tests can hand it an in-memory pair. */
export interface RoomSocket {
  send(bytes: Uint8Array): void
  close(code: number, reason: string): void
  isOpen(): boolean
  /** Bytes queued for sending and not yet written to the network. */
  bufferedBytes(): number
}
