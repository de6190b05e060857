// Types of minify-templates.mjs, for the Vite configs (TypeScript).
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export function minifyTemplates(code: string, id: string): Promise<{ code: string; map: unknown } | null>;
export function viteMinifyTemplates(): VitePlugin;
export function esbuildMinifyTemplates(): EsbuildPlugin;
export function wtrMinifyTemplates(): {
  name: string;
  transform(context: { path: string; body: unknown }): Promise<{ body: string } | undefined>;
};
