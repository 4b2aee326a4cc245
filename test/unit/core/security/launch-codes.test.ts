import { describe, expect, it } from 'vitest';
import { LaunchCodes } from '../../../../electron/core/security/launch-codes.ts';

describe('LaunchCodes', () => {
  it('redeems each code once', () => {
    const codes = new LaunchCodes();
    const a = codes.issue();
    const b = codes.issue();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(codes.redeem(a)).toBe(true);
    expect(codes.redeem(a)).toBe(false);
    expect(codes.redeem(b)).toBe(true);
    expect(codes.redeem('made-up')).toBe(false);
  });

  it('gives one code a lifetime of its own without changing the others', () => {
    let t = 1_000;
    const codes = new LaunchCodes({ ttlMs: 100, now: () => t });
    const short = codes.issue();
    const long = codes.issue(10_000);
    t += 500;
    expect(codes.redeem(short)).toBe(false);
    expect(codes.redeem(long)).toBe(true);
  });

  it('refuses a code after its lifetime', () => {
    let t = 1_000;
    const codes = new LaunchCodes({ ttlMs: 100, now: () => t });
    const a = codes.issue();
    const b = codes.issue();
    t += 99;
    expect(codes.redeem(a)).toBe(true);
    t += 1;
    expect(codes.redeem(b)).toBe(false);
  });

  it('keeps a bounded number of unredeemed codes, dropping the oldest', () => {
    const codes = new LaunchCodes();
    const first = codes.issue();
    for (let i = 0; i < 100; i++) codes.issue();
    const last = codes.issue();
    expect(codes.redeem(first)).toBe(false);
    expect(codes.redeem(last)).toBe(true);
  });
});
