import { isAllianceId } from '../../shared/src/schema/ids'
import { AlliancePage } from './pages/AlliancePage'
import { HomePage } from './pages/HomePage'
import { NotFoundPage } from './pages/NotFoundPage'
import { useHash, usePath } from './router'

export function App() {
  const path = usePath()
  const hash = useHash()
  if (path === '/') return <HomePage />
  const match = /^\/a\/([^/]+)\/?$/.exec(path)
  // Keyed by the link too: another link to the same alliance is another person, a fresh page.
  if (match && isAllianceId(match[1]!))
    return <AlliancePage key={`${match[1]}${hash}`} allianceId={match[1]!} />
  return <NotFoundPage />
}
