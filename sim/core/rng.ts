// Named random streams derived from one scenario seed (TigerBeetle's VOPR habit): each consumer
// draws from its own stream, so a new draw in one model never shifts another model's draws.
// All randomness in sim/ comes from here; the generator is seedrandom's Alea (fast, portable,
// identical in Node and in browsers).
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number | string, stream: string): Rng {
  const prng = seedrandom.alea(`hcisim/${seed}/${stream}`);
  return {
    next: () => prng(),
    // 1 - u is in (0, 1], so the log is finite.
    exponential: (mean) => -mean * Math.log(1 - prng()),
    int: (n) => Math.floor(prng() * n),
  };
}

/** Hands out one stream per name; asking twice for a name gives the same stream. */
export class RngStreams {
  private readonly streams = new Map<string, Rng>();
  constructor(readonly seed: number | string) {}

  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      rng = createRng(this.seed, name);
      this.streams.set(name, rng);
    }
    return rng;
  }
}
