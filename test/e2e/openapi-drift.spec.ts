import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApi, OPENAPI_PATH } from '../../apps/skygate-cli/src/commands/openapi';

describe('committed OpenAPI document', () => {
  it('matches what the code declares (run `npm run openapi` after changing a route or DTO)', async () => {
    const committed = readFileSync(join(__dirname, '../..', OPENAPI_PATH), 'utf8');
    const generated = await generateOpenApi();
    expect(generated).toBe(committed);
  });

  it('is generated deterministically', async () => {
    expect(await generateOpenApi()).toBe(await generateOpenApi());
  });
});
