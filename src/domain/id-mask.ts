/**
 * An identity number as people may see it (domain.md §8: ID numbers are never public): only its last four characters,
 * the rest masked. src/people/identity.ts keeps the tail; pages show it through this.
 */
export const maskedId = (tail: string) => `**************${tail}`;
