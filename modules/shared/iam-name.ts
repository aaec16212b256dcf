/** IAM role names are at most 64 characters: longer ones keep their start and end, with a hash between. */
export function iamName(name: string): string {
  if (name.length <= 64) return name;
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 48)}-${hash.toString(36).padStart(7, "0").slice(0, 7)}-${name.slice(-7)}`;
}
