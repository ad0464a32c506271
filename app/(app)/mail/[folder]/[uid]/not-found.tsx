import { MessageGone } from "@/components/message-view/message-gone";

export default function MessageNotFound() {
  return <MessageGone folderHref="/mail" />;
}
