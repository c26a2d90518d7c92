import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from '../../../main/webapp/js/syncline/index.js';

test('delays grow exponentially up to the cap, with full jitter below the ceiling', () => {
  const top = new Backoff({ base: 100, cap: 1000, random: () => 0.999999 });
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map(() => top.next()),
    [99, 199, 399, 799, 999, 999],
  );
  const bottom = new Backoff({ base: 100, cap: 1000, random: () => 0 });
  assert.deepEqual(
    [0, 1, 2].map(() => bottom.next()),
    [0, 0, 0],
  );
});

test('random delays always stay within [0, min(cap, base * 2^attempt)]', () => {
  const backoff = new Backoff({ base: 250, cap: 8000 });
  for (let attempt = 0; attempt < 200; attempt++) {
    const ceiling = Math.min(8000, 250 * 2 ** Math.min(attempt, 30));
    const delay = backoff.next();
    assert.ok(delay >= 0 && delay < ceiling, `attempt ${attempt}: ${delay} not below ${ceiling}`);
  }
});

test('a retryAfter from the server is never undercut, and reset starts over', () => {
  const backoff = new Backoff({ base: 100, cap: 1000, random: () => 0.5 });
  assert.equal(backoff.next(5000), 5000);
  assert.equal(backoff.next(), 100);
  backoff.reset();
  assert.equal(backoff.next(), 50);
});
