import { redirect } from "next/navigation";
import { folderHref } from "@/components/messages/hrefs";

export default function MailHome() {
  redirect(folderHref("INBOX"));
}
