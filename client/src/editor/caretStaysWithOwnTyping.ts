import { Extension } from '@tiptap/core'
import {
  Plugin,
  PluginKey,
  TextSelection,
  type EditorState,
  type Selection,
} from '@tiptap/pm/state'
import {
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
  type ProsemirrorBinding,
} from '@tiptap/y-tiptap'

/**
 * Keeps this person's caret where Yjs says it is when someone else's words arrive (CV10).
 *
 * y-tiptap 3.0.9 restores the caret after a remote change from Yjs relative positions (tied to
 * the character before the caret), but then second-guesses them: whenever the caret's paragraph
 * now reads differently, which is every time someone types in it, it "recovers" the caret to
 * the same offset in that paragraph. Text arriving before the caret then pushes the person's own
 * last character to the right of the caret: their next keystrokes land before their own leading
 * space, and runs of two people typing at one spot split each other's words. The Yjs position
 * is right here; only where it cannot be resolved (or lands at the very start, its known failure
 * after a block moves) is y-tiptap's recovery left to stand.
 */
export const CaretStaysWithOwnTyping = Extension.create({
  name: 'caretStaysWithOwnTyping',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('caretStaysWithOwnTyping'),
        appendTransaction(transactions, oldState, state) {
          const remote = transactions.some(
            (tr) => (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean })?.isChangeOrigin,
          )
          if (!remote) return null
          const caret = caretByYjs(state, oldState)
          if (!caret || caret.eq(state.selection)) return null
          return state.tr
            .setSelection(caret)
            .setMeta(ySyncPluginKey, { isChangeOrigin: true })
            .setMeta('addToHistory', false)
        },
      }),
    ]
  },
})

/** The text selection from the relative positions y-tiptap took just before the remote change. */
function caretByYjs(state: EditorState, oldState: EditorState): Selection | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined)
    ?.binding
  // Still set while the remote change is being applied (it is cleared after all transactions).
  const before = binding?.beforeTransactionSelection
  if (!binding || !before || before.type !== 'text' || !before.anchor || !before.head) return null
  const resolve = (relative: unknown) =>
    relativePositionToAbsolutePosition(binding.doc, binding.type, relative, binding.mapping)
  const [anchor, head] = [resolve(before.anchor), resolve(before.head)]
  if (anchor === null || head === null) return null
  const size = state.doc.content.size
  if (anchor > size || head > size) return null
  // Resolving to the very start from further in is Yjs's known misreading after a block moved.
  const wasFurtherIn = oldState.selection.anchor > 1 || oldState.selection.head > 1
  if (wasFurtherIn && anchor <= 1 && head <= 1) return null
  const [$anchor, $head] = [state.doc.resolve(anchor), state.doc.resolve(head)]
  if (!$anchor.parent.isTextblock || !$head.parent.isTextblock) return null
  return TextSelection.between($anchor, $head)
}
