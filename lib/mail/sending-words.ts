/**
 * What to tell the reader, as a key of the "sending" catalogue (messages/<locale>/sending.json) with
 * its values: lib/mail has no text of its own; lib/actions and lib/outgoing word it in the reader's
 * language.
 */
export interface SendingWords {
  key: SendingKey;
  values: Record<string, string | number>;
}

export type SendingKey =
  | "smtp.connected"
  | "smtp.guard"
  | "smtp.notFound"
  | "smtp.lookupLater"
  | "smtp.refused"
  | "smtp.auth"
  | "smtp.certificate"
  | "smtp.tlsMismatch"
  | "smtp.timeout"
  | "smtp.starttls"
  | "smtp.unknown"
  | "smtp.untrusted"
  | "send.draftMissing"
  | "send.dropped"
  | "send.recipientsRefused"
  | "send.tooLarge"
  | "send.messageRefused"
  | "input.headerLineBreak"
  | "input.invalidAddress"
  | "input.malformedMessageId"
  | "input.noRecipient"
  | "input.onBehalf"
  | "input.fromCount"
  | "input.fromNotOwn"
  | "input.replyToStranger";
