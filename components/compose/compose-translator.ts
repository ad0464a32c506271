import type { useTranslations } from "next-intl";

/** The composer's translator (its "compose" namespace), for the composer's plain modules that word something. */
export type ComposeTranslator = ReturnType<typeof useTranslations<"compose">>;
