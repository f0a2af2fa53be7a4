/**
 * GraphiQL served by the API itself, without internet: graphql-yoga's own page loads its scripts, styles and the
 * editor's workers from unpkg.com, which researchers behind proxies (and this project's machines) cannot reach. The
 * same page is rendered here with those files served from the npm package @graphql-yoga/graphiql at /graphiql/.
 */
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import type { YogaServerOptions } from 'graphql-yoga'

/** URL path the GraphiQL files are served under. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/'

/** The package's built files (graphiql.css, yoga-graphiql.umd.js, monacoeditorwork/*.js). */
export const GRAPHIQL_DIST = dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql'))

type RenderOptions = Parameters<NonNullable<YogaServerOptions<object, object>['renderGraphiQL']>>[0]

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** graphql-yoga's GraphiQL page, its files served locally (GRAPHIQL_ASSETS_PATH). */
export function renderLocalGraphiQL(opts?: RenderOptions): string {
  const a = GRAPHIQL_ASSETS_PATH
  const title = escapeHtml(opts?.title ?? 'GraphiQL')
  // JSON inside a <script>: no "</script>" may close it early
  const options = JSON.stringify(opts ?? {}).replace(/</g, '\\u003c')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="${a}graphiql.css"></head>
<body id="body" class="no-focus-outline"><noscript>You need to enable JavaScript to run this app.</noscript><div id="root">Loading ${title}...</div>
<script>
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => ({ json: '${a}monacoeditorwork/json.worker.bundle.js', graphql: '${a}monacoeditorwork/graphql.worker..bundle.js' })[label] ?? '${a}monacoeditorwork/editor.worker.bundle.js' }
</script>
<script src="${a}yoga-graphiql.umd.js"></script>
<script>YogaGraphiQL.renderYogaGraphiQL(root, ${options})</script>
</body></html>`
}
