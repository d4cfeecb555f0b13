import { BUILTIN_ROLES, FULL_ACCESS, hasPermission, mayCall, mergePermissions, RESOURCES, validatePermissionMap } from './permissions';

describe('permissions', () => {
  it('grants by resource and action, with * for either', () => {
    expect(hasPermission({ gpio: ['read'] }, 'gpio', 'read')).toBe(true);
    expect(hasPermission({ gpio: ['read'] }, 'gpio', 'update')).toBe(false);
    expect(hasPermission({ gpio: ['read'] }, 'allsky', 'read')).toBe(false);
    expect(hasPermission({ gpio: ['*'] }, 'gpio', 'update')).toBe(true);
    expect(hasPermission({ '*': ['read'] }, 'archive', 'read')).toBe(true);
    expect(hasPermission({ '*': ['read'] }, 'archive', 'update')).toBe(false);
    expect(hasPermission(FULL_ACCESS, 'users', 'update')).toBe(true);
  });

  it('merges role maps into a sorted union', () => {
    expect(mergePermissions([{ gpio: ['update'] }, { gpio: ['read'], sync: ['read'] }])).toEqual({ gpio: ['read', 'update'], sync: ['read'] });
  });

  it('names unknown resources and actions', () => {
    expect(validatePermissionMap({ gpio: ['read'], '*': ['*'] })).toEqual([]);
    expect(validatePermissionMap({ telescope: ['read'] })[0]).toContain('unknown resource "telescope"');
    expect(validatePermissionMap({ gpio: ['delete'] })[0]).toContain('unknown action "delete" on "gpio"');
    expect(validatePermissionMap({ gpio: 'read' })[0]).toContain('must be an array');
    expect(validatePermissionMap([])[0]).toContain('must be an object');
  });

  it('ships roles whose maps are valid: viewer reads all but users, uploader only uploads', () => {
    for (const role of BUILTIN_ROLES) expect(validatePermissionMap(role.permissions)).toEqual([]);
    const viewer = BUILTIN_ROLES.find((r) => r.name === 'viewer')!.permissions;
    for (const r of RESOURCES) {
      expect(hasPermission(viewer, r, 'read')).toBe(r !== 'users' && r !== 'upload' && r !== 'metrics');
      expect(hasPermission(viewer, r, 'update')).toBe(false);
    }
    const uploader = BUILTIN_ROLES.find((r) => r.name === 'uploader')!.permissions;
    expect(RESOURCES.filter((r) => hasPermission(uploader, r, 'update'))).toEqual(['sync', 'upload']);
    expect(RESOURCES.filter((r) => hasPermission(uploader, r, 'read'))).toEqual([]);
  });

  it('admits upload routes by upload:update, and upload-scoped keys by upload routes only', () => {
    const uploader = BUILTIN_ROLES.find((r) => r.name === 'uploader')!.permissions;
    const viewer = BUILTIN_ROLES.find((r) => r.name === 'viewer')!.permissions;
    const lookup = { resource: 'archive', action: 'read', upload: true } as const;
    const remove = { resource: 'archive', action: 'update' } as const;
    const sites = { resource: 'archive', action: 'read' } as const;
    expect([mayCall(uploader, lookup, false), mayCall(uploader, lookup, true), mayCall(uploader, remove, false), mayCall(uploader, sites, false)]).toEqual([true, true, false, false]);
    // An admin's upload key reaches the upload routes and nothing else, like everyone's.
    expect([mayCall(FULL_ACCESS, lookup, true), mayCall(FULL_ACCESS, remove, true), mayCall(FULL_ACCESS, sites, true)]).toEqual([true, false, false]);
    // A viewer reads, but its upload key may not (it may not upload).
    expect([mayCall(viewer, lookup, false), mayCall(viewer, lookup, true)]).toEqual([true, false]);
  });
});
