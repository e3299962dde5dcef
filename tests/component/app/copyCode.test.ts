import { expect, test } from 'vitest';
import { copyCode } from '../../../renderer/src/store/actions';

const label = (n: number) => (n === 1 ? 'copy' : `copy ${n}`);

test('a copy’s code is unused in the round, codes compared as names are (nameKey)', () => {
  expect(copyCode('FGD 3', ['FGD 3'], label)).toBe('FGD 3 (copy)');
  expect(copyCode('FGD 3', ['FGD 3', ' fgd 3 (COPY) '], label)).toBe('FGD 3 (copy 2)');
  // Newly: inner spaces and a Bengali code typed in another Unicode form count as taken.
  expect(copyCode('FGD 3', ['fgd  3  (copy)'], label)).toBe('FGD 3 (copy 2)');
  const bengali = 'বোর্ড ৩'.normalize('NFC');
  expect(copyCode(bengali, [`${bengali} (copy)`.normalize('NFD')], label)).toBe(`${bengali} (copy 2)`);
});
