import * as Y from 'yjs'
import { getCardsMap, getMeta, getSectionsArray } from '../schema/allianceDoc'

/**
 * The canvas-level undo manager: it tracks only transactions made with `origin` (this person's
 * structural edits: adding, moving, recolouring, deleting cards), so undo never reverts what
 * someone else did. Text inside a card has its own per-editor undo in Tiptap.
 */
export function createCanvasUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
  return new Y.UndoManager([getCardsMap(doc), getSectionsArray(doc), getMeta(doc)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 300,
  })
}
