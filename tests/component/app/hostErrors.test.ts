import { expect, test } from 'vitest';
import { HostCallError } from '../../../renderer/src/host/hostClient';
import { errorMessage, failureMessage, hostFailure } from '../../../renderer/src/store/hostErrors';

test('a host error reads as common:errors.<code> with its message; anything else as internal', () => {
  expect(hostFailure(new HostCallError('disk_full', 'no space left'))).toEqual({ code: 'disk_full', message: 'no space left' });
  expect(errorMessage(new HostCallError('disk_full', 'no space left'))).toEqual({ key: 'common:errors.disk_full', values: { message: 'no space left' } });
  // Only the host's errors carry a code the UI translates; a thrown Error or a string is internal.
  expect(errorMessage(Object.assign(new Error('boom'), { code: 'disk_full' }))).toEqual({ key: 'common:errors.internal', values: { message: 'boom' } });
  expect(errorMessage('gone')).toEqual({ key: 'common:errors.internal', values: { message: 'gone' } });
});

test('a stored failure (the open study’s, a save’s) reads the same as the error it came from', () => {
  const err = new HostCallError('invalid_file', 'study.json is not valid JSON');
  expect(failureMessage(hostFailure(err))).toEqual(errorMessage(err));
});
