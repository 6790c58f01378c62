import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** The TCP addresses `pid` listens on, as `127.0.0.1:8000` or `[::]:8000` (Linux /proc). */
export function listeningAddresses(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  const found: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let rows: string[];
    try {
      rows = readFileSync(table, "utf8").trim().split("\n").slice(1);
    } catch {
      continue; // no IPv6 on this machine
    }
    for (const row of rows) {
      const [, local, , state, , , , , , inode] = row.trim().split(/\s+/);
      // 0A is TCP_LISTEN.
      if (state === "0A" && inodes.has(inode!)) found.push(decodeAddress(local!));
    }
  }
  return found;
}

/** `0100007F:1F40` → `127.0.0.1:8000`; IPv6 as eight groups. The kernel prints each 32-bit word in host (little-endian) order. */
function decodeAddress(hex: string): string {
  const [address, port] = hex.split(":") as [string, string];
  const words = address.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(""));
  const host = words.length === 1
    ? words[0]!.match(/../g)!.map((b) => parseInt(b, 16)).join(".")
    : `[${words.join("").match(/.{4}/g)!.join(":")}]`;
  return `${host}:${parseInt(port, 16)}`;
}
