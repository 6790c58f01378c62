import { trimTraceback } from "./common.js";

/** A line longer than this keeps its start and a note of how much was cut: memory stays bounded. */
export const MAX_LINE_CHARS = 16 * 1024;

/** The last lines a process printed, for error messages; linear in what it is fed, bounded in size. */
export class OutputTail {
  readonly #lines: string[] = [];
  #partial = "";
  #cut = 0;
  #pendingCR = false;
  /** Keeps more than it shows: trimming noise frames from a traceback must still leave `size` lines. */
  constructor(readonly size = 20) {}
  push(chunk: string): string[] {
    const complete: string[] = [];
    let start = 0;
    // Only the new chunk is searched for line ends: the partial line is never rescanned.
    for (let end = chunk.indexOf("\n"); end >= 0; end = chunk.indexOf("\n", start)) {
      this.#append(chunk.slice(start, end));
      complete.push(this.#takeLine());
      start = end + 1;
    }
    this.#append(chunk.slice(start));
    for (const line of complete) {
      this.#lines.push(line);
      if (this.#lines.length > this.size * 3) this.#lines.shift();
    }
    return complete;
  }
  lines(): string[] {
    const partial = this.#partial || this.#cut ? [this.#render()] : [];
    return trimTraceback([...this.#lines, ...partial]).slice(-this.size);
  }
  text(): string {
    return this.lines().join("\n");
  }
  #append(text: string): void {
    if (this.#pendingCR && text.length > 0) {
      // The "\r" held back was not part of a "\r\n" after all.
      this.#pendingCR = false;
      this.#add("\r");
    }
    if (text.endsWith("\r")) {
      this.#pendingCR = true;
      text = text.slice(0, -1);
    }
    this.#add(text);
  }
  #add(text: string): void {
    const room = MAX_LINE_CHARS - this.#partial.length;
    if (text.length <= room) this.#partial += text;
    else {
      this.#partial += text.slice(0, Math.max(room, 0));
      this.#cut += text.length - Math.max(room, 0);
    }
  }
  #takeLine(): string {
    const line = this.#render();
    this.#partial = "";
    this.#cut = 0;
    this.#pendingCR = false;
    return line;
  }
  #render(): string {
    return this.#cut > 0 ? `${this.#partial}… (${this.#cut} characters cut)` : this.#partial;
  }
}
