/** "Ana", "Ana and Ben", "Ana, Ben and Kim". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/**
 * At most `shown` names, the rest counted: "Ana, Ben and 5 others". Keeps a label one line
 * long however many people it names.
 */
export function summariseNames(names: string[], shown = 2): string {
  if (names.length <= shown + 1) return listNames(names)
  const rest = names.length - shown
  return `${names.slice(0, shown).join(', ')} and ${rest} others`
}

const wordsOf = (name: string): string[] => name.trim().split(/\s+/).filter(Boolean)

/** Initials of `k` letters: the first word's start, and the last word's first letters. */
function initialsOf(name: string, k: number): string {
  const words = wordsOf(name).map((w) => [...w])
  if (words.length === 0) return '?'
  const first = words[0]!
  if (words.length === 1) return first.slice(0, k).join('').toUpperCase()
  const last = words[words.length - 1]!
  return (first[0]! + last.slice(0, k - 1).join('')).toUpperCase()
}

/** Two letters for an avatar: "Ana" → "AN", "Maya Lind" → "ML". */
export const initials = (name: string): string => initialsOf(name, 2)

/**
 * Avatar letters for everyone shown together, no two alike: people whose initials collide get
 * a third letter ("Facilitator" FAC, "Fatima" FAT), and people still alike (the same name) a
 * number ("AN1", "AN2").
 */
export function distinctInitials(names: string[]): string[] {
  const out = names.map((n) => initials(n))
  const groups = new Map<string, number[]>()
  out.forEach((letters, i) => groups.set(letters, [...(groups.get(letters) ?? []), i]))
  for (const members of groups.values()) {
    if (members.length < 2) continue
    const longer = members.map((i) => initialsOf(names[i]!, 3))
    members.forEach((i, j) => {
      const alike = longer.filter((l) => l === longer[j]).length
      const nth = longer.slice(0, j + 1).filter((l) => l === longer[j]).length
      out[i] = alike === 1 ? longer[j]! : `${out[i]!}${nth}`
    })
  }
  return out
}
