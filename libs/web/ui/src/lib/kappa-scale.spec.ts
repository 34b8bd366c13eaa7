/// <reference types="jest" />
import { kappaBand, kappaColor, kappaGradient, kappaTextColor } from './kappa-scale';

describe('kappaColor', () => {
  it.each([
    ['perfect agreement: RdBu darkest blue', 1, '#0571b0'],
    ['chance: RdBu neutral', 0, '#f7f7f7'],
    ['perfect disagreement: RdBu darkest red', -1, '#ca0020'],
    ['a stop in between', 0.5, '#92c5de'],
    // Halfway between #f7f7f7 and #92c5de: (247+146)/2 = 196.5 → c5, (247+197)/2 = 222 → de, (247+222)/2 = 234.5 → eb.
    ['halfway between two stops, rounded per channel', 0.25, '#c5deeb'],
    ['above 1 takes the end colour', 1.7, '#0571b0'],
    ['below −1 takes the end colour', -3, '#ca0020'],
  ])('%s', (_name, kappa, color) => {
    expect(kappaColor(kappa)).toBe(color);
  });

  it('gets darker as agreement rises above chance', () => {
    const lightness = (k: number) => Number.parseInt(kappaColor(k).slice(1, 3), 16);
    expect(lightness(0.2)).toBeGreaterThan(lightness(0.6));
    expect(lightness(0.6)).toBeGreaterThan(lightness(0.9));
  });
});

describe('kappaTextColor', () => {
  it('puts white text on the dark ends and dark text on the pale middle', () => {
    expect(kappaTextColor(kappaColor(1))).toBe('#ffffff');
    expect(kappaTextColor(kappaColor(-1))).toBe('#ffffff');
    expect(kappaTextColor(kappaColor(0))).toBe('#1d2330');
    expect(kappaTextColor(kappaColor(0.5))).toBe('#1d2330');
  });
});

describe('kappaGradient', () => {
  it('places the stops from −1 at 0% to 1 at 100%', () => {
    expect(kappaGradient()).toBe('linear-gradient(to right, #ca0020 0%, #f4a582 25%, #f7f7f7 50%, #92c5de 75%, #0571b0 100%)');
  });
});

describe('kappaBand (Landis & Koch 1977)', () => {
  it.each([
    [-0.1, 'poor'],
    [0, 'slight'],
    [0.2, 'slight'],
    [0.21, 'fair'],
    [0.4, 'fair'],
    [0.55, 'moderate'],
    [2 / 3, 'substantial'],
    [0.81, 'almost perfect'],
    [1, 'almost perfect'],
  ])('%d is %s', (kappa, band) => {
    expect(kappaBand(kappa)).toBe(band);
  });
});
