/**
 * Git's `core.autocrlf=true` (Git for Windows' default, and its CI runners') checks committed
 * text out with CRLF endings and stores it with LF again on `git add`. sync-types writes LF, so a
 * committed file that differs from what it would write only by CRLF endings is the same commit:
 * every comparison with a committed file reads it as the LF text git stores. The one other way to
 * get there, a file committed with CRLF on purpose, differs in nothing a compiler or parser sees.
 */
export function asCommitted(text: string): string {
  return text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
}
