// The public API used as docs/client.md and docs/schemas.md show it, imported by the package's
// name: `tsc -p src/test/js/types` (run by check.sh) fails when a declaration no longer fits.
// Nothing here runs.
import {
  Collection,
  ConnectionLostError,
  CookieCodec,
  CookieDecodeError,
  OptimisticManager,
  QueueFullError,
  RealtimeClient,
  SchemaError,
  State,
  SynclineError,
  TimeoutError,
  Transport,
  dashboardMessages,
  emailMessages,
  fieldTimestamp,
  onMessage,
  taskMessages,
  signal,
  tokenExpiry,
} from '@syncline/client';
import { useChannel, usePresence, useSchema, useSignal } from '@syncline/client/react.js';
import type {
  Answer,
  Channel,
  ClientOptions,
  Conflict,
  DashboardUpdate,
  FieldChange,
  FieldConflict,
  FieldError,
  FormValidationResult,
  Item,
  Member,
  SchemaChange,
  Signal,
  ValidationResult,
} from '@syncline/client';

declare const sso: { getAccessToken(options: { forceRefresh: boolean }): Promise<string> };
declare function render(...args: unknown[]): void;
declare const input: HTMLInputElement;

interface Task {
  title: string;
  status?: string;
}

export async function connect(): Promise<void> {
  // Connect with a token
  const options: ClientOptions = {
    url: 'https://sync.example.com',
    token: async ({ reason }) => sso.getAccessToken({ forceRefresh: reason !== 'connect' }),
    tokenVia: 'query',
    requestTimeout: 10000,
    fallbackAfter: 2,
  };
  const client = new RealtimeClient(options).connect();
  client.state.subscribe((state: State) => console.log(state === State.OPEN));
  client.on('error', (error: SynclineError) => console.warn(error.code, error.message));
  const transport: Transport | null = client.transport.value;
  const latency: number | null = client.latency.value;
  const expiry: number | null = tokenExpiry('a.b.c');
  console.log(transport, latency, expiry, client.queued, client.userId);

  // Channels
  const tasks: Channel = client.channel('entity:Task', { since: 42, filters: { status: 'open' }, throttle: 100 });
  tasks.on('entity:created', (task, frame) => console.log('new', task, 'at version', frame.version));
  tasks.on('entity:deleted', ({ id }) => render(id));
  const room = client.channel('component:dashboard');
  room.on('typing', (data, { from }) => render(data, from));
  const sent: boolean = room.broadcast('typing', { field: 'title' }, { volatile: true });
  tasks.resetTo(7);
  tasks.leave();
  console.log(sent, tasks.lastVersion, tasks.joined);

  // Requests
  try {
    const answer: Answer = await client.request('sync', { entity: 'Task', since: 42 }, { until: 'sync:complete' });
    for (const frame of answer.frames) render(frame.type, frame.payload);
  } catch (e) {
    if (e instanceof SynclineError) render(e.code, e.retryAfter);
    if (e instanceof TimeoutError || e instanceof ConnectionLostError || e instanceof QueueFullError) render(e.code);
  }
  client.send('typing', { field: 'title' }, { channel: 'component:dashboard', volatile: true });

  // Live data and optimistic writes
  const list = await new Collection<Task>(client, 'Task').load();
  list.items.subscribe((items: Item<Task>[]) => render(items.map((item) => item.title + item._optimistic)));
  const optimistic = new OptimisticManager(client, {
    onConflict: (conflict: Conflict) => {
      if (confirm(`Overwrite ${String(conflict.remote?.data)}?`)) conflict.resolve('local');
      else conflict.resolve('remote');
    },
  });
  const manual = new OptimisticManager(client, {
    onManualResolution: ({ ui, options, resolve }) => {
      const keep = options.find((option) => option.choice === 'remote' && ui.fields.length > 0);
      void resolve(keep ? keep.choice : 'local');
    },
  });
  manual.dispose();
  const task = await optimistic.create(list, { title: 'Write the docs' });
  await optimistic.update(list, task.id, { status: 'done' });
  await optimistic.delete(list, task.id);

  // Seed 003's message families
  const inbox = client.channel('user:ada');
  const stop = dashboardMessages.onUpdate(inbox, (update: DashboardUpdate) =>
    render(`${update.metric} ${update.change.delta}`),
  );
  taskMessages.onSync(inbox, ({ processed, total, status }) =>
    render(status === 'error' ? 'failed' : `${processed}/${total}`),
  );
  onMessage(inbox, 'email:new', ({ message, importance }) => render(String(message.subject) + importance));
  stop();
  const published = await emailMessages.publishStatus(client, 'user:ada', {
    messageId: 'm1',
    status: 'read',
    changedBy: 'ada',
  });
  render(published.delivered);
  await dashboardMessages.publishUpdate(client, 'user:ada', {
    module: 'tasks',
    metric: 'completed',
    value: 24,
    change: dashboardMessages.change(23, 24),
  });

  // Field-level sync
  const fields = client.fields('Task');
  fields.on('change', (change: FieldChange) => render(change.entityId, change.field, change.value));
  fields.on('conflict', (lost: FieldConflict) => render(lost.field, lost.serverValue));
  const { applied, conflicts, version } = await fields.push('42', { title: 'Ship it', notes: null });
  const stamp: number = fieldTimestamp();
  console.log(applied, conflicts.length, version, stamp);

  // Form validation
  const email: ValidationResult = await client.validate('contact', 'email', input.value);
  const form: FormValidationResult = await client.validateForm('contact', { name: 'Ada', email: input.value });
  const errors: FieldError[] = form.errors;
  const contact = client.validator('contact', { wait: 250 });
  input.addEventListener('input', async () => render(await contact.field('email', input.value)));
  console.log(email.metadata, errors);

  // Presence
  const viewers = client.presence('entity:Task:42', { name: 'Ada', metadata: { status: 'editing' } });
  viewers.members.subscribe((members: Member[]) => render(members.map((m) => m.name)));
  viewers.count.subscribe((n: number) => render(n));
  viewers.leave();
  const board = client.room('board');
  board.presence.members.subscribe(render);

  // Signals
  const count: Signal<number> = signal(0);
  const unsubscribe: () => void = count.subscribe((n) => render(n + 1));
  count.value = 2;
  unsubscribe();

  // Schemas and cookies (docs/schemas.md)
  const schema = client.schema('board', {
    baseline: { schemaType: 'record', schema: { fields: [{ name: 'title', type: 'string', required: true }] } },
  });
  await schema.ready;
  schema.schema.subscribe(render);
  schema.on('change', ({ version: v, added, removed, changed, conflicts: c }: SchemaChange) =>
    render(v, added, removed, changed, c),
  );
  schema.on('error', (e: SchemaError) => console.warn(e.reasons));
  const checked = schema.validate({ title: '' });
  console.log(
    checked.valid,
    schema.fields.map((f) => f.name),
  );
  const prefs = new CookieCodec(client.schema('board-view'), { name: 'board-view' });
  prefs.on('error', (e: CookieDecodeError) => render(e.message));
  const saved = await prefs.read();
  prefs.write({ status: 'open' });
  console.log(saved);

  // What the declarations refuse
  // @ts-expect-error: not a transport
  new RealtimeClient({ transports: ['carrier-pigeon'] });
  // @ts-expect-error: the token function gets a context object, not a string
  new RealtimeClient({ token: (reason: number) => String(reason) });
  // @ts-expect-error: state is read-only
  client.state = signal(State.OPEN);

  client.disconnect();
}

// React hooks (react.js): what a component reads
export function board(client: RealtimeClient): string {
  const { joined, lastFrame, channel } = useChannel(client, 'component:board', { types: ['component:updated'] });
  const members = usePresence(client, 'doc-1', { name: 'Ada', metadata: { color: 'red' } });
  const schema = useSchema(client, 'crm', { storage: null });
  const state: State = useSignal(client.state);
  channel?.broadcast('typing', {});
  return `${joined} ${String(lastFrame?.payload)} ${members.map((m) => m.name).join()} ${schema?.version} ${state}`;
}
