/**
 * Namespaces worded only on the server (server actions' results, zod checks, send outcomes, page
 * metadata): no client component translates them, so the browser is never sent them.
 */
export const SERVER_ONLY_NAMESPACES = ["actions", "app", "sending", "validation"];

/**
 * Namespaces (or parts of one, as dotted paths) that only the settings pages' client components
 * translate: the settings layout sends them. The settings navigation stays in every page's
 * catalogue (the command palette lists its sections).
 */
export const SETTINGS_ONLY_NAMESPACES = [
  "deliverability",
  "settings.appearance",
  "settings.language",
  "settings.sessions",
  "settings.identities",
  "settings.outgoing",
  "settings.deliverability",
  "settings.folders",
];

type Catalogue = Record<string, unknown>;

const kept = new WeakMap<Catalogue, Catalogue>();
const keptForSettings = new WeakMap<Catalogue, Catalogue>();

/** The catalogue less the namespaces at `paths` ("a" or "a.b"); what is not left out is shared, not copied. */
function without<T extends Catalogue>(messages: T, paths: string[]): T {
  const result: Catalogue = { ...messages };
  for (const dotted of paths) {
    const [namespace, ...rest] = dotted.split(".");
    if (rest.length === 0) delete result[namespace!];
    else if (result[namespace!] && typeof result[namespace!] === "object") result[namespace!] = without(result[namespace!] as Catalogue, [rest.join(".")]);
  }
  return result as T;
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
