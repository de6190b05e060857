// `npm run site -- create <slug> --name "…" --origin https://… [--origin …] [--time-zone Asia/Ho_Chi_Minh] [--language vi] [--remote]`
// `npm run site -- token <slug> [--label "…"] [--remote]`
// `npm run site -- tokens <slug> [--remote]`        lists the site's tokens (id, label, created, last used)
// `npm run site -- revoke <slug> <id> [--remote]`   revokes one at once
// Local D1 by default; --remote acts on the deployed database. Prints the new token once.
import { parseArgs } from 'node:util';
import { createSite, issueToken, listTokens, revokeToken } from './sites.mjs';
import { applyMigrations } from './wrangler.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    origin: { type: 'string', multiple: true, default: [] },
    'time-zone': { type: 'string', default: 'Asia/Ho_Chi_Minh' },
    language: { type: 'string', default: 'vi' },
    label: { type: 'string', default: 'issued by npm run site' },
    remote: { type: 'boolean', default: false },
  },
});
const [command, slug, id] = positionals;
const where = { remote: values.remote };

try {
  if (command === 'tokens' && slug) {
    const tokens = await listTokens(slug, where);
    console.log(tokens.length ? `Tokens of "${slug}":` : `"${slug}" has no token.`);
    for (const token of tokens) {
      console.log(`  ${token.id}  ${token.label.padEnd(30)} created ${token.created} UTC, last used ${token.last_used ? `${token.last_used} UTC` : 'never'}`);
    }
    process.exit(0);
  }
  if (command === 'revoke' && slug) {
    await revokeToken(slug, id, where);
    console.log(`Revoked token ${id} of "${slug}": it is refused from its next request on.`);
    process.exit(0);
  }
  let token;
  if (command === 'create' && slug) {
    if (!values.remote) await applyMigrations(where);
    token = await createSite({ slug, name: values.name, origins: values.origin, timeZone: values['time-zone'], language: values.language }, where);
    console.log(`Created site "${slug}" (${values.remote ? 'remote' : 'local'} D1).`);
  } else if (command === 'token' && slug) {
    token = await issueToken(slug, values.label, where);
    console.log(`New admin token for "${slug}" (${values.remote ? 'remote' : 'local'} D1).`);
  } else {
    console.error(
      'usage: npm run site -- create <slug> --name "…" --origin https://… [--remote]\n       npm run site -- token <slug> [--label "…"] [--remote]\n       npm run site -- tokens <slug> [--remote]\n       npm run site -- revoke <slug> <id> [--remote]',
    );
    process.exit(2);
  }
  console.log(`\n  ${token}\n\nKeep it now: only its SHA-256 hash is stored, it cannot be shown again.`);
} catch (error) {
  console.error(`site: ${error.message}`);
  process.exit(1);
}
