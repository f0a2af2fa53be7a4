import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/**
 * The entry (src/main.tsx) is small: it sends the opening view's request, then imports the app (src/render.tsx,
 * React and the shell) dynamically. Every page needs that chunk, so index.html preloads it and its imports
 * (modulepreload) in parallel with the entry instead of after it has run.
 */
function preloadApp(): Plugin {
  return {
    name: 'depin:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return html
        const app = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/render.tsx'))
        if (!app || app.type !== 'chunk') throw new Error('preload-app: no chunk for src/render.tsx')
        const files = [app.fileName, ...app.imports].filter((f) => !html.includes(`/${f}"`))
        return files.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const }))
      },
    },
  }
}

export default defineConfig({
  plugins: [react(), preloadApp()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4350' } },
})
