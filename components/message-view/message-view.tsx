import { useTranslations } from "next-intl";
import type { MessageViewData } from "@/lib/mail/message/body";
import type { Mailbox } from "@/lib/mail/message/parse";
import type { SenderVerdictView } from "@/lib/reads/sender-verdict";
import { AttachmentList } from "./attachment-list";
import { DeceptiveLinksNotice } from "./deceptive-links-notice";
import { HeaderDetails } from "./header-details";
import { composeFromHref, messageFrameHref, messageSourceHref, printHref, type ComposeStart } from "./hrefs";
import { HtmlBody } from "./html-body";
import { LocalDateTime } from "./local-date-time";
import { PlainTextBody } from "./plain-text-body";
import { SenderVerdict } from "./sender-verdict";

const REPLY_ACTIONS: ComposeStart[] = ["reply", "replyAll", "forward", "forwardAsAttachment"];

interface Props {
  message: MessageViewData;
  /** The user always loads remote content from this sender. */
  remoteAllowed: boolean;
  headingLevel?: 1 | 2;
  /** Leaves out the actions (for the print view). */
  printing?: boolean;
  /** The company server's verdict on the sender, and warnings about the From line. */
  sender?: SenderVerdictView;
  /** Folded in a conversation: its body frame loads when the reader unfolds it, not with the page. */
  folded?: boolean;
}

/** One message: who, when, what, its body (sandboxed HTML or plain text) and its attachments. */
export function MessageView({ message, remoteAllowed, headingLevel = 1, printing = false, sender, folded = false }: Props) {
  const headingId = `message-${message.uid}-${message.folder.replace(/[^\w-]/g, "_")}-subject`;
  const t = useTranslations("messageView");
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const subject = message.subject || t("noSubject");
  const replyLabel = (start: ComposeStart) =>
    start === "reply" ? t("actions.reply") : start === "replyAll" ? t("actions.replyAll") : start === "forward" ? t("actions.forward") : t("actions.forwardAsAttachment");
  return (
    <article aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white/80 p-4 sm:p-6">
      <header>
        <Heading id={headingId} className="text-xl font-semibold break-words text-slate-900">
          {subject}
        </Heading>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">{t("header.from")}</dt>
          <dd className="min-w-0 break-words">{message.from ? <Person person={message.from} /> : t("noSender")}</dd>
          {message.to.length > 0 ? (
            <>
              <dt className="text-slate-500">{t("header.to")}</dt>
              <dd className="min-w-0 break-words">
                <People people={message.to} />
              </dd>
            </>
          ) : null}
          {message.cc.length > 0 ? (
            <>
              <dt className="text-slate-500">{t("header.cc")}</dt>
              <dd className="min-w-0 break-words">
                <People people={message.cc} />
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">{t("header.date")}</dt>
          <dd>
            <LocalDateTime iso={message.date} />
          </dd>
        </dl>
        {sender && !printing ? <SenderVerdict verdict={sender} from={message.from?.address || null} /> : null}
        {message.body.kind === "html" && !printing ? <DeceptiveLinksNotice count={message.body.suspiciousLinks} /> : null}
        {printing ? null : (
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <HeaderDetails headers={message.headers} authentication={sender?.authentication} />
            <nav aria-label={t("actions.label")} data-message-actions="" className="mt-2 ml-auto flex flex-wrap items-center gap-1 text-xs">
              {REPLY_ACTIONS.map((start) => (
                <a
                  key={start}
                  data-compose-start={start}
                  href={composeFromHref(start, message.folder, message.uid)}
                  className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-100 md:min-h-0"
                >
                  {replyLabel(start)}
                </a>
              ))}
              <a
                href={messageSourceHref(message.folder, message.uid)}
                target="_blank"
                rel="noopener"
                className="inline-flex min-h-11 items-center rounded-md px-2 py-1 font-medium text-slate-600 hover:bg-slate-100 md:min-h-0"
              >
                {t("actions.viewSource")}
              </a>
              <a
                href={printHref(message.folder, message.uid)}
                target="_blank"
                rel="noopener"
                className="inline-flex min-h-11 items-center rounded-md px-2 py-1 font-medium text-slate-600 hover:bg-slate-100 md:min-h-0"
              >
                {t("actions.print")}
              </a>
            </nav>
          </div>
        )}
      </header>
      {message.truncated ? <p className="mt-3 text-sm text-slate-600">{t("truncated")}</p> : null}
      <div className="mt-4">
        {message.body.kind === "html" ? (
          <HtmlBody
            blockedSrc={messageFrameHref(message.folder, message.uid, message.uidValidity, false)}
            remoteSrc={messageFrameHref(message.folder, message.uid, message.uidValidity, true)}
            title={t("frameTitle", { subject })}
            remoteContentBlocked={message.body.remoteContentBlocked}
            remoteAllowed={remoteAllowed}
            sender={message.from?.address || null}
            height={printing ? Math.max(message.body.estimatedHeight * 2, 1200) : message.body.estimatedHeight}
            ownColours={message.body.ownColours}
            folded={folded}
          />
        ) : message.body.kind === "text" ? (
          <PlainTextBody blocks={message.body.blocks} />
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500">{t("noText")}</p>
        )}
      </div>
      {printing ? (
        message.attachments.length > 0 ? (
          <p className="mt-4 text-sm text-slate-600">
            {t("printedAttachments", { names: message.attachments.map((attachment) => attachment.filename).join(", ") })}
            {message.unlistedAttachments > 0 ? ` ${t("attachments.notListed", { count: message.unlistedAttachments })}` : null}
          </p>
        ) : null
      ) : (
        <AttachmentList folder={message.folder} uid={message.uid} attachments={message.attachments} unlisted={message.unlistedAttachments} />
      )}
    </article>
  );
}

function Person({ person }: { person: Mailbox }) {
  if (!person.name || person.name === person.address) return <span>{person.address}</span>;
  return (
    <span>
      <span className="font-medium">{person.name}</span>{" "}
      <span className="text-slate-500">
        {"<"}
        {person.address}
        {">"}
      </span>
    </span>
  );
}

function People({ people }: { people: Mailbox[] }) {
  return (
    <>
      {people.map((person, index) => (
        <span key={index}>
          {index > 0 ? ", " : null}
          <Person person={person} />
        </span>
      ))}
    </>
  );
}
