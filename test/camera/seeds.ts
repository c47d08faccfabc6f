/** Seeds written as ranges and lists: "1-10", "3,6,8", "1-4,9". */
export function parseSeeds(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) throw new Error(`种子写法不对：${part}（例：1-10 或 3,6,8）`);
    return Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i);
  });
}
