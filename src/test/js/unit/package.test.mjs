// The client as an npm package: `npm pack` of src/main/webapp/js/syncline, installed from the
// tarball (offline) into a new project, imported there by the package's name from JavaScript and
// from TypeScript (its `exports`, and the declarations beside the modules).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const source = fileURLToPath(new URL('../../../main/webapp/js/syncline/', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

let temp;
let project;
let packed;

before(async () => {
  temp = await mkdtemp(join(tmpdir(), 'syncline-package-'));
  const { stdout } = await npm(['pack', source, '--pack-destination', temp, '--json'], temp);
  [packed] = JSON.parse(stdout);
  project = join(temp, 'app');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  await npm(['install', join(temp, packed.filename), '--offline'], project);
});

after(() => rm(temp, { recursive: true, force: true }));

test('the tarball holds every module of the client with its declaration, and package.json', async () => {
  const modules = (await readdir(source)).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'));
  assert.equal(packed.name, '@syncline/client');
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [...modules, 'package.json'].sort());
});

test('an app imports the installed package by its name, and a module of it by its path', async () => {
  const script = `
    import { RealtimeClient, State, tokenExpiry } from '@syncline/client';
    import { Backoff } from '@syncline/client/backoff.js';
    const client = new RealtimeClient({ url: 'http://127.0.0.1:1' });
    const jwt = 'x.' + btoa(JSON.stringify({ exp: 42 })) + '.y';
    console.log(JSON.stringify({ state: client.state.value, closed: State.CLOSED, exp: tokenExpiry(jwt), backoff: new Backoff().attempt }));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
  assert.deepEqual(JSON.parse(stdout), { state: 'closed', closed: 'closed', exp: 42, backoff: 0 });
});

test('TypeScript finds the declarations of the installed package by its name', async () => {
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'nodenext', strict: true, noEmit: true, types: [], lib: ['es2022', 'dom'] },
      files: ['app.ts'],
    }),
  );
  const app = `
    import { RealtimeClient, type ClientOptions } from '@syncline/client';
    import { Backoff } from '@syncline/client/backoff.js';
    const options: ClientOptions = { url: 'https://sync.example.com', fallbackAfter: 2 };
    const state: 'connecting' | 'open' | 'reconnecting' | 'closed' = new RealtimeClient(options).connect().state.value;
    const delay: number = new Backoff().next();
    // @ts-expect-error: the declarations are in effect, not any
    const wrong: string = new Backoff().next();
    export { state, delay, wrong };
  `;
  await writeFile(join(project, 'app.ts'), app);
  await run(tsc, ['-p', project], { cwd: project });
  assert.match(await readFile(join(project, 'node_modules/@syncline/client/index.d.ts'), 'utf8'), /RealtimeClient/);
});
