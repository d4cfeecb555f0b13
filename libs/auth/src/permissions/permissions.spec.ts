import { BUILTIN_ROLES, FULL_ACCESS, hasPermission, mergePermissions, RESOURCES, validatePermissionMap } from './permissions';

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
      expect(hasPermission(viewer, r, 'read')).toBe(r !== 'users');
      expect(hasPermission(viewer, r, 'update')).toBe(false);
    }
    const uploader = BUILTIN_ROLES.find((r) => r.name === 'uploader')!.permissions;
    expect(RESOURCES.filter((r) => hasPermission(uploader, r, 'update'))).toEqual(['sync', 'archive']);
  });
});
