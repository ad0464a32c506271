import Image from "@tiptap/extension-image";
import StarterKit from "@tiptap/starter-kit";

/**
 * What the Message field can hold: StarterKit with links, and images. Tiptap keeps only what this
 * schema knows, so pasted or quoted HTML cannot carry scripts or styles.
 */
export const messageEditorExtensions = [StarterKit.configure({ link: { openOnClick: false, autolink: true, defaultProtocol: "https" } }), Image.configure({ allowBase64: false })];
