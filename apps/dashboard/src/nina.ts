import type { components } from '@app/sdk';

type Envelope = components['schemas']['NinaEnvelopeDto'];

/** ninaAPI answers HTTP 200 with the outcome in the envelope: the payload, or an Error thrown with its text. */
export async function nina<T>(call: Promise<{ data?: Envelope; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  const envelope = (data ?? error) as Envelope | undefined;
  if (!envelope || typeof envelope !== 'object' || !('Success' in envelope)) throw new Error(`HTTP ${response.status}`);
  if (!envelope.Success) throw new Error(envelope.Error || `failed (${envelope.StatusCode})`);
  return envelope.Response as T;
}

/** For ActionButton: undefined when it worked, the envelope's error text when not. */
export async function ninaAction(call: Promise<{ data?: Envelope; error?: unknown; response: Response }>): Promise<string | undefined> {
  try {
    await nina(call);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The fields of /v2/api/equipment/info the dashboard shows (the simulator and INDI drivers fill them). */
export interface DeviceInfo {
  Connected: boolean;
  Name: string;
  DisplayName?: string;
  [key: string]: unknown;
}
export interface EquipmentInfo {
  [device: string]: DeviceInfo;
}
