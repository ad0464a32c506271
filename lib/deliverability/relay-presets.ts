import { z } from "zod";
import presetsFile from "./relay-presets.json";

/**
 * The relay presets of Settings → Outgoing mail, kept as data (relay-presets.json) so they can be
 * brought up to date without code changes, and checked here once at load. The file holds no prose:
 * each preset names its words (hints) in the deliverability catalogue.
 */
const hostName = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "a lower-case host name");
const spfDomain = z.string().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/, "a lower-case domain (_spf.example.com)");

const relayPresetSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a kebab-case id"),
  label: z.string().min(1).max(80),
  /** Empty only for "other", whose host the user types. */
  host: z.union([hostName, z.literal("")]),
  port: z.number().int().min(1).max(65535),
  security: z.enum(["tls", "starttls"]),
  /** The key under deliverability.presets of the catalogues with this relay's words (user name, return path and DKIM hints). */
  hints: z.string().regex(/^[a-z][A-Za-z0-9]*$/, "a camel-case key under deliverability.presets"),
  /** The domains whose `include:` in the From domain's SPF record authorises this relay (the first is the one suggested). */
  spfIncludes: z.array(spfDomain).max(5),
  /** Whether the envelope sender (Return-Path), which SPF checks, is in the From domain: then SPF can align for DMARC. */
  returnPathAligned: z.union([z.boolean(), z.literal("custom-domain")]),
  dkim: z.object({
    /** Selectors the provider uses; empty when each account gets its own (the user enters them). */
    selectors: z.array(z.string().regex(/^[a-z0-9_-]{1,63}$/)).max(8),
    recordType: z.enum(["TXT", "CNAME"]),
  }),
});

export type RelayPreset = z.infer<typeof relayPresetSchema>;
export const OTHER_RELAY_PRESET_ID = "other";

const relayPresetsFileSchema = z
  .object({ presets: z.array(relayPresetSchema).min(1) })
  .refine(({ presets }) => new Set(presets.map((preset) => preset.id)).size === presets.length, "preset ids must be unique")
  .refine(({ presets }) => presets.every((preset) => (preset.host === "") === (preset.id === OTHER_RELAY_PRESET_ID)), "only the other preset has no host")
  // A saved relay is recognised by its host (findRelayPresetByHost): two presets can't share one.
  .refine(({ presets }) => new Set(presets.map((preset) => preset.host)).size === presets.length, "preset hosts must be unique")
  .refine(({ presets }) => presets.some((preset) => preset.id === OTHER_RELAY_PRESET_ID), "an other preset is required");

/** Validates a presets file; throws with zod's message naming the bad entry. */
export function parseRelayPresets(data: unknown): RelayPreset[] {
  return relayPresetsFileSchema.parse(data).presets;
}

const relayPresets: readonly RelayPreset[] = Object.freeze(parseRelayPresets(presetsFile));

export function listRelayPresets(): readonly RelayPreset[] {
  return relayPresets;
}

export function findRelayPreset(id: string): RelayPreset | undefined {
  return relayPresets.find((preset) => preset.id === id);
}

/** The preset whose relay host this is ("other" has none), so a saved relay needs no preset column. */
export function findRelayPresetByHost(host: string): RelayPreset | undefined {
  const wanted = host.trim().toLowerCase().replace(/\.$/, "");
  if (wanted === "") return undefined;
  return relayPresets.find((preset) => preset.host === wanted);
}
