import type { PermissionAction } from '@app/core';

/**
 * Every resource a route can name. Roles grant (resource, action) pairs on these, or on '*'.
 * `upload` is no route's resource: `upload:update` is the right to make an uploading client's
 * calls, the routes declared with `{ upload: true }` (UPLOAD_PERMISSION).
 */
export const RESOURCES = ['allsky', 'gpio', 'focuser', 'dashboard', 'sync', 'equipment', 'sequence', 'daemon', 'archive', 'users', 'upload', 'metrics'] as const;
export type Resource = (typeof RESOURCES)[number];
export const ACTIONS: PermissionAction[] = ['read', 'update'];

/**
 * The Allsky Server's permission shape, also carried in the JWT: resource → actions, where '*'
 * stands for every resource or every action. `{"*": ["*"]}` is full access.
 */
export type PermissionMap = Record<string, string[]>;

export const FULL_ACCESS: PermissionMap = { '*': ['*'] };

/** The permission that admits a caller to every upload route (and to nothing else). */
export const UPLOAD_PERMISSION = { resource: 'upload', action: 'update' } as const;

/**
 * Whether a caller may use a route. An upload route (`{ upload: true }`: what an uploading client
 * needs, e.g. look up its dataset and telescope by name, create a dataset, upload a file) admits
 * upload:update as well as its own permission. An upload-scoped key is admitted by upload routes
 * only, and there by upload:update or the route's resource:update (the right to upload into it),
 * whatever else its user may do.
 */
export function mayCall(map: PermissionMap, route: { resource: string; action: PermissionAction; upload?: boolean }, uploadScopedKey: boolean): boolean {
  const uploader = route.upload === true && hasPermission(map, UPLOAD_PERMISSION.resource, UPLOAD_PERMISSION.action);
  if (uploadScopedKey) return route.upload === true && (uploader || hasPermission(map, route.resource, 'update'));
  return uploader || hasPermission(map, route.resource, route.action);
}

export function hasPermission(map: PermissionMap, resource: string, action: PermissionAction): boolean {
  const granted = [...(map[resource] ?? []), ...(map['*'] ?? [])];
  return granted.includes(action) || granted.includes('*');
}

/** Union of several maps, e.g. the roles of one user. */
export function mergePermissions(maps: PermissionMap[]): PermissionMap {
  const merged: Record<string, Set<string>> = {};
  for (const map of maps) for (const [resource, actions] of Object.entries(map)) for (const a of actions) (merged[resource] ??= new Set()).add(a);
  return Object.fromEntries(
    Object.entries(merged)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([r, s]) => [r, [...s].sort()]),
  );
}

/** Problems with a permission map an admin submitted: unknown resources or actions. Empty when valid. */
export function validatePermissionMap(map: unknown): string[] {
  if (!map || typeof map !== 'object' || Array.isArray(map)) return ['permissions must be an object of resource → actions'];
  const problems: string[] = [];
  for (const [resource, actions] of Object.entries(map as Record<string, unknown>)) {
    if (resource !== '*' && !(RESOURCES as readonly string[]).includes(resource)) problems.push(`unknown resource "${resource}" (allowed: ${RESOURCES.join(', ')}, *)`);
    if (!Array.isArray(actions)) {
      problems.push(`actions of "${resource}" must be an array`);
      continue;
    }
    for (const a of actions) if (a !== '*' && !(ACTIONS as string[]).includes(a as string)) problems.push(`unknown action "${String(a)}" on "${resource}" (allowed: read, update, *)`);
  }
  return problems;
}

/** The uploader role: signed SyncAPI uploads and the upload routes; no archive:update, so no PATCH or DELETE. */
export const UPLOADER_PERMISSIONS: PermissionMap = { sync: ['update'], upload: ['update'] };

const HARDWARE: Resource[] = ['allsky', 'gpio', 'focuser', 'dashboard', 'equipment', 'sequence', 'daemon'];

/** The roles every installation starts with; their permissions are data an admin may edit. */
export const BUILTIN_ROLES: { name: string; description: string; permissions: PermissionMap }[] = [
  { name: 'admin', description: 'Everything, including users and roles', permissions: FULL_ACCESS },
  {
    name: 'operator',
    description: 'Reads everything but users; operates the hardware and equipment',
    permissions: {
      ...Object.fromEntries(HARDWARE.map((r) => [r, ['read', 'update']])),
      sync: ['read'],
      archive: ['read'],
    },
  },
  {
    name: 'viewer',
    description: 'Reads everything but users; changes nothing',
    permissions: Object.fromEntries(RESOURCES.filter((r) => r !== 'users' && r !== 'upload' && r !== 'metrics').map((r) => [r, ['read']])),
  },
  {
    name: 'uploader',
    description: 'Uploads to the sync receiver and the archive (finds its dataset and telescope by name, creates datasets, uploads files), nothing else',
    permissions: UPLOADER_PERMISSIONS,
  },
];
