"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { env } from "@/lib/env";

export interface SignInState {
  error?: string;
  /** When a locked sign-in may be tried again (ISO 8601), for the page to show in the reader's time zone. */
  retryAt?: string;
  /** What was typed in the Email field, so it is not lost. The password is never sent back. */
  email?: string;
}

type ActionsTranslator = Awaited<ReturnType<typeof getTranslations<"actions">>>;

function signInSchema(t: ActionsTranslator) {
  return z.object({
    email: z.string().trim().min(1, t("signIn.emailMissing")).max(320, t("signIn.wrong")),
    password: z.string().min(1, t("signIn.passwordMissing")).max(1024, t("signIn.wrong")),
  });
}

/** Signs in with the mailbox's own login; a refusal comes back in the reader's language. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getTranslations("actions");
  const parsed = signInSchema(t).safeParse({ email: formData.get("email") ?? "", password: formData.get("password") ?? "" });
  const email = String(formData.get("email") ?? "").slice(0, 320);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? t("signIn.credentialsMissing"), email };
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { ...(await refusalMessage(t, error.code)), email };
    console.error(`[sign-in] unexpected ${error instanceof Error ? error.name : "error"}`);
    return { error: t("signIn.failed"), email };
  }
  redirect("/mail/INBOX");
}

async function refusalMessage(t: ActionsTranslator, code: string): Promise<Omit<SignInState, "email">> {
  const [reason, retryAtMs] = code.split(":");
  switch (reason) {
    case "domain": {
      const domains = env().allowedDomains.map((domain) => `@${domain}`);
      return { error: t("signIn.domain", { domains: (await getFormatter()).list(domains, { type: "disjunction" }) }) };
    }
    case "unreachable":
      return { error: t("signIn.unreachable") };
    case "timeout":
      return { error: t("signIn.timeout") };
    case "locked":
      return { error: t("signIn.locked"), retryAt: new Date(Number(retryAtMs)).toISOString() };
    default:
      return { error: t("signIn.wrong") };
  }
}

/** Clears the cookie; Auth.js's signOut event (lib/auth/auth.ts) ends the session row and its IMAP connection. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
