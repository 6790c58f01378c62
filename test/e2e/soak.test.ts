import { expect, test } from "vitest";
// @ts-expect-error: a plain ESM bench script, without type declarations
import { runSoak } from "../../bench/soak.mjs";

interface Soak {
  counts: Record<string, { saves: number; expected: number }>;
  mismatches: { save: number; kind: string; report: string }[];
  recovered: boolean;
  alive: boolean;
  checkCode: number;
  checkOutput: string;
  exitCode: number | string;
  leftovers: number;
  maxProcesses: number;
  rss: { startMb: number; endMb: number; samplesMb: number[] };
  secretPrinted: boolean;
}

// The short version of `node bench/soak.mjs` (1000 saves): the same script, 60 saves.
test("watch soak: 60 mixed saves; every one reported, the watcher survives, recovers, stays in bounds", { timeout: 180_000 }, async () => {
  const soak = (await runSoak({ saves: 60, seed: 11 })) as Soak;
  expect(soak.mismatches, JSON.stringify(soak.mismatches.slice(0, 2), null, 2)).toEqual([]);
  for (const [kind, { saves, expected }] of Object.entries(soak.counts)) {
    expect(saves, `${kind} was exercised`).toBeGreaterThan(0);
    expect(expected, kind).toBe(saves);
  }
  expect(soak.alive).toBe(true);
  expect(soak.recovered).toBe(true);
  expect(soak.checkCode, soak.checkOutput).toBe(0);
  expect(soak.maxProcesses, "one warm extractor, no leaked forks").toBe(1);
  expect(soak.exitCode).toBe(130);
  expect(soak.leftovers).toBe(0);
  expect(soak.rss.endMb - soak.rss.startMb, `RSS samples (MB): ${soak.rss.samplesMb.join(" ")}`).toBeLessThan(100);
  expect(soak.secretPrinted).toBe(false);
});
