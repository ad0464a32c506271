"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
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

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(320),
  password: z.string().min(1, "Enter your password.").max(1024),
});

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email") ?? "", password: formData.get("password") ?? "" });
  const email = String(formData.get("email") ?? "").slice(0, 320);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter your email address and password.", email };
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { ...refusalMessage(error.code), email };
    console.error(`[sign-in] unexpected ${error instanceof Error ? error.name : "error"}`);
    return { error: "Something went wrong while signing you in. Please try again.", email };
  }
  redirect("/mail/INBOX");
}

function refusalMessage(code: string): Omit<SignInState, "email"> {
  const [reason, retryAtMs] = code.split(":");
  switch (reason) {
    case "domain": {
      const domains = env().allowedDomains;
      return { error: `This address can't sign in here. Use your ${domains.map((d) => `@${d}`).join(" or ")} address.` };
    }
    case "unreachable":
      return { error: "The mail server can't be reached right now. Please try again in a few minutes." };
    case "timeout":
      return { error: "The mail server didn't answer within 10 seconds. Please try again in a few minutes." };
    case "locked":
      return {
        error: "Too many failed sign-in attempts. For your security, signing in is paused.",
        retryAt: new Date(Number(retryAtMs)).toISOString(),
      };
    default:
      return { error: "Wrong email address or password." };
  }
}

/** Clears the cookie; Auth.js's signOut event (lib/auth/auth.ts) ends the session row and its IMAP connection. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
