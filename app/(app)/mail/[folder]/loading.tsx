import { MessageListSkeleton } from "@/components/messages/message-list-skeleton";

export default function Loading() {
  return <MessageListSkeleton />;
}
