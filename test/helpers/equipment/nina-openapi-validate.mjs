// Validates recorded N.I.N.A. API answers against ninaAPI's OpenAPI document with openapi-backend.
// Runs as a plain Node process: openapi-backend loads an ES-module dependency that the Jest
// CommonJS transform cannot. Usage: node nina-openapi-validate.mjs <spec.yaml> <answers.json>
// answers.json: [{ path, body }]; prints a JSON array of problems.
import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';

/**
 * Errata of the published document, applied before validating (each is an error of the
 * document, not a freedom for Skygate):
 * 1. `type` next to `oneOf` (image-history's Response is "type: string, oneOf: [array, integer]")
 *    can never validate; the oneOf is what ninaAPI sends, so the `type` is dropped.
 * 2. `type: integer` for values that are C# doubles in N.I.N.A. (Azimuth, Position, DecSeconds ...):
 *    the document was written from examples that happened to be whole numbers; integer → number.
 * 3. Measurements N.I.N.A. sends as numbers, or as the string "NaN" when unknown, typed `string`
 *    where the example was "NaN" (weather sensors, ImageResponse Temperature): number or string.
 * 4. 200 answers documented without the envelope (filter-info is a bare FilterInfo): wrapped in it.
 * 5. profile/show answers an array of profiles unless active=true (documented as object only).
 * 6. capture?getResult before any capture answers 409 "No capture processed" (Camera.cs), missing from the enum.
 * 7. Error answers listing their messages under `Response`: CreateErrorTable puts the message in
 *    `Error` and "" in `Response` (CoreUtility.cs), so the enum moves to `Error`.
 * 8. FilterInfo's FlatWizardMode typed integer: enums are strings since 2.1.7.1 (as ProfileInfo has it).
 * 9. FlatWizardSettings' AltitudeSite typed integer: the same, an enum sent by name (EAST, WEST).
 * 10. Doubles N.I.N.A. leaves NaN typed number only: a disconnected dome's Azimuth and Altitude are
 *    the string "NaN", as are a disconnected focuser's Temperature and weather station's readings, in recorded replies (reference/nina-fixtures/restart_equipment_partial_connect).
 * 11. Identity fields (Name, DisplayName, Description, DriverInfo, DriverVersion, DeviceId) and SupportedActions listed as
 *    required: a disconnected device's block has none (null, left out; the same recording).
 * 12. livestack/status documented as "running" | "stopped": the Livestack plugin reports "Running" / "Stopped"
 *    (recorded: nina-fixtures *_livestack_status.json, STACK-STATUS events); both spellings are allowed.
 * 13. The sequence routes' 409 text is "Sequence is not initialized" in Sequence.cs (and in the recorded
 *    startup_sequence_not_initialized reply); the document writes "Sequencer not initialized": both accepted.
 * 14. SequenceBaseJson's items are a oneOf of two objects without required keys, which every object
 *    matches twice (so oneOf always fails): anyOf.
 * 15. framing/determine-rotation's 200 is a oneOf of two whole envelopes (a "Determine rotation started"
 *    string, or FramingAssistantInfo): one envelope whose Response is either.
 */
const NAN_CAPABLE = new Set(['RainRate', 'SkyBrightness', 'SkyQuality', 'SkyTemperature', 'StarFWHM', 'WindGust', 'Temperature']);
const NAN_NUMBERS = new Set(['Azimuth', 'Altitude', 'Temperature', 'AveragePeriod', 'CloudCover', 'DewPoint', 'Humidity', 'Pressure', 'WindDirection', 'WindSpeed']);
const IDENTITY = new Set(['Name', 'DisplayName', 'Description', 'DriverInfo', 'DriverVersion', 'DeviceId', 'SupportedActions']);

function applyErrata(node) {
  if (Array.isArray(node)) return node.forEach(applyErrata);
  if (!node || typeof node !== 'object') return;
  if (node.oneOf && node.type) delete node.type;
  if (node.type === 'integer') node.type = 'number';
  if (Array.isArray(node.required) && node.properties?.Connected) node.required = node.required.filter((name) => !IDENTITY.has(name));
  for (const [name, prop] of Object.entries(node.properties ?? {})) {
    if (NAN_CAPABLE.has(name) && prop.type === 'string' && !prop.enum) node.properties[name] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
    if (NAN_NUMBERS.has(name) && (prop.type === 'number' || prop.type === 'integer')) node.properties[name] = { oneOf: [{ type: 'number' }, { type: 'string', enum: ['NaN'] }] };
    if (name === 'AltitudeSite' && prop.type === 'integer') node.properties[name] = { type: 'string', enum: ['EAST', 'WEST'] };
  }
  Object.values(node).forEach(applyErrata);
}

function resolveRef(spec, schema) {
  return schema?.$ref ? schema.$ref.split('/').slice(1).reduce((n, k) => n[k], spec) : schema;
}

function wrapBareAnswers(spec) {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const op of Object.values(item)) {
      const media = op.responses?.['200']?.content?.['application/json'];
      if (media && !resolveRef(spec, media.schema)?.properties?.Response) {
        media.schema = { type: 'object', properties: { Response: media.schema, Error: { type: 'string' }, StatusCode: { type: 'number' }, Success: { type: 'boolean' }, Type: { type: 'string' } } };
      }
      if (path === '/profile/show') {
        const envelope = resolveRef(spec, media.schema);
        const single = envelope.properties.Response;
        media.schema = { ...envelope, properties: { ...envelope.properties, Response: { oneOf: [single, { type: 'array', items: { type: 'object' } }] } } };
      }
      for (const [code, answer] of Object.entries(op.responses ?? {})) {
        const props = resolveRef(spec, answer.content?.['application/json']?.schema)?.properties;
        if (code !== '200' && props?.Response?.enum) {
          props.Error = { type: 'string', enum: props.Response.enum };
          props.Response = { type: 'string' };
        }
      }
      const conflict = op.responses?.['409']?.content?.['application/json']?.schema?.properties;
      if (path === '/equipment/camera/capture' && conflict?.Error?.enum) conflict.Error.enum.push('No capture processed');
      if (path === '/equipment/camera/capture' && conflict?.Response?.enum) conflict.Response.enum.push('No capture processed');
      if (path.startsWith('/sequence/') && conflict?.Error?.enum?.includes('Sequencer not initialized')) conflict.Error.enum.push('Sequence is not initialized');
    }
  }
}

const [specPath, answersPath] = process.argv.slice(2);
const spec = parse(readFileSync(specPath, 'utf8'));
applyErrata(spec);
const rotation = spec.paths['/framing/determine-rotation'].get.responses['200'].content['application/json'];
const [started, framingInfo] = [rotation.schema.oneOf[0], resolveRef(spec, rotation.schema.oneOf[1])];
rotation.schema = { ...started, properties: { ...started.properties, Response: { anyOf: [{ type: 'string' }, framingInfo.properties?.Response ?? framingInfo] } } };
wrapBareAnswers(spec);
spec.paths['/livestack/status'].get.responses['200'].content['application/json'].schema.properties.Response.enum.push('Running', 'Stopped');
const sequenceItems = spec.components.schemas.SequenceBaseJson.properties.Response.items;
sequenceItems.anyOf = sequenceItems.oneOf;
delete sequenceItems.oneOf;
spec.components.schemas.FilterInfo.properties.FlatWizardFilterSettings.properties.FlatWizardMode = { type: 'string', enum: ['DYNAMICEXPOSURE', 'DYNAMICBRIGHTNESS', 'SKYFLAT'] };
// openapi-backend addresses operations by id; the document has none, so name them by method and path.
for (const [p, item] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(item)) op.operationId = `${method}_${p}`;

const api = new OpenAPIBackend({ definition: spec, quick: false, validate: true, ajvOpts: { strict: false } });
await api.init();
const problems = [];
for (const { path, body } of JSON.parse(readFileSync(answersPath, 'utf8'))) {
  const operation = api.matchOperation({ method: 'get', path: `/${path.split('?')[0]}`, headers: {} });
  if (!operation) {
    problems.push(`${path}: not in the document`);
    continue;
  }
  // ninaAPI documents error answers under the envelope's StatusCode; undocumented error codes are
  // checked against the generic error envelope (components.schemas.UnknownError).
  const code = body.StatusCode;
  const documented = Object.keys(operation.responses ?? {}).includes(String(code));
  if (!documented && code === 200) problems.push(`${path}: success answer not documented`);
  const result = documented ? api.validateResponse(body, operation, code) : api.validateResponse(body, 'get_/equipment/camera/connect', 500);
  if (result.errors?.length) problems.push(`${path} (${code}): ${JSON.stringify(result.errors.slice(0, 3))}`);
}
process.stdout.write(JSON.stringify(problems));
