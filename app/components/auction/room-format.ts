import { useTranslation } from "react-i18next";
import { currencyDigits, formatMoney } from "../../../core/money";

/** Money of one listing's currency, in the page's language; the unit people type amounts in. */
export function useMoney(currency: string) {
  const { t, i18n } = useTranslation();
  return {
    money: (minor: string | null | undefined) => (minor == null ? "" : formatMoney(minor, currency, i18n.language)),
    digits: currencyDigits(currency),
    unit: t(`auction.currencyUnit.${currency}`, { defaultValue: currency }),
  };
}

/** hh:mm:ss (with days in front when there are any): a countdown people read at a glance. */
export function clockText(totalMs: number, dayLabel: (days: number) => string): string {
  const s = Math.max(0, Math.ceil(totalMs / 1000));
  const days = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const hms = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${dayLabel(days)} ${hms}` : hms;
}
