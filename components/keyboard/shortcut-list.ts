"use client";

import { useTranslations } from "next-intl";

/** Every keyboard shortcut, for the help sheet ("?"). Keys are written as they are pressed, one after another. */
export interface ShortcutGroup {
  title: string;
  shortcuts: { keys: string[]; does: string }[];
}

/** The shortcut groups, in the reader's language (key names too: "Strg" on a German keyboard). */
export function useShortcutGroups(): ShortcutGroup[] {
  const t = useTranslations("keyboard");
  const shift = t("keys.shift");
  return [
    {
      title: t("groups.moving"),
      shortcuts: [
        { keys: ["j"], does: t("next") },
        { keys: ["k"], does: t("previous") },
        { keys: ["o"], does: t("open") },
        { keys: ["u"], does: t("back") },
        { keys: ["g", "i"], does: t("inbox") },
        { keys: ["g", "s"], does: t("starred") },
        { keys: ["/"], does: t("search") },
        { keys: [t("keys.ctrl"), "K"], does: t("palette") },
        { keys: ["?"], does: t("help") },
      ],
    },
    {
      title: t("groups.writing"),
      shortcuts: [
        { keys: ["c"], does: t("compose") },
        { keys: ["r"], does: t("reply") },
        { keys: ["a"], does: t("replyAll") },
        { keys: ["f"], does: t("forward") },
      ],
    },
    {
      title: t("groups.messages"),
      shortcuts: [
        { keys: ["e"], does: t("archive") },
        { keys: ["#"], does: t("delete") },
        { keys: ["s"], does: t("star") },
        { keys: [shift, "I"], does: t("read") },
        { keys: [shift, "U"], does: t("unread") },
        { keys: ["v"], does: t("move") },
        { keys: ["l"], does: t("copy") },
        { keys: ["!"], does: t("junk") },
        { keys: ["x"], does: t("select") },
        { keys: ["*", "a"], does: t("selectAll") },
        { keys: ["*", "n"], does: t("selectNone") },
        { keys: ["z"], does: t("undo") },
      ],
    },
  ];
}
