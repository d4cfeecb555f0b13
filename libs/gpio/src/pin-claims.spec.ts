import { PinClaimedError, PinClaims } from './pin-claims';

describe('PinClaims', () => {
  it('gives each pin one owner and names the holder when another owner asks', () => {
    const claims = new PinClaims();
    claims.claim('focuser', [17, 18]);
    claims.claim('focuser', [18, 19]);
    expect(claims.ownerOf(18)).toBe('focuser');
    const clash = (() => {
      try {
        claims.claim('daemon', [5, 19]);
      } catch (err) {
        return err;
      }
    })();
    expect(clash).toBeInstanceOf(PinClaimedError);
    expect(clash).toMatchObject({ pin: 19, owner: 'focuser', message: 'GPIO pin 19 is in use by the focuser' });
    expect(claims.ownerOf(5)).toBeUndefined(); // all or nothing
  });

  it('releases only the owner’s own pins, some or all', () => {
    const claims = new PinClaims();
    claims.claim('focuser', [1, 2, 3]);
    claims.claim('gpio routes', [4]);
    claims.release('focuser', [1, 4]);
    expect([1, 2, 3, 4].map((pin) => claims.ownerOf(pin))).toEqual([undefined, 'focuser', 'focuser', 'gpio routes']);
    claims.release('focuser');
    expect([2, 3, 4].map((pin) => claims.ownerOf(pin))).toEqual([undefined, undefined, 'gpio routes']);
    claims.claim('daemon', [2]);
    expect(claims.ownerOf(2)).toBe('daemon');
  });
});
