import { MessageGone } from "@/components/message-view/message-gone";

export default function PrintNotFound() {
  return <MessageGone folderHref="/mail" />;
}
