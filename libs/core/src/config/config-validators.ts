import { makeValidator } from 'envalid';

/** The envalid validators of Skygate's own variable formats (app-config.ts lists the variables). */
export const workerCount = makeValidator<number>((input) => {
  if (!/^[1-4]$/.test(input.trim())) throw new Error(`"${input}" is not 1-4`);
  return Number(input);
});

export const httpUrl = makeValidator<string>((input) => {
  if (!/^https?:\/\/\S+$/.test(input.trim())) throw new Error(`"${input}" is not an http(s) URL`);
  return input.trim().replace(/\/+$/, '');
});

export const mqttUrl = makeValidator<string>((input) => {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`"${input}" is not a URL`);
  }
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(url.protocol) || !url.hostname) throw new Error(`"${input}" is not an mqtt(s):// or ws(s):// URL`);
  return input.trim();
});

export const topicPrefix = makeValidator<string>((input) => {
  const prefix = input.trim();
  if (!prefix || /[#+]/.test(prefix) || prefix.includes('\0') || prefix.startsWith('/') || prefix.endsWith('/') || prefix.includes('//')) throw new Error(`"${input}" is not an MQTT topic prefix`);
  return prefix;
});

export const postgresUrl = makeValidator<string>((input) => {
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(input)) throw new Error(`"${input}" is not a postgres:// URL`);
  try {
    new URL(input);
  } catch {
    throw new Error('not a valid URL');
  }
  return input;
});

export const positiveInt = makeValidator<number>((input) => {
  if (!/^\d+$/.test(input.trim()) || Number(input) <= 0) throw new Error(`"${input}" is not a positive integer`);
  return Number(input);
});

export const seconds0to3600 = makeValidator<number>((input) => {
  if (!/^\d+$/.test(input.trim()) || Number(input) > 3600) throw new Error(`"${input}" is not 0-3600`);
  return Number(input);
});

export const longSecret = makeValidator<string>((input) => {
  if (input.length < 32) throw new Error('too short');
  return input;
});

export const hexKey32 = makeValidator<Buffer>((input) => {
  if (!/^[0-9a-fA-F]{64}$/.test(input.trim())) throw new Error('not 64 hex characters');
  return Buffer.from(input.trim(), 'hex');
});

export const trueFalse = makeValidator<boolean>((input) => {
  const v = input.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new Error('not true or false');
});

const IP_OR_CIDR = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)(\/\d{1,3})?$/;
export const addressList = makeValidator<string[]>((input) => {
  const items = input.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!IP_OR_CIDR.test(item) && !['loopback', 'linklocal', 'uniquelocal'].includes(item)) throw new Error(`"${item}"`);
  return items;
});

export const hostList = makeValidator<string[]>((input) => {
  const items = input.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const item of items) if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.:_-]+)$/.test(item)) throw new Error(`"${item}"`);
  return items;
});

export const originList = makeValidator<string[] | '*'>((input) => {
  if (input.trim() === '*') return '*';
  const items = input.split(',').map((s) => s.trim()).filter(Boolean);
  return items.map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new Error(`"${item}" is not an origin`);
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== item.replace(/\/$/, '')) throw new Error(`"${item}" is not an origin like https://host:port`);
    return url.origin;
  });
});

export const pathList = makeValidator<string[]>((input) => {
  const items = input.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error('no folder given');
  return items;
});

export const nonEmpty = makeValidator<string>((input) => {
  if (input.trim() === '') throw new Error('must not be empty');
  return input.trim();
});

export const unitName = makeValidator<string>((input) => {
  if (!/^[A-Za-z0-9:_.@\\-]+$/.test(input.trim())) throw new Error('not a systemd unit name');
  return input.trim();
});
