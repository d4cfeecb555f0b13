// Validates recorded Mycodo API answers against Mycodo's own OpenAPI document with openapi-backend.
// Runs as a plain Node process (openapi-backend loads an ES-module dependency the Jest transform cannot).
// Usage: node mycodo-openapi-validate.mjs <mycodo.openapi.json> <answers.json>
// answers.json: [{ method, path, status, body }] with paths as in the document (no /api prefix);
// prints a JSON array of problems.
import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';

const MEDIA = 'application/vnd.mycodo.v1+json';
const [specPath, answersPath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specPath, 'utf8'));

/**
 * Errata of the published document (Flask-RESTX generated it), applied before validating:
 * 1. RESTX marshals an unset String or Float field as null, which the document does not say
 *    (no `nullable`); Mycodo itself sends null there (e.g. a PID without a lower output).
 * 2. Paths end in "/" (`/outputs/`) but openapi-backend drops a request's trailing slash before
 *    matching, so the document's paths lose it too.
 */
function allowNull(node) {
  if (Array.isArray(node)) return node.forEach(allowNull);
  if (!node || typeof node !== 'object') return;
  if (node.type === 'string' || node.type === 'number' || node.type === 'integer') node.nullable = true;
  Object.values(node).forEach(allowNull);
}
allowNull(spec.components.schemas);
spec.paths = Object.fromEntries(Object.entries(spec.paths).map(([p, item]) => [p.length > 1 ? p.replace(/\/$/, '') : p, item]));

// openapi-backend validates application/json answers only: the vendor type's schema is the same document.
// Mycodo's operationIds repeat (get_inputs for /outputs/ too); name them by method and path.
for (const [p, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (typeof op !== 'object' || !op.responses) continue;
    op.operationId = `${method}_${p}`;
    for (const answer of Object.values(op.responses)) {
      if (answer.content?.[MEDIA]) answer.content['application/json'] = answer.content[MEDIA];
    }
  }
}

const api = new OpenAPIBackend({ definition: spec, quick: false, validate: true, ajvOpts: { strict: false } });
await api.init();
const problems = [];
for (const { method, path, status, body } of JSON.parse(readFileSync(answersPath, 'utf8'))) {
  const operation = api.matchOperation({ method, path, headers: {} });
  if (!operation) {
    problems.push(`${method} ${path}: not in the document`);
    continue;
  }
  if (!operation.responses?.[String(status)]) {
    problems.push(`${method} ${path}: status ${status} not documented`);
    continue;
  }
  const result = api.validateResponse(body, operation, status);
  if (result.errors?.length) problems.push(`${method} ${path} (${status}): ${JSON.stringify(result.errors.slice(0, 3))}`);
}
process.stdout.write(JSON.stringify(problems));
