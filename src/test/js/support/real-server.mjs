// The real Syncline server the Java side started for these tests (SYNCLINE_URL), with tokens
// from its development mode.
export const SERVER = process.env.SYNCLINE_URL || 'http://127.0.0.1:8080';
export const ARTIFACTS =
  process.env.SYNCLINE_ARTIFACTS || new URL('../../../../target/js-artifacts/', import.meta.url).pathname;

const tokens = new Map();

export async function devToken(user, roles = ['user']) {
  const key = user + '/' + roles;
  if (!tokens.has(key)) tokens.set(key, mint(user, roles));
  return tokens.get(key);
}

async function mint(user, roles) {
  const response = await fetch(SERVER + '/api/dev/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, roles, email: `${user}@example.com` }),
  });
  if (!response.ok) throw new Error(`dev token for ${user}: ${response.status}`);
  return (await response.json()).token;
}

/** A REST call as `user` against the real server; answers the parsed body. */
export async function rest(method, path, body, user = 'writer') {
  let response;
  for (;;) {
    response = await fetch(SERVER + path, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + (await devToken(user)) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status !== 429) break;
    // a server with the README's rate limits: wait as it asks, as any client should
    const { retryAfter = 1000 } = await response.json();
    await new Promise((resolve) => setTimeout(resolve, retryAfter));
  }
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}
