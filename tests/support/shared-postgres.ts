/** The PostgreSQL server that multi-instance tests share (the machine's, on loopback, trust auth). */
export const SHARED_POSTGRES_URL = process.env.MAILROOM_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
