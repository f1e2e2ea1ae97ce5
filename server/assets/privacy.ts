/**
 * Masking of borrowers' and guarantors' personal data for anyone not entitled to it.
 * The masked form keeps enough to recognise a party you already know, never enough to identify one.
 */

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  if (chars.length === 1) return "*";
  // Chinese personal names: keep the family name (张三 -> 张*, 欧阳娜娜 -> 欧***).
  if (/^[\u3400-\u9fff·]+$/.test(name.trim())) return chars[0] + "*".repeat(Math.min(chars.length - 1, 3));
  // Latin names and company names: keep the first letter of the first word.
  return `${chars[0]}${"*".repeat(Math.min(chars.length - 1, 5))}`;
}

/** ID and registration numbers: the first 2 and last 2 characters at most, never more than a third. */
export function maskIdNumber(id: string): string {
  const s = id.replace(/\s+/g, "");
  if (s.length <= 6) return "*".repeat(s.length);
  return `${s.slice(0, 2)}${"*".repeat(s.length - 4)}${s.slice(-2)}`;
}
