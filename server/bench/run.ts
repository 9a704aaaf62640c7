import * as flood from './flood.bench';
import * as integrity from './integrity.bench';
import * as liveFeed from './live-feed.bench';
import * as phoneLoad from './phone-first-load';
import * as scoring from './scoring.bench';

/** Benchmarks in the order they run; `npm run bench -- scoring` runs only the named ones. */
const BENCHES: readonly { readonly name: string; readonly run: () => Promise<void> }[] = [
  { name: 'scoring', run: scoring.run },
  { name: 'live-feed', run: liveFeed.run },
  { name: 'flood', run: flood.run },
  { name: 'phone-load', run: phoneLoad.run },
  { name: 'integrity', run: integrity.run },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  for (const bench of BENCHES) {
    if (wanted.length && !wanted.includes(bench.name)) continue;
    await bench.run();
    console.log();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
