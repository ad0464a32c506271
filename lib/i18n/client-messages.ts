/**
 * Namespaces worded only on the server (server actions' results, zod checks, send outcomes, page
 * metadata): no client component translates them, so the browser is never sent them.
 */
export const SERVER_ONLY_NAMESPACES = ["actions", "app", "sending", "validation"];

/** Namespaces only client components of the settings pages translate; the settings layout sends them. */
export const SETTINGS_ONLY_NAMESPACES = ["deliverability"];

type Catalogue = Record<string, unknown>;

const kept = new WeakMap<Catalogue, Catalogue>();
const keptForSettings = new WeakMap<Catalogue, Catalogue>();

function without<T extends Catalogue>(messages: T, namespaces: string[]): T {
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => !namespaces.includes(namespace))) as T;
}

/**
 * The part of a catalogue that the root layout gives client components: every page's HTML carries
 * it (it was the whole 58 KB catalogue, a fifth of a list page and half of a message page). One
 * object per catalogue, made once.
 */
export function clientMessages<T extends Catalogue>(messages: T): T {
  let result = kept.get(messages) as T | undefined;
  if (!result) {
    result = without(messages, [...SERVER_ONLY_NAMESPACES, ...SETTINGS_ONLY_NAMESPACES]);
    kept.set(messages, result);
  }
  return result;
}

/** What the settings pages' client components need: the client catalogue and the settings-only namespaces. */
export function settingsClientMessages<T extends Catalogue>(messages: T): T {
  let result = keptForSettings.get(messages) as T | undefined;
  if (!result) {
    result = without(messages, SERVER_ONLY_NAMESPACES);
    keptForSettings.set(messages, result);
  }
  return result;
}
