/** A small seeded PRNG (mulberry32): the same seed gives the same demo city and the same synthetic register. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return {
    next,
    /** An integer in [min, max], both included. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick,
    chance: (p: number) => next() < p,
    /** Picks a value with probability proportional to its weight. */
    weighted: <T>(choices: readonly (readonly [T, number])[]): T => {
      let total = 0;
      for (const [, w] of choices) total += w;
      let r = next() * total;
      for (const [value, w] of choices) {
        r -= w;
        if (r < 0) return value;
      }
      return choices[choices.length - 1]![0];
    },
  };
}
export type Random = ReturnType<typeof createRandom>;
