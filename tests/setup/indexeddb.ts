/**
 * IndexedDB as the app has it (the index cache lives there): fake-indexeddb, a W3C-conformant in-memory one, shared by
 * a test file. Electron has structuredClone, jest's jsdom environment does not: V8's serializer is the same algorithm.
 */
import * as v8 from 'node:v8';

const g = globalThis as { structuredClone?: (value: unknown) => unknown };
g.structuredClone ??= (value: unknown): unknown => v8.deserialize(v8.serialize(value));

// eslint-disable-next-line @typescript-eslint/no-require-imports -- after the polyfill, which it needs at load
require('fake-indexeddb/auto');
