/** How a connection to a mail server is protected: implicit TLS, plain then STARTTLS (required), or no encryption. */
export const CONNECTION_SECURITIES = ["tls", "starttls", "none"] as const;

export type ConnectionSecurity = (typeof CONNECTION_SECURITIES)[number];
