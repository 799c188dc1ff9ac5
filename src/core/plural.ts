/** "1 member", "2 members", "0 teams"; `many` for words that do not take an s ("1 library", "2 libraries"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
