/// <reference types="jest" />
import { ApiError } from '../api-client';
import { pausedMessage } from './next-tasks';

describe('pausedMessage', () => {
  const message = "You are paused: your accuracy on check items is 0% (0 of 2), under this project's 60%.";

  it("is the server's explanation on a 403 ANNOTATOR_PAUSED", () => {
    expect(pausedMessage(new ApiError(403, 'ANNOTATOR_PAUSED', message))).toBe(message);
  });

  it.each([
    ['another 403', new ApiError(403, 'FORBIDDEN', 'not a member')],
    ['the code on another status', new ApiError(409, 'ANNOTATOR_PAUSED', message)],
    ['a network failure', new ApiError(0, 'NETWORK', 'Could not reach the server.')],
    ['a plain error', new Error(message)],
  ])('is null for %s', (_name, err) => {
    expect(pausedMessage(err)).toBeNull();
  });
});
