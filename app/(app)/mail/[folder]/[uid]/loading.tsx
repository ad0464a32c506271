import { MessageSkeleton } from "@/components/message-view/message-skeleton";

export default function Loading() {
  return <MessageSkeleton />;
}
