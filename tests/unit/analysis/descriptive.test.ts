import fc from 'fast-check';
import { describe as suite, expect, it } from 'vitest';
import { agreementOf, centroidOf, covarianceOf, describe, ellipseOf, modalZoneOf, UNIFORM_VARIANCE, type PlacedPoint } from '../../../shared/analysis/descriptive';
import { DEFAULT_MIDLINE } from '../../../shared/model/zones';

const pts = (...xs: Array<[number, number]>): PlacedPoint[] => xs.map(([power, interest]) => ({ position: { power, interest }, contested: false }));

suite('descriptive statistics of one stakeholder (golden numbers)', () => {
  it('centroid, sd, standard distance, agreement, zones and coverage of a square of four points', () => {
    // Points (power, interest): (2,8) (4,8) (2,6) (4,6); 5 sessions in the set, 1 unknown.
    // centroid = ((2+4+2+4)/4, (8+8+6+6)/4) = (3, 7)
    // power deviations −1, 1, −1, 1 → Σd² = 4 → var = 4/3 → sd = √(4/3) = 1.154700538…
    // interest deviations 1, 1, −1, −1 → the same sd
    // standardDistance = √(Σ‖p − c‖² / (n − 1)) = √((2 + 2 + 2 + 2) / 3) = √(8/3) = 1.6329931618…
    // agreement = 1 − (4/3 + 4/3) / (2 · 100/12) = 1 − (8/3) / (50/3) = 1 − 0.16 = 0.84
    // zones (midline 5): power < 5, interest ≥ 5 → lp_hi ×4; modal lp_hi, share 4/4 = 1
    // coverage = 4 / 5 = 0.8
    const d = describe(pts([2, 8], [4, 8], [2, 6], [4, 6]), { sessions: 5, unknown: 1, notDiscussed: 0 }, DEFAULT_MIDLINE);
    expect(d.n).toBe(4);
    expect(d.unknown).toBe(1);
    expect(d.coverage).toBe(0.8);
    expect(d.centroid).toEqual({ power: 3, interest: 7 });
    expect(d.sd!.power).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(d.sd!.interest).toBeCloseTo(1.154700538, 9);
    expect(d.standardDistance).toBeCloseTo(1.6329931619, 9);
    expect(d.agreement).toBeCloseTo(0.84, 12);
    expect(d.zoneCounts).toEqual({ hp_hi: 0, hp_li: 0, lp_hi: 4, lp_li: 0 });
    expect(d.modalZone).toBe('lp_hi');
    expect(d.modalZoneShare).toBe(1);
    expect(d.contestedShare).toBe(0);
  });

  it('contested share counts contested placements over n', () => {
    // 1 contested of 4 placed → 0.25
    const points = pts([1, 1], [2, 2], [3, 3], [4, 4]);
    points[2]!.contested = true;
    expect(describe(points, { sessions: 4, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE).contestedShare).toBe(0.25);
  });

  it('agreement is clipped at 0 when sessions scatter more than a uniform placement would', () => {
    // Corners (0,0) (10,10) (0,10) (10,0): each axis has deviations ±5 → var = 100/3 per axis
    // r_wg = 1 − (100/3 + 100/3) / (2 · 100/12) = 1 − 4 = −3 → clipped to 0
    const d = describe(pts([0, 0], [10, 10], [0, 10], [10, 0]), { sessions: 4, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE);
    expect(d.agreement).toBe(0);
    expect(agreementOf({ power: 0, interest: 0 })).toBe(1);
    expect(UNIFORM_VARIANCE).toBeCloseTo(8.333333333, 9);
  });

  it('breaks modal-zone ties in the order hp_hi, hp_li, lp_hi, lp_li', () => {
    expect(modalZoneOf({ hp_hi: 0, hp_li: 2, lp_hi: 2, lp_li: 0 })).toBe('hp_li');
    expect(modalZoneOf({ hp_hi: 2, hp_li: 0, lp_hi: 0, lp_li: 2 })).toBe('hp_hi');
    expect(modalZoneOf({ hp_hi: 0, hp_li: 0, lp_hi: 1, lp_li: 1 })).toBe('lp_hi');
    expect(modalZoneOf({ hp_hi: 0, hp_li: 0, lp_hi: 0, lp_li: 0 })).toBeNull();
    // Through describe: (5,5) is on both midlines and counts as high/high; (9,1) is hp_li.
    // Two of each → tie → hp_hi, share 2/4 = 0.5.
    const d = describe(pts([5, 5], [9, 1], [6, 6], [8, 2]), { sessions: 4, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE);
    expect(d.zoneCounts).toEqual({ hp_hi: 2, hp_li: 2, lp_hi: 0, lp_li: 0 });
    expect(d.modalZone).toBe('hp_hi');
    expect(d.modalZoneShare).toBe(0.5);
  });

  it('leaves sd, standard distance, agreement and the ellipse absent for too few points', () => {
    const one = describe(pts([7, 3]), { sessions: 2, unknown: 0, notDiscussed: 1 }, DEFAULT_MIDLINE);
    expect(one.centroid).toEqual({ power: 7, interest: 3 });
    expect(one.sd).toBeNull();
    expect(one.standardDistance).toBeNull();
    expect(one.agreement).toBeNull();
    expect(one.ellipse).toBeNull();
    const two = describe(pts([7, 3], [5, 3]), { sessions: 2, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE);
    expect(two.sd).toEqual({ power: Math.SQRT2, interest: 0 });
    expect(two.ellipse).toBeNull(); // drawn only when n ≥ 3
    const none = describe([], { sessions: 0, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE);
    expect(none).toMatchObject({ n: 0, coverage: null, centroid: null, modalZone: null, modalZoneShare: null, contestedShare: null });
  });

  it('draws a 1-SD ellipse from the covariance matrix (interest horizontal, power vertical)', () => {
    // (power, interest) = (1,1) (2,2) (3,3): var_i = var_p = 1, cov = 1
    // eigenvalues (1+1)/2 ± √(0 + 1) = 2 and 0 → radii √2 and 0; major axis at ½·atan2(2, 0) = 45°
    const diagonal = describe(pts([1, 1], [2, 2], [3, 3]), { sessions: 3, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE).ellipse!;
    expect(diagonal.centre).toEqual({ power: 2, interest: 2 });
    expect(diagonal.radii.major).toBeCloseTo(Math.SQRT2, 12);
    expect(diagonal.radii.minor).toBeCloseTo(0, 12);
    expect(diagonal.angleDeg).toBeCloseTo(45, 12);
    // Power falls as interest rises: cov = −1 → −45°
    expect(describe(pts([3, 1], [2, 2], [1, 3]), { sessions: 3, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE).ellipse!.angleDeg).toBeCloseTo(-45, 12);
    // var_i = 4, var_p = 1, cov = 0: major radius 2 along the interest axis (0°), minor 1;
    // var_p larger instead: the major axis is vertical, 90°.
    expect(ellipseOf({ power: 5, interest: 5 }, { interest: 4, power: 1, cross: 0 })).toEqual({ centre: { power: 5, interest: 5 }, radii: { major: 2, minor: 1 }, angleDeg: 0 });
    expect(ellipseOf({ power: 5, interest: 5 }, { interest: 1, power: 4, cross: 0 }).angleDeg).toBe(90);
  });
});

suite('descriptive statistics (properties)', () => {
  const position = fc.record({ power: fc.double({ min: 0, max: 10, noNaN: true }), interest: fc.double({ min: 0, max: 10, noNaN: true }) });
  const points = fc.array(position, { minLength: 2, maxLength: 40 });

  it('agreement always lies in [0, 1]', () => {
    fc.assert(
      fc.property(points, (ps) => {
        const d = describe(ps.map((p) => ({ position: p, contested: false })), { sessions: ps.length, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE);
        return d.agreement! >= 0 && d.agreement! <= 1;
      }),
    );
  });

  it('the centroid does not depend on the order of the sessions', () => {
    fc.assert(
      fc.property(points, fc.nat(), (ps, shift) => {
        const k = shift % ps.length;
        const rotated = [...ps.slice(k), ...ps.slice(0, k)].reverse();
        const a = centroidOf(ps)!;
        const b = centroidOf(rotated)!;
        return Math.abs(a.power - b.power) < 1e-9 && Math.abs(a.interest - b.interest) < 1e-9;
      }),
    );
  });

  it('standard distance² is the sum of the two sample variances, and the ellipse radii carry the same total', () => {
    fc.assert(
      fc.property(fc.array(position, { minLength: 3, maxLength: 30 }), (ps) => {
        const d = describe(ps.map((p) => ({ position: p, contested: false })), { sessions: ps.length, unknown: 0, notDiscussed: 0 }, DEFAULT_MIDLINE);
        const total = d.sd!.power ** 2 + d.sd!.interest ** 2;
        const cov = covarianceOf(ps, centroidOf(ps)!)!;
        return (
          Math.abs(d.standardDistance! ** 2 - total) < 1e-9 &&
          Math.abs(d.ellipse!.radii.major ** 2 + d.ellipse!.radii.minor ** 2 - (cov.power + cov.interest)) < 1e-9 &&
          d.ellipse!.radii.major >= d.ellipse!.radii.minor
        );
      }),
    );
  });
});
