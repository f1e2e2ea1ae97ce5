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
  const chars = [...id.replace(/\s+/g, "")];
  if (chars.length <= 6) return "*".repeat(chars.length);
  // 7–11 characters: 2 or 3 shown, so a short number is never more than a third visible.
  const shown = Math.min(4, Math.floor(chars.length / 3));
  const head = Math.floor(shown / 2);
  const tail = shown - head;
  return `${chars.slice(0, head).join("")}${"*".repeat(chars.length - shown)}${chars.slice(chars.length - tail).join("")}`;
}
