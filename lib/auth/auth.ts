import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { database } from "@/lib/db/database";
import { publishNotification } from "@/lib/db/notifications";
import { deleteSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { imapPool, imapServer } from "./imap-pool-instance";
import { clientAddressFrom, normalizeIp, parseTrustedProxies, SOCKET_ADDRESS_HEADER, type TrustedProxies } from "./client-address";
import { SignInRefused, signInWithMailbox } from "./sign-in";
import { sessionRowId } from "./vault";

declare module "next-auth" {
  interface User {
    sessionId?: string;
    sessionKey?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    key?: string;
  }
}

/** Carries the refusal reason (and retry time) to the sign-in action; Auth.js never logs or echoes credentials with it. */
export class MailboxSignInError extends CredentialsSignin {
  constructor(refusal: SignInRefused) {
    super();
    this.code = refusal.retryAt ? `${refusal.reason}:${refusal.retryAt.getTime()}` : refusal.reason;
  }
}

// Auth.js would log whole error objects; Mailroom logs the kind only, so nothing a user typed reaches a log.
const quietLogger = {
  error(error: Error) {
    if (!(error instanceof CredentialsSignin)) console.error(`[auth] ${error.name}: ${error.message.split("\n")[0]}`);
  },
  warn() {},
  debug() {},
};

let trusted: TrustedProxies | undefined;

/** MAILROOM_TRUSTED_PROXIES, parsed once (its syntax was checked at start-up by lib/env.ts). */
export function trustedProxies(): TrustedProxies {
  trusted ??= parseTrustedProxies(env().trustedProxies);
  return trusted;
}

let warnedAboutProxy = false;

/**
 * The client of a sign-in request. Says once in the log when a proxy on this machine seems to be
 * forwarding without being trusted: then every user would count as the proxy's address.
 */
function signInClientAddress(headers: Headers): string {
  const address = clientAddressFrom(headers, trustedProxies());
  const socket = normalizeIp(headers.get(SOCKET_ADDRESS_HEADER) ?? "");
  if (!warnedAboutProxy && headers.has("x-forwarded-for") && address === socket && /^(127\.|::1$)/.test(socket)) {
    warnedAboutProxy = true;
    console.warn("[auth] X-Forwarded-For from a loopback peer that is not in MAILROOM_TRUSTED_PROXIES is ignored; list your reverse proxy there.");
  }
  return address;
}

/**
 * Ends the server side of a session: its row (so the cookie no longer opens anything, on any
 * instance), its IMAP connection in this instance, and (through a notification) its live-update
 * streams and connections in every instance.
 */
export async function endServerSession(sessionId: string): Promise<void> {
  const db = await database();
  await deleteSession(db, sessionRowId(sessionId));
  await imapPool().release(sessionId);
  await publishNotification(db, { kind: "session-ended", sessionRowId: sessionRowId(sessionId) }).catch((error: Error) => console.warn(`notifications: ${error.message}`));
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: env().session.lifetimeHours * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: quietLogger,
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const settings = env();
        try {
          const signedIn = await signInWithMailbox(
            {
              db: await database(),
              server: imapServer(),
              pool: imapPool(),
              allowedDomains: settings.allowedDomains,
              limits: settings.signIn,
              sessionLimits: settings.session,
            },
            {
              email: String(credentials.email ?? ""),
              password: String(credentials.password ?? ""),
              clientAddress: signInClientAddress(request.headers),
              userAgent: request.headers.get("user-agent"),
            },
          );
          return { id: signedIn.userId, email: signedIn.email, sessionId: signedIn.sessionId, sessionKey: signedIn.sessionKey };
        } catch (error) {
          if (error instanceof SignInRefused) throw new MailboxSignInError(error);
          throw error;
        }
      },
    }),
  ],
  // Every sign-out, including Auth.js's own POST /api/auth/signout, ends the session row too:
  // clearing the cookie alone would leave a copied cookie working.
  events: {
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sid : undefined;
      if (sessionId) await endServerSession(sessionId);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sid = user.sessionId;
        token.key = user.sessionKey;
        token.email = user.email;
      }
      return token;
    },
    // What /api/auth/session shows the browser: the address only, never the session id or key.
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "", email: token.email ?? "", emailVerified: null } };
    },
  },
}));
