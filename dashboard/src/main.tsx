/**
 * Entry: sends the opening view's request and starts loading React and the app, the page's chunk and the charts,
 * all in parallel, before React renders (render.tsx). The page takes the request in flight over (prefetch.ts).
 */
import { preloadRoute } from './chunks'
import { sendEarly } from './prefetch'
import { parseRoute } from './router'
import { viewRequestOf } from './views'
import './styles.css'

const route = parseRoute(window.location.pathname)
sendEarly(viewRequestOf(route, window.location.search))
preloadRoute(route)
void import('./render')
